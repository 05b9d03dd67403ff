"""Copies, updates and URLs: near-duplicates through the database index, revisions, dates."""

from __future__ import annotations

import json

from robust_stories import body, story
from storyline.api import open as open_db
from storyline.ingest import dedupe


def _page(title: str, text: str, canonical: str) -> str:
    paras = "".join(f"<p>{p}</p>" for p in text.split("\n\n") if p.strip())
    return (f'<html><head><title>{title}</title><link rel="canonical" href="{canonical}">'
            f"</head><body><article><h1>{title}</h1>{paras}</article></body></html>")


def test_a_trimmed_copy_with_low_jaccard_but_high_containment_is_found(tmp_path, settings):
    long_body = body(1, paragraphs=16)
    kept = "\n\n".join(long_body.split("\n\n")[:4])  # a quarter of the story
    grams_long, grams_kept = dedupe.shingles(long_body), dedupe.shingles(kept)
    jaccard = len(grams_long & grams_kept) / len(grams_long | grams_kept)
    assert jaccard < 0.3  # what candidate retrieval by Jaccard at 0.4 used to miss
    (tmp_path / "orig.txt").write_text("Long story\n\n" + long_body)
    (tmp_path / "copy.txt").write_text("Short copy\n\n" + kept + "\n\nShare this article\n")
    with open_db(settings=settings) as sl:
        sl.ingest([str(tmp_path / "orig.txt")])
        report = sl.ingest([str(tmp_path / "copy.txt")])
        orig, copy = sorted(sl.articles(), key=lambda a: a.id)
    assert report.near_duplicates == 1 and copy.duplicate_of == orig.id


def test_a_copy_with_extra_chrome_is_found_and_a_different_story_is_not(tmp_path, settings):
    (tmp_path / "orig.txt").write_text(story(1))
    # a sidebar of another story's paragraphs, kept by extraction: J ≈ 0.6, C ≈ 1
    sidebar = "\n\n".join(body(60).split("\n\n")[:3])
    (tmp_path / "copy.txt").write_text(story(1) + "\n\n" + sidebar + "\n")
    (tmp_path / "other.txt").write_text(story(2))
    with open_db(settings=settings) as sl:
        report = sl.ingest([str(tmp_path)])
    assert (report.ingested, report.near_duplicates) == (2, 1)


def test_candidates_come_from_the_band_index_not_from_every_signature(tmp_path, settings,
                                                                      monkeypatch):
    for n in range(30):
        (tmp_path / f"a{n:02d}.txt").write_text(story(n))
    with open_db(settings=settings) as sl:
        sl.ingest([str(tmp_path)])

        def refuse(*_a, **_k):
            raise AssertionError("a new article must not read every stored signature")

        monkeypatch.setattr(type(sl.store), "signatures", refuse)
        new = tmp_path / "new"
        new.mkdir()
        (new / "copy.txt").write_text(story(7).replace("item 7-0-0", "item seven"))
        report = sl.ingest([str(new)])
        rows = sl.store.conn.execute("SELECT count(*) FROM ingest_lsh_bands").fetchone()[0]
    assert report.near_duplicates == 1
    assert rows == 31 * settings.minhash_perm // dedupe.BAND_ROWS


def test_an_edited_file_is_a_revision_not_a_copy_of_its_stale_version(tmp_path, settings):
    path = tmp_path / "a.txt"
    path.write_text(story(1))
    with open_db(settings=settings) as sl:
        first = sl.ingest([str(path)])
        path.write_text(story(1).replace("item 1-2-0", "item 1-2-0 (corrected)"))
        second = sl.ingest([str(path)])
        again = sl.ingest([str(path)])
        old, new = sorted(sl.articles(), key=lambda a: a.id)
        assert (second.revisions, second.near_duplicates, again.unchanged) == (1, 0, 1)
        assert new.revision_of == old.id and new.duplicate_of is None
        assert sl.revisions(old.id) == sl.revisions(new.id) == [old.id, new.id]
        assert "(corrected)" in new.text and "(corrected)" not in old.text
    assert first.ingested == 1


def test_a_refetched_url_with_new_text_is_a_revision(settings):
    from storyline.ingest.fetch import Fetched

    version = {"text": body(1)}

    def fetcher(url, _settings):
        return Fetched(url=url, status=200, content_type="text/html", charset="utf-8",
                       body=_page("Ferry vote", version["text"], url).encode())

    url = "https://harborledger.example/2026/03/04/ferry-vote-delayed-again"
    with open_db(settings=settings) as sl:
        sl.ingest([url], fetcher=fetcher)
        version["text"] = body(1) + "\n\nUpdate: the council will vote again on Friday."
        report = sl.ingest([url], fetcher=fetcher)
        assert report.revisions == 1 and sl.counts()["articles"] == 2


