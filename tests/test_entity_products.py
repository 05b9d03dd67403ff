"""Products, models and vessels are no actors (entities v14), and the repairs of names the
model cut or typed twice: a legal suffix it split off, a possessive it ran through, a name
it typed once as an organisation and once as a person, a lower-case word it took for a name."""

from __future__ import annotations

import pytest

from storyline.analyze.entities import extract_entities
from storyline.analyze.spans import find_candidates

pytestmark = pytest.mark.slow


def _names(nlp, text):
    entities, _ = extract_entities(nlp(text))
    return {e.name: e.type for e in entities}


def _forced(nlp, text, spans):
    """``text`` parsed, with the model's entities replaced by ``spans`` (word, label): a way to
    reproduce what spaCy small does to names it does not know."""
    doc = nlp(text)
    ents = []
    for words, label in spans:
        start = text.index(words)
        span = doc.char_span(start, start + len(words), label=label)
        assert span is not None, words
        ents.append(span)
    doc.ents = ents
    return doc


def _cands(doc):
    return [(doc[c.start_token:c.end_token].text, c.label) for c in find_candidates(doc)]


def test_a_software_release_named_in_apposition_is_a_product(nlp):
    text = ("Users are buzzing about Osprey, the newest version of Lumocorp's Halcyon OS. "
            "Lumocorp says Osprey, the code name for this release, includes 200 new features "
            "such as web browser Wayfarer.")
    names = _names(nlp, text)
    assert "Osprey" not in names and "Wayfarer" not in names
    assert names.get("Lumocorp") == "ORG"


def test_a_maker_before_a_model_number_is_not_found_again(nlp):
    text = ("Skyward Airways will buy five Norbury 737s. Chief executive Ana Roe praised the "
            "order, saying: \"The Norbury 737-800 is the best plane we fly.\"")
    entities, _ = extract_entities(doc := nlp(text))
    mentions = [doc.text[m.start_char:m.end_char] for e in entities for m in e.mentions]
    assert "Norbury" not in mentions
    assert "Norbury 737s" in {doc[s:e].text for s, e in doc.user_data["product_spans"]}


def test_models_listed_after_their_maker_are_products(nlp):
    text = ("Valdor Motors will cut jobs. Valdor will stop making the Valdor Aspen, Ridgeback "
            "and Durango next year, the carmaker said.")
    names = _names(nlp, text)
    assert not {"Valdor Aspen", "Ridgeback", "Durango"} & set(names)
    assert names.get("Valdor Motors") == "ORG"


def test_a_company_named_in_full_first_is_not_a_model_of_its_short_name(nlp):
    text = ("Delmar Halvorsen was the main rival of Norgate Vance for the contract. Norgate Vance, "
            "Delmar's rival, lost. Norgate won in 2019.")
    assert _names(nlp, text).get("Norgate Vance") == "ORG"


def test_a_company_described_as_a_maker_stays_one_after_a_model_number(nlp):
    text = ("150px Norbury, the region's biggest aircraft manufacturer, will cut 900 jobs. "
            "Norbury said the cuts would take two years.")
    doc = _forced(nlp, text, [("Norbury", "ORG"), ("Norbury said", "ORG")])
    doc.ents = [doc.ents[0], doc.char_span(text.index("Norbury said"),
                                           text.index("Norbury said") + 7, label="ORG")]
    assert ("Norbury", "ORG") in _cands(doc)


def test_a_vessel_typed_as_an_organisation_is_no_actor(nlp):
    text = "Officials said the trawler Sea Lark had ignored two warnings before it was boarded."
    doc = _forced(nlp, text, [("Sea Lark", "ORG")])
    assert _cands(doc) == []


def test_a_resolution_or_a_plural_model_is_no_organisation(nlp):
    text = "It stores video at 320x240 and the airline flies eight A330s from Kelm."
    doc = _forced(nlp, text, [("320x240", "ORG"), ("A330s", "ORG")])
    assert _cands(doc) == []


def test_a_legal_suffix_the_model_split_off_joins_its_name(nlp):
    text = "The carmaker Valdor LLC said on Monday that it would close 40 dealers."
    doc = _forced(nlp, text, [("Valdor", "ORG"), ("LLC", "ORG")])
    assert _cands(doc) == [("Valdor LLC", "ORG")]


def test_a_possessive_inside_an_organisation_name_ends_it(nlp):
    text = ("Lumocorp Computer said on Monday that Lumocorp Computer's Halcyon OS would ship "
            "in May.")
    doc = _forced(nlp, text, [("Lumocorp Computer", "ORG"),
                              ("Lumocorp Computer's Halcyon OS", "ORG")])
    cands = _cands(doc)
    assert cands == [("Lumocorp Computer", "ORG"), ("Lumocorp Computer", "ORG")]


def test_a_possessive_name_without_its_owner_elsewhere_is_kept_whole(nlp):
    text = "The Kelm Children's Clinic Trust said on Monday that it would open in May."
    doc = _forced(nlp, text, [("Kelm Children's Clinic Trust", "ORG")])
    assert _cands(doc) == [("Kelm Children's Clinic Trust", "ORG")]


