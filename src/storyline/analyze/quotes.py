"""Who said what: direct and indirect quotes in one parsed article, each with its cue verb and
its speaker resolved to an entity of the article, all as character spans of ``doc.text``.

How a quote is found (in this order; see docs/analysis-quotes.md):

1. Direct quotes: double marks (straight or curly) are paired per paragraph; a paragraph that
   opens a quote and never closes it continues into the next one (news convention), and each
   paragraph's part is its own record. Single marks only nest inside double ones.
2. Each direct quote is attached to a cue clause right after it (``"…," she said``) or right
   before it (``she said: "…"``); an interrupted quote (``"…," she said, "…"``) gives two
   records sharing speaker and cue.
3. Indirect quotes: a cue verb from :data:`lexicon.CUE_VERBS` with a clausal complement ("X warned that
   …", "X said the plan would …", fronted "…, X said", both halves of "A, X said, B", "urged
   residents to …"), an ``according to X`` phrase, or a possessed reporting noun ("Lund's
   claim that …"). Signed paragraphs (embedded posts, pull quotes, quotes signed after a dash)
   are quotes of their signature; labelled paragraphs (``PENCE: …`` in a transcript) are
   quotes of their label.
4. A whole-sentence direct quote with no cue of its own continues the quote just before it (in
   the same or the previous paragraph) and takes its speaker; otherwise it keeps no speaker.
5. Speakers: names via the entities' mentions (an apposition rather than a party label, never
   a possessor), pronouns and definite titles ("the spokesperson", "the Valdoria Republican")
   to the nearest preceding person who was a grammatical subject or speaker and whose gender
   (given name, honorific, kinship noun, later pronouns) does not clash, "the union" to an
   organisation with that noun in its name, and anything else (organisations, "officials") as
   its surface text when no entity covers it.
6. A reported span that ends inside a quoted phrase ends after the phrase's closing mark.
7. One record per statement: no two records share a character. Where one record's cue lies
   inside another's words, a cue that goes on from them (", saying …", "but she stressed …")
   ends the outer record, and words the outer speaker reports someone said stay part of the
   outer statement (:func:`_untangle`).
"""

from __future__ import annotations

import re
from bisect import insort
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..models import Entity, Quote, RecordKind, Role
from ..render import quote_lines
from . import lexicon
from .component import Component, Inputs
from .coref import main_subject, nearest_person, title_head
from .entities import entity_for_span
from .quotemarks import Segment, balanced_end, coverage, pair_marks

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

#: Bump when a change here changes which quotes, spans or speakers come out.
VERSION = "15"


_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_SENTENCE_END = frozenset({".", "!", "?"})
_TRIM = set(" \t\n,;:.-\u2013\u2014\"'\u201c\u201d\u2018\u2019")


@dataclass
class _Found:
    start_char: int
    end_char: int
    direct: bool
    cue: Token | None
    speaker_tok: Token | None = None
    speaker_span: tuple[int, int] | None = None
    via: str = "cue"  # cue | according | continuation | naming | signed | transcript
    cue_span: tuple[int, int] | None = None  # a cue that is a phrase, not a verb token
    #: a speaker already resolved from a label (``PENCE: …``): (entity id, name, span)
    named: tuple[str | None, str, tuple[int, int]] | None = None


def extract_quotes(doc: Doc, entities: Sequence[Entity], roles: Sequence[Role] = ()
                   ) -> list[Quote]:
    """Every direct and indirect quote in ``doc`` with cue verb and speaker, in text order.

    ``entities`` are the article's entities (``extract_entities``); speakers resolve to them
    (``speaker_id``/``speaker`` = ``Entity.id``/``Entity.name``). A speaker that no entity covers
    ("officials", "the union") is kept as its surface text with ``speaker_id=None``; a quote
    naming no speaker keeps ``speaker=None``. Direct quote spans cover the words inside the
    marks (without the marks and without a trailing comma). ``roles`` (the entities step's)
    keep a description from standing for someone who holds another office ("the army chief
    said" is not the president).
    """
    text = doc.text
    if not text.strip():
        return []
    paragraphs = _paragraph_index(text)
    segments = pair_marks(text)
    in_quote = coverage(len(text), segments)
    for seg in segments:
        _attach_cue(doc, text, seg, in_quote)
    # '"…." The company noted that …': the cue after a quote can also report a clause of its
    # own; then a quoted phrase inside the clause's subject is no quote of that cue
    # ('Critics of the "backstop" argue it …'), while a whole quoted sentence still is
    own_clause = set()
    for k, seg in enumerate(segments):
        if seg.cue is not None and seg.side == "after" and k > 0 and \
                _goes_on(text, segments[k - 1], seg):
            # '"…," Ash wrote. "…." Vellport Ferries said …': the quote goes on with Ash's
            # words; the cue after its full stop belongs to the next sentence
            seg.cue = seg.side = None
        if seg.cue is not None and seg.side == "after" and _reports_clause(seg.cue, in_quote):
            if _sentence_lead(doc, text, seg) is not None:
                seg.cue = seg.side = None
            else:
                own_clause.add(seg.cue.i)
    used_cues = {seg.cue.i for seg in segments if seg.cue is not None} - own_clause

    found: list[_Found] = []
    for seg in segments:
        if seg.cue is not None:
            start = seg.start_char
            direct = True
            if seg.side == "after":
                lead = _sentence_lead(doc, text, seg)
                if lead is not None:
                    start, direct = lead, False
            found.append(_Found(start, _content_end(text, seg), direct, seg.cue))
    cued = coverage(len(text), [seg for seg in segments if seg.cue is not None])
    indirect = _indirect(doc, text, in_quote, cued, used_cues)
    found.extend(indirect)
    found.extend(_naming(doc, text, segments, in_quote))
    found.extend(_reported_nouns(doc, text, in_quote, cued))
    found.extend(_owned_words(doc, text, segments))
    signed = _signed(doc, text) + _transcript(text, entities)
    if signed:
        # the signed paragraph is one statement: clauses found inside it are parts of it
        found = [f for f in found if not any(g.start_char <= f.start_char and f.end_char <= g.end_char
                                              for g in signed)]
        found.extend(signed)
    covered = [(f.start_char, f.end_char) for f in found]
    labelled = [(text.rfind("\n", 0, f.start_char) + 1, f.end_char + 2) for f in signed]
    for seg in segments:
        if seg.cue is not None:
            continue
        if any(s <= seg.start_char < e for s, e in labelled):
            continue  # the marks around a signed or labelled paragraph are that record
        if any(s <= seg.start_char and seg.end_char <= e for s, e in covered):
            continue  # a partial quote inside a reported sentence belongs to that sentence
        if _stands_alone(text, seg):
            found.append(_Found(seg.start_char, _content_end(text, seg), True, None,
                                via="continuation"))
    found = [f for f in found if f.end_char - f.start_char >= 2]
    for f in found:
        if not f.direct:
            f.end_char = balanced_end(text, f.start_char, f.end_char)
    found.sort(key=lambda f: (f.start_char, f.end_char))
    found = _untangle(doc, text, found)
    return _resolve_speakers(doc, text, found, entities, paragraphs, in_quote, roles)


# ---- one record per statement ------------------------------------------------------------

#: How a cue hangs on the words before it when it starts a statement of its own rather than
#: reporting inside them: "…, saying …", "… and added …", "…, but she stressed …"
_GOES_ON = frozenset({"conj", "advcl", "parataxis"})


