"""HTML pages: main-text and metadata extraction (trafilatura with a fallback chain), then cleaning.

The benchmark ``storyline eval extraction`` measures exactly :func:`extract_html`.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from ..errors import SourceError
from ..models import Document
from .chrome import remove_chrome
from .encoding import decode_text, repair_mojibake
from .meta import clean_author
from .normalize import detect_language, normalize_text
from .page import Page
from .pagemeta import page_metadata
from .text import heading_spans

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
_MIN_ARTICLE_WORDS = 3
# A line break after a word, comma or dash and before a lower-case word is inside a sentence.
_MID_SENTENCE = re.compile(r"(?<=[\w,;\u2013\u2014-])[ \t]*\n(?=[ \t]*[a-z])")  # "Home" or "Menu" left over from navigation is not an article
_PROSE_LINE_WORDS = 10
# ...and the plain pass runs only when the precision text has less than this share of the
# words in the page's long text runs (12+ words each: prose, not menus).
_CUT_SHARE = 0.6
_PROSE_RUN_WORDS = 12
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
    charset, gzip) and the page is parsed once. Before extraction the tree is prepared:
    hover cards and tooltips inside sentences are removed; embedded social posts (tweets,
    Instagram, TikTok...) become plain paragraphs, with their author line, in place of their
    widget wrappers; an article split over several same-class body containers is joined
    into the first; blocks made only of links (teaser grids, link lists) are dropped, and
    so is a list of mostly-link items that ends an article body, with its short heading.
    The main text then comes from this fallback chain:

    1. trafilatura in precision mode (``favor_precision=True``, reader comments off, tables
       kept, metadata on): title, author, date, site name, canonical URL;
    2. when the precision text has less than 60% of the words in the page's long text runs
       (12+ words: prose), trafilatura's plain single-pass extraction (``fast=True``, no
       precision bias) runs too; when the precision text has less than half its words and
       what the plain text adds is mostly prose (at least half its words in lines of 10+
       words, not a menu), precision mode has cut real paragraphs and the plain text is
       used instead;
    3. when both are empty, trafilatura's ``baseline`` (all paragraph-like text of the page);
    4. every extracted block becomes a paragraph; the text loses its repeated headline and
       site chrome (:func:`~storyline.ingest.chrome.remove_chrome`) and is normalised
       (:func:`~storyline.ingest.normalize.normalize_text`); section headings are listed in
       ``extra["headings"]`` (:func:`~storyline.ingest.text.heading_spans`).

    Title, date, outlet and dek come from the page itself
    (:func:`~storyline.ingest.pagemeta.page_metadata`), the byline from trafilatura cleaned
    by :func:`~storyline.ingest.meta.clean_author`, else from a "By ..." line or an author
    element in the article's header (:meth:`~storyline.ingest.page.Page.header_byline`); what decoding repaired is listed in
    ``extra["decoding"]``.

    Reader-reaction counts are read from the raw HTML (trafilatura drops the widget). The
    language is detected from the text, else taken from ``<html lang>``.

    Raises ``SourceError("invalid-html")`` when the page cannot be parsed at all and
    ``SourceError("no-text")`` when no article text can be found.
    """
    repairs: tuple[str, ...] = ()
    if isinstance(data, bytes):
        decoded = decode_text(data, source=source)
        html, repairs = decoded.text, decoded.repairs
    else:
        html, fixed = repair_mojibake(data)
        if fixed:
            repairs = (f"{fixed} run(s) of UTF-8 read as cp1252 repaired",)
    if not html.strip():
        raise SourceError("empty", "the page is empty; nothing to extract", source)
    tree = _parse(html, source)
    counts = _page_reactions(tree) if "reaction" in html.lower() else {}
    language_hint = _page_language(tree)
    # trafilatura copies the tree it is given, so both passes share one parse.
    _prepare(tree)
    # Photo captions leave the text, but their dates and names still tell the page's
    # metadata (a caption's date is often the only one written near the headline).
    article = _without_captions(tree)
    precise = _trafilatura(article, url, favor_precision=True, with_metadata=True)
    precise_text = precise.get("text") if precise else None
    # The second pass costs half an extraction; it only runs when precision mode left out
    # much of the page's prose.
    page = Page(tree, url)
    plain = _trafilatura(article, url, fast=True) if _may_have_cut(page, precise_text) \
        else None
    meta = precise or plain or {}
    text = _choose(precise_text, plain.get("text") if plain else None)
    if not text:
        text = _baseline(html)
    page_url = _clean_meta(meta.get("url")) or url
    if page_url and not url:
        page = Page(tree, page_url)
    found = page_metadata(tree, text or "", meta, url or page_url, page=page)
    title = found.title
    body, text_counts = remove_chrome(text or "", title)
    # trafilatura puts one block per line; in stored text every block is a paragraph, except
    # a block that carries on a sentence cut by markup (a <br>, an advertisement block).
    body = normalize_text(_MID_SENTENCE.sub(" ", body).replace("\n", "\n\n"))
    if len(_TOKENS.findall(body)) < _MIN_ARTICLE_WORDS:
        raise SourceError("no-text", "no article text found in the page; it may be an index, "
                          "a login wall or rendered by JavaScript", source)
    counts = {**counts, **text_counts}
    language = detect_language(body) or language_hint
    extra: dict[str, Any] = {"decoding": list(repairs)} if repairs else {}
    headings = heading_spans(body)
    if headings:
        extra["headings"] = [list(span) for span in headings]
    return Document(
        text=body,
        source=source,
        via="html",
        title=title,
        dek=found.dek,
        author=_author(meta.get("author"), page, found.outlet,
                       urlsplit(url or page_url or "").hostname),
        published=found.published,
        outlet=found.outlet,
        url=page_url,
        language=language,
        reactions=counts,
        extra=extra,
    )


