"""Plain-text renderings shared by the CLI and the demo (the JSON forms live with the records)."""

from __future__ import annotations

import textwrap

from .models import Analysis, Article


def article_line(a: Article, width: int = 70) -> str:
    """One line of an article list: id, date, outlet, title, and what it copies."""
    dup = f"  [copy of {a.duplicate_of}]" if a.duplicate_of else ""
    return (f"{a.id:>5}  {(a.published or '')[:10]:10}  {(a.outlet or '-')[:22]:22}  "
            f"{(a.title or '(no title)')[:width]}{dup}")


def analysis_lines(a: Analysis) -> list[str]:
    """Entities, roles, quotes, time expressions and actions, one per line, with offsets."""
    if a.status != "analyzed":
        return [f"analysis: {a.status} ({a.reason})"]
    names = {e.id: e.name for e in a.entities}
    out = ["Entities:"]
    for e in a.entities:
        forms = sorted({m.text for m in e.mentions} - {e.name})
        also = f"  (also: {', '.join(forms)})" if forms else ""
        out.append(f"  {e.id:>4} {e.type:<6} {e.name}{also}  x{len(e.mentions)}")
    if a.roles:
        out.append("Roles:")
        for r in a.roles:
            title = " ".join(x for x in (r.modifier, r.title) if x)
            out.append(f"  {r.person}: {title}" + (f", {r.org}" if r.org else "")
                       + (f" (as of {r.as_of})" if r.as_of else ""))
    if a.quotes:
        out.append("Quotes:")
        for q in a.quotes:
            who = q.speaker or "(unknown speaker)"
            kind = "direct" if q.direct else "indirect"
            body = textwrap.shorten(q.text, 110, placeholder=" …")
            out.append(f"  {who} [{q.cue or '-'}, {kind}] {body!r} @{q.start}-{q.end}")
    if a.times:
        out.append("Time expressions:")
        for t in a.times:
            value = t.value if t.anchored else f"{t.value or '?'} (unanchored)"
            out.append(f"  {t.text!r} → {value} [{t.type}, {t.granularity or '-'}] @{t.start}")
    if a.actions:
        out.append("Actions:")
        for x in a.actions:
            verb = ("not " if x.negated else "") + (f"{x.modality} " if x.modality else "") + x.verb
            obj = names.get(x.object_id or "", x.object) or ""
            out.append(f"  {names.get(x.subject_id or '', x.subject)} — {verb} — {obj}")
    return out
