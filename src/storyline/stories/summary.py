"""The summary: sentences of the story's own articles, chosen for the facts most reports state,
without repeating one another (maximal marginal relevance), in the order things happened, each
citing every article that reports what it says.

1. Candidates: the sentences of the story's originals (copies only add citations) with at
   least :data:`MIN_WORDS` words, that state a development, a figure or a quote.
2. Relevance: how many reports state the sentence's facts (its best development counts
   double), how close its words are to the story's words, and a lead bonus (news puts what
   matters first).
3. Selection: repeatedly the sentence with the best ``LAMBDA × relevance − (1 − LAMBDA) ×
   similarity to a chosen sentence``, until ``size`` are chosen; a sentence whose main
   development is a chosen sentence's is not chosen.
4. Order: by the date of the sentence's development (else its article's day), then article.
5. Citations: the sentence's article, the articles that report its main development (the
   first it states) or its quote, and those with a sentence of nearly the same words
   (:data:`ECHO`).

With ``only`` (the facts first reported after a date), the candidates are the sentences that
state one of those facts and whose main development (if any) is one of them: "what's new
since".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence

from ..models import Fact, Statement, SummarySentence
from . import wording as W
from .facts import Meta, _family, start_day
from .timeline import is_development

LAMBDA = 0.7
MIN_WORDS = 6
ECHO = 0.6
LEAD_SENTENCES = 2


def summarize(facts: Sequence[Fact], meta: Mapping[int, Meta], size: int, *,
              only: Collection[int] | None = None) -> list[SummarySentence]:
    """Up to ``size`` sentences (see the module docstring)."""
    if size <= 0:
        return []
    sentences: dict[tuple[int, int], dict[str, object]] = {}
    for f in facts:
        if f.kind not in {"action", "number", "quote"}:
            continue
        if f.kind == "action" and not is_development(f):
            continue
        support = len({min(_family(a, meta)) for a in f.article_ids})
        for s in f.statements:
            if s.sentence is None or s.kind == "date":
                continue
            row = sentences.setdefault((s.article_id, s.sentence), {
                "statement": s, "facts": set(), "support": 0.0, "dev": None})
            row["facts"].add(f.id)  # type: ignore[attr-defined]
            weight = support * (2 if f.kind == "action" else 1)
            row["support"] = float(row["support"]) + weight  # type: ignore[arg-type]
            # the sentence's main development is the one it states first
            if f.kind == "action" and (row["dev"] is None or s.start_char < row["dev"][0]):  # type: ignore[index]
                row["dev"] = (s.start_char, f)
    # copies add citations but are not quoted
    candidates = {k: v for k, v in sentences.items()
                  if (meta.get(k[0]) is None or meta[k[0]].duplicate_of is None)
                  and len(str(_stmt(v).sentence_text).split()) >= MIN_WORDS}
    if only is not None:
        # a sentence is new when what it mainly reports is: background that a new sentence
        # repeats ("the crew were detained on March 1") stays out
        candidates = {k: v for k, v in candidates.items()
                      if set(v["facts"]) & set(only)  # type: ignore[call-overload]
                      and (not isinstance(v["dev"], tuple) or v["dev"][1].id in only)}
    if not candidates:
        return []
    vectors = {k: W.vector(_stmt(v).sentence_text) for k, v in candidates.items()}
    centroid: Counter[str] = Counter()
    for vec in vectors.values():
        centroid.update(vec)
    top = max(float(v["support"]) for v in candidates.values()) or 1.0  # type: ignore[arg-type]
    relevance = {}
    for k, v in candidates.items():
        lead = 1.0 if (_stmt(v).sentence or 0) < LEAD_SENTENCES else 0.0
        relevance[k] = (0.55 * float(v["support"]) / top  # type: ignore[arg-type]
                        + 0.3 * W.cosine(vectors[k], centroid) + 0.15 * lead)
    # two sentences whose main development is the same fact say the same thing, however
    # differently worded ("Marren signed the accord", "Kestria and Valdoria signed the deal"):
    # only the first chosen is kept
    main = {k: (v["dev"][1].id if isinstance(v["dev"], tuple) else None)  # type: ignore[attr-defined]
            for k, v in candidates.items()}
    chosen: list[tuple[int, int]] = []
    while len(chosen) < size and len(chosen) < len(candidates):
        best, best_score = None, -1e9
        for k in candidates:
            if k in chosen:
                continue
            if main[k] is not None and any(main[k] == main[c] for c in chosen):
                continue
            redundancy = max((W.cosine(vectors[k], vectors[c]) for c in chosen), default=0.0)
            score = LAMBDA * relevance[k] - (1 - LAMBDA) * redundancy
            if score > best_score:
                best, best_score = k, score
        if best is None:
            break
        chosen.append(best)
    by_id = {f.id: f for f in facts}
    out = []
    for k in chosen:
        v = candidates[k]
        s = _stmt(v)
        cites = {s.article_id}
        dev = v["dev"]
        if dev is not None:
            cites.update(dev[1].article_ids)  # type: ignore[index]
        for fid in v["facts"]:  # type: ignore[attr-defined]
            if by_id[fid].kind == "quote":  # the same words, quoted by other reports
                cites.update(by_id[fid].article_ids)
        for other, sv in sentences.items():
            if other[0] not in cites and W.cosine(vectors[k], W.vector(
                    _stmt(sv).sentence_text)) >= ECHO:
                cites.add(other[0])
        dev_fact = dev[1] if isinstance(dev, tuple) else None
        when = dev_fact.date if dev_fact is not None and dev_fact.dated_by == "time_expr" \
            else (meta[s.article_id].day if s.article_id in meta else None)
        start, end = _sentence_span(s)
        out.append(SummarySentence(
            article_id=s.article_id, sentence=s.sentence, start_char=start, end_char=end,
            text=s.sentence_text, article_ids=tuple(sorted(cites, key=lambda a: (
                meta[a].day or "9999" if a in meta else "9999", a))),
            date=when, fact_ids=tuple(sorted(v["facts"]))))  # type: ignore[call-overload]
    out.sort(key=lambda x: (start_day(x.date), x.article_id, x.sentence or 0))
    return out


def _stmt(row: Mapping[str, object]) -> Statement:
    s = row["statement"]
    assert isinstance(s, Statement)
    return s


def _sentence_span(s: Statement) -> tuple[int, int]:
    start = s.sentence_start_char if s.sentence_start_char is not None else s.start_char
    return start, start + len(s.sentence_text)