def _author(found: Any, page: Page, outlet: str | None, host: str | None) -> str | None:
    """trafilatura's byline, cleaned, unless the page shows it after "From" (a source
    credit); else the byline written in the article's header."""
    byline = _clean_meta(found)
    if byline and page.credited_from(byline):
        byline = None  # "From The Times": the publication the story comes from
    author = clean_author(byline, outlet=outlet, host=host)
    if author:
        return author
    line = page.header_byline()
    return clean_author(line, outlet=outlet, host=host) if line else None


def _parse(html: str, source: str) -> Any:
    """Parse the page as a browser would recover it: damaged markup repaired, then lxml.

    trafilatura's loader rejects a page whose start does not look like HTML (a cut
    doctype); such a page is parsed by lxml directly, which recovers what it can.
    """
    from lxml import html as lxml_html
    from trafilatura.utils import load_html

    html = repair_markup(html)
    try:
        tree = load_html(html)
        if tree is None:
            tree = lxml_html.document_fromstring(html)
    except Exception as exc:  # noqa: BLE001 - lxml raises many types on garbage
        raise SourceError("invalid-html", f"the page could not be parsed ({exc}); check that it "
                          "is an HTML document", source) from None
    if tree is None:
        raise SourceError("invalid-html", "the page could not be parsed as HTML; check that it "
                          "is an HTML document and not truncated to nothing", source)
    return tree


_TITLE_OPEN = re.compile(r"<title\b[^>]*>", re.IGNORECASE)
_TITLE_CLOSE = re.compile(r"</title\s*>", re.IGNORECASE)
_BROKEN_DOCTYPE = re.compile(r"(<!doctype\b[^<>]*)(?=<)", re.IGNORECASE)
_SELF_CLOSED_ROOT = re.compile(r"(<(?:html|head|body)\b[^<>]*?)\s*/>", re.IGNORECASE)
_HEAD_SCAN = 65536


