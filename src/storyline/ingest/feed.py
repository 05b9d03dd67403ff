"""RSS, Atom and RDF feeds: recognise them and turn each item into a Document (or a Problem).

Parsing is feedparser's; this module decides, per item, whether the linked page or the feed's own
content becomes the article text, and maps item metadata onto :class:`~storyline.models.Document`.
"""

from __future__ import annotations

import email.utils
import html
import io
import re
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import feedparser
import lxml.html
from lxml import etree

from ..errors import SourceError
from ..models import Document, Problem
from ..settings import Settings
from .urls import is_listing_url

__all__ = ["html_to_text", "looks_like_feed", "read_feed"]

_ROOT = re.compile(rb"<\s*(?:[a-z0-9_.-]+:)?(rss|feed|rdf)\b", re.IGNORECASE)
# What may come before the root element: BOM, whitespace, XML declaration, processing
# instructions (xml-stylesheet), comments and a doctype.
_PROLOGUE = re.compile(rb"\A(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*", re.DOTALL | re.IGNORECASE)
_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "ol",
    "p", "pre", "section", "table", "td", "th", "tr", "ul",
})
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "iframe", "object", "svg"})
_HOST_DOWN = frozenset({"timeout", "unreachable"})
_CHAR_REF = re.compile(rb"&#([xX][0-9a-fA-F]{1,8}|[0-9]{1,10});")
_SPACE = re.compile(r"[ \t\r\n\f\v\u00a0]+")


