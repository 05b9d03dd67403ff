"""Who did what to whom: subject–verb–object actions read off the dependency parse.

An action is kept only when its subject resolves to one of the article's entities.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from ..models import Action, Entity, RecordKind, TimeExpr
from ..render import action_lines
from . import lexicon
from .component import Component, Inputs
from .tokens import verb_lemma as lemma_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

VERSION = "4"


_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj", "csubjpass")
_RIGHT_CLAUSE_DEPS = frozenset({"relcl", "acl", "appos", "punct", "cc", "conj", "advcl",
                                "parataxis"})


def extract_actions(doc: Doc, entities: Sequence[Entity]) -> list[Action]:
    """Subject–verb–object actions whose subject is one of ``entities``.

    Rules, in order of application for every verb in ``doc``:

    1. Active voice: the subject is the ``nsubj``; passive voice ("X was sanctioned by Y"):
       the subject is the agent Y and the object is X. Agentless passives are skipped,
       because nobody is known to have acted.
    2. A verb without its own subject borrows it: coordinated verbs ("attacked X and seized
       Y") from the first verb, control complements ("agreed to sign", "is willing to
       withdraw") from the governing verb, except after ``lexicon.OBJECT_CONTROL_VERBS`` ("urged
       Brandt to sign": Brandt signs), relative clauses ("Kovic, who met Brandt") from the
       noun they modify.
    3. The subject must resolve to an entity through any mention: the head word, else the
       modifiers to its left (a possessor only for ``lexicon.INSTITUTION_NOUNS``), else the
       "of" phrase of a ``lexicon.GROUP_NOUNS`` head; pronouns through pronoun mentions, or, inside
       reported speech, to a fitting speaker ("Velmora says it will ..."). Otherwise there
       is no action. A verb yields at most one action per (subject entity, object).
    4. The object is the direct object, else a target prepositional object ("met with X",
       "talked to X"). ``object_id`` is the entity of the direct object, else of a target
       prepositional object ("imposed sanctions on Dravia" → object "sanctions on Dravia",
       object_id Dravia's id).
    5. ``negated`` is True for "not"/"never"/"n't", for "has yet to" (modality "yet to"),
       and for complements of ``lexicon.NEGATING_VERBS`` ("refused to sign" → sign, negated).
       ``modality`` is the modal auxiliary ("could", "will", ...). Both pass from a
       governing verb to its complement and from a first verb to the verbs coordinated with
       it. A complement with no modal in its chain gets "<governing lemma> to" ("agree to",
       "willing to"): it has not happened yet.
    6. Reporting verbs (``lexicon.REPORTING_VERBS``) are skipped unless their object is an entity;
       main-verb "be" is skipped (a state, not an action).

    ``verb`` is the lemma with any particle ("call off"); ``start``/``end`` cover the
    subject, auxiliaries, verb and object of the clause.
    """
    return [action for action, _verb in _actions_with_verbs(doc, entities)]


def _actions_with_verbs(doc: Doc, entities: Sequence[Entity]) -> list[tuple[Action, Token]]:
    find = _entity_finder()
    actions: list[tuple[Action, Token]] = []
    seen: set[tuple[int, str, int | None]] = set()
    for verb in doc:
        if not _is_predicate(verb):
            continue
        for subj_tok, obj_tok, passive in _arguments(verb):
            subject = (_resolve(find, entities, subj_tok)
                       or _reporter(find, entities, subj_tok))
            if subject is None:
                continue
            key = (verb.i, subject.id, obj_tok.i if obj_tok is not None else None)
            if key in seen:  # a name split into several subject tokens by the parser
                continue
            seen.add(key)
            action = _build(find, entities, verb, subj_tok, subject, obj_tok, passive)
            if action is not None:
                actions.append((action, verb))
    return actions


def governing_times(doc: Doc, times: Sequence[TimeExpr]) -> dict[int, TimeExpr]:
    """Verb token index → the time expression the parse attaches to that verb: the expression's
    head climbs through prepositions and noun modifiers ("signed the accord on Monday",
    "Monday's vote was held") to the first verb; a verb keeps the nearest such expression. A
    duration or set ("for three days", "every week") says how long or how often, not when."""
    out: dict[int, TimeExpr] = {}
    for t in times:
        if t.type not in {"DATE", "TIME"} or t.value is None:
            continue
        span = doc.char_span(t.start_char, t.end_char, alignment_mode="expand")
        if span is None:
            continue
        tok = span.root
        for _ in range(4):
            if tok.pos_ in {"VERB", "AUX"} or tok.head.i == tok.i:
                break
            tok = tok.head
        if tok.pos_ not in {"VERB", "AUX"}:
            continue
        best = out.get(tok.i)
        if best is None or abs(t.start_char - tok.idx) < abs(best.start_char - tok.idx):
            out[tok.i] = t
    return out


# ---- structure ----------------------------------------------------------------------------


def _is_predicate(tok: Token) -> bool:
    if tok.pos_ != "VERB" or tok.dep_ in ("aux", "auxpass", "amod"):
        return False
    if tok.lemma_.lower() == "be":
        return False
    # "has yet to comment": the action is "comment"; "has" only carries the negation.
    return not _is_yet_to_head(tok)


def _is_yet_to_head(tok: Token) -> bool:
    return (tok.lemma_.lower() in ("have", "be")
            and any(c.dep_ == "advmod" and c.lower_ == "yet" for c in tok.children)
            and any(c.dep_ == "xcomp" for c in tok.children))


def _governor(verb: Token) -> Token | None:
    """The verb this one borrows its subject (and negation/modality) from, if any.

    "is willing to withdraw": the complement hangs off the adjective, the subject off "is".
    """
    head = verb.head
    if verb.dep_ not in ("conj", "xcomp") or head is verb:
        return None
    if head.pos_ in ("VERB", "AUX"):
        return head
    if (verb.dep_ == "xcomp" and head.pos_ == "ADJ" and head.dep_ == "acomp"
            and head.head.pos_ in ("VERB", "AUX")):
        return head.head
    return None


def _own_subjects(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]


def _subjects(verb: Token) -> tuple[list[Token], bool]:
    """Subject tokens of ``verb`` (own or borrowed) and whether they are passive subjects."""
    seen: set[int] = set()
    current: Token | None = verb
    while current is not None and current.i not in seen:
        seen.add(current.i)
        own = _own_subjects(current)
        if own:
            passive = own[0].dep_ in ("nsubjpass", "csubjpass") and current is verb
            found: list[Token] = []
            for subj in own:
                if subj.lower_ in lexicon.OBJECT_RELATIVE_PRONOUNS and current.dep_ == "relcl":
                    subj = current.head
                found += [t for t in _conjuncts(subj) if t not in found]
            return found, passive
        if current.dep_ == "relcl":
            return _conjuncts(current.head), False
        governor = _governor(current)
        if (governor is not None and current.dep_ == "xcomp"
                and governor.lemma_.lower() in lexicon.OBJECT_CONTROL_VERBS):
            # Object control: "ordered Kovic to appear" → Kovic appears, not the one ordering.
            objects = [c for c in governor.children if c.dep_ in ("dobj", "obj")]
            if objects:
                return _conjuncts(objects[0]), False
        current = governor
    return [], False


def _conjuncts(tok: Token) -> list[Token]:
    return [tok, *tok.conjuncts]


def _arguments(verb: Token) -> Iterable[tuple[Token, Token | None, bool]]:
    subjects, passive = _subjects(verb)
    if passive:
        agents = [g for c in verb.children if c.dep_ == "agent"
                  for g in c.children if g.dep_ == "pobj"]
        if not agents:
            return
        for agent in _conjuncts(agents[0]):
            for patient in subjects:
                yield agent, patient, True
        return
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    targets: list[Token | None] = list(_conjuncts(objects[0])) if objects else [None]
    for subj in subjects:
        for obj in targets:
            yield subj, obj, False


# ---- resolution ---------------------------------------------------------------------------


def _entity_finder():
    from .entities import entity_for_span

    return entity_for_span


def _resolve(find, entities: Sequence[Entity], tok: Token) -> Entity | None:
    """The entity a noun-phrase head stands for: the head word first, then its left part."""
    if not entities:
        return None
    hit = find(entities, tok.idx, tok.idx + len(tok))
    if hit is not None and hit.type != "NORP":
        return hit
    # "Roe's special envoy, Ivo Brandt, spoke": the envoy named in apposition acts
    for child in tok.children:
        if child.dep_ == "appos":
            named = find(entities, child.left_edge.idx, child.idx + len(child))
            if named is not None and named.type == "PERSON":
                return named
    # "... and Kestrian Foreign Minister Jurek Malden": the parser often hangs the name off
    # the title as a sibling; the person named right after the title is the actor, not the
    # nationality in front of it.
    named = _name_after(find, entities, tok)
    if named is not None:
        return named
    if hit is not None:
        return hit
    left = tok.left_edge.i
    for child in tok.lefts:
        if child.dep_ == "poss" and (tok.lemma_.lower() not in lexicon.INSTITUTION_NOUNS or (
                tok.lower_ in lexicon.TITLES or tok.lemma_.lower() in lexicon.TITLES)
                and _person(find, entities, child)):
            # "Dravia's parliament voted" → Dravia, "his office said" → him, but a person's
            # envoy or spokesman is someone else: "Roe's envoy spoke" is not Roe
            left = child.right_edge.i + 1
    if left < tok.i:
        hit = find(entities, tok.doc[left].idx, tok.idx + len(tok))
        if hit is not None:
            return hit
    if tok.lemma_.lower() in lexicon.GROUP_NOUNS:
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "from"):
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        return _resolve(find, entities, pobj)
    return None


def _person(find, entities: Sequence[Entity], tok: Token) -> bool:
    hit = find(entities, tok.idx, tok.idx + len(tok))
    return hit is not None and hit.type == "PERSON"


def _name_after(find, entities: Sequence[Entity], tok: Token) -> Entity | None:
    """A person named by the proper nouns directly after ``tok`` ("Minister Jurek Malden")."""
    doc = tok.doc
    end = tok.i + 1
    while end < len(doc) and doc[end].pos_ == "PROPN":
        end += 1
    if end == tok.i + 1:
        return None
    hit = find(entities, doc[tok.i + 1].idx, doc[end - 1].idx + len(doc[end - 1]))
    return hit if hit is not None and hit.type == "PERSON" else None


def _reporter(find, entities: Sequence[Entity], tok: Token) -> Entity | None:
    """A pronoun subject inside reported speech is the reporter: "Syria says it will ...".

    Only when the pronoun fits the reporter: he/she for people, it/they for the rest.
    """
    low = tok.lower_
    if tok.pos_ != "PRON" or low not in lexicon.REPORTED_PRONOUNS:
        return None
    clause = tok.head
    while clause.dep_ in ("conj", "xcomp") and clause.head is not clause:
        clause = clause.head
    cue = clause.head
    if clause.dep_ != "ccomp" or cue.lemma_.lower() not in lexicon.REPORTING_VERBS | {"announce"}:
        return None
    subjects = [c for c in cue.children if c.dep_ == "nsubj"]
    if not subjects:
        return None
    speaker = _resolve(find, entities, subjects[0])
    if speaker is None or (speaker.type == "PERSON") != (low in ("he", "she")):
        return None
    return speaker


def _phrase_bounds(tok: Token) -> tuple[int, int]:
    """Token range [first, last] of ``tok``'s noun phrase without trailing clauses."""
    last = tok.i
    for child in tok.rights:
        if child.dep_ in _RIGHT_CLAUSE_DEPS:
            break
        last = max(last, child.right_edge.i)
    doc = tok.doc
    while last > tok.i and (doc[last].is_space or doc[last].is_punct):
        last -= 1
    return tok.left_edge.i, last


def _target_pobjs(head: Token) -> list[Token]:
    return [g for c in head.children
            if c.dep_ in ("prep", "dative") and c.lower_ in lexicon.TARGET_PREPOSITIONS
            for g in c.children if g.dep_ == "pobj"] + [
        c for c in head.children if c.dep_ == "dative" and c.pos_ in ("PROPN", "NOUN", "PRON")]


# ---- negation and modality ----------------------------------------------------------------


def _polarity(verb: Token) -> tuple[bool, str | None]:
    negated, modality = False, None
    for c in verb.children:
        if c.dep_ == "neg":
            negated = True
        elif c.dep_ == "aux" and c.lower_ in lexicon.MODALS and modality is None:
            modality = lexicon.MODALS[c.lower_]
    if _under_negative_noun(verb):
        negated = True  # "there were no talks about Dravia joining the pact"
    head = verb.head
    control = None
    if verb.dep_ == "xcomp" and head is not verb:
        lemma = lemma_of(head)
        if _is_yet_to_head(head):
            negated, modality = True, modality or "yet to"
        elif lemma in lexicon.NEGATING_VERBS:
            negated = True
        else:
            # The complement has not happened yet: "agreed to sign", "is willing to withdraw".
            control = "going to" if lemma == "go" else f"{lemma} to"
    governor = _governor(verb)
    if governor is not None:
        g_negated, g_modality = _polarity(governor)
        # A complement inherits the governor's negation: "did not agree to sign" → no signing.
        # Coordinated verbs share auxiliaries only when they have none of their own.
        if verb.dep_ == "xcomp" or not any(c.dep_ in ("aux", "neg") for c in verb.children):
            negated = negated or g_negated
            modality = modality or g_modality
    return negated, modality or control


def _under_negative_noun(verb: Token) -> bool:
    """True for a verb inside a noun phrase that says it did not happen: "no discussions
    about China playing a role", "without Dravia signing". The climb stops at the first verb
    above: a clause of its own is asserted or negated by its own words."""
    tok = verb
    for _ in range(4):
        if tok.dep_ not in ("pcomp", "pobj", "acl", "prep") or tok.head is tok:
            return False
        tok = tok.head
        if tok.pos_ == "ADP" and tok.lower_ == "without":
            return True
        if tok.pos_ in ("NOUN", "PROPN"):
            return any(c.dep_ == "det" and c.lower_ == "no" or c.dep_ == "neg"
                       for c in tok.children)
        if tok.pos_ in ("VERB", "AUX"):
            return False
    return False


# ---- assembly -----------------------------------------------------------------------------


def _build(find, entities: Sequence[Entity], verb: Token, subj_tok: Token, subject: Entity,
           obj_tok: Token | None, passive: bool) -> Action | None:
    doc = verb.doc
    lemma = lemma_of(verb)
    particles = [c for c in verb.children if c.dep_ == "prt"]
    verb_lemma = " ".join([lemma, *(p.lower_ for p in particles)])
    verb_text = " ".join([verb.text, *(p.text for p in particles)])

    tokens = [subj_tok.left_edge.i, subj_tok.i, verb.i,
              *(c.i for c in verb.children if c.dep_ in ("aux", "auxpass", "neg", "prt"))]
    obj_text: str | None = None
    obj_entity: Entity | None = None
    if obj_tok is not None:
        first, last = _phrase_bounds(obj_tok)
        obj_entity = _resolve(find, entities, obj_tok)
        if obj_entity is None and not passive:
            # "sanctions on Dravia": the prepositional phrase hangs off the noun or the verb.
            for pobj in _target_pobjs(obj_tok) + _target_pobjs(verb):
                obj_entity = _resolve(find, entities, pobj)
                if obj_entity is not None:
                    if pobj.i > last and _only_punct_free_gap(doc, last, pobj):
                        last = _phrase_bounds(pobj)[1]
                    break
        obj_text = doc[first:last + 1].text
        tokens += [first, last]
    elif not passive:
        for pobj in _target_pobjs(verb):
            obj_entity = _resolve(find, entities, pobj)
            if obj_entity is not None:
                first, last = _phrase_bounds(pobj)
                obj_text = doc[first:last + 1].text
                tokens += [first, last]
                break

    if lemma in lexicon.REPORTING_VERBS and obj_entity is None:
        return None
    if obj_entity is not None and obj_entity.id == subject.id:
        obj_entity = None  # reflexive ("Kovic defended herself"): no second actor

    negated, modality = _polarity(verb)
    first_tok, last_tok = doc[min(tokens)], doc[max(tokens)]
    return Action(
        start_char=first_tok.idx,
        end_char=last_tok.idx + len(last_tok),
        subject_id=subject.id,
        subject=subject.name,
        verb=verb_lemma,
        verb_text=verb_text,
        object=obj_text,
        object_id=obj_entity.id if obj_entity is not None else None,
        negated=negated,
        modality=modality,
    )


def _only_punct_free_gap(doc: Doc, last: int, pobj: Token) -> bool:
    """True when the object phrase runs straight into the preposition ("sanctions on X")."""
    return all(t.dep_ != "punct" for t in doc[last + 1:pobj.i])


def _run(inputs: Inputs) -> dict[str, list[Action]]:
    doc = inputs.doc
    assert doc is not None
    times = governing_times(doc, inputs["time_exprs"])
    out = []
    for action, verb in _actions_with_verbs(doc, inputs["entities"]):
        # a complement ("agreed to sign on Friday") or a coordinated verb may carry the date
        # its governing verb does not, and the other way round
        when = times.get(verb.i) or (times.get(verb.head.i) if verb.dep_ in {"xcomp", "conj"}
                                     else None)
        if when is not None:
            action = replace(action, time_start_char=when.start_char,
                             time_end_char=when.end_char, time_value=when.value)
        out.append(action)
    return {"actions": out}


ACTIONS = RecordKind("actions", Action, title="Actions", render=action_lines)
COMPONENT = Component("actions", VERSION, _run, requires=("entities", "time_exprs"),
                      assigns=(ACTIONS,), data=("pronouns", "organisations", "function_words",
                                                "verbs", "titles"))
