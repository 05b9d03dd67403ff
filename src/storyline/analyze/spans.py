"""Entity step 1: candidate name spans (rules 1-3 of :mod:`.entities`): spaCy's entity spans
cut and cleaned, retyped from the words of the span and its context, and names spaCy missed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import lexicon
from .tokens import (
    POSSESSIVE,
    Cand,
    demonym_country,
    fold,
    is_cap,
    is_initial,
    is_party_acronym,
    is_titleish,
    lowered,
    name_like,
    of_portfolio,
    person_shaped,
    span_key,
    title_end,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
from .products import MODEL as _MODEL
from .products import drop_products
from .span_types import (
    _CAMEL_PRODUCT,
    _person_cue_before,
    _stock_index,
    entity_type_of,
    org_evidence,
    retype_by_context,
)

_KEEP = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "NORP": "NORP",
         "FAC": "LOC"}




def _clean(doc: Doc, start: int, end: int, label: str) -> tuple[int, int]:
    while start < end and (lowered(doc[start]) in lexicon.DETERMINERS or doc[start].is_punct
                           or doc[start].is_space):
        start += 1
    # A lower-case function word at the end is the model's mistake ("Thompson in Berne").
    while end > start and (doc[end - 1].text in POSSESSIVE or doc[end - 1].is_punct
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
    last = lowered(doc[end - 1]) if end > start else ""
    if end - start >= 2 and last in lexicon.NAME_PREFIX_TITLES and last not in lexicon.SURNAME_TITLES:
        return start, start  # "Valdoria Liberal MP": a title, the name comes after it
    for k in range(start + 1, end - 1):
        if doc[k].text in POSSESSIVE and doc[k - 1].text not in {"O", "D"}:  # not "O' Leary"
            if person_shaped(doc, k + 1, end):
                start = k + 1
            else:
                end = k
            break
    # Titles and honorifics sometimes sit inside spaCy's PERSON span; the name is what
    # follows the last of them.
    cut = start
    for k in range(start, end - 1):
        if doc[k].text == "-" and (k == start or not is_titleish(doc[k - 1])):
            continue  # a hyphenated name ("Ana Ruiz-Roe"), not "Vice-President"
        if is_titleish(doc[k]) or title_end(doc, k, end) > k:
            cut = max(cut, title_end(doc, k, end), k + 1)
        elif k == cut and end - k >= 3 and (lowered(doc[k]) in lexicon.NAME_PREFIX_TITLES
                                            or is_party_acronym(doc[k])
                                            or lowered(doc[k]) in lexicon.LEGAL_SUFFIXES):
            cut = k + 1  # "MP Jane Roe", "NDP Jane Roe": only a prefix, and a name must remain
        elif k == cut and end - k >= 2 and lowered(doc[k]).endswith(".") and \
                lowered(doc[k]) in lexicon.NAME_PREFIX_TITLES:
            cut = k + 1  # "Insp. Roe"
    start = cut
    while start < end and (doc[start].is_punct or lowered(doc[start]) in lexicon.DETERMINERS):
        start += 1
    start = _cut_portfolio(doc, start, end)
    # "Coordinator for Myanmar Andrew Kirkwood": a country or city glued before the name
    if end - start >= 3 and _place_not_name(doc[start]) \
            and lowered(doc[start + 1]) in lexicon.FIRST_NAMES:
        start += 1
    # A stray capitalised word before a known first name in a long span ("Relations Carolyn
    # Roe", "Famer Ana Ruiz"): the name starts at the first name.
    # Not a given name the lists lack, which the article uses as a name on its own elsewhere
    # ("Idil Mohamed Aden" … "All Idil can do"): cutting it would give her another name.
    if end - start >= 3 and lowered(doc[start]) not in lexicon.FIRST_NAMES \
            and not is_initial(doc[start]) and not _name_elsewhere(doc, start):
        for k in range(start + 1, end - 1):
            if lowered(doc[k]) in lexicon.FIRST_NAMES:
                start = k
                break
            if is_initial(doc[k]):
                break
    return start, end


def _cut_portfolio(doc: Doc, start: int, end: int) -> int:
    """Start of the name in a span that begins inside a portfolio ("Affairs Jane Roe" in
    "Minister of Foreign Affairs Jane Roe")."""
    for k in range(end - 2, start - 1, -1):
        if lowered(doc[k]) in lexicon.PORTFOLIO_WORDS and of_portfolio(
                doc, k + 1, doc[k].sent.start) is not None:
            return k + 1
    return start


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
            low = lowered(doc[k])
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
            if k < end and (not common(k) or lowered(doc[k]) in lexicon.NAME_GLUE and k > run
                            and k + 1 < end and not common(k + 1)):
                continue
            if k > run:
                out.append((run, k, label))
            run = k + 1
    return out


def _through_particles(doc: Doc, start: int, end: int) -> int:
    """The end of a person's name that runs on through surname particles the model cut it at:
    "Ursula Von" + "der Leyen", "Jan van" + "den Berg". Particles inside the span may have any
    case; those after it must be lower-case, and a capitalised word must follow them."""
    particles = lexicon.NAME_PARTICLES
    k = end
    while k - 1 > start and lowered(doc[k - 1]) in particles:
        k -= 1  # the span ends in particles: "Ursula von der"
    j = end
    while j < len(doc) and doc[j].text.islower() and doc[j].text in particles:
        j += 1
    if (k < end or j > end) and j < len(doc) and is_cap(doc[j]) and doc[j].is_alpha \
            and not doc[j].is_sent_start:
        return j + 1
    return end


def _particle_surnames(doc: Doc, cands: list[Cand]) -> None:
    """A surname with particles, alone ("Von der Leyen" after "Ursula von der Leyen"), is the
    person's, whatever type the model gave it."""
    particles = lexicon.NAME_PARTICLES
    tails: set[tuple[str, ...]] = set()
    for c in cands:
        if c.label != "PERSON":
            continue
        words = [lowered(t) for t in doc[c.start_token:c.end_token]]
        first = next((i for i, w in enumerate(words) if i and w in particles), None)
        if first is not None and first < len(words) - 1:
            tails.add(tuple(words[first:]))
    if not tails:
        return
    for c in cands:
        if c.label != "PERSON" and tuple(lowered(t) for t in
                                        doc[c.start_token:c.end_token]) in tails:
            c.label = "PERSON"


