"""Story clustering benchmark on ECB+ (topics 1–25 of the dev set).

Gold story of a document: its topic number plus whether its file name ends in ``ecb.xml`` or
``ecbplus.xml`` — two different real-world events per topic, deliberately similar (two
earthquakes, two rehab check-ins).

Documents become articles the way a user would store them: the tokens of each sentence are
joined back into text, one paragraph per sentence; a first sentence that is a web address is
the article's URL and a short line after the headline that is a date is its publication time
(ECB+ keeps both in the text of its ``ecbplus`` half); otherwise the article has no
publication time. Every document goes through the real stages — stored, analyzed, linked,
assigned to a story — in a temporary database, in arrival order: the corpus order first, then
``seeds`` shuffled orders (linking and assignment redone for each). Reported: B³
precision/recall/F1 and ARI for the corpus order, and the mean, minimum and maximum B³ F1 over
the shuffled orders.
"""

from __future__ import annotations

import random
import re
import tempfile
import time
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from ..errors import DataError, SourceError
from ..models import Document
from ..settings import Settings
from .clusters import all_scores

_NO_SPACE_BEFORE = {",", ".", ":", ";", "!", "?", ")", "]", "}", "%", "'s", "n't", "'", "''",
                    "'re", "'ve", "'ll", "'d", "'m"}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "#", "``"}
_QUOTES = {"``": "\u201c", "''": "\u201d"}


def _join(tokens: list[str]) -> str:
    out = ""
    prev = ""
    for tok in tokens:
        text = _QUOTES.get(tok, tok)
        if out and tok not in _NO_SPACE_BEFORE and prev not in _NO_SPACE_AFTER:
            out += " "
        out += text
        prev = tok
    return out


def _url(sentence: str) -> str | None:
    compact = sentence.replace(" ", "")
    return compact if re.match(r"https?://", compact) else None


def _date(line: str) -> str | None:
    compact = re.sub(r"\s*([/:,.-])\s*", r"\1", line.strip())
    for fmt in ("%m/%d/%y", "%m/%d/%Y", "%B %d,%Y", "%b %d,%Y", "%d %B %Y", "%B %d %Y",
                "%Y-%m-%d"):
        head = " ".join(compact.split()[:3]) if "%B" in fmt or "%b" in fmt else \
            compact.split()[0] if compact.split() else ""
        try:
            return datetime.strptime(head, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def load(data: Path, *, limit: int | None = None) -> list[dict[str, Any]]:
    """The ECB+ documents as articles: name, gold story, title, URL, published and text."""
    from lxml import etree

    data = Path(data)
    files = sorted(data.glob("*/*.xml"), key=lambda p: (int(p.parent.name)
                                                        if p.parent.name.isdigit() else 0,
                                                        p.name))
    if not files:
        raise DataError(f"no ECB+ topic folders with XML under {data}; pass --data pointing at "
                        "the ecbplus-dev folder")
    docs = []
    for path in files[: limit or None]:
        try:
            root = etree.parse(str(path)).getroot()
        except etree.XMLSyntaxError as exc:
            raise DataError(f"{path} is not valid XML ({exc})") from None
        sentences: dict[int, list[str]] = {}
        for tok in root.iter("token"):
            sentences.setdefault(int(tok.get("sentence", "0")), []).append(tok.text or "")
        lines = [_join(sentences[k]) for k in sorted(sentences)]
        url = _url(lines[0]) if lines else None
        if url:
            lines = lines[1:]
        title = published = None
        if url and lines:
            title, lines = lines[0], lines[1:]
            if lines and len(lines[0]) < 40 and _date(lines[0]):
                published, lines = _date(lines[0]), lines[1:]
        half = "ecbplus" if path.name.endswith("ecbplus.xml") else "ecb"
        docs.append({"name": path.stem, "story": f"{path.parent.name}-{half}", "title": title,
                     "url": url, "published": published, "text": "\n\n".join(lines)})
    return docs


def as_document(d: dict[str, Any]) -> Document:
    """An ECB+ document as the plain-text ingest reads it (its headline, date line and body
    rules), with the date the loader found after the headline winning."""
    from ..ingest.text import text_document

    raw = "\n\n".join(x for x in (d["title"], d["text"]) if x)
    try:
        doc = text_document(raw, source=d["name"], via="text", url=d["url"], language="en")
    except SourceError:
        return Document(text=d["text"] or d["title"] or "", source=d["name"], via="text",
                        title=d["title"], url=d["url"], published=d["published"],
                        language="en")
    return replace(doc, published=d["published"] or doc.published)


def as_headline(d: dict[str, Any]) -> Document:
    """An ECB+ document as a headline-stream item: its headline (else its first paragraph)
    alone, with the document's date — how a headline-only feed arrives."""
    from ..ingest.text import headline_document

    full = as_document(d)
    head = full.title or full.text.split("\n\n")[0]
    return replace(headline_document(head, source=d["name"], via="json", url=d["url"],
                                     language="en"), published=full.published)


def evaluate(data: Path, *, limit: int | None = None, settings: Settings | None = None,
             seeds: int = 5, headlines: bool = False) -> dict[str, Any]:
    """Cluster ECB+ in arrival order with the real stages and score it (module docs); with
    ``headlines``, each document is only its headline (``as_headline``)."""
    from ..api import open as open_db
    from .stored import store_document

    settings = settings or Settings()
    docs = load(data, limit=limit)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        cfg = settings.with_(db=str(Path(tmp) / "stories.db"))
        with open_db(settings=cfg) as sl:
            ids = []
            for d in docs:
                ids.append(store_document(sl, as_headline(d) if headlines else as_document(d)))
            sl.analyze(ids)
            gold = {n: d["story"] for n, d in enumerate(docs)}
            unique = list(dict.fromkeys(ids))
            orders = [unique] + [random.Random(seed).sample(unique, len(unique))
                                 for seed in range(seeds)]
            runs = []
            for order in orders:
                sl.store.reset_links_and_stories()
                sl.link(order)
                sl.assign_stories(order)
                story_of = sl.store.story_of_articles(unique)
                predicted = {n: story_of[aid] for n, aid in enumerate(ids) if aid in story_of}
                runs.append(all_scores(gold, predicted))
    first = runs[0]
    shuffled = [r["bcubed_f1"] for r in runs[1:]]
    result: dict[str, Any] = {"task": "stories_headlines" if headlines else "stories",
                              "docs": len(docs), **first}
    if shuffled:
        result["shuffled"] = {"seeds": len(shuffled),
                              "bcubed_f1_mean": round(sum(shuffled) / len(shuffled), 4),
                              "bcubed_f1_min": min(shuffled), "bcubed_f1_max": max(shuffled),
                              "spread": round(max(shuffled + [first["bcubed_f1"]])
                                              - min(shuffled + [first["bcubed_f1"]]), 4)}
    result["seconds"] = round(time.perf_counter() - started, 1)
    return result


__all__ = ["evaluate", "load"]
