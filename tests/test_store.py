import sqlite3

import pytest

from storyline.errors import NotFound, StoreError
from storyline.models import Analysis, Document, Entity, Mention, Quote, TimeExpr
from storyline.store import Store


def _doc(text="Some body text here.", source="a.txt", **kw):
    return Document(text=text, source=source, via="text", **kw)


def test_migrations_are_applied_once_and_recorded(tmp_path):
    path = tmp_path / "s.db"
    with Store(path) as s:
        first = s.migrations()
    with Store(path) as s:
        assert s.migrations() == first
    assert "001_articles" in first and "002_analysis" in first


def test_database_uses_wal_and_fts_finds_words_in_title_and_text(tmp_path):
    with Store(tmp_path / "s.db") as s:
        assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        s.add_article(_doc("The ferry sailed at dawn.", title="Harbor news"),
                      content_hash="h1", url_key=None)
        s.add_article(_doc("Parliament debated the budget.", source="b.txt", title="Budget"),
                      content_hash="h2", url_key=None)
        assert [a.title for a in s.articles(query="ferry")] == ["Harbor news"]
        assert [a.title for a in s.articles(query="harbor")] == ["Harbor news"]
        assert [a.title for a in s.articles(query="budget")] == ["Budget"]


def test_missing_article_raises_not_found_with_a_hint(tmp_path):
    with Store(tmp_path / "s.db") as s, pytest.raises(NotFound, match="storyline articles"):
        s.article(42)


def test_a_file_that_is_not_a_database_is_reported(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="--db"):
        Store(bad)


def test_analysis_round_trips_and_replaces_the_previous_one(tmp_path):
    with Store(tmp_path / "s.db") as s:
        aid = s.add_article(_doc("Marren said the talks went well."), content_hash="h",
                            url_key=None)
        ent = Entity("E1", "Ilsa Marren", "PERSON", (Mention(0, 6, "Marren", "surname"),))
        a = Analysis(aid, "v1", "analysed", entities=(ent,),
                     quotes=(Quote(12, 31, "the talks went well", False, "say", 7, 11, "E1",
                                   "Ilsa Marren"),),
                     times=(TimeExpr(0, 1, "x", "DATE", "2026-03-03", "day"),))
        s.save_analysis(a)
        back = s.analysis(aid)
        assert back.entities == a.entities and back.quotes == a.quotes and back.times == a.times
        assert s.stale_articles("v1") == [] and s.stale_articles("v2") == [aid]
        s.save_analysis(Analysis(aid, "v2", "analysed"))
        assert s.analysis(aid).entities == ()


def test_failed_write_leaves_nothing_half_done(tmp_path):
    with Store(tmp_path / "s.db") as s:
        s.add_article(_doc(), content_hash="same", url_key=None)
        with pytest.raises(sqlite3.IntegrityError):
            s.add_article(_doc(source="other.txt"), content_hash="same", url_key=None)
        assert s.counts()["articles"] == 1 and s.counts()["sightings"] == 1
