"""Invariants of the built-in demo corpus and its manifest.

These read the corpus files directly (json, lxml, feedparser) and never call storyline's own
ingest code, so they say whether the *fixture* is sound, independently of the code under test.
"""

from __future__ import annotations

import calendar
import json
import re
from collections import Counter
from datetime import datetime
from functools import cache
from pathlib import Path
from urllib.parse import urlparse

import feedparser
import lxml.html
import pytest

CORPUS = Path(__file__).resolve().parents[1] / "src" / "storyline" / "demo" / "corpus"
ARTICLE_EXT = {".txt", ".html", ".jsonl", ".rss"}
SIDECAR_KEYS = {"outlet", "published", "url", "author"}
FORMS = {"direct", "partial", "indirect", "interrupted", "multi-paragraph"}


@cache
def _manifest() -> dict:
    return json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))


def _articles() -> list[dict]:
    return _manifest()["articles"]


def _entry(file: str) -> dict:
    return next(a for a in _articles() if a["file"] == file)


def _sidecar_path(path: Path) -> Path | None:
    for candidate in (path.with_name(path.name + ".meta.json"),
                      path.with_name(path.stem + ".meta.json")):
        if candidate.exists():
            return candidate
    return None


def _split(file: str) -> tuple[Path, int | None]:
    name, _, num = file.partition("#")
    return CORPUS / name, int(num) if num else None


@cache
def _jsonl_records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


@cache
def _feed(path: Path):
    return feedparser.parse(path.read_bytes())


def _paragraphs_of_html_fragment(fragment: str) -> list[str]:
    root = lxml.html.fromstring(f"<div>{fragment}</div>")
    return [p.text_content().strip() for p in root.iter("p")]


def _body(entry: dict) -> str:
    """The article's own text, read the way a careful human would (chrome per the manifest out)."""
    path, num = _split(entry["file"])
    fmt = entry["format"]
    if fmt == "txt":
        blocks = path.read_text(encoding="utf-8").strip("\n").split("\n\n")
        if entry["first_line_is_headline"]:
            blocks = blocks[1:]
        blocks = [b for b in blocks if b not in entry["chrome"]]
        return "\n\n".join(blocks)
    if fmt == "html":
        root = lxml.html.fromstring(path.read_bytes())
        paras = root.xpath("//div[@class='article-body']/p")
        return "\n\n".join(p.text_content().strip() for p in paras)
    if fmt == "jsonl":
        record = _jsonl_records(path)[num - 1]
        return record.get("body") or record["text"]
    if fmt == "rss":
        item = _feed(path).entries[num - 1]
        html = item["content"][0]["value"] if item.get("content") else item["summary"]
        paras = [p for p in _paragraphs_of_html_fragment(html) if p not in entry["chrome"]]
        return "\n\n".join(paras)
    raise AssertionError(f"unknown format {fmt!r} in manifest for {entry['file']}")


# -- the manifest and the files agree ---------------------------------------------------------


def test_manifest_lists_every_article_file_and_nothing_missing():
    on_disk = {str(p.relative_to(CORPUS)) for p in CORPUS.rglob("*")
               if p.is_file() and p.suffix in ARTICLE_EXT}
    in_manifest = {a["file"].partition("#")[0] for a in _articles()}
    assert on_disk == in_manifest


def test_every_jsonl_line_and_feed_item_has_exactly_one_manifest_entry():
    for path in CORPUS.rglob("*.jsonl"):
        n = len(_jsonl_records(path))
        rel = str(path.relative_to(CORPUS))
        assert sorted(a["file"] for a in _articles() if a["file"].startswith(rel + "#")) == \
            sorted(f"{rel}#{i}" for i in range(1, n + 1))
    for path in CORPUS.rglob("*.rss"):
        n = len(_feed(path).entries)
        rel = str(path.relative_to(CORPUS))
        assert sorted(a["file"] for a in _articles() if a["file"].startswith(rel + "#")) == \
            sorted(f"{rel}#{i}" for i in range(1, n + 1))


def test_manifest_file_names_are_unique():
    files = [a["file"] for a in _articles()]
    assert len(files) == len(set(files))


def test_readme_mentions_every_manifest_file():
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    missing = [a["file"] for a in _articles() if f"`{a['file']}`" not in readme]
    assert not missing


# -- the corpus is big and varied enough -------------------------------------------------------


def test_format_counts_meet_the_minimums():
    counts = Counter(a["format"] for a in _articles())
    assert counts["txt"] >= 12
    assert counts["html"] >= 8
    assert counts["jsonl"] >= 6
    assert counts["rss"] >= 5
    assert len(_articles()) >= 32


