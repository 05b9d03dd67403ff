"""Contradictions: statements from different articles of one story that cannot both be true.

Precision comes first: each rule says what must hold before two statements are set against
each other, and what makes them compatible instead. An article never contradicts its own copy
(or another copy of the same original), and an article never contradicts itself: when one
article gives both values, the reading is in doubt and neither side is used.

- **number** — two figures for the same counted thing and state (``numbers.toml``), both
  totals (not "three more"), that no reading makes equal: "a dozen" and 12, "more than 2,000"
  and "about 2,400" agree. Figures that change between reports published on different days
  are updates (the timeline shows them), except for things whose size does not change
  (``fixed_counts``: a crew, the votes of a ballot); so are figures that change between one
  outlet's own reports of the same day.
- **date** — one development, its object named (or its actors shared), dated by different
  articles to dates neither of which contains the other ("on Monday" and "earlier this week"
  agree), at most :data:`DATE_SPAN_DAYS` apart.
- **place** — one development whose articles name different places for it by "in"/"at",
  when no sentence of the story puts one place inside the other ("Harrowby in Orvedal").
- **actor** — a development whose actor is part of the fact (``actor_sensitive_predicates``):
  actors of the same type that no article names together, one article naming one and another
  the other ("Marren signed" against "Brandt signed"). A subset of actors ("X and Y signed"
  against "X signed") agrees, and so do people whose titles tie them to different
  organisations (each side's own signatory).
- **title** — titles for the same person in articles published the same day that cannot be
  held at once (``title_forms.toml``): another portfolio or rank of an office held once
  ("Deputy Foreign Minister" and "Foreign Minister"), or the same office at another
  organisation. Other wordings of a title agree, and "former" is a change over time.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date as _date

from ..analyze import lexicon as L
from ..models import Contradiction, ContradictionSide, Fact, Statement
from . import numbers as N
from .facts import Meta, _family, conflicting, date_claims, mode, start_day, title_form

#: Dates further apart than this are more likely two developments than one disputed date.
DATE_SPAN_DAYS = 14
_PEOPLE = {"PERSON"}


def contradictions(facts: Sequence[Fact], meta: Mapping[int, Meta],
                   types: Mapping[int, str] | None = None) -> list[Contradiction]:
    """Every contradiction among the facts of one story (see the module docstring); ``types``
    gives the type of each canonical entity (PERSON, ORG, GPE …)."""
    types = types or {}
    statements = [s for f in facts for s in f.statements]
    out: list[Contradiction] = []
    out += _numbers([s for s in statements if s.kind == "number"], meta, facts)
    affiliations = _affiliations([s for s in statements if s.kind == "title"])
    for f in facts:
        if f.kind != "action" or mode(f.statements[0]) != "done":
            continue
        out += _dates(f, meta)
        out += _places(f, meta, statements)
        out += _actors(f, meta, types, affiliations)
    out += _titles([s for s in statements if s.kind == "title"], meta, facts)
    return out


# ---- shared -------------------------------------------------------------------------------------


def _independent(a: int, b: int, meta: Mapping[int, Meta]) -> bool:
    """Two different reports: not one article, not an article and its copy, not two copies of
    one original."""
    return a != b and not (_family(a, meta) & _family(b, meta))


def _side(value: str, stmts: Sequence[Statement], meta: Mapping[int, Meta]) -> ContradictionSide:
    ordered = sorted(stmts, key=lambda s: (meta[s.article_id].day or "9999"
                                           if s.article_id in meta else "9999", s.article_id,
                                           s.start_char))
    arts = tuple(dict.fromkeys(s.article_id for s in ordered))
    outlets = tuple(dict.fromkeys(o for o in (meta[a].outlet if a in meta else None
                                              for a in arts) if o))
    return ContradictionSide(value=value, statements=tuple(ordered), article_ids=arts,
                             outlets=outlets)


def _fact_ids(facts: Sequence[Fact], stmts: Sequence[Statement]) -> tuple[int, ...]:
    ids = {id(s) for s in stmts}
    return tuple(f.id for f in facts if any(id(s) in ids for s in f.statements))


def _any_independent(xs: Sequence[Statement], ys: Sequence[Statement],
                     meta: Mapping[int, Meta]) -> bool:
    return any(_independent(x.article_id, y.article_id, meta) for x in xs for y in ys)


# ---- numbers ------------------------------------------------------------------------------------


def _numbers(stmts: list[Statement], meta: Mapping[int, Meta],
             facts: Sequence[Fact]) -> list[Contradiction]:
    by_counts: dict[str, list[Statement]] = {}
    for s in stmts:
        if s.modality != "sensitive":
            continue
        by_counts.setdefault(s.counts or "", []).append(s)
    out = []
    for counts, group in by_counts.items():
        fixed = counts.partition(":")[0] in L.FIXED_COUNTS
        windows: dict[str, list[Statement]] = {}
        for s in group:
            day = meta[s.article_id].day if s.article_id in meta else None
            if day is None:
                # an undated copy is dated by its original
                orig = meta[s.article_id].duplicate_of if s.article_id in meta else None
                day = meta[orig].day if orig is not None and orig in meta else None
            if day is None and not fixed:
                continue
            windows.setdefault("all" if fixed else day or "", []).append(s)
        for window in windows.values():
            out += _number_conflicts(counts, window, meta, facts, fixed=fixed)
    return out


def _number_conflicts(counts: str, stmts: list[Statement], meta: Mapping[int, Meta],
                      facts: Sequence[Fact], *, fixed: bool = False) -> list[Contradiction]:
    # values an article itself gives in two ways are in doubt
    clusters: list[list[Statement]] = []
    for s in stmts:
        for c in clusters:
            if all(N.compatible(s.amount, s.approx, x.amount, x.approx) for x in c):
                c.append(s)
                break
        else:
            clusters.append([s])
    out = []
    for i, a in enumerate(clusters):
        for b in clusters[i + 1:]:
            if any(N.compatible(x.amount, x.approx, y.amount, y.approx) for x in a for y in b):
                continue
            if not _any_independent(a, b, meta):
                continue
            doubt = {x.article_id for x in a} & {y.article_id for y in b}
            a2 = [x for x in a if x.article_id not in doubt]
            b2 = [y for y in b if y.article_id not in doubt]
            if not a2 or not b2 or not _any_independent(a2, b2, meta):
                continue
            # a figure that changes between one outlet's reports of the same day is that
            # outlet's update ("17 injured" in the morning, "at least 37" by the evening);
            # only a thing whose size does not change contradicts itself within one outlet
            if not fixed and not _other_outlets(a2, b2, meta):
                continue
            what = a2[0].object or counts
            state = counts.partition(":")[2]
            topic = f"{what} ({state})" if state and state not in {"tally"} else what
            out.append(Contradiction(
                kind="number", topic=topic,
                sides=(_side(_value(a2), a2, meta), _side(_value(b2), b2, meta)),
                fact_ids=_fact_ids(facts, a2 + b2)))
    return out


def _other_outlets(xs: Sequence[Statement], ys: Sequence[Statement],
                   meta: Mapping[int, Meta]) -> bool:
    """Whether some pair of independent reports comes from two outlets (an article without a
    known outlet counts as another outlet)."""
    def outlet(a: int) -> str | None:
        return meta[a].outlet if a in meta else None

    return any(_independent(x.article_id, y.article_id, meta)
               and (outlet(x.article_id) is None or outlet(x.article_id) != outlet(y.article_id))
               for x in xs for y in ys)


def _value(stmts: Sequence[Statement]) -> str:
    from collections import Counter

    return Counter(s.value or "" for s in stmts).most_common(1)[0][0]


# ---- dates ----------------------------------------------------------------------------------------


def _dates(f: Fact, meta: Mapping[int, Meta]) -> list[Contradiction]:
    claims = date_claims(f.statements, meta)
    pairs = conflicting(claims)
    if not pairs:
        return []
    acts = [s for s in f.statements if s.kind == "action"]
    specific = any(s.object_class for s in acts) or _shared_actors(acts)
    if not specific:
        return []
    out = []
    for a, b in pairs:
        if _days_apart(a.date, b.date) > DATE_SPAN_DAYS:
            continue
        if not any(_independent(x, y, meta) for x in a.article_ids for y in b.article_ids):
            continue
        sa = _dating(f, a.article_ids, a.date)
        sb = _dating(f, b.article_ids, b.date)
        if not sa or not sb:
            continue
        out.append(Contradiction(kind="date", topic=f"when: {f.label}",
                                 sides=(_side(a.date, sa, meta), _side(b.date, sb, meta)),
                                 fact_ids=(f.id,)))
    return out


def _dating(f: Fact, arts: Sequence[int], value: str) -> list[Statement]:
    """The statements of ``arts`` that give the fact ``value`` (time expressions first)."""
    from .facts import dates_compatible

    found = [s for s in f.statements if s.article_id in arts and s.date and
             s.kind in {"date", "action"} and dates_compatible(s.date, value)]
    return sorted(found, key=lambda s: s.kind != "date")


def _shared_actors(acts: Sequence[Statement]) -> bool:
    by_article: dict[int, set[int]] = {}
    for s in acts:
        by_article.setdefault(s.article_id, set()).update(s.actors)
    sets = [v for v in by_article.values() if v]
    return len(sets) >= 2 and bool(set.intersection(*sets))


def _days_apart(a: str, b: str) -> int:
    try:
        return abs((_date.fromisoformat(start_day(a)) - _date.fromisoformat(start_day(b))).days)
    except ValueError:
        return 10 ** 6


# ---- places ---------------------------------------------------------------------------------------


def _places(f: Fact, meta: Mapping[int, Meta], story: Sequence[Statement]) -> list[Contradiction]:
    acts = [s for s in f.statements if s.kind == "action" and s.place]
    by_place: dict[str, list[Statement]] = {}
    for s in acts:
        by_place.setdefault(_place_key(s), []).append(s)
    if len(by_place) < 2:
        return []
    specific = any(s.object_class for s in f.statements if s.kind == "action") or \
        _shared_actors([s for s in f.statements if s.kind == "action"])
    if not specific:
        return []
    sentences = {s.sentence_text for s in story}
    out = []
    keys = sorted(by_place)
    for i, pa in enumerate(keys):
        for pb in keys[i + 1:]:
            xs, ys = by_place[pa], by_place[pb]
            doubt = {x.article_id for x in xs} & {y.article_id for y in ys}
            xs = [x for x in xs if x.article_id not in doubt]
            ys = [y for y in ys if y.article_id not in doubt]
            if not xs or not ys or not _any_independent(xs, ys, meta):
                continue
            if _nested(xs[0].place or "", ys[0].place or "", sentences):
                continue
            out.append(Contradiction(kind="place", topic=f"where: {f.label}",
                                     sides=(_side(xs[0].place or pa, xs, meta),
                                            _side(ys[0].place or pb, ys, meta)),
                                     fact_ids=(f.id,)))
    return out


def _place_key(s: Statement) -> str:
    return f"e:{s.place_id}" if s.place_id is not None else (s.place or "").lower()


def _nested(a: str, b: str, sentences: set[str]) -> bool:
    """Whether a sentence of the story puts one place in the other ("Harrowby in Orvedal",
    "Skarholm, Kestria", "Kestria's port of Skarholm")."""
    ea, eb = re.escape(a), re.escape(b)
    link = r"(?:,\s*|\s+in\s+(?:the\s+)?|\s+of\s+|['’]s\s+(?:\w+\s+){0,3}?(?:of\s+)?)"
    pattern = re.compile(rf"\b{ea}{link}(?:\w+\s+){{0,2}}?{eb}\b|\b{eb}{link}(?:\w+\s+){{0,2}}?"
                         rf"{ea}\b", re.I)
    return any(pattern.search(t) for t in sentences)


# ---- actors ---------------------------------------------------------------------------------------


def _affiliations(titles: Sequence[Statement]) -> dict[int, set[str]]:
    """Person → the organisations their titles in the story name."""
    out: dict[int, set[str]] = {}
    for s in titles:
        if s.actors and (s.object_class or s.object):
            out.setdefault(s.actors[0], set()).add(s.object_class or (s.object or "").lower())
    return out


def _actors(f: Fact, meta: Mapping[int, Meta], types: Mapping[int, str],
            affiliations: Mapping[int, set[str]]) -> list[Contradiction]:
    acts = [s for s in f.statements if s.kind == "action" and s.actors]
    if not acts or (acts[0].predicate or "") not in L.ACTOR_SENSITIVE_PREDICATES:
        return []
    by_article: dict[int, set[int]] = {}
    for s in acts:
        by_article.setdefault(s.article_id, set()).update(s.actors)
    out = []
    for group in ("PERSON", "ORG", "GPE"):
        named = {aid: {a for a in actors if types.get(a) == group}
                 for aid, actors in by_article.items()}
        named = {aid: v for aid, v in named.items() if v}
        if len(named) < 2:
            continue
        if group != "PERSON" and not any(s.object_class for s in acts):
            continue  # institutions act in many ways; only one named thing ties them
        everyone = sorted({a for v in named.values() for a in v})
        together = {(x, y) for v in named.values() for x in v for y in v}
        for i, x in enumerate(everyone):
            for y in everyone[i + 1:]:
                if (x, y) in together:
                    continue
                xa = [aid for aid, v in named.items() if x in v]
                ya = [aid for aid, v in named.items() if y in v]
                if not any(_independent(p, q, meta) for p in xa for q in ya):
                    continue
                ax, ay = affiliations.get(x, set()), affiliations.get(y, set())
                if ax and ay and not ax & ay:
                    continue  # each party's own actor
                xs = [s for s in acts if x in s.actors and s.article_id in xa]
                ys = [s for s in acts if y in s.actors and s.article_id in ya]
                out.append(Contradiction(
                    kind="actor", topic=f"who: {f.label}",
                    sides=(_side(xs[0].actor_names[xs[0].actors.index(x)], xs, meta),
                           _side(ys[0].actor_names[ys[0].actors.index(y)], ys, meta)),
                    fact_ids=(f.id,)))
    return out


# ---- titles ---------------------------------------------------------------------------------------


def title_parts(title: str | None) -> tuple[frozenset[str], str, str] | None:
    """(rank modifiers, portfolio, head) of a title with an exclusive head ("deputy foreign
    minister" → ({deputy}, "foreign", "minister")); None for other titles or a former one."""
    t = title_form(title)
    if (title or "").lower().startswith("former "):
        return None
    ws = t.split()
    ranks = set()
    while ws and ws[0] in L.RANK_MODIFIERS:
        ranks.add(ws.pop(0))
    rest = " ".join(ws)
    for h in sorted(L.EXCLUSIVE_TITLE_HEADS, key=len, reverse=True):
        if rest == h or rest.endswith(" " + h):
            return frozenset(ranks), rest[: len(rest) - len(h)].strip(), h
    return None


def titles_conflict(a: Statement, b: Statement) -> bool:
    pa, pb = title_parts(a.value), title_parts(b.value)
    if pa is None or pb is None or pa[2] != pb[2]:
        return False
    if pa[0] != pb[0]:
        return True
    if pa[1] and pb[1] and pa[1] != pb[1]:
        return True
    oa, ob = a.object_class or (a.object or "").lower(), b.object_class or (b.object or "").lower()
    return bool(pa[1] == pb[1] and oa and ob and oa != ob and a.object_class and b.object_class)


def _titles(stmts: list[Statement], meta: Mapping[int, Meta],
            facts: Sequence[Fact]) -> list[Contradiction]:
    by_person: dict[int, list[Statement]] = {}
    for s in stmts:
        if s.actors:
            by_person.setdefault(s.actors[0], []).append(s)
    out = []
    for group in by_person.values():
        # an article that gives one person two titles that cannot go together is in doubt
        doubt = {x.article_id for x in group for y in group
                 if x.article_id == y.article_id and titles_conflict(x, y)}
        group = [s for s in group if s.article_id not in doubt]
        done: set[tuple[str, str]] = set()
        for i, x in enumerate(group):
            for y in group[i + 1:]:
                if not _independent(x.article_id, y.article_id, meta):
                    continue
                dx, dy = (meta[x.article_id].day if x.article_id in meta else None,
                          meta[y.article_id].day if y.article_id in meta else None)
                if not dx or dx != dy or not titles_conflict(x, y):
                    continue
                key = tuple(sorted((title_form(x.value), title_form(y.value))))
                if key in done:
                    continue
                done.add(key)  # type: ignore[arg-type]
                xs = [s for s in group if title_form(s.value) == title_form(x.value)
                      and meta.get(s.article_id, Meta(None, None)).day == dx]
                ys = [s for s in group if title_form(s.value) == title_form(y.value)
                      and meta.get(s.article_id, Meta(None, None)).day == dx]
                name = x.actor_names[0] if x.actor_names else "?"
                out.append(Contradiction(
                    kind="title", topic=f"title of {name} on {dx}",
                    sides=(_side(x.value or "", xs, meta), _side(y.value or "", ys, meta)),
                    fact_ids=_fact_ids(facts, xs + ys)))
    return out
