"""MEANTIME named-entity benchmark: load the English intra-document annotation and score
:func:`storyline.analyze.entities.extract_entities` (and bare spaCy, for comparison) on it.

Why ``intra-doc_annotation``: it is the complete document-level annotation (every entity
mention in the title and the first sentences of each article, with its syntactic type). The
``intra_cross-doc_annotation`` copy adds, further down each article, mentions of only those
entities that were linked across documents; scoring against it would count every other correct
name there as a false positive.

Scoring protocol (what :func:`evaluate` reports):

* Region: tokens whose sentence id is 0-5 in the XML, i.e. the title (0), the dateline (1,
  which holds no entities) and the first four body sentences — the part MEANTIME annotates.
* Gold: mentions with ``syntactic_type="NAM"`` whose entity is PER, ORG or LOC. Gold extents
  include a leading determiner ("the United States"); ours do not, so exact match is computed
  after dropping a leading "the"/"a"/"an" on both sides.
* Predictions: named mentions (kinds name/surname/acronym) mapped PERSON→PER, ORG→ORG,
  GPE/LOC (and spaCy FAC)→LOC. An organisation or person name that premodifies a noun in
  our parse ("Apple" in "Apple CEO Steve Jobs", "Boeing" in "Boeing engineers") is what
  MEANTIME calls PRE.NAM, so it is not offered as a named mention; country names are kept,
  because the annotators marked "US" in "US stocks" as NAM about as often as PRE.NAM. Nationality adjectives (NORP) are not scored: the guidelines
  annotate "American" in "American car maker" as a premodifier (PRE.NAM) of a location, not as
  a named mention.
* Every other prediction in the region counts: one that overlaps only a gold mention of
  another syntactic type (PRE.NAM "US" in "US airtanker contract", NOM, PRO) is a false
  positive. The ``lenient_*`` numbers instead treat those as "don't care" (neither right nor
  wrong; how many is ``ignored_predictions``).
* A prediction matches a gold mention when the types agree and the spans are equal (exact) or
  share a character (overlap); matching is one-to-one.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..settings import Settings
from .meantime import meantime_files, read_meantime
from .scoring import prf

__all__ = ["Gold", "MeantimeDoc", "evaluate", "load_meantime", "score"]

_TYPES = ("PER", "ORG", "LOC")
_LAST_SENTENCE = 5
_PRED_TYPES = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
_NAMED_KINDS = {"name", "surname", "acronym"}


@dataclass(frozen=True)
class Gold:
    """One annotated entity mention: character span in :attr:`MeantimeDoc.text`."""

    start: int
    end: int
    type: str  # PER | ORG | LOC | PRO | FIN | MIX ...
    syntactic_type: str  # NAM | NOM | PRO | PRE.NAM | ... ("" when unset)


@dataclass(frozen=True)
class MeantimeDoc:
    """An article rebuilt from MEANTIME tokens, the end of its scored region and its gold."""

    doc_id: str
    text: str
    region_end: int
    gold: tuple[Gold, ...]


def _parse(path: Path) -> MeantimeDoc:
    article = read_meantime(path)
    region_end = max((end for t_id, (_, end) in article.spans.items()
                      if article.sentence_of[t_id] <= _LAST_SENTENCE), default=0)
    markables = article.root.find("Markables")
    mentions: dict[str, tuple[str, tuple[int, int] | None]] = {}
    types: dict[str, str] = {}
    if markables is not None:
        for m in markables.iter("ENTITY_MENTION"):
            mentions[m.get("m_id")] = (m.get("syntactic_type") or "",
                                       article.extent(m.iter("token_anchor")))
        for e in markables.iter("ENTITY"):
            types[e.get("m_id")] = e.get("ent_type") or ""
    gold: set[Gold] = set()
    for rel in article.root.iter("REFERS_TO"):
        target = rel.find("target")
        if target is None or target.get("m_id") not in types:
            continue
        etype = types[target.get("m_id")]
        for src in rel.iter("source"):
            syn, extent = mentions.get(src.get("m_id"), ("", None))
            if extent is not None:
                gold.add(Gold(extent[0], extent[1], etype, syn))
    return MeantimeDoc(article.doc_id, article.text, region_end,
                       tuple(sorted(gold, key=lambda g: (g.start, g.end))))


def load_meantime(data: Path, *, limit: int | None = None) -> list[MeantimeDoc]:
    """English MEANTIME articles (``data`` is the ``meantime`` folder), corpora interleaved."""
    files = meantime_files(data)
    if limit is not None:
        files = files[:limit]
    return [_parse(p) for p in files]


def _strip_det(text: str, start: int, end: int) -> tuple[int, int]:
    for det in ("the ", "The ", "a ", "an ", "A ", "An "):
        if text.startswith(det, start) and end - start > len(det):
            return start + len(det), end
    return start, end


def _match(preds: list[tuple[int, int, str]], golds: list[tuple[int, int, str]],
           exact: bool) -> int:
    used = [False] * len(golds)
    hits = 0
    for ps, pe, pt in preds:
        best = -1
        best_overlap = 0
        for gi, (gs, ge, gt) in enumerate(golds):
            if used[gi] or gt != pt:
                continue
            if exact:
                if (gs, ge) == (ps, pe):
                    best = gi
                    break
                continue
            overlap = min(pe, ge) - max(ps, gs)
            if overlap > best_overlap:
                best, best_overlap = gi, overlap
        if best >= 0:
            used[best] = True
            hits += 1
    return hits


def score(docs: Iterable[MeantimeDoc],
          predictions: Iterable[list[tuple[int, int, str]]]) -> dict[str, Any]:
    """Score typed predictions ``(start, end, PER|ORG|LOC)`` per document against gold.

    Returns flat counts and P/R/F1 (exact and overlap, overall and per type), plus the lenient
    variants that leave out predictions overlapping only non-NAM gold mentions.
    """
    counts: dict[str, dict[str, int]] = {t: {"gold": 0, "pred": 0, "strict_pred": 0,
                                             "exact": 0, "overlap": 0, "ignored": 0}
                                         for t in _TYPES}
    for doc, preds in zip(docs, predictions, strict=True):
        text = doc.text
        gold = [(*_strip_det(text, g.start, g.end), g.type) for g in doc.gold
                if g.syntactic_type == "NAM" and g.type in _TYPES and g.end <= doc.region_end]
        other = [(g.start, g.end) for g in doc.gold
                 if g.type in _TYPES and g.syntactic_type != "NAM" and g.end <= doc.region_end]
        kept: list[tuple[int, int, str]] = []
        for ps, pe, pt in preds:
            if pe > doc.region_end:
                continue
            ps, pe = _strip_det(text, ps, pe)
            counts[pt]["strict_pred"] += 1
            hits_gold = any(min(pe, ge) - max(ps, gs) > 0 for gs, ge, _ in gold)
            if not hits_gold and any(min(pe, oe) - max(ps, os_) > 0 for os_, oe in other):
                counts[pt]["ignored"] += 1
                continue
            kept.append((ps, pe, pt))
        for t in _TYPES:
            g_t = [g for g in gold if g[2] == t]
            p_t = [p for p in kept if p[2] == t]
            counts[t]["gold"] += len(g_t)
            counts[t]["pred"] += len(p_t)
            counts[t]["exact"] += _match(p_t, g_t, exact=True)
            counts[t]["overlap"] += _match(p_t, g_t, exact=False)
    out: dict[str, Any] = {}
    per_type: dict[str, dict[str, float | int]] = {}
    tot = {k: sum(c[k] for c in counts.values()) for k in counts["PER"]}
    for name, c in [*counts.items(), ("all", tot)]:
        ep, er, ef = prf(c["exact"], c["strict_pred"], c["exact"], c["gold"])
        op, orr, of = prf(c["overlap"], c["strict_pred"], c["overlap"], c["gold"])
        lp, _lr, lf = prf(c["overlap"], c["pred"], c["overlap"], c["gold"])
        _lep, _ler, lef = prf(c["exact"], c["pred"], c["exact"], c["gold"])
        row = {"gold": c["gold"], "pred": c["strict_pred"], "exact_precision": ep,
               "exact_recall": er, "exact_f1": ef, "overlap_precision": op,
               "overlap_recall": orr, "overlap_f1": of, "lenient_exact_f1": lef,
               "lenient_overlap_precision": lp, "lenient_overlap_f1": lf,
               "ignored_predictions": c["ignored"]}
        if name == "all":
            out.update(row)
        else:
            per_type[name] = row
    out["per_type"] = per_type
    return out


_PREMOD_DEPS = {"compound", "amod", "nmod", "nn"}
# Country names before a noun ("US stocks") are annotated NAM about as often as PRE.NAM in
# MEANTIME, so only organisation and person premodifiers are mapped to PRE.NAM.
_PREMOD_TYPES = {"ORG", "PER"}


def _premodifier(doc: Any, start: int, end: int) -> bool:
    """True when the name premodifies a noun outside it ("US" in "US automaker", "Apple" in
    "Apple CEO Steve Jobs"): MEANTIME calls that PRE.NAM, not a named mention."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    root = span.root
    head = root.head
    return (root.dep_ in _PREMOD_DEPS and head.i >= span.end
            and head.pos_ in {"NOUN", "PROPN"})


