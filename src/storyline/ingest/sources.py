"""Sources: turn what the user names (files, folders, JSON lines, feeds, URLs) into Documents.

``expand`` lists the units of work (one file or URL each) so a progress bar can count them;
``read_unit`` turns one unit into Documents and Problems. Nothing here raises for bad input:
a broken file, line or feed item becomes a :class:`~storyline.models.Problem` and the rest goes on.
The boundary is structural: :func:`isolated` turns any exception while reading one unit, and
:func:`_guarded` any exception while reading one record, into that unit's or record's Problem
(the ``debug`` setting re-raises instead). A field with a value that cannot be used (a date
that is no date, a malformed URL, nesting too deep) is dropped with a warning in
``Document.extra["warnings"]``; the article is kept.

How a file's kind is decided (first match wins):
1. a sidecar ``NAME.meta.json`` is metadata for ``NAME``, never an article itself;
2. gzip-compressed files are decompressed, layer by layer, each within ``max_bytes``, and
   judged by the inner name;
3. the extension: ``.jsonl``/``.ndjson`` → JSON lines, ``.json`` → JSON records,
   ``.rss``/``.atom``/``.xml`` → feed, ``.html``/``.htm``/``.xhtml`` → HTML page,
   ``.txt``/``.text``/``.md`` → plain text;
4. otherwise the content is sniffed (feed, then HTML, then text); binary content is skipped.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..errors import SourceError, UsageError
from ..models import Document, Problem
from ..settings import Settings
from . import meta as _meta
from .fields import (
    checked_fields,
    outlet_from_url,
    preview,
    published_value,
    safe_strings,
    with_warnings,
)
from .urls import article_url_key, is_listing_url, normalize_url

TEXT_EXT = {".txt", ".text", ".md"}
HTML_EXT = {".html", ".htm", ".xhtml", ".shtml"}
JSONL_EXT = {".jsonl", ".ndjson"}
JSON_EXT = {".json"}
FEED_EXT = {".rss", ".atom", ".xml"}
KNOWN_EXT = TEXT_EXT | HTML_EXT | JSONL_EXT | JSON_EXT | FEED_EXT
SIDECAR_SUFFIX = ".meta.json"
GZIP_MAGIC = b"\x1f\x8b"
MAX_GZIP_LAYERS = 3
# An HTML fragment in a JSON body: a few inline or block tags, not a whole page.
_FRAGMENT_TAG = re.compile(
    r"</?(?:p|br|div|span|a|em|strong|b|i|u|ul|ol|li|h[1-6]|blockquote|figure|figcaption|img|"
    r"section|article|table|tr|td)\b[^>]*>", re.IGNORECASE)


@dataclass(frozen=True)
class Overrides:
    """Metadata the user gave on the command line: fills what a source does not say."""

    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    fields: tuple[tuple[str, str], ...] = ()  # (document field, dotted path) for JSON records

    def checked(self) -> Overrides:
        """These overrides with ``published`` in ISO form; :class:`UsageError` when a value
        cannot be used (the CLI exits 2: the run has not started)."""
        published = self.published
        if published is not None:
            published, warning = published_value(published)
            if published is None:
                raise UsageError(f"--published {self.published!r}: {warning}; give a date as "
                                 "YYYY-MM-DD or an ISO 8601 date-time, e.g. 2026-03-06T09:00+01:00")
        if self.url is not None and normalize_url(self.url) is None:
            raise UsageError(f"--url {self.url!r} is not a valid http(s) URL; check the host "
                             "and port, e.g. https://news.example/2026/03/story")
        return replace(self, published=published)

    def apply(self, doc: Document) -> Document:
        changes: dict[str, Any] = {}
        if self.outlet and not doc.outlet:
            changes["outlet"] = self.outlet
        if self.published and not doc.published:
            changes["published"] = published_value(self.published)[0]
        if self.url and not doc.url:
            changes["url"] = self.url
        if not doc.outlet and not changes.get("outlet"):
            host = outlet_from_url(changes.get("url") or doc.url)
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
        try:
            yield from _expand_path(Path(source), skip)
        except OSError as exc:
            yield Problem(source, "unreadable", _os_reason(exc))


def _expand_path(path: Path, skip: set[str]) -> Iterator[str | Problem]:
    source = str(path)
    if path.is_dir():
        problems: list[Problem] = []

        def report(exc: OSError) -> None:
            problems.append(Problem(str(exc.filename or source), "unreadable", _os_reason(exc)))

        for root, dirs, files in os.walk(path, onerror=report):
            yield from problems
            problems.clear()
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.startswith("."):
                    continue  # dotfiles are tool state (.DS_Store, .gitkeep), not articles
                if name.endswith(SIDECAR_SUFFIX):
                    continue
                full = str(Path(root) / name)
                if os.path.realpath(full) not in skip:
                    yield full
        yield from problems
    elif path.exists():
        yield source
    elif "://" in source:
        yield Problem(source, "bad-url", "only http:// and https:// URLs can be fetched")
    elif os.path.lexists(source):
        yield Problem(source, "not-found", "a symbolic link to nothing; check where it points")
    else:
        yield Problem(source, "not-found", "no such file or folder; check the path")


def _os_reason(exc: OSError) -> str:
    what = exc.strerror or str(exc)
    if isinstance(exc, PermissionError):
        return f"{what}; check the permissions of the file or folder"
    return what


def source_key(unit: str) -> str:
    """The one name of a unit, however it was given: a file's real path (an absolute path, a
    relative one and a symlink name the same file), a URL's normalised form."""
    if is_url(unit):
        return normalize_url(unit) or unit
    return os.path.realpath(unit)


