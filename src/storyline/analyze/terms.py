"""Terms: a topical representation of the article, computed once at analysis time, that story
clustering compares across articles (cosine of weighted terms, with document frequencies
from the store).

Two kinds of term:

- ``word``: the lemma (lower case) of a content word — noun, proper noun, verb or adjective —
  that is not a stop word, a number, a speech verb ("say" tells nothing about the topic) or
  part of an entity's name (that counts for the entity);
- ``entity``: each entity of the article under its canonical name, counted once per mention;
- ``count``: a number with the noun it counts ("23 pirate", "404 yard", "15 year old" of an
  age; a duration such as "three months" is no count, see ``time_units``),
  the details that tell two events of one kind apart (two pirate attacks foiled by one navy,
  two title defences of one boxer). Dates are not counts (their numbers modify a month or a
  weekday); number words are written as digits ("twenty-three" and "23" are one count).
  A sum of money is a count of its currency, to two significant figures ("EUR 85 million"
  for "85 million euros", "USD 110 million" for "$108 million"): the loot of one raid is
  not the loot of another.

A term's weight is ``(1 + ln count) × lead``, where ``lead`` is 1.5 when the term occurs in the
first two sentences (news puts the story in its lead) and 1 otherwise; an article keeps its
:data:`MAX_WORDS` heaviest words and every entity, and the weights are scaled to unit length.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Any

from ..models import RecordKind, Term
from ..render import term_lines
from . import lexicon
from .component import Component, Inputs

VERSION = "3"

MAX_WORDS = 60
LEAD_SENTENCES = 2
LEAD_BOOST = 1.5
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})


def extract_terms(inputs: Inputs) -> list[Term]:
    """The weighted terms of one parsed article (see the module docstring)."""
    doc = inputs.doc
    assert doc is not None
    spans = inputs.sentence_spans
    lead_end = spans[min(LEAD_SENTENCES, len(spans)) - 1][1] if spans else 0
    counts: Counter[tuple[str, str, str | None]] = Counter()
    in_lead: set[tuple[str, str, str | None]] = set()
    entities: list[Any] = list(inputs["entities"])
    named = bytearray(len(inputs.text))  # words of entity names count as the entity
    for e in entities:
        for m in e.mentions:
            if m.kind != "pronoun":
                named[m.start_char:m.end_char] = b"\x01" * (m.end_char - m.start_char)
    for tok in doc:
        count = _money(tok) or _count(tok)
        if count is not None:
            key = (count, "count", None)
        elif tok.pos_ not in _CONTENT_POS or tok.is_stop or not tok.is_alpha \
                or len(tok.text) < 2 or named[tok.idx]:
            continue
        else:
            lemma = tok.lemma_.lower()
            if tok.pos_ == "VERB" and lemma in lexicon.SPEECH_VERBS:
                continue
            key = (lemma, "word", None)
        counts[key] += 1
        if tok.idx < lead_end:
            in_lead.add(key)
    for e in entities:
        key = (e.name, "entity", e.id)
        for m in e.mentions:
            counts[key] += 1
            if m.start_char < lead_end:
                in_lead.add(key)

    def weight(key: tuple[str, str, str | None]) -> float:
        return (1 + math.log(counts[key])) * (LEAD_BOOST if key in in_lead else 1.0)

    words = sorted((k for k in counts if k[1] == "word"), key=lambda k: (-weight(k), k[0]))
    kept = words[:MAX_WORDS] + [k for k in counts if k[1] != "word"]
    norm = math.sqrt(sum(weight(k) ** 2 for k in kept)) or 1.0
    return [Term(term, kind, counts[(term, kind, eid)], round(weight((term, kind, eid)) / norm, 5),
                 eid)
            for term, kind, eid in sorted(kept, key=lambda k: (-weight(k), k[1], k[0]))]


_GLUED = re.compile(r"(\d+(?:\.\d+)?)([a-z]+)$")


def _money(tok: Any) -> str | None:
    """``"EUR 85 million"`` when ``tok`` is the number of a sum of money: a currency sign
    before it or a currency word after it, with its scale ("$108 million", "85 million euros",
    "€2m", "£74million"), rounded to two significant figures so that "$137 million" and
    "$140 million" are one sum; else None."""
    doc = tok.doc
    text = tok.lower_
    scale = 1.0
    glued = _GLUED.match(text)
    if glued and glued.group(2) in lexicon.NUMBER_SCALES:
        text, scale = glued.group(1), float(lexicon.NUMBER_SCALES[glued.group(2)])
    elif not tok.like_num or text in lexicon.NUMBER_SCALES:
        return None
    value = lexicon.number_value(text)
    if value is None:
        return None
    k = tok.i + 1
    if scale == 1.0:
        if k + 1 < len(doc) and doc[k].text == "-" and doc[k + 1].lower_ in lexicon.NUMBER_SCALES:
            k += 1  # "$137-million"
        if k < len(doc) and doc[k].lower_ in lexicon.NUMBER_SCALES:
            scale = float(lexicon.NUMBER_SCALES[doc[k].lower_])
            k += 1
    before = doc[tok.i - 1].lower_ if tok.i else ""
    currency = lexicon.CURRENCIES.get(before)
    if currency is None and k < len(doc):
        currency = lexicon.CURRENCIES.get(doc[k].lower_)
    if currency is None:
        return None
    return f"{currency} {_sum(value * scale)}"


def _sum(value: float) -> str:
    """A sum in words, to two significant figures: "85 million", "2.6 million", "140,000"."""
    if value <= 0:
        return "0"
    digits = 1 - int(math.floor(math.log10(value)))
    value = round(value, digits)
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if value >= size:
            return f"{value / size:g} {word}"
    return f"{value:,.0f}"


def _count(tok: Any) -> str | None:
    """``"23 pirate"`` when ``tok`` is a number counting a noun, else None."""
    head = tok.head
    if not tok.like_num or tok.dep_ != "nummod" or head.pos_ not in ("NOUN", "PROPN") \
            or not head.is_alpha:
        return None
    if head.ent_type_ in ("DATE", "TIME") and head.is_title:  # "December 15", "Monday 3"
        return None
    value = lexicon.number_value(tok.text)
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text == "-" and not doc[tok.i - 1].whitespace_ \
            and not doc[tok.i - 2].whitespace_:  # "twenty-three", split by the tokenizer
        value = lexicon.number_value(doc[tok.i - 2: tok.i + 1].text) or value
    if value is None:
        return None
    number = str(int(value)) if value.is_integer() else str(value)
    noun = head.lemma_.lower()
    if noun in lexicon.TIME_UNITS:
        after = [t.lower_ for t in doc[head.i + 1:head.i + 3]]
        if after[:1] != ["old"] and after[:2] != ["-", "old"]:
            return None  # a duration ("three months"), not a count of the event
        noun += " old"  # an age: "a 15-year-old"
    return f"{number} {noun}"


def _run(inputs: Inputs) -> dict[str, list[Term]]:
    return {"terms": extract_terms(inputs)}


TERMS = RecordKind("terms", Term, title="Terms", render=term_lines)
COMPONENT = Component("terms", VERSION, _run, requires=("entities",), assigns=(TERMS,),
                      data=("verbs", "numbers"))

__all__ = ["COMPONENT", "MAX_WORDS", "TERMS", "VERSION", "extract_terms"]
