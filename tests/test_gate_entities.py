"""Quality gate: entity mentions on MEANTIME (English, intra-document annotation).

The full benchmark (``storyline eval entities --data ../shared/data/meantime``) must reach
overlap F1 0.80; this gate scores a fixed sample (the first 60 documents, the four corpora
interleaved) whose measured value is 0.788, with a small margin.
"""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
MEANTIME = DATA / "meantime"
SAMPLE = 60


@pytest.fixture(scope="module")
def result():
    if not (MEANTIME / "intra-doc_annotation").is_dir():
        pytest.skip(f"MEANTIME data not found at {MEANTIME}")
    from storyline.eval.entities import evaluate

    return evaluate(MEANTIME, limit=SAMPLE)


@pytest.mark.gate
def test_entity_mentions_reach_overlap_f1_on_meantime_sample(result):
    assert result["task"] == "entities"
    assert result["docs"] == SAMPLE
    assert result["overlap_f1"] >= 0.77


@pytest.mark.gate
def test_entity_repairs_beat_bare_spacy_on_meantime_sample(result):
    assert result["overlap_f1"] >= result["bare_overlap_f1"] + 0.03
    assert result["exact_f1"] > result["bare_exact_f1"]


@pytest.mark.gate
def test_every_entity_type_is_scored_on_meantime_sample(result):
    for kind in ("PER", "ORG", "LOC"):
        assert result["per_type"][kind]["gold"] > 0
        assert result["per_type"][kind]["overlap_f1"] >= 0.6