def _in_heading(doc: Doc, start: int, end: int, headings: tuple[tuple[int, int], ...]) -> bool:
    first, last = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    return any(a <= first and last <= b for a, b in headings)


def find_candidates(doc: Doc) -> list[Cand]:
    taken = [False] * len(doc)
    cands: list[Cand] = []
    products: list[tuple[int, int]] = []  # spans skipped as products: seeds of drop_products
    headings = doc.user_data.get("headings") or ()
    for ent_start, ent_end, ent_label in _headline_splits(doc):
        if headings and _in_heading(doc, ent_start, ent_end, headings):
            continue  # "Future Outlook and Conclusion": a section label, not an organisation
        label = _KEEP.get(ent_label)
        if label is None:
            continue
        if label != "PERSON" and (_title_then_name(doc, ent_start, ent_end)
                                  or _inner_title_name(doc, ent_start, ent_end)):
            label = "PERSON"  # "Spokeswoman Jane Roe" mistaken for an organisation
        if label == "PERSON" and ent_end + 1 < len(doc) and doc[ent_end - 1].text in {"'", "’"} \
                and doc[ent_end - 2].text in {"O", "D"} and is_cap(doc[ent_end]) \
                and doc[ent_end].ent_type_ in {"", "GPE", "LOC", "PERSON"}:
            ent_end += 1  # "Michael O' Leary": the tokenizer cut the name at its apostrophe
        start, end = _clean(doc, ent_start, ent_end, label)
        if start >= end:
            continue
        if label == "PERSON":
            end = _through_particles(doc, start, end)
        if label in {"GPE", "LOC"}:
            # "San Jose - Valtura": a dash between spaces ends a place name
            dash = next((k for k in range(start + 1, end) if doc[k].text in {"-", "–", "—"}
                         and doc[k - 1].whitespace_ and doc[k].whitespace_), end)
            end = dash
        if label == "ORG":
            end = _hyphen_tail(doc, end)
            owner = next((k for k in range(start + 1, end - 1) if doc[k].text in POSSESSIVE), None)
            if owner is not None and is_cap(doc[owner + 1]) and not any(
                    lowered(t) in lexicon.ORG_WORDS or lowered(t) in lexicon.ORG_SUFFIXES
                    or lowered(t) in lexicon.PLACE_WORDS or lowered(t) in lexicon.ORG_NOUNS
                    for t in doc[owner + 1:end]) and any(
                    e.label_ == "ORG" and e.start != start and e[0].text == doc[start].text
                    for e in doc.ents):
                products.append((owner + 1, end))
                end = owner  # "Valdor Computer's Lumo OS": the maker; what it owns is a thing
            if cands and cands[-1].label == "ORG" and cands[-1].end_token == start \
                    and doc[start:end].text.lower() in lexicon.CORPORATE_SUFFIXES:
                cands[-1].end_token = end  # "Valdor" + "LLC": one name the model cut in two
                taken[start:end] = [True] * (end - start)
                continue
        if label == "NORP" and end < len(doc) and is_cap(doc[end]) and doc[end].ent_type_ in {"", "ORG"} \
                and (lowered(doc[end]) in lexicon.MOVEMENT_WORDS or lowered(doc[end]) in lexicon.ORG_WORDS):
            end, label = end + 1, "ORG"  # "Islamic" + "State": the group, not a religion
        surface = doc[start:end].text
        low = surface.lower()
        if low in lexicon.NOT_ENTITIES:
            continue
        if end - start == 1 and low == surface and surface.upper() != surface \
                and low not in lexicon.ORG_WORDS:
            continue  # "healthcare": a name has a capital (scripts without case are kept)
        if label != "PERSON" and _inside_title(doc, start, end):
            continue  # "State" of "Secretary of State", "Defense" of "Defense Minister"
        if label == "GPE" and any(ch.isdigit() for ch in surface):
            label = "ORG"  # "G7", "G20": places have no numbers in their names
        airline = False
        if label in {"ORG", "PERSON"} and end - start >= 3 and _MODEL.match(doc[end - 1].text) \
                and lowered(doc[end - 2]) == "flight":
            end, airline = end - 2, True  # "Valtura Air Flight 574": the airline
        elif label in {"ORG", "PERSON"} and end - start >= 2 and lowered(doc[end - 1]) == \
                "flight" and end < len(doc) and _MODEL.match(doc[end].text):
            end, airline = end - 1, True  # "Valtura Air Flight" + "200"
        if airline:
            label = "ORG"  # an airline named by its flight, even one named after a person
        if label == "ORG" and _model_number_follows(doc, end):
            if doc[end].text not in POSSESSIVE:
                products.append((start, _model_end(doc, end)))
                continue  # "Airbus A330": a product, not the organisation
            if _stock_index(doc, start, end + 2) or doc[start:end].text.endswith("Poor"):
                continue  # "Standard & Poor's 500": an index
            # "Valdor's 787": the maker, named as the owner of its model
        if label in {"ORG", "LOC", "PERSON"} and end - start >= 2 and (
                lowered(doc[end - 1]) in lexicon.EVENT_SUFFIXES and is_cap(doc[end - 1])
                or _MODEL.match(doc[end - 1].text) and lowered(doc[end - 2]) != "of"):
            if _MODEL.match(doc[end - 1].text):
                products.append((start, end))
            continue  # "Paris Air Show", "Airbus A380": an event or a product, not an actor
        if label in {"ORG", "PERSON"} and (_CAMEL_PRODUCT.match(surface) or start > 0
                                          and _CAMEL_PRODUCT.match(doc[start - 1].text)):
            products.append((start, end))
            continue  # "iPhone", "iPod", "iPhone SDK": lower-case-first camel case names products
        if label == "ORG" and _stock_index(doc, start, end):
            products.append((start, end))  # an index: not found again as an organisation
            continue
        if label == "PERSON":
            if all(is_titleish(t) or not is_cap(t) for t in doc[start:end]):
                continue
            if low in lexicon.COUNTRIES and low not in lexicon.AMBIGUOUS_COUNTRIES:
                label = "GPE"
            else:
                start, end = _grow_person(doc, start, end, taken)
                start = _cut_portfolio(doc, start, end)
                if end + 1 < len(doc) and is_cap(doc[end]) and doc[end + 1].ent_type_ == \
                        "PERSON" and lowered(doc[end]) in lexicon.NAME_PREFIX_TITLES:
                    continue  # "Valdoria Liberal" in "Valdoria Liberal MP Jane Roe"
        if label != "PERSON" and end - start <= 2 and start > 0 and not taken[start - 1] \
                and lowered(doc[start - 1]) in lexicon.FIRST_NAMES and doc[start - 1].pos_ == \
                "PROPN" and is_cap(doc[start - 1]) and doc[start - 1].ent_type_ == "":
            start -= 1  # "Ana" + "Ruiz" (ORG): a given name the model left out
        retyped = "ORG" if airline else entity_type_of(doc, start, end, label)
        if retyped is None:
            continue
        cands.append(Cand(start, end, retyped))
        for k in range(start, end):
            taken[k] = True
    _complete_fragments(doc, cands, taken)
    _particle_surnames(doc, cands)
    org_evidence(doc, cands)
    _vote(doc, cands)
    cands = retype_by_context(doc, cands)
    cands.extend(nationality_candidates(doc, cands, taken))
    cands.extend(_triggered_people(doc, taken, cands))
    cands.extend(_given_name_people(doc, taken))
    cands.extend(_speaking_people(doc, taken))
    cands.extend(_triggered_orgs(doc, taken))
    cands.sort(key=lambda c: (c.start_token, -c.end_token))
    out: list[Cand] = []
    for c in cands:
        if out and c.start_token < out[-1].end_token:
            continue
        out.append(c)
    return drop_products(doc, out, products)


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
            or low in lexicon.ORG_WORDS or is_titleish(tok):
        return False
    return low.endswith(lexicon.DEMONYM_SUFFIXES)