def _untangle(doc: Doc, text: str, found: list[_Found]) -> list[_Found]:
    """The records with no two sharing a word, every overlap settled by where one record's
    cue is (its *attribution*):

    1. a record whose cue lies inside another's words is *inside* it. When its cue goes on
       from the outer words (``he ordered it, saying …``, ``… but she stressed …``, ``… and
       then quipped …``), it is a statement of its own and the outer record stops before it;
       otherwise it is what the outer speaker reports someone said (``Gibson said Major said
       he saw the sign``, ``she said he would urge them to …``), part of the outer statement,
       and it is dropped;
    2. when each holds the other's cue, the later one ran past the end of its clause
       (``… he had never been in love, according to Easley, but …``) and stops before it;
    3. when neither does, two rules read overlapping words: the later one starts after the
       first when enough is left, else the one that reads them best is kept (quote marks,
       then a cue verb, then ``according to``, a reporting noun, naming), else the longer.

    Why not keep both: an analyst reading "who said what" takes every record as a separate
    statement, so the same words listed twice, or a reporting sentence listed as what it
    reports, would be false facts.
    """
    items = list(found)
    for _round in range(4 * len(items) + 1):
        items.sort(key=lambda f: (f.start_char, f.end_char))
        clash = next(((i, j) for i in range(len(items)) for j in range(i + 1, len(items))
                      if items[j].start_char < items[i].end_char), None)
        if clash is None:
            break
        a, b = items[clash[0]], items[clash[1]]
        at_a, at_b = _attribution_at(a), _attribution_at(b)
        a_holds_b = at_b is not None and a.start_char <= at_b < a.end_char
        b_holds_a = at_a is not None and b.start_char <= at_a < b.end_char
        if a_holds_b and b_holds_a:
            assert at_a is not None
            at = _clause_start(a.cue) if a.cue is not None and b.start_char < a.cue.idx else at_a
            if at > b.start_char and _cut(doc, text, b, at):
                continue
            a_holds_b = _rank(a) >= _rank(b)
            b_holds_a = not a_holds_b
        if a_holds_b or b_holds_a:
            outer, inner = (a, b) if a_holds_b else (b, a)
            if inner.cue is not None and inner.cue.dep_ in _GOES_ON:
                cut = min(_clause_start(inner.cue), inner.start_char)
                if cut > outer.start_char and _cut(doc, text, outer, cut):
                    continue
                if cut <= outer.start_char and inner.end_char < outer.end_char and \
                        _cut_start(doc, text, outer, inner.end_char):
                    continue
            drop = inner
        else:
            if b.end_char > a.end_char and _cut_start(doc, text, b, a.end_char):
                continue
            drop = a if _rank(a) < _rank(b) else b
        items = [f for f in items if f is not drop]
    return items


def _attribution_at(f: _Found) -> int | None:
    """Where a record's attribution is: its cue; None without one."""
    if f.via in {"signed", "transcript", "continuation"}:
        return None
    return f.cue.idx if f.cue is not None else f.cue_span[0] if f.cue_span else None


def _clause_start(cue: Token) -> int:
    """Where a cue's own clause starts: its subject when that comes right before it (``but
    she stressed``), else the cue."""
    subj = next((c for c in cue.children if c.dep_ in _SUBJECT_DEPS and c.i < cue.i), None)
    if subj is not None and not any(t.pos_ in {"VERB", "AUX"} for t in cue.doc[subj.i + 1:cue.i]):
        return cue.doc[subj.left_edge.i].idx
    return cue.idx


def _rank(f: _Found) -> tuple[int, int]:
    kind = 5 if f.direct and f.cue is not None else {
        "cue": 4, "according": 3, "noun": 2, "naming": 1}.get(f.via, 0)
    return kind, f.end_char - f.start_char


def _cut(doc: Doc, text: str, f: _Found, at: int) -> bool:
    """End ``f`` before character ``at`` (and the comma or conjunction before it); False when
    too little would be left to be a statement."""
    k = _token_at(doc, at, after=True) - 1
    while k >= 0 and doc[k].idx >= f.start_char and (
            doc[k].is_punct and not _is_mark(doc[k]) or doc[k].is_space or doc[k].dep_ == "cc"
            or doc[k].lower_ in {"and", "but", "while", "then"}):
        k -= 1
    if k < 0 or doc[k].idx < f.start_char:
        return False
    end = balanced_end(text, f.start_char, doc[k].idx + len(doc[k]))
    if end >= f.end_char or len(text[f.start_char:end].split()) < 2:
        return False
    f.end_char = end
    return True


def _cut_start(doc: Doc, text: str, f: _Found, at: int) -> bool:
    """Start ``f`` after character ``at``; False when too little would be left."""
    k = _token_at(doc, at, after=True)
    while k < len(doc) and doc[k].idx < f.end_char and (doc[k].is_punct or doc[k].is_space
                                                        or doc[k].dep_ == "cc"):
        k += 1
    if k >= len(doc) or doc[k].idx >= f.end_char:
        return False
    if len(text[doc[k].idx:f.end_char].split()) < 2:
        return False
    f.start_char = doc[k].idx
    return True


# ---- direct quotes -------------------------------------------------------------------------


def _content_end(text: str, seg: Segment) -> int:
    end = seg.end_char
    while end > seg.start_char and text[end - 1] in " ,":
        end -= 1
    return end


def _token_at(doc: Doc, char: int, *, after: bool) -> int:
    """Index of the first token starting at/after ``char`` (or last ending at/before it)."""
    if after:
        for tok in doc[_approx(doc, char):]:
            if tok.idx >= char:
                return tok.i
        return len(doc)
    i = min(len(doc) - 1, _approx(doc, char) + 8)
    while i >= 0 and doc[i].idx + len(doc[i]) > char:
        i -= 1
    return i


def _approx(doc: Doc, char: int) -> int:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is not None:
        return max(0, span.start - 1)
    return 0


def _is_mark(tok: Token) -> bool:
    return tok.text in {'"', "\u201c", "\u201d", "''", "``"} or tok.text.strip("\"\u201c\u201d") == ""


def _is_cue(tok: Token) -> bool:
    return tok.lemma_.lower() in lexicon.CUE_VERBS and tok.pos_ in {"VERB", "AUX"} and tok.tag_ != "MD"


def _attach_cue(doc: Doc, text: str, seg: Segment, in_quote: bytearray) -> None:
    after = _cue_after(doc, text, seg, in_quote)
    before = _cue_before(doc, text, seg, in_quote)
    colon = before is not None and text[:seg.open_at].rstrip().endswith(":")
    if after is not None and not colon:
        seg.cue, seg.side = after, "after"
    elif before is not None:
        seg.cue, seg.side = before, "before"


