"""Titles and roles people hold: premodifiers, appositions, modifiers and title references."""

from __future__ import annotations

import pytest

from storyline.analyze.entities import extract_entities

pytestmark = pytest.mark.slow


def _roles(nlp, text):
    entities, roles = extract_entities(nlp(text))
    return entities, roles


def _role_of(roles, person):
    found = [r for r in roles if r.person == person]
    assert found, f"no role for {person!r} in {roles}"
    return found


def test_premodifier_gives_title_and_country(nlp):
    text = "Norwegian Trade Minister Ilsa Marren arrived in Bergen on Monday."
    _, roles = _roles(nlp, text)
    (role,) = _role_of(roles, "Ilsa Marren")
    assert role.title == "Trade Minister"
    assert role.org == "Norway"
    assert role.modifier is None
    assert role.as_of is None
    assert text[role.start_char:role.end_char] == "Norwegian Trade Minister"


def test_organisation_premodifier_gives_title_and_org(nlp):
    text = "NATO Secretary General Karl Vennor warned of delays on Friday."
    _, roles = _roles(nlp, text)
    (role,) = _role_of(roles, "Karl Vennor")
    assert (role.title, role.org) == ("Secretary General", "NATO")


def test_country_abbreviation_is_normalised_to_country_name(nlp):
    text = "US Vice President Jon Ekwe visited the port in Bergen."
    _, roles = _roles(nlp, text)
    (role,) = _role_of(roles, "Jon Ekwe")
    assert (role.title, role.org) == ("Vice President", "United States")


def test_former_is_kept_as_modifier(nlp):
    text = "Former U.S. President Karl Vennor spoke at the harbour festival in Bergen."
    _, roles = _roles(nlp, text)
    (role,) = _role_of(roles, "Karl Vennor")
    assert (role.title, role.org, role.modifier) == ("President", "United States", "former")


def test_apposition_gives_title_and_org(nlp):
    text = "Tomas Brecht, the Kremlin spokesperson, said the talks had ended."
    _, roles = _roles(nlp, text)
    (role,) = _role_of(roles, "Tomas Brecht")
    assert (role.title, role.org) == ("spokesperson", "Kremlin")
    assert text[role.start_char:role.end_char] == "Kremlin spokesperson"


def test_apposition_with_of_phrase_names_the_org(nlp):
    text = ("Rena Oduya, Director General of the International Atomic Energy Agency, "
            "visited the plant.")
    _, roles = _roles(nlp, text)
    (role,) = _role_of(roles, "Rena Oduya")
    assert role.title == "Director General"
    assert role.org == "International Atomic Energy Agency"


def test_two_titles_joined_by_and_give_two_roles(nlp):
    text = "Jon Ekwe, a blogger and military service member, wrote about the convoy."
    _, roles = _roles(nlp, text)
    titles = sorted(r.title for r in _role_of(roles, "Jon Ekwe"))
    assert titles == ["blogger", "service member"]


def test_former_title_reference_goes_to_the_previous_holder(nlp):
    text = ("Trade Minister Ilsa Marren replaced former trade minister Karl Vennor in May. "
            "The former minister said he would return to teaching.")
    entities, roles = _roles(nlp, text)
    vennor = next(e for e in entities if e.name == "Karl Vennor")
    marren = next(e for e in entities if e.name == "Ilsa Marren")
    assert [m.text for m in vennor.mentions if m.kind == "title"] == ["former minister"]
    assert not any(m.kind == "title" for m in marren.mentions)
    modifiers = {r.person: r.modifier for r in roles}
    assert modifiers == {"Ilsa Marren": None, "Karl Vennor": "former"}


def test_title_word_inside_a_sentence_without_a_name_makes_no_role(nlp):
    text = "The minister of a small island said the ferry would run on Sunday."
    entities, roles = _roles(nlp, text)
    assert roles == []


def test_role_spans_lie_inside_the_text_and_name_the_title(nlp):
    text = ("Norwegian Trade Minister Ilsa Marren met Tomas Brecht, the Harbour Authority "
            "spokesperson, and former U.S. President Karl Vennor in Bergen.")
    entities, roles = _roles(nlp, text)
    ids = {e.id for e in entities}
    assert len(roles) == 3
    for r in roles:
        assert r.entity_id in ids
        assert 0 <= r.start_char < r.end_char <= len(text)
        assert r.title.split()[-1].lower() in text[r.start_char:r.end_char].lower()


