"""Time expressions: recognition, TIMEX3 values and anchoring on the publication time."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.analyze.time_exprs import extract_time_exprs, parse_published
from storyline.models import TimeExpr

FRIDAY = "2026-03-06T09:00:00Z"  # a Friday
MONDAY = "2026-03-09"


def _find(text: str, published: str | None, surface: str, doc=None) -> TimeExpr:
    found = [t for t in extract_time_exprs(text, published, doc) if t.text == surface]
    assert found, f"{surface!r} not found in {extract_time_exprs(text, published, doc)}"
    return found[0]


def test_spans_point_back_into_the_text():
    text = "The Verdan council met on Tuesday and will meet again next Monday."
    for t in extract_time_exprs(text, FRIDAY):
        assert text[t.start_char:t.end_char] == t.text


@pytest.mark.parametrize("surface,value,granularity", [
    ("March 3, 2026", "2026-03-03", "day"),
    ("3 March 2025", "2025-03-03", "day"),
    ("2026-03-03", "2026-03-03", "day"),
    ("March 2024", "2024-03", "month"),
    ("1998", "1998", "year"),
])
def test_explicit_dates_get_full_values(surface, value, granularity):
    text = f"The Halvor accord was signed on {surface} in Port Ossin."
    t = _find(text, FRIDAY, surface)
    assert (t.type, t.value, t.granularity) == ("DATE", value, granularity)


def test_month_day_without_year_takes_the_publication_year():
    assert _find("Talks began on 3 March in Kelm.", FRIDAY, "3 March").value == "2026-03-03"


def test_month_later_than_publication_in_past_tense_is_last_year():
    t = _find("The mayor of Dravik resigned in early December.", FRIDAY, "early December")
    assert (t.value, t.granularity) == ("2025-12", "month")


def test_weekday_equal_to_publication_day_means_that_day():
    assert _find("Ministers met on Friday in Arvela.", FRIDAY, "Friday").value == "2026-03-06"
    assert _find("Ministers will meet on Friday.", FRIDAY, "Friday").value == "2026-03-06"


def test_bare_weekday_in_past_tense_is_the_most_recent_such_day():
    assert _find("The envoy arrived on Tuesday.", FRIDAY, "Tuesday").value == "2026-03-03"


def test_bare_weekday_in_future_tense_is_the_next_such_day():
    assert _find("The envoy will arrive on Tuesday.", FRIDAY, "Tuesday").value == "2026-03-10"


def test_last_friday_from_a_friday_is_a_week_back():
    assert _find("Protests began last Friday.", FRIDAY, "last Friday").value == "2026-02-27"


def test_last_friday_from_a_monday_is_three_days_back():
    assert _find("Protests began last Friday.", MONDAY, "last Friday").value == "2026-03-06"


def test_next_monday_is_after_the_publication_day():
    assert _find("Voting opens next Monday.", FRIDAY, "next Monday").value == "2026-03-09"


def test_tense_comes_from_the_parse_when_a_doc_is_given(nlp):
    past = "Officials in Merrow said the bridge reopened Wednesday."
    future = "Officials in Merrow say the bridge will reopen Wednesday."
    assert _find(past, FRIDAY, "Wednesday", nlp(past)).value == "2026-03-04"
    assert _find(future, FRIDAY, "Wednesday", nlp(future)).value == "2026-03-11"


@pytest.mark.parametrize("surface,value,granularity", [
    ("yesterday", "2026-03-05", "day"),
    ("today", "2026-03-06", "day"),
    ("tomorrow", "2026-03-07", "day"),
    ("two days ago", "2026-03-04", "day"),
    ("a week ago", "2026-W09", "week"),
    ("next month", "2026-04", "month"),
    ("last year", "2025", "year"),
    ("earlier this year", "2026", "year"),
    ("this week", "2026-W10", "week"),
    ("last week", "2026-W09", "week"),
])
def test_relative_expressions_resolve_against_publication(surface, value, granularity):
    text = f"The Ossin ministry published the figures {surface}."
    t = _find(text, FRIDAY, surface)
    assert (t.type, t.value, t.granularity) == ("DATE", value, granularity)


@pytest.mark.parametrize("surface,value", [
    ("recently", "PAST_REF"), ("now", "PRESENT_REF"), ("currently", "PRESENT_REF"),
    ("upcoming", "FUTURE_REF"),
])
def test_vague_references_get_ref_values(surface, value):
    text = f"The Tarn delegation is {surface} in talks about the {surface} vote."
    assert _find(text, FRIDAY, surface).value == value


def test_quarter_decade_and_season_values():
    text = ("Exports from Kelm rose in the third quarter of 2025, fell in the 1990s, "
            "and recovered last summer.")
    assert _find(text, FRIDAY, "the third quarter of 2025").value == "2025-Q3"
    t = _find(text, FRIDAY, "the 1990s")
    assert (t.value, t.granularity) == ("199", "decade")
    assert _find(text, FRIDAY, "last summer").value == "2025-SU"


@pytest.mark.parametrize("surface,value", [
    ("nearly three years", "P3Y"), ("two weeks", "P2W"), ("72 hours", "PT72H"),
    ("the past three months", "P3M"), ("two and a half years", "P2Y6M"),
])
def test_durations_are_told_apart_from_points(surface, value):
    text = f"The blockade of Sarn lasted {surface}, officials said."
    t = _find(text, FRIDAY, surface)
    assert (t.type, t.value) == ("DURATION", value)


def test_for_is_not_part_of_a_duration_span():
    t = _find("The Kelm envoy stayed for two weeks.", FRIDAY, "two weeks")
    assert t.value == "P2W"


def test_ages_are_not_durations():
    assert extract_time_exprs("A 44-year-old farmer from Dunmere was injured.", FRIDAY) == []


def test_years_counting_things_are_not_dates():
    found = extract_time_exprs("Some 2000 volunteers joined the Arvela clean-up.", FRIDAY)
    assert [t.value for t in found] == []


def test_may_as_a_verb_is_not_a_month():
    assert extract_time_exprs("The council may vote on the plan.", FRIDAY) == []


@pytest.mark.parametrize("surface,value", [
    ("every week", "P1W"), ("weekly", "P1W"), ("daily", "P1D"), ("every Monday", "XXXX-WXX-1"),
    ("twice a year", "P1Y"),
])
def test_sets_are_recurring(surface, value):
    text = f"The Merrow ferry sails {surface} to the islands."
    t = _find(text, FRIDAY, surface)
    assert (t.type, t.value) == ("SET", value)


def test_clock_times_combine_with_a_weekday():
    t = _find("Polls in Sarn close at 9 a.m. Tuesday.", FRIDAY, "9 a.m. Tuesday")
    assert (t.type, t.value, t.granularity) == ("TIME", "2026-03-03T09:00", "time")


def test_part_of_day_on_a_weekday():
    t = _find("Shelling resumed Tuesday morning near Kelm.", FRIDAY, "Tuesday morning")
    assert (t.type, t.value) == ("TIME", "2026-03-03TMO")


def test_narrative_reference_anchors_the_next_day():
    text = "The Tarn summit opened on March 2, 2026. The next day, delegates walked out."
    assert _find(text, FRIDAY, "The next day").value == "2026-03-03"


def test_a_year_earlier_after_a_quarter_is_that_quarter_last_year():
    text = "Kelm Freight earned more in the third quarter than a year earlier."
    assert _find(text, FRIDAY, "a year earlier").value == "2024-Q3"


def test_without_publication_time_relative_expressions_are_unanchored():
    text = "The Dravik mayor resigned yesterday, two days after the vote on March 3, 2026."
    found = {t.text: t for t in extract_time_exprs(text, None)}
    assert found["yesterday"].value is None and found["yesterday"].anchored is False
    assert found["March 3, 2026"].value == "2026-03-03" and found["March 3, 2026"].anchored


def test_without_publication_time_durations_keep_their_values():
    t = _find("The strike lasted nearly three years.", None, "nearly three years")
    assert (t.value, t.anchored) == ("P3Y", True)


def test_publication_time_formats():
    assert parse_published("2026-03-06").day == 6
    assert parse_published("2026-03-06 20:30:26Z").hour == 20
    assert parse_published("Fri, 06 Mar 2026 09:00:00 +0000").day == 6
    assert parse_published("not a date") is None
    assert parse_published(None) is None


def test_unreadable_publication_time_leaves_relative_expressions_unanchored():
    t = _find("The vote was held yesterday.", "sometime", "yesterday")
    assert t.value is None and not t.anchored


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list("abcMTy0123456789 .,-:'\n") + [
    "March ", "Tuesday ", "last ", "ago ", "years ", "next ", "week ", "the ", "2026 ", "a.m. ",
    "May ", "early ", "quarter ", "two ", "a year earlier ", "that day "]), max_size=40).map("".join))
def test_any_text_gives_ordered_non_overlapping_spans_into_it(text):
    found = extract_time_exprs(text, FRIDAY)
    for t in found:
        assert 0 <= t.start_char < t.end_char <= len(text)
        assert text[t.start_char:t.end_char] == t.text
    for a, b in zip(found, found[1:], strict=False):
        assert a.end_char <= b.start_char


# ---- robustness: year choice, tense, clocks, spelled-out years, holidays, sets -------------



def test_month_day_shortly_ahead_stays_this_year_in_a_past_tense_report():
    text = "The Kelm board said the dividend is payable Dec. 7 to holders of record Nov. 22."
    found = {t.text: t.value for t in extract_time_exprs(text, "2025-10-27")}
    assert found["Dec. 7"] == "2025-12-07"
    assert found["Nov. 22"] == "2025-11-22"


def test_month_far_ahead_in_a_past_tense_clause_is_last_year():
    text = "Investigators had searched for the driver since the Oct. 23 crash in Arvela."
    assert _find(text, "1999-05-06", "Oct. 23").value == "1998-10-23"


def test_month_without_tense_is_the_nearest_one(nlp):
    text = "A Tarn summit in April remains the goal."
    assert _find(text, "2026-12-05", "April").value == "2027-04"
    assert _find(text, "2026-12-05", "April", nlp(text)).value == "2027-04"


def test_month_after_since_is_already_past():
    text = "Kelm shares have climbed since November."
    assert _find(text, "2026-10-01", "November").value == "2025-11"


def test_quarter_just_ahead_stays_this_year():
    text = "Kelm Motors announced plant closures during the fourth quarter."
    assert _find(text, "2026-08-19", "the fourth quarter").value == "2026-Q4"


def test_final_quarter_of_a_year():
    text = "Kelm Motors made a profit in the final quarter of 2009."
    assert _find(text, FRIDAY, "the final quarter of 2009").value == "2009-Q4"


def test_month_of_next_year():
    text = "Dealers in Sarn lose their licences after October of next year."
    assert _find(text, FRIDAY, "October of next year").value == "2027-10"


def test_both_ends_of_a_month_range_are_dates():
    found = {t.text: t.value for t in extract_time_exprs("Talks in Merrow ran between March and May.",
                                                    "2026-07-01")}
    assert found == {"March": "2026-03", "May": "2026-05"}


def test_possessive_weekday_is_a_past_event():
    text = "Lawyers in Sarn will appeal Wednesday's ruling."
    assert _find(text, FRIDAY, "Wednesday").value == "2026-03-04"


def test_as_early_as_weekday_points_ahead():
    text = "Officials said talks resume as early as Tuesday."
    assert _find(text, FRIDAY, "Tuesday").value == "2026-03-10"


def test_infinitive_takes_the_tense_of_its_plan(nlp):
    planned = "The Kelm team planned to leave Arvela on Thursday."
    assert _find(planned, MONDAY, "Thursday", nlp(planned)).value == "2026-03-12"
    expired = "The Dravik offer had been due to expire Friday evening."
    assert _find(expired, MONDAY, "Friday evening", nlp(expired)).value == "2026-03-06TEV"


def test_modal_verb_points_ahead(nlp):
    text = "The Tarn delegation could arrive Thursday."
    assert _find(text, MONDAY, "Thursday", nlp(text)).value == "2026-03-12"


@pytest.mark.parametrize("surface,value", [
    ("14:58 UTC", "2026-03-06T14:58Z"), ("0800 GMT", "2026-03-06T08:00Z"),
    ("9 a.m. EST", "2026-03-06T09:00"),
])
def test_utc_clock_times_carry_z(surface, value):
    text = f"Trading in Kelm resumed at {surface}, the exchange said."
    t = _find(text, FRIDAY, surface)
    assert (t.type, t.value) == ("TIME", value)


def test_clock_time_followed_by_a_date():
    text = "Holders may tender shares until 5 p.m. EST Nov. 9, the Arvela bank said."
    t = _find(text, "2026-10-30", "5 p.m. EST Nov. 9")
    assert (t.type, t.value) == ("TIME", "2026-11-09T17:00")


@pytest.mark.parametrize("surface,value", [
    ("nineteen ninety-six", "1996"), ("January nineteen ninety-seven", "1997-01"),
    ("the winter of nineteen ninety-four", "1994-WI"), ("two thousand and five", "2005"),
    ("nineteen oh five", "1905"),
])
def test_spelled_out_years(surface, value):
    text = f"The Sarn ferry first sailed in {surface}."
    assert _find(text, FRIDAY, surface).value == value


def test_spelled_out_number_that_counts_things_is_not_a_year():
    assert extract_time_exprs("Nineteen twenty people signed the Kelm petition.", FRIDAY) == []


@pytest.mark.parametrize("text,published,surface,value", [
    ("Shops in Kelm closed on Thanksgiving Day.", "2026-01-06", "Thanksgiving Day", "2025-11-27"),
    ("The boat sank last Thanksgiving.", "2026-03-06", "last Thanksgiving", "2025-11-27"),
    ("The Sarn ferry will run again after Christmas.", FRIDAY, "Christmas", "2026-12-25"),
    ("Easter 2026 falls early in Arvela.", FRIDAY, "Easter 2026", "2026-04-05"),
    ("Pilgrims gathered as Easter week began.", "2026-03-30", "Easter week", "2026-W14"),
    ("Fireworks lit Merrow on New Year's Eve.", "2026-01-02", "New Year's Eve", "2025-12-31"),
])
def test_holidays_resolve_to_their_dates(text, published, surface, value):
    assert _find(text, published, surface).value == value


def test_a_day_after_a_quantity_is_a_rate(nlp):
    text = "Up to 20,000 people a day crossed into Kelm."
    for doc in (None, nlp(text)):
        t = _find(text, FRIDAY, "a day", doc)
        assert (t.type, t.value) == ("SET", "P1D")


def test_a_day_spent_is_a_duration(nlp):
    text = "The two envoys spent a day in Sarn."
    for doc in (None, nlp(text)):
        assert _find(text, FRIDAY, "a day", doc).type == "DURATION"


def test_each_other_is_not_a_recurrence():
    found = extract_time_exprs("The Kelm crews talk to each other 24 hours a day.", FRIDAY)
    assert not any("each" in t.text for t in found)
    assert [(t.text, t.type) for t in found] == [("24 hours", "DURATION"), ("a day", "SET")]


def test_every_other_day_recurs_every_two_days():
    assert _find("The Sarn ferry sails every other day.", FRIDAY, "every other day").value == "P2D"


def test_hyphenated_now_and_soon_are_not_references():
    assert extract_time_exprs("The now-cancelled deal and the soon-to-open Kelm terminal.", FRIDAY) == []


@pytest.mark.parametrize("published,expected", [
    ("03-02-2009", (2009, 2, 3)), ("25.12.2024", (2024, 12, 25)), ("31-12-2024", (2024, 12, 31)),
    ("03/02/2009", (2009, 3, 2)), ("25/12/2024", (2024, 12, 25)),
])
def test_numeric_publication_dates(published, expected):
    d = parse_published(published)
    assert (d.year, d.month, d.day) == expected


# ---- v3: what the words around a date say, and one weekday per article ----------------------

THURSDAY = "2026-03-12T10:00:00Z"


def test_the_fall_of_a_city_is_an_event_not_autumn():
    text = "Analysts in Lusk warned that the fall of Vellport would change the war."
    assert not any(t.text.endswith("fall") or t.value and t.value.endswith("-FA")
                   for t in extract_time_exprs(text, FRIDAY))
    assert _find("The harbour reopened last fall in Vellport.", FRIDAY, "last fall").value == "2025-FA"


def test_weekday_of_a_past_reporting_clause_is_past_even_when_what_was_said_is_future(nlp):
    text = ("Ilsa Marren rejected the ruling, telling reporters in Lusk on Wednesday that it "
            "was unfair and that she would ask Dravia to intervene.")
    assert _find(text, THURSDAY, "Wednesday", nlp(text)).value == "2026-03-11"


def test_possessive_weekday_is_the_day_the_article_already_named(nlp):
    text = ("Ilsa Marren will hold talks Tuesday with Velmoran officials in Lusk.\n\n"
            "A port deal was not the main focus of Tuesday's talks, Marren said.")
    doc = nlp(text)
    assert _find(text, MONDAY, "Tuesday", doc).value == "2026-03-10"
    tuesdays = [t.value for t in extract_time_exprs(text, MONDAY, doc) if "Tuesday" in t.text]
    assert tuesdays == ["2026-03-10", "2026-03-10"]


def test_possessive_weekday_alone_names_a_past_event():
    assert _find("Dravia will appeal Wednesday's ruling.", FRIDAY, "Wednesday").value == "2026-03-04"


def test_a_deadline_or_start_lies_ahead_of_a_past_verb(nlp):
    text = "Officials postponed until Tuesday morning any vote on the Kelm harbour."
    assert _find(text, THURSDAY, "Tuesday morning", nlp(text)).value == "2026-03-17TMO"
    text = "The Kelm port authority created a new board, effective Feb. 1."
    assert _find(text, "2026-10-20", "Feb. 1", nlp(text)).value == "2027-02-01"


def test_a_planned_event_lies_ahead(nlp):
    text = "Protesters planned a large march in Lusk on Saturday."
    assert _find(text, THURSDAY, "Saturday", nlp(text)).value == "2026-03-14"
    text = "The mayor of Kelm has scheduled a news conference Friday."
    assert _find(text, THURSDAY, "Friday", nlp(text)).value == "2026-03-13"


def test_since_shortly_after_a_date_looks_back(nlp):
    text = "Police have been searching for the driver since shortly after the Oct. 23 crash."
    assert _find(text, "2026-05-06", "Oct. 23", nlp(text)).value == "2025-10-23"


def test_a_verb_whose_past_is_its_base_form_is_no_evidence_of_the_present(nlp):
    text = "Falling oil prices hurt the Kelm index on Friday."
    assert _find(text, "2026-03-09", "Friday", nlp(text)).value == "2026-03-06"


def test_a_weekday_named_again_is_the_same_day(nlp):
    text = ("Ivo Brandt landed in Lusk on Tuesday.\n\n"
            "His office could not be reached on Tuesday for comment.")
    days = [t.value for t in extract_time_exprs(text, THURSDAY, nlp(text))]
    assert days == ["2026-03-10", "2026-03-10"]


def test_a_weekday_right_after_a_past_reporting_verb_is_the_day_of_the_saying(nlp):
    text = "Ilsa Marren said Sunday Dravia will keep the port open."
    assert _find(text, MONDAY, "Sunday", nlp(text)).value == "2026-03-08"


def test_effective_before_a_weekday_is_no_evidence_of_the_future(nlp):
    text = "Ivo Brandt said that effective Monday, he was charging more for power."
    assert _find(text, "2026-03-10", "Monday", nlp(text)).value == "2026-03-09"
