"""Entity step 4: within-article coreference (rules 6-7 of :mod:`.entities`): title-only
references and pronouns become mentions of the person they stand for, using each person's
gender as the article states it."""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING

from . import lexicon
from .roles import article_places, build_title, norp_tokens, org_country, org_text
from .tokens import POSSESSIVE, Cand, Group, RoleSpan, initials_of, lowered, name_like, title_end

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


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


def pronoun_mentions(doc: Doc, ents: list[Group]) -> None:
    for e in ents:
        if e.label == "PERSON" and e.gender is None:
            # a common given name settles "he" or "she" before any pronoun is seen
            full = next((m for m in e.mentions if m.kind == "name" and m.end_token - m.start_token >= 2),
                        None)
            if full is not None:
                e.gender = lexicon.name_gender(doc[full.start_token:full.end_token].text)
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
            ents[chosen].mentions.append(Cand(tok.i, tok.i + 1, "PERSON", "pronoun", chosen))
            if ents[chosen].gender is None:
                ents[chosen].gender = gender


def _subjects(doc: Doc, seen: list[tuple[int, int, Cand]], lo: int, hi: int) -> list[int]:
    """Entities of the mentions in ``seen`` that start in ``[lo, hi)`` and are subjects."""
    return [idx for s, idx, m in seen if lo <= s < hi and any(
        t.dep_ in {"nsubj", "nsubjpass"} for t in doc[m.start_token:m.end_token])]