def _cue_after(doc: Doc, text: str, seg: Segment, in_quote: bytearray) -> Token | None:
    """A cue clause between the closing mark and the end of its sentence (``"…," she said``)."""
    if not seg.closed:
        return None
    if text[seg.start_char:seg.end_char].rstrip()[-1:] in _SENTENCE_END and \
            _sentence_lead(doc, text, seg) is not None:
        # 'Easley said she was more than "a friend." Lund told …': the quote ended its
        # sentence, which has a speaker of its own; the next sentence's cue is not its cue
        return None
    i = _token_at(doc, seg.end_char + 1, after=True)
    steps = 0
    while i < len(doc) and steps < 30:
        tok = doc[i]
        if "\n" in tok.text or (tok.idx < len(in_quote) and in_quote[tok.idx]):
            return None
        if tok.text == "(":
            # '"…," Rep. Ida Falk (H-Vel.) said': a bracket's full stop ends no sentence
            close = next((k for k in range(i + 1, min(len(doc), i + 12)) if doc[k].text == ")"),
                         None)
            if close is not None:
                steps += close - i
                i = close + 1
                continue
        if _is_cue(tok):
            if tok.tag_ == "VBG" and not any(c.dep_ in _SUBJECT_DEPS for c in tok.children):
                return None  # '"…," noting that …': the participle hangs on an earlier verb
            if any(c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children):
                return None  # '"shocked and saddened" to confirm …': no one is speaking
            return tok if _no_newline(text, seg.end_char, tok.idx) else None
        if tok.text in _SENTENCE_END or tok.text == ";" or tok.dep_ == "cc":
            return None  # '"…" and promised': a new clause, not an attribution
        if tok.pos_ in {"VERB", "AUX"} and tok.dep_ in {"ROOT", "ccomp", "conj"}:
            return None  # another predicate: the words after the quote are narration
        i += 1
        steps += 1
    return None


def _cue_before(doc: Doc, text: str, seg: Segment, in_quote: bytearray) -> Token | None:
    """A cue clause ending in ``,`` or ``:`` right before the opening mark (``she said: "…"``),
    also when the colon ends the paragraph before (``He said:`` ⏎ ``"…"``)."""
    lead = text[:seg.open_at].rstrip(" \t")
    intro = text[:seg.open_at].rstrip()
    if intro.endswith(":") and 0 < text.count("\n", len(intro), seg.open_at) <= 2:
        lead = intro  # a paragraph that introduces the quote below it
    if not lead:
        return None
    i = _token_at(doc, len(lead), after=False)
    first = i
    if lead[-1] not in ",:":
        # a quote straight after its cue: 'she said "…"', 'he said that "…"'
        if i >= 0 and doc[i].lower_ == "that" and i > 0:
            i -= 1
        return doc[i] if i >= 0 and _is_cue(doc[i]) else None
    steps = 0
    while i >= 0 and steps < 20:
        tok = doc[i]
        if "\n" in tok.text_with_ws and i != first or tok.is_space and i == first - 1 or (
                tok.idx < len(in_quote) and in_quote[tok.idx]):
            return None
        if tok.text in _SENTENCE_END:
            return None
        if _is_cue(tok):
            return tok
        i -= 1
        steps += 1
    return None


_BREAK = re.compile(r"(\S*)[.!?][\"\u201d\u2019')]*\s+(?=\S)")
#: Words that end in a full stop without ending a sentence.
_ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "st", "sr", "jr", "sen", "rep", "gov",
                            "gen", "col", "lt", "sgt", "no", "vs", "jan", "feb", "aug", "sept",
                            "oct", "nov", "dec", "inc", "corp", "co", "ltd"})


def _sentence_break(span: str) -> bool:
    """Whether ``span`` holds the end of a sentence followed by more text; the full stop of an
    abbreviation ("U.S. Mission", "Mr. Ash") is not one."""
    for m in _BREAK.finditer(span):
        word = m.group(1).strip("\"'\u201c\u201d(")
        if "." in word or word.lower() in _ABBREVIATIONS:
            continue
        before = span[:m.start(1)].split()
        if len(word) == 1 and word.isupper() and before and before[-1][:1].isupper():
            continue  # an initial, "George W. Bush"; but "posted on X. Police …" ends
        return True
    return False


def _goes_on(text: str, prev: Segment, seg: Segment) -> bool:
    """Whether quote ``seg`` continues ``prev`` rather than hanging on the cue after it: ``seg``
    ends its sentence with a full stop inside the marks, ``prev`` hangs on a cue after it, and
    nothing but that cue's sentence comes between them (``"…," Ash wrote, adding a link. "…."
    Ferries said …``)."""
    if prev.cue is None or prev.side != "after" or not prev.end_char < prev.cue.idx < seg.open_at:
        return False
    if not text[seg.start_char:seg.end_char].rstrip().endswith("."):
        return False
    between = text[prev.end_char + 1:seg.open_at].rstrip()
    return "\n" not in between and not _sentence_break(between)


def _reports_clause(cue: Token, in_quote: bytearray) -> bool:
    """Whether a cue has a finite clausal complement of its own after it, outside quotes."""
    return any(c.dep_ == "ccomp" and c.i > cue.i and not _quoted(in_quote, c.idx)
               and _finite(c) for c in cue.children)


def _finite(verb: Token) -> bool:
    """A finite clause ("no sailings were lost"), not an absolute participle ("his voice
    breaking") the parser took for a complement."""
    if verb.tag_ not in {"VBG", "VBN"}:
        return True
    return any(c.dep_ == "mark" or (c.dep_ in {"aux", "auxpass"}
                                    and c.tag_ in {"VBD", "VBZ", "VBP", "MD"})
               for c in verb.children)


def _no_newline(text: str, start: int, end: int) -> bool:
    return "\n" not in text[start:end]


def _sentence_lead(doc: Doc, text: str, seg: Segment) -> int | None:
    """Start of the unquoted words that open a quote's sentence (``Her time was "hard," she said``).

    Returns None when the quote itself opens the sentence.
    """
    k = seg.open_at
    while k > 0 and text[k - 1] in " \t":
        k -= 1
    if k == 0 or text[k - 1] in ".!?\n\"\u201d:":
        return None
    start = k
    while start > 0 and text[start - 1] not in ".!?\n\"\u201d\u201c":
        start -= 1
    while start < k and text[start] in _TRIM:
        start += 1
    return start if k - start >= 2 else None


def _stands_alone(text: str, seg: Segment) -> bool:
    """True when the quote is a sentence of its own (not a phrase inside a narrative sentence)."""
    k = seg.open_at
    while k > 0 and text[k - 1] in " \t":
        k -= 1
    before_ok = k == 0 or text[k - 1] in ".!?\n\"\u201d:"
    if not before_ok:
        return False
    content = text[seg.start_char:seg.end_char].rstrip()
    if not seg.closed:
        return len(content.split()) >= 3
    e = seg.end_char + 1
    while e < len(text) and text[e] in " \t":
        e += 1
    after_ok = e >= len(text) or text[e] in ".\n\"\u201c" or content[-1:] in ".!?"
    return after_ok and len(content.split()) >= 3


# ---- signed paragraphs ---------------------------------------------------------------------

_POST_SIGNATURE = re.compile(
    r"[ \t]+[\u2014\u2013-]+[ \t]+(?P<name>[^\n(\u2014]{2,60}?)[ \t]+\(@\w+\)[ \t]+"
    r"[A-Z][a-z]+\.? \d{1,2}, \d{4}[ \t]*$")
_POST_TAIL = re.compile(r"(?:[\s.]*(?:pic\.twitter\.com/\S+|https?://\S+|#\w+))+[\s.]*$")
_PULL_SIGNATURE = re.compile(
    r"(?<=[a-z0-9)\]%][.!?])[ \t]+(?P<name>(?:[A-Z][\w'\u2019-]*[ \t]+){0,6}"
    r"[A-Z][\w'\u2019-]+)(?P<title>,[ \t]+[^,\n]{1,50}?)?\.?[ \t]*$")
