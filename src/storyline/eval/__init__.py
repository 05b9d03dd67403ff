"""Eval: loaders and scorers for the public benchmark data sets in ../shared/data.

Each task module has ``evaluate(data, *, limit=None, settings=None) -> dict``; ``TASKS`` maps the
task name used by ``storyline eval <task>`` to its module.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from ..errors import DataError
from ..settings import Settings

TASKS: dict[str, tuple[str, str]] = {
    "extraction": ("storyline.eval.extraction", "main-text extraction (article-extraction, l3s-gn1-dev)"),
    "entities": ("storyline.eval.entities", "named entities (meantime)"),
    "quotes": ("storyline.eval.quotes", "quotes and speakers (quotes-ggt)"),
    "time_exprs": ("storyline.eval.time_exprs", "time expressions (timebank, meantime)"),
    "attribution": ("storyline.eval.attribution", "quote attribution (polnear)"),
    "linking": ("storyline.eval.linking", "cross-document entity linking (meantime)"),
    "stories": ("storyline.eval.stories", "story clustering (ecbplus-dev)"),
    "stories_headlines": ("storyline.eval.stories_headlines",
                          "story clustering of headlines only (ecbplus-dev)"),
    "contradictions": ("storyline.eval.contradictions",
                       "dossier contradictions (demo corpus and our own pairs; no --data)"),
    "timeline": ("storyline.eval.timeline", "dossier timeline dates of events (meantime)"),
}


def evaluate(task: str, data: str | Path | None, *, limit: int | None = None,
             settings: Settings | None = None) -> dict[str, Any]:
    """Run one benchmark task and return its metrics as one flat-ish JSON-able dict. A task
    whose module sets ``NEEDS_DATA = False`` brings its own data (``data`` may be None)."""
    if task not in TASKS:
        raise DataError(f"unknown eval task {task!r}; choose one of: {', '.join(TASKS)}")
    module = importlib.import_module(TASKS[task][0])
    if data is None:
        if getattr(module, "NEEDS_DATA", True):
            raise DataError(f"eval {task} needs --data: the folder (e.g. ../shared/data/...) "
                            "that holds its benchmark")
        return module.evaluate(None, limit=limit, settings=settings)
    path = Path(data)
    if not path.exists():
        raise DataError(f"data path {path} does not exist; point --data at the folder "
                        f"(e.g. ../shared/data/...) that holds the {task} benchmark")
    return module.evaluate(path, limit=limit, settings=settings)
