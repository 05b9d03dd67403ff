"""Article queries: storing articles with their sightings and MinHash signatures, listing,
reading and counting them."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from ..errors import NotFound, StoreError
from ..models import Article, Document
from ._base import StoreBase, now


class ArticleQueries(StoreBase):
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
                 json.dumps(doc.extra, sort_keys=True, default=str), now()))
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
            (article_id, doc.source, doc.via, doc.url, doc.outlet, content_hash, match, now()))
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
            "duplicates": one("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"),
            "sightings": one("SELECT count(*) FROM sightings"),
            "outlets": one("SELECT count(DISTINCT outlet) FROM articles WHERE outlet IS NOT NULL"),
            "analyzed": one("SELECT count(*) FROM analyses WHERE status = 'analyzed'"),
        }



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


