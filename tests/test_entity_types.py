"""Entity types the article settles (v8): places, organisations, vessels and objects the model
types as people; title words that are no organisation; names the model cut short."""

from __future__ import annotations

import pytest

from storyline.analyze.entities import extract_entities

pytestmark = pytest.mark.slow


def _types(nlp, text):
    entities, _ = extract_entities(nlp(text))
    return {e.name: e.type for e in entities}


def test_a_country_in_a_list_of_places_is_a_place(nlp):
    text = "Rebels attacked villages across Burkina Faso, Niger and Mali last year, Ilsa Marren said."
    types = _types(nlp, text)
    assert types["Niger"] == "GPE"
    assert types["Mali"] == "GPE"


def test_a_capital_of_the_gazetteer_is_a_place(nlp):
    text = "Ilsa Marren flew home from Banja Luka on Monday."
    assert _types(nlp, text).get("Banja Luka") == "GPE"


def test_a_name_in_a_place_phrase_is_a_place(nlp):
    text = ("Tomas Brecht spoke to reporters in the regional capital, Orsk Vale, on Monday. "
            "The Kessin air base will close, he said.")
    types = _types(nlp, text)
    assert types.get("Orsk Vale") == "GPE"
    assert "PERSON" not in {types.get("Kessin"), types.get("Kessin air base")}


def test_a_vessel_is_not_a_person(nlp):
    types = _types(nlp, "The trawler Gannet Star sank off Kelm Point on Monday.")
    assert types.get("Gannet Star") != "PERSON"
    assert types.get("Kelm Point") == "LOC"


def test_a_group_named_before_its_members_is_an_organisation(nlp):
    text = "Dozens of Varhun militants were killed, Tomas Brecht said. Varhun has fought the army for years."
    types = _types(nlp, text)
    assert types["Varhun"] == "ORG"
    assert types["Tomas Brecht"] == "PERSON"


def test_a_plural_at_the_start_of_a_sentence_is_no_person(nlp):
    types = _types(nlp, "Mosques across Dravia broadcast prayers on Monday.")
    assert "Mosques" not in types


def test_a_word_of_a_full_name_keeps_the_person(nlp):
    text = ("Kim Jong Un met Ilsa Marren in Pyongyang. Kim said talks across the region "
            "would go on, and Marren agreed.")
    entities, _ = extract_entities(nlp(text))
    kim = next(e for e in entities if e.name == "Kim Jong Un")
    assert kim.type == "PERSON"
    assert "Kim" in {m.text for m in kim.mentions}


@pytest.mark.parametrize("text,word", [
    ("Secretary of State Ilsa Marren flew to Kelm on Monday.", "State"),
    ("Defense Minister Tomas Brecht said the Kelm base would close.", "Defense"),
])
def test_title_words_never_stand_alone_as_organisations(nlp, text, word):
    assert word not in _types(nlp, text)


def test_an_organisation_word_keeps_its_of_phrase(nlp):
    text = ("Top diplomats from the Group of Seven leading democracies urged Dravia on Friday "
            "to accept a ceasefire.")
    types = _types(nlp, text)
    assert types.get("Group of Seven") == "ORG"
    assert "Group" not in types


def test_a_country_named_with_and_is_one_place(nlp):
    text = ("Ilsa Marren, a judge of the Constitutional Court of Bosnia and Herzegovina, said "
            "Bosnia and Herzegovina's courts were under pressure.")
    types = _types(nlp, text)
    assert "Herzegovina" not in types
    assert types.get("Constitutional Court of Bosnia and Herzegovina") == "ORG"


def test_a_region_the_article_calls_one_is_a_place(nlp):
    text = ("The Republika Orvessa assembly met on Monday. Republika Orvessa is a region of "
            "Dravia.")
    assert _types(nlp, text).get("Republika Orvessa") == "GPE"


def test_a_numbered_group_is_an_organisation_not_a_place(nlp):
    types = _types(nlp, "The G7 countries affirmed their support for Dravia.")
    assert types.get("G7") == "ORG"


def test_a_countrys_government_is_that_country(nlp):
    text = "The Canadian Government said on Monday that Canada would send aid to Kelm."
    entities, _ = extract_entities(nlp(text))
    canada = next(e for e in entities if e.country == "CA" and e.type == "GPE")
    assert canada.name == "Canada"
    assert "Canadian Government" in {m.text for m in canada.mentions}


