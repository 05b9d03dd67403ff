"""The story dossier as a reader gets it: plain text for the terminal (``storyline story ID``)
and Markdown an analyst pastes into a report (``--markdown``). Both cite articles by the
number the dossier gives them (``[n]``) and list them at the end; neither computes anything
the dossier does not hold."""

from __future__ import annotations

from collections.abc import Iterable

from ..models import Contradiction, Dossier, Fact, Statement, StoryActor, TimelineEntry

#: Quotes shown per speaker, statements per contradiction side, and developments only one
#: outlet reports shown per outlet.
QUOTES_PER_SPEAKER = 5
SIDE_STATEMENTS = 2
EXCLUSIVE_SHOWN = 5


def cite(d: Dossier, article_ids: Iterable[int]) -> str:
    """``[1][4]``: the citation numbers of ``article_ids``, in order, each once."""
    nums = sorted({n for n in (d.citation(a) for a in article_ids) if n is not None})
    return "".join(f"[{n}]" for n in nums)


def _when(date: str | None, granularity: str | None) -> str:
    if not date:
        return "undated"
    return date if granularity in (None, "day") else f"{date} ({granularity})"


def _entry_line(d: Dossier, e: TimelineEntry) -> str:
    what = e.fact.label
    if e.kind == "update" and e.values:
        # the figure this entry gives, after the one reported before it (the history is the
        # same on every entry of the series; showing it once per line would bury the change)
        ids = set(e.fact.article_ids)
        mine = next((i for i, (_d, _v, arts) in enumerate(e.values) if ids & set(arts)), None)
        earlier = [(day, v) for day, v, _a in e.values[:mine]
                   if v != e.values[mine][1] and day < e.values[mine][0]] if mine else []
        if earlier:
            what += f" (update: was {earlier[-1][1]} on {earlier[-1][0]})"
    note = ""
    if e.kind == "expected":
        note = " (expected)"
    elif e.dated_by == "published" and e.kind != "update":  # an update is a report's day
        note = " (first reported)"
    if e.disputed:
        note += "; date disputed: " + ", ".join(
            f"{c.date} {cite(d, c.article_ids)}" for c in e.disputed)
    return f"{_when(e.date, e.granularity)}  {what}{note} {cite(d, e.fact.article_ids)}"


def _side(d: Dossier, c: Contradiction) -> list[str]:
    out = []
    for s in c.sides:
        shown = _one_per_article(s.statements)[:SIDE_STATEMENTS]
        out.append(f"{s.value} — {', '.join(s.outlets)} {cite(d, s.article_ids)}")
        for st in shown:
            out.append(f"    “{st.sentence_text or st.text}” {cite(d, [st.article_id])} "
                       f"(article {st.article_id}, chars {st.start_char}-{st.end_char})")
    return out


def _one_per_article(statements: Iterable[Statement]) -> list[Statement]:
    """One statement per article and per sentence wording (a syndicated copy repeats its
    original's sentence; showing it twice tells the reader nothing)."""
    seen: set[object] = set()
    out = []
    for s in statements:
        if s.article_id not in seen and (not s.sentence_text or s.sentence_text not in seen):
            seen.update((s.article_id, s.sentence_text or s.article_id))
            out.append(s)
    return out


def _quote_text(q: Fact) -> tuple[str, tuple[int, ...]]:
    stmts = [s for s in q.statements if s.kind == "quote"]
    text = (stmts[0].value or stmts[0].text) if stmts else q.label
    return text, q.article_ids


def _actor_line(a: StoryActor) -> str:
    roles = "; ".join(
        " ".join(x for x in (r.modifier, r.title) if x) + (f", {r.org}" if r.org else "")
        + (f" ({r.first_date}" + (f"..{r.last_date}" if r.last_date != r.first_date else "")
           + ")" if r.first_date else "")
        for r in a.roles)
    head = f"{a.name} ({a.type}, {a.articles} articles)"
    return head + (f" — {roles}" if roles else "")


