"""What a per-article analysis component is: a declared, versioned callable.

A component is one module that builds a :class:`Component` (name, version, what it requires,
what record kinds it assigns, which rule data files it reads) around a function from
:class:`Inputs` to records. :mod:`.registry` lists the components in one place; the pipeline,
the store (tables), the JSON form and the text rendering all follow from the declarations.

    >>> from storyline.analyze.component import Component, Inputs
    >>> from storyline.models import RecordKind
    >>> def count_words(inputs: Inputs) -> dict[str, list[WordCount]]:
    ...     return {"word_counts": [WordCount(len(inputs.text.split()))]}
    >>> COMPONENT = Component("word_counts", "1", count_words, needs_doc=False,
    ...                       assigns=(RecordKind("word_counts", WordCount),))
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from ..errors import StorylineError
from ..models import RecordKind, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..settings import Settings


class ComponentError(StorylineError):
    """A component declaration is inconsistent (unknown requirement, cycle, two owners)."""


@dataclass(frozen=True)
class Inputs:
    """What a component sees of one article.

    ``doc`` is the spaCy parse (None for components declared with ``needs_doc=False``);
    ``records`` holds the records of every component that ran (or was loaded) before this one,
    by kind. ``sentence_of(char)`` and ``paragraph_of(char)`` give the indexes the pipeline
    also fills into records that leave ``sentence``/``paragraph`` unset.
    """

    text: str
    published: str | None = None
    language: str | None = None
    article_id: int | None = None
    doc: Doc | None = None
    records: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)
    settings: Settings | None = None
    title: str | None = None
    #: ``[start, end)`` of section headings (labels, not sentences) in ``text``.
    headings: tuple[tuple[int, int], ...] = ()

    def __getitem__(self, kind: str) -> tuple[Any, ...]:
        return tuple(self.records.get(kind, ()))

    @property
    def as_of(self) -> str | None:
        """The publication date (``YYYY-MM-DD``, or as much of it as is known)."""
        if not self.published:
            return None
        m = re.match(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", str(self.published).strip())
        return m.group(0) if m else None

    @cached_property
    def sentence_spans(self) -> list[tuple[int, int]]:
        """``(start_char, end_char)`` of each sentence, blank ones left out, without the
        whitespace around it: sentence ``i`` of every record is ``sentence_spans[i]``."""
        if self.doc is None:
            sents: Sequence[Sentence] = self.records.get("sentences", ())
            return [(s.start_char, s.end_char) for s in sents]
        out = []
        for sent in self.doc.sents:
            text = sent.text
            stripped = text.strip()
            if stripped:
                lead = len(text) - len(text.lstrip())
                out.append((sent.start_char + lead, sent.start_char + lead + len(stripped)))
        return out

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [start for start, _end in self.sentence_spans]

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return paragraph_starts(self.text)

    def sentence_of(self, char: int) -> int | None:
        starts = self._sentence_starts
        if not starts:
            return None
        return max(0, bisect_right(starts, char) - 1)

    def paragraph_of(self, char: int) -> int:
        return max(0, bisect_right(self._paragraph_starts, char) - 1)


def paragraph_starts(text: str) -> list[int]:
    """Offsets where paragraphs start: stored text separates paragraphs by one blank line."""
    starts = [0]
    pos = text.find("\n\n")
    while pos != -1:
        starts.append(pos + 2)
        pos = text.find("\n\n", pos + 2)
    return starts


ComponentFunc = Callable[[Inputs], Mapping[str, Sequence[Any]]]


@dataclass(frozen=True)
class Component:
    """A per-article analysis step.

    - ``name``: unique; what ``requires`` of other components names.
    - ``version``: bump it whenever a change alters the records it returns; stored records of
      another version are stale and re-made (with those of every component requiring it).
    - ``func(inputs) -> {kind: [records]}`` for each kind in ``assigns``.
    - ``requires``: names of components whose records it reads (``inputs.records``).
    - ``data``: rule data files it reads (see :mod:`.lexicon`); editing one makes it stale.
    - ``needs_doc``: False when it works on text and earlier records alone (no parse).
    """

    name: str
    version: str
    func: ComponentFunc
    requires: tuple[str, ...] = ()
    assigns: tuple[RecordKind, ...] = ()
    data: tuple[str, ...] = ()
    needs_doc: bool = True

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(k.name for k in self.assigns)


def ordered(components: Iterable[Component]) -> tuple[Component, ...]:
    """The components in an order where each comes after what it requires (stable otherwise).

    Raises :class:`ComponentError` for a duplicate name or record kind, an unknown requirement
    or a cycle, naming the component to fix.
    """
    given = list(components)
    by_name: dict[str, Component] = {}
    owner: dict[str, str] = {}
    for c in given:
        if c.name in by_name:
            raise ComponentError(f"two components are named {c.name!r}; rename one")
        by_name[c.name] = c
        for kind in c.kinds:
            if kind in owner:
                raise ComponentError(f"record kind {kind!r} is assigned by both {owner[kind]!r} "
                                     f"and {c.name!r}; a kind has one owner")
            owner[kind] = c.name
    for c in given:
        for dep in c.requires:
            if dep not in by_name:
                raise ComponentError(
                    f"component {c.name!r} requires {dep!r}, which is not registered; add it "
                    f"to the components or drop the requirement (known: {', '.join(by_name)})")
    out: list[Component] = []
    done: set[str] = set()
    visiting: set[str] = set()

    def visit(c: Component) -> None:
        if c.name in done:
            return
        if c.name in visiting:
            raise ComponentError(f"components form a cycle through {c.name!r}")
        visiting.add(c.name)
        for dep in c.requires:
            visit(by_name[dep])
        visiting.discard(c.name)
        done.add(c.name)
        out.append(c)

    for c in given:
        visit(c)
    return tuple(out)


def dependents(components: Sequence[Component], names: Iterable[str]) -> set[str]:
    """``names`` plus every component that requires one of them, directly or not."""
    out = set(names)
    changed = True
    while changed:
        changed = False
        for c in components:
            if c.name not in out and any(dep in out for dep in c.requires):
                out.add(c.name)
                changed = True
    return out


def fingerprints(components: Sequence[Component], own_versions: Mapping[str, str]
                 ) -> dict[str, str]:
    """A short hash per component of its own version string and those of its requirements:
    equal fingerprints mean stored records are current."""
    out: dict[str, str] = {}
    for c in ordered(components):
        parts = [own_versions[c.name], *sorted(out[d] for d in c.requires)]
        out[c.name] = hashlib.sha1("|".join(parts).encode()).hexdigest()[:12]
    return out


__all__ = ["Component", "ComponentError", "ComponentFunc", "Inputs", "dependents",
           "fingerprints", "ordered", "paragraph_starts"]
