"""Actors and stories on the demo corpus: the stories it was written with come back exactly,
its people are one actor across outlets and its namesakes two, corrections by hand last, and a
revised article stays in its story."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from samples import HARBOR_STORY
from storyline.api import open as open_db
from storyline.cli import main
from storyline.demo import CORPUS, corpus_sources
from storyline.eval.clusters import ari, bcubed, ceafe, muc
from storyline.settings import Settings

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    pytest.importorskip("spacy")
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    settings = Settings(db=str(db), fetch_feed_pages=False)
    with open_db(settings=settings) as sl:
        report = sl.ingest(corpus_sources())
        sl.process(report.seen_ids)
    return settings


def _manifest_story(sl, article):
    manifest = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
    entry = next(e for e in manifest["articles"] if e["body_start"] in article.text[:400])
    return entry["story"]


def test_the_demo_stories_are_recovered_exactly(demo):
    with open_db(settings=demo) as sl:
        got = {}
        for story in sl.stories():
            labels = Counter(_manifest_story(sl, sl.article(a)) for a in story.article_ids)
            assert len(labels) == 1, (story.title, labels)
            got[labels.most_common(1)[0][0]] = story.size
    assert got == {"sarn-strait": 18, "port-avel-strike": 8, "orvedal-floods": 8,
                   "chatterline-reactions": 1}


def test_every_story_article_says_why_it_belongs(demo):
    with open_db(settings=demo) as sl:
        story = max(sl.stories(), key=lambda s: s.size)
        members = sl.story_members(story.id)
    joined = [m for m in members if m.score is not None]
    assert joined and all(m.reason.get("actors") or m.reason.get("terms") for m in joined)
    assert sum(1 for m in members if m.reason.get("started")) == 1
    assert all(m.reason.get("copy_of") for m in members
               if m.score is None and not m.reason.get("started"))


def test_a_person_is_one_actor_across_outlets_and_namesakes_are_two(demo):
    with open_db(settings=demo) as sl:
        ilsa = sl.entity("Ilsa Marren")
        dag = sl.entity("Dag Marren")
        assert ilsa.id != dag.id
        outlets = {sl.article(a).outlet for a in sl.store.canonical_articles(ilsa.id)}
        assert len(outlets) >= 4
        assert dict(ilsa.aliases)["Marren"] >= 5
        roles = {(r.title, r.org) for r in sl.entity_roles(ilsa.id)}
        assert ("Foreign Minister", "Valdoria") in roles
        # an acronym and its expansion are one organisation
        nma = sl.entity("NMA")
        assert nma.name == "Northern Maritime Alliance"


def test_merges_and_splits_by_hand_survive_analyzing_and_linking_again(demo, tmp_path):
    copy = tmp_path / "copy.db"
    copy.write_bytes(Path(demo.db).read_bytes())
    settings = demo.with_(db=str(copy))
    with open_db(settings=settings) as sl:
        halvik, fek = sl.entity("Oren Halvik"), sl.entity("Tomas Fek")
        sl.merge_entities(halvik.id, fek.id)
        # an actor whose article entities go by two names: one of the names is split off
        actor, alias = next((c, name) for c in sl.entities() if c.id != halvik.id
                            for names in [Counter(n for _a, _e, n in
                                                  sl.store.linked_entities(c.id))]
                            if len(names) >= 2 for name, _n in names.most_common()[1:2])
        split = sl.split_entity(actor.id, alias)
        sl.rename_entity(halvik.id, "Oren Halvik (merged by hand)")
        ids = [a.id for a in sl.articles()]
        sl.analyze(ids, force=True)
        sl.link(ids)
        assert sl.entity("Tomas Fek").id == halvik.id
        assert sl.entity(halvik.id).name == "Oren Halvik (merged by hand)"
        moved = {n for _a, _e, n in sl.store.linked_entities(split.id)}
        kept = {n for _a, _e, n in sl.store.linked_entities(actor.id)}
        assert moved == {alias} and alias not in kept


def test_a_revised_article_stays_in_its_story(tmp_path, settings):
    path = tmp_path / "harbor.txt"
    path.write_text(HARBOR_STORY, encoding="utf-8")
    with open_db(settings=settings) as sl:
        [first] = sl.ingest([str(path)]).article_ids
        sl.process([first])
        [story] = sl.stories()
        path.write_text(HARBOR_STORY.replace("on Tuesday", "late on Tuesday"), encoding="utf-8")
        report = sl.ingest([str(path)])
        assert report.revisions == 1
        [second] = report.article_ids
        sl.process([second])
        [after] = sl.stories()
        assert after.id == story.id and second in after.article_ids
        assert first not in after.article_ids  # the latest version is what the story reads
        assert sl.story_members(story.id)[-1].reason == {"revision_of": first}


def test_cli_lists_stories_and_actors_with_db_before_the_command(demo):
    runner = CliRunner()
    out = runner.invoke(main, ["--db", demo.db, "stories", "--json"])
    assert out.exit_code == 0, out.output
    rows = json.loads(out.output)
    assert {r["size"] for r in rows} == {18, 8, 1}
    story = json.loads(runner.invoke(main, ["story", str(rows[0]["id"]), "--db", demo.db,
                                            "--json"]).output)
    assert story["articles"] and story["actors"]
    people = json.loads(runner.invoke(main, ["entities", "--type", "PERSON", "--mentions",
                                             "--limit", "3", "--db", demo.db, "--json"]).output)
    assert len(people) == 3 and all(p["mentions"] for p in people)
    m = people[0]["mentions"][0]
    assert set(m) >= {"article_id", "start_char", "end_char", "text"}
    entity = json.loads(runner.invoke(main, ["entity", "Ilsa Marren", "--db", demo.db,
                                             "--json"]).output)
    assert entity["roles"] and entity["quotes"] and entity["stories"]


def test_cluster_scores_reward_the_gold_partition_and_punish_others():
    gold = {1: "a", 2: "a", 3: "b", 4: "b"}
    assert bcubed(gold, gold)[2] == muc(gold, gold)[2] == ceafe(gold, gold)[2] == 1.0
    assert ari(gold, gold) == 1.0
    lumped = {i: "x" for i in gold}
    assert bcubed(gold, lumped) == (0.5, 1.0, 0.6667)
    split = {i: i for i in gold}
    assert bcubed(gold, split)[1] == 0.5 and ari(gold, split) == 0.0
