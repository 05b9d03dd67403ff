"""L3S-GN1 benchmark: body text, title and metadata extracted from real, messy news pages.

The folder holds ``original/<uuid>.html`` (pages as crawled), ``annotated/<uuid>.html`` (the
same pages with the assessors' labels as CSS classes on ``<span>`` elements) and
``url-mapping.txt`` (``<urn:uuid:…>`` TAB URL). Each page goes through exactly what
``storyline ingest PAGE --url URL`` runs (:func:`storyline.ingest.sources.read_unit`), and is
scored against the labels:

- **body**: gold = the text of the outermost ``x-nc-sel2`` (full text) spans, joined by
  newlines; precision, recall and F1 over lower-cased ``\\w+`` word 4-shingles (multisets),
  computed per page and averaged over all pages (a skipped page scores 0);
- **title**: a stored title is right when, after NFKC case folding and splitting into ``\\w+``
  tokens, it equals one ``x-nc-sel1`` (headline) span or all of them joined, or overlaps one
  of those closely: at least 90% of its tokens are headline tokens and it holds at least 80%
  of the headline's tokens. A site suffix ("… - Football - Sport") or a section name fails;
  one differing word in a ten-word headline passes. Pages without a labelled headline are
  left out of ``title_accuracy``;
- **outlet**: the page has an outlet of at most eight words that is not a copyright line;
- **date**: the published date parses, is not in the future, is not before 1994 (no news
  site existed), and when the labelled article (headline, full text, supplemental spans)
  writes full dates, lies within two days of one of them (``dates_checkable`` pages);
- **clean**: the text has no layout-table rows (a line holding an empty cell, ``| |``, or
  made only of pipes) and no mojibake (UTF-8 read as cp1252: ``â€™``, ``Ã©``, ``Â£``).
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from ..errors import DataError
from ..settings import Settings

SHINGLE_SIZE = 4
_WORD = re.compile(r"\w+")
_LABEL = "contains(concat(' ', normalize-space(@class), ' '), ' {} ')"
BODY_LABEL = "x-nc-sel2"
HEADLINE_LABEL = "x-nc-sel1"
SUPPLEMENT_LABEL = "x-nc-sel3"
TITLE_PRECISION = 0.9
TITLE_RECALL = 0.8
MAX_OUTLET_WORDS = 8
EARLIEST_YEAR = 1994
DATE_TOLERANCE = timedelta(days=2)

_PIPE_ROW = re.compile(r"\|[ \t]*\||^[ \t|]*\|[ \t|]*$", re.MULTILINE)
# UTF-8 bytes of common characters read as cp1252/latin-1.
_MOJIBAKE = re.compile("\u00e2\u20ac|\u00c3[\u0080-\u00bf\u201a-\u203a\u0152\u0153\u0160"
                       "\u0161\u0178\u017d\u017e\u02c6\u02dc\u2122]|\u00c2[\u00a0-\u00bf]")
_COPYRIGHT = re.compile(r"\u00a9|\(c\)|\bcopyright\b|\ball rights reserved\b", re.IGNORECASE)

_MONTHS = {m: i for i, names in enumerate((
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
    ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
    ("oct", "october"), ("nov", "november"), ("dec", "december")), start=1) for m in names}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WRITTEN_DATES = tuple(re.compile(p, re.IGNORECASE) for p in (
    _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b",
    r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+(?P<year>(?:19|20)\d\d)\b",
    r"\b(?P<year>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b",
    r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year>(?:19|20)\d\d)\b",
))


@dataclass(frozen=True)
class LabelledPage:
    """One L3S-GN1 page: where it is, its URL, and what the assessors labelled in it."""

    id: str
    url: str | None
    path: Path
    body: str
    headlines: tuple[str, ...]
    written_dates: tuple[date, ...]


def is_l3s(data: Path) -> bool:
    """True when ``data`` has the L3S-GN1 layout (original/, annotated/, url-mapping.txt)."""
    return (data / "original").is_dir() and (data / "annotated").is_dir() \
        and (data / "url-mapping.txt").is_file()


def load_pages(data: Path, *, limit: int | None = None) -> list[LabelledPage]:
    """The labelled pages in id order; ``limit`` keeps every k-th page (a fixed sample)."""
    data = Path(data)
    if not is_l3s(data):
        raise DataError(f"{data} is not the L3S-GN1 data set: expected original/, annotated/ "
                        "and url-mapping.txt; pass --data PATH/TO/l3s-gn1-dev")
    urls = _url_mapping(data / "url-mapping.txt")
    ids = sorted(p.stem for p in (data / "original").glob("*.html"))
    if limit is not None and 0 < limit < len(ids):
        step = len(ids) / limit
        ids = [ids[int(i * step)] for i in range(limit)]
    pages = []
    for page_id in ids:
        annotated = data / "annotated" / f"{page_id}.html"
        if not annotated.is_file():
            raise DataError(f"{annotated} is missing; the data set is incomplete, fetch it again")
        pages.append(_labelled(page_id, urls.get(page_id), data / "original" / f"{page_id}.html",
                               annotated.read_bytes()))
    return pages


def evaluate(data: Path, *, limit: int | None = None,
             settings: Settings | None = None) -> dict[str, Any]:
    """Score ingest of every page (``read_unit`` with ``--url``) against the labels.

    Returns body ``precision``/``recall``/``f1``, ``title_accuracy``, ``outlet_share``,
    ``date_share``, ``clean_share`` with their counts, the pages skipped by reason, and
    ``pages_per_second`` (time spent in ingest only).
    """
    from ..ingest.sources import Overrides, read_unit
    from ..models import Document

    settings = settings or Settings()
    pages = load_pages(data, limit=limit)
    body = {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    titles = titled = outlets = dated = checkable = agreeing = clean = pipes = mojibake = 0
    failed: Counter[str] = Counter()
    elapsed = 0.0
    today = date.today()
    for page in pages:
        start = time.perf_counter()
        items = list(read_unit(str(page.path), settings, Overrides(url=page.url)))
        elapsed += time.perf_counter() - start
        doc = next((item for item in items if isinstance(item, Document)), None)
        if doc is None:
            failed[next((getattr(i, "reason", "?") for i in items), "nothing")] += 1
            continue
        for key, value in zip(("precision", "recall", "f1"),
                              page_scores(page.body, doc.text), strict=True):
            body[key] += value
        if page.headlines:
            titled += 1
            titles += title_matches(doc.title, page.headlines)
        outlets += plausible_outlet(doc.outlet)
        verdict = date_verdict(doc.published, page.written_dates, today)
        dated += verdict != "wrong"
        checkable += bool(page.written_dates)
        agreeing += verdict == "agrees"
        has_pipes, has_mojibake = bool(_PIPE_ROW.search(doc.text)), bool(
            _MOJIBAKE.search(doc.text))
        pipes += has_pipes
        mojibake += has_mojibake
        clean += not (has_pipes or has_mojibake)
    n = len(pages)
    return {
        "task": "extraction",
        "data": "l3s-gn1",
        "pages": n,
        **{k: round(v / n, 4) if n else 0.0 for k, v in body.items()},
        "title_accuracy": round(titles / titled, 4) if titled else 0.0,
        "title_pages": titled,
        "outlet_share": _share(outlets, n),
        "date_share": _share(dated, n),
        "dates_checkable": checkable,
        "dates_agreeing": agreeing,
        "clean_share": _share(clean, n),
        "pipe_row_pages": pipes,
        "mojibake_pages": mojibake,
        "pages_per_second": round(n / elapsed, 2) if elapsed else 0.0,
        "failed": sum(failed.values()),
        "failed_by_reason": dict(sorted(failed.items())),
    }


def page_scores(truth: str, predicted: str) -> tuple[float, float, float]:
    """(precision, recall, F1) of one page over lower-cased word 4-shingles (multisets)."""
    gold, pred = shingles(truth), shingles(predicted)
    hits = sum((gold & pred).values())
    n_pred, n_gold = sum(pred.values()), sum(gold.values())
    if not n_pred and not n_gold:
        return 1.0, 1.0, 1.0
    p = hits / n_pred if n_pred else 0.0
    r = hits / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def shingles(text: str, n: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """Multiset of lower-cased ``n``-word shingles; a shorter text is one shingle."""
    words = [w.lower() for w in _WORD.findall(text or "")]
    if not words:
        return Counter()
    if len(words) < n:
        return Counter([tuple(words)])
    return Counter(tuple(words[i:i + n]) for i in range(len(words) - n + 1))


def title_matches(title: str | None, headlines: tuple[str, ...]) -> bool:
    """True when ``title`` equals or closely overlaps a labelled headline (module docstring)."""
    got = _tokens(title or "")
    if not got:
        return False
    candidates = list(headlines) + ([" ".join(headlines)] if len(headlines) > 1 else [])
    for headline in candidates:
        want = _tokens(headline)
        if not want:
            continue
        if got == want:
            return True
        common = sum((Counter(got) & Counter(want)).values())
        if common >= TITLE_PRECISION * len(got) and common >= TITLE_RECALL * len(want):
            return True
    return False


def plausible_outlet(outlet: str | None) -> bool:
    """An outlet name: present, at most eight words, not a copyright line."""
    if not outlet or not outlet.strip():
        return False
    return len(outlet.split()) <= MAX_OUTLET_WORDS and not _COPYRIGHT.search(outlet)


def date_verdict(published: str | None, written: tuple[date, ...], today: date) -> str:
    """``"agrees"``, ``"unchecked"`` (plausible, the page writes no full date) or ``"wrong"``."""
    day = _day(published)
    if day is None or day > today or day.year < EARLIEST_YEAR:
        return "wrong"
    if not written:
        return "unchecked"
    if any(abs(day - w) <= DATE_TOLERANCE for w in written):
        return "agrees"
    return "wrong"


def written_dates(text: str) -> tuple[date, ...]:
    """Every full calendar date written in ``text`` (both readings of an ambiguous a/b/yyyy)."""
    found: set[date] = set()
    for pattern in _WRITTEN_DATES:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            year = int(groups["year"])
            if groups.get("month"):
                options = [(_MONTHS[groups["month"].lower()], int(groups["day"]))]
            elif groups.get("m"):
                options = [(int(groups["m"]), int(groups["d"]))]
            else:
                a, b = int(groups["a"]), int(groups["b"])
                options = [(a, b), (b, a)]
            for month, day in options:
                try:
                    found.add(date(year, month, day))
                except ValueError:
                    continue
    return tuple(sorted(found))


def _labelled(page_id: str, url: str | None, path: Path, annotated: bytes) -> LabelledPage:
    from lxml import html as lxml_html  # type: ignore[import-untyped]

    tree = lxml_html.document_fromstring(annotated)

    def texts(label: str) -> list[str]:
        test = _LABEL.format(label)
        return [span.text_content() for span in
                tree.xpath(f"//span[{test}][not(ancestor::span[{test}])]")]

    headlines = tuple(" ".join(t.split()) for t in texts(HEADLINE_LABEL) if t.strip())
    body = "\n".join(texts(BODY_LABEL))
    article = "\n".join([*headlines, body, *texts(SUPPLEMENT_LABEL)])
    return LabelledPage(page_id, url, path, body, headlines, written_dates(article))


def _url_mapping(path: Path) -> dict[str, str]:
    urls = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        key, _, url = line.partition("\t")
        page_id = key.strip().strip("<>").rsplit(":", 1)[-1]
        if page_id and url.strip():
            urls[page_id] = url.strip()
    return urls


def _tokens(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def _day(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return datetime.fromisoformat(published.replace("Z", "+00:00")).date()
    except ValueError:
        try:
            return date.fromisoformat(published[:10])
        except ValueError:
            return None


def _share(count: int, total: int) -> float:
    return round(count / total, 4) if total else 0.0
