"""The MEANTIME reader shared by the entity and time benchmarks: the English intra-document
annotation, its tokens joined back into article text with a character span per token."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import DataError

# Tokens written without a space before / after them when the text is rebuilt.
_NO_SPACE_BEFORE = {",", ".", ":", ";", "!", "?", ")", "]", "}", "%", "'s", "’s", "n't", "'",
                    "''", "'re", "'ve", "'ll", "'d", "'m"}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "#", "``"}


@dataclass(frozen=True)
class MeantimeText:
    """One article: its rebuilt text, each token's ``[start, end)`` and sentence id, and the
    parsed XML root (for the markables a benchmark needs)."""

    doc_id: str
    text: str
    spans: dict[str, tuple[int, int]]
    sentence_of: dict[str, int]
    root: Any

    def extent(self, anchors: Iterable[Any]) -> tuple[int, int] | None:
        """The character extent of a markable's ``token_anchor`` elements (None if empty)."""
        found = [self.spans[a.get("t_id")] for a in anchors if a.get("t_id") in self.spans]
        if not found:
            return None
        return min(s for s, _ in found), max(e for _, e in found)


def meantime_files(data: Path) -> list[Path]:
    """English MEANTIME XML files under ``data`` (the ``meantime`` folder or its parent),
    the four topic corpora interleaved so that the first N files cover every topic."""
    data = Path(data)
    if (data / "meantime").is_dir():
        data = data / "meantime"
    root = data / "intra-doc_annotation" if (data / "intra-doc_annotation").is_dir() else data
    by_corpus: dict[Path, list[Path]] = {}
    for path in sorted(root.rglob("*.xml")):
        by_corpus.setdefault(path.parent, []).append(path)
    lists = [by_corpus[k] for k in sorted(by_corpus)]
    out: list[Path] = []
    for i in range(max((len(v) for v in lists), default=0)):
        out.extend(v[i] for v in lists if i < len(v))
    if not out:
        raise DataError(f"no MEANTIME XML files under {data}; pass --data pointing at the "
                        "'meantime' folder that holds intra-doc_annotation/")
    return out


def read_meantime(path: Path) -> MeantimeText:
    """Rebuild an article from its tokens as a stored article would look: the title (sentence
    0) and the dateline (sentence 1) are paragraphs of their own, the body one paragraph."""
    from lxml import etree

    try:
        root = etree.parse(str(path)).getroot()
    except etree.XMLSyntaxError as exc:
        raise DataError(f"{path} is not valid XML ({exc}); re-download the MEANTIME corpus") \
            from None
    pieces: list[str] = []
    spans: dict[str, tuple[int, int]] = {}
    sentence_of: dict[str, int] = {}
    pos = 0
    prev_sent: int | None = None
    prev_text = ""
    for tok in root.iter("token"):
        text = tok.text or ""
        sent = int(tok.get("sentence", "0"))
        if prev_sent is None:
            sep = ""
        elif sent != prev_sent:
            sep = "\n\n" if prev_sent <= 1 else " "
        elif text in _NO_SPACE_BEFORE or prev_text in _NO_SPACE_AFTER:
            sep = ""
        else:
            sep = " "
        pieces.append(sep)
        pos += len(sep)
        spans[tok.get("t_id")] = (pos, pos + len(text))
        sentence_of[tok.get("t_id")] = sent
        pieces.append(text)
        pos += len(text)
        prev_sent, prev_text = sent, text
    return MeantimeText(root.get("doc_id", Path(path).stem), "".join(pieces), spans,
                        sentence_of, root)
