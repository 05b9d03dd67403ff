"""Feeds: RSS 2.0, Atom and RDF samples (fictional outlets), item pages through a mock network."""

from __future__ import annotations

import httpx
import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from storyline.errors import SourceError
from storyline.ingest.feed import html_to_text, looks_like_feed, read_feed
from storyline.ingest.fetch import fetch_page
from storyline.models import Document, Problem
from storyline.settings import Settings

FEED_URL = "https://courier.example/feed.xml"

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<?xml-stylesheet type="text/xsl" href="/feed.xsl"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>The Valdmoor Courier</title>
  <link>https://courier.example/</link>
  <language>en-GB</language>
  <item>
    <title>Bridge &amp; tunnel vote delayed</title>
    <link>https://courier.example/news/bridge-vote</link>
    <guid>https://courier.example/?p=101</guid>
    <dc:creator>Marta Ilven</dc:creator>
    <pubDate>Tue, 05 Mar 2024 14:30:00 +0100</pubDate>
    <description>The council put off the vote.</description>
    <content:encoded><![CDATA[<p>The council of Valdmoor postponed the bridge vote.</p>
      <p>Mayor Idris Kell said the city &ldquo;needs more time&rdquo;.</p>
      <script>trackReader()</script>]]></content:encoded>
  </item>
  <item>
    <title>Harbour fees to rise</title>
    <link>/news/harbour-fees</link>
    <pubDate>Wed, 06 Mar 2024 09:00:00 GMT</pubDate>
    <description>&lt;p&gt;Harbour fees in Valdmoor will rise in &lt;b&gt;April&lt;/b&gt;.&lt;/p&gt;</description>
  </item>
</channel>
</rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Northgate Ledger</title>
  <id>tag:ledger.example,2024:feed</id>
  <updated>2024-03-06T08:00:00-05:00</updated>
  <entry>
    <title type="html">Ferry &lt;em&gt;strike&lt;/em&gt; ends</title>
    <link rel="alternate" href="https://ledger.example/ferry-strike"/>
    <id>tag:ledger.example,2024:1</id>
    <published>2024-03-06T08:00:00-05:00</published>
    <author><name>Osric Penn</name></author>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">
      <p>Ferries to Northgate run again.</p><p>The union accepted the offer.</p></div></content>
  </entry>
</feed>"""

RDF = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
  <channel rdf:about="https://almanac.example/"><title>Eastmarch Almanac</title></channel>
  <item rdf:about="https://almanac.example/frost"><title>Early frost</title>
    <link>https://almanac.example/frost</link><description>Frost came early.</description></item>
</rdf:RDF>"""

BROKEN_ITEM_RSS = b"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Southreach Wire</title>
  <item><title>Only a headline, nothing else</title></item>
  <item><title>Mill reopens</title><description>The old mill in Southreach reopened.</description></item>
