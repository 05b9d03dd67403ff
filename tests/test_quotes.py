"""Quotes: who said what, on short articles written for these tests (fictional people/places)."""

from __future__ import annotations

import json

import pytest

from storyline.eval.quotes import evaluate, match, same_speaker
from storyline.models import Quote

spacy = pytest.importorskip("spacy")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def quotes_of(nlp):
    from storyline.analyze.entities import extract_entities
    from storyline.analyze.quotes import extract_quotes

    def run(text: str) -> list[Quote]:
        doc = nlp(text)
        entities, _ = extract_entities(doc)
        found = extract_quotes(doc, entities)
        for q in found:  # every quote points back at the stored text
            assert text[q.start_char:q.end_char] == q.text
            if q.cue_start_char is not None:  # "According to" keeps its capital in the text
                assert text[q.cue_start_char:q.cue_end_char].lower() == q.cue.lower()
            if q.speaker_start_char is not None:
                assert 0 <= q.speaker_start_char < q.speaker_end_char <= len(text)
        return found

    return run


def _one(found: list[Quote], needle: str) -> Quote:
    hits = [q for q in found if needle in q.text]
    assert len(hits) == 1, f"expected one quote containing {needle!r}, got {found}"
    return hits[0]


def test_direct_quote_with_trailing_cue_names_speaker_and_verb(quotes_of):
    found = quotes_of('"The bridge will open in May," said Mara Quill, the mayor of Vellport.')
    q = _one(found, "bridge")
    assert q.text == "The bridge will open in May"
    assert q.direct and q.cue == "said" and q.speaker == "Mara Quill" and q.speaker_id


def test_curly_quote_after_colon_takes_leading_cue(quotes_of):
    found = quotes_of("Tobin Ash told reporters in Vellport: \u201cWe will not sign this deal.\u201d")
    q = _one(found, "sign this deal")
    assert q.direct and q.cue == "told" and q.speaker == "Tobin Ash"
    assert q.text == "We will not sign this deal."


def test_multi_paragraph_quote_gives_one_record_per_paragraph_with_same_speaker(quotes_of):
    text = ("Oren Falk runs the Harbour Trust in Vellport.\n\n"
            'Falk said: "The water came up through the floor in minutes. We lost the archive.\n\n'
            '"By morning the whole street was under a metre of water."\n\n'
            "The trust reopens next week.")
    found = quotes_of(text)
    first, second = _one(found, "lost the archive"), _one(found, "whole street")
    assert "\n" not in first.text and first.text.endswith("We lost the archive.")
    assert first.speaker == second.speaker == "Oren Falk"


def test_interrupted_quote_gives_two_records_sharing_speaker_and_cue(quotes_of):
    found = quotes_of('"We are ready," Ilse Varga said, "but the council is not."')
    a, b = _one(found, "We are ready"), _one(found, "council is not")
    assert a.speaker == b.speaker == "Ilse Varga"
    assert (a.cue_start_char, a.cue_end_char) == (b.cue_start_char, b.cue_end_char)


def test_partial_quote_stays_inside_its_reporting_sentence(quotes_of):
    found = quotes_of('Ida Berger leads the council. Berger acknowledged that the meeting was '
                      '"regrettable" and promised a review.')
    assert len(found) == 1
    q = found[0]
    assert not q.direct and q.cue == "acknowledged" and q.speaker == "Ida Berger"
    assert q.text.startswith("that the meeting was") and "regrettable" in q.text


def test_nested_single_quotes_stay_inside_the_double_quote(quotes_of):
    found = quotes_of("\"He told me 'never again,' and I believed him,\" said Petra Lund.")
    assert len(found) == 1
    assert "'never again,'" in found[0].text and found[0].speaker == "Petra Lund"


def test_indirect_quote_with_that_starts_at_that(quotes_of):
    found = quotes_of("Councillor Dana Hoyle argued that the harbour levy would hurt small shops.")
    q = _one(found, "levy")
    assert not q.direct and q.cue == "argued" and q.speaker == "Dana Hoyle"
    assert q.text == "that the harbour levy would hurt small shops"


