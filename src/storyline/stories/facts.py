"""Facts: statements from the articles of a story grouped when they report the same thing, so
each fact lists every article and outlet that reports it.

What makes statements one fact, per kind:

- **action** — the same predicate and mode (done, negated, expected) and the same object
  (its class, else its head word, else its entity); a statement without an object joins the
  predicate's only object, else the statements with the same actors. Statements one article
  dates differently are different developments; different articles that date one
  development differently disagree on its date (:attr:`~storyline.models.Fact.date` takes
  the date most articles give; :func:`date_claims` lists them all).
- **quote** — the same speaker and words that mostly overlap (one quote reported by several
  articles, or a partial quote of a longer one).
- **number** — the same counted thing (and state) and figures that can both be true.
- **title** — the same person and the same title (in its compared form,
  ``title_forms.toml``).
- **date** statements belong to the fact of the action they date.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from ..analyze import lexicon as L
from ..models import Article, DateClaim, Fact, Statement
from . import wording as W
from .numbers import compatible

#: Content-word containment above which two quotes of one speaker are one quote.
QUOTE_OVERLAP = 0.6


@dataclass(frozen=True)
class Meta:
    """What grouping needs of an article: its outlet, publication day and the original it
    copies (None for an original)."""

    outlet: str | None
    day: str | None
    duplicate_of: int | None = None


def metas(articles: Iterable[Article]) -> dict[int, Meta]:
    return {a.id: Meta(a.outlet, a.published[:10] if a.published else None, a.duplicate_of)
            for a in articles}


def mode(s: Statement) -> str:
    """done, negated or expected (a modal, or a plan: "will sign", "agreed to sign")."""
    if s.negated:
        return "negated"
    if s.modality and s.modality not in L.REALISED_MODALITIES:
        return "expected"
    return "done"


def object_key(s: Statement) -> str | None:
    if s.object_class:
        return s.object_class
    h = W.head(s.object)
    return W.stem(h) if h else None


def title_form(title: str | None) -> str:
    """A title in the form titles are compared in ("Minister of Foreign Affairs" → foreign
    minister), lower case, without "former"."""
    t = (title or "").lower().strip()
    t = t.removeprefix("former ").removeprefix("then ").removeprefix("acting ").strip()
    return str(L.TITLE_EQUIVALENTS.get(t, t))


def group(statements: Sequence[Statement], meta: Mapping[int, Meta]) -> list[Fact]:
    """Every statement in exactly one fact; facts in the order they happened (date, then first
    report), numbered from 1."""
    buckets: list[list[Statement]] = []
    buckets += _actions([s for s in statements if s.kind == "action"], meta)
    buckets += _quotes([s for s in statements if s.kind == "quote"])
    buckets += _numbers([s for s in statements if s.kind == "number"])
    buckets += _titles([s for s in statements if s.kind == "title"])
    _attach_dates(buckets, [s for s in statements if s.kind == "date"])
    facts = [_fact(0, b, meta) for b in buckets if b]
    facts.sort(key=lambda f: (start_day(f.date), f.first_reported or "9999", f.kind, f.key))
    return [replace(f, id=i + 1) for i, f in enumerate(facts)]


# ---- actions --------------------------------------------------------------------------------


def _actions(stmts: list[Statement], meta: Mapping[int, Meta]) -> list[list[Statement]]:
    by_pred: dict[tuple[str, str], list[Statement]] = {}
    for s in stmts:
        by_pred.setdefault((s.predicate or "", mode(s)), []).append(s)
    out: list[list[Statement]] = []
    for bucket in by_pred.values():
        keyed: dict[str, list[Statement]] = {}
        loose: list[Statement] = []
        for s in bucket:
            k = object_key(s)
            if k is None:
                loose.append(s)
            else:
                keyed.setdefault(k, []).append(s)
        if len(keyed) == 1 and loose:
            # "put her signature" has no object: it is the signing of the story's one
            # signed thing; other verbs join only with an actor in common
            only = next(iter(keyed.values()))
            actors = {a for x in only for a in x.actors}
            sensitive = bucket[0].predicate in L.ACTOR_SENSITIVE_PREDICATES
            joining = [x for x in loose if sensitive or set(x.actors) & actors]
            only.extend(joining)
            loose = [x for x in loose if x not in joining]
        by_actors: dict[frozenset[int], list[Statement]] = {}
        for s in loose:
            by_actors.setdefault(frozenset(s.actors), []).append(s)
        for group_ in [*keyed.values(), *by_actors.values()]:
            out += _split_by_date(group_, meta)
    return out


def _split_by_date(stmts: list[Statement], meta: Mapping[int, Meta]) -> list[list[Statement]]:
    """Statements one article dates differently are different developments; undated ones go
    with the development their article dates, else with the latest that happened at most
    :data:`RECENT_DAYS` before their article (news without a date is recent news), else
    stand alone."""
    dated = [s for s in stmts if s.date]
    if not dated:
        return [stmts]
    clusters: list[list[Statement]] = []
    for s in sorted(dated, key=lambda s: s.date or ""):
        for c in clusters:
            if all(dates_compatible(s.date, x.date) for x in c):
                c.append(s)
                break
        else:
            clusters.append([s])
    # clusters that no article gives both dates of are one development whose date is disputed
    merged: list[list[Statement]] = []
    for c in clusters:
        arts = {s.article_id for s in c}
        for m in merged:
            if not arts & {s.article_id for s in m}:
                m.extend(c)
                break
        else:
            merged.append(list(c))
    alone: list[Statement] = []
    for s in stmts:
        if s.date:
            continue
        own = _family(s.article_id, meta)
        home = next((m for m in merged if any(_family(x.article_id, meta) & own for x in m)),
                    None)
        if home is None:
            day = meta[s.article_id].day if s.article_id in meta else None
            near = [m for m in merged if _recent(_cluster_date(m), day)]
            home = max(near, key=lambda m: start_day(_cluster_date(m))) if near else None
        if home is None:
            alone.append(s)
        else:
            home.append(s)
    return merged + ([alone] if alone else [])


def _family(article_id: int, meta: Mapping[int, Meta]) -> set[int]:
    """An article and the original it copies: the same report."""
    m = meta.get(article_id)
    return {article_id, m.duplicate_of} if m is not None and m.duplicate_of else {article_id}


#: How many days before its article an undated statement's development may have happened.
RECENT_DAYS = 31


def _cluster_date(stmts: list[Statement]) -> str:
    return max((s.date or "" for s in stmts), key=len)


def _recent(date: str, day: str | None) -> bool:
    if not day or not date:
        return False
    from datetime import date as _date

    try:
        start = _date.fromisoformat(start_day(date))
        end = _date.fromisoformat(end_day(date))
        pub = _date.fromisoformat(day)
    except ValueError:
        return False
    return (pub - end).days <= RECENT_DAYS and (start - pub).days <= 1


def start_day(value: str | None) -> str:
    """The first day a TIMEX3 date covers ("2026-W11" → 2026-03-09, "2026-03" →
    2026-03-01), for sorting; unknown values sort last."""
    from datetime import date as _date

    if not value:
        return "9999-12-31"
    v = value[:10]
    try:
        if "-W" in v:
            y, w = v.split("-W")
            return _date.fromisocalendar(int(y), int(w[:2]), 1).isoformat()
        if "-Q" in v:
            y, q = v.split("-Q")
            return f"{y}-{(int(q) - 1) * 3 + 1:02d}-01"
        if len(v) == 7:
            return v + "-01"
        if len(v) == 4:
            return v + "-01-01"
        if len(v) == 3:  # a decade, "197"
            return v + "0-01-01"
        return _date.fromisoformat(v).isoformat()
    except ValueError:
        return "9999-12-31"


def end_day(value: str | None) -> str:
    """The last day a TIMEX3 date covers."""
    from calendar import monthrange
    from datetime import date as _date
    from datetime import timedelta

    start = start_day(value)
    if not value or start.startswith("9999"):
        return start
    v = value[:10]
    d = _date.fromisoformat(start)
    if "-W" in v:
        return (d + timedelta(days=6)).isoformat()
    if "-Q" in v:
        m = d.month + 2
        return _date(d.year, m, monthrange(d.year, m)[1]).isoformat()
    if len(v) == 7:
        return _date(d.year, d.month, monthrange(d.year, d.month)[1]).isoformat()
    if len(v) == 4:
        return f"{v}-12-31"
    if len(v) == 3:
        return f"{v}9-12-31"
    return start


def dates_compatible(a: str | None, b: str | None) -> bool:
    """Whether two TIMEX3 dates can name the same time: equal, or one contains the other
    ("2026-03-16" and "2026-W12", "2026-03" and "2026-03-02")."""
    if not a or not b:
        return True
    a, b = a[:10], b[:10]
    if a == b or a.startswith(b) or b.startswith(a):
        return True
    return _week_of(a) == b or _week_of(b) == a


def _week_of(day: str) -> str | None:
    from datetime import date

    try:
        d = date.fromisoformat(day)
    except ValueError:
        return None
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


# ---- quotes, numbers, titles ---------------------------------------------------------------------


def _quotes(stmts: list[Statement]) -> list[list[Statement]]:
    by_speaker: dict[str, list[Statement]] = {}
    for s in stmts:
        key = str(s.actors[0]) if s.actors else (s.actor_names[0].lower() if s.actor_names
                                                 else "?")
        by_speaker.setdefault(key, []).append(s)
    out: list[list[Statement]] = []
    for bucket in by_speaker.values():
        groups: list[tuple[set[str], list[Statement]]] = []
        for s in bucket:
            ws = set(W.content_words(s.value or s.text))
            for g_words, g in groups:
                if W.overlap(ws, g_words) >= QUOTE_OVERLAP:
                    g.append(s)
                    g_words |= ws
                    break
            else:
                groups.append((ws, [s]))
        out += [g for _w, g in groups]
    return out


def _numbers(stmts: list[Statement]) -> list[list[Statement]]:
    by_counts: dict[str, list[Statement]] = {}
    for s in stmts:
        by_counts.setdefault(s.counts or "", []).append(s)
    out: list[list[Statement]] = []
    for bucket in by_counts.values():
        groups: list[list[Statement]] = []
        for s in bucket:
            for g in groups:
                if all(compatible(s.amount, s.approx, x.amount, x.approx) for x in g):
                    g.append(s)
                    break
            else:
                groups.append([s])
        out += groups
    return out


def _titles(stmts: list[Statement]) -> list[list[Statement]]:
    by_key: dict[tuple[int, str], list[Statement]] = {}
    for s in stmts:
        if not s.actors:
            continue
        by_key.setdefault((s.actors[0], title_form(s.value) + "|" + _former(s)), []).append(s)
    return list(by_key.values())


#: Words of a "that" clause a label shows.
CLAUSE_WORDS = 10


def _that_clause(s: Statement) -> str | None:
    """For a verb without an object, the clause it introduces, shortened: "announced last
    week that it would cease military aid …" → "that it would cease military aid …"."""
    if s.kind != "action" or s.sentence_start_char is None or not s.sentence_text:
        return None
    rest = s.sentence_text[max(0, s.end_char - s.sentence_start_char):]
    m = re.match(r"\s*(?:[\w’']+\s+){0,4}?that\s+([^,.;:“”\"]+)", rest)
    if not m:
        return None
    words = m.group(1).split()
    return "that " + " ".join(words[:CLAUSE_WORDS]) + (" …" if len(words) > CLAUSE_WORDS else "")


