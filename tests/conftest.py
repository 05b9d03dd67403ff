"""Shared fixtures: small articles we wrote ourselves (fictional outlets, people and places)."""

from __future__ import annotations

from pathlib import Path

import pytest

from samples import FOG_STORY, HARBOR_STORY
from storyline.settings import Settings

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"

@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(db=str(tmp_path / "test.db"), fetch_feed_pages=False)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder with two plain-text articles and their metadata sidecars."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "harbor.txt").write_text(HARBOR_STORY, encoding="utf-8")
    (folder / "harbor.txt.meta.json").write_text(
        '{"outlet": "The Harbor Ledger", "published": "2026-03-04T08:00:00+00:00", '
        '"url": "https://harborledger.example/2026/03/port-avel?utm_source=feed"}',
        encoding="utf-8")
    (folder / "fog.txt").write_text(FOG_STORY, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def analyzer():
    """The production analyze stage (default settings and components), loaded once per test
    module."""
    pytest.importorskip("spacy")
    from storyline.analyze.pipeline import Analyzer
    from storyline.errors import MissingDependency

    stage = Analyzer(Settings())
    try:
        stage.nlp  # noqa: B018 - load the model now, so a missing one skips the module
    except MissingDependency:
        pytest.skip(f"spaCy model {Settings().spacy_model} is not installed")
    return stage


@pytest.fixture(scope="module")
def nlp(analyzer):
    """The spaCy pipeline exactly as the analyze stage runs it (with its line-break rule)."""
    return analyzer.nlp


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Settings:
    """The demo corpus ingested, analyzed, linked and grouped into stories, once per test run
    (read-only: a test that changes it copies the file first)."""
    pytest.importorskip("spacy")
    from storyline.api import open as open_db
    from storyline.demo import corpus_sources

    db = tmp_path_factory.mktemp("demo-session") / "demo.db"
    settings = Settings(db=str(db), fetch_feed_pages=False)
    with open_db(settings=settings) as sl:
        report = sl.ingest(corpus_sources())
        sl.process(report.seen_ids)
    return settings
