"""Databases that cannot be used give one line and a documented exit code; listings are cheap."""

from __future__ import annotations

import json
import os
import sqlite3

import pytest
from click.testing import CliRunner

from robust_stories import story
from storyline.cli import main
from storyline.errors import StoreError
from storyline.models import Document
from storyline.store import Store


def _cli(*args):
    return CliRunner().invoke(main, list(args))


def _one_line_error(result) -> str:
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.output
    return lines[0]


def test_a_mistyped_db_on_a_read_command_creates_nothing(tmp_path):
    missing = tmp_path / "typo" / "news.db"
    for args in (["articles"], ["article", "1"], ["analyze", "1"], ["analyze", "--all"]):
        result = _cli(*args, "--db", str(missing))
        assert result.exit_code == 1
        assert "no database at" in _one_line_error(result)
    assert not (tmp_path / "typo").exists()
    result = _cli("articles", "--db", str(tmp_path / "news.db"))
    assert result.exit_code == 1 and not (tmp_path / "news.db").exists()


def test_ingest_into_a_folder_that_does_not_exist_says_so(tmp_path):
    (tmp_path / "a.txt").write_text(story(1))
    result = _cli("ingest", str(tmp_path / "a.txt"), "--db", str(tmp_path / "nope" / "x.db"))
    assert result.exit_code == 1
    assert "does not exist" in _one_line_error(result)
    assert not (tmp_path / "nope").exists()


def test_a_foreign_sqlite_database_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    result = _cli("ingest", str(tmp_path), "--db", str(path))
    assert result.exit_code == 1
    assert "not a storyline one" in _one_line_error(result)
    with sqlite3.connect(path) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables == {"invoices"}


