"""Analysis queries: the records analyze/ stores per article, read back one article or many
at a time."""

from __future__ import annotations

from typing import Any

from ..errors import StoreError
from ..models import Action, Analysis, Entity, Mention, Quote, Role, TimeExpr
from ._base import StoreBase, now


class AnalysisQueries(StoreBase):
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
                         (aid, analysis.version, analysis.status, analysis.reason, now()))
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
        """The stored analysis of an article, or None when it was never analyzed."""
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