def _title_follows(doc: Doc, i: int) -> bool:
    """True when a title phrase other than a corporate one starts at token ``i``, maybe after
    portfolio words ("Foreign Minister", "minister"; not "CEO")."""
    n = len(doc)
    j = i
    while j < n and j - i < 2 and lowered(doc[j]) in lexicon.PORTFOLIOS and title_end(doc, j, n) == j:
        j += 1
    end = title_end(doc, j, n) if j < n else j
    return end > j and span_key(doc[j:end]) not in lexicon.CORPORATE_TITLES


def nationality_candidates(doc: Doc, cands: list[Cand], taken: list[bool]) -> list[Cand]:
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
        if is_cap(tok) and _demonym_shaped(tok) and _title_follows(doc, i + 1):
            words.setdefault(lowered(tok), []).append(i)
    if not words:
        return []
    person_words: set[str] = set()
    typed: dict[str, set[str]] = {}
    places: list[tuple[str, str | None]] = []
    for c in cands:
        if c.label == "PERSON" and c.end_token - c.start_token >= 2:
            person_words.update(lowered(t) for t in doc[c.start_token:c.end_token])
        elif c.label != "PERSON":
            text = fold(doc[c.start_token:c.end_token].text)
            typed.setdefault(text.lower(), set()).add(c.label)
            if c.label == "GPE":
                places.append((text, lexicon.country_code(text)))
    found: list[Cand] = []
    for low, at in words.items():
        if low in person_words or _inside_name_elsewhere(doc, low):
            continue
        labels = typed.get(low, set())
        if labels & {"GPE", "LOC"}:
            continue
        if "ORG" in labels and low not in lexicon.NATIONALITIES \
                and demonym_country(doc[at[0]].text, places) is None:
            continue
        for c in cands:
            if c.end_token - c.start_token == 1 and lowered(doc[c.start_token]) == low:
                c.label = "NORP"
        for i in at:
            if not taken[i] and doc[i].ent_type_ in _MISTAGGED | {"PERSON", "NORP", "ORG"}:
                found.append(Cand(i, i + 1, "NORP"))
                taken[i] = True
    return found