def input_fingerprint(unit: str, settings: Settings, overrides: Overrides) -> str | None:
    """A hash of everything that decides what a local file gives: its bytes, its sidecar, the
    options and settings of the run. None when the file cannot be recognised that way (a URL,
    a feed whose pages are fetched, a file that cannot be read or is too large)."""
    if is_url(unit):
        return None
    path = Path(unit)
    try:
        if path.stat().st_size > settings.max_bytes:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    if settings.fetch_feed_pages and (path.suffix.lower() in FEED_EXT
                                      or data[:2] == GZIP_MAGIC or _sniffs_feed(data)):
        return None  # the linked pages are fetched again: they may have changed
    digest = hashlib.sha256(data)
    for side in (path.with_name(path.name + SIDECAR_SUFFIX), path.with_name(path.stem + SIDECAR_SUFFIX)):
        try:
            digest.update(b"\0sidecar\0" + side.read_bytes())
        except OSError:
            digest.update(b"\0nosidecar\0")
    from .ruledata import load as rules

    recipe = (overrides.outlet, overrides.published, overrides.url, overrides.fields,
              settings.max_bytes, settings.near_duplicate_threshold, settings.minhash_perm,
              settings.headline_only_records,
              rules("metadata").version, rules("chrome").version,
              rules("text").version)  # a user's rule data counts
    digest.update(b"\0recipe\0" + repr(recipe).encode("utf-8", "backslashreplace"))
    return digest.hexdigest()


def _sniffs_feed(data: bytes) -> bool:
    from .feed import looks_like_feed

    return looks_like_feed(data[:4096])


def read_unit(unit: str, settings: Settings, overrides: Overrides = Overrides(),
              fetcher: Callable[..., Any] | None = None) -> Iterator[Document | Problem]:
    """Documents (and Problems) from one file or URL; never raises for bad input."""
    if is_url(unit):
        items = _read_url(unit, settings, overrides, fetcher)
    else:
        items = _read_file(Path(unit), settings, overrides, fetcher)
    yield from isolated(items, unit, settings)


def isolated(items: Iterator[Document | Problem], unit: str,
             settings: Settings) -> Iterator[Document | Problem]:
    """``items`` until one raises; what it raised becomes the unit's last Problem.

    A :class:`SourceError` is bad input with its own reason; an OS error is ``unreadable``;
    anything else is ``unexpected-error`` (a bug, or input nobody foresaw): reported with the
    exception, and re-raised instead when the ``debug`` setting is on.
    """
    try:
        yield from items
    except SourceError as exc:
        yield Problem(exc.source or unit, exc.reason, exc.detail, exc.line)
    except OSError as exc:
        yield Problem(unit, "unreadable", _os_reason(exc))
    except Exception as exc:  # noqa: BLE001 - the per-unit boundary: one input never stops a run
        if settings.debug:
            raise
        yield unexpected(unit, exc)


