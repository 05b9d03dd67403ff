"""The SQLite store: one connection, transactions, named migrations, runs and problems.

Article queries live in :mod:`.articles`, analysis records in :mod:`.analyses`, listings
for browsing in :mod:`.browse`, reader reactions in :mod:`.reactions`; :class:`Store`
combines them.

One file (WAL mode, FTS5 over title and text), named migrations applied on open. Every write
that belongs together happens in one transaction, so a run killed at any point leaves a
consistent database and the next run completes the job.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..errors import StoreError
from ..models import Problem
from ._base import is_busy, now, safe_params
from .analyses import AnalysisQueries
from .articles import ArticleQueries
from .browse import BrowseQueries
from .canon import CanonQueries
from .dossier import DossierQueries
from .migrations import MIGRATIONS
from .reactions import ReactionQueries
from .stories import StoryQueries

_SQLITE_HEADER = b"SQLite format 3\x00"


class Store(ArticleQueries, AnalysisQueries, CanonQueries, StoryQueries, DossierQueries,
            BrowseQueries, ReactionQueries):
    """Owns the connection. Use as a context manager or call :meth:`close`.

    ``create=False`` opens an existing database only (read commands: a mistyped ``--db``
    must not leave an empty database behind); a new database is only ever created in an
    existing folder. Every way of failing to open is a one-line :class:`StoreError` that says
    what to do.
    """

    def __init__(self, path: str | Path, *, create: bool = True, busy_timeout: float = 30.0):
        self.path = str(path)
        self.busy_timeout = float(busy_timeout)
        self._depth = 0
        read_only = self._check_path(create)
        try:
            if read_only:
                uri = "file:" + quote(str(Path(self.path).resolve())) + "?mode=ro"
                self.conn = sqlite3.connect(uri, uri=True, isolation_level=None,
                                            timeout=self.busy_timeout)
            else:
                self.conn = sqlite3.connect(self.path, isolation_level=None,
                                            timeout=self.busy_timeout)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}; check the path "
                             "(--db / STORYLINE_DB) and its permissions") from None
        self.conn.row_factory = sqlite3.Row
        # 32 MB of page cache (the default is 2 MB): band-key and FTS inserts touch pages all
        # over their B-trees, and a large store would otherwise read them from disk each time
        self.conn.execute("PRAGMA cache_size=-32768")
        self.conn.create_function("storyline_words", 1, _words, deterministic=True)
        try:
            self._setup(read_only)
        except StoreError:
            self.conn.close()
            raise
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            if is_busy(exc):
                raise self._store_error(exc) from None
            raise StoreError(
                f"cannot open database {self.path}: {exc}; check the path (--db / STORYLINE_DB) "
                "and that the file is a storyline SQLite database") from None

    def _check_path(self, create: bool) -> bool:
        """Refuse paths that cannot be a database; True when the file can only be read."""
        if self.path == ":memory:":
            return False
        path = Path(self.path)
        if path.is_dir():
            raise StoreError(f"--db {self.path} is a folder; give the path of a database file, "
                             f"e.g. {path / 'storyline.db'}")
        if not path.exists():
            if not create:
                raise StoreError(f"no database at {self.path}; check the path (--db / "
                                 "STORYLINE_DB), or create one with `storyline ingest`")
            if not path.parent.is_dir():
                raise StoreError(f"cannot create database {self.path}: the folder "
                                 f"{path.parent} does not exist; create it first or check --db")
            if not os.access(path.parent, os.W_OK):
                raise StoreError(f"cannot create database {self.path}: the folder "
                                 f"{path.parent} is not writable; check its permissions or "
                                 "pass another --db")
            return False
        try:
            with path.open("rb") as handle:
                header = handle.read(len(_SQLITE_HEADER))
        except OSError as exc:
            raise StoreError(f"cannot read database {self.path}: {exc.strerror or exc}; check "
                             "its permissions") from None
        if header and header != _SQLITE_HEADER:
            raise StoreError(f"cannot open database {self.path}: the file is not an SQLite "
                             "database; check the path (--db / STORYLINE_DB)")
        writable = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
        if not writable and create:
            raise StoreError(f"database {self.path} is read-only; check the permissions of the "
                             "file and its folder, or copy it somewhere writable")
        return not writable

    def _setup(self, read_only: bool) -> None:
        if read_only:
            self._check_schema(read_only=True)
            return
        # Changing the journal mode needs a moment of exclusive access; a second process
        # opening at the same time waits like any other writer.
        deadline = time.monotonic() + self.busy_timeout
        while True:
            try:
                self.conn.execute("PRAGMA journal_mode=WAL")
                break
            except sqlite3.OperationalError as exc:
                if not is_busy(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.execute("PRAGMA foreign_keys=ON")
        self._check_schema(read_only=False)
        self._migrate()

    # -- plumbing ------------------------------------------------------------------------

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _check_schema(self, *, read_only: bool) -> None:
        """A database with tables but no ``_migrations`` belongs to another program."""
        tables = {r[0] for r in self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        if tables and "_migrations" not in tables:
            listed = ", ".join(sorted(tables)[:5]) + (", ..." if len(tables) > 5 else "")
            raise StoreError(f"{self.path} is an SQLite database but not a storyline one (it "
                             f"has the tables {listed}); pass the path of a storyline database "
                             "or of a new file with --db")
        if read_only:
            done = {r[0] for r in self.conn.execute("SELECT name FROM _migrations")} \
                if tables else set()
            missing = [name for name, _ in MIGRATIONS if name not in done]
            if missing:
                raise StoreError(f"database {self.path} is read-only and needs the upgrade "
                                 f"{missing[0]}; open it once with write permission so the "
                                 "upgrade can be applied")

    def _migrate(self) -> None:
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        done = {r[0] for r in self.conn.execute("SELECT name FROM _migrations")}
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            # executescript commits implicitly, so run the statements inside our own transaction
            with self.transaction() as conn:
                # another process may have applied it while this one waited for the lock
                if conn.execute("SELECT 1 FROM _migrations WHERE name = ?", (name,)).fetchone():
                    continue
                try:
                    for statement in _split_sql(sql):
                        conn.execute(statement)
                except sqlite3.OperationalError as exc:
                    raise StoreError(
                        f"database {self.path} cannot be upgraded with migration {name}: {exc}; "
                        "it was probably changed by another tool or an interrupted older "
                        "version: restore a backup, or start a new database with --db") from None
                conn.execute("INSERT INTO _migrations VALUES (?, ?)", (name, now()))

    def migrations(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT name FROM _migrations ORDER BY name")]

    # -- runs and problems -----------------------------------------------------------------

    def start_run(self, command: str) -> int:
        with self.transaction() as conn:
            cur = conn.execute("INSERT INTO runs (command, started_at) VALUES (?, ?)",
                               (command, now()))
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, counts: dict[str, Any]) -> None:
        with self.transaction() as conn:
            conn.execute("UPDATE runs SET finished_at = ?, counts = ? WHERE id = ?",
                         (now(), json.dumps(counts, sort_keys=True), run_id))

    def add_problem(self, run_id: int | None, problem: Problem) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO problems (run_id, source, line, stage, reason, detail, at) "
                "VALUES (?,?,?,?,?,?,?)",
                safe_params((run_id, problem.source, problem.line, problem.stage,
                             problem.reason, problem.detail, now())))

    def problems(self, run_id: int | None = None) -> list[Problem]:
        sql = "SELECT * FROM problems" + (" WHERE run_id = ?" if run_id else "") + " ORDER BY id"
        rows = self.conn.execute(sql, (run_id,) if run_id else ())
        return [Problem(source=r["source"], reason=r["reason"], detail=r["detail"],
                        line=r["line"], stage=r["stage"]) for r in rows]


def _words(text: str | None) -> int:
    return len(text.split()) if text else 0


def _split_sql(script: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies (BEGIN … END;) whole."""
    statements: list[str] = []
    current: list[str] = []
    depth = 0
    for line in script.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("--"):
            continue
        current.append(line)
        upper = stripped.upper()
        if upper.startswith("CREATE TRIGGER"):
            depth = 1
        if depth and upper == "END;":
            depth = 0
        if not depth and stripped.endswith(";"):
            statements.append("\n".join(current))
            current = []
    if current:
        statements.append("\n".join(current))
    return statements
