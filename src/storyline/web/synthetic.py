"""A synthetic news database for ``storyline bench serve``: articles written from our own
templates about made-up places, people and organisations, grouped in developing stories.

The articles go through the real ingest; their analysis is written from what the templates
know (every entity, quote, title and date with its exact character span, as the analysis
stage would store it), so no spaCy run is needed; linking and story assignment are the real
stages. The pages served from it therefore have what a real database has: entities, quotes,
roles, time expressions, stories with timelines and coverage.
"""

from __future__ import annotations

import json
import math
import random
import shutil
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from ..errors import DataError
from ..models import (
    Analysis,
    ComponentRun,
    Entity,
    Mention,
    Quote,
    Role,
    Sentence,
    Term,
    TimeExpr,
)
from ..settings import Settings

PER_STORY = 12
_PER_FILE = 2000
#: Above this many articles, links and stories are written as the stages would leave them
#: (one canonical entity per made-up name, one story per planned story), as ``bench stories``
#: builds its stores: assigning 100,000 articles at once takes hours on a small machine, and
#: the pages read the same rows either way.
REAL_STAGES_UP_TO = 20_000
_SYLLABLES = ("ka", "lo", "ven", "dra", "mor", "tis", "bel", "ru", "sen", "vok", "har", "li",
              "mar", "to", "zen", "pal", "dun", "esk", "or", "va", "nel", "qui", "ast", "bro")
_NOUNS = ("ferry", "tariff", "bridge", "strike", "harvest", "pipeline", "treaty", "election",
          "budget", "flood", "railway", "port", "mine", "hospital", "school", "grain", "reactor",
          "border", "fishery", "dam", "airline", "bank", "court", "census", "quarry", "wind farm")
_VERBS = ("approves", "rejects", "delays", "debates", "suspends", "expands", "reviews", "funds")
_TITLES = ("Minister of Transport", "Finance Minister", "Mayor", "spokesperson", "Director",
           "union leader", "chief executive", "Foreign Minister", "harbour master", "judge")
_ORG_KINDS = ("Union", "Authority", "Council", "Bank", "Agency", "Party", "Company", "Institute")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_CLAIMS = ("the {n} would cost {k} million marks", "work on the {n} would start in {m}",
           "talks about the {n} had stalled", "the {n} plan had the backing of {p}",
           "{k} families would be affected by the {n}", "the {n} vote was set for {m}",
           "no decision on the {n} would come before {m}", "the {n} was {k} percent over budget")
_SAYINGS = ("We will not accept a {n} that leaves {p} behind",
            "The {n} is the biggest question this region faces",
            "Nobody asked us about the {n}",
            "We expect an answer on the {n} by {m}",
            "This {n} has taken {k} years and it is still not finished")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts))


@dataclass
class _World:
    places: list[str]
    people: list[tuple[str, str]]  # (name, title)
    orgs: list[str]
    outlets: list[str]


