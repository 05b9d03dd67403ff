"""Where quoted text is: double quote marks (straight or curly) paired paragraph by paragraph.

A paragraph that opens a quote and never closes it continues into the next one (news
convention): its part is a :class:`Segment` with ``closed=False``. Quotes use the segments as
direct quotes; coreference uses :func:`coverage` to tell the article's prose from the words it
quotes (a name inside someone's quote is not who "he said" refers to).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

_OPENERS = "\u201c"
_CLOSERS = "\u201d"


@dataclass
class Segment:
    """A run of text between double quote marks, within one paragraph."""

    open_at: int  # index of the opening mark
    start_char: int  # first character of the content
    end_char: int  # one past the last character of the content
    closed: bool  # False when the paragraph ends before the closing mark
    cue: Token | None = None
    side: str | None = None  # "after" (cue follows the quote) | "before"


def pair_marks(text: str) -> list[Segment]:
    """Pair double quote marks paragraph by paragraph."""
    segments: list[Segment] = []
    pos = 0
    for line in text.split("\n"):
        open_at: int | None = None
        for k, ch in enumerate(line):
            at = pos + k
            if ch == '"':
                if open_at is None:
                    open_at = at
                else:
                    segments.append(Segment(open_at, open_at + 1, at, True))
                    open_at = None
            elif ch in _OPENERS:
                if open_at is not None:
                    # a second opener before any closer: the first quote was never closed
                    segments.append(Segment(open_at, open_at + 1, _rstrip(text, open_at, at),
                                             False))
                open_at = at
            elif ch in _CLOSERS and open_at is not None:
                segments.append(Segment(open_at, open_at + 1, at, True))
                open_at = None
        if open_at is not None:
            end = _rstrip(text, open_at + 1, pos + len(line))
            if end - open_at > 1:
                segments.append(Segment(open_at, open_at + 1, end, False))
        pos += len(line) + 1
    return [s for s in segments if s.end_char > s.start_char]


def balanced_end(text: str, start: int, end: int) -> int:
    """End of a reported span that stops inside a quoted phrase (``said the talks were "a
    first step".``), moved past the phrase's closing mark (and the punctuation just before
    it) so that the quoted words stay balanced."""
    span = text[start:end]
    straight = span.count('"') % 2 == 1
    curly = span.count(_OPENERS) > span.count(_CLOSERS)
    if not (straight or curly):
        return end
    k = end
    while k < len(text) and k - end < 3 and text[k] in ",.!?":
        k += 1
    if k < len(text) and (text[k] == '"' and straight or text[k] in _CLOSERS and curly):
        return k + 1
    return end


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def coverage(length: int, segments: Sequence[Segment]) -> bytearray:
    mask = bytearray(length)
    for seg in segments:
        mask[seg.open_at:seg.end_char + 1] = b"\x01" * (min(length, seg.end_char + 1) - seg.open_at)
    return mask


def quoted_mask(text: str) -> bytearray:
    """One byte per character of ``text``: 1 inside (or on) a pair of quote marks."""
    return coverage(len(text), pair_marks(text))


__all__ = ["Segment", "balanced_end", "coverage", "pair_marks", "quoted_mask"]
