"""What the query mixins share: the connection, transactions, text safe for SQLite, the clock."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from ..errors import DatabaseBusy, StoreError

# Lone UTF-16 surrogates (a truncated emoji in a JSON string, a file name that is not UTF-8)
# are legal in a Python str but cannot be encoded as UTF-8, which SQLite requires.
_SURROGATE = re.compile("[\ud800-\udfff]")


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def safe_text(value: str) -> str:
    """``value`` with every lone surrogate replaced by U+FFFD, so it can be stored and printed.

    Bytes that a file name smuggled in as surrogates (``os.fsdecode``'s ``surrogateescape``)
    become ``\\xNN`` escapes instead, so two such names stay different.
    """
    if not _SURROGATE.search(value):
        return value
    return _SURROGATE.sub(_replacement, value)


def _replacement(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape'd byte
        return f"\\x{code - 0xDC00:02x}"
    return "\ufffd"


def safe_params(params: Any) -> Any:
    """SQL parameters with :func:`safe_text` applied to every string."""
    return tuple(safe_text(p) if isinstance(p, str) else p for p in params)


def is_busy(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


class StoreBase:
    path: str
    conn: sqlite3.Connection
    busy_timeout: float = 30.0
    _depth: int = 0

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT, rolled back on any exception.

        Nested use becomes a savepoint, so a store method that writes can be called inside a
        larger unit of work (ingest decides and writes one article in one transaction).
        IMMEDIATE takes the write lock at the start, so two writers never both read "not there
        yet" and then both insert: the second waits (up to ``busy_timeout``) and then sees the
        first one's row.
        """
        if self._depth:
            name = f"sp{self._depth}"
            self.conn.execute(f"SAVEPOINT {name}")
            self._depth += 1
            try:
                yield self.conn
            except BaseException:
                self.conn.execute(f"ROLLBACK TO {name}")
                self.conn.execute(f"RELEASE {name}")
                raise
            else:
                self.conn.execute(f"RELEASE {name}")
            finally:
                self._depth -= 1
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise self._store_error(exc) from None
        self._depth = 1
        try:
            yield self.conn
        except BaseException:
            self._depth = 0
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        self._depth = 0
        try:
            self.conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise self._store_error(exc) from None

    def _store_error(self, exc: sqlite3.Error) -> StoreError:
        """A one-line error for a database that cannot be written right now."""
        if is_busy(exc):
            return DatabaseBusy(
                f"database {self.path} is busy: another process has held its write lock for "
                f"more than {self.busy_timeout:g} s; wait for it to finish and run the command "
                "again (nothing is lost: finished articles are stored), or raise the setting "
                "busy_timeout")
        text = str(exc).lower()
        if "readonly" in text or "read-only" in text:
            return StoreError(f"database {self.path} is read-only: {exc}; check the file's and "
                              "its folder's permissions, or pass a writable --db")
        if "disk" in text or "full" in text:
            return StoreError(f"cannot write database {self.path}: {exc}; free disk space or "
                              "pass another --db")
        return StoreError(f"cannot write database {self.path}: {exc}")
