"""What the entity steps share: token predicates (capitalised, title-like, name-like), title
phrases, name words as grouping compares them, and the working records of entity building
(:class:`Cand` a mention in token indexes, :class:`Group` an entity being built,
:class:`RoleSpan` a role found in token indexes)."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


POSSESSIVE = {"'s", "’s", "‘s", "'", "’"}


STOP_PUNCT = {",", ".", ";", ":", "(", ")", '"', "“", "”", "—", "–", "?", "!", "[", "]",
               "'", "‘", "’", "«", "»"}


# What the tokenizer leaves glued to the end of a name: "Roe,60" (an age), "Roe‘s".
TOKEN_TAIL = re.compile(r"(?:,\d+|[‘’']s|/.*|[\u200b-\u200d\ufeff]+)$")


# What the tokenizer leaves glued to the start of a name: a quote mark ("``Valtura", "'Roe").
TOKEN_HEAD = re.compile(r"^(?:``|''|[\"“‘'])+(?=\w)")


# Zero-width characters web pages leave glued to words ("Roe\u200b said").
ZERO_WIDTH = "\u200b\u200c\u200d\ufeff"


# One name is often typed with different apostrophes or hyphens in one article ("al-Rufay'i",
# "al-Rufay’i"): names are compared folded to ASCII, while mentions keep the stored text.
_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'",
                       "\u2010": "-", "\u2011": "-", "\u2013": "-"})


# A hyphen between letters the tokenizer left inside a token (it splits only ASCII ones).
_INNER_HYPHEN = re.compile(r"(?<=[^\W\d_])(-)(?=[^\W\d_])")


@dataclass
class Cand:
    """A mention in token indices while entities are being built."""

    start_token: int
    end_token: int
    label: str
    kind: str = "name"
    ent: int = -1  # index into the entity list once grouped


@dataclass
class Group:
    label: str
    mentions: list[Cand] = field(default_factory=list)
    country: str | None = None
    gender: str | None = None
    acronym: str | None = None

    @property
    def first(self) -> int:
        return min(m.start_token for m in self.mentions)


@dataclass
class RoleSpan:
    ent: int
    title: str
    start_token: int  # token span the role came from
    end_token: int
    org: str | None
    modifier: str | None


def lowered(tok: Token) -> str:
    return tok.text.lower()


def is_cap(tok: Token) -> bool:
    text = tok.text
    return bool(text) and text[0].isupper()


def title_end(doc: Doc, i: int, limit: int) -> int:
    """End of the longest title phrase starting at token ``i`` (or ``i`` when none does)."""
    best = i
    if i >= limit or lowered(doc[i]) not in lexicon.TITLE_FIRST:
        return best
    for j in range(i + 1, min(limit, i + 4) + 1):
        if span_key(doc[i:j]) in lexicon.TITLES:
            best = j
    return best


def title_start(doc: Doc, end: int, limit: int) -> int:
    """Start of the longest title phrase ending at token ``end`` (or ``end`` when none does)."""
    best = end
    if end <= limit or lowered(doc[end - 1]) not in lexicon.TITLE_LAST:
        return best
    for i in range(end - 1, max(limit, end - 4) - 1, -1):
        if span_key(doc[i:end]) in lexicon.TITLES:
            best = i
    return best


def span_key(span: Span) -> str:
    return re.sub(r"\s+", " ", span.text.lower()).strip()


def is_titleish(tok: Token) -> bool:
    low = lowered(tok)
    return (low in lexicon.TITLES or low in lexicon.HONORIFICS or low in lexicon.MODIFIERS
            or low in lexicon.PORTFOLIOS and is_cap(tok) or low in lexicon.NATIONALITIES
            or low in {"vice", "lt.", "maj.", "brig.", "gen.", "-"})


def name_like(tok: Token) -> bool:
    """A token that can be part of a person's name."""
    if not is_cap(tok) or not any(c.isalpha() for c in tok.text):
        return False
    if is_titleish(tok) or lowered(tok) in lexicon.DETERMINERS:
        return False
    return tok.pos_ in {"PROPN", "NOUN", "ADJ", "X"} or tok.tag_ == "NNP"


def is_initial(tok: Token) -> bool:
    text = tok.text
    return len(text) == 2 and text[0].isupper() and text[1] == "."


def is_party_acronym(tok: Token) -> bool:
    text = tok.text
    return 2 <= len(text) <= 4 and text.isalpha() and text.isupper()


