"""Metadata read from a parsed page: the headline shown above the article, the date written with
it, and the outlet's name, each checked against the page's other signals.

A page's ``<title>`` often names the site or section ("Archives", "Winona Daily News") or
carries a suffix ("… - World - Sport"); the headline a reader sees is a heading just above
the article text. Rule words (section names, month names, date conventions) are in
``data/metadata.toml``.
"""

from __future__ import annotations

import bisect
import functools
import json
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from . import meta as _meta

_WORD = re.compile(r"\w+")
_NOT_ALNUM = re.compile(r"[\W_]+")
# Separators between the parts of a <title>: " | ", " - ", " :: ", " » ", " / ", " @ "...
_TITLE_SEPARATOR = re.compile(
    r"\s+(?:[|\-\u2013\u2014:\u00bb\u00b7\u2022~/@]|::|--|\|\|)\s+|\s*(?:\||::|\u00bb|--)\s*|"
    r"(?<=\w)-\s+(?=[A-Z])|(?<=\w):\s+")
_HEADING_TAGS = ("h1", "h2", "h3", "h4")
_BLOCK_TAGS = ("div", "p", "table", "ul", "ol", "li", "dl", "form", "h1", "h2", "h3", "h4",
               "h5", "h6", "td", "blockquote", "section", "article", "header")
_HEADING_CLASS = re.compile(r"head|title|hdl|\bhed\b|subject", re.IGNORECASE)
_NOT_HEADING_CLASS = re.compile(
    r"sub|kicker|section|site|nav|menu|logo|brand|widget|side|foot|related|promo|tool|"
    r"search|top-?bar|masthead|group|portlet|block|module|list|teaser|more|most|small",
    re.IGNORECASE)
_HEADLINE_CLASS = re.compile(r"headline|story-?title|article-?title|entry-?title|hdl",
                             re.IGNORECASE)
_BYLINE = re.compile(r"^(?:by|posted by|written by|from)\b", re.IGNORECASE)
_MAX_HEADLINE_WORDS = 30
_BODY_KEY_WORDS = 8
_SENTENCE_WORDS = 12
_HEADER_WINDOW_WORDS = 150  # how far above the article text its headline may sit
_DATE_ZONE_AFTER_WORDS = 120  # dates written in the first words of the article count
_MAX_OUTLET_WORDS = 5
_HEADER_NODES = 30
_BYLINE_AFTER_START = 2
_MAX_BYLINE_WORDS = 30
_BYLINE_START = re.compile(r"^by\s+[A-Z]", re.IGNORECASE)
_AUTHOR_CLASS = re.compile(r"author|byline", re.IGNORECASE)
_FROM_END = re.compile(r"\bfrom\s*:?\s*$", re.IGNORECASE)
_MAX_SITE_EXTRA_CHARS = 12  # "thecom", "worldviews", "online": what a site name adds to its host
_SKIP_LABELS = frozenset({"www", "com", "org", "net", "gov", "edu", "co", "ac", "info", "biz"})


@dataclass(frozen=True)
class PageMeta:
    """What :func:`page_metadata` found; ``None`` where the page does not say."""

    title: str | None
    published: str | None
    outlet: str | None
    dek: str | None = None


def page_metadata(tree: Any, text: str, found: dict[str, Any], url: str | None, *,
                  page: Page | None = None) -> PageMeta:
    """Headline, publication date and outlet of a page, from its tree and extracted text.

    ``found`` is trafilatura's metadata (title, date, sitename), used as further candidates;
    ``text`` the extracted article text, used to find where the article starts in the page;
    ``page`` a :class:`Page` already made for ``tree`` (its text nodes are read once).
    See :func:`choose_title`, :func:`choose_published` and :func:`choose_outlet`.
    """
    page = page or Page(tree, url)
    page.text = text
    sources = [t for t in (*page.meta_titles(), page.html_title(), found.get("title")) if t]
    site_names = [s for s in (*page.meta_site_names(), found.get("sitename")) if s]
    # trafilatura falls back to a <title> part for the site name, sometimes the headline
    site_keys = [s for s in site_names if page.names_host(s) or len(s.split()) <= 3]
    title = choose_title(page, sources, site_keys)
    outlet = choose_outlet(page, sources, site_names, title)
    return PageMeta(
        title=title,
        published=choose_published(page, found.get("date")),
        outlet=outlet,
        dek=choose_dek(page, found.get("description"), title,
                       [*site_names, *([outlet] if outlet else [])]),
    )


# --- dek (standfirst) -------------------------------------------------------------------------

