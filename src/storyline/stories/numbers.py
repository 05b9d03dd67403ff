"""Figures in a sentence and what they count, read from the stored text (rule data:
``numbers.toml``), and when two figures can both be true.

The grammar, in the order it is tried at each number:

1. a vote tally: "1,204 members voted in favour and 388 against", "by 1,240 votes to 383";
2. the number itself: digits ("1,204", "6.5"), number words ("eleven", "twenty-three",
   "a dozen") or a vague quantity ("hundreds of"), times a scale ("250 million");
3. how exact it is: an approximator before it ("about", "more than", "nearly");
4. what it counts, first match wins: the counted noun after it ("11 crew", "two rescue
   helicopters"), the noun it is "of" ("a crew of 14"), or the counted thing a rise verb
   gives a new total for ("the number of people killed has risen to seven");
5. which figure of that thing (its state): a state word next to the counted noun ("two
   dead", "nine people have now died", "killing at least two people").

A figure that names no counted noun is not a statement: "54" after a name is an age, "one of
the richest" counts nothing.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ..analyze import lexicon as L

_TOKEN = re.compile(r"\d[\d,]*(?:\.\d+)?|[A-Za-z][A-Za-z'’-]*|%|\S")
_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?$|\d+(?:\.\d+)?$")
_TALLY = (
    re.compile(r"(?P<a>\d[\d,]*)\s+(?:\w+\s+){0,2}?vot(?:ed|es?|ing)\s+(?:in\s+favou?r|for|yes)"
               r"(?:\s+of\s+[\w\s]{1,30}?)?,?\s+(?:and|with|to)\s+(?P<b>\d[\d,]*)\s+"
               r"(?:votes?\s+)?against", re.I),
    re.compile(r"\b(?:by\s+)?(?P<a>\d[\d,]*)\s+votes?\s+to\s+(?P<b>\d[\d,]*)", re.I),
    re.compile(r"\bvot(?:ed|es?)\s+(?P<a>\d[\d,]*)\s+to\s+(?P<b>\d[\d,]*)", re.I),
)


@dataclass(frozen=True)
class Figure:
    """A number in a sentence: ``[start, end)`` relative to the sentence, as written
    (``text``), its figures (``amount``; two for a tally), how exact (``approx``: None, about,
    more, less, nearly, vague), what it counts (``counted``: the class, e.g. crew, people;
    ``noun``: the words) and which figure (``state``: dead, missing …)."""

    start: int
    end: int
    text: str
    amount: tuple[float, ...]
    approx: str | None
    counted: str
    noun: str
    state: str | None = None
    increment: bool = False

    @property
    def counts(self) -> str:
        """What the figure is compared under: ``class`` or ``class:state``."""
        return f"{self.counted}:{self.state}" if self.state else self.counted

    @property
    def sensitive(self) -> bool:
        """Whether another figure for the same thing contradicts it (a state is named, or the
        thing does not change size): a bare "3,000 people" is not."""
        return not self.increment and (self.state is not None or self.counted in L.FIXED_COUNTS)


@dataclass
class _Tok:
    text: str
    low: str
    start: int
    end: int


def figures(sentence: str, skip: list[tuple[int, int]] = ()) -> list[Figure]:  # type: ignore[assignment]
    """Every figure of ``sentence`` that counts something, left to right; numbers inside the
    ``skip`` spans (time expressions, names; relative to the sentence) are not read."""
    toks = [_Tok(m.group(), m.group().lower().replace("’", "'"), m.start(), m.end())
            for m in _TOKEN.finditer(sentence)]
    out: list[Figure] = []
    taken: list[tuple[int, int]] = list(skip)
    for pattern in _TALLY:
        for m in pattern.finditer(sentence):
            if _inside(m.start("a"), taken) or _inside(m.start("b"), taken):
                continue
            a, b = _number(m.group("a")), _number(m.group("b"))
            if a is None or b is None:
                continue
            out.append(Figure(m.start(), m.end(), m.group(), (a, b), None, "votes", "votes",
                              "tally"))
            taken.append((m.start(), m.end()))
    i = 0
    while i < len(toks):
        if _inside(toks[i].start, taken):
            i += 1
            continue
        found = _read_number(toks, i)
        if found is None:
            i += 1
            continue
        end_i, amount, approx_vague = found
        fig = _figure(sentence, toks, i, end_i, amount, approx_vague)
        if fig is not None:
            out.append(fig)
        i = end_i
    return sorted(out, key=lambda f: f.start)


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def _number(text: str) -> float | None:
    clean = text.replace(",", "")
    try:
        return float(clean)
    except ValueError:
        return None


def _read_number(toks: list[_Tok], i: int) -> tuple[int, tuple[float, ...], str | None] | None:
    """The number starting at token ``i``: (index after it, amount, "vague" or None)."""
    words = L.NUMBER_WORDS
    scales = L.NUMBER_SCALES
    vague = L.VAGUE_NUMBERS
    t = toks[i]
    # vague quantities: "hundreds of", "several thousand", "a few"
    for n in (4, 3, 2, 1):
        phrase = " ".join(x.low for x in toks[i:i + n])
        if phrase in vague and i + n <= len(toks):
            lo, _, hi = str(vague[phrase]).partition("-")
            j = i + n
            if j < len(toks) and toks[j].low == "of":
                j += 1
            return j, (float(lo), float(hi)), "vague"
    value: float | None = None
    j = i
    if _DIGITS.match(t.text) and (i + 1 >= len(toks) or toks[i + 1].text not in {"-", "/"}
                                  or _DIGITS.match(toks[i + 1].text) is None):
        value = _number(t.text)
        j = i + 1
    else:
        for n in (3, 2, 1):
            phrase = " ".join(x.low for x in toks[i:i + n])
            if phrase in words and i + n <= len(toks):
                value = float(words[phrase])
                j = i + n
                break
        if value is None and "-" in t.low:  # twenty-three
            value = L.number_value(t.low)
            j = i + 1
    if value is None:
        return None
    if j < len(toks) and toks[j].low in scales:
        value *= float(scales[toks[j].low])
        j += 1
    return j, (value,), None


def _figure(sentence: str, toks: list[_Tok], i: int, j: int, amount: tuple[float, ...],
            vague: str | None) -> Figure | None:
    currencies = L.CURRENCIES
    currency = None
    if i and toks[i - 1].low in currencies:  # "$2 billion"
        currency = str(currencies[toks[i - 1].low])
        approx, start_i = _approximator(toks, i - 1)
        start_i = min(start_i, i - 1)
    else:
        approx, start_i = _approximator(toks, i)
    if currency is None and j < len(toks) and toks[j].low in currencies:  # "3 million euros"
        currency = str(currencies[toks[j].low])
        j += 1
    if currency is not None:
        text = sentence[toks[start_i].start:toks[j - 1].end]
        return Figure(toks[start_i].start, toks[start_i].start + len(text), text, amount,
                      "vague" if vague else approx, f"money:{currency}", currency)
    if vague:
        approx = "vague"
    increment = (start_i > 0 and toks[start_i - 1].low in L.INCREMENT_WORDS) or (
        j < len(toks) and toks[j].low in L.INCREMENT_WORDS)
    counted = L.COUNTED_NOUNS
    states = L.COUNT_STATES
    noun_words: list[str] = []
    cls: str | None = None
    state: str | None = None
    k = j
    if k < len(toks) and toks[k].low in L.INCREMENT_WORDS:
        k += 1
    # 4. the counted noun after the number: up to four lower-case words
    while k < len(toks) and len(noun_words) < 4:
        tok = toks[k]
        if tok.low in L.COUNT_STOP_WORDS or not (tok.text[0].isalpha() or tok.text == "%") \
                or (tok.text[0].isupper() and tok.text != "%"):
            break
        two = f"{tok.low} {toks[k + 1].low}" if k + 1 < len(toks) else ""
        if two in counted:
            noun_words += [tok.low, toks[k + 1].low]
            cls = str(counted[two])
            k += 2
            break
        noun_words.append(tok.low)
        k += 1
        if tok.low in counted:
            cls = str(counted[tok.low])
            if tok.low in states:
                state = str(states[tok.low])
            break
        if tok.low.endswith("ed") or tok.low.endswith("ing"):
            break  # a verb ("1,204 members voted"), not part of the noun
    if cls is None and noun_words and noun_words[-1] not in states:
        # a noun the table does not list: the figure counts something the dossier cannot
        # compare ("four water purification units"), so it is no statement
        return None
    elif cls is None and noun_words:
        state = str(states[noun_words[-1]])
        cls = "people"
    noun = " ".join(noun_words)
    # "a crew of 14": the noun the number is "of"
    if cls is None and start_i >= 2 and toks[start_i - 1].low == "of":
        before = toks[start_i - 2].low
        if before in counted:
            cls, noun = str(counted[before]), before
            if before in states:
                state = str(states[before])
            start_i -= 2  # the figure reads "crew of 14"
    # "the number of people killed has risen to seven"
    if cls is None:
        found = _rise_subject(toks, start_i)
        if found is not None:
            cls, noun, state = found
    if cls is None:
        return None
    if state is None:
        state = _state_near(toks, start_i, k)
    if cls in L.FIXED_COUNTS and cls != "votes":
        state = None  # the crew is the crew, held or freed
    last = max(k - 1, j - 1)
    text = sentence[toks[start_i].start:toks[last].end]
    return Figure(toks[start_i].start, toks[start_i].start + len(text), text, amount, approx,
                  cls, noun or cls, state, increment)


def _approximator(toks: list[_Tok], i: int) -> tuple[str | None, int]:
    table = L.NUMBER_APPROXIMATORS
    for n in (3, 2, 1):
        if i - n < 0:
            continue
        phrase = " ".join(x.low for x in toks[i - n:i])
        if phrase in table:
            return str(table[phrase]), i - n
    return None, i


def _state_near(toks: list[_Tok], start_i: int, k: int) -> str | None:
    """A state word just after the counted noun (past gap words) or just before the number."""
    states = L.COUNT_STATES
    gap = L.COUNT_GAP_WORDS
    j = k
    while j < len(toks) and toks[j].low in gap and j - k < 4:
        j += 1
    for n in (3, 2, 1):
        phrase = " ".join(x.low for x in toks[j:j + n])
        if phrase in states and j + n <= len(toks):
            return str(states[phrase])
    if start_i >= 1 and toks[start_i - 1].low in states:
        return str(states[toks[start_i - 1].low])
    return None


def _rise_subject(toks: list[_Tok], start_i: int) -> tuple[str, str, str | None] | None:
    """For "… toll has risen to seven", the counted thing before the rise verb."""
    rise = L.RISE_PHRASES
    at = None
    for n in (2, 1):
        if start_i - n >= 0 and " ".join(x.low for x in toks[start_i - n:start_i]) in rise:
            at = start_i - n
            break
    if at is None:
        return None
    counted = L.COUNTED_NOUNS
    states = L.COUNT_STATES
    cls = noun = state = None
    for back in range(at - 1, max(-1, at - 14), -1):
        low = toks[back].low
        if toks[back].text in {".", ";", ":"}:
            break
        if state is None and low in states:
            state = str(states[low])
        two = f"{toks[back - 1].low} {low}" if back else ""
        if two in counted:
            cls, noun = str(counted[two]), two
            state = state or (str(states[two]) if two in states else None)
        elif low in counted and cls is None:
            cls, noun = str(counted[low]), low
            if low in states:
                state = state or str(states[low])
    if cls is None:
        return None
    return cls, noun or cls, state


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


# ---- comparing figures ---------------------------------------------------------------------------

#: How far "about N" reaches either side of N.
ABOUT = 0.15
#: How far below N "nearly N" reaches.
NEARLY = 0.15


def interval(value: float, approx: str | None) -> tuple[float, float]:
    """The figures a number as written allows."""
    if approx == "about":
        return value * (1 - ABOUT), value * (1 + ABOUT)
    if approx == "more":
        return value, math.inf
    if approx == "less":
        return 0.0, value
    if approx == "nearly":
        return value * (1 - NEARLY), value
    if value >= 1000 and value % 100 == 0:  # a round figure is a rounded one
        return value * 0.95, value * 1.05
    return value, value


def intervals(amount: tuple[float, ...], approx: str | None) -> list[tuple[float, float]]:
    if approx == "vague" and len(amount) == 2:
        return [(amount[0], amount[1])]
    return [interval(v, approx) for v in amount]


def compatible(a: tuple[float, ...], a_approx: str | None, b: tuple[float, ...],
               b_approx: str | None) -> bool:
    """Whether two figures for the same thing can both be true ("a dozen" and 12, "more than
    2,000" and "about 2,400"): every figure's range meets the other's."""
    ia, ib = intervals(a, a_approx), intervals(b, b_approx)
    if len(ia) != len(ib):
        return True  # a tally and a single figure are not the same figure
    return all(x0 <= y1 + 1e-9 and y0 <= x1 + 1e-9 for (x0, x1), (y0, y1) in zip(ia, ib,
                                                                                 strict=True))


def written(amount: tuple[float, ...], approx: str | None) -> str:
    """A figure the way the dossier shows it: "about 3,000", "1,204 to 388"."""
    def one(v: float) -> str:
        return f"{v:,.0f}" if v == int(v) else f"{v:,g}"
    if approx == "vague" and len(amount) == 2:
        return f"{one(amount[0])}–{one(amount[1])}"
    body = " to ".join(one(v) for v in amount)
    prefix = {"about": "about ", "more": "at least ", "less": "up to ",
              "nearly": "nearly "}.get(approx or "", "")
    return prefix + body
