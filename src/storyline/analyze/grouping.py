"""Entity step 2: grouping mentions into entities within one article (rule 4 of
:mod:`.entities`), and finding untagged repeats of the names grouped."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import lexicon
from .products import model_number
from .span_types import org_context
from .tokens import (
    TOKEN_TAIL,
    ZERO_WIDTH,
    Cand,
    Group,
    core_words,
    fold,
    initials_of,
    is_acronym,
    is_cap,
    lowered,
    name_like,
    name_words,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def group_mentions(doc: Doc, cands: list[Cand]) -> list[Group]:
    ents: list[Group] = []
    by_key: dict[tuple[str, str], int] = {}
    acronyms: dict[str, int] = {}

    def add(c: Cand, idx: int) -> None:
        c.ent = idx
        ents[idx].mentions.append(c)

    def new(c: Cand, key: tuple[str, str] | None) -> int:
        ents.append(Group(c.label))
        idx = len(ents) - 1
        if key is not None:
            by_key[key] = idx
        add(c, idx)
        return idx

    _called_by_surname(doc, cands)
    # Full person names first, so that surnames can point forwards to a later full name
    # (headlines often use the surname alone).
    # ("von der Leyen" alone is a surname: particles do not start a full name)
    people_full: list[Cand] = [c for c in cands if c.label == "PERSON"
                                and len(name_words(doc, c)) >= 2 and name_words(doc, c)[1] != "-"
                                and name_words(doc, c)[0] not in lexicon.NAME_PARTICLES]
    person_names: dict[str, int] = {}
    for c in people_full:
        words = name_words(doc, c)
        key = ("PERSON", " ".join(words))
        idx = by_key.get(key)
        if idx is None:
            core = core_words(words)
            short = (core[0], core[-1])
            idx = next((i for i, e in enumerate(ents) if e.label == "PERSON"
                        and (lambda w: (w[0], w[-1]))(core_words(name_words(doc, e.mentions[0])))
                        == short), None)
        if idx is None:
            idx = new(c, key)
        else:
            add(c, idx)
        person_names[" ".join(words)] = idx

    def person_for(word: str, at: int, parts: tuple[int, ...] = (-1, 0)) -> int | None:
        """Most recent full-name person before ``at`` with this surname (or first name);
        among namesakes, the one the article already calls by the short name ("Marren" for
        the minister, after "Ilsa Marren … Marren said … the captain, Dag Marren")."""
        for part in parts:
            before: list[tuple[int, int]] = []
            after: list[tuple[int, int]] = []
            for c in people_full:
                words = core_words(name_words(doc, c))
                if words[part] != word:
                    continue
                (before if c.start_token < at else after).append((c.start_token, c.ent))
            if len({ent for _s, ent in before}) > 1:
                called = [c for c in cands if c.ent in {ent for _s, ent in before}
                          and c.start_token < at and c.end_token - c.start_token == 1
                          and name_words(doc, c) == [word]]
                if called:
                    return max(called, key=lambda c: c.start_token).ent
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
            words = name_words(doc, c)
            if len(words) >= 2 and any(w in lexicon.CORPORATE_SUFFIXES or w in lexicon.ORG_SUFFIXES
                                       for w in words[1:]):
                companies.add(words[0])  # "Ford Motor Company"
            elif org_context(doc, c.start_token, c.end_token):
                companies.add(" ".join(words))
    for c in sorted(cands, key=lambda c: c.start_token):
        if c.ent >= 0:
            continue
        words = name_words(doc, c)
        text = " ".join(words)
        surface = doc[c.start_token:c.end_token].text
        if not words:
            continue
        if c.label == "PERSON" or (c.label in {"ORG", "GPE", "LOC", "NORP"}
                                   and len([w for w in words if w != "-"]) <= 2
                                   and not is_acronym(surface)
                                   and not lexicon.country_code(surface)):
            idx = person_names.get(text)
            if idx is None and len(words) == 1:
                # Only a PERSON span may be a first name; an organisation that equals a
                # person's first word is usually a product or brand ("Mac").
                idx = person_for(words[0], c.start_token, (-1, 0) if c.label == "PERSON" else (-1,))
            elif idx is None and ("-" in words or words[0] in lexicon.NAME_PARTICLES):
                # "Ruiz-Roe" after "Ana Ruiz-Roe" (but "Ruiz-Roe" alone is no one's surname);
                # "von der Leyen" after "Ursula von der Leyen"
                idx = next((person_names[full] for full in person_names
                            if full.endswith(" " + text)), None)
            if idx is not None:
                if c.label != "PERSON" and (_looks_like_place_or_org(doc, c)
                                            or c.label == "ORG" and text in companies):
                    idx = None
                else:
                    c.label = "PERSON"
                    c.kind = "name" if len(words) >= 2 and "-" not in words[:2] and \
                        words[0] not in lexicon.NAME_PARTICLES else "surname"
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
            code = lexicon.country_code(surface) or (
                lexicon.country_code(surface.rsplit(" ", 1)[0]) if c.label == "GPE"
                and words[-1] == "government" else None)
            if code and c.label != "NORP":
                c.label = "GPE"
                # England and Scotland share GB's code but are two places
                key = ("GPE", text) if lexicon.is_constituent(surface) else ("GPE", code)
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
        if is_acronym(surface):
            acr = surface.replace(".", "")
            idx = acronyms.get(acr)
            if idx is None:
                idx = next((i for i, e in reversed(list(enumerate(ents))) if e.label == "ORG"
                            and len(name_words(doc, e.mentions[0])) >= 2
                            and initials_of(name_words(doc, e.mentions[0])) == acr), None)
            if idx is None:
                # The expansion may come later ("EU" in a headline, "European Union" below).
                later = next((o for o in cands if o.ent < 0 and o.start_token > c.start_token
                              and o.label in {"ORG", "GPE", "LOC"} and len(name_words(doc, o)) >= 2
                              and initials_of(name_words(doc, o)) == acr), None)
                if later is not None:
                    idx = new(later, ("ORG", _org_key(name_words(doc, later))))
                    ents[idx].label = "ORG"
                    later.label = "ORG"
            if idx is not None:
                own = {doc[m.start_token:m.end_token].text.replace(".", "") for m in ents[idx].mentions
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
        bracketed = _bracketed_acronym(doc, c.end_token)
        if bracketed is not None and ents[idx].acronym is None:
            ents[idx].acronym = bracketed
            acronyms.setdefault(bracketed, idx)
        elif is_acronym(surface):
            acronyms.setdefault(surface.replace(".", ""), idx)
    return ents


def _called_by_surname(doc: Doc, cands: list[Cand]) -> None:
    """A name the model typed as an organisation or a place is a person when the article
    treats it as one:

    - a two- or three-word name whose last word the article also gives alone as a person
      ("Bettie Page" typed ORG, then "Ms Page" or "Page, 85," typed PERSON): people are
      called by their surname, while an organisation goes by its first words ("Goldman" for
      Goldman Sachs) or its whole name;
    - a name of one to three words whose last word (or the whole name) the sentences treat as
      a person's (:func:`_person_context`: "Page, who …", "Page left her job") — once for a
      longer name, twice for one word.

    Names with an organisation or place word, a country or city in them, or organisation
    context around them keep their type; so does a one-word place. The last word alone,
    typed an organisation, becomes the person's surname."""
    named = [(c, name_words(doc, c)) for c in cands]
    alone: dict[str, list[Cand]] = {}
    for c, words in named:
        if len(words) == 1:
            alone.setdefault(words[0], []).append(c)
    hits: dict[tuple[str, str], int] = {}
    for c, words in named:
        if c.label not in {"ORG", "GPE", "LOC", "NORP"} or (len(words) == 1 and c.label != "ORG"):
            continue
        toks = doc[c.start_token:c.end_token]
        if not 1 <= len(words) <= 3 or "-" in words or len(toks) != len(words) \
                or is_acronym(toks.text) or lexicon.country_code(toks.text) \
                or any(lexicon.country_code(t.text) or lowered(t) in lexicon.CITIES for t in toks):
            continue
        if any(w in lexicon.ORG_WORDS or w in lexicon.ORG_SUFFIXES or w in lexicon.PLACE_WORDS
               or w in lexicon.CORPORATE_SUFFIXES or w in lexicon.LEGAL_SUFFIXES
               or w in lexicon.NAME_PARTICLES for w in words):
            continue
        if not all(name_like(t) and t.pos_ == "PROPN" for t in toks) \
                or org_context(doc, c.start_token, c.end_token):
            continue
        person = len(words) >= 2 and any(
            o.label == "PERSON" and not org_context(doc, o.start_token, o.end_token)
            for o in alone.get(words[-1], ()))
        if not person:
            key = (toks.text, toks[-1].text)
            if key not in hits:
                hits[key] = _person_mentions(doc, toks.text, toks[-1].text)
            person = hits[key] >= (1 if len(words) >= 2 else 2)
        if person:
            c.label = "PERSON"
            for o in alone.get(words[-1], ()):
                if o.label == "ORG" and not org_context(doc, o.start_token, o.end_token):
                    o.label = "PERSON"  # "Page" alone is her surname, not a company