_MARKUP = re.compile(r"<\s*/?[a-z!]|\bhref\s*=|&lt;|&gt;", re.IGNORECASE)
_MIN_DEK_WORDS = 3
_MIN_STANDFIRST_WORDS = 8
_MAX_STANDFIRST_WORDS = 60
_STANDFIRST_WINDOW = 15  # text nodes after the headline where its standfirst may sit
_DEK_LEAD_WORDS = 120  # the dek is compared with the headline and this much of the text
_DEK_MIN_SHARED = 0.2  # share of a description's content words that the article must use
_DEK_MIN_SHARED_NAMING_SITE = 0.34  # ...when the description names the site itself
_DOMAIN_NAME = re.compile(r"\b[\w-]+\.(?:com|net|org|co\.uk|co|uk|ie|tv|info)\b", re.IGNORECASE)
_CONTENT_WORD = re.compile(r"[^\W\d_]{4,}")


def choose_dek(page: Page, description: str | None, title: str | None,
               site_names: list[str]) -> str | None:
    """The article's dek (standfirst). First match wins:

    1. a standfirst shown between the headline and the article text that the extracted
       text left out: an ``h2``–``h6``, or an element whose class or id says standfirst
       (``standfirst_classes`` in ``metadata.toml``), holding one sentence or two (8–60
       words, ending like a sentence), not a byline, date or photo caption;
    2. the page's meta description, unless it is the site's own description rather than
       the article's: markup (``<a href=``) or a template word ("displayarticle": fewer
       than three words), the site's name, or text that shares under a fifth of its
       content words with the headline and the article's first 120 words and no name
       with the headline (a third, names or not, when it names the site, its host or a
       domain: "business news and analysis from the Northvale Ledger").

    None when neither holds: no dek is better than the site's slogan.
    """
    found = page.standfirst(title)
    if found:
        return found
    desc = " ".join((description or "").split())
    if not desc or _MARKUP.search(desc) or len(_WORD.findall(desc)) < _MIN_DEK_WORDS:
        return None
    key = page.squash(desc)
    names = {page.squash(n) for n in site_names if n}
    if key in names:
        return None
    words = {w.casefold()[:5] for w in _CONTENT_WORD.findall(desc)}
    if not words:
        return None
    lead = " ".join(page.text.split()[:_DEK_LEAD_WORDS])
    article = {w.casefold()[:5] for w in _CONTENT_WORD.findall(f"{title or ''} {lead}")}
    shared = len(words & article) / len(words)
    names_site = bool(_DOMAIN_NAME.search(desc)) or any(
        n in key for n in names if len(n) >= 4) or any(
        page.names_host(w) for w in _CONTENT_WORD.findall(desc))
    # a name from the headline ("Federer", "Keegan") marks a summary written in other words
    names = {w.casefold()[:5] for w in _CONTENT_WORD.findall(title or "")
             if w[0].isupper() and not section_like(w)}
    if not names_site and words & names:
        return desc
    if shared < (_DEK_MIN_SHARED_NAMING_SITE if names_site else _DEK_MIN_SHARED):
        return None
    return desc


# --- headline ---------------------------------------------------------------------------------


def choose_title(page: Page, sources: list[str], site_names: list[str]) -> str | None:
    """The article's headline. First match wins:

    1. a heading (``h1``–``h4``, or an element whose class or id says headline/title) whose
       text is the page title or a run of its parts once site and section names are set
       aside; the one nearest above the article text when several (a heading that only
       starts like the title: the shorter of the two);
    2. the page title without the site and section parts at its start and end
       ("Covic turns up heat on Schwarzer - Football - Sport" -> "Covic turns up heat on
       Schwarzer"), when the page shows that text in an element of its own, or when the
       title was declared for sharing (``og:title``, ``twitter:title``, a headline meta);
       a title whose prefix of at most three words before a colon is the site ("IOL: Trio
       set for Derby debuts") loses it when the rest is shown alone on the page or the
       prefix names the host of at least three of the page's links (``home.iol.ie``);
    3. the heading nearest above the article text (within 150 words of it) that is not a
       site or section name, a byline, a date, a sentence or a link to another page;
    4. the page title without its site and section parts, even if not shown;
    5. a line standing alone just above the article text (a bold paragraph, a styled
       ``div``) that reads like a headline: 2–20 words, no final full stop, not a byline,
       date, site or section name or link;
    6. None: a title that is only a site or section name ("Archives") is no headline.

    Title sources are ``<title>``, ``og:title``/``twitter:title``/``<meta name=headline>``
    and trafilatura's title.
    """
    site_keys = [page.squash(s) for s in site_names if s]
    keys: set[str] = set()
    stripped: list[str] = []
    declared: list[str] = []  # cores of og:title / twitter:title / meta headline
    meta_titles = set(page.meta_titles())
    for source in sources:
        parts = [p for p in _TITLE_SEPARATOR.split(" ".join(source.split())) if p and p.strip()]
        kept = [p for p in parts if not page.site_like(p, site_keys)]
        for i in range(len(kept)):
            for j in range(i + 1, len(kept) + 1):
                keys.add(page.squash(" ".join(kept[i:j])))
        core = _strip_site_parts(" ".join(source.split()), parts, page, site_keys)
        if core:
            stripped.append(core)
            keys.add(page.squash(core))
            if source in meta_titles:
                declared.append(core)
    keys.discard("")
    headings = page.headings()
    matched = [h for h in headings if h.key in keys]
    if matched:
        # the longest title part shown as a heading: the headline, not the site's name
        longest = max(len(h.key) for h in matched)
        return page.nearest_above_body([h for h in matched if len(h.key) == longest]).text
    matched = [h for h in headings if _prefix_match(h.key, keys)]
    if matched:
        heading = page.nearest_above_body(matched)
        # a heading longer than the title carries a date or kicker: the title part is the
        # headline; a heading shorter than a cut or damaged title is
        longer = [t for t in stripped if heading.key.startswith(page.squash(t))]
        return longer[0] if longer else heading.text
    shown = [t for t in stripped if page.squash(t) in page.node_keys]
    if shown:
        return shown[0]
    for source in sources:
        rest = _without_site_prefix(page, source)
        if rest:
            return rest
    above = page.heading_above_body(site_keys)
    if above is not None and (not declared or above.major):
        return above.text
    if declared:
        return declared[0]
    if above is not None:
        return above.text
    if stripped:
        return stripped[0]
    return page.line_above_body(site_keys)


