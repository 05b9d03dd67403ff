"""Entities and roles within one article: clean name spans, within-article resolution
(surname, honorific, title-only reference, acronym, pronoun) and titles held by people.

Rules, in the order :func:`extract_entities` applies them:

1. Candidates are spaCy's PERSON, ORG, GPE, LOC, NORP and FAC spans (FAC is stored as LOC).
2. In a headline written in title case or capitals, a span is cut at the words the body
   writes in lower case ("Ana Roe Checks Into Clinic" → "Ana Roe"), unless the body repeats
   the whole span. Boundaries are cleaned: leading determiners and punctuation go, a trailing
   possessive ``'s``/``’s`` and a lower-case function word ("Roe in") go, and for people any leading title, honorific, modifier or nationality
   ("Ukrainian President", "Mr.", "former"), title abbreviation or party acronym ("MP",
   "Insp.", "NDP"), portfolio ("Minister of Foreign Affairs"), possessive owner ("Bergen's"),
   photo credit ("/CBC") or glued age (",60") is cut off; what is left must still look like a
   name. Words of the span and of its context retype it (:func:`_retype`,
   :func:`_org_evidence`): given names make people, organisation nouns, suffixes and
   possessions ("airline X", "X GmbH", "X's shares") make organisations, place words places;
   stock indices, bill numbers and awards are dropped.
3. Spans are repaired: a PERSON span grows over adjacent capitalised proper nouns that are not
   titles ("JD" + "Vance"); an honorific or title directly before an untagged or mistyped proper
   noun makes it a PERSON ("Mr. Peskov"); an ORG/GPE that equals a known person's surname or
   full name becomes that person; an all-title PERSON span is dropped; a name typed two ways
   takes its majority type; time zones, currency codes, "Airbus A330"-style products and
   "iPhone"-style camel case are not organisations; names spaCy missed are found as exact
   repeats of known names or surnames, as a common given name plus one or two proper nouns,
   or as a two- or three-word proper name that is the subject of a speech verb; a title and
   name at the end of an ORG span make a person ("Valdor Hereditary Chief Na'ten"); an ORG cut
   at a hyphen gets its whole name ("SKL-Dravonin"); a capitalised word shaped like a
   nationality right before a title ("Kestrian Foreign Minister") is a NORP, not a person
   (:func:`_nationalities`).
4. Mentions are grouped into entities: same normalised name; surname (the word before a
   generational suffix: "Ana Roe Jr." → "Roe") or first name → the person with that full
   name mentioned most recently before it, else the first one mentioned after it
   (so when two people share a surname, a bare surname goes to the one named last); countries
   by ISO code ("U.S." = "United States"); acronyms by an explicit "Name (ACR)" or by the initials
   of an earlier organisation. An organisation that equals a person's surname stays an
   organisation when the article gives it company context or names it in full ("Roe's
   shares", "Roe Motor Company").
5. Roles come from title premodifiers ("NATO Secretary General Mark Rutte", "CEO and
   co-founder Jane Roe", "Minister of Foreign Affairs Jane Roe"), appositions after the name
   ("Dmitry Peskov, the Kremlin spokesperson") and before it ("The head of the agency, Jane
   Roe,"), each with title, organisation and modifier. A nationality the lexicon lacks
   becomes the country the article names with the same stem ("Kestrian" → "Kestria").
6. Title-only references ("the Ukrainian President", "the NATO chief", "the former minister")
   become mentions (kind ``title``) of the one person holding a matching role, if exactly one does.
7. Third-person pronouns become mentions (kind ``pronoun``) of a person when exactly one
   gender-compatible (honorific, else given name) person was mentioned in the same or the previous sentence; a subject
   pronoun otherwise goes to the last person-subject earlier in its sentence, else to the
   previous sentence's person-subject if there was exactly one.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from ..models import Entity, Mention, RecordKind, Role
from ..render import entity_lines, role_lines
from . import lexicon
from .component import Component, Inputs

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["COMPONENT", "ENTITIES", "ROLES", "VERSION", "entity_for_span", "extract_entities"]

#: Bump when a rule change alters what extract_entities returns (marks stored analyses stale).
VERSION = "7"

_KEEP = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "NORP": "NORP",
         "FAC": "LOC"}
_POSSESSIVE = {"'s", "’s", "‘s", "'", "’"}
_STOP_PUNCT = {",", ".", ";", ":", "(", ")", '"', "“", "”", "—", "–", "?", "!", "[", "]",
               "'", "‘", "’", "«", "»"}
# What the tokenizer leaves glued to the end of a name: "Roe,60" (an age), "Roe‘s".
_TOKEN_TAIL = re.compile(r"(?:,\d+|[‘’']s|/.*|[\u200b-\u200d\ufeff]+)$")
# Zero-width characters web pages leave glued to words ("Roe\u200b said").
_ZERO_WIDTH = "\u200b\u200c\u200d\ufeff"
_CAMEL_PRODUCT = re.compile(r"^[a-z][A-Z][a-z]+(\s|$)")
# One name is often typed with different apostrophes or hyphens in one article ("al-Rufay'i",
# "al-Rufay’i"): names are compared folded to ASCII, while mentions keep the stored text.
_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'",
                       "\u2010": "-", "\u2011": "-", "\u2013": "-"})
# A hyphen between letters the tokenizer left inside a token (it splits only ASCII ones).
_INNER_HYPHEN = re.compile(r"(?<=[^\W\d_])(-)(?=[^\W\d_])")


@dataclass
class _Cand:
    """A mention in token indices while entities are being built."""

    start: int
    end: int
    label: str
    kind: str = "name"
    ent: int = -1  # index into the entity list once grouped


@dataclass
class _Ent:
    label: str
    mentions: list[_Cand] = field(default_factory=list)
    country: str | None = None
    gender: str | None = None
    acronym: str | None = None

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)


@dataclass
class _Role:
    ent: int
    title: str
    start: int  # token span the role came from
    end: int
    org: str | None
    modifier: str | None


# ---- public API -------------------------------------------------------------------------------


def extract_entities(doc: Doc) -> tuple[list[Entity], list[Role]]:
    """People, organisations, places and nationalities in ``doc``, with the roles people hold.

    Entity ids are ``E1``, ``E2``, ... in order of first mention; ``Entity.name`` is the longest
    full name mentioned (for countries, the lexicon's country name). Mentions are sorted by
    offset and carry their kind (name, surname, acronym, title, pronoun). Roles have
    ``as_of=None``; the pipeline fills in the article date.
    """
    cands = _candidates(doc)
    ents = _group(doc, cands)
    _propagate(doc, ents)
    roles = _roles(doc, ents)
    _title_mentions(doc, ents, roles)
    _pronoun_mentions(doc, ents)
    return _finish(doc, ents, roles)


def entity_for_span(entities: Sequence[Entity], start: int, end: int) -> Entity | None:
    """The entity one of whose mentions overlaps ``[start, end)`` the most, or None.

    Ties go to the entity whose overlapping mention is shortest (the most specific one).
    """
    best: Entity | None = None
    best_key: tuple[int, int] | None = None
    for entity in entities:
        for m in entity.mentions:
            overlap = min(end, m.end_char) - max(start, m.start_char)
            if overlap <= 0 and not (start == end and m.start_char <= start < m.end_char):
                continue
            key = (max(overlap, 1), -(m.end_char - m.start_char))
            if best_key is None or key > best_key:
                best, best_key = entity, key
    return best


# ---- step 1-3: candidate spans ------------------------------------------------------------------


def _low(tok: Token) -> str:
    return tok.text.lower()


def _is_cap(tok: Token) -> bool:
    text = tok.text
    return bool(text) and text[0].isupper()


def _title_end(doc: Doc, i: int, limit: int) -> int:
    """End of the longest title phrase starting at token ``i`` (or ``i`` when none does)."""
    best = i
    if i >= limit or _low(doc[i]) not in lexicon.TITLE_FIRST:
        return best
    for j in range(i + 1, min(limit, i + 4) + 1):
        if _span_key(doc[i:j]) in lexicon.TITLES:
            best = j
    return best


def _title_start(doc: Doc, end: int, limit: int) -> int:
    """Start of the longest title phrase ending at token ``end`` (or ``end`` when none does)."""
    best = end
    if end <= limit or _low(doc[end - 1]) not in lexicon.TITLE_LAST:
        return best
    for i in range(end - 1, max(limit, end - 4) - 1, -1):
        if _span_key(doc[i:end]) in lexicon.TITLES:
            best = i
    return best


def _span_key(span: Span) -> str:
    return re.sub(r"\s+", " ", span.text.lower()).strip()


def _is_titleish(tok: Token) -> bool:
    low = _low(tok)
    return (low in lexicon.TITLES or low in lexicon.HONORIFICS or low in lexicon.MODIFIERS
            or low in lexicon.PORTFOLIOS and _is_cap(tok) or low in lexicon.NATIONALITIES
            or low in {"vice", "lt.", "maj.", "brig.", "gen.", "-"})


def _name_like(tok: Token) -> bool:
    """A token that can be part of a person's name."""
    if not _is_cap(tok) or not any(c.isalpha() for c in tok.text):
        return False
    if _is_titleish(tok) or _low(tok) in lexicon.DETERMINERS:
        return False
    return tok.pos_ in {"PROPN", "NOUN", "ADJ", "X"} or tok.tag_ == "NNP"


def _clean(doc: Doc, start: int, end: int, label: str) -> tuple[int, int]:
    while start < end and (_low(doc[start]) in lexicon.DETERMINERS or doc[start].is_punct
                           or doc[start].is_space):
        start += 1
    # A lower-case function word at the end is the model's mistake ("Thompson in Berne").
    while end > start and (doc[end - 1].text in _POSSESSIVE or doc[end - 1].is_punct
                           and doc[end - 1].text != "." or doc[end - 1].is_space
                           or doc[end - 1].is_stop and doc[end - 1].text.islower()):
        end -= 1
    if label == "PERSON":
        start, end = _clean_person(doc, start, end)
    return start, end


def _clean_person(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Cut what is not the name from a PERSON span: a photo credit after "/", a possessive
    owner before the name ("Vancouver's Jane Roe") or a possession after it ("Roe's Greens"),
    and titles, honorifics, party acronyms or stray words before the first name."""
    # "Jane Roe/CBC", "Jane Roe / AP": the name ends at the slash (a glued "/CBC" is trimmed
    # from the mention's characters later).
    slash = next((k for k in range(start, end) if "/" in doc[k].text), end)
    end = slash + 1 if slash < end and not doc[slash].text.startswith("/") else slash
    last = _low(doc[end - 1]) if end > start else ""
    if end - start >= 2 and last in lexicon.NAME_PREFIX_TITLES and last not in lexicon.SURNAME_TITLES:
        return start, start  # "Valdoria Liberal MP": a title, the name comes after it
    for k in range(start + 1, end - 1):
        if doc[k].text in _POSSESSIVE:
            if _person_shaped(doc, k + 1, end):
                start = k + 1
            else:
                end = k
            break
    # Titles and honorifics sometimes sit inside spaCy's PERSON span; the name is what
    # follows the last of them.
    cut = start
    for k in range(start, end - 1):
        if doc[k].text == "-" and (k == start or not _is_titleish(doc[k - 1])):
            continue  # a hyphenated name ("Ana Ruiz-Roe"), not "Vice-President"
        if _is_titleish(doc[k]) or _title_end(doc, k, end) > k:
            cut = max(cut, _title_end(doc, k, end), k + 1)
        elif k == cut and end - k >= 3 and (_low(doc[k]) in lexicon.NAME_PREFIX_TITLES
                                            or _is_party_acronym(doc[k])
                                            or _low(doc[k]) in lexicon.LEGAL_SUFFIXES):
            cut = k + 1  # "MP Jane Roe", "NDP Jane Roe": only a prefix, and a name must remain
        elif k == cut and end - k >= 2 and _low(doc[k]).endswith(".") and \
                _low(doc[k]) in lexicon.NAME_PREFIX_TITLES:
            cut = k + 1  # "Insp. Roe"
    start = cut
    while start < end and (doc[start].is_punct or _low(doc[start]) in lexicon.DETERMINERS):
        start += 1
    start = _cut_portfolio(doc, start, end)
    # A stray capitalised word before a known first name in a long span ("Relations Carolyn
    # Roe", "Famer Ana Ruiz"): the name starts at the first name.
    if end - start >= 3 and _low(doc[start]) not in lexicon.FIRST_NAMES \
            and not _is_initial(doc[start]):
        for k in range(start + 1, end - 1):
            if _low(doc[k]) in lexicon.FIRST_NAMES:
                start = k
                break
            if _is_initial(doc[k]):
                break
    return start, end


def _cut_portfolio(doc: Doc, start: int, end: int) -> int:
    """Start of the name in a span that begins inside a portfolio ("Affairs Jane Roe" in
    "Minister of Foreign Affairs Jane Roe")."""
    for k in range(end - 2, start - 1, -1):
        if _low(doc[k]) in lexicon.PORTFOLIO_WORDS and _of_portfolio(
                doc, k + 1, doc[k].sent.start) is not None:
            return k + 1
    return start


def _is_initial(tok: Token) -> bool:
    text = tok.text
    return len(text) == 2 and text[0].isupper() and text[1] == "."


def _is_party_acronym(tok: Token) -> bool:
    text = tok.text
    return 2 <= len(text) <= 4 and text.isalpha() and text.isupper()


def _person_shaped(doc: Doc, start: int, end: int) -> bool:
    """True when ``[start, end)`` reads as a person's name on its own."""
    if start >= end or not all(_name_like(t) for t in doc[start:end]):
        return False
    return end - start >= 2 or _low(doc[start]) in lexicon.FIRST_NAMES


def _title_case_sentences(doc: Doc) -> tuple[list[tuple[int, int]], set[str], set[str]]:
    """Sentences written in title case or capitals (headlines: "Ana Roe Checks Into Clinic"),
    and the words the rest of the article writes in lower case and capitalised mid-sentence.

    spaCy reads a run of capitalised headline words as one name; the body shows which of
    them are ordinary words.
    """
    headlines: list[tuple[int, int]] = []
    lower: set[str] = set()
    capital: set[str] = set()
    for sent in doc.sents:
        words = [t.text for t in sent if t.is_alpha and t.text.lower() not in lexicon.MINOR_WORDS]
        if sum(len(w) >= 4 for w in words) >= 3 and all(w[0].isupper() for w in words):
            headlines.append((sent.start, sent.end))
            continue
        first = True
        for t in sent:
            text = t.text
            if text.islower():
                lower.add(text)
                lower.add(t.lemma_)
            elif not first and text[:1].isupper():
                capital.add(text.lower())
            if not (t.is_punct or t.is_space):
                first = False
    return headlines, lower, capital


def _headline_splits(doc: Doc) -> list[tuple[int, int, str]]:
    """spaCy's entity spans as ``(start, end, label)``, with spans in title-case headlines
    cut at words the article's body writes in lower case ("Roe Checks Into" → "Roe")."""
    spans = [(e.start, e.end, e.label_) for e in doc.ents]
    if not spans:
        return spans
    headlines, lower, capital = _title_case_sentences(doc)
    if not headlines or not lower:
        return spans
    body_text = None
    out: list[tuple[int, int, str]] = []
    for start, end, label in spans:
        if not any(hs <= start < he for hs, he in headlines) or end - start < 2:
            out.append((start, end, label))
            continue

        def common(k: int) -> bool:
            low = _low(doc[k])
            if doc[k].is_punct:
                return True
            if low in capital:
                return False
            # "Checks" in a headline, "checked" in the body: compare crude stems.
            return low in lower or any(low.endswith(suf) and low[:-len(suf)] in lower
                                       for suf in ("s", "es", "ed", "d", "ing"))

        if not any(common(k) and not doc[k].is_punct for k in range(start, end)):
            out.append((start, end, label))
            continue
        if body_text is None:
            body_text = doc.text
        surface = doc[start:end].text
        if body_text.count(surface) > 1:
            out.append((start, end, label))  # the body writes the whole name the same way
            continue
        run = start
        for k in range(start, end + 1):
            if k < end and (not common(k) or _low(doc[k]) in lexicon.NAME_GLUE and k > run
                            and k + 1 < end and not common(k + 1)):
                continue
            if k > run:
                out.append((run, k, label))
            run = k + 1
    return out


def _candidates(doc: Doc) -> list[_Cand]:
    taken = [False] * len(doc)
    cands: list[_Cand] = []
    for ent_start, ent_end, ent_label in _headline_splits(doc):
        label = _KEEP.get(ent_label)
        if label is None:
            continue
        if label != "PERSON" and (_title_then_name(doc, ent_start, ent_end)
                                  or _inner_title_name(doc, ent_start, ent_end)):
            label = "PERSON"  # "Spokeswoman Jane Roe" mistaken for an organisation
        start, end = _clean(doc, ent_start, ent_end, label)
        if start >= end:
            continue
        if label == "ORG":
            end = _hyphen_tail(doc, end)
        surface = doc[start:end].text
        low = surface.lower()
        if low in lexicon.NOT_ENTITIES:
            continue
        if label == "ORG" and _model_number_follows(doc, end):
            continue  # "Airbus A330", "FTSE 100": a product or index, not the organisation
        if label in {"ORG", "PERSON"} and _CAMEL_PRODUCT.match(surface):
            continue  # "iPhone", "iPod": lower-case-first camel case names products
        if label == "ORG" and _stock_index(doc, start, end):
            continue
        if label == "PERSON":
            if all(_is_titleish(t) or not _is_cap(t) for t in doc[start:end]):
                continue
            if low in lexicon.COUNTRIES and low not in lexicon.AMBIGUOUS_COUNTRIES:
                label = "GPE"
            else:
                start, end = _grow_person(doc, start, end, taken)
                start = _cut_portfolio(doc, start, end)
                if end + 1 < len(doc) and _is_cap(doc[end]) and doc[end + 1].ent_type_ == \
                        "PERSON" and _low(doc[end]) in lexicon.NAME_PREFIX_TITLES:
                    continue  # "Valdoria Liberal" in "Valdoria Liberal MP Jane Roe"
        if label != "PERSON" and end - start <= 2 and start > 0 and not taken[start - 1] \
                and _low(doc[start - 1]) in lexicon.FIRST_NAMES and doc[start - 1].pos_ == \
                "PROPN" and _is_cap(doc[start - 1]) and doc[start - 1].ent_type_ == "":
            start -= 1  # "Ana" + "Ruiz" (ORG): a given name the model left out
        retyped = _retype(doc, start, end, label)
        if retyped is None:
            continue
        cands.append(_Cand(start, end, retyped))
        for k in range(start, end):
            taken[k] = True
    _org_evidence(doc, cands)
    _vote(doc, cands)
    cands.extend(_nationalities(doc, cands, taken))
    cands.extend(_triggered_people(doc, taken, cands))
    cands.extend(_given_name_people(doc, taken))
    cands.extend(_speaking_people(doc, taken))
    cands.extend(_triggered_orgs(doc, taken))
    cands.sort(key=lambda c: (c.start, -c.end))
    out: list[_Cand] = []
    for c in cands:
        if out and c.start < out[-1].end:
            continue
        out.append(c)
    return out


def _demonym_shaped(tok: Token) -> bool:
    """True for a capitalised word that reads as a nationality adjective: a known one
    ("Ukrainian") or one with a nationality ending that is no given name, country or common
    word ("Kestrian", "Valdorese")."""
    text = tok.text
    low = text.lower()
    if low in lexicon.NATIONALITIES:
        return True
    if len(text) < 4 or not text.isalpha() or not text[0].isupper() or not text[1:].islower():
        return False
    if low in lexicon.DEMONYM_LOOKALIKES or low in lexicon.GIVEN_NAMES or low in lexicon.COUNTRIES \
            or low in lexicon.ORG_WORDS or _is_titleish(tok):
        return False
    return low.endswith(lexicon.DEMONYM_SUFFIXES)


def _title_follows(doc: Doc, i: int) -> bool:
    """True when a title phrase other than a corporate one starts at token ``i``, maybe after
    portfolio words ("Foreign Minister", "minister"; not "CEO")."""
    n = len(doc)
    j = i
    while j < n and j - i < 2 and _low(doc[j]) in lexicon.PORTFOLIOS and _title_end(doc, j, n) == j:
        j += 1
    end = _title_end(doc, j, n) if j < n else j
    return end > j and _span_key(doc[j:end]) not in lexicon.CORPORATE_TITLES


def _nationalities(doc: Doc, cands: list[_Cand], taken: list[bool]) -> list[_Cand]:
    """Nationality adjectives right before a title ("Kestrian Foreign Minister Jurek Malden",
    "the Kestrian minister"): spaCy small often types an unknown one as a person or an
    organisation, or leaves it untagged. Such a word is a NORP (and so the role's country)
    unless the article also uses it as a word of a person's name ("Recep Tayyip Erdogan") or
    as the name of a place; a word typed as an organisation stays one ("Nissan", "Taliban")
    unless the article names a place it derives from ("Valdorian" and "Valdoria"). Returns
    the untagged ones as new candidates; typed candidates of the word are relabelled in place
    (one sense per article)."""
    words: dict[str, list[int]] = {}
    for i, tok in enumerate(doc):
        if _is_cap(tok) and _demonym_shaped(tok) and _title_follows(doc, i + 1):
            words.setdefault(_low(tok), []).append(i)
    if not words:
        return []
    person_words: set[str] = set()
    typed: dict[str, set[str]] = {}
    places: list[tuple[str, str | None]] = []
    for c in cands:
        if c.label == "PERSON" and c.end - c.start >= 2:
            person_words.update(_low(t) for t in doc[c.start:c.end])
        elif c.label != "PERSON":
            text = _fold(doc[c.start:c.end].text)
            typed.setdefault(text.lower(), set()).add(c.label)
            if c.label == "GPE":
                places.append((text, lexicon.country_code(text)))
    found: list[_Cand] = []
    for low, at in words.items():
        if low in person_words or _inside_name_elsewhere(doc, low):
            continue
        labels = typed.get(low, set())
        if labels & {"GPE", "LOC"}:
            continue
        if "ORG" in labels and low not in lexicon.NATIONALITIES \
                and _demonym_country(doc[at[0]].text, places) is None:
            continue
        for c in cands:
            if c.end - c.start == 1 and _low(doc[c.start]) == low:
                c.label = "NORP"
        for i in at:
            if not taken[i] and doc[i].ent_type_ in _MISTAGGED | {"PERSON", "NORP", "ORG"}:
                found.append(_Cand(i, i + 1, "NORP"))
                taken[i] = True
    return found


def _inside_name_elsewhere(doc: Doc, low: str) -> bool:
    """True when ``low`` follows another name word somewhere ("Tayyip Erdogan"): a surname,
    not a nationality."""
    if low in lexicon.NATIONALITIES:
        return False
    return any(_low(tok) == low and tok.i > 0 and not tok.is_sent_start
               and _name_like(doc[tok.i - 1]) and doc[tok.i - 1].pos_ == "PROPN"
               for tok in doc)


def _demonym_country(word: str, places: Sequence[tuple[str, str | None]]
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


def _retype(doc: Doc, start: int, end: int, label: str) -> str | None:
    """The type the words of a span call for, or None when it names no actor.

    A "person" ending in an organisation suffix is an organisation ("Robert Roe GmbH"), one
    ending in a place word is a place ("Roe Square"), one with digits or ending in "Award" is
    a thing; online platforms are organisations; a state or province abbreviation after a
    comma ("Oakville, Ont.") is a place; a non-person span that starts with a common given
    name and is otherwise plain name words is a person ("Ilse Varga" typed ORG).
    """
    toks = doc[start:end]
    last = _low(toks[-1])
    low = toks.text.lower()
    if low.rstrip(".") in lexicon.REGION_ABBREVIATIONS or low in lexicon.REGION_ABBREVIATIONS:
        if start > 0 and doc[start - 1].text == ",":
            return "GPE"
    if label == "PERSON":
        if low in lexicon.NOT_PEOPLE or any(ch.isdigit() for t in toks
                                            for ch in _TOKEN_TAIL.sub("", t.text)):
            return None
        if low in lexicon.PLATFORMS:
            return "ORG"
        if len(toks) >= 2:
            if last in lexicon.THING_SUFFIXES:
                return None
            if last in lexicon.LEGAL_SUFFIXES or (last in lexicon.ORG_SUFFIXES
                                           or last in lexicon.ORG_WORDS) and (
                    len(toks) >= 3 or _low(toks[0]) not in lexicon.FIRST_NAMES):
                return "ORG"  # but "Jim Press", "Ana Bank": a given name wins a short span
            if last in lexicon.PLACE_WORDS:
                return "LOC"
        return label
    if label in {"ORG", "GPE", "LOC", "NORP"} and 2 <= len(toks) <= 3 \
            and _low(toks[0]) in lexicon.FIRST_NAMES and not lexicon.country_code(toks.text) \
            and all(_name_like(t) and t.pos_ == "PROPN" for t in toks) \
            and not any(_low(t) in lexicon.ORG_WORDS or _low(t) in lexicon.ORG_SUFFIXES
                        or _low(t) in lexicon.PLACE_WORDS for t in toks) \
            and not _org_context(doc, start, end):
        return "PERSON"
    return label


def _org_context(doc: Doc, start: int, end: int) -> bool:
    """True when the words around a name say it is an organisation: an organisation noun in
    front ("airline Ryanair", "its division, Opel"), an organisation suffix after it ("Roe
    Holdings"), or a possession only companies have ("Roe's shares")."""
    k = start - 1
    if k >= 0 and doc[k].text == ",":
        k -= 1
    if k >= 0 and _low(doc[k]) in lexicon.ORG_NOUNS and not _is_cap(doc[k]):
        return True
    if end < len(doc) and _low(doc[end]) in lexicon.ORG_SUFFIXES and _is_cap(doc[end]):
        return True
    if end + 1 < len(doc) and doc[end].text in _POSSESSIVE \
            and _low(doc[end + 1]) in lexicon.ORG_POSSESSIONS:
        return True
    return False


def _org_evidence(doc: Doc, cands: list[_Cand]) -> None:
    """A name spaCy typed PERSON that the article treats as an organisation somewhere, and
    never as a person (no given name, honorific or title before it), becomes an ORG; so do
    a plural name after "the" ("the Beatles") and the possessive short form of a business
    named in full elsewhere ("Stella's" after "Stella's Cafe")."""
    groups: dict[str, list[_Cand]] = {}
    org_names: set[str] = set()
    for c in cands:
        if c.label == "PERSON":
            groups.setdefault(_fold(doc[c.start:c.end].text), []).append(c)
        elif c.label == "ORG":
            org_names.add(_fold(doc[c.start:c.end].text))
    for group in groups.values():
        if any(_low(doc[c.start]) in lexicon.FIRST_NAMES or _person_cue_before(doc, c.start)
               for c in group):
            continue
        org = any(_org_context(doc, c.start, c.end) for c in group)
        if not org:
            org = all(c.end - c.start == 1 and c.start > 0 and _low(doc[c.start - 1]) == "the"
                      and doc[c.start].text.endswith("s") for c in group)
        if not org:
            # "Stella's" after "Stella's Cafe": a business named after its founder's name
            owner = _fold(doc[group[0].start:group[0].end].text)
            org = any(name.startswith(owner + "'s ") and " " in name for name in org_names)
        if org:
            for c in group:
                c.label = "ORG"


def _person_cue_before(doc: Doc, start: int) -> bool:
    if start == 0:
        return False
    prev = doc[start - 1]
    low = _low(prev)
    return low in lexicon.HONORIFICS or low in lexicon.TITLES or \
        low in lexicon.NAME_PREFIX_TITLES


def _stock_index(doc: Doc, start: int, end: int) -> bool:
    """True for "the Dow Jones", "Nasdaq Composite", "S&P/TSX index": numbers, not actors."""
    words = doc[start:end].text.lower()
    after = doc[end:end + 2].text.lower()
    return words in lexicon.STOCK_INDICES or "industrial average" in words \
        or after.startswith("industrial average") \
        or any(_low(t) in lexicon.INDEX_WORDS for t in doc[start:end + 1])


def _triggered_orgs(doc: Doc, taken: list[bool]) -> list[_Cand]:
    """Organisations spaCy left untagged, named right after an organisation noun: "its
    European division, Opel", "budget airline Skyway"."""
    found: list[_Cand] = []
    n = len(doc)
    for i, tok in enumerate(doc):
        if _low(tok) not in lexicon.ORG_NOUNS or _is_cap(tok) or tok.pos_ != "NOUN":
            continue
        k = i + 1
        if k < n and doc[k].text == ",":
            k += 1
        end = k
        while end < n and end - k < 3 and not taken[end] and doc[end].ent_type_ == "" \
                and doc[end].pos_ == "PROPN" and _name_like(doc[end]) \
                and doc[end].sent.start == tok.sent.start:
            end += 1
        if end == k or _low(doc[k]) in lexicon.FIRST_NAMES:
            continue
        if end < n and (doc[end].pos_ == "PROPN" and _is_cap(doc[end])):
            continue  # the name goes on into something spaCy did tag: leave it alone
        found.append(_Cand(k, end, "ORG"))
        for m in range(k, end):
            taken[m] = True
    return found


def _title_then_name(doc: Doc, start: int, end: int) -> bool:
    """True for a span that is a capitalised title followed by two or three name words (one
    is not enough: "General Motors")."""
    if not _is_cap(doc[start]):
        return False
    k = _title_end(doc, start, end)
    return start < k and 2 <= end - k <= 3 and all(
        _name_like(t) and _low(t) not in lexicon.ORG_WORDS for t in doc[k:end])


def _hyphen_tail(doc: Doc, end: int) -> int:
    """End of an organisation name the model cut at a hyphen ("SNC" of "SNC-Lavalin",
    "Rolls" of "Rolls-Royce"): capitalised parts glued on with hyphens belong to it."""
    n = len(doc)
    while end + 1 < n and doc[end].text == "-" and not doc[end - 1].whitespace_ \
            and not doc[end].whitespace_ and _is_cap(doc[end + 1]) \
            and doc[end + 1].ent_type_ in {"", doc[end - 1].ent_type_}:
        end += 2
    return end


def _inner_title_name(doc: Doc, start: int, end: int) -> bool:
    """True for a span whose last one to three words are a name after a capitalised title
    inside it ("Valdor Hereditary Chief Na'ten", "Harbour County Mayor Ana Ruiz"): the whole
    span was typed as an organisation, but it ends in a person."""
    for k in range(start + 1, end - 1):
        if not _is_cap(doc[k]) or _low(doc[k]) not in lexicon.TITLE_FIRST:
            continue
        j = _title_end(doc, k, end)
        if j > k and _is_cap(doc[j - 1]) and 1 <= end - j <= 3 and all(
                _name_like(t) and _low(t) not in lexicon.ORG_WORDS for t in doc[j:end]):
            return True
    return False


def _model_number_follows(doc: Doc, end: int) -> bool:
    if end >= len(doc):
        return False
    text = doc[end].text
    if not any(ch.isdigit() for ch in text):
        return False
    return not (len(text) == 4 and text.isdigit() and text[:2] in {"19", "20"})


def _vote(doc: Doc, cands: list[_Cand]) -> None:
    """One sense per article: a name spaCy typed differently in different places gets the
    type it was given most often ("Ford" the carmaker tagged once as a person)."""
    groups: dict[str, list[_Cand]] = {}
    for c in cands:
        groups.setdefault(_fold(doc[c.start:c.end].text), []).append(c)
    for group in groups.values():
        if len(group) < 2:
            continue
        votes: dict[str, int] = {}
        for c in group:
            votes[c.label] = votes.get(c.label, 0) + 1
        ranked = sorted(votes.items(), key=lambda kv: -kv[1])
        if len(ranked) > 1 and ranked[0][1] > ranked[1][1]:
            for c in group:
                c.label = ranked[0][0]


def _grow_person(doc: Doc, start: int, end: int, taken: list[bool]) -> tuple[int, int]:
    sent_start = doc[start].sent.start
    while (start - 1 >= sent_start and not taken[start - 1] and _name_part(doc[start - 1])
           and doc[start - 1].ent_type_ in {"", "PERSON"} and start - 1 > sent_start):
        start -= 1
    sent_end = doc[end - 1].sent.end
    while (end < sent_end and not taken[end] and _name_part(doc[end])
           and doc[end].ent_type_ in {"", "PERSON"} and doc[end].ent_iob_ != "B"):
        end += 1
    return start, end


def _name_part(tok: Token) -> bool:
    low = _low(tok)
    return _name_like(tok) and low not in lexicon.LEGAL_SUFFIXES and low not in lexicon.ORG_WORDS \
        and low not in lexicon.NAME_PREFIX_TITLES and "/" not in tok.text


def _triggered_people(doc: Doc, taken: list[bool], cands: list[_Cand]) -> list[_Cand]:
    """People spaCy missed or mistyped, found after an honorific or a capitalised title."""
    found: list[_Cand] = []
    by_start = {c.start: c for c in cands}
    i = 0
    n = len(doc)
    while i < n:
        tok = doc[i]
        trigger_end = i
        if _low(tok) in lexicon.HONORIFICS and _is_cap(tok):
            trigger_end = i + 1
        elif _is_cap(tok):
            j = _title_end(doc, i, n)
            if j > i and _is_cap(doc[j - 1]):
                trigger_end = j
        if trigger_end == i or trigger_end >= n:
            i += 1
            continue
        k = trigger_end
        existing = by_start.get(k)
        if existing is not None and existing.label in {"ORG", "GPE", "LOC", "NORP"}:
            # "Mr. Brecht" tagged as a place: a honorific settles it; a title alone only when
            # the span is a single token (titles also precede places: "President Kennedy Airport").
            if _low(tok) in lexicon.HONORIFICS or existing.end - existing.start == 1:
                existing.label = "PERSON"
        elif existing is None and not taken[k] and _name_like(doc[k]) and doc[k].ent_type_ == "":
            end = k
            while end < n and end - k < 4 and not taken[end] and _name_like(doc[end]) \
                    and doc[end].ent_type_ == "" and doc[end].sent.start == doc[k].sent.start:
                end += 1
            if any(_low(t) in lexicon.ORG_WORDS for t in doc[k:end]):
                end = k
            if _low(tok) in lexicon.HONORIFICS or end - k >= 2 and doc[k].pos_ == "PROPN":
                found.append(_Cand(k, end, "PERSON"))
                for m in range(k, end):
                    taken[m] = True
        i = trigger_end
    return found


#: Entity labels spaCy small puts on names it does not know ("Vancouver's Bo Horvat" as a
#: work of art); a given name inside one still makes a person.
_MISTAGGED = frozenset({"", "WORK_OF_ART", "PRODUCT", "EVENT"})


def _given_name_people(doc: Doc, taken: list[bool]) -> list[_Cand]:
    """People spaCy left untagged (or tagged as a work of art or product) whose name opens with
    a common given name and goes on with one or two capitalised proper nouns ("For Carole
    Laurin, …"). The name must end there: a
    longer run of capitalised words is more likely an organisation or a place."""
    found: list[_Cand] = []
    n = len(doc)
    for i, tok in enumerate(doc):
        if taken[i] or tok.ent_type_ not in _MISTAGGED or tok.pos_ != "PROPN" \
                or not _is_cap(tok) or _low(tok) not in lexicon.GIVEN_NAMES:
            continue
        end = i + 1
        while end < n and end - i <= 2 and not taken[end] \
                and doc[end].ent_type_ == tok.ent_type_ \
                and doc[end].pos_ == "PROPN" and _name_part(doc[end]) \
                and _low(doc[end]) not in lexicon.PLACE_WORDS \
                and _low(doc[end]) not in lexicon.ORG_SUFFIXES:
            end += 1
        if end == i + 1 or (end < n and _is_cap(doc[end]) and doc[end].pos_ == "PROPN"):
            continue
        if i > 0 and _is_cap(doc[i - 1]) and doc[i - 1].pos_ == "PROPN" \
                and not _is_titleish(doc[i - 1]):
            continue
        found.append(_Cand(i, end, "PERSON"))
        for m in range(i, end):
            taken[m] = True
    return found


def _speaking_people(doc: Doc, taken: list[bool]) -> list[_Cand]:
    """People spaCy left untagged who speak: a name of two or three capitalised proper nouns
    that is the subject of a speech verb ("Navdeep Bains, Minister of …, said"). Organisations
    speak too, so names with organisation or place words are left alone."""
    found: list[_Cand] = []
    for tok in doc:
        if tok.dep_ != "nsubj" or tok.pos_ != "PROPN" or tok.head.lemma_.lower() not in \
                lexicon.SPEECH_VERBS or tok.head.pos_ != "VERB":
            continue
        start = tok.i
        while start > 0 and doc[start - 1].dep_ in {"compound", "flat"} \
                and doc[start - 1].head.i == tok.i:
            start -= 1
        end = tok.i + 1
        if not 2 <= end - start <= 3 or any(taken[k] or doc[k].ent_type_ not in _MISTAGGED
                                            for k in range(start, end)):
            continue
        if start > 0 and (_is_cap(doc[start - 1]) and doc[start - 1].pos_ == "PROPN"
                          or doc[start - 1].text in _POSSESSIVE):
            continue
        words = doc[start:end]
        if not all(_name_part(t) and t.text.isalpha() and not t.text.isupper()
                   and _low(t) not in lexicon.PLACE_WORDS
                   and _low(t) not in lexicon.ORG_SUFFIXES for t in words):
            continue
        found.append(_Cand(start, end, "PERSON"))
        for k in range(start, end):
            taken[k] = True
    return found


# ---- step 4: grouping -------------------------------------------------------------------------


def _fold(text: str) -> str:
    """``text`` with apostrophe and hyphen variants replaced by ASCII ``'`` and ``-``."""
    return text.translate(_FOLD)


def _words(doc: Doc, c: _Cand) -> list[str]:
    """The lower-cased words of a candidate as grouping compares them (see :data:`_FOLD`)."""
    words: list[str] = []
    for t in doc[c.start:c.end]:
        text = _fold(t.text)
        if t.is_punct and text != "-":
            continue
        word = _TOKEN_TAIL.sub("", text).lower().strip(".")
        words.extend(part for part in _INNER_HYPHEN.split(word) if part)
    return words


def _core(words: list[str]) -> list[str]:
    """A person's name words without a generational suffix ("Ana Roe Jr." → ana, roe), so
    that the surname is "roe", not "jr"."""
    while len(words) > 2 and words[-1] in lexicon.NAME_SUFFIXES:
        words = words[:-1]
    return words


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w and w not in lexicon.ACRONYM_STOPWORDS
                   and w[0].isalpha()).upper()


def _is_acronym(text: str) -> bool:
    letters = text.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()


def _group(doc: Doc, cands: list[_Cand]) -> list[_Ent]:
    ents: list[_Ent] = []
    by_key: dict[tuple[str, str], int] = {}
    acronyms: dict[str, int] = {}

    def add(c: _Cand, idx: int) -> None:
        c.ent = idx
        ents[idx].mentions.append(c)

    def new(c: _Cand, key: tuple[str, str] | None) -> int:
        ents.append(_Ent(c.label))
        idx = len(ents) - 1
        if key is not None:
            by_key[key] = idx
        add(c, idx)
        return idx

    # Full person names first, so that surnames can point forwards to a later full name
    # (headlines often use the surname alone).
    people_full: list[_Cand] = [c for c in cands if c.label == "PERSON"
                                and len(_words(doc, c)) >= 2 and _words(doc, c)[1] != "-"]
    person_names: dict[str, int] = {}
    for c in people_full:
        words = _words(doc, c)
        key = ("PERSON", " ".join(words))
        idx = by_key.get(key)
        if idx is None:
            core = _core(words)
            short = (core[0], core[-1])
            idx = next((i for i, e in enumerate(ents) if e.label == "PERSON"
                        and (lambda w: (w[0], w[-1]))(_core(_words(doc, e.mentions[0])))
                        == short), None)
        if idx is None:
            idx = new(c, key)
        else:
            add(c, idx)
        person_names[" ".join(words)] = idx

    def person_for(word: str, at: int, parts: tuple[int, ...] = (-1, 0)) -> int | None:
        """Most recent full-name person before ``at`` with this surname (or first name)."""
        for part in parts:
            before: list[tuple[int, int]] = []
            after: list[tuple[int, int]] = []
            for c in people_full:
                words = _core(_words(doc, c))
                if words[part] != word:
                    continue
                (before if c.start < at else after).append((c.start, c.ent))
            if before:
                return max(before)[1]
            if after:
                return min(after)[1]
        return None

    # A company named after a person ("Ford" beside "William Ford Jr."): an ORG name the
    # article gives company context to, or that starts a longer ORG name, stays an ORG.
    companies: set[str] = set()
    for c in cands:
        if c.label == "ORG":
            words = _words(doc, c)
            if len(words) >= 2 and any(w in lexicon.CORPORATE_SUFFIXES or w in lexicon.ORG_SUFFIXES
                                       for w in words[1:]):
                companies.add(words[0])  # "Ford Motor Company"
            elif _org_context(doc, c.start, c.end):
                companies.add(" ".join(words))
    for c in sorted(cands, key=lambda c: c.start):
        if c.ent >= 0:
            continue
        words = _words(doc, c)
        text = " ".join(words)
        surface = doc[c.start:c.end].text
        if not words:
            continue
        if c.label == "PERSON" or (c.label in {"ORG", "GPE", "LOC", "NORP"}
                                   and len([w for w in words if w != "-"]) <= 2
                                   and not _is_acronym(surface)
                                   and not lexicon.country_code(surface)):
            idx = person_names.get(text)
            if idx is None and len(words) == 1:
                # Only a PERSON span may be a first name; an organisation that equals a
                # person's first word is usually a product or brand ("Mac").
                idx = person_for(words[0], c.start, (-1, 0) if c.label == "PERSON" else (-1,))
            elif idx is None and "-" in words:
                # "Ruiz-Roe" after "Ana Ruiz-Roe" (but "Ruiz-Roe" alone is no one's surname)
                idx = next((person_names[full] for full in person_names
                            if full.endswith(" " + text)), None)
            if idx is not None:
                if c.label != "PERSON" and (_looks_like_place_or_org(doc, c)
                                            or c.label == "ORG" and text in companies):
                    idx = None
                else:
                    c.label = "PERSON"
                    c.kind = "name" if len(words) >= 2 and "-" not in words[:2] else "surname"
                    add(c, idx)
                    continue
        if c.label == "PERSON":
            key = ("PERSON", text)
            idx = by_key.get(key)
            if idx is None:
                idx = new(c, key)
            else:
                add(c, idx)
            continue
        if c.label in {"GPE", "LOC", "NORP"} or (c.label == "ORG" and lexicon.country_code(
                surface) and surface.lower() not in lexicon.NATIONALITIES):
            code = lexicon.country_code(surface)
            if code and c.label != "NORP":
                c.label = "GPE"
                key = ("GPE", code)
            else:
                key = (c.label, text)
            idx = by_key.get(key)
            if idx is None:
                idx = new(c, key)
                ents[idx].country = code
            else:
                add(c, idx)
            continue
        # Organisations: explicit acronym in brackets, known acronym, initials, same name.
        if _is_acronym(surface):
            acr = surface.replace(".", "")
            idx = acronyms.get(acr)
            if idx is None:
                idx = next((i for i, e in reversed(list(enumerate(ents))) if e.label == "ORG"
                            and len(_words(doc, e.mentions[0])) >= 2
                            and _initials(_words(doc, e.mentions[0])) == acr), None)
            if idx is None:
                # The expansion may come later ("EU" in a headline, "European Union" below).
                later = next((o for o in cands if o.ent < 0 and o.start > c.start
                              and o.label in {"ORG", "GPE", "LOC"} and len(_words(doc, o)) >= 2
                              and _initials(_words(doc, o)) == acr), None)
                if later is not None:
                    idx = new(later, ("ORG", _org_key(_words(doc, later))))
                    ents[idx].label = "ORG"
                    later.label = "ORG"
            if idx is not None:
                own = {doc[m.start:m.end].text.replace(".", "") for m in ents[idx].mentions
                       if m.kind == "name"}
                c.kind = "name" if acr in own else "acronym"
                add(c, idx)
                acronyms.setdefault(acr, idx)
                continue
        key = ("ORG", _org_key(words))
        idx = by_key.get(key)
        if idx is None:
            idx = new(c, key)
        else:
            add(c, idx)
        bracketed = _bracketed_acronym(doc, c.end)
        if bracketed is not None and ents[idx].acronym is None:
            ents[idx].acronym = bracketed
            acronyms.setdefault(bracketed, idx)
        elif _is_acronym(surface):
            acronyms.setdefault(surface.replace(".", ""), idx)
    return ents


def _org_key(words: list[str]) -> str:
    """Grouping key of an organisation name: "Valdor Motors Corp." = "Valdor Motors"."""
    while len(words) > 1 and words[-1] in lexicon.CORPORATE_SUFFIXES:
        words = words[:-1]
    return " ".join(words)


def _propagate(doc: Doc, ents: list[_Ent]) -> None:
    """Find names spaCy left untagged elsewhere in the article: exact, case-sensitive repeats
    of a known name, and bare surnames of people named in full (when only one has it)."""
    covered = [False] * len(doc)
    for e in ents:
        for m in e.mentions:
            for k in range(m.start, m.end):
                covered[k] = True
    names: dict[tuple[str, ...], tuple[int, str]] = {}
    surnames: dict[str, set[int]] = {}
    for idx, e in enumerate(ents):
        if e.label == "NORP":
            continue
        for m in e.mentions:
            toks = tuple(_fold(t.text) for t in doc[m.start:m.end])
            if m.kind in {"name", "acronym"} and any(ch.isupper() for ch in toks[0][:1]):
                names.setdefault(toks, (idx, m.kind))
            if e.label == "PERSON" and m.kind == "name" and len(toks) >= 2:
                last = len(toks) - 1
                while last > 1 and toks[last].lower().strip(".") in lexicon.NAME_SUFFIXES:
                    last -= 1
                surnames.setdefault(_TOKEN_TAIL.sub("", toks[last]), set()).add(idx)
    for surname, owners in surnames.items():
        if len(owners) == 1 and (surname,) not in names:
            names[(surname,)] = (next(iter(owners)), "surname")
    if not names:
        return
    sizes: dict[str, list[int]] = {}  # first word -> name lengths, longest first
    for key in names:
        sizes.setdefault(key[0], []).append(len(key))
    for lengths in sizes.values():
        lengths.sort(reverse=True)
    texts = [_fold(t.text.strip(_ZERO_WIDTH)) for t in doc]
    n = len(doc)
    i = 0
    while i < n:
        hit = None
        for size in sizes.get(texts[i], ()):
            key = tuple(texts[i:i + size])
            if key in names and not any(covered[i:i + size]):
                hit = size, names[key]
                break
        if hit is None:
            i += 1
            continue
        size, (idx, kind) = hit
        before = doc[i - 1] if i > 0 else None
        after = doc[i + size] if i + size < n else None
        inside_name = (before is not None and _name_like(before) and not before.is_sent_start) \
            or (after is not None and _name_like(after))
        tok = doc[i]
        # A capitalised common noun opening a sentence ("Jobs were cut") is not a surname,
        # unless it is the subject of a verb that is not "be" ("Jobs welcomed everyone").
        single_common = size == 1 and tok.pos_ != "PROPN" and tok.is_sent_start and not (
            tok.dep_ == "nsubj" and tok.head.tag_ in {"VBD", "VBZ"} and tok.head.lemma_ != "be")
        if not inside_name and not single_common:
            ents[idx].mentions.append(_Cand(i, i + size, ents[idx].label, kind, idx))
            for k in range(i, i + size):
                covered[k] = True
        i += size


def _looks_like_place_or_org(doc: Doc, c: _Cand) -> bool:
    """True when an ORG/GPE span that equals a person's name is really a place/organisation."""
    prev = doc[c.start - 1] if c.start > 0 else None
    return prev is not None and _low(prev) in {"in", "at", "from", "to", "near"} and \
        c.label in {"GPE", "LOC"}


def _bracketed_acronym(doc: Doc, end: int) -> str | None:
    """The acronym in "Name (ACR)" right after a span ending at token ``end``."""
    if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")" \
            and _is_acronym(doc[end + 1].text):
        return doc[end + 1].text.replace(".", "")
    return None


# ---- step 5: roles ----------------------------------------------------------------------------


def _org_text(doc: Doc, toks: list[Token]) -> tuple[str | None, str | None]:
    """Organisation (or country) named by premodifier tokens, and its ISO code if a country."""
    toks = [t for t in toks if t.text not in _POSSESSIVE and _low(t) not in lexicon.DETERMINERS
            and t.text != "-"]
    if not toks:
        return None, None
    surface = doc[toks[0].i:toks[-1].i + 1].text
    code = lexicon.country_code(surface)
    if code:
        return lexicon.country_name(code), code
    return surface, None


def _build_title(doc: Doc, start: int, end: int) -> tuple[int, str]:
    """Canonical title for tokens ``[start, end)`` known to be a title; extends leftwards over
    portfolio words ("Foreign" Minister). Returns the new start and the title."""
    head = lexicon.TITLES[_span_key(doc[start:end])]
    portfolio: list[str] = []
    if _low(doc[end - 1]) in lexicon.PORTFOLIO_HEADS:
        k = start
        while k - 1 >= 0 and _low(doc[k - 1]) in lexicon.PORTFOLIOS and len(portfolio) < 2:
            k -= 1
            portfolio.insert(0, _low(doc[k]))
        if portfolio:
            start = k
    if not portfolio:
        return start, head
    if head[0].isupper():
        return start, " ".join(w.capitalize() for w in portfolio) + " " + head
    return start, " ".join(portfolio) + " " + head


def _of_portfolio(doc: Doc, end: int, limit: int) -> tuple[int, str] | None:
    """For "Minister of Foreign Affairs" ending at token ``end``: the index of "of" and the
    portfolio text ("Foreign Affairs"), when a title comes right before the "of"."""
    j = end
    while j - 1 >= limit and end - j < 5 and _low(doc[j - 1]) in lexicon.PORTFOLIO_WORDS and (
            _is_cap(doc[j - 1]) or _low(doc[j - 1]) in {"and", "&", "-"} and j < end):
        j -= 1
    if j == end or j - 1 < limit or _low(doc[j - 1]) not in {"of", "for"}:
        return None
    if _title_start(doc, j - 1, limit) == j - 1:
        return None
    return j - 1, doc[j:end].text


def _premodifier_roles(doc: Doc, c: _Cand, ents: list[_Ent], norp: set[int]) -> list[_Role]:
    """Roles from words right before a person's name: "former U.S. President", "Skyway CEO
    and co-founder" (two roles), "Minister of Foreign Affairs". ``norp`` holds the token
    indices of nationality mentions (which spaCy may have typed otherwise)."""
    sent_start = doc[c.start].sent.start
    end = c.start
    while end - 1 >= sent_start and _low(doc[end - 1]) in lexicon.HONORIFICS:
        end -= 1
    titles: list[tuple[int, int, str]] = []  # (start, end, title), rightmost first
    while True:
        tstart = _title_start(doc, end, sent_start)
        suffix = ""
        if tstart == end:
            found = _of_portfolio(doc, end, sent_start)
            if found is None:
                break
            of, portfolio = found
            tstart = _title_start(doc, of, sent_start)
            suffix = " of " + portfolio
            tend = of
        else:
            tend = end
        tstart, title = _build_title(doc, tstart, tend)
        titles.append((tstart, end, title + suffix))
        # A list of titles: "CEO and co-founder", "chairman, CEO and founder".
        if tstart - 1 >= sent_start and (_low(doc[tstart - 1]) in {"and", "&"}
                                         or doc[tstart - 1].text == ","):
            nxt = _title_start(doc, tstart - 1, sent_start)
            if nxt < tstart - 1:
                end = tstart - 1
                continue
        break
    if not titles:
        return []
    tstart = titles[-1][0]
    span_end = titles[0][1]
    k = tstart
    modifier: str | None = None
    org_toks: list[Token] = []
    while k - 1 >= sent_start:
        tok = doc[k - 1]
        low = _low(tok)
        if low in lexicon.MODIFIERS or low == "-" and k - 2 >= sent_start and \
                _low(doc[k - 2]) in lexicon.MODIFIERS:
            if low != "-":
                modifier = modifier or lexicon.MODIFIERS[low]
            k -= 1
            continue
        if tok.text in _POSSESSIVE and org_toks == [] and k - 2 >= sent_start \
                and doc[k - 2].ent_type_ in {"ORG", "GPE", "NORP", "LOC"}:
            k -= 1
            continue
        if (tok.ent_type_ in {"ORG", "GPE", "NORP", "LOC"} or low in lexicon.NATIONALITIES
                or lexicon.country_code(tok.text)) and not _is_titleish(tok) \
                or (low in lexicon.NATIONALITIES) or tok.i in norp:
            org_toks.insert(0, tok)
            k -= 1
            continue
        break
    if org_toks and modifier is None:
        j = org_toks[0].i
        if j - 1 >= sent_start and _low(doc[j - 1]) in lexicon.MODIFIERS:
            modifier = lexicon.MODIFIERS[_low(doc[j - 1])]
            k = min(k, j - 1)
    org, _code = _org_text(doc, org_toks)
    roles = []
    for ts, _te, title in reversed(titles):
        mod = modifier
        if mod is None and _low(doc[ts]) in {"deputy", "acting", "interim"}:
            mod = _low(doc[ts])
        roles.append(_Role(c.ent, title, k, span_end, org, mod))
    return roles


def _preposed_apposition_roles(doc: Doc, c: _Cand) -> list[_Role]:
    """Roles from a title phrase set before the name: "The head of the agency, Jane Roe,",
    "the country's top diplomat, Jane Roe, said". Only a definite phrase that opens its
    sentence or is closed by a comma after the name, so "After meeting the minister, Jane
    Roe said" gives nothing."""
    if c.start < 2 or doc[c.start - 1].text != ",":
        return []
    closed = c.end < len(doc) and doc[c.end].text == ","
    sent_start = doc[c.start].sent.start
    e = c.start - 1
    s = e
    while s - 1 >= sent_start and e - s < 12:
        tok = doc[s - 1]
        if tok.text in _STOP_PUNCT and tok.text != "'" or tok.is_space or \
                tok.pos_ in {"VERB", "AUX"} and _low(tok) not in lexicon.TITLES:
            break
        s -= 1
    if s == e:
        return []
    first = _low(doc[s])
    definite = first in {"the", "its", "their", "his", "her", "our"} or (
        s + 1 < e and doc[s + 1].text in _POSSESSIVE)
    if not definite or not (closed or s == sent_start):
        return []
    if any(t.ent_type_ == "PERSON" for t in doc[s:e]):
        return []
    segments: list[tuple[int, int]] = []
    seg = s
    for k in range(s, e):
        if _low(doc[k]) in {"and", "&"}:
            segments.append((seg, k))
            seg = k + 1
    segments.append((seg, e))
    roles = [r for r in (_phrase_role(doc, a, b, c.ent) for a, b in segments) if r is not None]
    if len(roles) != len(segments):
        return []
    # "The president and chief executive of Harbour Bank": the org is shared.
    org = next((r.org for r in reversed(roles) if r.org), None)
    return [_Role(r.ent, r.title, r.start, r.end, r.org or org, r.modifier) for r in roles]


def _apposition_roles(doc: Doc, c: _Cand) -> list[_Role]:
    """Roles from ", the Kremlin spokesperson," / ", Director General of the IAEA" after a name."""
    i = c.end
    n = len(doc)
    if i < n and doc[i].text in _POSSESSIVE:
        return []
    if i >= n or doc[i].text != ",":
        return []
    i += 1
    # Skip an age: "Jane Roe, 41, a blogger".
    if i + 1 < n and doc[i].like_num and doc[i + 1].text == ",":
        i += 2
    end = i
    while end < n and end - i < 16:
        tok = doc[end]
        if tok.text in _STOP_PUNCT or tok.is_space or _low(tok) in {"who", "which", "whose",
                                                                      "said", "says"}:
            break
        if tok.pos_ in {"VERB", "AUX"} and tok.ent_type_ == "" and _low(tok) not in \
                lexicon.TITLES:
            break
        end += 1
    if end == i:
        return []
    # Split on "and" into separate titles: "a blogger and military service member".
    segments: list[tuple[int, int]] = []
    seg = i
    for k in range(i, end):
        if doc[k].pos_ == "CCONJ" or _low(doc[k]) in {"and", "&"}:
            segments.append((seg, k))
            seg = k + 1
    segments.append((seg, end))
    roles: list[_Role] = []
    for s, e in segments:
        role = _phrase_role(doc, s, e, c.ent)
        if role is not None:
            roles.append(role)
        elif roles:
            break
    return roles


def _phrase_role(doc: Doc, s: int, e: int, ent: int) -> _Role | None:
    """Role named by the noun phrase ``[s, e)``: [det] [modifier] [org] title [of ORG]."""
    while s < e and _low(doc[s]) in lexicon.DETERMINERS:
        s += 1
    if s >= e:
        return None
    # The title is the last title phrase before any preposition that introduces its org.
    prep = next((k for k in range(s, e) if _low(doc[k]) in lexicon.APPOSITION_PREPOSITIONS), e)
    tend = prep
    while tend > s and _title_start(doc, tend, s) == tend:
        tend -= 1
    if tend == s:
        return None
    if tend < prep and not all(_low(t) in lexicon.PORTFOLIOS or t.is_punct
                               for t in doc[tend:prep]):
        return None
    tstart = _title_start(doc, tend, s)
    tstart, title = _build_title(doc, tstart, tend)
    if tstart < s:
        tstart = s
    modifier: str | None = None
    org_toks: list[Token] = []
    for tok in doc[s:tstart]:
        low = _low(tok)
        if low in lexicon.MODIFIERS:
            modifier = modifier or lexicon.MODIFIERS[low]
        elif tok.ent_type_ in {"ORG", "GPE", "NORP", "LOC"} or low in lexicon.NATIONALITIES \
                or _is_cap(tok) and tok.pos_ == "PROPN":
            org_toks.append(tok)
        elif tok.text in _POSSESSIVE or tok.text == "-":
            continue
        elif org_toks:
            org_toks = []
    role_end = tend
    if modifier is None and _low(doc[tstart]) in {"deputy", "acting", "interim"}:
        modifier = _low(doc[tstart])
    org, _code = _org_text(doc, org_toks)
    if prep < e and _low(doc[prep]) in {"of", "for"}:
        # "Minister of Foreign Affairs of Valdoria": a portfolio, then the organisation.
        p = prep + 1
        while p < e and _low(doc[p]) in lexicon.PORTFOLIO_WORDS and (
                _is_cap(doc[p]) or _low(doc[p]) in {"and", "&", "-"}):
            p += 1
        if p > prep + 1 and _is_cap(doc[p - 1]) and (p == e or _low(doc[p]) in lexicon.ORG_PREPOSITIONS):
            title = f"{title} of {doc[prep + 1:p].text}"
            role_end = p
            prep = p
    if prep < e and _low(doc[prep]) in lexicon.ORG_PREPOSITIONS:
        k = prep + 1
        while k < e and _low(doc[k]) in lexicon.DETERMINERS:
            k += 1
        of_toks: list[Token] = []
        while k < e and (doc[k].ent_type_ in {"ORG", "GPE", "NORP", "LOC"}
                         or _is_cap(doc[k]) and doc[k].pos_ == "PROPN"
                         or of_toks and _low(doc[k]) in {"of", "and", "&", "for"}
                         and k + 1 < e and _is_cap(doc[k + 1])):
            of_toks.append(doc[k])
            k += 1
        if of_toks:
            org, _code = _org_text(doc, of_toks)
            role_end = of_toks[-1].i + 1
    return _Role(ent, title, s, role_end, org, modifier)


def _norp_tokens(ents: list[_Ent]) -> set[int]:
    return {k for e in ents if e.label == "NORP" for m in e.mentions
            for k in range(m.start, m.end)}


def _places(doc: Doc, ents: list[_Ent]) -> list[tuple[str, str | None]]:
    """Names (with ISO codes where known) of the places the article names, for
    :func:`_demonym_country`."""
    places: list[tuple[str, str | None]] = []
    for e in ents:
        if e.label != "GPE":
            continue
        for m in e.mentions:
            if m.kind == "name":
                places.append((_fold(doc[m.start:m.end].text), e.country))
        if e.country:
            places.append((lexicon.country_name(e.country), e.country))
    return places


def _org_country(org: str | None, places: Sequence[tuple[str, str | None]]
                 ) -> tuple[str | None, str | None]:
    """A role organisation with a nationality the lexicon lacks replaced by the article's
    country of that name ("Valdorian" → "Valdoria"), and its ISO code where known."""
    if org is None:
        return None, None
    code = lexicon.country_code(org)
    if code:
        return org, code
    hit = _demonym_country(org, places)
    return (hit[0], hit[1]) if hit is not None else (org, None)


def _roles(doc: Doc, ents: list[_Ent]) -> list[_Role]:
    roles: list[_Role] = []
    seen: set[tuple[int, str, str | None, str | None]] = set()
    norp = _norp_tokens(ents)
    places = _places(doc, ents)
    for e in ents:
        if e.label == "NORP" and e.country is None and len(e.mentions) > 0:
            first = e.mentions[0]
            hit = _demonym_country(doc[first.start:first.end].text, places)
            if hit is not None:
                e.country = hit[1]
    for e in ents:
        if e.label != "PERSON":
            continue
        for c in list(e.mentions):
            found = [*_premodifier_roles(doc, c, ents, norp), *_preposed_apposition_roles(doc, c),
                     *_apposition_roles(doc, c)]
            for r in found:
                if r is None:
                    continue
                r.org, _code = _org_country(r.org, places)
                key = (r.ent, r.title.lower(), r.org, r.modifier)
                if key in seen:
                    continue
                seen.add(key)
                roles.append(r)
            prev = doc[c.start - 1] if c.start > 0 else None
            if prev is not None and _low(prev) in lexicon.HONORIFIC_GENDER and e.gender is None:
                e.gender = lexicon.HONORIFIC_GENDER[_low(prev)]
    for r in roles:
        code = lexicon.country_code(r.org or "")
        if code and ents[r.ent].country is None:
            ents[r.ent].country = code
    roles.sort(key=lambda r: r.start)
    return roles


# ---- step 6: title-only references --------------------------------------------------------------


def _title_head(title: str) -> str:
    low = title.lower().split(" of ")[0].split()[-1]
    return "spokesperson" if low in lexicon.SPOKES_TITLES else low


def _same_org(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return False
    la, lb = a.lower(), b.lower()
    if la == lb:
        return True
    ca, cb = lexicon.country_code(a), lexicon.country_code(b)
    if ca and ca == cb:
        return True
    return _initials(la.split()) == b.replace(".", "").upper() or \
        _initials(lb.split()) == a.replace(".", "").upper()


def _title_mentions(doc: Doc, ents: list[_Ent], roles: list[_Role]) -> None:
    if not roles:
        return
    covered = [False] * len(doc)
    for e in ents:
        if e.label != "PERSON":
            continue
        for m in e.mentions:
            for k in range(m.start, m.end):
                covered[k] = True
    for r in roles:
        for k in range(r.start, r.end):
            covered[k] = True
    norp = _norp_tokens(ents)
    places = _places(doc, ents)
    n = len(doc)
    i = 0
    while i < n:
        tok = doc[i]
        det = _low(tok) == "the"
        at_sent_start = tok.is_sent_start or i == 0
        if not (det or at_sent_start) or covered[i]:
            i += 1
            continue
        s = i + 1 if det else i
        k = s
        modifier: str | None = None
        org_toks: list[Token] = []
        while k < n and not covered[k]:
            low = _low(doc[k])
            if _title_end(doc, k, n) > k and not (low in lexicon.MODIFIERS and k + 1 < n
                                                  and _title_end(doc, k + 1, n) > k + 1):
                break
            if low in lexicon.MODIFIERS:
                modifier = modifier or lexicon.MODIFIERS[low]
            elif doc[k].ent_type_ in {"ORG", "GPE", "NORP"} or low in lexicon.NATIONALITIES \
                    or k in norp:
                org_toks.append(doc[k])
            elif doc[k].text in _POSSESSIVE or low == "-":
                pass
            else:
                break
            k += 1
        tend = _title_end(doc, k, n) if k < n else k
        if tend == k or covered[min(tend, n - 1)] and tend < n:
            i += 1
            continue
        if tend < n and _name_like(doc[tend]) and doc[tend].pos_ == "PROPN":
            i = tend  # a title before a name is a premodifier, handled by roles
            continue
        if tend < n and doc[tend].text in _POSSESSIVE:
            i = tend
            continue
        if tend < n and (_low(doc[tend]) in {"and", "&"} or doc[tend].text == ",") and any(
                doc[j].ent_type_ == "PERSON" for j in range(tend + 1, min(n, tend + 6))):
            i = tend  # "CEO and co-founder Jane Roe": a list of titles before a name
            continue
        _, title = _build_title(doc, k, tend)
        if not det and not (modifier or org_toks):
            i = tend  # a bare capitalised title at sentence start is too weak alone
            continue
        org, _code = _org_text(doc, org_toks)
        if org is None and tend + 1 < n and _low(doc[tend]) in lexicon.ORG_PREPOSITIONS:
            j = tend + 1
            while j < n and _low(doc[j]) in lexicon.DETERMINERS:
                j += 1
            of_toks = []
            while j < n and doc[j].ent_type_ in {"ORG", "GPE", "NORP", "LOC"}:
                of_toks.append(doc[j])
                j += 1
            if of_toks:
                org, _code = _org_text(doc, of_toks)
        org, _code = _org_country(org, places)
        holder = _holder(roles, title, org, modifier)
        if holder is not None:
            c = _Cand(s, tend, "PERSON", kind="title", ent=holder)
            ents[holder].mentions.append(c)
            for tok_i in range(s, tend):
                covered[tok_i] = True
        i = tend


def _holder(roles: list[_Role], title: str, org: str | None, modifier: str | None) -> int | None:
    """The one entity holding a role matching a title-only reference, or None if 0 or many."""
    head = _title_head(title)
    past = {"former", "late", "outgoing"}
    matches: set[int] = set()
    for r in roles:
        if (modifier in past) != (r.modifier in past):
            continue
        if (modifier in {"deputy", "assistant"}) != (r.modifier in {"deputy", "assistant"}):
            continue
        if org is not None and not _same_org(org, r.org):
            continue
        rhead = _title_head(r.title)
        if head == rhead and (title.lower() == r.title.lower() or len(title.split()) == 1
                              or org is not None):
            matches.add(r.ent)
        elif head in lexicon.GENERIC_HEADS and org is not None and (
                r.title in lexicon.TOP_TITLES or rhead in lexicon.GENERIC_HEADS):
            matches.add(r.ent)
    return matches.pop() if len(matches) == 1 else None


# ---- step 7: pronouns -------------------------------------------------------------------------


def _pronoun_mentions(doc: Doc, ents: list[_Ent]) -> None:
    for e in ents:
        if e.label == "PERSON" and e.gender is None:
            # a common given name settles "he" or "she" before any pronoun is seen
            full = next((m for m in e.mentions if m.kind == "name" and m.end - m.start >= 2),
                        None)
            if full is not None:
                e.gender = lexicon.name_gender(doc[full.start:full.end].text)
    people = [(m.start, m.end, idx, m) for idx, e in enumerate(ents) if e.label == "PERSON"
              for m in e.mentions]
    if not people:
        return
    people.sort()
    # people is sorted by start: each pronoun scans only its two-sentence window, not
    # every mention in the article
    starts = [p[0] for p in people]
    sents = list(doc.sents)
    sent_index = {}
    for si, s in enumerate(sents):
        sent_index[s.start] = si
    for tok in doc:
        low = _low(tok)
        if low not in lexicon.PERSON_PRONOUNS or tok.pos_ not in {"PRON", "DET"}:
            continue
        gender = lexicon.PRONOUN_GENDER[low]
        si = sent_index[tok.sent.start]
        window_start = sents[max(0, si - 1)].start
        seen: list[tuple[int, int, _Cand]] = []
        for k in range(bisect_left(starts, window_start), len(people)):
            start, _end, idx, m = people[k]
            if start >= tok.i:
                break
            if _end <= tok.i and m.kind != "pronoun":
                if ents[idx].gender not in {None, gender}:
                    continue
                seen.append((start, idx, m))
        distinct = {idx for _s, idx, _m in seen}
        chosen: int | None = None
        if len(distinct) == 1:
            chosen = distinct.pop()
        elif distinct and tok.dep_ in {"nsubj", "nsubjpass"}:
            # A subject pronoun continues the subject of its own sentence, else of the last one.
            here = _subjects(doc, seen, tok.sent.start, tok.i)
            before = _subjects(doc, seen, window_start, tok.sent.start)
            if here:
                chosen = here[-1]
            elif len(set(before)) == 1:
                chosen = before[0]
        if chosen is not None:
            ents[chosen].mentions.append(_Cand(tok.i, tok.i + 1, "PERSON", "pronoun", chosen))
            if ents[chosen].gender is None:
                ents[chosen].gender = gender


def _subjects(doc: Doc, seen: list[tuple[int, int, _Cand]], lo: int, hi: int) -> list[int]:
    """Entities of the mentions in ``seen`` that start in ``[lo, hi)`` and are subjects."""
    return [idx for s, idx, m in seen if lo <= s < hi and any(
        t.dep_ in {"nsubj", "nsubjpass"} for t in doc[m.start:m.end])]


# ---- assembling the records ---------------------------------------------------------------------


def _finish(doc: Doc, ents: list[_Ent], roles: list[_Role]) -> tuple[list[Entity], list[Role]]:
    text = doc.text  # built from the tokens on every access: read it once
    order = sorted(range(len(ents)), key=lambda i: ents[i].first)
    ids = {old: f"E{new + 1}" for new, old in enumerate(order)}
    out: list[Entity] = []
    names: dict[int, str] = {}
    for old in order:
        e = ents[old]
        mentions = sorted({(m.start, m.end, m.kind) for m in e.mentions})
        spans = []
        for start, end, kind in mentions:
            span = doc[start:end]
            tail = _TOKEN_TAIL.search(span.text) if e.label == "PERSON" else None
            stop = span.end_char - (len(tail.group()) if tail and tail.start() > 0 else 0)
            spans.append(Mention(span.start_char, stop, text[span.start_char:stop], kind))
        named = [m for m in spans if m.kind == "name"] or spans
        name = max(named, key=lambda m: (len(m.text), -m.start_char)).text
        if e.label == "GPE" and e.country:
            name = lexicon.country_name(e.country) if len(name) <= 4 else name
        names[old] = name
        acronym = e.acronym or next((m.text.replace(".", "") for m in spans
                                     if m.kind == "acronym"), None)
        out.append(Entity(ids[old], name, e.label, tuple(spans), e.country, e.gender, acronym))
    # A role's organisation written as an acronym or short form ("NMA") is given by the
    # canonical name of the organisation entity it is a mention of, and its id.
    org_names = {_fold(m.text): (e.name, e.id) for e in out if e.type in ("ORG", "GPE")
                 for m in e.mentions if m.kind in ("name", "acronym")}
    role_records = []
    for r in roles:
        span = doc[r.start:r.end]
        org, org_id = org_names.get(_fold(r.org), (r.org, None)) if r.org else (None, None)
        role_records.append(Role(entity_id=ids[r.ent], person=names[r.ent], title=r.title,
                                 start_char=span.start_char, end_char=span.end_char, org=org,
                                 org_id=org_id, modifier=r.modifier))
    return out, role_records


def _run(inputs: Inputs) -> dict[str, list[Any]]:
    assert inputs.doc is not None
    entities, roles = extract_entities(inputs.doc)
    as_of = inputs.as_of
    if as_of is not None:
        roles = [r if r.as_of is not None else replace(r, as_of=as_of) for r in roles]
    return {"entities": entities, "roles": roles}


MENTIONS = RecordKind("mentions", Mention, parent_column="entity_id")
ENTITIES = RecordKind("entities", Entity, title="Entities", key="id",
                      columns={"id": "entity_id"}, children={"mentions": MENTIONS},
                      render=entity_lines)
ROLES = RecordKind("roles", Role, title="Roles", render=role_lines)
COMPONENT = Component(
    "entities", VERSION, _run, assigns=(ENTITIES, ROLES),
    data=("places", "titles", "names", "pronouns", "organisations", "not_entities",
          "function_words", "verbs"))
