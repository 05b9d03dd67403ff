"""Entity step 4: within-article coreference (rules 6-7 of :mod:`.entities`), the one place
that decides who a title-only reference or a pronoun stands for and what gender the article
gives each person. Its results are stored with the entities (``Entity.gender``, mentions of
kind ``title`` and ``pronoun``); quotes and actions read them instead of working them out again.

- :func:`title_mentions`: "the Ukrainian President" → the one person holding a matching role.
- :func:`assign_genders`: each person's gender, voted by a given name (3), an honorific or a
  kinship noun before a mention (2 each: "Ms. Quill", "her son Tobin") and the first personal
  pronoun outside quote marks after one of their subject mentions (1: "Quill said she …").
- :func:`pronoun_mentions`: third-person pronouns → the one gender-compatible person of the
  same or previous sentence, else the subject the sentence continues.
- :func:`nearest_person`: the person a pronoun or description picks up further away (what a
  speaker "he" means three paragraphs on), for the quote step.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, TypeVar

from . import lexicon
from .roles import article_places, build_title, norp_tokens, org_country, org_text
from .tokens import POSSESSIVE, Cand, Group, RoleSpan, initials_of, lowered, name_like, title_end

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def title_head(title: str) -> str:
    """The head word of a title, lower-cased ("Foreign Minister" → "minister"; every
    spokesman, spokeswoman … → "spokesperson")."""
    words = title.lower().split(" of ")[0].split()
    low = words[-1] if words else ""
    return "spokesperson" if low in lexicon.SPOKES_TITLES else low


def _qualifiers_fit(ref: str, held: str) -> bool:
    """True when the words a held title adds to a reference's are portfolio words: "the
    minister" fits "Foreign Minister", but "the US president" does not fit "Vice President"."""
    said = set(ref.lower().split(" of ")[0].split())
    extra = [w for w in held.lower().split(" of ")[0].split() if w not in said]
    return all(w in lexicon.PORTFOLIOS or w in lexicon.PORTFOLIO_WORDS for w in extra)


