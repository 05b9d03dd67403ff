"""Metadata clean-up shared by every source: publication times, outlets, bylines, field mapping."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

from .ruledata import derived as _derived

# Field names seen in news exports, in order of preference, for each Document field.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline", "heading", "name"),
    "dek": ("dek", "subtitle", "subheadline", "sub_headline", "standfirst", "summary_title"),
    "text": ("text", "body", "content", "article", "articleBody", "article_body", "full_text",
             "fulltext", "maintext", "story", "description", "summary"),
    "url": ("url", "link", "canonical_url", "canonical", "href", "permalink", "uri"),
    "published": ("published", "date", "pubDate", "pub_date", "published_at", "publishedAt",
                  "datePublished", "date_published", "publish_date", "time", "timestamp",
                  "created_at", "created"),
    "outlet": ("outlet", "source", "site", "site_name", "sitename", "publisher", "publication",
               "source_name", "domain"),
    "author": ("author", "authors", "byline", "by", "creator"),
    "language": ("language", "lang", "locale"),
}


def lookup(record: Any, path: str) -> Any:
    """Value at a dotted path (``payload.body``, ``authors.0.name``) or None."""
    cur = record
    for part in path.split("."):
        if isinstance(cur, dict):
            cur = cur.get(part)
        elif isinstance(cur, list) and part.isdigit() and int(part) < len(cur):
            cur = cur[int(part)]
        else:
            return None
        if cur is None:
            return None
    return cur


def as_text(value: Any) -> str | None:
    """Flatten a record value (string, list of names, {"name": ...}) into one string."""
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dict):
        for key in ("name", "title", "value", "text", "#text"):
            if key in value:
                return as_text(value[key])
        return None
    if isinstance(value, list):
        parts = [p for p in (as_text(v) for v in value) if p]
        return ", ".join(parts) or None
    return str(value)


def normalize_published(value: Any) -> str | None:
    """ISO 8601 for a date or datetime in the common feed/export formats; None if unparseable.

    Keeps the precision given: a date stays a date; a datetime keeps its UTC offset (naive
    datetimes are kept naive rather than guessed into a zone). Unix timestamps are UTC.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = value / 1000 if value > 10_000_000_000 else value
        return datetime.fromtimestamp(seconds, UTC).isoformat()
    text = str(value).strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return text
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    if not re.search(r"\d\s*[ap]\.?m\b\.?", text, re.IGNORECASE):
        # RFC 2822 ("Tue, 03 Mar 2026 16:15:00 +0000"); its lenient parser would read
        # "4:15 PM" as 04:15, so a 12-hour clock goes to dateparser instead
        try:
            return parsedate_to_datetime(text).isoformat()
        except (TypeError, ValueError, IndexError):
            pass
    import dateparser  # slow import, only for the odd formats

    parsed = dateparser.parse(text, settings={"RETURN_AS_TIMEZONE_AWARE": False,
                                              "PREFER_DAY_OF_MONTH": "first"})
    return parsed.isoformat() if parsed else None