_COLON_PREFIX = re.compile(r"^([^:]{1,40}?)\s*:\s+(\S.*)$")
_MAX_PREFIX_WORDS = 3
_MIN_SITE_LINKS = 3


def _without_site_prefix(page: Page, title: str) -> str | None:
    """"IOL: Trio set for Derby debuts" -> "Trio set for Derby debuts": a prefix of at most
    three words before a colon is the site's name when the rest (longer than the prefix,
    three words or more) is shown alone on the page or when the prefix names the host of
    the page's own links (home.iol.ie)."""
    match = _COLON_PREFIX.match(" ".join(title.split()))
    if not match or len(match.group(1).split()) > _MAX_PREFIX_WORDS:
        return None
    prefix, rest = match.group(1), match.group(2)
    if len(_WORD.findall(rest)) < max(3, len(_WORD.findall(prefix)) + 1):
        return None  # "Charlie Wilson's War: film review": the rest is a label
    if page.squash(rest) in page.node_keys:
        return rest
    key = page.squash(prefix)
    if len(key) >= 2 and page.link_host_labels().get(key, 0) >= _MIN_SITE_LINKS:
        return rest
    return None


def _strip_site_parts(title: str, parts: list[str], page: Page,
                      site_keys: list[str]) -> str | None:
    start, end = 0, len(parts)
    while start < end and page.site_like(parts[start], site_keys):
        start += 1
    while end > start and page.site_like(parts[end - 1], site_keys):
        end -= 1
    if start == end:
        return None
    if start == 0 and end == len(parts):
        return title
    if end - start == 1 and len(_WORD.findall(parts[start])) < 2:
        return None  # "Bloomberg.com: Japan": what is left is a section
    first, last = parts[start], parts[end - 1]
    a = title.find(first)
    b = title.rfind(last) + len(last)
    return title[a:b].strip() if 0 <= a < b else " ".join(parts[start:end])


def _prefix_match(key: str, keys: set[str]) -> bool:
    # a cut or damaged <title> ("Gale to drive Nation'?' + OAS...") still names its heading
    return len(key) >= 20 and any(len(k) >= 20 and (k.startswith(key) or key.startswith(k))
                                  for k in keys)


# --- publication date -------------------------------------------------------------------------


def choose_published(page: Page, found: str | None) -> str | None:
    """The publication date (ISO). First match wins:

    1. a publication time in the page's metadata (``<meta>`` keys listed in
       ``metadata.toml``, JSON-LD ``datePublished``, ``<time datetime>``), when plausible;
    2. the first full date written with the article: from its headline to its first 120
       words (bylines and datelines), else the nearest one above it; numeric dates are read
       in the page's own order when its dates show it (``25/01/2008``), else by the site's
       convention (month first on .com/.org/.us..., day first on country domains). A date
       written in the article text itself that is more than two days from the date in the
       page's URL path (or, without a URL, the date most of the page's own dated links
       carry: ``/2008/01/02/politics/``) gives way to it (a typo or the date of an event);
    3. a date literal in a time-stamp call of the page's inline scripts
       (``cnnRenderTimeStamp(..., ['January 2, 2008 -- Updated ...'])``: a function whose
       name holds "time", "date" or "stamp"), for pages that write their date by script;
    4. a date in the URL (``/2008/01/16/``, ``20080116``, ``/2008/WORLD/europe/01/16/``,
       ``/18012008/``);
    5. trafilatura's (htmldate) guess, unless it is a year alone (stored as ``YYYY-01-01``).

    Dates in the future or before 1994 are never used.
    """
    stamp = page.meta_published()
    if stamp:
        return stamp
    written = page.written_date()
    from_url = _url_date(page.url)
    own = from_url or page.link_date()
    if written and own and abs(written - own) > _URL_DATE_TOLERANCE \
            and any(f.value == written for f in _meta.written_dates(page.text)):
        return own.isoformat()  # a date in the story (a typo, an event) is not its own
    if written:
        return written.isoformat()
    scripted = page.script_date()
    if scripted:
        return scripted.isoformat()
    if from_url:
        return from_url.isoformat()
    if found:
        value = _as_date(found)
        if value and _meta.plausible_date(value) and not (value.month == 1 and value.day == 1):
            return found
    return None


