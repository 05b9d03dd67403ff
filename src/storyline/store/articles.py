"""Article queries: storing articles with their sightings, MinHash signatures and LSH band keys;
revisions and metadata changes; listing, reading and counting articles."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta
from typing import Any

from ..errors import NotFound, StoreError, UsageError
from ..models import Article, Document
from ._base import StoreBase, now, safe_params, safe_text

# The columns a listing reads: everything but the text.
_LIST_COLUMNS = ("id, url, outlet, title, dek, author, published, '' AS text, language, "
                 "content_hash, duplicate_of, duplicate_kind, source, via, reactions, "
                 "ingested_at, revision_of, words")
# SQLite allows 999 host parameters in older builds; stay well under it.
_CHUNK = 500


class ArticleQueries(StoreBase):
    # -- looking up what is stored --------------------------------------------------------

    def sighting(self, source_key: str, content_hash: str, source: str | None = None) -> int | None:
        """The article already seen from this source with this content, if any.

        ``source`` (the name as given) also matches sightings stored before source keys
        existed (their key is the name as given then).
        """
        row = self.conn.execute(
            "SELECT article_id FROM sightings WHERE source_key = ? AND content_hash = ?",
            safe_params((source_key, content_hash))).fetchone()
        if row is None and source is not None:
            row = self.conn.execute(
                "SELECT article_id FROM sightings WHERE source = ? AND content_hash = ? "
                "AND source_key = source", safe_params((source, content_hash))).fetchone()
        return row[0] if row else None

    def latest_from_source(self, source_key: str) -> tuple[int, str] | None:
        """(article id, content hash) of the last article that arrived from this source."""
        row = self.conn.execute(
            "SELECT article_id, content_hash FROM sightings WHERE source_key = ? "
            "ORDER BY rowid DESC LIMIT 1", safe_params((source_key,))).fetchone()
        return (row[0], row[1]) if row else None

    def article_id_by_hash(self, content_hash: str) -> int | None:
        row = self.conn.execute(
            "SELECT id FROM articles WHERE content_hash = ?", (content_hash,)).fetchone()
        return row[0] if row else None

    def article_id_by_url(self, url_key: str) -> int | None:
        row = self.conn.execute(
            "SELECT id FROM articles WHERE url_key = ? ORDER BY id LIMIT 1",
            safe_params((url_key,))).fetchone()
        return row[0] if row else None

    def duplicate_root(self, article_id: int) -> int:
        """The original an article copies (itself when it is an original)."""
        row = self.conn.execute("SELECT duplicate_of FROM articles WHERE id = ?",
                                (article_id,)).fetchone()
        return row[0] if row and row[0] is not None else article_id

    # -- writing ---------------------------------------------------------------------------

    def add_article(self, doc: Document, *, content_hash: str, url_key: str | None,
                    duplicate_of: int | None = None, duplicate_kind: str | None = None,
                    similarity: float | None = None, signature: bytes | None = None,
                    num_perm: int | None = None, shingles: int = 0,
                    band_keys: Iterable[int] = (), source_key: str | None = None,
                    revision_of: int | None = None) -> int:
        """Insert an article with its first sighting, MinHash signature and band keys,
        atomically."""
        with self.transaction() as conn:
            cur = conn.execute(
                """INSERT INTO articles (url, url_key, outlet, title, dek, author, published, text,
                   language, content_hash, duplicate_of, duplicate_kind, similarity, source, via,
                   reactions, extra, ingested_at, revision_of, words)
                   VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
                safe_params((
                    doc.url, url_key, doc.outlet, doc.title, doc.dek, doc.author, doc.published,
                    doc.text, doc.language, content_hash, duplicate_of, duplicate_kind,
                    similarity, doc.source, doc.via, json.dumps(doc.reactions, sort_keys=True),
                    json.dumps(doc.extra, sort_keys=True, default=str), now(), revision_of,
                    len(doc.text.split()))))
            article_id = int(cur.lastrowid or 0)
            self._insert_sighting(conn, article_id, doc, content_hash, "new", source_key)
            if signature is not None:
                conn.execute("INSERT INTO minhashes VALUES (?, ?, ?, ?)",
                             (article_id, num_perm, shingles, signature))
            conn.executemany("INSERT OR IGNORE INTO ingest_lsh_bands VALUES (?, ?)",
                             [(key, article_id) for key in band_keys])
        return article_id

    def add_sighting(self, article_id: int, doc: Document, content_hash: str, match: str,
                     source_key: str | None = None) -> bool:
        """Record that an existing article arrived again from ``doc.source``. False if known."""
        with self.transaction() as conn:
            return self._insert_sighting(conn, article_id, doc, content_hash, match, source_key)

    @staticmethod
    def _insert_sighting(conn: sqlite3.Connection, article_id: int, doc: Document,
                         content_hash: str, match: str, source_key: str | None) -> bool:
        cur = conn.execute(
            "INSERT OR IGNORE INTO sightings (article_id, source, via, url, outlet, "
            "content_hash, match, seen_at, source_key) VALUES (?,?,?,?,?,?,?,?,?)",
            safe_params((article_id, doc.source, doc.via, doc.url, doc.outlet, content_hash,
                         match, now(), source_key or doc.source)))
        return cur.rowcount > 0

    def set_published(self, article_id: int, published: str, source: str) -> str | None:
        """Set an article's publication time after it was stored; returns the old value.

        The change is recorded in ``ingest_changes``, and the article's analysis is dropped,
        because relative dates ("last Friday") were anchored to the old value: the next
        ``analyze`` redoes it.
        """
        with self.transaction() as conn:
            row = conn.execute("SELECT published FROM articles WHERE id = ?",
                               (article_id,)).fetchone()
            if row is None:
                raise NotFound(f"no article with id {article_id}; list ids with "
                               "`storyline articles`")
            old = row[0]
            if old == published:
                return old
            conn.execute("UPDATE articles SET published = ? WHERE id = ?", (published, article_id))
            conn.execute("INSERT INTO ingest_changes (article_id, field, old, new, source, at) "
                         "VALUES (?,?,?,?,?,?)",
                         safe_params((article_id, "published", old, published, source, now())))
            # every component sees the publication time (relative dates, roles as of): the
            # article's analysis is stale until it is analyzed again
            conn.execute("DELETE FROM analyses WHERE article_id = ?", (article_id,))
            conn.execute("DELETE FROM analysis_components WHERE article_id = ?", (article_id,))
        return old

    def clear_shared_dek(self, outlet: str, dek: str, source: str) -> int:
        """Clear the dek of stored articles of ``outlet`` whose dek is ``dek``: a dek the
        site gives every page is its own description, not an article's. Each change is
        recorded in ``ingest_changes``; returns how many articles had it."""
        with self.transaction() as conn:
            ids = [r[0] for r in conn.execute(
                "SELECT id FROM articles WHERE outlet = ? AND dek = ?", (outlet, dek))]
            for article_id in ids:
                conn.execute("UPDATE articles SET dek = NULL WHERE id = ?", (article_id,))
                conn.execute("INSERT INTO ingest_changes (article_id, field, old, new, source, "
                             "at) VALUES (?,?,?,?,?,?)",
                             safe_params((article_id, "dek", dek, None, source, now())))
        return len(ids)

    def changes_of(self, article_id: int) -> list[dict[str, Any]]:
        """Metadata set on an article after it was stored (field, old, new, source, at)."""
        return [dict(r) for r in self.conn.execute(
            "SELECT field, old, new, source, at FROM ingest_changes WHERE article_id = ? "
            "ORDER BY id", (article_id,))]

    # -- recognising unchanged inputs ------------------------------------------------------

    def input_seen(self, source_key: str, fingerprint: str) -> list[int] | None:
        """The article ids an input gave when it was last read with this fingerprint."""
        row = self.conn.execute(
            "SELECT fingerprint, article_ids FROM ingest_inputs WHERE source_key = ?",
            safe_params((source_key,))).fetchone()
        if row is None or row[0] != fingerprint:
            return None
        return [int(i) for i in json.loads(row[1])]

    def remember_input(self, source_key: str, fingerprint: str, article_ids: list[int]) -> None:
        with self.transaction() as conn:
            conn.execute("INSERT OR REPLACE INTO ingest_inputs VALUES (?, ?, ?, ?)",
                         safe_params((source_key, fingerprint, json.dumps(article_ids), now())))

    def forget_input(self, source_key: str) -> None:
        with self.transaction() as conn:
            conn.execute("DELETE FROM ingest_inputs WHERE source_key = ?",
                         safe_params((source_key,)))

    # -- near-duplicate index -------------------------------------------------------------

    def lsh_scheme(self) -> str | None:
        row = self.conn.execute("SELECT scheme FROM ingest_lsh_state WHERE id = 1").fetchone()
        return row[0] if row else None

    def set_lsh_scheme(self, scheme: str) -> None:
        with self.transaction() as conn:
            conn.execute("INSERT OR REPLACE INTO ingest_lsh_state VALUES (1, ?)", (scheme,))

    def clear_lsh(self) -> None:
        with self.transaction() as conn:
            conn.execute("DELETE FROM ingest_lsh_bands")
            conn.execute("DELETE FROM ingest_lsh_state")

    def add_band_keys(self, article_id: int, band_keys: Iterable[int]) -> None:
        with self.transaction() as conn:
            conn.executemany("INSERT OR IGNORE INTO ingest_lsh_bands VALUES (?, ?)",
                             [(key, article_id) for key in band_keys])

    def band_candidates(self, band_keys: list[int], limit: int) -> list[tuple[int, int]]:
        """Articles sharing at least one band key, as (id, shared keys), most shared first."""
        if not band_keys:
            return []
        marks = ",".join("?" * len(band_keys))
        return [(r[0], r[1]) for r in self.conn.execute(
            f"SELECT article_id, count(*) AS shared FROM ingest_lsh_bands "
            f"WHERE band_key IN ({marks}) GROUP BY article_id "
            f"ORDER BY shared DESC, article_id LIMIT ?", (*band_keys, limit))]

    def signatures_of(self, ids: list[int], num_perm: int) -> dict[int, tuple[int, bytes]]:
        """{article id: (shingles, signature)} for the given ids."""
        out: dict[int, tuple[int, bytes]] = {}
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start:start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for r in self.conn.execute(
                    f"SELECT article_id, shingles, signature FROM minhashes "
                    f"WHERE num_perm = ? AND article_id IN ({marks})", (num_perm, *chunk)):
                out[r[0]] = (r[1], r[2])
        return out

    def article_ids(self) -> list[int]:
        return [r[0] for r in self.conn.execute("SELECT id FROM articles ORDER BY id")]

    def texts_of(self, ids: list[int]) -> dict[int, str]:
        out: dict[int, str] = {}
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start:start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for r in self.conn.execute(f"SELECT id, text FROM articles WHERE id IN ({marks})",
                                       chunk):
                out[r[0]] = r[1]
        return out

    def signatures(self, num_perm: int) -> Iterator[tuple[int, int, bytes]]:
        yield from self.conn.execute(
            "SELECT article_id, shingles, signature FROM minhashes WHERE num_perm = ? "
            "ORDER BY article_id", (num_perm,))

    def articles_without_signature(self, num_perm: int) -> Iterator[tuple[int, str]]:
        yield from self.conn.execute(
            """SELECT id, text FROM articles WHERE id NOT IN
               (SELECT article_id FROM minhashes WHERE num_perm = ?) ORDER BY id""", (num_perm,))

    def replace_signature(self, article_id: int, num_perm: int, shingles: int,
                          signature: bytes) -> None:
        with self.transaction() as conn:
            conn.execute("INSERT OR REPLACE INTO minhashes VALUES (?, ?, ?, ?)",
                         (article_id, num_perm, shingles, signature))

    # -- reading ---------------------------------------------------------------------------

    def article(self, article_id: int) -> Article:
        row = self.conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise NotFound(f"no article with id {article_id}; list ids with `storyline articles`")
        return _article(row)

    def articles(self, *, outlet: str | None = None, since: str | None = None,
                 query: str | None = None, include_duplicates: bool = True,
                 limit: int | None = None, text: bool = True) -> list[Article]:
        """Articles, newest first; ``query`` is an FTS5 query over title and text.

        ``outlet`` matches any part of the outlet name, ignoring case; ``text=False`` leaves
        the text out (``Article.text`` is empty, ``words`` still counts it), which is what a
        listing needs; ``limit=0`` returns nothing.
        """
        columns = "a.*" if text else ", ".join(
            c if " AS " in c else f"a.{c}" for c in _LIST_COLUMNS.split(", "))
        sql = f"SELECT {columns} FROM articles a"
        where: list[str] = []
        params: list[Any] = []
        if query:
            sql += " JOIN articles_fts f ON f.rowid = a.id"
            where.append("articles_fts MATCH ?")
            params.append(_fts_query(safe_text(query)))
        if outlet:
            # the names that match, from the outlet index alone; then the rows, by that index
            names = [r[0] for r in self.conn.execute(
                "SELECT DISTINCT outlet FROM articles WHERE outlet LIKE ? ESCAPE '\\'",
                ("%" + _like_escape(safe_text(outlet.strip())) + "%",))]
            where.append(f"a.outlet IN ({','.join('?' * len(names))})" if names else "0")
            params.extend(names)
        if since:
            for clause, value in _since_clauses(since):
                where.append(clause)
                params.append(value)
        if not include_duplicates:
            where.append("a.duplicate_of IS NULL")
        if where:
            sql += " WHERE " + " AND ".join(where)
        # the order of the index articles_listing, so LIMIT stops early (NULL sorts lowest:
        # undated articles come last)
        sql += " ORDER BY a.published DESC, a.id"
        if limit is not None:
            if limit < 0:
                raise UsageError(f"limit must be 0 or more, got {limit}")
            sql += f" LIMIT {int(limit)}"
        try:
            if text:
                return [_article(r) for r in self.conn.execute(sql, params)]
            cursor = self.conn.cursor()
            cursor.row_factory = None  # plain tuples: a listing builds many rows
            return [_listed(r) for r in cursor.execute(sql, params)]
        except sqlite3.OperationalError as exc:
            raise StoreError(
                f"bad search query {query!r}: {exc}; FTS5 syntax is in use because the query has "
                'quotes, *, :, ( ) or AND/OR/NOT/NEAR — put a phrase in double quotes '
                '("Ona O\'Dare") or leave those characters out to search plain words') from None

    def sightings_of(self, article_id: int) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute(
            "SELECT source, via, url, outlet, match, seen_at FROM sightings WHERE article_id = ? "
            "ORDER BY seen_at, rowid", (article_id,))]

    def duplicates_of(self, article_id: int) -> list[int]:
        return [r[0] for r in self.conn.execute(
            "SELECT id FROM articles WHERE duplicate_of = ? ORDER BY id", (article_id,))]

    def revisions_of(self, article_id: int) -> list[int]:
        """Ids of every version of the article's source, oldest first (itself included)."""
        first = article_id
        seen = {first}
        while True:
            row = self.conn.execute("SELECT revision_of FROM articles WHERE id = ?",
                                    (first,)).fetchone()
            if row is None or row[0] is None or row[0] in seen:
                break
            first = row[0]
            seen.add(first)
        chain = [first]
        while True:
            row = self.conn.execute("SELECT id FROM articles WHERE revision_of = ? ORDER BY id "
                                    "LIMIT 1", (chain[-1],)).fetchone()
            if row is None or row[0] in chain:
                return chain
            chain.append(row[0])

    def counts(self) -> dict[str, int]:
        one = lambda sql: int(self.conn.execute(sql).fetchone()[0])  # noqa: E731
        return {
            "articles": one("SELECT count(*) FROM articles"),
            "originals": one("SELECT count(*) FROM articles WHERE duplicate_of IS NULL"),
            "duplicates": one("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"),
            "revisions": one("SELECT count(*) FROM articles WHERE revision_of IS NOT NULL"),
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
        ingested_at=row["ingested_at"], revision_of=row["revision_of"], words=row["words"],
        extra=json.loads(row["extra"] or "{}") if "extra" in row.keys() else {})


