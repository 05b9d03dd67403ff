"""Who said what, where a wrong answer would be a false fact in a dossier: speakers the parser
hides (appositions, quoted sentences, continued quotes), and the same words never listed twice.
Short articles written for these tests (fictional people, places and outlets)."""

from __future__ import annotations

import pytest

from storyline.models import Quote

spacy = pytest.importorskip("spacy")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def quotes_of(nlp):
    from storyline.analyze.entities import extract_entities
    from storyline.analyze.quotes import extract_quotes

    def run(text: str) -> list[Quote]:
        doc = nlp(text)
        entities, roles = extract_entities(doc)
        found = extract_quotes(doc, entities, roles)
        for q in found:
            assert text[q.start_char:q.end_char] == q.text
        return found

    return run


def _one(found: list[Quote], needle: str) -> Quote:
    hits = [q for q in found if needle in q.text]
    assert len(hits) == 1, f"expected one quote containing {needle!r}, got {found}"
    return hits[0]


# ---- speakers the parser hides ---------------------------------------------------------------


@pytest.mark.parametrize("text, lawyer", [
    ("In an interview Thursday with Kestrel News's Valdorian Service, Marren's lawyer, Anto "
     "Berrick, said Marren does not recognise either the Valdorian court or the state "
     "prosecutor's office, and thus does not need a legal defence.", "Anto Berrick"),
    ("Speaking to the Harbor Ledger, Fek's attorney, Mara Sollen, said Fek would appeal.",
     "Mara Sollen"),
])
def test_the_named_apposition_speaks_not_the_client_named_after_the_cue(quotes_of, text, lawyer):
    q = _one(quotes_of(text), "does not" if "does not" in text else "appeal")
    assert q.speaker == lawyer


def test_a_word_inside_the_quote_never_speaks_for_the_cue_after_it(quotes_of):
    found = quotes_of('"If it cannot pay its debts yet, it will at some point, probably sooner '
                      'rather than later," said Tobin Marsh, an economist who is co-director of '
                      'the harbour programme at the Vellport Institute.')
    assert _one(found, "pay its debts").speaker == "Tobin Marsh"


def test_a_quote_after_a_written_quote_goes_on_with_its_writer(quotes_of):
    found = quotes_of('Tilda Quill runs the harbour. "The harbour is closed. The boats stay in," '
                      'Quill wrote on Tuesday. "We will reopen when the storm has passed." '
                      'Vellport Ferries, which runs the crossing, said the last boat left at noon.')
    q = _one(found, "We will reopen")
    assert q.speaker == "Tilda Quill" and q.cue is None


def test_a_dash_signature_ending_a_sentence_names_the_signer_and_the_dash_is_the_cue(quotes_of):
    text = ("Readers told us what they think of the new pier.\n\n"
            "\u201cIt is the best thing to happen to this town in years.\u201d\u2015 Carla Ruiz.\n"
            "\u201cNobody asked the fishermen before the pier was built.\u201d \u2015 Mara Quill"
            "\xa0 \n")
    ruiz, ashgrove = _one(quotes_of(text), "best thing"), _one(quotes_of(text), "fishermen")
    assert ruiz.speaker == "Carla Ruiz" and ashgrove.speaker == "Mara Quill"
    assert ruiz.cue == ashgrove.cue == "\u2015"
    assert text[ruiz.cue_start_char:ruiz.cue_end_char] == "\u2015"


# ---- one record per statement: no two quotes share a word ----------------------------------


def _no_overlaps(found: list[Quote]) -> None:
    for a, b in zip(found, found[1:], strict=False):
        assert a.end_char <= b.start_char, f"{a.text!r} overlaps {b.text!r}"


def test_two_complements_of_one_cue_are_one_statement(quotes_of):
    found = quotes_of("Brooks grew up in Vellport. Dennis Brooks says he drank too much, used "
                      "drugs and was in and out of relationships.")
    assert [q.text for q in found] == [
        "he drank too much, used drugs and was in and out of relationships"]


def test_coordinated_attribution_of_someone_else_ends_the_first_statement(quotes_of):
    found = quotes_of("Norland Pipelines said it signed agreements with every council along the "
                      "route, but the hereditary chiefs say those agreements do not apply to "
                      "their land.")
    _no_overlaps(found)
    assert _one(found, "signed agreements").text == (
        "it signed agreements with every council along the route")
    assert _one(found, "do not apply").speaker == "the hereditary chiefs"


def test_the_same_speaker_going_on_is_a_second_statement_not_part_of_the_first(quotes_of):
    found = quotes_of("Premier Ivo Gallant announced that he will step down as party leader "
                      "earlier than planned, saying the party needs to move on.")
    _no_overlaps(found)
    assert _one(found, "step down").text.endswith("earlier than planned")
    assert _one(found, "move on").speaker == "Ivo Gallant"


