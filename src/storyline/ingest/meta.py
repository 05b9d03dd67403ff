"""Metadata clean-up shared by every source: publication times, outlets, field mapping."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

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
