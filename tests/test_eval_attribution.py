"""The PolNeAR attribution scorer on a tiny brat sample we wrote ourselves (fictional text)."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.errors import DataError
from storyline.eval.attribution import cue_matches, evaluate, load, parse_ann, score
from storyline.models import Analysis, Entity, Mention, Quote

TEXT = ("Bridge to reopen in spring.\n\n"
        "Mayor Orla Venn said the Tamsk bridge would reopen in April. "
        "\"We are nearly done,\" she said. "
        "According to the Corvel Gazette, the repairs cost more than planned.")
# offsets in TEXT
VENN = TEXT.index("Mayor Orla Venn")
SAID1 = TEXT.index("said the")
CONTENT1 = (TEXT.index("the Tamsk"), TEXT.index(" April.") + len(" April"))
QUOTE2 = (TEXT.index("\"We"), TEXT.index(",\" she") + 2)
SHE = TEXT.index("she said")
SAID2 = SHE + 4
ACC = TEXT.index("According")
GAZ = TEXT.index("the Corvel")
CONTENT3 = (TEXT.index("the repairs"), len(TEXT) - 1)


def _ann() -> str:
    return "\n".join([
        f"T1\tSource {VENN} {VENN + 15}\tMayor Orla Venn",
        f"T2\tCue {SAID1} {SAID1 + 4}\tsaid",
        f"T3\tContent {CONTENT1[0]} {CONTENT1[1]}\tx",
        "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1",
        f"T4\tSource {SHE} {SHE + 3}\tshe",
        f"T5\tCue {SAID2} {SAID2 + 4}\tsaid",
        f"T6\tContent {QUOTE2[0]} {QUOTE2[0] + 10};{QUOTE2[0] + 10} {QUOTE2[1]}\tx",
        "E2\tAttribution:T5 Content:T6 Cue:T5 Source:T4",
        f"T7\tCue {ACC} {ACC + 12}\tAccording to",
        f"T8\tSource {GAZ} {GAZ + 17}\tthe Corvel Gazette",
        f"T9\tContent {CONTENT3[0]} {CONTENT3[1]}\tx",
        "E3\tAttribution:T7 Cue:T7 Source:T8 Content:T9",
        "T10\tDiscuss 0 6\tBridge",
        "E4\tAttribution-no-source:T10 ",
    ]) + "\n"


def _polnear(root: Path) -> Path:
    folder = root / "polnear"
    for split in ("dev", "train"):
        (folder / split / "text").mkdir(parents=True)
        (folder / split / "attributions").mkdir()
    (folder / "dev" / "text" / "gazette_bridge.txt").write_text(TEXT, encoding="utf-8")
    (folder / "dev" / "attributions" / "gazette_bridge_b2.ann").write_text(_ann(),
                                                                         encoding="utf-8")
    # a second annotator who found nothing: the first id in sort order must win
    (folder / "dev" / "attributions" / "gazette_bridge_z9.ann").write_text("", encoding="utf-8")
    (folder / "train" / "text" / "gazette_other.txt").write_text("Nothing said.\n",
                                                                 encoding="utf-8")
    (folder / "train" / "attributions" / "gazette_other_a1.ann").write_text("",
                                                                          encoding="utf-8")
    (folder / "metadata.tsv").write_text(
        "compartment\tfilename\tpublisher\tpublication_date\n"
        "dev\tgazette_bridge\tcorvel-gazette\t2031-05-02\n"
        "train\tgazette_other\tcorvel-gazette\tNone\n", encoding="utf-8")
    return folder


def _analysis(quotes: list[Quote], entities: tuple[Entity, ...] = ()) -> Analysis:
    return Analysis(article_id=None, version="test", status="analyzed",
                    records={"entities": entities, "quotes": tuple(quotes)})


VENN_ENTITY = Entity(id="E1", name="Orla Venn", type="PERSON", mentions=(
    Mention(VENN + 6, VENN + 15, "Orla Venn"), Mention(SHE, SHE + 3, "she", "pronoun")))


def test_discontinuous_content_becomes_one_item_spanning_its_fragments():
    gold = parse_ann(_ann())
    assert [g["id"] for g in gold] == ["E1", "E2", "E3"]  # E4 has no Content: not gold
    assert gold[1]["quote_span"] == QUOTE2
    assert len(gold[1]["content"]) == 2


def test_attribution_without_source_has_empty_source():
    gold = parse_ann("T1\tCue 0 4\tsaid\nT2\tContent 5 9\tx\n"
                     "E1\tAttribution-no-source:T1 Cue:T1 Content:T2\n")
    assert gold[0]["source"] == [] and gold[0]["cue"] == [(0, 4)]


def test_span_text_with_newlines_does_not_break_parsing():
    gold = parse_ann("T1\tCue 20 24\tsaid\nT2\tContent 0 3;5 18\t1.\n\nThe toll rose\n"
                     "E1\tAttribution-no-source:T1 Cue:T1 Content:T2\n")
    assert gold[0]["quote_span"] == (0, 18)


def test_event_pointing_at_undefined_span_is_reported():
    with pytest.raises(DataError, match="T9"):
        parse_ann("T1\tCue 0 4\tsaid\nE1\tAttribution:T1 Cue:T1 Content:T9\n")


def test_load_reads_dev_by_default_with_first_annotator_and_date(tmp_path):
    articles = list(load(_polnear(tmp_path)))
    assert [a["name"] for a in articles] == ["gazette_bridge"]
    assert articles[0]["annotator"] == "b2"
    assert articles[0]["published"] == "2031-05-02"
    assert len(articles[0]["attributions"]) == 3


def test_load_accepts_a_split_folder(tmp_path):
    articles = list(load(_polnear(tmp_path) / "train"))
    assert [a["name"] for a in articles] == ["gazette_other"]
    assert articles[0]["published"] is None  # "None" in the metadata means unknown


def test_folder_without_polnear_layout_is_an_error(tmp_path):
    with pytest.raises(DataError, match="PolNeAR"):
        list(load(tmp_path))


def test_scorer_counts_matches_at_both_thresholds(tmp_path):
    articles = list(load(_polnear(tmp_path)))
    quotes = [
        # exact: matches at 0.3 and 0.8
        Quote(CONTENT1[0], CONTENT1[1], "", False, "said", SAID1, SAID1 + 4, "E1",
              "Orla Venn", VENN + 6, VENN + 15),
        # half of the gold quote: matches at 0.3 only
        Quote(QUOTE2[0], QUOTE2[0] + 12, "", True, "said", SAID2, SAID2 + 4, "E1",
              "Orla Venn", SHE, SHE + 3),
        # nothing in the gold there: a false positive
        Quote(0, 26, "", False),
    ]
    out = score(articles, [_analysis(quotes, (VENN_ENTITY,))])
    assert (out["gold"], out["predicted"]) == (3, 3)
    assert out["precision_0.3"] == pytest.approx(2 / 3, abs=1e-4)
    assert out["recall_0.3"] == pytest.approx(2 / 3, abs=1e-4)
    assert out["f1_0.8"] == pytest.approx(1 / 3, abs=1e-4)
    assert out["source_accuracy"] == 1.0  # by name, and by the resolved pronoun "she"
    assert out["source_name_accuracy"] == 0.5  # "she" names nobody by itself
    assert out["cue_accuracy"] == 1.0


def test_wrong_speaker_and_missing_cue_count_against_accuracy(tmp_path):
    articles = list(load(_polnear(tmp_path)))
    quotes = [
        Quote(CONTENT1[0], CONTENT1[1], "", False, "said", SAID2, SAID2 + 4, None,
              "Pell Arno"),
        Quote(CONTENT3[0], CONTENT3[1], "", False),
    ]
    out = score(articles, [_analysis(quotes)])
    assert out["source_accuracy"] == 0.0
    assert out["cue_accuracy"] == 0.0


def test_speaker_inside_a_possessive_source_is_not_the_source():
    text = "Venn's aide said the bridge is safe."
    gold = parse_ann("T1\tSource 0 11\tVenn's aide\nT2\tCue 12 16\tsaid\n"
                     "T3\tContent 17 35\tx\nE1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n")
    entity = Entity(id="E1", name="Orla Venn", type="PERSON",
                    mentions=(Mention(0, 4, "Venn", "surname"),))
    quote = Quote(17, 35, "", False, "said", 12, 16, "E1", "Orla Venn", 0, 4)
    out = score([{"text": text, "attributions": gold}], [_analysis([quote], (entity,))])
    assert out["source_accuracy"] == 0.0


def test_relative_pronoun_source_is_matched_by_the_phrase_right_before_it():
    text = "Venn, who runs the port, said the bridge is safe. Arno, the mayor, agreed."
    gold = parse_ann("T1\tSource 6 9\twho\nT2\tCue 25 29\tsaid\n"
                     "T3\tContent 30 48\tx\nE1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n")
    venn = Quote(30, 48, "", False, "said", 25, 29, "E1", "Orla Venn", 0, 4)
    arno = Quote(30, 48, "", False, "said", 25, 29, "E2", "Pell Arno", 50, 54)
    for quote, right in ((venn, 1.0), (arno, 0.0)):
        out = score([{"text": text, "attributions": gold}], [_analysis([quote])])
        assert out["source_accuracy"] == right


def test_swapped_source_and_cue_labels_are_scored_the_right_way_round():
    text = "\"The ferry is late,\" said Venn."
    # the annotator marked "said" as the Source and the name as the Cue
    gold = parse_ann("T1\tSource 21 25\tsaid\nT2\tCue 26 30\tVenn\n"
                     "T3\tContent 1 18\tx\nE1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n")
    quote = Quote(1, 18, "", True, "said", 21, 25, None, "Venn", 26, 30)
    out = score([{"text": text, "attributions": gold}], [_analysis([quote])])
    assert out["source_accuracy"] == 1.0 and out["cue_accuracy"] == 1.0


def test_cue_is_right_only_when_its_span_overlaps_the_gold_cue():
    gold = {"cue": [(ACC, ACC + 12)]}
    assert cue_matches(Quote(0, 1, "", False, "according to", ACC, ACC + 12), gold, TEXT)
    assert not cue_matches(Quote(0, 1, "", False, "said", 0, 4), gold, TEXT)
    assert not cue_matches(Quote(0, 1, "", False, None), gold, TEXT)  # a continued quote


def test_evaluate_runs_the_real_pipeline(tmp_path):
    pytest.importorskip("spacy")
    out = evaluate(_polnear(tmp_path))
    assert out["task"] == "attribution" and out["articles"] == 1
    assert out["gold"] == 3
    assert out["predicted"] >= 1
    assert out["f1_0.3"] > 0
