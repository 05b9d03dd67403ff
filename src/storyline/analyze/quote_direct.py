"""Direct quotes: quotation marks and the cue before or after them, quotes that go on across paragraphs, signed paragraphs and transcripts; and one record per statement where findings overlap."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..models import Entity
from . import lexicon
from .quotemarks import Segment, balanced_end

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
from .quote_speakers import (
    _SENTENCE_END,
    _SUBJECT_DEPS,
    _TRIM,
    _Found,
    _is_cue,
    _is_mark,
    _quoted,
)

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