def looks_like_feed(data: bytes) -> bool:
    """True when ``data`` starts (after any XML prologue) with an RSS, Atom or RDF root element.

    Only the first few kilobytes are looked at; UTF-16 and UTF-32 with a byte-order mark are
    decoded first.
    """
    head = data[:8192]
    for bom, codec in ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
                       (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            head = head[len(bom):].decode(codec, errors="ignore").encode("utf-8")
            break
    head = head.removeprefix(b"\xef\xbb\xbf")
    start = _PROLOGUE.match(head)
    rest = head[start.end() if start else 0:]
    match = _ROOT.match(rest)
    if match is None:
        return False
    # <feed> is Atom only with the Atom namespace; <rdf:RDF> must be an RSS 1.0 channel.
    name = match.group(1).lower()
    if name == b"feed":
        return b"www.w3.org/2005/atom" in rest[:2048].lower()
    if name == b"rdf":
        return b"purl.org/rss/1.0" in head.lower() or b"<channel" in head.lower()
    return True


def read_feed(data: bytes, *, source: str, settings: Settings,
              fetch_page: Callable[[str], Any] | None = None,
              extract: Callable[..., Document] | None = None) -> Iterator[Document | Problem]:
    """Yield one :class:`Document` per feed item, or a :class:`Problem` for an item that is unusable.

    ``source`` names the feed (its URL or path); problems are reported as ``f"{source}#{n}"``
    with ``n`` counting items from 1. Each item's text comes from, in order:

    1. the linked page, when ``settings.fetch_feed_pages`` is on, ``fetch_page`` is given and
       the item has an http(s) link: ``fetch_page(link)`` returns a fetched page (``.body``,
       ``.url``, e.g. ``lambda url: storyline.ingest.fetch.fetch_page(url, settings)``) and
       ``extract(body, source=link, url=final_url)`` a Document (``via="feed-page"``);
       ``extract`` defaults to ``storyline.ingest.html.extract_html``;
    2. else, or when that fails, the feed's own content (``content:encoded`` / Atom content,
       then summary / description), HTML turned into paragraphs separated by blank lines
       (``via="feed-content"``); a failed page fetch or extraction is recorded in
       ``extra["fetch_error"]``;
    3. else a Problem: ``bad-item`` when the item has neither content nor link, ``fetch-failed``
       when the page failed and the feed has no text, ``empty`` when the feed has no text and
       pages are not fetched.

    A host that timed out or could not be reached is not tried again for the rest of the feed.

    Title, link (``url``), published (ISO 8601, with the publisher's UTC offset when the feed
    gives one, else in UTC), author and language come from the item, ``outlet`` is the feed's
    title. Raises ``SourceError("invalid-feed")`` when the data is not
    a feed feedparser can read at all.
    """
    parsed = _parse(data, source)
    channel = parsed.get("feed", {})
    outlet = _clean_text(channel.get("title")) or None
    language = _language(channel.get("language"))
    use_pages = bool(getattr(settings, "fetch_feed_pages", True)) and fetch_page is not None
    dead_hosts: dict[str, str] = {}
    for n, entry in enumerate(parsed.entries, start=1):
        where = f"{source}#{n}"
        try:
            yield _item(entry, where=where, feed=source, outlet=outlet, language=language,
                        fetch_page=fetch_page if use_pages else None,
                        extract=extract, dead_hosts=dead_hosts)
        except Exception as exc:  # noqa: BLE001 - one odd item must not stop the feed
            yield Problem(source=where, reason="bad-item",
                          detail=f"could not read the item ({type(exc).__name__}: {exc}); "
                                 "the other items were read",
                          line=None)


def html_to_text(fragment: str) -> str:
    """Turn an HTML fragment from a feed into plain paragraphs separated by blank lines.

    Block elements (``p``, ``div``, ``li``, headings, ``br`` ...) end a paragraph; scripts and
    styles are dropped; whitespace inside a paragraph is collapsed to single spaces.
    """
    if "<" not in fragment:
        return _paragraphs_from_plain(html.unescape(fragment))
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return _paragraphs_from_plain(html.unescape(re.sub(r"<[^>]*>", " ", fragment)))
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = _SPACE.sub(" ", "".join(current)).strip()
        if text:
            paragraphs.append(text)
        current.clear()

    def walk(element: Any) -> None:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if tag in _SKIP_TAGS or not isinstance(element.tag, str):
            # Comments and processing instructions carry no text, but their tail does.
            if element.tail:
                current.append(element.tail)
            return
        block = tag in _BLOCK_TAGS
        if block:
            flush()
        if element.text:
            current.append(element.text)
        for child in element:
            walk(child)
        if block:
            flush()
        if element.tail:
            current.append(element.tail)

    walk(root)
    flush()
    return "\n\n".join(paragraphs)


# ---- helpers ------------------------------------------------------------------------------


def _legal_char_refs(data: bytes) -> bytes:
    """Character references to what no XML text may hold (``&#xD800;``, a lone surrogate;
    ``&#0;``; past U+10FFFF) become U+FFFD: feedparser raises on them, losing the whole feed."""
    def fix(match: re.Match[bytes]) -> bytes:
        digits = match.group(1)
        try:
            code = int(digits[1:], 16) if digits[:1] in (b"x", b"X") else int(digits)
        except ValueError:
            return b"&#xFFFD;"
        if (code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD
                or 0x10000 <= code <= 0x10FFFF):
            return match.group(0)
        return b"&#xFFFD;"

    return _CHAR_REF.sub(fix, data)


def _parse(data: bytes, source: str) -> Any:
    headers = {"content-location": source} if source.startswith(("http://", "https://")) else {}
    try:
        # A stream, never bytes or str: feedparser treats strings as URLs or file names.
        parsed = feedparser.parse(io.BytesIO(_legal_char_refs(data)), response_headers=headers)
    except Exception as exc:  # noqa: BLE001 - feedparser's own failures on hostile input
        raise SourceError("invalid-feed", f"the feed could not be parsed ({type(exc).__name__}: "
                          f"{exc}); check that it is an RSS/Atom feed", source) from None
    if not parsed.entries and (parsed.get("bozo") or not parsed.get("version")):
        problem = parsed.get("bozo_exception")
        why = f"{type(problem).__name__}: {problem}" if problem else "no RSS, Atom or RDF root"
        raise SourceError("invalid-feed", f"not a readable RSS/Atom feed ({why}); check that the "
                          "URL or file is the feed itself, not a web page", source)
    return parsed


def _item(entry: Any, *, where: str, feed: str, outlet: str | None, language: str | None,
          fetch_page: Callable[..., Any] | None, extract: Callable[..., Document] | None,
          dead_hosts: dict[str, str]) -> Document | Problem:
    link = _http_link(entry.get("link"))
    feed_text = _entry_text(entry)
    if not link and not feed_text:
        return Problem(source=where, reason="bad-item",
                       detail="item has neither content nor a link; nothing to read", line=None)
    meta: dict[str, Any] = {
        "title": _title(entry),
        "author": _author(entry),
        "published": _published(entry),
        "outlet": outlet,
        "url": link,
        "language": _language(entry.get("language")) or language,
    }
    extra: dict[str, Any] = {"feed": feed}
    if entry.get("id"):
        extra["guid"] = str(entry.get("id"))

    fetch_error: str | None = None
    if link and fetch_page is not None:
        page, fetch_error = _page_document(link, fetch_page, extract, dead_hosts)
        if page is not None:
            # The feed's structured metadata beats what was scraped from the page, except the
            # URL (the page's is final, after tracking redirects) and the detected language.
            fields = {k: (v if v is not None else getattr(page, k)) for k, v in meta.items()}
            # a canonical that is the site's home or a section page does not name the article
            fields["url"] = page.url if page.url and not is_listing_url(page.url) else link
            fields["language"] = page.language or meta["language"]
            return replace(page, source=link, via="feed-page", extra={**page.extra, **extra},
                           **fields)
    if feed_text:
        if fetch_error is not None:
            extra["fetch_error"] = fetch_error
        from .text import text_document  # the same chrome removal and normalisation as files

        try:
            # the item's own title (even none) is authoritative: never guess one from the body
            fields = {k: v for k, v in meta.items() if v is not None and k != "title"}
            doc = text_document(feed_text, source=link or where, via="feed-content",
                                title=meta["title"] or "", **fields)
        except SourceError as exc:
            return Problem(source=where, reason=exc.reason, detail=exc.detail, line=None)
        return replace(doc, title=meta["title"], extra={**doc.extra, **extra})
    if fetch_error is not None:
        return Problem(source=where, reason="fetch-failed",
                       detail=f"{link}: {fetch_error}; the feed has no text for this item either",
                       line=None)
    return Problem(source=where, reason="empty",
                   detail="item has a link but no text in the feed, and linked pages are not "
                          "fetched; turn the setting fetch_feed_pages on to fetch them", line=None)


def _page_document(link: str, fetch_page: Callable[[str], Any],
                   extract: Callable[..., Document] | None,
                   dead_hosts: dict[str, str]) -> tuple[Document | None, str | None]:
    """The extracted linked page, or None and why it could not be used."""
    host = urllib.parse.urlsplit(link).hostname or ""
    if host in dead_hosts:
        return None, dead_hosts[host]
    try:
        fetched = fetch_page(link)
    except SourceError as exc:
        if exc.reason in _HOST_DOWN:
            # Waiting out the timeout again for every item of a dead host would stall the feed.
            dead_hosts[host] = f"{_describe(exc)} (an earlier item from {host})"
        return None, _describe(exc)
    except Exception as exc:  # noqa: BLE001 - a custom fetcher's failure falls back to the feed
        return None, f"fetch-failed: {type(exc).__name__}: {exc}"
    if extract is None:
        try:
            from .html import extract_html  # lazy: the HTML extractor is optional here
        except ImportError as exc:
            return None, f"no-extractor: {exc}"
        extract = extract_html
    try:
        body: bytes | str = fetched.body
        charset = getattr(fetched, "charset", None)
        if charset:
            from .encoding import decode_bytes

            # the HTTP charset outranks the page's <meta charset>; the extractor gets text
            body = decode_bytes(fetched.body, charset, link)
        doc = extract(body, source=link, url=fetched.url)
    except SourceError as exc:
        return None, _describe(exc)
    except Exception as exc:  # noqa: BLE001 - a page the extractor chokes on falls back to the feed
        return None, f"extract-failed: {type(exc).__name__}: {exc}"
    if doc is None or not (doc.text or "").strip():
        return None, "empty: no article text found on the page"
    return doc, None


def _describe(exc: SourceError) -> str:
    return f"{exc.reason}: {exc.detail}" if exc.detail else exc.reason


def _entry_text(entry: Any) -> str:
    # content:encoded / Atom <content> first (full text), then summary / description (teaser).
    candidates: list[Any] = list(entry.get("content") or [])
    if entry.get("summary_detail"):
        candidates.append(entry.get("summary_detail"))
    elif entry.get("summary"):
        candidates.append({"value": entry.get("summary"), "type": "text/html"})
    for candidate in candidates:
        value = candidate.get("value") or ""
        kind = (candidate.get("type") or "text/html").lower()
        text = html_to_text(value) if "html" in kind else _paragraphs_from_plain(value)
        if text:
            return text
    return ""


def _title(entry: Any) -> str | None:
    title = entry.get("title")
    if not isinstance(title, str):
        return None
    kind = ((entry.get("title_detail") or {}).get("type") or "text/plain").lower()
    text = html_to_text(title).replace("\n\n", " ") if "html" in kind else title
    return _SPACE.sub(" ", text).strip() or None


def _author(entry: Any) -> str | None:
    detail = entry.get("author_detail") or {}
    name = _clean_text(detail.get("name")) if detail else ""
    if not name:
        name = _clean_text(entry.get("author"))
    return name or None


def _published(entry: Any) -> str | None:
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        stamp = entry.get(f"{key}_parsed")
        if not stamp:
            continue
        # Keep the publisher's own UTC offset when the raw stamp has one: analyze resolves
        # "yesterday" against the local date, which UTC can shift by a day.
        local = _with_offset(raw)
        if local is not None:
            return local.isoformat()
        try:
            # feedparser's parsed stamp is already in UTC.
            year, month, day, hour, minute, second = stamp[:6]
            return datetime(year, month, day, hour, minute, second, tzinfo=UTC).isoformat()
        except (TypeError, ValueError):
            continue
    return None


def _with_offset(raw: Any) -> datetime | None:
    if not isinstance(raw, str) or not raw.strip():
        return None
    text = raw.strip()
    parsed: datetime | None = None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    if parsed is None or parsed.tzinfo is None or parsed.utcoffset() is None:
        return None
    return parsed


def _language(code: Any) -> str | None:
    if not code or not isinstance(code, str):
        return None
    primary = code.strip().replace("_", "-").split("-")[0].lower()
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None


def _http_link(link: Any) -> str | None:
    if isinstance(link, str) and link.strip().lower().startswith(("http://", "https://")):
        return link.strip()
    return None


def _clean_text(value: Any) -> str:
    if not value or not isinstance(value, str):
        return ""
    if "<" in value:
        value = html_to_text(value).replace("\n\n", " ")
    return _SPACE.sub(" ", value).strip()


def _paragraphs_from_plain(text: str) -> str:
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "\n\n".join(p for p in (_SPACE.sub(" ", b).strip() for b in blocks) if p)
