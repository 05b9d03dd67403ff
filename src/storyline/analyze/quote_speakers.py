"""Who says a quote: the subject of its cue, resolved to the article's entities (names, pronouns after the last speaker, descriptions, organisations), with the person timeline of the article."""

from __future__ import annotations

import re
from bisect import insort
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..models import Entity, Quote, Role
from . import lexicon
from .coref import main_subject, nearest_person, title_head
from .entities import entity_for_span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


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


def _is_mark(tok: Token) -> bool:
    return tok.text in {'"', "\u201c", "\u201d", "''", "``"} or tok.text.strip("\"\u201c\u201d") == ""


def _is_cue(tok: Token) -> bool:
    return tok.lemma_.lower() in lexicon.CUE_VERBS and tok.pos_ in {"VERB", "AUX"} and tok.tag_ != "MD"


#: Entity labels of the parser that never name who said something.
_NOT_ACTORS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})


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