def _ours(doc: Any) -> list[tuple[int, int, str]]:
    from ..analyze.entities import extract_entities

    entities, _roles = extract_entities(doc)
    preds: list[tuple[int, int, str]] = []
    for e in entities:
        t = _PRED_TYPES.get(e.type)
        if t is None:
            continue
        preds.extend((m.start_char, m.end_char, t) for m in e.mentions if m.kind in _NAMED_KINDS
                     and not (t in _PREMOD_TYPES and _premodifier(doc, m.start_char, m.end_char)))
    return sorted(preds)


def _bare(doc: Any) -> list[tuple[int, int, str]]:
    return [(e.start_char, e.end_char, _PRED_TYPES[e.label_]) for e in doc.ents
            if e.label_ in _PRED_TYPES]


def _load_nlp(settings: Settings) -> Any:
    # The analyze stage's own pipeline (with its line-break sentence rule), so the benchmark
    # parses exactly as `storyline analyze` does.
    from ..analyze.pipeline import Analyzer

    return Analyzer(settings).nlp


def evaluate(data: Path, *, limit: int | None = None, settings: Settings | None = None) -> dict:
    """Score storyline's entities and bare spaCy NER on MEANTIME (English, intra-doc).

    ``data`` is the ``meantime`` folder (or its parent). Returns one flat dict: ``task``,
    ``docs``, the overall exact/overlap P/R/F1 of storyline, ``per_type`` (PER/ORG/LOC), the
    same for bare spaCy under ``bare_*`` keys, and ``seconds``.
    """
    settings = settings or Settings()
    docs = load_meantime(Path(data), limit=limit)
    nlp = _load_nlp(settings)
    began = time.perf_counter()
    ours: list[list[tuple[int, int, str]]] = []
    bare: list[list[tuple[int, int, str]]] = []
    for parsed in nlp.pipe((d.text for d in docs),
                           batch_size=getattr(settings, "analyze_batch_size", 32)):
        ours.append(_ours(parsed))
        bare.append(_bare(parsed))
    result: dict[str, Any] = {"task": "entities", "docs": len(docs)}
    result.update(score(docs, ours))
    bare_scores = score(docs, bare)
    for key in ("exact_f1", "overlap_f1", "overlap_precision", "overlap_recall",
                "lenient_overlap_f1", "lenient_exact_f1"):
        result[f"bare_{key}"] = bare_scores[key]
    result["bare_per_type"] = {t: {"exact_f1": v["exact_f1"], "overlap_f1": v["overlap_f1"]}
                               for t, v in bare_scores["per_type"].items()}
    result["model"] = settings.spacy_model
    result["seconds"] = round(time.perf_counter() - began, 2)
    return result
