"""What time expressions are read with: the vocabulary and grammar pieces (months, weekdays, units, numbers), calendar arithmetic, the publication time, and the context of one expression in its article (anchor, tense, the day a narrative refers to)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any, Protocol

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
