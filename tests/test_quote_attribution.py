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
        entities, _ = extract_entities(doc)
        found = extract_quotes(doc, entities)
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
