"""Entity step 3: titles people hold (rule 5 of :mod:`.entities`): premodifiers, appositions
before and after the name, with organisation, country and modifier."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from . import lexicon
from .tokens import (
    POSSESSIVE,
    STOP_PUNCT,
    Cand,
    Group,
    RoleSpan,
    demonym_country,
    fold,
    is_cap,
    is_titleish,
    lowered,
    of_portfolio,
    span_key,
    title_start,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def org_text(doc: Doc, toks: list[Token]) -> tuple[str | None, str | None]:
    """Organisation (or country) named by premodifier tokens, and its ISO code if a country."""
    toks = [t for t in toks if t.text not in POSSESSIVE and lowered(t) not in lexicon.DETERMINERS
            and t.text != "-"]
    if not toks:
        return None, None
    surface = doc[toks[0].i:toks[-1].i + 1].text
    code = lexicon.country_code(surface)
    if code:
        return lexicon.country_name(code), code
    return surface, None


def build_title(doc: Doc, start: int, end: int) -> tuple[int, str]:
    """Canonical title for tokens ``[start, end)`` known to be a title; extends leftwards over
    portfolio words ("Foreign" Minister). Returns the new start and the title."""
    head = lexicon.TITLES[span_key(doc[start:end])]
    portfolio: list[str] = []
    if lowered(doc[end - 1]) in lexicon.PORTFOLIO_HEADS:
        k = start
        while k - 1 >= 0 and lowered(doc[k - 1]) in lexicon.PORTFOLIOS and len(portfolio) < 2:
            k -= 1
            portfolio.insert(0, lowered(doc[k]))
        if portfolio:
            start = k
    if not portfolio:
        return start, head
    if head[0].isupper():
        return start, " ".join(w.capitalize() for w in portfolio) + " " + head
    return start, " ".join(portfolio) + " " + head


def _premodifier_roles(doc: Doc, c: Cand, ents: list[Group], norp: set[int]) -> list[RoleSpan]:
    """Roles from words right before a person's name: "former U.S. President", "Skyway CEO
    and co-founder" (two roles), "Minister of Foreign Affairs". ``norp`` holds the token
    indices of nationality mentions (which spaCy may have typed otherwise)."""
    sent_start = doc[c.start_token].sent.start
    end = c.start_token
    while end - 1 >= sent_start and lowered(doc[end - 1]) in lexicon.HONORIFICS:
        end -= 1
    titles: list[tuple[int, int, str]] = []  # (start, end, title), rightmost first
    while True:
        tstart = title_start(doc, end, sent_start)
        suffix = ""
        if tstart == end:
            found = of_portfolio(doc, end, sent_start)
            if found is None:
                break
            of, portfolio = found
            tstart = title_start(doc, of, sent_start)
            suffix = " of " + portfolio
            tend = of
        else:
            tend = end
        tstart, title = build_title(doc, tstart, tend)
        titles.append((tstart, end, title + suffix))
        # A list of titles: "CEO and co-founder", "chairman, CEO and founder".
        if tstart - 1 >= sent_start and (lowered(doc[tstart - 1]) in {"and", "&"}
                                         or doc[tstart - 1].text == ","):
            nxt = title_start(doc, tstart - 1, sent_start)
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
        low = lowered(tok)
        if low in lexicon.MODIFIERS or low == "-" and k - 2 >= sent_start and \
                lowered(doc[k - 2]) in lexicon.MODIFIERS:
            if low != "-":
                modifier = modifier or lexicon.MODIFIERS[low]
            k -= 1
            continue
        if tok.text in POSSESSIVE and org_toks == [] and k - 2 >= sent_start \
                and doc[k - 2].ent_type_ in {"ORG", "GPE", "NORP", "LOC", "PERSON"}:
            k -= 1
            owner = k
            while owner - 1 >= sent_start and doc[owner - 1].ent_type_ == "PERSON":
                owner -= 1  # "Zelenskyy's chief of staff Andriy Yermak": the person's title
            if owner < k:
                org_toks = list(doc[owner:k])
                k = owner
                break
            continue
        if (tok.ent_type_ in {"ORG", "GPE", "NORP", "LOC"} or low in lexicon.NATIONALITIES
                or lexicon.country_code(tok.text)) and not is_titleish(tok) \
                or (low in lexicon.NATIONALITIES) or tok.i in norp:
            org_toks.insert(0, tok)
            k -= 1
            continue
        break
    if org_toks and modifier is None:
        j = org_toks[0].i
        if j - 1 >= sent_start and lowered(doc[j - 1]) in lexicon.MODIFIERS:
            modifier = lexicon.MODIFIERS[lowered(doc[j - 1])]
            k = min(k, j - 1)
    org, _code = org_text(doc, org_toks)
    roles = []
    for ts, _te, title in reversed(titles):
        mod = modifier
        if mod is None and lowered(doc[ts]) in {"deputy", "acting", "interim"}:
            mod = lowered(doc[ts])
        roles.append(RoleSpan(c.ent, title, k, span_end, org, mod))
    return roles


def _preposed_apposition_roles(doc: Doc, c: Cand) -> list[RoleSpan]:
    """Roles from a title phrase set before the name: "The head of the agency, Jane Roe,",
    "the country's top diplomat, Jane Roe, said". Only a definite phrase that opens its
    sentence or is closed by a comma after the name, so "After meeting the minister, Jane
    Roe said" gives nothing."""
    if c.start_token < 2 or doc[c.start_token - 1].text != ",":
        return []
    closed = c.end_token < len(doc) and doc[c.end_token].text == ","
    sent_start = doc[c.start_token].sent.start
    e = c.start_token - 1
    s = e
    while s - 1 >= sent_start and e - s < 12:
        tok = doc[s - 1]
        if tok.text in STOP_PUNCT and tok.text != "'" or tok.is_space or \
                tok.pos_ in {"VERB", "AUX"} and lowered(tok) not in lexicon.TITLES:
            break
        s -= 1
    opens = s == sent_start
    while s < e and doc[s].pos_ in {"SCONJ", "CCONJ"}:
        s += 1  # ", while Omarov's lawyer, Mika Perkins, said": the phrase starts after "while"
    if s == e:
        return []
    first = lowered(doc[s])
    possessive = [k for k in range(s, e) if doc[k].text in POSSESSIVE]
    definite = first in {"the", "its", "their", "his", "her", "our"} or bool(possessive)
    if not definite or not (closed or opens):
        return []
    # A person may own the title ("Dodik's lawyer, Anto Nobilo", "President Ana Roe's special
    # envoy, Ivo Brandt"): the title is what follows the possessive, its owner the role's org.
    if any(t.ent_type_ == "PERSON" for t in doc[s:e]) and not (
            possessive and not any(t.ent_type_ == "PERSON" for t in doc[possessive[-1]:e])):
        return []
    segments: list[tuple[int, int]] = []
    seg = s
    for k in range(s, e):
        if lowered(doc[k]) in {"and", "&"}:
            segments.append((seg, k))
            seg = k + 1
    segments.append((seg, e))
    roles = [r for r in (_phrase_role(doc, a, b, c.ent) for a, b in segments) if r is not None]
    if len(roles) != len(segments):
        return []
    # "The president and chief executive of Harbour Bank": the org is shared.
    org = next((r.org for r in reversed(roles) if r.org), None)
    return [RoleSpan(r.ent, r.title, r.start_token, r.end_token, r.org or org, r.modifier) for r in roles]


