"""The SQLite store: articles, where they were seen, duplicates, runs and problems, analyses.

One file (WAL mode, FTS5 over title and text), named migrations applied on open. Every write
that belongs together happens in one transaction, so a run killed at any point leaves a
consistent database and the next run completes the job.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import NotFound, StoreError
from ..models import (
    Action,
    Analysis,
    Article,
    Document,
    Entity,
    Mention,
    Problem,
    Quote,
    Role,
    TimeExpr,
)
from .migrations import MIGRATIONS


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
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

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT, rolled back on any exception."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

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
                conn.execute("INSERT INTO _migrations VALUES (?, ?)", (name, _now()))

    def migrations(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT name FROM _migrations ORDER BY name")]

    # -- articles ------------------------------------------------------------------------

    def sighting(self, source: str, content_hash: str) -> int | None:
        row = self.conn.execute(
            "SELECT article_id FROM sightings WHERE source = ? AND content_hash = ?",
            (source, content_hash)).fetchone()
        return row[0] if row else None

    def article_id_by_hash(self, content_hash: str) -> int | None:
        row = self.conn.execute(
            "SELECT id FROM articles WHERE content_hash = ?", (content_hash,)).fetchone()
        return row[0] if row else None

    def article_id_by_url(self, url_key: str) -> int | None:
        row = self.conn.execute(
            "SELECT id FROM articles WHERE url_key = ? ORDER BY id LIMIT 1", (url_key,)).fetchone()
        return row[0] if row else None

    def add_article(self, doc: Document, *, content_hash: str, url_key: str | None,
                    duplicate_of: int | None = None, duplicate_kind: str | None = None,
                    similarity: float | None = None, signature: bytes | None = None,
                    num_perm: int | None = None, shingles: int = 0) -> int:
        """Insert an article with its first sighting and MinHash signature, atomically."""
        with self.transaction() as conn:
            cur = conn.execute(
                """INSERT INTO articles (url, url_key, outlet, title, dek, author, published, text,
                   language, content_hash, duplicate_of, duplicate_kind, similarity, source, via,
                   reactions, extra, ingested_at)
                   VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
                (doc.url, url_key, doc.outlet, doc.title, doc.dek, doc.author, doc.published,
                 doc.text, doc.language, content_hash, duplicate_of, duplicate_kind, similarity,
                 doc.source, doc.via, json.dumps(doc.reactions, sort_keys=True),
                 json.dumps(doc.extra, sort_keys=True, default=str), _now()))
            article_id = int(cur.lastrowid or 0)
            self._insert_sighting(conn, article_id, doc, content_hash, "new")
            if signature is not None:
                conn.execute("INSERT INTO minhashes VALUES (?, ?, ?, ?)",
                             (article_id, num_perm, shingles, signature))
        return article_id

    def add_sighting(self, article_id: int, doc: Document, content_hash: str, match: str) -> bool:
        """Record that an existing article arrived again from ``doc.source``. False if known."""
        with self.transaction() as conn:
            return self._insert_sighting(conn, article_id, doc, content_hash, match)

    @staticmethod
    def _insert_sighting(conn: sqlite3.Connection, article_id: int, doc: Document,
                         content_hash: str, match: str) -> bool:
        cur = conn.execute(
            "INSERT OR IGNORE INTO sightings VALUES (?,?,?,?,?,?,?,?)",
            (article_id, doc.source, doc.via, doc.url, doc.outlet, content_hash, match, _now()))
        return cur.rowcount > 0

    def signatures(self, num_perm: int) -> Iterator[tuple[int, int, bytes]]:
        yield from self.conn.execute(
            "SELECT article_id, shingles, signature FROM minhashes WHERE num_perm = ? ORDER BY article_id",
            (num_perm,))

    def articles_without_signature(self, num_perm: int) -> Iterator[tuple[int, str]]:
        yield from self.conn.execute(
            """SELECT id, text FROM articles WHERE id NOT IN
               (SELECT article_id FROM minhashes WHERE num_perm = ?) ORDER BY id""", (num_perm,))

    def replace_signature(self, article_id: int, num_perm: int, shingles: int,
                          signature: bytes) -> None:
        with self.transaction() as conn:
            conn.execute("INSERT OR REPLACE INTO minhashes VALUES (?, ?, ?, ?)",
                         (article_id, num_perm, shingles, signature))

    def article(self, article_id: int) -> Article:
        row = self.conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise NotFound(f"no article with id {article_id}; list ids with `storyline articles`")
        return _article(row)

    def articles(self, *, outlet: str | None = None, since: str | None = None,
                 query: str | None = None, include_duplicates: bool = True,
                 limit: int | None = None) -> list[Article]:
        """Articles, newest first; ``query`` is an FTS5 query over title and text."""
        sql = "SELECT a.* FROM articles a"
        where: list[str] = []
        params: list[Any] = []
        if query:
            sql += " JOIN articles_fts f ON f.rowid = a.id"
            where.append("articles_fts MATCH ?")
            params.append(_fts_query(query))
        if outlet:
            where.append("a.outlet = ? COLLATE NOCASE")
            params.append(outlet)
        if since:
            clause, value = _since_clause(since)
            where.append(clause)
            params.append(value)
        if not include_duplicates:
            where.append("a.duplicate_of IS NULL")
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY a.published IS NULL, a.published DESC, a.id"
        if limit:
            sql += f" LIMIT {int(limit)}"
        try:
            return [_article(r) for r in self.conn.execute(sql, params)]
        except sqlite3.OperationalError as exc:
            raise StoreError(
                f"bad search query {query!r}: {exc}; FTS5 syntax is in use because the query has "
                'quotes, *, :, ( ) or AND/OR/NOT/NEAR — put a phrase in double quotes '
                '("Ona O\'Dare") or leave those characters out to search plain words') from None

    def sightings_of(self, article_id: int) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute(
            "SELECT source, via, url, outlet, match, seen_at FROM sightings WHERE article_id = ? "
            "ORDER BY seen_at, source", (article_id,))]

    def duplicates_of(self, article_id: int) -> list[int]:
        return [r[0] for r in self.conn.execute(
            "SELECT id FROM articles WHERE duplicate_of = ? ORDER BY id", (article_id,))]

    def counts(self) -> dict[str, int]:
        one = lambda sql: int(self.conn.execute(sql).fetchone()[0])  # noqa: E731
        return {
            "articles": one("SELECT count(*) FROM articles"),
            "originals": one("SELECT count(*) FROM articles WHERE duplicate_of IS NULL"),
            "near_duplicates": one("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"),
            "sightings": one("SELECT count(*) FROM sightings"),
            "outlets": one("SELECT count(DISTINCT outlet) FROM articles WHERE outlet IS NOT NULL"),
            "analysed": one("SELECT count(*) FROM analyses WHERE status = 'analysed'"),
        }

    # -- runs and problems -----------------------------------------------------------------

    def start_run(self, command: str) -> int:
        with self.transaction() as conn:
            cur = conn.execute("INSERT INTO runs (command, started_at) VALUES (?, ?)",
                               (command, _now()))
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, counts: dict[str, Any]) -> None:
        with self.transaction() as conn:
            conn.execute("UPDATE runs SET finished_at = ?, counts = ? WHERE id = ?",
                         (_now(), json.dumps(counts, sort_keys=True), run_id))

    def add_problem(self, run_id: int | None, problem: Problem) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO problems (run_id, source, line, stage, reason, detail, at) "
                "VALUES (?,?,?,?,?,?,?)",
                (run_id, problem.source, problem.line, problem.stage, problem.reason,
                 problem.detail, _now()))

    def problems(self, run_id: int | None = None) -> list[Problem]:
        sql = "SELECT * FROM problems" + (" WHERE run_id = ?" if run_id else "") + " ORDER BY id"
        rows = self.conn.execute(sql, (run_id,) if run_id else ())
        return [Problem(source=r["source"], reason=r["reason"], detail=r["detail"],
                        line=r["line"], stage=r["stage"]) for r in rows]

    # -- analyses ----------------------------------------------------------------------------

    def analysis_version(self, article_id: int) -> str | None:
        row = self.conn.execute(
            "SELECT version FROM analyses WHERE article_id = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def stale_articles(self, version: str, ids: list[int] | None = None) -> list[int]:
        """Ids of articles with no analysis or one made by another stage version."""
        sql = ("SELECT a.id FROM articles a LEFT JOIN analyses s ON s.article_id = a.id "
               "WHERE (s.version IS NULL OR s.version != ?)")
        params: list[Any] = [version]
        if ids is not None:
            sql += f" AND a.id IN ({','.join('?' * len(ids))})"
            params += ids
        return [r[0] for r in self.conn.execute(sql + " ORDER BY a.id", params)]

    def save_analysis(self, analysis: Analysis) -> None:
        """Replace everything stored for the article with ``analysis``, atomically."""
        aid = analysis.article_id
        if aid is None:
            raise StoreError("an analysis needs an article id to be stored")
        with self.transaction() as conn:
            for table in ("entities", "mentions", "roles", "quotes", "time_exprs", "actions"):
                conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (aid,))
            conn.execute("INSERT OR REPLACE INTO analyses VALUES (?,?,?,?,?)",
                         (aid, analysis.version, analysis.status, analysis.reason, _now()))
            for e in analysis.entities:
                conn.execute("INSERT INTO entities VALUES (?,?,?,?,?)",
                             (aid, e.id, e.name, e.type, e.country))
                conn.executemany("INSERT INTO mentions VALUES (?,?,?,?,?,?)",
                                 [(aid, e.id, m.start, m.end, m.text, m.kind) for m in e.mentions])
            conn.executemany("INSERT INTO roles VALUES (?,?,?,?,?,?,?,?,?)", [
                (aid, r.entity_id, r.person, r.title, r.org, r.modifier, r.as_of, r.start, r.end)
                for r in analysis.roles])
            conn.executemany("INSERT INTO quotes VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", [
                (aid, q.start, q.end, q.text, int(q.direct), q.cue, q.cue_start, q.cue_end,
                 q.speaker_id, q.speaker, q.speaker_start, q.speaker_end)
                for q in analysis.quotes])
            conn.executemany("INSERT INTO time_exprs VALUES (?,?,?,?,?,?,?,?)", [
                (aid, t.start, t.end, t.text, t.type, t.value, t.granularity, int(t.anchored))
                for t in analysis.times])
            conn.executemany("INSERT INTO actions VALUES (?,?,?,?,?,?,?,?,?,?,?)", [
                (aid, a.start, a.end, a.subject_id, a.subject, a.verb, a.verb_text, a.object,
                 a.object_id, int(a.negated), a.modality) for a in analysis.actions])

    def analysis(self, article_id: int) -> Analysis | None:
        """The stored analysis of an article, or None when it was never analysed."""
        head = self.conn.execute(
            "SELECT * FROM analyses WHERE article_id = ?", (article_id,)).fetchone()
        if head is None:
            return None
        art = self.conn.execute("SELECT language, published FROM articles WHERE id = ?",
                                (article_id,)).fetchone()
        q = lambda sql: self.conn.execute(sql, (article_id,)).fetchall()  # noqa: E731
        mentions: dict[str, list[Mention]] = {}
        for r in q("SELECT * FROM mentions WHERE article_id = ? ORDER BY start_char"):
            mentions.setdefault(r["entity_id"], []).append(
                Mention(r["start_char"], r["end_char"], r["text"], r["kind"]))
        entities = tuple(
            Entity(r["entity_id"], r["name"], r["type"], tuple(mentions.get(r["entity_id"], ())),
                   r["country"])
            for r in q("SELECT * FROM entities WHERE article_id = ? "
                       "ORDER BY CAST(substr(entity_id, 2) AS INTEGER), entity_id"))
        roles = tuple(Role(r["entity_id"], r["person"], r["title"], r["start_char"], r["end_char"],
                           r["org"], r["modifier"], r["as_of"])
                      for r in q("SELECT * FROM roles WHERE article_id = ? ORDER BY start_char"))
        quotes = tuple(Quote(r["start_char"], r["end_char"], r["text"], bool(r["direct"]), r["cue"],
                             r["cue_start"], r["cue_end"], r["speaker_id"], r["speaker"],
                             r["speaker_start"], r["speaker_end"])
                       for r in q("SELECT * FROM quotes WHERE article_id = ? ORDER BY start_char"))
        times = tuple(TimeExpr(r["start_char"], r["end_char"], r["text"], r["type"], r["value"],
                               r["granularity"], bool(r["anchored"]))
                      for r in q("SELECT * FROM time_exprs WHERE article_id = ? ORDER BY start_char"))
        actions = tuple(Action(r["start_char"], r["end_char"], r["subject_id"], r["subject"],
                               r["verb"], r["verb_text"], r["object"], r["object_id"],
                               bool(r["negated"]), r["modality"])
                        for r in q("SELECT * FROM actions WHERE article_id = ? ORDER BY start_char"))
        return Analysis(article_id=article_id, version=head["version"], status=head["status"],
                        reason=head["reason"], language=art["language"] if art else None,
                        published=art["published"] if art else None, entities=entities,
                        roles=roles, quotes=quotes, times=times, actions=actions)