def _former(s: Statement) -> str:
    return "former" if (s.value or "").lower().startswith("former ") else ""


def _attach_dates(buckets: list[list[Statement]], dates: list[Statement]) -> None:
    for d in dates:
        for b in buckets:
            if any(s.kind == "action" and s.article_id == d.article_id and
                   s.sentence == d.sentence and s.predicate == d.predicate for s in b):
                b.append(d)
                break


# ---- one fact ----------------------------------------------------------------------------------


def _fact(fid: int, stmts: list[Statement], meta: Mapping[int, Meta]) -> Fact:
    stmts = sorted(stmts, key=lambda s: (meta.get(s.article_id, Meta(None, None)).day or "9999",
                                         s.article_id, s.start_char))
    kind = next((s.kind for s in stmts if s.kind != "date"), stmts[0].kind)
    arts = tuple(dict.fromkeys(s.article_id for s in stmts))
    outlets = tuple(dict.fromkeys(o for o in (meta[a].outlet if a in meta else None
                                              for a in arts) if o))
    days = sorted(d for d in (meta[a].day if a in meta else None for a in arts) if d)
    first = days[0] if days else None
    key, label = _key_label(kind, [s for s in stmts if s.kind == kind] or stmts)
    date = granularity = dated_by = None
    if kind == "action":
        claims = date_claims(stmts, meta)
        if claims:
            best = claims[0]
            date, granularity, dated_by = best.date, best.granularity, "time_expr"
        elif first:
            date, granularity, dated_by = first, "day", "published"
    elif kind in {"number", "quote", "title"} and first:
        date, granularity, dated_by = first, "day", "published"
    return Fact(id=fid, kind=kind, key=key, label=label, statements=tuple(stmts),
                article_ids=arts, outlets=outlets, date=date, granularity=granularity,
                dated_by=dated_by, first_reported=first)