#: A quoted paragraph signed after a dash: ``"We will rebuild." ― Mara Quill, Vellport``.
_DASH_SIGNATURE = re.compile(
    r"[ \t]*[\"\u201c\u201d](?P<body>[^\n]{20,}?)[\"\u201d\u201c]?[ \t\xa0]*"
    r"(?P<dash>[\u2015\u2014\u2013]+)[ \t\xa0]*(?P<name>[A-Z][\w.'\u2019-]*(?:[ \t]+[A-Z][\w.'\u2019-]*)"
    r"{0,3}?)\.?(?:,[^\n]{0,80})?[ \t\xa0]*$")


def _signed(doc: Doc, text: str) -> list[_Found]:
    """Paragraphs signed by who said them: an embedded post (``… pic.twitter.com/… — Name
    (@handle) May 2, 2019``) and a pull quote (``We will rebuild. Mara Quill, mayor``) whose
    words the article also quotes elsewhere. Why the repetition test: a short name at the end
    of a paragraph is more often a photo credit or a sentence ending in a name; a pull quote
    repeats the article's own quote, so its opening words appear twice."""
    found: list[_Found] = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        post = _POST_SIGNATURE.search(line)
        dashed = _DASH_SIGNATURE.match(line)
        dash: tuple[int, int] | None = None
        if dashed is not None:
            dash = (start + dashed.start("dash"), start + dashed.end("dash"))
            body = line[:dashed.end("body")]
            end = dashed.end("name")
            if line[end - 1] == "." and end - dashed.start("name") > 3 and line[end - 3] != " ":
                end -= 1  # "― Carla Ruiz." ends a sentence; "Tobin A." keeps its initial
            name = (start + dashed.start("name"), start + end)
        elif post is not None:
            body = line[:post.start()]
            tail = _POST_TAIL.search(body)
            if tail is not None:
                body = body[:tail.start()]
            name = (start + post.start("name"), start + post.end("name"))
        else:
            pull = _PULL_SIGNATURE.search(line)
            if pull is None or len(line[:pull.start()].split()) < 6:
                continue
            words = pull.group("name").split() + (pull.group("title") or "").split()
            if any(w.lower().strip(",") in lexicon.NAME_LINK_WORDS for w in words):
                continue
            body = line[:pull.start() + 1]
            opening = body.strip(" \t\"\u201c")[:30]
            if len(opening) < 20 or text.count(opening) < 2:
                continue
            name = (start + pull.start("name"), start + pull.end("name"))
        lo = len(body) - len(body.lstrip(" \t.\"\u201c"))
        hi = len(body.rstrip(" \t.,;:"))
        if hi - lo < 20:
            continue
        who = doc.char_span(*name, alignment_mode="expand")
        if who is None or any(t.pos_ in {"VERB", "AUX"} for t in who):
            continue
        found.append(_Found(start + lo, start + hi, dashed is not None, None,
                            speaker_tok=who[-1], via="signed", cue_span=dash))
    return found


#: A paragraph opened by its speaker's label, as in an interview transcript (``PENCE: Well,
#: look …``) or a headline (``Holm: The levy will go``).
_LABEL = re.compile(r"[ \t]*[\"\u201c]?(?P<name>[A-Z][\w.'\u2019-]*(?:[ \t]+[A-Z][\w.'\u2019-]*)"
                    r"{0,2}):[ \t]+(?P<body>\S[^\n]*)$")


def _transcript(text: str, entities: Sequence[Entity]) -> list[_Found]:
    """Paragraphs opened by ``NAME:``: the rest of the paragraph is the named person's words.

    A label counts when it names a person of the article (``Pence:`` for Mike Pence) or when
    the article is a dialogue: at least two different all-capital labels, each opening two or
    more paragraphs (``WALLACE:`` … ``PENCE:``). Why so strict: news also opens paragraphs with
    section labels (``ANALYSIS:``, ``FED TALK:``) and teasers (``WATCH:``), which are nobody's
    words. The cue is the colon (``cue=":"``), as in PolNeAR: a transcript has no cue verb.
    """
    labelled: list[tuple[int, re.Match[str]]] = []
    pos = 0
    for line in text.split("\n"):
        if ":" in line[:40]:
            m = _LABEL.match(line)
            if m is not None and not lexicon.TEASER_RE.match(line):
                labelled.append((pos, m))
        pos += len(line) + 1
    if not labelled:
        return []
    counts: dict[str, int] = {}
    for _, m in labelled:
        if m.group("name").isupper():
            counts[m.group("name")] = counts.get(m.group("name"), 0) + 1
    dialogue = sum(1 for n in counts.values() if n >= 2) >= 2
    found: list[_Found] = []
    for pos, m in labelled:
        label = m.group("name")
        ent = _person_labelled(entities, label)
        if ent is None and not (dialogue and counts.get(label, 0) >= 2):
            continue
        body = m.group("body").rstrip()
        if body.count('"') % 2 == 1 and body.endswith('"'):
            body = body[:-1].rstrip()
        if len(body.split()) < 3:
            continue
        lo = pos + m.start("body")
        span = (pos + m.start("name"), pos + m.end("name"))
        named = (ent.id, ent.name, span) if ent is not None else (None, label, span)
        colon = pos + m.end("name")
        found.append(_Found(lo, lo + len(body), False, None, via="transcript", named=named,
                            cue_span=(colon, colon + 1)))
    return found


def _person_labelled(entities: Sequence[Entity], label: str) -> Entity | None:
    """The one person of the article whose name or surname is ``label`` (any case)."""
    want = label.lower()
    hits = [e for e in entities if e.type == "PERSON" and (
        e.name.lower() == want or e.name.lower().split()[-1:] == want.split()[-1:]
        and len(want.split()) == 1)]
    return hits[0] if len(hits) == 1 else None


# ---- indirect quotes -----------------------------------------------------------------------


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
#: Entity labels of the parser that never name who said something.
_NOT_ACTORS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})


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


#: Site chrome that links to another story: "READ MORE: Mayor says …", "WATCH: …".


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


# ---- speakers ------------------------------------------------------------------------------


