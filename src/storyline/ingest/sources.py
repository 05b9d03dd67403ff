"""Sources: turn what the user names (files, folders, JSON lines, feeds, URLs) into Documents.

``expand`` lists the units of work (one file or URL each) so a progress bar can count them;
``read_unit`` turns one unit into Documents and Problems. Nothing here raises for bad input:
a broken file, line or feed item becomes a :class:`~storyline.models.Problem` and the rest goes on.

How a file's kind is decided (first match wins):
1. a sidecar ``NAME.meta.json`` is metadata for ``NAME``, never an article itself;
2. gzip-compressed files are decompressed (within ``max_bytes``) and judged by the inner name;
3. the extension: ``.jsonl``/``.ndjson`` → JSON lines, ``.json`` → JSON records,
   ``.rss``/``.atom``/``.xml`` → feed, ``.html``/``.htm``/``.xhtml`` → HTML page,
   ``.txt``/``.text``/``.md`` → plain text;
4. otherwise the content is sniffed (feed, then HTML, then text); binary content is skipped.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..errors import SourceError
from ..models import Document, Problem
from ..settings import Settings
from . import meta as _meta

TEXT_EXT = {".txt", ".text", ".md"}
HTML_EXT = {".html", ".htm", ".xhtml", ".shtml"}
JSONL_EXT = {".jsonl", ".ndjson"}
JSON_EXT = {".json"}
FEED_EXT = {".rss", ".atom", ".xml"}
KNOWN_EXT = TEXT_EXT | HTML_EXT | JSONL_EXT | JSON_EXT | FEED_EXT
SIDECAR_SUFFIX = ".meta.json"


@dataclass(frozen=True)
class Overrides:
    """Metadata the user gave on the command line: fills what a source does not say."""

    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    fields: tuple[tuple[str, str], ...] = ()  # (document field, dotted path) for JSON records

    def apply(self, doc: Document) -> Document:
        changes: dict[str, Any] = {}
        if self.outlet and not doc.outlet:
            changes["outlet"] = self.outlet
        if self.published and not doc.published:
            changes["published"] = _meta.normalize_published(self.published)
        if self.url and not doc.url:
            changes["url"] = self.url
        if not doc.outlet and not changes.get("outlet"):
            host = _meta.outlet_from_url(changes.get("url") or doc.url)
            if host:
                changes["outlet"] = host
        return replace(doc, **changes) if changes else doc


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def expand(sources: list[str], exclude: Iterable[str] = ()) -> Iterator[str | Problem]:
    """Each source as units: URLs as given, folders walked recursively in sorted order.

    Paths in ``exclude`` (the database being written, with its -wal/-shm files) are left out.
    """
    skip = {os.path.realpath(p) for p in exclude}
    for source in sources:
        if is_url(source):
            yield source
            continue
        path = Path(source)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith("."):
                        continue  # dotfiles are tool state (.DS_Store, .gitkeep), not articles
                    if name.endswith(SIDECAR_SUFFIX):
                        continue
                    full = str(Path(root) / name)
                    if os.path.realpath(full) not in skip:
                        yield full
        elif path.exists():
            yield str(path)
        elif "://" in source:
            yield Problem(source, "bad-url", "only http:// and https:// URLs can be fetched")
        else:
            yield Problem(source, "not-found", "no such file or folder; check the path")


def read_unit(unit: str, settings: Settings, overrides: Overrides = Overrides(),
              fetcher: Callable[..., Any] | None = None) -> Iterator[Document | Problem]:
    """Documents (and Problems) from one file or URL; never raises for bad input."""
    try:
        if is_url(unit):
            yield from _read_url(unit, settings, overrides, fetcher)
        else:
            yield from _read_file(Path(unit), settings, overrides, fetcher)
    except SourceError as exc:
        yield Problem(exc.source or unit, exc.reason, exc.detail, exc.line)
    except (OSError, ValueError, RecursionError, MemoryError) as exc:
        yield Problem(unit, "unreadable", f"{type(exc).__name__}: {exc}")


# -- files ------------------------------------------------------------------------------------


def _sidecar(path: Path) -> dict[str, Any]:
    side = path.with_name(path.name + SIDECAR_SUFFIX)
    if not side.exists():
        side = path.with_name(path.stem + SIDECAR_SUFFIX)
        if not side.exists() or side == path:
            return {}
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SourceError("bad-metadata", f"{side.name}: {exc}", str(path)) from None
    if not isinstance(data, dict):
        raise SourceError("bad-metadata", f"{side.name} must hold a JSON object", str(path))
    return data


def _kind(path: Path, head: bytes) -> str:
    ext = path.suffix.lower()
    if ext in JSONL_EXT:
        return "jsonl"
    if ext in JSON_EXT:
        return "json"
    if ext in HTML_EXT:
        return "html"
    if ext in TEXT_EXT:
        return "text"
    from .feed import looks_like_feed
    from .html import looks_like_html

    # .rss/.atom are feeds even when broken (read_feed then says why); .xml only when it sniffs
    if looks_like_feed(head) or ext in FEED_EXT - {".xml"}:
        return "feed"
    if ext == ".xml" or looks_like_html(head):
        return "html"
    return "text"


def _read_file(path: Path, settings: Settings, overrides: Overrides,
               fetcher: Callable[..., Any] | None) -> Iterator[Document | Problem]:
    source = str(path)
    size = path.stat().st_size
    if size > settings.max_bytes:
        raise SourceError("too-large", f"{size:,} bytes is over the limit of "
                          f"{settings.max_bytes:,} (setting max_bytes)", source)
    if size == 0:
        raise SourceError("empty", "the file is empty", source)
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":  # gzip: a compressed page or export (page.html.gz)
        from .encoding import gunzip

        data = gunzip(data, source, settings.max_bytes)
        path = path.with_suffix("") if path.suffix.lower() == ".gz" else path
    kind = _kind(path, data[:4096])
    if kind == "jsonl":
        yield from _read_json_lines(data, source, overrides)
    elif kind == "json":
        yield from _read_json(data, source, overrides)
    elif kind == "feed":
        yield from _read_feed(data, source, settings, overrides, fetcher)
    else:
        side = _sidecar(path)
        yield _page_or_text(data, kind, source, side, overrides)


def _page_or_text(data: bytes, kind: str, source: str, side: dict[str, Any],
                  overrides: Overrides, declared: str | None = None) -> Document:
    from .encoding import decode_bytes

    record_meta = _record_meta(side, ()) if side else {}
    if kind == "html":
        from .html import extract_html

        doc = extract_html(data, source=source, url=record_meta.get("url") or overrides.url)
        # a sidecar or the user knows better than the page's own markup
        doc = replace(doc, **{k: v for k, v in record_meta.items() if k != "text" and v})
    else:
        from .text import text_document

        text = decode_bytes(data, declared, source)
        from .html import looks_like_html

        if looks_like_html(text[:2048]):
            return _page_or_text(data, "html", source, side, overrides, declared)
        fields = {k: v for k, v in record_meta.items() if k not in ("text",) and v}
        doc = text_document(text, source=source, via="text", **fields)
    return overrides.apply(doc)


# -- JSON -------------------------------------------------------------------------------------


def _record_meta(record: dict[str, Any], fields: tuple[tuple[str, str], ...]) -> dict[str, Any]:
    """Document fields from a record: explicit ``--field`` paths first, then common names."""
    out: dict[str, Any] = {}
    explicit = dict(fields)
    for name, aliases in _meta.FIELD_ALIASES.items():
        value = None
        if name in explicit:
            value = _meta.lookup(record, explicit[name])
        else:
            for alias in aliases:
                if alias in record and record[alias] not in (None, "", []):
                    value = record[alias]
                    break
        if name == "published":
            out[name] = _meta.normalize_published(value)
        elif name == "text":
            out[name] = value if isinstance(value, str) else _meta.as_text(value)
        else:
            out[name] = _meta.as_text(value)
    return out


def _record_document(record: Any, source: str, overrides: Overrides) -> Document:
    if not isinstance(record, dict):
        raise SourceError("bad-record", f"expected a JSON object, got {type(record).__name__}",
                          source)
    fields = _record_meta(record, overrides.fields)
    body = fields.pop("text", None)
    if not body or not body.strip():
        hint = "; map it with --field text=PATH" if not overrides.fields else ""
        raise SourceError("no-text", "the record has no text/body/content field" + hint, source)
    from .html import looks_like_html

    meta = {k: v for k, v in fields.items() if v}
    if looks_like_html(body):
        from .html import extract_html

        try:
            page = extract_html(body, source=source, url=meta.get("url"))
            doc = replace(page, via="json", **meta)
        except SourceError:
            from .feed import html_to_text
            from .text import text_document

            doc = text_document(html_to_text(body), source=source, via="json", **meta)
    else:
        from .text import text_document

        doc = text_document(body, source=source, via="json", **meta)
    return overrides.apply(doc)


def _read_json_lines(data: bytes, source: str, overrides: Overrides) -> Iterator[Document | Problem]:
    from .encoding import decode_bytes

    text = decode_bytes(data, None, source)
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except ValueError as exc:
            yield Problem(source, "bad-json", str(exc), line=number)
            continue
        try:
            yield _record_document(record, where, overrides)
        except SourceError as exc:
            yield Problem(source, exc.reason, exc.detail, line=number)


def _read_json(data: bytes, source: str, overrides: Overrides) -> Iterator[Document | Problem]:
    from .encoding import decode_bytes

    text = decode_bytes(data, None, source)
    try:
        payload = json.loads(text)
    except ValueError as exc:
        # a .json file that is really JSON lines is common enough to accept
        if "\n{" in text.strip():
            yield from _read_json_lines(data, source, overrides)
            return
        raise SourceError("bad-json", str(exc), source) from None
    records: Any = payload
    if isinstance(payload, dict):
        for key in ("articles", "items", "data", "records", "results", "entries", "docs"):
            if isinstance(payload.get(key), list):
                records = payload[key]
                break
        else:
            records = [payload]
    if not isinstance(records, list):
        raise SourceError("bad-json", "expected a list of records or an object", source)
    for number, record in enumerate(records, start=1):
        try:
            yield _record_document(record, f"{source}#{number}", overrides)
        except SourceError as exc:
            yield Problem(f"{source}#{number}", exc.reason, exc.detail)


# -- feeds and URLs ---------------------------------------------------------------------------


def _read_feed(data: bytes, source: str, settings: Settings, overrides: Overrides,
               fetcher: Callable[..., Any] | None) -> Iterator[Document | Problem]:
    from .feed import read_feed
    from .html import extract_html

    page_fetcher: Callable[[str], Any] | None = None
    if settings.fetch_feed_pages:
        from .fetch import fetch_page

        get = fetcher or fetch_page
        page_fetcher = lambda url: get(url, settings)  # noqa: E731
    for item in read_feed(data, source=source, settings=settings, fetch_page=page_fetcher,
                          extract=extract_html):
        yield item if isinstance(item, Problem) else overrides.apply(item)


def _read_url(url: str, settings: Settings, overrides: Overrides,
              fetcher: Callable[..., Any] | None) -> Iterator[Document | Problem]:
    from .feed import looks_like_feed
    from .fetch import fetch

    fetched = (fetcher or fetch)(url, settings)
    ctype = (fetched.content_type or "").lower()
    if "rss" in ctype or "atom" in ctype or looks_like_feed(fetched.body[:4096]):
        yield from _read_feed(fetched.body, url, settings, overrides, fetcher)
        return
    if "html" not in ctype and ctype not in ("", "application/octet-stream"):
        raise SourceError("not-html", f"content type {ctype!r} is not a web page or feed; pass "
                          "the URL of an HTML article or an RSS/Atom feed, or save the file and "
                          "ingest it as text", url)
    from .encoding import decode_bytes
    from .html import extract_html

    # the HTTP charset outranks the page's own <meta charset>, and only the fetch knows it
    body = decode_bytes(fetched.body, fetched.charset, url)
    doc = extract_html(body, source=url, url=fetched.url)
    if not doc.url:
        doc = replace(doc, url=fetched.url)
    yield replace(overrides.apply(doc), via="url")
