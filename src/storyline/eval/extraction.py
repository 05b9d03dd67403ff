"""Main-text extraction benchmarks: score :func:`storyline.ingest.html.extract_html` on pages.

Two data sets, told apart by their layout:

- the article-extraction benchmark (``html/<id>.html.gz`` and ``ground-truth.json``), scored
  here by the benchmark's own method: shingle precision/recall per page;
- L3S-GN1 (``original/``, ``annotated/``, ``url-mapping.txt``): real, messy pages scored for
  body, title and metadata by :mod:`storyline.eval.l3s`.
"""

from __future__ import annotations

import gzip
import json
import re
import time
from collections import Counter
from pathlib import Path
from typing import Any

from ..errors import DataError, SourceError
from ..settings import Settings

SHINGLE_SIZE = 4
_WORD = re.compile(r"\w+")


def shingles(text: str, n: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """Multiset of ``n``-word shingles of ``text``, words being ``\\w+`` runs (case kept).

    A text shorter than ``n`` words is one shingle of all its words; no words, no shingles.
    """
    words = _WORD.findall(text or "")
    if not words:
        return Counter()
    if len(words) < n:
        return Counter([tuple(words)])
    return Counter(tuple(words[i:i + n]) for i in range(len(words) - n + 1))


def page_counts(truth: str, predicted: str) -> tuple[float, float, float]:
    """(tp, fp, fn) over shingles of one page, scaled to sum to 1 so every page weighs the same."""
    gold, pred = shingles(truth), shingles(predicted)
    tp = sum((gold & pred).values())
    fp = sum((pred - gold).values())
    fn = sum((gold - pred).values())
    total = tp + fp + fn
    if total == 0:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def aggregate(counts: list[tuple[float, float, float]]) -> dict[str, float]:
    """Mean per-page precision and recall, and F1 of those two means.

    Precision is averaged over pages that predicted something, recall over pages whose truth
    has something; a page with neither false positives nor false negatives scores 1.
    """
    precisions = [_ratio(tp, fp, fn, fp) for tp, fp, fn in counts if tp + fp > 0]
    recalls = [_ratio(tp, fp, fn, fn) for tp, fp, fn in counts if tp + fn > 0]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def load_pages(data: Path, *, limit: int | None = None) -> list[tuple[str, str, bytes]]:
    """``(id, true body, gzipped html)`` for the benchmark pages, sorted by id.

    ``limit`` keeps a fixed, deterministic sample: every k-th page in id order.
    """
    data = Path(data)
    truth_path = data / "ground-truth.json"
    if not truth_path.is_file() or not (data / "html").is_dir():
        raise DataError(f"{data} is not an extraction data set: expected ground-truth.json "
                        "and an html/ folder (article-extraction) or original/, annotated/ "
                        "and url-mapping.txt (l3s-gn1-dev); pass --data PATH/TO/one-of-them")
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    ids = sorted(truth)
    if limit is not None and 0 < limit < len(ids):
        step = len(ids) / limit
        ids = [ids[int(i * step)] for i in range(limit)]
    pages = []
    for page_id in ids:
        path = data / "html" / f"{page_id}.html.gz"
        if not path.is_file():
            raise DataError(f"{path} is missing; the data set is incomplete, fetch it again")
        pages.append((page_id, truth[page_id].get("articleBody") or "", path.read_bytes()))
    return pages


def evaluate(data: Path, *, limit: int | None = None,
             settings: Settings | None = None) -> dict[str, Any]:
    """Score :func:`~storyline.ingest.html.extract_html` on the benchmark found at ``data``.

    An L3S-GN1 folder is scored by :func:`storyline.eval.l3s.evaluate`. Otherwise ``data`` is
    the article-extraction benchmark:

    Each page is decompressed and decoded as UTF-8 (the benchmark's stated encoding), then
    passed to ``extract_html`` exactly as ingest would; a page it rejects scores as an empty
    prediction. Returns ``{"task", "pages", "precision", "recall", "f1",
    "pages_per_second", "failed"}``; the rate counts extraction time only.
    """
    from ..ingest.html import extract_html
    from . import l3s

    if l3s.is_l3s(Path(data)):
        return l3s.evaluate(Path(data), limit=limit, settings=settings)
    pages = load_pages(data, limit=limit)
    counts = []
    failed = 0
    elapsed = 0.0
    for page_id, truth, gz in pages:
        html = gzip.decompress(gz).decode("utf-8")
        start = time.perf_counter()
        try:
            predicted = extract_html(html, source=page_id).text
        except SourceError:
            predicted = ""
            failed += 1
        elapsed += time.perf_counter() - start
        counts.append(page_counts(truth, predicted))
    scores = aggregate(counts)
    return {
        "task": "extraction",
        "pages": len(pages),
        **{k: round(v, 4) for k, v in scores.items()},
        "pages_per_second": round(len(pages) / elapsed, 2) if elapsed else 0.0,
        "failed": failed,
    }


def _ratio(tp: float, fp: float, fn: float, wrong: float) -> float:
    if fp == 0 and fn == 0:
        return 1.0
    if tp == 0 and wrong == 0:
        return 0.0
    return tp / (tp + wrong)
