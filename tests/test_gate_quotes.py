"""Quality gate: quote extraction and speaker attribution on the GGT benchmark (first 25
articles; the full set: ``storyline eval quotes --data ../shared/data/quotes-ggt``)."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "quotes-ggt"


@pytest.mark.gate
def test_quotes_found_and_attributed_on_ggt_sample():
    if not (DATA / "ggt_quotes.jsonl").exists():
        pytest.skip(f"benchmark data not found at {DATA}")
    from storyline.eval.quotes import evaluate

    out = evaluate(DATA, limit=25)
    assert out["articles"] == 25
    # measured on this sample (quotes VERSION 12, entities VERSION 7): F1 0.914 / 0.885,
    # speaker 0.928, verb 0.989, no overlapping quotes;
    # the annotators' own extractor scores F1 0.837 / speaker 0.860 on the full set
    assert out["f1_0.3"] >= 0.90, out
    assert out["f1_0.8"] >= 0.87, out
    assert out["speaker_accuracy"] >= 0.91, out
    assert out["verb_accuracy"] >= 0.97, out
    assert out["overlapping_pairs"] == 0, out  # the same words are never two statements
