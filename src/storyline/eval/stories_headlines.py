"""Story clustering of a headline stream, on ECB+: each document reduced to its headline (or,
without one, its first paragraph) with its date, as headline-only items of a feed arrive; the
same stages and scores as :mod:`storyline.eval.stories`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..settings import Settings
from .stories import evaluate as evaluate_stories


def evaluate(data: Path, *, limit: int | None = None, settings: Settings | None = None
             ) -> dict[str, Any]:
    return evaluate_stories(data, limit=limit, settings=settings, headlines=True)


__all__ = ["evaluate"]
