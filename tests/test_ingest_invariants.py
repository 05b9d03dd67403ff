"""Invariants over arbitrary input: ingest never raises for bad bytes, and is idempotent."""

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.api import open as open_db
from storyline.settings import Settings

_SUFFIXES = st.sampled_from([".txt", ".html", ".json", ".jsonl", ".rss", ".xml", ".gz", ""])
_HTMLISH = st.lists(st.sampled_from(["<html>", "<p>", "</p>", "<div class='x'>", "</div>",
                                     "<script>", "Port Avel", "said", "\x00", "é", "\n\n",
                                     '{"text": ', "}", "<rss>", "<item>", "&amp;", "<!--"]),
                    max_size=40).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content=st.one_of(st.binary(max_size=600), _HTMLISH.map(str.encode)), suffix=_SUFFIXES)
def test_any_bytes_give_an_article_or_a_reported_problem_and_a_rerun_adds_nothing(content,
                                                                                suffix):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        (folder / f"input{suffix}").write_bytes(content)
        cfg = Settings(db=str(Path(tmp) / "x.db"), fetch_feed_pages=False)
        with open_db(settings=cfg) as sl:
            first = sl.ingest([str(folder)])
            assert first.documents + first.skipped >= 1
            for problem in first.problems:
                assert problem.source and problem.reason
            again = sl.ingest([str(folder)])
            assert again.ingested == again.near_duplicates == again.exact_duplicates == 0
            stored = sl.articles()
            assert len(stored) == first.ingested + first.near_duplicates
            for article in stored:
                assert article.text.strip()