_URL_DATE_TOLERANCE = timedelta(days=2)
_MIN_DATED_LINKS = 5
_STAMP_CALL = re.compile(r"\b[A-Za-z_$][\w$]*(?:time|date|stamp)[\w$]*\s*\(", re.IGNORECASE)
_STRING_LITERAL = re.compile(r"'([^'\n]{6,160})'|\"([^\"\n]{6,160})\"")
_STAMP_ARGS_CHARS = 400
_SCRIPT_SCAN_CHARS = 200_000


def _url_date(url: str | None) -> date | None:
    if not url:
        return None
    parts = urlsplit(url)
    path = parts.path
    month_first = _meta.month_first_host(parts.hostname)
    for pattern, order in _URL_DATES:
        match = re.search(pattern, path)
        if not match:
            continue
        y, m, d = (int(match.group(k)) for k in order)
        readings = [(m, d)]
        if order == ("y", "a", "b"):  # ddmmyyyy, or mmddyyyy on a month-first site
            readings = [(d, m), (m, d)] if month_first else [(m, d), (d, m)]
        for month, day in readings:
            try:
                value = date(y, month, day)
            except ValueError:
                continue
            if _meta.plausible_date(value):
                return value
    return None


# (pattern, group order) for dates in URL paths: /2008/01/16/, /20080116, /2008/WORLD/europe/
# 01/16/ (a section between year and day), and /18012008/ (day first, or month first on
# month-first sites, whichever reading is a date).
_URL_DATES: tuple[tuple[str, tuple[str, str, str]], ...] = (
    (r"(?<!\d)(?P<y>(?:19|20)\d\d)[/_-](?P<m>[01]\d)[/_-](?P<d>[0-3]\d)(?!\d)", ("y", "m", "d")),
    (r"(?<!\d)(?P<y>(?:19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)(?!\d)", ("y", "m", "d")),
    (r"/(?P<y>(?:19|20)\d\d)(?:/[A-Za-z][\w-]*){1,3}/(?P<m>[01]\d)/(?P<d>[0-3]\d)/",
     ("y", "m", "d")),
    (r"(?<![\d])(?P<b>[0-3]\d)(?P<a>[01]\d)(?P<y>(?:19|20)\d\d)(?!\d)", ("y", "a", "b")),
)


def _as_date(value: str) -> date | None:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None


# --- outlet -----------------------------------------------------------------------------------


def choose_outlet(page: Page, sources: list[str], site_names: list[str],
                  title: str | None) -> str | None:
    """The outlet's name. First match wins:

    1. a site name from the page (``og:site_name``, ``application-name``, trafilatura's site
       name) or a part of its title that names the site's host ("The Times Leader" on
       timesleader.com), cleaned of copyright wording;
    2. another site name from the page that is a name (at most five words, not a copyright
       line, not the headline, not a section), one that also signs the title first; a
       section part goes ("Manchester.com - News" -> "Manchester.com");
    3. the URL's host without ``www.``.
    """
    title_key = page.squash(title or "")
    candidates: list[str] = []
    for name in site_names:
        candidates.extend(p for p in _TITLE_SEPARATOR.split(name) if p.strip())
    for source in sources:
        candidates.extend(p for p in _TITLE_SEPARATOR.split(source) if p.strip())
    clean = [c for c in (_meta.clean_outlet(c) for c in candidates) if c]
    clean = [c for c in clean if page.squash(c) != title_key
             and len(c.split()) <= _MAX_OUTLET_WORDS]
    hosted = [c for c in clean if page.names_host(c)]
    if hosted:
        # a display name ("USA TODAY") over a slug ("usatoday")
        # and the name closest to the host ("9to5Mac" over "9to5Mac Gift Guide")
        return max(hosted, key=lambda c: (not c.islower(), -page.host_distance(c)))
    # "Manchester.com - News": a site name with a section part is the rest
    named = [n for n in (_meta.clean_outlet(_without_sections(page, s)) for s in site_names)
             if n]
    # a site signs its titles ("... - Reuters"): a site name that is a title part comes first
    signed = {page.squash(p) for source in sources for p in _TITLE_SEPARATOR.split(source)}
    named.sort(key=lambda n: page.squash(n) not in signed)
    for name in named:
        if name and page.squash(name) != title_key and not page.section_like(name) \
                and len(name.split()) <= _MAX_OUTLET_WORDS:
            return name
    return _meta.outlet_from_url(page.url)


