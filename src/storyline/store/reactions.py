"""Reader reactions (web/): one reaction per reader per article or story, exact counts, the
mood of a story across its articles, and the key that signs the web app's CSRF tokens.

Each write is one ``BEGIN IMMEDIATE`` transaction that replaces (or deletes) the reader's row
and reads the counts back, so concurrent readers never lose an update and every response
carries the counts as they are after its own change.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Sequence
from typing import Any

from ..errors import NotFound, UsageError
from ._base import StoreBase, now

#: The reactions a reader can give, in the order news sites show them.
KINDS = ("like", "dislike", "love", "funny", "angry", "sad", "wow")
#: What a reaction can be about.
ITEM_KINDS = ("article", "story")


def empty_counts() -> dict[str, int]:
    return {k: 0 for k in KINDS}


class ReactionQueries(StoreBase):

    # -- writing --------------------------------------------------------------------------------

    def set_reaction(self, item_kind: str, item_id: int, reader: str,
                     kind: str | None) -> dict[str, Any]:
        """Give (``kind``), change or withdraw (``kind=None``) one reader's reaction to an item;
        returns ``{"counts": …, "mine": …}`` as they are right after this change."""
        _check_item_kind(item_kind)
        if kind is not None and kind not in KINDS:
            raise UsageError(f"unknown reaction {kind!r}; the reactions are {', '.join(KINDS)}")
        if not reader:
            raise UsageError("a reaction needs a reader id")
        with self.transaction() as conn:
            item_id = self._existing_item(item_kind, item_id)
            if kind is None:
                conn.execute("DELETE FROM web_reactions WHERE item_kind = ? AND item_id = ? AND "
                             "reader = ?", (item_kind, item_id, reader))
            else:
                conn.execute(
                    "INSERT INTO web_reactions (item_kind, item_id, reader, kind, reacted_at) "
                    "VALUES (?,?,?,?,?) ON CONFLICT(item_kind, item_id, reader) DO UPDATE SET "
                    "kind = excluded.kind, reacted_at = excluded.reacted_at",
                    (item_kind, item_id, reader, kind, now()))
            counts = self.reaction_counts(item_kind, item_id)
        return {"counts": counts, "mine": kind}

    def _existing_item(self, item_kind: str, item_id: int) -> int:
        """The id reactions to an item are kept under (a merged story's surviving story)."""
        if item_kind == "article":
            if self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (item_id,)).fetchone():
                return item_id
            raise NotFound(f"no article with id {item_id}; list ids with `storyline articles`")
        sid = self.resolve_story(  # type: ignore[attr-defined]
                item_id)
        if self.conn.execute("SELECT 1 FROM stories WHERE id = ? AND size > 0",
                             (sid,)).fetchone():
            return sid
        raise NotFound(f"no story with id {item_id}; list stories with `storyline stories`")

    # -- reading --------------------------------------------------------------------------------

    def reaction_counts(self, item_kind: str, item_id: int) -> dict[str, int]:
        """How many readers gave each reaction to one item (every kind, zeros included)."""
        _check_item_kind(item_kind)
        if item_kind == "story":
            item_id = self.resolve_story(  # type: ignore[attr-defined]
                item_id)
        counts = empty_counts()
        for kind, n in self.conn.execute(
                "SELECT kind, count(*) FROM web_reactions WHERE item_kind = ? AND item_id = ? "
                "GROUP BY kind", (item_kind, item_id)):
            counts[kind] = n
        return counts

    def reader_reaction(self, item_kind: str, item_id: int, reader: str | None) -> str | None:
        """The reaction one reader gave an item, if any."""
        if not reader:
            return None
        if item_kind == "story":
            item_id = self.resolve_story(  # type: ignore[attr-defined]
                item_id)
        row = self.conn.execute(
            "SELECT kind FROM web_reactions WHERE item_kind = ? AND item_id = ? AND reader = ?",
            (item_kind, item_id, reader)).fetchone()
        return row[0] if row else None

    def story_mood(self, story_id: int) -> dict[str, int]:
        """Our readers' reactions across a story: to the story itself and to its articles."""
        sid = self.resolve_story(  # type: ignore[attr-defined]
                story_id)
        counts = empty_counts()
        for kind, n in self.conn.execute(
                "SELECT kind, count(*) FROM web_reactions WHERE (item_kind = 'story' AND "
                "item_id = ?) OR (item_kind = 'article' AND item_id IN (SELECT article_id FROM "
                "story_articles WHERE story_id = ?)) GROUP BY kind", (sid, sid)):
            counts[kind] = n
        return counts

    def ingested_reactions(self, article_ids: Sequence[int]) -> dict[str, int]:
        """The reaction counts the ingested pages showed (kept by ingest), summed over
        ``article_ids``: what the outlets' own readers clicked, not ours."""
        total: dict[str, int] = {}
        ids = list(article_ids)
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            for (raw,) in self.conn.execute(
                    "SELECT reactions FROM articles WHERE reactions != '{}' AND id IN "
                    f"({','.join('?' * len(chunk))})", chunk):
                for kind, n in json.loads(raw).items():
                    if isinstance(n, int):
                        total[kind] = total.get(kind, 0) + n
        return total

    def reaction_totals(self, *, item_kind: str | None = None,
                        after: tuple[str, int] | None = None,
                        limit: int = 100) -> list[tuple[str, int, dict[str, int]]]:
        """Every item our readers reacted to, as ``(item_kind, item_id, counts)`` in
        (item_kind, item_id) order, starting after ``after``: the export (no reader ids)."""
        where: list[str] = []
        params: list[Any] = []
        if item_kind is not None:
            _check_item_kind(item_kind)
            where.append("item_kind = ?")
            params.append(item_kind)
        if after is not None:
            where.append("(item_kind > ? OR (item_kind = ? AND item_id > ?))")
            params += [after[0], after[0], after[1]]
        keys = self.conn.execute(
            "SELECT DISTINCT item_kind, item_id FROM web_reactions"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY item_kind, item_id LIMIT ?", (*params, max(0, int(limit)))).fetchall()
        return [(k, i, self.reaction_counts(k, i)) for k, i in keys]

    # -- the signing key ------------------------------------------------------------------------

    def web_secret(self, name: str = "csrf") -> str:
        """A random key kept in the database (made on first use)."""
        row = self.conn.execute("SELECT value FROM web_secrets WHERE name = ?",
                                (name,)).fetchone()
        if row is not None:
            return str(row[0])
        with self.transaction() as conn:
            conn.execute("INSERT OR IGNORE INTO web_secrets VALUES (?, ?)",
                         (name, secrets.token_hex(32)))
            row = conn.execute("SELECT value FROM web_secrets WHERE name = ?", (name,)).fetchone()
        return str(row[0])


def _check_item_kind(item_kind: str) -> None:
    if item_kind not in ITEM_KINDS:
        raise UsageError(f"reactions are to an article or a story, not {item_kind!r}")