def _subject(cue: Token, in_quote: bytearray) -> Token | None:
    """Who does the speaking of ``cue``: its grammatical subject (inherited through ``and
    added``, ``, saying``), else a name the parser left unattached right before the cue
    (``Van Orden, told VOA``) or right after it (``… said Sen. Mara Quill``).

    Words inside quote marks never speak for a cue outside them: when the parser hangs ``"…,"
    Holt told VOA`` on the quoted sentence, its subject (``this``, ``We``) is someone's words,
    not the speaker, and a participle (``…," Holt said, adding that …``) then takes the subject
    of the cue before it.
    """
    doc = cue.doc
    outside = not _quoted(in_quote, cue.idx)
    if cue.dep_ == "xcomp" and cue.head.tag_ == "VBG" and cue.head.i < cue.i and not any(
            c.dep_ in _SUBJECT_DEPS for c in cue.children):
        return _subject(cue.head, in_quote)  # "…, going on to say that …": who goes on
    if cue.tag_ == "VBG" and not any(c.dep_ in _SUBJECT_DEPS for c in cue.children):
        # "…, Fek said, describing …": a participle right after a cue goes on with its
        # speaker, wherever the parser hung it
        k = cue.i - 1
        while k > cue.sent.start and cue.i - k <= 4 and (doc[k].is_punct or doc[k].pos_ in {
                "ADV", "NOUN", "PROPN", "ADP", "DET", "NUM"}) and not _is_cue(doc[k]):
            k -= 1
        if _is_cue(doc[k]) and not _quoted(in_quote, doc[k].idx) and k < cue.i - 1:
            subj = next((c for c in doc[k].children if c.dep_ in _SUBJECT_DEPS), None)
            if subj is not None and not _quoted(in_quote, subj.idx):
                return subj
    tok = cue
    for _ in range(3):
        subj = _nearest_subject(tok)
        if subj is not None:
            if outside and _quoted(in_quote, subj.idx):
                break
            if subj.dep_ == "nsubjpass" and tok.i == cue.i:
                # "The islanders have been told that …": who was told, or what was
                # announced, is not who spoke; the agent is ("was told by the council")
                agent = next((c for c in cue.children if c.dep_ == "agent"), None)
                return next((c for c in agent.children if c.dep_ == "pobj"), None) \
                    if agent is not None else None
            return subj
        if tok.dep_ in {"conj", "xcomp", "advcl", "pcomp"} and tok.head.i != tok.i:
            tok = tok.head
            if outside and _quoted(in_quote, tok.idx):
                break
            if tok.dep_ == "ccomp" and tok.head.i != tok.i and _is_cue(tok.head):
                # "Ash said the plan is late, noting …": the parser hung the participle in the
                # reported clause; it goes on with the one reporting it
                tok = tok.head
            continue
        break
    left = doc[cue.i - 1] if cue.i > 0 else None
    if left is not None and left.text == "," and cue.i > 1 and doc[cue.i - 2].pos_ == "PROPN" \
            and doc[cue.i - 2].ent_type_ not in {"DATE", "TIME", "GPE", "LOC"}:
        left = doc[cue.i - 2]  # "…," Councillor Derrin Holt, told the Ledger
    elif left is not None and left.text == ")" and cue.i > 2:
        # "Rep. Elijah Cummings (D-Md.) said": the name before the bracket
        k = cue.i - 2
        while k > cue.sent.start and doc[k].text != "(" and cue.i - k < 10:
            k -= 1
        if doc[k].text == "(" and k > 0 and doc[k - 1].pos_ == "PROPN":
            left = doc[k - 1]
    elif left is not None and left.text == ",":
        # '"…," Flynn, a top Trump surrogate, said': the name right after the closing mark
        for k in range(cue.i - 2, max(cue.sent.start, cue.i - 16), -1):
            if doc[k].pos_ in {"VERB", "AUX"}:
                break
            if _is_mark(doc[k]) and k + 1 < cue.i and doc[k + 1].pos_ == "PROPN" and \
                    _quoted(in_quote, doc[k].idx) and not _quoted(in_quote, doc[k + 1].idx):
                name = doc[k + 1]
                while name.i + 1 < cue.i and doc[name.i + 1].pos_ == "PROPN":
                    name = doc[name.i + 1]
                if name.ent_type_ not in _NOT_ACTORS | {"GPE", "LOC"}:
                    left = name
                break
    if left is not None and not _quoted(in_quote, left.idx) and (
            left.dep_ not in {"pobj", "dobj"} or (
            left.pos_ == "PROPN" and left.ent_type_ == "PERSON")) and (
            left.pos_ in {"PROPN", "PRON"} or (left.is_title and left.dep_ in {"aux", "nsubj"})):
        return left  # "McNeely said …" parsed as a modifier of the reported clause
    comp = next((c for c in cue.children if c.dep_ in {"ccomp", "xcomp"} and c.i > cue.i), None)
    reported = next((c for c in comp.children if c.dep_ in _SUBJECT_DEPS), None) if comp else None
    if cue.tag_ == "VBG" or cue.dep_ in {"conj", "advcl"}:
        # "…," Holt said, adding that …: the participle goes on with the cue before it; "…,
        # saying he would …" is about the one saying it; else the nearest clause above the
        # participle that has a subject of its own
        for k in range(cue.i - 1, cue.sent.start - 1, -1):
            prev = doc[k]
            if _is_cue(prev) and prev.lemma_.lower() not in lexicon.DIRECT_ONLY_CUES \
                    and not _quoted(in_quote, prev.idx):
                subj = next((c for c in prev.children if c.dep_ in _SUBJECT_DEPS), None)
                if subj is not None and not _quoted(in_quote, subj.idx):
                    return subj
        head = cue
        while head.head.i != head.i:
            head = head.head
            if head.dep_ == "ccomp" and _is_cue(head.head):
                continue  # a clause someone reports: its subject is not who goes on talking
            subj = next((c for c in head.children if c.dep_ in _SUBJECT_DEPS), None)
            if subj is not None and not (outside and _quoted(in_quote, subj.idx)):
                return subj
        if reported is not None and reported.lower_ in lexicon.SPEAKER_PRONOUNS:
            return reported
        if cue.tag_ == "VBG" and cue.i > 0 and doc[cue.i - 1].text == ",":
            # "Sudani was first to share word of the strike, announcing …" however parsed:
            # the subject of the clause the participle follows
            for k in range(cue.i - 1, cue.sent.start - 1, -1):
                t = doc[k]
                if t.dep_ == "nsubj" and t.head.i < cue.i and not _quoted(in_quote, t.idx):
                    return t
    after_quote = cue.i > 0 and _is_mark(doc[cue.i - 1])
    if comp is not None and not after_quote:
        return None  # "said Dodik does not …": the name after the cue is the reported subject
    # inverted order the parser missed: "… said Sen. Mara Quill"
    for k in range(cue.i + 1, min(len(doc), cue.i + 4)):
        t = doc[k]
        if _quoted(in_quote, t.idx) or t.is_punct:
            break
        if t.ent_type_ in _NOT_ACTORS:
            continue  # "said Thursday morning …": a time, not the speaker
        if t.pos_ == "PROPN" or t.ent_type_ in {"PERSON", "ORG"} or t.lower_ in {"he", "she"}:
            while t.dep_ in {"compound", "flat"} and t.head.i > t.i:
                t = t.head
            if t.dep_ in _SUBJECT_DEPS and t.head.i != cue.i and not after_quote:
                break  # the subject of a clause the cue reports
            if t.dep_ in {"dobj", "dative"} and t.head.i == cue.i:
                break  # "told VOA": who was told
            return t
    return None


def _nearest_subject(verb: Token) -> Token | None:
    """The verb's subject; of two the parser gave it, the one nearest before it (a section
    heading glued to the sentence, ``Harbour deal During a visit …, Quill said``, is parsed
    as a second subject far from the verb)."""
    subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
    if len(subjects) > 1:
        before = [c for c in subjects if c.i < verb.i]
        doc = verb.doc
        if len(before) > 1 and any(doc[k].text == "," for k in range(
                before[-2].i + 1, before[-1].left_edge.i)):
            return before[-1]  # set off by a comma from the first: that one is a heading
    subj = subjects[0] if subjects else None
    if subj is not None and subj.i < verb.i and subj.pos_ == "PROPN" and (
            subj.ent_type_ != "PERSON" or any(
            c.dep_ == "compound" and c.pos_ == "NOUN" for c in subj.children)):
        person = _person_of(subj)
        if person is not None:
            return person
    return subj


