"""The demo corpus analyzed as `storyline demo` does: against what its manifest annotates
(people, titles, quotes with speakers, dates, acronyms), and against the golden digest.

When a change to the analysis is intended, run `make golden` and review the diff of
tests/golden/demo_analysis.json before committing it.
"""

from __future__ import annotations

import json

import pytest

from golden_demo import GOLDEN, analyze_demo, manifest_scores, summary

pytestmark = pytest.mark.slow

#: What the analysis finds of the manifest today; a change that finds less fails here.
FLOORS = {"people_recall": 0.94, "quote_recall": 0.97, "speaker_accuracy": 0.95,
          "time_recall": 0.89, "acronym_recall": 0.65, "title_recall": 0.88}


@pytest.fixture(scope="module")
def rows():
    pytest.importorskip("spacy")
    return analyze_demo()


def test_every_manifest_article_is_analyzed(rows):
    assert len(rows) == 36
    assert {a.status for _e, _art, a in rows} == {"analyzed"}


@pytest.mark.parametrize("measure", sorted(FLOORS))
def test_analysis_finds_what_the_manifest_annotates(rows, measure):
    scores = manifest_scores(rows)
    assert scores[measure] >= FLOORS[measure], (measure, scores[measure], scores["misses"])


def test_analysis_matches_the_golden_digest(rows):
    if not GOLDEN.exists():
        pytest.fail(f"{GOLDEN} is missing; create it with `make golden`")
    want = json.loads(GOLDEN.read_text(encoding="utf-8"))
    got = json.loads(json.dumps(summary(rows)))
    changed = sorted(f for f in set(want) | set(got) if want.get(f) != got.get(f))
    assert not changed, (f"analysis of {len(changed)} demo articles changed ({changed[:5]}); "
                         "if intended, run `make golden` and review the diff")
