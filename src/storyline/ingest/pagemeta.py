"""Metadata read from a parsed page: the headline shown above the article, the date written with
it, and the outlet's name, each checked against the page's other signals.

A page's ``<title>`` often names the site or section ("Archives", "Winona Daily News") or
carries a suffix ("… - World - Sport"); the headline a reader sees is a heading just above
the article text. Rule words (section names, month names, date conventions) are in
``data/metadata.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from . import meta as _meta
from .page import (
    _MAX_OUTLET_WORDS,
    _TITLE_SEPARATOR,
    _URL_DATE_TOLERANCE,
    _WORD,
    Page,
    _as_date,
    _url_date,
    section_like,
)


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


_MARKUP = re.compile(r"<\s*/?[a-z!]|\bhref\s*=|&lt;|&gt;", re.IGNORECASE)


_MIN_DEK_WORDS = 3


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
       carry: ``/2008/01/02/politics/``) gives way to it (a typo or the date of an event),
       and so does the nearest date above the headline (a masthead's date of the day the
       page was seen) that is more than two days from the URL's date;
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
    from_url = _url_date(page.url)
    written, place = page.written_date_and_place()
    own = from_url or page.link_date()
    if written and own and abs(written - own) > _URL_DATE_TOLERANCE and (
            place == "above" and from_url is not None
            or any(f.value == written for f in _meta.written_dates(page.text))):
        # a date in the story (a typo, an event) or above its headline (a masthead's date
        # of the day) is not its own: the date its URL was made with is
        return own.isoformat()
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