def _person_of(subj: Token) -> Token | None:
    """The person a subject organisation is only the affiliation of, when the parser took
    the organisation for the subject: ``Tobin Pell of the foreign affairs think tank Kestrel
    said``, ``an analyst at Norland Bank said`` → Pell, the analyst."""
    doc = subj.doc
    for k in range(subj.left_edge.i - 1, subj.sent.start, -1):
        tok = doc[k]
        if tok.text in {",", ";", ":", "(", ")"} or _is_mark(tok) or tok.pos_ in {
                "AUX", "CCONJ"} or tok.pos_ == "VERB" and tok.dep_ not in {
                "dep", "compound", "amod"} and not (doc[k + 1].dep_ == "compound"
                                                    and doc[k + 1].pos_ == "NOUN"):
            return None  # a verb of its own ends the phrase, not "think" of "think tank"
        if tok.lower_ in {"of", "at", "from", "with"} and tok.dep_ == "prep":
            prev = doc[k - 1]
            if prev.ent_type_ == "PERSON" and prev.pos_ == "PROPN" or prev.pos_ == "NOUN" and \
                    prev.lemma_.lower() in lexicon.SPEAKER_TITLES:
                return prev
            return None
    return None


def _np_bounds(tok: Token) -> tuple[int, int]:
    """Token range of a speaker noun phrase: its left modifiers and coordinated names, without
    appositions or relative clauses."""
    lo = tok.i
    for child in tok.lefts:
        if child.dep_ in {"compound", "det", "amod", "poss", "nmod", "nummod", "flat", "case",
                          "quantmod", "punct"} or child.pos_ == "PROPN":
            lo = min(lo, child.left_edge.i)
    hi = tok.i
    for child in tok.rights:
        if child.dep_ in {"flat", "compound"}:
            hi = max(hi, child.right_edge.i)
        elif child.dep_ == "conj" and child.pos_ in {"PROPN", "NOUN"}:
            hi = max(hi, _np_bounds(child)[1])
    while lo < tok.i and tok.doc[lo].is_punct:
        lo += 1
    return lo, hi


def _resolve_speakers(doc: Doc, text: str, found: list[_Found], entities: Sequence[Entity],
                      paragraphs: list[int], in_quote: bytearray, roles: Sequence[Role] = ()
                      ) -> list[Quote]:
    by_id = {e.id: e for e in entities}
    offices: dict[str, set[str]] = {}
    for r in roles:
        offices.setdefault(r.entity_id, set()).add(title_head(r.title))
    persons = _person_timeline(doc, entities, in_quote)
    # gender as the coreference step decided it (stored with the entities)
    genders = {e.id: e.gender for e in entities if e.type == "PERSON" and e.gender}
    names = {e.id: e.name for e in entities}
    quotes: list[Quote] = []
    last: tuple[int, str | None, str | None, tuple[int, int] | None] | None = None
    cue_cache: dict[int, tuple[str | None, str | None, tuple[int, int] | None]] = {}
    for f in found:
        speaker_id: str | None = None
        speaker: str | None = None
        span: tuple[int, int] | None = None
        if f.named is not None:
            speaker_id, speaker, span = f.named
        elif f.via == "continuation":
            if last is not None and _continues(persons, paragraphs, last, f.start_char):
                speaker_id, speaker, span = last[1], last[2], last[3]
        else:
            key = f.cue.i if f.cue is not None else -1 - (f.speaker_tok.i if f.speaker_tok else 0)
            if key in cue_cache:
                speaker_id, speaker, span = cue_cache[key]
            else:
                subj = f.speaker_tok
                if subj is None and f.cue is not None:
                    subj = _subject(f.cue, in_quote)
                if subj is not None:
                    speaker_id, speaker, span = _speaker(doc, subj, entities, persons,
                                                         by_id, last, genders, in_quote,
                                                         offices)
                cue_cache[key] = (speaker_id, speaker, span)
        if speaker_id is not None and speaker_id in by_id:
            speaker = names[speaker_id]
        cue = f.cue
        quotes.append(Quote(
            start_char=f.start_char, end_char=f.end_char, text=text[f.start_char:f.end_char], direct=f.direct,
            cue=cue.text if cue is not None else "according to" if f.via == "according" else (
                text[f.cue_span[0]:f.cue_span[1]] if f.cue_span else None),
            cue_start_char=cue.idx if cue is not None else (f.cue_span[0] if f.cue_span else None),
            cue_end_char=cue.idx + len(cue) if cue is not None else (f.cue_span[1] if f.cue_span
                                                                 else None),
            speaker_id=speaker_id, speaker=speaker,
            speaker_start_char=span[0] if span else None,
            speaker_end_char=span[1] if span else None,
        ))
        if f.via in {"signed", "transcript"}:
            continue  # an embedded post or pull quote stands outside the article's prose
        if speaker is not None:
            last = (f.end_char, speaker_id, speaker, span)
            if speaker_id is not None and speaker_id in by_id and _personal(by_id[speaker_id]):
                # kept sorted for nearest_person; a full re-sort per quote was O(q·p log p)
                insort(persons, (span[0] if span else f.start_char, speaker_id, True))
        else:
            last = None if f.via != "continuation" else last
    return quotes


def _continues(persons: list[tuple[int, str, bool]], paragraphs: list[int], last: tuple,
               start: int) -> bool:
    """Whether an unattributed quote at ``start`` goes on with the last speaker's words: the
    next paragraph, or up to three paragraphs on when no other person is named in between."""
    gap = paragraphs[start] - paragraphs[last[0]]
    if gap <= 1:
        return True
    if gap > 3:
        return False
    return not any(last[0] <= pos < start and pid != last[1] for pos, pid, _ in persons)


