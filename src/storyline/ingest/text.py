"""Plain-text news exports: the headline/dek convention and turning raw text into a Document."""

from __future__ import annotations

import re
from typing import Any

from ..errors import SourceError
from ..models import Document
from .chrome import remove_chrome
from .normalize import detect_language, normalize_text
from .ruledata import derived as _derived

_MAX_HEADLINE_WORDS = 20
_MAX_HEADLINE_CHARS = 200
_MAX_SHOUTED_WORDS = 12  # a headline may end in ? or ! only when it is this short
_MAX_DEK_WORDS = 40
_MAX_DEK_CHARS = 300
_MAX_DEK_SENTENCE_WORDS = 15  # a dek ending with a period is this short...
_MAX_DEK_LONG_SENTENCE_WORDS = 25  # ...or at most this long when it reads like a standfirst
_MIN_BODY_WORDS_AFTER_DEK = 20  # ...and leave at least this much body behind it
_MAX_HEADING_WORDS = 10
_MAX_HEADING_CHARS = 80
_MIN_PROSE_AFTER_HEADING = 8
# A standfirst summarises; a lead reports: a reporting verb or a quotation makes it the lead.
_REPORTING = re.compile(r"\b(?:said|says|told|tells|according to|announced|added)\b|[\"\u201c\u201d]",
                        re.IGNORECASE)

_LINE_BREAKS = re.compile(r"\r\n?")
# "LONDON (Reuters) -", "WASHINGTON —": a dateline opens the body, it is never a dek.
_DATELINE = re.compile(r"^[A-Z][A-Z .,'-]{2,40}(?:\([^)]{1,40}\))?\s*[\u2014\u2013-]")
_BYLINE = re.compile(r"^by\s+\S", re.IGNORECASE)
_MINOR_WORDS = frozenset(
    "a an and as at but by for from in into nor of on or over the to up via vs with".split())


def split_headline(text: str) -> tuple[str | None, str | None, str]:
    """Split a plain-text news export into ``(title, dek, body)``.

    The convention: the first non-blank line is the headline, an optional second line is the
    sub-headline (dek), and the rest is the body. Rules, applied in order:

    1. The first line is a headline only when it is short (at most 20 words and 200
       characters), does not end with ``.``, ``,``, ``;`` or ``:``, ends with ``?`` or ``!``
       only if at most 12 words, does not start with a lowercase letter or a byline ("By ..."),
       looks like a title (at least half its significant words capitalised) or at least not
       like a sentence (no final punctuation at all), and some body text follows it.
       Otherwise there is no headline: ``(None, None, text)`` — a whole paragraph is never a
       title.
    2. After a headline, the next line is the dek when it is short (at most 40 words and 300
       characters), is not a dateline ("LONDON —") or byline, and either has no final period,
       or is at most 15 words without a reporting verb or quotation, or is one sentence of at most 25 words that reads like a
       standfirst rather than a lead: no reporting verb ("said", "told", "according to")
       and no quotation, with a first body paragraph at least as long as itself; a dek
       ending with ``.``, ``!`` or ``?`` must leave at least 20 words of body behind it, so
       it never swallows the lead of a short item.
    3. The body is everything after the headline (and dek), unchanged.
    """
    text = _LINE_BREAKS.sub("\n", text)
    lines = text.split("\n")
    first = _next_nonblank(lines, 0)
    if first is None:
        return None, None, text.strip()
    head = lines[first].strip()
    after_head = _next_nonblank(lines, first + 1)
    if after_head is None or not _looks_like_headline(head):
        return None, None, text.strip()
    dek_line = lines[after_head].strip()
    after_dek = _next_nonblank(lines, after_head + 1)
    if after_dek is not None and (_looks_like_dek(dek_line) or _looks_like_standfirst(
            dek_line, lines[after_dek].strip())):
        rest = "\n".join(lines[after_dek:]).strip()
        # A one-sentence dek must not swallow the lead of a very short article.
        if dek_line[-1] not in ".!?" or len(rest.split()) >= _MIN_BODY_WORDS_AFTER_DEK:
            return head, dek_line, rest
    return head, None, "\n".join(lines[after_head:]).strip()