def person_shaped(doc: Doc, start: int, end: int) -> bool:
    """True when ``[start, end)`` reads as a person's name on its own."""
    if start >= end or not all(name_like(t) for t in doc[start:end]):
        return False
    return end - start >= 2 or lowered(doc[start]) in lexicon.FIRST_NAMES


def demonym_country(word: str, places: Sequence[tuple[str, str | None]]
                     ) -> tuple[str, str | None] | None:
    """The place (name, ISO code) a nationality adjective the lexicon lacks refers to, among
    the article's ``places``: the one whose name shares its stem ("Valdorian" → "Valdoria",
    "Kestrian" → "Kestria"). None when no place, or more than one, fits."""
    low = word.lower()
    if " " in low or low in lexicon.NATIONALITIES or not low.endswith(lexicon.DEMONYM_SUFFIXES):
        return None
    best: list[tuple[str, str | None]] = []
    best_len = 0
    for name, code in places:
        pl = name.lower()
        if pl == low:
            return None
        shared = len(os.path.commonprefix([low, pl]))
        # Only the endings may differ: at most two letters of the place ("-a", "-ia", "-e")
        # and four of the adjective ("-ian", "-ese", "-n").
        if shared < 4 or shared < len(pl) - 2 or shared < len(low) - 4:
            continue
        if shared > best_len:
            best, best_len = [(name, code)], shared
        elif shared == best_len and (name, code) not in best:
            best.append((name, code))
    return best[0] if len(best) == 1 else None


def fold(text: str) -> str:
    """``text`` with apostrophe and hyphen variants replaced by ASCII ``'`` and ``-``."""
    return text.translate(_FOLD)


def name_words(doc: Doc, c: Cand) -> list[str]:
    """The lower-cased words of a candidate as grouping compares them (see :data:`_FOLD`)."""
    words: list[str] = []
    for t in doc[c.start_token:c.end_token]:
        text = fold(t.text)
        if t.is_punct and text != "-":
            continue
        word = TOKEN_TAIL.sub("", text).lower().strip(".")
        words.extend(part for part in _INNER_HYPHEN.split(word) if part)
    return words


def core_words(words: list[str]) -> list[str]:
    """A person's name words without a generational suffix ("Ana Roe Jr." → ana, roe), so
    that the surname is "roe", not "jr"."""
    while len(words) > 2 and words[-1] in lexicon.NAME_SUFFIXES:
        words = words[:-1]
    return words


def initials_of(words: list[str]) -> str:
    return "".join(w[0] for w in words if w and w not in lexicon.ACRONYM_STOPWORDS
                   and w[0].isalpha()).upper()


def is_acronym(text: str) -> bool:
    letters = text.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()


def of_portfolio(doc: Doc, end: int, limit: int) -> tuple[int, str] | None:
    """For "Minister of Foreign Affairs" ending at token ``end``: the index of "of" and the
    portfolio text ("Foreign Affairs"), when a title comes right before the "of"."""
    j = end
    while j - 1 >= limit and end - j < 5 and lowered(doc[j - 1]) in lexicon.PORTFOLIO_WORDS and (
            is_cap(doc[j - 1]) or lowered(doc[j - 1]) in {"and", "&", "-"} and j < end):
        j -= 1
    if j == end or j - 1 < limit or lowered(doc[j - 1]) not in {"of", "for"}:
        return None
    if title_start(doc, j - 1, limit) == j - 1:
        return None
    return j - 1, doc[j:end].text


_VOWELS = "aeiou"


def verb_lemma(tok: Token) -> str:
    """The lemma of a verb, with the rule lemmatizer's "-e" slip repaired: spaCy reads
    "hopes", "hoping" and "hoped" as forms of "hop" (both are verbs). A one-syllable base
    ending consonant-vowel-consonant doubles its last letter before "-ing"/"-ed" ("hopping",
    "hopped"), and a third-person "-es" follows only a sibilant or "o" ("fixes", "goes"); a
    form that does neither is of the base with "e" ("hope")."""
    lemma = tok.lemma_.lower()
    text = tok.text.lower()
    tag = tok.tag_
    if tag == "VBZ" and text == lemma + "es" and len(text) > 3 and text[-3] not in "sxzho":
        return lemma + "e"
    if tag in {"VBG", "VBD", "VBN"} and text in {lemma + "ing", lemma + "ed"} \
            and len(lemma) >= 3 and lemma[-1] not in _VOWELS + "wxy" \
            and lemma[-2] in _VOWELS and lemma[-3] not in _VOWELS \
            and sum(1 for k, ch in enumerate(lemma) if ch in _VOWELS
                    and (k == 0 or lemma[k - 1] not in _VOWELS)) == 1:
        return lemma + "e"
    return lemma
