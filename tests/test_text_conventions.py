import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.errors import SourceError
from storyline.ingest.normalize import detect_language, normalize_text
from storyline.ingest.text import split_headline, text_document

ARTICLE = """Harbour Council Backs Ferry Plan
Vote ends two years of delay over the Northvale crossing

NORTHVALE — The harbour council voted 7-2 on Tuesday to fund a new ferry crossing.

"This is the day the town has waited for," said Mayor Elena Vasquez.

What's Your Reaction?
Like
14
Angry
2
Sad
Wow
"""


# ---- split_headline -----------------------------------------------------------------------

def test_first_short_line_is_headline_and_second_is_dek():
    title, dek, body = split_headline(ARTICLE)
    assert title == "Harbour Council Backs Ferry Plan"
    assert dek == "Vote ends two years of delay over the Northvale crossing"
    assert body.startswith("NORTHVALE — The harbour council")


def test_paragraph_first_line_is_never_a_title():
    text = ("The harbour council voted on Tuesday to fund a new ferry crossing after two years "
            "of delays, officials in the fictional town of Northvale said.\n\nMore text here.")
    assert split_headline(text) == (None, None, text)


def test_first_line_ending_with_a_period_is_not_a_headline():
    text = "The council voted.\n\nIt was close."
    assert split_headline(text)[0] is None


def test_short_question_headline_is_accepted_but_long_question_sentence_is_not():
    assert split_headline("Is the Ferry Worth It?\n\nBody text follows.")[0] == \
        "Is the Ferry Worth It?"
    long_question = ("why did the council wait two whole years before it finally decided to put "
                     "money into the ferry crossing?\n\nBody.")
    assert split_headline(long_question)[0] is None


def test_lone_line_is_body_not_headline():
    assert split_headline("Harbour Council Backs Ferry Plan") == \
        (None, None, "Harbour Council Backs Ferry Plan")


def test_dateline_second_line_is_body_not_dek():
    text = "Ferry Plan Approved\nNORTHVALE — The council voted on Tuesday.\nMore follows."
    title, dek, body = split_headline(text)
    assert title == "Ferry Plan Approved"
    assert dek is None
    assert body.startswith("NORTHVALE —")


def test_long_second_paragraph_is_body_not_dek():
    text = ("Ferry Plan Approved\n\nThe harbour council voted 7-2 on Tuesday to fund a new "
            "ferry crossing, ending two years of delays that had angered commuters.\n\nMore.")
    assert split_headline(text)[1] is None


def test_byline_first_line_is_not_a_headline():
    assert split_headline("By Lena Ortiz\n\nThe council voted.")[0] is None


# ---- normalize_text -----------------------------------------------------------------------

def test_normalize_collapses_spaces_and_paragraph_breaks():
    raw = "  First\u00a0\u00a0line  \twith tabs \r\n\r\n\r\n\n  Second\u2009para \n\n"
    assert normalize_text(raw) == "First line with tabs\n\nSecond para"


def test_normalize_composes_unicode_and_drops_invisible_characters():
    assert normalize_text("Cafe\u0301 zero\u200bwidth soft\u00adhyphen") == "Café zerowidth softhyphen"


def test_normalize_keeps_single_line_breaks_inside_a_paragraph():
    assert normalize_text("12 Harbour Road\nNorthvale\n\nNext") == "12 Harbour Road\nNorthvale\n\nNext"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_normalize_is_idempotent(text):
    once = normalize_text(text)
    assert normalize_text(once) == once


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=" \t\r\n\u00a0\u2028abc\u0301e\u200b", max_size=80))
def test_normalized_text_has_clean_paragraph_structure(text):
    out = normalize_text(text)
    assert out == out.strip()
    assert "\n\n\n" not in out and "  " not in out and "\r" not in out
    assert all(line == line.strip() for line in out.split("\n"))


# ---- detect_language ----------------------------------------------------------------------

def test_detect_language_returns_iso_639_1_codes():
    assert detect_language("The harbour council voted on Tuesday to fund a new ferry crossing.") == "en"
    assert detect_language("Le conseil municipal a voté mardi pour financer un nouveau ferry.") == "fr"
    assert detect_language("Der Stadtrat hat am Dienstag für eine neue Fährverbindung gestimmt.") == "de"


def test_detect_language_is_none_for_too_little_text():
    assert detect_language("OK") is None
    assert detect_language("12 345 678 !!") is None


# ---- text_document ------------------------------------------------------------------------

