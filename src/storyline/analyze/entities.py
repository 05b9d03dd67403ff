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
   name. Words of the span and of its context retype it (:func:`entity_type_of`,
   :func:`org_evidence`): given names make people, organisation nouns, suffixes and
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
   (:func:`nationality_candidates`).
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

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..models import Entity, Mention, RecordKind, Role
from ..render import entity_lines, role_lines
from . import lexicon
from .component import Component, Inputs
from .coref import assign_genders, pronoun_mentions, title_mentions
from .grouping import group_mentions, join_aliases, propagate_names
from .quotemarks import quoted_mask
from .roles import find_roles
from .spans import find_candidates
from .tokens import TOKEN_HEAD, TOKEN_TAIL, Group, RoleSpan, fold

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["COMPONENT", "ENTITIES", "ROLES", "VERSION", "entity_for_span", "extract_entities"]

#: Bump when a rule change alters what extract_entities returns (marks stored analyses stale).
VERSION = "16"


# ---- public API -------------------------------------------------------------------------------


def extract_entities(doc: Doc) -> tuple[list[Entity], list[Role]]:
    """People, organisations, places and nationalities in ``doc``, with the roles people hold.

    Entity ids are ``E1``, ``E2``, ... in order of first mention; ``Entity.name`` is the longest
    full name mentioned (for countries, the lexicon's country name). Mentions are sorted by
    offset and carry their kind (name, surname, acronym, title, pronoun). Roles have
    ``as_of=None``; the pipeline fills in the article date.
    """
    cands = find_candidates(doc)
    ents = group_mentions(doc, cands)
    propagate_names(doc, ents)
    ents = join_aliases(doc, ents)
    roles = find_roles(doc, ents)
    title_mentions(doc, ents, roles)
    in_quote = quoted_mask(doc.text)
    assign_genders(doc, ents, in_quote)
    pronoun_mentions(doc, ents, in_quote)
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


# ---- step 4: grouping -------------------------------------------------------------------------


# ---- step 5: roles ----------------------------------------------------------------------------


# ---- step 6: title-only references --------------------------------------------------------------


# ---- step 7: pronouns -------------------------------------------------------------------------


# ---- assembling the records ---------------------------------------------------------------------


def _finish(doc: Doc, ents: list[Group], roles: list[RoleSpan]) -> tuple[list[Entity], list[Role]]:
    text = doc.text  # built from the tokens on every access: read it once
    order = sorted(range(len(ents)), key=lambda i: ents[i].first)
    ids = {old: f"E{new + 1}" for new, old in enumerate(order)}
    out: list[Entity] = []
    names: dict[int, str] = {}
    for old in order:
        e = ents[old]
        mentions = sorted({(m.start_token, m.end_token, m.kind) for m in e.mentions})
        spans = []
        for start, end, kind in mentions:
            span = doc[start:end]
            tail = TOKEN_TAIL.search(span.text) if e.label == "PERSON" else None
            stop = span.end_char - (len(tail.group()) if tail and tail.start() > 0 else 0)
            head = TOKEN_HEAD.match(span.text)
            begin = span.start_char + (head.end() if head and head.end() < stop - span.start_char
                                       else 0)
            spans.append(Mention(begin, stop, text[begin:stop], kind))
        named = [m for m in spans if m.kind == "name"] or spans
        if e.label == "GPE" and e.country:
            # "the Kestrian Government" is a mention of Kestria, not its name
            named = [m for m in named if lexicon.country_code(m.text)] or named
        name = max(named, key=lambda m: (len(m.text), -m.start_char)).text
        if e.label == "PERSON":
            name = person_name(name)
        if e.label == "GPE" and e.country:
            name = lexicon.country_name(e.country) if len(name) <= 4 else name
        names[old] = name
        acronym = e.acronym or next((m.text.replace(".", "") for m in spans
                                     if m.kind == "acronym"), None)
        out.append(Entity(ids[old], name, e.label, tuple(spans), e.country, e.gender, acronym))
    # A role's organisation written as an acronym or short form ("NMA") is given by the
    # canonical name of the organisation entity it is a mention of, and its id.
    org_names = {fold(m.text): (e.name, e.id) for e in out if e.type in ("ORG", "GPE")
                 for m in e.mentions if m.kind in ("name", "acronym")}
    # A person owns some titles ("Dodik's lawyer"): the role's org is then that person, also
    # when the owner is written with a title ("U.S. President Ana Roe's special envoy").
    people = {fold(m.text): (e.name, e.id) for e in out if e.type == "PERSON"
              for m in e.mentions if m.kind in ("name", "surname")}
    role_records = []
    for r in roles:
        span = doc[r.start_token:r.end_token]
        org, org_id = _org_entity(r.org, org_names, people) if r.org else (None, None)
        role_records.append(Role(entity_id=ids[r.ent], person=names[r.ent], title=r.title,
                                 start_char=span.start_char, end_char=span.end_char, org=org,
                                 org_id=org_id, modifier=r.modifier))
    return out, role_records


def _org_entity(org: str, names: dict[str, tuple[str, str]],
                people: dict[str, tuple[str, str]]) -> tuple[str, str | None]:
    """A role's organisation as the canonical name and id of the entity it is a mention of;
    an owner that ends in a person's name is that person."""
    key = fold(org)
    if key in names:
        return names[key]
    words = key.split()
    for k in range(len(words)):
        tail = " ".join(words[k:])
        if tail in people:
            return people[tail]
    return org, None


def person_name(name: str) -> str:
    """A person's canonical name without the title words, party acronyms or appositions a
    mention sometimes keeps ("NDP MP Nathan Cullen", "Hussein Sayed, Chief Market
    Strategist", "Jingyi Pan of IG" → "Nathan Cullen", "Hussein Sayed", "Jingyi Pan")."""
    cut = re.split(r",| of ", name, maxsplit=1)[0].strip() or name
    words = cut.split()
    while len(words) > 2 and (words[0].lower().strip(".") in lexicon.NAME_JUNK
                              or (words[0].isupper() and len(words[0]) > 1)):
        words = words[1:]
    return " ".join(words)


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