def _inside_name_elsewhere(doc: Doc, low: str) -> bool:
    """True when ``low`` follows another name word somewhere ("Tayyip Erdogan"): a surname,
    not a nationality."""
    if low in lexicon.NATIONALITIES:
        return False
    return any(lowered(tok) == low and tok.i > 0 and not tok.is_sent_start
               and name_like(doc[tok.i - 1]) and doc[tok.i - 1].pos_ == "PROPN"
               for tok in doc)


def _triggered_orgs(doc: Doc, taken: list[bool]) -> list[Cand]:
    """Organisations spaCy left untagged, named right after an organisation noun: "its
    European division, Opel", "budget airline Skyway"."""
    found: list[Cand] = []
    n = len(doc)
    for i, tok in enumerate(doc):
        if lowered(tok) not in lexicon.ORG_NOUNS or is_cap(tok) or tok.pos_ != "NOUN":
            continue
        k = i + 1
        if k < n and doc[k].text == ",":
            k += 1
        end = k
        while end < n and end - k < 3 and not taken[end] and doc[end].ent_type_ == "" \
                and doc[end].pos_ == "PROPN" and name_like(doc[end]) \
                and doc[end].sent.start == tok.sent.start:
            end += 1
        if end == k or lowered(doc[k]) in lexicon.FIRST_NAMES:
            continue
        if end < n and (doc[end].pos_ == "PROPN" and is_cap(doc[end])):
            continue  # the name goes on into something spaCy did tag: leave it alone
        found.append(Cand(k, end, "ORG"))
        for m in range(k, end):
            taken[m] = True
    return found