def repair_markup(html: str) -> str:
    """Repair the damage that makes an HTML parser lose a whole page.

    1. a ``<title>`` that is never closed swallows the page (the parser reads everything
       up to ``</title>`` as title text): it is closed at the next tag;
    2. a doctype cut before its ``>`` swallows the markup up to the next ``>``: it is
       closed where the next tag starts;
    3. a self-closed ``<html/>``, ``<head/>`` or ``<body/>`` (often after a cut attribute)
       ends the document for the parser: the slash is dropped.

    Each repair applies only where the damage is, so well-formed pages are unchanged.
    """
    head = html[:_HEAD_SCAN]
    opened = _TITLE_OPEN.search(head)
    if opened and not _TITLE_CLOSE.search(html, opened.end()):
        cut = html.find("<", opened.end())
        if cut != -1:
            html = html[:cut] + "</title>" + html[cut:]
    html = _BROKEN_DOCTYPE.sub(r"\1>", html[:_HEAD_SCAN], count=1) + html[_HEAD_SCAN:]
    return _SELF_CLOSED_ROOT.sub(r"\1>", html[:_HEAD_SCAN], count=3) + html[_HEAD_SCAN:]


def _trafilatura(html: Any, url: str | None, **options: Any) -> dict[str, Any] | None:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, url=url, include_comments=False,
                                          date_extraction_params=_date_params(), **options)
    except Exception:  # noqa: BLE001 - one broken page must not stop the chain
        return None
    if doc is None:
        return None
    return doc if isinstance(doc, dict) else doc.as_dict()


def _date_params() -> dict[str, Any]:
    # htmldate's extensive search parses every date-like string with dateparser (slow) and
    # takes a year alone for January 1st; the page's own dates are read in pagemeta instead.
    from datetime import date

    return {"extensive_search": False, "original_date": True,
            "max_date": date.today().isoformat()}


def _may_have_cut(page: Page, text: str | None) -> bool:
    """True when the precision text is short next to the page's prose (long text runs)."""
    words = len(_TOKENS.findall(text or ""))
    if words < _MIN_TOKENS:
        return True
    return words < _CUT_SHARE * page.prose_words(_PROSE_RUN_WORDS)


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


# --- Page preparation: structural fixes applied to the parsed tree before trafilatura runs.

# Containers that hold the article text itself (the same vocabulary trafilatura's first
# body expression uses); a page may split its body over several of them.
_BODY_TEST = (
    "[self::article or self::div or self::main or self::section]["
    "@itemprop='articleBody' or "
    "re:test(@id, '(?:entry|article|art)-content|article__content|article(?:-|__)?body|"
    "articleBody|body-text') or "
    "re:test(@class, 'post[-_]text|post-body|post[-_]?content|article-?text|articleText|"
    "(?:entry|article|art)-content|article__content|article(?:-|__)?body|articleBody|"
    "ArticleContent|body-text|story-?body|story-?content')]")
_BODY_XPATH = "//*" + _BODY_TEST
# Embedded social posts: trafilatura drops them with their "social"/"widget" wrappers, but
# a quoted post is article content (often the very statement the story is about).
_EMBED_XPATH = (
    "//blockquote[re:test(@class, '(?:^|\\s)(?:twitter-tweet|twitter-video|"
    "instagram-media|tiktok-embed|bluesky-embed|mastodon-embed|threads-post)(?:\\s|$)')]")
# Hover cards and tooltips repeat a linked name plus a list of links inside a sentence.
_POPUP_XPATH = (
    "//*[self::span or self::div or self::aside][re:test(@class, "
    "'(?:^|[\\s_-])(?:tooltip|popover|hover-?card|rollover)(?:$|[\\s_-])', 'i')]")
_LETTER_WORD = re.compile(r"\S*[^\W\d_]\S*")
_LINK_BLOCK_TAGS = ("ul", "ol", "div", "section", "aside", "p")
_LINK_BLOCK_MIN_LINKS = 3
_LINK_BLOCK_SHARE = 0.9
_ITEM_LINK_SHARE = 0.4
_ITEM_MAX_WORDS = 40
_AFTER_LIST_MAX_WORDS = 10
_LIST_HEADING_MAX_WORDS = 8
_CHUNK_MIN_WORDS = 40
_CHUNK_MAX_LINK_SHARE = 0.3
_MAX_CHUNKS = 30


def _prepare(tree: Any) -> None:
    """Fix page structures trafilatura misreads, in place, before extraction."""
    for build in (_unwrap_layout_tables, _block_spans, _wrap_loose_text, _drop_popups,
                  _unwrap_embedded_posts, _join_split_bodies, _drop_link_blocks,
                  _drop_trailing_link_lists, _drop_teaser_lists):
        try:
            build(tree)
        except Exception:  # noqa: BLE001 - a preparation step must never lose the page
            continue


