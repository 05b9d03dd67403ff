"""`storyline eval` reads a benchmark folder and prints one JSON object of metrics."""

import gzip
import json

from click.testing import CliRunner

from samples import FOG_STORY
from storyline.cli import main


def _benchmark(folder, body):
    (folder / "html").mkdir(parents=True)
    paras = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    page = (f"<html><head><title>Fog</title></head><body><nav>Home | World | Sport</nav>"
            f"<article><h1>Fog</h1>{paras}</article><footer>Contact us</footer></body></html>")
    (folder / "html" / "p1.html.gz").write_bytes(gzip.compress(page.encode()))
    (folder / "ground-truth.json").write_text(json.dumps({"p1": {"articleBody": body}}))


def test_eval_extraction_scores_a_clean_page_as_perfect(tmp_path):
    _benchmark(tmp_path / "bench", FOG_STORY.split("\n", 2)[2].strip())
    r = CliRunner().invoke(main, ["eval", "extraction", "--data", str(tmp_path / "bench"),
                                  "--json"])
    assert r.exit_code == 0, r.output
    metrics = json.loads(r.output)
    assert metrics["pages"] == 1 and metrics["f1"] > 0.95
    assert {"precision", "recall", "f1", "pages_per_second"} <= set(metrics)


def test_eval_with_wrong_folder_says_what_it_expected(tmp_path):
    r = CliRunner().invoke(main, ["eval", "extraction", "--data", str(tmp_path)])
    assert r.exit_code == 1 and "ground-truth.json" in r.output


def test_unknown_eval_task_lists_the_known_ones(tmp_path):
    r = CliRunner().invoke(main, ["eval", "sentiment", "--data", str(tmp_path)])
    assert r.exit_code == 1 and "extraction" in r.output and "quotes" in r.output
