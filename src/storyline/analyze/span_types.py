"""What a candidate name is: the type the words around it call for (a place with a person's name, an organisation named in full, a product or vessel that is no actor), and the evidence that a name is a person's or an organisation's."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import lexicon
from .tokens import (
    POSSESSIVE,
    TOKEN_TAIL,
    Cand,
    fold,
    is_cap,
    lowered,
    name_like,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc


_CAMEL_PRODUCT = re.compile(r"^[a-z][A-Z][a-z]+(\s|$)")


def entity_type_of(doc: Doc, start: int, end: int, label: str) -> str | None:
    """The type the words of a span call for, or None when it names no actor.

    A "person" ending in an organisation suffix is an organisation ("Robert Roe GmbH"), one
    ending in a place word is a place ("Roe Square"), one with digits or ending in "Award" is
    a thing; online platforms are organisations; a state or province abbreviation after a
    comma ("Oakville, Ont.") is a place; a name opening with a landform word ("Mount",
    "Mt", "Lake", rule data ``landform_prefixes``) is a place; a non-person span that starts with a common given
    name and is otherwise plain name words is a person ("Ilse Varga" typed ORG).
    """
    toks = doc[start:end]
    last = lowered(toks[-1])
    low = toks.text.lower()
    if low.rstrip(".") in lexicon.REGION_ABBREVIATIONS or low in lexicon.REGION_ABBREVIATIONS:
        if start > 0 and doc[start - 1].text == ",":
            return "GPE"
    if len(toks) >= 2 and lowered(toks[0]) in lexicon.LANDFORM_PREFIXES \
            and low not in lexicon.CITIES and name_like(toks[1]) \
            and not any(lowered(t) in lexicon.ORG_WORDS or lowered(t) in lexicon.ORG_SUFFIXES
                        for t in toks[1:]):
        return "LOC"  # "Mt Cook" typed ORG, "Lake Tarrow" typed PERSON: a mountain, a lake
    if label == "PERSON":
        if low in lexicon.NOT_PEOPLE or any(ch.isdigit() for t in toks
                                            for ch in TOKEN_TAIL.sub("", t.text)):
            return None
        if low in lexicon.PLATFORMS:
            return "ORG"
        if len(toks) >= 2:
            if last in lexicon.THING_SUFFIXES:
                return None
            if last in lexicon.LEGAL_SUFFIXES or (last in lexicon.ORG_SUFFIXES
                                           or last in lexicon.ORG_WORDS) and (
                    len(toks) >= 3 or lowered(toks[0]) not in lexicon.FIRST_NAMES
                    or last.endswith("s") and not last.endswith("ss") and len(last) > 4
                    or last in {"aircraft", "corporation"}):
                # but "Jim Press", "Ana Bank": a given name wins a short span, unless the
                # organisation word is no surname ("Douglas Aircraft", "Morgan Motors")
                return "ORG"
            if last in lexicon.PLACE_WORDS:
                return "LOC"
        return label
    if label == "ORG" and (low in lexicon.CITIES or low in lexicon.COUNTRIES
                           and low not in lexicon.AMBIGUOUS_COUNTRIES):
        return "GPE"  # "from Quetta", "Kelm and Ossavik": the gazetteer's places
    if label in {"ORG", "GPE", "NORP"} and last == "government" and len(toks) >= 2 \
            and lexicon.country_code(doc[start:end - 1].text):
        return "GPE"  # "the Kestrian Government": a country's government is the country acting
    if label in {"ORG", "GPE", "LOC", "NORP"} and 2 <= len(toks) <= 3 \
            and lowered(toks[0]) in lexicon.FIRST_NAMES and not lexicon.country_code(toks.text) \
            and all(name_like(t) and t.pos_ == "PROPN" for t in toks) \
            and not any(lowered(t) in lexicon.ORG_WORDS or lowered(t) in lexicon.ORG_SUFFIXES
                        or lowered(t) in lexicon.PLACE_WORDS for t in toks) \
            and not org_context(doc, start, end):
        return "PERSON"
    return label


def org_context(doc: Doc, start: int, end: int) -> bool:
    """True when the words around a name say it is an organisation: an organisation noun in
    front ("airline Ryanair", "its division, Opel"), an organisation suffix after it ("Roe
    Holdings"), or a possession only companies have ("Roe's shares")."""
    k = start - 1
    if k >= 0 and doc[k].text == ",":
        k -= 1
    if k >= 0 and lowered(doc[k]) in lexicon.ORG_NOUNS and not is_cap(doc[k]):
        return True
    if end < len(doc) and lowered(doc[end]) in lexicon.ORG_SUFFIXES and is_cap(doc[end]):
        return True
    if end + 1 < len(doc) and doc[end].text in POSSESSIVE \
            and lowered(doc[end + 1]) in lexicon.ORG_POSSESSIONS \
            and not (lowered(doc[end + 1]) == "chief" and doc[end + 2:end + 4].text.lower() == "of staff"):
        return True  # "Roe's shares", but a person has a "chief of staff"
    if end < len(doc) and doc[end].text in {"CEO", "CFO", "COO"}:
        return True  # "Skyway CEO Ana Roe"
    return False


def org_evidence(doc: Doc, cands: list[Cand]) -> None:
    """A name spaCy typed PERSON that the article treats as an organisation somewhere, and
    never as a person (no given name, honorific or title before it), becomes an ORG; so do
    a plural name after "the" ("the Beatles") and the possessive short form of a business
    named in full elsewhere ("Stella's" after "Stella's Cafe")."""
    groups: dict[str, list[Cand]] = {}
    org_names: set[str] = set()
    others: dict[str, list[Cand]] = {}  # the same name typed otherwise: its context counts too
    for c in cands:
        if c.label == "PERSON":
            groups.setdefault(fold(doc[c.start_token:c.end_token].text), []).append(c)
        else:
            others.setdefault(fold(doc[c.start_token:c.end_token].text), []).append(c)
            if c.label == "ORG":
                org_names.add(fold(doc[c.start_token:c.end_token].text))
    for name, group in groups.items():
        if any(lowered(doc[c.start_token]) in lexicon.FIRST_NAMES or _person_cue_before(doc, c.start_token)
               for c in group):
            continue
        org = any(org_context(doc, c.start_token, c.end_token)
                  for c in group + [o for o in others.get(name, ()) if o.label == "ORG"])
        if not org:
            org = all(c.end_token - c.start_token == 1 and c.start_token > 0 and lowered(doc[c.start_token - 1]) == "the"
                      and doc[c.start_token].text.endswith("s") for c in group)
        if not org:
            # "Stella's" after "Stella's Cafe": a business named after its founder's name
            owner = fold(doc[group[0].start_token:group[0].end_token].text)
            org = any(name.startswith(owner + "'s ") and " " in name for name in org_names)
        if org:
            for c in group:
                c.label = "ORG"


def _person_cue_before(doc: Doc, start: int) -> bool:
    if start == 0:
        return False
    prev = doc[start - 1]
    low = lowered(prev)
    return low in lexicon.HONORIFICS or low in lexicon.TITLES or \
        low in lexicon.NAME_PREFIX_TITLES


def _stock_index(doc: Doc, start: int, end: int) -> bool:
    """True for "the Dow Jones", "Nasdaq Composite", "S&P/TSX index": numbers, not actors."""
    words = doc[start:end].text.lower()
    after = doc[end:end + 2].text.lower()
    return words in lexicon.STOCK_INDICES or "industrial average" in words \
        or after.startswith("industrial average") \
        or any(lowered(t) in lexicon.INDEX_WORDS for t in doc[start:end + 1]) \
        or _index_moving(doc, start, end)


def _index_moving(doc: Doc, start: int, end: int) -> bool:
    """True for a name that moves by points: the subject (or a subject listed with it) of
    an index verb whose clause counts points ("The Kelm 40 and the Orsk Composite dipped by
    96 points")."""
    tok = doc[start:end].root
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    verb = tok.head
    if verb.lemma_.lower() not in lexicon.INDEX_MOVES:
        return False
    return any(t.lower_ in {"points", "point"} and t.head.i != tok.i
               for t in verb.subtree if not (start <= t.i < end))


def _person_evidence(doc: Doc, group: list[Cand], person_words: set[str]) -> bool:
    """True when some mention of a name reads as a person's: a given name opening it, an
    honorific or title right before it, or the name is a word of a fully named person."""
    for c in group:
        if c.end_token - c.start_token >= 2 and lowered(doc[c.start_token]) in lexicon.GIVEN_NAMES:
            return True
        if _person_cue_before(doc, c.start_token) or c.start_token > 0 and \
                lowered(doc[c.start_token - 1]) in lexicon.PORTFOLIO_HEADS:
            return True
    first = group[0]
    # "Mahathir" beside "Mahathir Mohamad", "Kim" beside "Kim Jong Un"
    return first.end_token - first.start_token == 1 and lowered(doc[first.start_token]) in person_words


#: What context says a "person" is: a place (GPE, LOC), an organisation, or no actor at all.
_DROP = ""


def _context_type(doc: Doc, c: Cand, labels: dict[int, str]) -> str | None:
    """The type the words around a PERSON-typed span call for, or None when they say nothing.
    See :func:`retype_by_context`."""
    n = len(doc)
    start, end = c.start_token, c.end_token
    low = doc[start:end].text.lower()
    if low in lexicon.COUNTRIES or low in lexicon.CITIES:
        return "GPE"
    if start > 0 and _CAMEL_PRODUCT.match(doc[start - 1].text):
        return _DROP  # "iPod Nano", "iTunes Music Store": a product line
    k = start - 1
    while k >= 0 and lowered(doc[k]) in lexicon.DETERMINERS:
        k -= 1
    if k >= 0:
        before = lowered(doc[k])
        if before in lexicon.VESSEL_NOUNS and not is_cap(doc[k]):
            return _DROP  # "the trawler Gannet Star"
        if before in {"of", ","} and k >= 1 and not is_cap(doc[k - 1]) and (
                before == "of" or doc[start:end].root.head.i == k - 1):
            noun = lowered(doc[k - 1])
            if noun in lexicon.SETTLEMENT_NOUNS:
                return "GPE"  # "the port of X", "the regional capital, X"
            if noun in lexicon.SITE_NOUNS and before == "of":
                return "LOC"
    j = end + 1 if end < n and doc[end].text in {"(", "’s", "'s"} else end
    for m in range(j, min(n, j + 3)):
        word = lowered(doc[m])
        if not doc[m].text.islower():
            break
        if word in lexicon.SETTLEMENT_NOUNS or word in lexicon.PLACE_INSTITUTIONS:
            return "GPE"  # "X province", "X region", "the X assembly"
        if word in lexicon.SITE_NOUNS:
            return "LOC"  # "X air base", "the X refugee camp"
        if word in lexicon.MEMBER_NOUNS and m == end:
            return "ORG"  # "X militants"
        if doc[m].pos_ not in {"NOUN", "ADJ"} or word in lexicon.ORG_POSSESSIONS:
            break
    root = doc[start:end].root
    if root.dep_ == "nsubj" and root.head.lemma_ == "be":
        for attr in root.head.children:
            if attr.dep_ == "attr" and attr.lemma_.lower() in lexicon.SETTLEMENT_NOUNS:
                return "GPE"  # "X is a region of Dravia"
            if attr.dep_ == "attr" and attr.lemma_.lower() in lexicon.SITE_NOUNS:
                return "LOC"
    if end - start != 1:
        return None  # a longer name needs one of the cues above: people have two names too
    for tok in doc[start:end]:
        for other in (tok.head, *tok.children):
            if (other.dep_ == "conj" and other.head.i == tok.i or tok.dep_ == "conj"
                    and other.i == tok.head.i) and not start <= other.i < end \
                    and labels.get(other.i) in {"GPE", "LOC"}:
                return labels[other.i]  # "Burkina Faso, Niger and Mali"
    tok = doc[start]
    after_possessive = end < n and doc[end].text in POSSESSIVE
    quoted = start > 0 and doc[start - 1].text in {"``", '"', "“", "‘", "'"}
    prev_i = start - 2 if quoted else start - 1
    if start > 0 and lowered(doc[start - 1]) in lexicon.PLACE_PREPOSITIONS and not after_possessive:
        return "GPE"  # "in Okinawa"
    if tok.tag_ in {"NNS", "NNPS"}:
        return _DROP  # a plural ("Mosques across the country"): not one person
    if prev_i >= 0 and lowered(doc[prev_i]) in {"the", "a", "an"} and tok.dep_ not in {
            "compound", "poss", "nmod", "amod"} and not after_possessive:
        return _DROP  # "the Dreamliner": people are not named with an article
    if prev_i >= 0 and any(ch.isdigit() for ch in doc[prev_i].text):
        return _DROP  # "787 Dreamliner": a model name
    return None


def _org_named_in_full(doc: Doc, group: list[Cand], org_firsts: set[str],
                       org_names: set[str]) -> str | None:
    """ "ORG" for a one-word name with no person evidence that the article also types as an
    organisation, or that opens an organisation named in full ("Cerberus" beside "Cerberus
    Capital Management", "AirTran" beside "AirTran Airways")."""
    first = group[0]
    if first.end_token - first.start_token != 1:
        # "Lockheed Martin" beside "Lockheed": a company named after its founders; a two-word
        # name whose first word is a given name ("Martin Lockheed") stays a person
        head = fold(doc[first.start_token].text)
        if first.label == "PERSON" and head in org_names and \
                lowered(doc[first.start_token]) not in lexicon.GIVEN_NAMES:
            return "ORG"
        return None  # a two-word name typed an organisation once is still more likely a person
    key = fold(doc[first.start_token].text)
    return "ORG" if key in org_names or key in org_firsts else None


#: Prepositions after which a name is where something is or happens ("on", "at" are not in
#: ``place_prepositions`` alone: "on Monday", "at Smith's").
_LOCATIVE = frozenset({"on", "at", "in", "near", "across", "around", "inside", "outside",
                       "throughout", "within"})


def _located(doc: Doc, group: list[Cand]) -> bool:
    """True when a name typed a person is, at least twice and in most of its mentions, the
    object of a locative preposition ("on Diego Garcia", "in Santa Cruz") and never reads as a
    person: no honorific or title before it, never the subject of a verb, never possessive."""
    located = 0
    for c in group:
        start, end = c.start_token, c.end_token
        if _person_cue_before(doc, start) or (start > 0 and lowered(doc[start - 1]) in
                                               lexicon.PORTFOLIO_HEADS):
            return False
        if end < len(doc) and doc[end].text in POSSESSIVE:
            return False
        root = doc[start:end].root
        if root.dep_ in {"nsubj", "nsubjpass", "agent"}:
            return False  # a person acts ("Putin ordered"; "pressure on Putin" is no place)
        k = start - 1
        while k >= 0 and lowered(doc[k]) in lexicon.DETERMINERS:
            k -= 1
        if k >= 0 and lowered(doc[k]) in _LOCATIVE and root.dep_ == "pobj":
            located += 1
    return located >= 2 and 2 * located >= len(group)


def _premodifier_only(doc: Doc, group: list[Cand]) -> bool:
    """True when a one-word name typed a person only ever premodifies a common noun, at least
    twice ("the Schengen system", "Schengen rules"), never one a person leads ("the Roe
    administration", "Roe supporters": ``person_led_nouns``), and has no person cue."""
    if len(group) < 2:
        return False
    for c in group:
        if c.end_token - c.start_token != 1:
            return False
        tok = doc[c.start_token]
        head = tok.head
        if tok.dep_ not in {"compound", "amod", "nmod"} or head.i <= tok.i or \
                head.pos_ != "NOUN" or not head.text.islower() or \
                head.lemma_.lower() in lexicon.PERSON_LED_NOUNS or \
                _person_cue_before(doc, c.start_token):
            return False
    return True


def _acts_as_company(doc: Doc, group: list[Cand]) -> bool:
    """True when a name typed a place is no place of the gazetteer, never stands where a
    place does (after "in", "near", "across" …, or before a place noun), and does what
    companies do as the subject of a verb (``company_verbs``: "X sues", "X launched")."""
    text = doc[group[0].start_token:group[0].end_token].text
    if group[0].end_token - group[0].start_token > 2 or _known_place(text):
        return False
    acts = False
    for c in group:
        before = lowered(doc[c.start_token - 1]) if c.start_token > 0 else ""
        if before in lexicon.PLACE_PREPOSITIONS:
            return False
        after = lowered(doc[c.end_token]) if c.end_token < len(doc) else ""
        if after in lexicon.SETTLEMENT_NOUNS or after in lexicon.PLACE_NOUNS:
            return False
        root = doc[c.start_token:c.end_token].root
        if root.dep_ == "nsubj" and root.head.lemma_.lower() in lexicon.COMPANY_VERBS:
            acts = True
        if root.dep_ == "nsubj" and root.head.dep_ == "xcomp" and \
                root.head.lemma_.lower() in lexicon.COMPANY_VERBS:
            acts = True
    return acts


def _known_place(text: str) -> bool:
    low = text.lower().removeprefix("the ").strip()
    return bool(lexicon.country_code(text)) or low in lexicon.CITIES or \
        low in lexicon.SUBDIVISIONS


def retype_by_context(doc: Doc, cands: list[Cand]) -> list[Cand]:
    """A place, organisation, vessel or object the model typed as a person is retyped (or
    dropped) when the article says what it is and never treats it as a person (no given
    name, honorific or title before it, not a word of a person's full name):

    - a country, capital or major city of the gazetteer (``lexicon.COUNTRIES``,
      ``lexicon.CITIES``) is a GPE;
    - the words around it: "the port of X", "the regional capital, X", "X province" (GPE);
      "X air base", "the X refugee camp" (LOC); "X militants" (ORG); "the trawler X" (a
      vessel: dropped); a conjunct of a place or organisation ("Burkina Faso, Niger and
      Mali") takes its type;
    - for one word: after "in", "near", "across" … a place; a plural proper noun, a name
      after "the"/"a" that heads its phrase ("the Dreamliner") or after a model number is
      no actor and is dropped;
    - a name that opens an organisation named in full is that organisation: "AirTran" (typed
      a place, and no place of the gazetteer) beside "AirTran Airways", "Lockheed Martin"
      (typed a person, not opening with a given name) beside "Lockheed".
    """
    labels = {k: c.label for c in cands if c.label != "PERSON"
              for k in range(c.start_token, c.end_token)}
    person_words: set[str] = set()
    groups: dict[str, list[Cand]] = {}
    for c in cands:
        if c.label == "PERSON" and c.end_token - c.start_token >= 2:
            person_words.update(lowered(t) for t in doc[c.start_token:c.end_token])
        groups.setdefault(fold(doc[c.start_token:c.end_token].text), []).append(c)
    org_firsts: set[str] = set()
    org_names: set[str] = set()
    for c in cands:
        if c.label == "ORG":
            if not (c.end_token < len(doc) and doc[c.end_token].text.islower()
                    and doc[c.end_token].pos_ == "NOUN"):
                # ("the Roe administration" typed ORG says nothing about Roe)
                org_names.add(fold(doc[c.start_token:c.end_token].text))
            if c.end_token - c.start_token >= 2:
                org_firsts.add(fold(doc[c.start_token].text))
    dropped: set[int] = set()
    for group in groups.values():
        people = [c for c in group if c.label == "PERSON"]
        if not people and all(c.label in {"GPE", "LOC"} for c in group) and \
                group[0].end_token - group[0].start_token == 1 and \
                fold(doc[group[0].start_token].text) in org_firsts and \
                not _known_place(doc[group[0].start_token].text):
            # "AirTran" beside "AirTran Airways": the short name of an organisation, not a
            # place (a state, province or city of the gazetteer stays a place)
            for c in group:
                c.label = "ORG"
            continue
        if not people and all(c.label == "GPE" for c in group) and _acts_as_company(doc, group):
            for c in group:
                c.label = "ORG"  # "Kelvix sues Lumocorp", never "in Kelvix": a company
            continue
        if people and _premodifier_only(doc, people):
            for c in group:
                dropped.add(id(c))  # "the Schengen system", "Schengen area": no actor here
            continue
        if people and _located(doc, people):
            # "the base on Diego Garcia", "flights to Diego Garcia": a place with a person's
            # name (a given name opening it is no evidence against the places around it)
            for c in people:
                c.label = "GPE"
            continue
        if not people or _person_evidence(doc, people, person_words):
            continue
        # the same name typed otherwise elsewhere ("Varhun militants" as a place) tells too
        unsure = people + [c for c in group if c.label in {"GPE", "LOC"} and not
                           lexicon.country_code(doc[c.start_token:c.end_token].text)]
        verdict = next((v for v in (_context_type(doc, c, labels) for c in unsure)
                        if v is not None), None)
        if verdict is None:
            verdict = _org_named_in_full(doc, group, org_firsts, org_names)
        if verdict is None:
            continue
        for c in group if verdict == _DROP else unsure:
            if verdict == _DROP:
                dropped.add(id(c))  # a vessel or a thing under every label it was given
            else:
                c.label = verdict
    return [c for c in cands if id(c) not in dropped] if dropped else cands
