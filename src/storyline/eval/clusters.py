"""Clustering scores shared by the linking and story benchmarks: B-cubed, MUC, CEAF-e, their
CoNLL average, and the adjusted Rand index.

Each takes ``gold`` and ``predicted`` as item → cluster label mappings over the same items
(an item missing from ``predicted`` is a cluster of its own).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping
from typing import Any

from .scoring import prf


def _clusters(labels: Mapping[Any, Any]) -> dict[Any, set[Any]]:
    out: dict[Any, set[Any]] = defaultdict(set)
    for item, label in labels.items():
        out[label].add(item)
    return out


def _complete(gold: Mapping[Any, Any], predicted: Mapping[Any, Any]
              ) -> dict[Any, Any]:
    return {item: predicted.get(item, ("singleton", item)) for item in gold}


def bcubed(gold: Mapping[Any, Any], predicted: Mapping[Any, Any]
           ) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 (Bagga & Baldwin), averaged over items."""
    pred = _complete(gold, predicted)
    g, p = _clusters(gold), _clusters(pred)
    precision = recall = 0.0
    for item in gold:
        gc, pc = g[gold[item]], p[pred[item]]
        both = len(gc & pc)
        precision += both / len(pc)
        recall += both / len(gc)
    n = len(gold) or 1
    precision, recall = precision / n, recall / n
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return round(precision, 4), round(recall, 4), round(f1, 4)


def muc(gold: Mapping[Any, Any], predicted: Mapping[Any, Any]
        ) -> tuple[float, float, float]:
    """MUC link-based precision, recall and F1 (Vilain et al.)."""
    pred = _complete(gold, predicted)
    g, p = _clusters(gold), _clusters(pred)

    def score(key: dict[Any, set[Any]], response: Mapping[Any, Any]
              ) -> tuple[int, int]:
        num = den = 0
        for cluster in key.values():
            parts = {response[i] for i in cluster}
            num += len(cluster) - len(parts)
            den += len(cluster) - 1
        return num, den

    rn, rd = score(g, pred)
    pn, pd = score(p, gold)
    return prf(pn, pd, rn, rd)


def ceafe(gold: Mapping[Any, Any], predicted: Mapping[Any, Any]
          ) -> tuple[float, float, float]:
    """Entity-based CEAF (Luo): the best one-to-one alignment of gold and predicted clusters
    by φ4 = 2|K∩R| / (|K|+|R|)."""
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    pred = _complete(gold, predicted)
    gk = list(_clusters(gold).values())
    pk = list(_clusters(pred).values())
    sim = np.zeros((len(gk), len(pk)))
    index: dict[Hashable, int] = {}
    for j, cluster in enumerate(pk):
        for item in cluster:
            index[item] = j
    for i, cluster in enumerate(gk):
        for item in cluster:
            sim[i, index[item]] += 1
    for i, cluster in enumerate(gk):
        for col in np.nonzero(sim[i])[0]:
            sim[i, col] = 2 * sim[i, col] / (len(cluster) + len(pk[int(col)]))
    rows, cols = linear_sum_assignment(-sim)
    total = float(sim[rows, cols].sum())
    precision = total / len(pk) if pk else 0.0
    recall = total / len(gk) if gk else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return round(precision, 4), round(recall, 4), round(f1, 4)


def ari(gold: Mapping[Any, Any], predicted: Mapping[Any, Any]) -> float:
    """Adjusted Rand index of the two partitions (Hubert & Arabie)."""
    pred = _complete(gold, predicted)

    def pairs(n: int) -> float:
        return n * (n - 1) / 2

    table: dict[tuple[Hashable, Hashable], int] = defaultdict(int)
    for item in gold:
        table[(gold[item], pred[item])] += 1
    rows: dict[Hashable, int] = defaultdict(int)
    cols: dict[Hashable, int] = defaultdict(int)
    for (g, p), n in table.items():
        rows[g] += n
        cols[p] += n
    index = sum(pairs(n) for n in table.values())
    row_sum = sum(pairs(n) for n in rows.values())
    col_sum = sum(pairs(n) for n in cols.values())
    total = pairs(len(gold))
    expected = row_sum * col_sum / total if total else 0.0
    best = (row_sum + col_sum) / 2
    if best == expected:
        return 1.0
    return round((index - expected) / (best - expected), 4)


def all_scores(gold: Mapping[Any, Any], predicted: Mapping[Any, Any]
               ) -> dict[str, Any]:
    """B³, MUC, CEAF-e, their CoNLL F1 and ARI in one dict."""
    b = bcubed(gold, predicted)
    m = muc(gold, predicted)
    c = ceafe(gold, predicted)
    return {"bcubed_precision": b[0], "bcubed_recall": b[1], "bcubed_f1": b[2],
            "muc_f1": m[2], "ceafe_f1": c[2], "conll_f1": round((b[2] + m[2] + c[2]) / 3, 4),
            "ari": ari(gold, predicted),
            "gold_clusters": len(set(gold.values())),
            "predicted_clusters": len(set(_complete(gold, predicted).values()))}