def _speaker(doc: Doc, subj: Token, entities: Sequence[Entity],
             persons: list[tuple[int, str, bool]], by_id: dict[str, Entity],
             last: tuple | None, genders: dict[str, str], in_quote: bytearray | None = None,
             offices: dict[str, set[str]] | None = None
             ) -> tuple[str | None, str | None, tuple[int, int] | None]:
    low = subj.lower_
    if low in lexicon.RELATIVE_PRONOUNS and subj.head.dep_ == "relcl":
        subj = subj.head.head  # "Heather, who said …": the antecedent speaks
        low = subj.lower_
    span = (subj.idx, subj.idx + len(subj))
    if subj.pos_ == "PRON" or low in lexicon.SPEAKER_ALL_PRONOUNS:
        if low in lexicon.SPEAKER_PRONOUNS:
            # the quote step knows who spoke last (speakers named only by a title or a
            # description count as subjects too); failing that, the coreference step's answer
            gender = "f" if low in {"she", "her"} else "m"
            pid = nearest_person(persons, subj.idx, gender, genders)
            if pid is not None:
                return pid, by_id[pid].name, span
            resolved = _pronoun_mention(entities, subj)
            if resolved is not None:
                return resolved.id, resolved.name, span
        if (low in lexicon.GROUP_PRONOUNS or low == "it") and last is not None and last[1] in by_id \
                and by_id[last[1]].type != "PERSON":
            if low == "it":
                # "… the firm said. … EDC declined to answer. "…," it said": an organisation
                # the sentences since the last quote were about comes first
                ent, at = _nearest_org_at(entities, subj.idx, place=False, subject_of=doc,
                                          main=True)
                if ent is not None and at > last[0]:
                    return ent.id, ent.name, span
            return last[1], last[2], span
        if low == "it":
            ent = _nearest_org(entities, subj.idx, place=False, subject_of=doc)
            if ent is not None:
                return ent.id, ent.name, span
        group = _plural_subject(subj, in_quote) if low in lexicon.GROUP_PRONOUNS else None
        if group is not None and (last is None or group.idx > (last[3][0] if last[3] else last[0])):
            # "Several executives have warned about it. They say …": the group the sentences
            # before were about, when it came after the last speaker
            group_id, group_name, _ = _speaker(doc, group, entities, persons, by_id, last,
                                                genders, in_quote, offices)
            return group_id, group_name, span
        if low in lexicon.GROUP_PRONOUNS and last is not None and last[1] is None and last[2] \
                and last[2].lower() not in (lexicon.SPEAKER_ALL_PRONOUNS | {'it'}):
            return None, last[2], span  # "officials said …. They said …"
        if low in lexicon.GROUP_PRONOUNS and last is not None and last[1] is None \
                and " and " in (last[2] or ""):
            return None, last[2], span
        return None, subj.text, span
    if _dateline(subj):
        # "WASHINGTON -- President Obama, dedicating …, said": the place heads the story, the
        # person the parser hung on it speaks
        name = next((c for c in subj.rights if c.pos_ == "PROPN" and c.dep_ in {
            "appos", "npadvmod", "dep", "conj"}), None)
        if name is not None:
            return _speaker(doc, name, entities, persons, by_id, last, genders, in_quote,
                            offices)
    head = subj.lemma_.lower()
    if head in lexicon.DOCUMENT_NOUNS:
        # "a statement from the EU said", "the union's release said": the author speaks
        author = next((c for c in subj.children if c.dep_ == "poss"), None)
        if author is None:
            prep = next((c for c in subj.children if c.dep_ == "prep"
                         and c.lower_ in {"from", "by", "of"}), None)
            author = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
        if author is not None:
            return _speaker(doc, author, entities, persons, by_id, last, genders, in_quote,
                            offices)
    lo, hi = _np_bounds(subj)
    np_span = (doc[lo].idx, doc[hi].idx + len(doc[hi]))
    # "Roe and Lund said": two speakers; "Roe, chief strategist at X, said": the parser's
    # comma conjunct is an apposition, and Roe alone speaks
    has_conj = any(c.dep_ == "conj" for c in subj.children) and any(
        c.dep_ == "cc" for c in subj.children)
    if not has_conj:
        ent = entity_for_span(entities, *span)
        if ent is None and not _described(subj):
            # not the possessor: in "Vancouver's Bo Horvat said" the city does not speak
            owner = max((c.right_edge.i for c in subj.lefts if c.dep_ == "poss"), default=-1)
            name_lo = max(lo, owner + 1)
            if name_lo <= hi:
                ent = entity_for_span(entities, doc[name_lo].idx, np_span[1])
        label = ent is not None and ent.type == "NORP"
        if ent is None or label:
            # "One red-state Democrat, Sen. Jon Tester, said": the apposition names the speaker
            # (not of "three senators — Ames, Lund and Roe — said": all of them speak)
            named = None
            if subj.tag_ not in {"NNS", "NNPS"}:
                # the apposition may hang on a word of the description ("X's envoy to the
                # United Nations, Munir Akram, said"): the name set off right before the cue
                for child in [*subj.children, *sorted(
                        (t for t in subj.subtree if t.head.i != subj.i and t.i > subj.i
                         and t.right_edge.i + 1 < len(doc)
                         and doc[t.right_edge.i + 1].text == ","
                         and t.right_edge.i + 2 == subj.head.i),
                        key=lambda t: -t.i)]:
                    if child.dep_ == "appos":
                        found = entity_for_span(entities, child.idx, child.idx + len(child))
                        if found is not None and found.type == "PERSON":
                            named = found
                            break
            ent = named if named is not None else None if label else ent
        if ent is not None:
            return ent.id, ent.name, np_span
    definite = any(c.lower_ in {"the", "our", "his", "her", "their", "its"}
                   and c.dep_ in {"det", "poss"} for c in subj.lefts)
    if definite and not has_conj and subj.tag_ == "NNP" and subj.ent_type_ == "NORP":
        # "the Kentucky Republican said": a party or nationality label standing for the
        # person the sentences before were about
        pid = nearest_person(persons, subj.idx, None, genders)
        if pid is not None:
            return pid, by_id[pid].name, np_span
    own_words = [c for c in subj.children if c.dep_ in {"compound", "amod", "prep"}]
    plural = subj.tag_ in {"NNS", "NNPS"}  # "the judges said": several people, not one named
    if definite and not has_conj and not plural and _epithet(subj):
        # "the lanky professor said", "the rookie defenceman said": a description of someone
        # already named, the way news prose avoids repeating a name
        pid = _described_person(persons, subj, genders, offices)
        if pid is not None:
            return pid, by_id[pid].name, np_span
    if definite and not has_conj and not own_words:
        if head in lexicon.SPEAKER_TITLES and not plural:
            pid = _described_person(persons, subj, genders, offices)
            if pid is not None:
                return pid, by_id[pid].name, np_span
        if head in lexicon.SPEAKER_ORG_NOUNS:
            ent = _org_for_noun(doc, entities, subj.idx, head)
            if ent is not None:
                return ent.id, ent.name, np_span
    lo, hi = _nominal_bounds(subj)
    surface = lexicon.SPEAKER_HONORIFIC_RE.sub("", doc[lo:hi + 1].text)
    # a relative clause after a comma, or "but …", says something about the speaker, not
    # who it is ("an expert cited in the report, which looked at …", "a person familiar with
    # the talks but …")
    surface = _DESCRIPTION_TAIL.sub("", surface)
    surface = re.sub(r"(?:'s|\u2019s)$", "", surface).strip(" ,")
    return None, surface or subj.text, np_span


def _described_person(persons: list[tuple[int, str, bool]], subj: Token, genders: dict[str, str],
                      offices: dict[str, set[str]] | None) -> str | None:
    """The person a definite description (``the veteran coach``, ``the army chief``) picks
    up: the nearest subject or speaker, unless the article gives that person another office
    (``President Ana Roe … The army chief said``: the chief is someone else)."""
    pid = nearest_person(persons, subj.idx, None, genders)
    if pid is None or not offices or not offices.get(pid):
        return pid
    if not any(c.dep_ == "compound" or c.ent_type_ in {"NORP", "GPE", "ORG"} for c in subj.lefts):
        return pid  # "the lanky professor": how someone looks, not which office they hold
    head = title_head(subj.lemma_.lower())
    return pid if head in offices[pid] else None


def _dateline(tok: Token) -> bool:
    """A place in capitals opening a paragraph before a dash or a date (``WASHINGTON --``,
    ``PORT AVEL, March 2 (Wire) -``): the dateline, which names no speaker."""
    doc = tok.doc
    lo = tok.left_edge.i
    if not tok.text.isupper() or len(tok.text) < 3 or doc.text[:doc[lo].idx].rstrip(" \t")[-1:] \
            not in {"", "\n"}:
        return False
    return any(t.text in {"--", "\u2014", "\u2013", "-", "("} for t in doc[tok.i + 1:tok.i + 6])


def _plural_subject(pronoun: Token, in_quote: bytearray | None) -> Token | None:
    """The nearest plural subject of a main clause before ``pronoun``, in its sentence or the
    two before, outside quote marks: a plural noun (``executives``) or names joined by
    ``and``."""
    doc = pronoun.doc
    sent = pronoun.sent
    start = sent.start
    for _ in range(2):
        if start == 0:
            break
        start = doc[start - 1].sent.start
    for k in range(pronoun.i - 1, start - 1, -1):
        t = doc[k]
        if t.dep_ not in _SUBJECT_DEPS or t.pos_ == "PRON" or \
                in_quote is not None and _quoted(in_quote, t.idx):
            continue
        if t.head.dep_ in {"relcl", "acl", "ccomp"}:
            continue  # "people who say …", "Lund said officials …": not what the text is about
        if t.tag_ in {"NNS", "NNPS"} or any(c.dep_ == "conj" for c in t.children) and any(
                c.dep_ == "cc" for c in t.children):
            return t
    return None


