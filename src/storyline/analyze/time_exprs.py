"""Time expressions: find dates, times, durations and sets in article text and normalise
them against the publication time into TIMEX3-style values (:class:`~storyline.models.TimeExpr`).

Recognition is a fixed grammar of compiled regular expressions (no dateparser), so it costs a
small fraction of a spaCy parse. The spaCy doc, when given, decides the tense of the verb
that governs a bare weekday, month or holiday ("met on Tuesday" vs "will meet on Tuesday") and
whether "a day" after a quantity is a rate ("20,000 people a day").

Resolution order for each candidate (written down so the behaviour can be predicted):

1. every rule in :data:`_RULES` proposes spans; overlapping proposals keep the longest
   (ties: the earlier start, then the earlier rule);
2. the rule's normaliser turns the match into (type, value, granularity); it may reject a
   match (e.g. "May" used as a verb, "2000 troops");
3. relative expressions ("yesterday", "last Friday", "next month") are anchored on the
   publication time; a month, quarter or holiday named without a year is the nearest one to
   the publication time unless tense points the other way; narrative references ("that day", "the following year") on the most
   recent absolute date mentioned before them, falling back to the publication time;
4. without a publication time, relative expressions keep their span and type but get
   ``value=None`` and ``anchored=False``; explicit dates, durations, sets and the vague
   references (``PAST_REF``, ``PRESENT_REF``, ``FUTURE_REF``) keep their values.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any, Protocol

from ..models import RecordKind, TimeExpr
from ..render import time_expr_lines
from .component import Component, Inputs

__all__ = ["COMPONENT", "TIME_EXPRS", "VERSION", "extract_time_exprs", "parse_published"]

#: Bump whenever the spans or values this module returns change, so stored analyses made by
#: an older grammar are known to be stale.
VERSION = "4"

# ---- vocabulary ------------------------------------------------------------------------------

_MONTH_NUM = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_WEEKDAY_NUM = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_PART_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
                "tonight": "NI", "overnight": "NI", "midday": "MI"}
_SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
_SEASON_ORDER = {"WI": 0, "SP": 1, "SU": 2, "FA": 3}
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
             "fourth": 4, "4th": 4, "last": 4, "final": 4}
_UNITS = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True),
    "day": ("D", False), "night": ("D", False), "week": ("W", False),
    "fortnight": ("W", False), "month": ("M", False), "quarter": ("Q", False),
    "year": ("Y", False), "decade": ("Y", False), "century": ("Y", False),
    "centurie": ("Y", False), "weekend": ("D", False),
}
_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                 "seventies": 7, "eighties": 8, "nineties": 9}

# ---- grammar pieces (compiled once at import) --------------------------------------------------

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November"
          r"|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\."
          r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?=\s+\d))")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)"
_YEAR_DIGITS = r"(?:1[6-9]\d\d|20\d\d)(?![\d,]\d|\s?%|\.\d)"
_SMALL_RE = "|".join(sorted(_SMALL, key=len, reverse=True))
_TENS_RE = "|".join(_TENS)
_UNIT_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine)"
# "nineteen ninety-six", "nineteen oh five", "two thousand and five": broadcast transcripts
# and quoted speech write years this way.
_SPELLED_YEAR = (rf"(?i:(?:nineteen|eighteen)[\s-](?:(?:{_TENS_RE})(?:[\s-]{_UNIT_WORD})?\b"
                 rf"|oh[\s-]{_UNIT_WORD}\b|(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
                 rf"|seventeen|eighteen|nineteen)\b)"
                 rf"|two\s+thousand(?:\s+and)?[\s-](?:{_SMALL_RE}|(?:{_TENS_RE})(?:[\s-]{_UNIT_WORD})?)\b)")
_NUM = (rf"(?:a\s+couple\s+of|couple\s+of|a\s+few|a\s+dozen|a\s+hundred|several|many"
        rf"|(?:{_TENS_RE})[\s-](?:one|two|three|four|five|six|seven|eight|nine)\b"
        rf"|(?:{_TENS_RE}|{_SMALL_RE})\b|hundreds\s+of|dozens\s+of|thousands\s+of|few|an?"
        rf"|\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?(?:\s+1/2|\s*½)?)")
_UNIT = (r"(?:(?:trading|business|working|calendar)\s+)?(?:seconds?|minutes?|hours?|days?"
         r"|nights?|weeks?|fortnights?|months?|quarters?|years?|decades?|centuries|century)")
_PART = r"(?:morning|afternoon|evening|night)"
_CLOCK = (r"(?:(?:[01]?\d|2[0-3])(?::[0-5]\d)?\s*(?:a\.m\.|p\.m\.|a\.m\b|p\.m\b|am\b|pm\b)"
          r"|(?:[01]?\d|2[0-3]):[0-5]\d(?=\s*(?:GMT|UTC|EST|EDT|CET|BST|local|hours?\b))"
          r"|(?:[01]\d|2[0-3])[0-5]\d(?=\s*(?:GMT|UTC)\b)"
          r"|\b(?:noon|midnight|midday)\b)")  # not the "noon" of "afternoon"
_ZONE = r"(?:\s+(?P<zone>[ECMP][SD]T|GMT|UTC|CET|CEST|BST|local\s+time)\b)?"
_QUANT_BEFORE = re.compile(
    r"(?:\b(?:about|some|nearly|almost|approximately|roughly|over|least|than|around|only|just"
    r"|top|No\.?)\s*|[$#€£]\s*)$", re.I)

_YEAR = rf"(?:{_YEAR_DIGITS}|{_SPELLED_YEAR})"

_Handler = Callable[[re.Match[str], "_Ctx"], "_Norm | None"]


@dataclass
class _Norm:
    type: str
    value: str | None
    granularity: str | None
    relative: bool = False  # the value depends on an anchor (publication time or narrative)
    point: tuple[date, str] | None = None  # for narrative anchoring of later expressions


@dataclass(frozen=True)
class _Rule:
    name: str
    pattern: re.Pattern[str]
    handler: _Handler


# ---- publication time --------------------------------------------------------------------------


def parse_published(published: str | None) -> datetime | None:
    """Parse an ISO 8601 (or RFC 2822) publication time; ``None`` when absent or unreadable."""
    if not published:
        return None
    text = published.strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text[:10])
    except ValueError:
        pass
    numeric = re.match(r"(\d{1,2})([-./])(\d{1,2})\2(\d{4})\b", text)
    if numeric:
        a, b, year = int(numeric[1]), int(numeric[3]), int(numeric[4])
        # Dashes and dots are day-first ("03-02-2009" is 3 February); slashes follow the US
        # month-first habit. A first number over 12 can only be a day, whatever the separator.
        day, month = (a, b) if numeric[2] != "/" or a > 12 else (b, a)
        if month > 12:
            day, month = month, day
        try:
            return datetime(year, month, day)
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


# ---- calendar helpers ---------------------------------------------------------------------------


def _fmt_day(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def _fmt_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _fmt_month(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + n
    return idx // 12, idx % 12 + 1


def _shift_day(d: date, n: int, unit: str) -> date:
    if unit == "D":
        return d + timedelta(days=n)
    if unit == "W":
        return d + timedelta(weeks=n)
    y, m = _add_months(d.year, d.month, n * (3 if unit == "Q" else 1))
    if unit == "Y":
        y, m = d.year + n, d.month
    day = min(d.day, 28) if m == 2 else min(d.day, 30 if m in (4, 6, 9, 11) else 31)
    return date(y, m, day)


def _quarter(d: date) -> int:
    return (d.month - 1) // 3 + 1


def _season(d: date) -> tuple[int, str]:
    """Season holding ``d`` and the year it is written with (December belongs to next winter)."""
    m = d.month
    if m == 12:
        return d.year + 1, "WI"
    if m <= 2:
        return d.year, "WI"
    return d.year, ("SP" if m <= 5 else "SU" if m <= 8 else "FA")


def _year_num(text: str) -> int:
    """A year written in digits or in words ("nineteen ninety-six", "two thousand and five")."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    words = re.split(r"[\s-]+", text.lower())
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        return 2000 + int(_number(" ".join(rest)) or 0)
    century = _SMALL[words[0]] * 100
    rest = words[1:]
    if rest and rest[0] == "oh":
        return century + _SMALL[rest[1]]
    return century + int(_number(" ".join(rest)) or 0)


