"""Safe fetching: every test swaps the network for httpx.MockTransport and DNS for a dict."""

from __future__ import annotations

import httpx
import pytest

from storyline.errors import SourceError
from storyline.ingest.fetch import Fetched, fetch, fetch_page, refused_reason
from storyline.settings import Settings

PAGE = b"<html><head><title>Harbour opens</title></head><body><p>The harbour opened.</p></body></html>"

DNS = {
    "news.example": ["93.184.216.10"],  # public; MockTransport never connects
    "mirror.example": ["93.184.217.7"],
    "intranet.example": ["10.1.2.3"],
    "sneaky.example": ["93.184.216.11", "192.168.0.5"],
    "loopy.example": ["::1"],
    "mapped.example": ["::ffff:127.0.0.1"],
    "localhost.example": ["127.0.0.1"],
    "twin.example": ["93.184.216.20", "93.184.216.21"],
}


def resolve(host: str) -> list[str]:
    if host not in DNS:
        raise OSError(f"no such host {host}")
    return DNS[host]


def html_response(body: bytes = PAGE, **headers: str) -> httpx.Response:
    return httpx.Response(200, headers={"content-type": "text/html; charset=utf-8", **headers},
                          content=body)


def reason_of(url: str, handler, settings: Settings | None = None, fetcher=fetch) -> SourceError:
    with pytest.raises(SourceError) as info:
        fetcher(url, settings or Settings(), transport=httpx.MockTransport(handler),
                resolve=resolve)
    return info.value


def test_page_is_fetched_with_type_charset_and_user_agent():
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return html_response()

    got = fetch_page("https://news.example/harbour", Settings(user_agent="test-agent/1"),
                     transport=httpx.MockTransport(handler), resolve=resolve)
    assert got == Fetched(url="https://news.example/harbour", status=200,
                          content_type="text/html", charset="utf-8", body=PAGE)
    assert seen[0].headers["user-agent"] == "test-agent/1"


def test_connection_goes_to_the_address_that_was_checked():
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return html_response()

    fetch("https://news.example:8443/a?b=1", Settings(), transport=httpx.MockTransport(handler),
          resolve=resolve)
    request = seen[0]
    assert request.url.host == "93.184.216.10"
    assert request.url.port == 8443 and request.url.path == "/a"
    assert request.headers["host"] == "news.example:8443"
    assert request.extensions["sni_hostname"] == "news.example"


def test_redirects_are_followed_and_final_url_reported():
    def handler(request: httpx.Request) -> httpx.Response:
        host = request.headers["host"]
        if host == "news.example":
            return httpx.Response(301, headers={"location": "https://mirror.example/story/1"})
        if request.url.path == "/story/1":
            return httpx.Response(302, headers={"location": "/story/1/full"})
        return html_response()

    got = fetch("http://news.example/old", Settings(), transport=httpx.MockTransport(handler),
                resolve=resolve)
    assert got.url == "https://mirror.example/story/1/full"
    assert got.body == PAGE


def test_redirect_to_private_address_is_refused():
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"location": "http://intranet.example/admin"})

    err = reason_of("https://news.example/story", handler)
    assert err.reason == "private-address"
    assert "10.1.2.3" in err.detail and "allow_private_urls" in err.detail
    assert "redirected to http://intranet.example/admin" in err.detail


def test_redirect_to_private_literal_is_refused_before_connecting():
    requested = []

    def handler(request: httpx.Request) -> httpx.Response:
        requested.append(str(request.url))
        return httpx.Response(307, headers={"location": "http://169.254.169.254/latest/"})

    err = reason_of("https://news.example/story", handler)
    assert err.reason == "private-address" and "link-local" in err.detail
    assert requested == ["https://93.184.216.10/story"]


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/",
    "http://localhost.example/",
    "http://[::1]:8080/",
    "http://loopy.example/",
    "http://[::ffff:127.0.0.1]/",
    "http://mapped.example/",
    "http://[::ffff:10.0.0.1]/",
    "http://0.0.0.0/",
    "http://[fe80::1]/",
    "http://224.0.0.1/",
])
def test_loopback_private_and_wrapped_addresses_are_refused(url):
    err = reason_of(url, lambda request: html_response())
    assert err.reason == "private-address"
    assert "allow_private_urls" in err.detail


def test_host_resolving_to_any_private_address_is_refused():
    err = reason_of("http://sneaky.example/", lambda request: html_response())
    assert err.reason == "private-address" and "192.168.0.5" in err.detail


def test_private_addresses_allowed_when_setting_is_on():
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.host)
        return html_response()

    settings = Settings(allow_private_urls=True)
    for url in ("http://127.0.0.1:8000/", "http://[::1]/", "http://intranet.example/"):
        assert fetch(url, settings, transport=httpx.MockTransport(handler),
                     resolve=resolve).status == 200
    assert seen == ["127.0.0.1", "::1", "intranet.example"]


