"""Plain-text renderings shared by the CLI and the demo (JSON shapes live in :mod:`.shapes`).

Each record kind's lines come from the ``render`` function its declaration names; a kind
without one is printed field by field, so a new component shows up without editing this file.
"""

from __future__ import annotations

import dataclasses
import textwrap
from collections.abc import Iterable, Sequence
from typing import Any

from .models import Action, Analysis, Article, Entity, Quote, RecordKind, Role, Term, TimeExpr


def article_line(a: Article, width: int = 70) -> str:
    """One line of an article list: id, date, outlet, title, and what it duplicates."""
    dup = f"  [duplicate of {a.duplicate_of}]" if a.duplicate_of else ""
    return (f"{a.id:>5}  {(a.published or '')[:10]:10}  {(a.outlet or '-')[:22]:22}  "
            f"{(a.title or '(no title)')[:width]}{dup}")


def analysis_lines(a: Analysis, kinds: Iterable[RecordKind]) -> list[str]:
    """Every record kind of ``kinds`` that has records, under its title, one line a record."""
    if a.status == "skipped":
        return [f"analysis: {a.status} ({a.reason})"]
    out: list[str] = []
    if a.status == "failed":
        out.append(f"analysis: failed ({a.reason})")
    for kind in kinds:
        records = a[kind.name]
        if not records:
            continue
        out.append(f"{kind.title or kind.name}:")
        render = kind.render or generic_lines
        out.extend("  " + line for line in render(records, a))
    return out


def generic_lines(records: Sequence[Any], analysis: Analysis) -> list[str]:
    """``field=value`` pairs of each record (for kinds that declare no renderer)."""
    lines = []
    for r in records:
        if dataclasses.is_dataclass(r):
            pairs = (f"{f.name}={getattr(r, f.name)!r}" for f in dataclasses.fields(r)
                     if getattr(r, f.name) not in (None, (), ""))
            lines.append(" ".join(pairs))
        else:
            lines.append(repr(r))
    return lines


def entity_lines(records: Sequence[Entity], analysis: Analysis) -> list[str]:
    out = []
    for e in records:
        forms = sorted({m.text for m in e.mentions} - {e.name})
        also = f"  (also: {', '.join(forms)})" if forms else ""
        extra = "".join(f" [{x}]" for x in (e.gender, e.acronym, e.country) if x)
        out.append(f"{e.id:>4} {e.type:<6} {e.name}{also}{extra}  x{len(e.mentions)}")
    return out


def role_lines(records: Sequence[Role], analysis: Analysis) -> list[str]:
    out = []
    for r in records:
        title = " ".join(x for x in (r.modifier, r.title) if x)
        out.append(f"{r.person}: {title}" + (f", {r.org}" if r.org else "")
                   + (f" (as of {r.as_of})" if r.as_of else ""))
    return out


def quote_lines(records: Sequence[Quote], analysis: Analysis) -> list[str]:
    out = []
    for q in records:
        who = q.speaker or "(unknown speaker)"
        kind = "direct" if q.direct else "indirect"
        body = textwrap.shorten(q.text, 110, placeholder=" …")
        out.append(f"{who} [{q.cue or '-'}, {kind}] {body!r} @{q.start_char}-{q.end_char}")
    return out


def time_expr_lines(records: Sequence[TimeExpr], analysis: Analysis) -> list[str]:
    out = []
    for t in records:
        value = t.value if t.anchored else f"{t.value or '?'} (unanchored)"
        out.append(f"{t.text!r} → {value} [{t.type}, {t.granularity or '-'}] @{t.start_char}")
    return out


def action_lines(records: Sequence[Action], analysis: Analysis) -> list[str]:
    names = {e.id: e.name for e in analysis.entities}
    out = []
    for x in records:
        verb = ("not " if x.negated else "") + (f"{x.modality} " if x.modality else "") + x.verb
        when = f"  [{x.time_value}]" if x.time_value else ""
        out.append(f"{names.get(x.subject_id or '', x.subject)} — {verb} — {x.object or ''}"
                   f"{when}")
    return out


def term_lines(records: Sequence[Term], analysis: Analysis) -> list[str]:
    top = sorted(records, key=lambda t: -t.weight)[:12]
    return ["  ".join(f"{t.term} {t.weight:.2f}" for t in top[i:i + 4])
            for i in range(0, len(top), 4)]


def sentence_lines(records: Sequence[Any], analysis: Analysis) -> list[str]:
    paragraphs = len({s.paragraph for s in records})
    return [f"{len(records)} sentences in {paragraphs} paragraphs"]
