"""Incremental story clustering: each new article joins an existing story or starts one.

For each article, in arrival order (article id), inside one write transaction:

1. A copy (``duplicate_of``) joins its original's story; a revision (``revision_of``) takes
   the place of the version it revises, in that version's story.
2. The article's vector: its terms (the ``terms`` component: content words, and entities —
   as their canonical entity once linked, so "Zelensky" and "Zelenskyy" are one term —
   weighted :data:`ENTITY_WEIGHT` times a word — and counts, "23 pirate"), and the years its
   dates name (``y:2013``). Each term is weighted across the store by
   ``idf = ln((N + 1) / (df + 1)) + 1`` (:func:`idf_weight`) over the ``N`` articles counted
   so far — every article of a run is counted before any is placed.
3. Candidate stories come from the index of story centroids: the story postings of the
   article's :data:`QUERY_TERMS` heaviest terms (each term's :data:`POSTINGS` heaviest
   stories, among those seen in the last :data:`WINDOW_DAYS` days when the article is dated)
   — never a scan of all stories, so the cost per article stays flat as the store grows.
4. Each candidate is scored by :func:`similarity` (part by part: words, actors, counts) to
   the story's centroid (the sum of its articles' vectors) and to its recent articles, times a
   time factor: 1 within :data:`GRACE_DAYS` of the story's dates, decaying with a
   :data:`DECAY_DAYS` scale beyond (undated articles or stories: 1). The best candidate at or
   above the join threshold (:func:`join_threshold`, raised for a young story by
   :func:`_young`) is joined; otherwise the article starts a new story.
5. Stories that turn out to be one are merged: after a join, any other candidate whose
   centroid is at or above :data:`MERGE_THRESHOLD` with the joined story's is merged into
   it; candidates above :data:`RELATED_THRESHOLD` are recorded as related.
6. The assignment records its score and reason: the shared terms and actors that
   contributed most to the score.

Re-running assigns nothing new (assigned articles are skipped unless the stage version
changes); the story title is the headline of its most central article so far.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from ..store import Store

#: Bump when assignment decides differently (re-assigns every article on the next run).
STORY_VERSION = "3"

JOIN_THRESHOLD = 0.18
#: A headline or a brief shares fewer words with anything than a whole article does: the
#: join threshold falls linearly from JOIN_THRESHOLD at FULL_TERMS terms to SHORT_JOIN at
#: SHORT_TERMS (headline-only items of a headline stream).
SHORT_JOIN = 0.07
SHORT_TERMS = 10
FULL_TERMS = 40
MERGE_THRESHOLD = 0.22
RELATED_THRESHOLD = 0.20
ENTITY_WEIGHT = 1.5
YEAR_WEIGHT = 0.5
QUERY_TERMS = 15
POSTINGS = 100
CANDIDATES = 30
WINDOW_DAYS = 60
GRACE_DAYS = 4
DECAY_DAYS = 21
KEEP_TERMS = 200
MOVE_MARGIN = 0.03
MEMBERS = 20
LINKAGE_CANDIDATES = 6
TOP_K = 30
CENTROID_SHARE = 0.3
YOUNG_EXTRA = 0.22


@dataclass
class StoryReport:
    """What an assignment run did."""

    articles: int = 0
    joined: int = 0
    started: int = 0
    merged: int = 0
    moved: int = 0
    seconds: float = 0.0
    article_ids: list[int] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        return {"articles": self.articles, "joined": self.joined, "started": self.started,
                "merged": self.merged, "moved": self.moved, "seconds": round(self.seconds, 3)}


def idf_weight(n: int, df: int) -> float:
    """How much a term counts across a store of ``n`` articles when ``df`` of them have it."""
    return math.log((n + 1) / (df + 1)) + 1


def _young(size: int | None) -> float:
    """How much more than the join threshold joining a story of ``size`` articles takes: one
    report is a noisy sample of its event, so joining a story of one (or two) takes a closer
    match; the extra fades with the square of the size."""
    return 1 + YOUNG_EXTRA / max(1, size or 1) ** 2


def join_threshold(terms: int) -> float:
    """The score an article with ``terms`` terms needs to join a story (see SHORT_JOIN)."""
    if terms >= FULL_TERMS:
        return JOIN_THRESHOLD
    if terms <= SHORT_TERMS:
        return SHORT_JOIN
    share = (terms - SHORT_TERMS) / (FULL_TERMS - SHORT_TERMS)
    return SHORT_JOIN + share * (JOIN_THRESHOLD - SHORT_JOIN)


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


class StoryAssigner:
    """Assigns analyzed (and linked) articles to stories (see the module docstring)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @property
    def version(self) -> str:
        return f"stories.v{STORY_VERSION}"

    def assign(self, article_ids: Iterable[int] | None = None, *, force: bool = False
               ) -> StoryReport:
        started = time.perf_counter()
        report = StoryReport()
        wanted = None if article_ids is None else list(article_ids)
        todo = self.store.articles_to_assign("" if force else self.version, wanted)
        # every article of the batch counts in the term frequencies before any is placed, so
        # that a batch is placed the same way whatever its order
        for aid in todo:
            with self.store.transaction():
                data = self.store.assignment_input(aid)
                if data["duplicate_of"] is None:
                    self.store.count_terms(aid, self.vector(data))
        for aid in todo:
            self._assign_one(aid, report)
        self._refine(report)
        report.seconds = time.perf_counter() - started
        return report

    def _refine(self, report: StoryReport) -> None:
        """A second look at the run's articles once all of them are placed: an article that
        now fits another story better than its own (by :data:`MOVE_MARGIN`) moves there, with
        its copies. An article that came before the rest of its story (a flood-relief report
        placed in a border dispute because the flood story had not started yet) ends where
        it belongs, whatever the arrival order."""
        store = self.store
        for aid in report.article_ids:
            with store.transaction():
                data = store.assignment_input(aid)
                if data["duplicate_of"] is not None or data["revision_of"] is not None:
                    continue
                current = store.story_of(aid)
                if current is None:
                    continue
                vec = self.vector(data)
                scored = self._score(data, vec, extra=[current], exclude=aid)
                if not scored:
                    continue
                mine = next((x for x in scored if x[1] == current), None)
                best = scored[0]
                here = mine[0] if mine is not None else 0.0
                if best[1] == current or best[0] < join_threshold(len(data["terms"])) or \
                        best[0] < here + MOVE_MARGIN:
                    continue
                copies = [r[0] for r in store.conn.execute(
                    "SELECT id FROM articles WHERE duplicate_of = ?", (aid,))]
                store.remove_from_story(aid, vec)
                for c in copies:
                    store.remove_from_story(c, {})
                store.add_to_story(best[1], aid, vec, best[0], self._reason(best[2], data),
                                   self.version, data["published"], keep_terms=KEEP_TERMS)
                for c in copies:
                    store.add_to_story(best[1], c, {}, None, {"copy_of": aid}, self.version,
                                       None, keep_terms=KEEP_TERMS)
                report.moved += 1

    # -- one article ------------------------------------------------------------------------

    def vector(self, data: dict[str, Any]) -> dict[str, float]:
        """An article's term vector before weighting across the store."""
        vec: dict[str, float] = {}
        for term, kind, weight, entity_id in data["terms"]:
            if kind == "entity":
                cid = data["links"].get(entity_id)
                key = f"e:{cid}" if cid is not None else f"n:{term.casefold()}"
                vec[key] = vec.get(key, 0.0) + weight * ENTITY_WEIGHT
            elif kind == "count":
                vec["c:" + term] = vec.get("c:" + term, 0.0) + weight
            else:
                vec["w:" + term] = vec.get("w:" + term, 0.0) + weight
        for year in data["years"]:
            vec["y:" + year] = max(vec.get("y:" + year, 0.0), YEAR_WEIGHT)
        published = _day(data["published"])
        if published is not None:
            # not a term: the day tells similarity() how far apart two reports are
            vec["p:" + published.isoformat()] = 1.0
            vec[f"y:{published.year}"] = max(vec.get(f"y:{published.year}", 0.0), YEAR_WEIGHT)
        return vec

    def _assign_one(self, aid: int, report: StoryReport) -> None:
        store = self.store
        with store.transaction():
            data = store.assignment_input(aid)
            vec = self.vector(data)
            published = data["published"]
            original = data["duplicate_of"]
            if original is not None:
                sid = store.story_of(original)
                if sid is None:  # the original has no story yet: it gets one first
                    self._place(store.assignment_input(original), report)
                    sid = store.story_of(original)
                if sid is not None:
                    store.add_to_story(sid, aid, {}, None, {"copy_of": original},
                                       self.version, published, keep_terms=KEEP_TERMS)
                    report.joined += 1
                    report.articles += 1
                    report.article_ids.append(aid)
                    return
            revised = data["revision_of"]
            if revised is not None:
                sid = store.story_of(revised)
                if sid is not None:
                    store.remove_from_story(revised, self.vector(store.assignment_input(revised)))
                    store.add_to_story(sid, aid, vec, None, {"revision_of": revised},
                                       self.version, published, keep_terms=KEEP_TERMS)
                    report.joined += 1
                    report.articles += 1
                    report.article_ids.append(aid)
                    return
            self._place(data, report, vec)
        report.articles += 1
        report.article_ids.append(aid)

    def _score(self, data: dict[str, Any], vec: dict[str, float], *,
               extra: Iterable[int] = (), exclude: int | None = None
               ) -> list[tuple[float, int, list[tuple[str, float]], list[dict[str, float]]]]:
        """Candidate stories for an article, best first: (score, story, shared terms, the
        weighted vectors of its recent articles). ``exclude`` leaves an article out of its
        story's members (when re-checking where it belongs)."""
        store = self.store
        n = max(1, store.counted_articles())
        df = store.term_df(vec)
        idf = {t: idf_weight(n, df.get(t, 0)) for t in vec}
        weighted = {t: w * idf[t] for t, w in vec.items()}
        day = _day(data["published"])
        since = (day - timedelta(days=WINDOW_DAYS)).isoformat() if day else None
        terms = [t for t in weighted if t[0] != "p"]  # a publication day is no term to look up
        query = sorted(terms, key=lambda t: -weighted[t])[:QUERY_TERMS]
        partial = store.candidate_stories(query, since=since, per_term=POSTINGS)
        candidates = sorted(partial, key=lambda s: -partial[s])[:CANDIDATES]
        candidates += [e for e in extra if e not in candidates]
        vectors = store.story_vectors(candidates)
        heads = store.story_heads(candidates)
        all_df = store.term_df({t for v in vectors.values() for t in v})
        idf_cache: dict[str, float] = {}

        def w_idf(term: str) -> float:
            value = idf_cache.get(term)
            if value is None:
                value = idf_weight(n, all_df.get(term, df.get(term, 0)))
                idf_cache[term] = value
            return value

        # first the centroids (cheap), then the articles of the closest few stories
        centroids: dict[int, dict[str, float]] = {}
        first: list[tuple[float, int]] = []
        for sid in candidates:
            if sid not in heads:
                continue
            centroid = {t: w * w_idf(t) for t, w in vectors[sid].items()}
            if exclude is not None and sid in extra:
                # the story without the article itself
                centroid = {t: w - weighted.get(t, 0.0) for t, w in centroid.items()
                            if w - weighted.get(t, 0.0) > 1e-9}
            centroids[sid] = centroid
            first.append((similarity(weighted, centroid)[0], sid))
        first.sort(key=lambda x: (-x[0], x[1]))
        close = [sid for _c, sid in first[:LINKAGE_CANDIDATES]]
        close += [e for e in extra if e in centroids and e not in close]
        members = store.member_vectors(close, MEMBERS + 1, exclude=exclude)
        member_terms = {t for ms in members.values() for m in ms for t in m}
        all_df.update(store.term_df(member_terms - set(all_df)))
        scored = []
        for sid in close:
            mine = [{t: w * w_idf(t) for t, w in m.items()} for m in members[sid][:MEMBERS]]
            cos, shared = self._linkage(weighted, centroids[sid], mine)
            factor = _time_factor(day, _day(heads[sid]["first_seen"]),
                                  _day(heads[sid]["last_seen"]))
            scored.append((cos * factor, sid, shared, mine))
        scored.sort(key=lambda x: (-x[0], x[1]))
        return scored

    def _place(self, data: dict[str, Any], report: StoryReport,
               vec: dict[str, float] | None = None) -> None:
        store = self.store
        aid = data["id"]
        vec = vec if vec is not None else self.vector(data)
        scored = self._score(data, vec)
        n = max(1, store.counted_articles())
        df = store.term_df(vec)
        weighted = {t: w * idf_weight(n, df.get(t, 0)) for t, w in vec.items()}
        heads = store.story_heads([sid for _s, sid, _sh, _m in scored])
        need = join_threshold(len(data["terms"]))
        passing = [x for x in scored if x[0] >= need * _young(heads[x[1]]["size"])]
        if passing:
            score, sid, shared, members = passing[0]
            reason = self._reason(shared, data)
            store.add_to_story(sid, aid, vec, score, reason, self.version, data["published"],
                               keep_terms=KEEP_TERMS)
            report.joined += 1
            head = heads[sid]
            if data["title"] and not head["title"]:
                store.set_story_title(sid, data["title"], aid)
            self._merge_around(sid, [weighted, *members], [x for x in scored if x[1] != sid],
                               report)
        else:
            sid = store.create_story(data["title"] or _first_words(store, aid), aid,
                                     data["published"])
            store.add_to_story(sid, aid, vec, None, {"started": True}, self.version,
                               data["published"], keep_terms=KEEP_TERMS)
            report.started += 1
            for score, other, _shared, _c in scored:
                if score >= RELATED_THRESHOLD:
                    store.link_stories(sid, other, score)

    def _linkage(self, article: dict[str, float], centroid: dict[str, float],
                 members: list[dict[str, float]]) -> tuple[float, list[tuple[str, float]]]:
        """Similarity of an article to a story: the mean of its :data:`TOP_K` best cosines with
        the story's recent articles, mixed with its cosine to the centroid by
        :data:`CENTROID_SHARE` (articles of one event resemble each other more than they
        resemble a blur of the whole story)."""
        cos_c, shared = similarity(article, centroid)
        if not members:
            return cos_c, shared
        sims = sorted((similarity(article, m)[0] for m in members), reverse=True)
        top = sims[:TOP_K]
        link = sum(top) / len(top)
        return CENTROID_SHARE * cos_c + (1 - CENTROID_SHARE) * link, shared

    def _merge_around(self, sid: int, mine: list[dict[str, float]],
                      others: list[tuple[float, int, Any, list[dict[str, float]]]],
                      report: StoryReport) -> None:
        """Merge into the joined story the candidates whose articles resemble its articles as
        much as its own do (mean pairwise similarity at or above :data:`MERGE_THRESHOLD`);
        link those that come close."""
        for score, other, _shared, theirs in others:
            if score < RELATED_THRESHOLD:
                break
            if not theirs:
                continue
            pairs = [similarity(a, b)[0] for a in mine for b in theirs]
            mean = sum(pairs) / len(pairs)
            if mean >= MERGE_THRESHOLD:
                keep, gone = sorted((sid, other))
                self.store.merge_stories(keep, gone, keep_terms=KEEP_TERMS)
                report.merged += 1
                sid = keep
                mine = mine + theirs
            else:
                self.store.link_stories(sid, other, mean)

    def _reason(self, shared: list[tuple[str, float]], data: dict[str, Any]) -> dict[str, Any]:
        names = data["canonical_names"]
        terms, actors = [], []
        for term, _contribution in shared[:8]:
            kind, _, value = term.partition(":")
            if kind == "e":
                actors.append(names.get(int(value), value))
            elif kind == "n":
                actors.append(value)
            elif kind == "w":
                terms.append(value)
        return {"terms": terms[:5], "actors": actors[:5]}


