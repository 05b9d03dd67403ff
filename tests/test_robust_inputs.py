"""One bad input never stops a run: each case is a file of a few lines (issue 11)."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from robust_stories import body, story
from storyline.api import open as open_db
from storyline.errors import UsageError


def _page(title: str, text: str, head: str = "") -> str:
    paras = "".join(f"<p>{p}</p>" for p in text.split("\n\n") if p.strip())
    return (f"<html><head><title>{title}</title>{head}</head><body><article><h1>{title}</h1>"
            f"{paras}</article></body></html>")


def _titles(sl) -> set[str]:
    return {a.title for a in sl.articles()}


def test_malformed_urls_in_page_record_sidecar_and_feed_are_dropped_not_fatal(tmp_path, settings):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-page.html").write_text(_page("Canonical with a bad port", body(1), (
        '<link rel="canonical" href="http://example.com:99999/x">')))
    (folder / "b-records.jsonl").write_text(
        json.dumps({"title": "Unclosed IPv6 bracket", "text": body(2), "url": "http://[::1"})
        + "\n")
    (folder / "c-side.txt").write_text(story(3))
    (folder / "c-side.txt.meta.json").write_text('{"url": "https://news.example:0x50/a"}')
    (folder / "d-feed.rss").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Halvik Courier</title>'
        "<item><title>Item with a bad port</title><link>http://example.com:99999/item</link>"
        f"<description>{body(4)}</description></item></channel></rss>")
    (folder / "e-good.txt").write_text(story(5))
    with open_db(settings=settings) as sl:
        report = sl.ingest([str(folder)])
        stored = sl.articles()
    assert not report.problems and report.ingested == 5
    assert all(a.url is None for a in stored)
    assert all(a.outlet is None or ":" not in a.outlet for a in stored)
    assert sum("not a valid http(s) URL" in note for note in report.notes) == 4


def test_a_bad_url_or_date_given_by_the_user_is_a_usage_error_before_the_run(tmp_path, settings):
    (tmp_path / "a.txt").write_text(story(1))
    with open_db(settings=settings) as sl:
        with pytest.raises(UsageError, match="--url"):
            sl.ingest([str(tmp_path / "a.txt")], url="http://news.example:99999/a")
        with pytest.raises(UsageError, match="--published"):
            sl.ingest([str(tmp_path / "a.txt")], published="0000-00-00")
        assert sl.counts()["articles"] == 0


def test_lone_surrogates_in_json_strings_and_file_names_are_stored(tmp_path, settings):
    folder = tmp_path / "in"
    folder.mkdir()
    # a cut emoji: json.loads gives a lone surrogate, which UTF-8 (and SQLite) cannot hold
    (folder / "posts.jsonl").write_text(
        '{"title": "Quoted post \\ud83d", "text": "' + body(1).replace("\n", " ")
        + ' she wrote \\ud83d", "author": "Mira \\udc00Selby"}\n')
    name = os.fsdecode(b"caf\xe9-" + b"story.txt")  # a Latin-1 file name on a UTF-8 system
    (folder / name).write_text(story(2))
    with open_db(settings=settings) as sl:
        report = sl.ingest([str(folder)])
        assert not report.problems and report.ingested == 2
        texts = {a.title: a for a in sl.articles()}
    assert "Quoted post \ufffd" in texts
    assert texts["Quoted post \ufffd"].text.endswith("she wrote \ufffd")
    sources = {a.source for a in texts.values()}
    assert any("caf\\xe9-story.txt" in s for s in sources)


def test_a_problem_whose_source_holds_a_surrogate_is_recorded(tmp_path, settings):
    name = os.fsdecode(b"broken-\xff.txt")
    (tmp_path / name).write_text("")
    with open_db(settings=settings) as sl:
        report = sl.ingest([str(tmp_path / name)])
        [stored] = sl.store.problems()
    assert report.problems[0].reason == "empty" and stored.source.endswith("broken-\\xff.txt")


@pytest.mark.parametrize("value", ["1e400", "NaN", "-Infinity", "99999999999999999999",
                                   "-99999999999", "[1, 2]", '{"y": 2026}', "true",
                                   '"0000-00-00"', '"2026-02-30"', '"9999-12-31"'])
def test_published_that_is_no_date_is_dropped_with_a_note_and_the_article_kept(tmp_path, settings,
                                                                                value):
    line = '{"title": "Dated oddly", "text": "BODY", "published": ' + value + "}\n"
    (tmp_path / "x.jsonl").write_text(line.replace("BODY", body(1).replace("\n", " "))
                                      + json.dumps({"title": "Next", "text": body(2)}) + "\n")
    with open_db(settings=settings) as sl:
        report = sl.ingest([str(tmp_path / "x.jsonl")])
        stored = {a.title: a.published for a in sl.articles()}
    assert not report.problems
    assert stored == {"Dated oddly": None, "Next": None}
    assert any("x.jsonl:1: published" in note for note in report.notes)


def test_a_real_date_in_a_number_or_string_is_still_read(tmp_path, settings):
    lines = [{"title": "Seconds", "text": body(1), "published": 1772611200},
             {"title": "Millis", "text": body(2), "published": 1772611200000},
             {"title": "Text", "text": body(3), "published": "2026-03-04"}]
    (tmp_path / "x.jsonl").write_text("".join(json.dumps(r) + "\n" for r in lines))
    with open_db(settings=settings) as sl:
        sl.ingest([str(tmp_path / "x.jsonl")])
        stored = {a.title: a.published[:10] for a in sl.articles()}
    assert stored == {"Seconds": "2026-03-04", "Millis": "2026-03-04", "Text": "2026-03-04"}


def test_nesting_too_deep_costs_one_line_with_its_number_not_the_file(tmp_path, settings):
    deep = '{"title": "Deep", "text": "x", "author": ' + "[" * 5000 + "]" * 5000 + "}"
    nested = {"title": "Nested author", "text": body(1), "author": [[[[["Ilsa Marren"]]]]]}
    (tmp_path / "x.jsonl").write_text(deep + "\n" + json.dumps(nested) + "\n"
                                      + json.dumps({"title": "Last", "text": body(2)}) + "\n")
    with open_db(settings=settings) as sl:
        report = sl.ingest([str(tmp_path / "x.jsonl")])
        stored = {a.title: a.author for a in sl.articles()}
    assert [(p.line, p.reason) for p in report.problems] == [(1, "bad-json")]
    assert stored == {"Nested author": "Ilsa Marren", "Last": None}


def test_unicode_line_separators_inside_json_strings_do_not_split_the_line(tmp_path, settings):
    records = [{"title": f"Record {n}", "text": body(n).replace(". ", f".{sep} ", 1)}
               for n, sep in ((1, "\u2028"), (2, "\u2029"), (3, "\u0085"))]
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records) + "{broken\n"
    (tmp_path / "x.jsonl").write_text(text, encoding="utf-8")
    with open_db(settings=settings) as sl:
        report = sl.ingest([str(tmp_path / "x.jsonl")])
        assert _titles(sl) == {"Record 1", "Record 2", "Record 3"}
    assert [(p.line, p.reason) for p in report.problems] == [(4, "bad-json")]


def test_a_surrogate_character_reference_costs_one_character_not_the_feed(tmp_path, settings):
    items = "".join(
        f"<item><title>Item {n}{' &#xD800;' if n == 1 else ''}</title>"
        f"<link>https://courier.example/2026/03/item-number-{n}</link>"
        f"<description>{body(n)}{' &#55296; &#0; &#x110000;' if n == 2 else ''}</description>"
        "</item>" for n in (1, 2, 3))
    (tmp_path / "f.rss").write_text('<?xml version="1.0"?><rss version="2.0"><channel>'
                                    f"<title>Halvik Courier</title>{items}</channel></rss>")
    with open_db(settings=settings) as sl:
        report = sl.ingest([str(tmp_path / "f.rss")])
        titles = _titles(sl)
    assert not report.problems
    assert titles == {"Item 1 \ufffd", "Item 2", "Item 3"}


def test_an_unreadable_subfolder_is_reported_and_its_siblings_read(tmp_path, settings,
                                                                   monkeypatch):
    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    (folder / "locked" / "hidden.txt").write_text(story(1))
    (folder / "open.txt").write_text(story(2))
    real_scandir = os.scandir

    def scandir(path="."):
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    with open_db(settings=settings) as sl:
        report = sl.ingest([str(folder)])
        assert _titles(sl) == {story(2).split("\n")[0]}
    [problem] = report.problems
    assert problem.reason == "unreadable" and problem.source.endswith("locked")
    assert "permissions" in problem.detail


def test_a_source_inside_an_unreadable_folder_is_reported_and_the_run_goes_on(tmp_path, settings,
                                                                             monkeypatch):
    (tmp_path / "ok.txt").write_text(story(1))
    real_is_dir = Path.is_dir

    def is_dir(self):
        if "locked" in str(self):
            raise PermissionError(13, "Permission denied", str(self))
        return real_is_dir(self)

    monkeypatch.setattr(Path, "is_dir", is_dir)
    with open_db(settings=settings) as sl:
        report = sl.ingest([str(tmp_path / "locked" / "x.txt"), str(tmp_path / "ok.txt")])
    assert report.ingested == 1
    assert [(p.reason, "permissions" in p.detail) for p in report.problems] == [
        ("unreadable", True)]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_a_folder_without_read_permission_is_reported(tmp_path, settings):
    locked = tmp_path / "in" / "locked"
    locked.mkdir(parents=True)
    (locked / "a.txt").write_text(story(1))
    (tmp_path / "in" / "b.txt").write_text(story(2))
    locked.chmod(0)
    try:
        with open_db(settings=settings) as sl:
            report = sl.ingest([str(tmp_path / "in")])
    finally:
        locked.chmod(0o755)
    assert report.ingested == 1 and [p.reason for p in report.problems] == ["unreadable"]


def test_a_gzip_inside_a_gzip_is_held_to_max_bytes(tmp_path, settings):
    inner = gzip.compress(("word " * 50_000).encode())  # 250 kB of text in a few hundred bytes
    (tmp_path / "bomb.txt.gz").write_bytes(gzip.compress(inner))
    (tmp_path / "fine.txt.gz").write_bytes(gzip.compress(gzip.compress(story(1).encode())))
    with open_db(settings=settings.with_(max_bytes=100_000)) as sl:
        report = sl.ingest([str(tmp_path / "bomb.txt.gz"), str(tmp_path / "fine.txt.gz")])
    assert report.ingested == 1
    assert [(Path(p.source).name, p.reason) for p in report.problems] == [
        ("bomb.txt.gz", "too-large")]


def test_a_json_body_that_is_a_bare_paragraph_loses_its_tags(tmp_path, settings):
    record = {"title": "Bare paragraphs",
              "text": "<p>" + "</p><p>".join(body(1).split("\n\n")) + "</p>"}
    (tmp_path / "x.jsonl").write_text(json.dumps(record) + "\n")
    with open_db(settings=settings) as sl:
        sl.ingest([str(tmp_path / "x.jsonl")])
        [article] = sl.articles()
    assert "<p>" not in article.text and "</p>" not in article.text
    assert article.text.count("\n\n") == 4


def test_the_same_file_by_absolute_path_or_symlink_adds_no_sighting(tmp_path, settings,
                                                                    monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(story(1))
    (tmp_path / "link.txt").symlink_to(folder / "a.txt")
    monkeypatch.chdir(tmp_path)
    with open_db(settings=settings) as sl:
        sl.ingest(["in/a.txt"])
        again = [sl.ingest([str(folder / "a.txt")]), sl.ingest(["link.txt"]),
                 sl.ingest(["./in/../in/a.txt"])]
        assert [r.unchanged for r in again] == [1, 1, 1]
        assert sl.counts()["sightings"] == 1


def test_records_that_moved_to_other_lines_add_no_sighting(tmp_path, settings):
    lines = [json.dumps({"title": f"Record {n}", "text": body(n)}) for n in (1, 2, 3)]
    path = tmp_path / "x.jsonl"
    path.write_text("\n".join(lines) + "\n")
    with open_db(settings=settings) as sl:
        sl.ingest([str(path)])
        path.write_text(json.dumps({"title": "New first", "text": body(9)}) + "\n\n"
                        + "\n".join(reversed(lines)) + "\n")
        report = sl.ingest([str(path)])
        assert (report.ingested, report.unchanged, report.exact_duplicates) == (1, 3, 0)
        assert sl.counts()["sightings"] == 4


def test_an_unexpected_error_in_one_input_is_its_problem_and_debug_reraises(tmp_path, settings,
                                                                           monkeypatch):
    from storyline.ingest import text as text_module

    (tmp_path / "a.txt").write_text(story(1))
    (tmp_path / "b.txt").write_text("TRIGGER\n\n" + body(2))
    real = text_module.text_document

    def flaky(raw, **kw):
        if raw.startswith("TRIGGER"):
            raise ZeroDivisionError("an extractor bug")
        return real(raw, **kw)

    monkeypatch.setattr(text_module, "text_document", flaky)
    with open_db(settings=settings) as sl:
        report = sl.ingest([str(tmp_path)])
    assert report.ingested == 1
    [problem] = report.problems
    assert problem.reason == "unexpected-error" and problem.source.endswith("b.txt")
    assert "ZeroDivisionError: an extractor bug" in problem.detail and "debug" in problem.detail
    with open_db(settings=settings.with_(debug=True, db=str(tmp_path / "d.db"))) as sl, \
            pytest.raises(ZeroDivisionError):
        sl.ingest([str(tmp_path / "b.txt")])


def test_a_record_that_breaks_the_reader_costs_that_record_only(tmp_path, settings, monkeypatch):
    from storyline.ingest import sources

    real = sources._record_document

    def flaky(record, source, overrides, file_key=None, headlines=True):
        if record.get("title") == "boom":
            raise KeyError("surprise")
        return real(record, source, overrides, file_key, headlines)

    monkeypatch.setattr(sources, "_record_document", flaky)
    lines = [{"title": "first", "text": body(1)}, {"title": "boom", "text": body(2)},
             {"title": "third", "text": body(3)}]
    (tmp_path / "x.jsonl").write_text("".join(json.dumps(r) + "\n" for r in lines))
    with open_db(settings=settings) as sl:
        report = sl.ingest([str(tmp_path / "x.jsonl")])
        assert _titles(sl) == {"first", "third"}
    assert [(p.line, p.reason) for p in report.problems] == [(2, "unexpected-error")]
