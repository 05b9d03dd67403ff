"""How names are compared across articles: normal forms, spelling variants, blocking keys and
the evidence that two article entities are one actor.

Normal form (:func:`normal`): accents stripped, case folded, apostrophes and hyphens as
spaces, "&" as "and", abbreviated words spelt out ("Mt" → "mount", rule data
``name_abbreviations``), a leading "the" and trailing corporate suffixes ("Inc.", "Ltd") dropped.
Spelling variants (:func:`variant`) fold the endings and letter pairs transliteration varies
on (``transliteration`` in the rule data: "Zelenskyy", "Zelenskiy", "Zelensky" → "zelenski").

Blocking keys (:func:`keys`) are what an entity is looked up by, so that a new entity is
compared only with the canonical entities that share a key, never with all of them:

- people: ``p:<full name variant>``, ``s:<surname variant>``;
- people and organisations named in two or more words: ``x:<name variant>``, which links a
  person to an organisation of exactly the same name (the model types "Lennox Lewis" or
  "Stephenie Meyer" an organisation in some articles; a company named after its founder is
  the founder's name in every article alike);
- organisations: ``o:<normal name>``, ``k:<name without descriptors>`` ("Ford Motor Company"
  and "Ford"), ``a:<acronym>`` (stated "(NATO)", the name itself when it is one, or the
  initials of a name of two or more words); a government named by its country ("the US
  government") is that country;
- places and nationalities: ``c:<ISO alpha-3>`` for a country, ``g:<normal name>`` otherwise,
  and for places the rule data does not know, ``d:<stem>`` shared by a place and its
  nationality adjective ("Valdoria", "Valdorian").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from ..analyze import lexicon
from ..models import Entity

#: Entity types that can be one actor across articles (a nationality stands for its country).
GROUPS = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "NORP": "place"}

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})


@lru_cache(maxsize=65536)
def normal(name: str) -> str:
    """The normal form of a name (see the module docstring)."""
    text = unicodedata.normalize("NFKD", name.translate(_APOSTROPHES))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("&", " and ")
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[^\w\s]|_", " ", text)
    words = [lexicon.NAME_ABBREVIATIONS.get(w, w) for w in text.split()]
    if words and words[0] == "the" and len(words) > 1:
        words = words[1:]
    while len(words) > 1 and words[-1] in lexicon.CORPORATE_SUFFIXES:
        words = words[:-1]
    return " ".join(words)


@lru_cache(maxsize=65536)
def variant(word: str) -> str:
    """One spelling of a name word across transliterations (rule data ``transliteration``)."""
    w = normal(word)
    for pattern, repl in _rules():
        w = pattern.sub(repl, w)
    return w


@lru_cache(maxsize=1)
def _rules() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(k), v) for k, v in lexicon.TRANSLITERATION.items())


def person_parts(name: str) -> tuple[str, str]:
    """(given name, surname) of a person's name in normal form; ("", surname) for one word.
    Generational suffixes ("Jr.") are not the surname."""
    words = [w for w in normal(name).split() if w not in lexicon.HONORIFICS]
    while len(words) > 1 and words[-1] in lexicon.NAME_SUFFIXES:
        words = words[:-1]
    if not words:
        return "", ""
    if len(words) == 1:
        return "", words[0]
    return words[0], words[-1]


def acronyms(entity: Entity) -> set[str]:
    """Acronyms an organisation goes by: the one the article states, its name when it is
    one, and the initials of a name of two or more words."""
    out = set()
    if entity.acronym:
        out.add(entity.acronym.replace(".", "").casefold())
    letters = entity.name.replace(".", "").replace("&", "")
    if 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper():
        out.add(letters.casefold())
    words = [w for w in normal(entity.name).split() if w not in lexicon.ACRONYM_STOPWORDS]
    if len(words) >= 2:
        out.add("".join(w[0] for w in words))
    return out


def country3(entity: Entity) -> str | None:
    """ISO 3166-1 alpha-3 of the country a place or nationality is, when it is one; for other
    entities, the country the article gives them (``Entity.country``)."""
    gov = government_of(entity)
    if gov:
        return gov
    if GROUPS.get(entity.type) == "place":
        code = _country_of(entity.name)
        if code:
            return code
    if entity.country:
        return _alpha3(entity.country)
    return None


@lru_cache(maxsize=65536)
def _country_of(name: str) -> str | None:
    code = lexicon.country_code(name)
    if code:
        return _alpha3(code)
    return None


@lru_cache(maxsize=512)
def _alpha3(code: str) -> str | None:
    if len(code) == 3 and code.isupper():
        return code
    try:
        import countrynames
    except ImportError:  # pragma: no cover - a dependency; a clear error would come first
        return None
    return countrynames.to_code_3(code) or None


def group_of(entity: Entity) -> str | None:
    """Which kind of actor an entity is for linking: person, org or place (a government named
    by its country is the country)."""
    if government_of(entity):
        return "place"
    return GROUPS.get(entity.type)


def keys(entity: Entity) -> set[str]:
    """The blocking keys of an article entity (see the module docstring)."""
    group = group_of(entity)
    out: set[str] = set()
    gov = government_of(entity)
    if gov:
        return {"c:" + gov}
    if group in {"person", "org"} and len(normal(entity.name).split()) >= 2:
        # the same full name, whichever of the two types
        out.add("x:" + " ".join(variant(w) for w in normal(entity.name).split()))
    if group == "person":
        given, surname = person_parts(entity.name)
        if surname:
            out.add("s:" + variant(surname))
            if given:
                out.add("p:" + variant(given) + " " + variant(surname))
    elif group == "org":
        name = normal(entity.name)
        if name:
            out.add("o:" + name)
            core = org_core(name)
            if core != name:
                out.add("k:" + core)
            else:
                out.add("k:" + name)
        out.update("a:" + a for a in acronyms(entity))
    elif group == "place":
        code = None if lexicon.is_constituent(entity.name) else _country_of(entity.name)
        if code:
            out.add("c:" + code)
        elif entity.type != "NORP":
            out.add("g:" + normal(entity.name))
        else:
            out.add("n:" + normal(entity.name))
        stem = demonym_stem(entity)
        if not code and stem:
            out.add("d:" + stem)
    return out


def demonym_stem(entity: Entity) -> str | None:
    """The stem a one-word place and its nationality adjective share, for places the rule
    data does not know: "Valdoria" and "Valdorian" → "valdor", "Kestria" and "Kestrian" →
    "kestr"."""
    words = normal(entity.name).split()
    if len(words) != 1:
        return None
    word = words[0]
    endings = (tuple(sorted(lexicon.DEMONYM_SUFFIXES, key=len, reverse=True))
               if entity.type == "NORP" else ("ia", "a", "e", "y"))
    for ending in endings:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word if entity.type != "NORP" and len(word) >= 4 else None


def org_core(name: str) -> str:
    """An organisation's name without the trailing words that only say what kind of company
    it is ("Ford Motor Company" → "ford", "Aer Lingus Group" → "aer lingus"; rule data
    ``org_descriptors`` and ``org_suffixes``), unless what is left is a title or a stop word
    ("General Motors" stays)."""
    words = normal(name).split()
    drop = lexicon.ORG_DESCRIPTORS | lexicon.ORG_SUFFIXES | lexicon.CORPORATE_SUFFIXES
    while len(words) > 1 and words[-1] in drop:
        words = words[:-1]
    core = " ".join(words)
    if len(core) < 3 or core in lexicon.TITLES or core in lexicon.DETERMINERS \
            or core in lexicon.MINOR_WORDS or core in lexicon.PORTFOLIO_WORDS:
        return normal(name)
    return core


def government_of(entity: Entity) -> str | None:
    """The country (alpha-3) an organisation named as its government is: "the US Government",
    "Government of Canada", "the Kestrian government" — in news the country acting."""
    if entity.type != "ORG":
        return None
    words = normal(entity.name).split()
    rest = [w for w in words if w not in lexicon.GOVERNMENT_WORDS and w not in {"of", "the"}]
    if len(rest) == len(words) or not rest:
        return None
    return _country_of(" ".join(rest))


def aliases(entity: Entity) -> list[str]:
    """The names an article gives an entity: its name and its name-like mentions."""
    names = [entity.name]
    for m in entity.mentions:
        if m.kind in {"name", "surname", "acronym"} and m.text not in names:
            names.append(m.text)
    return names


def same_given(a: str, b: str) -> bool:
    """Whether two given names can be one person's: equal, a variant, or one an initial of
    the other ("J" and "john")."""
    if not a or not b:
        return True
    if a == b or variant(a) == variant(b):
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    from rapidfuzz.fuzz import ratio

    return ratio(variant(a), variant(b)) >= 85


def name_words(names: Iterable[str]) -> set[str]:
    """Every normal-form word of ``names``."""
    return {w for n in names for w in normal(n).split()}