def test_a_file_that_is_not_sqlite_is_refused_in_one_line(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("shopping list\n" * 200)
    result = _cli("articles", "--db", str(path))
    assert result.exit_code == 1 and "not an SQLite database" in _one_line_error(result)


def test_a_folder_given_as_db_is_refused(tmp_path):
    result = _cli("articles", "--db", str(tmp_path))
    assert result.exit_code == 1 and "is a folder" in _one_line_error(result)


def test_a_half_applied_migration_is_one_line_that_says_what_to_do(tmp_path):
    path = tmp_path / "half.db"
    Store(path).close()
    with sqlite3.connect(path) as conn:
        # as if an older, interrupted run had created the table but not recorded its migration
        conn.execute("DELETE FROM _migrations WHERE name = '004_ingest_lsh_bands'")
    with pytest.raises(StoreError, match="004_ingest_lsh_bands.*restore a backup"):
        Store(path)
    result = _cli("articles", "--db", str(path))
    assert result.exit_code == 1 and "cannot be upgraded" in _one_line_error(result)


def test_an_old_database_is_upgraded_and_its_articles_indexed(tmp_path):
    """A database made before the band index existed gets one on the next ingest."""
    from storyline.store.migrations import MIGRATIONS

    path = tmp_path / "old.db"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(story(1))
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        for name, sql in MIGRATIONS[:2]:
            conn.executescript(sql)
            conn.execute("INSERT INTO _migrations VALUES (?, 'then')", (name,))
        conn.execute("INSERT INTO articles (text, content_hash, source, via, ingested_at) "
                     "VALUES (?, 'h', 'old.txt', 'text', 'then')", (story(1).split("\n", 2)[2],))
    copy = story(1).replace("item 1-0-0", "item one")  # the same story, one word changed
    (tmp_path / "in" / "copy.txt").write_text(copy)
    result = _cli("ingest", str(tmp_path / "in" / "copy.txt"), "--db", str(path), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["near_duplicates"] == 1


def test_a_read_only_database_can_be_listed_but_not_written(tmp_path, monkeypatch):
    path = tmp_path / "ro.db"
    (tmp_path / "a.txt").write_text(story(1))
    assert _cli("ingest", str(tmp_path / "a.txt"), "--db", str(path)).exit_code == 0
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if mode == os.W_OK
                        and str(p).startswith(str(tmp_path)) else real_access(p, mode, **kw))
    listed = _cli("articles", "--db", str(path), "--json")
    assert listed.exit_code == 0 and len(json.loads(listed.output)) == 1
    result = _cli("ingest", str(tmp_path / "a.txt"), "--db", str(path))
    assert result.exit_code == 1 and "read-only" in _one_line_error(result)


def test_bad_arguments_exit_2_and_say_what_is_expected(tmp_path):
    db = str(tmp_path / "x.db")
    (tmp_path / "a.txt").write_text(story(1))
    assert _cli("ingest", str(tmp_path / "a.txt"), "--db", db).exit_code == 0
    cases = [(["articles", "--since", "the second of March"], "YYYY-MM-DD"),
             (["articles", "--limit", "-1"], "-1"),
             (["ingest", str(tmp_path / "a.txt"), "--published", "0000-00-00"], "--published"),
             (["ingest", str(tmp_path / "a.txt"), "--url", "http://x.example:99999/a"], "--url"),
             (["ingest", str(tmp_path / "a.txt"), "--field", "nonsense"], "NAME=PATH")]
    for args, hint in cases:
        result = _cli(*args, "--db", db)
        assert result.exit_code == 2, (args, result.output)
        assert hint in result.output


def test_an_ingest_whose_only_input_is_missing_exits_1(tmp_path):
    result = _cli("ingest", str(tmp_path / "missing.txt"), "--db", str(tmp_path / "x.db"))
    assert result.exit_code == 1 and "not-found" in result.output


def test_limit_0_lists_nothing_and_outlet_matches_part_of_the_name(tmp_path):
    db = str(tmp_path / "x.db")
    (tmp_path / "a.txt").write_text(story(1))
    (tmp_path / "b.txt").write_text(story(2))
    _cli("ingest", str(tmp_path / "a.txt"), "--db", db, "--outlet", "The Harbor Ledger")
    _cli("ingest", str(tmp_path / "b.txt"), "--db", db, "--outlet", "Harbor_Times 50%")
    listed = lambda *a: json.loads(_cli("articles", "--db", db, "--json", *a).output)  # noqa: E731
    assert listed("--limit", "0") == []
    assert len(listed("--limit", "1")) == 1
    assert len(listed("--outlet", "harbor")) == 2
    assert [a["outlet"] for a in listed("--outlet", "ledger")] == ["The Harbor Ledger"]
    assert [a["outlet"] for a in listed("--outlet", "_times 50%")] == ["Harbor_Times 50%"]
    assert listed("--outlet", "r_l") == []  # _ is no wildcard: "r L" does not match


def test_a_listing_reads_no_text_but_still_counts_words(tmp_path):
    db = tmp_path / "x.db"
    (tmp_path / "a.txt").write_text(story(1))
    _cli("ingest", str(tmp_path / "a.txt"), "--db", str(db))
    with Store(db) as store:
        [row] = store.articles(text=False)
        [full] = store.articles()
    assert row.text == "" and row.words == len(full.text.split()) > 50


def test_listing_queries_use_their_indexes(tmp_path):
    with Store(tmp_path / "x.db") as store:
        plan = lambda sql: " ".join(  # noqa: E731
            r[3] for r in store.conn.execute("EXPLAIN QUERY PLAN " + sql))
        newest = plan("SELECT * FROM articles a ORDER BY a.published DESC, a.id LIMIT 20")
        since = plan("SELECT * FROM articles a WHERE a.published >= '2026-03-01' "
                     "ORDER BY a.published DESC, a.id")
    assert "articles_listing" in newest and "TEMP B-TREE" not in newest
    assert "SEARCH a USING INDEX articles_listing (published>?)" in since
    assert "TEMP B-TREE" not in since


def test_undated_articles_are_listed_last(tmp_path):
    with Store(tmp_path / "x.db") as store:
        for n, published in enumerate([None, "2026-03-02", None, "2026-03-05"]):
            store.add_article(Document(text=f"Report {n} from the harbour.", source=f"{n}.txt",
                                       via="text", published=published),
                              content_hash=str(n), url_key=None)
        assert [a.published for a in store.articles()] == ["2026-03-05", "2026-03-02", None,
                                                             None]