def test_a_second_predicate_hung_in_the_reported_clause_keeps_the_speaker(quotes_of):
    found = quotes_of("Ida Falk claimed the images were taken by her grandfather and said she "
                      "wanted to give them to the museum.")
    _no_overlaps(found)
    assert _one(found, "give them").speaker == "Ida Falk"


def test_words_someone_reports_another_said_are_one_statement_of_the_reporter(quotes_of):
    found = quotes_of("Robert Major said he was able to see the stop sign, according to "
                      "Malcolm Gibson.")
    assert len(found) == 1 and found[0].speaker == "Malcolm Gibson"
    found = quotes_of("Ilse Marrow told the Vellport Ledger that she did not want the escort at "
                      "all, but the harbour police overruled that request, the source added.")
    _no_overlaps(found)
    assert not any(q.text.endswith("the source added") for q in found)


@pytest.mark.parametrize("text", [
    # the next sentence's cue is not the cue of a quote that ended the sentence before
    'Julie Easley said it took Cable some time to realize she was more than just a "friend from '
    'the harbour." Her neighbour Tobin Lund told the Ledger.',
    # an infinitive after a quoted phrase is no attribution
    'The statement said the crew were "safe and well treated" to confirm the release of the '
    "trawler.",
    # a verb deep inside the reported clause does not make its sentence a quote
    "Chris Mhike, who represents Ida Falk, told the Ledger he was waiting for the High Court to "
    "announce when the case would resume.",
    # a clause that only follows the attribution is not one (no subject, not set off)
    '"During the operation, these men were in contact with their handlers by satellite phone," '
    "Colonel Ahmed Varo told a private news channel as he declared the operation over on "
    "Wednesday night.",
    '"Vellport expects its neighbours to uphold their responsibilities," the ministry said in '
    "written comments to the media on Wednesday, repeating an increasingly frequent demand.",
])
def test_a_reporting_sentence_is_never_the_content_of_a_quote(quotes_of, text):
    found = quotes_of(text)
    _no_overlaps(found)
    for q in found:
        assert q.cue_start_char is None or not q.start_char <= q.cue_start_char < q.end_char
        for other in found:
            if other is not q and other.cue_start_char is not None:
                assert not q.start_char <= other.cue_start_char < q.end_char, (q, other)


# ---- who can own words -------------------------------------------------------------------


def test_a_day_never_owns_an_announcement(quotes_of):
    found = quotes_of("Members of the Vellport council welcomed Monday's announcement that the "
                      "ferry would run again.")
    assert not any(q.speaker == "Monday" for q in found)


def test_quoted_words_of_a_reporting_noun_are_its_owners(quotes_of):
    q = _one(quotes_of("The Harbour Council welcomed Mayor Tilda Quill's \"commitment to "
                       "reopening the pier\" on Monday."), "reopening the pier")
    assert (q.text, q.speaker, q.cue, q.direct) == (
        "commitment to reopening the pier", "Tilda Quill", "commitment", True)


def test_a_quoted_title_after_a_possessive_is_nobodys_words(quotes_of):
    found = quotes_of('The Vellport Ledger\'s "Harbour Talk" column ran a long piece on the '
                      'new pier on Sunday.')
    assert not any("Harbour Talk" in q.text for q in found)


def test_they_is_the_group_the_sentences_before_were_about(quotes_of):
    q = _one(quotes_of("Several ferry captains have complained about the new timetable. They "
                       "say the crossings are now too short to load every lorry."), "lorry")
    assert q.speaker == "Several ferry captains"


def test_a_group_named_member_by_member_speaks_as_the_group(quotes_of):
    q = _one(quotes_of("Three members of the Valdorian senate — Ida Falk, Tobin Lund and Mara "
                       "Quill — wrote to the minister on Monday. \"We are deeply concerned about "
                       "the harbour,\" they wrote in the letter."), "deeply concerned")
    assert q.speaker == "Three members of the Valdorian senate"


def test_an_abbreviation_does_not_end_the_sentence_a_quote_goes_on_after(quotes_of):
    found = quotes_of('"Kestria keeps accelerating its enrichment," the U.S. Mission to the '
                      'United Nations said in a statement. "It is the only country without '
                      'weapons doing so." The United States said Kestria is "flagrantly" '
                      'defying the council.')
    q = _one(found, "only country")
    assert q.cue is None and q.speaker == _one(found, "accelerating").speaker


def test_a_sentence_after_a_post_on_x_is_not_reported(quotes_of):
    found = quotes_of('"We reject these allegations," Tomas Fek said in a post on X. The '
                      'Kestrian government refers to itself as the Republic.')
    assert [q.text for q in found] == ["We reject these allegations"]