def _world(rng: random.Random, size: int) -> _World:
    n = max(40, size // 20)
    return _World(
        places=sorted({_word(rng, 2).title() for _ in range(n)}),
        people=[(f"{_word(rng, 2).title()} {_word(rng, 3).title()}", rng.choice(_TITLES))
                for _ in range(n * 2)],
        orgs=sorted({f"{_word(rng, 2).title()} {rng.choice(_ORG_KINDS)}" for _ in range(n)}),
        outlets=[f"The {_word(rng, 2).title()} {kind}" for kind in
                 ("Ledger", "Courier", "Post", "Wire", "Herald", "Daily", "Gazette", "Times")],
    )


@dataclass
class _Writer:
    """Text written piece by piece, keeping the span of everything the analysis records."""

    text: str = ""
    sentences: list[Sentence] = field(default_factory=list)
    mentions: dict[str, list[Mention]] = field(default_factory=dict)
    quotes: list[Quote] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    paragraph: int = 0
    _sentence_start: int | None = None

    def put(self, piece: str) -> tuple[int, int]:
        if self._sentence_start is None:
            self._sentence_start = len(self.text)
        start = len(self.text)
        self.text += piece
        return start, len(self.text)

    def name(self, eid: str, name: str) -> tuple[int, int]:
        start, end = self.put(name)
        self.mentions.setdefault(eid, []).append(
            Mention(start, end, name, "name", len(self.sentences), self.paragraph))
        return start, end

    def date(self, text: str, value: str) -> None:
        start, end = self.put(text)
        self.times.append(TimeExpr(start, end, text, "DATE", value, "day", True,
                                   len(self.sentences), self.paragraph))

    def end_sentence(self, tail: str = ". ") -> None:
        self.put(tail.rstrip())
        assert self._sentence_start is not None
        self.sentences.append(Sentence(len(self.sentences), self._sentence_start, len(self.text),
                                       self.paragraph))
        self._sentence_start = None
        self.text += " " if tail.endswith(" ") else ""

    def end_paragraph(self) -> None:
        self.text = self.text.rstrip() + "\n\n"
        self.paragraph += 1


@dataclass
class _Story:
    topic: str
    other: str
    place: str
    places: list[str]
    people: list[tuple[str, str]]
    orgs: list[str]
    start: datetime


def _story(rng: random.Random, world: _World, day0: datetime, n_days: int) -> _Story:
    return _Story(topic=rng.choice(_NOUNS), other=rng.choice(_NOUNS),
                  place=rng.choice(world.places), places=rng.sample(world.places, 3),
                  people=rng.sample(world.people, 4), orgs=rng.sample(world.orgs, 2),
                  start=day0 + timedelta(days=rng.randrange(max(1, n_days))))


def _article(rng: random.Random, st: _Story, world: _World, k: int
             ) -> tuple[dict[str, Any], _Writer, list[Entity], list[Role], datetime]:
    """One article of a story: the JSON-lines record and what the analysis would find."""
    published = st.start + timedelta(hours=6 * k + rng.randrange(6), minutes=rng.randrange(60))
    outlet = rng.choice(world.outlets)
    w = _Writer()
    ids: dict[str, str] = {}
    types: dict[str, str] = {}

    def eid(name: str, typ: str) -> str:
        if name not in ids:
            ids[name] = f"E{len(ids) + 1}"
            types[ids[name]] = typ
        return ids[name]

    def fill(template: str) -> str:
        return template.format(n=st.topic, p=rng.choice(st.places), k=rng.randint(2, 90),
                               m=rng.choice(_MONTHS))

    people = rng.sample(st.people, 3)
    org = rng.choice(st.orgs)
    # dateline paragraph: place, weekday (a time expression), the organisation
    w.name(eid(st.place, "GPE"), st.place.upper())
    w.put(", ")
    day = published - timedelta(days=rng.randrange(3))
    w.put("on ")
    w.date(_WEEKDAYS[day.weekday()], day.date().isoformat())
    w.put(f" ({outlet}) - The ")
    w.name(eid(org, "ORG"), org)
    w.put(f" {rng.choice(_VERBS)} the {st.topic} plan for ")
    w.name(eid(st.places[0], "GPE"), st.places[0])
    w.end_sentence()
    w.put(f"It is the {rng.randint(2, 19)}th {st.topic} meeting since {rng.choice(_MONTHS)}, "
          f"with {rng.randint(3, 400)} people in the hall and {_word(rng, 3)} on the agenda")
    w.end_sentence()
    w.end_paragraph()
    roles: list[Role] = []
    for i, (person, title) in enumerate(people):
        pid = eid(person, "PERSON")
        if i % 2 == 0:  # direct quote, then the speaker with a title
            w.put("\u201c")
            q_start, q_end = w.put(fill(rng.choice(_SAYINGS)))
            w.put(",\u201d said ")
            s_start, s_end = w.name(pid, person)
            w.put(", the ")
            r_start, r_end = w.put(title)
            w.put(" of ")
            w.name(eid(org, "ORG"), org)
            roles.append(Role(pid, person, title, s_start, r_end, org, ids[org], None,
                              published.date().isoformat(), len(w.sentences), w.paragraph))
            w.quotes.append(Quote(q_start, q_end, w.text[q_start:q_end], True, "said",
                                  s_start - 5, s_start - 1, pid, person, s_start, s_end,
                                  len(w.sentences), w.paragraph))
            w.end_sentence()
        else:  # indirect quote
            s_start, s_end = w.name(pid, person)
            w.put(" told reporters in ")
            w.name(eid(st.places[1], "GPE"), st.places[1])
            w.put(" that ")
            q_start, q_end = w.put(fill(rng.choice(_CLAIMS)))
            w.quotes.append(Quote(q_start, q_end, w.text[q_start:q_end], False, "told",
                                  s_end + 1, s_end + 5, pid, person, s_start, s_end,
                                  len(w.sentences), w.paragraph))
            w.end_sentence()
        w.put(f"The {st.other} question came up {rng.randint(2, 9)} times, and "
              f"{_word(rng, 2)} {_word(rng, 3)} was mentioned as well")
        w.end_sentence()
        w.end_paragraph()
    w.put(f"A decision on the {st.topic} is expected on ")
    later = published + timedelta(days=rng.randint(2, 20))
    w.date(later.strftime("%B %-d"), later.date().isoformat())
    w.put(", the ")
    w.name(eid(st.orgs[-1], "ORG"), st.orgs[-1])
    w.put(" said")
    w.end_sentence()
    entities = [Entity(i, name, types[i], tuple(w.mentions.get(i, ())))
                for name, i in ids.items()]
    title = (f"{st.place} {rng.choice(_VERBS)} {st.topic} plan as {people[0][0]} "
             f"speaks out ({k + 1})")
    record = {"title": title, "outlet": outlet, "author": f"{_word(rng, 2).title()} "
              f"{_word(rng, 2).title()}", "published": published.isoformat(),
              "text": w.text.strip(), "url": f"https://synthetic.example/{id(w)}-{k}",
              "reactions": {"like": rng.randint(0, 40), "angry": rng.randint(0, 10)}}
    return record, w, entities, roles, published


def _terms(entities: list[Entity], text: str, topic_words: list[str]) -> tuple[Term, ...]:
    counts: Counter[tuple[str, str, str | None]] = Counter()
    for e in entities:
        counts[(e.name, "entity", e.id)] += len(e.mentions)
    words = [w.strip(".,\u201c\u201d").lower() for w in text.split()]
    for w in words:
        if w in topic_words:
            counts[(w, "word", None)] += 1
    norm = math.sqrt(sum((c * (1.5 if k == "entity" else 1.0)) ** 2
                         for (_t, k, _e), c in counts.items())) or 1.0
    return tuple(Term(t, k, c, round(c * (1.5 if k == "entity" else 1.0) / norm, 5), e)
                 for (t, k, e), c in counts.most_common(40))


def build(size: int, settings: Settings, *, seed: int = 11,
          progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Write ``size`` synthetic articles into ``settings.db`` (ingested, analyzed from the
    templates, linked, in stories: by the real stages up to :data:`REAL_STAGES_UP_TO`
    articles, written directly above); returns the seconds of each step."""
    from ..api import open as open_db

    say = progress or (lambda _m: None)
    rng = random.Random(seed)
    world = _world(rng, size)
    n_stories = max(1, size // PER_STORY)
    day0 = datetime(2026, 1, 5, 6, tzinfo=UTC)
    stories = [_story(rng, world, day0, 300) for _ in range(n_stories)]
    topic_words = list(_NOUNS)
    out: dict[str, Any] = {"articles": size, "stories_written": n_stories}
    target = Path(settings.db)
    building = target.with_name(target.name + ".building")  # renamed once complete
    for stale in (building, Path(f"{building}-wal"), Path(f"{building}-shm")):
        stale.unlink(missing_ok=True)
    folder = target.with_name(target.name + ".jsonl.d")
    folder.mkdir(parents=True, exist_ok=True)
    planned = []
    plan_story: list[int] = []
    started = time.perf_counter()
    f = None
    for i in range(size):
        if i % _PER_FILE == 0:  # files well under the max_bytes setting
            if f is not None:
                f.close()
            f = (folder / f"synthetic-{i // _PER_FILE:05d}.jsonl").open("w", encoding="utf-8")
        st = stories[i % n_stories]
        record, w, entities, roles, _published = _article(rng, st, world, i // n_stories)
        assert f is not None
        f.write(json.dumps(record) + "\n")
        planned.append((w, entities, roles))
        plan_story.append(i % n_stories)
    if f is not None:
        f.close()
    out["write_seconds"] = round(time.perf_counter() - started, 1)
    settings = settings.with_(process_on_ingest=False, db=str(building))
    with open_db(settings=settings) as sl:
        say(f"ingesting {size} synthetic articles")
        started = time.perf_counter()
        report = sl.ingest([str(folder)])
        out["ingest_seconds"] = round(time.perf_counter() - started, 1)
        out["ingested"] = report.ingested
        shutil.rmtree(folder, ignore_errors=True)  # stored now; its sightings name it
        ids = report.seen_ids
        if len(ids) != size:
            problems = "; ".join(f"{p.source}: {p.reason}" for p in report.problems[:3])
            raise DataError(f"ingest stored {len(ids)} of {size} synthetic articles "
                            f"({problems or 'no problem reported'}); please report it")
        say("writing their analyses")
        started = time.perf_counter()
        runs = {c.name: ComponentRun(c.version, "analyzed", None, "synthetic")
                for c in sl.components}
        sl._schema()
        batch: list[Analysis] = []
        for aid, (w, entities, roles) in zip(ids, planned, strict=True):
            records = {"sentences": tuple(w.sentences), "entities": tuple(entities),
                       "roles": tuple(roles), "quotes": tuple(w.quotes),
                       "time_exprs": tuple(w.times), "actions": (),
                       "terms": _terms(entities, w.text, topic_words)}
            batch.append(Analysis(aid, "synthetic", "analyzed", None, "en", None, records,
                                  {n: r for n, r in runs.items()}))
            if len(batch) >= 500:
                sl.store.save_analyses(batch)
                batch = []
        if batch:
            sl.store.save_analyses(batch)
        out["analysis_seconds"] = round(time.perf_counter() - started, 1)
        if size <= REAL_STAGES_UP_TO:
            say("linking entities")
            started = time.perf_counter()
            sl.link()
            out["link_seconds"] = round(time.perf_counter() - started, 1)
            say("putting articles into stories")
            started = time.perf_counter()
            sl.assign_stories()
            out["stories_seconds"] = round(time.perf_counter() - started, 1)
        else:
            say("writing links and stories as the stages leave them")
            started = time.perf_counter()
            _write_links_and_stories(sl.store.conn, ids, planned, plan_story, rng)
            out["links_and_stories_written_seconds"] = round(time.perf_counter() - started, 1)
        out["stages"] = "real" if size <= REAL_STAGES_UP_TO else "written"
        if settings.dossiers_on_process:
            # what `storyline process` does after assigning stories: their dossiers, kept
            say("building the stories' dossiers")
            built = sl.build_dossiers(s.id for s in sl.stories())
            out["dossier_seconds"] = built["seconds"]
        out["stories"] = len(sl.stories())
        out["entities"] = sl.store.conn.execute(
            "SELECT count(*) FROM canonical_entities WHERE merged_into IS NULL").fetchone()[0]
    building.rename(target)
    return out


def _write_links_and_stories(conn: Any, ids: list[int], planned: list[Any],
                             plan_story: list[int], rng: random.Random) -> None:
    """One canonical entity per (name, type), every article entity linked to it; one story
    per planned story, its articles by time, and a few related stories each."""
    from ..link import names as N
    from ..store._base import now

    stamp = now()
    canon: dict[tuple[str, str], int] = {}
    heads = {r[0]: (r[1], r[2], r[3]) for r in conn.execute(
        "SELECT id, published, title, outlet FROM articles")}
    members: dict[int, list[int]] = {}
    position = {aid: i for i, aid in enumerate(ids)}
    conn.execute("BEGIN")
    for aid, (_w, entities, _roles), s in zip(ids, planned, plan_story, strict=True):
        links = []
        for e in entities:
            key = (e.name, e.type)
            if key not in canon:
                cur = conn.execute("INSERT INTO canonical_entities (name, type, created_at) "
                                   "VALUES (?, ?, ?)", (e.name, e.type, stamp))
                canon[key] = int(cur.lastrowid or 0)
                conn.executemany("INSERT OR IGNORE INTO canonical_keys VALUES (?, ?)",
                                 [(k, canon[key]) for k in N.keys(e)])
            links.append((aid, e.id, canon[key], 1.0, "synthetic", "link.synthetic"))
        conn.executemany("INSERT INTO entity_links VALUES (?,?,?,?,?,?)", links)
        conn.execute("INSERT INTO link_state VALUES (?, 'link.synthetic', ?)", (aid, stamp))
        members.setdefault(s, []).append(aid)
    for s, aids in members.items():
        aids.sort(key=lambda a: (heads[a][0] or "", a))
        first, last = heads[aids[0]][0], heads[aids[-1]][0]
        sid = s + 1
        conn.execute("INSERT INTO stories (id, title, title_article_id, first_seen, last_seen, "
                     "size, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)",
                     (sid, heads[aids[0]][1], aids[0], first, last, len(aids), stamp, stamp))
        rows = []
        for k, aid in enumerate(aids):
            reason = {"started": True} if k == 0 else {
                "actors": [e.name for e in planned[position[aid]][1][:3]], "terms": []}
            rows.append((aid, sid, None if k == 0 else round(rng.uniform(0.25, 0.6), 4),
                         json.dumps(reason), "stories.synthetic", stamp, "{}"))
        conn.executemany("INSERT INTO story_articles VALUES (?,?,?,?,?,?,?)", rows)
        conn.executemany("INSERT INTO story_counted VALUES (?)", [(a,) for a in aids])
    n = len(members)
    conn.executemany("INSERT OR IGNORE INTO story_links VALUES (?, ?, ?)",
                     [(s + 1, o + 1, round(rng.uniform(0.05, 0.2), 4))
                      for s in range(n) for o in rng.sample(range(n), min(2, n)) if o != s])
    conn.execute("COMMIT")


__all__ = ["PER_STORY", "REAL_STAGES_UP_TO", "build"]