#: How much each part of the vectors counts in :func:`similarity`: what the articles say
#: (words), who is in them (actors), what they count (counts) and when (years; 0: a shared
#: year would lift every pair of a year's news alike).
PART_WEIGHTS = {"w": 0.5, "e": 0.5, "c": 0.5, "y": 0.0}
#: Reports further apart than this many days are not compared by their counts.
COUNT_DAYS = 2


def similarity(a: dict[str, float], b: dict[str, float]) -> tuple[float, list[tuple[str, float]]]:
    """The weighted mean of the cosines of the word, actor, count and year parts (over
    the parts both vectors have), and the shared terms by contribution. Counts weigh only
    between reports at most :data:`COUNT_DAYS` apart (or of unknown dates): reports of one
    event on the same days agree on its figures, while a story that goes on counts anew (the
    toll rises, the crew is freed)."""
    parts: dict[str, tuple[dict[str, float], dict[str, float]]] = {}
    days: tuple[list[str], list[str]] = ([], [])
    for vec, side in ((a, 0), (b, 1)):
        for t, w in vec.items():
            if t[0] == "p":
                days[side].append(t[2:])
                continue
            kind = "e" if t[0] == "n" else t[0]  # a name without a link is an actor too
            pair = parts.setdefault(kind, ({}, {}))
            pair[side][t] = w
    far = bool(days[0] and days[1]) and _days_apart(days[0], days[1]) > COUNT_DAYS
    total = weight = 0.0
    shared: list[tuple[str, float]] = []
    for kind, (pa, pb) in parts.items():
        k = PART_WEIGHTS.get(kind, 0.0)
        if not k or not pa or not pb or (far and kind == "c"):
            continue
        cos, sh = _cosine(pa, pb)
        total += k * cos
        weight += k
        shared += [(t, c * k) for t, c in sh]
    shared.sort(key=lambda tc: -tc[1])
    return (total / weight if weight else 0.0), shared