def test_pages_whose_canonical_is_the_home_or_a_section_page_stay_apart(tmp_path, settings):
    (tmp_path / "a.html").write_text(_page("Ferry vote", body(1), "https://www.news.example/"))
    (tmp_path / "b.html").write_text(_page("Bridge opens", body(2), "https://www.news.example/"))
    (tmp_path / "c.html").write_text(_page("Strike ends", body(3),
                                           "https://news.example/latest-sport-news/"))
    (tmp_path / "d.html").write_text(_page("Grain tariff", body(4),
                                           "https://news.example/latest-sport-news/"))
    with open_db(settings=settings) as sl:
        report = sl.ingest([str(tmp_path)])
    assert (report.ingested, report.url_duplicates) == (4, 0)


def test_a_real_article_url_claimed_by_an_unrelated_text_does_not_swallow_it(tmp_path, settings):
    url = "https://news.example/2026/03/04/ferry-vote-delayed"
    (tmp_path / "a.html").write_text(_page("Ferry vote", body(1), url))
    (tmp_path / "b.html").write_text(_page("Bridge opens", body(2), url))
    with open_db(settings=settings) as sl:
        report = sl.ingest([str(tmp_path)])
    assert (report.ingested, report.url_duplicates) == (2, 0)
    assert any("different article" in note for note in report.notes)


def test_published_given_for_a_stored_article_is_set_recorded_and_reanalysis_is_due(
        tmp_path, settings):
    from storyline.models import Analysis, ComponentRun

    path = tmp_path / "a.txt"
    path.write_text(story(1))
    with open_db(settings=settings) as sl:
        [article_id] = sl.ingest([str(path)]).seen_ids
        assert sl.analysis(article_id) is None  # (makes the analysis tables)
        sl.store.save_analysis(Analysis(article_id, "v1", "analyzed", components={
            "time_exprs": ComponentRun("time_exprs.v1", "analyzed", None, "fp")}))
        report = sl.ingest([str(path)], published="2026-03-06")
        assert report.unchanged == 1 and sl.article(article_id).published == "2026-03-06"
        assert sl.analysis(article_id) is None  # anchored to no date: analyze again
        assert sl.store.analysis_fingerprints([article_id]) == {article_id: {}}
        [change] = sl.store.changes_of(article_id)
        assert (change["old"], change["new"], change["source"]) == (None, "2026-03-06",
                                                                    "--published")
        sl.ingest([str(path)], published="2026-03-07")  # the user corrects their own date
        assert sl.article(article_id).published == "2026-03-07"


def test_published_given_does_not_replace_a_date_the_source_states(tmp_path, settings):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"title": "Dated", "text": body(1),
                                "published": "2026-03-02"}) + "\n")
    with open_db(settings=settings) as sl:
        [article_id] = sl.ingest([str(path)]).seen_ids
        report = sl.ingest([str(path)], published="2026-03-06")
        assert sl.article(article_id).published == "2026-03-02"
    assert report.unchanged == 1


def test_reingesting_an_unchanged_folder_skips_extraction(tmp_path, settings, monkeypatch):
    from storyline.ingest import sources

    for n in range(5):
        (tmp_path / f"a{n}.txt").write_text(story(n))
    (tmp_path / "r.jsonl").write_text(json.dumps({"title": "R", "text": body(9)}) + "\n")
    with open_db(settings=settings) as sl:
        first = sl.ingest([str(tmp_path)])

        def refuse(*_a, **_k):
            raise AssertionError("an unchanged file must not be read again")

        monkeypatch.setattr(sources, "_read_file", refuse)
        again = sl.ingest([str(tmp_path)])
        assert (again.unchanged, again.ingested, again.skipped) == (6, 0, 0)
        assert sorted(again.seen_ids) == sorted(first.seen_ids)
        monkeypatch.undo()
        (tmp_path / "a0.txt").write_text(story(0) + "\nOne more line.\n")
        changed = sl.ingest([str(tmp_path)])
    assert (changed.revisions, changed.unchanged) == (1, 5)


def test_analyze_file_with_published_on_a_stored_article_reanalyzes_with_the_date(tmp_path,
                                                                                settings):
    from storyline.analyze.component import Component

    seen: list[str | None] = []

    def record(inputs):
        """Stands in for the spaCy components: records the date each article is analyzed with."""
        seen.append(inputs.published)
        return {}

    path = tmp_path / "a.txt"
    path.write_text(story(1))
    with open_db(settings=settings,
                 components=[Component("dates", "1", record, needs_doc=False)]) as sl:
        first = sl.analyze_source(str(path))
        again = sl.analyze_source(str(path), published="2026-03-06")
        assert first == again
        assert seen == [None, "2026-03-06"]
        assert sl.analysis(first).published == "2026-03-06"
