"""Speed of linking and story assignment as the store grows (``storyline bench stories``).

A store of N synthetic articles is built from our own templates — no spaCy, no benchmark text:
each synthetic story has a topic (a handful of content words and named people,
organisations and places drawn from made-up vocabularies), each of its articles samples the
topic plus noise words. The stored articles are already analyzed, linked and assigned
(their rows are written directly, the way those stages leave them); then :data:`NEW` fresh
articles go through the real linking and assignment, and their cost per article is timed. Run
at several sizes, this shows whether the cost stays flat as the store grows.
"""

from __future__ import annotations

import json
import math
import random
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

from ..settings import Settings

NEW = 200
PER_STORY = 10
_SYLLABLES = ("ka", "lo", "ven", "dra", "mor", "tis", "bel", "ru", "sen", "vok", "har", "li",
              "mar", "to", "zen", "pal", "dun", "esk", "or", "va")


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts))


def bench_stories(sizes: list[int], settings: Settings | None = None, *,
                  seed: int = 7) -> dict[str, Any]:
    """Per-article seconds of linking + assignment for :data:`NEW` new articles into stores of
    each size, with the process's peak memory."""
    settings = settings or Settings()
    rows = []
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            rows.append(_one_size(size, settings.with_(db=str(Path(tmp) / "bench.db")), seed))
    base = rows[0]["seconds_per_article"] if rows else None
    for r in rows:
        r["relative_to_smallest"] = round(r["seconds_per_article"] / base, 2) if base else None
    return {"task": "bench-stories", "new_articles": NEW, "sizes": rows}


def _one_size(size: int, settings: Settings, seed: int) -> dict[str, Any]:
    from ..api import open as open_db

    rng = random.Random(seed)
    words = [_word(rng, rng.randint(2, 3)) for _ in range(20000)]
    people = [f"{_word(rng, 2).title()} {_word(rng, 3).title()}" for _ in range(8000)]
    orgs = [f"{_word(rng, 3).title()} {rng.choice(['Union', 'Bank', 'Agency', 'Party'])}"
            for _ in range(3000)]
    n_stories = max(1, (size + NEW) // PER_STORY)
    topics = [(rng.sample(words, 12), rng.sample(people, 3), rng.sample(orgs, 2))
              for _ in range(n_stories)]
    built = time.perf_counter()
    with open_db(settings=settings) as sl:
        sl._schema()
        conn = sl.store.conn
        _fill(conn, size, topics, words, rng)
        build_seconds = time.perf_counter() - built
        new_ids = _add_new(conn, size, topics, words, rng)
        started = time.perf_counter()
        linked = sl.link(new_ids)
        assigned = sl.assign_stories(new_ids)
        seconds = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"stored": size, "seconds_per_article": round(seconds / NEW, 5),
            "link_seconds": round(linked.seconds, 3), "assign_seconds": round(assigned.seconds, 3),
            "joined": assigned.joined, "started": assigned.started,
            "build_seconds": round(build_seconds, 1), "peak_memory_mb": round(peak_kb / 1024, 1)}


def _article(topic: tuple[list[str], list[str], list[str]], words: list[str],
             rng: random.Random) -> tuple[list[tuple[str, str, float, str | None]],
                                         list[tuple[str, str, str]]]:
    """Terms (term, kind, weight, entity id) and entities (id, name, type) of one article."""
    content, persons, organisations = topic
    chosen = rng.sample(content, 8) + rng.sample(words, 8)
    entities = [(f"E{i + 1}", name, "PERSON") for i, name in enumerate(rng.sample(persons, 2))]
    entities += [(f"E{len(entities) + 1}", rng.choice(organisations), "ORG")]
    terms: list[tuple[str, str, float, str | None]] = [(w, "word", 1.0, None) for w in chosen]
    terms += [(name, "entity", 1.5, eid) for eid, name, _t in entities]
    norm = math.sqrt(sum(w * w for _t, _k, w, _e in terms))
    return [(t, k, w / norm, e) for t, k, w, e in terms], entities