def unexpected(source: str, exc: BaseException, line: int | None = None,
               stage: str = "ingest") -> Problem:
    kind = type(exc).__name__
    detail = str(exc)[:300]
    if isinstance(exc, RecursionError):
        detail = "nested too deeply to read"
    return Problem(source, "unexpected-error",
                   f"{kind}: {detail}; the rest of the run went on — run again with the setting "
                   "debug on (STORYLINE_DEBUG=true) for the traceback, and report it if the input "
                   "looks valid", line, stage)


def _guarded(make: Callable[..., Document], args: tuple[Any, ...], source: str,
             line: int | None, settings: Settings) -> Document | Problem:
    """``make(*args)`` behind its own boundary, so one bad record never ends its file."""
    try:
        return make(*args)
    except SourceError as exc:
        return Problem(source, exc.reason, exc.detail, line)
    except Exception as exc:  # noqa: BLE001 - the per-record boundary
        if settings.debug:
            raise
        return unexpected(source, exc, line)


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
    if data[:2] == GZIP_MAGIC:  # gzip: a compressed page or export (page.html.gz)
        data = ungzip(data, source, settings.max_bytes)
        path = path.with_suffix("") if path.suffix.lower() == ".gz" else path
    kind = _kind(path, data[:4096])
    real = os.path.realpath(source)
    if kind == "jsonl":
        yield from _read_json_lines(data, source, overrides, settings, real)
    elif kind == "json":
        yield from _read_json(data, source, overrides, settings, real)
    elif kind == "feed":
        yield from _read_feed(data, source, settings, overrides, fetcher)
    else:
        side = _sidecar(path)
        doc = _page_or_text(data, kind, source, side, overrides)
        yield replace(doc, key=real)


def ungzip(data: bytes, source: str, limit: int) -> bytes:
    """Every gzip layer removed, each held to ``limit`` bytes (a gzip inside a gzip cannot
    expand past the limit either); more than ``MAX_GZIP_LAYERS`` layers is refused."""
    from .encoding import gunzip

    for _ in range(MAX_GZIP_LAYERS):
        data = gunzip(data, source, limit)
        if data[:2] != GZIP_MAGIC:
            return data
    raise SourceError("too-large", f"more than {MAX_GZIP_LAYERS} layers of gzip compression; "
                      "unpack the file by hand and check what it holds", source)


def _page_or_text(data: bytes, kind: str, source: str, side: dict[str, Any],
                  overrides: Overrides, declared: str | None = None) -> Document:
    from .encoding import decode_text

    warnings: list[str] = []
    record_meta = _record_meta(side, (), warnings) if side else {}
    if kind == "html":
        from .html import extract_html

        doc = extract_html(data, source=source, url=record_meta.get("url") or overrides.url)
        # a sidecar or the user knows better than the page's own markup
        doc = replace(doc, **{k: v for k, v in record_meta.items() if k != "text" and v})
    else:
        from .text import text_document

        decoded = decode_text(data, declared, source)
        text = decoded.text
        from .html import looks_like_html

        if looks_like_html(text[:2048]):
            return _page_or_text(data, "html", source, side, overrides, declared)
        fields = {k: v for k, v in record_meta.items() if k not in ("text",) and v}
        doc = text_document(text, source=source, via="text", **fields)
        if decoded.repairs:  # a few bad bytes were repaired: say so, with the article
            doc = replace(doc, extra={**doc.extra, "decoding": list(decoded.repairs)})
    return overrides.apply(with_warnings(checked_fields(doc, warnings), warnings))


def _record_meta(record: dict[str, Any], fields: tuple[tuple[str, str], ...],
                 warnings: list[str]) -> dict[str, Any]:
    """Document fields from a record: explicit ``--field`` paths first, then common names.

    A field whose value cannot be used is left out, with a warning: one bad field costs that
    field, not the article.
    """
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
        try:
            out[name] = _field(name, value, warnings)
        except (RecursionError, ValueError, TypeError, OverflowError):
            warnings.append(f"{name} is nested too deeply or malformed; dropped")
            out[name] = None
    return out


def _field(name: str, value: Any, warnings: list[str]) -> Any:
    if name == "published":
        iso, why = published_value(value)
        if why:
            warnings.append(f"published {why}; stored without a date")
        return iso
    text = value if name == "text" and isinstance(value, str) else _meta.as_text(value)
    if name == "url" and text is not None and normalize_url(text) is None:
        warnings.append(f"url {preview(text)} is not a valid http(s) URL; dropped")
        return None
    return text


