"""Fetching: a whole-fetch deadline, the dead-host shortcut, the address policy, proxies.

Servers are real sockets on 127.0.0.1 started by the test (never the network).
"""

from __future__ import annotations

import ipaddress
import socket
import threading
from contextlib import contextmanager

import pytest

from robust_stories import body
from storyline.errors import SourceError
from storyline.ingest.feed import read_feed
from storyline.ingest.fetch import REFUSED_NETWORKS, fetch, fetch_page, refused_reason
from storyline.settings import Settings

_PAGE = ("<html><head><title>Ferry vote</title></head><body><article><h1>Ferry vote</h1>"
         + "".join(f"<p>{p}</p>" for p in body(1).split("\n\n")) + "</article></body></html>")


@contextmanager
def _server(handle):
    """A TCP server on 127.0.0.1 calling ``handle(conn)`` per connection in a thread."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.settimeout(0.2)
    stop = threading.Event()
    seen: list[bytes] = []

    def serve():
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            threading.Thread(target=_run, args=(conn,), daemon=True).start()

    def _run(conn):
        with conn:
            try:
                conn.settimeout(10)
                request = conn.recv(65536)
                seen.append(request)
                handle(conn, request, stop)
            except OSError:
                pass

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1], seen
    finally:
        stop.set()
        thread.join(2)
        listener.close()


def _dripping(lines: int, pause: float):
    """Headers one line at a time, each well within the read timeout, then a page."""
    def handle(conn, _request, stop):
        conn.sendall(b"HTTP/1.1 200 OK\r\n")
        for n in range(lines):
            if stop.wait(pause):
                return
            conn.sendall(f"X-Drip-{n}: {n}\r\n".encode())
        page = _PAGE.encode()
        conn.sendall(b"Content-Type: text/html\r\nContent-Length: " + str(len(page)).encode()
                     + b"\r\n\r\n" + page)
    return handle


def _local(**kw) -> Settings:
    return Settings(allow_private_urls=True, **kw)


def test_a_server_dripping_headers_cannot_hold_a_fetch_past_its_deadline():
    # 40 lines 0.15 s apart: every read succeeds within the 1 s read timeout, so without a
    # whole-fetch deadline this returns the page after about 6 s
    with _server(_dripping(40, 0.15)) as (port, _):
        with pytest.raises(SourceError) as caught:
            fetch(f"http://127.0.0.1:{port}/slow", _local(fetch_timeout=1.0))
    assert caught.value.reason == "timeout" and "fetch_timeout" in caught.value.detail


def test_a_server_that_answers_in_time_is_read_normally():
    with _server(_dripping(2, 0.01)) as (port, _):
        page = fetch_page(f"http://127.0.0.1:{port}/fast", _local(fetch_timeout=10.0))
    assert page.status == 200 and b"Ferry vote" in page.body


def test_a_host_that_timed_out_is_not_tried_again_for_the_rest_of_the_feed():
    with _server(_dripping(40, 0.15)) as (port, seen):
        settings = _local(fetch_timeout=0.5, fetch_feed_pages=True)
        items = "".join(
            f"<item><title>Item {n}</title><link>http://127.0.0.1:{port}/item-{n}</link>"
            f"<description>{body(n)}</description></item>" for n in (1, 2, 3))
        feed = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Halvik Courier'
                f"</title>{items}</channel></rss>").encode()
        docs = list(read_feed(feed, source="feed.rss", settings=settings,
                              fetch_page=lambda url: fetch_page(url, settings)))
    assert [d.via for d in docs] == ["feed-content"] * 3
    assert len(seen) == 1  # one connection: the second and third item skipped the dead host
    assert "timeout" in docs[0].extra["fetch_error"]
    assert "an earlier item" in docs[2].extra["fetch_error"]


def test_a_proxy_from_the_environment_is_used_and_sent_the_checked_address(monkeypatch):
    def proxy(conn, _request, _stop):
        page = _PAGE.encode()
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: "
                     + str(len(page)).encode() + b"\r\n\r\n" + page)

    with _server(proxy) as (port, seen):
        for name in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy", "NO_PROXY",
                     "no_proxy"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{port}")
        page = fetch_page("http://news.example/2026/03/ferry-vote", Settings(),
                          resolve=lambda host: ["93.184.216.34"])
    assert b"Ferry vote" in page.body
    [request] = seen
    request_line, headers = request.split(b"\r\n", 1)
    assert request_line.startswith(b"GET http://93.184.216.34/2026/03/ferry-vote ")
    assert b"host: news.example" in headers.lower()


def test_a_proxy_does_not_open_the_door_to_private_addresses(monkeypatch):
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    with pytest.raises(SourceError) as caught:
        fetch("http://intranet.example/", Settings(), resolve=lambda host: ["10.1.2.3"])
    assert caught.value.reason == "private-address"


@pytest.mark.parametrize(("network", "label"), REFUSED_NETWORKS)
def test_every_listed_range_is_refused_at_its_first_and_last_address(network, label):
    net = ipaddress.ip_network(network)
    for address in (net[0], net[-1]):
        assert refused_reason(str(address)) is not None, address
    assert refused_reason(str(net[0])) == label or net.prefixlen == net.max_prefixlen


@pytest.mark.parametrize("address", ["fec0::1", "fec0:1234::5", "feff:ffff::1", "100.64.0.1",
                                     "192.0.0.8", "::ffff:10.0.0.1", "64:ff9b::7f00:1",
                                     "2002:7f00:1::", "3fff::1", "5f00::1", "64:ff9b:1::1"])
def test_addresses_that_hide_a_non_public_target_are_refused(address):
    assert refused_reason(address) is not None


@pytest.mark.parametrize("address", ["93.184.216.34", "1.1.1.1", "2606:4700:4700::1111",
                                     "2a00:1450:4001:80b::200e"])
def test_public_addresses_are_allowed(address):
    assert refused_reason(address) is None


def test_site_local_is_refused_by_name_too():
    with pytest.raises(SourceError) as caught:
        fetch("http://old-intranet.example/", Settings(), resolve=lambda host: ["fec0::10"])
    assert caught.value.reason == "private-address" and "site-local" in caught.value.detail


def test_https_through_a_proxy_names_the_checked_host_so_tls_can_verify_it(monkeypatch):
    from storyline.ingest import fetch as fetch_module

    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    import httpx

    url = httpx.URL("https://news.example/2026/03/ferry-vote")
    public = fetch_module._addresses(url, Settings(), lambda host: ["93.184.216.34"],
                                     redirected=False, source=str(url))
    assert public == [None]  # by name: the proxy's tunnel verifies the certificate for it
    with pytest.raises(SourceError):  # but the name was still checked
        fetch_module._addresses(url, Settings(), lambda host: ["10.0.0.7"], redirected=False,
                                source=str(url))
    monkeypatch.setenv("NO_PROXY", "news.example")
    assert fetch_module._addresses(url, Settings(), lambda host: ["93.184.216.34"],
                                   redirected=False, source=str(url)) == ["93.184.216.34"]
