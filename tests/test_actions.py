"""Actions: who did what to whom, on fictional sentences with hand-made entities."""

from __future__ import annotations

import re

import pytest

from storyline.analyze.actions import extract_actions
from storyline.models import Entity, Mention

spacy = pytest.importorskip("spacy")

pytestmark = pytest.mark.slow


def _entities(text: str, actors: dict[str, dict[str, str]]) -> list[Entity]:
    """Entities whose mentions are every whole-word occurrence of the given surfaces.

    ``actors`` maps a canonical name to {surface: mention kind}.
    """
    out = []
    for n, (name, surfaces) in enumerate(actors.items(), start=1):
        mentions = []
        for surface, kind in surfaces.items():
            for m in re.finditer(rf"\b{re.escape(surface)}\b", text):
                mentions.append(Mention(m.start(), m.end(), surface, kind))
        mentions.sort(key=lambda m: m.start_char)
        out.append(Entity(f"E{n}", name, _PLACES.get(name, "PERSON"), tuple(mentions)))
    return out


_PLACES = {"Velmora": "GPE", "Dravia": "GPE"}  # the other test actors are people
KOVIC = {"Anna Kovic": {"Anna Kovic": "name", "Kovic": "surname"}}
BRANDT = {"Ivo Brandt": {"Ivo Brandt": "name", "Brandt": "surname"}}


def _run(nlp, text, actors):
    doc = nlp(text)
    entities = _entities(text, actors)
    return extract_actions(doc, entities), {e.name: e.id for e in entities}


def test_active_clause_links_subject_to_object_entity(nlp):
    actions, ids = _run(nlp, "Anna Kovic criticized Ivo Brandt on Monday.", KOVIC | BRANDT)
    assert len(actions) == 1
    a = actions[0]
    assert (a.subject_id, a.subject, a.verb, a.verb_text) == (
        ids["Anna Kovic"], "Anna Kovic", "criticize", "criticized")
    assert (a.object, a.object_id) == ("Ivo Brandt", ids["Ivo Brandt"])
    assert not a.negated and a.modality is None


def test_action_span_covers_subject_verb_and_object(nlp):
    text = "Yesterday, Anna Kovic criticized Ivo Brandt in a speech."
    (a,), _ = _run(nlp, text, KOVIC | BRANDT)
    assert text[a.start_char:a.end_char] == "Anna Kovic criticized Ivo Brandt"


def test_passive_voice_makes_agent_the_subject(nlp):
    actors = {"Orlo Industries": {"Orlo Industries": "name"},
              "Norland Trade Office": {"Norland Trade Office": "name"}}
    (a,), ids = _run(nlp, "Orlo Industries was sanctioned by the Norland Trade Office.", actors)
    assert (a.subject, a.verb, a.object) == ("Norland Trade Office", "sanction", "Orlo Industries")
    assert a.object_id == ids["Orlo Industries"]


def test_agentless_passive_yields_no_action(nlp):
    actors = {"Orlo Industries": {"Orlo Industries": "name"}}
    actions, _ = _run(nlp, "Orlo Industries was sanctioned on Friday.", actors)
    assert actions == []


def test_did_not_sign_is_negated(nlp):
    (a,), _ = _run(nlp, "Anna Kovic did not sign the accord.", KOVIC)
    assert (a.verb, a.object, a.negated, a.modality) == ("sign", "the accord", True, None)


def test_has_yet_to_comment_is_negated_with_modality_yet_to(nlp):
    (a,), _ = _run(nlp, "Ivo Brandt has yet to comment.", BRANDT)
    assert (a.verb, a.negated, a.modality) == ("comment", True, "yet to")


def test_modal_auxiliary_becomes_modality(nlp):
    (a,), _ = _run(nlp, "Anna Kovic could visit Ivo Brandt next week.", KOVIC | BRANDT)
    assert (a.verb, a.modality, a.negated) == ("visit", "could", False)


def test_contracted_wont_is_negated_will(nlp):
    (a,), _ = _run(nlp, "Anna Kovic won't attend the summit.", KOVIC)
    assert (a.verb, a.modality, a.negated) == ("attend", "will", True)


def test_meet_with_takes_prepositional_object(nlp):
    (a,), ids = _run(nlp, "Anna Kovic met with Ivo Brandt in Norhaven.", KOVIC | BRANDT)
    assert (a.verb, a.object, a.object_id) == ("meet", "Ivo Brandt", ids["Ivo Brandt"])


def test_sanctions_on_a_country_target_that_country(nlp):
    actors = {"Velmora": {"Velmora": "name"}, "Dravia": {"Dravia": "name"}}
    (a,), ids = _run(nlp, "Velmora imposed sanctions on Dravia on Tuesday.", actors)
    assert (a.subject, a.verb, a.object, a.object_id) == (
        "Velmora", "impose", "sanctions on Dravia", ids["Dravia"])