def test_at_least_five_outlets_and_three_multi_article_stories():
    outlets = {a["outlet"] for a in _articles() if a["outlet"]}
    assert len(outlets) >= 5
    per_story = Counter(a["story"] for a in _articles())
    assert sum(1 for n in per_story.values() if n >= 3) >= 3
    assert {s["id"] for s in _manifest()["stories"]} == set(per_story)


def test_publication_dates_span_at_least_two_weeks_and_carry_offsets():
    stamps = [datetime.fromisoformat(a["published"]) for a in _articles() if a["published"]]
    assert all(s.tzinfo is not None for s in stamps)
    assert (max(stamps) - min(stamps)).days >= 14
    assert all(s.year == 2026 for s in stamps)


def test_every_story_timeline_is_in_date_order():
    for story in _manifest()["stories"]:
        dates = [t["date"] for t in story["timeline"]]
        assert dates == sorted(dates), story["id"]


def test_article_bodies_are_between_150_and_600_words():
    for entry in _articles():
        words = len(_body(entry).split())
        assert 150 <= words <= 600, (entry["file"], words)


def test_urls_are_fictional_example_domains():
    for entry in _articles():
        if entry["url"]:
            assert urlparse(entry["url"]).hostname.endswith(".example"), entry["file"]


# -- each format is well formed ------------------------------------------------------------------


def test_jsonl_export_parses_and_uses_both_field_namings():
    path = CORPUS / "exports" / "valdoria-wire.jsonl"
    records = _jsonl_records(path)
    assert len(records) >= 6
    assert all(isinstance(r, dict) for r in records)
    main = [r for r in records if {"headline", "body", "link", "date"} <= r.keys()]
    alt = [r for r in records if {"title", "text", "url", "published"} <= r.keys()]
    assert len(main) + len(alt) == len(records)
    assert main and alt
    for i, record in enumerate(records, 1):
        entry = _entry(f"exports/valdoria-wire.jsonl#{i}")
        assert (record.get("headline") or record["title"]) == entry["title"]
        assert (record.get("date") or record["published"]) == entry["published"]
        assert (record.get("link") or record["url"]) == entry["url"]
        assert record["source"] == entry["outlet"]


def test_rss_feed_parses_with_full_text_items():
    path = CORPUS / "feeds" / "kestrel-news-agency.rss"
    feed = _feed(path)
    assert not feed.bozo, feed.get("bozo_exception")
    assert len(feed.entries) >= 5
    for i, item in enumerate(feed.entries, 1):
        entry = _entry(f"feeds/kestrel-news-agency.rss#{i}")
        assert item.title == entry["title"]
        assert item.link == entry["url"]
        assert calendar.timegm(item.published_parsed) == \
            datetime.fromisoformat(entry["published"]).timestamp()
        html = item["content"][0]["value"] if item.get("content") else item["summary"]
        assert html.count("<p>") == entry["paragraphs"] + len(entry["chrome"])
    assert any(not item.get("content") for item in feed.entries), "one item carries text only in description"


def test_every_txt_has_a_valid_sidecar_or_is_listed_as_metadata_less():
    metadata_less = set(_manifest()["metadata_less"])
    for entry in (a for a in _articles() if a["format"] == "txt"):
        path = CORPUS / entry["file"]
        side = _sidecar_path(path)
        if entry["file"] in metadata_less:
            assert side is None and entry["sidecar"] is None
            continue
        assert side is not None, f"{entry['file']} has no sidecar and is not listed metadata-less"
        assert str(side.relative_to(CORPUS)) == entry["sidecar"]
        meta = json.loads(side.read_text(encoding="utf-8"))
        assert set(meta) <= SIDECAR_KEYS, set(meta) - SIDECAR_KEYS
        assert datetime.fromisoformat(meta["published"]).tzinfo is not None
        for key in meta:
            assert meta[key] == entry[key], (entry["file"], key)


def test_sidecars_all_belong_to_a_text_file():
    for side in CORPUS.rglob("*.meta.json"):
        stem = side.name[: -len(".meta.json")]
        assert (side.parent / stem).exists() or (side.parent / f"{stem}.txt").exists(), side