def _record_document(record: Any, source: str, overrides: Overrides,
                     file_key: str | None = None, headlines: bool = True) -> Document:
    if not isinstance(record, dict):
        raise SourceError("bad-record", f"expected a JSON object, got {type(record).__name__}",
                          source)
    warnings: list[str] = []
    fields = _record_meta(safe_strings(record), overrides.fields, warnings)
    from .html import looks_like_html

    body = fields.pop("text", None)
    meta = {k: v for k, v in fields.items() if v}
    if not body or not body.strip():
        title = (meta.get("title") or "").strip()
        if not (headlines and title):
            hint = "; map it with --field text=PATH" if not overrides.fields else ""
            if title:
                hint += " (headline-only records are skipped: headline_only_records is off)"
            raise SourceError("no-text", "the record has no text/body/content field" + hint,
                              source)
        from .text import headline_document

        doc = headline_document(title, source=source, via="json", **meta)
    elif looks_like_html(body):
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

        if _FRAGMENT_TAG.search(body):
            from .feed import html_to_text

            # a bare "<p>…</p>" body: its tags are markup, not words of the article
            body = html_to_text(body)
        doc = text_document(body, source=source, via="json", **meta)
    doc = overrides.apply(with_warnings(checked_fields(doc, warnings), warnings))
    # inside a file, a record is singled out by its URL; without one it has no identity
    url_key = article_url_key(doc.url)
    return replace(doc, key=f"{file_key}#{url_key}" if file_key and url_key else None)


def _read_json_lines(data: bytes, source: str, overrides: Overrides, settings: Settings,
                     file_key: str | None = None) -> Iterator[Document | Problem]:
    from .encoding import decode_bytes

    text = decode_bytes(data, None, source)
    # Only "\n" ends a JSON line: U+2028, U+2029 and U+0085 are legal inside JSON strings
    # (json.dumps(ensure_ascii=False) writes them), and str.splitlines() would split there.
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except ValueError as exc:
            yield Problem(source, "bad-json", str(exc), line=number)
            continue
        except RecursionError:
            yield Problem(source, "bad-json", "nested too deeply to read", line=number)
            continue
        yield _guarded(_record_document, (record, where, overrides, file_key,
                                          settings.headline_only_records), source, number,
                       settings)


def _read_json(data: bytes, source: str, overrides: Overrides, settings: Settings,
               file_key: str | None = None) -> Iterator[Document | Problem]:
    from .encoding import decode_bytes

    text = decode_bytes(data, None, source)
    try:
        payload = json.loads(text)
    except ValueError as exc:
        # a .json file that is really JSON lines is common enough to accept
        if "\n{" in text.strip():
            yield from _read_json_lines(data, source, overrides, settings, file_key)
            return
        raise SourceError("bad-json", str(exc), source) from None
    except RecursionError:
        raise SourceError("bad-json", "nested too deeply to read", source) from None
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
        where = f"{source}#{number}"
        yield _guarded(_record_document, (record, where, overrides, file_key,
                                          settings.headline_only_records), where, None,
                       settings)


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
        if isinstance(item, Problem):
            yield item
            continue
        warnings: list[str] = []
        doc = overrides.apply(checked_fields(item, warnings))
        # an item is singled out by its link (a re-read feed names it the same way)
        link = normalize_url(doc.source) if is_url(doc.source) else None
        yield replace(with_warnings(doc, warnings), key=link)


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

    raw = fetched.body
    if raw[:2] == GZIP_MAGIC:
        raw = ungzip(raw, url, settings.max_bytes)
    # the HTTP charset outranks the page's own <meta charset>, and only the fetch knows it
    body = decode_bytes(raw, fetched.charset, url)
    doc = extract_html(body, source=url, url=fetched.url)
    if not doc.url or (is_listing_url(doc.url) and not is_listing_url(fetched.url)):
        # a canonical URL that is the site's home or a section page does not name the article
        doc = replace(doc, url=fetched.url)
    warnings: list[str] = []
    doc = overrides.apply(checked_fields(doc, warnings))
    yield replace(with_warnings(doc, warnings), via="url", key=source_key(url))