_TABLE_PARTS = ("table", "thead", "tbody", "tfoot", "tr", "td", "th")
_BLOCK_IN_CELL = ("table", "p", "div", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "form",
                  "blockquote", "dl", "iframe")
_DATA_CELL_MAX_WORDS = 12
_DATA_FILLED_SHARE = 0.7


def _unwrap_layout_tables(tree: Any) -> None:
    """Turn tables used for page layout into plain blocks; data tables stay tables.

    Pages built from tables put navigation, the article and sidebars in cells of one grid;
    extracted as a table they come out as ``| | |`` rows with the menus inside the text. A
    table is a data table when it holds no other table and no block content (paragraphs,
    divs, lists, headings, forms) in its cells, and either declares its structure (``th``,
    ``thead``, ``caption``) or is a grid of at least two rows and two columns of short
    cells. Every other table is layout: its rows and cells become ``div`` elements, so
    trafilatura judges their contents as ordinary blocks.
    """
    tables = list(tree.iter("table"))
    data = {table for table in tables if _is_data_table(table)}
    if len(data) == len(tables):
        return
    rename = []
    for elem in tree.iter(*_TABLE_PARTS):
        owner = elem if elem.tag == "table" else next(elem.iterancestors("table"), None)
        if owner is not None and owner not in data:
            rename.append(elem)
    for elem in rename:
        elem.tag = "div"


_LOOSE_PARENTS = ("div", "td", "article", "section", "main", "body", "center", "blockquote")
# Elements that flow inside a paragraph; every other element starts a block.
_INLINE = frozenset({"a", "b", "i", "u", "em", "strong", "span", "font", "small", "big", "sub",
                     "sup", "abbr", "acronym", "cite", "code", "q", "s", "strike", "tt", "var",
                     "mark", "time", "label", "nobr", "wbr", "ins", "del", "dfn", "kbd", "samp",
                     "bdo", "bdi"})
_LOOSE_MIN_WORDS = 8
_CODE = re.compile(r"document\.write|function\s*\(|[;{}]\s*[;{}]|\bvar\s+\w+\s*=")


def _wrap_loose_text(tree: Any) -> None:
    """Wrap text standing loose between blocks into paragraphs of its own.

    A story's lead written straight into its container before the first ``<p>``, or the
    rest of a paragraph after an advertisement ``<div>`` (the parser ends the ``<p>`` at the
    ``<div>``), is bare text beside block elements; trafilatura drops it. In a container
    that holds paragraphs of prose, each run of loose text and inline elements (links,
    bold...) of 8+ words, not mostly links and not script code, becomes a ``<p>`` in place.
    """
    from lxml import html as lxml_html

    for parent in list(tree.iter(*_LOOSE_PARENTS)):
        kids = list(parent)
        if not any(k.tag == "p" and _count_words(k.text_content()) >= _LOOSE_MIN_WORDS
                   for k in kids if isinstance(k.tag, str)):
            continue  # not a text container: its loose text is a menu, a footer, a widget
        runs: list[tuple[Any, list[Any]]] = [(None, [])]  # (block it follows, inline members)
        for kid in kids:
            if _is_block(kid):
                runs.append((kid, []))
            else:
                runs[-1][1].append(kid)
        for after, members in runs:
            text = (parent.text if after is None else after.tail) or ""
            inline = [m for m in members if isinstance(m.tag, str)]
            words = _count_words(text) + sum(_count_words(m.text_content()) for m in inline) \
                + sum(_count_words(m.tail) for m in members)
            if words < _LOOSE_MIN_WORDS:
                continue
            linked = sum(_count_words(a.text_content()) for m in inline for a in m.iter("a"))
            if linked * 2 >= words or _CODE.search(text):
                continue  # a menu written as loose links, or script text a broken tag let out
            para = lxml_html.Element("p")
            para.text = text
            if after is None:
                parent.text = None
                parent.insert(0, para)
            else:
                after.tail = None
                parent.insert(parent.index(after) + 1, para)
            for member in members:
                para.append(member)