def _title_then_name(doc: Doc, start: int, end: int) -> bool:
    """True for a span that is a capitalised title followed by two or three name words (one
    is not enough: "General Motors")."""
    if not is_cap(doc[start]):
        return False
    k = title_end(doc, start, end)
    return start < k and 2 <= end - k <= 3 and all(
        name_like(t) and lowered(t) not in lexicon.ORG_WORDS for t in doc[k:end])


def _hyphen_tail(doc: Doc, end: int) -> int:
    """End of an organisation name the model cut at a hyphen ("SNC" of "SNC-Lavalin",
    "Rolls" of "Rolls-Royce"): capitalised parts glued on with hyphens belong to it."""
    n = len(doc)
    while end + 1 < n and doc[end].text == "-" and not doc[end - 1].whitespace_ \
            and not doc[end].whitespace_ and is_cap(doc[end + 1]) \
            and doc[end + 1].ent_type_ in {"", doc[end - 1].ent_type_}:
        end += 2
    return end


def _inner_title_name(doc: Doc, start: int, end: int) -> bool:
    """True for a span whose last one to three words are a name after a capitalised title
    inside it ("Valdor Hereditary Chief Na'ten", "Harbour County Mayor Ana Ruiz"): the whole
    span was typed as an organisation, but it ends in a person."""
    for k in range(start + 1, end - 1):
        if not is_cap(doc[k]) or lowered(doc[k]) not in lexicon.TITLE_FIRST:
            continue
        j = title_end(doc, k, end)
        if j > k and is_cap(doc[j - 1]) and 1 <= end - j <= 3 and all(
                name_like(t) and lowered(t) not in lexicon.ORG_WORDS for t in doc[j:end]):
            return True
    return False


def _model_number_follows(doc: Doc, end: int) -> bool:
    if end < len(doc) and doc[end].text in POSSESSIVE:
        end += 1  # "Standard & Poor's 500"
    if end >= len(doc):
        return False
    text = doc[end].text
    if not any(ch.isdigit() for ch in text):
        return False
    return not (len(text) == 4 and text.isdigit() and text[:2] in {"19", "20"})


