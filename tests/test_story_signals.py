"""What tells two events of one kind apart when stories are assigned: the counts a report
gives, the days its dates name, and the closer match a story of one article asks for."""

from __future__ import annotations

import pytest

from storyline.api import analyze_document
from storyline.stories import cluster as C


@pytest.mark.slow
def test_counts_are_terms_and_dates_are_not_counts():
    analysis = analyze_document(
        "Navy commandos captured twenty-three pirates in the Gulf of Varn on Saturday.\n\n"
        "The 23 pirates were handed to the coast guard of Ostmark on December 15, the navy "
        "said, and three boats were seized.", published="2026-05-02")
    counts = {t.term: t.count for t in analysis.terms if t.kind == "count"}
    assert counts.get("23 pirate") == 2  # a number word and digits are one count
    assert "3 boat" in counts
    assert not any("december" in c for c in counts)


def _report(day: str | None, counts: dict[str, float]) -> dict[str, float]:
    vec = {"w:navy": 1.0, "w:pirate": 1.0, "w:attack": 0.5, "e:7": 1.0}
    vec.update({"c:" + k: v for k, v in counts.items()})
    if day:
        vec["p:" + day] = 1.0
    return vec


def test_reports_of_the_same_days_are_told_apart_by_their_counts():
    first = _report("2026-05-02", {"23 pirate": 1.0})
    same = _report("2026-05-02", {"23 pirate": 1.0})
    other = _report("2026-05-03", {"26 pirate": 1.0})
    assert C.similarity(first, same)[0] > C.similarity(first, other)[0]
    undated = _report(None, {"26 pirate": 1.0})
    assert C.similarity(_report(None, {"23 pirate": 1.0}), undated)[0] < \
        C.similarity(first, same)[0]


def test_a_story_that_goes_on_is_not_judged_by_its_old_counts():
    # three weeks later the toll has risen: the counts no longer weigh against the report
    early = _report("2026-05-02", {"2 dead": 1.0})
    later = _report("2026-05-23", {"9 dead": 1.0})
    without_counts = C.similarity(_report("2026-05-02", {}), _report("2026-05-23", {}))[0]
    assert C.similarity(early, later)[0] == pytest.approx(without_counts)


def test_a_report_is_compared_by_counts_with_a_story_it_is_close_to_on_any_day():
    # the story was reported on the 1st and the 10th; a report of the 11th is a day from it,
    # so its other figure weighs against it, while the same report three weeks on would not
    story = _report("2026-05-01", {"9 dead": 1.0})
    story["p:2026-05-10"] = 1.0
    near = _report("2026-05-11", {"2 dead": 1.0})
    later = _report("2026-05-31", {"2 dead": 1.0})
    assert C.similarity(near, story)[0] < C.similarity(later, story)[0]
    _sim, shared = C.similarity(near, story)
    assert shared and not any(t.startswith("p:") for t, _c in shared)


def test_joining_a_story_of_one_takes_a_closer_match_than_a_grown_story():
    assert C._young(1) > C._young(2) > C._young(10) >= 1.0
    assert C._young(50) == pytest.approx(1.0, abs=1e-3)


@pytest.mark.slow
def test_a_duration_is_no_count_but_an_age_is():
    analysis = analyze_document(
        "The talks lasted three months. A 15-year-old boy was hurt, and two years of work "
        "were lost, the ministry said.", published="2026-05-02")
    counts = {t.term for t in analysis.terms if t.kind == "count"}
    assert "15 year old" in counts
    assert not {"3 month", "2 year"} & counts


def test_a_sum_of_money_is_a_count_of_its_currency():
    analysis = analyze_document(
        "Robbers took jewels worth 85 million euros ($108 million) from a shop in Varn, and "
        "a second gang took €2m from a bank. The insurer paid 3,500 dollars.",
        published="2026-05-02")
    counts = {t.term for t in analysis.terms if t.kind == "count"}
    assert {"EUR 85 million", "USD 110 million", "EUR 2 million", "USD 3,500"} <= counts
    # the scale word is part of the sum, never a count of its own
    assert not any(c.split()[0] in {"1000000", "million"} for c in counts)
