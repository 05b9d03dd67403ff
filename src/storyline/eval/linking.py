"""Cross-document entity linking benchmark on MEANTIME (``intra_cross-doc_annotation``).

Protocol (what :func:`evaluate` reports):

* Gold: every mention with ``syntactic_type="NAM"`` whose entity is PER, ORG or LOC and has a
  cross-document ``instance_id``; its cluster is that instance (one actor across the corpus).
* Prediction: the 120 articles go through the real stages — stored, analyzed, linked — in a
  temporary database, in corpus order, each with its document creation time as the
  publication time. A gold mention takes the canonical entity of the predicted named mention
  (kinds name, surname, acronym) that overlaps it, preferring one of a compatible type
  (PER/PERSON, ORG/ORG, LOC/GPE-LOC-NORP), then the one ending nearest the gold mention's end
  (its head: in "European airframer Airbus" that is Airbus, not European), then the longest
  overlap; a gold mention no prediction overlaps is a cluster of its own.
* Scores: B³ precision/recall/F1, MUC, CEAF-e and their CoNLL average, over the gold mentions;
  and the same for the exact-name baseline, which clusters the gold mentions by their own
  normalised text (what matching names alone achieves).
"""

from __future__ import annotations

import re
import tempfile
import time
from pathlib import Path
from typing import Any

from ..errors import DataError
from ..settings import Settings
from .clusters import all_scores
from .meantime import read_meantime

_TYPES = {"PER", "ORG", "LOC"}
_NAMED = {"name", "surname", "acronym"}
_GOLD_TYPE = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "NORP": "LOC"}


def load(data: Path, *, limit: int | None = None) -> list[dict[str, Any]]:
    """The cross-document annotation: per article its text, creation time and gold mentions
    ``(start_char, end_char, instance_id, text)``."""
    data = Path(data)
    root = data / "intra_cross-doc_annotation"
    if not root.is_dir():
        root = data if data.name == "intra_cross-doc_annotation" else root
    files = sorted(root.rglob("*.xml")) if root.is_dir() else []
    if not files:
        raise DataError(f"no MEANTIME intra_cross-doc_annotation XML under {data}; pass --data "
                        "pointing at the 'meantime' folder")
    docs = []
    for path in files[: limit or None]:
        doc = read_meantime(path)
        markables = doc.root.find("Markables")
        relations = doc.root.find("Relations")
        if markables is None or relations is None:
            continue
        entities = {e.get("m_id"): e for e in markables.iter("ENTITY")}
        mentions = {m.get("m_id"): m for m in markables.iter("ENTITY_MENTION")}
        dct = None
        for tx in markables.iter("TIMEX3"):
            if tx.get("functionInDocument") == "CREATION_TIME":
                dct = tx.get("value")
        gold = []
        for rel in relations.iter("REFERS_TO"):
            target = rel.find("target")
            ent = entities.get(target.get("m_id")) if target is not None else None
            if ent is None or ent.get("ent_type") not in _TYPES or not ent.get("instance_id"):
                continue
            for src in rel.iter("source"):
                m = mentions.get(src.get("m_id"))
                if m is None or m.get("syntactic_type") != "NAM":
                    continue
                extent = doc.extent(m.iter("token_anchor"))
                if extent is not None:
                    gold.append((extent[0], extent[1], ent.get("instance_id"),
                                 doc.text[extent[0]:extent[1]]))
        docs.append({"name": path.stem, "text": doc.text, "dct": dct, "gold": gold})
    return docs


def _normal(text: str) -> str:
    text = re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.I)
    return re.sub(r"\W+", " ", text.casefold()).strip()


def evaluate(data: Path, *, limit: int | None = None, settings: Settings | None = None
             ) -> dict[str, Any]:
    """Link MEANTIME's articles with the real stages and score the clusters (module docs)."""
    from ..api import open as open_db
    from ..models import Document
    from .stored import store_document

    settings = settings or Settings()
    docs = load(data, limit=limit)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        cfg = settings.with_(db=str(Path(tmp) / "linking.db"))
        with open_db(settings=cfg) as sl:
            ids = []
            for d in docs:
                doc = Document(text=d["text"], source=d["name"], via="text", published=d["dct"],
                               language="en", title=d["name"])
                ids.append(store_document(sl, doc))
            sl.analyze(ids)
            report = sl.link(ids)
            links = sl.store.links_of(ids)
            analyses = {a.article_id: a for a in sl.analyses(ids)}
    gold: dict[tuple[int, int], str] = {}
    predicted: dict[tuple[int, int], Any] = {}
    exact: dict[tuple[int, int], str] = {}
    for n, (d, aid) in enumerate(zip(docs, ids, strict=True)):
        spans = []
        for e in analyses[aid].entities:
            cid = links.get((aid, e.id))
            for m in e.mentions:
                if m.kind in _NAMED and cid is not None:
                    spans.append((m.start_char, m.end_char, cid, _GOLD_TYPE.get(e.type)))
        for k, (start, end, instance, text) in enumerate(d["gold"]):
            item = (n, k)
            gold[item] = instance
            exact[item] = _normal(text)
            gtype = instance[:3]
            best = max(((t == gtype, -abs(end - e), min(end, e) - max(start, s), cid)
                        for s, e, cid, t in spans if min(end, e) > max(start, s)),
                       default=None)
            if best is not None:
                predicted[item] = best[3]
    result: dict[str, Any] = {"task": "linking", "docs": len(docs), "gold_mentions": len(gold),
                              "covered_mentions": len(predicted)}
    result.update(all_scores(gold, predicted))
    result["exact_name"] = {k: v for k, v in all_scores(gold, exact).items()
                            if k in {"bcubed_precision", "bcubed_recall", "bcubed_f1",
                                     "conll_f1"}}
    result["link"] = report.summary()
    result["seconds"] = round(time.perf_counter() - started, 1)
    return result


__all__ = ["evaluate", "load"]
