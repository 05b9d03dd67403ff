"""Quote extraction and speaker attribution scored on the GGT quote benchmark
(``quotes-ggt/ggt_quotes.jsonl``: Canadian news articles with annotated quotes)."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ..errors import DataError
from ..models import Quote
from ..settings import Settings
from .scoring import threshold_scores

FILE_NAME = "ggt_quotes.jsonl"
THRESHOLDS = (0.3, 0.8)
_TITLES = re.compile(
    r"^(?:(?:mr|mrs|ms|miss|dr|sen|rep|gov|prof|rev|sir|gen|premier|mayor|president|"
    r"minister|chief|the)\.?\s+)+")


def evaluate(data: Path, *, limit: int | None = None, settings: Settings | None = None) -> dict:
    """Score quote extraction on ``data`` (the ``quotes-ggt`` folder or the JSONL file).

    A predicted quote matches a gold one when their spans overlap by at least the threshold
    share of the longer span (0.3 and 0.8); matching is one-to-one, best overlap first. Gold
    quotes without a span cannot be matched and are left out of every count. Speaker and verb
    accuracy are measured on the pairs matched at 0.3 (see :func:`same_speaker`; verb accuracy
    only over gold quotes that have a verb, comparing surface forms case-insensitively).
    """
    settings = settings or Settings()
    articles = list(load(data, limit=limit))
    gold_n = pred_n = 0
    matched = {t: 0 for t in THRESHOLDS}
    speaker_ok = speaker_n = verb_ok = verb_n = 0
    direct_gold = direct_hit = overlapping = 0
    for article, quotes in zip(articles, _predict(articles, settings), strict=True):
        gold = [q for q in article["quotes"] if q.get("quote_span")]
        gold_n += len(gold)
        pred_n += len(quotes)
        overlapping += overlapping_pairs(quotes)
        for t in THRESHOLDS:
            pairs = match(gold, quotes, t)
            matched[t] += len(pairs)
            if t != THRESHOLDS[0]:
                continue
            hit = {g for g, _ in pairs}
            for gi, g in enumerate(gold):
                if _is_direct(article["text"], g):
                    direct_gold += 1
                    direct_hit += gi in hit
            for gi, pi in pairs:
                g, p = gold[gi], quotes[pi]
                speaker_n += 1
                speaker_ok += same_speaker(p.speaker, g.get("reference"), g.get("speaker"))
                if g.get("verb"):
                    verb_n += 1
                    verb_ok += (p.cue or "").lower() == g["verb"].lower()
    out: dict[str, Any] = {"task": "quotes", "articles": len(articles), "gold": gold_n,
                           "predicted": pred_n}
    out.update(threshold_scores({t: matched[t] for t in THRESHOLDS}, pred_n, gold_n))
    out["speaker_accuracy"] = round(speaker_ok / speaker_n, 4) if speaker_n else 0.0
    out["verb_accuracy"] = round(verb_ok / verb_n, 4) if verb_n else 0.0
    out["direct_recall_0.3"] = round(direct_hit / direct_gold, 4) if direct_gold else 0.0
    out["overlapping_pairs"] = overlapping
    return out


def overlapping_pairs(quotes: Sequence[Quote]) -> int:
    """Pairs of quotes of one article whose spans share a character: the same words listed
    twice, or a reporting sentence listed as the words it reports. Zero is the goal."""
    spans = sorted((q.start_char, q.end_char) for q in quotes)
    return sum(1 for i, (_, end) in enumerate(spans) for start, _ in spans[i + 1:] if start < end)


def load(data: Path, *, limit: int | None = None) -> Iterator[dict]:
    """The benchmark's articles (``text`` and ``quotes``), in file order."""
    path = Path(data)
    if path.is_dir():
        path = path / FILE_NAME
    if not path.exists():
        raise DataError(f"{path} not found; pass --data pointing at the quotes-ggt folder "
                        f"(it holds {FILE_NAME})")
    with path.open(encoding="utf-8") as fh:
        n = 0
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            if limit is not None and n >= limit:
                return
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DataError(f"{path}:{lineno} is not valid JSON ({exc}); is this the "
                                f"GGT quotes file?") from None
            if "text" not in row or "quotes" not in row:
                raise DataError(f"{path}:{lineno} has no 'text'/'quotes' fields; is this the "
                                f"GGT quotes file?")
            n += 1
            yield row


def match(gold: Sequence[dict], predicted: Sequence[Quote], threshold: float
          ) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs whose overlap / longer span ≥ threshold."""
    candidates = []
    for gi, g in enumerate(gold):
        gs, ge = g["quote_span"]
        for pi, p in enumerate(predicted):
            inter = min(ge, p.end_char) - max(gs, p.start_char)
            if inter <= 0:
                continue
            score = inter / max(ge - gs, p.end_char - p.start_char)
            if score >= threshold:
                candidates.append((score, gi, pi))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in candidates:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    return pairs


def same_speaker(predicted: str | None, reference: str | None, surface: str | None) -> bool:
    """Whether a predicted speaker name names the gold speaker.

    Rule: names are compared after lower-casing, stripping accents, honorifics/titles, a
    leading "the" and a possessive. Correct when equal to the gold ``reference`` (full name) or
    the gold ``speaker`` surface; or when one is the family name of the other (its last words)
    — "Trudeau" ~ "Justin Trudeau", "Al Hashish" ~ "Fouzia Al Hashish", but "Pierre Trudeau" ≠
    "Justin Trudeau". A pronoun surface ("he", "it") is never enough: the prediction must name the
    gold reference. When the gold names no speaker at all, only a prediction with no speaker
    counts.
    """
    # a pronoun surface ("he", "it") names nobody: only its resolved reference can match
    golds = [n for n in (reference, surface) if n and (n is reference or not _is_pronoun(n))]
    if not golds:
        return predicted is None
    if predicted is None:
        return False
    p = _norm(predicted)
    if p in {_norm(g) for g in golds}:
        return bool(p)
    # the surname rule only against the full name, so "Ida Falk" never passes for "Falk"
    g = _norm(reference or surface or "")
    if p and g:
        pw, gw = p.split(), g.split()
        short, full = sorted((pw, gw), key=len)
        if len(short) < len(full) and full[-len(short):] == short:
            return True
    return False


_PRONOUNS = frozenset({"i", "we", "you", "he", "she", "it", "they", "him", "her", "them",
                       "us", "me"})


def _is_pronoun(name: str) -> bool:
    return _norm(name) in _PRONOUNS


def _norm(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"(?:'s|\u2019s)\b", "", text)
    text = re.sub(r"[^\w\s-]", " ", text)
    text = " ".join(text.split())
    return _TITLES.sub("", text).strip()


def _is_direct(text: str, gold: dict) -> bool:
    s, _ = gold["quote_span"]
    return text[s:s + 1] in {'"', "\u201c"}


def _predict(articles: Sequence[dict], settings: Settings) -> Iterator[list[Quote]]:
    """Run the real analyze path on each article's text and yield its quotes."""
    from ..analyze.pipeline import Analyzer  # lazy: the scorers above need no spaCy

    analyzer = Analyzer(settings)
    items = ((None, a["text"], None, None) for a in articles)
    for analysis in analyzer.analyze_many(items):
        yield list(analysis.quotes)