def _month_of(word: str) -> int:
    return _MONTH_NUM[word.lower()[:3]]


def _weekday_of(word: str) -> int:
    return _WEEKDAY_NUM[word.lower()[:3]]


def _number(text: str) -> float | None:
    """Value of a number phrase; ``None`` for vague amounts ("a few", "several")."""
    t = re.sub(r"\s+", " ", text.lower().strip())
    if t in ("a", "an", "one"):
        return 1
    if t in ("a couple of", "couple of"):
        return 2
    if t in ("a dozen",):
        return 12
    if t in ("a hundred",):
        return 100
    if t in ("a half",):
        return 0.5
    if t in _SMALL:
        return _SMALL[t]
    if t in _TENS:
        return _TENS[t]
    parts = re.split(r"[\s-]", t)
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _SMALL:
        return _TENS[parts[0]] + _SMALL[parts[1]]
    frac = 0.5 if ("1/2" in t or "½" in t) else 0.0
    digits = re.match(r"[\d,]+(?:\.\d+)?", t)
    if digits:
        return float(digits.group(0).replace(",", "")) + frac
    return None


def _duration(amount: float | None, unit_word: str) -> str:
    """TIMEX3 duration: ``P3Y``, ``PT72H``, ``PXM`` (vague amount), ``P2Y6M`` (halves)."""
    word = unit_word.lower().split()[-1].rstrip("s") or "s"
    letter, is_time = _UNITS.get(word, ("X", False))
    mult = 10 if word == "decade" else 100 if word in ("century", "centurie") else 1
    if word == "fortnight":
        mult = 2
    prefix = "PT" if is_time else "P"
    if amount is None:
        return f"{prefix}X{'E' if word == 'decade' else 'C' if mult == 100 else letter}"
    amount *= mult
    if amount != int(amount):
        whole = int(amount)
        sub = {"Y": (6, "M"), "D": (12, "H"), "H": (30, "M"), "M": (30, "S" if is_time else "D"),
               "W": (3, "D")}.get(letter)
        if sub:
            head = f"{whole}{letter}" if whole else ""
            tail = f"{sub[0]}{sub[1]}"
            if not is_time and sub[1] in "HMS" and letter != "Y":
                return f"P{head}T{tail}"
            return f"{prefix}{head}{tail}"
    return f"{prefix}{int(amount)}{letter}"


# ---- context: anchor, tense, narrative reference ----------------------------------------------


# Verbs and adjectives whose infinitive complement lies ahead of them: "plans to meet Friday".
_FORWARD_HEAD = re.compile(
    r"(?:plan|expect|schedul|set$|due$|intend|aim|hope|want|agree|promis|prepar|decid|slat"
    r"|vow|pledg|threaten|likely$|poised|ready$|about$|going$|seek|sought|try|tried)")

# Words between a date and its verb that put the date ahead of the clause's tense: a deadline
# ("postponed until Tuesday", "until 9 a.m. Tuesday") or a start ("effective Feb. 1").
_AHEAD_WORDS = frozenset({"until", "till"})
# "effective Feb. 1" starts ahead; "said that effective Monday, he was charging more" a few
# days ago is as likely past, so a start word counts for dates, not weekdays.
_START_WORDS = frozenset({"effective"})

# Verbs whose object is an event still to come: "planned a rally on Saturday", "has scheduled
# a news conference Thursday".
_PLANNING_VERBS = frozenset({"plan", "schedule", "reschedule", "slate"})

# Verbs whose past tense is their base form: tagged VBP ("stocks hurt the index on Friday")
# they are as likely past as present, so the tag is no evidence.
_SAME_PAST = frozenset({"hurt", "cut", "hit", "put", "set", "cost", "shut", "spread", "let",
                        "quit", "split", "bid", "bet", "burst", "cast", "broadcast", "forecast",
                        "upset", "read", "beat", "shed", "slit", "thrust"})


def _verb_tense(tok: Any, kids: list[Any]) -> str | None:
    """"past", "future", "present" or None for a verb token and its auxiliaries."""
    lows = {c.lower_ for c in kids}
    if lows & {"will", "'ll", "shall", "wo"} or tok.lower_ == "will":
        return "future"
    if any(c.lower_ == "going" for c in kids):
        return "future"
    if any(c.tag_ == "MD" for c in kids):
        # "could arrive Tuesday", "would close in January": a modal points ahead unless
        # it is perfect ("may have left on Tuesday").
        return "past" if "have" in lows and tok.tag_ == "VBN" else "future"
    if tok.tag_ == "VBD" or any(c.tag_ == "VBD" for c in kids):
        return "past"
    if tok.tag_ == "VBN" or lows & {"has", "have", "'ve", "had"}:
        return "past"  # a perfect: "have been searching since", "has given"
    if tok.tag_ == "VBP" and tok.lower_ in _SAME_PAST:
        return None
    if tok.tag_ in ("VBZ", "VBP") or (tok.tag_ == "VBG" and lows & {"is", "are", "'s", "'re"}):
        return "present"
    return None



class _Groups(Protocol):
    """What a handler reads from a match: named groups and the start of the match. A real
    ``re.Match`` has both; the ``_Swap`` adapters present alternative group names."""

    def __getitem__(self, key: str) -> Any: ...

    def start(self, *args: Any) -> int: ...

    def end(self, *args: Any) -> int: ...

    def group(self, *args: Any) -> Any: ...

class _Ctx:
    """Per-call state: the text, the anchor, the optional doc and the narrative reference."""

    def __init__(self, text: str, anchor: datetime | None, doc: Any) -> None:
        self.text = text
        self.anchor = anchor
        self.dct = anchor.date() if anchor else None
        self.doc = doc
        self.reference: tuple[date, str] | None = None
        # the last quarter mentioned, and where: "a year earlier" after "the third quarter"
        # means that quarter a year before, not the publication year.
        self.quarter: tuple[int, int, int] | None = None
        # the date each bare weekday first named in the article was given, for a later
        # possessive of the same day ("Tuesday's talks")
        self.weekdays: dict[int, date] = {}
        self._starts: list[int] | None = None

    def ref_day(self) -> date | None:
        return self.reference[0] if self.reference else self.dct

    def before(self, start: int, width: int = 40) -> str:
        return self.text[max(0, start - width):start]

    def tense(self, start: int, schedule: bool = True, starts: bool = True) -> str | None:
        """"past", "future" or None (unknown) for the clause around ``start``: the governing
        verb in the doc first, then word cues in the sentence.

        With ``schedule`` a present-tense verb counts as future (news writes schedules in the
        present: "the summit opens Tuesday"); without it, present tense is no evidence.
        """
        if self.doc is not None:
            found = self._doc_tense(start, starts)
            if found == "present":
                return "future" if schedule else None
            if found:
                return found
        return self._cue_tense(start)

    def _doc_tense(self, start: int, starts: bool = True) -> str | None:
        doc = self.doc
        if self._starts is None:
            self._starts = [t.idx for t in doc]
        i = bisect_right(self._starts, start) - 1
        if i < 0 or i >= len(doc):
            return None
        tok = doc[i]
        path: list[str] = []  # the words between the expression and its verb
        for _ in range(8):
            if tok.pos_ in ("VERB", "AUX"):
                break
            if tok.head is tok:
                return None
            tok = tok.head
            path.append(tok.lower_)
        else:
            return None
        kids = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
        had = any(c.lower_ == "had" for c in kids)
        # The words on the way say which way the date lies, whatever the verb's tense:
        # "searching since the Oct. 23 slaying" looks back, "postponed until Tuesday",
        # "effective Feb. 1" look ahead (unless the deadline is itself in the past perfect).
        if "since" in path:
            return "past"
        if not had and any(w in _AHEAD_WORDS or starts and w in _START_WORDS for w in path):
            return "future"
        if i > 0 and doc[i - 1].tag_ == "VBD" or i > 1 and doc[i - 1].lower_ == "on" \
                and doc[i - 2].tag_ == "VBD":
            return "past"  # "Roe said Sunday (that) Dravia will ...": the day of the saying
        if not had and tok.lemma_.lower() in _PLANNING_VERBS and tok.dep_ != "acl" and any(
                c.dep_ == "dobj" for c in tok.children):
            return "future"  # "has scheduled a news conference Thursday"
        for _ in range(4):
            # An infinitive or bare verb has no tense of its own ("had been due to expire
            # Friday", "let the offensive begin Saturday"): the verb it hangs from decides.
            if tok.tag_ != "VB" or any(c.tag_ == "MD" for c in kids) or tok.head is tok:
                break
            if tok.dep_ not in ("xcomp", "ccomp", "advcl", "conj") or tok.head.pos_ not in (
                    "VERB", "AUX", "ADJ"):
                break
            head = tok.head
            while head.pos_ == "ADJ" and head.head is not head:
                if _FORWARD_HEAD.match(head.lower_):
                    break
                head = head.head
            head_kids = [c for c in head.children if c.dep_ in ("aux", "auxpass")]
            if _FORWARD_HEAD.match(head.lower_) or _FORWARD_HEAD.match(tok.head.lower_):
                # "planned to leave Thursday", "is due to close Monday": the plan points
                # ahead unless it is itself in the past perfect ("had been due to expire").
                if any(c.lower_ == "had" for c in head_kids + list(head.head.children)):
                    return "past"
                return "future"
            tok, kids = head, head_kids
        for _ in range(3):
            found = _verb_tense(tok, kids)
            # A participle clause has no tense of its own either ("rejected the warrant,
            # telling journalists on Wednesday that he would ..."): the verb it modifies
            # decides, not the future of what was told.
            if found is not None or tok.tag_ != "VBG" or kids or tok.dep_ not in (
                    "advcl", "conj", "xcomp") or tok.head.pos_ not in ("VERB", "AUX"):
                return found
            tok = tok.head
            kids = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
        return None

    _FUTURE_CUES = re.compile(
        r"\b(?:will|won't|'ll|shall|would|going\s+to|plans?\s+to|planned|scheduled|expected"
        r"|due\s+to|set\s+to|to\s+be\s+held|upcoming|next|later\s+this|is\s+to|are\s+to"
        r"|intends?\s+to|aims?\s+to)\b", re.I)

    _PAST_CUES = re.compile(
        r"\b(?:was|were|had|did|said|told|ago|last|earlier|[a-z]{3,}ed)\b", re.I)

    def _cue_tense(self, start: int) -> str | None:
        text = self.text
        left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
        right_candidates = [p for p in (text.find(". ", start), text.find("\n", start)) if p != -1]
        right = min(right_candidates) if right_candidates else len(text)
        if self._FUTURE_CUES.search(text, left, right):
            return "future"
        if self._PAST_CUES.search(text, left, right):
            return "past"
        return None


