"""Quality gate: main-text extraction on the article-extraction benchmark (all 181 pages).

The full set runs in about 10 s of CPU here, so the gate scores every page and asserts the
target F1 >= 0.97 directly (no sample, no margin).
"""

from pathlib import Path

import pytest

from storyline.eval import l3s
from storyline.eval.extraction import aggregate, evaluate, page_counts, shingles

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "article-extraction"


@pytest.mark.gate
def test_extract_html_reaches_f1_097_on_the_full_benchmark():
    if not DATA.is_dir():
        pytest.skip(f"benchmark data not found at {DATA}")
    result = evaluate(DATA)
    assert result["pages"] == 181
    assert result["failed"] == 0
    assert result["f1"] >= 0.97, result


def test_shingles_are_four_word_windows_with_case_kept():
    assert shingles("The cat sat on the mat") == {
        ("The", "cat", "sat", "on"): 1, ("cat", "sat", "on", "the"): 1,
        ("sat", "on", "the", "mat"): 1}
    assert shingles("Two words") == {("Two", "words"): 1}
    assert shingles("... !!") == {}


def test_page_scores_count_repeated_shingles_and_normalise_to_one():
    tp, fp, fn = page_counts("a b c d e", "a b c d e x")
    assert (tp, fp, fn) == (2 / 3, 1 / 3, 0.0)


def test_aggregate_averages_pages_and_skips_empty_predictions_for_precision():
    perfect = page_counts("a b c d e f", "a b c d e f")
    missed = page_counts("a b c d e f", "")
    scores = aggregate([perfect, missed])
    assert scores["precision"] == 1.0
    assert scores["recall"] == 0.5
    assert scores["f1"] == pytest.approx(2 / 3)


# --- L3S-GN1: real, messy 2008 news pages (half of the set; the other half measures) --------

L3S = Path(__file__).resolve().parents[2] / "shared" / "data" / "l3s-gn1-dev"


@pytest.mark.gate
def test_ingest_of_real_messy_pages_stays_at_its_measured_level():
    # Measured on all 316 pages: body F1 0.957, title 0.938, outlet 1.0, plausible date 0.867,
    # clean text 0.987, nothing skipped. The gate sits a small margin below. (The date share
    # fell by one page on purpose: the lead of page acbe89e8 writes a typo'd year that its
    # URL contradicts, and the labels only hold the typo.)
    if not L3S.is_dir():
        pytest.skip(f"L3S-GN1 data not found at {L3S}")
    result = evaluate(L3S)
    assert result["pages"] == 316
    assert result["failed"] == 0, result["failed_by_reason"]
    assert result["mojibake_pages"] == 0
    assert result["f1"] >= 0.945, result
    assert result["title_accuracy"] >= 0.92, result
    assert result["outlet_share"] >= 0.98, result
    assert result["date_share"] >= 0.85, result
    assert result["clean_share"] >= 0.97, result


def test_l3s_body_scores_lower_case_word_shingles_per_page():
    assert l3s.page_scores("The Cat sat on the mat", "the cat sat on the mat") == (1.0, 1.0, 1.0)
    p, r, f = l3s.page_scores("a b c d e f", "a b c d x")  # shingles: 3 gold, 2 found, 1 hit
    assert (p, r) == (1 / 2, 1 / 3)
    assert l3s.page_scores("a b c d", "") == (0.0, 0.0, 0.0)


HEADLINE = "Harbour council backs ferry plan after two years of delays"


@pytest.mark.parametrize("title, ok", [
    (HEADLINE, True),
    (HEADLINE.upper() + "!", True),
    ("Harbour council backs new ferry plan after two years of delays", True),  # 1 word in 10
    (HEADLINE + " - News - Sport", False),  # a site suffix is wrong
    ("Harbour council backs ferry plan", False),  # half the headline
    ("Northvale Gazette", False),
    (None, False),
])
def test_l3s_title_match_is_equality_or_close_token_overlap(title, ok):
    assert l3s.title_matches(title, (HEADLINE,)) is ok


def test_l3s_title_may_match_one_labelled_part_or_all_of_them():
    parts = ("Ferry plan backed", "Vote ends two years of delay")
    assert l3s.title_matches("Ferry plan backed", parts)
    assert l3s.title_matches("Ferry plan backed: Vote ends two years of delay", parts)


def test_l3s_dates_must_be_plausible_and_agree_with_the_page():
    from datetime import date

    today = date(2026, 6, 1)
    written = (date(2008, 1, 10),)
    assert l3s.date_verdict("2008-01-11T09:00:00", written, today) == "agrees"
    assert l3s.date_verdict("2008-11-01", written, today) == "wrong"  # read day first
    assert l3s.date_verdict("2008-01-01", written, today) == "wrong"  # a year alone
    assert l3s.date_verdict("2008-01-01", (), today) == "unchecked"
    assert l3s.date_verdict("2027-01-01", (), today) == "wrong"  # in the future
    assert l3s.date_verdict("1990-05-01", (), today) == "wrong"  # before news sites
    assert l3s.date_verdict(None, (), today) == "wrong"


def test_l3s_outlets_are_names_not_copyright_lines():
    assert l3s.plausible_outlet("Northvale Gazette")
    assert not l3s.plausible_outlet("\u00a9 MMVIII, Fictional Stations Group")
    assert not l3s.plausible_outlet("")