def test_indirect_quote_without_that_runs_to_sentence_end(quotes_of):
    found = quotes_of("Dana Hoyle said the new ferry plan would cost far too much.")
    q = _one(found, "ferry plan")
    assert q.text == "the new ferry plan would cost far too much" and q.speaker == "Dana Hoyle"


def test_fronted_indirect_quote_is_attributed_to_following_speaker(quotes_of):
    found = quotes_of("Lena Moss leads the ferry union. The strike will continue until Friday, "
                      "Moss warned.")
    q = _one(found, "strike")
    assert q.text == "The strike will continue until Friday"
    assert q.cue == "warned" and q.speaker == "Lena Moss"


def test_according_to_names_organisation_speaker(quotes_of):
    found = quotes_of("According to the Vellport Harbour Authority, the north pier will close "
                      "for repairs in June.")
    q = _one(found, "north pier")
    assert q.cue == "according to" and "Vellport Harbour Authority" in q.speaker
    assert (q.cue_start_char, q.cue_end_char) == (0, len("According to"))


def test_organisation_can_be_the_speaker(quotes_of):
    found = quotes_of("The Vellport Ferry Company said its boats would resume sailing on Friday.")
    q = _one(found, "boats")
    assert "Vellport Ferry Company" in q.speaker


def test_quote_naming_no_speaker_is_kept_without_speaker(quotes_of):
    found = quotes_of('"Nobody saw this coming at all."\n\nThe storm hit Vellport on Tuesday.')
    q = _one(found, "Nobody saw")
    assert q.direct and q.speaker is None and q.speaker_id is None


def test_pronoun_speaker_resolves_to_gender_compatible_person(quotes_of):
    text = ("Tobin Ash said he would run again. Mara Quill said she would not.\n\n"
            '"I have done my part for this town," he said.')
    q = _one(found := quotes_of(text), "done my part")
    assert q.speaker == "Tobin Ash", found


def test_pronoun_speaker_skips_person_named_only_in_passing(quotes_of):
    text = ("Petra Lund said she wrote to the council after meeting Oren Falk.\n\n"
            '"They never answered my letter," she said.')
    q = _one(quotes_of(text), "never answered")
    assert q.speaker == "Petra Lund"


def test_title_reference_resolves_to_named_person(quotes_of):
    text = ("Lena Moss speaks for the Vellport ferry union. "
            "The spokesperson said the strike would go on.")
    q = _one(quotes_of(text), "strike")
    assert q.speaker == "Lena Moss"


def test_people_sharing_a_surname_stay_apart(quotes_of):
    text = ("Anna Brandt and her brother Lukas Brandt run the Brandt ferry line.\n\n"
            '"We have never missed a crossing," Lukas Brandt said.\n\n'
            '"Ticket prices will rise in spring," Anna Brandt said.')
    found = quotes_of(text)
    lukas, anna = _one(found, "never missed"), _one(found, "Ticket prices")
    assert lukas.speaker == "Lukas Brandt" and anna.speaker == "Anna Brandt"
    assert lukas.speaker_id != anna.speaker_id


def test_unattributed_follow_up_quote_continues_previous_speaker(quotes_of):
    found = quotes_of('"We are tired," Lena Moss said. "We want a fair deal."')
    q = _one(found, "fair deal")
    assert q.speaker == "Lena Moss" and q.cue is None


def test_quotes_come_back_in_text_order(quotes_of):
    found = quotes_of('"First," said Petra Lund. Oren Falk said the second came later. '
                      '"Third," Lund added.')
    assert [q.start_char for q in found] == sorted(q.start_char for q in found)
    assert len(found) == 3


def test_negated_cue_reports_no_quote(quotes_of):
    assert quotes_of("Oren Falk would not say which councillors had resigned.") == []


def test_pronoun_speaker_ignores_people_named_inside_quotes(quotes_of):
    text = ('Petra Lund chairs the Vellport school board.\n\n'
            '"Tobin Ash has more portables than we do," Lund said.\n\n'
            '"We will write to the ministry again," she said.')
    q = _one(quotes_of(text), "write to the ministry")
    assert q.speaker == "Petra Lund"