def text_document(raw: str, *, source: str, via: str = "text", title: str | None = None,
                  dek: str | None = None, **meta: Any) -> Document:
    """Build a clean :class:`~storyline.models.Document` from a plain-text article.

    When ``title`` is None the headline and dek come from :func:`split_headline`; otherwise a
    headline repeated at the top of the body is dropped. Then site chrome is removed
    (:func:`~storyline.ingest.chrome.remove_chrome`), the text normalised and, unless
    ``meta`` gives ``language``, its language detected. Headings a flattened export glued
    into the text get paragraphs of their own (:func:`split_glued_headings`); section
    headings are found by :func:`heading_spans` and listed in ``extra["headings"]``. Reaction counts found in the text are
    merged into ``meta["reactions"]`` (counts in the text win). Other ``meta`` keys that are
    Document fields (author, published, outlet, url, extra) are passed through.

    Raises ``SourceError("no-text")`` when no body text remains.
    """
    found_dek: str | None = None
    stated: str | None = None
    if title is None:
        lines = raw.lstrip().split("\n", 1)
        stated = date_line(lines[0])
        if stated is not None and len(lines) > 1:
            raw = lines[1]  # "Friday, November 11, 2011" above the headline: the date
        title, found_dek, body = split_headline(raw)
        if found_dek is not None and stated is None and date_line(found_dek):
            stated, found_dek = date_line(found_dek), None  # the "dek" is the date line
        dek = dek if dek is not None else found_dek
    else:
        body = raw
    if stated is not None and meta.get("published") is None:
        meta["published"] = stated
    body, counts = remove_chrome(body, title)
    text = normalize_text(body)
    text, stated = _take_date_line(text)
    if stated and meta.get("published") is None:
        meta["published"] = stated
    if not text and found_dek is not None and dek is found_dek:
        text, dek = normalize_text(dek), None  # the "dek" was the whole story
    if not text:
        raise SourceError("no-text", "no article text left after removing the headline and "
                          "site chrome; check that the file holds an article body", source)
    language = meta.pop("language", None) or detect_language(text)
    reactions, fields, extra = _meta_parts(meta)
    reactions.update(counts)
    text = split_glued_headings(text)
    headings = heading_spans(text)
    if headings:
        extra["headings"] = [list(span) for span in headings]
    return Document(
        text=text, source=source, via=via,
        title=_clean_field(title), dek=_clean_field(dek),
        language=language, reactions=reactions, extra=extra, **fields)


#: A date line is at most this long, and sits among the first paragraphs of the body.
_MAX_DATE_LINE_CHARS = 64
_DATE_LINE_PARAGRAPHS = 3
_TIME = re.compile(r"^\d{1,2}(?::\d{2}){1,2}(?:[ap]\.?m\.?)?$|^[ap]\.?m\.?$|^[+-]\d{2}:?\d{2}$")
_DAY_OR_YEAR = re.compile(r"^\d{1,4}(?:st|nd|rd|th)?$")
_NUMERIC_DATE = re.compile(r"^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}(?:t[\d:.+z-]+)?$")


def date_line(line: str) -> str | None:
    """The publication time (ISO 8601) a line states when the line is nothing but a date —
    with weekday, time, time zone or a prefix such as "Updated:" (``dateline_prefixes`` and
    ``time_zones`` in ``ingest/data/metadata.toml``): "JUNE 6, 2013 11:34PM", "Posted: Mar 4,
    2009", "9:53 AM, MON 22 JUL 2013". A line with any other word, without a four-digit
    year or without a day ("March 2010"), is not a date line."""
    from .fields import published_value
    from .meta import _months, _rules

    clean = re.sub(r"\s*([/:])\s*", r"\1", line.strip())
    if not clean or len(clean) > _MAX_DATE_LINE_CHARS:
        return None
    rules = _rules()
    low = clean.lower()
    for prefix in sorted(rules["dateline_prefixes"], key=len, reverse=True):
        if low.startswith(prefix) and not low[len(prefix):len(prefix) + 1].isalnum():
            clean = clean[len(prefix):].lstrip(" :-\u2013\u2014")
            break
    words = [w for w in re.split(r"[\s,|]+", clean.lower()) if w and w not in {"-", "at", "on"}]
    if not words or not re.search(r"\b(?:1[89]|2[01])\d\d\b", clean):
        return None
    months, weekdays, zones = _months(), rules["weekdays"], rules["time_zones"]
    has_day = any(_NUMERIC_DATE.match(w) for w in words) or (
        any(w.rstrip(".") in months for w in words)
        and any(re.match(r"^\d{1,2}(?:st|nd|rd|th)?$", w) for w in words))
    if not has_day:
        return None  # "March 2010", "2012": no day, so no publication date to trust
    for w in words:
        bare = w.rstrip(".")
        if not (bare in months or bare in weekdays or bare in zones or _TIME.match(w)
                or _DAY_OR_YEAR.match(bare) or _NUMERIC_DATE.match(w)
                or re.match(r"^\d{1,2}(?::\d{2})?[ap]\.?m\.?$", w)):
            return None
    iso, _why = published_value(clean)
    return iso


