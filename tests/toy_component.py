"""A whole analysis component in one file, as docs/analysis.md shows: a record, its kind and
the component. Added with the `extra_components` setting (`toy_component:COMPONENT`)."""

from __future__ import annotations

from dataclasses import dataclass

from storyline.analyze.component import Component, Inputs
from storyline.models import RecordKind


@dataclass(frozen=True)
class Exclamation:
    """A sentence that ends in "!"."""

    sentence: int
    start_char: int
    end_char: int


def find_exclamations(inputs: Inputs) -> dict[str, list[Exclamation]]:
    return {"exclamations": [
        Exclamation(s.index, s.start_char, s.end_char) for s in inputs["sentences"]
        if inputs.text[s.start_char:s.end_char].rstrip("\"”’').").endswith("!")]}


COMPONENT = Component("exclamations", "1", find_exclamations, requires=("sentences",),
                      needs_doc=False,
                      assigns=(RecordKind("exclamations", Exclamation, title="Exclamations"),))
