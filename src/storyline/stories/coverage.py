"""Coverage: which outlets report a story and when, which outlet reports which fact, the facts
only one outlet reports, and whom each outlet quotes and how often.

A copy (``duplicate_of``) counts for the outlet that published it: syndication is coverage.
Facts counted are the developments, figures and quotes (titles describe people, not the
story).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from ..models import Coverage, Fact, OutletCoverage
from .facts import Meta

#: Fact kinds the matrix counts.
COUNTED = frozenset({"action", "number", "quote"})


def coverage(facts: Sequence[Fact], meta: Mapping[int, Meta],
             article_ids: Sequence[int]) -> Coverage:
    outlets = sorted({m.outlet for a, m in meta.items() if a in set(article_ids) and m.outlet})
    counted = [f for f in facts if f.kind in COUNTED]
    matrix = tuple((f.id, tuple(o for o in outlets if o in f.outlets)) for f in counted)
    exclusive = tuple(f.id for f in counted if len(f.outlets) == 1) if len(outlets) > 1 else ()
    rows = []
    for outlet in outlets:
        arts = [a for a in article_ids if a in meta and meta[a].outlet == outlet]
        days: Counter[str] = Counter(d for a in arts if (d := meta[a].day))
        mine = [f.id for f in counted if outlet in f.outlets]
        quoted: Counter[tuple[int | None, str]] = Counter()
        for f in facts:
            if f.kind != "quote":
                continue
            for s in f.statements:
                if s.kind == "quote" and s.article_id in arts:
                    who = s.actors[0] if s.actors else None
                    quoted[(who, s.actor_names[0] if s.actor_names else "(unnamed)")] += 1
        rows.append(OutletCoverage(
            outlet=outlet, article_ids=tuple(arts), first=min(days) if days else None,
            last=max(days) if days else None, days=tuple(sorted(days.items())),
            facts=tuple(mine), exclusive=tuple(f for f in exclusive if f in mine),
            quoted=tuple((w, n, c) for (w, n), c in sorted(quoted.items(),
                                                          key=lambda kv: (-kv[1], kv[0][1])))))
    return Coverage(outlets=tuple(rows), matrix=matrix, exclusive=exclusive)