def _model_end(doc: Doc, end: int) -> int:
    """End of the model number that starts at (or after a possessive at) token ``end``:
    "737", "737 - 800"."""
    if end < len(doc) and doc[end].text in POSSESSIVE:
        end += 1
    end += 1
    while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ \
            and any(ch.isdigit() for ch in doc[end + 1].text):
        end += 2
    return end


def _vote(doc: Doc, cands: list[Cand]) -> None:
    """One sense per article: a name spaCy typed differently in different places gets the
    type it was given most often ("Ford" the carmaker tagged once as a person)."""
    groups: dict[str, list[Cand]] = {}
    for c in cands:
        groups.setdefault(fold(doc[c.start_token:c.end_token].text), []).append(c)
    for group in groups.values():
        if len(group) < 2:
            continue
        votes: dict[str, int] = {}
        for c in group:
            votes[c.label] = votes.get(c.label, 0) + 1
        ranked = sorted(votes.items(), key=lambda kv: -kv[1])
        if len(ranked) < 2:
            continue
        winner = ranked[0][0] if ranked[0][1] > ranked[1][1] else None
        if winner is None and set(votes) == {"PERSON", "ORG"}:
            # a tie between a person and an organisation: a person's name opens with a given
            # name; "Norgate Vance" (ORG once, PERSON once) does not
            winner = "PERSON" if lowered(doc[group[0].start_token]) in lexicon.GIVEN_NAMES \
                or any(_person_cue_before(doc, c.start_token) for c in group) else "ORG"
        if winner is not None:
            for c in group:
                c.label = winner


def _place_not_name(tok: Token) -> bool:
    """A country or city of the gazetteer that is not also a given name ("Myanmar", not
    "Jordan" or "Chad")."""
    low = lowered(tok)
    return bool(lexicon.country_code(tok.text) or low in lexicon.CITIES) and \
        low not in lexicon.AMBIGUOUS_COUNTRIES and low not in lexicon.FIRST_NAMES


def _grow_person(doc: Doc, start: int, end: int, taken: list[bool]) -> tuple[int, int]:
    sent_start = doc[start].sent.start
    while (start - 1 >= sent_start and not taken[start - 1] and _name_part(doc[start - 1])
           and doc[start - 1].ent_type_ in {"", "PERSON"}
           and not (lowered(doc[start]) in lexicon.FIRST_NAMES
                    and _place_not_name(doc[start - 1]))
           and (start - 1 > sent_start or (
               # a given name the model left out at the start of a sentence, parsed as a part
               # of the name, that the article uses as a name elsewhere ("Idil" + "Mohamed
               # Aden was among …" … "All Idil can do")
               doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ == "compound"
               and start <= doc[start - 1].head.i < end and end - start >= 2
               and _name_elsewhere(doc, start - 1)))):
        start -= 1  # (but "for Myanmar Andrew Roe": the name starts at the given name)
    sent_end = doc[end - 1].sent.end
    while (end < sent_end and not taken[end] and _name_part(doc[end])
           and doc[end].ent_type_ in {"", "PERSON"} and doc[end].ent_iob_ != "B"):
        end += 1
    return start, end


def _name_elsewhere(doc: Doc, i: int) -> bool:
    """Whether the word at ``i`` stands capitalised inside another sentence of the article
    as a name of its own (not a sentence's first word, not next to another capitalised
    word): "Idil" in "All Idil can do", which a common word ("Rival", "Crooked") is not."""
    low = lowered(doc[i])
    for tok in doc:
        if tok.i == i or lowered(tok) != low or tok.is_sent_start or not is_cap(tok):
            continue
        if any(0 <= k < len(doc) and doc[k].pos_ == "PROPN" and is_cap(doc[k])
               for k in (tok.i - 1, tok.i + 1)):
            continue
        return True
    return False


def _name_part(tok: Token) -> bool:
    low = lowered(tok)
    return name_like(tok) and low not in lexicon.LEGAL_SUFFIXES and low not in lexicon.ORG_WORDS \
        and low not in lexicon.NAME_PREFIX_TITLES and "/" not in tok.text


