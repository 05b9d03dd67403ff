"""What the pages keep between requests (migration 017): a change counter that triggers move
for every write the pages read (never for reactions), the dossiers `storyline process` builds
and keeps in the database, and an actor page that lists its most recent stories."""

from __future__ import annotations

import json
import shutil

import pytest

from storyline import shapes
from storyline.api import open as open_db

pytestmark = pytest.mark.slow


@pytest.fixture
def copy(demo_db, tmp_path):
    db = tmp_path / "demo.db"
    shutil.copy(demo_db.db, db)
    return demo_db.with_(db=str(db))


def test_the_change_counter_moves_with_what_pages_read_and_not_with_reactions(copy):
    with open_db(settings=copy) as sl:
        before = sl.store.page_changes()
        article = sl.articles()[0]
        sl.react("article", article.id, "reader-1", "like")
        assert sl.store.page_changes() == before  # a reaction changes no dossier or list
        actor = sl.entities()[0]
        sl.rename_entity(actor.id, actor.name + " (renamed)")
        assert sl.store.page_changes() > before


def test_process_keeps_the_dossiers_of_the_stories_it_changed(copy, tmp_path):
    with open_db(settings=copy) as sl:
        sl.store.conn.execute("DELETE FROM dossiers")
        sl.store.conn.commit()
        story = max(sl.stories(), key=lambda s: s.size)
        done = sl.process([m.article_id for m in sl.story_members(story.id)], force=True)
        assert done["dossiers"]["built"] >= 1
        key = sl.dossier_key(story.id)
        body = sl.store.stored_dossier(story.id, key)
        assert body is not None
        assert json.loads(body) == json.loads(json.dumps(shapes.dossier_json(sl.dossier(story.id))))
        # nothing changed: nothing is built again
        again = sl.build_dossiers([story.id])
        assert again["built"] == 0 and again["unchanged"] == 1


def test_a_kept_dossier_is_not_used_once_what_it_was_built_from_changes(copy):
    with open_db(settings=copy) as sl:
        story = max(sl.stories(), key=lambda s: s.size)
        first = sl.dossier_json(story.id)
        old_key = sl.dossier_key(story.id)
        actor = first["actors"][0]
        sl.rename_entity(actor["id"], actor["name"] + " (renamed)")
        assert sl.dossier_key(story.id) != old_key
        assert sl.store.stored_dossier(story.id, sl.dossier_key(story.id)) is None
        again = sl.dossier_json(story.id)
        assert again["actors"][0]["name"].endswith("(renamed)")
        assert sl.store.stored_dossier(story.id, sl.dossier_key(story.id)) is not None


def test_an_actor_page_lists_its_most_recent_stories_and_links_to_all(copy, monkeypatch):
    from fastapi.testclient import TestClient

    from storyline.web import views
    from storyline.web.app import create_app

    with open_db(settings=copy) as sl:
        actor = max(sl.entities(), key=lambda e: len(sl.store.stories_of_canonical(e.id)))
        n = len({s.id for s in sl.entity_stories(actor.id)})
    assert n >= 2
    monkeypatch.setattr(views, "ENTITY_STORIES", 1)
    with TestClient(create_app(copy), base_url="http://127.0.0.1:8000") as client:
        html = client.get(f"/entities/{actor.id}").text
    assert f'href="/?actor={actor.id}"' in html
    assert f"All {n} stories" in html


def test_a_search_page_is_kept_until_the_store_changes(copy):
    from storyline.web import views

    with open_db(settings=copy) as sl:
        args = {"q": "crew", "outlet": None, "since": None, "until": None, "entity": None,
                "cursor": None}
        first = views.search(sl, **args)
        assert first["hits"] and views.search(sl, **args) is first
        actor = sl.entities()[0]
        sl.rename_entity(actor.id, actor.name + " (renamed)")
        assert views.search(sl, **args) is not first


def test_a_dossier_that_cannot_be_built_is_reported_and_the_run_goes_on(copy, monkeypatch):
    from storyline import api

    with open_db(settings=copy) as sl:
        sl.store.conn.execute("DELETE FROM dossiers")
        sl.store.conn.commit()
        stories = sorted(sl.stories(), key=lambda s: s.id)
        bad = stories[0].id
        real = api.Storyline.dossier

        def broken(self, story_id, since=None):
            if story_id == bad:
                raise ValueError("a statement without a sentence")
            return real(self, story_id, since=since)

        monkeypatch.setattr(api.Storyline, "dossier", broken)
        done = sl.build_dossiers([s.id for s in stories])
        assert done["built"] == len(stories) - 1
        assert done["failed"] == [{"story": bad,
                                   "error": "ValueError: a statement without a sentence"}]