def _article(row: sqlite3.Row) -> Article:
    return Article(
        id=row["id"], text=row["text"], content_hash=row["content_hash"], source=row["source"],
        via=row["via"], title=row["title"], dek=row["dek"], author=row["author"],
        published=row["published"], outlet=row["outlet"], url=row["url"],
        language=row["language"], duplicate_of=row["duplicate_of"],
        duplicate_kind=row["duplicate_kind"], reactions=json.loads(row["reactions"] or "{}"),
        ingested_at=row["ingested_at"])


def _since_clause(since: str) -> tuple[str, str]:
    """SQL for "published on or after ``since``".

    A date keeps every article published that day in its own zone, so it compares the
    article's local date; a date-time compares instants, because ISO strings with different
    UTC offsets do not sort in time order.
    """
    if len(since) == 10:
        try:
            datetime.strptime(since, "%Y-%m-%d")
        except ValueError:
            pass
        else:
            return "substr(a.published, 1, 10) >= ?", since
    try:
        moment = datetime.fromisoformat(since)
    except ValueError:
        raise StoreError(f"cannot read since={since!r}: give a date as YYYY-MM-DD or a date-time "
                         "as ISO 8601, e.g. 2026-03-02T14:00+01:00") from None
    # re-written in the one ISO form SQLite's date functions are sure to read
    return "julianday(a.published) >= julianday(?)", moment.isoformat()


def _fts_query(query: str) -> str:
    """Plain words become an AND of quoted terms; FTS5 syntax passes through when used."""
    if any(ch in query for ch in '"*:()') or any(
            op in query.split() for op in ("AND", "OR", "NOT", "NEAR")):
        return query
    return " ".join('"' + w.replace('"', '""') + '"' for w in query.split())


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