_SPAN_BLOCKS = frozenset({"div", "table", "ul", "ol", "dl", "blockquote", "form", "section",
                          "article", "aside", "figure", "center"})


def _block_spans(tree: Any) -> None:
    """A ``span`` of text (8+ words of its own) that holds blocks (an advertisement ``div``
    inside the story's text span) becomes a ``div``: read as inline, the text between its line breaks and the block is
    lost ("Provisional squad: ..." before an ad at the end of the story)."""
    for span in list(tree.iter("span")):
        if not any(isinstance(child.tag, str) and child.tag in _SPAN_BLOCKS for child in span):
            continue
        own = _count_words(span.text) + sum(_count_words(child.tail) for child in span)
        if own >= _LOOSE_MIN_WORDS:  # a span of text around the block, not a widget wrapper
            span.tag = "div"


def _is_block(elem: Any) -> bool:
    return isinstance(elem.tag, str) and elem.tag not in _INLINE


def _is_data_table(table: Any) -> bool:
    if next(table.iterdescendants("table"), None) is not None:
        return False
    cells = list(table.iterdescendants("td", "th"))
    if not cells:
        return False
    if any(next(c.iterdescendants(*_BLOCK_IN_CELL), None) is not None for c in cells):
        return False
    if next(table.iterdescendants("th", "thead", "caption"), None) is not None:
        return True
    rows = [r for r in table.iterdescendants("tr")]
    widths = [len([c for c in r if c.tag in ("td", "th")]) for r in rows]
    if len(rows) < 2 or max(widths, default=0) < 2:
        return False
    words = [len(c.text_content().split()) for c in cells]
    filled = sum(1 for n in words if n)
    # Spacer and image cells, or cells that are each one link, make a grid of tools or menus.
    links = sum(1 for c in cells if _count_words(c.text_content())
                and len(c.xpath(".//a[@href]")) == 1 and _link_only(c))
    return sum(words) / len(words) <= _DATA_CELL_MAX_WORDS \
        and filled >= _DATA_FILLED_SHARE * len(cells) and links < _DATA_FILLED_SHARE * filled


def _link_only(cell: Any) -> bool:
    text = " ".join(cell.text_content().split())
    linked = " ".join(" ".join(a.text_content().split()) for a in cell.iter("a"))
    return len(linked) >= 0.8 * len(text)


_MAX_CAPTION_WORDS = 60
_MIN_ALT_CAPTION_WORDS = 5
_CAPTION_TAGS = ("td", "div", "p", "span", "font", "em", "i", "small")


def _without_captions(tree: Any) -> Any:
    """A copy of ``tree`` without its photo captions (:func:`_drop_captions`), or ``tree``
    itself when it has none."""
    from copy import deepcopy

    try:
        if not _may_have_captions(tree):
            return tree  # most pages: no copy, no second look at every element
        copy = deepcopy(tree)
        return copy if _drop_captions(copy) else tree
    except Exception:  # noqa: BLE001 - a preparation step must never lose the page
        return tree


def _long_alts(tree: Any) -> bool:
    return any(_count_words(img.get("alt") or img.get("title") or "") >= _MIN_ALT_CAPTION_WORDS
               for img in tree.iter("img"))


def _may_have_captions(tree: Any) -> bool:
    """True when ``tree`` has something :func:`_drop_captions` could drop: a figcaption, an
    element whose class or id names a caption, or an image with a long alt text."""
    from .chrome import _chrome_rules

    words = _chrome_rules()["caption_classes"]
    if _long_alts(tree):
        return True
    for elem in tree.iter():
        if not isinstance(elem.tag, str):
            continue
        if elem.tag == "figcaption":
            return True
        label = f"{elem.get('class') or ''} {elem.get('id') or ''}".casefold()
        if label.strip() and any(w in label for w in words):
            return True
    return False