def test_text_document_applies_headline_chrome_normalisation_and_language():
    doc = text_document(ARTICLE, source="gazette/ferry.txt", outlet="Northvale Gazette")
    assert doc.title == "Harbour Council Backs Ferry Plan"
    assert doc.dek == "Vote ends two years of delay over the Northvale crossing"
    assert doc.text.startswith("NORTHVALE — The harbour council")
    assert doc.text.endswith("said Mayor Elena Vasquez.")
    assert "Reaction" not in doc.text
    assert doc.reactions == {"like": 14, "angry": 2}
    assert doc.language == "en"
    assert doc.outlet == "Northvale Gazette"
    assert doc.via == "text" and doc.source == "gazette/ferry.txt"


def test_given_title_strips_repeated_headline_instead_of_splitting():
    raw = "Harbour Council Backs Ferry Plan\n\nShort first line\n\nThe council voted on Tuesday."
    doc = text_document(raw, source="x.json:3", via="json", title="Harbour council backs ferry plan")
    assert doc.title == "Harbour council backs ferry plan"
    assert doc.dek is None
    assert doc.text == "Short first line\n\nThe council voted on Tuesday."


def test_given_language_and_reactions_are_kept_and_merged():
    doc = text_document("Plain Title\n\nBody text of the story.\n\nWhat's your reaction?\nLove 3",
                        source="s", language="xx", reactions={"like": 1})
    assert doc.language == "xx"
    assert doc.reactions == {"like": 1, "love": 3}


def test_unknown_metadata_goes_to_extra():
    doc = text_document("Title Here\n\nSome body text.", source="s", section="Local")
    assert doc.extra == {"section": "Local"}


def test_text_with_only_chrome_raises_no_text():
    with pytest.raises(SourceError) as info:
        text_document("Share this article\nAdvertisement\n", source="empty.txt")
    assert info.value.reason == "no-text"
    assert info.value.source == "empty.txt"


def test_one_sentence_story_under_a_headline_stays_body_not_dek():
    doc = text_document("Ferry Resumes\n\nThe Northvale ferry ran again on Friday.\n\nAdvertisement",
                        source="s")
    assert doc.title == "Ferry Resumes"
    assert doc.dek is None
    assert doc.text == "The Northvale ferry ran again on Friday."


