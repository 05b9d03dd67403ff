"""What a metadata value from an untrusted source must be to be stored.

A field that fails its check is dropped with a warning (``Document.extra["warnings"]``, shown
as a note of the run); the article is kept. Nothing here raises for a bad value.
"""

from __future__ import annotations

import json
import math
from dataclasses import replace
from datetime import datetime
from typing import Any

from ..models import Document
from ..store._base import safe_text
from . import meta as _meta
from .urls import normalize_url

# Publication years outside this range are typos or placeholders (0000-00-00), not dates.
_YEARS = (1800, 2200)


def outlet_from_url(url: str | None) -> str | None:
    """The URL's host as an outlet name; None for a URL too malformed to have one."""
    if not url or normalize_url(url) is None:
        return None
    try:
        return _meta.outlet_from_url(url)
    except ValueError:
        return None


def published_value(value: Any) -> tuple[str | None, str | None]:
    """(ISO 8601 publication time, None), or (None, why the value is not a date).

    Accepts what :func:`storyline.ingest.meta.normalize_published` reads, but refuses what it
    would turn into a wrong date or an exception: lists and objects (``[1, 2]``), booleans,
    NaN, infinities and timestamps out of range, nesting, and dates that do not exist or fall
    outside the years 1800–2200 (``0000-00-00``).
    """
    if value is None or value == "":
        return None, None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None, f"{preview(value)} is not a date"
    if isinstance(value, float) and not math.isfinite(value):
        return None, f"{value!r} is not a date"
    if isinstance(value, (int, float)):
        # as normalize_published reads it: past 10^10 it is milliseconds
        seconds = value / 1000 if value > 10_000_000_000 else value
        # Unix seconds for the years 1800-2200
        if not -5_364_662_400 <= seconds <= 7_258_118_400:
            return None, f"timestamp {preview(value)} is out of range"
    elif len(value) > 100:
        return None, f"{preview(value)} is too long to be a date"
    try:
        iso = _meta.normalize_published(value)
    except (ValueError, OverflowError, TypeError, OSError, RecursionError) as exc:
        return None, f"{preview(value)} is not a date ({type(exc).__name__})"
    if iso is None:
        return None, f"{preview(value)} is not a date"
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return None, f"{preview(value)} is not a date"
    if not _YEARS[0] <= moment.year <= _YEARS[1]:
        return None, f"{preview(value)} gives the year {moment.year}, which is not plausible"
    return iso, None


def preview(value: Any) -> str:
    try:
        text = repr(value) if not isinstance(value, (list, dict)) else json.dumps(value)[:60]
    except (ValueError, RecursionError):
        text = type(value).__name__
    return text if len(text) <= 60 else text[:57] + "..."


def checked_fields(doc: Document, warnings: list[str]) -> Document:
    """The document with a malformed URL or impossible date from the page itself dropped."""
    changes: dict[str, Any] = {}
    if doc.url and normalize_url(doc.url) is None:
        warnings.append(f"url {preview(doc.url)} is not a valid http(s) URL; dropped")
        changes["url"] = None
        if doc.outlet and doc.outlet.lower() in doc.url.lower():
            changes["outlet"] = None  # a host name taken from that URL ("example.com:99999")
    if doc.published:
        iso, why = published_value(doc.published)
        if iso is None:
            warnings.append(f"published {why}; stored without a date")
        changes["published"] = iso
    return replace(doc, **changes) if changes else doc


def with_warnings(doc: Document, warnings: list[str]) -> Document:
    if not warnings:
        return doc
    return replace(doc, extra={**doc.extra, "warnings": [*doc.extra.get("warnings", []),
                                                         *warnings]})


# -- JSON -------------------------------------------------------------------------------------


def safe_strings(value: Any, depth: int = 0) -> Any:
    """A JSON value with lone surrogates (``"\\ud83d"``, a cut emoji) made U+FFFD."""
    if depth > 200:
        raise RecursionError("nested too deeply")
    if isinstance(value, str):
        return safe_text(value)
    if isinstance(value, list):
        return [safe_strings(v, depth + 1) for v in value]
    if isinstance(value, dict):
        return {safe_text(str(k)): safe_strings(v, depth + 1) for k, v in value.items()}
    return value