def _apposition_roles(doc: Doc, c: Cand) -> list[RoleSpan]:
    """Roles from ", the Kremlin spokesperson," / ", Director General of the IAEA" after a name."""
    i = c.end_token
    n = len(doc)
    if i < n and doc[i].text in POSSESSIVE:
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
        if tok.text in STOP_PUNCT or tok.is_space or lowered(tok) in {"who", "which", "whose",
                                                                      "said", "says"}:
            break
        if tok.pos_ in {"VERB", "AUX"} and tok.ent_type_ == "" and lowered(tok) not in \
                lexicon.TITLES:
            break
        end += 1
    if end == i:
        return []
    # Split on "and" into separate titles: "a blogger and military service member".
    segments: list[tuple[int, int]] = []
    seg = i
    for k in range(i, end):
        if doc[k].pos_ == "CCONJ" or lowered(doc[k]) in {"and", "&"}:
            segments.append((seg, k))
            seg = k + 1
    segments.append((seg, end))
    roles: list[RoleSpan] = []
    for s, e in segments:
        role = _phrase_role(doc, s, e, c.ent)
        if role is not None:
            roles.append(role)
        elif roles:
            break
    return roles


def _phrase_role(doc: Doc, s: int, e: int, ent: int) -> RoleSpan | None:
    """Role named by the noun phrase ``[s, e)``: [det] [modifier] [org] title [of ORG]."""
    while s < e and lowered(doc[s]) in lexicon.DETERMINERS:
        s += 1
    if s >= e:
        return None
    # The title is the last title phrase before any preposition that introduces its org.
    prep = next((k for k in range(s, e) if lowered(doc[k]) in lexicon.APPOSITION_PREPOSITIONS), e)
    tend = prep
    while tend > s and title_start(doc, tend, s) == tend:
        tend -= 1
    if tend == s:
        return None
    if tend < prep and not all(lowered(t) in lexicon.PORTFOLIOS or t.is_punct
                               for t in doc[tend:prep]):
        return None
    tstart = title_start(doc, tend, s)
    tstart, title = build_title(doc, tstart, tend)
    if tstart < s:
        tstart = s
    modifier: str | None = None
    org_toks: list[Token] = []
    for tok in doc[s:tstart]:
        low = lowered(tok)
        if low in lexicon.MODIFIERS:
            modifier = modifier or lexicon.MODIFIERS[low]
        elif tok.ent_type_ in {"ORG", "GPE", "NORP", "LOC"} or low in lexicon.NATIONALITIES \
                or is_cap(tok) and tok.pos_ == "PROPN":
            org_toks.append(tok)
        elif tok.text in POSSESSIVE or tok.text == "-":
            continue
        elif org_toks:
            org_toks = []
    role_end = tend
    if modifier is None and lowered(doc[tstart]) in {"deputy", "acting", "interim"}:
        modifier = lowered(doc[tstart])
    org, _code = org_text(doc, org_toks)
    if prep < e and lowered(doc[prep]) in {"of", "for"}:
        # "Minister of Foreign Affairs of Valdoria": a portfolio, then the organisation.
        p = prep + 1
        while p < e and lowered(doc[p]) in lexicon.PORTFOLIO_WORDS and (
                is_cap(doc[p]) or lowered(doc[p]) in {"and", "&", "-"}):
            p += 1
        if p > prep + 1 and is_cap(doc[p - 1]) and (p == e or lowered(doc[p]) in lexicon.ORG_PREPOSITIONS):
            title = f"{title} of {doc[prep + 1:p].text}"
            role_end = p
            prep = p
    if prep < e and lowered(doc[prep]) in lexicon.ORG_PREPOSITIONS:
        k = prep + 1
        while k < e and lowered(doc[k]) in lexicon.DETERMINERS:
            k += 1
        of_toks: list[Token] = []
        while k < e and doc[k].text not in POSSESSIVE and (doc[k].ent_type_ in {"ORG", "GPE", "NORP", "LOC"}
                         or is_cap(doc[k]) and doc[k].pos_ == "PROPN"
                         or of_toks and lowered(doc[k]) in {"of", "and", "&", "for"}
                         and k + 1 < e and is_cap(doc[k + 1])):
            of_toks.append(doc[k])
            k += 1
        if of_toks and k + 1 < e and doc[k].text in POSSESSIVE and doc[k + 1].text.islower():
            # "president of Republika Srpska's national assembly": the assembly is the org
            stop = k + 1
            while stop < e and doc[stop].text.islower() and doc[stop].pos_ in {"NOUN", "ADJ"}:
                stop += 1
            if stop > k + 1:
                return RoleSpan(ent, title, s, stop, doc[of_toks[0].i:stop].text, modifier)
        if of_toks and not (org and lowered(doc[prep]) == "for"):
            # ("the U.N. special envoy for Syria": the U.N. is the org, Syria the remit)
            org, _code = org_text(doc, of_toks)
            role_end = of_toks[-1].i + 1
    return RoleSpan(ent, title, s, role_end, org, modifier)


