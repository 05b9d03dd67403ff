"""Canonical entity queries: actors across articles (link/), their blocking keys, which article
entity is which actor, and the corrections made by hand.

Writes here run inside the caller's transaction (``with store.transaction():``), so that
linking one article — reading candidates, creating actors, writing links — is one atomic step
that concurrent runs cannot interleave.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from ..errors import NotFound
from ..models import CanonicalEntity, Mention, RoleSpell
from ._base import StoreBase, now


class CanonQueries(StoreBase):

    # -- linking state --------------------------------------------------------------------------

    def articles_to_link(self, version: str, ids: Sequence[int] | None = None) -> list[int]:
        """Analyzed articles whose links were made by another ``version`` (of linking and of
        the article's entities), or never; in id order."""
        sql = ("SELECT c.article_id FROM analysis_components c "
               "LEFT JOIN link_state s ON s.article_id = c.article_id "
               "WHERE c.component = 'entities' AND c.status = 'analyzed' "
               "AND (s.version IS NULL OR s.version != ? || ':' || c.fingerprint)")
        params: list[Any] = [version]
        if ids is not None:
            sql += f" AND c.article_id IN ({','.join('?' * len(ids))})"
            params += list(ids)
        return [r[0] for r in self.conn.execute(sql + " ORDER BY c.article_id", params)]

    def entities_fingerprint(self, article_id: int) -> str | None:
        row = self.conn.execute(
            "SELECT fingerprint FROM analysis_components WHERE article_id = ? AND "
            "component = 'entities'", (article_id,)).fetchone()
        return row[0] if row else None

    # -- candidates -----------------------------------------------------------------------------

    def canonical_candidates(self, keys: Iterable[str]) -> dict[int, dict[str, Any]]:
        """Canonical entities sharing a blocking key: id → {name, type, country, keys (the
        shared ones), links}. Merged entities are followed to the one they were merged into."""
        keys = sorted(set(keys))
        if not keys:
            return {}
        rows = self.conn.execute(
            f"SELECT k.key, k.canonical_id FROM canonical_keys k WHERE k.key IN "
            f"({','.join('?' * len(keys))})", keys).fetchall()
        shared: dict[int, set[str]] = {}
        for key, cid in rows:
            shared.setdefault(self.resolve_canonical(cid), set()).add(key)
        if not shared:
            return {}
        ids = sorted(shared)
        out: dict[int, dict[str, Any]] = {}
        marks = ",".join("?" * len(ids))
        for r in self.conn.execute(
                f"SELECT c.id, c.name, c.type, c.country, "
                f"(SELECT count(*) FROM entity_links l WHERE l.canonical_id = c.id) AS links "
                f"FROM canonical_entities c WHERE c.id IN ({marks})", ids):
            out[r[0]] = {"name": r[1], "type": r[2], "country": r[3], "keys": shared[r[0]],
                         "links": r[4]}
        return out

    def canonical_neighbours(self, canonical_ids: Iterable[int], limit: int = 400
                             ) -> dict[int, set[int]]:
        """For each canonical entity, the canonical entities named in the same articles (its
        most recent ``limit`` co-mentions): the context that tells namesakes apart."""
        out: dict[int, set[int]] = {}
        for cid in set(canonical_ids):
            out[cid] = {r[0] for r in self.conn.execute(
                "SELECT DISTINCT l2.canonical_id FROM entity_links l1 JOIN entity_links l2 "
                "ON l2.article_id = l1.article_id AND l2.canonical_id != l1.canonical_id "
                "WHERE l1.canonical_id = ? ORDER BY l1.article_id DESC LIMIT ?", (cid, limit))}
        return out

    def resolve_canonical(self, canonical_id: int) -> int:
        """The canonical entity an id stands for now (following merges)."""
        seen = set()
        cid = canonical_id
        while cid not in seen:
            seen.add(cid)
            row = self.conn.execute("SELECT merged_into FROM canonical_entities WHERE id = ?",
                                    (cid,)).fetchone()
            if row is None or row[0] is None:
                return cid
            cid = row[0]
        return cid

    # -- writing (inside a transaction) ---------------------------------------------------------

    def create_canonical(self, name: str, type: str, country: str | None) -> int:  # noqa: A002
        cur = self.conn.execute(
            "INSERT INTO canonical_entities (name, type, country, created_at) VALUES (?,?,?,?)",
            (name, type, country, now()))
        return int(cur.lastrowid or 0)

    def add_canonical_keys(self, canonical_id: int, keys: Iterable[str]) -> None:
        self.conn.executemany("INSERT OR IGNORE INTO canonical_keys VALUES (?, ?)",
                              [(k, canonical_id) for k in keys])

    def replace_links(self, article_id: int, links: Sequence[tuple[str, int, float, str]],
                      version: str) -> None:
        """Set the links of one article: ``(entity_id, canonical_id, score, method)``."""
        self.conn.execute("DELETE FROM entity_links WHERE article_id = ?", (article_id,))
        self.conn.executemany(
            "INSERT INTO entity_links VALUES (?,?,?,?,?,?)",
            [(article_id, eid, cid, round(score, 4), method, version)
             for eid, cid, score, method in links])
        self.conn.execute("INSERT OR REPLACE INTO link_state VALUES (?, ?, ?)",
                          (article_id, version, now()))

    def refresh_canonicals(self, canonical_ids: Iterable[int]) -> None:
        """Re-derive name, type and country of canonical entities from their links: the name
        most often given in full (unless renamed by hand), the most frequent type and country."""
        for cid in set(canonical_ids):
            rows = self.conn.execute(
                "SELECT e.name, e.type, e.country FROM entity_links l JOIN entities e "
                "ON e.article_id = l.article_id AND e.entity_id = l.entity_id "
                "WHERE l.canonical_id = ?", (cid,)).fetchall()
            if not rows:
                continue
            # a country is named by its name, not by its nationality adjective
            places = [r for r in rows if r[1] != "NORP"]
            rows = places or rows
            names = Counter(r[0] for r in rows)
            multi = Counter({n: c for n, c in names.items() if " " in n})
            name = max((multi or names).items(), key=lambda kv: (kv[1], len(kv[0]), kv[0]))[0]
            typ = Counter(r[1] for r in rows).most_common(1)[0][0]
            head = self.conn.execute("SELECT renamed, country FROM canonical_entities "
                                     "WHERE id = ?", (cid,)).fetchone()
            if head is not None and head[0]:
                self.conn.execute("UPDATE canonical_entities SET type = ? WHERE id = ?",
                                  (typ, cid))
            else:
                self.conn.execute("UPDATE canonical_entities SET name = ?, type = ? "
                                  "WHERE id = ?", (name, typ, cid))

    def set_canonical_country(self, canonical_id: int, country: str | None) -> None:
        self.conn.execute("UPDATE canonical_entities SET country = ? WHERE id = ?",
                          (country, canonical_id))

    # -- decisions ------------------------------------------------------------------------------

    def entity_decisions(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute(
            "SELECT * FROM entity_decisions ORDER BY id")]

    def add_entity_decision(self, action: str, canonical_id: int, *, other_id: int | None = None,
                            alias: str | None = None, name: str | None = None) -> int:
        cur = self.conn.execute(
            "INSERT INTO entity_decisions (action, canonical_id, other_id, alias, name, at) "
            "VALUES (?,?,?,?,?,?)", (action, canonical_id, other_id, alias, name, now()))
        return int(cur.lastrowid or 0)

    def merge_canonicals(self, keep: int, gone: int) -> None:
        self.conn.execute("UPDATE entity_links SET canonical_id = ? WHERE canonical_id = ?",
                          (keep, gone))
        self.conn.execute("INSERT OR IGNORE INTO canonical_keys SELECT key, ? FROM "
                          "canonical_keys WHERE canonical_id = ?", (keep, gone))
        self.conn.execute("UPDATE canonical_entities SET merged_into = ? WHERE id = ?",
                          (keep, gone))

    def rename_canonical(self, canonical_id: int, name: str) -> None:
        self.conn.execute("UPDATE canonical_entities SET name = ?, renamed = 1 WHERE id = ?",
                          (name, canonical_id))

    def move_links(self, links: Iterable[tuple[int, str]], canonical_id: int) -> None:
        self.conn.executemany(
            "UPDATE entity_links SET canonical_id = ? WHERE article_id = ? AND entity_id = ?",
            [(canonical_id, aid, eid) for aid, eid in links])

    # -- reading --------------------------------------------------------------------------------

    def links_of(self, article_ids: Sequence[int]) -> dict[tuple[int, str], int]:
        """``(article_id, entity_id)`` → canonical id, for the given articles."""
        out: dict[tuple[int, str], int] = {}
        for i in range(0, len(article_ids), 500):
            chunk = list(article_ids[i:i + 500])
            for aid, eid, cid in self.conn.execute(
                    "SELECT article_id, entity_id, canonical_id FROM entity_links WHERE "
                    f"article_id IN ({','.join('?' * len(chunk))})", chunk):
                out[(aid, eid)] = cid
        return out

    def linked_entities(self, canonical_id: int) -> list[tuple[int, str, str]]:
        """``(article_id, entity_id, name)`` of every article entity linked to an actor."""
        return [(r[0], r[1], r[2]) for r in self.conn.execute(
            "SELECT l.article_id, l.entity_id, e.name FROM entity_links l JOIN entities e "
            "ON e.article_id = l.article_id AND e.entity_id = l.entity_id "
            "WHERE l.canonical_id = ? ORDER BY l.article_id", (canonical_id,))]

    def canonical(self, canonical_id: int) -> CanonicalEntity:
        cid = self.resolve_canonical(canonical_id)
        found = self.canonical_entities(ids=[cid])
        if not found:
            raise NotFound(f"no entity with id {canonical_id}; list entities with "
                           "`storyline entities`")
        return found[0]

    def canonical_entities(self, *, type: str | None = None,  # noqa: A002
                           query: str | None = None, ids: Sequence[int] | None = None,
                           limit: int | None = None) -> list[CanonicalEntity]:
        """Canonical entities (not merged away), most mentioned first; ``query`` matches the
        name or any alias (case-insensitive substring)."""
        where = ["c.merged_into IS NULL"]
        params: list[Any] = []
        if type:
            where.append("c.type = ?")
            params.append(type.upper())
        if ids is not None:
            where.append(f"c.id IN ({','.join('?' * len(ids))})")
            params += list(ids)
        if query:
            where.append("(c.name LIKE ? OR c.id IN (SELECT l.canonical_id FROM entity_links l "
                         "JOIN mentions m ON m.article_id = l.article_id AND m.entity_id = "
                         "l.entity_id WHERE m.text LIKE ?))")
            params += [f"%{query}%", f"%{query}%"]
        sql = (
            "SELECT c.id, c.name, c.type, c.country, "
            "(SELECT count(*) FROM entity_links l JOIN mentions m ON m.article_id = "
            " l.article_id AND m.entity_id = l.entity_id WHERE l.canonical_id = c.id) AS mentions, "
            "(SELECT count(DISTINCT l.article_id) FROM entity_links l WHERE l.canonical_id = "
            " c.id) AS articles, "
            "(SELECT min(a.published) FROM entity_links l JOIN articles a ON a.id = l.article_id "
            " WHERE l.canonical_id = c.id) AS first_seen, "
            "(SELECT max(a.published) FROM entity_links l JOIN articles a ON a.id = l.article_id "
            " WHERE l.canonical_id = c.id) AS last_seen "
            f"FROM canonical_entities c WHERE {' AND '.join(where)} "
            "ORDER BY mentions DESC, c.id")
        if limit is not None:
            sql += f" LIMIT {max(0, int(limit))}"
        rows = self.conn.execute(sql, params).fetchall()
        aliases = self._aliases([r[0] for r in rows])
        return [CanonicalEntity(id=r[0], name=r[1], type=r[2], country=r[3],
                                aliases=tuple(aliases.get(r[0], ())), mentions=r[4],
                                articles=r[5], first_seen=r[6], last_seen=r[7]) for r in rows]

    def _aliases(self, ids: Sequence[int]) -> dict[int, list[tuple[str, int]]]:
        out: dict[int, Counter[str]] = {}
        for i in range(0, len(ids), 500):
            chunk = list(ids[i:i + 500])
            for cid, text, kind in self.conn.execute(
                    "SELECT l.canonical_id, m.text, m.kind FROM entity_links l JOIN mentions m "
                    "ON m.article_id = l.article_id AND m.entity_id = l.entity_id WHERE "
                    f"l.canonical_id IN ({','.join('?' * len(chunk))})", chunk):
                if kind in {"name", "surname", "acronym", "title"}:
                    out.setdefault(cid, Counter())[text] += 1
        return {cid: sorted(c.items(), key=lambda kv: (-kv[1], kv[0])) for cid, c in out.items()}

    def canonical_mentions(self, canonical_id: int) -> list[tuple[int, Mention]]:
        """Every mention of an actor, as ``(article_id, mention)``, in article order."""
        return [(r[0], Mention(r[1], r[2], r[3], r[4], r[5], r[6])) for r in self.conn.execute(
            "SELECT m.article_id, m.start_char, m.end_char, m.text, m.kind, m.sentence, "
            "m.paragraph FROM entity_links l JOIN mentions m ON m.article_id = l.article_id "
            "AND m.entity_id = l.entity_id WHERE l.canonical_id = ? "
            "ORDER BY m.article_id, m.start_char", (canonical_id,))]

    def canonical_roles(self, canonical_id: int) -> list[RoleSpell]:
        """The titles an actor held, over time: one entry per (title, organisation, modifier)
        with the first and last date stated and every article and span stating it."""
        spells: dict[tuple[str, str | None, str | None], dict[str, Any]] = {}
        # an organisation stated under two names ("United States", "United States of
        # America") is one when linking made its mentions one actor: spells go by that
        # actor's name, and by the words stated where the organisation is no linked mention
        for r in self.conn.execute(
                "SELECT r.title, coalesce(c.name, r.org), r.modifier, r.as_of, r.article_id, "
                "r.start_char, r.end_char FROM entity_links l JOIN roles r ON r.article_id = "
                "l.article_id AND r.entity_id = l.entity_id LEFT JOIN entity_links o ON "
                "o.article_id = r.article_id AND o.entity_id = r.org_id LEFT JOIN "
                "canonical_entities c ON c.id = o.canonical_id WHERE l.canonical_id = ? "
                "ORDER BY r.as_of, r.article_id", (canonical_id,)):
            key = (r[0], r[1], r[2])
            spell = spells.setdefault(key, {"first": r[3], "last": r[3], "sources": []})
            if r[3] is not None:
                spell["first"] = min(x for x in (spell["first"], r[3]) if x is not None)
                spell["last"] = max(x for x in (spell["last"], r[3]) if x is not None)
            spell["sources"].append((r[4], r[5], r[6]))
        # a title stated without its organisation is the same spell as the one stated with it,
        # when the actor holds that title at one organisation only
        for (title, org, modifier), spell in list(spells.items()):
            if org is not None:
                continue
            orgs = [k for k in spells if k[0] == title and k[2] == modifier and k[1] is not None]
            if len(orgs) == 1:
                into = spells[orgs[0]]
                dates = [d for d in (into["first"], into["last"], spell["first"], spell["last"])
                         if d is not None]
                into["first"], into["last"] = (min(dates), max(dates)) if dates else (None, None)
                into["sources"] += spell["sources"]
                del spells[(title, org, modifier)]
        return [RoleSpell(title=k[0], org=k[1], modifier=k[2], first_date=v["first"],
                          last_date=v["last"], sources=tuple(v["sources"]))
                for k, v in sorted(spells.items(), key=lambda kv: (
                    kv[1]["first"] or "", tuple(part or "" for part in kv[0])))]

    def canonical_articles(self, canonical_id: int) -> list[int]:
        return [r[0] for r in self.conn.execute(
            "SELECT DISTINCT article_id FROM entity_links WHERE canonical_id = ? "
            "ORDER BY article_id", (canonical_id,))]

    def decisions_json(self) -> str:
        return json.dumps(self.entity_decisions())