def _same_org(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return False
    la, lb = a.lower(), b.lower()
    if la == lb:
        return True
    ca, cb = lexicon.country_code(a), lexicon.country_code(b)
    if ca and ca == cb:
        return True
    return initials_of(la.split()) == b.replace(".", "").upper() or \
        initials_of(lb.split()) == a.replace(".", "").upper()


def title_mentions(doc: Doc, ents: list[Group], roles: list[RoleSpan]) -> None:
    if not roles:
        return
    covered = [False] * len(doc)
    for e in ents:
        if e.label != "PERSON":
            continue
        for m in e.mentions:
            for k in range(m.start_token, m.end_token):
                covered[k] = True
    for r in roles:
        for k in range(r.start_token, r.end_token):
            covered[k] = True
    norp = norp_tokens(ents)
    places = article_places(doc, ents)
    n = len(doc)
    i = 0
    while i < n:
        tok = doc[i]
        det = lowered(tok) == "the"
        at_sent_start = tok.is_sent_start or i == 0
        if not (det or at_sent_start) or covered[i]:
            i += 1
            continue
        s = i + 1 if det else i
        k = s
        modifier: str | None = None
        org_toks: list[Token] = []
        while k < n and not covered[k]:
            low = lowered(doc[k])
            if title_end(doc, k, n) > k and not (low in lexicon.MODIFIERS and k + 1 < n
                                                  and title_end(doc, k + 1, n) > k + 1):
                break
            if low in lexicon.MODIFIERS:
                modifier = modifier or lexicon.MODIFIERS[low]
            elif doc[k].ent_type_ in {"ORG", "GPE", "NORP"} or low in lexicon.NATIONALITIES \
                    or k in norp:
                org_toks.append(doc[k])
            elif doc[k].text in POSSESSIVE or low == "-":
                pass
            else:
                break
            k += 1
        tend = title_end(doc, k, n) if k < n else k
        if tend == k or covered[min(tend, n - 1)] and tend < n:
            i += 1
            continue
        if tend < n and name_like(doc[tend]) and doc[tend].pos_ == "PROPN":
            i = tend  # a title before a name is a premodifier, handled by roles
            continue
        if tend < n and doc[tend].text in POSSESSIVE:
            i = tend
            continue
        if tend < n and (lowered(doc[tend]) in {"and", "&"} or doc[tend].text == ",") and any(
                doc[j].ent_type_ == "PERSON" for j in range(tend + 1, min(n, tend + 6))):
            i = tend  # "CEO and co-founder Jane Roe": a list of titles before a name
            continue
        _, title = build_title(doc, k, tend)
        if not det and not (modifier or org_toks):
            i = tend  # a bare capitalised title at sentence start is too weak alone
            continue
        org, _code = org_text(doc, org_toks)
        if org is None and tend + 1 < n and lowered(doc[tend]) in lexicon.ORG_PREPOSITIONS:
            j = tend + 1
            while j < n and lowered(doc[j]) in lexicon.DETERMINERS:
                j += 1
            of_toks = []
            while j < n and doc[j].ent_type_ in {"ORG", "GPE", "NORP", "LOC"}:
                of_toks.append(doc[j])
                j += 1
            if of_toks:
                org, _code = org_text(doc, of_toks)
        org, _code = org_country(org, places)
        holder = _holder(roles, title, org, modifier)
        if holder is not None:
            c = Cand(s, tend, "PERSON", kind="title", ent=holder)
            ents[holder].mentions.append(c)
            for tok_i in range(s, tend):
                covered[tok_i] = True
        i = tend


def _holder(roles: list[RoleSpan], title: str, org: str | None, modifier: str | None) -> int | None:
    """The one entity holding a role matching a title-only reference, or None if 0 or many."""
    head = title_head(title)
    past = {"former", "late", "outgoing"}
    matches: set[int] = set()
    for r in roles:
        if (modifier in past) != (r.modifier in past):
            continue
        if (modifier in {"deputy", "assistant"}) != (r.modifier in {"deputy", "assistant"}):
            continue
        if org is not None and not _same_org(org, r.org):
            continue
        rhead = title_head(r.title)
        if head == rhead and (title.lower() == r.title.lower() or len(title.split()) == 1
                              or org is not None) and _qualifiers_fit(title, r.title):
            matches.add(r.ent)
        elif head in lexicon.GENERIC_HEADS and org is not None and len(title.split()) == 1 and (
                r.title in lexicon.TOP_TITLES or rhead in lexicon.GENERIC_HEADS):
            # "the Kestrian chief" is the country's top office holder; "the Kestrian army
            # chief" or "the party leader" names another office, not the president's
            matches.add(r.ent)
    return matches.pop() if len(matches) == 1 else None


_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
K = TypeVar("K")


def assign_genders(doc: Doc, ents: list[Group], in_quote: bytearray) -> None:
    """Set ``Group.gender`` of each person the article genders (see the module docstring)."""
    text = doc.text
    for e in ents:
        if e.label != "PERSON":
            continue
        votes = [0, 0]  # m, f
        given = _given_gender(doc, e)
        if given is not None:
            # a common given name outweighs one pronoun that followed a mention, which may
            # well have meant someone else ("Roe said she …" about Roe's client)
            votes[given == "f"] += 3
        for m in e.mentions:
            if m.kind == "pronoun":
                continue
            k = m.start_token - 1
            if k >= 0 and lowered(doc[k]) in lexicon.HONORIFIC_GENDER:
                votes[lexicon.HONORIFIC_GENDER[lowered(doc[k])] == "f"] += 2
            if k >= 0 and doc[k].text == ",":
                k -= 1
            if k >= 0 and lowered(doc[k]) in lexicon.KIN_GENDER:
                votes[lexicon.KIN_GENDER[lowered(doc[k])] == "f"] += 2
            span = doc[m.start_token:m.end_token]
            if not any(t.dep_ in _SUBJECT_DEPS for t in span):
                continue
            stop = span.sent.end
            if stop < len(doc):
                stop = doc[stop].sent.end
            for t in doc[span.end:stop]:
                if t.ent_type_ == "PERSON":
                    break  # another person could be the one the pronoun picks up
                if t.idx < len(in_quote) and in_quote[t.idx]:
                    continue
                gender = lexicon.PRONOUN_GENDER.get(t.lower_)
                if gender is not None and t.lower_ not in {"himself", "herself"}:
                    votes[gender == "f"] += 1
                    break
        if votes[0] != votes[1]:
            e.gender = "m" if votes[0] > votes[1] else "f"
    del text


def _given_gender(doc: Doc, e: Group) -> str | None:
    """Gender of a person's given name, read from their first mention of two or more words
    (without an honorific)."""
    for m in sorted(e.mentions, key=lambda c: c.start_token):
        if m.kind != "name" or m.end_token - m.start_token < 2:
            continue
        start = m.start_token
        while start < m.end_token - 1 and lowered(doc[start]) in lexicon.HONORIFICS:
            start += 1
        return lexicon.name_gender(doc[start:m.end_token].text)
    return None


def nearest_person(persons: Sequence[tuple[int, K, bool]], before: int, gender: str | None,
                   genders: Mapping[K, str]) -> K | None:
    """The person most recently mentioned as a subject (or speaker) before ``before`` whose
    known gender does not clash with ``gender``; failing that, the most recent compatible
    person. ``persons`` is ``(position, entity id, in subject position)``, sorted. Why
    subjects: in news prose a pronoun picks up the person the previous sentences were about,
    not a name inside a prepositional phrase.
    """
    fallback = None
    for pos, pid, subject in reversed(persons):
        if pos >= before:
            continue
        if gender is not None and genders.get(pid, gender) != gender:
            continue
        if subject:
            return pid
        if fallback is None:
            fallback = pid
    return fallback


def main_subject(tok: Token) -> bool:
    """Subject of a main clause ("Jamil said …"), not of a reported one ("… Dixon Hall
    launched the project"): the reported clause's subject is rarely who "she said" means."""
    # a name word goes on to the name's head ("Mara" of "Mara Quill"), but a name that only
    # modifies a common noun is not the subject ("the Vell administration", "two Harbour
    # Front attacks had involved …")
    while tok.dep_ in {"compound", "flat"} and tok.head.i != tok.i and tok.head.pos_ == "PROPN":
        tok = tok.head
    if tok.dep_ == "appos" and tok.head.pos_ == "NOUN" and tok.head.tag_ == "NN" and \
            tok.left_edge.i > 0 and tok.doc[tok.left_edge.i - 1].text == ",":
        tok = tok.head  # "Vell's ambassador to Osterby, Ana Roe, accuses …": Roe is the subject
    if tok.dep_ not in _SUBJECT_DEPS:
        return False
    verb = tok.head
    cue = verb.head
    return not (verb.dep_ == "ccomp" and cue.lemma_.lower() in lexicon.CUE_VERBS
                and cue.pos_ in {"VERB", "AUX"} and cue.tag_ != "MD")


def _timeline(doc: Doc, ents: list[Group], in_quote: bytearray) -> list[tuple[int, int, bool]]:
    """(character, entity index, main subject) of every person mention outside quote marks."""
    out = []
    for idx, e in enumerate(ents):
        if e.label != "PERSON":
            continue
        for m in e.mentions:
            at = doc[m.start_token].idx
            if m.kind == "pronoun" or (at < len(in_quote) and in_quote[at]):
                continue
            out.append((at, idx, main_subject(doc[m.start_token:m.end_token].root)))
    out.sort()
    return out


def pronoun_mentions(doc: Doc, ents: list[Group], in_quote: bytearray | None = None) -> None:
    """Add a ``pronoun`` mention to the person each third-person pronoun stands for.

    A subject "he"/"she" outside quote marks continues the story's last main-clause subject
    of its gender (:func:`nearest_person`, however far back); any other pronoun goes to the
    one compatible person of its own or the previous sentence, else to a subject there.
    """
    in_quote = in_quote if in_quote is not None else bytearray(len(doc.text))
    timeline = _timeline(doc, ents, in_quote)
    genders = {idx: e.gender for idx, e in enumerate(ents) if e.gender}
    people = [(m.start_token, m.end_token, idx, m) for idx, e in enumerate(ents) if e.label == "PERSON"
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
        low = lowered(tok)
        if low not in lexicon.PERSON_PRONOUNS or tok.pos_ not in {"PRON", "DET"}:
            continue
        gender = lexicon.PRONOUN_GENDER[low]
        si = sent_index[tok.sent.start]
        window_start = sents[max(0, si - 1)].start
        seen: list[tuple[int, int, Cand]] = []
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
        quoted = tok.idx < len(in_quote) and bool(in_quote[tok.idx])
        if tok.dep_ in _SUBJECT_DEPS and not quoted and low in {"he", "she"}:
            chosen = nearest_person(timeline, tok.idx, gender, genders)
            if chosen is not None:
                insort(timeline, (tok.idx, chosen, True))
        elif len(distinct) == 1:
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
            ents[chosen].mentions.append(Cand(tok.i, tok.i + 1, "PERSON", "pronoun", chosen))
            if ents[chosen].gender is None:
                ents[chosen].gender = gender


def _subjects(doc: Doc, seen: list[tuple[int, int, Cand]], lo: int, hi: int) -> list[int]:
    """Entities of the mentions in ``seen`` that start in ``[lo, hi)`` and are subjects."""
    return [idx for s, idx, m in seen if lo <= s < hi and any(
        t.dep_ in {"nsubj", "nsubjpass"} for t in doc[m.start_token:m.end_token])]