def norp_tokens(ents: list[Group]) -> set[int]:
    return {k for e in ents if e.label == "NORP" for m in e.mentions
            for k in range(m.start_token, m.end_token)}


def article_places(doc: Doc, ents: list[Group]) -> list[tuple[str, str | None]]:
    """Names (with ISO codes where known) of the places the article names, for
    :func:`demonym_country`."""
    places: list[tuple[str, str | None]] = []
    for e in ents:
        if e.label != "GPE":
            continue
        for m in e.mentions:
            if m.kind == "name":
                places.append((fold(doc[m.start_token:m.end_token].text), e.country))
        if e.country:
            places.append((lexicon.country_name(e.country), e.country))
    return places


def org_country(org: str | None, places: Sequence[tuple[str, str | None]]
                 ) -> tuple[str | None, str | None]:
    """A role organisation with a nationality the lexicon lacks replaced by the article's
    country of that name ("Valdorian" → "Valdoria"), and its ISO code where known."""
    if org is None:
        return None, None
    code = lexicon.country_code(org)
    if code:
        return org, code
    hit = demonym_country(org, places)
    return (hit[0], hit[1]) if hit is not None else (org, None)


def find_roles(doc: Doc, ents: list[Group]) -> list[RoleSpan]:
    roles: list[RoleSpan] = []
    seen: set[tuple[int, str, str | None, str | None]] = set()
    norp = norp_tokens(ents)
    places = article_places(doc, ents)
    for e in ents:
        if e.label == "NORP" and e.country is None and len(e.mentions) > 0:
            first = e.mentions[0]
            hit = demonym_country(doc[first.start_token:first.end_token].text, places)
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
                r.org, _code = org_country(r.org, places)
                key = (r.ent, r.title.lower(), r.org, r.modifier)
                if key in seen:
                    continue
                seen.add(key)
                roles.append(r)
    for r in roles:
        code = lexicon.country_code(r.org or "")
        if code and ents[r.ent].country is None:
            ents[r.ent].country = code
    roles.sort(key=lambda r: r.start_token)
    return roles
