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
def nlp():
    """The default spaCy pipeline, loaded fresh per test module (the analyze stage adds a
    component to the pipeline it is given, so modules must not share one)."""
    spacy = pytest.importorskip("spacy")
    try:
        return spacy.load(Settings().spacy_model)
    except OSError:
        pytest.skip(f"spaCy model {Settings().spacy_model} is not installed")