def _drop_captions(tree: Any) -> int:
    """Drop photo captions: ``figcaption``, an element whose class or id names a caption
    (``caption_classes`` in ``data/chrome.toml``: "imagecaption", "cutline"...), or a short
    block that repeats the ``alt`` text of an image beside it. A caption extracted with
    the article becomes its first paragraph ("Mayor Vasquez waves after the vote, 4 May").
    """
    from .chrome import _chrome_rules

    words = _chrome_rules()["caption_classes"]
    has_alts = _long_alts(tree)  # without one, no unnamed block can repeat an alt text
    dropped = 0
    for elem in list(tree.iter()):
        if not isinstance(elem.tag, str) or elem.getparent() is None:
            continue
        label = f"{elem.get('class') or ''} {elem.get('id') or ''}".casefold()
        named = elem.tag == "figcaption" or (label.strip() and any(w in label for w in words))
        if not named and (not has_alts or elem.tag not in _CAPTION_TAGS):
            continue
        text = " ".join(elem.text_content().split())
        n = _count_words(text)
        if not n or n > _MAX_CAPTION_WORDS or _is_body_container(elem):
            continue
        if not named:
            if n < _MIN_ALT_CAPTION_WORDS or _is_block_parent(elem) or _in_paragraph_run(elem):
                continue  # a lead some sites repeat as the alt text stays
            near = elem.getparent().getparent()
            scope = near if near is not None else elem.getparent()
            alts = [" ".join((img.get("alt") or img.get("title") or "").split())
                    for img in scope.iter("img")]
            if not any(text in alt for alt in alts if alt):
                continue
        _remove_keep_tail(elem)
        dropped += 1
    return dropped


def _in_paragraph_run(elem: Any) -> bool:
    """True for a ``p`` with a sibling paragraph of prose right after it."""
    after = elem.getnext()
    return elem.tag == "p" and after is not None and after.tag == "p" \
        and _count_words(after.text_content()) >= _LOOSE_MIN_WORDS


def _is_block_parent(elem: Any) -> bool:
    return any(_is_block(child) and child.tag != "br" for child in elem)


def _drop_popups(tree: Any) -> None:
    for elem in tree.xpath(_POPUP_XPATH, namespaces=_REGEXP_NS):
        if elem.getparent() is not None:
            _remove_keep_tail(elem)


def _unwrap_embedded_posts(tree: Any) -> None:
    """Replace each embedded post, with the wrappers that hold only it, by plain paragraphs."""
    from lxml import html as lxml_html  # type: ignore[import-untyped]

    for quote in tree.xpath(_EMBED_XPATH, namespaces=_REGEXP_NS):
        blocks = _embed_blocks(quote)
        if not blocks:
            continue
        size = len(" ".join(blocks))
        outer = quote
        # Climb while the wrapper holds nothing but the post (a caption is allowed).
        while (parent := outer.getparent()) is not None and parent.tag not in ("body", "html") \
                and len(" ".join(parent.text_content().split())) <= size + 40 \
                and not _is_body_container(parent):
            outer = parent
        div = lxml_html.Element("div")
        for block in blocks:
            para = lxml_html.Element("p")
            para.text = block
            div.append(para)
        div.tail = outer.tail
        outer.getparent().replace(outer, div)


def _embed_blocks(quote: Any) -> list[str]:
    blocks: list[str] = []
    rest: list[str] = [quote.text or ""]
    for child in quote:
        if not isinstance(child.tag, str):
            rest.append(child.tail or "")
            continue
        if child.tag == "p":
            blocks.extend(" ".join(line.split()) for line in _lines(child))
        else:
            rest.append(child.text_content())
        rest.append(child.tail or "")
    byline = " ".join("".join(rest).split())
    if byline:
        blocks.append(byline)
    return blocks


def _lines(elem: Any) -> list[str]:
    """The text of ``elem`` split at its ``<br>`` elements."""
    from copy import deepcopy

    elem = deepcopy(elem)
    for br in elem.iter("br"):
        br.tail = "\n" + (br.tail or "")
    return [ln for ln in elem.text_content().split("\n") if ln.strip()]


