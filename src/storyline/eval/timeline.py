"""``storyline eval timeline``: the dates the story dossier's timeline gives to MEANTIME's
annotated events, beside the baseline "every event on its article's publication date".

Gold: the event mentions that a TLINK with relation INCLUDES, IS_INCLUDED or SIMULTANEOUS ties
to a DATE expression of the text (the document creation time is the baseline's own answer, so
links to it are left out) whose value names a day, ISO week, month or year; that value is the
event's date, at its granularity.

Prediction: each article is analyzed by the production analyze stage (its creation time as the
publication time) and its dossier built (one article, one story; each entity its own actor).
An event is dated when a timeline entry's statement in that article covers the event's
characters; its date is the entry's. Value accuracy compares at the gold granularity: a
predicted day is right for a gold month if it falls in that month; a coarser prediction than
the gold is wrong.

- ``coverage``: share of gold events a timeline entry dates;
- ``accuracy``: share of gold events dated right (an undated event counts as wrong);
- ``accuracy_of_dated``: share of the dated ones that are right;
- ``baseline``: the same with every event on its article's publication date;
- ``timeline_else_baseline``: the timeline's date where it gives one, else the baseline's.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date as _date
from pathlib import Path
from typing import Any

from ..settings import Settings
from .meantime import meantime_files, read_meantime

RELATIONS = frozenset({"INCLUDES", "IS_INCLUDED", "SIMULTANEOUS"})
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_WEEK = re.compile(r"^\d{4}-W\d{2}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")
_YEAR = re.compile(r"^\d{4}$")


@dataclass(frozen=True)
class GoldEvent:
    start: int
    end: int
    text: str
    value: str


@dataclass(frozen=True)
class TimelineDoc:
    name: str
    text: str
    dct: str
    events: tuple[GoldEvent, ...]


def granularity(value: str | None) -> str | None:
    """``day``, ``week``, ``month`` or ``year`` for a concrete TIMEX3 date, else None."""
    if not value:
        return None
    for name, rx in (("day", _DAY), ("week", _WEEK), ("month", _MONTH), ("year", _YEAR)):
        if rx.match(value):
            return name
    return None


def at_granularity(pred: str | None, gold: str) -> bool:
    """Whether the predicted date ``pred`` is ``gold`` at ``gold``'s granularity."""
    g, p = granularity(gold), granularity(pred)
    if g is None or p is None or pred is None:
        return False
    if g == "day":
        return p == "day" and pred == gold
    if g == "week":
        if p == "week":
            return pred == gold
        if p != "day":
            return False
        y, w, _d = _date.fromisoformat(pred).isocalendar()
        return f"{y}-W{w:02d}" == gold
    if g == "month":
        return p in ("day", "month") and pred[:7] == gold
    return p in ("day", "month", "week") and pred[:4] == gold or pred == gold


def load(data: Path) -> list[TimelineDoc]:
    """MEANTIME documents with their gold-dated events (documents without any are left out)."""
    out = []
    for path in meantime_files(data):
        article = read_meantime(path)
        markables = article.root.find("Markables")
        relations = article.root.find("Relations")
        if markables is None or relations is None:
            continue
        dct = None
        dates: dict[str, str] = {}
        for tx in markables.findall("TIMEX3"):
            if tx.get("functionInDocument") == "CREATION_TIME":
                dct = tx.get("value")
            elif tx.get("type") == "DATE" and granularity(tx.get("value")):
                dates[tx.get("m_id", "")] = tx.get("value", "")
        events = {ev.get("m_id", ""): article.extent(ev.findall("token_anchor"))
                  for ev in markables.findall("EVENT_MENTION")}
        gold: dict[str, GoldEvent] = {}
        for link in relations.findall("TLINK"):
            if link.get("reltype") not in RELATIONS:
                continue
            src, tgt = link.find("source"), link.find("target")
            if src is None or tgt is None:
                continue
            a, b = src.get("m_id", ""), tgt.get("m_id", "")
            ev, tx = (a, b) if a in events and b in dates else (b, a)
            extent = events.get(ev)
            if tx not in dates or extent is None or ev in gold:
                continue
            gold[ev] = GoldEvent(extent[0], extent[1], article.text[extent[0]:extent[1]],
                                 dates[tx])
        if dct and granularity(dct[:10]) == "day" and gold:
            out.append(TimelineDoc(path.stem, article.text, dct[:10],
                                   tuple(sorted(gold.values(), key=lambda g: g.start))))
    return out


