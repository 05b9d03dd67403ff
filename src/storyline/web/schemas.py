"""The JSON shapes of :mod:`storyline.shapes` as pydantic models, for the OpenAPI document
only (pydantic stays at the HTTP boundary): routes return the shapes' dicts as they are, and
the fuzz test checks every response against these."""

from __future__ import annotations

from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")

# The largest row id SQLite stores: a larger one in a path or query is refused with 422
# instead of overflowing the driver (a 500 the OpenAPI fuzz test found); ids start at 1.
MAX_ID = 2**63 - 1
ReactionKind = Literal["like", "dislike", "love", "funny", "angry", "sad", "wow"]


class _Shape(BaseModel):
    # shapes may grow keys (a new record field): clients ignore what they do not know
    model_config = ConfigDict(extra="allow")


class Page(_Shape, Generic[T]):
    items: list[T]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null on "
                                                "the last page.")


class ErrorBody(_Shape):
    status: int
    code: str = Field(description="not-found, bad-request, forbidden, rate-limited, "
                                  "read-only, invalid-parameter, busy or internal")
    message: str = Field(description="What went wrong and what to do.")


class Error(_Shape):
    error: ErrorBody


class Span(_Shape):
    article_id: int
    start_char: int
    end_char: int


class StorySummary(_Shape):
    id: int
    title: str | None
    first_seen: str | None
    last_seen: str | None
    size: int
    outlets: list[str]
    article_ids: list[int]


class Coverage(_Shape):
    day: str
    outlet: str | None
    articles: int


class StoryRow(StorySummary):
    coverage: list[Coverage]


class StoryArticle(_Shape):
    article_id: int
    published: str | None
    outlet: str | None
    title: str | None
    score: float | None
    reason: dict[str, Any]


class Alias(_Shape):
    alias: str
    count: int


class EntitySummary(_Shape):
    id: int
    name: str
    type: str
    country: str | None
    aliases: list[Alias]
    mentions: int
    articles: int
    first_seen: str | None
    last_seen: str | None


class RoleSpell(_Shape):
    title: str
    org: str | None
    modifier: str | None
    first_date: str | None
    last_date: str | None
    sources: list[Span]


class StoryActor(EntitySummary):
    roles: list[RoleSpell]


class Related(_Shape):
    id: int
    title: str | None
    score: float


class Story(StorySummary):
    articles: list[StoryArticle]
    actors: list[StoryActor]
    related: list[Related]
    dossier: dict[str, Any] | None = Field(
        description="The story dossier (summary, timeline, actors, quotes, coverage, "
                    "contradictions, articles) when this version of storyline builds one.")


class EntityQuote(_Shape):
    article_id: int
    text: str
    direct: bool
    cue: str | None
    start_char: int
    end_char: int
    sentence: int | None


class EntityAction(_Shape):
    article_id: int
    start_char: int
    end_char: int
    subject: str
    verb: str
    verb_text: str
    object: str | None
    negated: bool
    modality: str | None
    time_value: str | None
    sentence: int | None
    published: str | None
    as_: Literal["subject", "object"] = Field(alias="as")


class Volume(_Shape):
    day: str
    mentions: int


class CoActor(_Shape):
    id: int
    name: str
    type: str
    articles: int


class Entity(EntitySummary):
    roles: list[RoleSpell]
    quotes: list[EntityQuote]
    stories: list[StorySummary]
    actions: list[EntityAction]
    volume: list[Volume]
    co_actors: list[CoActor]


class ArticleSummary(_Shape):
    id: int
    published: str | None
    outlet: str | None
    title: str | None
    url: str | None
    language: str | None
    duplicate_of: int | None
    duplicate_kind: str | None
    revision_of: int | None
    words: int


class Sighting(_Shape):
    source: str
    via: str
    url: str | None
    outlet: str | None
    match: str
    seen_at: str


class Article(_Shape):
    id: int
    text: str
    content_hash: str
    source: str
    via: str
    title: str | None
    dek: str | None
    author: str | None
    published: str | None
    outlet: str | None
    url: str | None
    language: str | None
    duplicate_of: int | None
    duplicate_kind: str | None
    reactions: dict[str, int]
    ingested_at: str | None
    revision_of: int | None
    words: int | None
    sightings: list[Sighting]
    duplicates: list[int]
    analysis: dict[str, Any] | None


class OutletSummary(_Shape):
    name: str
    articles: int
    originals: int
    first_published: str | None
    last_published: str | None
    stories: int


class OutletStory(StorySummary):
    outlet_articles: int


class Speaker(_Shape):
    entity_id: int | None
    name: str
    quotes: int
    articles: int


class Outlet(OutletSummary):
    story_list: list[OutletStory]
    speakers: list[Speaker]


class SearchHit(_Shape):
    article: ArticleSummary
    title: str
    title_highlights: list[list[int]]
    snippet: str
    snippet_highlights: list[list[int]]


class Counts(_Shape):
    like: int
    dislike: int
    love: int
    funny: int
    angry: int
    sad: int
    wow: int


class Reactions(_Shape):
    item_kind: Literal["article", "story"]
    item_id: int
    counts: Counts
    mine: ReactionKind | None
    ingested: dict[str, int] = Field(description="Counts shown on the ingested page itself "
                                                 "(the outlet's readers), kept apart.")
    mood: Counts | None = Field(None, description="Stories only: our readers' reactions to "
                                                  "the story and all its articles.")


class ReactionTotal(_Shape):
    item_kind: Literal["article", "story"]
    item_id: int
    counts: Counts


class ReactionIn(BaseModel):
    kind: ReactionKind


class Token(_Shape):
    csrf_token: str = Field(description="Send back in the X-CSRF-Token header of reaction "
                                        "requests, with the reader cookie this response set.")
