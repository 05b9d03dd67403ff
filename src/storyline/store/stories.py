"""Story queries: stories, which article belongs to which and why, each story's term centroid
(the index new articles are matched through) and the document frequency of terms.

Writes run inside the caller's transaction (``with store.transaction():``): assigning one
article is one atomic step.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from ..errors import NotFound
from ..models import Story, StoryArticle
from ._base import StoreBase, now


class StoryQueries(StoreBase):

    # -- what to assign -------------------------------------------------------------------------

    def articles_to_assign(self, version: str, ids: Sequence[int] | None = None) -> list[int]:
        """Articles whose terms are analyzed and that have no story (or one assigned by
        another version), in id order (or in the order of ``ids``)."""
        sql = ("SELECT c.article_id FROM analysis_components c LEFT JOIN story_articles s "
               "ON s.article_id = c.article_id WHERE c.component = 'terms' AND "
               "c.status = 'analyzed' AND (s.version IS NULL OR s.version != ?)")
        params: list[Any] = [version]
        if ids is not None:
            sql += f" AND c.article_id IN ({','.join('?' * len(ids))})"
            params += list(ids)
        found = {r[0] for r in self.conn.execute(sql, params)}
        if ids is not None:
            return [i for i in ids if i in found]
        return sorted(found)

    def assignment_input(self, article_id: int) -> dict[str, Any]:
        """What assigning an article needs: its metadata, its terms, the canonical entity of
        each entity term and the years its time expressions name."""
        art = self.conn.execute(
            "SELECT id, title, published, duplicate_of FROM articles WHERE id = ?",
            (article_id,)).fetchone()
        if art is None:
            raise NotFound(f"no article with id {article_id}")
        revision_of = None
        try:
            row = self.conn.execute("SELECT revision_of FROM articles WHERE id = ?",
                                    (article_id,)).fetchone()
            revision_of = row[0] if row else None
        except Exception:  # noqa: BLE001 - a store without revisions
            revision_of = None
        terms = [(r[0], r[1], r[2], r[3]) for r in self.conn.execute(
            "SELECT term, kind, weight, entity_id FROM terms WHERE article_id = ? ORDER BY seq",
            (article_id,))]
        links = {r[0]: r[1] for r in self.conn.execute(
            "SELECT entity_id, canonical_id FROM entity_links WHERE article_id = ?",
            (article_id,))}
        years = [r[0] for r in self.conn.execute(
            "SELECT DISTINCT substr(value, 1, 4) FROM time_exprs WHERE article_id = ? AND "
            "type = 'DATE' AND value GLOB '[12][0-9][0-9][0-9]*' AND anchored = 1",
            (article_id,))]
        names = {}
        if links:
            ids = sorted(set(links.values()))
            names = {r[0]: r[1] for r in self.conn.execute(
                f"SELECT id, name FROM canonical_entities WHERE id IN "
                f"({','.join('?' * len(ids))})", ids)}
        return {"id": art[0], "title": art[1], "published": art[2], "duplicate_of": art[3],
                "revision_of": revision_of, "terms": terms, "links": links, "years": years,
                "canonical_names": names}

    def story_of(self, article_id: int) -> int | None:
        row = self.conn.execute("SELECT story_id FROM story_articles WHERE article_id = ?",
                                (article_id,)).fetchone()
        return self.resolve_story(row[0]) if row else None

    def story_of_articles(self, ids: Sequence[int]) -> dict[int, int]:
        out = {}
        for i in range(0, len(ids), 500):
            chunk = list(ids[i:i + 500])
            for aid, sid in self.conn.execute(
                    "SELECT article_id, story_id FROM story_articles WHERE article_id IN "
                    f"({','.join('?' * len(chunk))})", chunk):
                out[aid] = self.resolve_story(sid)
        return out

    def resolve_story(self, story_id: int) -> int:
        seen = set()
        sid = story_id
        while sid not in seen:
            seen.add(sid)
            row = self.conn.execute("SELECT merged_into FROM stories WHERE id = ?",
                                    (sid,)).fetchone()
            if row is None or row[0] is None:
                return sid
            sid = row[0]
        return sid

    # -- term statistics ------------------------------------------------------------------------

    def term_df(self, terms: Iterable[str]) -> dict[str, int]:
        terms = sorted(set(terms))
        out: dict[str, int] = {}
        for i in range(0, len(terms), 500):
            chunk = terms[i:i + 500]
            out.update({r[0]: r[1] for r in self.conn.execute(
                f"SELECT term, df FROM story_term_df WHERE term IN ({','.join('?' * len(chunk))})",
                chunk)})
        return out

    def counted_articles(self) -> int:
        """How many articles the term frequencies count."""
        return int(self.conn.execute("SELECT count(*) FROM story_counted").fetchone()[0])

    def count_terms(self, article_id: int, terms: Iterable[str]) -> bool:
        """Count an article's terms once (False when it was counted before)."""
        cur = self.conn.execute("INSERT OR IGNORE INTO story_counted VALUES (?)", (article_id,))
        if not cur.rowcount:
            return False
        self.conn.executemany(
            "INSERT INTO story_term_df VALUES (?, 1) ON CONFLICT(term) DO UPDATE SET df = df + 1",
            [(t,) for t in set(terms)])
        return True

    # -- candidates -----------------------------------------------------------------------------

    def candidate_stories(self, terms: Sequence[str], *, since: str | None,
                          per_term: int) -> dict[int, float]:
        """Stories whose centroid holds one of ``terms``, each term's heaviest ``per_term``
        postings (of stories seen on or after ``since``): story id → summed centroid weight."""
        out: dict[int, float] = {}
        for term in terms:
            if since:
                rows = self.conn.execute(
                    "SELECT t.story_id, t.weight FROM story_terms t JOIN stories s ON "
                    "s.id = t.story_id WHERE t.term = ? AND s.merged_into IS NULL AND "
                    "(s.last_seen IS NULL OR s.last_seen >= ?) ORDER BY t.weight DESC LIMIT ?",
                    (term, since, per_term))
            else:
                rows = self.conn.execute(
                    "SELECT t.story_id, t.weight FROM story_terms t JOIN stories s ON "
                    "s.id = t.story_id WHERE t.term = ? AND s.merged_into IS NULL "
                    "ORDER BY t.weight DESC LIMIT ?", (term, per_term))
            for sid, weight in rows:
                out[sid] = out.get(sid, 0.0) + weight
        return out

    def story_vectors(self, story_ids: Iterable[int]) -> dict[int, dict[str, float]]:
        ids = sorted(set(story_ids))
        out: dict[int, dict[str, float]] = {sid: {} for sid in ids}
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            for sid, term, weight in self.conn.execute(
                    "SELECT story_id, term, weight FROM story_terms WHERE story_id IN "
                    f"({','.join('?' * len(chunk))})", chunk):
                out[sid][term] = weight
        return out

    def member_vectors(self, story_ids: Iterable[int], per_story: int, *,
                       exclude: int | None = None) -> dict[int, list[dict[str, float]]]:
        """The term vectors of each story's ``per_story`` most recent articles (copies have
        none), without article ``exclude``."""
        out: dict[int, list[dict[str, float]]] = {}
        for sid in sorted(set(story_ids)):
            out[sid] = [json.loads(r[0]) for r in self.conn.execute(
                "SELECT vector FROM story_articles WHERE story_id = ? AND vector != '{}' "
                "AND article_id != ? ORDER BY article_id DESC LIMIT ?",
                (sid, -1 if exclude is None else exclude, per_story))]
        return out

    def story_heads(self, story_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
        ids = sorted(set(story_ids))
        if not ids:
            return {}
        return {r["id"]: dict(r) for r in self.conn.execute(
            f"SELECT * FROM stories WHERE id IN ({','.join('?' * len(ids))})", ids)}

    # -- writing --------------------------------------------------------------------------------

    def create_story(self, title: str | None, article_id: int, published: str | None) -> int:
        cur = self.conn.execute(
            "INSERT INTO stories (title, title_article_id, first_seen, last_seen, size, "
            "created_at, updated_at) VALUES (?,?,?,?,0,?,?)",
            (title, article_id, published, published, now(), now()))
        return int(cur.lastrowid or 0)

    def add_to_story(self, story_id: int, article_id: int, vector: dict[str, float],
                     score: float | None, reason: dict[str, Any], version: str,
                     published: str | None, *, keep_terms: int) -> None:
        """Make an article a member of a story: its membership, the story's centroid (pruned
        to its ``keep_terms`` heaviest terms), size and dates."""
        self.conn.execute(
            "INSERT OR REPLACE INTO story_articles VALUES (?,?,?,?,?,?,?)",
            (article_id, story_id, None if score is None else round(score, 4),
             json.dumps(reason, ensure_ascii=False, sort_keys=True), version, now(),
             json.dumps({t: round(w, 5) for t, w in vector.items()}, sort_keys=True)))
        self.conn.executemany(
            "INSERT INTO story_terms VALUES (?, ?, ?) ON CONFLICT(story_id, term) DO UPDATE "
            "SET weight = weight + excluded.weight",
            [(story_id, t, w) for t, w in vector.items()])
        self._prune(story_id, keep_terms)
        self.conn.execute(
            "UPDATE stories SET size = (SELECT count(*) FROM story_articles WHERE story_id = ?), "
            "first_seen = CASE WHEN ? IS NOT NULL AND (first_seen IS NULL OR ? < first_seen) "
            "THEN ? ELSE first_seen END, last_seen = CASE WHEN ? IS NOT NULL AND (last_seen IS "
            "NULL OR ? > last_seen) THEN ? ELSE last_seen END, updated_at = ? WHERE id = ?",
            (story_id, published, published, published, published, published, published,
             now(), story_id))

    def _prune(self, story_id: int, keep: int) -> None:
        self.conn.execute(
            "DELETE FROM story_terms WHERE story_id = ? AND term NOT IN (SELECT term FROM "
            "story_terms WHERE story_id = ? ORDER BY weight DESC LIMIT ?)",
            (story_id, story_id, keep))

    def remove_from_story(self, article_id: int, vector: dict[str, float]) -> None:
        """Take an article out of its story (a revision replacing it, a re-assignment)."""
        row = self.conn.execute("SELECT story_id FROM story_articles WHERE article_id = ?",
                                (article_id,)).fetchone()
        if row is None:
            return
        sid = row[0]
        self.conn.executemany(
            "UPDATE story_terms SET weight = weight - ? WHERE story_id = ? AND term = ?",
            [(w, sid, t) for t, w in vector.items()])
        self.conn.execute("DELETE FROM story_terms WHERE story_id = ? AND weight <= 1e-9",
                          (sid,))
        self.conn.execute("DELETE FROM story_articles WHERE article_id = ?", (article_id,))
        self.conn.execute("UPDATE stories SET size = (SELECT count(*) FROM story_articles "
                          "WHERE story_id = ?) WHERE id = ?", (sid, sid))

    def set_story_title(self, story_id: int, title: str | None, article_id: int) -> None:
        self.conn.execute("UPDATE stories SET title = ?, title_article_id = ? WHERE id = ?",
                          (title, article_id, story_id))

    def merge_stories(self, keep: int, gone: int, *, keep_terms: int) -> None:
        self.conn.execute("UPDATE story_articles SET story_id = ? WHERE story_id = ?",
                          (keep, gone))
        self.conn.execute(
            "INSERT INTO story_terms SELECT ?, term, weight FROM story_terms WHERE story_id = ? "
            "ON CONFLICT(story_id, term) DO UPDATE SET weight = weight + excluded.weight",
            (keep, gone))
        self.conn.execute("DELETE FROM story_terms WHERE story_id = ?", (gone,))
        self._prune(keep, keep_terms)
        self.conn.execute("UPDATE stories SET merged_into = ?, size = 0 WHERE id = ?",
                          (keep, gone))
        self.conn.execute(
            "UPDATE stories SET size = (SELECT count(*) FROM story_articles WHERE story_id = ?), "
            "first_seen = (SELECT min(a.published) FROM story_articles s JOIN articles a ON "
            "a.id = s.article_id WHERE s.story_id = ?), last_seen = (SELECT max(a.published) "
            "FROM story_articles s JOIN articles a ON a.id = s.article_id WHERE s.story_id = ?), "
            "updated_at = ? WHERE id = ?", (keep, keep, keep, now(), keep))

    def link_stories(self, a: int, b: int, score: float) -> None:
        lo, hi = sorted((a, b))
        self.conn.execute("INSERT OR REPLACE INTO story_links VALUES (?, ?, ?)",
                          (lo, hi, round(score, 4)))

    def reset_links_and_stories(self) -> None:
        """Forget every canonical entity, link and story (benchmarks rerun them in another
        order); articles and analyses stay."""
        with self.transaction() as conn:
            for table in ("story_links", "story_term_df", "story_counted", "story_terms",
                          "story_articles",
                          "stories", "entity_links", "link_state", "canonical_keys",
                          "entity_decisions", "canonical_entities"):
                conn.execute(f"DELETE FROM {table}")

    # -- reading --------------------------------------------------------------------------------

    def stories(self, *, since: str | None = None, query: str | None = None,
                ids: Sequence[int] | None = None, limit: int | None = None) -> list[Story]:
        """Stories (not merged away), most recently seen first."""
        where = ["s.merged_into IS NULL", "s.size > 0"]
        params: list[Any] = []
        if since:
            where.append("s.last_seen >= ?")
            params.append(since)
        if ids is not None:
            where.append(f"s.id IN ({','.join('?' * len(ids))})")
            params += list(ids)
        if query:
            where.append("s.id IN (SELECT sa.story_id FROM story_articles sa JOIN articles_fts f "
                         "ON f.rowid = sa.article_id WHERE articles_fts MATCH ?)")
            params.append(query)
        sql = (f"SELECT s.* FROM stories s WHERE {' AND '.join(where)} "
               "ORDER BY s.last_seen IS NULL, s.last_seen DESC, s.id")
        if limit is not None:
            sql += f" LIMIT {max(0, int(limit))}"
        rows = self.conn.execute(sql, params).fetchall()
        out = []
        for r in rows:
            members = self.conn.execute(
                "SELECT a.id, a.outlet FROM story_articles sa JOIN articles a ON a.id = "
                "sa.article_id WHERE sa.story_id = ? ORDER BY a.published IS NULL, a.published, "
                "a.id", (r["id"],)).fetchall()
            outlets = sorted({m[1] for m in members if m[1]})
            out.append(Story(id=r["id"], title=r["title"], first_seen=r["first_seen"],
                             last_seen=r["last_seen"], article_ids=tuple(m[0] for m in members),
                             outlets=tuple(outlets), size=len(members)))
        return out

    def story(self, story_id: int) -> Story:
        found = self.stories(ids=[self.resolve_story(story_id)])
        if not found:
            raise NotFound(f"no story with id {story_id}; list stories with `storyline stories`")
        return found[0]

    def story_members(self, story_id: int) -> list[StoryArticle]:
        return [StoryArticle(article_id=r[0], published=r[1], outlet=r[2], title=r[3],
                             score=r[4], reason=json.loads(r[5] or "{}"))
                for r in self.conn.execute(
                    "SELECT a.id, a.published, a.outlet, a.title, sa.score, sa.reason FROM "
                    "story_articles sa JOIN articles a ON a.id = sa.article_id WHERE "
                    "sa.story_id = ? ORDER BY a.published IS NULL, a.published, a.id",
                    (self.resolve_story(story_id),))]

    def story_actors(self, story_id: int, limit: int = 12) -> list[tuple[int, str, str, int]]:
        """The canonical entities a story names most: (id, name, type, articles naming it)."""
        return [(r[0], r[1], r[2], r[3]) for r in self.conn.execute(
            "SELECT c.id, c.name, c.type, count(DISTINCT l.article_id) AS n FROM story_articles "
            "sa JOIN entity_links l ON l.article_id = sa.article_id JOIN canonical_entities c "
            "ON c.id = l.canonical_id WHERE sa.story_id = ? GROUP BY c.id ORDER BY n DESC, "
            "c.id LIMIT ?", (self.resolve_story(story_id), limit))]

    def related_stories(self, story_id: int) -> list[tuple[int, float]]:
        sid = self.resolve_story(story_id)
        return [(r[0] if r[0] != sid else r[1], r[2]) for r in self.conn.execute(
            "SELECT story_id, other_id, score FROM story_links WHERE story_id = ? OR "
            "other_id = ? ORDER BY score DESC", (sid, sid))]

    def stories_of_canonical(self, canonical_id: int) -> list[int]:
        return [r[0] for r in self.conn.execute(
            "SELECT DISTINCT sa.story_id FROM entity_links l JOIN story_articles sa ON "
            "sa.article_id = l.article_id WHERE l.canonical_id = ? ORDER BY sa.story_id",
            (canonical_id,))]