def test_list_of_titles_before_a_name_gives_one_role_each(nlp):
    text = "Harbour Bank CEO and co-founder Maria Lund said the bank would grow."
    _, roles = _roles(nlp, text)
    found = sorted((r.title, r.org) for r in _role_of(roles, "Maria Lund"))
    assert found == [("CEO", "Harbour Bank"), ("co-founder", "Harbour Bank")]


def test_title_phrase_before_an_appositive_name_gives_a_role(nlp):
    text = "The head of the agency, Tomas Brecht, said the report was late."
    _, roles = _roles(nlp, text)
    (role,) = _role_of(roles, "Tomas Brecht")
    assert role.title == "head"


def test_possessive_title_phrase_before_an_appositive_name_keeps_its_modifier(nlp):
    text = "The country's top diplomat, Ilsa Marren, arrived in Bergen on Monday."
    _, roles = _roles(nlp, text)
    (role,) = _role_of(roles, "Ilsa Marren")
    assert (role.title, role.modifier) == ("diplomat", "top")


def test_titles_joined_before_an_appositive_name_share_the_organisation(nlp):
    text = "The president and chief executive of Harbour Bank, Karl Vennor, resigned."
    _, roles = _roles(nlp, text)
    found = sorted((r.title, r.org) for r in _role_of(roles, "Karl Vennor"))
    assert found == [("President", "Harbour Bank"), ("chief executive", "Harbour Bank")]


def test_introductory_clause_ending_in_a_title_gives_no_role(nlp):
    text = "After meeting the minister, Tomas Brecht said the talks had gone well."
    _, roles = _roles(nlp, text)
    assert [r for r in roles if r.person == "Tomas Brecht"] == []


def test_minister_of_portfolio_before_a_name(nlp):
    text = "Minister of Foreign Affairs Ilsa Marren arrived in Bergen on Monday."
    entities, roles = _roles(nlp, text)
    assert "Ilsa Marren" in [e.name for e in entities]
    (role,) = _role_of(roles, "Ilsa Marren")
    assert role.title == "Minister of Foreign Affairs"
    assert text[role.start_char:role.end_char] == "Minister of Foreign Affairs"


def test_minister_of_portfolio_of_country_in_apposition(nlp):
    text = "Ilsa Marren, Minister of Foreign Affairs of Valdoria, arrived in Bergen on Monday."
    _, roles = _roles(nlp, text)
    (role,) = _role_of(roles, "Ilsa Marren")
    assert (role.title, role.org) == ("Minister of Foreign Affairs", "Valdoria")


def test_bare_title_refers_back_to_a_minister_of_portfolio(nlp):
    text = ("Minister of Foreign Affairs Ilsa Marren arrived in Bergen on Monday. "
            "The minister said the treaty was ready.")
    entities, _ = _roles(nlp, text)
    person = next(e for e in entities if e.name == "Ilsa Marren")
    assert [m.text for m in person.mentions if m.kind == "title"] == ["minister"]


# ---- nationalities the lexicon does not know ----------------------------------------------------


def test_unknown_nationality_before_title_becomes_the_role_country(nlp):
    text = ("The accord was signed in Brennhaven by Kestrian Foreign Minister Jurek Malden "
            "on Wednesday.")
    entities, roles = _roles(nlp, text)
    (role,) = _role_of(roles, "Jurek Malden")
    assert (role.title, role.org) == ("Foreign Minister", "Kestrian")
    assert text[role.start_char:role.end_char] == "Kestrian Foreign Minister"
    assert not [e for e in entities if e.type == "PERSON" and e.name == "Kestrian"]


def test_nationality_maps_to_country_named_in_the_article(nlp):
    text = ("The Sarn Strait accord was signed in Brennhaven by Valdorian Foreign Minister "
            "Ilsa Marren and Kestrian Foreign Minister Jurek Malden. Valdoria and Kestria "
            "will share the catch.")
    _, roles = _roles(nlp, text)
    assert [(r.title, r.org) for r in _role_of(roles, "Ilsa Marren")] == [
        ("Foreign Minister", "Valdoria")]
    assert [(r.title, r.org) for r in _role_of(roles, "Jurek Malden")] == [
        ("Foreign Minister", "Kestria")]


def test_nationality_in_apposition_maps_to_country_named_in_the_article(nlp):
    text = "Jurek Malden, the Kestrian foreign minister, said the talks were over. Kestria waits."
    _, roles = _roles(nlp, text)
    (role,) = _role_of(roles, "Jurek Malden")
    assert (role.title, role.org) == ("Foreign Minister", "Kestria")


