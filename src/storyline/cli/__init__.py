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

from .. import __version__
from ..errors import DatabaseBusy, StorylineError, UsageError
from ..settings import Settings, load_settings

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
    from ..api import open as open_db

    return open_db(settings=_settings(db, config), create=create)


def _safe(text: str) -> str:
    from ..store._base import safe_text  # a lone surrogate cannot be written to a UTF-8 stream

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


# The commands, by concern; importing them registers them on ``main``.
from . import reading, stories, tools  # noqa: E402, F401
