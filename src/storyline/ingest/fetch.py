"""Safe URL fetching: http(s) only, size and time limits, manual redirects, and no private addresses.

Every hop of a redirect chain is checked, and the connection goes to the very address that was
checked (the host name is resolved once per hop), so a DNS answer that changes between the check
and the connect (DNS rebinding) cannot reach an internal service. ``fetch_timeout`` is one
deadline for the whole fetch: when it passes, the connection is shut, however slowly the server
keeps sending. Proxies from the environment (``HTTP_PROXY``, ``HTTPS_PROXY``, ``ALL_PROXY``,
``NO_PROXY``) are used, and are sent the checked address, never the name.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from ..errors import SourceError
from ..settings import Settings

__all__ = ["Fetched", "MAX_REDIRECTS", "fetch", "fetch_page", "is_html_type", "refused_reason"]

MAX_REDIRECTS = 5

_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_ACCEPT = ("text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
           "application/xml;q=0.9,*/*;q=0.8")
# NAT64 (RFC 6052) embeds an IPv4 address in the last 32 bits; the gateway would connect to it.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")

# Every range that is not the public internet, with the reason given when it is refused. The
# table is checked first and does not depend on what this Python's ipaddress module knows
# (site-local fec0::/10, for one, counts as "global" there); anything else that ipaddress does
# not call global is refused too.
REFUSED_NETWORKS: tuple[tuple[str, str], ...] = (
    ("0.0.0.0/8", "unspecified"),
    ("10.0.0.0/8", "private"),
    ("100.64.0.0/10", "non-public"),  # carrier-grade NAT
    ("127.0.0.0/8", "loopback"),
    ("169.254.0.0/16", "link-local"),  # cloud metadata services live here
    ("172.16.0.0/12", "private"),
    ("192.0.0.0/24", "reserved"),  # IETF protocol assignments
    ("192.0.2.0/24", "reserved"),  # documentation
    ("192.88.99.0/24", "reserved"),  # 6to4 relay anycast
    ("192.168.0.0/16", "private"),
    ("198.18.0.0/15", "reserved"),  # benchmarking
    ("198.51.100.0/24", "reserved"),  # documentation
    ("203.0.113.0/24", "reserved"),  # documentation
    ("224.0.0.0/4", "multicast"),
    ("240.0.0.0/4", "reserved"),  # includes the broadcast address
    ("::/128", "unspecified"),
    ("::1/128", "loopback"),
    ("64:ff9b:1::/48", "non-public"),  # local-use NAT64
    ("100::/64", "reserved"),  # discard-only
    ("2001::/23", "reserved"),  # IETF protocol assignments (Teredo is judged inside first)
    ("2001:db8::/32", "reserved"),  # documentation
    ("3fff::/20", "reserved"),  # documentation (2024)
    ("5f00::/16", "reserved"),  # segment routing SIDs
    ("fc00::/7", "private"),  # unique local
    ("fe80::/10", "link-local"),
    ("fec0::/10", "site-local"),  # deprecated, still routed inside some networks
    ("ff00::/8", "multicast"),
)
_REFUSED = tuple((ipaddress.ip_network(net), label) for net, label in REFUSED_NETWORKS)

Resolver = Callable[[str], list[str]]


@dataclass(frozen=True)
class Fetched:
    """A fetched response: the final URL after redirects, its status, type, charset and body.

    ``content_type`` is the lower-cased media type without parameters (``text/html``), or None
    when the server sent none; ``charset`` is the header's ``charset`` parameter, or None.
    """

    url: str
    status: int
    content_type: str | None
    charset: str | None
    body: bytes


def refused_reason(address: str) -> str | None:
    """Why fetching from this IP address is refused (``"loopback"``, ``"private"`` ...), or None.

    IPv4 addresses wrapped in IPv6 (IPv4-mapped ``::ffff:a.b.c.d``, 6to4, Teredo, NAT64) are
    judged by the IPv4 address inside, since that is where the packets end up.
    """
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address):
        inner = _embedded_ipv4(ip)
        if inner is not None:
            reason = refused_reason(str(inner))
            if reason is not None:
                return reason
    for network, label in _REFUSED:
        if ip.version == network.version and ip in network:
            return label
    for attr, label in (("is_unspecified", "unspecified"), ("is_loopback", "loopback"),
                        ("is_link_local", "link-local"), ("is_multicast", "multicast"),
                        ("is_site_local", "site-local"), ("is_private", "private"),
                        ("is_reserved", "reserved")):
        if getattr(ip, attr, False):
            return label
    if not ip.is_global:
        return "non-public"
    return None


def is_html_type(content_type: str | None) -> bool:
    """True for the media types a web page is served as (``text/html``, ``application/xhtml+xml``)."""
    return content_type in _HTML_TYPES


def fetch(url: str, settings: Settings, *, transport: httpx.BaseTransport | None = None,
          resolve: Resolver | None = None) -> Fetched:
    """Fetch ``url`` with GET and return the final response, or raise :class:`SourceError`.

    Rules, in the order they are applied to every hop:

    1. Only ``http`` and ``https`` URLs with a host (else ``bad-url``).
    2. Unless ``settings.allow_private_urls``: the host is resolved once (``resolve(host)``,
       default :func:`socket.getaddrinfo`) and every address must be public, else
       ``private-address``; the request then connects to a checked address (TLS still verifies
       the host name). Resolution failure is ``unreachable``.
    3. Redirects (301/302/303/307/308) are followed by hand, at most :data:`MAX_REDIRECTS`
       (else ``too-many-redirects``), each new URL going through these rules again.
    4. Other statuses of 300 and above are ``http-error`` with detail ``HTTP <status>``.
    5. The body is streamed (decompressed) and the fetch stops as soon as it passes
       ``settings.fetch_max_bytes`` (``too-large``).
    6. The whole fetch, redirects included, must end within ``settings.fetch_timeout`` seconds
       (``timeout``): at the deadline the connection is shut down, so a server that sends a
       header line or a byte now and then cannot hold the fetch; network failures are
       ``unreachable``.

    ``transport`` replaces the network (tests pass :class:`httpx.MockTransport`); a transport
    passed in is not closed. Without one, proxies named in the environment are used.
    """
    return _fetch(url, settings, transport=transport, resolve=resolve, html_only=False)


def fetch_page(url: str, settings: Settings, *, transport: httpx.BaseTransport | None = None,
               resolve: Resolver | None = None) -> Fetched:
    """Like :func:`fetch`, but the response must be an HTML or XHTML page (else ``not-html``).

    The content type is checked before the body is downloaded. A response without a
    Content-Type header is accepted when its body starts like an HTML document.
    """
    fetched = _fetch(url, settings, transport=transport, resolve=resolve, html_only=True)
    if fetched.content_type is None and not _sniffs_as_html(fetched.body):
        raise SourceError("not-html", "no content type and the body does not look like HTML; "
                          "pass a web page URL", url)
    return fetched


def _fetch(url: str, settings: Settings, *, transport: httpx.BaseTransport | None,
           resolve: Resolver | None, html_only: bool) -> Fetched:
    timeout = float(settings.fetch_timeout)
    deadline = time.monotonic() + timeout
    current = _checked_url(url, source=url)
    owned = transport is None
    # transport=None lets httpx mount the proxies the environment names (trust_env)
    client = httpx.Client(
        transport=transport,
        follow_redirects=False,
        timeout=httpx.Timeout(timeout),
        headers={"User-Agent": settings.user_agent, "Accept": _ACCEPT},
    )
    watchdog = _Watchdog(deadline)
    try:
        for hop in range(MAX_REDIRECTS + 1):
            addresses = _addresses(current, settings, resolve or _default_resolve,
                                   redirected=hop > 0, source=url)
            response = _open(client, current, addresses, deadline, timeout, watchdog,
                             source=url)
            try:
                status = response.status_code
                location = response.headers.get("location")
                if status in _REDIRECT_STATUSES and location:
                    try:
                        target = current.join(location.strip())
                    except httpx.InvalidURL as exc:
                        raise SourceError("bad-url", f"redirect to an invalid URL {location!r}: "
                                          f"{exc}", url) from None
                    current = _checked_url(str(target), source=url)
                    continue
                if status >= 300:
                    raise SourceError("http-error", f"HTTP {status}", url)
                content_type, charset = _parse_content_type(response.headers.get("content-type"))
                if html_only and content_type is not None and not is_html_type(content_type):
                    raise SourceError("not-html", f"{content_type} is not a web page; pass the "
                                      "URL of an HTML page", url)
                body = _read_capped(response, settings.fetch_max_bytes, deadline, timeout,
                                    source=url)
                return Fetched(url=str(current), status=status, content_type=content_type,
                               charset=charset, body=body)
            finally:
                response.close()
        raise SourceError("too-many-redirects", f"more than {MAX_REDIRECTS} redirects; "
                          "open the URL in a browser to see where it leads", url)
    except httpx.TimeoutException:
        raise _timeout(timeout, url) from None
    except httpx.InvalidURL as exc:
        raise SourceError("bad-url", f"{exc}; check the URL", url) from None
    except (httpx.HTTPError, OSError) as exc:
        if watchdog.expired:
            raise _timeout(timeout, url) from None  # the deadline shut the connection
        raise SourceError("unreachable", f"{type(exc).__name__}: {exc or 'connection failed'}; "
                          "check the URL and the network", url) from None
    finally:
        watchdog.cancel()
        if owned:
            client.close()


class _Watchdog:
    """Shuts every socket of one fetch down when its deadline passes.

    Read timeouts restart with every byte, so they cannot bound a fetch from a server that
    drips header lines; a socket shut down from this timer thread makes the blocked read
    return at once. Sockets are learnt from httpcore's ``trace`` extension.
    """

    def __init__(self, deadline: float):
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(0.0, deadline - time.monotonic()), self._expire)
        self._timer.daemon = True
        self._timer.start()

    def trace(self, event: str, info: dict[str, Any]) -> None:
        if not event.endswith("connect_tcp.complete"):
            return
        stream = info.get("return_value")
        sock = stream.get_extra_info("socket") if stream is not None else None
        if isinstance(sock, socket.socket):
            with self._lock:
                self._sockets.append(sock)
                if self.expired:
                    _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)

    def cancel(self) -> None:
        self._timer.cancel()


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # already closed


def _checked_url(url: str, *, source: str) -> httpx.URL:
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise SourceError("bad-url", f"{url!r} is not a valid URL: {exc}", source) from None
    if parsed.scheme not in ("http", "https"):
        raise SourceError("bad-url", f"only http and https URLs can be fetched, got "
                          f"{parsed.scheme or 'no scheme'!r} in {url!r}", source)
    if not parsed.host:
        raise SourceError("bad-url", f"{url!r} has no host name", source)
    return parsed


def _addresses(url: httpx.URL, settings: Settings, resolve: Resolver, *, redirected: bool,
               source: str) -> list[str | None]:
    """The addresses to connect to, all checked; ``[None]`` means connect by name as usual."""
    if settings.allow_private_urls:
        return [None]
    host = url.raw_host.decode("ascii")
    literal = _ip_or_none(url.host)
    if literal is not None:
        _refuse_if_private(url, str(literal), literal_host=True, redirected=redirected,
                           source=source)
        return [None]
    try:
        found = list(dict.fromkeys(resolve(host)))
    except (OSError, UnicodeError) as exc:
        raise SourceError("unreachable", f"could not resolve host {host!r}: {exc}; check the "
                          "host name and the network", source) from None
    if not found:
        raise SourceError("unreachable", f"host {host!r} has no address", source)
    for address in found:
        _refuse_if_private(url, address, literal_host=False, redirected=redirected,
                           source=source)
    if url.scheme == "https" and _proxied(url):
        # A tunnel through a proxy verifies the certificate against the host it was asked
        # for, so an https request through a proxy names the host (checked above); the proxy
        # resolves it again.
        return [None]
    return list(found)


def _proxied(url: httpx.URL) -> bool:
    """True when the environment names a proxy for this URL (as httpx will use it)."""
    import urllib.request

    proxies = urllib.request.getproxies_environment()
    if not (proxies.get(url.scheme) or proxies.get("all")):
        return False
    return not urllib.request.proxy_bypass(url.host)


def _refuse_if_private(url: httpx.URL, address: str, *, literal_host: bool, redirected: bool,
                       source: str) -> None:
    try:
        reason = refused_reason(address)
    except ValueError:
        raise SourceError("unreachable", f"resolver returned {address!r}, which is not an IP "
                          "address", source) from None
    if reason is None:
        return
    where = f"{url.host} is" if literal_host else f"{url.host} resolves to {address},"
    hop = f" (redirected to {url})" if redirected else ""
    raise SourceError(
        "private-address",
        f"{where} a {reason} address{hop}; storyline does not fetch private addresses unless "
        "the setting allow_private_urls is on (STORYLINE_ALLOW_PRIVATE_URLS=true)",
        source,
    )


def _open(client: httpx.Client, url: httpx.URL, addresses: list[str | None], deadline: float,
          timeout: float, watchdog: _Watchdog, *, source: str) -> httpx.Response:
    last: httpx.HTTPError | None = None
    for address in addresses:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise _timeout(timeout, source)
        extensions: dict[str, Any] = {"trace": watchdog.trace}
        if address is None:
            request = client.build_request("GET", url, timeout=remaining, extensions=extensions)
        else:
            # Connect to the checked address, but keep the name for Host and TLS (SNI and
            # certificate check), so the name is never resolved a second time.
            pinned = url.copy_with(host=address)
            if url.scheme == "https":
                extensions["sni_hostname"] = url.raw_host.decode("ascii")
            request = client.build_request("GET", pinned, timeout=remaining,
                                           headers={"Host": url.netloc.decode("ascii")},
                                           extensions=extensions)
        try:
            return client.send(request, stream=True)
        except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
            last = exc
    assert last is not None
    raise last


def _read_capped(response: httpx.Response, cap: int, deadline: float, timeout: float, *,
                 source: str) -> bytes:
    too_large = SourceError("too-large", f"response body is larger than fetch_max_bytes = {cap} "
                            "bytes; raise the setting fetch_max_bytes to fetch it", source)
    declared = response.headers.get("content-length", "")
    # A compressed body only grows when decoded, so its declared length is a safe lower bound.
    if declared.strip().isdigit() and int(declared) > cap:
        raise too_large
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > cap:
            raise too_large
        chunks.append(chunk)
        # A server that trickles bytes never trips the per-read timeout; the deadline does.
        if time.monotonic() > deadline:
            raise _timeout(timeout, source)
    return b"".join(chunks)


def _timeout(timeout: float, source: str) -> SourceError:
    return SourceError("timeout", f"no complete response within fetch_timeout = {timeout:g} s; "
                       "try again later or raise the setting fetch_timeout", source)


def _parse_content_type(header: str | None) -> tuple[str | None, str | None]:
    if not header:
        return None, None
    media, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'").lower() or None
    return media.strip().lower() or None, charset


def _sniffs_as_html(body: bytes) -> bool:
    head = body[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head[:512]


def _ip_or_none(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def _default_resolve(host: str) -> list[str]:
    infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]