def test_the_name_set_off_after_a_description_speaks(quotes_of):
    q = _one(quotes_of("Speaking at a council meeting this week, Valdoria's permanent "
                       "representative to the Northern Maritime Alliance, Ilsa Marren, said "
                       "Kestria was failing to protect the strait."), "failing")
    assert q.speaker == "Ilsa Marren"


def test_a_paragraph_ending_in_a_colon_introduces_the_quote_below_it(quotes_of):
    q = _one(quotes_of("The council met on Monday to discuss the pier. Mayor Tilda Quill spoke "
                       "first.\n\nShe said:\n\n\"We will rebuild the pier before the summer, and "
                       "every boat will be back in the harbour.\""), "rebuild the pier")
    assert q.cue == "said" and q.speaker == "Tilda Quill"


def test_the_dateline_place_is_not_the_speaker(quotes_of):
    q = _one(quotes_of("VELLPORT -- Mayor Tilda Quill, opening the new pier on Saturday, said it "
                       "would bring the ferries back to the town."), "ferries")
    assert q.speaker == "Tilda Quill"


def test_the_name_after_the_closing_mark_speaks_not_the_time_after_the_cue(quotes_of):
    found = quotes_of("\u201cHe's absolutely right. There's a severe disconnect between this "
                      "council and frankly the mayor and our harbour,\u201d Marsh, a top ferry "
                      "captain, said Thursday morning on Kestrel TV\u2019s \u201cBoats and "
                      "Friends.\u201d \u201cI mean, there's a lot of frustration within the "
                      "crews.\u201d")
    assert _one(found, "absolutely right").speaker == "Marsh"
    assert _one(found, "frustration").speaker == "Marsh"


def test_a_bracket_after_the_name_does_not_end_the_attribution(quotes_of):
    q = _one(quotes_of('"It is a good plan. Not good, great. One of the best plans the entire '
                       'council has had," Rep. Ida E. Falk (H-Vel.) said in a phone interview.'),
             "good plan")
    assert q.cue == "said" and q.speaker == "Ida E. Falk"


# ---- issue 7: clauses that report nothing, and subjects that do not speak --------------------


@pytest.mark.parametrize("text", [
    # a cue in a clause opened by a subordinating conjunction reports nothing of the main clause
    "Vellport and Osterby are among the region's biggest ferry ports, although Osterby "
    "announced a gradual closure over the next ten years.",
    # a passive cue: what was announced is its subject, said by nobody named
    "Shortly after the news of the mayor's resignation was announced, residents in green "
    "scarves gathered outside the town hall to sign a book.",
])
def test_a_subordinate_or_passive_cue_attributes_nothing_to_the_main_clause(quotes_of, text):
    assert quotes_of(text) == []


def test_a_cue_with_a_plain_object_in_a_because_clause_is_no_attribution(quotes_of):
    found = quotes_of("Norland Media said it had raised its prices in Vellport, because some "
                      "large ferry operators charge more for berths in the harbour.")
    assert [q.speaker for q in found] == ["Norland Media"]
    assert found[0].cue == "said"


@pytest.mark.parametrize("text", [
    "In a ruling in 2019, the Harbour Court in Osterby found that the transfer was unlawful. "
    "The judges added that Vellport must hand back the pier as soon as possible.",
    "Mayor Tobin Marsh spoke first. The judges said the levy was fair.",
])
def test_a_plural_description_is_not_the_last_person_named(quotes_of, text):
    q = _one(quotes_of(text), "pier as soon" if "pier as soon" in text else "levy")
    assert q.speaker == "The judges" and q.speaker_id is None


def test_a_heading_glued_to_the_sentence_is_not_part_of_the_speaker(quotes_of):
    q = _one(quotes_of("Tobin Marsh runs the port. However, neither Vellport nor Osterby have "
                       "confirmed any details. Marsh approval During a visit by Quill to the "
                       "White House last month, Marsh said that he was inclined to approve the "
                       "deal."), "inclined")
    assert q.speaker is not None and q.speaker.endswith("Marsh")
    assert "approval" not in q.speaker


def test_the_subject_of_a_passive_told_is_who_was_told(quotes_of):
    q = _one(quotes_of("Tobin Marsh spoke at the pier on Monday. The exiled islanders have been "
                       "told that under the terms of the deal they would be able to return to "
                       "the outer islands."), "outer islands")
    assert q.speaker is None


def test_a_description_naming_another_office_is_not_the_president(quotes_of):
    q = _one(quotes_of("President Ana Roe of Kestria met the envoy on Monday. The Kestrian army "
                       "chief said on Saturday his forces had killed 200 fighters in the past "
                       "week."), "fighters")
    assert q.speaker == "The Kestrian army chief" and q.speaker_id is None


