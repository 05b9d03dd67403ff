"""Commands over what links articles: stories, story, entities (and corrections by hand), entity."""

from __future__ import annotations

from typing import Any

import click

from .. import shapes
from . import (
    EXIT_OK,
    _common,
    _emit,
    _open,
    _run,
    _safe,
    main,
)


@main.command()
@click.option("--since", help="Only stories seen on or after this date (YYYY-MM-DD).")
@click.option("--query", "-q", help="Full-text search over the stories' articles.")
@click.option("--limit", type=click.IntRange(min=0), help="At most this many stories.")
@_common
def stories(since: str | None, query: str | None, limit: int | None, db: str | None,
            config: str | None, as_json: bool, verbose: bool) -> None:
    """List stories, most recently updated first: id, dates, size, outlets, title.

    \b
    Example: storyline stories --db demo.db -q strike
    """
    def go() -> int:
        with _open(db, config) as sl:
            rows = sl.stories(since=since, query=query, limit=limit)
        if as_json:
            _emit([shapes.story_summary(st) for st in rows])
        else:
            for st in rows:
                dates = f"{(st.first_seen or '')[:10]}..{(st.last_seen or '')[:10]}"
                click.echo(_safe(f"{st.id:>5}  {dates:22}  {st.size:>3} articles  "
                                 f"{len(st.outlets)} outlets  {st.title or '(untitled)'}"))
            click.echo(f"{len(rows)} story(ies)", err=True)
        return EXIT_OK

    _run(verbose, go)


@main.command()
@click.argument("story_id", type=int)
@click.option("--markdown", is_flag=True,
              help="A Markdown report with numbered citations, sources listed at the end.")
@click.option("--since", metavar="DATE",
              help="What is new: the developments and statements first reported after DATE "
                   "(YYYY-MM-DD).")
@click.option("--members", is_flag=True,
              help="Only the story's articles and why each belongs, its actors and related "
                   "stories (no dossier).")
@_common
def story(story_id: int, markdown: bool, since: str | None, members: bool, db: str | None,
          config: str | None, as_json: bool, verbose: bool) -> None:
    """Show one story's dossier: title, summary with [n] citations, timeline, actors with
    their roles, quotes by speaker, coverage, contradictions and the articles cited.

    \b
    Example: storyline story 1 --db demo.db
             storyline story 1 --db demo.db --markdown > story.md
             storyline story 1 --db demo.db --since 2026-03-12
             storyline story 1 --db demo.db --members
    """
    from ..stories.report import dossier_markdown, dossier_text

    def go() -> int:
        with _open(db, config) as sl:
            if members:
                return _story_members(sl, story_id, as_json)
            d = sl.dossier(story_id, since=since)
        if as_json:
            _emit(shapes.dossier_json(d))
        elif markdown:
            click.echo(_safe(dossier_markdown(d)), nl=False)
        else:
            click.echo(_safe(dossier_text(d)))
            click.echo(f"dossier built in {d.seconds:.2f}s ({d.version})", err=True)
        return EXIT_OK

    _run(verbose, go)


def _story_members(sl: Any, story_id: int, as_json: bool) -> int:
    st = sl.story(story_id)
    members = sl.story_members(story_id)
    actors = sl.story_actors(story_id)
    related = sl.related_stories(story_id)
    if as_json:
        _emit(shapes.story_json(st, members, actors, related))
        return EXIT_OK
    click.echo(_safe(f"# {st.title or '(untitled)'}  [story {st.id}]"))
    click.echo(f"{st.size} articles from {len(st.outlets)} outlets, "
               f"{(st.first_seen or '?')[:10]} to {(st.last_seen or '?')[:10]}")
    click.echo("Articles:")
    for m in members:
        why = _why(m)
        click.echo(_safe(f"  {m.article_id:>5}  {(m.published or '')[:10]:10}  "
                         f"{(m.outlet or '-')[:20]:20}  {m.title or '(no title)'}{why}"))
    if actors:
        click.echo("Actors:")
        for c, roles in actors:
            titles = "; ".join(sorted({" ".join(x for x in (r.modifier, r.title) if x)
                                       + (f", {r.org}" if r.org else "") for r in roles}))
            click.echo(_safe(f"  {c.id:>5}  {c.type:<6} {c.name}"
                             + (f" — {titles}" if titles else "")))
    if related:
        click.echo("Related stories:")
        for r, score in related:
            click.echo(_safe(f"  {r.id:>5}  {score:.2f}  {r.title}"))
    return EXIT_OK