def _triggered_people(doc: Doc, taken: list[bool], cands: list[Cand]) -> list[Cand]:
    """People spaCy missed or mistyped, found after an honorific or a capitalised title."""
    found: list[Cand] = []
    by_start = {c.start_token: c for c in cands}
    i = 0
    n = len(doc)
    while i < n:
        tok = doc[i]
        trigger_end = i
        if lowered(tok) in lexicon.HONORIFICS and is_cap(tok):
            trigger_end = i + 1
        elif is_cap(tok):
            j = title_end(doc, i, n)
            if j > i and is_cap(doc[j - 1]):
                trigger_end = j
        if trigger_end == i or trigger_end >= n:
            i += 1
            continue
        k = trigger_end
        existing = by_start.get(k)
        if existing is not None and existing.label in {"ORG", "GPE", "LOC", "NORP"}:
            # "Mr. Brecht" tagged as a place: a honorific settles it; a title alone only when
            # the span is a single token (titles also precede places: "President Kennedy Airport").
            if lowered(tok) in lexicon.HONORIFICS or existing.end_token - existing.start_token == 1:
                existing.label = "PERSON"
        elif existing is None and not taken[k] and name_like(doc[k]) and doc[k].ent_type_ == "":
            end = k
            while end < n and end - k < 4 and not taken[end] and name_like(doc[end]) \
                    and doc[end].ent_type_ == "" and doc[end].sent.start == doc[k].sent.start:
                end += 1
            if any(lowered(t) in lexicon.ORG_WORDS for t in doc[k:end]):
                end = k
            if lowered(tok) in lexicon.HONORIFICS or end - k >= 2 and doc[k].pos_ == "PROPN":
                found.append(Cand(k, end, "PERSON"))
                for m in range(k, end):
                    taken[m] = True
        i = trigger_end
    return found


#: Entity labels spaCy small puts on names it does not know ("Vancouver's Bo Horvat" as a
#: work of art); a given name inside one still makes a person.
_MISTAGGED = frozenset({"", "WORK_OF_ART", "PRODUCT", "EVENT"})


def _given_name_people(doc: Doc, taken: list[bool]) -> list[Cand]:
    """People spaCy left untagged (or tagged as a work of art or product) whose name opens with
    a common given name and goes on with one or two capitalised proper nouns ("For Carole
    Laurin, …"). The name must end there: a
    longer run of capitalised words is more likely an organisation or a place."""
    found: list[Cand] = []
    n = len(doc)
    for i, tok in enumerate(doc):
        if taken[i] or tok.ent_type_ not in _MISTAGGED or tok.pos_ != "PROPN" \
                or not is_cap(tok) or lowered(tok) not in lexicon.GIVEN_NAMES:
            continue
        end = i + 1
        while end < n and end - i <= 2 and not taken[end] \
                and doc[end].ent_type_ == tok.ent_type_ \
                and doc[end].pos_ == "PROPN" and _name_part(doc[end]) \
                and lowered(doc[end]) not in lexicon.PLACE_WORDS \
                and lowered(doc[end]) not in lexicon.ORG_SUFFIXES:
            end += 1
        if end == i + 1 or (end < n and is_cap(doc[end]) and doc[end].pos_ == "PROPN"):
            continue
        if i > 0 and is_cap(doc[i - 1]) and doc[i - 1].pos_ == "PROPN" \
                and not is_titleish(doc[i - 1]):
            continue
        found.append(Cand(i, end, "PERSON"))
        for m in range(i, end):
            taken[m] = True
    return found


