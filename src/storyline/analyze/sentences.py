"""Sentences: the article's sentences as the parse splits them, with their paragraph.

Every other record points into these by index (``sentence``), so a fact can be shown with the
sentence it came from.
"""

from __future__ import annotations

from ..models import RecordKind, Sentence
from ..render import sentence_lines
from .component import Component, Inputs

VERSION = "1"


def split_sentences(inputs: Inputs) -> list[Sentence]:
    """One :class:`Sentence` per sentence of ``inputs.doc``; whitespace-only ones are left out
    (the line-break rule makes blank lines their own "sentences")."""
    return [Sentence(i, start, end, inputs.paragraph_of(start))
            for i, (start, end) in enumerate(inputs.sentence_spans)]


def _run(inputs: Inputs) -> dict[str, list[Sentence]]:
    return {"sentences": split_sentences(inputs)}


SENTENCES = RecordKind("sentences", Sentence, title="Sentences", render=sentence_lines)
COMPONENT = Component("sentences", VERSION, _run, assigns=(SENTENCES,))

__all__ = ["COMPONENT", "SENTENCES", "VERSION", "split_sentences"]
