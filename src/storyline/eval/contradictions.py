"""``storyline eval contradictions``: the contradictions the story dossier finds, per kind, on
the demo corpus's planted contradictions (``manifest.json``) and on our own fictional pairs
(``eval/data/contradiction_pairs.toml``): found, missed and false alarms.

Both parts run what production runs — ingest, analyze, link, then the dossier — into a
temporary database. The demo part uses the stories the stories stage forms; each pair is one
story of its two articles (pairs test the contradiction rules, not clustering). A planted
contradiction is found when one contradiction of its story has one side in an article of each
of its sides; any other contradiction on the demo is a false alarm. A pair that must
contradict is found when a contradiction of its kind sets its two articles against each
other; any contradiction on a compatible pair is a false alarm (counted under the case's kind),
and so is one of another kind on a contradicting pair.
"""

from __future__ import annotations

import json
import tempfile
import time
import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..models import Contradiction, Story
from ..settings import Settings

#: The pairs file shipped with the package.
PAIRS = Path(__file__).resolve().parent / "data" / "contradiction_pairs.toml"
KINDS = ("actor", "number", "date", "place", "title")
#: Whether ``--data`` is needed (the demo corpus and the pairs ship with the package).
NEEDS_DATA = False


def load_pairs(path: Path = PAIRS) -> dict[str, Any]:
    """The pairs file: ``case`` (a list of cases) and ``demo`` (planted id → kind)."""
    with path.open("rb") as fh:
        return tomllib.load(fh)


def evaluate(data: Path | None = None, *, limit: int | None = None,
             settings: Settings | None = None) -> dict[str, Any]:
    """Score the dossier's contradictions; ``data`` may name another pairs file."""
    pairs = load_pairs(data if data is not None and data.is_file() else PAIRS)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="storyline-eval-") as tmp:
        base = (settings or Settings()).with_(fetch_feed_pages=False)
        demo = _demo(base.with_(db=str(Path(tmp) / "demo.db")), pairs.get("demo", {}))
        cases = pairs.get("case", [])[:limit] if limit else pairs.get("case", [])
        own = _pairs(base.with_(db=str(Path(tmp) / "pairs.db")), cases, Path(tmp))
    out: dict[str, Any] = {"demo": _tally(demo), "pairs": _tally(own),
                           "all": _tally(demo + own)}
    out["demo_cases"] = {r["id"]: r["result"] for r in demo}
    out["pair_cases"] = {r["id"]: r["result"] for r in own}
    out["seconds"] = round(time.perf_counter() - started, 2)
    return out


# ---- the demo corpus -----------------------------------------------------------------------


def _demo(settings: Settings, kinds: Mapping[str, str]) -> list[dict[str, Any]]:
    from ..api import open as open_db
    from ..demo import CORPUS, corpus_sources

    manifest = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
    rows: list[dict[str, Any]] = []
    with open_db(settings=settings) as sl:
        report = sl.ingest(corpus_sources())
        sl.process(report.seen_ids)
        files = _files_to_articles(sl, manifest)
        by_story: dict[str, list[Contradiction]] = {}
        story_of: dict[int, str] = {}
        for st in sl.stories():
            found = list(sl.dossier(st.id).contradictions)
            labels = {manifest_story for a in st.article_ids
                      if (manifest_story := _story_of_article(files, manifest, a))}
            for label in labels:
                by_story.setdefault(label, []).extend(found)
            for a in st.article_ids:
                story_of[a] = st.id
        matched: set[int] = set()
        for planted in manifest.get("contradictions", []):
            sides = [{files[f] for f in side["files"] if f in files} for side in planted["sides"]]
            hit = next((c for c in by_story.get(planted["story"], [])
                        if _sets_against(c, sides[0], sides[1])), None)
            if hit is not None:
                matched.add(id(hit))
            rows.append({"id": planted["id"], "kind": kinds.get(planted["id"], "?"),
                         "expect": "contradiction",
                         "result": "found" if hit is not None else "missed"})
        seen: set[int] = set()
        for cs in by_story.values():
            for c in cs:
                if id(c) in matched or id(c) in seen:
                    continue
                seen.add(id(c))
                rows.append({"id": f"demo:{c.kind}:{c.topic}", "kind": c.kind,
                             "expect": "none", "result": "false alarm"})
    return rows


