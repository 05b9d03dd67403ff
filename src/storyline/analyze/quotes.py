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

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..models import Entity, Quote, RecordKind, Role
from ..render import quote_lines
from .component import Component, Inputs
from .quotemarks import balanced_end, coverage, pair_marks

if TYPE_CHECKING:
    from spacy.tokens import Doc
from .quote_direct import (
    _attach_cue,
    _content_end,
    _goes_on,
    _reports_clause,
    _sentence_lead,
    _signed,
    _stands_alone,
    _transcript,
    _untangle,
)
from .quote_indirect import (
    _indirect,
    _naming,
    _owned_words,
    _reported_nouns,
)
from .quote_speakers import (
    _Found,
    _paragraph_index,
    _resolve_speakers,
)

#: Bump when a change here or in ``quote_direct``, ``quote_indirect`` or ``quote_speakers``
#: changes which quotes, spans or speakers come out.
VERSION = "15"


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


def _run(inputs: Inputs) -> dict[str, list[Quote]]:
    assert inputs.doc is not None
    return {"quotes": extract_quotes(inputs.doc, inputs["entities"], inputs["roles"])}


QUOTES = RecordKind("quotes", Quote, title="Quotes", render=quote_lines)


COMPONENT = Component("quotes", VERSION, _run, requires=("entities",), assigns=(QUOTES,),
                      data=("titles", "names", "pronouns", "organisations", "places",
                            "function_words", "verbs"))
