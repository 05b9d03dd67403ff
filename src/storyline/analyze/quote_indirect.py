"""Indirect quotes: reported speech after a cue verb ('said that'), reported nouns ('the claim that'), words owned by a speaker, naming cues and 'according to' phrases, each bounded by its clause."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import lexicon
from .quotemarks import Segment

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token
from .quote_direct import (
    _content_end,
    _sentence_break,
    _token_at,
)
from .quote_speakers import (
    _NOT_ACTORS,
    _SENTENCE_END,
    _SUBJECT_DEPS,
    _Found,
    _is_cue,
    _is_mark,
    _quoted,
)


def _indirect(doc: Doc, text: str, in_quote: bytearray, cued: bytearray, used: set[int]
              ) -> list[_Found]:
    """Reported clauses of cue verbs outside quote marks. ``cued`` marks direct quotes that
    already hang on a cue: a clause that is mostly such a quote is that quote again, while a
    clause ending in an unattributed quoted phrase (``she said she has "every confidence …"``)
    is the reported statement itself."""
    found: list[_Found] = []
    for tok in doc:
        if tok.i in used or (tok.idx < len(in_quote) and in_quote[tok.idx]):
            continue
        low = tok.lower_
        if low == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            found.extend(f for f in _according(doc, text, tok)
                         if not _mostly_quoted(cued, f.start_char, f.end_char, 0.5))
            continue
        if not _is_cue(tok) or tok.lemma_.lower() in lexicon.DIRECT_ONLY_CUES:
            continue
        if any(c.dep_ == "neg" for c in tok.children) or tok.dep_ in {"acl", "amod"}:
            continue  # "would not say which …", "people believed to be …": no statement
        if any(c.dep_ in {"acomp", "oprd"} for c in tok.children):
            continue  # "two people reported missing", "confirmed dead": a state, not words
        if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in _NO_AGENT_VERBS:
            continue  # "the incident will serve to remind them that …": nobody says it
        sent = tok.sent
        comps = [c for c in tok.children if c.dep_ == "ccomp"]
        pieces: list[tuple[int | None, int]] = []
        interjected = _interjected(doc, sent, tok)
        that = _late_that(doc, sent, tok)
        if interjected:
            pieces, comps = interjected, []
        elif that is not None and all(c.left_edge.i > that for c in comps if c.i > tok.i):
            # the parser hung the reported clause on "in a statement": it starts at "that"
            comps = [c for c in comps if c.i < tok.i]
            pieces.append(_trim(doc, that, _clause_end(tok, that, sent)))
        for comp in comps:
            lo, hi = comp.left_edge.i, comp.right_edge.i
            if lo <= tok.i <= hi:
                continue
            if comp.i < tok.i and _is_question_like(comp):
                continue
            if comp.i > tok.i:
                # reported words run to the end of the sentence, or up to the cue's own next
                # clause ("said X and added Y", "said X, adding Y": Y is its own record); a cue
                # in a relative or subordinate clause ("which says X, added …", "although it
                # has said X, …") reports no further than that clause
                hi = max(hi, _clause_end(tok, hi, sent))
                if _subordinate(tok):
                    hi = max(comp.right_edge.i, min(hi, tok.right_edge.i))
            pieces.append(_trim(doc, lo, hi))
        if interjected:
            pass
        elif that is not None:
            pass
        elif (bid := _bidding(tok)) is not None:
            pieces.append(_trim(doc, bid.left_edge.i, _clause_end(tok, bid.right_edge.i, sent)))
        elif not comps and tok.dep_ in {"parataxis", "advcl"} and tok.head.i != tok.i:
            pieces.extend(_outside(doc, sent, tok))
        elif not comps and (named := _set_off_name(tok)) is not None:
            # "Programs are feeling the strain, Glenn Vesk, a spokesperson, told VOA": the
            # parser made the name a conjunct of the clause it reports
            name, comma = named
            piece = _trim(doc, sent.start, comma - 1)
            if piece[0] is not None and piece[1] - piece[0] >= 2 and any(
                    doc[k].pos_ in {"VERB", "AUX"} for k in range(piece[0], piece[1] + 1)):
                start, end = doc[piece[0]].idx, doc[piece[1]].idx + len(doc[piece[1]])
                if not _mostly_quoted(cued, start, end) and not _headline(text, tok.idx):
                    found.append(_Found(start, end, False, tok, speaker_tok=name))
            continue
        elif not comps and tok.head.i > tok.i and tok.i > sent.start and \
                doc[tok.i - 1].pos_ in {"PROPN", "PRON", "NOUN"} and _attributes_outside(tok):
            # the parser hung "X said" under the reported clause: take the rest of the sentence
            pieces.append(_trim(doc, tok.i + 1, sent.end - 1))
        for piece_lo, piece_hi in _merged(pieces, doc):
            if piece_lo > tok.i + 1 and _sentence_break(text[tok.idx:doc[piece_lo].idx + 1]):
                continue  # 'said in a post on X. Police …': the next sentence reports nothing
            line_lo, line_hi = _within_line(doc, tok, piece_lo, piece_hi)
            if line_lo is None:
                continue
            start, end = doc[line_lo].idx, doc[line_hi].idx + len(doc[line_hi])
            if not interjected and (end - start < 8 or line_hi - line_lo < 1):
                continue
            if _mostly_quoted(cued, start, end) or _headline(text, tok.idx):
                continue
            found.append(_Found(start, end, False, tok))
    return found


_DASHES = frozenset({",", "\u2014", "\u2013", "--"})


#: Verbs whose subject need not act, so an infinitive cue under them reports nobody's words
#: ("Sunday's clash will serve to remind voters that …"). Not raising verbs: in "he appeared
#: to suggest that …" he suggests it.
_NO_AGENT_VERBS = frozenset({"serve"})


def _set_off_name(cue: Token) -> tuple[Token, int] | None:
    """``(name, comma)`` when a subjectless cue follows a person's name set off by commas, with
    or without an apposition: ``…, Glenn Vesk, a spokesperson for the agency, told VOA``. The
    comma is the one before the name; the words before it are what the name reports."""
    doc = cue.doc
    if any(c.dep_ in _SUBJECT_DEPS for c in cue.children) or cue.dep_ != "conj" or \
            cue.i < 3 or doc[cue.i - 1].text != ",":
        return None
    sent = cue.sent
    for k in range(cue.i - 2, max(sent.start, cue.i - 16), -1):
        tok = doc[k]
        if tok.pos_ in {"VERB", "AUX"} or tok.text in {";", ":"} or _is_mark(tok):
            return None
        if tok.text == "," and k + 1 < cue.i and doc[k + 1].ent_type_ == "PERSON" and \
                doc[k + 1].pos_ == "PROPN":
            name = doc[k + 1]
            while name.i + 1 < cue.i and doc[name.i + 1].ent_type_ == "PERSON":
                name = doc[name.i + 1]
            after = doc[name.i + 1]
            if after.text != ",":
                return None
            return name, k
    return None


def _subordinate(cue: Token) -> bool:
    """A cue in a relative clause or a clause opened by a conjunction (``which says``,
    ``although it has said``), whose words end where that clause ends."""
    return cue.dep_ in {"relcl", "acl"} or cue.dep_ == "advcl" and any(
        c.dep_ == "mark" for c in cue.children)


def _merged(pieces: list[tuple[int | None, int]], doc: Doc | None = None
            ) -> list[tuple[int, int]]:
    """The token ranges of one cue's reported words, overlapping ones joined: the parser can
    give a cue two complements where one runs on inside the other ("says he drank too much,
    used drugs …"), and the same words are one statement, not two. So are two complements
    with only quote marks, a comma or a conjunction between them (``"A," and "B" of money
    went …, Vesk said``; not across a bracket)."""
    out: list[tuple[int, int]] = []
    for lo, hi in sorted((lo, hi) for lo, hi in pieces if lo is not None):
        if out and doc is not None and lo > out[-1][1] and all(
                _is_mark(doc[k]) or doc[k].text == "," or doc[k].dep_ == "cc"
                for k in range(out[-1][1] + 1, lo)) and not any(
                doc[k].text in {"(", ")", "[", "]"} for k in range(out[-1][0], lo + 1)):
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        elif out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _reported_nouns(doc: Doc, text: str, in_quote: bytearray, cued: bytearray
                    ) -> list[_Found]:
    """What a reporting noun says its owner said: ``Lund's claim that the ferry was sold`` →
    ``that the ferry was sold``, cue ``claim``, speaker Lund. Only with a possessor (a claim
    nobody owns names no speaker; "their" and "its" rarely resolve) and a ``that`` complement (``the claim that she made`` is a
    relative clause: no content)."""
    found: list[_Found] = []
    for tok in doc:
        if tok.lower_ not in lexicon.REPORTING_NOUNS or _quoted(in_quote, tok.idx):
            continue
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        if owner is None or owner.pos_ == "PRON" and owner.lower_ not in {"his", "her"}:
            continue  # "their assurance", "our claim": no one the article lets us name
        if owner.ent_type_ in _NOT_ACTORS or owner.lower_ in {"today", "yesterday", "tomorrow"}:
            continue  # "Tuesday's announcement", "last week's claim": a time says nothing
        comp = next((c for c in tok.children if c.dep_ in {"acl", "ccomp"} and c.i > tok.i
                     and any(g.dep_ == "mark" and g.lower_ == "that" and g.i == tok.i + 1
                             for g in c.children)), None)
        if comp is None:
            continue
        lo, hi = _trim(doc, tok.i + 1, comp.right_edge.i)
        if lo is None:
            continue
        line_lo, line_hi = _within_line(doc, tok, lo, hi)
        if line_lo is None:
            continue
        start, end = doc[line_lo].idx, doc[line_hi].idx + len(doc[line_hi])
        if end - start < 8 or _mostly_quoted(cued, start, end) or _headline(text, tok.idx):
            continue
        found.append(_Found(start, end, False, tok, speaker_tok=owner, via="noun"))
    return found


def _owned_words(doc: Doc, text: str, segments: list[Segment]) -> list[_Found]:
    """Quoted words that a reporting noun gives to its owner: ``welcomed Quill's
    "commitment to reopening the pier"``, ``Quill's pledge "to reopen the pier"`` → the quoted
    words, cue ``commitment``/``pledge``, speaker Quill. Why only with such a noun: a quoted
    phrase after a possessive is more often a title (``Ledger's "Harbour Talk"``) or someone
    else's label for the owner (``Quill's "reckless plan"``) than the owner's words."""
    found: list[_Found] = []
    for seg in segments:
        if seg.cue is not None or not seg.closed:
            continue
        first = _token_at(doc, seg.start_char, after=True)
        before = _token_at(doc, seg.open_at, after=False)
        for k in (first, before):
            if not 0 <= k < len(doc) or doc[k].lower_ not in lexicon.REPORTING_NOUNS:
                continue
            noun = doc[k]
            owner = next((c for c in noun.children if c.dep_ == "poss" and c.i < noun.i), None)
            if owner is None or owner.ent_type_ in _NOT_ACTORS or owner.pos_ == "PRON" and \
                    owner.lower_ not in {"his", "her"}:
                continue
            end = _content_end(text, seg)
            if len(text[seg.start_char:end].split()) < 2 or _headline(text, seg.start_char):
                continue
            found.append(_Found(seg.start_char, end, True, noun, speaker_tok=owner, via="noun"))
            break
    return found


def _bidding(cue: Token) -> Token | None:
    """The infinitive a cue bids its object to do (``urged residents to leave`` → ``to
    leave``); None for other cues and for passives (``was told to leave``)."""
    if cue.lemma_.lower() not in lexicon.BIDDING_VERBS or not any(c.dep_ == "dobj" for c in cue.children):
        return None
    if not any(c.dep_ == "nsubj" for c in cue.children) and cue.dep_ not in {"conj", "advcl"}:
        return None
    for c in cue.children:
        if c.dep_ in {"xcomp", "ccomp"} and c.i > cue.i and any(
                g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
            return c
    return None


def _late_that(doc: Doc, sent: Span, cue: Token) -> int | None:
    """The ``that`` opening a reported clause the parser hung on a phrase after the cue
    (``said in a statement that …``, ``told reporters on Monday that …``)."""
    for k in range(cue.i + 1, min(sent.end - 1, cue.i + 9)):
        tok = doc[k]
        if tok.lower_ == "that" and tok.dep_ == "mark" and tok.head.i > k:
            return k
        if tok.pos_ in {"VERB", "AUX"} or tok.is_punct and tok.text != ",":
            return None
    return None


def _clause_end(cue: Token, after: int, sent: Span) -> int:
    """Last token of a reported clause that ends at ``after`` or later: the sentence end, or
    just before a predicate the cue's subject goes on with (``and added …``, ``, adding …``,
    ``and handed over …``); a coordinated clause with its own subject is still reported."""
    stops = [c.i for c in cue.children if c.i > after and c.pos_ in {"VERB", "AUX"} and (
        (c.dep_ == "conj" and not any(g.dep_ in _SUBJECT_DEPS for g in c.children))
        or (c.dep_ in {"advcl", "xcomp"} and _is_cue(c)))]
    trailing = _trailing_attribution(cue, after, sent)
    if trailing is not None:
        stops.append(trailing)
    stops.extend(_next_attribution(cue.doc, after, sent, cue))
    if not stops:
        return sent.end - 1
    k = min(stops) - 1
    while k > after and (cue.doc[k].dep_ == "cc" or cue.doc[k].is_punct):
        k -= 1
    return k


def _next_attribution(doc: Doc, after: int, sent: Span, cue: Token | None = None) -> list[int]:
    """Where a coordinated attribution with a speaker of its own starts (its conjunction):
    ``X said A, but the chiefs say B``, ``according to X, A, while Lund says B``. Its words
    are someone else's, not part of the first clause."""
    out = []
    for k in range(after + 1, sent.end):
        tok = doc[k]
        if tok is cue or tok.dep_ != "conj" or not _is_cue(tok):
            continue
        subj = next((c for c in tok.children if c.dep_ in _SUBJECT_DEPS and c.i < k), None)
        if subj is None:
            continue
        j = subj.left_edge.i - 1
        if j > after and doc[j].dep_ == "cc":
            out.append(j)
    return out


def _trailing_attribution(cue: Token, after: int, sent: Span) -> int | None:
    """Where an attribution that closes the sentence starts (its comma): ``…, the source
    added.``, ``…, say analysts.`` A reported clause ends before it, because those words were
    not said by the cue's speaker: they say who reported the sentence."""
    doc = cue.doc
    last = sent.end - 1
    while last > after and doc[last].is_punct:
        last -= 1
    for k in range(last, after, -1):
        tok = doc[k]
        if tok.pos_ in {"VERB", "AUX"} and not _is_cue(tok):
            return None  # the sentence goes on with a predicate of its own
        if k == cue.i or not _is_cue(tok) or any(c.dep_ in {"ccomp", "xcomp"} for c in tok.children):
            continue
        subj = next((c for c in tok.children if c.dep_ in _SUBJECT_DEPS), None)
        if subj is None:
            return None
        comma = subj.left_edge.i - 1 if subj.i < k else k - 1
        if comma > after and doc[comma].text in _DASHES:
            return comma
        return None
    return None


def _interjected(doc: Doc, sent: Span, cue: Token) -> list[tuple[int | None, int]]:
    """The two reported parts around an attribution set off by commas inside a sentence
    (``Most fares, Holm said, will rise in May`` → ``Most fares`` and ``will rise in May``).

    The parser hangs such a clause anywhere (root, parataxis, or with the second half as its
    complement), so the shape is read from the surface: a comma or dash right before the
    subject, one right after the cue and its adverbials, and words on both sides. The left
    part must hold a verb or be the subject of a verbless right part, so a fronted phrase
    (``On Monday, Holm said, …``) is not taken for reported words. Empty when the shape does
    not fit.
    """
    subj = next((c for c in cue.children if c.dep_ in _SUBJECT_DEPS), None)
    if subj is None or subj.i > cue.i or subj.dep_ != "nsubj":
        return []
    lo_c = subj.left_edge.i
    if lo_c - 1 <= sent.start or doc[lo_c - 1].text not in _DASHES:
        return []
    hi_c = None
    for k in range(cue.i + 1, min(sent.end, cue.i + 7)):
        if doc[k].text in _DASHES:
            hi_c = k
            break
        if doc[k].pos_ in {"VERB", "AUX"} or doc[k].text in _SENTENCE_END or \
                doc[k].lower_ == "that" or _is_mark(doc[k]):
            return []
    if hi_c is None or hi_c + 1 >= sent.end - 1:
        return []
    left = _trim(doc, sent.start, lo_c - 2)
    right = _trim(doc, hi_c + 1, sent.end - 1)
    if left[0] is None or right[0] is None:
        return []
    if doc[right[0]].tag_ == "VBG" or doc[right[0]].pos_ == "SCONJ":
        return []  # "…, she said, adding …", "…, he said, as …": the sentence goes on
    if any(_is_mark(doc[k]) for k in range(left[0], right[1] + 1)):
        return []  # a direct quote interrupted by its cue is handled with the quote marks
    verb_left = any(doc[k].pos_ in {"VERB", "AUX"} for k in range(left[0], left[1] + 1))
    verb_first = doc[right[0]].pos_ in {"VERB", "AUX"}
    if not (verb_left or verb_first):
        return []
    return [left, right]


def _naming(doc: Doc, text: str, segments: list[Segment], in_quote: bytearray) -> list[_Found]:
    """What someone calls or describes something as: ``X called the plan "bold"``, ``X called
    it a bandage solution``, ``X described the attempt as a carjacking``. The quote is the
    naming complement (or the quoted words right after the verb). Passives ("was described
    as"), names given ("an app called …"), "called for/on" and naming inside someone's quote
    (``"I call it madness," a pilot said``: the pilot's words, already a quote) are not
    quotes."""
    found: list[_Found] = []
    for tok in doc:
        lemma = tok.lemma_.lower()
        if lemma not in lexicon.NAMING_VERBS or tok.pos_ != "VERB" or any(c.dep_ == "neg" for c in tok.children):
            continue
        if _quoted(in_quote, tok.idx):
            continue
        if any(c.dep_ in {"nsubjpass", "auxpass"} for c in tok.children) or \
                not any(c.dep_ in _SUBJECT_DEPS for c in tok.children) and tok.dep_ != "advcl":
            continue  # "an app called X", "was described as": nobody is quoted
        comp: Token | None = None
        if lemma in {"call", "dub", "label"}:
            if not any(c.dep_ == "dobj" for c in tok.children):
                continue  # "called for", "called 911"
            comp = next((c for c in tok.children if c.dep_ == "oprd"), None)
            if comp is not None and comp.pos_ == "PROPN":
                continue  # a name given, not an opinion: "called it Club Moo"
        else:
            holders = [tok] + [c for c in tok.children if c.dep_ == "dobj"]
            prep = next((c for h in holders for c in h.children
                         if c.dep_ == "prep" and c.lower_ == "as"), None)
            comp = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
        if comp is not None:
            lo, hi = _trim(doc, comp.left_edge.i, comp.right_edge.i)
            if lo is None:
                continue
            start, end = doc[lo].idx, doc[hi].idx + len(doc[hi])
        else:
            # 'called the conclusion "bold"': the quoted words a few tokens after the verb
            seg = next((g for g in segments if tok.idx < g.open_at < tok.idx + 40
                        and "\n" not in text[tok.idx:g.open_at]
                        and not any(ch in ".!?" for ch in text[tok.idx:g.open_at])), None)
            if seg is None:
                continue
            start, end = seg.start_char, _content_end(text, seg)
        if end - start < 3:
            continue
        found.append(_Found(start, end, False, tok, via="naming"))
    return found


def _within_line(doc: Doc, cue: Token, lo: int, hi: int) -> tuple[int | None, int]:
    """Clip a token range to the line (paragraph) of the cue: a headline is no sentence."""
    for k in range(cue.i, hi + 1):
        if k > lo and "\n" in doc[k].text_with_ws and k >= cue.i:
            hi = k
            break
    for k in range(cue.i - 1, lo - 1, -1):
        if "\n" in doc[k].text_with_ws:
            lo = k + 1
            break
    return _trim(doc, lo, hi) if lo <= hi else (None, 0)


def _headline(text: str, at: int) -> bool:
    """A line with no closing punctuation is a headline, and one opening with ``READ MORE:``
    a teaser for another story: neither is reported speech."""
    lo = text.rfind("\n", 0, at) + 1
    hi = text.find("\n", at)
    line = text[lo:hi if hi >= 0 else len(text)].rstrip()
    return not line or line[-1] not in ".!?\"'\u201d\u2019)" or bool(lexicon.TEASER_RE.match(line))


def _is_question_like(comp: Token) -> bool:
    return any(t.text == "?" for t in comp.subtree)


def _trim(doc: Doc, lo: int, hi: int) -> tuple[int | None, int]:
    while lo <= hi and (doc[lo].is_punct or doc[lo].is_space or doc[lo].dep_ == "cc"):
        lo += 1
    while hi >= lo and (doc[hi].is_punct or doc[hi].is_space) and doc[hi].text not in {"?", "!"}:
        hi -= 1
    if hi >= lo and doc[hi].text in {"?", "!"} and hi - 1 >= lo:
        hi -= 1  # the sentence's own punctuation is not part of the reported words
    return (lo, hi) if lo <= hi else (None, 0)


def _outside(doc: Doc, sent: Span, cue: Token) -> list[tuple[int | None, int]]:
    """The parts of the sentence left and right of an attribution clause (``X, he says, Y``)."""
    if not any(c.dep_ in _SUBJECT_DEPS for c in cue.children):
        return []  # "…, noting the delay", "repeating a demand": no attribution clause
    if not _attributes_outside(cue):
        return []
    clause = sorted(t.i for t in cue.subtree)
    lo_c, hi_c = clause[0], clause[-1]
    out = []
    # the words before count only when the clause is set off from them by a comma, dash or
    # colon (the parser may count it in the clause): not when the cue is glued into their
    # sentence ("… waiting for the court to announce when …") nor opens a new sentence the
    # parser did not split off ('…." Holm stressed the need …')
    inner_lo = lo_c
    while inner_lo < hi_c and doc[inner_lo].is_punct:
        inner_lo += 1
    if inner_lo - 1 >= sent.start and doc[inner_lo - 1].text in _DASHES | {":", ";"}:
        out.append(_trim(doc, sent.start, lo_c - 1))
    if hi_c + 1 <= sent.end - 1:
        right = _trim(doc, hi_c + 1, sent.end - 1)
        if right[0] is not None and doc[right[0]].tag_ != "VBG":
            out.append(right)  # not "…, Fek said, describing …": the speaker going on
    return [p for p in out if p[0] is not None and p[1] - p[0] >= 1]


def _according(doc: Doc, text: str, tok: Token) -> list[_Found]:
    """``According to X, …`` / ``…, according to X.``: the sentence minus the phrase."""
    to = doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    phrase_end = to.i
    if pobj is not None:
        phrase_end = max(t.i for t in pobj.subtree)
    else:
        k = to.i + 1
        while k < len(doc) and not doc[k].is_punct and k - to.i < 8:
            k += 1
        phrase_end = k - 1
        pobj = doc[phrase_end] if phrase_end > to.i else None
    if pobj is None:
        return []
    sent = tok.sent
    verb = tok.head
    if tok.i < verb.i and verb.pos_ in {"VERB", "AUX"} and phrase_end < verb.i and not any(
            c.dep_ in _SUBJECT_DEPS for c in verb.children):
        # "According to a spokesman for Roe's daughter, Ilse and Marsh named …": the parser
        # hung the clause's subject in the phrase; the phrase ends at its last comma
        comma = next((k for k in range(phrase_end, to.i, -1) if doc[k].text == ","), None)
        if comma is not None and comma + 1 < verb.i:
            phrase_end = comma - 1
    found = []
    right_end = min([sent.end - 1, *(k - 1 for k in _next_attribution(doc, phrase_end, sent))])
    for lo, hi in ((sent.start, tok.i - 1), (phrase_end + 1, right_end)):
        if hi - lo < 2:
            continue
        a, b = _trim(doc, lo, hi)
        if a is None or b - a < 2:
            continue
        start, end = doc[a].idx, doc[b].idx + len(doc[b])
        found.append(_Found(start, end, False, None, speaker_tok=pobj, via="according",
                            cue_span=(tok.idx, to.idx + len(to))))
    return found


#: Conjunctions opening a subordinate clause that attributes nothing to the clause it hangs
#: on ("…, because the labels charge more", "after the news was announced, …"); "as" does
#: ("As Lund said, the pier is late").
_ATTRIBUTING_MARKS = frozenset({"as", "like"})


#: Cues whose object is who was told, not what was said ("…, Moss told reporters").
_RECIPIENT_CUES = frozenset({"tell", "assure", "inform", "remind", "warn", "advise", "brief",
                             "caution", "urge", "promise"})


def _attributes_outside(cue: Token) -> bool:
    """Whether an attribution clause with no complement of its own can report the words of the
    sentence around it (``The strike will continue, Moss warned``). Not when it is a clause of
    its own kind: opened by a subordinating conjunction (``…, because the labels charge more
    for rights``, ``although Vell announced a phaseout``), passive (``after the news was
    announced, crowds gathered``: what was announced is its subject, said by nobody named), or
    with a plain noun-phrase object that is what the cue is about (``announced a phaseout``,
    ``charge a fee``) rather than who was told (``told reporters``).
    """
    if any(c.dep_ == "mark" and c.lower_ not in _ATTRIBUTING_MARKS for c in cue.children):
        return False
    if any(c.dep_ in {"auxpass", "nsubjpass"} for c in cue.children):
        return False
    if cue.lemma_.lower() not in _RECIPIENT_CUES and any(
            c.dep_ == "dobj" and c.pos_ in {"NOUN", "PROPN", "NUM", "ADJ"} for c in cue.children):
        return False
    return True


def _mostly_quoted(mask: bytearray, start: int, end: int, share: float = 0.8) -> bool:
    inside = sum(mask[start:end])
    return inside > share * (end - start)