def _files_to_articles(sl: Any, manifest: Mapping[str, Any]) -> dict[str, int]:
    """Manifest file name → stored article id (an article is known by how its body starts)."""
    out: dict[str, int] = {}
    articles = [sl.article(a.id) for a in sl.articles()]
    for entry in manifest["articles"]:
        for a in articles:
            if entry["body_start"] in a.text[:600]:
                out[entry["file"]] = a.id
                break
    return out


def _story_of_article(files: Mapping[str, int], manifest: Mapping[str, Any],
                      article_id: int) -> str | None:
    by_file = {e["file"]: e["story"] for e in manifest["articles"]}
    return next((by_file[f] for f, a in files.items() if a == article_id), None)


def _sets_against(c: Contradiction, xs: set[int], ys: set[int]) -> bool:
    a, b = set(c.sides[0].article_ids), set(c.sides[1].article_ids)
    return bool((a & xs and b & ys) or (a & ys and b & xs))


# ---- our own pairs -------------------------------------------------------------------------


def _pairs(settings: Settings, cases: Sequence[Mapping[str, Any]],
           tmp: Path) -> list[dict[str, Any]]:
    from ..api import open as open_db
    from ..stories.dossier import dossier_of

    if not cases:
        return []
    path = tmp / "pairs.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for case in cases:
            for side in ("a", "b"):
                art = case[side]
                fh.write(json.dumps({
                    "title": art["title"], "text": art["text"], "outlet": art["outlet"],
                    "published": art["published"],
                    "url": f"https://pairs.example/{case['id']}/{side}"}) + "\n")
    rows: list[dict[str, Any]] = []
    with open_db(settings=settings) as sl:
        report = sl.ingest([str(path)])
        ids = list(report.article_ids)
        sl.process(ids)
        if len(ids) != 2 * len(cases):
            raise RuntimeError(f"the pairs file stored {len(ids)} articles for {len(cases)} "
                               "cases; every article of a pair must be new and distinct")
        store = sl.store
        for n, case in enumerate(cases):
            pair = ids[2 * n:2 * n + 2]
            arts = store.articles_by_id(pair)
            analyses = list(store.analyses(pair))
            links = store.links_of(pair)
            names = store.canonical_names(sorted(set(links.values())))
            story = Story(id=n + 1, title=case["id"], first_seen=None, last_seen=None,
                          article_ids=tuple(pair), size=2)
            found = dossier_of(story, [arts[i] for i in pair if i in arts], analyses, links,
                               names, sl.settings).contradictions
            if case["expect"] == "contradiction":
                hit = any(c.kind == case["kind"] and _sets_against(c, {pair[0]}, {pair[1]})
                          for c in found)
                rows.append({"id": case["id"], "kind": case["kind"], "expect": "contradiction",
                             "result": "found" if hit else "missed"})
                extra = [c for c in found if c.kind != case["kind"]]
            else:
                rows.append({"id": case["id"], "kind": case["kind"], "expect": "compatible",
                             "result": "false alarm" if found else "not flagged"})
                extra = []
            rows += [{"id": f"{case['id']}:{c.kind}", "kind": c.kind, "expect": "none",
                      "result": "false alarm"} for c in extra]
    return rows


def _tally(rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for kind in KINDS:
        mine = [r for r in rows if r["kind"] == kind]
        found = sum(r["result"] == "found" for r in mine)
        missed = sum(r["result"] == "missed" for r in mine)
        out[kind] = {"found": found, "missed": missed,
                     "false_alarms": sum(r["result"] == "false alarm" for r in mine),
                     "compatible_not_flagged": sum(r["result"] == "not flagged" for r in mine)}
    found = sum(v["found"] for v in out.values())
    alarms = sum(v["false_alarms"] for v in out.values())
    planted = found + sum(v["missed"] for v in out.values())
    out["recall"] = round(found / planted, 4) if planted else None
    out["precision"] = round(found / (found + alarms), 4) if found + alarms else None
    return out
