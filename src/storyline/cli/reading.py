"""Commands that bring articles in and read them: ingest, extract, articles, article, analyze, process."""

from __future__ import annotations

from typing import Any

import click

from .. import shapes
from ..models import Analysis, Document, Problem
from ..render import analysis_lines, article_line
from . import (
    EXIT_ERROR,
    EXIT_OK,
    EXIT_PARTIAL,
    _common,
    _emit,
    _open,
    _progress,
    _run,
    _safe,
    _settings,
    main,
)


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
        from ..api import open as open_db

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
    from ..api import extract as extract_source

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