def _speaking_people(doc: Doc, taken: list[bool]) -> list[Cand]:
    """People spaCy left untagged who speak: a name of two or three capitalised proper nouns
    that is the subject of a speech verb ("Navdeep Bains, Minister of …, said"). Organisations
    speak too, so names with organisation or place words are left alone."""
    found: list[Cand] = []
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
        if start > 0 and (is_cap(doc[start - 1]) and doc[start - 1].pos_ == "PROPN"
                          or doc[start - 1].text in POSSESSIVE):
            continue
        words = doc[start:end]
        if not all(_name_part(t) and t.text.isalpha() and not t.text.isupper()
                   and lowered(t) not in lexicon.PLACE_WORDS
                   and lowered(t) not in lexicon.ORG_SUFFIXES for t in words):
            continue
        found.append(Cand(start, end, "PERSON"))
        for k in range(start, end):
            taken[k] = True
    return found


def _inside_title(doc: Doc, start: int, end: int) -> bool:
    """True for a span of portfolio words that belongs to a title around it: "State" in
    "Secretary of State", "Defense" in "Defense Minister", "Homeland Security" in "Homeland
    Security Secretary". Title words never stand alone as an organisation."""
    if not all(lowered(t) in lexicon.PORTFOLIO_WORDS for t in doc[start:end]):
        return False
    if end < len(doc) and is_cap(doc[end]) and lowered(doc[end]) in lexicon.PORTFOLIO_HEADS:
        return True
    k = start - 1
    if k >= 1 and lowered(doc[k]) in {"of", "for"}:
        j = k
        while j - 1 >= 0 and lowered(doc[j - 1]) in lexicon.PORTFOLIO_WORDS and is_cap(doc[j - 1]):
            j -= 1  # "Minister of Foreign Affairs and State"
        return j - 1 >= 0 and lowered(doc[j - 1]) in lexicon.PORTFOLIO_HEADS
    return False


def _complete_fragments(doc: Doc, cands: list[Cand], taken: list[bool]) -> None:
    """Spans the model cut short get the rest of their name: a span followed by the words that
    make it a longer name of the article ("Republika" + "Srpska" when "Republika Srpska" is a
    name here), a country name with "and" ("Bosnia" + "and Herzegovina"), and an organisation
    word followed by "of" and a capitalised name or number ("Group" + "of Seven")."""
    if not cands:
        return
    n = len(doc)
    longer: dict[str, list[tuple[str, ...]]] = {}
    for c in cands:
        words = tuple(fold(t.text) for t in doc[c.start_token:c.end_token])
        if len(words) >= 2:
            longer.setdefault(words[0], []).append(words)
    gone: set[int] = set()
    for c in cands:
        if id(c) in gone:
            continue
        words = tuple(fold(t.text) for t in doc[c.start_token:c.end_token])
        end = c.end_token
        for full in sorted(longer.get(words[0], ()), key=len, reverse=True):
            size = len(full)
            if size > len(words) and full[:len(words)] == words and c.start_token + size <= n \
                    and all(w[:1].isupper() for w in full[len(words):]) \
                    and tuple(fold(t.text) for t in doc[c.start_token:c.start_token + size]) == full:
                end = c.start_token + size
                break
        if end == c.end_token and c.label in {"GPE", "ORG", "LOC"} and end + 1 < n \
                and lowered(doc[end]) == "and":
            for size in (1, 2):
                tail = doc[end + 1:end + 1 + size]
                if len(tail) == size and is_cap(tail[0]) and \
                        f"{lowered(doc[end - 1])} and {tail.text.lower()}" in lexicon.COUNTRIES:
                    end = end + 1 + size
                    break
        if end == c.end_token and c.label == "ORG" and lowered(doc[end - 1]) in lexicon.ORG_WORDS \
                and end + 1 < n and lowered(doc[end]) == "of":
            k = end + 1
            while k < n and k - end <= 4 and (is_cap(doc[k]) and doc[k].is_alpha or doc[k].like_num) \
                    and doc[k].ent_type_ != "PERSON" and not is_titleish(doc[k]):
                k += 1
            if k > end + 1:
                end = k
        if end == c.end_token:
            continue
        for other in cands:
            if other is not c and c.start_token <= other.start_token < end:
                gone.add(id(other))
        c.end_token = end
        for k in range(c.start_token, end):
            taken[k] = True
    if gone:
        cands[:] = [c for c in cands if id(c) not in gone]