def test_txt_headline_and_dek_lines_match_the_manifest():
    for entry in (a for a in _articles() if a["format"] == "txt"):
        lines = (CORPUS / entry["file"]).read_text(encoding="utf-8").split("\n")
        if not entry["first_line_is_headline"]:
            assert entry["title"] is None
            assert lines[0] == entry["body_start"] + lines[0][len(entry["body_start"]):]
            assert lines[0].endswith(".") and len(lines[0].split()) > 20
            continue
        assert lines[0] == entry["title"]
        if entry["dek"]:
            assert lines[1] == entry["dek"]
        else:
            assert lines[1] == ""


def test_txt_variety_of_layouts_and_chrome():
    txts = [a for a in _articles() if a["format"] == "txt"]
    assert any(not a["dek"] and a["first_line_is_headline"] for a in txts)
    assert any(not a["first_line_is_headline"] for a in txts)
    chrome = [c for a in txts for c in a["chrome"]]
    assert any(c.startswith("What's Your Reaction?\nLike\nDislike") for c in chrome)
    assert "What's Your Reaction?\nlike dislike love funny angry sad wow" in chrome
    assert "Share this article" in chrome
    assert any(c.startswith("Follow us on") for c in chrome)
    assert any(c.startswith("Read more: ") for c in chrome)
    assert any(c.startswith("Related: ") for c in chrome)
    assert any(re.fullmatch(r"Photo: [^/]+/.+", c) for c in chrome)
    assert any(a["title"] in a["chrome"] for a in txts), "a headline repeated as first body line"


def test_txt_chrome_lines_are_really_in_the_files():
    for entry in (a for a in _articles() if a["format"] == "txt"):
        blocks = (CORPUS / entry["file"]).read_text(encoding="utf-8").strip("\n").split("\n\n")
        for line in entry["chrome"]:
            assert line in blocks, (entry["file"], line)


def _meta_reader(root, file: str):
    def meta(attr: str, value: str) -> str:
        found = root.xpath(f"//meta[@{attr}='{value}']/@content")
        assert found, (file, value)
        return found[0]
    return meta


def test_html_pages_carry_news_metadata_and_chrome():
    for entry in (a for a in _articles() if a["format"] == "html"):
        root = lxml.html.fromstring((CORPUS / entry["file"]).read_bytes())
        meta = _meta_reader(root, entry["file"])
        assert root.findtext(".//title").startswith(entry["title"])
        assert meta("property", "og:title") == entry["title"]
        assert meta("property", "og:site_name") == entry["outlet"]
        assert meta("name", "author") == entry["author"]
        assert meta("property", "article:published_time") == entry["published"]
        assert root.xpath("//link[@rel='canonical']/@href") == [entry["url"]]
        widget = root.xpath("//section[@class='reactions']")[0]
        assert widget.findtext("h3") == "What's Your Reaction?"
        counts = {b.findtext("span[@class='label']").lower(): int(b.findtext("span[@class='count']"))
                  for b in widget.iter("button")}
        assert counts == entry["reactions"]
        assert set(counts) == {"like", "dislike", "love", "funny", "angry", "sad", "wow"}
        credits = [c.text_content() for c in root.xpath("//figure//span[@class='credit']")]
        assert credits == [f"Photo: {f['credit']}" for f in entry["figures"]]
        for part in ("nav", "footer"):
            assert root.xpath(f"//{part}"), (entry["file"], part)
        assert root.xpath("//div[@class='cookie-banner']")
        assert root.xpath("//div[starts-with(@class, 'share-buttons')]")
        assert root.xpath("//aside[@class='sidebar']//section[@class='related']//li")


# -- the manifest's annotations are true of the text -------------------------------------------


def test_manifest_body_summary_matches_each_article():
    for entry in _articles():
        body = _body(entry)
        assert body.startswith(entry["body_start"]), entry["file"]
        assert body.endswith(entry["body_end"]), entry["file"]
        assert len(body.split("\n\n")) == entry["paragraphs"], entry["file"]
        assert len(body.split()) == entry["words"], entry["file"]


def test_annotated_quotes_and_time_expressions_occur_in_the_body():
    for entry in _articles():
        body = _body(entry)
        for q in entry["quotes"]:
            assert q["text"] in body, (entry["file"], q["text"])
            assert q["form"] in FORMS, (entry["file"], q["form"])
        for t in entry["time_expressions"]:
            assert t["text"] in body, (entry["file"], t["text"])


def test_relative_dates_resolve_only_when_a_publication_time_is_known():
    for entry in _articles():
        values = [t["value"] for t in entry["time_expressions"]]
        if entry["published"]:
            assert all(values), entry["file"]
        else:
            assert values and not any(values), entry["file"]