def _person_mentions(doc: Doc, full: str, last: str) -> int:
    """How many times the article gives the name ``full``, or its last word ``last`` alone,
    in a person's context (:func:`_person_context`), tagged by the model or not."""
    n = len(full.split())
    count = 0
    for tok in doc:
        if tok.text != last or tok.pos_ != "PROPN":
            continue
        end = tok.i + 1
        start = end - n if end - n >= 0 and doc[end - n:end].text == full else tok.i
        if start > 0 and doc[start - 1].pos_ == "PROPN" or end < len(doc) and \
                doc[end].pos_ == "PROPN":
            continue  # a word of another name ("Jack Page", "Page Industries")
        if not org_context(doc, start, end) and _person_context(doc, start, end):
            count += 1
    return count


def _person_context(doc: Doc, start: int, end: int) -> bool:
    """True when the sentence around the name at ``start:end`` treats it as a person: a
    relative "who" right after it ("Page, who became religious"), or, as the subject of a
    verb, a personal pronoun for it in that clause ("Page left her job", "Page said she grew
    up"). Organisations take "which" and "its"."""
    k = end + 1 if end < len(doc) and doc[end].text == "," else end
    if k < len(doc) and doc[k].lower_ in {"who", "whom", "whose"}:
        return True
    root = doc[start:end].root
    if root.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    verbs = [root.head]
    for verb in verbs:
        for child in verb.children:
            if child.i == root.i:
                continue
            if child.dep_ == "xcomp":
                verbs.append(child)  # "Page refused to have her picture taken"
            objects = [child] if child.dep_ in {"dobj", "attr", "dative"} else \
                [g for g in child.children if g.dep_ == "pobj"] if child.dep_ == "prep" else []
            if any(g.dep_ == "poss" and g.lower_ in lexicon.PERSON_PRONOUNS
                   for o in objects for g in o.children):
                return True  # "Page left her job", "learned of her comeback"
            if child.dep_ == "ccomp" and any(
                    g.dep_ in {"nsubj", "nsubjpass"} and g.lower_ in lexicon.PERSON_PRONOUNS
                    for g in child.children):
                return True  # "Page said she grew up"
    return False


