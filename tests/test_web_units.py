"""The parts of the web app that need no server: reaction storage, rate limits, CSRF tokens,
the article highlighter, the charts' text alternatives and listing cursors."""

from __future__ import annotations

import threading

import pytest

from storyline.api import _decode_cursor, _encode_cursor
from storyline.api import open as open_db
from storyline.errors import NotFound, UsageError
from storyline.models import Quote, Sentence
from storyline.store.reactions import KINDS
from storyline.web.charts import bar_chart
from storyline.web.highlight import Span, article_html
from storyline.web.security import RateLimiter, csrf_ok, csrf_token, same_origin
from storyline.web.views import safe_url


@pytest.fixture
def db(settings, corpus):
    """Two ingested articles (not analyzed) and a story holding both."""
    with open_db(settings=settings) as sl:
        sl.ingest([str(corpus)])
        ids = sl.store.article_ids()
        with sl.store.transaction():
            sid = sl.store.create_story("Harbour", ids[0], "2026-03-04")
            for aid in ids:
                sl.store.add_to_story(sid, aid, {"w:harbour": 1.0}, None, {}, "test",
                                      "2026-03-04", keep_terms=10)
    return settings, ids, sid


def test_one_reaction_per_reader_which_they_can_change_and_withdraw(db):
    settings, ids, _sid = db
    with open_db(settings=settings) as sl:
        sl.react("article", ids[0], "a" * 32, "like")
        sl.react("article", ids[0], "a" * 32, "like")
        sl.react("article", ids[0], "b" * 32, "like")
        assert sl.reactions("article", ids[0])["counts"]["like"] == 2
        changed = sl.react("article", ids[0], "a" * 32, "sad")
        assert changed["counts"]["like"] == 1 and changed["counts"]["sad"] == 1
        assert changed["mine"] == "sad"
        gone = sl.react("article", ids[0], "a" * 32, None)
        assert gone["counts"]["sad"] == 0 and gone["mine"] is None
        assert set(gone["counts"]) == set(KINDS)


def test_reactions_survive_reopening_the_database(db):
    settings, ids, _sid = db
    with open_db(settings=settings) as sl:
        sl.react("article", ids[1], "c" * 32, "wow")
    with open_db(settings=settings) as sl:
        state = sl.reactions("article", ids[1], "c" * 32)
    assert state["counts"]["wow"] == 1 and state["mine"] == "wow"


def test_story_mood_counts_reactions_to_the_story_and_its_articles(db):
    settings, ids, sid = db
    with open_db(settings=settings) as sl:
        sl.react("story", sid, "d" * 32, "angry")
        sl.react("article", ids[0], "d" * 32, "angry")
        sl.react("article", ids[1], "e" * 32, "love")
        state = sl.reactions("story", sid, "d" * 32)
    assert state["counts"]["angry"] == 1  # the story's own
    assert state["mood"]["angry"] == 2 and state["mood"]["love"] == 1
    assert state["mine"] == "angry"


def test_unknown_reaction_kinds_and_items_are_refused(db):
    settings, ids, _sid = db
    with open_db(settings=settings) as sl:
        with pytest.raises(UsageError, match="the reactions are like"):
            sl.react("article", ids[0], "a" * 32, "meh")
        with pytest.raises(NotFound):
            sl.react("article", 9999, "a" * 32, "like")
        with pytest.raises(UsageError):
            sl.react("entity", ids[0], "a" * 32, "like")


def test_counts_stay_exact_when_many_readers_react_at_once(db):
    settings, ids, _sid = db
    readers = [f"{i:032x}" for i in range(120)]
    errors: list[BaseException] = []

    def worker(chunk: list[str]) -> None:
        try:
            with open_db(settings=settings) as sl:  # one connection per thread, as served
                for reader in chunk:
                    sl.react("article", ids[0], reader, "like")
                    sl.react("article", ids[0], reader, KINDS[int(reader, 16) % len(KINDS)])
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(readers[i::8],)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    expected = {k: 0 for k in KINDS}
    for reader in readers:
        expected[KINDS[int(reader, 16) % len(KINDS)]] += 1
    with open_db(settings=settings) as sl:
        assert sl.reactions("article", ids[0])["counts"] == expected


def test_reaction_export_pages_through_every_item_once(db):
    settings, ids, sid = db
    with open_db(settings=settings) as sl:
        for aid in ids:
            sl.react("article", aid, "f" * 32, "like")
        sl.react("story", sid, "f" * 32, "wow")
        seen, cursor = [], None
        while True:
            page = sl.reaction_export(limit=1, cursor=cursor)
            seen += [(k, i) for k, i, _c in page.items]
            if page.next_cursor is None:
                break
            cursor = page.next_cursor
    assert seen == [*(("article", aid) for aid in sorted(ids)), ("story", sid)]


def test_rate_limiter_allows_a_burst_then_says_how_long_to_wait():
    now = [0.0]
    limiter = RateLimiter(3, clock=lambda: now[0])
    assert [limiter.hit("r") for _ in range(3)] == [None, None, None]
    wait = limiter.hit("r")
    assert wait is not None and 1 <= wait <= 20
    assert limiter.hit("other") is None  # keys are apart
    now[0] += wait
    assert limiter.hit("r") is None


def test_csrf_tokens_are_bound_to_the_reader_and_the_key():
    token = csrf_token("key", "a" * 32)
    assert csrf_ok("key", "a" * 32, token)
    assert not csrf_ok("key", "b" * 32, token)
    assert not csrf_ok("other-key", "a" * 32, token)
    assert not csrf_ok("key", "a" * 32, None)


