"""Tables for analysis records, derived from their declarations (:class:`RecordKind`).

A record kind's table has ``article_id`` and ``seq`` (the record's position in its article),
then one column per scalar field of the record class (renamed by ``RecordKind.columns``); a
field holding child records goes to the child kind's own table, which points back with
``parent_column``. Lists and dicts of scalars are stored as JSON text. :func:`ensure` creates
missing tables, adds new columns, and rebuilds a table whose old columns no longer fit (keeping
the data of the columns both share); each change is recorded as a named migration
(``records.<table>.…``) in ``_migrations``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sqlite3
import types
import typing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..models import RecordKind

_SQL = {int: "INTEGER", str: "TEXT", float: "REAL", bool: "INTEGER"}


def q(name: str) -> str:
    """A quoted SQL identifier: field names such as ``index`` are SQL keywords."""
    return '"' + name.replace('"', '""') + '"'


@dataclass(frozen=True)
class Column:
    name: str
    field: str  # the record's field it holds ("" for article_id/seq/parent)
    sql: str
    nullable: bool
    codec: str  # "plain" | "bool" | "json"


@dataclass(frozen=True)
class Table:
    """How one record kind is stored."""

    kind: RecordKind
    columns: tuple[Column, ...]
    children: tuple[tuple[str, Table], ...]  # (field name, child table)
    parent_column: str | None = None

    @property
    def name(self) -> str:
        return self.kind.name

    @property
    def field_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.field)

    def ddl(self) -> str:
        cols = ["article_id INTEGER NOT NULL REFERENCES articles(id)", "seq INTEGER"]
        if self.parent_column:
            cols.append(f"{self.parent_column} TEXT NOT NULL")
        cols += [f"{q(c.name)} {c.sql}{'' if c.nullable else ' NOT NULL'}"
                 for c in self.field_columns]
        return f"CREATE TABLE {self.name} (\n    " + ",\n    ".join(cols) + "\n)"

    def wanted(self) -> dict[str, Column]:
        out = {"article_id": Column("article_id", "", "INTEGER", False, "plain"),
               "seq": Column("seq", "", "INTEGER", True, "plain")}
        if self.parent_column:
            out[self.parent_column] = Column(self.parent_column, "", "TEXT", False, "plain")
        out.update({c.name: c for c in self.field_columns})
        return out

    def walk(self) -> Iterator[Table]:
        yield self
        for _field, child in self.children:
            yield from child.walk()


@cache
def table_for(kind: RecordKind) -> Table:
    """The :class:`Table` of a record kind (checked: every field must be storable)."""
    hints = typing.get_type_hints(kind.cls)
    columns: list[Column] = []
    children: list[tuple[str, Table]] = []
    for f in dataclasses.fields(kind.cls):
        hint = hints[f.name]
        if f.name in kind.children:
            child = kind.children[f.name]
            children.append((f.name, table_for(child)))
            continue
        base, nullable = _unwrap(hint)
        if base in _SQL:
            codec = "bool" if base is bool else "plain"
            columns.append(Column(kind.column(f.name), f.name, _SQL[base], nullable, codec))
        elif typing.get_origin(base) in (dict, tuple, list) or base in (dict, tuple, list):
            columns.append(Column(kind.column(f.name), f.name, "TEXT", nullable, "json"))
        else:
            raise TypeError(f"record {kind.cls.__name__}.{f.name}: type {hint} cannot be stored; "
                            "use int, str, float, bool, None, or lists/dicts of those")
    return Table(kind, tuple(columns), tuple(children), kind.parent_column)


def _unwrap(hint: Any) -> tuple[Any, bool]:
    args = typing.get_args(hint)
    if typing.get_origin(hint) in (typing.Union, types.UnionType) and type(None) in args:
        rest = [a for a in args if a is not type(None)]
        return (rest[0] if len(rest) == 1 else Any), True
    return hint, False


# ---- schema ------------------------------------------------------------------------------------


def ensure(conn: sqlite3.Connection, tables: Iterable[Table], now: str) -> list[str]:
    """Create or adapt every table (and child table); returns the migrations it applied.

    Runs inside the caller's transaction.
    """
    applied = []
    done = {r[0] for r in conn.execute("SELECT name FROM _migrations")}
    for top in tables:
        for table in top.walk():
            for name in _adapt(conn, table, done):
                conn.execute("INSERT OR IGNORE INTO _migrations VALUES (?, ?)", (name, now))
                done.add(name)
                applied.append(name)
    return applied


def _adapt(conn: sqlite3.Connection, table: Table, done: set[str]) -> list[str]:
    info = conn.execute(f"PRAGMA table_info({table.name})").fetchall()
    wanted = table.wanted()
    if not info:
        conn.execute(table.ddl())
        conn.execute(f"CREATE INDEX {table.name}_article ON {table.name}(article_id"
                     + (f", {table.parent_column}" if table.parent_column else "") + ")")
        return [f"records.{table.name}.create"]
    have = {row[1]: bool(row[3]) for row in info}  # name -> NOT NULL
    stale_required = [c for c, notnull in have.items() if notnull and c not in wanted]
    if stale_required:
        digest = hashlib.sha1(table.ddl().encode()).hexdigest()[:8]
        _rebuild(conn, table, list(have))
        return [f"records.{table.name}.rebuild.{digest}"]
    out = []
    for name, col in wanted.items():
        if name not in have:
            # SQLite adds a NOT NULL column only with a default: old rows get NULL instead
            conn.execute(f"ALTER TABLE {table.name} ADD COLUMN {q(name)} {col.sql}")
            out.append(f"records.{table.name}.add.{name}")
    return out


def _rebuild(conn: sqlite3.Connection, table: Table, old_columns: list[str]) -> None:
    """Recreate a table in its new shape, copying the columns old and new share."""
    shared = [c for c in table.wanted() if c in old_columns]
    conn.execute(f"ALTER TABLE {table.name} RENAME TO _old_{table.name}")
    conn.execute(f"DROP INDEX IF EXISTS {table.name}_article")
    conn.execute(table.ddl())
    cols = ", ".join(q(c) for c in shared)
    conn.execute(f"INSERT INTO {table.name} ({cols}) SELECT {cols} FROM _old_{table.name}")
    conn.execute(f"DROP TABLE _old_{table.name}")
    conn.execute(f"CREATE INDEX {table.name}_article ON {table.name}(article_id"
                 + (f", {table.parent_column}" if table.parent_column else "") + ")")


# ---- rows ----------------------------------------------------------------------------------------


def encode(col: Column, value: Any) -> Any:
    if value is None:
        return None
    if col.codec == "bool":
        return int(bool(value))
    if col.codec == "json":
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    return value


def decode(col: Column, value: Any) -> Any:
    if value is None:
        return None
    if col.codec == "bool":
        return bool(value)
    if col.codec == "json":
        data = json.loads(value)
        return tuple(data) if isinstance(data, list) else data
    return value


def insert(conn: sqlite3.Connection, table: Table, article_id: int, records: Iterable[Any],
           parent: str | None = None) -> None:
    """Insert records (and their children) of one article."""
    cols = ["article_id", "seq"] + ([table.parent_column] if table.parent_column else []) + [
        c.name for c in table.field_columns]
    sql = f"INSERT INTO {table.name} ({', '.join(q(c) for c in cols)}) VALUES ({', '.join('?' * len(cols))})"
    rows = []
    children: list[tuple[Table, str, Any]] = []
    key_field = table.kind.key
    for seq, record in enumerate(records):
        row: list[Any] = [article_id, seq] + ([parent] if table.parent_column else [])
        row += [encode(c, getattr(record, c.field)) for c in table.field_columns]
        rows.append(row)
        for field_name, child in table.children:
            key = str(getattr(record, key_field)) if key_field else str(seq)
            children.append((child, key, getattr(record, field_name)))
    conn.executemany(sql, rows)
    for child, key, values in children:
        insert(conn, child, article_id, values, key)


def delete(conn: sqlite3.Connection, table: Table, article_ids: list[int]) -> None:
    marks = ",".join("?" * len(article_ids))
    for t in table.walk():
        conn.execute(f"DELETE FROM {t.name} WHERE article_id IN ({marks})", article_ids)


def select(conn: sqlite3.Connection, table: Table, article_ids: list[int]
           ) -> dict[int, list[Any]]:
    """The records of ``article_ids`` by article, in their stored order (one query per table)."""
    children: dict[str, dict[tuple[int, str], list[Any]]] = {}
    for field_name, child in table.children:
        grouped: dict[tuple[int, str], list[Any]] = {}
        for aid, records in _rows(conn, child, article_ids, with_parent=True).items():
            for parent, record in records:
                grouped.setdefault((aid, parent), []).append(record)
        children[field_name] = grouped
    out: dict[int, list[Any]] = {}
    key_field = table.kind.key
    for aid, records in _rows(conn, table, article_ids, with_parent=False).items():
        built = []
        for seq, (_p, values) in enumerate(records):
            for field_name, grouped in children.items():
                key = str(values[key_field]) if key_field else str(seq)
                values[field_name] = tuple(grouped.get((aid, key), ()))
            built.append(table.kind.cls(**values))
        out[aid] = built
    return out


def _rows(conn: sqlite3.Connection, table: Table, article_ids: list[int], *, with_parent: bool
          ) -> dict[int, list[Any]]:
    have = {row[1] for row in conn.execute(f"PRAGMA table_info({table.name})")}
    fields = [c for c in table.field_columns if c.name in have]
    cols = ["article_id"] + ([table.parent_column] if table.parent_column else []) + [
        c.name for c in fields]
    marks = ",".join("?" * len(article_ids))
    sql = (f"SELECT {', '.join(q(c) for c in cols)} FROM {table.name} WHERE article_id IN ({marks}) "
           f"ORDER BY article_id, seq, rowid")
    out: dict[int, list[Any]] = {}
    offset = 2 if table.parent_column else 1
    for row in conn.execute(sql, article_ids):
        values = {c.field: decode(c, row[offset + i]) for i, c in enumerate(fields)}
        if with_parent:
            out.setdefault(row[0], []).append((row[1], table.kind.cls(**values)))
        else:
            out.setdefault(row[0], []).append((None, values))
    return out


__all__ = ["Column", "Table", "decode", "delete", "encode", "ensure", "insert", "select",
           "table_for"]
