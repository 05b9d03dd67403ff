"""Normalisers: from one matched time expression and its context to its TIMEX3 type and value (dates, weekdays, clock times, holidays, durations, sets, references)."""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date, timedelta

from .time_context import (
    _DECADE_WORDS,
    _MONTH,
    _ORDINALS,
    _PART_OF_DAY,
    _QUANT_BEFORE,
    _SEASON_ORDER,
    _SEASONS,
    _UNITS,
    _add_months,
    _Ctx,
    _duration,
    _fmt_day,
    _fmt_month,
    _fmt_week,
    _Groups,
    _month_of,
    _Norm,
    _number,
    _quarter,
    _season,
    _shift_day,
    _weekday_of,
    _year_num,
)


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
