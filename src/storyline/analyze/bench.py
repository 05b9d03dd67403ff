"""Throughput of the analyze stage against bare spaCy parsing of the same texts."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Sequence
from typing import Any

from ..errors import DataError
from ..settings import Settings
from .component import Component
from .pipeline import LINE_BREAKS, Analyzer
from .registry import default_components

#: The stage should keep at least this share of bare ``nlp.pipe`` throughput.
TARGET_RATIO = 0.7

_WARMUP_TEXTS = 8


def bench_analyze(texts: Sequence[str], settings: Settings | None = None, *,
                  rounds: int = 2) -> dict[str, Any]:
    """Words per second of bare ``nlp.pipe`` and of the whole stage on the same texts.

    Both runs use one loaded model and the same ``analyze_batch_size``/``analyze_processes``,
    after a warm-up of a few texts. With ``rounds`` > 1 the two runs alternate and each keeps
    its fastest round, which damps noise from other work on the machine. "Bare" is the model
    exactly as ``spacy.load`` returns it; the stage adds its line-break component, chunking,
    and the registered components. ``component_seconds`` splits the stage's fastest round
    into the parse (everything but the components) and each component.
    """
    settings = settings or Settings()
    texts = list(texts)
    if not texts:
        raise DataError("no texts to benchmark; pass a folder or file with articles")
    timings: dict[str, float] = {}
    analyzer = Analyzer(settings, components=_timed(default_components(settings), timings))
    nlp = analyzer.nlp
    batch, procs = settings.analyze_batch_size, settings.analyze_processes
    items = [(n, text, None, None) for n, text in enumerate(texts)]

    def bare() -> None:
        with nlp.select_pipes(disable=[LINE_BREAKS]):
            for _ in nlp.pipe(texts, batch_size=batch, n_process=procs):
                pass

    def stage() -> None:
        for _ in analyzer.analyze_many(items):
            pass

    with nlp.select_pipes(disable=[LINE_BREAKS]):
        list(nlp.pipe(texts[:_WARMUP_TEXTS], batch_size=batch))
    list(analyzer.analyze_many(items[:_WARMUP_TEXTS]))

    bare_best = stage_best = float("inf")
    components: dict[str, float] = {}
    for _ in range(max(1, rounds)):
        bare_best = min(bare_best, _seconds(bare))
        timings.clear()
        took = _seconds(stage)
        if took < stage_best:
            stage_best, components = took, dict(timings)

    words = sum(len(t.split()) for t in texts)
    bare_wps, stage_wps = words / bare_best, words / stage_best
    in_components = sum(components.values())
    return {
        "task": "bench-analyze",
        "articles": len(texts),
        "words": words,
        "bare_words_per_second": round(bare_wps, 1),
        "stage_words_per_second": round(stage_wps, 1),
        "ratio": round(stage_wps / bare_wps, 3),
        "target_ratio": TARGET_RATIO,
        "bare_seconds": round(bare_best, 3),
        "stage_seconds": round(stage_best, 3),
        "component_seconds": {"parse": round(stage_best - in_components, 3),
                              **{k: round(v, 3) for k, v in components.items()}},
        "rounds": max(1, rounds),
        "batch_size": batch,
        "processes": procs,
        "version": analyzer.version,
    }


def _seconds(func: Callable[[], None]) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def _timed(components: Sequence[Component], timings: dict[str, float]) -> list[Component]:
    def wrap(c: Component) -> Component:
        func = c.func

        def run(inputs: Any) -> Any:
            start = time.perf_counter()
            try:
                return func(inputs)
            finally:
                timings[c.name] = timings.get(c.name, 0.0) + time.perf_counter() - start
        return dataclasses.replace(c, func=run)

    return [wrap(c) for c in components]


__all__ = ["TARGET_RATIO", "bench_analyze"]
