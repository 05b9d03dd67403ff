"""The JSON shape of every record the CLI prints and the web API will serve: one home each.

Nothing here touches the database or loads spaCy: these are plain functions from records to
JSON-ready dicts, so a command that prints stored data starts fast.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, is_dataclass
from typing import Any

from .models import Analysis, Article, Document, Problem, RecordKind


def article_summary(a: Article) -> dict[str, Any]:
    """One row of an article list (``storyline articles --json``): metadata without the text."""
    return {"id": a.id, "published": a.published, "outlet": a.outlet, "title": a.title,
            "url": a.url, "language": a.language, "duplicate_of": a.duplicate_of,
            "duplicate_kind": a.duplicate_kind, "revision_of": a.revision_of,
            "words": a.words if a.words is not None else len(a.text.split())}


def article_json(a: Article, *, sightings: list[dict[str, Any]] | None = None,
                 duplicates: list[int] | None = None, analysis: Analysis | None = None,
                 kinds: Iterable[RecordKind] = ()) -> dict[str, Any]:
    """A whole stored article (``storyline article ID --json``): every field, where it was
    seen, the ids of its duplicates and its analysis (``null`` until analyzed)."""
    d = asdict(a)
    d["sightings"] = sightings or []
    d["duplicates"] = duplicates or []
    d["analysis"] = analysis_json(analysis, kinds) if analysis is not None else None
    return d


def document_json(doc: Document) -> dict[str, Any]:
    """A clean article before it is stored (``storyline extract --json``)."""
    d = asdict(doc)
    d["words"] = len(doc.text.split())
    return d


def problem_json(p: Problem) -> dict[str, Any]:
    """An input that was skipped: source, line, stage, reason and detail."""
    return asdict(p)


def extract_json(docs: list[Document], problems: list[Problem]) -> dict[str, Any]:
    """``storyline extract --json``: always the same shape, whatever the outcome."""
    return {"articles": [document_json(d) for d in docs],
            "problems": [problem_json(p) for p in problems]}


def report_json(report: Any) -> dict[str, Any]:
    """An ingest run (:class:`~storyline.ingest.pipeline.IngestReport`): its summary, the
    problems, notes and the ids it stored."""
    return {**report.summary(), "problems": [problem_json(p) for p in report.problems],
            "notes": report.notes, "article_ids": report.article_ids}


def analysis_json(a: Analysis, kinds: Iterable[RecordKind] = ()) -> dict[str, Any]:
    """An article's analysis: status, the stage version, each component's run (version,
    status, reason) and then one list per record kind — every kind of ``kinds`` (empty when it
    found nothing) and any other kind the analysis holds."""
    out: dict[str, Any] = {
        "article_id": a.article_id, "version": a.version, "status": a.status,
        "reason": a.reason, "language": a.language, "published": a.published,
        "components": {name: asdict(run) for name, run in sorted(a.components.items())},
    }
    names = [k.name for k in kinds] + [k for k in a.records if k not in {k.name for k in kinds}]
    for name in names:
        out[name] = [_plain(asdict(r)) if is_dataclass(r) and not isinstance(r, type) else r
                     for r in a[name]]
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


# ---- across articles ---------------------------------------------------------------------------


def entity_summary(c: Any) -> dict[str, Any]:
    """One row of ``storyline entities --json``: an actor across articles."""
    return {"id": c.id, "name": c.name, "type": c.type, "country": c.country,
            "aliases": [{"alias": a, "count": n} for a, n in c.aliases],
            "mentions": c.mentions, "articles": c.articles, "first_seen": c.first_seen,
            "last_seen": c.last_seen}


def mention_ref_json(article_id: int, m: Any) -> dict[str, Any]:
    """A mention with the article it is in (``storyline entities --mentions``)."""
    return {"article_id": article_id, "start_char": m.start_char, "end_char": m.end_char,
            "text": m.text, "kind": m.kind, "sentence": m.sentence}


def role_spell_json(r: Any) -> dict[str, Any]:
    return {"title": r.title, "org": r.org, "modifier": r.modifier, "first_date": r.first_date,
            "last_date": r.last_date,
            "sources": [{"article_id": a, "start_char": s, "end_char": e}
                        for a, s, e in r.sources]}


def story_summary(s: Any) -> dict[str, Any]:
    """One row of ``storyline stories --json``."""
    return {"id": s.id, "title": s.title, "first_seen": s.first_seen, "last_seen": s.last_seen,
            "size": s.size, "outlets": list(s.outlets), "article_ids": list(s.article_ids)}


def story_json(s: Any, members: list[Any], actors: list[tuple[Any, list[Any]]],
               related: list[tuple[Any, float]]) -> dict[str, Any]:
    """``storyline story ID --json``: the story, its articles by time and why each belongs,
    its main actors with their roles, and related stories."""
    out = story_summary(s)
    out["articles"] = [{"article_id": m.article_id, "published": m.published,
                        "outlet": m.outlet, "title": m.title, "score": m.score,
                        "reason": m.reason} for m in members]
    out["actors"] = [{**entity_summary(c), "roles": [role_spell_json(r) for r in roles]}
                     for c, roles in actors]
    out["related"] = [{"id": r.id, "title": r.title, "score": score} for r, score in related]
    return out


# ---- the story dossier -------------------------------------------------------------------------


def statement_json(s: Any) -> dict[str, Any]:
    """One statement of a fact: its article, span and sentence, and what it says."""
    return {"kind": s.kind, "article_id": s.article_id, "sentence": s.sentence,
            "start_char": s.start_char, "end_char": s.end_char, "text": s.text,
            "sentence_text": s.sentence_text, "sentence_start_char": s.sentence_start_char,
            "actors": [{"id": i, "name": n} for i, n in zip(s.actors, s.actor_names,
                                                            strict=False)],
            "predicate": s.predicate, "object": s.object, "value": s.value,
            "counts": s.counts, "approx": s.approx, "date": s.date,
            "granularity": s.granularity, "place": s.place, "negated": s.negated,
            "modality": s.modality, "quoted": s.quoted}


def fact_json(f: Any) -> dict[str, Any]:
    """A fact: the statements of every article that reports it."""
    return {"id": f.id, "kind": f.kind, "label": f.label, "date": f.date,
            "granularity": f.granularity, "dated_by": f.dated_by,
            "first_reported": f.first_reported, "article_ids": list(f.article_ids),
            "outlets": list(f.outlets), "statements": [statement_json(s) for s in f.statements]}


def dossier_json(d: Any) -> dict[str, Any]:
    """``storyline story ID --json``: the story dossier as one object — ``story``, ``since``,
    ``new`` and the parts ``summary``, ``timeline``, ``actors``, ``quotes``, ``coverage``,
    ``contradictions``, ``articles``; every item carries article ids and spans
    (``start_char``/``end_char``)."""
    facts = {f.id: f for f in d.facts}
    cov = d.coverage
    return {
        "story": {**story_summary(d.story), "version": d.version},
        "since": d.since,
        "new": list(d.new),
        "summary": [{"text": s.text, "article_id": s.article_id, "sentence": s.sentence,
                     "start_char": s.start_char, "end_char": s.end_char,
                     "article_ids": list(s.article_ids),
                     "citations": [d.citation(a) for a in s.article_ids],
                     "date": s.date, "fact_ids": list(s.fact_ids)} for s in d.summary],
        "timeline": [{"date": e.date, "granularity": e.granularity, "kind": e.kind,
                      "dated_by": e.dated_by, "label": e.fact.label, "fact_id": e.fact.id,
                      "first_reported": e.fact.first_reported,
                      "article_ids": list(e.fact.article_ids), "outlets": list(e.fact.outlets),
                      "statements": [statement_json(x) for x in e.fact.statements],
                      "disputed": [{"date": c.date, "granularity": c.granularity,
                                    "article_ids": list(c.article_ids),
                                    "outlets": list(c.outlets)} for c in e.disputed],
                      "values": [{"date": day, "value": v, "article_ids": list(ids)}
                                 for day, v, ids in e.values]} for e in d.timeline],
        "actors": [{"id": a.id, "name": a.name, "type": a.type, "articles": a.articles,
                    "mentions": a.mentions, "roles": [role_spell_json(r) for r in a.roles]}
                   for a in d.actors],
        "quotes": [{"speaker_id": g.speaker_id, "speaker": g.speaker,
                    "quotes": [fact_json(q) for q in g.quotes]} for g in d.quotes],
        "coverage": {
            "outlets": [{"outlet": o.outlet, "article_ids": list(o.article_ids),
                         "first": o.first, "last": o.last,
                         "days": [{"date": day, "articles": n} for day, n in o.days],
                         "facts": list(o.facts), "exclusive": list(o.exclusive),
                         "quoted": [{"id": i, "name": n, "quotes": c} for i, n, c in o.quoted]}
                        for o in cov.outlets],
            "matrix": [{"fact_id": fid, "label": facts[fid].label if fid in facts else None,
                        "article_ids": list(facts[fid].article_ids) if fid in facts else [],
                        "outlets": list(outlets)} for fid, outlets in cov.matrix],
            "exclusive": list(cov.exclusive)},
        "contradictions": [{"kind": c.kind, "topic": c.topic, "fact_ids": list(c.fact_ids),
                            "sides": [{"value": s.value, "article_ids": list(s.article_ids),
                                       "outlets": list(s.outlets),
                                       "statements": [statement_json(x) for x in s.statements]}
                                      for s in c.sides]} for c in d.contradictions],
        "articles": [{"citation": a.citation, "article_id": a.article_id,
                      "published": a.published, "outlet": a.outlet, "title": a.title,
                      "url": a.url, "duplicate_of": a.duplicate_of} for a in d.articles],
    }
def entity_json(c: Any, roles: list[Any], quotes: list[tuple[int, Any]],
                stories: list[Any]) -> dict[str, Any]:
    """``storyline entity NAME --json``: the actor, its roles over time, what it said (each
    quote with its article, span and sentence) and its stories."""
    d = entity_summary(c)
    d["roles"] = [role_spell_json(r) for r in roles]
    d["quotes"] = [{"article_id": aid, "text": q.text, "direct": q.direct, "cue": q.cue,
                    "start_char": q.start_char, "end_char": q.end_char,
                    "sentence": q.sentence} for aid, q in quotes]
    d["stories"] = [story_summary(st) for st in stories]
    return d


# ---- browsing and reactions (the web app's JSON API) ---------------------------------------


def page_json(items: list[dict[str, Any]], next_cursor: str | None) -> dict[str, Any]:
    """A page of a listing: the rows (each in its record's own shape) and the cursor of the
    next page (``null`` on the last)."""
    return {"items": items, "next_cursor": next_cursor}


def coverage_json(rows: list[tuple[str, str, int]]) -> list[dict[str, Any]]:
    """A story's coverage over time: articles per day and outlet."""
    return [{"day": day, "outlet": outlet or None, "articles": n} for day, outlet, n in rows]


def story_row_json(s: Any, coverage: list[tuple[str, str, int]]) -> dict[str, Any]:
    """One row of the story list of the API: :func:`story_summary` and its coverage."""
    return {**story_summary(s), "coverage": coverage_json(coverage)}


def outlet_summary(o: dict[str, Any]) -> dict[str, Any]:
    """One outlet: how many articles (and originals) it published, when, in how many
    stories."""
    return {"name": o["name"], "articles": o["articles"], "originals": o["originals"],
            "first_published": o["first_published"], "last_published": o["last_published"],
            "stories": o["stories"]}


def outlet_json(o: dict[str, Any]) -> dict[str, Any]:
    """One outlet with the stories it covers (and its articles in each) and whom it
    quotes."""
    out = outlet_summary(o)
    out["story_list"] = [{**story_summary(s), "outlet_articles": n} for s, n in o["story_rows"]]
    out["speakers"] = [dict(sp) for sp in o["speakers"]]
    return out


def marked_text(text: str) -> tuple[str, list[list[int]]]:
    """Text carrying match marks (``\\x02``…``\\x03``) as plain text and the ``[start, end)``
    character spans of the matches in it."""
    plain: list[str] = []
    spans: list[list[int]] = []
    at = 0
    start: int | None = None
    for ch in text:
        if ch == "\x02":
            start = at
        elif ch == "\x03":
            if start is not None:
                spans.append([start, at])
            start = None
        else:
            plain.append(ch)
            at += 1
    return "".join(plain), spans


def search_hit_json(hit: Any) -> dict[str, Any]:
    """One search hit: the article's row, and its title and snippet as plain text with the
    spans of the matched words (``title_highlights``, ``snippet_highlights``)."""
    title, title_spans = marked_text(hit.title)
    snippet, snippet_spans = marked_text(hit.snippet)
    return {"article": article_summary(hit.article), "title": title,
            "title_highlights": title_spans, "snippet": snippet,
            "snippet_highlights": snippet_spans}


def reactions_json(r: dict[str, Any]) -> dict[str, Any]:
    """An item's reactions: our readers' counts, the asking reader's own (``mine``), the
    counts the ingested pages showed (``ingested``, apart) and a story's ``mood``."""
    out = {"item_kind": r["item_kind"], "item_id": r["item_id"], "counts": dict(r["counts"]),
           "mine": r["mine"], "ingested": dict(r["ingested"])}
    if "mood" in r:
        out["mood"] = dict(r["mood"])
    return out


def reaction_total_json(row: tuple[str, int, dict[str, int]]) -> dict[str, Any]:
    """One row of the reaction export: an item and its counts (no reader ids)."""
    item_kind, item_id, counts = row
    return {"item_kind": item_kind, "item_id": item_id, "counts": dict(counts)}