def _why(m: Any) -> str:
    reason = m.reason or {}
    if reason.get("started"):
        return "  [started the story]"
    if reason.get("copy_of"):
        return f"  [copy of {reason['copy_of']}]"
    if reason.get("revision_of"):
        return f"  [revision of {reason['revision_of']}]"
    shared = [*reason.get("actors", [])[:3], *reason.get("terms", [])[:3]]
    score = f"{m.score:.2f}" if m.score is not None else "-"
    return f"  [{score}: {', '.join(shared)}]" if shared else f"  [{score}]"


@main.group(invoke_without_command=True)
@click.option("--type", "type_", help="Only this type (PERSON, ORG, GPE, LOC, NORP).")
@click.option("--query", "-q", help="Name or alias contains these words.")
@click.option("--limit", type=click.IntRange(min=0), help="At most this many entities.")
@click.option("--mentions", is_flag=True, help="With every mention (article id, span, text).")
@_common
@click.pass_context
def entities(ctx: click.Context, type_: str | None, query: str | None, limit: int | None,
             mentions: bool, db: str | None, config: str | None, as_json: bool,
             verbose: bool) -> None:
    """List actors across articles (canonical entities), most mentioned first; correct them
    with `entities merge`, `entities split` and `entities rename`.

    \b
    Example: storyline entities --type PERSON --db demo.db
    """
    if ctx.invoked_subcommand is not None:
        ctx.ensure_object(dict)
        ctx.obj.update(db=db or ctx.obj.get("db"), config=config, as_json=as_json,
                       verbose=verbose)
        return

    def go() -> int:
        with _open(db, config) as sl:
            rows = sl.entities(type=type_, query=query, limit=limit)
            found = {c.id: sl.entity_mentions(c.id) for c in rows} if mentions else {}
        if as_json:
            out = []
            for c in rows:
                d = shapes.entity_summary(c)
                if mentions:
                    d["mentions"] = [shapes.mention_ref_json(aid, m) for aid, m in found[c.id]]
                out.append(d)
            _emit(out)
        else:
            for c in rows:
                also = ", ".join(a for a, _n in c.aliases if a != c.name)[:80]
                click.echo(_safe(f"{c.id:>6}  {c.type:<6} {c.name}  [{c.country or '-'}]  "
                                 f"{c.mentions} mentions in {c.articles} articles"
                                 + (f"  (also: {also})" if also else "")))
                for aid, m in found.get(c.id, []):
                    click.echo(_safe(f"          {aid}@{m.start_char}-{m.end_char} {m.text!r}"))
            click.echo(f"{len(rows)} entit(ies)", err=True)
        return EXIT_OK

    _run(verbose, go)


def _group_opts(ctx: click.Context) -> tuple[str | None, str | None, bool, bool]:
    obj = ctx.find_root().obj or {}
    parent = ctx.parent.obj if ctx.parent is not None and ctx.parent.obj else obj
    return (parent.get("db"), parent.get("config"), bool(parent.get("as_json")),
            bool(parent.get("verbose")))


def _print_entity_change(c: Any, as_json: bool, what: str) -> None:
    if as_json:
        _emit(shapes.entity_summary(c))
    else:
        click.echo(_safe(f"{what}: {c.id} {c.type} {c.name} ({c.mentions} mentions in "
                         f"{c.articles} articles)"))


