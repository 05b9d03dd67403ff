"""Ingest end to end: sources in, one record per article out, bad input reported."""

import json

from samples import FOG_STORY, HARBOR_STORY
from storyline.api import open as open_db


def test_reingesting_same_folder_adds_nothing(corpus, settings):
    with open_db(settings=settings) as sl:
        first = sl.ingest([str(corpus)])
        again = sl.ingest([str(corpus)])
        assert first.ingested == 2 and not first.problems
        assert again.ingested == 0 and again.unchanged == 2
        assert sl.store.counts()["articles"] == 2


def test_plain_text_headline_dek_and_sidecar_metadata_are_stored(corpus, settings):
    with open_db(settings=settings) as sl:
        sl.ingest([str(corpus)])
        [a] = sl.articles(outlet="The Harbor Ledger")
    assert a.title == "Valdoria and Kestria agree to reopen the Port Avel crossing"
    assert a.dek == "Talks in the border town ended after three days"
    assert a.published.startswith("2026-03-04")
    assert a.text.startswith("Valdorian Foreign Minister Ilsa Marren")
    assert a.language == "en"


def test_same_url_with_tracking_parameters_is_one_article(tmp_path, settings):
    one = tmp_path / "one.txt"
    one.write_text(HARBOR_STORY)
    two = tmp_path / "two.txt"
    two.write_text(HARBOR_STORY.replace("nearly three years", "almost three years"))
    with open_db(settings=settings) as sl:
        sl.ingest([str(one)], url="https://harborledger.example/2026/03/port-avel?utm_source=x")
        r = sl.ingest([str(two)], url="https://harborledger.example/2026/03/port-avel/#comments")
        assert r.url_duplicates == 1 and sl.store.counts()["articles"] == 1


def test_exact_copy_from_another_place_is_a_sighting_not_a_second_article(tmp_path, settings):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text(HARBOR_STORY)
    record = {"headline": "Crossing to reopen", "body": HARBOR_STORY.split("\n", 2)[2],
              "source": "Meridian Daily"}
    (tmp_path / "a" / "export.jsonl").write_text(json.dumps(record) + "\n")
    with open_db(settings=settings) as sl:
        r = sl.ingest([str(tmp_path / "a")])
        assert r.ingested == 1 and r.exact_duplicates == 1
        [a] = sl.articles()
        assert {s["match"] for s in sl.store.sightings_of(a.id)} == {"new", "exact"}


def test_syndicated_trimmed_copy_is_stored_linked_to_the_original(tmp_path, settings):
    body = HARBOR_STORY.split("\n", 2)[2]
    trimmed = "\n\n".join(p for p in body.split("\n\n") if "Traders" not in p)
    (tmp_path / "orig.txt").write_text(HARBOR_STORY)
    (tmp_path / "copy.txt").write_text("Port Avel crossing set to reopen\n\n" + trimmed
                                       + "\n\nShare this article\n")
    with open_db(settings=settings) as sl:
        sl.ingest([str(tmp_path / "orig.txt")])
        r = sl.ingest([str(tmp_path / "copy.txt")])
        assert r.near_duplicates == 1
        orig, copy = sorted(sl.articles(), key=lambda a: a.id)
        assert copy.duplicate_of == orig.id and copy.duplicate_kind == "near"
        assert [a.id for a in sl.articles(include_duplicates=False)] == [orig.id]


def test_bad_inputs_are_reported_and_the_rest_goes_on(tmp_path, settings):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.txt").write_text(FOG_STORY)
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    (folder / "big.txt").write_text("word " * 400)
    (folder / "lines.jsonl").write_text(
        json.dumps({"title": "Fog again", "text": FOG_STORY.replace("Wednesday", "Thursday")
                    .replace("second", "third")}) + "\n{not json\n"
        + json.dumps({"author": "no title, no body"}) + "\n")
    with open_db(settings=settings.with_(max_bytes=1500)) as sl:
        r = sl.ingest([str(folder), str(tmp_path / "missing.txt")])
    reasons = {(p.source.rsplit("/", 1)[-1], p.line, p.reason) for p in r.problems}
    assert ("empty.txt", None, "empty") in reasons
    assert ("binary.txt", None, "binary") in reasons
    assert ("big.txt", None, "too-large") in reasons
    assert ("lines.jsonl", 2, "bad-json") in reasons
    assert ("lines.jsonl", 3, "no-text") in reasons
    assert ("missing.txt", None, "not-found") in reasons
    assert r.ingested + r.near_duplicates == 2


