"""The command line: parse flags, call the library, format the output. No logic lives here.

Exit codes: 0 success; 1 error (nothing done: bad or missing database, missing model, bad
data path, or no input could be read); 2 usage error (an unknown option, a value that cannot be
used); 3 partial success (the run finished but some inputs were skipped, each reported); 4 the
database stayed locked by another process for longer than ``busy_timeout``; 130 interrupted.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import click

from . import __version__, shapes  # noqa: I001
from .errors import DatabaseBusy, StorylineError, UsageError
from .models import Analysis, Document, Problem
from .render import analysis_lines, article_line
from .settings import SETTINGS, Settings, load_settings

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_PARTIAL, EXIT_BUSY = 0, 1, 2, 3, 4
F = TypeVar("F", bound=Callable[..., Any])


def _common(func: F) -> F:
    """--db, --config, --json and --verbose on every command."""
    func = click.option("--verbose", "-v", is_flag=True, help="Print tracebacks on errors.")(func)
    func = click.option("--json", "as_json", is_flag=True, help="Machine-readable JSON output.")(func)
    func = click.option("--config", type=click.Path(dir_okay=False),
                        help="TOML settings file (default: ./storyline.toml if present).")(func)
    func = click.option("--db", envvar="STORYLINE_DB",
                        help="SQLite database (default ./storyline.db; env STORYLINE_DB).")(func)
    return func


def _settings(db: str | None, config: str | None, **flags: Any) -> Settings:
    if db is None:  # `storyline --db PATH COMMAND` as well as `COMMAND --db PATH`
        ctx = click.get_current_context(silent=True)
        root = ctx.find_root() if ctx is not None else None
        db = (root.obj or {}).get("db") if root is not None else None
    return load_settings(config, db=db, **flags)


def _open(db: str | None, config: str | None, *, create: bool = False) -> Any:
    """The database named by --db / STORYLINE_DB / the config; only commands that store
    something create it (a mistyped --db on a read command is an error, not a new file)."""
    from .api import open as open_db

    return open_db(settings=_settings(db, config), create=create)


def _safe(text: str) -> str:
    from .store._base import safe_text  # a lone surrogate cannot be written to a UTF-8 stream

    return safe_text(text)


def _emit(data: Any) -> None:
    click.echo(_safe(json.dumps(data, indent=2, ensure_ascii=False, default=str)))


def _progress(label: str) -> Callable[[list[Any]], Iterable[Any]] | None:
    """A progress bar on stderr for long runs, only when a person is watching."""
    if not sys.stderr.isatty():
        return None

    def wrap(items: list[Any]) -> Iterable[Any]:
        with click.progressbar(items, label=label, file=sys.stderr, show_pos=True) as bar:
            yield from bar

    return wrap


def _run(verbose: bool, func: Callable[[], int | None]) -> None:
    """Turn library errors into one line (traceback with --verbose) and an exit code."""
    import sqlite3

    try:
        code = func() or EXIT_OK
    except StorylineError as exc:
        if verbose:
            raise
        click.echo(_safe(f"error: {exc}"), err=True)
        code = (EXIT_USAGE if isinstance(exc, UsageError)
                else EXIT_BUSY if isinstance(exc, DatabaseBusy) else EXIT_ERROR)
    except sqlite3.Error as exc:
        if verbose:
            raise
        click.echo(_safe(f"error: database error: {exc}; run again with --verbose for the "
                         "traceback"), err=True)
        code = EXIT_ERROR
    except KeyboardInterrupt:
        click.echo("interrupted; what was stored so far is kept — run again to finish", err=True)
        code = 130
    sys.exit(code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="storyline")
@click.option("--db", "root_db", metavar="PATH",
              help="SQLite database for the command (same as the command's own --db).")
@click.pass_context
def main(ctx: click.Context, root_db: str | None) -> None:
    """storyline: turn news articles into a sourced, time-aware story dossier."""
    ctx.ensure_object(dict)["db"] = root_db


# -- ingest -----------------------------------------------------------------------------------


def _print_report(report: Any, as_json: bool, stages: dict[str, Any] | None = None) -> int:
    summary = report.summary()
    if as_json:
        data = shapes.report_json(report)
        if stages is not None:
            data["stages"] = stages
        _emit(data)
    else:
        for p in report.problems:
            where = f"{p.source}:{p.line}" if p.line else p.source
            click.echo(_safe(f"skipped {where}: {p.reason}" + (f" ({p.detail})" if p.detail
                                                                else "")), err=True)
        for note in report.notes:
            click.echo(_safe(f"note: {note}"), err=True)
        reasons = ", ".join(f"{k} {v}" for k, v in summary["skipped_by_reason"].items())
        click.echo(
            f"ingested {summary['ingested']}, near-duplicates {summary['near_duplicates']}, "
            f"exact duplicates {summary['exact_duplicates']}, same URL {summary['url_duplicates']}, "
            f"revisions {summary['revisions']}, unchanged {summary['unchanged']}, "
            f"skipped {summary['skipped']}"
            + (f" ({reasons})" if reasons else "") + f" in {summary['seconds']:.2f}s")
        if stages is not None:
            _print_stages(stages)
    if report.problems and not report.documents:
        return EXIT_ERROR  # nothing could be read: not a partial success
    return EXIT_PARTIAL if report.problems else EXIT_OK


def _print_stages(stages: dict[str, Any]) -> None:
    a, lk, st = stages["analyze"], stages["link"], stages["stories"]
    by = ", ".join(f"{k} {v}" for k, v in a["by_status"].items()) or "all current"
    click.echo(f"analyzed {a['articles']} ({by}) in {a['seconds']:.2f}s; "
               f"linked {lk['articles']} articles ({lk['linked']} entities to known actors, "
               f"{lk['created']} new) in {lk['seconds']:.2f}s; "
               f"stories: {st['joined']} joined, {st['started']} started, {st['merged']} merged, "
               f"{st['moved']} moved in {st['seconds']:.2f}s"
               + (f"; dossiers: {ds['built']} built, {ds['unchanged']} unchanged in "
                  f"{ds['seconds']:.2f}s" if (ds := stages.get("dossiers")) else ""))
    for bad in (stages.get("dossiers") or {}).get("failed", []):
        click.echo(f"warning: the dossier of story {bad['story']} could not be built "
                   f"({bad['error']}); its page will try again; STORYLINE_DEBUG=1 shows "
                   "the traceback (please report it)", err=True)


def _parse_fields(values: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in values:
        name, sep, path = item.partition("=")
        if not sep or not name or not path:
            raise click.BadParameter(f"{item!r}: expected NAME=PATH, e.g. text=payload.body",
                                     param_hint="--field")
        out[name.strip()] = path.strip()
    return out


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--outlet", help="Outlet name for sources that do not say.")
@click.option("--published", help="Publication date/time for sources that do not say.")
@click.option("--url", help="URL of the page (for a single file source).")
@click.option("--field", "fields", multiple=True, metavar="NAME=PATH",
              help="Map a JSON field: --field text=payload.body --field published=meta.date")
@click.option("--debug", is_flag=True, default=None,
              help="Stop at the first unexpected error from an input, with its traceback "
                   "(setting debug), instead of recording it as that input's problem.")
@click.option("--process/--no-process", default=None,
              help="Also analyze, link and assign to stories what was added (setting "
                   "process_on_ingest, on by default).")
@_common
def ingest(sources: tuple[str, ...], outlet: str | None, published: str | None,
           url: str | None, fields: tuple[str, ...], debug: bool | None, process: bool | None,
           db: str | None, config: str | None, as_json: bool, verbose: bool) -> None:
    """Ingest files, folders, JSON/JSONL, RSS/Atom feeds and http(s) URLs into the store.

    \b
    Example: storyline ingest articles/ feed.rss https://news.example/story
    Exit code 3 means the run finished but some inputs were skipped (each is listed); 1 that
    no input could be read.
    """
    mapped = _parse_fields(fields)

    def go() -> int:
        from .api import open as open_db

        settings = _settings(db, config, debug=debug)
        with open_db(settings=settings, create=True) as sl:
            report = sl.ingest(list(sources), outlet=outlet, published=published, url=url,
                               fields=mapped, progress=None if as_json else _progress("ingest"))
            stages = None
            if (settings.process_on_ingest if process is None else process) and \
                    report.seen_ids:
                stages = sl.process(report.seen_ids,
                                    progress=None if as_json else _progress)
            return _print_report(report, as_json, stages)

    _run(verbose, go)


@main.command()
@click.argument("source")
@click.option("--outlet", help="Outlet name if the source does not say.")
@click.option("--published", help="Publication date/time if the source does not say.")
@click.option("--url", help="URL of the page (for a file).")
@_common
def extract(source: str, outlet: str | None, published: str | None, url: str | None,
            db: str | None, config: str | None, as_json: bool, verbose: bool) -> None:
    """Print the clean article(s) from one FILE or URL without storing anything.

    \b
    Example: storyline extract page.html --json
    """
    from .api import extract as extract_source

    def go() -> int:
        items = extract_source(source, _settings(db, config), outlet=outlet,
                               published=published, url=url)
        docs = [i for i in items if isinstance(i, Document)]
        problems = [i for i in items if isinstance(i, Problem)]
        if as_json:
            _emit(shapes.extract_json(docs, problems))
        else:
            for d in docs:
                click.echo(_safe(f"# {d.title or '(no title)'}"))
                if d.dek:
                    click.echo(_safe(f"## {d.dek}"))
                meta = [f"{k}: {v}" for k, v in (("outlet", d.outlet), ("author", d.author),
                        ("published", d.published), ("url", d.url), ("language", d.language))
                        if v]
                if d.reactions:
                    meta.append("reactions: " + ", ".join(f"{k} {v}" for k, v in d.reactions.items()))
                click.echo(_safe("\n".join(meta) + "\n"))
                click.echo(_safe(d.text + "\n"))
            for p in problems:
                click.echo(_safe(f"skipped {p.source}: {p.reason} ({p.detail})"), err=True)
        if problems and not docs:
            return EXIT_ERROR
        return EXIT_PARTIAL if problems else EXIT_OK

    _run(verbose, go)


@main.command()
@click.option("--outlet", help="Only outlets whose name contains this (any case).")
@click.option("--since", help="Only articles published on or after this date (YYYY-MM-DD) or ISO date-time.")
@click.option("--query", "-q", help="Full-text search over title and text (FTS5 syntax allowed).")
@click.option("--originals", is_flag=True, help="Hide duplicates (articles stored as a copy of an original).")
@click.option("--limit", type=click.IntRange(min=0), help="At most this many articles.")
@_common
def articles(outlet: str | None, since: str | None, query: str | None, originals: bool,
             limit: int | None, db: str | None, config: str | None, as_json: bool,
             verbose: bool) -> None:
    """List stored articles, newest first.

    \b
    Example: storyline articles --outlet "Valdoria Wire" --since 2026-03-01 -q ceasefire
    """
    def go() -> int:
        with _open(db, config) as sl:
            rows = sl.articles(outlet=outlet, since=since, query=query,
                               include_duplicates=not originals, limit=limit, text=False)
        if as_json:
            _emit([shapes.article_summary(a) for a in rows])
        else:
            for a in rows:
                click.echo(article_line(a))
            click.echo(f"{len(rows)} article(s)", err=True)
        return EXIT_OK

    _run(verbose, go)


def _print_analysis(a: Analysis, kinds: Any) -> None:
    click.echo("\n".join(analysis_lines(a, kinds)))


@main.command()
@click.argument("article_id", type=int)
@click.option("--text/--no-text", "show_text", default=True, help="Show the article text.")
@_common
def article(article_id: int, show_text: bool, db: str | None, config: str | None,
            as_json: bool, verbose: bool) -> None:
    """Show one stored article: metadata, text, sightings, duplicates and its analysis.

    \b
    Example: storyline article 3 --json
    """
    def go() -> int:
        with _open(db, config) as sl:
            a = sl.article(article_id)
            sightings = sl.sightings(article_id)
            duplicates = sl.duplicates(article_id)
            analysis = sl.analysis(article_id)
            kinds = sl.record_kinds()
        if as_json:
            _emit(shapes.article_json(a, sightings=sightings, duplicates=duplicates,
                                      analysis=analysis, kinds=kinds))
            return EXIT_OK
        click.echo(f"# {a.title or '(no title)'}")
        if a.dek:
            click.echo(f"## {a.dek}")
        for k, v in (("id", a.id), ("outlet", a.outlet), ("author", a.author),
                     ("published", a.published), ("url", a.url), ("language", a.language),
                     ("source", a.source)):
            if v is not None:
                click.echo(f"{k}: {v}")
        if a.duplicate_of:
            click.echo(f"duplicate of: {a.duplicate_of} ({a.duplicate_kind})")
        if duplicates:
            click.echo(f"duplicates: {', '.join(map(str, duplicates))}")
        if len(sightings) > 1:
            click.echo("also seen at: " + "; ".join(
                f"{s['source']} ({s['match']})" for s in sightings[1:]))
        if a.reactions:
            click.echo("reactions: " + ", ".join(f"{k} {v}" for k, v in a.reactions.items()))
        if show_text:
            click.echo("\n" + a.text + "\n")
        if analysis:
            _print_analysis(analysis, kinds)
        return EXIT_OK

    _run(verbose, go)


# -- analyze ----------------------------------------------------------------------------------


@main.command()
@click.argument("target", required=False)
@click.option("--all", "everything", is_flag=True, help="Analyze every stored article not yet "
              "analyzed by the current stage version.")
@click.option("--published", help="Publication date/time to anchor relative dates (a FILE).")
@click.option("--force", is_flag=True, help="Re-analyze even when the stored result is current.")
@_common
def analyze(target: str | None, everything: bool, published: str | None, force: bool,
            db: str | None, config: str | None, as_json: bool, verbose: bool) -> None:
    """Analyze an article: entities, roles, quotes, time expressions and actions.

    TARGET is a stored article id or a FILE/URL (ingested first, so its analysis is stored).

    \b
    Examples: storyline analyze 3
              storyline analyze story.txt --published 2026-03-06 --json
              storyline analyze --all
    """
    if not target and not everything:
        raise click.UsageError("give an article id, a FILE/URL, or --all")

    def go() -> int:
        # a FILE/URL is ingested first, so only then may the database be created
        with _open(db, config, create=bool(target) and not str(target).isdigit()) as sl:
            if everything:
                done = sl.analyze(force=force, progress=None if as_json else _progress("analyze"))
                counts: dict[str, int] = {}
                for a in done:
                    counts[a.status] = counts.get(a.status, 0) + 1
                if as_json:
                    _emit({"analyzed": len(done), "by_status": counts})
                else:
                    click.echo(f"analyzed {len(done)} article(s): "
                               + (", ".join(f"{k} {v}" for k, v in counts.items()) or "all current"))
                return EXIT_OK
            assert target is not None
            if target.isdigit():
                article_id = int(target)
                sl.analyze([article_id], force=force)
            else:
                article_id = sl.analyze_source(target, published=published, force=force)
            analysis = sl.analysis(article_id)
            art = sl.article(article_id)
            kinds = sl.record_kinds()
        assert analysis is not None
        if as_json:
            _emit({"article": shapes.article_summary(art), **shapes.analysis_json(analysis, kinds)})
        else:
            click.echo(f"# {art.title or '(no title)'}  [article {art.id}, "
                       f"published {art.published or 'unknown'}]")
            _print_analysis(analysis, kinds)
        return EXIT_OK

    _run(verbose, go)


# -- process, stories, entities ------------------------------------------------------------


@main.command()
@click.option("--force", is_flag=True, help="Redo every stage for every article.")
@_common
def process(force: bool, db: str | None, config: str | None, as_json: bool,
            verbose: bool) -> None:
    """Analyze, link and assign to stories everything that is new or stale.

    What `storyline ingest` does for what it adds (unless process_on_ingest is off).

    \b
    Example: storyline process --db news.db
    """
    def go() -> int:
        with _open(db, config) as sl:
            stages = sl.process(force=force, progress=None if as_json else _progress)
        if as_json:
            _emit(stages)
        else:
            _print_stages(stages)
        return EXIT_OK

    _run(verbose, go)


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
    from .stories.report import dossier_markdown, dossier_text

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


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (127.0.0.1: this machine only).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="TCP port to listen on.")
@click.option("--read-only", "read_only", is_flag=True, default=None,
              help="Serve the dossiers without reader reactions (setting read_only).")
@_common
def serve(host: str, port: int, read_only: bool | None, db: str | None, config: str | None,
          as_json: bool, verbose: bool) -> None:
    """Serve the web app and the JSON API (/api/…, OpenAPI at /openapi.json) for a database,
    until interrupted.

    \b
    Example: storyline serve --db demo.db --port 8000
    """
    def go() -> int:
        from .web.server import serve as run_server

        run_server(_settings(db, config, read_only=read_only), host=host, port=port,
                   announce=click.echo)
        return EXIT_OK

    _run(verbose, go)


# -- eval, bench, demo, settings ----------------------------------------------------------------


def _show_metrics(metrics: dict[str, Any], as_json: bool) -> None:
    if as_json:
        _emit(metrics)
    else:
        _print_metrics(metrics)


def _print_metrics(metrics: dict[str, Any], prefix: str = "") -> None:
    for key, value in metrics.items():
        if isinstance(value, dict):
            click.echo(f"{prefix}{key}:")
            _print_metrics(value, prefix + "  ")
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            click.echo(f"{prefix}{key}:")  # e.g. one row per store size
            for i, row in enumerate(value, 1):
                click.echo(f"{prefix}  [{i}]")
                _print_metrics(row, prefix + "    ")
        elif isinstance(value, float):
            click.echo(f"{prefix}{key}: {value:.4f}")
        else:
            click.echo(f"{prefix}{key}: {value}")


@main.command(name="eval")
@click.argument("task")
@click.option("--data", type=click.Path(exists=True),
              help="Benchmark folder, e.g. ../shared/data/article-extraction (every task but "
                   "contradictions needs one).")
@click.option("--limit", type=int, help="Score only the first N documents (fixed order).")
@_common
def eval_(task: str, data: str, limit: int | None, db: str | None, config: str | None,
          as_json: bool, verbose: bool) -> None:
    """Score a stage on a public benchmark (TASK: see the list below)."""
    from .eval import evaluate

    def go() -> int:
        _show_metrics(evaluate(task, data, limit=limit, settings=_settings(db, config)), as_json)
        return EXIT_OK

    _run(verbose, go)


def _eval_help() -> str:
    from .eval import TASKS

    lines = ["Score a stage on a public benchmark. TASK is one of:", "", "\b"]
    width = max(len(name) for name in TASKS) + 2
    lines += [f"  {name:<{width}}{what}" for name, (_, what) in TASKS.items()]
    lines += ["", "\b", "Examples: storyline eval extraction --data ../shared/data/article-extraction "
              "--json", "          storyline eval contradictions",
              "          storyline eval timeline --data ../shared/data/meantime"]
    return "\n".join(lines)


eval_.help = _eval_help()


@main.command()
@click.argument("stage", type=click.Choice(["analyze", "dossier", "ingest", "stories", "serve"]))
@click.option("--data", type=click.Path(exists=True),
              help="Folder of articles to time (default: the built-in demo corpus).")
@click.option("--limit", type=click.IntRange(min=1), help="At most N articles.")
@click.option("--into", type=click.Path(exists=True, dir_okay=False),
              help="ingest: time one new article into this existing database instead; "
                   "dossier: time that database's largest story.")
@click.option("--sizes", default="1000,10000", show_default=True,
              help="stories, serve: comma-separated store sizes to time, e.g. 1000,10000,100000 "
                   "(serve: default 10000).")
@_common
def bench(stage: str, data: str | None, limit: int | None, into: str | None, sizes: str,
          db: str | None, config: str | None, as_json: bool, verbose: bool) -> None:
    """Measure speed: `bench ingest` (first run and re-run into a fresh store, next to bare
    trafilatura on the HTML pages; with --into DB, one new article into that store, with peak
    memory), `bench analyze` (words/second next to bare spaCy nlp.pipe), `bench stories`
    (linking and assignment as the store grows), `bench dossier` (one dossier of a
    50-article story; --limit N articles, --into DB for that database's largest story) or
    `bench serve` (p50/p95 of the web pages and reactions/second of `storyline serve` on a
    synthetic store; with --db and one size, that store is built once and reused).

    \b
    Examples: storyline bench ingest --data ../shared/data/article-extraction/html --json
              storyline bench ingest --into big.db
              storyline bench stories --sizes 1000,10000,100000 --json
              storyline bench dossier --limit 50
              storyline bench serve --sizes 10000 --db bench-10k.db
    """
    from .bench import run_bench

    def go() -> int:
        try:
            size_list = [int(x) for x in sizes.split(",") if x.strip()]
        except ValueError:
            raise click.BadParameter(f"{sizes!r}: expected sizes like 1000,10000",
                                     param_hint="--sizes") from None
        if stage == "serve" and sizes == "1000,10000":
            size_list = [10000]  # the size; the option's default is for `stories`
        say = None if as_json else (lambda m: click.echo(m, err=True))
        _show_metrics(run_bench(stage, data, _settings(db, config), limit=limit, into=into,
                                sizes=size_list, keep=db if stage == "serve" else None,
                                progress=say),
                      as_json)
        return EXIT_OK

    _run(verbose, go)


@main.command()
@click.option("--no-analyze", is_flag=True, help="Only ingest the demo corpus.")
@click.option("--brief", is_flag=True,
              help="Print a two-line summary instead of the full report (as `make run` does).")
@_common
def demo(no_analyze: bool, brief: bool, db: str | None, config: str | None, as_json: bool,
         verbose: bool) -> None:
    """Build a database from the built-in demo corpus (ingested, analyzed, linked, in stories)
    and show what is in it.

    \b
    Example: storyline demo --db demo.db
             storyline demo --db demo.db --brief && storyline serve --db demo.db
    """
    from .demo import run_demo

    def go() -> int:
        settings = _settings(db or "demo.db", config)
        result = run_demo(settings, analyze=not no_analyze,
                          progress=None if as_json or brief else _progress("demo"))
        if as_json:
            _emit(result)
        else:
            click.echo(result["brief"] if brief else result["text"])
        return EXIT_OK

    _run(verbose, go)


@main.command(name="settings")
@click.option("--markdown", is_flag=True, help="Print the settings table of docs/settings.md.")
@_common
def settings_(markdown: bool, db: str | None, config: str | None, as_json: bool,
              verbose: bool) -> None:
    """Show every setting with its current value and what it does.

    Precedence: defaults < config file < STORYLINE_<NAME> environment variables < flags.

    \b
    Example: storyline settings --json
    """
    def go() -> int:
        if markdown:
            from .settings import settings_table

            click.echo(settings_table(), nl=False)
            return EXIT_OK
        current = _settings(db, config)
        rows = [{"name": s.name, "value": getattr(current, s.name), "default": s.default,
                 "env": f"STORYLINE_{s.name.upper()}", "help": s.help} for s in SETTINGS]
        if as_json:
            _emit(rows)
        else:
            for r in rows:
                click.echo(f"{r['name']} = {r['value']!r}   ({r['env']})\n    {r['help']}")
        return EXIT_OK

    _run(verbose, go)

