"""Typed records shared by every stage: what ingest produces and what analyze attaches.

Every span is ``[start, end)`` in characters of ``Article.text`` (the stored, normalised text).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


def to_dict(record: Any) -> dict[str, Any]:
    """Plain-JSON form of any record in this module (tuples become lists)."""
    return asdict(record)


@dataclass(frozen=True)
class Document:
    """A cleaned article as extraction produced it, before it is stored.

    ``source`` says where it came from (file path, URL, ``file.jsonl:12``); ``via`` says how
    (``text``, ``html``, ``json``, ``feed-page``, ``feed-content``, ``url``).
    """

    text: str
    source: str
    via: str
    title: str | None = None
    dek: str | None = None
    author: str | None = None
    published: str | None = None  # ISO 8601, date or datetime
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    reactions: dict[str, int] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    # What names this article's source across runs (a file's real path, a normalised URL, a
    # record's URL inside its file): the same key with other text is a new revision. None
    # when the source does not single out one article (a JSON record without a URL).
    key: str | None = None


@dataclass(frozen=True)
class Article:
    """One stored article. ``duplicate_of`` points at the original when this is a copy;
    ``revision_of`` at the earlier version of the same source that this one replaces.

    Article rows never change text: an edited source is stored as a new revision, so every
    span an analysis stored keeps pointing into the text it was made from. ``text`` is empty
    in listings that do not load it (``words`` still counts it).
    """

    id: int
    text: str
    content_hash: str
    source: str
    via: str
    title: str | None = None
    dek: str | None = None
    author: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    duplicate_of: int | None = None
    duplicate_kind: str | None = None  # "exact" | "near" | "url"
    reactions: dict[str, int] = field(default_factory=dict)
    ingested_at: str | None = None
    revision_of: int | None = None
    words: int | None = None


@dataclass(frozen=True)
class Problem:
    """An input that was skipped: where (path/URL, optional line), in which stage, and why."""

    source: str
    reason: str  # short machine-readable code, e.g. "binary", "empty", "too-large", "fetch-failed"
    detail: str = ""
    line: int | None = None
    stage: str = "ingest"


# ---- analysis records (analyze/) ----------------------------------------------------------


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    kind: str = "name"  # name | surname | acronym | title | pronoun | nominal


@dataclass(frozen=True)
class Entity:
    """An actor within one article: canonical name, type and every mention of it."""

    id: str  # local to the article, e.g. "E3"
    name: str
    type: str  # PERSON | ORG | GPE | LOC | NORP
    mentions: tuple[Mention, ...] = ()
    country: str | None = None  # ISO 3166 alpha-2 where known


@dataclass(frozen=True)
class Role:
    """A title held by an entity as of the article's date, with the span it came from."""

    entity_id: str
    person: str
    title: str
    start: int
    end: int
    org: str | None = None
    modifier: str | None = None  # "former", "acting", "deputy" ...
    as_of: str | None = None


@dataclass(frozen=True)
class Quote:
    """Who said what. ``speaker_id`` is None when the text names no speaker."""

    start: int
    end: int
    text: str
    direct: bool
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker_id: str | None = None
    speaker: str | None = None  # canonical name of the speaker entity, or surface text
    speaker_start: int | None = None
    speaker_end: int | None = None


@dataclass(frozen=True)
class TimeExpr:
    """A time expression normalised against the publication time.

    ``value`` follows TIMEX3 conventions: ``2024-03-15``, ``2024-W11``, ``2024-03``, ``2024``,
    ``2024-Q1``, ``PRESENT_REF``/``PAST_REF``/``FUTURE_REF``; durations are ``P3Y``, ``P2W``.
    """

    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str | None
    granularity: str | None  # day | week | month | quarter | year | decade | time | None
    anchored: bool = True  # False when no publication time was known


@dataclass(frozen=True)
class Action:
    """Who did what to whom: subject-verb-object with negation and modality kept."""

    start: int
    end: int
    subject_id: str | None
    subject: str
    verb: str  # lemma
    verb_text: str
    object: str | None = None
    object_id: str | None = None
    negated: bool = False
    modality: str | None = None  # "could", "may", "yet to", ...


@dataclass(frozen=True)
class Analysis:
    """Everything analyze/ found in one article, and which stage version made it."""

    article_id: int | None
    version: str
    status: str  # "analyzed" | "skipped" (not English, empty) | "failed" (a component raised)
    reason: str | None = None
    language: str | None = None
    published: str | None = None
    entities: tuple[Entity, ...] = ()
    roles: tuple[Role, ...] = ()
    quotes: tuple[Quote, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    actions: tuple[Action, ...] = ()
