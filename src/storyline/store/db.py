"""The SQLite store: one connection, transactions, named migrations, runs and problems.

Article queries live in :mod:`.articles`, analysis records in :mod:`.analyses`;
:class:`Store` combines them.

One file (WAL mode, FTS5 over title and text), named migrations applied on open. Every write
that belongs together happens in one transaction, so a run killed at any point leaves a
consistent database and the next run completes the job.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from ..errors import StoreError
from ..models import Problem
from ._base import now
from .analyses import AnalysisQueries
from .articles import ArticleQueries
from .migrations import MIGRATIONS


class Store(ArticleQueries, AnalysisQueries):
    """Owns the connection. Use as a context manager or call :meth:`close`."""

    def __init__(self, path: str | Path):
        self.path = str(path)
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=30)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"cannot open database {self.path}: {exc}; check the path (--db / STORYLINE_DB) "
                "and that the file is a storyline SQLite database") from None

    # -- plumbing ------------------------------------------------------------------------

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _migrate(self) -> None:
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        done = {r[0] for r in self.conn.execute("SELECT name FROM _migrations")}
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            # executescript commits implicitly, so run the statements inside our own transaction
            with self.transaction() as conn:
                for statement in _split_sql(sql):
                    conn.execute(statement)
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
                (run_id, problem.source, problem.line, problem.stage, problem.reason,
                 problem.detail, now()))

    def problems(self, run_id: int | None = None) -> list[Problem]:
        sql = "SELECT * FROM problems" + (" WHERE run_id = ?" if run_id else "") + " ORDER BY id"
        rows = self.conn.execute(sql, (run_id,) if run_id else ())
        return [Problem(source=r["source"], reason=r["reason"], detail=r["detail"],
                        line=r["line"], stage=r["stage"]) for r in rows]


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
