"""Browsing queries (web/ and the JSON API): listings that page by key (no offsets that grow
with the page number), search hits with their highlighted snippets, outlets, coverage over
time, and the per-actor views the entity page shows.

Everything here only reads.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections import Counter
from collections.abc import Sequence
from typing import Any

from ..errors import UsageError
from ..models import Article, Quote, Story
from ._base import StoreBase, safe_text
from .articles import _LIST_COLUMNS, _fts_query, _listed

#: Marks around a matched word in search snippets (never in article text: control chars).
HIT_START, HIT_END = "\x02", "\x03"

_A_COLUMNS = ", ".join(c if " AS " in c else f"a.{c}" for c in _LIST_COLUMNS.split(", "))


def _day(column: str) -> str:
    return f"substr({column}, 1, 10)"


class BrowseQueries(StoreBase):

    # -- stories ------------------------------------------------------------------------------

    def story_listing(self, *, since: str | None = None, until: str | None = None,
                      outlet: str | None = None, actor: int | None = None,
                      query: str | None = None, after: tuple[str, int] | None = None,
                      limit: int = 20) -> list[Story]:
        """Stories, most recently seen first, by key: ``after`` is the (last_seen, id) of the
        last story of the previous page. ``since``/``until`` keep stories seen in that range
        of days, ``outlet`` those it reported, ``actor`` those naming that canonical entity."""
        where = ["s.merged_into IS NULL", "s.size > 0"]
        params: list[Any] = []
        if since:
            where.append(f"{_day('s.last_seen')} >= ?")
            params.append(since[:10])
        if until:
            where.append(f"{_day('s.first_seen')} <= ?")
            params.append(until[:10])
        if outlet:
            where.append("s.id IN (SELECT sa.story_id FROM story_articles sa JOIN articles a ON "
                         "a.id = sa.article_id WHERE a.outlet = ?)")
            params.append(safe_text(outlet))
        if actor is not None:
            where.append("s.id IN (SELECT sa.story_id FROM entity_links l JOIN story_articles sa "
                         "ON sa.article_id = l.article_id WHERE l.canonical_id = ?)")
            params.append(actor)
        if query:
            where.append("s.id IN (SELECT sa.story_id FROM story_articles sa JOIN articles_fts f "
                         "ON f.rowid = sa.article_id WHERE articles_fts MATCH ?)")
            params.append(_fts_query(safe_text(query)))
        if after is not None:
            where.append("(coalesce(s.last_seen, '') < ? OR (coalesce(s.last_seen, '') = ? AND "
                         "s.id > ?))")
            params += [after[0], after[0], after[1]]
        sql = (f"SELECT s.id FROM stories s WHERE {' AND '.join(where)} "
               "ORDER BY coalesce(s.last_seen, '') DESC, s.id LIMIT ?")
        ids = [r[0] for r in self._read(sql, (*params, max(0, int(limit))), query)]
        if not ids:
            return []
        return self.stories_by_id(ids)

    def actor_story_heads(self, ids: Sequence[int], *, limit: int) -> tuple[list[dict[str, Any]], int]:
        """Id, title, size and last seen of the stories ``ids`` (most recently seen first, at
        most ``limit``) and how many there are: what an actor's page lists, without reading
        the members of every story the actor is in."""
        ids = list(dict.fromkeys(ids))
        rows: list[dict[str, Any]] = []
        total = 0
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            for r in self.conn.execute(
                    "SELECT id, title, size, first_seen, last_seen FROM stories WHERE id IN "
                    f"({','.join('?' * len(chunk))}) AND merged_into IS NULL AND size > 0",
                    chunk):
                rows.append(dict(r))
                total += 1
        rows.sort(key=lambda r: r["id"])
        rows.sort(key=lambda r: r["last_seen"] or "", reverse=True)
        rows.sort(key=lambda r: r["last_seen"] is None)
        return rows[:limit], total

    def stories_by_id(self, ids: Sequence[int]) -> list[Story]:
        """The stories ``ids`` (in that order) as ``stories(ids=…)`` gives them, with their
        members read from the ``articles_head`` index in one query: a page of recent stories
        can hold thousands of articles, and reading each article's row was most of the story
        list's time."""
        ids = list(dict.fromkeys(ids))
        marks = ",".join("?" * len(ids))
        heads = {r["id"]: r for r in self.conn.execute(
            f"SELECT id, title, first_seen, last_seen FROM stories WHERE id IN ({marks}) AND "
            "merged_into IS NULL AND size > 0", ids)}
        members: dict[int, list[tuple[int, str | None, str | None]]] = {i: [] for i in ids}
        for sid, aid, published, outlet in self.conn.execute(
                "SELECT sa.story_id, a.id, a.published, a.outlet FROM story_articles sa "
                f"JOIN articles a INDEXED BY articles_head ON a.id = sa.article_id "
                f"WHERE sa.story_id IN ({marks})", ids):
            members[sid].append((aid, published, outlet))
        # the same rows give the page's coverage charts: kept until the database changes
        coverage: dict[int, list[tuple[str, str, int]]] = {}
        for sid, rows in members.items():
            cells = Counter((m[1][:10], m[2] or "") for m in rows if m[1] is not None)
            coverage[sid] = [(d, o, n) for (d, o), n in sorted(cells.items())]
        self._coverage_memo = (self._data_version(), coverage)
        out = []
        for sid in ids:
            head = heads.get(sid)
            if head is None:
                continue
            rows = sorted(members[sid], key=lambda m: (m[1] is None, m[1] or "", m[0]))
            out.append(Story(id=sid, title=head["title"], first_seen=head["first_seen"],
                             last_seen=head["last_seen"], article_ids=tuple(m[0] for m in rows),
                             outlets=tuple(sorted({m[2] for m in rows if m[2]})),
                             size=len(rows)))
        return out

    def story_coverage(self, story_ids: Sequence[int]) -> dict[int, list[tuple[str, str, int]]]:
        """How many articles each outlet published about each story per day:
        story id → [(day, outlet, articles)] by day."""
        ids = list(story_ids)
        memo = getattr(self, "_coverage_memo", None)
        if memo is not None and memo[0] == self._data_version() and all(
                i in memo[1] for i in ids):
            return {i: list(memo[1][i]) for i in ids}  # the story list just read these rows
        out: dict[int, list[tuple[str, str, int]]] = {sid: [] for sid in ids}
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            for sid, day, outlet, n in self.conn.execute(
                    f"SELECT sa.story_id, {_day('a.published')}, coalesce(a.outlet, ''), "
                    "count(*) FROM story_articles sa JOIN articles a INDEXED BY articles_head "
                    "ON a.id = sa.article_id "
                    f"WHERE sa.story_id IN ({','.join('?' * len(chunk))}) AND a.published IS NOT "
                    "NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3", chunk):
                out[sid].append((day, outlet, n))
        return out

    def story_quotes(self, story_id: int) -> list[dict[str, Any]]:
        """Every quote in a story's articles with its speaker's canonical entity (when linked),
        oldest article first (undated last)."""
        sid = self._story_id(story_id)
        return [dict(r) for r in self.conn.execute(
            "SELECT q.article_id, q.start_char, q.end_char, q.text, q.direct, q.cue, q.speaker, "
            "q.sentence, l.canonical_id, c.name AS canonical_name, a.outlet, a.published "
            "FROM story_articles sa JOIN quotes q ON q.article_id = sa.article_id "
            "JOIN articles a ON a.id = q.article_id "
            "LEFT JOIN entity_links l ON l.article_id = q.article_id AND l.entity_id = "
            "q.speaker_id LEFT JOIN canonical_entities c ON c.id = l.canonical_id "
            "WHERE sa.story_id = ? ORDER BY a.published IS NULL, a.published, q.article_id, "
            "q.start_char", (sid,))]

    def _story_id(self, story_id: int) -> int:
        return int(self.resolve_story(story_id))  # type: ignore[attr-defined]

    # -- articles -----------------------------------------------------------------------------

    def article_listing(self, *, outlet: str | None = None, since: str | None = None,
                        until: str | None = None, query: str | None = None,
                        entity: int | None = None, after: tuple[str, int] | None = None,
                        limit: int = 20) -> list[Article]:
        """Articles newest first by key: ``after`` is the (published, id) of the last article
        of the previous page; ``outlet`` is the exact outlet name; ``entity`` keeps the articles
        naming that canonical entity."""
        where: list[str] = []
        params: list[Any] = []
        sql = f"SELECT {_A_COLUMNS} FROM articles a"
        if query:
            where.append("a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
            params.append(_fts_query(safe_text(query)))
        self._filters(where, params, outlet, since, until, entity)
        if after is not None:
            where.append("(coalesce(a.published, '') < ? OR (coalesce(a.published, '') = ? "
                         "AND a.id > ?))")
            params += [after[0], after[0], after[1]]
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY coalesce(a.published, '') DESC, a.id LIMIT ?"
        cur = self.conn.cursor()
        cur.row_factory = None
        try:
            return [_listed(r) for r in cur.execute(sql, (*params, max(0, int(limit))))]
        except sqlite3.OperationalError as exc:
            raise _bad_query(query, exc) from None

    @staticmethod
    def _filters(where: list[str], params: list[Any], outlet: str | None, since: str | None,
                 until: str | None, entity: int | None) -> None:
        if outlet:
            where.append("a.outlet = ?")
            params.append(safe_text(outlet))
        if since:
            where.append(f"{_day('a.published')} >= ?")
            params.append(since[:10])
        if until:
            where.append(f"{_day('a.published')} <= ?")
            params.append(until[:10])
        if entity is not None:
            where.append("a.id IN (SELECT article_id FROM entity_links WHERE canonical_id = ?)")
            params.append(entity)

    def search_hits(self, query: str, *, outlet: str | None = None, since: str | None = None,
                    until: str | None = None, entity: int | None = None, offset: int = 0,
                    limit: int = 20, snippet_words: int = 24
                    ) -> list[tuple[Article, str, str]]:
        """Full-text hits, best first: ``(article, title, snippet)`` where the title and the
        snippet carry :data:`HIT_START`/:data:`HIT_END` around every matched word."""
        where = ["articles_fts MATCH ?"]
        match = _fts_query(safe_text(query))
        params: list[Any] = [match]
        self._filters(where, params, outlet, since, until, entity)
        page = (max(0, int(limit)), max(0, int(offset)))
        marks = (HIT_START, HIT_END, HIT_START, HIT_END, max(1, min(64, snippet_words)))
        if len(where) == 1:
            # no filter: rank the matches in the index alone and read the articles of one
            # page (joining every match's article row first cost 2-3x at 100,000 articles)
            sql = (f"WITH top AS (SELECT rowid AS id, rank AS r FROM articles_fts WHERE "
                   f"articles_fts MATCH ? ORDER BY rank, rowid LIMIT ? OFFSET ?) "
                   f"SELECT {_A_COLUMNS}, highlight(articles_fts, 0, ?, ?), "
                   f"snippet(articles_fts, 1, ?, ?, ' … ', ?) FROM top "
                   f"JOIN articles_fts ON articles_fts.rowid = top.id "
                   f"JOIN articles a ON a.id = top.id WHERE articles_fts MATCH ? "
                   f"ORDER BY top.r, top.id")
            args: tuple[Any, ...] = (match, *page, *marks, match)
        else:
            sql = (f"SELECT {_A_COLUMNS}, highlight(articles_fts, 0, ?, ?), "
                   f"snippet(articles_fts, 1, ?, ?, ' … ', ?) FROM articles_fts "
                   f"JOIN articles a ON a.id = articles_fts.rowid WHERE {' AND '.join(where)} "
                   "ORDER BY rank, a.id LIMIT ? OFFSET ?")
            args = (*marks, *params, *page)
        cur = self.conn.cursor()
        cur.row_factory = None
        try:
            rows = cur.execute(sql, args).fetchall()
        except sqlite3.OperationalError as exc:
            raise _bad_query(query, exc) from None
        return [(_listed(r[:-2]), r[-2] or "", r[-1] or "") for r in rows]

    def sentence_at(self, article_id: int, char: int) -> int | None:
        """The index of the sentence of an article that holds character ``char``."""
        row = self.conn.execute(
            'SELECT "index" FROM sentences WHERE article_id = ? AND start_char <= ? AND '
            'end_char > ? ORDER BY "index" LIMIT 1', (article_id, char, char)).fetchone()
        return int(row[0]) if row else None

    # -- outlets ------------------------------------------------------------------------------

    def outlets(self, names: Sequence[str] | None = None) -> list[dict[str, Any]]:
        """Every outlet (or those named): articles, originals, first and last publication and
        how many stories it reported, most articles first."""
        where = "a.outlet IS NOT NULL"
        params: list[Any] = []
        if names is not None:
            where += f" AND a.outlet IN ({','.join('?' * len(names))})"
            params += [safe_text(n) for n in names]
        return [{"name": r[0], "articles": r[1], "originals": r[2], "first_published": r[3],
                 "last_published": r[4], "stories": r[5]} for r in self.conn.execute(
            "SELECT a.outlet, count(*), sum(a.duplicate_of IS NULL), min(a.published), "
            "max(a.published), count(DISTINCT sa.story_id) FROM articles a LEFT JOIN "
            f"story_articles sa ON sa.article_id = a.id WHERE {where} GROUP BY a.outlet "
            "ORDER BY count(*) DESC, a.outlet", params)]

    def outlet_names(self) -> list[str]:
        """Every outlet's name, alphabetically: one index seek per outlet (the filter menus
        of the story list and search; :meth:`outlets` counts every article, 0.4 s at 10,000)."""
        return [r[0] for r in self.conn.execute(
            "WITH RECURSIVE o(name) AS (SELECT min(outlet) FROM articles UNION ALL "
            "SELECT (SELECT min(outlet) FROM articles WHERE outlet > o.name) FROM o "
            "WHERE o.name IS NOT NULL) SELECT name FROM o WHERE name IS NOT NULL")]

    def outlet_stories(self, outlet: str, limit: int = 50) -> list[tuple[int, int]]:
        """The stories an outlet reported: (story id, its articles in them), most first."""
        return [(r[0], r[1]) for r in self.conn.execute(
            "SELECT sa.story_id, count(*) FROM articles a JOIN story_articles sa ON "
            "sa.article_id = a.id WHERE a.outlet = ? GROUP BY sa.story_id ORDER BY count(*) DESC, "
            "sa.story_id LIMIT ?", (safe_text(outlet), limit))]

    def outlet_speakers(self, outlet: str, limit: int = 30) -> list[dict[str, Any]]:
        """Whom an outlet quotes: the speaker (its canonical entity when linked, else the words
        naming it) and how many quotes, most quoted first."""
        return [{"entity_id": r[0], "name": r[1], "quotes": r[2], "articles": r[3]}
                for r in self.conn.execute(
            "SELECT l.canonical_id, coalesce(c.name, q.speaker), count(*), "
            "count(DISTINCT q.article_id) FROM articles a JOIN quotes q ON q.article_id = a.id "
            "LEFT JOIN entity_links l ON l.article_id = q.article_id AND l.entity_id = "
            "q.speaker_id LEFT JOIN canonical_entities c ON c.id = l.canonical_id "
            "WHERE a.outlet = ? AND coalesce(c.name, q.speaker) IS NOT NULL "
            "GROUP BY l.canonical_id, coalesce(c.name, q.speaker) "
            "ORDER BY count(*) DESC, 2 LIMIT ?", (safe_text(outlet), limit))]

    # -- actors -------------------------------------------------------------------------------

    def entity_volume(self, canonical_id: int) -> list[tuple[str, int]]:
        """Mentions of an actor per day of publication: [(day, mentions)] by day."""
        return [(r[0], r[1]) for r in self.conn.execute(
            f"SELECT {_day('a.published')}, count(*) FROM entity_links l JOIN mentions m ON "
            "m.article_id = l.article_id AND m.entity_id = l.entity_id JOIN articles a ON "
            "a.id = l.article_id WHERE l.canonical_id = ? AND a.published IS NOT NULL "
            "GROUP BY 1 ORDER BY 1", (canonical_id,))]

    def co_actors(self, canonical_id: int, limit: int = 15) -> list[dict[str, Any]]:
        """The actors named in the same articles as this one, by articles shared."""
        return [{"id": r[0], "name": r[1], "type": r[2], "articles": r[3]}
                for r in self.conn.execute(
            "SELECT c.id, c.name, c.type, count(DISTINCT l2.article_id) FROM entity_links l1 "
            "JOIN entity_links l2 ON l2.article_id = l1.article_id AND l2.canonical_id != "
            "l1.canonical_id JOIN canonical_entities c ON c.id = l2.canonical_id "
            "WHERE l1.canonical_id = ? AND c.merged_into IS NULL GROUP BY c.id "
            "ORDER BY 4 DESC, c.id LIMIT ?", (canonical_id, limit))]

    def entity_actions(self, canonical_id: int, limit: int = 200) -> list[dict[str, Any]]:
        """What an actor did (``as`` = "subject") and what was done to it ("object"): the
        actions of its articles where one of its article entities is the subject or object."""
        rows = self.conn.execute(
            "SELECT act.article_id, act.start_char, act.end_char, act.subject, act.verb, "
            "act.verb_text, act.object, act.negated, act.modality, act.time_value, "
            "act.sentence, CASE WHEN act.subject_id = l.entity_id THEN 'subject' ELSE 'object' "
            "END AS \"as\", a.published FROM entity_links l JOIN actions act ON act.article_id "
            "= l.article_id AND (act.subject_id = l.entity_id OR act.object_id = l.entity_id) "
            "JOIN articles a ON a.id = act.article_id WHERE l.canonical_id = ? "
            "ORDER BY a.published, act.article_id, act.start_char LIMIT ?",
            (canonical_id, limit))
        return [{**dict(r), "negated": bool(r["negated"])} for r in rows]

    def canonical_quotes(self, canonical_id: int) -> list[tuple[int, Quote]]:
        """What an actor said: (article id, quote) for every quote one of its article entities
        is the speaker of, oldest article first. One query over the quotes table: reading
        whole analyses instead cost ~150 ms per actor page at 1,000 articles."""
        rows = self.conn.execute(
            "SELECT q.* FROM entity_links l JOIN quotes q ON q.article_id = l.article_id AND "
            "q.speaker_id = l.entity_id JOIN articles a ON a.id = l.article_id "
            "WHERE l.canonical_id = ? ORDER BY a.published IS NULL, a.published, q.article_id, "
            "q.start_char", (canonical_id,))
        fields = [f.name for f in dataclasses.fields(Quote)]
        out = []
        for r in rows:
            d = {k: r[k] for k in fields if k in r.keys()}
            d["direct"] = bool(d["direct"])
            out.append((int(r["article_id"]), Quote(**d)))
        return out

    def _data_version(self) -> tuple[int, int]:
        """Changes by other connections (``PRAGMA data_version``) and by this one: equal
        values mean nothing was written in between."""
        return (int(self.conn.execute("PRAGMA data_version").fetchone()[0]),
                self.conn.total_changes)

    def _read(self, sql: str, params: Sequence[Any], query: str | None) -> list[Any]:
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:
            raise _bad_query(query, exc) from None


def _bad_query(query: str | None, exc: Exception) -> UsageError:
    return UsageError(
        f"bad search query {query!r}: {exc}; FTS5 syntax is in use because the query has "
        'quotes, *, :, ( ) or AND/OR/NOT/NEAR — put a phrase in double quotes or leave those '
        "characters out to search plain words")