def test_events_and_models_are_not_actors(nlp):
    text = ("Valtura showed its new jet at the Kelm Air Show on Monday. The Valtura V200 "
            "will fly next year, the company said.")
    types = _types(nlp, text)
    assert "Kelm Air Show" not in types
    assert "Valtura V200" not in types


def test_an_organisation_word_that_is_no_surname_makes_an_organisation(nlp):
    text = "Douglas Aircraft built the plane, and Jim Press flew it over Kelm."
    types = _types(nlp, text)
    assert types.get("Douglas Aircraft") == "ORG"
    assert types.get("Jim Press") == "PERSON"


def test_a_persons_chief_of_staff_does_not_make_the_person_a_company(nlp):
    text = ("Ilsa Marren's chief of staff Tomas Brecht met the Valtura board. Marren said the "
            "talks went well.")
    entities, _ = extract_entities(nlp(text))
    marren = next(e for e in entities if e.name == "Ilsa Marren")
    assert marren.type == "PERSON"
    assert "Marren" in {m.text for m in marren.mentions}


def test_a_quote_mark_glued_to_a_name_is_not_part_of_it(nlp):
    text = "The board said ``Valtura Airways will fly again.''"
    entities, _ = extract_entities(nlp(text))
    assert any(m.text == "Valtura Airways" for e in entities for m in e.mentions)


def test_an_alias_the_text_states_joins_the_entity(nlp):
    text = ("Crown Prince Khalid bin Tarek, commonly known by his abbreviation KBT, met Ana Roe "
            "in Jeddah. KBT later flew to Riyadh.")
    entities, _ = extract_entities(nlp(text))
    prince = next(e for e in entities if e.name == "Khalid bin Tarek")
    assert [m.kind for m in prince.mentions if m.text == "KBT"] == ["acronym", "acronym"]
    assert not any(e.name == "KBT" for e in entities)
    text = "Officials said that Omar al-Varesi, also known as Abu Selim, was the group's top official."
    entities, _ = extract_entities(nlp(text))
    assert [e.name for e in entities if e.type == "PERSON"] == ["Omar al-Varesi"]


def test_an_organisation_after_a_religion_adjective_and_its_initials(nlp):
    text = ("One of the Islamic State terror group's leaders is dead, Kelm officials said. "
            "IS fighters fled the town.")
    entities, _ = extract_entities(nlp(text))
    group = next(e for e in entities if e.name == "Islamic State")
    assert group.type == "ORG"
    assert ("IS", "acronym") in {(m.text, m.kind) for m in group.mentions}


def test_capitals_in_an_all_capitals_line_are_not_an_acronym(nlp):
    text = "THIS IS THE END, SAID THE BAND.\n\nThe Islamic State group was blamed by Kelm police."
    entities, _ = extract_entities(nlp(text))
    group = next(e for e in entities if e.name == "Islamic State")
    assert all(m.text != "IS" for m in group.mentions)


def test_a_short_form_of_an_organisation_named_in_full_is_that_organisation(nlp):
    text = ("Velkor sold the unit to the private equity firm Kessin Capital Management. "
            "Kessin has agreed to take on the debts.")
    assert _types(nlp, text).get("Kessin") in {None, "ORG"}
    entities, _ = extract_entities(nlp(text))
    assert not any(e.type == "PERSON" and e.name == "Kessin" for e in entities)


def test_a_product_line_after_a_camel_case_brand_is_no_person(nlp):
    text = "Valtura said the iTunes Music Store and the iPod Nano sold well in Kelm."
    types = _types(nlp, text)
    assert types.get("Music Store") != "PERSON" and types.get("Nano") != "PERSON"


def test_an_index_after_a_possessive_is_no_organisation(nlp):
    text = "The Kelm 40 fell 2%, while the Standard & Poor's 500 plunged by 30 points."
    assert "Standard & Poor" not in _types(nlp, text)


def test_a_place_with_a_persons_name_is_a_place_where_things_are(nlp):
    types = _types(nlp, "Fishers expelled to make way for the airstrip on Marco Bellan still "
                        "want to go home. The largest island of the group is Marco Bellan. The "
                        "runway on Marco Bellan will stay open, and the navy keeps a post on "
                        "Marco Bellan.")
    assert types.get("Marco Bellan") == "GPE"