def test_saying_something_is_left_to_quotes(nlp):
    actions, _ = _run(nlp, "Anna Kovic said the talks had failed.", KOVIC)
    assert all(a.verb != "say" for a in actions)


def test_telling_an_entity_is_kept(nlp):
    actions, ids = _run(nlp, "Anna Kovic told Ivo Brandt that the talks had failed.",
                        KOVIC | BRANDT)
    told = [a for a in actions if a.verb == "tell"]
    assert [(a.subject_id, a.object_id) for a in told] == [(ids["Anna Kovic"], ids["Ivo Brandt"])]


def test_subject_that_is_no_entity_yields_no_action(nlp):
    actions, _ = _run(nlp, "The committee criticized Ivo Brandt.", BRANDT)
    assert actions == []


def test_pronoun_subject_resolves_through_pronoun_mention(nlp):
    text = "Anna Kovic arrived late. She criticized Ivo Brandt."
    actors = {"Anna Kovic": {"Anna Kovic": "name", "She": "pronoun"}} | BRANDT
    actions, ids = _run(nlp, text, actors)
    criticized = [a for a in actions if a.verb == "criticize"]
    assert [(a.subject_id, a.object_id) for a in criticized] == [
        (ids["Anna Kovic"], ids["Ivo Brandt"])]
    assert text[criticized[0].start_char:criticized[0].end_char] == "She criticized Ivo Brandt"


def test_relative_clause_subject_is_the_noun_it_modifies(nlp):
    text = "Kovic, who met Brandt last week, will not attend the summit."
    actions, ids = _run(nlp, text, KOVIC | BRANDT)
    by_verb = {a.verb: a for a in actions}
    assert by_verb["meet"].subject_id == ids["Anna Kovic"]
    assert by_verb["meet"].object_id == ids["Ivo Brandt"]
    assert (by_verb["attend"].negated, by_verb["attend"].modality) == (True, "will")


def test_coordinated_verbs_share_the_subject(nlp):
    actors = KOVIC | BRANDT | {"Tomas Reld": {"Reld": "surname"}}
    actions, ids = _run(nlp, "Kovic praised Brandt and then criticized Reld.", actors)
    assert [(a.verb, a.subject_id, a.object_id) for a in actions] == [
        ("praise", ids["Anna Kovic"], ids["Ivo Brandt"]),
        ("criticize", ids["Anna Kovic"], ids["Tomas Reld"])]


def test_refusing_to_sign_negates_the_signing(nlp):
    actions, _ = _run(nlp, "Anna Kovic refused to sign the agreement.", KOVIC)
    sign = [a for a in actions if a.verb == "sign"]
    assert len(sign) == 1 and sign[0].negated and sign[0].object == "the agreement"


def test_complement_inherits_the_governing_modal(nlp):
    actions, _ = _run(nlp, "Anna Kovic could agree to sign the deal.", KOVIC)
    assert {a.verb: a.modality for a in actions} == {"agree": "could", "sign": "could"}


def test_particle_is_part_of_the_verb(nlp):
    (a,), _ = _run(nlp, "Anna Kovic called off the visit.", KOVIC)
    assert (a.verb, a.verb_text, a.object) == ("call off", "called off", "the visit")


def test_no_entities_means_no_actions(nlp):
    assert extract_actions(nlp("Someone criticized someone else."), []) == []


VELMORA = {"Velmora": {"Velmora": "name"}}
DRAVIA = {"Dravia": {"Dravia": "name", "Dravian": "name"}}


def _country(entities):
    return [Entity(e.id, e.name, "GPE", e.mentions) for e in entities]


def test_urging_someone_to_act_makes_them_the_actor(nlp):
    actions, ids = _run(nlp, "Anna Kovic urged Ivo Brandt to sign the treaty.", KOVIC | BRANDT)
    sign = [a for a in actions if a.verb == "sign"]
    assert [(a.subject_id, a.modality) for a in sign] == [(ids["Ivo Brandt"], "urge to")]


def test_purpose_clause_keeps_the_subject_as_actor(nlp):
    actions, ids = _run(nlp, "Anna Kovic used a veto to block the plan.", KOVIC)
    block = [a for a in actions if a.verb == "block"]
    assert [a.subject_id for a in block] == [ids["Anna Kovic"]]


def test_willing_to_act_borrows_the_subject_and_is_not_yet_done(nlp):
    actions, ids = _run(nlp, "Velmora is willing to withdraw its troops from Dravia.",
                        VELMORA | DRAVIA)
    (a,) = [a for a in actions if a.verb == "withdraw"]
    assert (a.subject_id, a.object_id, a.modality) == (ids["Velmora"], ids["Dravia"],
                                                       "willing to")