def _take_date_line(text: str) -> tuple[str, str | None]:
    """The text without its date line (among the first paragraphs), and the date it states."""
    paragraphs = text.split("\n\n")
    for i, para in enumerate(paragraphs[:_DATE_LINE_PARAGRAPHS]):
        if "\n" in para.strip():
            continue
        stated = date_line(para)
        if stated is not None and len(paragraphs) > 1:
            return "\n\n".join(paragraphs[:i] + paragraphs[i + 1:]), stated
    return text, None


def _meta_parts(meta: dict[str, Any]) -> tuple[dict[str, int], dict[str, Any], dict[str, Any]]:
    """``meta`` (what a caller or sidecar knows) as the Document's reactions, its other fields
    (author, published, outlet, url) and its ``extra`` (everything else)."""
    reactions = dict(meta.pop("reactions", None) or {})
    fields = {k: v for k, v in meta.items() if k in _DOCUMENT_FIELDS and v is not None}
    extra = dict(fields.pop("extra", None) or {})
    extra.update({k: v for k, v in meta.items() if k not in _DOCUMENT_FIELDS and v is not None})
    return reactions, fields, extra


def headline_document(headline: str, *, source: str, via: str = "json",
                      **meta: Any) -> Document:
    """A headline-only article (an item of a headline stream): its text is the headline,
    which is also its title, and ``extra["headline_only"]`` says so, so that analysis, linking
    and stories use the headline while readers can tell the article has no body."""
    text = normalize_text(headline)
    if not text:
        raise SourceError("no-text", "the record has neither text nor a headline", source)
    meta = {k: v for k, v in meta.items() if k != "title"}
    dek = meta.pop("dek", None)
    language = meta.pop("language", None) or detect_language(text)
    reactions, fields, extra = _meta_parts(meta)
    extra["headline_only"] = True
    return Document(text=text, source=source, via=via, title=_clean_field(text),
                    dek=_clean_field(dek), language=language, reactions=reactions, extra=extra,
                    **fields)


_DOCUMENT_FIELDS = frozenset({"author", "published", "outlet", "url", "extra"})