def test_a_person_under_pressure_is_still_a_person(nlp):
    types = _types(nlp, "The council put pressure on Marco Bellan over the fares. New limits on "
                        "Marco Bellan followed. Marco Bellan resigned on Friday.")
    assert types.get("Marco Bellan") == "PERSON"


def _cands(doc, spans):
    from storyline.analyze.tokens import Cand

    out = []
    for text, label in spans:
        words = text.split()
        start = next(i for i in range(len(doc)) if doc[i:i + len(words)].text == text
                     and all(c.start_token != i for c in out))
        out.append(Cand(start, start + len(words), label))
    return out


def test_a_name_the_article_calls_a_person_by_its_last_word_is_a_person(nlp):
    # the model typed the full name as an organisation and the surname as a person
    from storyline.analyze.grouping import group_mentions

    doc = nlp("Tavi Page, the pin-up model, has died. Page was 85, her agent said.")
    cands = _cands(doc, [("Tavi Page", "ORG"), ("Page", "PERSON")])
    groups = group_mentions(doc, cands)
    assert len(groups) == 1 and groups[0].label == "PERSON"


def test_a_company_called_by_its_last_word_as_an_organisation_stays_one(nlp):
    from storyline.analyze.grouping import group_mentions

    doc = nlp("Orla Vance Productions and Dessa Page said on Monday that Page would retire.")
    cands = _cands(doc, [("Orla Vance Productions", "ORG"), ("Dessa Page", "ORG"),
                         ("Page", "ORG")])
    groups = group_mentions(doc, cands)
    assert [g.label for g in groups if g.mentions[0].start_token == 0] == ["ORG"]
    # no person says "Page" alone: the model's type stands
    assert {g.label for g in groups} == {"ORG"}


def test_a_name_the_sentences_treat_as_a_person_is_a_person(nlp):
    # the model typed both the full name and the surname alone as organisations; "her" and
    # "who" say what the article means
    from storyline.analyze.grouping import group_mentions

    doc = nlp("Renna Holt has died in Carrow. Holt left her job as a teacher in 1950. "
              "Holt, who never married, lived alone.")
    cands = _cands(doc, [("Renna Holt", "ORG"), ("Holt", "ORG"), ("Holt", "ORG")])
    groups = group_mentions(doc, cands)
    assert len(groups) == 1 and groups[0].label == "PERSON"


def test_a_one_word_name_needs_two_person_contexts(nlp):
    from storyline.analyze.grouping import group_mentions

    once = nlp("Holt left her job in 1950. Holt moved to Carrow.")
    groups = group_mentions(once, _cands(once, [("Holt", "ORG"), ("Holt", "ORG")]))
    assert {g.label for g in groups} == {"ORG"}
    twice = nlp("Holt left her job in 1950. Holt said she would never return.")
    groups = group_mentions(twice, _cands(twice, [("Holt", "ORG"), ("Holt", "ORG")]))
    assert {g.label for g in groups} == {"PERSON"}


def test_a_company_its_sentences_call_it_stays_a_company(nlp):
    # a company goes by its last word too ("Douglas" for a planemaker), but it takes "its"
    from storyline.analyze.grouping import group_mentions

    doc = nlp("Kestrel Douglas built the plane. Douglas said its profits rose. "
              "Douglas, which employs 900 people, makes jets.")
    cands = _cands(doc, [("Kestrel Douglas", "ORG"), ("Douglas", "ORG"), ("Douglas", "ORG")])
    assert {g.label for g in group_mentions(doc, cands)} == {"ORG"}


def test_a_name_opening_with_a_landform_word_is_a_place(nlp):
    from storyline.analyze.span_types import entity_type_of

    doc = nlp("Two climbers fell from Mt Varro and one was found near Lake Orsk Forest College.")
    start = next(t.i for t in doc if t.text == "Mt")
    assert entity_type_of(doc, start, start + 2, "ORG") == "LOC"
    lake = next(t.i for t in doc if t.text == "Lake")
    # an organisation word keeps the organisation
    assert entity_type_of(doc, lake, lake + 4, "ORG") == "ORG"