def test_pronoun_in_reported_speech_is_the_reporter(nlp):
    text = "Velmora says it will reopen the border with Dravia."
    doc = nlp(text)
    entities = _country(_entities(text, VELMORA | DRAVIA))
    (a,) = [a for a in extract_actions(doc, entities) if a.verb == "reopen"]
    assert (a.subject, a.modality, a.object_id) == ("Velmora", "will", entities[1].id)


def test_reported_pronoun_must_fit_the_reporter(nlp):
    text = "Velmora said he would resign."
    entities = _country(_entities(text, VELMORA))
    assert extract_actions(nlp(text), entities) == []


def test_possessor_of_an_institution_is_the_actor(nlp):
    actions, ids = _run(nlp, "Dravia's parliament rejected the budget.", DRAVIA)
    assert [(a.subject_id, a.verb) for a in actions] == [(ids["Dravia"], "reject")]


def test_possessor_of_a_non_actor_is_not_the_actor(nlp):
    actions, _ = _run(nlp, "Dravia's elections took place in May.", DRAVIA)
    assert actions == []


def test_group_of_people_acts_for_the_named_group(nlp):
    actions, ids = _run(nlp, "A group of Dravian diplomats met Ivo Brandt.", DRAVIA | BRANDT)
    assert [(a.subject_id, a.object_id) for a in actions] == [(ids["Dravia"], ids["Ivo Brandt"])]


def test_one_action_per_verb_subject_and_object(nlp):
    text = "Velmora and Velmora met Ivo Brandt."
    actions, _ = _run(nlp, text, VELMORA | BRANDT)
    keys = [(a.verb, a.subject_id, a.object_id) for a in actions]
    assert len(keys) == len(set(keys)) == 1


def test_person_named_after_a_title_acts_not_the_nationality_before_it(nlp):
    from storyline.analyze.entities import extract_entities

    text = ("The Sarn Strait accord was signed in Brennhaven by Valdorian Foreign Minister "
            "Ilsa Marren and Kestrian Foreign Minister Jurek Malden.")
    doc = nlp(text)
    entities, _ = extract_entities(doc)
    names = {e.id: e.name for e in entities}
    subjects = {names.get(a.subject_id) for a in extract_actions(doc, entities) if a.verb == "sign"}
    assert "Jurek Malden" in subjects and "Kestrian" not in subjects


@pytest.mark.slow
def test_action_carries_the_time_expression_that_governs_its_verb(analyzer):
    text = ("Valdoria and Kestria signed the accord on Monday in Brennhaven. "
            "The talks had lasted three days.")
    a = analyzer.analyze_text(text, published="2026-03-18")
    signed = [x for x in a.actions if x.verb == "sign"]
    assert signed and all(x.time_value == "2026-03-16" for x in signed)
    assert text[signed[0].time_start_char:signed[0].time_end_char] == "Monday"
    assert all(x.time_value is None for x in a.actions if x.verb == "last")


# ---- v4: who acts for a person, what a negative noun phrase denies, verb lemmas -------------

KELL = {"Tomas Kell": {"Tomas Kell": "name", "Kell": "surname"}}


def test_a_persons_envoy_named_in_apposition_acts_not_the_person(nlp):
    text = "Anna Kovic's special envoy, Ivo Brandt, spoke with Tomas Kell on Thursday."
    actions, ids = _run(nlp, text, {**KOVIC, **BRANDT, **KELL})
    speaking = [a for a in actions if a.verb == "speak"]
    assert [(a.subject_id, a.object_id) for a in speaking] == [(ids["Ivo Brandt"], ids["Tomas Kell"])]


def test_a_persons_envoy_without_a_name_is_not_the_person(nlp):
    text = "Anna Kovic's envoy spoke with Tomas Kell on Thursday."
    actions, ids = _run(nlp, text, {**KOVIC, **KELL})
    assert not any(a.subject_id == ids["Anna Kovic"] and a.verb == "speak" for a in actions)


def test_an_action_inside_a_negative_noun_phrase_is_negated(nlp):
    text = "Anna Kovic said there have been no talks about Ivo Brandt joining the council."
    actions, ids = _run(nlp, text, {**KOVIC, **BRANDT})
    joining = [a for a in actions if a.verb == "join"]
    assert joining and all(a.negated for a in joining)


def test_hopes_is_a_form_of_hope_not_hop(nlp):
    text = "Anna Kovic hopes to resolve the dispute, and Ivo Brandt hoped for talks. Kell hopped on a train."
    actions, _ids = _run(nlp, text, {**KOVIC, **BRANDT, **KELL})
    lemmas = {a.verb_text: a.verb for a in actions}
    assert lemmas.get("hopes") == "hope"
    assert lemmas.get("hoped") == "hope"
    assert lemmas.get("hopped") == "hop"
    assert any(a.modality == "hope to" for a in actions)