def test_wrong_and_undeclared_encodings_are_decoded(tmp_path, settings):
    text = "Café owners in Port Avel said the reopening was “overdue”, according to Zoë Marr.\n"
    # settings.db lies in tmp_path too: the store's own files must never be read as inputs
    (tmp_path / "cp1252.txt").write_bytes((text * 5).encode("cp1252"))
    (tmp_path / "utf16.txt").write_bytes((text * 5).replace("Port Avel", "Lindqvist")
                                         .encode("utf-16"))
    with open_db(settings=settings) as sl:
        r = sl.ingest([str(tmp_path)])
        assert not r.problems
        texts = [a.text for a in sl.articles()]
    assert all("Café" in t and "“overdue”" in t and "Zoë" in t for t in texts)


def test_gzipped_html_page_is_decompressed_and_extracted(tmp_path, settings):
    import gzip

    paras = "".join(f"<p>{p}</p>" for p in FOG_STORY.split("\n\n")[1:])
    page = ("<html><head><title>Fog delays ferries | Strait Times</title>"
            '<meta property="og:site_name" content="Strait Times"></head><body>'
            "<nav><a href='/'>Home</a></nav><article><h1>Fog delays ferries</h1>"
            f"{paras}</article><footer>Copyright 2026 Strait Times</footer></body></html>")
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(page.encode()))
    with open_db(settings=settings) as sl:
        r = sl.ingest([str(tmp_path / "page.html.gz")])
        assert r.ingested == 1, r.problems
        [a] = sl.articles()
    assert "harbour master" in a.text and "Home" not in a.text
    assert a.outlet == "Strait Times"


def _page(title: str, body: str) -> bytes:
    paras = "".join(f"<p>{p}</p>" for p in body.split("\n\n") if p.strip())
    return (f"<html><head><title>{title}</title>"
            '<meta property="og:site_name" content="Strait Times"></head><body>'
            f"<article><h1>{title}</h1>{paras}</article></body></html>").encode()


def test_url_source_is_fetched_extracted_and_keyed_by_its_final_url(settings):
    from storyline.errors import SourceError
    from storyline.ingest.fetch import Fetched

    body = FOG_STORY.split("\n", 2)[2]

    def fetcher(url, _settings):
        if "missing" in url:
            raise SourceError("http-error", "HTTP 404", url)
        return Fetched(url="https://strait.example/fog", status=200, content_type="text/html",
                       charset="utf-8", body=_page("Fog delays ferries", body))

    with open_db(settings=settings) as sl:
        r = sl.ingest(["https://strait.example/fog?utm_source=x", "https://strait.example/missing"],
                      fetcher=fetcher)
        assert r.ingested == 1
        assert [(p.source, p.reason) for p in r.problems] == [
            ("https://strait.example/missing", "http-error")]
        [a] = sl.articles()
    assert a.via == "url" and a.url == "https://strait.example/fog" and "harbour master" in a.text


def test_feed_item_whose_page_cannot_be_fetched_falls_back_to_feed_content(tmp_path, settings):
    from storyline.errors import SourceError

    body = FOG_STORY.split("\n", 2)[2].replace("\n\n", "</p><p>")
    (tmp_path / "f.rss").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Strait Times</title>'
        "<item><title>Fog delays ferries</title><link>https://strait.example/fog</link>"
        "<pubDate>Wed, 04 Mar 2026 07:00:00 +0000</pubDate>"
        f"<description><![CDATA[<p>{body}</p>]]></description></item></channel></rss>")

    def fetcher(url, _settings):
        raise SourceError("unreachable", "could not resolve host", url)

    with open_db(settings=settings.with_(fetch_feed_pages=True)) as sl:
        r = sl.ingest([str(tmp_path / "f.rss")], fetcher=fetcher)
        [a] = sl.articles()
    assert r.ingested == 1 and a.via == "feed-content" and a.outlet == "Strait Times"
    assert any("used the feed's own content" in n and "unreachable" in n for n in r.notes)
    assert a.published.startswith("2026-03-04") and "harbour master" in a.text


_GREEK = ("Ο δήμαρχος Νίκος Βαρδής άνοιξε τη νέα γέφυρα στην πόλη Κάστρα το πρωί της Δευτέρας, "
          "μετά από τρεις μήνες εργασιών. ")


