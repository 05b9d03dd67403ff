"""Statements: the facts one article states, each with its sentence and character span, read
from the article's stored analysis and the canonical entity of each of its entities.

Per article (:func:`statements_of`), in this order:

1. **actions** — the parse's actions (``Action``): their subjects as canonical entities
   (coordinated subjects of one verb are one statement with several actors), the predicate
   compared by (``predicate_synonyms``; a verb and its object head may stand for one,
   ``predicate_objects``: "put her signature" is signing), the object and its class
   (``object_classes``), the date of the time expression that governs it, and its place (a
   place named by "in"/"at" right after it);
2. **events** — developments the parse gave no action for, read off the text: agentless
   passives and intransitive past forms of ``event_verbs`` ("the fishermen were released in
   Skarholm last Thursday", "the rain began on Friday"), with the time expression and place
   after them in the clause;
3. **quotes** — who said what (``Quote``), the speaker as a canonical entity;
4. **numbers** — figures and what they count (:mod:`.numbers`), outside time expressions
   and names;
5. **dates** — each time expression that dates an action or event above, with what it dates;
6. **titles** — the titles the article gives people (``Role``), as of its date.

Nothing here reads the database or loads spaCy: :class:`Source` brings what is needed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..analyze import lexicon as L
from ..models import Action, Analysis, Article, Statement, TimeExpr
from . import wording as W
from .numbers import figures, written

#: Time expression values that name a day, week, month, quarter or year (not PRESENT_REF, durations).
_CONCRETE = re.compile(r"^\d{4}(?:-(?:\d{2}(?:-\d{2})?|W\d{2}|Q\d))?")
_AUX = frozenset({"was", "were", "been", "be", "being", "is", "are", "got", "get", "gets"})
_BEFORE_ADJECTIVE = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "this",
                               "that", "these", "those", "newly", "recently"})
_AFTER_INTRANSITIVE = frozenset({"on", "in", "at", "after", "before", "last", "this", "early",
                                 "late", "overnight", "yesterday", "today", "when", "as", "and",
                                 "following", "amid", "during", "until", "earlier", "again"})
_PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
# "HARROWBY, March 8 (KNA) - ": the wire's dateline, not part of what the sentence says
_DATELINE = re.compile(r"^[A-Z][A-Z .'’-]+,\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s*)?"
                       r"(?:\([^)]{1,40}\))?\s*[-–—]+\s*")
_AUX_TAIL = frozenset({"had", "has", "have", "was", "were", "been", "being", "is", "are", "be",
                       "would", "will", "could", "should", "may", "might", "must", "can",
                       "not", "also", "already", "reportedly", "partly", "finally", "now",
                       "still", "then", "later", "just", "all", "both"})
_PRONOUNS = frozenset({"it", "its", "they", "them", "he", "she", "him", "her", "we", "us",
                       "this", "that", "these", "those", "who", "which"})
_PHRASE_STOP = frozenset({"on", "in", "at", "after", "before", "to", "from", "by", "for", "with",
                          "that", "which", "who", "as", "and", "but", "when", "while", "over",
                          "into", "amid", "until", "during", "since", "because", "last",
                          "this", "late", "early"})
_MODAL_BEFORE_BE = {"to": "to", "will": "will", "would": "would", "could": "could",
                    "may": "may", "might": "might", "must": "must", "should": "should",
                    "can": "can"}
_PERSON_ORG = frozenset({"PERSON", "ORG", "GPE", "NORP"})


@dataclass(frozen=True)
class Source:
    """One article to read statements from: the article (with its text), its analysis, the
    canonical entity of each of its entities (``links``: entity id → canonical id) and the
    name and type of each of those (``names``)."""

    article: Article
    analysis: Analysis
    links: Mapping[str, int] = field(default_factory=dict)
    names: Mapping[int, tuple[str, str]] = field(default_factory=dict)

    def canonical(self, entity_id: str | None) -> int | None:
        return self.links.get(entity_id) if entity_id else None

    def name(self, canonical_id: int | None, fallback: str = "") -> str:
        if canonical_id is None:
            return fallback
        return self.names.get(canonical_id, (fallback, ""))[0] or fallback

    def type(self, canonical_id: int | None) -> str | None:
        if canonical_id is None:
            return None
        return self.names.get(canonical_id, ("", None))[1]


def _place_lead() -> str:
    """What opens a place: "in"/"at", an optional "the", and an optional settlement noun
    phrase ("in the town of Harrowby", "at the port city of Skarholm")."""
    nouns = "|".join(sorted((re.escape(n) for n in L.SETTLEMENT_NOUNS), key=len, reverse=True))
    return (rf"(?:in|at)\s+(?:the\s+)?(?:(?:[a-z]+\s+)?(?:{nouns})\s+of\s+(?:the\s+)?)?"
            if nouns else r"(?:in|at)\s+(?:the\s+)?")


def concrete(value: str | None) -> bool:
    """Whether a TIMEX3 value names a day, week, month, quarter or year."""
    return bool(value and _CONCRETE.match(value))


def day_of(value: str | None) -> str | None:
    """The calendar part of a TIMEX3 value ("2026-03-17TEV" → 2026-03-17)."""
    if not value:
        return None
    m = _CONCRETE.match(value)
    return m.group() if m else None


def granularity_of(value: str) -> str:
    if re.match(r"^\d{4}-\d{2}-\d{2}", value):
        return "day"
    if "-W" in value:
        return "week"
    if "-Q" in value:
        return "quarter"
    if re.match(r"^\d{4}-\d{2}$", value):
        return "month"
    return "year"


def statements_of(src: Source) -> list[Statement]:
    """Every statement of one article (see the module docstring), in text order per kind."""
    a = src.analysis
    text = src.article.text
    sentences = {s.index: (s.start_char, s.end_char) for s in a.sentences}
    ctx = _Context(src, text, sentences)
    out: list[Statement] = []
    out += ctx.actions()
    out += ctx.events(out)
    out += ctx.quotes()
    out += ctx.numbers()
    out += ctx.dates(out)
    out += ctx.titles()
    return out


class _Context:
    def __init__(self, src: Source, text: str, sentences: dict[int, tuple[int, int]]):
        self.src = src
        self.text = text
        self.sentences = sentences
        a = src.analysis
        self.times = [t for t in a.time_exprs if t.type in {"DATE", "TIME"}
                      and concrete(t.value) and t.anchored]
        self.mentions: list[tuple[int, int, str]] = sorted(
            (m.start_char, m.end_char, e.id) for e in a.entities for m in e.mentions)
        self.entity_type = {e.id: e.type for e in a.entities}
        published = src.article.published
        self.published_day = published[:10] if published else None
        m = _DATELINE.match(text)
        self.dateline_end = m.end() if m else 0
        self.direct = [(q.start_char, q.end_char) for q in a.quotes if q.direct]

    # -- helpers --------------------------------------------------------------------------------

    def sentence_of(self, pos: int, hint: int | None = None) -> tuple[int | None, str, int]:
        if hint is not None and hint in self.sentences:
            s, e = self.sentences[hint]
            return hint, self.text[s:e], s
        for idx, (s, e) in self.sentences.items():
            if s <= pos < e:
                return idx, self.text[s:e], s
        return None, "", 0

    def time_at(self, start: int | None) -> TimeExpr | None:
        if start is None:
            return None
        return next((t for t in self.times if t.start_char == start), None)

    def usable_date(self, t: TimeExpr | None, *, future: bool = False) -> str | None:
        """A time expression's day part, unless it is a past development dated after its
        article was published (a weekday resolved the wrong way)."""
        if t is None:
            return None
        day = day_of(t.value)
        if day is None:
            return None
        if not future and self.published_day and day[:10] > self.published_day and \
                len(day) == 10:
            return None
        return day

    def place_after(self, pos: int, limit: int = 40) -> tuple[str | None, int | None]:
        """A place named by "in"/"at" within ``limit`` characters after ``pos``."""
        # the "in"/"at" within ``limit``; a settlement phrase after it may run past
        window = self.text[pos:pos + limit + 30]
        m = re.match(r"([^.;:]*?)\b" + _place_lead(), window)
        if m and len(m.group(1)) > limit:
            m = None
        if not m:
            return None, None
        at = pos + m.end()
        for s, e, eid in self.mentions:
            if s == at and self.entity_type.get(eid) in _PLACE_TYPES:
                cid = self.src.canonical(eid)
                return self.src.name(cid, self.text[s:e]), cid
        return None, None

    def stmt(self, kind: str, start: int, end: int, sentence: int | None = None,
             **fields: object) -> Statement:
        idx, sent_text, s0 = self.sentence_of(start, sentence)
        if s0 < self.dateline_end:
            sent_text = sent_text[self.dateline_end - s0:]
            s0 = self.dateline_end
        if start < self.dateline_end < end:
            start = self.dateline_end
        lead = len(sent_text) - len(sent_text.lstrip())
        quoted = kind != "quote" and any(qs <= start and end <= qe for qs, qe in self.direct)
        return Statement(kind=kind, article_id=self.src.article.id, sentence=idx,
                         start_char=start, end_char=end, text=self.text[start:end],
                         sentence_text=sent_text.strip(), sentence_start_char=s0 + lead,
                         quoted=quoted, **fields)  # type: ignore[arg-type]

    # -- 1. actions -----------------------------------------------------------------------------

    def actions(self) -> list[Statement]:
        groups: dict[tuple[object, ...], list[Action]] = {}
        for act in self.src.analysis.actions:
            cid = self.src.canonical(act.subject_id)
            if cid is None or self._dateline_only(act.subject_id) or not self._actor(cid):
                continue
            key = (act.sentence, act.verb, (act.object or "").lower(), act.negated,
                   act.modality)
            groups.setdefault(key, []).append(act)
        out = []
        for acts in groups.values():
            first = acts[0]
            actors = tuple(dict.fromkeys(c for c in (self.src.canonical(a.subject_id)
                                                     for a in acts) if c is not None))
            pred, obj, consumed = self._predicate(first)
            target = None if consumed else self.src.canonical(first.object_id)
            obj_class = W.noun_class(obj, L.OBJECT_CLASSES) if obj else None
            t = self.time_at(first.time_start_char)
            future = bool(first.modality) and first.modality != "yet to"
            date = self.usable_date(t, future=future)
            start = min(a.start_char for a in acts)
            end = max(a.end_char for a in acts)
            place, place_id = self._place_in(start, end)
            out.append(self.stmt(
                "action", start, end, first.sentence, actors=actors,
                actor_names=tuple(self.src.name(c) for c in actors), predicate=pred,
                object=obj if obj else (self.src.name(target) if target else None),
                object_class=obj_class or (f"entity:{target}" if target and not obj else None),
                date=date, granularity=granularity_of(date) if date else None, place=place,
                place_id=place_id, negated=first.negated, modality=first.modality))
        return out

    def _actor(self, cid: int) -> bool:
        """Whether a canonical entity can act in a statement: not a pronoun left unresolved
        ("it"), not the outlet itself ("the Northgate Post has learned")."""
        name = self.src.name(cid).strip()
        if not name or name[0].islower() and name.split()[0] in _PRONOUNS:
            return False
        outlet = (self.src.article.outlet or "").lower().removeprefix("the ").strip()
        return not outlet or name.lower().removeprefix("the ").strip() != outlet

    def _dateline_only(self, entity_id: str | None) -> bool:
        """Whether the entity is only named in the dateline ("HARROWBY, March 8 (KNA) -")."""
        if not self.dateline_end or entity_id is None:
            return False
        spans = [(s, e) for s, e, eid in self.mentions if eid == entity_id]
        return bool(spans) and all(e <= self.dateline_end for _s, e in spans)

    def _predicate(self, act: Action) -> tuple[str, str | None, bool]:
        """(predicate, object, whether the object is part of the predicate or no object)."""
        verb = act.verb.lower()
        obj = act.object
        head = W.head(obj)
        pair = f"{verb} {head}" if head else ""
        if pair in L.PREDICATE_OBJECTS:
            return str(L.PREDICATE_OBJECTS[pair]), None, True
        if obj and act.object_id and self.entity_type.get(act.object_id) == "GPE":
            # "signed for Kestria": on the country's behalf, not what was signed
            between = self.text[act.start_char:act.end_char]
            if re.search(r"\bfor\s+" + re.escape(obj) + r"\s*$", between):
                return W.predicate(verb), None, True
        return W.predicate(verb), obj, False

    def _place_in(self, start: int, end: int) -> tuple[str | None, int | None]:
        place, cid = self.place_after(end, 30)
        if place:
            return place, cid
        # "signed in Brennhaven by …": the place inside the action's own span
        for m in re.finditer(r"\b" + _place_lead(), self.text[start:end]):
            at = start + m.end()
            for s, e, eid in self.mentions:
                if s == at and self.entity_type.get(eid) in _PLACE_TYPES:
                    cid = self.src.canonical(eid)
                    return self.src.name(cid, self.text[s:e]), cid
        return None, None

    # -- 2. events read off the text ----------------------------------------------------------

    def events(self, actions: list[Statement]) -> list[Statement]:
        have = {(s.sentence, s.predicate) for s in actions}
        out = []
        for idx, (s0, s1) in sorted(self.sentences.items()):
            sent = self.text[s0:s1]
            toks = list(W.iter_words(sent, s0))
            for i, (ws, _we, word) in enumerate(toks):
                lemma = W.past_lemma(word)
                if lemma is None or lemma not in L.EVENT_VERBS:
                    continue
                pred = W.predicate(lemma)
                if (idx, pred) in have or self._inside_name(ws):
                    continue
                found = self._event(toks, i, s0, s1)
                if found is None:
                    continue
                start, end, fields = found
                obj_head = W.head(fields.get("object"))  # type: ignore[arg-type]
                pair = f"{lemma} {obj_head}" if obj_head and fields.get("actors") else ""
                if pair in L.PREDICATE_OBJECTS:  # "declared a state of emergency"
                    pred = str(L.PREDICATE_OBJECTS[pair])
                out.append(self.stmt("action", start, end, idx, predicate=pred, **fields))
                have.add((idx, pred))
        return out

    def _event(self, toks: list[tuple[int, int, str]], i: int, s0: int, s1: int
               ) -> tuple[int, int, dict[str, object]] | None:
        """An event at past form ``toks[i]``: an agentless passive, an active verb whose
        subject is a named entity right before it, or an intransitive verb after its theme."""
        ws, we, _word = toks[i]
        prev = toks[i - 1][2].lower() if i else ""
        prev2 = toks[i - 2][2].lower() if i > 1 else ""
        nxt = toks[i + 1][2].lower() if i + 1 < len(toks) else ""
        passive = prev in _AUX or (prev.endswith("ly") and prev2 in _AUX)
        t = self._time_after(we, s1)
        fields: dict[str, object] = {}
        if not passive:
            actors = self._subjects_before(ws, s0)
            if actors:
                obj = self._object_after(we, s1)
                t = self._time_between(actors[1], ws) or t
                date = self.usable_date(t)
                place, place_id = self.place_after(we if obj is None else we + len(obj) + 1,
                                                   30)
                cids = tuple(dict.fromkeys(actors[0]))
                fields = dict(actors=cids, actor_names=tuple(self.src.name(c) for c in cids),
                              object=obj, object_class=W.noun_class(obj, L.OBJECT_CLASSES),
                              date=date, granularity=granularity_of(date) if date else None,
                              place=place, place_id=place_id)
                end = we + (len(obj) + 1 if obj else 0)
                return actors[2], end, fields
        between = self.text[we:toks[i + 1][0]] if i + 1 < len(toks) else ""
        intransitive = (not passive and prev not in _BEFORE_ADJECTIVE and i > 0
                        and (nxt in _AFTER_INTRANSITIVE or not nxt
                             or "," in between or "." in between))
        if not (passive or intransitive):
            return None
        aux_i = i - (2 if passive and prev.endswith("ly") else 1)
        theme_end = toks[aux_i][0] if passive else ws
        modality = None
        if passive and toks[aux_i][2].lower() == "be" and aux_i > 0:
            before = toks[aux_i - 1][2].lower()
            modality = _MODAL_BEFORE_BE.get(before)
            if before == "to" and aux_i > 1:  # "expected to be released"
                modality = f"{toks[aux_i - 2][2].lower()} to"
        theme = self._theme(s0, theme_end)
        if theme is None or theme.lower() in L.PERSON_PRONOUNS | {"it", "they", "this",
                                                                   "that", "which"}:
            return None
        date = self.usable_date(t)
        place, place_id = self.place_after(we, 30)
        end = t.end_char if t is not None and t.end_char <= s1 else we
        at = self.text.rfind(theme, s0, theme_end + 1)
        fields = dict(object=theme, object_class=W.noun_class(theme, L.OBJECT_CLASSES),
                      date=date, granularity=granularity_of(date) if date else None,
                      place=place, place_id=place_id, modality=modality)
        return (at if at >= 0 else ws), end, fields

    def _subjects_before(self, pos: int, s0: int) -> tuple[list[int], int, int] | None:
        """Named subjects ending right before a verb — past commas, adverbs, "who", a time
        expression or an apposition set off by commas ("Greta Lonn, the Governor of Orvedal
        province, declared"; "Valdoria and Kestria on Monday accepted"): (canonical ids,
        end of the subject, start of the subject)."""
        cut = pos
        for t in self.times:
            if s0 <= t.start_char and t.end_char <= pos and \
                    not self.text[t.end_char:pos].strip(" ,"):
                cut = min(cut, t.start_char)
        gap = self.text[s0:cut]
        m = re.search(r"(?:,\s*who|\s+who)?\s*(?:\w+ly\s+)?(?:on|in)?\s*$", gap)
        end = s0 + (m.start() if m else len(gap))
        found = self._mention_ending(end)
        if found is None and self.text[s0:end].rstrip().endswith(","):
            # "The Governor of Orvedal province, Greta Lonn, declared"
            found = self._mention_ending(s0 + len(self.text[s0:end].rstrip()) - 1)
        if found is None and self.text[s0:end].rstrip().endswith(","):
            # an apposition: "Lonn, the Governor of Orvedal province, declared"
            inner = self.text[s0:end].rstrip()[:-1]
            comma = inner.rfind(",")
            if comma >= 0 and end - (s0 + comma) <= 90:
                found = self._mention_ending(s0 + comma)
        if found is None:
            return None
        cid, start, sub_end = found
        ids = [cid]
        # "Valdoria and Kestria": coordinated names
        while True:
            m2 = re.search(r"(?:,\s*|\s+and\s+|,\s+and\s+)$", self.text[s0:start])
            if not m2:
                break
            more = self._mention_ending(s0 + m2.start())
            if more is None:
                break
            ids.insert(0, more[0])
            start = more[1]
        return ids, sub_end, start

    def _mention_ending(self, pos: int) -> tuple[int, int, int] | None:
        """(canonical id, start) of an actor mention (person, organisation, country) that ends
        at ``pos`` (trailing spaces ignored)."""
        while pos > 0 and self.text[pos - 1] == " ":
            pos -= 1
        for s, e, eid in self.mentions:
            if e == pos and self.entity_type.get(eid) in {"PERSON", "ORG", "GPE"}:
                cid = self.src.canonical(eid)
                if cid is not None and not self._dateline_only(eid) and self._actor(cid):
                    return cid, s, e
        return None

    def _object_after(self, pos: int, limit: int) -> str | None:
        """The noun phrase after an active verb, up to a preposition, clause or 6 words."""
        m = re.match(r"\s+((?:[\w'’-]+\s*){1,6})", self.text[pos:limit])
        if not m:
            return None
        ws = []
        for w in m.group(1).split():
            low = w.lower()
            if low in _PHRASE_STOP or w.endswith(",") or w.endswith("."):
                if w.endswith(",") or w.endswith("."):
                    ws.append(w.rstrip(",."))
                break
            ws.append(w)
        phrase = " ".join(ws).strip()
        return phrase or None

    def _time_between(self, start: int, end: int) -> TimeExpr | None:
        return next((t for t in self.times if start <= t.start_char and t.end_char <= end),
                    None)

    def _inside_name(self, pos: int) -> bool:
        return any(s <= pos < e for s, e, _ in self.mentions)

    def _theme(self, sent_start: int, end: int) -> str | None:
        """The noun phrase just before a verb: its last words back to a clause break."""
        chunk = self.text[sent_start:end].rstrip()
        cut = max(chunk.rfind(","), chunk.rfind(";"), chunk.rfind("("), chunk.rfind(" - "),
                  chunk.rfind("—"), chunk.rfind(":"))
        chunk = chunk[cut + 1:].strip() if cut >= 0 else chunk.strip()
        ws = chunk.split()
        # "… said the fishermen": keep only what follows the last verb-like word
        for j in range(len(ws) - 1, -1, -1):
            w = ws[j].lower().strip("\"“”'")
            if w in {"that", "and", "but", "when", "after", "as", "because", "while", "said",
                     "says", "which", "who", "whose", "where", "if", "until", "since"}:
                ws = ws[j + 1:]
                break
        # "the trawler itself is expected to (be released)": the theme is "the trawler"
        while ws and ws[-1].lower() in _AUX_TAIL | {"to", "expected", "due", "likely", "set",
                                                     "going", "itself", "themselves"}:
            ws = ws[:-1]
        ws = ws[-5:]
        if not ws:
            return None
        return " ".join(ws)

    def _time_after(self, pos: int, limit: int) -> TimeExpr | None:
        """The first time expression after ``pos`` in the same clause (no ";" or new verb of
        saying between)."""
        for t in sorted(self.times, key=lambda t: t.start_char):
            if pos <= t.start_char < limit:
                gap = self.text[pos:t.start_char]
                if ";" in gap or re.search(r"\b(?:said|says|told|when|after|before|since)\b",
                                           gap):
                    return None
                return t
        return None

    # -- 3. quotes -------------------------------------------------------------------------------

    def quotes(self) -> list[Statement]:
        out = []
        for q in self.src.analysis.quotes:
            cid = self.src.canonical(q.speaker_id)
            name = self.src.name(cid, q.speaker or "") if cid else (q.speaker or "")
            out.append(self.stmt(
                "quote", q.start_char, q.end_char, q.sentence, actors=(cid,) if cid else (),
                actor_names=(name,) if name else (), predicate=(q.cue or "").lower() or None,
                value=q.text, modality="direct" if q.direct else "indirect"))
        return out

    # -- 4. numbers -------------------------------------------------------------------------------

    def numbers(self) -> list[Statement]:
        skip = [(t.start_char, t.end_char) for t in self.src.analysis.time_exprs]
        skip += [(s, e) for s, e, _ in self.mentions]
        out = []
        for idx, (s0, s1) in sorted(self.sentences.items()):
            sent = self.text[s0:s1]
            local = [(max(0, s - s0), e - s0) for s, e in skip if s < s1 and e > s0]
            for f in figures(sent, local):
                out.append(self.stmt(
                    "number", s0 + f.start, s0 + f.end, idx, predicate=f.state,
                    object=f.noun, object_class=f.counted, counts=f.counts,
                    value=written(f.amount, f.approx), amount=f.amount, approx=f.approx,
                    modality="sensitive" if f.sensitive else ("increment" if f.increment
                                                              else None)))
        return out

    # -- 5. dates ----------------------------------------------------------------------------------

    def dates(self, statements: list[Statement]) -> list[Statement]:
        out = []
        used = set()
        for act in self.src.analysis.actions:
            t = self.time_at(act.time_start_char)
            if t is None or t.start_char in used:
                continue
            owner = next((s for s in statements if s.kind == "action" and s.sentence ==
                          act.sentence and s.start_char <= act.start_char < s.end_char), None)
            if owner is None:
                continue
            used.add(t.start_char)
            out.append(self._date(t, owner))
        for s in statements:
            if s.kind != "action" or s.date is None:
                continue
            for t in self.times:
                if t.start_char in used or not (s.start_char <= t.start_char < s.end_char):
                    continue
                used.add(t.start_char)
                out.append(self._date(t, s))
        return out

    def _date(self, t: TimeExpr, owner: Statement) -> Statement:
        day = day_of(t.value) or ""
        return self.stmt("date", t.start_char, t.end_char, t.sentence, actors=owner.actors,
                         actor_names=owner.actor_names, predicate=owner.predicate,
                         object=owner.object, object_class=owner.object_class, value=day,
                         date=day, granularity=granularity_of(day) if day else None)

    # -- 6. titles --------------------------------------------------------------------------------

    def titles(self) -> list[Statement]:
        out = []
        for r in self.src.analysis.roles:
            cid = self.src.canonical(r.entity_id)
            if cid is None:
                continue
            title = " ".join(x for x in (r.modifier, r.title) if x)
            org_id = self.src.canonical(r.org_id)
            org = self.src.name(org_id, r.org or "") if org_id else r.org
            out.append(self.stmt(
                "title", r.start_char, r.end_char, r.sentence, actors=(cid,),
                actor_names=(self.src.name(cid, r.person),), predicate=r.modifier,
                value=title, object=org, object_class=f"entity:{org_id}" if org_id else None,
                date=r.as_of, granularity="day" if r.as_of else None))
        return out
