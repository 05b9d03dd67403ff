"""The public surface is small and explicit: ``__all__`` lists exactly the public names."""

import types

import pytest

import storyline
import storyline.analyze
import storyline.store

LAZY = {"IngestReport"}  # loaded on first access: ingest's imports are heavy


@pytest.mark.parametrize("module", [storyline, storyline.analyze, storyline.store])
def test_all_is_sorted_and_lists_exactly_the_public_names(module):
    assert module.__all__ == sorted(module.__all__)
    public = {n for n in vars(module) if not n.startswith("_")
              and not isinstance(getattr(module, n), types.ModuleType)
              and n != "annotations"}
    assert public | (LAZY & set(module.__all__)) == set(module.__all__)


def test_lazy_names_resolve():
    for name in LAZY:
        assert getattr(storyline, name).__name__ == name