def _without_sections(page: Page, name: str) -> str:
    parts = [p.strip() for p in _TITLE_SEPARATOR.split(name) if p and p.strip()]
    kept = [p for p in parts if not page.section_like(p)]
    return kept[0] if len(kept) == 1 and len(parts) > 1 else name


# --- the page ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Heading:
    text: str
    key: str
    node: int  # index of its first text node
    link: bool = False  # the whole heading links to another page (a teaser, a menu entry)
    major: bool = False  # an h1/h2, or marked as the headline by its class or id


def _own_text(elem: Any) -> str:
    """The text of a heading without blocks nested in it (a date line inside an ``h1``)."""
    parts = [elem.text or ""]
    for child in elem:
        if isinstance(child.tag, str) and child.tag not in _BLOCK_TAGS:
            parts.append(_own_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _links_away(elem: Any, url: str | None) -> bool:
    links = [a for a in elem.iter("a") if a.get("href")]
    if not links:
        return False
    linked = sum(len(a.text_content().split()) for a in links)
    if linked < len(elem.text_content().split()):
        return False
    here = urlsplit(url or "")
    for a in links:
        there = urlsplit(a.get("href", ""))
        if there.path and here.path and there.path.rstrip("/") == here.path.rstrip("/"):
            return False
    return True


class Page:
    """A parsed page with its visible text nodes in document order, computed once.

    ``text`` (the extracted article) must be set before anything about the article's
    position is asked (headings, dates, byline).
    """

    def __init__(self, tree: Any, url: str | None, text: str = ""):
        self.tree = tree
        self.text = text
        self.url = url
        self._heading_cache: dict[Any, Any] = {}
        self.host = (urlsplit(url).hostname or "").lower() if url else ""
        rules = _meta._rules()
        self.section_words = rules["section_words"]
        self.host_labels = [label for label in self.host.split(".")
                            if len(label) > 2 and label not in _SKIP_LABELS
                            and label not in self.section_words]

    # -- text nodes

    def prose_words(self, min_run: int) -> int:
        """Words in text nodes of at least ``min_run`` words: the page's prose, not its menus."""
        return sum(n for n in (len(text.split()) for text, _ in self._nodes) if n >= min_run)

    @functools.cached_property
    def _nodes(self) -> list[tuple[str, Any]]:
        """(text, owning element) of every visible text node of the body."""
        scope = "//body" if self.tree.find(".//body") is not None else ""
        try:
            texts = self.tree.xpath(
                f"{scope}//text()[not(ancestor::script) and not(ancestor::style) "
                "and not(ancestor::noscript) and not(ancestor::select) "
                "and not(ancestor::title) and not(ancestor::head)]")
        except Exception:  # noqa: BLE001
            return []
        nodes = []
        for t in texts:
            if not t.strip():
                continue
            owner = t.getparent()
            if owner is not None and t.is_tail:
                owner = owner.getparent()
            nodes.append((str(t), owner))
        return nodes

    @functools.cached_property
    def _stream(self) -> tuple[str, list[int]]:
        """The lower-cased words of all nodes joined by spaces, and each node's offset."""
        parts, offsets, pos = [], [], 0
        for text, _ in self._nodes:
            words = " ".join(_WORD.findall(text.casefold()))
            offsets.append(pos)
            parts.append(words)
            pos += len(words) + 1
        return " ".join(parts), offsets

    @functools.cached_property
    def body_start(self) -> int | None:
        """Index of the text node where the extracted article's first prose line starts
        (a headline the extraction kept as its first line is not the start)."""
        stream, offsets = self._stream
        for line in self.text.splitlines():
            words = _WORD.findall(line.casefold())
            if len(words) < _BODY_KEY_WORDS:
                continue
            key = " ".join(words[:_BODY_KEY_WORDS])
            at = stream.find(key)
            if at < 0:
                return None
            node = max(0, bisect.bisect_right(offsets, at) - 1)
            elem = self._heading_elem(self._nodes[node][1])
            if elem is None or not self._headline_like(" ".join(_own_text(elem).split())):
                return node
        return None

    # -- headings

    def headings(self) -> list[_Heading]:
        return self._headings

    @functools.cached_property
    def _headings(self) -> list[_Heading]:
        found: list[_Heading] = []
        seen: set[int] = set()
        # the headline sits above the article; past its first lines come only teasers
        start = self.body_start
        end = len(self._nodes) if start is None else min(len(self._nodes), start + 60)
        for index, (_, owner) in enumerate(self._nodes[:end]):
            elem = self._heading_elem(owner)
            if elem is None or id(elem) in seen:
                continue
            seen.add(id(elem))
            text = " ".join(_own_text(elem).split())
            if self._headline_like(text):
                label = f"{elem.get('class') or ''} {elem.get('id') or ''}"
                major = elem.tag in ("h1", "h2") or bool(_HEADLINE_CLASS.search(label))
                found.append(_Heading(text, self.squash(text), index,
                                      _links_away(elem, self.url), major))
        return found

    def _heading_elem(self, owner: Any) -> Any:
        """The heading element a text node belongs to (itself or an ancestor), or None."""
        if owner in self._heading_cache:
            return self._heading_cache[owner]
        found = self._find_heading_elem(owner)
        self._heading_cache[owner] = found
        return found

    def _find_heading_elem(self, owner: Any) -> Any:
        elem, depth = owner, 0
        while elem is not None and depth < 4 and isinstance(elem.tag, str):
            if elem.tag in _HEADING_TAGS:
                return elem
            label = f"{elem.get('class') or ''} {elem.get('id') or ''}"
            if _HEADING_CLASS.search(label) and not _NOT_HEADING_CLASS.search(label):
                # a header block holding a headline, a date and a byline is not the headline
                return None if next(elem.iterdescendants(*_BLOCK_TAGS), None) is not None \
                    else elem
            if elem.tag in ("body", "td", "li", "p", "table", "form", "ul", "article"):
                return None
            elem, depth = elem.getparent(), depth + 1
        return None

    @functools.cached_property
    def node_keys(self) -> set[str]:
        """The squashed text of every element's own text node: what the page shows alone."""
        return {self.squash(text) for text, _ in self._nodes}

    def _headline_like(self, text: str) -> bool:
        words = _WORD.findall(text)
        if not words or len(words) > _MAX_HEADLINE_WORDS or text.endswith(":"):
            return False
        if text.endswith(".") and len(words) >= _SENTENCE_WORDS:
            return False  # a lead paragraph styled as a heading
        if _BYLINE.match(text) or self.section_like(text) or self.names_host(text):
            return False
        # a date line ("Tuesday, January 8, 2008") or a time stamp is not a headline
        return not (_meta.written_dates(text) and len(words) <= 8) and \
            not all(w.isdigit() for w in words)

    def nearest_above_body(self, headings: list[_Heading]) -> _Heading:
        start = self.body_start
        if start is None:
            return headings[0]
        above = [h for h in headings if h.node <= start]
        return above[-1] if above else headings[0]

    def heading_above_body(self, site_keys: list[str]) -> _Heading | None:
        start = self.body_start
        if start is None:
            return None
        by_node = {h.node: h for h in self._headings}
        words = 0
        for index in range(start - 1, -1, -1):
            heading = by_node.get(index)
            if heading is not None and heading.key not in site_keys and not heading.link \
                    and len(_WORD.findall(heading.text)) >= 2 and not _date_words(heading.text):
                return heading
            if index < start:
                words += len(_WORD.findall(self._nodes[index][0]))
            if words > _HEADER_WINDOW_WORDS:
                break
        return None

    def line_above_body(self, site_keys: list[str]) -> str | None:
        start = self.body_start
        if start is None:
            return None
        words = 0
        for index in range(start - 1, max(-1, start - 40), -1):
            text, owner = self._nodes[index]
            line = " ".join(text.split())
            n = len(_WORD.findall(line))
            words += n
            if words > _HEADER_WINDOW_WORDS:
                break
            block = owner
            while block is not None and block.tag not in _BLOCK_TAGS:
                block = block.getparent()
            if block is None or " ".join(block.text_content().split()) != line:
                continue  # not a line of its own
            before = block.getprevious()
            if next(block.iter("img"), None) is not None or (
                    before is not None and next(before.iter("img"), None) is not None):
                continue  # a caption
            if 2 <= n <= 20 and not line.endswith(".") and self._headline_like(line) \
                    and self.squash(line) not in site_keys and not _date_words(line) \
                    and next(owner.iterancestors("a"), None) is None and owner.tag != "a":
                return line
        return None

    # -- byline

    def header_byline(self) -> str | None:
        """A byline between the headline and the article text: a line starting "By ..." or
        the text of an element whose class or id says author or byline."""
        start = self.body_start
        if start is None:
            return None
        heading = self.heading_above_body([])
        first = heading.node + 1 if heading is not None else max(0, start - _HEADER_NODES)
        # the extracted text may open with the byline itself: its first lines count too
        for index in range(first, min(len(self._nodes), start + _BYLINE_AFTER_START)):
            text, owner = self._nodes[index]
            line = " ".join(text.split())
            if not line or len(_WORD.findall(line)) > _MAX_BYLINE_WORDS:
                continue
            if _BYLINE_START.match(line):
                return line
            labels = " ".join(f"{e.get('class') or ''} {e.get('id') or ''}"
                              for e in (owner, *list(owner.iterancestors())[:2]))
            if index < start and _AUTHOR_CLASS.search(labels):
                return line
        return None

    def credited_from(self, name: str) -> bool:
        """True when the page shows ``name`` right after "From" ("From The Times"): the
        publication a story comes from, not its writer."""
        key = " ".join(name.split())
        for index, (text, _) in enumerate(self._nodes):
            line = " ".join(text.split())
            if line == key and index and _FROM_END.search(self._nodes[index - 1][0]):
                return True
            if line.casefold().startswith("from ") and line[5:].strip() == key:
                return True
        return False

    # -- standfirst

    def standfirst(self, title: str | None) -> str | None:
        """A standfirst shown just below the headline and missing from the extracted text."""
        start = self.body_start
        if start is None or not title:
            return None
        key = self.squash(title)
        heads = [h for h in self._headings if h.key == key and h.node < start]
        if not heads:
            return None
        classes = _meta._rules()["standfirst_classes"]
        text_key = self.squash(self.text)
        seen: set[int] = set()
        for index in range(heads[-1].node + 1, min(start, heads[-1].node + _STANDFIRST_WINDOW)):
            block = self._nodes[index][1]
            while block is not None and block.tag not in _BLOCK_TAGS:
                block = block.getparent()
            if block is None or id(block) in seen:
                continue
            seen.add(id(block))
            label = f"{block.get('class') or ''} {block.get('id') or ''}".casefold()
            marked = any(w in classes for w in re.findall(r"[a-z]+", label))
            if block.tag not in ("h2", "h3", "h4", "h5", "h6") and not marked:
                continue
            line = " ".join(block.text_content().split())
            n = len(_WORD.findall(line))
            if not _MIN_STANDFIRST_WORDS <= n <= _MAX_STANDFIRST_WORDS \
                    or line[-1] not in ".!?\"\u201d" or _BYLINE.match(line) \
                    or next(block.iter("img"), None) is not None \
                    or "caption" in label or self.squash(line) in text_key:
                continue
            return line
        return None

    # -- dates

    def written_date(self) -> date | None:
        start = self.body_start
        if start is None:
            return None
        heading = self.heading_above_body([])
        first = heading.node if heading is not None else max(0, start - 30)
        zone, words = [], 0
        for index in range(first, len(self._nodes)):
            text = self._nodes[index][0]
            zone.append(text)
            if index >= start:
                words += len(_WORD.findall(text))
                if words > _DATE_ZONE_AFTER_WORDS:
                    break
        before = [t for t, _ in self._nodes[max(0, first - 40):first]]
        order = _meta.numeric_date_order(" ".join(t for t, _ in self._nodes))
        month_first = order if order is not None else _meta.month_first_host(self.host)
        # nodes are joined: a date is often split by markup ("Wednesday 16 January<br>2008")
        after = [f.value for f in _meta.written_dates(" ".join(zone), month_first=month_first)
                 if _meta.plausible_date(f.value)]
        if after:
            return after[0]
        above = [f.value for f in _meta.written_dates(" ".join(before), month_first=month_first)
                 if _meta.plausible_date(f.value)]
        return above[-1] if above else None

    def link_date(self) -> date | None:
        """The date in the paths of most of the page's own links (relative or on its host),
        when at least five carry one: the edition the page belongs to."""
        counts: dict[date, int] = {}
        try:
            hrefs = self.tree.xpath("//a/@href")
        except Exception:  # noqa: BLE001
            return None
        for href in hrefs:
            href = str(href).strip()
            try:
                host = (urlsplit(href).hostname or "").lower()
            except ValueError:
                continue
            if host and host != self.host:
                continue
            found = _url_date("http://x" + href if href.startswith("/") else href)
            if found:
                counts[found] = counts.get(found, 0) + 1
        if not counts:
            return None
        best = max(counts, key=lambda d: counts[d])
        total = sum(counts.values())
        return best if counts[best] >= _MIN_DATED_LINKS and 2 * counts[best] >= total else None

    def script_date(self) -> date | None:
        """The first full date in a string literal passed to a time-stamp call of an inline
        script (``cnnRenderTimeStamp(1199251664155, ['January 2, 2008 ...'])``)."""
        try:
            scripts = self.tree.xpath("//script[not(@src)]/text()")
        except Exception:  # noqa: BLE001
            return None
        month_first = _meta.month_first_host(self.host)
        for script in scripts:
            code = str(script)[:_SCRIPT_SCAN_CHARS]
            for call in _STAMP_CALL.finditer(code):
                args = code[call.end():call.end() + _STAMP_ARGS_CHARS]
                for literal in _STRING_LITERAL.finditer(args):
                    text = literal.group(1) or literal.group(2)
                    for found in _meta.written_dates(text, month_first=month_first):
                        if _meta.plausible_date(found.value):
                            return found.value
        return None

    def meta_published(self) -> str | None:
        keys = _meta._rules()["published_meta"]
        values: list[str] = []
        try:
            for elem in self.tree.xpath("//meta[@content]"):
                name = (elem.get("property") or elem.get("name") or elem.get("itemprop") or "")
                if name.strip().casefold() in keys:
                    values.append(elem.get("content"))
            for script in self.tree.xpath("//script[@type='application/ld+json']/text()")[:5]:
                values.extend(re.findall(r'"datePublished"\s*:\s*"([^"]+)"', script))
            values.extend(self.tree.xpath("//time/@datetime")[:1])
            values.extend(self.tree.xpath("//*[@itemprop='datePublished']/@content")[:1])
        except Exception:  # noqa: BLE001
            return None
        for value in values:
            iso = _meta.normalize_published(value.strip()) if _looks_iso(value) else None
            day = _as_date(iso) if iso else None
            if iso and day and _meta.plausible_date(day):
                return iso
        return None

    def meta_values(self, keys: tuple[str, ...]) -> list[str]:
        wanted = set(keys)
        out = []
        for elem in self.tree.xpath("//meta[@content]"):
            name = (elem.get("name") or elem.get("property") or "").strip().casefold()
            value = " ".join((elem.get("content") or "").split())
            if name in wanted and value:
                out.append(value)
        return out

    @functools.cached_property
    def _json_ld(self) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = []
        for script in self.tree.xpath("//script[@type='application/ld+json']/text()")[:5]:
            try:
                data = json.loads(script)
            except ValueError:
                continue
            for item in data if isinstance(data, list) else [data]:
                if isinstance(item, dict):
                    items.append(item)
                    graph = item.get("@graph")
                    if isinstance(graph, list):
                        items.extend(g for g in graph if isinstance(g, dict))
        return items

    # -- names

    def html_title(self) -> str | None:
        found = self.tree.xpath("//head/title/text() | //title/text()")
        return " ".join(str(found[0]).split()) if found else None

    def meta_titles(self) -> list[str]:
        return [str(v) for v in self.tree.xpath(
            "//meta[@property='og:title' or @name='twitter:title' or @name='title' or "
            "@name='headline' or @name='Headline' or @itemprop='headline']/@content")
            if str(v).strip()]

    def meta_site_names(self) -> list[str]:
        names = self.meta_values(("og:site_name", "application-name", "publisher",
                                  "dc.publisher"))
        for item in self._json_ld:
            publisher = item.get("publisher")
            if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
                names.append(publisher["name"])
        return [n for n in names if n.strip()]

    def link_host_labels(self) -> dict[str, int]:
        """How many of the page's links point to a host with each label (iol: home.iol.ie)."""
        return self._link_host_labels

    @functools.cached_property
    def _link_host_labels(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        try:
            hrefs = self.tree.xpath("//a/@href")
        except Exception:  # noqa: BLE001
            return counts
        for href in hrefs:
            try:
                host = urlsplit(str(href).strip()).hostname or ""
            except ValueError:
                continue
            for label in set(host.lower().split(".")):
                if label and label not in _SKIP_LABELS:
                    counts[label] = counts.get(label, 0) + 1
        return counts

    def squash(self, text: str) -> str:
        return _NOT_ALNUM.sub("", text.casefold())

    def section_like(self, text: str) -> bool:
        return section_like(text)

    def names_host(self, text: str) -> bool:
        """True when ``text`` is the site's name as its host spells it: "The Times Leader" or
        "TimesLeader.com" on timesleader.com, "580 CFRA" on cfra.com."""
        key = self.squash(re.sub(r"^\s*the\s+", "", text, flags=re.IGNORECASE))
        if not key:
            return False
        bare = self.squash(self.host[4:] if self.host.startswith("www.") else self.host)
        if key == bare or (len(key) >= 4 and bare.startswith(key)):
            return True
        for label in self.host_labels:
            if len(key) >= 4 and key in label:
                return True
            if label in key and len(key.replace(label, "", 1)) <= _MAX_SITE_EXTRA_CHARS:
                return True
        return False

    def host_distance(self, text: str) -> int:
        """How many letters ``text`` has beyond the host label it names."""
        key = self.squash(re.sub(r"^\s*the\s+", "", text, flags=re.IGNORECASE))
        labels = [label for label in self.host_labels if label in key]
        return len(key) - max((len(label) for label in labels), default=0)

    def site_like(self, text: str, site_keys: list[str]) -> bool:
        key = self.squash(text)
        return not key or self.section_like(text) or self.names_host(text) or key in site_keys


def section_like(text: str) -> bool:
    """True when every word of ``text`` names a site section ("World News", "UK Latest")."""
    words = [w.casefold() for w in _WORD.findall(text)]
    words = [w for w in words if w not in ("and", "the", "of", "in", "for", "s")]
    return bool(words) and all(w in _meta._rules()["section_words"] for w in words)


def _date_words(text: str) -> bool:
    """True for a line made of weekday and month names and numbers ("Tuesday January 15/")."""
    rules = _meta._rules()
    months = _meta._months()
    words = [w.casefold() for w in _WORD.findall(text)]
    return all(w.isdigit() or w in months or w in rules["weekdays"] for w in words)


def _looks_iso(value: str) -> bool:
    return bool(re.match(r"\s*(?:19|20)\d\d-?[01]\d-?[0-3]\d", value or ""))
