"""The timeline: a story's developments on the dates they happened, and the figures that later
reports update.

1. A **development** is an action fact whose predicate is not a state or a verb of saying
   (``state_verbs``, ``reporting_verbs``) and that is not negated.
2. Its date is the date its time expressions give (:attr:`Fact.date`, ``dated_by`` =
   ``time_expr``): "last Friday's meeting" is on that Friday. Articles that disagree are
   shown (``disputed``), the date most of them give first.
3. A development no time expression dates is placed on the day it was first reported
   (``dated_by`` = ``published``) — only when it is what an article leads with (its first
   sentences) or the own articles of more than one outlet state it, so background detail
   stays out.
4. A plan with a date ("is expected to vote next month") is an ``expected`` entry.
5. An **update** is a figure with a state ("people dead", not a fixed count) that reports on
   later days change: one entry on each day it took a new value, with the history.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..analyze import lexicon as L
from ..models import Fact, Statement, TimelineEntry
from .facts import Meta, _family, conflicting, date_claims, mode, start_day

#: Sentences of an article that count as its lead.
LEAD_SENTENCES = 3


def is_development(f: Fact) -> bool:
    """Whether an action fact is something that happened in the story: not a state, not
    speech (the words belong to quotes), not negated, not inside a direct quote; a verb
    without an object must be one of ``event_verbs`` ("Halvik resigned"), since a fragment
    ("Kestria has shown", "he hoped") says nothing on its own."""
    if f.kind != "action":
        return False
    acts = [s for s in f.statements if s.kind == "action" and not s.quoted]
    if not acts:
        return False
    s = acts[0]
    pred = s.predicate or ""
    if pred in L.STATE_VERBS or pred in L.REPORTING_VERBS or mode(s) == "negated":
        return False
    if not any(x.object for x in acts):
        return pred in L.EVENT_VERBS or pred in _EVENT_PREDICATES()
    if pred in L.CUE_VERBS and not any(x.object_class or x.actors for x in acts):
        return False
    return True


def _EVENT_PREDICATES() -> frozenset[str]:  # noqa: N802 - derived rule data
    return frozenset(str(v) for k, v in L.PREDICATE_SYNONYMS.items() if k in L.EVENT_VERBS)


def timeline(facts: Sequence[Fact], meta: Mapping[int, Meta]) -> list[TimelineEntry]:
    """Every development and update, in the order they happened (see the module docstring)."""
    out: list[TimelineEntry] = []
    for f in facts:
        if not is_development(f) or f.date is None:
            continue
        actions = [s for s in f.statements if s.kind == "action"]
        expected = mode(actions[0]) == "expected"
        if expected:
            first = f.first_reported or ""
            if f.dated_by != "time_expr" or start_day(f.date) <= first:
                continue
        elif f.dated_by == "published":
            # corroborated: reported by two outlets' own articles (an outlet's updates of its
            # story, or a copy of another's, are not a second report)
            originals = {min(_family(a, meta)) for a in f.article_ids}
            outlets = {(meta[a].outlet if a in meta else None) or f"#{a}" for a in originals}
            lead = any(s.sentence is not None and s.sentence < LEAD_SENTENCES for s in actions)
            if not lead and len(outlets) < 2:
                continue
        claims = date_claims(f.statements, meta)
        disputed = tuple(claims) if conflicting(claims) else ()
        out.append(TimelineEntry(date=f.date, granularity=f.granularity, fact=f,
                                 kind="expected" if expected else "development",
                                 dated_by=f.dated_by, disputed=disputed))
    out = _one_per_sentence(out)
    out += updates(facts, meta)
    out.sort(key=lambda e: (start_day(e.date), _rank(e.granularity), e.kind == "update",
                            -len(e.fact.article_ids), e.fact.id))
    return out


def _one_per_sentence(entries: list[TimelineEntry]) -> list[TimelineEntry]:
    """One entry for developments that the same sentences state on the same date ("detained
    a trawler and its crew"): the one more articles report, else the first in the text."""
    ranked = sorted(entries, key=lambda e: (-len(e.fact.article_ids), _first_pos(e)))
    kept: list[TimelineEntry] = []
    seen: list[tuple[str, frozenset[tuple[int, int | None]]]] = []
    for e in ranked:
        where = frozenset((s.article_id, s.sentence) for s in e.fact.statements
                          if s.kind == "action")
        if any(d == e.date and where <= w for d, w in seen):
            continue
        seen.append((e.date, where))
        kept.append(e)
    return kept


def _first_pos(e: TimelineEntry) -> int:
    return min((s.start_char for s in e.fact.statements if s.kind == "action"), default=0)


def _rank(granularity: str | None) -> int:
    return {"day": 0, "week": 1, "month": 2, "quarter": 3}.get(granularity or "", 4)


def updates(facts: Sequence[Fact], meta: Mapping[int, Meta]) -> list[TimelineEntry]:
    """Figures of a counted thing with a state that change from one day's reports to a later
    day's: an entry on each day a new value appears."""
    by_counts: dict[str, list[Fact]] = {}
    for f in facts:
        if f.kind != "number":
            continue
        s = f.statements[0]
        counted, _, state = (s.counts or "").partition(":")
        if not state or counted in L.FIXED_COUNTS or s.modality == "increment":
            continue
        by_counts.setdefault(s.counts or "", []).append(f)
    out: list[TimelineEntry] = []
    for group in by_counts.values():
        history = _history(group, meta)
        if len({v for _d, v, _a in history}) < 2 or len({d for d, _v, _a in history}) < 2:
            continue
        seen: set[str] = set()
        for day, value, _arts in history:
            if value in seen:
                continue
            seen.add(value)
            fact = next(f for f in group if any(s.value == value for s in f.statements))
            out.append(TimelineEntry(date=day, granularity="day", fact=fact, kind="update",
                                     dated_by="published", values=tuple(history)))
    return out


def _history(group: list[Fact], meta: Mapping[int, Meta]) -> list[tuple[str, str, tuple[int, ...]]]:
    """(day, value, article ids) of a counted thing, oldest first; one value per article: the
    first it gives."""
    rows: dict[tuple[str, str], list[int]] = {}
    done: set[int] = set()
    stmts: list[Statement] = sorted((s for f in group for s in f.statements),
                                    key=lambda s: (meta[s.article_id].day or "9999"
                                                   if s.article_id in meta else "9999",
                                                   s.article_id, s.start_char))
    for s in stmts:
        day = meta[s.article_id].day if s.article_id in meta else None
        if day is None or s.article_id in done or s.value is None:
            continue
        done.add(s.article_id)
        rows.setdefault((day, s.value), []).append(s.article_id)
    return [(d, v, tuple(a)) for (d, v), a in sorted(rows.items())]