def _org_key(words: list[str]) -> str:
    """Grouping key of an organisation name: "Valdor Motors Corp." = "Valdor Motors"."""
    while len(words) > 1 and words[-1] in lexicon.CORPORATE_SUFFIXES:
        words = words[:-1]
    return " ".join(words)


def propagate_names(doc: Doc, ents: list[Group]) -> None:
    """Find names spaCy left untagged elsewhere in the article: exact, case-sensitive repeats
    of a known name, and bare surnames of people named in full (when only one has it)."""
    covered = [False] * len(doc)
    for s, e_ in doc.user_data.get("product_spans", ()):
        for k in range(s, e_):
            covered[k] = True  # "Valdor 787", "Tiger, the new version": products, not actors
    for e in ents:
        for m in e.mentions:
            for k in range(m.start_token, m.end_token):
                covered[k] = True
    names: dict[tuple[str, ...], tuple[int, str]] = {}
    surnames: dict[str, set[int]] = {}
    for idx, e in enumerate(ents):
        if e.label == "NORP":
            continue
        for m in e.mentions:
            toks = tuple(fold(t.text) for t in doc[m.start_token:m.end_token])
            if m.kind in {"name", "acronym"} and any(ch.isupper() for ch in toks[0][:1]):
                names.setdefault(toks, (idx, m.kind))
            if e.label == "PERSON" and m.kind == "name" and len(toks) >= 2:
                last = len(toks) - 1
                while last > 1 and toks[last].lower().strip(".") in lexicon.NAME_SUFFIXES:
                    last -= 1
                surnames.setdefault(TOKEN_TAIL.sub("", toks[last]), set()).add(idx)
    for surname, owners in surnames.items():
        if len(owners) == 1 and (surname,) not in names:
            names[(surname,)] = (next(iter(owners)), "surname")
    # The initials of an organisation named in full are its acronym even where the model
    # missed them ("Islamic State" … "IS fighters", which spaCy reads as the verb "is").
    for idx, e in enumerate(ents):
        if e.label != "ORG":
            continue
        for m in e.mentions:
            words = name_words(doc, m)
            acr = initials_of(words) if len(words) >= 2 else ""
            if len(acr) >= 2 and (acr,) not in names:
                names[(acr,)] = (idx, "acronym")
    if not names:
        return
    sizes: dict[str, list[int]] = {}  # first word -> name lengths, longest first
    for key in names:
        sizes.setdefault(key[0], []).append(len(key))
    for lengths in sizes.values():
        lengths.sort(reverse=True)
    texts = [fold(t.text.strip(ZERO_WIDTH)) for t in doc]
    lower_words = {t for t in texts if t.islower()}
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
        inside_name = (before is not None and name_like(before) and not before.is_sent_start) \
            or (after is not None and name_like(after))
        tok = doc[i]
        # A capitalised common noun opening a sentence ("Jobs were cut") is not a surname,
        # unless it is the subject of a verb that is not "be" ("Jobs welcomed everyone").
        if size == 1 and kind == "acronym" and not _cased_sentence(tok):
            i += 1
            continue  # "THIS IS IT": an all-capitals line, not the acronym
        # A word the article never writes in lower case is a name wherever it stands.
        single_common = size == 1 and kind != "acronym" and tok.pos_ != "PROPN" and tok.is_sent_start and not (
            tok.dep_ == "nsubj" and tok.head.tag_ in {"VBD", "VBZ"} and tok.head.lemma_ != "be") \
            and texts[i].lower() in lower_words
        model = ents[idx].label == "ORG" and after is not None and model_number(after.text)
        if not inside_name and not single_common and not model:
            ents[idx].mentions.append(Cand(i, i + size, ents[idx].label, kind, idx))
            for k in range(i, i + size):
                covered[k] = True
        i += size