def date_claims(stmts: Sequence[Statement], meta: Mapping[int, Meta]) -> list[DateClaim]:
    """The dates the articles of a development give it, the one most articles give first
    (ties: the most precise, then the earliest report). Each article claims its most precise
    date; a vaguer date ("last week") joins the one claim it contains, and one that contains
    several claims ("last week" when the articles disagree on the day) is a claim of its own
    that contradicts none of them."""
    per_article: dict[int, str] = {}
    for s in stmts:
        if s.kind not in {"action", "date"} or not s.date:
            continue
        cur = per_article.get(s.article_id)
        if cur is None or len(s.date) > len(cur):
            per_article[s.article_id] = s.date
    claims: list[tuple[str, list[int]]] = []
    for aid, d in sorted(per_article.items(), key=lambda kv: (-_precision(kv[1]), kv[0])):
        fits = [i for i, (cd, _a) in enumerate(claims) if dates_compatible(d, cd)]
        if len(fits) == 1:
            claims[fits[0]][1].append(aid)
        else:
            claims.append((d, [aid]))
    from .statements import granularity_of

    def first_day(arts: list[int]) -> str:
        return min((meta[a].day or "9999") if a in meta else "9999" for a in arts)

    claims.sort(key=lambda c: (-len(c[1]), -_precision(c[0]), first_day(c[1])))
    return [DateClaim(d, granularity_of(d), tuple(sorted(arts)),
                      tuple(dict.fromkeys(o for o in (meta[a].outlet if a in meta else None
                                                      for a in sorted(arts)) if o)))
            for d, arts in claims]