_DESCRIPTION_TAIL = re.compile(r"(?:,\s+(?:which|who|whose)\b|\s+but\s).*$",
                               re.DOTALL)


def _pronoun_mention(entities: Sequence[Entity], tok: Token) -> Entity | None:
    """The person the coreference step resolved this pronoun to, if it did."""
    for ent in entities:
        if ent.type == "PERSON" and any(m.kind == "pronoun" and m.start_char == tok.idx
                                        for m in ent.mentions):
            return ent
    return None


def _nominal_bounds(tok: Token) -> tuple[int, int]:
    """A speaker described rather than named keeps its modifiers: "an official with the
    ministry", "people arrested last week"."""
    lo, hi = _np_bounds(tok)
    for child in tok.rights:
        if child.dep_ in {"prep", "acl", "amod"}:
            end = child.right_edge.i
            # not into an apposition or list after a comma: "a spokesman for Roe's daughter,
            # Ilse and Marsh named …" (the names are the next clause's subject)
            comma = next((t.i for t in child.subtree if t.text == "," and t.i + 1 <= end
                          and tok.doc[t.i + 1].dep_ == "appos"), None)
            hi = max(hi, comma - 1 if comma is not None else end)
    return lo, hi


def _org_for_noun(doc: Doc, entities: Sequence[Entity], before: int, head: str
                  ) -> Entity | None:
    """The organisation (or place) a definite description stands for: "the union" → the last
    organisation with "union" in its name; "the company" → the last organisation that was a
    subject; "the city" → the last city-like place (never a bridge or a street). None when no
    name fits: a wrong organisation is worse than the description kept as written.
    """
    if head in lexicon.PLACE_NOUNS:
        ent = _nearest_org(entities, before, place=True)
        return ent if ent is not None and ent.type == "GPE" else None
    named = _nearest_named(entities, before, head)
    if named is not None:
        return named
    if head in lexicon.GENERIC_ORG_NOUNS:
        return _nearest_org(entities, before, place=False, subject_of=doc)
    return None


def _nearest_named(entities: Sequence[Entity], before: int, head: str) -> Entity | None:
    """The organisation mentioned last before ``before`` whose name holds the word ``head``."""
    best, best_pos = None, -1
    for ent in entities:
        if ent.type != "ORG" or head not in ent.name.lower().split():
            continue
        for m in ent.mentions:
            if best_pos < m.start_char < before:
                best, best_pos = ent, m.start_char
    return best


def _nearest_org(entities: Sequence[Entity], before: int, *, place: bool,
                 subject_of: Doc | None = None) -> Entity | None:
    """The organisation (or place) mentioned last before ``before``; with ``subject_of``, only
    mentions in subject position count ("it said" picks up what the sentences were about)."""
    return _nearest_org_at(entities, before, place=place, subject_of=subject_of)[0]


def _nearest_org_at(entities: Sequence[Entity], before: int, *, place: bool,
                    subject_of: Doc | None = None, main: bool = False
                    ) -> tuple[Entity | None, int]:
    """:func:`_nearest_org` and where that mention starts (-1 when there is none); with
    ``main``, only subjects of a main clause (not "Lund said the insurer had refused")."""
    types = {"GPE", "LOC"} if place else {"ORG"}
    best, best_pos = None, -1
    for ent in entities:
        if ent.type not in types:
            continue
        for m in ent.mentions:
            if not best_pos < m.start_char < before:
                continue
            if subject_of is not None:
                span = subject_of.char_span(m.start_char, m.end_char, alignment_mode="expand")
                if span is None or span.root.dep_ not in _SUBJECT_DEPS or (
                        main and not main_subject(span.root)):
                    continue
            best, best_pos = ent, m.start_char
    return best, best_pos


def _personal(ent: Entity) -> bool:
    """A person, or a speaking "organisation" whose name looks like a person's: the small
    model often tags a first-and-last name as ORG ("Nadia Holm said …")."""
    if ent.type == "PERSON":
        return True
    words = ent.name.split()
    return ent.type == "ORG" and 2 <= len(words) <= 3 and all(
        w[:1].isupper() and not w.isupper() and w.lower().strip(".") not in lexicon.SPEAKER_ORG_WORDS
        for w in words)


def _epithet(subj: Token) -> bool:
    """A singular common noun for a person, with only adjectives and nouns before it and
    nothing after it ("the affable proprietor", "the veteran coach")."""
    if subj.tag_ != "NN" or subj.lemma_.lower() in lexicon.SPEAKER_ORG_NOUNS | lexicon.DOCUMENT_NOUNS | lexicon.KIN_NOUNS:
        return False
    if any(c.dep_ in {"prep", "acl", "relcl", "appos"} for c in subj.rights):
        return False
    if not any(c.lower_ == "the" for c in subj.lefts) or any(c.pos_ == "PROPN"
                                                              for c in subj.lefts):
        return False  # "his father", "the Nova Scotia judge": someone else, or a new person
    if subj.lemma_.lower() in lexicon.SPEAKER_TITLES:
        return True
    return subj.lower_.endswith(lexicon.PERSON_SUFFIXES)


def _described(subj: Token) -> bool:
    """A common-noun speaker whose name words are only modifiers ("Surrey staff", "a Freedom
    Mobile spokesperson", "Trudeau's office"): the phrase, not the named entity, is speaking."""
    return subj.pos_ == "NOUN" and subj.lower_ not in lexicon.SPEAKER_PRONOUNS


def _person_timeline(doc: Doc, entities: Sequence[Entity], in_quote: bytearray
                     ) -> list[tuple[int, str, bool]]:
    """(position, entity id, in subject position) for every non-pronoun person mention outside
    quote marks (a person named inside someone's quote is not who "he said" picks up)."""
    out = []
    for ent in entities:
        if ent.type != "PERSON":
            continue
        for m in ent.mentions:
            if m.kind == "pronoun" or _quoted(in_quote, m.start_char):
                continue
            span = doc.char_span(m.start_char, m.end_char, alignment_mode="expand")
            subject = span is not None and main_subject(span.root)
            out.append((m.start_char, ent.id, subject))
    out.sort()
    return out


def _quoted(mask: bytearray, at: int) -> bool:
    return at < len(mask) and bool(mask[at])


def _paragraph_index(text: str) -> list[int]:
    """Paragraph number of every character; lines holding only punctuation do not count."""
    index = [0] * (len(text) + 1)
    para = 0
    pos = 0
    for line in text.split("\n"):
        if line.strip(" .\t"):
            para += 1
        for k in range(pos, min(len(text) + 1, pos + len(line) + 1)):
            index[k] = para
        pos += len(line) + 1
    return index



def _run(inputs: Inputs) -> dict[str, list[Quote]]:
    assert inputs.doc is not None
    return {"quotes": extract_quotes(inputs.doc, inputs["entities"], inputs["roles"])}


QUOTES = RecordKind("quotes", Quote, title="Quotes", render=quote_lines)
COMPONENT = Component("quotes", VERSION, _run, requires=("entities",), assigns=(QUOTES,),
                      data=("titles", "names", "pronouns", "organisations", "places",
                            "function_words", "verbs"))