def test_detect_language_loads_its_model_without_network(monkeypatch):
    import socket

    from storyline.ingest import normalize

    def refuse(*args, **kwargs):
        raise AssertionError("detect_language tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    normalize._detector.cache_clear()
    assert detect_language("Il consiglio comunale ha votato martedì per finanziare il traghetto.") == "it"


# ---- headline repeats, section headings, long deks ----------------------------------------

LEAD = ("NORTHVALE — The harbour council voted 7-2 on Tuesday to fund a new ferry crossing, "
        "ending two years of delays.")
SECOND = ("Mayor Elena Vasquez said construction would begin before the winter storms and that "
          "the first crossings would run within eighteen months.")


def test_a_headline_repeated_right_after_the_lead_is_dropped():
    raw = f"Harbour Council Backs Ferry Plan\n\n{LEAD}\n\nHarbour Council Backs Ferry Plan\n\n{SECOND}"
    doc = text_document(raw, source="repeat.txt")
    assert doc.title == "Harbour Council Backs Ferry Plan"
    assert doc.text == f"{LEAD}\n\n{SECOND}"


def test_section_headings_are_marked_not_taken_for_prose():
    raw = (f"Harbour Council Backs Ferry Plan\n\n{LEAD}\n\nFuture Outlook and Conclusion\n\n"
           f"{SECOND}\n\nOther concerns\n\n{SECOND}")
    doc = text_document(raw, source="headings.txt")
    spans = doc.extra["headings"]
    assert [doc.text[a:b] for a, b in spans] == ["Future Outlook and Conclusion",
                                                 "Other concerns"]
    assert "Future Outlook and Conclusion" in doc.text  # kept in place, only marked


def test_short_lines_that_end_like_sentences_are_not_headings():
    raw = f"Harbour Council Backs Ferry Plan\n\n{LEAD}\n\nIt passed.\n\n{SECOND}"
    assert "headings" not in text_document(raw, source="s.txt").extra


def test_a_one_sentence_standfirst_of_seventeen_words_is_the_dek():
    dek = ("The crossing will open next spring after the council ends a two-year dispute "
           "with the ferry firm.")
    assert len(dek.split()) == 17
    title, found, body = split_headline(f"Ferry Plan Approved\n{dek}\n\n{LEAD} {SECOND}")
    assert title == "Ferry Plan Approved"
    assert found == dek
    assert body.startswith("NORTHVALE")


def test_a_one_sentence_lead_that_reports_is_not_the_dek():
    lead = ("The harbour council voted on Tuesday to fund the crossing, Mayor Elena Vasquez "
            "said after the meeting.")
    title, found, body = split_headline(f"Ferry Plan Approved\n{lead}\n\n{SECOND} {SECOND}")
    assert found is None
    assert body.startswith("The harbour council voted")


def test_a_short_one_sentence_lead_that_reports_stays_in_the_body():
    # under 15 words, ending in a full stop, but "officials said": the lead, whose facts
    # analysis must see, not a standfirst
    lead = "The harbour council reopened the ferry talks on Tuesday, officials said."
    title, found, body = split_headline(f"Ferry Talks Resume\n\n{lead}\n\n{SECOND} {SECOND}")
    assert title == "Ferry Talks Resume"
    assert found is None
    assert body.startswith(lead)


@pytest.mark.parametrize("line, iso", [
    ("Friday, November 11, 2011", "2011-11-11T00:00:00"),
    ("JUNE 6, 2013 11:34PM", "2013-06-06T23:34:00"),
    ("Posted: Mar 4, 2009", "2009-03-04T00:00:00"),
    ("9:53 AM, MON 22 JUL 2013", "2013-07-22T09:53:00"),
    ("Sept. 5, 2012 | 4:30 p.m. ET", "2012-09-05T16:30:00"),
])
def test_a_line_that_is_only_a_date_is_a_date_line(line, iso):
    from storyline.ingest.text import date_line

    assert date_line(line) == iso


@pytest.mark.parametrize("line", ["March 2010", "2012", "Monday", "May 2009 was a hot month",
                                  "In 2009", "Klitschko vs Thompson II"])
def test_lines_with_other_words_or_no_day_are_not_date_lines(line):
    from storyline.ingest.text import date_line

    assert date_line(line) is None


def test_a_date_line_under_the_headline_is_the_publication_time_not_the_dek():
    raw = f"Ferry Plan Approved\n\nTuesday, March 3, 2026 4:15 PM\n\n{LEAD}\n\n{SECOND}"
    doc = text_document(raw, source="dated.txt")
    assert doc.title == "Ferry Plan Approved"
    assert doc.dek is None
    assert doc.published.startswith("2026-03-03T16:15")
    assert "March 3, 2026" not in doc.text


def test_a_date_line_above_the_headline_leaves_the_headline_in_place():
    raw = f"Friday, March 6, 2026\n\nFerry Plan Approved\n\n{LEAD}\n\n{SECOND}"
    doc = text_document(raw, source="dated.txt")
    assert doc.title == "Ferry Plan Approved"
    assert doc.published.startswith("2026-03-06")


def test_a_given_publication_time_wins_over_the_date_line():
    raw = f"Ferry Plan Approved\n\nTuesday, March 3, 2026\n\n{LEAD}\n\n{SECOND}"
    doc = text_document(raw, source="dated.txt", published="2026-03-04T08:00:00")
    assert doc.published == "2026-03-04T08:00:00"


def test_a_heading_on_its_own_line_above_the_paragraph_is_marked():
    raw = (f"Harbour Council Backs Ferry Plan\n\n{LEAD}\n\nCouncil approval\n{SECOND}\n\n"
           f"Ada Brennick\nNorthvale Council\n{SECOND}")
    doc = text_document(raw, source="single-newline.txt")
    assert [doc.text[a:b] for a, b in doc.extra["headings"]] == ["Council approval"]


def test_a_wrapped_line_carrying_on_a_sentence_is_no_heading():
    raw = (f"Harbour Council Backs Ferry Plan\n\n{LEAD}\n\nThe vote was welcomed by the\n"
           f"Northvale Harbour Council\n{SECOND}")
    assert "headings" not in text_document(raw, source="wrapped.txt").extra


def test_headings_glued_into_a_flattened_export_get_paragraphs_and_are_marked():
    story = " ".join([LEAD, SECOND] * 4)
    raw = (f"{story} Council approval During a visit to Port Avel, the mayor said work would "
           f"start soon. {story} Ferry history The first crossing ran in 1921, according to "
           f"the council. {story} Councillor Ada Brennick also attacked The Northvale Gazette "
           f"for its coverage. {story}")
    doc = text_document(raw, source="flat.json", title="Harbour council backs ferry plan")
    assert [doc.text[a:b] for a, b in doc.extra["headings"]] == ["Council approval",
                                                                 "Ferry history"]
    assert "\n\nCouncil approval\n\nDuring a visit" in doc.text
    assert "also attacked The Northvale Gazette" in doc.text