def _insert_article(conn: Any, aid: int, terms: list[Any], entities: list[Any]) -> None:
    conn.execute("INSERT INTO articles (id, text, content_hash, source, via, ingested_at) "
                 "VALUES (?, ?, ?, ?, 'text', '2026-01-01')",
                 (aid, "synthetic", f"h{aid}", f"synthetic:{aid}"))
    conn.executemany("INSERT INTO terms (article_id, seq, term, kind, count, weight, entity_id) "
                     "VALUES (?,?,?,?,1,?,?)",
                     [(aid, i, t, k, w, e) for i, (t, k, w, e) in enumerate(terms)])
    conn.executemany("INSERT INTO entities (article_id, seq, entity_id, name, type) "
                     "VALUES (?,?,?,?,?)",
                     [(aid, i, eid, name, typ) for i, (eid, name, typ) in enumerate(entities)])
    conn.executemany("INSERT INTO mentions (article_id, seq, entity_id, start_char, end_char, "
                     "text, kind) VALUES (?,0,?,0,1,?,'name')",
                     [(aid, eid, name) for eid, name, _t in entities])
    for comp in ("entities", "terms"):
        conn.execute("INSERT INTO analysis_components VALUES (?,?,?,?,'analyzed',NULL,'now')",
                     (aid, comp, f"{comp}.bench", "bench"))
    conn.execute("INSERT INTO analyses (article_id, version, status, reason, analyzed_at) "
                 "VALUES (?, 'bench', 'analyzed', NULL, 'now')", (aid,))


def _fill(conn: Any, size: int, topics: list[Any], words: list[str],
          rng: random.Random) -> None:
    """``size`` stored articles, linked and assigned as the stages would leave them."""
    from ..link import names as N
    from ..models import Entity

    canon: dict[str, int] = {}
    conn.execute("BEGIN")
    for aid in range(1, size + 1):
        s = (aid - 1) // PER_STORY
        terms, entities = _article(topics[s], words, rng)
        _insert_article(conn, aid, terms, entities)
        links = []
        for eid, name, typ in entities:
            if name not in canon:
                cur = conn.execute("INSERT INTO canonical_entities (name, type, created_at) "
                                   "VALUES (?, ?, 'now')", (name, typ))
                canon[name] = int(cur.lastrowid or 0)
                conn.executemany("INSERT OR IGNORE INTO canonical_keys VALUES (?, ?)",
                                 [(k, canon[name]) for k in N.keys(Entity(eid, name, typ))])
            links.append((aid, eid, canon[name], 1.0, "bench", "bench"))
        conn.executemany("INSERT INTO entity_links VALUES (?,?,?,?,?,?)", links)
        conn.execute("INSERT INTO link_state VALUES (?, 'bench', 'now')", (aid,))
        vec = {("w:" + t if k == "word" else f"e:{canon[t]}"): w for t, k, w, _e in terms}
        sid = s + 1
        if aid % PER_STORY == 1:
            conn.execute("INSERT INTO stories (id, title, size, created_at, updated_at) "
                         "VALUES (?, ?, 0, 'now', 'now')", (sid, f"story {sid}"))
        conn.execute("INSERT INTO story_articles VALUES (?,?,NULL,'{}','stories.bench','now',?)",
                     (aid, sid, json.dumps(vec)))
        conn.executemany("INSERT INTO story_terms VALUES (?, ?, ?) ON CONFLICT(story_id, term) "
                         "DO UPDATE SET weight = weight + excluded.weight",
                         [(sid, t, w) for t, w in vec.items()])
        conn.executemany("INSERT INTO story_term_df VALUES (?, 1) ON CONFLICT(term) DO UPDATE "
                         "SET df = df + 1", [(t,) for t in vec])
        conn.execute("INSERT INTO story_counted VALUES (?)", (aid,))
        conn.execute("UPDATE stories SET size = size + 1 WHERE id = ?", (sid,))
    conn.execute("COMMIT")


