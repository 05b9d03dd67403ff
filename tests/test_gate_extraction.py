"""Quality gate: main-text extraction on the article-extraction benchmark (all 181 pages).

The full set runs in about 10 s of CPU here, so the gate scores every page and asserts the
target F1 >= 0.97 directly (no sample, no margin).
"""

from pathlib import Path

import pytest

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