def _clean_field(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(normalize_text(value).split())
    return value or None


def _looks_like_headline(line: str) -> bool:
    words = line.split()
    if not words or len(words) > _MAX_HEADLINE_WORDS or len(line) > _MAX_HEADLINE_CHARS:
        return False
    if line[-1] in ".,;:" or _BYLINE.match(line):
        return False
    if line[-1] in "?!" and len(words) > _MAX_SHOUTED_WORDS:
        return False
    first_alpha = next((ch for ch in line if ch.isalpha()), "")
    if first_alpha.islower():
        return False
    # No final punctuation already sets it apart from a sentence; capitalisation only has to
    # confirm when the line ends like a sentence might (? or !).
    return line[-1] not in "?!" or _title_case_share(words) >= 0.5


def _looks_like_dek(line: str) -> bool:
    words = line.split()
    if not words or len(words) > _MAX_DEK_WORDS or len(line) > _MAX_DEK_CHARS:
        return False
    if _DATELINE.match(line) or _BYLINE.match(line):
        return False
    if line[-1] in ",;:":
        return False
    if line[-1] in ".!?" and _REPORTING.search(line):
        return False  # "Talks reopened on Tuesday, officials said.": the lead, not a dek
    return line[-1] not in ".!?" or len(words) <= _MAX_DEK_SENTENCE_WORDS


def _looks_like_standfirst(line: str, next_line: str) -> bool:
    words = line.split()
    if not words or len(words) > _MAX_DEK_LONG_SENTENCE_WORDS or line[-1] != ".":
        return False
    if _DATELINE.match(line) or _BYLINE.match(line) or _REPORTING.search(line):
        return False
    if re.search(r"[.!?]\s+\S", line[:-1]):
        return False  # more than one sentence: a paragraph
    return len(next_line.split()) >= len(words)


def heading_spans(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of each line of ``text`` that is a section heading.

    A heading is a line of at most 10 words and 80 characters that does not end like a
    sentence (``.``, ``,``, ``;``, ``:``, ``!``; ``?`` only in title case), starts with a
    capital, is not a dateline or byline, is not the first line of the text, and is
    followed by prose (8+ words): either it is a paragraph of its own followed by a
    paragraph, or it stands on a line of its own right above the next paragraph's text,
    separated by a single line break ("Trump approval\nDuring a visit..."): "Future
    Outlook and Conclusion", "Other injuries". Headings stay in the stored text; these
    spans tell analysis they are labels, not sentences (stored as ``extra["headings"]``).
    """
    spans: list[tuple[int, int]] = []
    lines: list[tuple[int, str]] = []  # (start, line) of every non-blank line
    pos = 0
    for raw in text.split("\n"):
        if raw.strip():
            lines.append((pos, raw))
        pos += len(raw) + 1
    for i, (start, raw) in enumerate(lines):
        line = raw.strip()
        if i == 0 or i + 1 >= len(lines) or not _heading_like(line):
            continue
        next_start, next_line = lines[i + 1]
        own_paragraph = text[start + len(raw):next_start].count("\n") >= 2
        prose = _paragraph_words(text, next_start) if own_paragraph else len(next_line.split())
        if prose < _MIN_PROSE_AFTER_HEADING:
            continue
        if i > 0 and _is_carried_on(lines[i - 1][1], text, lines[i - 1][0], start):
            continue  # a short last line of a paragraph cut by line breaks
        offset = raw.find(line)
        spans.append((start + offset, start + offset + len(line)))
    return spans


_MIN_FLAT_WORDS = 150
_MAX_GLUED_HEADING_WORDS = 6
_SENTENCE_BREAK = re.compile(r"(?<=[.!?\"\u201d\u2019)]) (?=[A-Z])")
_HEADING_WORD = re.compile(r"[^\s.!?,;:\"\u201c\u201d]+")


@_derived
def _text_rules() -> Any:
    from .ruledata import load

    return load("text")


def split_glued_headings(text: str) -> str:
    """Put section headings that a flattened export glued into the text on paragraphs of
    their own: "...were ignored. British colony The Chagos Islands are..." becomes
    "...were ignored.\n\nBritish colony\n\nThe Chagos Islands are...".

    Only a text of 150+ words without a single line break is read this way. A heading is
    a run of one to six words between a sentence end and a capitalised sentence opener
    (``sentence_openers`` in ``data/text.toml``: The, During, After...) that starts with a
    capital and holds no function word, reporting verb or adverb (``not_in_heading``).
    """
    if "\n" in text or len(text.split()) < _MIN_FLAT_WORDS:
        return text
    rules = _text_rules()
    openers, stop = rules["sentence_openers"], rules["not_in_heading"]
    cuts: list[tuple[int, int]] = []
    for brk in _SENTENCE_BREAK.finditer(text):
        start = brk.end()
        words = list(re.finditer(r"\S+", text[start:start + 200]))
        # the shortest run of heading words followed by a sentence opener
        for n in range(1, min(_MAX_GLUED_HEADING_WORDS, len(words) - 2) + 1):
            word = words[n - 1].group()
            if not _HEADING_WORD.fullmatch(word) or word.casefold() in stop:
                break
            if words[n].group() in openers and words[n + 1].group()[:1].isalpha():
                cuts.append((start, start + words[n - 1].end()))
                break
    if not cuts:
        return text
    out, pos = [], 0
    for start, end in cuts:
        out.append(text[pos:start - 1])
        out.append("\n\n" + text[start:end] + "\n\n")
        pos = end + 1
    out.append(text[pos:])
    return "".join(out)


def _heading_like(line: str) -> bool:
    words = line.split()
    if not words or len(words) > _MAX_HEADING_WORDS or len(line) > _MAX_HEADING_CHARS:
        return False
    if line[-1] in ".,;:!\"\u201d'" or (line[-1] == "?" and _title_case_share(words) < 0.5):
        return False
    first_alpha = next((ch for ch in line if ch.isalpha()), "")
    return first_alpha.isupper() and not _DATELINE.match(line) and not _BYLINE.match(line)


def _paragraph_words(text: str, start: int) -> int:
    end = text.find("\n\n", start)
    return len(text[start:end if end != -1 else len(text)].split())


def _is_carried_on(previous: str, text: str, prev_start: int, start: int) -> bool:
    """True when the line at ``start`` carries on the previous line's sentence (a single
    line break after a line that does not end a sentence)."""
    gap = text[prev_start + len(previous):start]
    return gap.count("\n") < 2 and previous.rstrip()[-1:] not in ".!?\"\u201d'):"


def _title_case_share(words: list[str]) -> float:
    significant = [w for w in words if w.lower().strip("'\"\u2018\u2019\u201c\u201d") not in
                   _MINOR_WORDS and any(ch.isalpha() for ch in w)]
    if not significant:
        return 0.0
    capital = sum(1 for w in significant if next(ch for ch in w if ch.isalpha()).isupper())
    return capital / len(significant)


def _next_nonblank(lines: list[str], start: int) -> int | None:
    for i in range(start, len(lines)):
        if lines[i].strip():
            return i
    return None