def predict(docs: Sequence[TimelineDoc], settings: Settings) -> list[list[str | None]]:
    """The date the dossier's timeline gives each gold event of each document (None: none)."""
    from ..analyze.pipeline import Analyzer, Item
    from ..models import Article, Story
    from ..stories.dossier import dossier_of

    analyzer = Analyzer(settings)
    items = [Item(i + 1, d.text, d.dct, "en", None) for i, d in enumerate(docs)]
    out: list[list[str | None]] = []
    for i, (doc, analysis) in enumerate(zip(docs, analyzer.analyze_many(items), strict=True)):
        aid = i + 1
        article = Article(id=aid, text=doc.text, content_hash=doc.name, source=doc.name,
                          via="eval", published=doc.dct, outlet="MEANTIME", language="en")
        links = {(aid, e.id): n + 1 for n, e in enumerate(analysis.entities)}
        names = {n + 1: (e.name, e.type) for n, e in enumerate(analysis.entities)}
        story = Story(id=aid, title=doc.name, first_seen=doc.dct, last_seen=doc.dct,
                      article_ids=(aid,), size=1)
        d = dossier_of(story, [article], [analysis], links, names, settings)
        spans = [(s.start_char, s.end_char, e.date) for e in d.timeline
                 for s in e.fact.statements if s.article_id == aid and s.kind == "action"]
        out.append([_date_of(g, spans) for g in doc.events])
    return out


def _date_of(g: GoldEvent, spans: Sequence[tuple[int, int, str]]) -> str | None:
    # the narrowest statement that covers the event: the one most about it
    covering = [(e - s, date) for s, e, date in spans if s <= g.start and g.end <= e]
    return min(covering)[1] if covering else None


def score(docs: Sequence[TimelineDoc], predicted: Sequence[Sequence[str | None]]
          ) -> dict[str, Any]:
    total = dated = right = base_right = hybrid_right = 0
    by_gran: dict[str, dict[str, int]] = {}
    for doc, preds in zip(docs, predicted, strict=True):
        for g, p in zip(doc.events, preds, strict=True):
            gran = granularity(g.value) or "?"
            row = by_gran.setdefault(gran, {"events": 0, "dated": 0, "right": 0,
                                            "baseline_right": 0})
            total += 1
            row["events"] += 1
            ok_base = at_granularity(doc.dct, g.value)
            base_right += ok_base
            row["baseline_right"] += ok_base
            if p is not None:
                dated += 1
                row["dated"] += 1
                ok = at_granularity(p, g.value)
                right += ok
                row["right"] += ok
            hybrid_right += at_granularity(p, g.value) if p is not None else ok_base

    def share(a: int, b: int) -> float | None:
        return round(a / b, 4) if b else None

    return {"documents": len(docs), "events": total,
            "coverage": share(dated, total), "accuracy": share(right, total),
            "accuracy_of_dated": share(right, dated),
            "baseline": {"coverage": 1.0 if total else None,
                         "accuracy": share(base_right, total)},
            "timeline_else_baseline": {"coverage": 1.0 if total else None,
                                       "accuracy": share(hybrid_right, total)},
            "by_granularity": {k: {**v, "accuracy": share(v["right"], v["events"]),
                                   "baseline_accuracy": share(v["baseline_right"], v["events"])}
                               for k, v in sorted(by_gran.items())}}


def evaluate(data: Path, *, limit: int | None = None,
             settings: Settings | None = None) -> dict[str, Any]:
    """Score the dossier timeline's dates on MEANTIME at ``data`` (first ``limit`` documents)."""
    settings = settings or Settings()
    started = time.perf_counter()
    docs = load(data)
    if limit is not None:
        docs = docs[:limit]
    predicted = predict(docs, settings)
    result: dict[str, Any] = {"task": "timeline", "corpus": "meantime",
                              "relations": sorted(RELATIONS)}
    result.update(score(docs, predicted))
    result["seconds"] = round(time.perf_counter() - started, 2)
    return result