def test_a_name_typed_once_as_each_is_an_organisation_without_a_given_name(nlp):
    text = ("Files came from Norgate Vance, the rival bidder. Officials said Norgate Vance had "
            "kept the pages.")
    second = text.index("Norgate Vance had")
    doc = _forced(nlp, text, [("Norgate Vance", "ORG")])
    doc.ents = [doc.ents[0], doc.char_span(second, second + 13, label="PERSON")]
    assert _cands(doc) == [("Norgate Vance", "ORG"), ("Norgate Vance", "ORG")]


def test_a_name_typed_once_as_each_with_a_given_name_is_a_person(nlp):
    text = "Files came from Ana Vance on Monday. Officials said Ana Vance had kept the pages."
    second = text.index("Ana Vance had")
    doc = _forced(nlp, text, [("Ana Vance", "ORG")])
    doc.ents = [doc.ents[0], doc.char_span(second, second + 9, label="PERSON")]
    assert [label for _, label in _cands(doc)] == ["PERSON", "PERSON"]


def test_a_lower_case_word_is_no_name(nlp):
    text = "Drivers said healthcare costs had risen, Ana Roe told reporters in Kelm."
    doc = _forced(nlp, text, [("healthcare", "ORG"), ("Ana Roe", "PERSON")])
    assert ("healthcare", "ORG") not in _cands(doc)


def test_a_word_never_written_in_lower_case_is_a_name_at_a_sentence_start(nlp):
    text = ("Brightwave exercises options on five jets\n\nBrightwave, a budget airline based in "
            "Kelm, said on Monday it would buy five more jets. Brightwave flies to Orsk.")
    entities, _ = extract_entities(doc := nlp(text))
    brightwave = [e for e in entities if e.name == "Brightwave"]
    assert brightwave and min(m.start_char for m in brightwave[0].mentions) == 0


def test_a_bare_surname_shared_by_namesakes_stays_with_the_one_already_called_by_it(nlp):
    text = ("Harbour Minister Vera Ostrand said the port would reopen. \"We are ready,\" Ostrand "
            "told reporters on Monday. The ferry's captain, Jon Ostrand, is not related to the "
            "minister. Ostrand said she would ask the council for more money.")
    entities, _ = extract_entities(doc := nlp(text))
    vera = next(e for e in entities if e.name == "Vera Ostrand")
    jon = next(e for e in entities if e.name == "Jon Ostrand")
    last = text.rindex("Ostrand said")
    assert any(m.start_char == last for m in vera.mentions)
    assert not any(m.start_char == last for m in jon.mentions)


def test_a_name_that_moves_by_points_is_an_index_everywhere_in_the_article(nlp):
    text = ("Shares fell on Monday. The Kelmex fell 82.65 points, and the Orsk 40 lost 3.2%. "
            "Traders said the Kelmex could fall again on Tuesday.")
    doc = _forced(nlp, text, [("Kelmex", "ORG")])
    second = text.rindex("Kelmex")
    doc.ents = [doc.ents[0], doc.char_span(second, second + 6, label="ORG")]
    entities, _ = extract_entities(doc)
    assert "Kelmex" not in {e.name for e in entities}


def test_a_name_typed_a_place_that_sues_and_is_never_a_place_is_a_company(nlp):
    text = ("Kelvix sues Lumocorp over phone trademark. Kelvix, a network equipment maker, says "
            "it owns the name. The lawsuit asks for Kelvix to be paid.")
    doc = nlp(text)
    doc.ents = [doc.char_span(i, i + 6, label="GPE") for i in
                (text.index("Kelvix"), text.index("Kelvix,"), text.rindex("Kelvix"))]
    assert {label for name, label in _cands(doc) if name == "Kelvix"} == {"ORG"}


def test_a_name_typed_a_place_that_stands_where_places_do_stays_a_place(nlp):
    text = "Orvik sues the ministry over the port. Residents in Orvik said the case was fair."
    doc = nlp(text)
    doc.ents = [doc.char_span(i, i + 5, label="GPE") for i in
                (text.index("Orvik"), text.rindex("Orvik"))]
    assert {label for name, label in _cands(doc) if name == "Orvik"} == {"GPE"}


def test_an_airline_named_by_its_flight_is_an_organisation_even_after_a_given_name(nlp):
    text = ("The losses of Marta Air Flight 574 and Selvik Orient Flight 200 killed 102 and 21 "
            "people. Karen Air Flight 88 landed safely.")
    names = _names(nlp, text)
    assert names.get("Marta Air") == "ORG"
    assert names.get("Karen Air") == "ORG"  # typed a person by the model
    # the model's span stops before the flight number: "Selvik Orient Flight" + "200"
    text = "The loss of Selvik Orient Flight 200 was the worst in years, officials said."
    doc = _forced(nlp, text, [("Selvik Orient Flight", "ORG")])
    assert _cands(doc) == [("Selvik Orient", "ORG")]