def _join_split_bodies(tree: Any) -> None:
    """Append later chunks of a body split over same-class containers to the first chunk.

    Some pages cut one article into several identical body containers (ads or widgets in
    between); trafilatura keeps only the first. Only chunks of real prose join, so lists of
    teasers that reuse the body class are left alone.
    """
    from lxml import html as lxml_html  # type: ignore[import-untyped]

    groups: dict[tuple[str, str, str], list[Any]] = {}
    matches = tree.xpath(_BODY_XPATH, namespaces=_REGEXP_NS)
    for elem in matches:
        key = (elem.tag, elem.get("class") or "", elem.get("itemprop") or "")
        groups.setdefault(key, []).append(elem)
    for chunks in groups.values():
        if not 2 <= len(chunks) <= _MAX_CHUNKS:
            continue
        prose = [c for c in chunks if _is_prose_chunk(c)]
        # Nested matches are one container, not several chunks.
        prose = [c for c in prose if not any(o is not c and o in c.iterancestors()
                                             for o in prose)]
        if len(prose) < 2 or _common_body_ancestor(prose, matches):
            continue
        first = prose[0]
        for chunk in prose[1:]:
            if chunk.text and chunk.text.strip():
                para = lxml_html.Element("p")
                para.text = chunk.text
                first.append(para)
            for child in list(chunk):
                first.append(child)
            _remove_keep_tail(chunk)
        return


def _drop_link_blocks(tree: Any) -> None:
    """Drop blocks made of nothing but links (teaser grids, link lists) outside paragraphs.

    trafilatura's own link-density test misses teasers whose link wraps a heading and an
    image, and lists whose items are all links.
    """
    # One bottom-up pass: (words, words inside links, links) per element. Numbering and
    # separators ("1.", "|") are not words, so a numbered box of links is all links.
    stats: dict[Any, tuple[int, int, int]] = {}
    for elem in reversed(list(tree.iter())):
        if not isinstance(elem.tag, str):
            continue
        words = _count_letter_words(elem.text)
        link_words = links = 0
        for child in elem:
            c_words, c_link_words, c_links = stats.get(child, (0, 0, 0))
            words += c_words + _count_letter_words(child.tail)
            link_words += c_link_words
            links += c_links
        if elem.tag == "a" and elem.get("href"):
            link_words, links = words, links + 1
        stats[elem] = (words, link_words, links)
    for elem in list(tree.iter(*_LINK_BLOCK_TAGS)):
        words, link_words, links = stats.get(elem, (0, 0, 0))
        if links < _LINK_BLOCK_MIN_LINKS or words < 2 * links \
                or link_words < _LINK_BLOCK_SHARE * words:
            continue
        if elem.getparent() is None or _is_body_container(elem) or \
                next(elem.iterancestors("p"), None) is not None:
            continue
        _remove_keep_tail(elem)


def _drop_trailing_link_lists(tree: Any) -> None:
    """Drop a list of related-article links that ends an article body, with its heading.

    Each item of such a list is a short line that is largely a link; nothing but a few
    words of text follow it in the body. A bulleted list inside the article, with prose
    after it, is kept.
    """
    containers = tree.xpath(_BODY_XPATH + " | //article", namespaces=_REGEXP_NS)
    for container in containers:
        if container.getparent() is None:
            continue
        lists = [lst for lst in container.iter("ul", "ol") if _is_link_list(lst)]
        for lst in reversed(lists):
            if lst.getparent() is None or _words_after(container, lst) > _AFTER_LIST_MAX_WORDS:
                continue
            heading = _heading_before(lst)
            _remove_keep_tail(lst)
            if heading is not None:
                _remove_keep_tail(heading)


_TEASER_MIN_ITEMS = 3
_TEASER_SHARE = 0.8
_TEASER_LINK_WORDS = 3


