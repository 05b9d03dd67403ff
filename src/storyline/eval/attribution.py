"""Quote attribution scored on PolNeAR (``polnear/``: US election news of 2016 with brat
Source / Cue / Content attributions), a second benchmark beside the GGT set quotes were tuned on.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ..errors import DataError
from ..models import Analysis, Quote
from ..settings import Settings
from .quotes import THRESHOLDS, match, overlapping_pairs, same_speaker
from .scoring import threshold_scores

SPLITS = ("dev", "train")
DEFAULT_SPLIT = "dev"
METADATA = "metadata.tsv"

Span = tuple[int, int]

_TEXT_BOUND = re.compile(r"T\d+\t")
_EVENT = re.compile(r"E\d+\t")

# a speaker mention that only modifies the gold Source ("Ames's aide", "a spokesman for
# Ames") names someone else, so overlap alone would be too lenient
_BEFORE_MODIFIED = re.compile(r"\b(?:of|for|from|at|with|to|by|in|on)\s*$", re.IGNORECASE)
_POSSESSIVE_AFTER = re.compile(r"^\s*(?:'s?|\u2019s?)(?:\s|$)")
# a gold Source that is a relative pronoun ("Ames, who said") stands for the phrase before it
_RELATIVE = frozenset({"who", "which", "whom"})
# a gold Source that is only a reporting word ("said") with a name as its Cue: the two labels
# were swapped by the annotator (6 of 2,066 sourced items on dev, 11 of 18,360 on train)
_CUE_WORDS = frozenset({"said", "says", "say", "told", "tells", "added", "adds", "wrote",
                        "writes", "according to"})


def evaluate(data: Path, *, limit: int | None = None, settings: Settings | None = None) -> dict:
    """Score quote extraction against PolNeAR attributions.

    ``data`` is the ``polnear`` folder (scores the dev split) or one split folder
    (``polnear/train``). Every Attribution event with a Content span is one gold item; its
    span is the extent of its Content fragments (first start to last end), so a quote split by
    "he said" is one item, as our quotes are. Nested attributions are separate gold items.
    Predicted quotes match gold one-to-one when the overlap is at least 0.3 / 0.8 of the longer
    span (:func:`storyline.eval.quotes.match`). On the pairs matched at 0.3:

    - ``source_accuracy`` (pairs whose gold has a Source): see :func:`source_matches`;
      ``source_name_accuracy`` counts its name rule alone (PolNeAR marks the Source mention,
      often a pronoun or a description, and resolves no coreference);
    - ``cue_accuracy`` (pairs whose gold has a Cue): see :func:`cue_matches`.
    """
    settings = settings or Settings()
    articles = list(load(data, limit=limit))
    predictions = _predict(articles, settings)
    return score(articles, predictions)


def score(articles: Sequence[dict], analyses: Sequence[Analysis]) -> dict[str, Any]:
    """The metrics dict for gold ``articles`` (as :func:`load` yields) and their analyses."""
    gold_n = pred_n = 0
    matched = {t: 0 for t in THRESHOLDS}
    source_ok = source_n = name_ok = cue_ok = cue_n = overlapping = 0
    for article, analysis in zip(articles, analyses, strict=True):
        gold = article["attributions"]
        quotes = list(analysis.quotes)
        gold_n += len(gold)
        pred_n += len(quotes)
        overlapping += overlapping_pairs(quotes)
        for t in THRESHOLDS:
            pairs = match(gold, quotes, t)
            matched[t] += len(pairs)
            if t != THRESHOLDS[0]:
                continue
            for gi, pi in pairs:
                g, p = gold[gi], quotes[pi]
                if g["source"]:
                    source_n += 1
                    source_ok += source_matches(p, g, article["text"], analysis)
                    name_ok += _named(p, _unswapped(g, article["text"]), article["text"])
                if g["cue"]:
                    cue_n += 1
                    cue_ok += cue_matches(p, g, article["text"])
    out: dict[str, Any] = {"task": "attribution", "articles": len(articles), "gold": gold_n,
                           "predicted": pred_n}
    out.update(threshold_scores({t: matched[t] for t in THRESHOLDS}, pred_n, gold_n))
    out["source_accuracy"] = round(source_ok / source_n, 4) if source_n else 0.0
    out["source_name_accuracy"] = round(name_ok / source_n, 4) if source_n else 0.0
    out["cue_accuracy"] = round(cue_ok / cue_n, 4) if cue_n else 0.0
    out["source_pairs"] = source_n
    out["cue_pairs"] = cue_n
    out["overlapping_pairs"] = overlapping
    return out


def source_matches(quote: Quote, gold: dict, text: str, analysis: Analysis) -> bool:
    """Whether the predicted speaker of ``quote`` is the gold Source.

    Rule, either of:

    1. the speaker's name matches the gold Source text by
       :func:`storyline.eval.quotes.same_speaker` (titles, "the", accents and possessives
       ignored; a surname matches its full name; a pronoun Source never matches by name);
    2. the predicted speaker span, or a mention of the speaker's entity, overlaps a gold
       Source fragment *as its head*: not as a possessive ("Ames's aide") nor after a
       preposition ("a spokesman for Ames") inside the gold span. This is how a resolved
       pronoun ("he" → Dana Ames) or a long description counts.

    A relative pronoun Source (``Ames, who said``) is matched like a personal pronoun: by a
    speaker mention that ends right before it, which is the phrase the pronoun stands for. A
    Source that is only a reporting word (``said``) whose Cue is the name is an annotation with
    the two labels swapped, and is scored with the labels put right.

    A quote with no speaker is never right: every scored pair has a gold Source.
    """
    gold = _unswapped(gold, text)
    if _named(quote, gold, text):
        return True
    if quote.speaker is None:
        return False
    spans: list[Span] = []
    if quote.speaker_start_char is not None and quote.speaker_end_char is not None:
        spans.append((quote.speaker_start_char, quote.speaker_end_char))
    if quote.speaker_id is not None:
        for entity in analysis.entities:
            if entity.id == quote.speaker_id:
                spans.extend((m.start_char, m.end_char) for m in entity.mentions)
    return any(_heads(span, frag, text) or _antecedent(span, frag, text)
               for span in spans for frag in gold["source"])


def _unswapped(gold: dict, text: str) -> dict:
    """``gold`` with its Source and Cue put right when the annotator swapped them."""
    source = " ".join(text[s:e] for s, e in gold.get("source", ())).strip().lower()
    cue = " ".join(text[s:e] for s, e in gold.get("cue", ())).strip().lower()
    if source in _CUE_WORDS and cue and cue not in _CUE_WORDS:
        return {**gold, "source": gold["cue"], "cue": gold["source"]}
    return gold


def _antecedent(mention: Span, gold: Span, text: str) -> bool:
    """Whether ``mention`` ends right before a relative pronoun Source (``Ames, who``)."""
    if text[gold[0]:gold[1]].strip().lower() not in _RELATIVE:
        return False
    return mention[1] <= gold[0] and not text[mention[1]:gold[0]].strip(" ,\u2014\u2013-")


def cue_matches(quote: Quote, gold: dict, text: str) -> bool:
    """Whether the predicted cue is the gold Cue: its span overlaps a gold Cue fragment.
    A quote without a cue span (a continued quote) is wrong. Swapped Source and Cue labels
    are put right first (see :func:`source_matches`)."""
    gold = _unswapped(gold, text)
    if quote.cue_start_char is None or quote.cue_end_char is None:
        return False
    return any(_overlaps((quote.cue_start_char, quote.cue_end_char), c) for c in gold["cue"])


def load(data: Path, *, limit: int | None = None) -> Iterator[dict]:
    """The split's annotated articles in file-name order.

    Each is ``{"name", "text", "published", "outlet", "annotator", "attributions"}``; an
    attribution is ``{"id", "quote_span", "content", "source", "cue"}`` with lists of
    ``(start, end)`` fragments (``source`` empty for Attribution-no-source). Articles that
    several annotators labelled use the annotator whose id sorts first, so the gold is fixed.
    """
    folder, metadata = _resolve(Path(data))
    meta = _metadata(metadata)
    chosen: dict[str, Path] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        chosen.setdefault(name, ann)
    n = 0
    for name, ann in sorted(chosen.items()):
        if limit is not None and n >= limit:
            return
        text_path = folder / "text" / f"{name}.txt"
        if not text_path.exists():
            raise DataError(f"{ann} has no text file {text_path}; is the PolNeAR folder "
                            f"complete?")
        text = text_path.read_text(encoding="utf-8")
        row = meta.get(name, {})
        n += 1
        yield {"name": name, "text": text,
               "published": _none(row.get("publication_date")),
               "outlet": _none(row.get("publisher")),
               "annotator": ann.stem.rsplit("_", 1)[1],
               "attributions": parse_ann(ann.read_text(encoding="utf-8"), source=str(ann))}


def parse_ann(content: str, *, source: str = "<ann>") -> list[dict]:
    """Attributions from brat standoff text: every event with a Content, in file order."""
    spans: dict[str, list[Span]] = {}
    events: list[tuple[str, dict[str, list[str]]]] = []
    for lineno, line in enumerate(content.splitlines(), 1):
        # a span text may hold newlines, so its continuation lines start with anything
        if _TEXT_BOUND.match(line):
            parts = line.split("\t")
            try:
                _, offsets = parts[1].split(" ", 1)
                spans[parts[0]] = [(int(a), int(b)) for a, b in
                                   (frag.split() for frag in offsets.split(";"))]
            except (IndexError, ValueError):
                raise DataError(f"{source}:{lineno} is not a brat text-bound line "
                                f"('T1<TAB>Type start end<TAB>text'); is this a PolNeAR "
                                f".ann file?") from None
        elif _EVENT.match(line):
            parts = line.split("\t")
            roles: dict[str, list[str]] = {}
            for arg in (parts[1].split() if len(parts) > 1 else [])[1:]:
                role, _, ref = arg.partition(":")
                # Content2 / Source2: more fragments of the same role
                roles.setdefault(role.rstrip("0123456789"), []).append(ref)
            events.append((parts[0], roles))
    out = []
    for eid, roles in events:
        said = _frags(roles.get("Content", ()), spans, source, eid)
        if not said:
            continue
        out.append({"id": eid,
                    "quote_span": (min(s for s, _ in said), max(e for _, e in said)),
                    "content": said,
                    "source": _frags(roles.get("Source", ()), spans, source, eid),
                    "cue": _frags(roles.get("Cue", ()), spans, source, eid)})
    return out


def _named(quote: Quote, gold: dict, text: str) -> bool:
    """Rule 1 of :func:`source_matches` alone: the speaker's name matches the Source text."""
    if quote.speaker is None:
        return False
    return same_speaker(quote.speaker, None, " ".join(text[s:e] for s, e in gold["source"]))


