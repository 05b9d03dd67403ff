"""Quality gate: cross-document entity linking on MEANTIME (``storyline eval linking``).

The whole cross-document annotation (120 articles, 4 corpora) goes through the real stages.
Measured at link v1: B³ F1 0.886 (P 0.902, R 0.871), CoNLL F1 0.874; matching names exactly
(the baseline in the same run) gives B³ F1 0.727. The gate keeps a small margin under both.
"""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
MEANTIME = DATA / "meantime"


@pytest.fixture(scope="module")
def result():
    if not (MEANTIME / "intra_cross-doc_annotation").is_dir():
        pytest.skip(f"MEANTIME cross-document annotation not found at {MEANTIME}")
    from storyline.eval.linking import evaluate

    return evaluate(MEANTIME)


@pytest.mark.gate
def test_linking_reaches_bcubed_f1_on_meantime(result):
    assert result["task"] == "linking"
    assert result["docs"] == 120
    assert result["bcubed_f1"] >= 0.87
    assert result["bcubed_precision"] >= 0.88
    assert result["conll_f1"] >= 0.85


@pytest.mark.gate
def test_linking_beats_matching_names_exactly(result):
    assert result["bcubed_f1"] >= result["exact_name"]["bcubed_f1"] + 0.12
    # almost every gold mention is covered by a predicted named mention
    assert result["covered_mentions"] >= 0.95 * result["gold_mentions"]