def test_pronoun_prefers_reporting_subject_over_subject_of_reported_clause(quotes_of):
    text = ("Nadia Holm said Petra Lund had approved the harbour plan.\n\n"
            '"We waited a whole year for this," she said.')
    q = _one(quotes_of(text), "whole year")
    assert q.speaker == "Nadia Holm"


def test_it_resolves_to_organisation_that_was_speaking(quotes_of):
    text = ("The Vellport Power Company said crews were working through the night.\n\n"
            '"Some repairs will take several days," it said.')
    q = _one(quotes_of(text), "several days")
    assert q.speaker is not None and "Vellport Power" in q.speaker and q.speaker_id


def test_described_speaker_keeps_its_phrase_not_the_modifier_entity(quotes_of):
    found = quotes_of("A Vellport Ferry Company spokesperson said the boats would sail again "
                      "on Friday.")
    q = _one(found, "boats")
    assert q.speaker_id is None and q.speaker.endswith("spokesperson")


def test_epithet_after_quote_refers_to_person_already_named(quotes_of):
    text = ("Oren Falk has coached the Vellport Gulls for ten years.\n\n"
            '"We never stopped believing," said the veteran coach.')
    q = _one(quotes_of(text), "never stopped")
    assert q.speaker == "Oren Falk"


def test_called_with_quoted_word_is_a_quote(quotes_of):
    found = quotes_of('Councillor Dana Hoyle called the harbour plan \u201creckless\u201d on '
                      'Tuesday.')
    q = _one(found, "reckless")
    assert q.cue == "called" and q.speaker == "Dana Hoyle"


def test_described_as_gives_the_description_and_passive_gives_none(quotes_of):
    found = quotes_of("Police described the fire at the Vellport depot as a deliberate attack.")
    q = _one(found, "deliberate attack")
    assert q.cue == "described" and not q.direct
    assert quotes_of("The fire was described as a deliberate attack.") == []


def test_reported_clause_ending_in_quoted_phrase_is_one_indirect_quote(quotes_of):
    found = quotes_of('Mara Quill chairs the harbour board. Quill said she has "every '
                      'confidence in the harbour board."')
    assert len(found) == 1
    q = found[0]
    assert not q.direct and q.cue == "said" and q.speaker == "Mara Quill"
    assert q.text.startswith("she has") and "every confidence" in q.text


def test_embedded_post_is_quoted_with_its_author(quotes_of):
    text = ("Ferry service is cancelled for the rest of the day. Stay safe, everyone. "
            "pic.twitter.com/abc123 \u2014 Vellport Ferries (@vellferries) March 3, 2024\n\n"
            "The storm hit on Sunday.")
    q = _one(quotes_of(text), "Ferry service")
    assert q.text == "Ferry service is cancelled for the rest of the day. Stay safe, everyone"
    assert q.speaker == "Vellport Ferries" and q.cue is None


def test_pull_quote_repeating_an_article_quote_takes_its_signature_as_speaker(quotes_of):
    text = ("Storm damage\n\n"
            "We will rebuild every house on this street. Mara Quill, Vellport mayor\n\n"
            '"We will rebuild every house on this street," said Mara Quill, the mayor.\n\n'
            "Crews cleared debris on the north pier in Vellport on Monday. Oren Falk")
    found = quotes_of(text)
    pull = [q for q in found if not q.direct]
    assert len(pull) == 1 and pull[0].speaker == "Mara Quill"
    assert pull[0].text == "We will rebuild every house on this street"
    assert not any("debris" in q.text for q in found)  # a photo credit is no signature


def test_attribution_set_off_by_commas_splits_the_reported_sentence(quotes_of):
    found = quotes_of("Petra Lund runs the ferry line. Most ferry fares, Lund said, will rise "
                      "in May.")
    left, right = _one(found, "fares"), _one(found, "rise in May")
    assert left.text == "Most ferry fares" and right.text == "will rise in May"
    assert left.speaker == right.speaker == "Petra Lund"


def test_fronted_phrase_before_interjected_attribution_is_not_reported(quotes_of):
    found = quotes_of("On Monday, Petra Lund said, the council voted to close the pier.")
    assert [q.text for q in found] == ["the council voted to close the pier"]