def outlet_from_url(url: str | None) -> str | None:
    """The host of a URL without ``www.``: a fallback outlet name when a page gives none."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else (host or None)


# --- Dates written in text, bylines and outlet names (rule words in data/metadata.toml) ------

_COPYRIGHT = re.compile(r"\u00a9|\(c\)|\bcopyright\b|\ball rights reserved\b", re.IGNORECASE)
_ORGANISATION_ROLES = frozenset({"bureau", "desk", "services", "staff", "wire", "newsroom",
                                 "team", "reports"})
_DOMAIN_ENDINGS = frozenset({"com", "net", "org", "co", "uk", "ca", "au", "in", "info", "biz"})
_EARLIEST_YEAR = 1994  # no news site publishes anything older as new
_WORD = re.compile(r"\w+")


@_derived
def _rules() -> Any:
    from .ruledata import load

    return load("metadata")


@_derived
def _months() -> dict[str, int]:
    rules = _rules()
    return {word: n for n in range(1, 13) for word in rules[f"month_{n}"]}


@_derived
def _date_patterns() -> tuple[re.Pattern[str], ...]:
    month = r"(?P<month>" + "|".join(sorted(_months(), key=len, reverse=True)) + r")\.?"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    year = r"(?P<year>(?:19|20)\d\d)(?!\d\d)"  # "20083:47 PM": the year runs into the time
    return tuple(re.compile(p, re.IGNORECASE) for p in (
        rf"\b{month}\s+{day},?\s*{year}",
        rf"\b{day}(?:\s+of)?\s+{month},?\s*{year}",
        r"(?<!\d)(?P<y>(?:19|20)\d\d)-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)(?!\d)",
        r"(?<!\d)(?P<y2>(?:19|20)\d\d)/(?P<m2>[01]?\d)/(?P<d2>[0-3]?\d)(?!\d)",
        r"(?<![\d/.])(?P<a>[0-3]?\d)[/.](?P<b>[0-3]?\d)[/.](?P<yy>(?:19|20)?\d\d)(?![\d/])",
    ))


@dataclass(frozen=True)
class WrittenDate:
    """A full calendar date written in text, with where it starts and whether its order was
    ambiguous (``01/11/2008``) and so decided by the page's convention."""

    start: int
    value: date
    ambiguous: bool = False


def written_dates(text: str, *, month_first: bool = False) -> list[WrittenDate]:
    """Every full date (day, month and year) written in ``text``, in text order.

    Month-name forms ("Jan. 5, 2008", "5 January 2008", "Saturday December 29, 2007"),
    ISO ``2008-01-05`` and ``2008/01/05``, and numeric ``a/b/yyyy`` or ``a.b.yy``: a numeric
    date with a part above 12 has one reading; otherwise ``month_first`` decides. A year
    alone, or a month and day without a year, is not a date.
    """
    found: dict[int, WrittenDate] = {}
    months = _months()
    for pattern in _date_patterns():
        for match in pattern.finditer(text):
            g = match.groupdict()
            ambiguous = False
            if g.get("month"):
                y, m, d = int(g["year"]), months[g["month"].lower()], int(g["day"])
            elif g.get("y"):
                y, m, d = int(g["y"]), int(g["m"]), int(g["d"])
            elif g.get("y2"):
                y, m, d = int(g["y2"]), int(g["m2"]), int(g["d2"])
            else:
                a, b, yy = int(g["a"]), int(g["b"]), g["yy"]
                y = int(yy) if len(yy) == 4 else 2000 + int(yy)
                if a > 12 or (b <= 12 and not month_first):
                    d, m = a, b
                else:
                    m, d = a, b
                ambiguous = a <= 12 and b <= 12 and a != b
            try:
                value = date(y, m, d)
            except ValueError:
                continue
            if match.start() not in found:
                found[match.start()] = WrittenDate(match.start(), value, ambiguous)
    return [found[k] for k in sorted(found)]


def numeric_date_order(text: str) -> bool | None:
    """True when the numeric dates in ``text`` are written month first (``01/25/2008``), False
    when day first (``25/01/2008``), None when the text does not show it."""
    month_first = day_first = False
    for match in re.finditer(r"(?<![\d/.])([0-3]?\d)[/.]([0-3]?\d)[/.](?:19|20)?\d\d(?![\d/])",
                             text):
        a, b = int(match.group(1)), int(match.group(2))
        day_first |= 12 < a <= 31 and b <= 12
        month_first |= 12 < b <= 31 and a <= 12
    if month_first != day_first:
        return month_first
    return None


def month_first_host(host: str | None) -> bool:
    """Whether a site on ``host`` writes numeric dates month first, by its top-level domain."""
    tld = (host or "").rsplit(".", 1)[-1].lower()
    return tld in _rules()["month_first_tlds"]


def plausible_date(value: date, today: date | None = None) -> bool:
    """Not in the future (a day of clock skew allowed) and not before news sites existed."""
    today = today or date.today()
    return _EARLIEST_YEAR <= value.year and value <= today + timedelta(days=1)