@entities.command(name="merge")
@click.argument("keep", type=int)
@click.argument("other", type=int)
@click.pass_context
def entities_merge(ctx: click.Context, keep: int, other: int) -> None:
    """Make entity OTHER part of entity KEEP, for good (re-applied when articles are
    linked again).

    \b
    Example: storyline entities --db demo.db merge 12 40
    """
    db, config, as_json, verbose = _group_opts(ctx)

    def go() -> int:
        with _open(db, config) as sl:
            _print_entity_change(sl.merge_entities(keep, other), as_json, "merged into")
        return EXIT_OK

    _run(verbose, go)


@entities.command(name="split")
@click.argument("entity_id", type=int)
@click.option("--alias", required=True, help="The name whose mentions become an entity of "
              "their own.")
@click.pass_context
def entities_split(ctx: click.Context, entity_id: int, alias: str) -> None:
    """Take the mentions an entity has under ALIAS into an entity of their own, for good.

    \b
    Example: storyline entities --db demo.db split 4 --alias "Dag Marren"
    """
    db, config, as_json, verbose = _group_opts(ctx)

    def go() -> int:
        with _open(db, config) as sl:
            _print_entity_change(sl.split_entity(entity_id, alias), as_json, "new entity")
        return EXIT_OK

    _run(verbose, go)


@entities.command(name="rename")
@click.argument("entity_id", type=int)
@click.argument("name")
@click.pass_context
def entities_rename(ctx: click.Context, entity_id: int, name: str) -> None:
    """Give an entity the name you want shown, for good.

    \b
    Example: storyline entities --db demo.db rename 5 "Republic of Valdoria"
    """
    db, config, as_json, verbose = _group_opts(ctx)

    def go() -> int:
        with _open(db, config) as sl:
            _print_entity_change(sl.rename_entity(entity_id, name), as_json, "renamed")
        return EXIT_OK

    _run(verbose, go)


@main.command()
@click.argument("name_or_id")
@_common
def entity(name_or_id: str, db: str | None, config: str | None, as_json: bool,
           verbose: bool) -> None:
    """Show one actor: every name it goes by, its roles over time with their sources, what it
    said, and its stories.

    \b
    Example: storyline entity "Ilsa Marren" --db demo.db
    """
    def go() -> int:
        with _open(db, config) as sl:
            c = sl.entity(name_or_id)
            roles = sl.entity_roles(c.id)
            quotes = sl.entity_quotes(c.id)
            story_rows = sl.entity_stories(c.id)
        if as_json:
            _emit(shapes.entity_json(c, roles, quotes, story_rows))
            return EXIT_OK
        click.echo(_safe(f"# {c.name}  [entity {c.id}, {c.type}, {c.country or 'country ?'}]"))
        click.echo(f"{c.mentions} mentions in {c.articles} articles, "
                   f"{(c.first_seen or '?')[:10]} to {(c.last_seen or '?')[:10]}")
        click.echo(_safe("Names: " + ", ".join(f"{a} ({n})" for a, n in c.aliases)))
        if roles:
            click.echo("Roles:")
            for r in roles:
                title = " ".join(x for x in (r.modifier, r.title) if x)
                when = r.first_date if r.first_date == r.last_date else \
                    f"{r.first_date}..{r.last_date}"
                click.echo(_safe(f"  {title}" + (f", {r.org}" if r.org else "")
                                 + f"  ({when}; {len(r.sources)} source(s): "
                                 + ", ".join(f"{a}@{s}" for a, s, _e in r.sources[:4]) + ")"))
        if quotes:
            click.echo(f"Quotes ({len(quotes)}):")
            for aid, q in quotes[:10]:
                body = q.text if len(q.text) < 110 else q.text[:107] + "..."
                click.echo(_safe(f"  [{aid}] {body!r}"))
        if story_rows:
            click.echo("Stories:")
            for st in story_rows:
                click.echo(_safe(f"  {st.id:>5}  {st.size:>3} articles  {st.title}"))
        return EXIT_OK

    _run(verbose, go)


# -- serve ----------------------------------------------------------------------------------------
