"""Typed records shared by every stage: what ingest produces and what analyze attaches.

Every span is ``[start_char, end_char)`` in characters of ``Article.text`` (the stored,
normalised text). Records of analyze/ also carry the ``sentence`` and ``paragraph`` they sit
in (0-based indexes into the article's sentences and paragraphs).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
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
    #: What ingest noted beyond the fields (``headings``: section-heading spans of plain text,
    #: ``repairs``: decoding repairs ...); empty in listings.
    extra: dict[str, Any] = field(default_factory=dict)


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
class Sentence:
    """One sentence of the article as the parse split it; ``index`` counts from 0."""

    index: int
    start_char: int
    end_char: int
    paragraph: int | None = None


@dataclass(frozen=True)
class Mention:
    """One place an entity is named: ``kind`` is name | surname | acronym | title | pronoun."""

    start_char: int
    end_char: int
    text: str
    kind: str = "name"
    sentence: int | None = None
    paragraph: int | None = None


@dataclass(frozen=True)
class Entity:
    """An actor within one article: canonical name, type and every mention of it.

    ``gender`` (``m``/``f``) and ``acronym`` are what the article itself says (honorifics,
    given names, pronouns; "Name (ACR)"); ``country`` is an ISO 3166-1 alpha-2 code.
    """

    id: str  # local to the article, e.g. "E3"
    name: str
    type: str  # PERSON | ORG | GPE | LOC | NORP
    mentions: tuple[Mention, ...] = ()
    country: str | None = None
    gender: str | None = None
    acronym: str | None = None


@dataclass(frozen=True)
class Role:
    """A title held by an entity as of the article's date, with the span it came from.

    ``person`` is the holder's ``Entity.name``; ``org_id`` is the entity the organisation is,
    when the article names it as one.
    """

    entity_id: str
    person: str
    title: str
    start_char: int
    end_char: int
    org: str | None = None
    org_id: str | None = None
    modifier: str | None = None  # "former", "acting", "deputy" ...
    as_of: str | None = None
    sentence: int | None = None
    paragraph: int | None = None


@dataclass(frozen=True)
class Quote:
    """Who said what. ``speaker_id`` is None when no entity of the article speaks (then
    ``speaker`` is the surface text, e.g. "officials", or None when nobody is named)."""

    start_char: int
    end_char: int
    text: str
    direct: bool
    cue: str | None = None
    cue_start_char: int | None = None
    cue_end_char: int | None = None
    speaker_id: str | None = None
    speaker: str | None = None  # the speaker entity's name, or surface text
    speaker_start_char: int | None = None
    speaker_end_char: int | None = None
    sentence: int | None = None
    paragraph: int | None = None


@dataclass(frozen=True)
class TimeExpr:
    """A time expression normalised against the publication time.

    ``value`` follows TIMEX3 conventions: ``2024-03-15``, ``2024-W11``, ``2024-03``, ``2024``,
    ``2024-Q1``, ``PRESENT_REF``/``PAST_REF``/``FUTURE_REF``; durations are ``P3Y``, ``P2W``.
    """

    start_char: int
    end_char: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str | None
    granularity: str | None  # day | week | month | quarter | year | decade | time | None
    anchored: bool = True  # False when no publication time was known
    sentence: int | None = None
    paragraph: int | None = None


@dataclass(frozen=True)
class Action:
    """Who did what to whom: subject-verb-object with negation and modality kept.

    ``time_*`` is the time expression that governs the action in the parse ("signed the
    accord on Monday"), when there is one.
    """

    start_char: int
    end_char: int
    subject_id: str | None
    subject: str
    verb: str  # lemma
    verb_text: str
    object: str | None = None
    object_id: str | None = None
    negated: bool = False
    modality: str | None = None  # "could", "may", "yet to", ...
    time_start_char: int | None = None
    time_end_char: int | None = None
    time_value: str | None = None
    sentence: int | None = None
    paragraph: int | None = None


@dataclass(frozen=True)
class Term:
    """One weighted term of the article's topical representation: a content word's lemma
    (``kind="word"``) or an entity (``kind="entity"``, ``term`` = its name, ``entity_id``).

    ``count`` is how often it occurs; ``weight`` adds emphasis for the headline and lead and is
    normalised so that an article's weights have unit length (cosine-ready).
    """

    term: str
    kind: str  # word | entity
    count: int
    weight: float
    entity_id: str | None = None


# ---- across articles (link/, stories/) -----------------------------------------------------


@dataclass(frozen=True)
class CanonicalEntity:
    """One real-world actor across articles: every article entity linked to it, under all the
    names they give it (``aliases``, most frequent first, with counts).

    ``country`` is ISO 3166-1 alpha-3; ``first_seen``/``last_seen`` are the publication times
    of the first and last article naming it.
    """

    id: int
    name: str
    type: str
    country: str | None = None
    aliases: tuple[tuple[str, int], ...] = ()
    mentions: int = 0
    articles: int = 0
    first_seen: str | None = None
    last_seen: str | None = None


@dataclass(frozen=True)
class RoleSpell:
    """A title an actor held, as the articles state it over time, with every source
    (``(article_id, start_char, end_char)``)."""

    title: str
    org: str | None
    modifier: str | None
    first_date: str | None
    last_date: str | None
    sources: tuple[tuple[int, int, int], ...] = ()


@dataclass(frozen=True)
class Story:
    """A developing story: the articles that report it, as they arrived, grouped."""

    id: int
    title: str | None
    first_seen: str | None
    last_seen: str | None
    article_ids: tuple[int, ...] = ()
    outlets: tuple[str, ...] = ()
    size: int = 0


@dataclass(frozen=True)
class StoryArticle:
    """One article of a story and why it belongs: ``score`` is its similarity to the story
    when it joined (None for the article that started it, or a copy of a member), ``reason``
    the strongest shared terms and actors."""

    article_id: int
    published: str | None
    outlet: str | None
    title: str | None
    score: float | None
    reason: dict[str, Any] = field(default_factory=dict)



# ---- the story dossier (stories/) -------------------------------------------------------------


@dataclass(frozen=True)
class Statement:
    """One fact as one article states it, with the span it came from.

    ``kind`` is ``action`` (who did what: ``actors`` did ``predicate`` to ``object``),
    ``quote`` (``actors`` is the speaker, ``value`` the quoted words), ``number`` (``value``
    as written, ``amount`` its figures, ``counts`` what it counts, ``approx`` how exact it is),
    ``date`` (``value`` a TIMEX3 date, ``predicate``/``object`` what it dates) or ``title``
    (``actors`` the holder, ``value`` the title). ``actors`` are canonical entity ids (names in
    ``actor_names``). ``date`` is when the fact happened, from the time expression that governs
    it (None when the article does not say). ``sentence_text`` is the whole sentence (from
    ``sentence_start_char``), so a reader sees the statement in its words.
    """

    kind: str
    article_id: int
    sentence: int | None
    start_char: int
    end_char: int
    text: str
    sentence_text: str = ""
    sentence_start_char: int | None = None
    actors: tuple[int, ...] = ()
    actor_names: tuple[str, ...] = ()
    predicate: str | None = None
    object: str | None = None
    object_class: str | None = None
    value: str | None = None
    amount: tuple[float, ...] = ()
    approx: str | None = None
    counts: str | None = None
    date: str | None = None
    granularity: str | None = None
    place: str | None = None
    place_id: int | None = None
    negated: bool = False
    modality: str | None = None
    quoted: bool = False  # inside a direct quote: the speaker's words, not the outlet's


@dataclass(frozen=True)
class Fact:
    """Statements from one or more articles that report the same fact (``key`` says what made
    them one), with the articles and outlets that report it. ``date`` is when it happened as
    the statements agree on it (``dated_by`` ``time_expr``), else the day it was first reported
    (``dated_by`` ``published``)."""

    id: int
    kind: str
    key: str
    label: str
    statements: tuple[Statement, ...]
    article_ids: tuple[int, ...]
    outlets: tuple[str, ...]
    date: str | None = None
    granularity: str | None = None
    dated_by: str | None = None
    first_reported: str | None = None


@dataclass(frozen=True)
class DateClaim:
    """One date that some of a fact's articles give it (when the articles disagree)."""

    date: str
    granularity: str | None
    article_ids: tuple[int, ...]
    outlets: tuple[str, ...]


@dataclass(frozen=True)
class TimelineEntry:
    """A development on the date it happened: ``kind`` is ``development`` or ``update`` (a figure
    that later reports change, ``values`` oldest first). ``disputed`` lists the dates the
    articles give when they disagree."""

    date: str
    granularity: str | None
    fact: Fact
    kind: str = "development"
    dated_by: str | None = None
    disputed: tuple[DateClaim, ...] = ()
    values: tuple[tuple[str, str, tuple[int, ...]], ...] = ()  # (day, value, article ids)


@dataclass(frozen=True)
class ContradictionSide:
    """One side of a contradiction: the value its statements give and where they give it."""

    value: str
    statements: tuple[Statement, ...]
    article_ids: tuple[int, ...]
    outlets: tuple[str, ...]


@dataclass(frozen=True)
class Contradiction:
    """Two sides that cannot both be true: ``kind`` is ``actor``, ``number``, ``date``, ``place``
    or ``title``; ``topic`` says what they disagree about."""

    kind: str
    topic: str
    sides: tuple[ContradictionSide, ContradictionSide]
    fact_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class SummarySentence:
    """A sentence the summary quotes, with every article that reports what it says."""

    article_id: int
    sentence: int | None
    start_char: int
    end_char: int
    text: str
    article_ids: tuple[int, ...]
    date: str | None = None
    fact_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class OutletCoverage:
    """What one outlet contributes to a story: its articles by day, the facts it reports (and
    those only it reports), and whom it quotes (``(canonical id or None, name, quotes)``)."""

    outlet: str
    article_ids: tuple[int, ...]
    first: str | None
    last: str | None
    days: tuple[tuple[str, int], ...]
    facts: tuple[int, ...]
    exclusive: tuple[int, ...]
    quoted: tuple[tuple[int | None, str, int], ...]


@dataclass(frozen=True)
class Coverage:
    """Who reports the story and what: one :class:`OutletCoverage` per outlet, the facts ×
    outlets matrix (fact id → outlets) and the facts only one outlet reports."""

    outlets: tuple[OutletCoverage, ...]
    matrix: tuple[tuple[int, tuple[str, ...]], ...]
    exclusive: tuple[int, ...]


@dataclass(frozen=True)
class StoryActor:
    """An actor of the story: how many of its articles name it, and its titles as they state
    them (``roles``, with sources in the story)."""

    id: int
    name: str
    type: str
    articles: int
    mentions: int
    roles: tuple[RoleSpell, ...] = ()


@dataclass(frozen=True)
class QuoteGroup:
    """Everything one speaker is quoted saying in the story, each quote a fact (the same words
    reported by several articles are one)."""

    speaker_id: int | None
    speaker: str
    quotes: tuple[Fact, ...]


@dataclass(frozen=True)
class DossierArticle:
    """An article of the story with the number it is cited by (``[n]``)."""

    citation: int
    article_id: int
    published: str | None
    outlet: str | None
    title: str | None
    url: str | None = None
    duplicate_of: int | None = None


@dataclass(frozen=True)
class Dossier:
    """Everything the story dossier says about one story, every item traceable to article ids
    and spans. With ``since``, ``new`` holds the facts first reported after that date and the
    summary is of those."""

    story: Story
    version: str
    summary: tuple[SummarySentence, ...]
    timeline: tuple[TimelineEntry, ...]
    actors: tuple[StoryActor, ...]
    quotes: tuple[QuoteGroup, ...]
    coverage: Coverage
    contradictions: tuple[Contradiction, ...]
    articles: tuple[DossierArticle, ...]
    facts: tuple[Fact, ...] = ()
    since: str | None = None
    new: tuple[int, ...] = ()
    seconds: float = 0.0

    def citation(self, article_id: int) -> int | None:
        """The number an article is cited by in this dossier."""
        return next((a.citation for a in self.articles if a.article_id == article_id), None)

# ---- declaring records ----------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class RecordKind:
    """A kind of record a component assigns: what analyze/, the store, JSON and text share.

    ``name`` is the key in ``Analysis.records``, the JSON key and the table name. ``cls`` is a
    frozen dataclass of scalar fields (and, for ``children``, a tuple of child records stored in
    the child's own table). ``columns`` renames fields in the table (``{"id": "entity_id"}``);
    ``key`` is the field a child table points back with (``parent_column``). ``render`` gives
    text lines for ``storyline article``; without it every field is printed.
    """

    name: str
    cls: type
    title: str = ""
    key: str | None = None
    columns: Mapping[str, str] = field(default_factory=dict)
    children: Mapping[str, RecordKind] = field(default_factory=dict)
    parent_column: str | None = None
    render: Callable[[Sequence[Any], Analysis], list[str]] | None = None

    def column(self, field_name: str) -> str:
        return self.columns.get(field_name, field_name)


@dataclass(frozen=True)
class ComponentRun:
    """How one component fared on one article: its version, status and why."""

    version: str
    status: str  # "analyzed" | "skipped" | "failed"
    reason: str | None = None
    fingerprint: str | None = None


@dataclass(frozen=True)
class Analysis:
    """Everything analyze/ found in one article: the records of every component, by kind.

    ``records`` maps a record kind (``"entities"``, ``"quotes"``, ...) to its records;
    ``components`` says which version of each component made them and how it went. The
    built-in kinds are also attributes (``analysis.quotes``); any kind is ``analysis["name"]``.
    """

    article_id: int | None
    version: str
    status: str  # "analyzed" | "skipped" (not English, empty) | "failed" (a component raised)
    reason: str | None = None
    language: str | None = None
    published: str | None = None
    records: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)
    components: Mapping[str, ComponentRun] = field(default_factory=dict)

    def __getitem__(self, kind: str) -> tuple[Any, ...]:
        return tuple(self.records.get(kind, ()))

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        return self["sentences"]

    @property
    def entities(self) -> tuple[Entity, ...]:
        return self["entities"]

    @property
    def roles(self) -> tuple[Role, ...]:
        return self["roles"]

    @property
    def quotes(self) -> tuple[Quote, ...]:
        return self["quotes"]

    @property
    def time_exprs(self) -> tuple[TimeExpr, ...]:
        return self["time_exprs"]

    @property
    def actions(self) -> tuple[Action, ...]:
        return self["actions"]

    @property
    def terms(self) -> tuple[Term, ...]:
        return self["terms"]
