"""An actor's roles over time, as the store folds them (``Store.canonical_roles``)."""

from __future__ import annotations

from storyline.analyze.entities import ROLES
from storyline.api import open as open_db
from storyline.settings import Settings


def _roles(tmp_path, rows, orgs=()):
    """The roles of one actor, "Ada Brenn" (canonical 1), stated as ``rows`` of (article,
    organisation as written, organisation mention or None, day); ``orgs`` links organisation
    mentions, (article, mention, canonical id, canonical name)."""
    with open_db(settings=Settings(db=str(tmp_path / "r.db"))) as sl:
        sl.store.use_schema({"entities": (ROLES,)})  # the roles table as analysis writes it
        conn = sl.store.conn
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("INSERT INTO canonical_entities (id, name, type, created_at) "
                     "VALUES (1, 'Ada Brenn', 'PERSON', '2026-01-01')")
        for aid, eid, cid, name in orgs:
            conn.execute("INSERT OR IGNORE INTO canonical_entities (id, name, type, created_at) "
                         "VALUES (?, ?, 'GPE', '2026-01-01')", (cid, name))
            conn.execute("INSERT INTO entity_links VALUES (?, ?, ?, 1.0, 'test', 'v')",
                         (aid, eid, cid))
        for aid, org, org_id, day in rows:
            conn.execute("INSERT INTO entity_links VALUES (?, 'E1', 1, 1.0, 'test', 'v')", (aid,))
            conn.execute("INSERT INTO roles (article_id, entity_id, person, title, org, org_id, "
                         "modifier, as_of, start_char, end_char) VALUES (?, 'E1', 'Ada Brenn', "
                         "'President', ?, ?, NULL, ?, 0, 9)", (aid, org, org_id, day))
        conn.commit()
        return [(r.title, r.org, r.first_date, r.last_date, len(r.sources))
                for r in sl.store.canonical_roles(1)]


def test_roles_stated_with_and_without_an_organisation_on_one_day_are_listed(tmp_path):
    # one title stated on one day without an organisation and with two different ones: the
    # spell without one cannot be folded into either and is listed beside them (sorting the
    # spells once compared a missing organisation with a name, and the story page failed)
    roles = _roles(tmp_path, [(1, None, None, "2026-03-12"), (2, "Valdoria", None, "2026-03-12"),
                              (3, "Ostmark", None, "2026-03-12")])
    assert roles == [("President", None, "2026-03-12", "2026-03-12", 1),
                     ("President", "Ostmark", "2026-03-12", "2026-03-12", 1),
                     ("President", "Valdoria", "2026-03-12", "2026-03-12", 1)]


def test_an_organisation_linked_under_two_names_is_one_spell(tmp_path):
    # "Republic of Valdoria" in one article is linked to the actor "Valdoria": one spell, under
    # the actor's name; a role whose organisation is no linked mention keeps the words stated
    roles = _roles(tmp_path,
                   [(1, "Valdoria", "E2", "2026-03-10"),
                    (2, "Republic of Valdoria", "E2", "2026-03-11"),
                    (3, "Valdoria", None, "2026-03-12"),
                    (4, "Ostmark", None, "2026-03-13")],
                   orgs=[(1, "E2", 2, "Valdoria"), (2, "E2", 2, "Valdoria")])
    assert roles == [("President", "Valdoria", "2026-03-10", "2026-03-12", 3),
                     ("President", "Ostmark", "2026-03-13", "2026-03-13", 1)]