def test_second_predicate_of_the_speaker_is_its_own_quote(quotes_of):
    found = quotes_of("Tobin Ash said the levy is overdue, and added he doesn't think shop "
                      "owners will mind paying it.")
    said, added = _one(found, "overdue"), _one(found, "shop owners")
    assert said.text == "the levy is overdue" and said.cue == "said"
    assert added.cue == "added" and added.speaker == said.speaker == "Tobin Ash"


def test_participle_after_a_quote_reports_its_own_clause(quotes_of):
    found = quotes_of('Lena Moss said she is a "long way from a decision," noting that she has '
                      'led the union for 20 years.')
    said, noting = _one(found, "long way"), _one(found, "20 years")
    assert said.cue == "said" and noting.cue == "noting"
    assert noting.text == "that she has led the union for 20 years"


def test_cue_after_a_quoted_sentence_also_reports_its_own_clause(quotes_of):
    found = quotes_of('The Vellport Ferry Company said its boats are "back on schedule." '
                      'The company noted that no sailings were lost.')
    q = _one(found, "sailings")
    assert q.text == "that no sailings were lost" and q.cue == "noted"
    assert "Vellport Ferry Company" in q.speaker
    assert _one(found, "back on schedule").cue == "said"


def test_that_clause_after_a_phrase_is_reported(quotes_of):
    q = _one(quotes_of("Oren Falk said in a statement that the pier would reopen in June."),
             "pier")
    assert q.text == "that the pier would reopen in June" and q.speaker == "Oren Falk"


def test_urging_someone_to_act_is_reported_and_passive_is_not(quotes_of):
    q = _one(quotes_of("The Vellport Water Board urged residents to boil their tap water "
                       "until Friday."), "boil")
    assert q.text == "to boil their tap water until Friday" and q.cue == "urged"
    assert "Vellport Water Board" in q.speaker
    assert quotes_of("Residents were told to stay home.") == []


def test_teaser_line_for_another_story_is_not_a_quote(quotes_of):
    assert quotes_of("READ MORE: Vellport mayor says ferry fares will rise.\n\n"
                     "The council meets on Monday.") == []


def test_belief_without_quote_marks_is_not_reported_speech(quotes_of):
    assert quotes_of("Security experts believe the outage was caused by a storm.") == []


def test_kinship_noun_gives_the_gender_a_pronoun_speaker_is_checked_against(quotes_of):
    text = ("Mara Quill lost her son, Tobin Ash, in the flood. Tobin Ash had worked at the "
            'Vellport mill for a decade.\n\n"Nobody warned us," she said.')
    q = _one(quotes_of(text), "Nobody warned")
    assert q.speaker == "Mara Quill"


def test_person_names_drop_title_words_and_appositions():
    from storyline.analyze.entities import person_name

    assert person_name("MP Tobin Ash") == "Tobin Ash"
    assert person_name("Ida Berg, chief strategist") == "Ida Berg"
    assert person_name("Petra Lund of Vellbank") == "Petra Lund"
    assert person_name("Ana Maria Soto") == "Ana Maria Soto"


@pytest.mark.slow
def test_speaker_entity_and_role_holder_share_one_name_and_id(nlp):
    from storyline.analyze.entities import extract_entities
    from storyline.analyze.quotes import extract_quotes

    text = ("Valdoria Liberal MP Tobin Ash said the bridge would reopen. "
            "\"We kept our word,\" Ash said.")
    doc = nlp(text)
    entities, roles = extract_entities(doc)
    quotes = extract_quotes(doc, entities)
    names = {e.id: e.name for e in entities}
    assert quotes and all(q.speaker == names[q.speaker_id] for q in quotes if q.speaker_id)
    assert all(r.person == names[r.entity_id] for r in roles)
    assert "Tobin Ash" in names.values()


# ---- scoring -------------------------------------------------------------------------------


def test_pronoun_surface_never_counts_as_the_right_speaker():
    assert not same_speaker("he", "Oren Falk", "he")
    assert not same_speaker("it", "Vellport Power", "it")
    assert same_speaker("Oren Falk", "Oren Falk", "he")


def test_multi_word_family_name_matches_full_name():
    assert same_speaker("Al Hashim", "Noor Al Hashim", "she")
    assert not same_speaker("Lina Al Hashim", "Noor Al Hashim", "she")


