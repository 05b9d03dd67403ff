"""Linking: every entity of every article resolves to a canonical entity, incrementally.

For each article, in id order, inside one write transaction:

1. its entities are taken in this order: people named in full, organisations and places,
   then people named by surname alone (so a bare "Marren" can use the full names of the same
   article as context);
2. each entity's blocking keys (:func:`.names.keys`) find the candidate canonical entities —
   only those, never all of them;
3. each candidate is scored by the evidence the shared keys carry (:func:`score`): the same
   full name 1.0, the same acronym 0.9, a place of the same country 1.0, the same surname
   with compatible given names 0.9 and with only one given name known 0.75, a place and its
   nationality adjective 0.8, a company name without its descriptors 0.85, a person and an
   organisation of exactly the same full name 0.9 (the model's type noise); given names that
   differ, types that differ or countries that differ make it 0 — so namesakes and a city and
   the team named after it stay apart;
4. among candidates at or above :data:`THRESHOLD`, the one sharing most co-mentioned actors
   wins, then the one with most links (the surname alone usually means the prominent one);
   none: a new canonical entity;
5. the user's decisions are applied last: merges (followed as ``merged_into``), splits (an
   alias split off an actor goes to the actor made for it) and renames (a renamed actor keeps
   its name).

An article is linked again when its entities change (the version in ``link_state`` includes
the entities' fingerprint) or when :data:`LINK_VERSION` changes.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..models import Analysis, Entity
from ..store import Store
from . import names as N

#: Bump when linking decides differently (re-links every article on the next run).
LINK_VERSION = "3"
THRESHOLD = 0.75

_KEY_WEIGHT = {"p": 1.0, "o": 1.0, "c": 1.0, "g": 1.0, "n": 1.0, "a": 0.9, "k": 0.85,
               "d": 0.8, "s": 0.75, "x": 0.9}


@dataclass
class LinkReport:
    """What a linking run did."""

    articles: int = 0
    entities: int = 0
    linked: int = 0  # joined an existing canonical entity
    created: int = 0  # started a new one
    seconds: float = 0.0
    article_ids: list[int] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        return {"articles": self.articles, "entities": self.entities, "linked": self.linked,
                "created": self.created, "seconds": round(self.seconds, 3)}


def score(entity: Entity, candidate: dict[str, Any]) -> float:
    """How strongly the keys an entity shares with a candidate say they are one actor."""
    group = N.group_of(entity)
    cand_group = N.group_of(Entity("", candidate["name"], candidate["type"]))
    shared = candidate["keys"]
    if group is not None and {group, cand_group} == {"person", "org"} \
            and any(k.startswith("x:") for k in shared):
        # one full name typed a person here and an organisation there: the model's noise,
        # not two actors (a city and its team differ in type *and* name: "Washington
        # Nationals")
        mine = N.country3(entity)
        theirs = candidate.get("country")
        return 0.0 if mine and theirs and mine != theirs else _KEY_WEIGHT["x"]
    if group is None or group != cand_group:
        return 0.0
    best = max((_KEY_WEIGHT.get(k.split(":", 1)[0], 0.0) for k in shared), default=0.0)
    if group == "person":
        given, surname = N.person_parts(entity.name)
        c_given, c_surname = N.person_parts(candidate["name"])
        if given and c_given:
            if not N.same_given(given, c_given):
                return 0.0  # namesakes: same surname, another given name
            best = max(best, 0.9)
        elif given or c_given:
            best = min(best, 0.75)
    if group != "place":
        mine = N.country3(entity)
        theirs = candidate.get("country")
        if mine and theirs and mine != theirs:
            return 0.0
    return best


class Linker:
    """Links analyzed articles into canonical entities (see the module docstring)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @property
    def version(self) -> str:
        return f"link.v{LINK_VERSION}"

    def link(self, article_ids: Iterable[int] | None = None, *, force: bool = False
             ) -> LinkReport:
        """Link the articles whose links are missing or stale (all of ``article_ids`` with
        ``force``)."""
        started = time.perf_counter()
        report = LinkReport()
        wanted = None if article_ids is None else list(article_ids)
        if force and wanted is not None:
            todo = wanted
        else:
            todo = self.store.articles_to_link("" if force else self.version, wanted)
        for analysis in self.store.analyses(todo):
            self._link_one(analysis, report)
        report.seconds = time.perf_counter() - started
        return report

    def _link_one(self, analysis: Analysis, report: LinkReport) -> None:
        aid = analysis.article_id
        assert aid is not None
        store = self.store
        with store.transaction():
            decisions = store.entity_decisions()
            fingerprint = store.entities_fingerprint(aid) or ""
            entities = [e for e in analysis.entities if e.type in N.GROUPS]
            entities.sort(key=_order)
            chosen: dict[str, int] = {}
            people: dict[int, str] = {}  # canonical person -> given name claimed here
            links: list[tuple[str, int, float, str]] = []
            touched: set[int] = set()
            for e in entities:
                keys = N.keys(e)
                if not keys:
                    continue
                candidates = store.canonical_candidates(keys)
                scored = []
                for cid, cand in candidates.items():
                    s = score(e, cand)
                    if s < THRESHOLD:
                        continue
                    if N.group_of(e) == "person" and cid in people:
                        given = N.person_parts(e.name)[0]
                        if given and people[cid] and not N.same_given(given, people[cid]):
                            continue  # two people of this article cannot be one actor
                    scored.append((s, cid, cand))
                found, s, method = self._choose(e, scored, set(chosen.values()))
                if found is None:
                    cid = store.create_canonical(e.name, e.type, N.country3(e))
                    s, method = 1.0, "new"
                    report.created += 1
                else:
                    cid = found
                    report.linked += 1
                cid = _apply_decisions(store, decisions, cid, e)
                store.add_canonical_keys(cid, keys)
                chosen[e.id] = cid
                if N.group_of(e) == "person":
                    people.setdefault(cid, N.person_parts(e.name)[0])
                links.append((e.id, cid, s, method))
                touched.add(cid)
                report.entities += 1
            store.replace_links(aid, links, f"{self.version}:{fingerprint}")
            store.refresh_canonicals(touched)
            for cid in touched:
                self._refresh_country(cid)
        report.articles += 1
        report.article_ids.append(aid)

    def _choose(self, entity: Entity, scored: list[tuple[float, int, dict[str, Any]]],
                here: set[int]) -> tuple[int | None, float, str]:
        if not scored:
            return None, 0.0, "new"
        best_score = max(s for s, _c, _d in scored)
        top = [(s, c, d) for s, c, d in scored if s == best_score]
        if len(top) == 1:
            s, cid, cand = top[0]
            return cid, s, "+".join(sorted(k.split(":", 1)[0] for k in cand["keys"]))
        neighbours = self.store.canonical_neighbours([c for _s, c, _d in top])
        ranked = sorted(top, key=lambda t: (len(neighbours.get(t[1], set()) & here), t[2]["links"],
                                            -t[1]), reverse=True)
        s, cid, cand = ranked[0]
        return cid, s, "context"

    def _refresh_country(self, canonical_id: int) -> None:
        """The country an actor is most often given (alpha-3)."""
        rows = self.store.conn.execute(
            "SELECT e.name, e.type, e.country FROM entity_links l JOIN entities e ON "
            "e.article_id = l.article_id AND e.entity_id = l.entity_id WHERE l.canonical_id = ?",
            (canonical_id,)).fetchall()
        counts: dict[str, int] = {}
        for name, typ, country in rows:
            code = N.country3(Entity("", name, typ, country=country))
            if code:
                counts[code] = counts.get(code, 0) + 1
        if counts:
            self.store.set_canonical_country(canonical_id,
                                             max(counts.items(), key=lambda kv: kv[1])[0])


def _order(e: Entity) -> tuple[int, int]:
    group = N.group_of(e)
    if group == "person":
        return (0 if N.person_parts(e.name)[0] else 2, 0)
    return (1, 0)


def _apply_decisions(store: Store, decisions: list[dict[str, Any]], cid: int,
                     entity: Entity) -> int:
    """The canonical entity after the user's corrections: merges are followed, and an alias
    split off an actor goes to the actor made for it."""
    cid = store.resolve_canonical(cid)
    name = N.normal(entity.name)
    for d in decisions:
        if d["action"] == "split" and store.resolve_canonical(d["canonical_id"]) == cid \
                and d["other_id"] is not None and N.normal(d["alias"] or "") == name:
            cid = store.resolve_canonical(d["other_id"])
    return cid


__all__ = ["LINK_VERSION", "LinkReport", "Linker", "THRESHOLD", "score"]
