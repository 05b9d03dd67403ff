"""Precision, recall and F1, computed one way for every benchmark."""

from __future__ import annotations

from collections.abc import Mapping


def prf(hits_pred: int, n_pred: int, hits_gold: int | None = None,
        n_gold: int = 0) -> tuple[float, float, float]:
    """(precision, recall, F1) rounded to 4 places; ``hits_gold`` defaults to ``hits_pred``
    (they differ only when matching is not one-to-one)."""
    p = hits_pred / n_pred if n_pred else 0.0
    r = (hits_pred if hits_gold is None else hits_gold) / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 4), round(r, 4), round(f, 4)


def threshold_scores(matched: Mapping[float, int], n_pred: int,
                     n_gold: int) -> dict[str, float]:
    """``precision_T``, ``recall_T`` and ``f1_T`` for each overlap threshold T."""
    out: dict[str, float] = {}
    for t, hits in matched.items():
        out[f"precision_{t}"], out[f"recall_{t}"], out[f"f1_{t}"] = prf(hits, n_pred, None,
                                                                          n_gold)
    return out