def test_surname_matches_full_name_but_other_first_name_does_not():
    assert same_speaker("Falk", "Oren Falk", "he")
    assert same_speaker("Dr. Oren Falk", "Oren Falk", None)
    assert not same_speaker("Ida Falk", "Oren Falk", "Falk")
    assert not same_speaker(None, "Oren Falk", "he")
    assert same_speaker(None, None, None)


def test_matching_is_one_to_one_and_respects_threshold():
    gold = [{"quote_span": [0, 100]}, {"quote_span": [10, 60]}]
    pred = [Quote(start_char=0, end_char=100, text="", direct=True)]
    assert match(gold, pred, 0.3) == [(0, 0)]
    assert match(gold, [Quote(start_char=10, end_char=40, text="", direct=True)], 0.3) == [(1, 0)]
    assert match(gold, [Quote(start_char=10, end_char=40, text="", direct=True)], 0.8) == []


def test_evaluate_scores_a_perfectly_extracted_article(tmp_path):
    text = '"The ferry is late again," said Petra Lund.'
    row = {"text": text, "quotes": [{
        "quote": '"The ferry is late again,"', "speaker": "Petra Lund", "verb": "said",
        "quote_span": [0, 26], "speaker_span": [32, 42], "verb_span": [27, 31],
        "reference": "Petra Lund"}]}
    path = tmp_path / "ggt_quotes.jsonl"
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    out = evaluate(tmp_path)
    assert out["task"] == "quotes" and out["articles"] == 1 and out["gold"] == 1
    assert out["f1_0.3"] == 1.0 and out["f1_0.8"] == 1.0
    assert out["speaker_accuracy"] == 1.0 and out["verb_accuracy"] == 1.0
    assert out["overlapping_pairs"] == 0


def test_overlapping_pairs_counts_quotes_sharing_a_character_not_adjacent_ones():
    from storyline.eval.quotes import overlapping_pairs

    def q(start: int, end: int) -> Quote:
        return Quote(start_char=start, end_char=end, text="x" * (end - start), direct=False)

    assert overlapping_pairs([q(0, 10), q(10, 20), q(30, 40)]) == 0
    assert overlapping_pairs([q(0, 10), q(5, 15), q(8, 9), q(30, 40)]) == 3


def test_evaluate_explains_missing_data(tmp_path):
    from storyline.errors import DataError

    with pytest.raises(DataError, match="quotes-ggt"):
        evaluate(tmp_path / "nowhere")


# ---- quotes v4: balanced spans and speaker resolution ------------------------------------------


def test_reported_clause_ending_in_quoted_phrase_keeps_closing_mark(quotes_of):
    q = _one(quotes_of('Dara Kovic said the talks were "a first step".'), "first step")
    assert q.text == 'the talks were "a first step"'
    curly = _one(quotes_of("Dara Kovic said the talks were \u201ca first step.\u201d"), "step")
    assert curly.text == "the talks were \u201ca first step.\u201d"


def test_she_skips_a_more_recent_man_known_by_his_given_name(quotes_of):
    found = quotes_of("Wendy Marsh runs the Vellport food bank. She said demand doubled this "
                      "winter.\n\nRichard Tovey, a volunteer driver, said the vans were old.\n\n"
                      '"We are stretched thin," she said.')
    assert _one(found, "stretched thin").speaker == "Wendy Marsh"
    assert _one(found, "vans were old").speaker == "Richard Tovey"


def test_org_noun_resolves_only_to_an_organisation_with_that_noun_in_its_name(quotes_of):
    named = quotes_of("The Vellport Dockworkers Union met on Monday. The union said the strike "
                      "would continue.")
    assert _one(named, "strike").speaker == "Vellport Dockworkers Union"
    other = quotes_of("Nurses at the Harbour Health Authority walked out on Monday. The union "
                      "said staff were exhausted.")
    q = _one(other, "exhausted")
    assert q.speaker == "The union" and q.speaker_id is None


def test_the_city_never_resolves_to_a_bridge(quotes_of):
    q = _one(quotes_of("Traffic on the Tarrow Bridge was slow. The city said the repairs would "
                       "end in May."), "repairs")
    assert q.speaker == "The city" and q.speaker_id is None


