"""Quality gate: entity mentions on MEANTIME (English, intra-document annotation).

The full benchmark (``storyline eval entities --data ../shared/data/meantime``) must reach
overlap F1 0.80; this gate scores a fixed sample (the first 60 documents, the four corpora
interleaved) whose measured value is 0.798 (entities v2; full set 0.815), with a small margin.
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
    assert result["overlap_f1"] >= 0.785


@pytest.mark.gate
def test_entity_repairs_beat_bare_spacy_on_meantime_sample(result):
    assert result["overlap_f1"] >= result["bare_overlap_f1"] + 0.04
    assert result["exact_f1"] > result["bare_exact_f1"]


@pytest.mark.gate
def test_every_entity_type_is_scored_on_meantime_sample(result):
    for kind in ("PER", "ORG", "LOC"):
        assert result["per_type"][kind]["gold"] > 0
        assert result["per_type"][kind]["overlap_f1"] >= 0.6


# ---- the scorer itself (no data needed) --------------------------------------------------------

_XML = """<?xml version="1.0" ?><Document doc_id="7" lang="en">
<token number="0" sentence="0" t_id="1">Harbour</token>
<token number="1" sentence="0" t_id="2">Club</token>
<token number="2" sentence="0" t_id="3">wins</token>
<token number="3" sentence="1" t_id="4">May</token>
<token number="4" sentence="1" t_id="5">1</token>
<token number="5" sentence="2" t_id="6">Ilsa</token>
<token number="6" sentence="2" t_id="7">Marren</token>
<token number="7" sentence="2" t_id="8">visited</token>
<token number="8" sentence="2" t_id="9">the</token>
<token number="9" sentence="2" t_id="10">Bergen</token>
<token number="10" sentence="2" t_id="11">club</token>
<token number="11" sentence="2" t_id="12">.</token>
<Markables>
<ENTITY_MENTION m_id="1" syntactic_type="NAM"><token_anchor t_id="1"/><token_anchor t_id="2"/>
</ENTITY_MENTION>
<ENTITY_MENTION m_id="2" syntactic_type="NAM"><token_anchor t_id="6"/><token_anchor t_id="7"/>
</ENTITY_MENTION>
<ENTITY_MENTION m_id="3" syntactic_type="PRE.NAM"><token_anchor t_id="10"/></ENTITY_MENTION>
<ENTITY m_id="20" ent_type="ORG"/>
<ENTITY m_id="21" ent_type="PER"/>
<ENTITY m_id="22" ent_type="LOC"/>
</Markables>
<Relations>
<REFERS_TO r_id="1"><source m_id="1"/><target m_id="20"/></REFERS_TO>
<REFERS_TO r_id="2"><source m_id="2"/><target m_id="21"/></REFERS_TO>
<REFERS_TO r_id="3"><source m_id="3"/><target m_id="22"/></REFERS_TO>
</Relations>
</Document>
"""


@pytest.fixture()
def tiny(tmp_path):
    from storyline.eval.entities import load_meantime

    folder = tmp_path / "intra-doc_annotation" / "corpus_x"
    folder.mkdir(parents=True)
    (folder / "7_Harbour_Club_wins.xml").write_text(_XML, encoding="utf-8")
    (doc,) = load_meantime(tmp_path)
    return doc


def test_meantime_tokens_are_rebuilt_into_text_with_gold_offsets(tiny):
    assert tiny.text == "Harbour Club wins\n\nMay 1\n\nIlsa Marren visited the Bergen club."
    names = {tiny.text[g.start:g.end]: (g.type, g.syntactic_type) for g in tiny.gold}
    assert names == {"Harbour Club": ("ORG", "NAM"), "Ilsa Marren": ("PER", "NAM"),
                     "Bergen": ("LOC", "PRE.NAM")}


def test_scorer_separates_exact_from_overlap_and_counts_premodifiers(tiny):
    from storyline.eval.entities import score

    text = tiny.text
    club = text.index("Harbour Club")
    marren = text.index("Marren")
    bergen = text.index("Bergen")
    preds = [(club, club + len("Harbour Club"), "ORG"),      # exact
             (marren, marren + len("Marren"), "PER"),         # overlap only
             (bergen, bergen + len("Bergen"), "LOC")]         # PRE.NAM gold: a false positive
    result = score([tiny], [preds])
    assert result["gold"] == 2
    assert result["exact_precision"] == round(1 / 3, 4)
    assert result["overlap_recall"] == 1.0
    assert result["overlap_precision"] == round(2 / 3, 4)
    assert result["lenient_overlap_precision"] == 1.0
    assert result["ignored_predictions"] == 1


def test_scorer_requires_matching_types(tiny):
    from storyline.eval.entities import score

    club = tiny.text.index("Harbour Club")
    result = score([tiny], [[(club, club + len("Harbour Club"), "LOC")]])
    assert result["overlap_f1"] == 0.0


def test_missing_meantime_folder_raises_data_error(tmp_path):
    from storyline.errors import DataError
    from storyline.eval.entities import load_meantime

    with pytest.raises(DataError, match="intra-doc_annotation"):
        load_meantime(tmp_path)
