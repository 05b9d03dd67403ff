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