def test_requests_from_other_sites_are_told_apart():
    assert same_origin({"origin": "http://127.0.0.1:8000"}, "127.0.0.1:8000")
    assert same_origin({"sec-fetch-site": "same-origin"}, "127.0.0.1:8000")
    assert not same_origin({"origin": "https://evil.example"}, "127.0.0.1:8000")
    assert not same_origin({"sec-fetch-site": "cross-site"}, "127.0.0.1:8000")
    assert not same_origin({"origin": "null"}, "127.0.0.1:8000")


def test_article_text_is_escaped_and_every_sentence_is_an_anchor():
    text = 'Mara said "<script>x()</script> no" today.\n\nSecond <b>para</b>.'
    sentences = [Sentence(0, 0, 42, 0), Sentence(1, 44, len(text), 1)]
    start, end = text.index('"'), text.index(" today")
    marks = [Span(start, end, 0, '<span class="quote">', "</span>"),
             Span(0, 4, 2, '<span class="ent">', "</span>")]
    out = str(article_html(text, sentences, marks))
    assert "<script>" not in out and "&lt;script&gt;" in out and "&lt;b&gt;" in out
    assert out.count("<p>") == 2
    assert 'id="s0"' in out and 'id="s1"' in out
    assert '<span class="ent">Mara</span>' in out
    assert '<span class="quote">&#34;&lt;script&gt;x()&lt;/script&gt; no&#34;</span>' in out


def test_a_quote_running_over_two_sentences_is_cut_at_the_sentence_end():
    text = "He said: one two. Three four."
    sentences = [Sentence(0, 0, 17, 0), Sentence(1, 18, 29, 0)]
    marks = [Span(9, 28, 0, '<span class="quote">', "</span>")]
    out = str(article_html(text, sentences, marks))
    assert out.count('<span class="quote">') == 2
    assert out.count("<span") == out.count("</span>")


def test_highlighter_marks_speakers_from_an_analysis():
    from storyline.web.highlight import marks_of

    class _A:
        quotes = (Quote(0, 5, "Hello", True, speaker="Ann <b>", speaker_start_char=7,
                        speaker_end_char=10),)
        time_exprs = ()
        entities = ()

    marks = marks_of(_A(), {})
    assert any('title="Quote: Ann &lt;b&gt;"' in m.open for m in marks)


def test_charts_say_what_they_show_in_words():
    svg = str(bar_chart([("2026-03-02", 2), ("2026-03-04", 1)], what="articles",
                        chart_id="c", total=4))
    assert "<svg" in svg and 'role="img"' in svg
    assert "3 articles from 2026-03-02 to 2026-03-04; most on 2026-03-02 (2)" in svg
    assert "1 article without a date" in svg
    assert "No articles with a date" in str(bar_chart([], what="articles"))


def test_long_spans_are_drawn_by_week_or_month_and_empty_days_draw_nothing():
    from storyline.web.charts import series

    days = [("2026-01-05", 1), ("2026-01-06", 2), ("2026-03-30", 4)]
    weeks, unit = series(days, max_bars=20)
    assert unit == "week" and weeks[0][1] == 3 and weeks[-1][1] == 4 and len(weeks) == 13
    months, unit = series(days + [("2026-12-01", 1)], max_bars=20)
    assert unit == "month" and [m.month for m, _n in months] == list(range(1, 13))
    assert sum(n for _m, n in months) == 8
    svg = str(bar_chart(days, what="articles", max_bars=20))
    assert svg.count("<rect") == 2  # two weeks with articles; the eleven between are gaps
    assert "most in the week of 2026-03-30 (4)" in svg


def test_only_web_addresses_become_links():
    assert safe_url("https://news.example/a") == "https://news.example/a"
    assert safe_url("javascript:alert(1)") is None
    assert safe_url(" JavaScript:alert(1)") is None
    assert safe_url("data:text/html,x") is None
    assert safe_url("//evil.example") is None


def test_cursors_belong_to_their_listing():
    cursor = _encode_cursor("story", ("2026-03-02", 4))
    assert _decode_cursor(cursor, "story", (str, int)) == ("2026-03-02", 4)
    for bad in ("zzz", _encode_cursor("article", ("x", 1)), _encode_cursor("story", (1, 1))):
        with pytest.raises(UsageError, match="next_cursor"):
            _decode_cursor(bad, "story", (str, int))


def test_the_dossier_a_page_shows_is_kept_until_what_it_is_built_from_changes(demo_db, tmp_path):
    import shutil

    from storyline import shapes
    from storyline.api import open as open_db
    from storyline.web import views

    db = tmp_path / "demo.db"
    shutil.copy(demo_db.db, db)
    with open_db(settings=demo_db.with_(db=str(db))) as sl:
        story = max(sl.stories(), key=lambda s: s.size)
        first = views.dossier_json(sl, story.id)
        assert views.dossier_json(sl, story.id) is first  # built once
        assert first == shapes.dossier_json(sl.dossier(story.id))
        # a correction by hand changes what the dossier says: it is built again
        actor = first["actors"][0]
        sl.rename_entity(actor["id"], actor["name"] + " (renamed)")
        again = views.dossier_json(sl, story.id)
        assert again is not first
        assert again["actors"][0]["name"].endswith("(renamed)")


def test_time_values_are_shown_as_a_reader_says_them():
    from storyline.web.views import timex

    assert timex("2026-03-02TEV") == "2026-03-02 evening"
    assert timex("2026-W10") == "week 10 of 2026"
    assert timex("2026-SU") == "summer 2026"
    assert timex("2026-03-02T14:30") == "2026-03-02 14:30"
    assert timex("PRESENT_REF") == "now"
    assert timex("2026-03") == "2026-03" and timex(None) == ""
