import sqlite3

import pytest

from storyline.errors import NotFound, StoreError, UsageError
from storyline.models import Analysis, ComponentRun, Document, Entity, Mention, Quote, TimeExpr
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


def _schema():
    from storyline.analyze.registry import COMPONENTS

    return {c.name: c.assigns for c in COMPONENTS}


def test_analysis_round_trips_and_replaces_the_previous_one(tmp_path):
    with Store(tmp_path / "s.db") as s:
        s.use_schema(_schema())
        aid = s.add_article(_doc("Marren said the talks went well."), content_hash="h",
                            url_key=None)
        ent = Entity("E1", "Ilsa Marren", "PERSON", (Mention(0, 6, "Marren", "surname", 0, 0),),
                     gender="f")
        runs = {name: ComponentRun(f"{name}.v1", "analyzed", None, "fp1")
                for name in ("entities", "quotes", "time_exprs")}
        a = Analysis(aid, "v1", "analyzed", components=runs, records={
            "entities": (ent,), "roles": (),
            "quotes": (Quote(12, 31, "the talks went well", False, "say", 7, 11, "E1",
                             "Ilsa Marren", sentence=0, paragraph=0),),
            "time_exprs": (TimeExpr(0, 1, "x", "DATE", "2026-03-03", "day"),)})
        s.save_analysis(a)
        back = s.analysis(aid)
        assert back == a
        assert s.analysis_fingerprints([aid]) == {aid: {"entities": "fp1", "quotes": "fp1",
                                                        "time_exprs": "fp1"}}
        # replacing one component's records leaves the others alone
        s.save_analysis(Analysis(aid, "v2", "analyzed", components={
            "quotes": ComponentRun("quotes.v2", "analyzed", None, "fp2")}, records={}))
        back = s.analysis(aid)
        assert back.quotes == () and back.entities == (ent,)
        assert back.components["quotes"].fingerprint == "fp2"


def test_old_schema_is_migrated_not_lost(tmp_path):
    """A database written before analysis components keeps its analyses readable."""
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    from storyline.store.migrations import MIGRATIONS

    conn.execute("CREATE TABLE _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    for name, sql in MIGRATIONS[:2]:
        conn.executescript(sql)
        conn.execute("INSERT INTO _migrations VALUES (?, 'then')", (name,))
    conn.execute("INSERT INTO articles (id, text, content_hash, source, via, ingested_at) "
                 "VALUES (1, 'Marren said so.', 'h', 'a.txt', 'text', 'then')")
    conn.execute("INSERT INTO analyses VALUES (1, 'storyline.analyze.v1', 'analysed', NULL, 't')")
    conn.execute("INSERT INTO entities VALUES (1, 'E1', 'Ilsa Marren', 'PERSON', NULL)")
    conn.execute("INSERT INTO mentions VALUES (1, 'E1', 0, 6, 'Marren', 'surname')")
    conn.execute("INSERT INTO quotes VALUES (1, 7, 14, 'said so', 0, 'said', 7, 11, 'E1', "
                 "'Ilsa Marren', 0, 6)")
    conn.commit()
    conn.close()
    with Store(path) as s:
        s.use_schema(_schema())
        back = s.analysis(1)
        assert back.status == "analyzed"
        assert back.entities[0].mentions == (Mention(0, 6, "Marren", "surname"),)
        assert (back.quotes[0].cue_start_char, back.quotes[0].speaker_end_char) == (7, 6)
        assert s.analysis_fingerprints() == {1: {}}  # no component is current: re-analyzed


def test_failed_write_leaves_nothing_half_done(tmp_path):
    with Store(tmp_path / "s.db") as s:
        s.add_article(_doc(), content_hash="same", url_key=None)
        with pytest.raises(sqlite3.IntegrityError):
            s.add_article(_doc(source="other.txt"), content_hash="same", url_key=None)
        assert s.counts()["articles"] == 1 and s.counts()["sightings"] == 1


def _dated(store, published, source):
    return store.add_article(_doc(f"Report filed from {source}.", source=source,
                                  published=published), content_hash=source, url_key=None)


def test_since_with_an_offset_compares_instants_not_strings(tmp_path):
    with Store(tmp_path / "s.db") as s:
        # 09:00 at UTC-5 is 14:00 UTC, so it is not before 15:00 at UTC+1 (also 14:00 UTC)
        morning = _dated(s, "2026-03-02T09:00:00-05:00", "a.txt")
        _dated(s, "2026-03-02T08:00:00-05:00", "b.txt")
        assert [a.id for a in s.articles(since="2026-03-02T15:00:00+01:00")] == [morning]
        assert [a.id for a in s.articles(since="2026-03-02T14:00Z")] == [morning]


def test_since_a_date_keeps_articles_published_that_day_in_their_own_zone(tmp_path):
    with Store(tmp_path / "s.db") as s:
        late = _dated(s, "2026-03-02T23:30:00-05:00", "a.txt")
        day = _dated(s, "2026-03-02", "b.txt")
        _dated(s, "2026-03-01T23:59:00+00:00", "c.txt")
        assert sorted(a.id for a in s.articles(since="2026-03-02")) == [late, day]


def test_since_that_is_not_a_date_is_an_error_with_the_expected_form(tmp_path):
    with Store(tmp_path / "s.db") as s, pytest.raises(UsageError, match="YYYY-MM-DD"):
        s.articles(since="the second of March")


def test_fts_syntax_error_says_how_to_search_plain_words(tmp_path):
    with Store(tmp_path / "s.db") as s:
        s.add_article(_doc("Mayor Ona O'Dare opened the bridge."), content_hash="h", url_key=None)
        with pytest.raises(StoreError, match="double quotes"):
            s.articles(query='O"Dare')


def test_since_in_basic_iso_form_is_read_like_the_extended_form(tmp_path):
    with Store(tmp_path / "s.db") as s:
        noon = _dated(s, "2026-03-02T12:00:00+00:00", "a.txt")
        _dated(s, "2026-03-02T10:00:00+00:00", "b.txt")
        assert [a.id for a in s.articles(since="20260302T1100+0000")] == [noon]