def _days_apart(a: list[str], b: list[str]) -> int:
    """The fewest days between a day of ``a`` and a day of ``b`` (ISO dates; one side is one
    report's day, the other one report's or a story's few)."""
    return min(abs((date.fromisoformat(x) - date.fromisoformat(y)).days) for x in a for y in b)


def _cosine(a: dict[str, float], b: dict[str, float]) -> tuple[float, list[tuple[str, float]]]:
    na = math.sqrt(sum(w * w for w in a.values()))
    nb = math.sqrt(sum(w * w for w in b.values()))
    if not na or not nb:
        return 0.0, []
    shared = [(t, a[t] * b[t]) for t in a if t in b]
    dot = sum(c for _t, c in shared)
    shared.sort(key=lambda tc: -tc[1])
    return dot / (na * nb), shared


def _time_factor(day: date | None, first: date | None, last: date | None) -> float:
    if day is None or first is None or last is None:
        return 1.0
    gap = max((first - day).days, (day - last).days, 0)
    if gap <= GRACE_DAYS:
        return 1.0
    return math.exp(-(gap - GRACE_DAYS) / DECAY_DAYS)


def _first_words(store: Store, article_id: int) -> str | None:
    row = store.conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None or not row[0]:
        return None
    words = row[0].split()
    return " ".join(words[:12]) + (" …" if len(words) > 12 else "")


__all__ = ["STORY_VERSION", "StoryAssigner", "StoryReport"]