def _drop_teaser_lists(tree: Any) -> None:
    """Drop lists of teasers (``ul``, ``ol``, ``dl``): items that open with a linked headline.

    "Most viewed", "Blog watch" and "more in this section" boxes list other stories as a
    linked headline followed by a sentence or two, so they fail the link-share test of
    plain link lists. A list inside an article body with more prose after it is kept.
    """
    containers = tree.xpath(_BODY_XPATH + " | //article", namespaces=_REGEXP_NS)
    for lst in list(tree.iter("ul", "ol", "dl")):
        if lst.getparent() is None:
            continue
        # in a definition list the linked headlines are the terms, the summaries the dd
        items = [li for li in lst if li.tag in ("li", "dt")]
        if len(items) < _TEASER_MIN_ITEMS:
            continue
        teasers = sum(1 for li in items if _opens_with_link(li))
        if teasers < _TEASER_SHARE * len(items):
            continue
        body = next((c for c in containers if c in lst.iterancestors()), None)
        if body is not None and _words_after(body, lst) > _AFTER_LIST_MAX_WORDS \
                and not all(_all_link(li) for li in items):
            continue  # an article's own list; one of nothing but linked headlines is a box
        heading = _heading_before(lst)
        _remove_keep_tail(lst)
        if heading is not None:
            _remove_keep_tail(heading)


def _all_link(li: Any) -> bool:
    words = _count_words(li.text_content())
    linked = sum(_count_words(a.text_content()) for a in li.iter("a") if a.get("href"))
    return words >= _TEASER_LINK_WORDS and linked >= 0.95 * words


def _opens_with_link(li: Any) -> bool:
    for node in li.iter():
        if node.tag == "a" and node.get("href"):
            return _count_words(node.text_content()) >= _TEASER_LINK_WORDS
        if isinstance(node.tag, str) and node is not li and _count_words(node.text):
            return False
        if node is li and _count_words(li.text):
            return False
    return False


def _is_link_list(lst: Any) -> bool:
    items = [li for li in lst if li.tag == "li"]
    if len(items) < 2:
        return False
    shares = []
    for li in items:
        words = len(li.text_content().split())
        link_words = sum(len(a.text_content().split()) for a in li.iter("a") if a.get("href"))
        if not link_words or words > _ITEM_MAX_WORDS:
            return False
        shares.append(link_words / words)
    return sum(shares) / len(shares) >= _ITEM_LINK_SHARE


def _words_after(container: Any, lst: Any) -> int:
    words = 0
    after = False
    for node in container.iter():
        if node is lst:
            after = True
            words += _count_words(node.tail)
            continue
        if not after or not isinstance(node.tag, str) or lst in node.iterancestors():
            continue
        words += _count_words(node.text) + _count_words(node.tail)
    return words


def _heading_before(lst: Any) -> Any:
    prev = lst.getprevious()
    while prev is not None and prev.tag == "hr":
        prev = prev.getprevious()
    if prev is None or not isinstance(prev.tag, str) or (lst.getprevious() is not None
                                                         and _count_words(prev.tail)):
        return None
    text = " ".join(prev.text_content().split())
    if not text or len(text.split()) > _LIST_HEADING_MAX_WORDS or text[-1] in ".!?;,":
        return None
    return prev


def _count_letter_words(text: str | None) -> int:
    return len(_LETTER_WORD.findall(text)) if text else 0


def _count_words(text: str | None) -> int:
    return len(text.split()) if text else 0


def _common_body_ancestor(chunks: list[Any], matches: list[Any]) -> bool:
    """True when one body container already holds every chunk (it is the one extracted)."""
    shared = set(chunks[0].iterancestors())
    for chunk in chunks[1:]:
        shared &= set(chunk.iterancestors())
    return any(m in shared for m in matches)


def _is_prose_chunk(elem: Any) -> bool:
    words = len(" ".join(p.text_content() for p in elem.iter("p")).split())
    if words < _CHUNK_MIN_WORDS:
        return False
    link_words = len(" ".join(a.text_content() for a in elem.iter("a")).split())
    total = len(elem.text_content().split()) or 1
    return link_words / total <= _CHUNK_MAX_LINK_SHARE


def _is_body_container(elem: Any) -> bool:
    return bool(elem.xpath("self::*" + _BODY_TEST, namespaces=_REGEXP_NS))


def _remove_keep_tail(elem: Any) -> None:
    parent = elem.getparent()
    if parent is None:
        return
    if elem.tail and elem.tail.strip():
        prev = elem.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + elem.tail
        else:
            parent.text = (parent.text or "") + elem.tail
    parent.remove(elem)