def _add_new(conn: Any, size: int, topics: list[Any], words: list[str],
             rng: random.Random) -> list[int]:
    """:data:`NEW` analyzed articles, half continuing stored stories and half new ones."""
    ids = []
    conn.execute("BEGIN")
    for k in range(NEW):
        aid = size + 1 + k
        s = rng.randrange(max(1, size // PER_STORY)) if k % 2 == 0 else len(topics) - 1 - k // 2
        terms, entities = _article(topics[max(0, s)], words, rng)
        _insert_article(conn, aid, terms, entities)
        ids.append(aid)
    conn.execute("COMMIT")
    return ids


__all__ = ["NEW", "bench_stories"]


# ---- the dossier --------------------------------------------------------------------------------

#: Articles in the story the dossier benchmark times.
DOSSIER_ARTICLES = 50


def bench_dossier(settings: Settings, *, size: int = DOSSIER_ARTICLES, into: str | None = None,
                  repeat: int = 3) -> dict[str, Any]:
    """Seconds to build one dossier of a ``size``-article story.

    The story is the largest of the database ``into`` (default: the demo corpus, ingested and
    processed into a temporary database), its articles repeated under numbered outlet names
    ("Valdoria Wire #2") until it has ``size``: every repeat is an independent report, so
    grouping, contradiction checks and the summary work on ``size`` reports as they would
    on a real story. The time is the dossier alone (from the stored analyses, as
    ``storyline story`` builds it), the best of ``repeat`` runs; the time of the real
    largest story, read from the store, is given beside it.
    """
    from dataclasses import replace

    from ..api import open as open_db
    from ..demo import corpus_sources
    from ..models import Story
    from .dossier import dossier_of

    with tempfile.TemporaryDirectory(prefix="storyline-bench-") as tmp:
        db = into or str(Path(tmp) / "demo.db")
        run = settings.with_(db=db, fetch_feed_pages=False)
        with open_db(settings=run) as sl:
            if into is None:
                report = sl.ingest(corpus_sources())
                sl.process(report.seen_ids)
            stories = sl.stories()
            if not stories:
                raise ValueError(f"{db} holds no story; run `storyline process` on it first")
            story = max(stories, key=lambda s: s.size)
            started = time.perf_counter()
            sl.dossier(story.id)
            real_seconds = time.perf_counter() - started
            store = sl.store
            ids = [m.article_id for m in store.story_members(story.id)]
            articles = store.articles_by_id(ids)
            analyses = {a.article_id: a for a in store.analyses(ids)}
            links = store.links_of(ids)
            names = store.canonical_names(sorted(set(links.values())))
    base = [i for i in ids if i in articles and i in analyses]
    arts, anas, lks = [], [], {}
    next_id = max(base) + 1
    for n in range(size):
        src = base[n % len(base)]
        k = n // len(base)
        aid = src if k == 0 else next_id + n
        a = articles[src]
        # a repeat is an independent report (even of a copy): another outlet's own article
        arts.append(replace(a, id=aid, outlet=a.outlet if k == 0 else f"{a.outlet} #{k + 1}",
                            duplicate_of=a.duplicate_of if k == 0 else None))
        anas.append(replace(analyses[src], article_id=aid))
        lks.update({(aid, eid): cid for (art, eid), cid in links.items() if art == src})
    big = Story(id=story.id, title=story.title, first_seen=story.first_seen,
                last_seen=story.last_seen, article_ids=tuple(a.id for a in arts),
                outlets=tuple(sorted({a.outlet or "" for a in arts})), size=len(arts))
    times = []
    d = None
    for _ in range(max(1, repeat)):
        started = time.perf_counter()
        d = dossier_of(big, arts, anas, lks, names, settings)
        times.append(time.perf_counter() - started)
    assert d is not None
    return {"stage": "dossier", "database": into or "demo corpus (temporary)",
            "story": story.id, "story_articles": story.size,
            "story_seconds": round(real_seconds, 4),
            "articles": len(arts), "seconds": round(min(times), 4),
            "seconds_runs": [round(t, 4) for t in times],
            "facts": len(d.facts), "timeline_entries": len(d.timeline),
            "contradictions": len(d.contradictions)}
