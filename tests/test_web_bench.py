"""`storyline bench serve` measures what it says: the synthetic store's analysis points at
the words it names (every span is exact), its pages serve, and a small run reports every
page and an exact count of reactions. No wall-clock thresholds: speed is a number the bench
prints, not a test."""

from __future__ import annotations

import pytest

from storyline.api import open as open_db
from storyline.settings import Settings
from storyline.web import synthetic

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", params=["real", "written"])
def store(request, tmp_path_factory):
    db = tmp_path_factory.mktemp("bench-" + request.param) / "synthetic.db"
    if request.param == "written":
        real = synthetic.REAL_STAGES_UP_TO
        synthetic.REAL_STAGES_UP_TO = 10
        try:
            built = synthetic.build(60, Settings(db=str(db)))
        finally:
            synthetic.REAL_STAGES_UP_TO = real
    else:
        built = synthetic.build(60, Settings(db=str(db)))
    assert built["stages"] == request.param
    return db


def test_every_synthetic_span_covers_the_words_it_records(store):
    with open_db(store, create=False) as sl:
        assert sl.counts()["articles"] == 60
        checked = 0
        for a in sl.analyses():
            text = sl.article(a.article_id).text
            for q in a.quotes:
                assert text[q.start_char:q.end_char] == q.text
                assert text[q.speaker_start_char:q.speaker_end_char] == q.speaker
                assert text[q.cue_start_char:q.cue_end_char] == q.cue
            for e in a.entities:
                for m in e.mentions:
                    assert text[m.start_char:m.end_char].casefold() == m.text.casefold()
                    sentence = a.sentences[m.sentence]
                    assert sentence.start_char <= m.start_char < sentence.end_char
            for t in a.time_exprs:
                assert text[t.start_char:t.end_char] == t.text
            checked += len(a.quotes)
        assert checked >= 60 * 3


def test_the_synthetic_store_has_stories_actors_and_pages(store):
    from fastapi.testclient import TestClient

    from storyline.web import create_app

    with open_db(store, create=False) as sl:
        stories = sl.stories()
        assert len(stories) >= 2 and sum(s.size for s in stories) == 60
        top = sl.entities(limit=1)[0]
        assert top.articles >= 2 and sl.entity_quotes(top.id) is not None
    with TestClient(create_app(Settings(db=str(store)))) as c:
        for path in ["/", f"/stories/{stories[0].id}", f"/entities/{top.id}", "/articles/1",
                     "/search?q=" + top.name.split()[0]]:
            r = c.get(path)
            assert r.status_code == 200, path
        assert "Who said what" in c.get(f"/stories/{stories[0].id}").text


def test_a_small_bench_run_reports_every_page_and_loses_no_reaction(tmp_path):
    from storyline.web.bench import PAGES, bench_serve

    out = bench_serve([40], Settings(db=str(tmp_path / "x.db")), keep=str(tmp_path / "b.db"),
                      clients=2, requests=6, readers=6, reactions_per_reader=5)
    row = out["sizes"][0]
    assert set(row["pages"]) == set(PAGES)
    assert all(p["non_200"] == {} and p["p95_ms"] >= p["p50_ms"] > 0
               for p in row["pages"].values())
    assert row["reactions"]["sent"] == 30 and row["reactions"]["lost_updates"] == 0
    again = bench_serve([40], Settings(db=str(tmp_path / "x.db")), keep=str(tmp_path / "b.db"),
                        clients=1, requests=2, readers=1, reactions_per_reader=1)
    assert again["sizes"][0]["built"].startswith("reused")
