"""A parsed HTML page as page metadata reads it (``Page``): its headings, the dates written in it and in its links and scripts, its bylines and site names, each found once; and the rules that read a date in a URL path."""

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


_MIN_STANDFIRST_WORDS = 8


_MAX_STANDFIRST_WORDS = 60


_STANDFIRST_WINDOW = 15  # text nodes after the headline where its standfirst may sit


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
        match = re.search(pattern, path, re.IGNORECASE)
        if not match:
            continue
        y = int(match.group("y"))
        if order == ("y", "a", "b"):  # ddmmyyyy, or mmddyyyy on a month-first site
            a, b = int(match.group("a")), int(match.group("b"))
            readings = [(b, a), (a, b)] if month_first else [(a, b), (b, a)]
        elif "mon" in order:  # "Jan112008", "January2008/06"
            readings = [(_URL_MONTHS[match.group("mon").lower()[:3]], int(match.group("d")))]
        else:
            readings = [(int(match.group("m")), int(match.group("d")))]
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
    # a stamp at the end of a file number: …/001200801111540.htm (2008-01-11 15:40)
    (r"(?P<y>(?:19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)(?:[01]\d|2[0-3])[0-5]\d(?:\.\w+)?$",
     ("y", "m", "d")),
    # a month's name glued to the day and year, or to the year with the day after it:
    # /Jan112008/, /January2008/06/
    (r"(?<![a-z])(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}"
     r"(?P<d>[0-3]?\d)(?P<y>(?:19|20)\d\d)(?!\d)", ("mon", "d", "y")),
    (r"(?<![a-z])(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}"
     r"(?P<y>(?:19|20)\d\d)/(?P<d>[0-3]\d)/", ("mon", "y", "d")),
)

_URL_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}


def _as_date(value: str) -> date | None:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None


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
        return self.written_date_and_place()[0]

    def written_date_and_place(self) -> tuple[date | None, str]:
        """The first full date written with the article and where: ``"with"`` (from its
        headline to its first words: bylines, datelines) or ``"above"`` (the nearest one
        above the headline: a masthead's date of the day the page was seen, often)."""
        start = self.body_start
        if start is None:
            return None, ""
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
            return after[0], "with"
        above = [f.value for f in _meta.written_dates(" ".join(before), month_first=month_first)
                 if _meta.plausible_date(f.value)]
        return (above[-1], "above") if above else (None, "")

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
