"""An actor's roles over time, as the store folds them (``Store.canonical_roles``)."""

from __future__ import annotations

from storyline.api import open as open_db
from storyline.settings import Settings


def test_roles_stated_with_and_without_an_organisation_on_one_day_are_listed(tmp_path):
    # one title stated on one day without an organisation and with two different ones: the
    # spell without one cannot be folded into either and is listed beside them (sorting the
    # spells once compared a missing organisation with a name, and the story page failed)
    with open_db(settings=Settings(db=str(tmp_path / "r.db"))) as sl:
        conn = sl.store.conn
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("INSERT INTO canonical_entities (id, name, type, created_at) "
                     "VALUES (1, 'Ada Brenn', 'PERSON', '2026-01-01')")
        rows = [(1, "E1", None, "2026-03-12"), (2, "E1", "Valdoria", "2026-03-12"),
                (3, "E1", "Republic of Valdoria", "2026-03-12")]
        for aid, eid, org, day in rows:
            conn.execute("INSERT INTO entity_links (article_id, entity_id, canonical_id, score, "
                         "method, version) VALUES (?, ?, 1, 1.0, 'test', 'v')", (aid, eid))
            conn.execute("INSERT INTO roles (article_id, entity_id, person, title, org, modifier, "
                         "as_of, start_char, end_char) VALUES (?, ?, 'Ada Brenn', 'President', "
                         "?, NULL, ?, 0, 9)", (aid, eid, org, day))
        conn.commit()
        roles = sl.store.canonical_roles(1)
    assert [(r.title, r.org) for r in roles] == [
        ("President", None), ("President", "Republic of Valdoria"), ("President", "Valdoria")]
    assert all(r.first_date == "2026-03-12" for r in roles)


def test_one_country_under_two_names_is_one_spell(tmp_path):
    with open_db(settings=Settings(db=str(tmp_path / "r.db"))) as sl:
        conn = sl.store.conn
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("INSERT INTO canonical_entities (id, name, type, created_at) "
                     "VALUES (1, 'Ada Brenn', 'PERSON', '2026-01-01')")
        rows = [(1, "United States", "2026-03-10"), (2, "United States", "2026-03-12"),
                (3, "United States of America", "2026-03-11")]
        for aid, org, day in rows:
            conn.execute("INSERT INTO entity_links (article_id, entity_id, canonical_id, score, "
                         "method, version) VALUES (?, 'E1', 1, 1.0, 'test', 'v')", (aid,))
            conn.execute("INSERT INTO roles (article_id, entity_id, person, title, org, modifier, "
                         "as_of, start_char, end_char) VALUES (?, 'E1', 'Ada Brenn', 'President', "
                         "?, NULL, ?, 0, 9)", (aid, org, day))
        conn.commit()
        roles = sl.store.canonical_roles(1)
    assert [(r.title, r.org, r.first_date, r.last_date, len(r.sources)) for r in roles] == [
        ("President", "United States", "2026-03-10", "2026-03-12", 3)]