def _looks_like_place_or_org(doc: Doc, c: Cand) -> bool:
    """True when an ORG/GPE span that equals a person's name is really a place/organisation."""
    prev = doc[c.start_token - 1] if c.start_token > 0 else None
    return prev is not None and lowered(prev) in {"in", "at", "from", "to", "near"} and \
        c.label in {"GPE", "LOC"}


def _bracketed_acronym(doc: Doc, end: int) -> str | None:
    """The acronym in "Name (ACR)" right after a span ending at token ``end``."""
    if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")" \
            and is_acronym(doc[end + 1].text):
        return doc[end + 1].text.replace(".", "")
    return None


def _cased_sentence(tok: Token) -> bool:
    """True when the sentence of ``tok`` has lower-case words (is no all-capitals line)."""
    return any(t.is_alpha and t.text.islower() for t in tok.sent)


_ALIAS_GLUE = frozenset({",", "(", "-", "—", "–", "also", "commonly", "better", "widely",
                         "popularly", "locally", "who", "which", "is", "was", "are", "were"})
_ALIAS_NOUNS = frozenset({"abbreviation", "initials", "nickname", "acronym", "name", "moniker",
                          "nom", "de", "guerre", "the"})


def join_aliases(doc: Doc, ents: list[Group]) -> list[Group]:
    """Names the text says are another name of an entity join it: "Mohammed bin Salman,
    commonly known by his abbreviation MBS", "al-Rufay'i, also known as Abu Khadija",
    "Ana Roe, nicknamed Ace". The alias becomes a mention (``acronym`` when written in
    capitals, else ``name``) of the entity named right before the cue; an alias the model
    did not tag is added. Returns the entity list without the groups merged away."""
    n = len(doc)
    starts: dict[int, tuple[int, Cand]] = {}
    ends: dict[int, int] = {}
    for idx, e in enumerate(ents):
        for m in e.mentions:
            starts.setdefault(m.start_token, (idx, m))
            if e.label in {"PERSON", "ORG"}:
                ends[m.end_token] = idx
    merged = False
    for tok in doc:
        low = lowered(tok)
        if low == "known" and tok.i + 1 < n and lowered(doc[tok.i + 1]) in {"as", "by"}:
            j = tok.i + 2
        elif low in {"nicknamed", "aka", "a.k.a.", "alias"}:
            j = tok.i + 1
        else:
            continue
        while j < n and (lowered(doc[j]) in {"his", "her", "its", "their"}
                         or lowered(doc[j]) in _ALIAS_NOUNS or doc[j].text in {'"', "“", "'", "‘"}):
            j += 1
        k = tok.i
        while k - 1 >= tok.sent.start and lowered(doc[k - 1]) in _ALIAS_GLUE:
            k -= 1
        owner = ends.get(k)
        if owner is None or j >= n or not is_cap(doc[j]):
            continue
        hit = starts.get(j)
        if hit is not None:
            idx, _m = hit
            if idx == owner:
                continue
            for m in ents[idx].mentions:
                m.kind = "acronym" if is_acronym(doc[m.start_token:m.end_token].text) else "name"
                m.ent = owner
                m.label = ents[owner].label
            ents[owner].mentions.extend(ents[idx].mentions)
            ents[idx].mentions = []
            merged = True
            continue
        end = j
        while end < n and end - j < 4 and is_cap(doc[end]) and doc[end].pos_ in {"PROPN", "NOUN", "X"}:
            end += 1
        if end > j and not any(j <= m.start_token < end or m.start_token <= j < m.end_token
                               for e in ents for m in e.mentions):
            kind = "acronym" if is_acronym(doc[j:end].text) else "name"
            ents[owner].mentions.append(Cand(j, end, ents[owner].label, kind, owner))
    if not merged:
        return ents
    kept = [e for e in ents if e.mentions]
    for new, e in enumerate(kept):
        for m in e.mentions:
            m.ent = new
    return kept