def test_quote_speakers_and_article_people_are_listed_people():
    names = {p["name"] for p in _manifest()["people"]}
    for entry in _articles():
        assert set(entry["people"]) <= names
        for q in entry["quotes"]:
            assert q["speaker"] in names, (entry["file"], q["speaker"])


def test_every_original_article_quotes_someone_and_expands_an_acronym():
    for entry in (a for a in _articles() if a["duplicate_of"] is None):
        body = _body(entry)
        assert entry["quotes"], entry["file"]
        assert entry["time_expressions"], entry["file"]
        assert entry["acronyms"], entry["file"]
        for acr in entry["acronyms"]:
            assert f"{acr['long']} ({acr['short']})" in body.replace("\u2019", "'"), entry["file"]


def test_all_quote_forms_appear_in_the_corpus():
    forms = {q["form"] for a in _articles() for q in a["quotes"]}
    assert forms == FORMS


def test_straight_and_curly_quotes_both_occur():
    bodies = [_body(a) for a in _articles()]
    assert any('"' in b for b in bodies)
    assert any("\u201c" in b and "\u201d" in b for b in bodies)


def test_people_include_a_shared_surname_and_a_title_that_changes_hands():
    people = _manifest()["people"]
    surnames = Counter(p["name"].split()[-1] for p in people)
    assert any(n >= 2 for n in surnames.values())
    assert any(any(t.lower().startswith("former") for t in p["titles"]) for p in people)
    defence = [r for p in people for r in p.get("roles", []) if r["title"] == "Defence Minister"]
    assert len(defence) == 2
    ended = [r for r in defence if r["to"]]
    started = [r for r in defence if not r["to"]]
    assert ended and started and ended[0]["to"] <= started[0]["from"]


def test_reaction_story_uses_reaction_words_inside_real_sentences():
    entry = next(a for a in _articles() if a["story"] == "chatterline-reactions")
    body = _body(entry)
    assert "like, dislike, love, funny, angry, sad and wow" in body
    assert "What\u2019s your reaction?" in body
    assert any(p.startswith("Like ") for p in body.split("\n\n"))
    assert any(c.startswith("What's Your Reaction?") for c in entry["chrome"])


# -- duplicates and contradictions -------------------------------------------------------------


def test_exact_duplicates_have_identical_bodies():
    exact = [a for a in _articles() if a["duplicate_kind"] == "exact"]
    assert exact
    for copy in exact:
        original = _entry(copy["duplicate_of"])
        assert _body(copy) == _body(original)
        assert copy["format"] != original["format"]


def test_near_copies_trim_a_paragraph_and_change_the_headline():
    near = [a for a in _articles() if a["duplicate_kind"] == "near"]
    assert len(near) >= 3
    for copy in near:
        original = _entry(copy["duplicate_of"])
        assert original["duplicate_of"] is None
        copy_paras, orig_paras = _body(copy).split("\n\n"), _body(original).split("\n\n")
        assert set(copy_paras) < set(orig_paras), copy["file"]
        assert len(orig_paras) - len(copy_paras) == 1, copy["file"]
        assert copy["title"] != original["title"], copy["file"]


def test_originals_are_not_marked_as_copies():
    for entry in _articles():
        assert (entry["duplicate_of"] is None) == (entry["duplicate_kind"] is None)


def test_contradictions_name_real_files_on_both_sides():
    contradictions = _manifest()["contradictions"]
    assert len(contradictions) >= 2
    files = {a["file"] for a in _articles()}
    for c in contradictions:
        assert len(c["sides"]) >= 2
        assert len({s["value"] for s in c["sides"]}) == len(c["sides"])
        for side in c["sides"]:
            assert side["files"] and set(side["files"]) <= files, c["id"]


@pytest.mark.parametrize("cid, needles", [
    ("C1", {"14": "crew of 14", "11": "11 crew"}),
    ("C2", {"Ilsa Marren (Foreign Minister)": "Marren", "Lukas Brandt (Deputy Foreign Minister)":
            "Deputy Foreign Minister Lukas Brandt"}),
    ("C3", {"2026-03-13": "on Friday", "2026-03-12": "released in Skarholm last Thursday"}),
    ("C4", {"7": "seven", "9": "Nine"}),
    ("C5", {"1,204 for, 388 against": "1,204", "1,240 for, 383 against": "1,240"}),
])
def test_contradicting_statements_are_in_the_named_files(cid, needles):
    c = next(c for c in _manifest()["contradictions"] if c["id"] == cid)
    for side in c["sides"]:
        needle = needles[side["value"]]
        first = side["files"][0]
        assert needle in _body(_entry(first)), (cid, first, needle)
