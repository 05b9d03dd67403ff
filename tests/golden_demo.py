"""The demo corpus analyzed exactly as `storyline demo` does it, compared with its manifest and
summarised for the golden file.

Used by tests/test_demo_analysis.py and by `make golden` (tests/regen_golden.py), which
rewrites tests/golden/demo_analysis.json when a change to the analysis is intended.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path
from typing import Any

from storyline.api import open as open_db
from storyline.demo import CORPUS, corpus_sources
from storyline.models import Analysis, Article
from storyline.settings import Settings

GOLDEN = Path(__file__).resolve().parent / "golden" / "demo_analysis.json"


def analyze_demo() -> list[tuple[dict[str, Any], Article, Analysis]]:
    """(manifest entry, stored article, analysis) for every manifest article that is stored as
    its own row (exact copies are sightings of another article)."""
    manifest = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(db=str(Path(tmp) / "demo.db"), fetch_feed_pages=False)
        with open_db(settings=settings) as sl:
            sl.ingest(corpus_sources())
            sl.analyze()
            articles = sl.articles()
            analyses = {a.article_id: a for a in sl.analyses()}
    out = []
    # a syndicated copy starts like its original: the original (or the copy the manifest
    # names as one) is the article of a manifest entry
    articles.sort(key=lambda a: (a.duplicate_of is not None, a.id))
    for entry in manifest["articles"]:
        candidates = [a for a in articles if entry["body_start"] in a.text[:400]]
        if entry.get("duplicate_of"):
            candidates.sort(key=lambda a: a.duplicate_of is None)
        art = candidates[0] if candidates else None
        if art is not None and art.id in analyses:
            out.append((entry, art, analyses[art.id]))
    return out


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def manifest_scores(rows: list[tuple[dict[str, Any], Article, Analysis]]) -> dict[str, Any]:
    """How much of what the manifest annotates the analysis finds: people (as PERSON entities
    by name), quotes (a quote whose text overlaps the annotated words) and their speakers,
    time expressions (same words, same value), acronyms (entity named by its expansion with the
    acronym), and titles (a role whose title names the annotated one)."""
    manifest = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
    people = found_people = 0
    quotes = found_quotes = right_speaker = 0
    times = found_times = 0
    acronyms = found_acronyms = 0
    misses: dict[str, list[str]] = {"people": [], "quotes": [], "speakers": [], "times": []}
    roles_by_person: dict[str, set[str]] = {}
    for entry, _art, a in rows:
        names = {e.name for e in a.entities if e.type == "PERSON"}
        for person in entry.get("people", []):
            people += 1
            if person in names:
                found_people += 1
            else:
                misses["people"].append(f"{entry['file']}: {person}")
        for q in entry.get("quotes", []):
            quotes += 1
            want = _norm(q["text"])
            hit = next((p for p in a.quotes if want in _norm(p.text) or _norm(p.text) in want
                        and len(_norm(p.text)) > len(want) / 2), None)
            if hit is None:
                misses["quotes"].append(f"{entry['file']}: {q['text'][:50]}")
                continue
            found_quotes += 1
            if hit.speaker == q["speaker"]:
                right_speaker += 1
            else:
                misses["speakers"].append(f"{entry['file']}: {q['text'][:40]} → {hit.speaker} "
                                          f"(manifest: {q['speaker']})")
        for t in entry.get("time_expressions", []):
            times += 1
            want = _norm(re.sub(r"^(?:late |early )?(?:on|in|at|since|by|until|before|after|"
                                r"from|for|as early as) ", "", t["text"]))
            # a finer value is as right as the annotated one ("2026-03-02TEV" for "on Monday
            # evening" = 2026-03-02)
            if any(want in _norm(p.text) and (p.value == t["value"] or t["value"] is not None
                                              and (p.value or "").startswith(t["value"]))
                   for p in a.time_exprs):
                found_times += 1
            else:
                misses["times"].append(f"{entry['file']}: {t['text']} = {t['value']}")
        for acr in entry.get("acronyms", []):
            acronyms += 1
            found_acronyms += any(e.acronym == acr["short"] and e.name == acr["long"]
                                  for e in a.entities)
        for r in a.roles:
            roles_by_person.setdefault(r.person, set()).add(r.title.lower())
    titles = found_titles = 0
    for person in manifest["people"]:
        if person["name"] not in roles_by_person:
            continue
        for title in person["titles"]:
            titles += 1
            head = title.lower().split(" of ")[0].split()[-1]
            found_titles += any(head in t for t in roles_by_person[person["name"]])

    def share(n: int, d: int) -> float:
        return round(n / d, 3) if d else 0.0

    return {"people_recall": share(found_people, people),
            "quote_recall": share(found_quotes, quotes),
            "speaker_accuracy": share(right_speaker, found_quotes),
            "time_recall": share(found_times, times),
            "acronym_recall": share(found_acronyms, acronyms),
            "title_recall": share(found_titles, titles),
            "counts": {"people": people, "quotes": quotes, "times": times,
                       "acronyms": acronyms, "titles": titles},
            "misses": misses}


def summary(rows: list[tuple[dict[str, Any], Article, Analysis]]) -> dict[str, Any]:
    """A readable digest of every analysis: what a reviewer checks in a golden-file diff."""
    out: dict[str, Any] = {}
    for entry, _art, a in rows:
        out[entry["file"]] = {
            "status": a.status,
            "entities": [f"{e.id} {e.type} {e.name}" + (f" [{e.gender}]" if e.gender else "")
                         + (f" ({e.acronym})" if e.acronym else "") + f" x{len(e.mentions)}"
                         for e in a.entities],
            "roles": [f"{r.person}: {' '.join(x for x in (r.modifier, r.title) if x)}"
                      + (f", {r.org}" if r.org else "") for r in a.roles],
            "quotes": [f"{q.speaker or '?'} [{q.cue or '-'}] {q.text[:70]}" for q in a.quotes],
            "time_exprs": [f"{t.text} = {t.value}" for t in a.time_exprs],
            "actions": [f"{x.subject} {'not ' if x.negated else ''}{x.verb} {x.object or ''}"
                        .strip() for x in a.actions],
            "terms": [t.term for t in a.terms[:8]],
        }
    return out
