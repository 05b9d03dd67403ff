"""Dossier queries: what building a story dossier reads besides analyses and links — the
articles of a story with their text, and the names of canonical entities — each in one query
per batch of ids."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from ..models import Article
from ._base import StoreBase, now

#: Ids per query (SQLite's variable limit is 32766).
_CHUNK = 500


class DossierQueries(StoreBase):

    def articles_by_id(self, ids: Sequence[int]) -> dict[int, Article]:
        """The articles of ``ids`` with their text, by id (ids that do not exist are left out)."""
        from .articles import _article

        out: dict[int, Article] = {}
        wanted = list(dict.fromkeys(ids))
        for i in range(0, len(wanted), _CHUNK):
            chunk = wanted[i:i + _CHUNK]
            for row in self.conn.execute(
                    f"SELECT * FROM articles WHERE id IN ({','.join('?' * len(chunk))})", chunk):
                out[row["id"]] = _article(row)
        return out

    def canonical_names(self, ids: Sequence[int]) -> dict[int, tuple[str, str]]:
        """Canonical entity id → (name, type), following merges: a merged-away id maps to the
        name and type of the entity it was merged into."""
        wanted = sorted(set(ids))
        rows: dict[int, tuple[str, str, int | None]] = {}
        for i in range(0, len(wanted), _CHUNK):
            chunk = wanted[i:i + _CHUNK]
            for cid, name, typ, into in self.conn.execute(
                    "SELECT id, name, type, merged_into FROM canonical_entities WHERE id IN "
                    f"({','.join('?' * len(chunk))})", chunk):
                rows[cid] = (name, typ, into)
        out: dict[int, tuple[str, str]] = {}
        for cid, (name, typ, into) in rows.items():
            if into is None:
                out[cid] = (name, typ)
            else:
                final = self.resolve_canonical(cid)  # type: ignore[attr-defined]
                head = rows.get(final) or self.conn.execute(
                    "SELECT name, type, NULL FROM canonical_entities WHERE id = ?",
                    (final,)).fetchone()
                out[cid] = (head[0], head[1]) if head else (name, typ)
        return out

    # -- dossiers kept (migration 017) ---------------------------------------------------

    def dossier_inputs(self, story_id: int) -> tuple[object, ...]:
        """What a story's dossier is built from, in a few index reads: its articles, when they
        were last analyzed, their links to canonical entities and those entities' names, and
        the corrections by hand."""
        members = self.conn.execute(
            "SELECT group_concat(sa.article_id), max(a.analyzed_at), count(a.article_id) "
            "FROM story_articles sa LEFT JOIN analyses a ON a.article_id = sa.article_id "
            "WHERE sa.story_id = ?", (story_id,)).fetchone()
        links = self.conn.execute(
            "SELECT count(*), max(l.rowid), total(l.canonical_id) FROM story_articles sa "
            "JOIN entity_links l ON l.article_id = sa.article_id WHERE sa.story_id = ?",
            (story_id,)).fetchone()
        decisions = self.conn.execute(
            "SELECT count(*), max(rowid) FROM entity_decisions").fetchone()
        # the names the dossier shows: a canonical entity renamed or merged because of an
        # article of another story changes them too
        names = hashlib.sha1()
        for row in self.conn.execute(
                "SELECT DISTINCT c.id, c.name, c.type, c.country, c.merged_into FROM "
                "story_articles sa JOIN entity_links l ON l.article_id = sa.article_id "
                "JOIN canonical_entities c ON c.id = l.canonical_id WHERE sa.story_id = ? "
                "ORDER BY c.id", (story_id,)):
            names.update(repr(tuple(row)).encode())
        return (*tuple(members), *tuple(links), *tuple(decisions), names.hexdigest())

    def stored_dossier(self, story_id: int, key: str) -> str | None:
        """The dossier JSON kept for ``story_id`` when it was built from ``key``, else None."""
        row = self.conn.execute("SELECT key, body FROM dossiers WHERE story_id = ?",
                                (story_id,)).fetchone()
        return row["body"] if row is not None and row["key"] == key else None

    def kept_dossier_key(self, story_id: int) -> str | None:
        """The key the dossier kept for ``story_id`` was built from (None: none is kept)."""
        row = self.conn.execute("SELECT key FROM dossiers WHERE story_id = ?",
                                (story_id,)).fetchone()
        return row[0] if row is not None else None

    def keep_dossier(self, story_id: int, key: str, body: str) -> None:
        with self.transaction() as conn:
            conn.execute("INSERT OR REPLACE INTO dossiers VALUES (?, ?, ?, ?)",
                         (story_id, key, now(), body))

    def page_changes(self) -> int:
        """A number that changes whenever what the story list and actor pages read changes."""
        row = self.conn.execute("SELECT n FROM change_counter WHERE name = 'pages'").fetchone()
        return int(row[0]) if row is not None else 0