</channel></rss>"""

ARTICLE_PAGE = b"""<!DOCTYPE html><html><head><title>Bridge vote delayed | Courier</title></head>
<body><nav>Home | World</nav><article><p>The full article from the Courier's own page.</p>
<p>It has a second paragraph.</p></article></body></html>"""


def resolve(host: str) -> list[str]:
    return {"courier.example": ["93.184.216.40"], "ledger.example": ["93.184.216.41"],
            "intranet.example": ["10.9.9.9"]}[host]


def page_fetcher(handler, settings: Settings | None = None):
    transport = httpx.MockTransport(handler)
    return lambda url: fetch_page(url, settings or Settings(), transport=transport, resolve=resolve)


def article_extract(body: bytes, *, source: str, url: str) -> Document:
    """Stands in for the HTML extractor: keeps the <article> paragraphs."""
    html = body.decode("utf-8")
    inner = html[html.index("<article>"):html.index("</article>")]
    return Document(text=html_to_text(inner), source=source, via="html", url=url,
                    title="Bridge vote delayed | Courier", dek="From the page")


def items(data: bytes, **kw) -> list[Document | Problem]:
    kw.setdefault("settings", Settings())
    return list(read_feed(data, source=FEED_URL, **kw))


def test_rss_items_become_documents_with_item_metadata():
    first, second = items(RSS)
    assert first == Document(
        text="The council of Valdmoor postponed the bridge vote.\n\n"
             "Mayor Idris Kell said the city \u201cneeds more time\u201d.",
        source="https://courier.example/news/bridge-vote",
        via="feed-content",
        title="Bridge & tunnel vote delayed",
        author="Marta Ilven",
        published="2024-03-05T14:30:00+01:00",
        outlet="The Valdmoor Courier",
        url="https://courier.example/news/bridge-vote",
        language="en",
        extra={"feed": FEED_URL, "guid": "https://courier.example/?p=101"},
    )
    assert second.text == "Harbour fees in Valdmoor will rise in April."
    assert second.published == "2024-03-06T09:00:00+00:00"


def test_relative_item_link_resolves_against_feed_url():
    second = items(RSS)[1]
    assert second.url == "https://courier.example/news/harbour-fees"


def test_atom_entries_become_documents():
    (entry,) = items(ATOM)
    assert entry.text == "Ferries to Northgate run again.\n\nThe union accepted the offer."
    assert entry.title == "Ferry strike ends"
    assert entry.author == "Osric Penn"
    assert entry.published == "2024-03-06T08:00:00-05:00"
    assert entry.outlet == "Northgate Ledger"
    assert entry.url == "https://ledger.example/ferry-strike"
    assert entry.via == "feed-content"


def test_rdf_items_become_documents():
    (item,) = items(RDF)
    assert (item.title, item.text, item.outlet) == ("Early frost", "Frost came early.",
                                                    "Eastmarch Almanac")


def test_linked_page_is_used_when_it_can_be_fetched():
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/news/bridge-vote":
            return httpx.Response(301, headers={"location": "/2024/03/bridge-vote"})
        return httpx.Response(200, headers={"content-type": "text/html"}, content=ARTICLE_PAGE)

    first = items(RSS, fetch_page=page_fetcher(handler), extract=article_extract)[0]
    assert first.via == "feed-page"
    assert first.text == "The full article from the Courier's own page.\n\nIt has a second paragraph."
    assert first.url == "https://courier.example/2024/03/bridge-vote"
    # Feed metadata wins over what the page says; gaps are filled from the page.
    assert first.title == "Bridge & tunnel vote delayed"
    assert first.dek == "From the page"
    assert first.published == "2024-03-05T14:30:00+01:00"
    assert "fetch_error" not in first.extra


def test_failed_page_fetch_falls_back_to_feed_content_and_records_reason():
    handler = lambda request: httpx.Response(404)  # noqa: E731
    first, second = items(RSS, fetch_page=page_fetcher(handler), extract=article_extract)
    assert first.via == second.via == "feed-content"
    assert first.text.startswith("The council of Valdmoor postponed")
    assert first.extra["fetch_error"] == "http-error: HTTP 404"


def test_page_on_private_address_is_not_fetched_and_feed_content_is_used():
    feed = RSS.replace(b"https://courier.example/news/bridge-vote", b"http://intranet.example/x")
    requested = []

    def handler(request: httpx.Request) -> httpx.Response:
        requested.append(request.url)
        return httpx.Response(200, headers={"content-type": "text/html"}, content=ARTICLE_PAGE)

    first = items(feed, fetch_page=page_fetcher(handler), extract=article_extract)[0]
    assert first.via == "feed-content"
    assert first.extra["fetch_error"].startswith("private-address:")
    assert all(url.host != "10.9.9.9" for url in requested)


def test_extractor_failure_falls_back_to_feed_content():
    def refuses(body: bytes, *, source: str, url: str) -> Document:
        raise SourceError("empty", "no article text found", source)

    handler = lambda request: httpx.Response(  # noqa: E731
        200, headers={"content-type": "text/html"}, content=ARTICLE_PAGE)
    first = items(RSS, fetch_page=page_fetcher(handler), extract=refuses)[0]
    assert first.via == "feed-content"
    assert first.extra["fetch_error"] == "empty: no article text found"


def test_pages_are_not_fetched_when_setting_is_off():
    requested = []

    def handler(request: httpx.Request) -> httpx.Response:
        requested.append(request.url)
        return httpx.Response(200, headers={"content-type": "text/html"}, content=ARTICLE_PAGE)

    docs = items(RSS, settings=Settings(fetch_feed_pages=False), fetch_page=page_fetcher(handler),
                 extract=article_extract)
    assert [d.via for d in docs] == ["feed-content", "feed-content"]
    assert requested == []


def test_broken_item_is_reported_and_the_rest_go_on():
    broken, good = items(BROKEN_ITEM_RSS)
    assert broken == Problem(source=f"{FEED_URL}#1", reason="bad-item",
                             detail="item has neither content nor a link; nothing to read")
    assert good.title == "Mill reopens" and good.outlet == "Southreach Wire"


def test_item_whose_page_fails_and_has_no_feed_text_is_reported():
    feed = b"""<rss version="2.0"><channel><title>Southreach Wire</title>
      <item><title>Link only</title><link>https://courier.example/link-only</link></item>
    </channel></rss>"""
    (problem,) = items(feed, fetch_page=page_fetcher(lambda request: httpx.Response(500)),
                       extract=article_extract)
    assert problem.reason == "fetch-failed" and "HTTP 500" in problem.detail
    assert problem.source == f"{FEED_URL}#1"


def test_link_only_item_without_page_fetching_asks_for_the_setting():
    feed = b"""<rss version="2.0"><channel><title>Southreach Wire</title>
      <item><title>Link only</title><link>https://courier.example/link-only</link></item>
    </channel></rss>"""
    (problem,) = items(feed)
    assert problem.reason == "empty" and "fetch_feed_pages" in problem.detail


@pytest.mark.parametrize("data", [
    b"<!DOCTYPE html><html><body><p>Just a page.</p></body></html>",
    b'{"items": []}',
    b"\x00\x01\x02 not xml at all",
    b"",
])
def test_data_that_is_not_a_feed_raises_invalid_feed(data):
    with pytest.raises(SourceError) as info:
        items(data)
    assert info.value.reason == "invalid-feed" and info.value.source == FEED_URL


@pytest.mark.parametrize("data,expected", [
    (RSS, True), (ATOM, True), (RDF, True), (BROKEN_ITEM_RSS, True),
    ("\ufeff<rss version='2.0'><channel/></rss>".encode("utf-16"), True),
    (b"<!-- generated --><feed xmlns='http://www.w3.org/2005/Atom'></feed>", True),
    (ARTICLE_PAGE, False),
    (b"<feed><item>not atom</item></feed>", False),
    (b"<?xml version='1.0'?><sitemap/>", False),
    (b'{"rss": true}', False),
])
def test_looks_like_feed_recognises_rss_atom_and_rdf(data, expected):
    assert looks_like_feed(data) is expected


def test_feed_html_becomes_paragraphs_separated_by_blank_lines():
    html = ("<div><h2>Quay  closed</h2><p>First <em>line</em>\n continues.</p>"
            "<ul><li>One</li><li>Two</li></ul>Tail text<br>After break"
            "<style>p{}</style><!-- note --></div>")
    assert html_to_text(html) == (
        "Quay closed\n\nFirst line continues.\n\nOne\n\nTwo\n\nTail text\n\nAfter break")


@hsettings(max_examples=60, deadline=None)
@given(st.binary(max_size=400) | st.builds(lambda t: RSS[:t], st.integers(0, len(RSS))))
def test_any_input_yields_records_or_raises_source_error(data):
    try:
        records = items(data)
    except SourceError as exc:
        assert exc.reason == "invalid-feed"
        return
    assert all(isinstance(r, Document | Problem) for r in records)
    assert all(r.text.strip() for r in records if isinstance(r, Document))


def test_unreachable_host_is_not_retried_for_every_item():
    attempts = []

    def handler(request: httpx.Request) -> httpx.Response:
        attempts.append(request.url.path)
        raise httpx.ConnectError("connection refused", request=request)

    first, second = items(RSS, fetch_page=page_fetcher(handler), extract=article_extract)
    assert attempts == ["/news/bridge-vote"]
    assert first.extra["fetch_error"].startswith("unreachable:")
    assert second.extra["fetch_error"].startswith("unreachable:")
    assert second.via == "feed-content"