def test_nationality_without_a_stem_match_keeps_the_adjective(nlp):
    # "Brennhaven" is a place in the article, but not the one "Kestrian" derives from.
    text = "Kestrian Foreign Minister Jurek Malden arrived in Brennhaven on Monday."
    _, roles = _roles(nlp, text)
    (role,) = _role_of(roles, "Jurek Malden")
    assert role.org == "Kestrian"


def test_known_nationality_still_maps_through_the_lexicon(nlp):
    text = "Canadian Trade Minister Ilsa Marren met officials in Ottawa, Canada, on Monday."
    _, roles = _roles(nlp, text)
    (role,) = _role_of(roles, "Ilsa Marren")
    assert (role.title, role.org) == ("Trade Minister", "Canada")


def test_title_reference_with_unknown_nationality_goes_to_the_holder(nlp):
    text = ("Valdorian Foreign Minister Ilsa Marren met Kestrian Foreign Minister Jurek Malden "
            "in Brennhaven. Valdoria and Kestria signed the deal. The Kestrian minister said "
            "it was fair.")
    entities, _ = _roles(nlp, text)
    malden = next(e for e in entities if e.name == "Jurek Malden")
    titles = [m.text for m in malden.mentions if m.kind == "title"]
    assert titles == ["Kestrian minister"]
    marren = next(e for e in entities if e.name == "Ilsa Marren")
    assert not [m for m in marren.mentions if m.kind == "title"]


def test_word_before_a_corporate_title_is_not_taken_for_a_nationality(nlp):
    # "Kellman" ends like a nationality, but "CEO" follows company names, not countries.
    text = "Kellman CEO Karl Vennor said sales rose. Kellman shares fell."
    entities, roles = _roles(nlp, text)
    assert not [e for e in entities if e.type == "NORP"]
    (role,) = _role_of(roles, "Karl Vennor")
    assert role.title == "CEO"


def test_untagged_nationality_before_title_becomes_the_role_country(nlp):
    text = "Torvani Foreign Minister Karl Vennor said the talks went well."
    entities, roles = _roles(nlp, text)
    assert [e.type for e in entities if e.name == "Torvani"] == ["NORP"]
    (role,) = _role_of(roles, "Karl Vennor")
    assert (role.title, role.org) == ("Foreign Minister", "Torvani")


def test_role_organisation_given_as_acronym_takes_the_expanded_name(nlp):
    text = ("The Northern Maritime Alliance (NMA) hosted the talks. "
            "NMA Director General Amara Voss said the accord would hold.")
    _, roles = _roles(nlp, text)
    [role] = _role_of(roles, "Amara Voss")
    assert role.title == "Director General" and role.org == "Northern Maritime Alliance"


# ---- v8: titles a person owns, qualified titles, the bodies a title heads ----------------------


def _roles_of(nlp, text):
    from storyline.analyze.entities import extract_entities

    _entities, roles = extract_entities(nlp(text))
    return {(r.person, r.title, r.org) for r in roles}


def test_a_title_owned_by_a_person_is_a_role_with_that_person_as_org(nlp):
    roles = _roles_of(nlp, "The delegation includes President Ilsa Marren's chief of staff "
                           "Tomas Brecht and two ministers.")
    assert ("Tomas Brecht", "Chief of Staff", "Ilsa Marren") in roles
    roles = _roles_of(nlp, "The White House said Velmoran President Ana Roe's special envoy, "
                           "Ivo Brandt, spoke with Dravian President Tomas Kell on Thursday.")
    assert ("Ivo Brandt", "special envoy", "Ana Roe") in roles


def test_a_lawyer_named_after_a_conjunction_is_a_role(nlp):
    roles = _roles_of(nlp, "Kovac rejected it, while Omarov's lawyer, Mika Perkins, said the "
                           "evidence was weak. Omarov denied it.")
    assert ("Mika Perkins", "lawyer", "Omarov") in roles


def test_the_president_of_a_places_assembly_presides_over_the_assembly(nlp):
    roles = _roles_of(nlp, "Nenad Kovac, president of Republika Orvessa's national assembly "
                           "and an ally of Roe, spoke.")
    assert ("Nenad Kovac", "President", "Republika Orvessa's national assembly") in roles


def test_the_president_is_not_the_vice_president(nlp):
    from storyline.analyze.entities import extract_entities

    text = ("Dravian Vice President Ana Roe arrived in Lusk on Monday. The Dravian president "
            "is expected next week, Roe said.")
    entities, _ = extract_entities(nlp(text))
    roe = next(e for e in entities if e.name == "Ana Roe")
    assert "Dravian president" not in {m.text for m in roe.mentions}
