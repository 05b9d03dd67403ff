"""Time-expression benchmark: TimeBank/AQUAINT (TimeML) and MEANTIME (NAF-like XML) loaders and
the scorer behind ``storyline eval time_exprs`` (span F1, then value accuracy given the creation time).
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import DataError
from ..models import TimeExpr
from ..settings import Settings
from .meantime import meantime_files, read_meantime
from .scoring import prf

__all__ = ["GoldDoc", "GoldTimex", "evaluate", "load_meantime", "load_timeml", "score"]


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True)
class GoldDoc:
    """One benchmark document: plain text, its creation time and the gold TIMEX3s in it."""

    name: str
    text: str
    dct: str
    timexes: tuple[GoldTimex, ...]
    ignore: tuple[tuple[int, int], ...] = ()  # spans (the DCT line) neither scored nor penalised


# ---- TimeML (TimeBank, AQUAINT) ------------------------------------------------------------------

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def _parse_timeml(raw: str, name: str) -> GoldDoc:
    dct_tag = re.search(r"<TIMEX3[^>]*functionInDocument=\"CREATION_TIME\"[^>]*>", raw)
    if not dct_tag:
        raise DataError(f"{name}: no TIMEX3 with functionInDocument=\"CREATION_TIME\"; "
                        "is this a TimeML file from TimeBank/AQUAINT?")
    dct = dict(_ATTR.findall(dct_tag.group(0)))["value"]
    open_at, close_at = raw.find("<TEXT>"), raw.find("</TEXT>")
    if open_at < 0 or close_at < 0:
        raise DataError(f"{name}: no <TEXT> element; expected a TimeML document")
    body = raw[open_at + len("<TEXT>"):close_at]
    parts: list[str] = []
    length = 0
    stack: list[tuple[int, dict[str, str]]] = []
    gold: list[GoldTimex] = []
    pos = 0
    for m in _TAG.finditer(body):
        piece = html.unescape(body[pos:m.start()])
        parts.append(piece)
        length += len(piece)
        pos = m.end()
        closing, tag = m.group(1), m.group(2)
        if tag != "TIMEX3":
            continue
        if not closing:
            stack.append((length, dict(_ATTR.findall(m.group(3)))))
        elif stack:
            start, attrs = stack.pop()
            gold.append(GoldTimex(start, length, "", attrs.get("type", ""), attrs.get("value", "")))
    piece = html.unescape(body[pos:])
    parts.append(piece)
    text = "".join(parts)
    timexes = tuple(GoldTimex(g.start, g.end, text[g.start:g.end], g.type, g.value) for g in gold)
    return GoldDoc(name, text, dct, timexes)


def load_timeml(data: Path) -> Iterator[GoldDoc]:
    """Every ``*.tml`` under ``data`` (sorted by path), as :class:`GoldDoc`."""
    for path in sorted(Path(data).rglob("*.tml")):
        yield _parse_timeml(path.read_text(encoding="utf-8"), str(path.relative_to(data)))


# ---- MEANTIME -------------------------------------------------------------------------------------

def _parse_meantime(path: Path) -> GoldDoc | None:
    article = read_meantime(path)
    markables = article.root.find("Markables")
    if markables is None:
        return None
    dct = None
    ignore: list[tuple[int, int]] = []
    gold: list[GoldTimex] = []
    for tx in markables.findall("TIMEX3"):
        extent = article.extent(tx.findall("token_anchor"))
        if tx.get("functionInDocument") == "CREATION_TIME":
            dct = tx.get("value")
            if extent is not None:
                ignore.append(extent)
            continue
        if extent is None:
            continue
        start, end = extent
        gold.append(GoldTimex(start, end, article.text[start:end], tx.get("type", ""),
                              tx.get("value", "")))
    if not dct:
        return None
    # MEANTIME annotates only the opening sentences; text after the last annotated sentence
    # is out of scope, so predictions there are neither right nor wrong.
    last = max((article.sentence_of.get(a.get("t_id", ""), 0)
                for a in markables.iter("token_anchor")), default=0)
    cut = max((e for t_id, (_, e) in article.spans.items() if article.sentence_of[t_id] <= last),
              default=0)
    if cut < len(article.text):
        ignore.append((cut, len(article.text)))
    return GoldDoc(path.stem, article.text, dct, tuple(sorted(gold, key=lambda g: g.start)),
                   tuple(ignore))


def load_meantime(data: Path) -> Iterator[GoldDoc]:
    """English MEANTIME documents (``intra-doc_annotation``) with a creation time, the topic
    corpora interleaved (as for the entity benchmark)."""
    for path in meantime_files(data):
        doc = _parse_meantime(path)
        if doc is not None:
            yield doc


# ---- scoring --------------------------------------------------------------------------------------


def _same_value(gold: str, pred: str | None) -> bool:
    if pred is None:
        return False
    # "2000-W7" and "2000-W07" are the same week; the gold spells both ways.
    def canon(v: str) -> str:
        return re.sub(r"-W(\d)(?!\d)", r"-W0\1", v.strip())
    return canon(gold) == canon(pred)


def _match(gold: Sequence[GoldTimex], pred: Sequence[TimeExpr]) -> list[tuple[GoldTimex, TimeExpr]]:
    """One-to-one pairs of overlapping spans, largest overlap first."""
    pairs = []
    for g in gold:
        for p in pred:
            overlap = min(g.end, p.end_char) - max(g.start, p.start_char)
            if overlap > 0:
                pairs.append((overlap, g, p))
    pairs.sort(key=lambda x: -x[0])
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, g, p in pairs:
        if id(g) in used_g or id(p) in used_p:
            continue
        used_g.add(id(g))
        used_p.add(id(p))
        out.append((g, p))
    return out


def score(docs: Sequence[GoldDoc], predictions: Sequence[Sequence[TimeExpr]]) -> dict[str, Any]:
    """Span P/R/F1 (strict: same span; relaxed: overlap) and value accuracy on relaxed matches."""
    n_gold = n_pred = strict = relaxed = correct = 0
    by_type: dict[str, Counter[str]] = {}
    for doc, preds in zip(docs, predictions, strict=True):
        preds = [p for p in preds
                 if not any(p.start_char < e and s < p.end_char for s, e in doc.ignore)]
        gold_spans = {(g.start, g.end) for g in doc.timexes}
        n_gold += len(doc.timexes)
        n_pred += len(preds)
        strict += sum((p.start_char, p.end_char) in gold_spans for p in preds)
        for g in doc.timexes:
            by_type.setdefault(g.type, Counter())["gold"] += 1
        for g, p in _match(doc.timexes, preds):
            relaxed += 1
            ok = _same_value(g.value, p.value)
            correct += ok
            counts = by_type[g.type]
            counts["matched"] += 1
            counts["value_correct"] += ok
            counts["type_correct"] += g.type == p.type
    sp, sr, sf = prf(strict, n_pred, None, n_gold)
    rp, rr, rf = prf(relaxed, n_pred, None, n_gold)
    result: dict[str, Any] = {
        "docs": len(docs), "gold": n_gold, "predicted": n_pred,
        "span_precision_strict": round(sp, 4), "span_recall_strict": round(sr, 4),
        "span_f1_strict": round(sf, 4),
        "span_precision_relaxed": round(rp, 4), "span_recall_relaxed": round(rr, 4),
        "span_f1_relaxed": round(rf, 4),
        "value_accuracy": round(correct / relaxed, 4) if relaxed else 0.0,
    }
    result["by_type"] = {
        t: {"gold": c["gold"], "matched": c["matched"],
            "value_accuracy": round(c["value_correct"] / c["matched"], 4) if c["matched"] else 0.0,
            "type_accuracy": round(c["type_correct"] / c["matched"], 4) if c["matched"] else 0.0}
        for t, c in sorted(by_type.items())}
    result["date_value_accuracy"] = result["by_type"].get("DATE", {}).get("value_accuracy", 0.0)
    return result


def _load(data: Path) -> tuple[str, list[GoldDoc]]:
    data = Path(data)
    if not data.exists():
        raise DataError(f"{data} does not exist; pass --data pointing at shared/data/timebank "
                        "or shared/data/meantime")
    if any(data.rglob("*.tml")):
        return "timebank", list(load_timeml(data))
    try:
        docs = list(load_meantime(data))
    except DataError:
        docs = []
    if docs:
        return "meantime", docs
    raise DataError(f"{data} holds neither TimeML (*.tml) nor MEANTIME (*.xml with TIMEX3) "
                    "files; pass the timebank or meantime folder")


def _nlp(settings: Settings) -> Any:
    # the analyze stage's own pipeline, so the benchmark parses exactly as `storyline analyze`
    from ..analyze.pipeline import Analyzer

    return Analyzer(settings).nlp


def evaluate(data: Path, *, limit: int | None = None, settings: Settings | None = None,
             use_parser: bool = True) -> dict[str, Any]:
    """Score :func:`~storyline.analyze.time_exprs.extract_time_exprs` on TimeBank or MEANTIME at ``data``.

    Each document is analyzed with its creation time as the publication time. With
    ``use_parser`` the spaCy model of ``settings`` parses each document first so that tense
    decides bare weekdays and months, as in the analyze stage. ``limit`` keeps the first N
    documents in path order (a fixed, deterministic sample).
    """
    from ..analyze.time_exprs import extract_time_exprs

    settings = settings or Settings()
    corpus, docs = _load(data)
    if limit is not None:
        docs = docs[:limit]
    texts = [d.text for d in docs]
    parsed: list[Any]
    if use_parser:
        nlp = _nlp(settings)
        parsed = list(nlp.pipe(texts, batch_size=settings.analyze_batch_size))
    else:
        parsed = [None] * len(docs)
    predictions = [extract_time_exprs(d.text, d.dct, doc) for d, doc in zip(docs, parsed, strict=True)]
    result = {"task": "time_exprs", "corpus": corpus, "parser": bool(use_parser)}
    result.update(score(docs, predictions))
    return result