def _greek_fetcher(feed: bytes | None = None):
    from storyline.ingest.fetch import Fetched

    # no <meta charset>: only the HTTP header says the page is ISO-8859-7
    page = _page("Νέα γέφυρα στην Κάστρα", "\n\n".join([_GREEK * 3] * 3)).decode()
    page = page.replace('<meta charset="utf-8">', "").encode("iso-8859-7")

    def fetcher(url, _settings):
        if feed is not None and url.endswith("/feed"):
            return Fetched(url=url, status=200, content_type="application/rss+xml",
                           charset=None, body=feed)
        return Fetched(url=url, status=200, content_type="text/html", charset="iso-8859-7",
                       body=page)

    return fetcher


def test_url_page_is_decoded_with_the_charset_of_the_http_header(settings):
    with open_db(settings=settings) as sl:
        sl.ingest(["https://kastra.example/bridge"], fetcher=_greek_fetcher())
        [a] = sl.articles()
    assert "Νίκος Βαρδής" in a.text


def test_feed_item_page_is_decoded_with_the_charset_of_the_http_header(settings):
    feed = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Kastra Herald</title>'
            b"<item><title>Bridge</title><link>https://kastra.example/bridge</link>"
            b"<description>Short teaser.</description></item></channel></rss>")
    with open_db(settings=settings.with_(fetch_feed_pages=True)) as sl:
        sl.ingest(["https://kastra.example/feed"], fetcher=_greek_fetcher(feed))
        [a] = sl.articles()
    assert a.via == "feed-page" and "Νίκος Βαρδής" in a.text


def test_url_that_is_not_a_page_or_feed_says_what_to_pass_instead(settings):
    from storyline.ingest.fetch import Fetched

    def fetcher(url, _settings):
        return Fetched(url=url, status=200, content_type="application/pdf", charset=None,
                       body=b"%PDF-1.4 minutes of the Kastra council")

    with open_db(settings=settings) as sl:
        [problem] = sl.ingest(["https://kastra.example/minutes.pdf"], fetcher=fetcher).problems
    assert problem.reason == "not-html" and "RSS/Atom feed" in problem.detail


def test_a_headline_stream_record_is_stored_as_a_headline_only_article(tmp_path, settings):
    stream = tmp_path / "headlines.jsonl"
    stream.write_text(
        json.dumps({"headline": "Harbour council approves new ferry crossing to Northvale",
                    "date": "2026-03-09T10:00:00Z", "link": "https://wire.example/ferry"}) + "\n"
        + json.dumps({"date": "2026-03-09"}) + "\n", encoding="utf-8")
    with open_db(settings=settings.with_(process_on_ingest=False)) as sl:
        r = sl.ingest([str(stream)])
        assert r.ingested == 1
        assert [(p.line, p.reason) for p in r.problems] == [(2, "no-text")]
        [article] = sl.articles()
        full = sl.store.article(article.id)
    assert full.text == full.title == "Harbour council approves new ferry crossing to Northvale"
    assert full.extra["headline_only"] is True
    assert full.published.startswith("2026-03-09")


def test_headline_only_records_can_be_turned_off(tmp_path, settings):
    stream = tmp_path / "headlines.jsonl"
    stream.write_text(json.dumps({"title": "Harbour council approves new ferry crossing"}) + "\n",
                      encoding="utf-8")
    with open_db(settings=settings.with_(headline_only_records=False)) as sl:
        r = sl.ingest([str(stream)])
    assert r.ingested == 0
    [problem] = r.problems
    assert problem.reason == "no-text" and "headline_only_records" in problem.detail


def test_a_dek_two_pages_of_one_site_share_is_the_sites_description(tmp_path, settings):
    slogan = "Ferry, harbour and crossing news from the Sallow Strait, Port Avel and Morrow"
    stories = (FOG_STORY, HARBOR_STORY)
    for n, story in enumerate(stories):
        paras = "".join(f"<p>{p}</p>" for p in story.split("\n\n")[1:])
        title = story.split("\n\n")[0]
        (tmp_path / f"p{n}.html").write_text(
            f"<html><head><title>{title}</title><meta name='description' content='{slogan}'>"
            "<meta property='og:site_name' content='Strait Times'></head><body><article>"
            f"<h1>{title}</h1>{paras}</article></body></html>", encoding="utf-8")
    with open_db(settings=settings) as sl:
        r = sl.ingest([str(tmp_path / "p0.html")])
        assert r.ingested == 1, r.problems
        r = sl.ingest([str(tmp_path / "p1.html")])
        assert r.ingested == 1, r.problems
        articles = sl.articles()
    assert len(articles) == 2 and all(a.dek is None for a in articles)