def dossier_text(d: Dossier) -> str:
    """The dossier for the terminal."""
    st = d.story
    lines = [f"# {st.title or '(untitled)'}  [story {st.id}]",
             f"{st.size} articles from {len(st.outlets)} outlets, "
             f"{(st.first_seen or '?')[:10]} to {(st.last_seen or '?')[:10]}"]
    if d.since:
        lines.append(f"New since {d.since}: {len(d.new)} fact(s) first reported after it")
    lines += ["", "Summary:" if not d.since else f"What's new since {d.since}:"]
    lines += [f"  {s.text} {cite(d, s.article_ids)}" for s in d.summary] or ["  (nothing)"]
    lines += ["", "Timeline:"]
    lines += [f"  {_entry_line(d, e)}" for e in _timeline(d)] or ["  (nothing)"]
    lines += ["", "Actors:"]
    lines += [f"  {_actor_line(a)}" for a in d.actors] or ["  (none)"]
    lines += ["", "Quotes:"]
    for g in d.quotes:
        lines.append(f"  {g.speaker}:")
        for q in g.quotes[:QUOTES_PER_SPEAKER]:
            text, ids = _quote_text(q)
            lines.append(f"    “{text}” {cite(d, ids)}")
    if not d.quotes:
        lines.append("  (none)")
    lines += ["", "Coverage:"]
    for o in d.coverage.outlets:
        quoted = ", ".join(f"{n} {c}" for _i, n, c in o.quoted[:4])
        lines.append(f"  {o.outlet}: {len(o.article_ids)} articles {o.first}..{o.last}, "
                     f"{len(o.facts)} facts ({len(o.exclusive)} only here)"
                     + (f"; quotes {quoted}" if quoted else ""))
        for e in _exclusive(d, o.outlet)[:EXCLUSIVE_SHOWN]:
            lines.append(f"    only here: {e.date} {e.fact.label} {cite(d, e.fact.article_ids)}")
    lines += ["", "Contradictions:"]
    for c in d.contradictions:
        lines.append(f"  [{c.kind}] {c.topic}")
        lines += [f"    {x}" for x in _side(d, c)]
    if not d.contradictions:
        lines.append("  (none found)")
    lines += ["", "Articles:"]
    lines += [f"  [{a.citation}] {a.article_id:>5}  {(a.published or '')[:10]:10}  "
              f"{(a.outlet or '-')[:20]:20}  {a.title or '(no title)'}"
              + (f"  [copy of {a.duplicate_of}]" if a.duplicate_of else "") for a in d.articles]
    return "\n".join(lines)


def _exclusive(d: Dossier, outlet: str) -> list[TimelineEntry]:
    """The timeline developments only ``outlet`` reports (when the story has other outlets)."""
    only = set(next((o.exclusive for o in d.coverage.outlets if o.outlet == outlet), ()))
    return [e for e in _timeline(d) if e.kind == "development" and e.fact.id in only]


def _timeline(d: Dossier) -> list[TimelineEntry]:
    if not d.since:
        return list(d.timeline)
    new = set(d.new)
    return [e for e in d.timeline if e.fact.id in new]


def dossier_markdown(d: Dossier) -> str:
    """The dossier as a Markdown document with numbered citations, sources listed at the end."""
    st = d.story
    out = [f"# {st.title or 'Untitled story'}", "",
           f"*{st.size} articles from {len(st.outlets)} outlets "
           f"({', '.join(st.outlets)}), {(st.first_seen or '?')[:10]} to "
           f"{(st.last_seen or '?')[:10]}. Story {st.id}; {d.version}.*", ""]
    out += ["## Summary" if not d.since else f"## What's new since {d.since}", ""]
    out += [" ".join(f"{s.text} {cite(d, s.article_ids)}" for s in d.summary) or "Nothing.", ""]
    out += ["## Timeline", ""]
    out += [f"- **{_when(e.date, e.granularity)}** — {_entry_line(d, e).split('  ', 1)[1]}"
            for e in _timeline(d)] or ["Nothing dated."]
    out += ["", "## Actors", ""]
    out += [f"- {_actor_line(a)}" for a in d.actors] or ["None."]
    out += ["", "## Quotes", ""]
    for g in d.quotes:
        out.append(f"**{g.speaker}**")
        out.append("")
        for q in g.quotes[:QUOTES_PER_SPEAKER]:
            text, ids = _quote_text(q)
            out.append(f"- “{text}” {cite(d, ids)}")
        out.append("")
    if not d.quotes:
        out += ["None.", ""]
    out += ["## Coverage", "", "| Outlet | Articles | First | Last | Facts | Only this outlet |",
            "|---|---|---|---|---|---|"]
    out += [f"| {o.outlet} | {len(o.article_ids)} | {o.first} | {o.last} | {len(o.facts)} | "
            f"{len(o.exclusive)} |" for o in d.coverage.outlets]
    for o in d.coverage.outlets:
        only = _exclusive(d, o.outlet)[:EXCLUSIVE_SHOWN]
        quoted = ", ".join(f"{n} ({c})" for _i, n, c in o.quoted[:5])
        if only or quoted:
            out += ["", f"**{o.outlet}**" + (f" quotes {quoted}." if quoted else "")]
        if only:
            out += ["", "Only this outlet reports:", ""]
            out += [f"- {_when(e.date, e.granularity)}: {e.fact.label} "
                    f"{cite(d, e.fact.article_ids)}" for e in only]
    out += ["", "## Contradictions", ""]
    for i, c in enumerate(d.contradictions, 1):
        out.append(f"{i}. **{c.kind}** — {c.topic}")
        for s in c.sides:
            out.append(f"   - **{s.value}** ({', '.join(s.outlets)}) {cite(d, s.article_ids)}")
            for st_ in _one_per_article(s.statements)[:SIDE_STATEMENTS]:
                out.append(f"     > {st_.sentence_text or st_.text} "
                           f"{cite(d, [st_.article_id])}")
    if not d.contradictions:
        out.append("None found.")
    out += ["", "## Sources", ""]
    out += [f"{a.citation}. {a.outlet or 'Unknown outlet'}, “{a.title or '(no title)'}”, "
            f"{(a.published or 'undated')[:10]}" + (f", {a.url}" if a.url else "")
            + f" (article {a.article_id}" + (f", copy of {a.duplicate_of})" if a.duplicate_of
                                             else ")") for a in d.articles]
    return "\n".join(out) + "\n"