def _frags(refs: Sequence[str], spans: dict[str, list[Span]], source: str,
           eid: str) -> list[Span]:
    out: list[Span] = []
    for ref in refs:
        if ref not in spans:
            raise DataError(f"{source}: event {eid} refers to {ref}, which the file does not "
                            f"define; the annotation file looks truncated")
        out.extend(spans[ref])
    return sorted(out)


def _resolve(data: Path) -> tuple[Path, Path]:
    """The split folder and the metadata file for ``data`` (polnear/ or polnear/<split>)."""
    if (data / "attributions").is_dir() and (data / "text").is_dir():
        return data, data.parent / METADATA
    if (data / DEFAULT_SPLIT / "attributions").is_dir():
        return data / DEFAULT_SPLIT, data / METADATA
    raise DataError(f"{data} is not a PolNeAR folder; pass --data pointing at polnear/ (scores "
                    f"{DEFAULT_SPLIT}) or at one split, e.g. polnear/train (each split holds "
                    f"text/ and attributions/)")


def _metadata(path: Path) -> dict[str, dict[str, str]]:
    # dates only anchor relative times, so a missing metadata file is not fatal
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as fh:
        return {row["filename"]: row for row in csv.DictReader(fh, delimiter="\t")
                if row.get("filename")}


def _none(value: str | None) -> str | None:
    return None if value in (None, "", "None") else value


def _overlaps(a: Span, b: Span) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


def _heads(mention: Span, gold: Span, text: str) -> bool:
    if not _overlaps(mention, gold):
        return False
    before = text[gold[0]:max(gold[0], mention[0])]
    after = text[min(mention[1], gold[1]):gold[1]]
    return not _BEFORE_MODIFIED.search(before) and not _POSSESSIVE_AFTER.match(after)


def _predict(articles: Sequence[dict], settings: Settings) -> list[Analysis]:
    """Run the real analyze path on each article's text with its publication date."""
    from ..analyze.pipeline import Analyzer  # lazy: the scorers above need no spaCy

    analyzer = Analyzer(settings)
    items = ((None, a["text"], a["published"], None) for a in articles)
    return list(analyzer.analyze_many(items))