# ---- normalisers -------------------------------------------------------------------------------


def _point(d: date, gran: str) -> tuple[date, str]:
    return (d, gran)


def _h_iso(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    try:
        d = date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    if m["hh"]:
        return _Norm("TIME", f"{_fmt_day(d)}T{m['hh']}:{m['mm']}", "time", point=_point(d, "day"))
    return _Norm("DATE", _fmt_day(d), "day", point=_point(d, "day"))


def _year_for_month(month: int, ctx: _Ctx, start: int, base: date | None) -> int | None:
    """Year of a month named without one: the nearest such month to ``base``, unless tense
    says otherwise.

    A past-tense clause takes the month behind ``base`` unless the month is at most two
    months ahead: "payable Dec. 7" in a sentence reported in the past (October) is this
    December, and past-tense cues are far more often the reporting verb than a
    year-old event written without its year. A future clause takes the month ahead unless
    it is the month just gone.
    """
    if base is None:
        return None
    ahead = (month - base.month) % 12
    if ahead == 0:
        return base.year
    forward = base.year if month > base.month else base.year + 1
    if _SINCE_BEFORE.search(ctx.before(start, 40)):
        return forward - 1  # "since November", "since shortly after the Oct. 23 attack"
    tense = ctx.tense(start, schedule=False)
    if tense == "past":
        return forward - 1 if ahead > 2 else forward
    if tense == "future":
        return forward if ahead < 11 else forward - 1
    return forward if ahead < 6 else forward - 1


_SINCE_BEFORE = re.compile(r"(?i:\bsince\s+(?:(?:shortly|just|soon|immediately|right)\s+)?"
                           r"(?:(?:after|before)\s+)?(?:the\s+)?(?:early\s+|late\s+|mid-?)?)$")


def _h_month_day(m: _Groups, ctx: _Ctx) -> _Norm | None:
    month = _month_of(m["mon"])
    day = int(re.match(r"\d+", m["day"]).group(0))  # type: ignore[union-attr]
    if m["year"]:
        year: int | None = _year_num(m["year"])
        relative = False
    else:
        year = _year_for_month(month, ctx, m.start(), ctx.dct)
        relative = True
    if year is None:
        return _Norm("DATE", None, "day", relative=True)
    try:
        d = date(year, month, day)
    except ValueError:
        return None
    return _Norm("DATE", _fmt_day(d), "day", relative=relative, point=_point(d, "day"))


def _h_month(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    word = m["mon"]
    month = _month_of(word)
    if word == "May" and not m["year"] and not m["rel"] and not m["mod"]:
        # "May" is usually the verb; accept it bare only after a preposition.
        if not re.search(r"\b(?:in|since|until|till|by|during|from|through|of|to|late|early)\s+$",
                         ctx.before(m.start(), 15), re.I) and not re.search(
                rf"{_MONTH}\s+(?:and|or|to|through|until|till)\s+$", ctx.before(m.start(), 30)):
            return None
    if m["year"]:
        year = _year_num(m["year"])
        return _Norm("DATE", _fmt_month(year, month), "month", point=_point(date(year, month, 1), "month"))
    if ctx.dct is None:
        return _Norm("DATE", None, "month", relative=True)
    rel = (m["rel"] or m["rel2"] or "").lower().split()
    if rel and rel[-1] in ("last", "past", "previous"):
        year = ctx.dct.year - 1 if month >= ctx.dct.month else ctx.dct.year
    elif rel and rel[-1] in ("next", "coming"):
        year = ctx.dct.year + 1 if month <= ctx.dct.month else ctx.dct.year
    elif rel and rel[-1] == "year" and m["rel2"]:
        shift = {"last": -1, "next": 1}.get(rel[0], 0)
        year = ctx.dct.year + shift
    elif rel and rel[-1] == "this":
        year = ctx.dct.year
    else:
        year = _year_for_month(month, ctx, m.start(), ctx.dct) or ctx.dct.year
    return _Norm("DATE", _fmt_month(year, month), "month", relative=True,
                 point=_point(date(year, month, 1), "month"))


def _h_year(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    year = _year_num(m["year"])
    if not m["year"][0].isdigit() and not m["mod"] and not _YEAR_PREP_BEFORE.search(
            ctx.before(m.start(), 12)):
        return None  # "nineteen twenty" as a count, not a year
    if not m["mod"]:
        if _QUANT_BEFORE.search(ctx.before(m.start(), 12)):
            return None
        if ctx.doc is not None and _is_counted_noun(ctx, m.start()):
            return None
    if m["half"]:
        return _Norm("DATE", f"{year:04d}-H{1 if m['half'].lower() == 'first' else 2}", "year",
                     point=_point(date(year, 1, 1), "year"))
    return _Norm("DATE", f"{year:04d}", "year", point=_point(date(year, 1, 1), "year"))


_YEAR_PREP_BEFORE = re.compile(
    r"(?i:\b(?:in|since|of|until|till|by|from|to|through|during|before|after|year)\s+)$")


def _is_counted_noun(ctx: _Ctx, start: int) -> bool:
    doc = ctx.doc
    if ctx._starts is None:
        ctx._starts = [t.idx for t in doc]
    i = bisect_right(ctx._starts, start) - 1
    if not 0 <= i < len(doc):
        return False
    tok = doc[i]
    return tok.dep_ == "nummod" and tok.head.i > tok.i and tok.head.tag_ == "NNS"


def _h_decade(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    if m["cent"]:
        c = int(m["cent"])
        return _Norm("DATE", f"{c - 1:02d}", "century")
    if m["full"]:
        val = m["full"][:3]
    elif m["short"]:
        val = "19" + m["short"]
    else:
        val = "19" + str(_DECADE_WORDS[m["word"].lower()])
    return _Norm("DATE", val, "decade")


def _h_quarter(m: _Groups, ctx: _Ctx) -> _Norm | None:
    q = _ORDINALS.get((m["ord"] or "").lower()) if m["ord"] else int(m["qn"]) if m["qn"] else None
    year: int | None = int(m["year"]) if m["year"] else None
    yrel = (m["yrel"] or "").lower()
    if year is None and m["yy"]:
        year = 2000 + int(m["yy"]) if int(m["yy"]) < 50 else 1900 + int(m["yy"])
    relative = year is None
    if year is None and ctx.dct is None:
        return _Norm("DATE", None, "quarter", relative=True)
    dct = ctx.dct
    if year is None and dct is not None:
        cur = _quarter(dct)
        if q is None:
            word = (m["which"] or "").lower()
            if word in ("current", "this"):
                q, year = cur, dct.year
            elif word in ("next", "coming"):
                year, qm = _add_months(dct.year, (cur - 1) * 3 + 1, 3)
                q = (qm - 1) // 3 + 1
            else:
                # "the latest quarter", "the quarter": news reports the last completed quarter.
                year, qm = _add_months(dct.year, (cur - 1) * 3 + 1, -3)
                q = (qm - 1) // 3 + 1
            if m["yago"]:
                year -= 1
        else:
            year = dct.year + {"last": -1, "next": 1}.get(yrel.split("'")[0].strip(), 0)
            if m["yago"]:
                year -= 1
            elif not yrel and q - cur >= 2 and ctx.tense(m.start(), schedule=False) == "past":
                # the next quarter is usually still ahead even in a past-tense report
                year -= 1
    assert q is not None and year is not None
    if not m["yago"]:
        ctx.quarter = (year, q, m.start())
    return _Norm("DATE", f"{year:04d}-Q{q}", "quarter", relative=relative)


def _h_half(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    h = 1 if m["which"].lower() == "first" else 2
    if m["year"]:
        return _Norm("DATE", f"{m['year']}-H{h}", "year")
    if ctx.dct is None:
        return _Norm("DATE", None, "year", relative=True)
    shift = {"last": -1, "next": 1}.get((m["yrel"] or "this").lower(), 0)
    return _Norm("DATE", f"{ctx.dct.year + shift:04d}-H{h}", "year", relative=True)


def _h_season(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    code = _SEASONS[m["season"].lower()]
    if code == "FA" and m["season"] == "fall" and not (m["year"] or m["rel"]) and re.match(
            r"\s+(?:of|in)\b(?!\s+(?:this|last|next|that)\s+year)", ctx.text[m.end():m.end() + 20]):
        return None  # "the fall of Kyiv", "the fall in prices": an event, not autumn
    rel = (m["rel"] or "").lower()
    if not (rel or m["year"] or m["the"]):
        if not re.search(r"\b(?:in|during|since|until|by|through|over|this|each|every)\s+$",
                         ctx.before(m.start(), 12), re.I):
            return None
    if m["year"]:
        return _Norm("DATE", f"{_year_num(m['year']):04d}-{code}", "season")
    if ctx.dct is None:
        return _Norm("DATE", None, "season", relative=True)
    year, cur = _season(ctx.dct)
    if "last" in rel or "past" in rel:
        year = year if _SEASON_ORDER[code] < _SEASON_ORDER[cur] else year - 1
    elif "next" in rel or "coming" in rel:
        year = year if _SEASON_ORDER[code] > _SEASON_ORDER[cur] else year + 1
    elif code == "WI" and cur != "WI" and ctx.dct.month >= 3:
        year = year + 1 if ctx.tense(m.start()) == "future" else year
    return _Norm("DATE", f"{year:04d}-{code}", "season", relative=True)


def _h_relday(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    word = m["word"].lower()
    shift = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[word]
    around = (m["around"] or "").lower()
    if "before" in around:
        shift -= 1
    elif "after" in around:
        shift += 1
    part = (m["part"] or "").lower() or ("night" if word == "tonight" else "")
    typ = "TIME" if part else "DATE"
    if ctx.dct is None:
        return _Norm(typ, None, "time" if part else "day", relative=True)
    d = ctx.dct + timedelta(days=shift)
    if part:
        return _Norm(typ, f"{_fmt_day(d)}T{_PART_OF_DAY[part]}", "time", relative=True,
                     point=_point(d, "day"))
    return _Norm("DATE", _fmt_day(d), "day", relative=True, point=_point(d, "day"))


def _h_thispart(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    words = m.group(0).lower().split()
    shift = -1 if words[0] == "last" else 0
    part = "night" if words[-1] in ("night", "overnight") else words[-1]
    if ctx.dct is None:
        return _Norm("TIME", None, "time", relative=True)
    d = ctx.dct + timedelta(days=shift)
    return _Norm("TIME", f"{_fmt_day(d)}T{_PART_OF_DAY[part]}", "time", relative=True)


def _weekday_date(wd: int, rel: str, ctx: _Ctx, start: int, end: int = -1) -> date | None:
    dct = ctx.dct
    if dct is None:
        return None
    back = (dct.weekday() - wd) % 7  # days back to the most recent such day (0 = today)
    fwd = (wd - dct.weekday()) % 7
    if rel in ("last", "this past", "past", "previous", "the previous"):
        if rel == "the previous" and ctx.reference and ctx.reference[1] == "day":
            ref = ctx.reference[0]
            return ref - timedelta(days=(ref.weekday() - wd) % 7 or 7)
        return dct - timedelta(days=back or 7)
    if rel in ("next", "this coming", "coming", "the following"):
        if rel == "the following" and ctx.reference and ctx.reference[1] == "day":
            ref = ctx.reference[0]
            return ref + timedelta(days=(wd - ref.weekday()) % 7 or 7)
        return dct + timedelta(days=fwd or 7)
    if end >= 0 and ctx.text.startswith(("'s", "’s"), end):
        # "Friday's vote", "Tuesday's ruling": the event the article already dated when it
        # named that day before ("talks Tuesday" … "Tuesday's talks"), else one just gone.
        earlier = ctx.weekdays.get(wd)
        return earlier if earlier is not None else dct - timedelta(days=back)
    if wd in ctx.weekdays:
        return ctx.weekdays[wd]  # one weekday, one day: the article named it before
    if _SOON_BEFORE.search(ctx.before(start, 20)):
        found = dct + timedelta(days=fwd)
    elif ctx.tense(start, starts=False) == "future":
        # "the trip will be Friday" written on a Friday is next week's: today is "today"
        found = dct + timedelta(days=fwd)
    else:
        found = dct - timedelta(days=back)
    ctx.weekdays.setdefault(wd, found)
    return found


#: A capitalised word right after a weekday that is no month, time or part of the day.
_NAMED_AFTER_DAY = re.compile(
    rf"\s+(?!{_MONTH}\b|(?i:morning|afternoon|evening|night|noon)\b)[A-Z][a-z]+")
_SOON_BEFORE = re.compile(r"(?i:\bas\s+(?:soon|early)\s+as\s+)$")


def _h_weekday(m: _Groups, ctx: _Ctx) -> _Norm | None:
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower()).strip()
    part = (m["part"] or m["part0"] or "").lower()
    if not rel and not part and _NAMED_AFTER_DAY.match(ctx.text, m.end("wd")) and \
            re.search(r"\b[Tt]he\s+$", ctx.before(m.start("wd"), 5)):
        return None  # "The Sunday Times", "the Monday Club": a name, not a day
    if m["plural"]:
        wd = _weekday_of(m["wd"]) + 1
        return _Norm("SET", f"XXXX-WXX-{wd}" + (f"T{_PART_OF_DAY[part]}" if part else ""), None)
    d = _weekday_date(_weekday_of(m["wd"]), rel, ctx, m.start("wd"), m.end("wd"))
    typ = "TIME" if part else "DATE"
    if d is None:
        return _Norm(typ, None, "time" if part else "day", relative=True)
    if part:
        return _Norm(typ, f"{_fmt_day(d)}T{_PART_OF_DAY[part]}", "time", relative=True,
                     point=_point(d, "day"))
    return _Norm("DATE", _fmt_day(d), "day", relative=True, point=_point(d, "day"))


def _clock_value(text: str) -> str | None:
    t = text.lower().replace(" ", "")
    if t.startswith("noon") or t.startswith("midday"):
        return "12:00"
    if t.startswith("midnight"):
        return "24:00"
    mm = re.match(r"(\d{2})(\d{2})(?!\d)", t) or re.match(
        r"(\d{1,2})(?::(\d\d))?(a\.?m\.?|p\.?m\.?)?", t)
    if not mm:
        return None
    hour, minute = int(mm.group(1)), int(mm.group(2) or 0)
    suffix = (mm.group(3) if mm.lastindex and mm.lastindex >= 3 else None) or ""
    if suffix.startswith("p") and hour < 12:
        hour += 12
    elif suffix.startswith("a") and hour == 12:
        hour = 0
    if hour > 24 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def _h_clock(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    clock = _clock_value(m["clock"])
    if clock is None:
        return None
    groups = m.groupdict()
    # ISO 8601 marks UTC with "Z"; other zone names are kept out of the value rather than
    # turned into offsets that daylight saving makes uncertain.
    if (groups.get("zone") or "").upper() in ("UTC", "GMT"):
        clock += "Z"
    day_word = (groups.get("dayw") or "").lower()
    d: date | None
    if groups.get("mon"):
        month = _month_of(groups["mon"])
        day = int(re.match(r"\d+", groups["mday"]).group(0))  # type: ignore[union-attr]
        year = int(groups["year"]) if groups.get("year") else _year_for_month(
            month, ctx, m.start(), ctx.dct)
        d = None if year is None else date(year, month, day)
    elif day_word in ("yesterday", "today", "tonight", "tomorrow"):
        d = None if ctx.dct is None else ctx.dct + timedelta(
            days={"yesterday": -1, "tomorrow": 1}.get(day_word, 0))
    elif day_word:
        d = _weekday_date(_weekday_of(day_word), "", ctx, m.start())
    else:
        d = ctx.ref_day() if ctx.reference and ctx.reference[1] == "day" else ctx.dct
    if d is None:
        return _Norm("TIME", None, "time", relative=True)
    relative = not (groups.get("mon") and groups.get("year"))
    return _Norm("TIME", f"{_fmt_day(d)}T{clock}", "time", relative=relative)


def _easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    return date(year, month, (h + l_ - 7 * m + 114) % 31 + 1)


def _holiday(name: str, year: int) -> date:
    key = re.sub(r"[\s'\u2019]+", " ", name.lower()).strip()
    if key.startswith("christmas eve"):
        return date(year, 12, 24)
    if key.startswith("christmas"):
        return date(year, 12, 25)
    if key.startswith("boxing"):
        return date(year, 12, 26)
    if key.startswith("new year") and key.endswith("eve"):
        return date(year, 12, 31)
    if key.startswith("new year"):
        return date(year, 1, 1)
    if key.startswith("thanksgiving"):
        first = date(year, 11, 1)  # US: the fourth Thursday of November
        return first + timedelta(days=(3 - first.weekday()) % 7 + 21)
    if key.startswith("good friday"):
        return _easter(year) - timedelta(days=2)
    if key.startswith("easter"):
        return _easter(year)
    if key.startswith("halloween"):
        return date(year, 10, 31)
    if key.startswith("valentine"):
        return date(year, 2, 14)
    raise KeyError(name)


def _h_holiday(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    """A holiday's date in the year given, else the nearest one that tense allows."""
    name = m["name"]
    week = bool(m["week"])
    if m["year"]:
        d = _holiday(name, _year_num(m["year"]))
        relative = False
    else:
        if ctx.dct is None:
            return _Norm("DATE", None, "week" if week else "day", relative=True)
        dct = ctx.dct
        this = _holiday(name, dct.year)
        back = this if this <= dct else _holiday(name, dct.year - 1)
        ahead = this if this >= dct else _holiday(name, dct.year + 1)
        rel = (m["rel"] or "").lower()
        tense = {"last": "past", "next": "future"}.get(rel) or ctx.tense(m.start(), schedule=False)
        if rel == "last" and back == dct:
            back = _holiday(name, dct.year - 1)
        if tense == "past":
            # as with months, a holiday a few weeks ahead is that one even in a past-tense
            # sentence, which is far more often the reporting verb than a year-old event
            d = ahead if rel != "last" and (ahead - dct).days <= 62 else back
        elif tense == "future":
            d = ahead
        else:
            d = back if (dct - back) <= (ahead - dct) else ahead
        relative = True
    if week:
        return _Norm("DATE", _fmt_week(d), "week", relative=relative)
    return _Norm("DATE", _fmt_day(d), "day", relative=relative, point=_point(d, "day"))


def _h_ago(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    amount = _number(m["num"]) if m["num"] else None
    unit_word = m["unit"].lower().split()[-1].rstrip("s")
    unit_word = "century" if unit_word == "centurie" else unit_word
    direction = -1 if m["dir"].lower() in ("ago", "earlier", "before", "back") else 1
    if amount is None or amount != int(amount):
        return _Norm("DATE", "PAST_REF" if direction < 0 else "FUTURE_REF", None)
    n = int(amount) * direction
    if (unit_word == "year" and direction < 0 and ctx.quarter
            and m.start() - ctx.quarter[2] < 300):
        return _Norm("DATE", f"{ctx.quarter[0] + n:04d}-Q{ctx.quarter[1]}", "quarter",
                     relative=True)
    base = ctx.dct
    if base is None:
        return _Norm("DATE", None, None, relative=True)
    letter = {"day": "D", "night": "D", "week": "W", "fortnight": "W", "month": "M",
              "quarter": "Q", "year": "Y", "decade": "Y", "century": "Y"}.get(unit_word)
    if letter is None:  # hours, minutes: a time of day
        return _Norm("TIME", "PAST_REF" if direction < 0 else "FUTURE_REF", None)
    if unit_word == "decade":
        n *= 10
    elif unit_word == "century":
        n *= 100
    elif unit_word == "fortnight":
        n *= 2
    d = _shift_day(base, n, letter)
    if letter == "D":
        return _Norm("DATE", _fmt_day(d), "day", relative=True)
    if letter == "W":
        return _Norm("DATE", _fmt_week(d), "week", relative=True)
    if letter == "M":
        return _Norm("DATE", _fmt_month(d.year, d.month), "month", relative=True)
    if letter == "Q":
        return _Norm("DATE", f"{d.year:04d}-Q{_quarter(d)}", "quarter", relative=True)
    if unit_word in ("decade", "century") and abs(n) >= 10:
        return _Norm("DATE", f"{d.year:04d}", "year", relative=True)
    return _Norm("DATE", f"{d.year:04d}", "year", relative=True)


def _h_relunit(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    which = re.sub(r"\s+", " ", m["which"].lower())
    unit = m["unit"].lower()
    narrative = which in ("that", "the same", "the following", "the previous", "the prior") or (
        which == "the next" and unit == "day")
    base = (ctx.reference[0] if narrative and ctx.reference else ctx.dct)
    shift = 0
    if which in ("last", "past", "the past", "previous", "the previous", "the prior",
                 "the last"):
        shift = -1
    elif which in ("next", "the next", "the coming", "coming", "the following"):
        shift = 1
    if base is None:
        return _Norm("DATE", None, None, relative=True)
    if unit == "day":
        d = base + timedelta(days=shift)
        return _Norm("DATE", _fmt_day(d), "day", relative=True, point=_point(d, "day"))
    if unit in ("week", "weekend"):
        d = base + timedelta(weeks=shift)
        if unit == "weekend":
            if shift == 0 and ctx.tense(m.start()) == "past" and base.weekday() < 5:
                d = base - timedelta(weeks=1)
            return _Norm("DATE", _fmt_week(d) + "-WE", "week", relative=True)
        return _Norm("DATE", _fmt_week(d), "week", relative=True)
    if unit == "month":
        y, mo = _add_months(base.year, base.month, shift)
        return _Norm("DATE", _fmt_month(y, mo), "month", relative=True,
                     point=_point(date(y, mo, 1), "month"))
    if unit == "quarter":
        y, mo = _add_months(base.year, (_quarter(base) - 1) * 3 + 1, 3 * shift)
        return _Norm("DATE", f"{y:04d}-Q{(mo - 1) // 3 + 1}", "quarter", relative=True)
    if unit == "decade":
        return _Norm("DATE", f"{(base.year // 10 + shift):03d}", "decade", relative=True)
    if unit == "century":
        return _Norm("DATE", f"{(base.year // 100 + shift):02d}", "century", relative=True)
    y = base.year + shift
    return _Norm("DATE", f"{y:04d}", "year", relative=True, point=_point(date(y, 1, 1), "year"))


def _h_weekend(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    if ctx.dct is None:
        return _Norm("DATE", None, "week", relative=True)
    d = ctx.dct
    if ctx.tense(m.start()) != "future" and d.weekday() < 5:
        d -= timedelta(weeks=1)  # on a weekday, "the weekend" in the past is the one just gone
    return _Norm("DATE", _fmt_week(d) + "-WE", "week", relative=True)


def _h_duration(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    num = m["num"]
    unit = m["unit"]
    if num.lower() in ("a", "an") and unit.lower().startswith("second"):
        return None  # "a second term", "a second round"
    if num.lower() in ("a", "an") and m.group(0).lower() == f"{num.lower()} {unit.lower()}" and (
            _is_rate(ctx, m.start(), m.end())):
        return _Norm("SET", _duration(1, unit), None)
    if unit.lower().rstrip("s") == "weekend":
        return None
    tail = ctx.text[m.end():m.end() + 6].lower()
    if m.group(0).lower().endswith("-old") or tail.startswith((" old", "-old")):
        return None  # an age, not a time span
    if unit.lower().startswith("quarter") and (
            tail.startswith(" of") or "-" in m.group(0) or num.lower() in ("a", "an")):
        return None  # a fraction: "a quarter of the vote", "three-quarters"
    if num.isdigit() and unit.istitle():
        return None  # a title such as "60 Minutes"
    if re.fullmatch(r"1[6-9]\d\d|20\d\d", num) and not unit.lower().endswith("s"):
        return None  # "the 1988 quarter" is a year, not 1988 quarters
    amount = _number(num)
    if amount is None and not re.match(r"(?i)a\s+few|few|several|many|couple|hundreds|dozens|thousands", num):
        return None
    if m["and_half"] or m["half0"]:
        amount = (amount or 0) + 0.5
    return _Norm("DURATION", _duration(amount, unit), None)


_RATE_BEFORE = re.compile(
    r"(?:[$\u20ac\u00a3]\s*)?\d[\d,.]*(?:\s*(?:%|percent|per\s+cent|million|billion|thousand"
    r"|hundred))?(?:\s+[a-z]+){0,2}\s+$", re.I)
_RATE_NOT_AFTER = re.compile(
    r"\s*(?:after|before|earlier|later|ago|or|and|from|in\s+advance|'s|\u2019s|-)", re.I)


def _is_rate(ctx: _Ctx, start: int, end: int) -> bool:
    """Whether "a day" at ``start`` is a rate after a quantity ("20,000 people a day")
    rather than a span of time ("spent a day", "a day after the vote")."""
    if _RATE_NOT_AFTER.match(ctx.text, end):
        return False
    if ctx.doc is not None:
        if ctx._starts is None:
            ctx._starts = [t.idx for t in ctx.doc]
        i = bisect_right(ctx._starts, end - 1) - 1
        if 0 <= i < len(ctx.doc):
            tok = ctx.doc[i]
            return tok.dep_ == "npadvmod" and tok.head.pos_ in ("NOUN", "NUM", "PROPN")
        return False
    before = _RATE_BEFORE.search(ctx.before(start, 50))
    return before is not None and not re.search(r"ed\s|\b(?:spent|took|spend|take|took|lasted)\b",
                                          before.group(0), re.I)


def _h_vague_duration(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    return _Norm("DURATION", _duration(None, m["unit"]), None)


def _h_half_unit(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    return _Norm("DURATION", _duration(0.5, m["unit"]), None)


def _h_set(m: _Groups, ctx: _Ctx) -> _Norm | None:
    unit = (m["unit"] or "").lower().rstrip("s")
    amount = _number(m["num"]) if m["num"] else 1
    if amount and re.match(r"(?i)every\s+other\b", m.group(0)):
        amount *= 2
    if unit in _UNITS:
        return _Norm("SET", _duration(amount if amount else 1, unit), None)
    if unit in _PART_OF_DAY:
        return _Norm("SET", f"XXXX-XX-XXT{_PART_OF_DAY[unit]}", None)
    return None


def _h_set_named(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    if m["wd"]:
        return _Norm("SET", f"XXXX-WXX-{_weekday_of(m['wd']) + 1}", None)
    if m["mon"]:
        return _Norm("SET", f"XXXX-{_month_of(m['mon']):02d}", None)
    return _Norm("SET", f"XXXX-{_SEASONS[m['season'].lower()]}", None)


_ADVERB_SET = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y",
               "annually": "P1Y", "hourly": "PT1H", "nightly": "P1D",
               "biweekly": "P2W", "biannually": "P6M", "semiannually": "P6M"}


def _h_set_adverb(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    return _Norm("SET", _ADVERB_SET[m.group(0).lower()], None)


_REF_WORDS = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF",
    "current": "PRESENT_REF", "at present": "PRESENT_REF", "presently": "PRESENT_REF",
    "these days": "PRESENT_REF", "nowadays": "PRESENT_REF", "the present": "PRESENT_REF",
    "recently": "PAST_REF", "recent": "PAST_REF", "lately": "PAST_REF", "previously": "PAST_REF",
    "formerly": "PAST_REF", "the past": "PAST_REF", "more recently": "PAST_REF",
    "most recently": "PAST_REF", "long ago": "PAST_REF", "years ago": "PAST_REF",
    "decades ago": "PAST_REF", "months ago": "PAST_REF", "the future": "FUTURE_REF",
    "future": "FUTURE_REF", "soon": "FUTURE_REF", "the near future": "FUTURE_REF",
    "upcoming": "FUTURE_REF", "someday": "FUTURE_REF", "the near term": "FUTURE_REF",
    "the short term": "FUTURE_REF", "the long term": "FUTURE_REF",
}


def _h_ref(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    word = re.sub(r"\s+", " ", m.group(0).lower())
    return _Norm("DATE", _REF_WORDS[word], None)


def _h_recent_units(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    if m["recent"].lower() in ("coming", "next", "the coming", "the next"):
        return _Norm("DURATION", _duration(None, m["unit"]), None)
    return _Norm("DATE", "PAST_REF", None)


def _h_edge(m: _Groups, ctx: _Ctx) -> _Norm | None:
    """"the end of the year", "year-end", "earlier this month": the enclosing period."""
    which = (m["which"] or "this").lower()
    unit = m["unit"].lower()
    if ctx.dct is None:
        return _Norm("DATE", None, None, relative=True)
    shift = {"last": -1, "next": 1}.get(which, 0)
    if unit == "year":
        return _Norm("DATE", f"{ctx.dct.year + shift:04d}", "year", relative=True)
    if unit == "month":
        y, mo = _add_months(ctx.dct.year, ctx.dct.month, shift)
        return _Norm("DATE", _fmt_month(y, mo), "month", relative=True)
    return _Norm("DATE", _fmt_week(ctx.dct + timedelta(weeks=shift)), "week", relative=True)


# ---- rules -------------------------------------------------------------------------------------

_I = re.I
_PRE_MOD = (r"(?i:(?:early|late|mid|the\s+(?:end|beginning|start|middle)\s+of|end\s+of"
            r"|beginning\s+of)[\s-]*)")


def _r(name: str, pattern: str, handler: _Handler, flags: int = 0) -> _Rule:
    return _Rule(name, re.compile(pattern, flags), handler)


_RULES: tuple[_Rule, ...] = (
    _r("iso", r"\b(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)"
              r"(?:[T ](?P<hh>[0-2]\d):(?P<mm>[0-5]\d)(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?\b",
       _h_iso),
    _r("month_day", rf"(?:{_WEEKDAY},?\s+)?(?:(?P<mon>{_MONTH})\s+(?P<day>{_DAY})"
                    rf"|(?P<day2>{_DAY})\s+(?:of\s+)?(?P<mon2>{_MONTH}))"
                    rf"(?:,?\s+(?P<year>{_YEAR}))?\b",
       lambda m, c: _h_month_day(_Swap(m), c)),
    _r("month", rf"(?:(?P<rel>(?i:last|next|this|this\s+past|past|coming|this\s+coming))\s+)?"
                rf"(?P<mod>{_PRE_MOD})?(?P<mon>{_MONTH})"
                rf"(?:,?\s+(?:of\s+)?(?P<year>{_YEAR})|\s+(?i:of\s+)?(?P<rel2>(?i:(?:this|last|next)\s+year)))?\b",
       _h_month),
    _r("year", rf"(?<![\d,.$£€#-])(?P<mod>(?i:{_PRE_MOD}|fiscal(?:\s+year)?\s+|(?:the\s+)?"
               rf"(?P<half>first|second)\s+half\s+of\s+|FY\s?))?(?P<year>{_YEAR})\b(?!-\d)",
       _h_year),
    _r("decade", r"(?i:(?:the\s+)?(?:(?:early|late|mid)[\s-]*)?)(?:(?P<full>(?:1[5-9]|20)\d0)'?s\b"
                 r"|'(?P<short>\d)0s\b|(?i:the\s+(?:(?:early|late|mid)[\s-]*)?(?P<word>twenties|"
                 r"thirties|forties|fifties|sixties|seventies|eighties|nineties))\b"
                 r"|(?i:the\s+)?(?P<cent>1\d|2[01]|[1-9])(?:st|nd|rd|th)[\s-]+(?i:century)\b)",
       _h_decade),
    _r("quarter", r"(?i:(?:(?:the|its)\s+)?(?P<ordf>final|last)[\s-]+quarter\s+of\s+(?:fiscal\s+)?"
                  r"(?P<yearf>(?:19|20)\d\d)\b)"
                  r"|(?i:(?:(?:the|its|this|that)\s+)?(?:(?P<yrel>this|last|next)\s+year'?s\s+"
                  r"|(?P<ypre>(?:19|20)\d\d)\s+|(?P<yago>year-earlier|year-ago|prior-year)\s+)?"
                  r"(?:(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)(?:[\s-]+(?:fiscal|calendar))?"
                  r"|(?:fiscal|calendar)[\s-]+(?P<ordb>first|second|third|fourth))"
                  r"[\s-]+quarter(?:\s+of\s+(?:fiscal\s+)?(?P<year>(?:19|20)\d\d)"
                  r"|\s+(?:of\s+)?(?P<yrel2>this|last|next)\s+year)?\b)"
                  r"|\bQ(?P<qn>[1-4])(?:\s+(?P<year2>(?:19|20)\d\d)|\s*'(?P<yy>\d\d))?\b"
                  r"|(?i:\b(?:the\s+)?(?P<which>latest|current|most\s+recent|previous|past|last|"
                  r"next|coming|this)\s+(?:fiscal\s+)?quarter\b)"
                  r"|(?i:\bthe\s+quarter\b(?!\s+(?:century|mile|final)))"
                  r"|(?i:\b(?:the\s+)?(?:comparable\s+|corresponding\s+)?(?P<yago2>year-earlier|"
                  r"year-ago|prior-year)\s+(?:quarter|period)\b)",
       lambda m, c: _h_quarter(_QSwap(m), c)),
    _r("half", r"(?i:(?:the\s+)?(?P<which>first|second|last)\s+half\s+(?:of\s+)?"
               r"(?:(?P<year>(?:19|20)\d\d)|(?P<yrel>this|last|next)\s+year|the\s+year))",
       _h_half),
    _r("season", r"(?i:(?:(?P<rel>last|this|next|this\s+past|past|coming|early|late|the\s+early|"
                 r"the\s+late|mid)[\s-]+)?(?P<the>the\s+)?)(?P<season>(?i:spring|summer|autumn|winter)"
                 r"|fall)(?:\s+(?:of\s+)?(?P<year>(?:19|20)\d\d|" + _SPELLED_YEAR + r"))?\b",
       _h_season),
    _r("relday", r"(?i:\b(?:(?:early|late|earlier|later)\s+)?(?P<around>the\s+day\s+(?:before|after)\s+)?"
                 r"(?P<word>yesterday|today|tonight|tomorrow)(?:'s)?"
                 r"(?:\s+(?P<part>morning|afternoon|evening|night))?\b)",
       _h_relday),
    _r("thispart", r"(?i:\b(?:this\s+(?:morning|afternoon|evening)|last\s+night|overnight)\b)",
       _h_thispart),
    _r("weekday", rf"(?:(?P<rel>(?i:last|next|this\s+coming|this\s+past|this|the\s+previous|"
                  rf"the\s+following|early|late|on))\s+)?"
                  rf"(?:(?P<part0>(?i:morning|afternoon|evening|night))\s+(?i:on\s+)?)?"
                  rf"(?P<wd>{_WEEKDAY})(?P<plural>s\b)?(?:'s)?(?:\s+(?P<part>(?i:{_PART})))?\b",
       lambda m, c: _h_weekday(_WSwap(m), c)),
    _r("clock", rf"(?i:(?:(?:at|around|about|shortly\s+(?:before|after))\s+)?)"
                rf"(?P<clock>{_CLOCK}){_ZONE}"
                rf"(?:,?\s+(?:(?i:on)\s+)?(?:(?P<dayw>{_WEEKDAY}|(?i:yesterday|today|tonight|tomorrow))"
                rf"|(?P<mon>{_MONTH})\s+(?P<mday>{_DAY})(?:,?\s+(?P<year>{_YEAR}))?\b))?",
       _h_clock),
    _r("clock_after", rf"(?P<dayw>{_WEEKDAY}|(?i:yesterday|today|tomorrow))\s+(?i:at\s+)"
                      rf"(?P<clock>{_CLOCK}){_ZONE}",
       _h_clock),
    _r("holiday", rf"(?:\b(?P<rel>(?i:last|next|this))\s+)?(?P<name>Christmas\s+Eve|Christmas(?:\s+Day)?"
                  rf"|New\s+Year(?:'s|\u2019s|s)?\s+(?:Day|Eve)|Thanksgiving(?:\s+Day)?"
                  rf"|Easter(?:\s+Sunday)?|Good\s+Friday|Boxing\s+Day|Halloween"
                  rf"|Valentine(?:'s|\u2019s|s)\s+Day)(?:\s+(?P<week>week)\b)?"
                  rf"(?:,?\s+(?P<year>{_YEAR}))?\b(?!\s+(?:Island|Rising|Offensive)\b)",
       _h_holiday),
    _r("ago", rf"(?i:\b(?:(?:about|nearly|almost|around|some|more\s+than|less\s+than|roughly|"
              rf"just|only|over|exactly|precisely)\s+)?(?P<num>{_NUM})\s+(?P<unit>{_UNIT})\s+"
              rf"(?:or\s+so\s+)?(?P<dir>ago|earlier|later|before|from\s+now|hence|back)\b)",
       _h_ago),
    _r("relunit", r"(?i:\b(?:(?:early|late|earlier|later|the\s+end\s+of|the\s+beginning\s+of|"
                  r"the\s+middle\s+of|the\s+start\s+of)\s+)?(?:in\s+)?(?P<which>this|last|next|"
                  r"the\s+past|the\s+coming|the\s+current|the\s+previous|the\s+prior|"
                  r"the\s+following|the\s+next|the\s+same|that|current|previous)\s+(?P<unit>day|week|weekend|"
                  r"month|quarter|year|decade|century)\b(?!-|\s+(?:old|long)))",
       _h_relunit),
    _r("edge", r"(?i:\b(?:(?P<which>this|last|next)\s+)?(?P<unit>year|month|week)[\s-]end\b"
               r"|\bthe\s+end\s+of\s+the\s+(?P<unit2>year|month|week)\b)",
       lambda m, c: _h_edge(_ESwap(m), c)),
    _r("duration", rf"(?i:\b(?:(?:the\s+)?(?:past|last|next|coming|first|following|previous|final|"
                   rf"latest|remaining|initial)\s+)?(?:(?:nearly|almost|about|around|approximately|"
                   rf"roughly|some|more\s+than|less\s+than|fewer\s+than|at\s+least|at\s+most|up\s+to|"
                   rf"no\s+more\s+than|no\s+less\s+than|over|just\s+over|just\s+under|under|"
                   rf"another|an\s+additional|only|just|a\s+full|the\s+full)\s+)?"
                   rf"(?P<num>{_NUM})(?P<half0>\s+and\s+a\s+half)?(?:\s+(?:more|additional|full|straight|consecutive|long))?"
                   rf"[\s-](?P<unit>{_UNIT})(?P<and_half>\s+and\s+a\s+half)?(?:-(?:long|old))?\b)",
       _h_duration),
    _r("weekend", r"(?i:\b(?:over\s+)?the\s+weekend\b)", _h_weekend),
    _r("half_unit", r"(?i:\b(?:half\s+an?|a\s+half)[\s-](?P<unit>hour|day|year|century|decade)\b)",
       _h_half_unit),
    _r("vague_units", r"(?i:(?<=\bfor\s)(?P<unit>hours|days|weeks|months|years|decades)\b)",
       _h_vague_duration),
    _r("recent_units", r"(?i:\b(?:in\s+)?(?P<recent>recent|the\s+coming|coming|the\s+next\s+few|"
                       r"the\s+past\s+few|past\s+few)\s+(?P<unit>days|weeks|months|years|decades)\b)",
       lambda m, c: _h_recent_units(m, c) if "few" not in m["recent"].lower()
       else _Norm("DURATION", _duration(None, m["unit"]), None)),
    _r("set", rf"(?i:\b(?:every\s+other|every|each(?!\s+other\b)|per)\s+(?:(?P<num>{_NUM})\s+)?"
              rf"(?P<unit>seconds?|minutes?|hours?|days?|weeks?|months?|quarters?|years?|"
              rf"decades?|mornings?|afternoons?|evenings?|nights?)\b"
              rf"|\b(?:once|twice|three\s+times|\d+\s+times)\s+(?:a|an|per)\s+"
              rf"(?P<unit2>hour|day|week|month|quarter|year)\b)",
       lambda m, c: _h_set(_SetSwap(m), c)),
    _r("set_named", rf"(?i:\b(?:every|each)\s+)(?:(?P<wd>{_WEEKDAY})|(?P<mon>{_MONTH})"
                    rf"|(?P<season>(?i:spring|summer|fall|autumn|winter)))\b",
       _h_set_named),
    _r("set_adverb", r"(?i:\b(?:daily|weekly|monthly|yearly|annually|hourly|nightly|"
                     r"biweekly|biannually|semiannually)\b)",
       _h_set_adverb),
    _r("ref", r"(?i:\b(?:right\s+now|now|currently|current|at\s+present|presently|these\s+days|"
              r"nowadays|the\s+present(?!\s+(?:case|study|system))|more\s+recently|most\s+recently|"
              r"recently|recent|lately|previously|formerly|the\s+past|long\s+ago|(?:years|decades|"
              r"months)\s+ago|the\s+near\s+future|the\s+future|future|soon|upcoming|someday|"
              r"the\s+(?:near|short|long)\s+term)\b(?![-\u2010]))",
       _h_ref),
)


class _Swap:
    """Present the day-month-year alternative under the month-day-year group names."""

    def __init__(self, m: re.Match[str]) -> None:
        self._m = m

    def __getitem__(self, key: str) -> Any:
        m = self._m
        if key == "mon":
            return m["mon"] or m["mon2"]
        if key == "day":
            return m["day"] or m["day2"]
        return m[key]

    def start(self, *a: Any) -> int:
        return self._m.start(*a)

    def end(self, *a: Any) -> int:
        return self._m.end(*a)

    def group(self, *a: Any) -> Any:
        return self._m.group(*a)


class _QSwap(_Swap):
    def __getitem__(self, key: str) -> Any:
        m = self._m
        if key == "ord":
            return m["ord"] or m["ordb"] or m["ordf"]
        if key == "year":
            return m["year"] or m["year2"] or m["ypre"] or m["yearf"]
        if key == "yago":
            return m["yago"] or m["yago2"]
        if key == "yrel":
            return m["yrel"] or m["yrel2"]
        return m[key]


class _WSwap(_Swap):
    def __getitem__(self, key: str) -> Any:
        m = self._m
        if key == "rel":
            rel = (m["rel"] or "").lower()
            return "" if rel in ("on", "early", "late") else rel
        return m[key]


class _ESwap(_Swap):
    def __getitem__(self, key: str) -> Any:
        m = self._m
        if key == "unit":
            return m["unit"] or m["unit2"]
        return m[key]


class _SetSwap(_Swap):
    def __getitem__(self, key: str) -> Any:
        m = self._m
        if key == "unit":
            return m["unit"] or m["unit2"]
        return m[key]


# ---- public API --------------------------------------------------------------------------------


# Every expression holds one of these words or a digit; the rules only run in windows around
# them, which keeps the cost far below a spaCy parse.
_TRIGGER = re.compile(
    r"\d|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun|Q[1-4]"
    r"|FY)|(?i:\b(?:year|month|week|day|hour|minute|second|decade|centur|quarter|fortnight|now"
    r"|current|recent|previous|formerly|lately|soon|future|upcoming|today|tonight|tomorrow"
    r"|yesterday|morning|afternoon|evening|night|overnight|spring|summer|fall|autumn|winter"
    r"|daily|nightly|annual|hourly|noon|midnight|midday|past|present|term|ago|twenties"
    r"|thirties|forties|fifties|sixties|seventies|eighties|nineties|someday|nineteen|eighteen"
    r"|thousand)|Christmas|New\s+Year|Thanksgiving|Easter|Good\s+Friday|Boxing|Halloween"
    r"|Valentine)")
_MARGIN = 60


def _windows(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for m in _TRIGGER.finditer(text):
        lo, hi = max(0, m.start() - _MARGIN), min(len(text), m.end() + _MARGIN)
        if spans and lo <= spans[-1][1]:
            spans[-1] = (spans[-1][0], hi)
        else:
            spans.append((lo, hi))
    return spans


def _candidates(text: str) -> list[tuple[int, int, int, re.Match[str]]]:
    found = []
    windows = _windows(text)
    for order, rule in enumerate(_RULES):
        for lo, hi in windows:
            for m in rule.pattern.finditer(text, lo, hi):
                start, end = m.span()
                # Spans never start or end on whitespace or a trailing apostrophe-s.
                while end > start and text[end - 1] in " \t\n,":
                    end -= 1
                if text.endswith("'s", start, end) and rule.name != "decade":
                    end -= 2
                while start < end and text[start].isspace():
                    start += 1
                if end > start:
                    found.append((start, end, order, m))
    return found


def _select(found: list[tuple[int, int, int, re.Match[str]]]) -> list[tuple[int, int, int, re.Match[str]]]:
    """Longest first, then earliest start, then rule order; no two chosen spans overlap."""
    found.sort(key=lambda c: (-(c[1] - c[0]), c[0], c[2]))
    taken: list[tuple[int, int]] = []
    chosen = []
    for cand in found:
        s, e = cand[0], cand[1]
        if any(s < te and ts < e for ts, te in taken):
            continue
        taken.append((s, e))
        chosen.append(cand)
    chosen.sort(key=lambda c: c[0])
    return chosen


_LEADING_WORDS = re.compile(r"(?i:on|in|at|since|until|by|during|for|from)\s+")


def extract_time_exprs(text: str, published: str | None, doc: Any | None = None) -> list[TimeExpr]:
    """Time expressions in ``text``, normalised against ``published``.

    ``published`` is an ISO 8601 date or datetime (RFC 2822 also accepted); ``doc`` is the
    spaCy doc of exactly ``text`` and is used only for the tense that decides whether a bare
    weekday or month points back or forward. Returns :class:`TimeExpr` records in text order
    with spans ``[start, end)`` into ``text``.
    """
    if not text:
        return []
    ctx = _Ctx(text, parse_published(published), doc)
    out: list[TimeExpr] = []
    for start, end, order, m in _select(_candidates(text)):
        rule = _RULES[order]
        try:
            norm = rule.handler(m, ctx)
        except (ValueError, KeyError, OverflowError):
            # A malformed date ("February 30") is not a time expression; skip it.
            norm = None
        if norm is None:
            continue
        lead = _LEADING_WORDS.match(text, start, end)
        if lead:
            start = lead.end()
        anchored = not (norm.relative and norm.value is None)
        out.append(TimeExpr(start_char=start, end_char=end, text=text[start:end], type=norm.type,
                            value=norm.value, granularity=norm.granularity, anchored=anchored))
        if norm.point is not None:
            ctx.reference = norm.point
    return out


def _run(inputs: Inputs) -> dict[str, list[TimeExpr]]:
    return {"time_exprs": extract_time_exprs(inputs.text, inputs.published, inputs.doc)}


TIME_EXPRS = RecordKind("time_exprs", TimeExpr, title="Time expressions", render=time_expr_lines)
COMPONENT = Component("time_exprs", VERSION, _run, assigns=(TIME_EXPRS,))