def test_party_label_stands_for_the_person_named_before(quotes_of):
    found = quotes_of("Senate leader Mara Quill blamed the press for the row.\n\n"
                      '"They took a few seconds of video out of context," the Valdoria '
                      "Republican said.")
    assert _one(found, "few seconds").speaker == "Mara Quill"


def test_apposition_after_party_label_names_the_speaker(quotes_of):
    q = _one(quotes_of("One red-state Democrat, Sen. Jon Tarrow, said the wall would not be "
                       "paid for."), "wall")
    assert q.speaker == "Jon Tarrow" and q.speaker_id is not None


def test_relative_clause_is_not_part_of_a_described_speaker(quotes_of):
    q = _one(quotes_of("An expert cited in the report, which looked at housing in Vellport, "
                       "said rents would rise."), "rents")
    assert q.speaker == "An expert cited in the report"


def test_he_picks_up_a_speaker_the_model_did_not_tag(quotes_of):
    found = quotes_of("Navdeep Osei, Minister of Ports, said in an interview that the policy "
                      'was broad. "We talk to everyone," he said.')
    q = _one(found, "talk to everyone")
    assert q.speaker == "Navdeep Osei" and q.speaker_id is not None


def test_surname_glued_to_a_zero_width_space_still_names_the_speaker(quotes_of):
    q = _one(quotes_of("Jeff Tarrow leads the union at the plant.\n\nTarrow\u200b said he "
                       "expects the union to help."), "expects")
    assert q.speaker == "Jeff Tarrow" and q.speaker_id is not None


def test_transcript_label_names_the_speaker_of_its_paragraph(quotes_of):
    found = quotes_of(
        "Governor Ilse Marrow spoke to the Vellport Courier on Sunday.\n\n"
        "Partial transcript as follows:\n\n"
        "TALLIS: Will the ferry run this winter?\n\n"
        "MARROW: Well, look, the ferry will run every day until March.\n\n"
        "TALLIS: And after March?\n\n"
        "MARROW: After that the new pier opens and the schedule doubles.\n")
    q = _one(found, "the ferry will run every day")
    assert q.text == "Well, look, the ferry will run every day until March."
    assert q.speaker == "Ilse Marrow" and q.speaker_id is not None and q.cue == ":"
    assert _one(found, "Will the ferry run").speaker == "TALLIS"


def test_section_label_is_not_a_speaker(quotes_of):
    found = quotes_of(
        "HARBOUR WATCH: Cargo volumes at Vellport fell for a third month in a row.\n\n"
        "FERRY NEWS: The winter timetable starts on Monday with fewer sailings.\n")
    assert not [q for q in found if "Cargo volumes" in q.text or "winter timetable" in q.text]


def test_headline_label_naming_a_person_of_the_article_is_their_quote(quotes_of):
    found = quotes_of(
        "Marrow: The Pier Will Open on Time.\n\n"
        "Governor Ilse Marrow said on Sunday that the pier was nearly finished.\n")
    q = _one(found, "The Pier Will Open")
    assert q.speaker == "Ilse Marrow"


def test_quoted_paragraph_signed_after_a_dash_is_quoted_with_its_signature(quotes_of):
    found = quotes_of(
        "Readers told us what they think of the new pier.\n\n"
        "\u201cIt is the best thing to happen to this town in years, and I am proud of it.\u201d"
        " \u2015 Tobin Ashgrove, Vellport\n")
    q = _one(found, "the best thing to happen")
    assert q.speaker == "Tobin Ashgrove"
    assert not q.text.startswith("\u201c")


def test_possessed_reporting_noun_reports_its_owner(quotes_of):
    found = quotes_of("Councillor Dana Hoyle rejected Mara Quill's claim that the ferry "
                      "had been sold to a private buyer.")
    q = _one(found, "the ferry had been sold")
    assert q.text.startswith("that the ferry") and q.cue == "claim"
    assert q.speaker == "Mara Quill" and not q.direct


def test_reporting_noun_heading_a_relative_clause_reports_nothing(quotes_of):
    found = quotes_of("Mara Quill repeated the claim that she made in May about the pier.")
    assert not [q for q in found if q.cue == "claim"]