@pytest.mark.parametrize("address,reason", [
    ("127.0.0.1", "loopback"), ("::1", "loopback"), ("::ffff:127.0.0.1", "loopback"),
    ("10.0.0.8", "private"), ("172.16.4.4", "private"), ("192.168.1.1", "private"),
    ("fc00::5", "private"), ("169.254.1.1", "link-local"), ("fe80::1", "link-local"),
    ("0.0.0.0", "unspecified"), ("::", "unspecified"), ("239.1.1.1", "multicast"),
    ("ff02::1", "multicast"), ("2002:7f00:1::", "loopback"), ("64:ff9b::a00:1", "private"),
    ("100.64.0.1", "non-public"), ("8.8.8.8", None), ("2606:4700::1111", None),
])
def test_address_policy_names_the_kind_of_address(address, reason):
    assert refused_reason(address) == reason


def test_only_http_and_https_are_fetched():
    for url in ("file:///etc/passwd", "ftp://news.example/a", "gopher://news.example/"):
        err = reason_of(url, lambda request: html_response())
        assert err.reason == "bad-url"


def test_redirect_to_other_scheme_is_refused():
    err = reason_of("http://news.example/",
                    lambda request: httpx.Response(302, headers={"location": "file:///etc/passwd"}))
    assert err.reason == "bad-url" and "file" in err.detail


def test_too_many_redirects_stops():
    count = []

    def handler(request: httpx.Request) -> httpx.Response:
        count.append(1)
        return httpx.Response(302, headers={"location": f"/hop{len(count)}"})

    err = reason_of("http://news.example/", handler)
    assert err.reason == "too-many-redirects"
    assert len(count) == 6


def test_body_larger_than_cap_is_refused_while_streaming():
    def chunks():
        for _ in range(100):
            yield b"x" * 1000

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-type": "text/html"}, content=chunks())

    err = reason_of("http://news.example/big", handler, Settings(fetch_max_bytes=5000))
    assert err.reason == "too-large" and "fetch_max_bytes" in err.detail


def test_declared_length_over_cap_is_refused():
    err = reason_of("http://news.example/big", lambda request: html_response(b"y" * 6000),
                    Settings(fetch_max_bytes=5000))
    assert err.reason == "too-large"


def test_body_at_the_cap_is_accepted():
    got = fetch("http://news.example/", Settings(fetch_max_bytes=len(PAGE)),
                transport=httpx.MockTransport(lambda request: html_response()), resolve=resolve)
    assert got.body == PAGE


def test_fetch_page_refuses_non_html():
    err = reason_of("http://news.example/report.pdf",
                    lambda request: httpx.Response(200, headers={"content-type": "application/pdf"},
                                                   content=b"%PDF-1.4"),
                    fetcher=fetch_page)
    assert err.reason == "not-html" and "application/pdf" in err.detail


def test_fetch_page_accepts_untyped_body_that_looks_like_html():
    handler = lambda request: httpx.Response(200, content=b"<!DOCTYPE html><html></html>")  # noqa: E731
    got = fetch_page("http://news.example/", Settings(), transport=httpx.MockTransport(handler),
                     resolve=resolve)
    assert got.content_type is None


def test_fetch_page_refuses_untyped_body_that_is_not_html():
    err = reason_of("http://news.example/",
                    lambda request: httpx.Response(200, content=b"\x89PNG\r\n"),
                    fetcher=fetch_page)
    assert err.reason == "not-html"


def test_plain_fetch_returns_any_content_type():
    handler = lambda request: httpx.Response(  # noqa: E731
        200, headers={"content-type": 'application/rss+xml; charset="ISO-8859-1"'}, content=b"<rss/>")
    got = fetch("http://news.example/feed", Settings(), transport=httpx.MockTransport(handler),
                resolve=resolve)
    assert (got.content_type, got.charset) == ("application/rss+xml", "iso-8859-1")


def test_read_timeout_becomes_timeout_error():
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("read timed out", request=request)

    err = reason_of("http://news.example/slow", handler, Settings(fetch_timeout=3))
    assert err.reason == "timeout" and "fetch_timeout" in err.detail


def test_http_404_is_reported():
    err = reason_of("http://news.example/gone", lambda request: httpx.Response(404))
    assert (err.reason, err.detail) == ("http-error", "HTTP 404")
    assert err.source == "http://news.example/gone"


def test_connection_failure_is_unreachable():
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    assert reason_of("http://news.example/", handler).reason == "unreachable"


def test_next_address_is_tried_when_first_refuses_connection():
    tried = []

    def handler(request: httpx.Request) -> httpx.Response:
        tried.append(request.url.host)
        if request.url.host == "93.184.216.20":
            raise httpx.ConnectError("connection refused", request=request)
        return html_response()

    fetch("http://twin.example/", Settings(), transport=httpx.MockTransport(handler), resolve=resolve)
    assert tried == ["93.184.216.20", "93.184.216.21"]


def test_unknown_host_is_unreachable():
    err = reason_of("http://nowhere.example/", lambda request: html_response())
    assert err.reason == "unreachable" and "nowhere.example" in err.detail