def _precision(value: str) -> int:
    """How precise a TIMEX3 date is: day 4, week 3, month 2, quarter 1, year 0."""
    from .statements import granularity_of

    return {"day": 4, "week": 3, "month": 2, "quarter": 1}.get(granularity_of(value), 0)


def conflicting(claims: Sequence[DateClaim]) -> list[tuple[DateClaim, DateClaim]]:
    """The pairs of claims that cannot both be true (neither contains the other)."""
    return [(a, b) for i, a in enumerate(claims) for b in claims[i + 1:]
            if not dates_compatible(a.date, b.date)]


def _key_label(kind: str, stmts: list[Statement]) -> tuple[str, str]:
    s = stmts[0]
    if kind == "action":
        actors = _common_names(stmts)
        obj = next((x.object for x in stmts if x.object), None)
        verb = s.predicate or "?"
        if mode(s) == "negated":
            verb = "not " + verb
        elif mode(s) == "expected":
            verb = f"{s.modality} {verb}"
        who = ", ".join(actors) if actors else (obj if obj and not any(x.actors for x in stmts)
                                                else "")
        if not any(x.actors for x in stmts) and obj:
            label = f"{obj}: {verb}"
        else:
            what = obj or next((c for c in map(_that_clause, stmts) if c), None)
            label = f"{who}: {verb}" + (f" {what}" if what else "")
        return f"action|{s.predicate}|{mode(s)}|{object_key(s) or ''}", label
    if kind == "quote":
        speaker = s.actor_names[0] if s.actor_names else "?"
        longest = max(stmts, key=lambda x: len(x.value or ""))
        return f"quote|{s.actors[0] if s.actors else speaker}", \
            f"{speaker}: \u201c{longest.value}\u201d"
    if kind == "number":
        values = Counter(x.value for x in stmts)
        state = (s.counts or "").partition(":")[2]
        what = s.object or s.counts or "?"
        if state and state not in what:
            what = f"{what} ({state})"
        return f"number|{s.counts}", f"{what}: {values.most_common(1)[0][0]}"
    if kind == "title":
        org = next((x.object for x in stmts if x.object), None)
        return f"title|{s.actors[0] if s.actors else ''}|{title_form(s.value)}", \
            f"{s.actor_names[0] if s.actor_names else '?'}: {s.value}" + (f", {org}" if org
                                                                         else "")
    return f"{kind}|{s.value}", s.text


def _common_names(stmts: list[Statement]) -> list[str]:
    names: Counter[str] = Counter()
    for s in stmts:
        for n in s.actor_names:
            names[n] += 1
    return [n for n, _c in names.most_common(4)]