def clean_author(value: str | None, *, outlet: str | None = None,
                 host: str | None = None) -> str | None:
    """The person or agency names in a byline, without dates, roles and photo credits.

    The byline is split at ``;``, ``|``, "and", spaced dashes and commas between names. A part goes when it
    holds a date or time word ("Published January", "Jan 4", "Updated"), a photo or design
    credit ("Staff photo by ...", "File"), or is the outlet or the site's host ("Tech co
    uk"), also after "The" ("The Times" on timesonline.co.uk); job titles around a name
    go ("Jane Roe, Staff Writer" -> "Jane Roe"), and so does where the writer filed from
    ("Jane Roe in Brussels"); a part with ordinary lower-case words is
    not a name ("Fighting back"). Names in capitals are kept as
    written. Returns the names joined by ``"; "``, or None when nothing is left.
    """
    if not value:
        return None
    rules = _rules()
    junk, roles, particles = rules["author_junk"], rules["author_roles"], rules["name_particles"]
    dates = rules["author_dates"] | rules["weekdays"] | set(_months())
    bare_host = host[4:] if host and host.startswith("www.") else host
    site = {_squash(outlet or "")} | ({_squash(bare_host)} if bare_host else set())
    if host:
        site |= {_squash(label) for label in host.split(".") if len(label) > 3}
    names: list[str] = []
    for part in re.split(r"\s*(?:;|\||\band\b|&|,(?=\s*[A-Z][a-z]+ [A-Z]))\s*|"
                         r"\s+[-\u2013\u2014]\s+", value):
        if any(w.casefold() in junk for w in _WORD.findall(part)):
            continue
        part = re.sub(r"^(?:[\w-]+\s+){0,2}?by\s+", "", part.strip(" .,-:"),
                      flags=re.IGNORECASE)
        part = re.sub(r"\s+in\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,2}$", "", part)  # "in Brussels"
        words = _WORD.findall(part)
        # dates and times next to a name go, the name stays ("Carrie Arnold November 19")
        words = [w for w in words if w.casefold() not in dates and not w.isdigit()]
        if not words:
            continue
        # job titles: drop role words from the end, then from the start
        had = len(words)
        if len(words) > 1 and words[-1].casefold() in _ORGANISATION_ROLES:
            continue  # a desk or a wire ("Northvale Herald Washington Bureau", "HNN Staff")
        while words and words[-1].casefold() in roles:
            words.pop()
        while words and words[0].casefold() in roles:
            words.pop(0)
        if not words or (len(words) < had and len(words) < 2) or _squash(" ".join(words)) in site:
            continue  # nothing, a desk name ("Eagle Washington Bureau") or the site itself
        if len(words) > 1 and words[0] == "The" and _names_site(" ".join(words[1:]), site):
            continue  # "From The Times" on timesonline.co.uk: the publication, not a writer
        if words[-1].casefold() in _DOMAIN_ENDINGS or (len(words) == 1 and len(words[0]) < 3):
            continue  # an address fragment ("Jroe Example Com") or initials alone
        if any(w.islower() and w not in particles for w in words) or len(words) > 5:
            continue
        names.append(_rejoin(part, words))
    return "; ".join(dict.fromkeys(names)) or None


def _names_site(name: str, site: set[str]) -> bool:
    key = _squash(name)
    return len(key) >= 4 and any(key in s for s in site if s)


def clean_outlet(value: str | None) -> str | None:
    """An outlet name, or None when ``value`` is a copyright line, a sentence or a slogan.

    A copyright line names who holds the rights (often a parent company), not the outlet,
    so "© 2008 Northvale Media Group" is None. A URL gives its host; a leading "@" goes.
    """
    if not value:
        return None
    text = " ".join(value.split()).lstrip("@")
    if re.match(r"(?i)https?://", text):
        return outlet_from_url(text)
    if _COPYRIGHT.search(text):
        return None
    text = text.strip(" .,;:-|\u2013\u2014")
    if not text or len(text.split()) > 6 or re.search(r"[.!?]\s+[A-Z]", text):
        return None
    return text


def _rejoin(part: str, words: list[str]) -> str:
    """The span of ``part`` from its first to its last kept word, with original punctuation."""
    start = part.find(words[0])
    end = part.rfind(words[-1]) + len(words[-1])
    return part[start:end].strip() if 0 <= start < end else " ".join(words)


def _squash(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())
