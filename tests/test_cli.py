"""The CLI translates flags and formats output; exit codes are documented in docs/ingest.md."""

import json

from click.testing import CliRunner

from samples import FOG_STORY
from storyline.cli import main


def _run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_ingest_json_summary_then_articles_and_article(corpus, tmp_path):
    db = str(tmp_path / "cli.db")
    r = _run("ingest", str(corpus), "--db", db, "--json")
    assert r.exit_code == 0, r.output
    summary = json.loads(r.output)
    assert summary["ingested"] == 2 and summary["skipped"] == 0
    listed = json.loads(_run("articles", "--db", db, "--json").output)
    assert {a["title"] for a in listed} >= {"Fog delays ferries across the Sallow Strait for a "
                                            "second day"}
    one = json.loads(_run("article", str(listed[0]["id"]), "--db", db, "--json").output)
    assert one["text"] and one["sightings"] and "analysis" in one


def test_partial_failure_exits_3_and_names_the_bad_input(tmp_path):
    (tmp_path / "ok.txt").write_text(FOG_STORY)
    (tmp_path / "empty.txt").write_text("")
    r = CliRunner().invoke(main, ["ingest", str(tmp_path), "--db", str(tmp_path / "x.db")])
    assert r.exit_code == 3
    assert "empty.txt: empty" in r.output


def test_library_errors_are_one_line_with_exit_1(tmp_path):
    bad = tmp_path / "not.db"
    bad.write_bytes(b"garbage" * 200)
    r = CliRunner().invoke(main, ["articles", "--db", str(bad)])
    assert r.exit_code == 1
    assert r.output.startswith("error: cannot open database") and "Traceback" not in r.output


def test_extract_prints_clean_article_without_storing(corpus, tmp_path):
    db = tmp_path / "never.db"
    r = _run("extract", str(corpus / "harbor.txt"), "--json", "--db", str(db))
    out = json.loads(r.output)
    assert out["problems"] == [] and len(out["articles"]) == 1
    doc = out["articles"][0]
    assert doc["title"].startswith("Valdoria and Kestria")
    assert doc["outlet"] == "The Harbor Ledger"
    assert not db.exists()


def test_articles_filters_by_outlet_since_and_query(corpus, tmp_path):
    db = str(tmp_path / "cli.db")
    _run("ingest", str(corpus), "--db", db)
    by_outlet = json.loads(_run("articles", "--db", db, "--json", "--outlet",
                                "the harbor ledger").output)
    assert len(by_outlet) == 1
    since = json.loads(_run("articles", "--db", db, "--json", "--since", "2026-03-05").output)
    assert since == []
    found = json.loads(_run("articles", "--db", db, "--json", "-q", "fog visibility").output)
    assert [a["title"][:3] for a in found] == ["Fog"]


def test_field_mapping_reads_nested_json(tmp_path):
    rec = {"payload": {"body": FOG_STORY.split("\n", 2)[2], "head": "Fog again"},
           "meta": {"when": "2026-03-05"}}
    (tmp_path / "x.jsonl").write_text(json.dumps(rec) + "\n")
    db = str(tmp_path / "f.db")
    r = _run("ingest", str(tmp_path / "x.jsonl"), "--db", db, "--json", "--field",
             "text=payload.body", "--field", "title=payload.head", "--field", "published=meta.when")
    assert json.loads(r.output)["ingested"] == 1
    [a] = json.loads(_run("articles", "--db", db, "--json").output)
    assert a["title"] == "Fog again" and a["published"] == "2026-03-05"


def test_settings_lists_every_setting():
    rows = json.loads(_run("settings", "--json").output)
    assert {"near_duplicate_threshold", "max_bytes", "spacy_model"} <= {r["name"] for r in rows}