def test_he_after_a_described_subject_is_its_named_apposition_not_a_name_modifying_a_noun(
        quotes_of):
    q = _one(quotes_of("Harun Vesk founded the Osterby Front in 2010. Intelligence reports "
                       "indicated two major Vesk attacks in 2013 had involved men from the camp. "
                       "Vell's ambassador to Osterby, Mohamud Arlen Nur, accuses Osterby of "
                       "politicizing refugee affairs. He contends the ultimatum \"is because of "
                       "the maritime dispute.\""), "maritime")
    assert q.speaker == "Mohamud Arlen Nur"


@pytest.mark.parametrize("given", ["Filsan", "Deeqa"])
def test_a_given_name_the_lists_lack_stays_part_of_the_name(quotes_of, given):
    found = quotes_of(f"\"I am not ready to leave,\" said Ilse Quill, an 80-year-old woman "
                      f"living in the camp. {given} Mohamed Aden was among the refugees who "
                      f"returned in 2017 to Kismar, her hometown. She said of herself, \"All "
                      f"{given} can do is to wait for help again.\"")
    assert _one(found, "wait for help").speaker == f"{given} Mohamed Aden"


def test_a_name_set_off_before_told_speaks_and_keeps_the_next_he(quotes_of):
    found = quotes_of("Ivo Brandt, a lawmaker from Vellport, said the plan was late. \"This case "
                      "is not legal,\" Brandt said. Refugee programs in Osterby and elsewhere "
                      "are feeling the strain of insufficient funding, Glenn Vesk, a spokesperson "
                      "for the Harbour Agency, told the Ledger in an email response. \"The "
                      "pandemic has made the needs of the camps even greater,\" he wrote.")
    told = _one(found, "insufficient funding")
    assert told.speaker == "Glenn Vesk" and told.cue == "told"
    assert _one(found, "pandemic").speaker == "Glenn Vesk"


@pytest.mark.parametrize("text, speaker", [
    ("Andrew Pell of the Dutch international affairs think tank Kestrel said these disrupted "
     "plots are indicative of the group's broader ambitions.", "Andrew Pell"),
    ("Tobin Marsh of the Valdorian foreign affairs think tank Orlanda said these plots are a "
     "sign of the group's ambitions.", "Tobin Marsh"),
])
def test_the_person_of_an_organisation_speaks_not_the_organisation(quotes_of, text, speaker):
    assert _one(quotes_of(text), "plots").speaker == speaker


def test_an_analyst_at_an_organisation_is_the_speaker(quotes_of):
    q = _one(quotes_of("An analyst at the Vellport think tank Orlanda said the plots were a sign "
                       "of the group's ambitions."), "plots")
    assert q.speaker is not None and q.speaker.startswith("An analyst at")


def test_an_according_to_phrase_does_not_swallow_the_subject_of_its_clause(quotes_of):
    q = _one(quotes_of("According to a statement by a spokesman for the singer Ivo Brandt's "
                       "daughter, Nicole and Tobin Marsh named their daughter Ilse Winter Marsh "
                       "and have now left the hospital."), "hospital")
    assert q.text.startswith("Nicole and Tobin Marsh named")
    assert q.speaker == "a spokesman for the singer Ivo Brandt's daughter"


def test_an_infinitive_cue_under_a_verb_whose_subject_does_not_act_is_no_quote(quotes_of):
    assert quotes_of("Tobin Marsh spoke on Monday. Sunday's clash at the pier will serve to "
                     "remind those running for mayor that, for the next council, the ferry "
                     "dispute remains one of the town's priorities.") == []


def test_it_is_the_organisation_the_sentences_since_the_last_quote_were_about(quotes_of):
    found = quotes_of("\"We will appeal,\" Norland Ferries said on Monday. Vellport Insurance "
                      "declined to answer most of the Ledger's questions about the policy. "
                      "\"We are obliged to respect the privacy of our clients,\" it said in a "
                      "statement.")
    assert _one(found, "privacy").speaker == "Vellport Insurance"


def test_two_fronted_complements_joined_by_and_are_one_statement(quotes_of):
    found = quotes_of("Glenn Brennes runs the agency. Brennes said funding was short. In "
                      "Osterby, infrastructure and road improvement projects in the camp and the "
                      "nearby settlement were suspended in early 2020. \"Poor road conditions … "
                      "have complicated access and assistance to refugees,\" and \"significant "
                      "amounts\" of money have gone to vehicle repairs instead of to direct aid "
                      "to refugees and host communities, Brennes said.")
    q = _one(found, "Poor road")
    assert "host communities" in q.text and q.speaker == "Glenn Brennes"


def test_it_skips_an_organisation_named_only_inside_a_reported_clause(quotes_of):
    found = quotes_of("\"We will appeal,\" Norland Ferries said on Monday. Its lawyers believe "
                      "Vellport Insurance had refused to pay the claim in full. \"We are obliged "
                      "to respect the privacy of our clients,\" it said in a statement.")
    assert _one(found, "privacy").speaker == "Norland Ferries"
