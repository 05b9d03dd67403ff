"""Linking: one actor across articles — names compared as one, namesakes kept apart."""

from __future__ import annotations

import pytest

from storyline.link import names as N
from storyline.link.linker import score
from storyline.models import Entity


def _e(name, type_="PERSON", **kw):
    return Entity("E1", name, type_, **kw)


def test_transliterations_of_one_name_share_a_key():
    keys = [N.keys(_e(n)) for n in ("Volodymyr Zelenskyy", "Volodymyr Zelenskiy",
                                     "Volodymyr Zelensky")]
    assert keys[0] == keys[1] == keys[2]
    assert N.variant("Qadhafi") == N.variant("Gaddafi") == N.variant("Kadafi")


def test_a_surname_alone_meets_the_full_name_and_namesakes_stay_apart():
    full = {"name": "Ilsa Marren", "type": "PERSON", "keys": {"s:marren"}, "links": 3}
    assert score(_e("Marren"), full) == pytest.approx(0.75)
    assert score(_e("Ilsa Marren"), {**full, "keys": {"p:ilsa marren", "s:marren"}}) == 1.0
    assert score(_e("Dag Marren"), full) == 0.0  # same surname, another given name


def test_acronym_and_expansion_are_one_organisation():
    nato = _e("North Atlantic Treaty Organization", "ORG", acronym="NATO")
    assert "a:nato" in N.keys(nato)
    assert "a:nato" in N.keys(_e("NATO", "ORG"))
    assert N.keys(_e("Ford Motor Company", "ORG")) & N.keys(_e("Ford", "ORG"))


def test_a_government_named_by_its_country_is_that_country():
    assert N.keys(_e("the US Government", "ORG")) == {"c:USA"}
    assert N.keys(_e("United States", "GPE")) >= {"c:USA"}
    assert N.keys(_e("Ukrainian", "NORP")) & N.keys(_e("Ukraine", "GPE"))


def test_a_place_and_its_nationality_meet_even_when_the_rule_data_lacks_them():
    assert N.keys(_e("Valdoria", "GPE")) & N.keys(_e("Valdorian", "NORP"))
    assert not N.keys(_e("Valdoria", "GPE")) & N.keys(_e("Kestrian", "NORP"))


def test_a_city_and_the_team_named_after_it_stay_apart():
    team = {"name": "Harwick", "type": "ORG", "keys": {"o:harwick"}, "links": 4}
    assert score(_e("Harwick", "GPE"), team) == 0.0


def test_people_of_different_countries_stay_apart():
    known = {"name": "Ana Roe", "type": "PERSON", "keys": {"p:ana roe", "s:roe"},
             "country": "FRA", "links": 2}
    assert score(_e("Ana Roe", country="DE"), known) == 0.0
    assert score(_e("Ana Roe", country="FR"), known) == 1.0


def test_one_full_name_typed_a_person_and_an_organisation_is_one_actor():
    # the model's type noise: "Renna Holt" a person in one article, an organisation in another
    org = {"name": "Renna Holt", "type": "ORG", "keys": N.keys(_e("Renna Holt", "ORG")),
           "links": 2}
    assert N.keys(_e("Renna Holt")) & N.keys(_e("Renna Holt", "ORG"))
    assert score(_e("Renna Holt"), org) == pytest.approx(0.9)
    # a surname alone, or a place of the same name, does not cross the types
    assert score(_e("Holt"), {**org, "keys": set()}) == 0.0
    place = {"name": "Renna Holt", "type": "GPE", "keys": {"g:renna holt"}, "links": 2}
    assert score(_e("Renna Holt"), place) == 0.0
