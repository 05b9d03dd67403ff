"""Property: a hostile value in any field of any source kind costs at most its own record.

Each example puts one generated value (a URL, date, number, nesting, surrogate, control
character, markup, name) into one field of one record of one kind of source, next to control
articles of every kind, and checks that the run finishes, that every control article is stored,
that every record is accounted for (an article or a problem), and that a rerun adds nothing.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from robust_stories import body
from storyline.api import open as open_db
from storyline.settings import Settings

_URLS = st.sampled_from([
    "http://example.com:99999/x", "http://[::1", "http://[::1]:0/", "https://x.example:-1/",
    "javascript:alert(1)", "ftp://files.example/a", "http://", "//no-scheme.example/a",
    "http://exa mple.com/", "https://news.example/%zz", "http://\ud83d.example/",
    "http://xn--.example/", "https://news.example/" + "a" * 5000, "mailto:desk@news.example"])
_DATES = st.sampled_from([
    "0000-00-00", "2026-02-30", "9999-12-31T99:99", "yesterday-ish", "[1,2]", "1e400",
    "-0001-01-01", "2026-03-04T25:61:00+99:00", "Wed, 32 Mar 2026 99:00:00 +0000", "\x00",
    "2026-03-04\u2028"])
_NUMBERS = st.one_of(
    st.sampled_from([math.nan, math.inf, -math.inf, 1e308, -1e308, 10**20, -(10**11), 0, -1]),
    st.integers(), st.floats(allow_nan=True, allow_infinity=True))
_SURROGATES = st.text(alphabet=st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),
                      min_size=1, max_size=4)
_CONTROLS = st.text(alphabet=st.characters(max_codepoint=0x1F), min_size=1, max_size=12)
_WEIRD_TEXT = st.one_of(
    _SURROGATES, _CONTROLS, st.text(max_size=40),
    st.sampled_from(["<p>", "</article>", "]]>", "&#xD800;", "\u2028\u2029\u0085", "\ufeff",
                     "\u202e", "' OR 1=1 --", "%s%n", "\\", "\u0000" * 3, "a\rb\r\nc",
                     "<script>alert(1)</script>", "&amp;&lt;", "\udc80\udcff"]))


def _nested(depth: int) -> object:
    value: object = "Ilsa Marren"
    for _ in range(depth):
        value = [value]
    return value


_VALUES = st.one_of(_URLS, _DATES, _NUMBERS, _WEIRD_TEXT, st.booleans(), st.none(),
                    st.integers(min_value=1, max_value=1200).map(_nested),
                    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
                    st.lists(st.integers(), max_size=4))
_FIELDS = st.sampled_from(["title", "text", "url", "published", "outlet", "author", "dek",
                           "language"])
_KINDS = st.sampled_from(["jsonl", "json", "html", "feed", "sidecar", "name"])
_NAMES = st.sampled_from([os.fsdecode(b"caf\xe9.txt"), "line\nbreak.txt", "tab\there.txt",
                          "a:12.txt", "hash#1.txt", "x" * 200 + ".txt", " leading.txt",
                          "\u202eevil.txt", "ünïcödé.txt", "-dash.txt", "semi;colon.txt"])


def _xml_text(value: object) -> str:
    """A value as XML/HTML character data: markup escaped, unencodable characters as refs."""
    text = value if isinstance(value, str) else json.dumps(value, default=str)
    out = []
    for ch in text:
        code = ord(ch)
        if ch in "&<>\"'":
            out.append(f"&#{code};")
        elif 0xD800 <= code <= 0xDFFF or code < 0x20:
            out.append(f"&#x{code:X};")
        else:
            out.append(ch)
    return "".join(out)


def _record(seed: int, field: str | None = None, value: object = None) -> dict[str, object]:
    rec: dict[str, object] = {"title": f"Record {seed}", "text": body(seed)}
    if field is not None:
        rec[field] = value
    return rec


def _page(seed: int, field: str | None = None, value: object = None) -> str:
    title = _xml_text(value) if field == "title" else f"Page {seed}"
    head = f"<title>{title}</title>"
    if field == "url":
        head += f'<link rel="canonical" href="{_xml_text(value)}">'
    if field == "published":
        head += f'<meta property="article:published_time" content="{_xml_text(value)}">'
    if field in ("outlet", "author", "dek", "language"):
        name = {"outlet": "og:site_name", "author": "author", "dek": "description",
                "language": "language"}[field]
        head += f'<meta name="{name}" content="{_xml_text(value)}">'
    paras = "".join(f"<p>{p}</p>" for p in body(seed).split("\n\n"))
    if field == "text":
        paras += f"<p>{_xml_text(value)}</p>"
    return f"<html><head>{head}</head><body><article><h1>{title}</h1>{paras}</article></body></html>"


def _item(seed: int, field: str | None = None, value: object = None) -> str:
    title = _xml_text(value) if field == "title" else f"Item {seed}"
    link = (_xml_text(value) if field == "url"
            else f"https://courier.example/2026/03/item-number-{seed}")
    date = (_xml_text(value) if field == "published" else "Wed, 04 Mar 2026 07:00:00 +0000")
    author = f"<author>{_xml_text(value)}</author>" if field == "author" else ""
    text = _xml_text(body(seed)) + (" " + _xml_text(value) if field == "text" else "")
    return (f"<item><title>{title}</title><link>{link}</link><pubDate>{date}</pubDate>{author}"
            f"<description>{text}</description></item>")


def _write(folder: Path, kind: str, field: str, value: object, name: str) -> int:
    """The controls and the one hostile record; returns how many records were written."""
    def dumps(rec: dict[str, object]) -> str:
        return json.dumps(rec, default=str)  # ensure_ascii: a surrogate stays a \\ud83d escape

    hostile = kind
    lines = [_record(10), _record(11, field, value) if hostile == "jsonl" else _record(12),
             _record(13)]
    (folder / "records.jsonl").write_text("".join(dumps(r) + "\n" for r in lines))
    records = [_record(20), _record(21, field, value) if hostile == "json" else _record(22)]
    (folder / "records.json").write_text("[" + ",".join(dumps(r) for r in records) + "]")
    (folder / "page-a.html").write_text(_page(30))
    (folder / "page-b.html").write_text(_page(31, field, value) if hostile == "html"
                                        else _page(32))
    items = [_item(40), _item(41, field, value) if hostile == "feed" else _item(42), _item(43)]
    (folder / "feed.rss").write_text('<?xml version="1.0"?><rss version="2.0"><channel>'
                                     f"<title>Halvik Courier</title>{''.join(items)}"
                                     "</channel></rss>")
    (folder / "story.txt").write_text(f"Story 50\n\n{body(50)}")
    if hostile == "sidecar":
        (folder / "story.txt.meta.json").write_text(dumps({field: value}))
    target = name if hostile == "name" else "plain.txt"
    (folder / target).write_bytes(f"Story 60\n\n{body(60)}".encode("utf-8", "surrogateescape"))
    return len(lines) + len(records) + 2 + len(items) + 2


_CONTROLS_STORED = {"Record 10", "Record 13", "Record 20", "Page 30", "Item 40", "Item 43"}


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(kind=_KINDS, field=_FIELDS, value=_VALUES, name=_NAMES)
def test_a_hostile_value_in_any_field_costs_at_most_its_own_record(kind, field, value, name):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        expected = _write(folder, kind, field, value, name)
        cfg = Settings(db=str(Path(tmp) / "x.db"), fetch_feed_pages=False)
        with open_db(settings=cfg) as sl:
            first = sl.ingest([str(folder)])
            titles = {a.title for a in sl.articles()}
            assert _CONTROLS_STORED <= titles, (first.problems, titles)
            assert first.documents + first.skipped >= expected, first.summary()
            # a hostile record may be skipped, but never takes a neighbour with it
            assert first.skipped <= 1, first.problems
            for problem in first.problems:
                assert problem.reason and problem.source
            stored = sl.counts()
            again = sl.ingest([str(folder)])
            assert again.ingested == again.near_duplicates == again.revisions == 0
            assert sl.counts() == stored
