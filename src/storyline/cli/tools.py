"""Commands around the data: serve, eval, bench, demo, settings."""

from __future__ import annotations

from typing import Any

import click

from ..settings import SETTINGS
from . import (
    EXIT_OK,
    _common,
    _emit,
    _progress,
    _run,
    _settings,
    main,
)


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
        from ..web.server import serve as run_server

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
    from ..eval import evaluate

    def go() -> int:
        _show_metrics(evaluate(task, data, limit=limit, settings=_settings(db, config)), as_json)
        return EXIT_OK

    _run(verbose, go)


def _eval_help() -> str:
    from ..eval import TASKS

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
    from ..bench import run_bench

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
    from ..demo import run_demo

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
            from ..settings import settings_table

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