def _listed(r: tuple[Any, ...]) -> Article:
    """An Article from a row of ``_LIST_COLUMNS``, in their order."""
    return Article(
        id=r[0], url=r[1], outlet=r[2], title=r[3], dek=r[4], author=r[5], published=r[6],
        text=r[7], language=r[8], content_hash=r[9], duplicate_of=r[10], duplicate_kind=r[11],
        source=r[12], via=r[13], reactions=json.loads(r[14]) if r[14] not in ("{}", None) else {},
        ingested_at=r[15], revision_of=r[16], words=r[17])


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _since_clauses(since: str) -> list[tuple[str, str]]:
    """SQL for "published on or after ``since``", written so the published index is used.

    A date keeps every article published that day in its own zone, so it compares the
    article's local date: ISO strings that start with a later or equal date sort at or
    after the date itself. A date-time compares instants, because ISO strings with different
    UTC offsets do not sort in time order; a string bound one day earlier (no zone is more than
    14 hours away from UTC) lets the index narrow the rows first.
    """
    since = since.strip()
    if len(since) == 10:
        try:
            datetime.strptime(since, "%Y-%m-%d")
        except ValueError:
            pass
        else:
            return [("a.published >= ?", since)]
    try:
        moment = datetime.fromisoformat(since)
    except ValueError:
        raise UsageError(f"cannot read since={since!r}: give a date as YYYY-MM-DD or a date-time "
                         "as ISO 8601, e.g. 2026-03-02T14:00+01:00") from None
    bound = (moment - timedelta(days=1)).date().isoformat()
    # re-written in the one ISO form SQLite's date functions are sure to read
    return [("a.published >= ?", bound),
            ("julianday(a.published) >= julianday(?)", moment.isoformat())]


def _fts_query(query: str) -> str:
    """Plain words become an AND of quoted terms; FTS5 syntax passes through when used."""
    if any(ch in query for ch in '"*:()') or any(
            op in query.split() for op in ("AND", "OR", "NOT", "NEAR")):
        return query
    return " ".join('"' + w.replace('"', '""') + '"' for w in query.split())
