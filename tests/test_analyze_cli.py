"""`storyline analyze` through the CLI and the API: results stored, shown, and not redone."""

import json

import pytest
from click.testing import CliRunner

from samples import HARBOR_STORY
from storyline.api import open as open_db
from storyline.cli import main

pytestmark = pytest.mark.slow


def _run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_analyze_file_stores_the_analysis_and_article_shows_it(tmp_path):
    story = tmp_path / "harbor.txt"
    story.write_text(HARBOR_STORY)
    db = str(tmp_path / "a.db")
    r = _run("analyze", str(story), "--published", "2026-03-06T10:00:00+00:00", "--db", db,
             "--json")
    assert r.exit_code == 0, r.output
    out = json.loads(r.output)
    people = {e["name"] for e in out["entities"] if e["type"] == "PERSON"}
    assert {"Ilsa Marren", "Tomas Fek"} <= people
    roles = {(x["person"], x["title"]) for x in out["roles"]}
    assert ("Ilsa Marren", "Foreign Minister") in roles
    speakers = {q["speaker"] for q in out["quotes"]}
    assert {"Ilsa Marren", "Tomas Fek"} <= speakers
    tuesday = [t for t in out["time_exprs"] if t["text"] == "Tuesday"]
    assert tuesday and tuesday[0]["value"] == "2026-03-03"
    text = out["article"] and json.loads(_run("article", str(out["article"]["id"]), "--db", db,
                                              "--json").output)
    assert text["analysis"]["quotes"] == out["quotes"]
    for q in out["quotes"]:  # every span points into the stored text
        assert text["text"][q["start_char"]:q["end_char"]] == q["text"]


def test_analyze_skips_current_results_and_redoes_stale_ones(tmp_path, settings):
    story = tmp_path / "harbor.txt"
    story.write_text(HARBOR_STORY)
    with open_db(settings=settings) as sl:
        sl.ingest([str(story)])
        assert len(sl.analyze()) == 1
        assert sl.analyze() == []
        sl.store.conn.execute("UPDATE analysis_components SET fingerprint = 'old' "
                              "WHERE component = 'entities'")
        [again] = sl.analyze()
        # entities is stale, and quotes, actions and terms require it; the rest is current
        redone = {name for name, run in again.components.items()
                  if run.status == "analyzed" and name in {"entities", "quotes", "actions",
                                                           "terms"}}
        assert redone == {"entities", "quotes", "actions", "terms"}
        assert sl.analyze() == []


def test_non_english_article_is_marked_not_analyzed_with_the_reason(tmp_path, settings):
    story = tmp_path / "fr.txt"
    story.write_text("Le ministre des affaires étrangères a déclaré mardi que le passage de "
                     "Port Avel rouvrirait le mois prochain, après trois années de fermeture. "
                     "Les négociateurs des deux pays se retrouveront à Brennhaven la semaine "
                     "prochaine pour signer l'accord.\n")
    with open_db(settings=settings) as sl:
        r = sl.ingest([str(story)])
        [analysis] = sl.analyze()
        assert analysis.status == "skipped" and "fr" in analysis.reason
        assert sl.analysis(r.seen_ids[0]).status == "skipped"


def test_analyze_all_reports_counts(tmp_path, corpus):
    db = str(tmp_path / "b.db")
    _run("ingest", str(corpus), "--db", db, "--no-process")
    out = json.loads(_run("analyze", "--all", "--db", db, "--json").output)
    assert out == {"analyzed": 2, "by_status": {"analyzed": 2}}
    assert json.loads(_run("analyze", "--all", "--db", db, "--json").output)["analyzed"] == 0


def test_analyze_without_target_is_a_usage_error(tmp_path):
    r = CliRunner().invoke(main, ["analyze", "--db", str(tmp_path / "c.db")])
    assert r.exit_code == 2


def test_ingest_processes_what_it_adds_unless_told_not_to(tmp_path, corpus):
    db = str(tmp_path / "p.db")
    out = json.loads(_run("ingest", str(corpus), "--db", db, "--json").output)
    assert out["stages"]["analyze"]["articles"] == 2
    assert out["stages"]["stories"]["started"] + out["stages"]["stories"]["joined"] == 2
    assert json.loads(_run("analyze", "--all", "--db", db, "--json").output)["analyzed"] == 0
    stories = json.loads(_run("stories", "--db", db, "--json").output)
    assert sum(s["size"] for s in stories) == 2
