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
from typing import Any

from ..models import RecordKind, TimeExpr
from ..render import time_expr_lines
from .component import Component, Inputs
from .time_context import (
    _CLOCK,
    _DAY,
    _MONTH,
    _NUM,
    _PART,
    _SPELLED_YEAR,
    _UNIT,
    _WEEKDAY,
    _YEAR,
    _ZONE,
    _Ctx,
    _duration,
    _Handler,
    _Norm,
    _Rule,
    parse_published,
)
from .time_values import (
    _h_ago,
    _h_clock,
    _h_decade,
    _h_duration,
    _h_edge,
    _h_half,
    _h_half_unit,
    _h_holiday,
    _h_iso,
    _h_month,
    _h_month_day,
    _h_quarter,
    _h_recent_units,
    _h_ref,
    _h_relday,
    _h_relunit,
    _h_season,
    _h_set,
    _h_set_adverb,
    _h_set_named,
    _h_thispart,
    _h_vague_duration,
    _h_weekday,
    _h_weekend,
    _h_year,
)

__all__ = ["COMPONENT", "TIME_EXPRS", "VERSION", "extract_time_exprs", "parse_published"]


#: Bump whenever the spans or values this module returns change, so stored analyses made by
#: an older grammar are known to be stale.
VERSION = "4"


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
