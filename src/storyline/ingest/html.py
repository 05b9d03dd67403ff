"""HTML pages: main-text and metadata extraction (trafilatura with a fallback chain), then cleaning.

The benchmark ``storyline eval extraction`` measures exactly :func:`extract_html`.
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import SourceError
from ..models import Document
from .chrome import remove_chrome
from .encoding import decode_bytes
from .normalize import detect_language, normalize_text

_HTML_SIGNS = re.compile(
    r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<title[\s>]", re.IGNORECASE)
_TAG = re.compile(r"</?(?:p|div|span|a|br|h[1-6]|article|section|li|ul|table|img|script)\b",
                  re.IGNORECASE)
_TOKENS = re.compile(r"\w+")
_REACTION_HEADER_XPATH = (
    "//*[not(self::script) and not(self::style)][text()[re:test(., "
    "\"^\\s*what(['\u2019]?s| is) your reaction\", 'i')]]")
_REGEXP_NS = {"re": "http://exslt.org/regular-expressions"}

# Step 2 of the chain: the precision-mode text is trusted unless it is this much shorter
# than the plain extraction (then precision mode cut real paragraphs).
_SHORT_RATIO = 0.5
_MIN_TOKENS = 5
_MIN_ARTICLE_WORDS = 3  # "Home" or "Menu" left over from navigation is not an article
_PROSE_LINE_WORDS = 10
_PROSE_SHARE = 0.5


def looks_like_html(data: bytes | str) -> bool:
    """True when the start of ``data`` looks like an HTML document rather than plain text."""
    head = data[:4096]
    if isinstance(head, bytes):
        head = head.decode("latin-1")
    head = head.lstrip("\ufeff\x00 \t\r\n")
    if _HTML_SIGNS.search(head[:1024]):
        return True
    return head.startswith("<") and len(_TAG.findall(head)) >= 3


def extract_html(data: bytes | str, *, source: str = "", url: str | None = None) -> Document:
    """Extract the article from an HTML page as a clean :class:`~storyline.models.Document`.

    Bytes are decoded with :func:`~storyline.ingest.encoding.decode_bytes` (BOM, HTTP/meta
    charset, gzip). The main text comes from this fallback chain:

    1. trafilatura in precision mode (``favor_precision=True``, reader comments off, tables
       kept, metadata on): title, author, date, site name, canonical URL;
    2. trafilatura's plain single-pass extraction (``fast=True``, no precision bias); when the
       precision text from step 1 has less than half its words and what the plain text adds
       is mostly prose (at least half its words in lines of 10+ words, not a menu), precision
       mode has cut real paragraphs and the plain text is used instead;
    3. when both are empty, trafilatura's ``baseline`` (all paragraph-like text of the page);
    4. every extracted block becomes a paragraph; the text loses its repeated headline and
       site chrome (:func:`~storyline.ingest.chrome.remove_chrome`) and is normalised
       (:func:`~storyline.ingest.normalize.normalize_text`).

    Reader-reaction counts are read from the raw HTML (trafilatura drops the widget). The
    language is detected from the text, else taken from ``<html lang>``.

    Raises ``SourceError("invalid-html")`` when the page cannot be parsed at all and
    ``SourceError("no-text")`` when no article text can be found.
    """
    html = decode_bytes(data, source=source) if isinstance(data, bytes) else data
    if not html.strip():
        raise SourceError("empty", "the page is empty; nothing to extract", source)
    tree = _parse(html, source)
    precise = _trafilatura(html, url, favor_precision=True, with_metadata=True)
    plain = _trafilatura(html, url, fast=True)
    meta = precise or plain or {}
    text = _choose(precise.get("text") if precise else None,
                   plain.get("text") if plain else None)
    if not text:
        text = _baseline(html)
    title = _clean_meta(meta.get("title"))
    body, counts = remove_chrome(text or "", title)
    # trafilatura puts one block per line; in stored text every block is a paragraph.
    body = normalize_text(body.replace("\n", "\n\n"))
    if len(_TOKENS.findall(body)) < _MIN_ARTICLE_WORDS:
        raise SourceError("no-text", "no article text found in the page; it may be an index, "
                          "a login wall or rendered by JavaScript", source)
    counts = {**_page_reactions(tree), **counts}
    language = detect_language(body) or _page_language(tree)
    return Document(
        text=body,
        source=source,
        via="html",
        title=title,
        dek=_clean_meta(meta.get("description")),
        author=_clean_meta(meta.get("author")),
        published=_clean_meta(meta.get("date")),
        outlet=_clean_meta(meta.get("sitename")),
        url=_clean_meta(meta.get("url")) or url,
        language=language,
        reactions=counts,
    )


def _parse(html: str, source: str) -> Any:
    from trafilatura.utils import load_html

    try:
        tree = load_html(html)
    except Exception as exc:  # noqa: BLE001 - lxml raises many types on garbage
        raise SourceError("invalid-html", f"the page could not be parsed ({exc}); check that it "
                          "is an HTML document", source) from None
    if tree is None:
        raise SourceError("invalid-html", "the page could not be parsed as HTML; check that it "
                          "is an HTML document and not truncated to nothing", source)
    return tree


def _trafilatura(html: str, url: str | None, **options: Any) -> dict[str, Any] | None:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, url=url, include_comments=False, **options)
    except Exception:  # noqa: BLE001 - one broken page must not stop the chain
        return None
    if doc is None:
        return None
    return doc if isinstance(doc, dict) else doc.as_dict()


def _choose(precise: str | None, plain: str | None) -> str | None:
    n_precise = len(_TOKENS.findall(precise or ""))
    n_plain = len(_TOKENS.findall(plain or ""))
    if not n_plain:
        return precise
    if n_precise >= _MIN_TOKENS and n_precise >= _SHORT_RATIO * n_plain:
        return precise
    # The plain text only wins when what it adds reads like prose, not a menu of links.
    kept = {line.strip() for line in (precise or "").splitlines()}
    added = [len(_TOKENS.findall(line)) for line in (plain or "").splitlines()
             if line.strip() not in kept]
    prose = sum(n for n in added if n >= _PROSE_LINE_WORDS)
    if n_precise and prose < _PROSE_SHARE * sum(added):
        return precise
    return plain


def _baseline(html: str) -> str | None:
    from trafilatura import baseline

    try:
        _, text, _ = baseline(html)
    except Exception:  # noqa: BLE001
        return None
    return text or None


def _page_reactions(tree: Any) -> dict[str, int]:
    try:
        headers = tree.xpath(_REACTION_HEADER_XPATH, namespaces=_REGEXP_NS)
    except Exception:  # noqa: BLE001
        return {}
    for header in headers[:3]:
        container = header
        for _ in range(4):
            parent = container.getparent()
            if parent is None:
                break
            container = parent
            lines = [t.strip() for t in container.itertext() if t.strip()]
            if len(lines) > 1:
                # Parse the widget's own text with the same rules as plain text.
                _, counts = remove_chrome("\n".join(lines))
                if counts:
                    return counts
    return {}


def _page_language(tree: Any) -> str | None:
    lang = (tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang") or "")
    code = lang.strip().lower().split("-")[0].split("_")[0]
    return code if len(code) == 2 and code.isalpha() else None


def _clean_meta(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None
