"""The JSON API under ``/api``: the shapes of :mod:`storyline.shapes` (those of the CLI's
``--json``), lists paged with ``limit`` and ``cursor``, errors as ``{"error": {…}}``.

The pydantic models of :mod:`.schemas` only describe the responses in ``/openapi.json``:
routes return the shapes' dicts as they are.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Header, Path, Query, Request
from fastapi.responses import JSONResponse

from .. import shapes
from ..api import Storyline
from . import schemas as S
from . import views
from .reactions import reader_and_token, send_reaction, with_reader
from .security import READER_COOKIE, valid_reader

_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": S.Error, "description": "A parameter cannot be used (the message says "
                                           "why)."},
    404: {"model": S.Error, "description": "No such record."},
    422: {"model": S.Error, "description": "A parameter has the wrong type or format."},
    503: {"model": S.Error, "description": "The database is busy; retry after Retry-After."},
}
router = APIRouter(prefix="/api", responses=_ERRORS)

Limit = Annotated[int, Query(ge=1, le=200, description="Rows per page (1-200).")]
Cursor = Annotated[str | None, Query(max_length=400,
                                     description="The `next_cursor` of the previous page.")]
Day = Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$",
                                  description="A day, YYYY-MM-DD.")]
Text = Annotated[str | None, Query(min_length=1, max_length=200)]
RowId = Annotated[int, Path(ge=1, le=S.MAX_ID, description="A row id (1 or more).")]
ItemKind = Literal["article", "story"]


def _sl(request: Request) -> Storyline:
    return request.app.state.connections.get()


def _json(data: Any, status: int = 200) -> JSONResponse:
    return JSONResponse(data, status_code=status)


# -- stories ------------------------------------------------------------------------------------


@router.get("/stories", response_model=S.Page[S.StoryRow], summary="List stories")
def list_stories(request: Request, since: Day = None, until: Day = None, outlet: Text = None,
                 actor: Annotated[int | None, Query(ge=1, le=S.MAX_ID, description="A canonical entity id: "
                                                    "stories naming it.")] = None,
                 q: Text = None, limit: Limit = 20, cursor: Cursor = None) -> Any:
    """Stories, most recently seen first, each with its coverage (articles per day and
    outlet). `since`/`until` keep stories seen in that range, `outlet` (exact name) those it
    reported, `actor` those naming that entity, `q` those whose articles match the words."""
    sl = _sl(request)
    page = sl.stories_page(since=since, until=until, outlet=outlet, actor=actor, query=q,
                           limit=limit, cursor=cursor)
    coverage = sl.story_coverage([s.id for s in page.items])
    return _json(shapes.page_json([shapes.story_row_json(s, coverage.get(s.id, []))
                                   for s in page.items], page.next_cursor))


@router.get("/stories/{story_id}", response_model=S.Story, summary="One story")
def get_story(request: Request, story_id: RowId) -> Any:
    """The story as `storyline story ID --json` shows it — its articles by time and why each
    belongs, its actors with their roles, related stories — and its `dossier` when this
    version builds one."""
    sl = _sl(request)
    st = sl.story(story_id)
    data = shapes.story_json(st, sl.story_members(st.id), sl.story_actors(st.id),
                             sl.related_stories(st.id))
    data["dossier"] = views.dossier_json(sl, st.id)
    return _json(data)


# -- entities -----------------------------------------------------------------------------------


@router.get("/entities", response_model=S.Page[S.EntitySummary], summary="List actors")
def list_entities(request: Request, q: Text = None,
                  type: Annotated[str | None, Query(  # noqa: A002
                      pattern=r"^(PERSON|ORG|GPE|LOC|NORP)$")] = None,
                  limit: Limit = 20, cursor: Cursor = None) -> Any:
    """Canonical entities (actors across articles), most mentioned first, as `storyline
    entities --json` lists them."""
    page = _sl(request).entities_page(type=type, query=q, limit=limit, cursor=cursor)
    return _json(shapes.page_json([shapes.entity_summary(c) for c in page.items],
                                  page.next_cursor))


@router.get("/entities/{entity_id}", response_model=S.Entity, summary="One actor")
def get_entity(request: Request, entity_id: RowId) -> Any:
    """The actor as `storyline entity ID --json` shows it (names, roles over time, quotes,
    stories) with what it did and what was done to it (`actions`), its mentions per day
    (`volume`) and the actors named with it (`co_actors`)."""
    sl = _sl(request)
    c = sl.entity(entity_id)
    data = shapes.entity_json(c, sl.entity_roles(c.id), sl.entity_quotes(c.id),
                              sl.entity_stories(c.id))
    data["actions"] = sl.entity_actions(c.id)
    data["volume"] = [{"day": d, "mentions": n} for d, n in sl.entity_volume(c.id)]
    data["co_actors"] = sl.entity_co_actors(c.id)
    return _json(data)


# -- outlets ------------------------------------------------------------------------------------


@router.get("/outlets", response_model=S.Page[S.OutletSummary], summary="List outlets")
def list_outlets(request: Request) -> Any:
    """Every outlet, most articles first (one page: outlets are few)."""
    return _json(shapes.page_json([shapes.outlet_summary(o) for o in _sl(request).outlets()],
                                  None))


@router.get("/outlets/{name}", response_model=S.Outlet, summary="One outlet")
def get_outlet(request: Request, name: str) -> Any:
    """An outlet by name: its counts, the stories it covers and whom it quotes (its articles
    are `/api/articles?outlet=NAME`)."""
    return _json(shapes.outlet_json(_sl(request).outlet(name)))


# -- articles -----------------------------------------------------------------------------------


@router.get("/articles", response_model=S.Page[S.ArticleSummary], summary="List articles")
def list_articles(request: Request, outlet: Text = None, since: Day = None, until: Day = None,
                  entity: Annotated[int | None, Query(ge=1, le=S.MAX_ID)] = None, q: Text = None,
                  limit: Limit = 20, cursor: Cursor = None) -> Any:
    """Articles newest first, as `storyline articles --json` lists them."""
    page = _sl(request).articles_page(outlet=outlet, since=since, until=until, query=q,
                                      entity=entity, limit=limit, cursor=cursor)
    return _json(shapes.page_json([shapes.article_summary(a) for a in page.items],
                                  page.next_cursor))


@router.get("/articles/{article_id}", response_model=S.Article, summary="One article")
def get_article(request: Request, article_id: RowId) -> Any:
    """The whole article as `storyline article ID --json` shows it: text, metadata,
    sightings, duplicates and its analysis."""
    sl = _sl(request)
    return _json(shapes.article_json(sl.article(article_id),
                                     sightings=sl.sightings(article_id),
                                     duplicates=sl.duplicates(article_id),
                                     analysis=sl.analysis(article_id), kinds=sl.record_kinds()))


@router.get("/search", response_model=S.Page[S.SearchHit], summary="Search articles")
def search(request: Request, q: Annotated[str, Query(min_length=1, max_length=200)],
           outlet: Text = None, since: Day = None, until: Day = None,
           entity: Annotated[int | None, Query(ge=1, le=S.MAX_ID)] = None, limit: Limit = 20,
           cursor: Cursor = None) -> Any:
    """Full-text search over titles and texts, best match first; each hit carries its title
    and a snippet as plain text with the `[start, end)` spans of the matched words."""
    page = _sl(request).search(q, outlet=outlet, since=since, until=until, entity=entity,
                               limit=limit, cursor=cursor)
    return _json(shapes.page_json([shapes.search_hit_json(h) for h in page.items],
                                  page.next_cursor))


# -- reactions ----------------------------------------------------------------------------------

_WRITE: dict[int | str, dict[str, Any]] = {403: {"model": S.Error, "description": "Read-only server, no reader cookie, a "
                                                 "cross-site request or a bad CSRF token."},
          429: {"model": S.Error, "description": "Too many reactions; wait Retry-After "
                                                 "seconds."}}


@router.get("/reactions", response_model=S.Page[S.ReactionTotal], summary="Export reactions")
def export_reactions(request: Request, item_kind: ItemKind | None = None,
                     limit: Annotated[int, Query(ge=1, le=1000)] = 100,
                     cursor: Cursor = None) -> Any:
    """Every article and story our readers reacted to, with the counts (no reader ids)."""
    page = _sl(request).reaction_export(item_kind=item_kind, limit=limit, cursor=cursor)
    return _json(shapes.page_json([shapes.reaction_total_json(r) for r in page.items],
                                  page.next_cursor))


@router.get("/reactions/token", response_model=S.Token, summary="A CSRF token")
def reaction_token(request: Request) -> Any:
    """The token reaction requests must send in `X-CSRF-Token`; sets the reader cookie
    (`storyline_reader`, HttpOnly) when the request has none."""
    reader, token, new = reader_and_token(request)
    response = _json({"csrf_token": token})
    return with_reader(request, response, reader) if new else response


@router.get("/reactions/{item_kind}/{item_id}", response_model=S.Reactions,
            summary="An item's reactions")
def get_reactions(request: Request, item_kind: ItemKind, item_id: RowId) -> Any:
    """Our readers' counts, your own reaction (`mine`, from the reader cookie), the counts
    the ingested page showed (`ingested`, kept apart) and, for a story, the `mood` across it
    and its articles."""
    reader = valid_reader(request.cookies.get(READER_COOKIE))
    return _json(shapes.reactions_json(_sl(request).reactions(item_kind, item_id, reader)))


@router.put("/reactions/{item_kind}/{item_id}", response_model=S.Reactions,
            responses=_WRITE, summary="Give or change your reaction")
def put_reaction(request: Request, item_kind: ItemKind, item_id: RowId, body: S.ReactionIn,
                 x_csrf_token: Annotated[str | None, Header(max_length=100)] = None) -> Any:
    """Set the reader's one reaction to the item (replacing any other); needs the reader
    cookie and its `X-CSRF-Token`."""
    state = send_reaction(request, item_kind, item_id, body.kind, x_csrf_token)
    return _json(shapes.reactions_json(state))


@router.delete("/reactions/{item_kind}/{item_id}", response_model=S.Reactions,
               responses=_WRITE, summary="Withdraw your reaction")
def delete_reaction(request: Request, item_kind: ItemKind, item_id: RowId,
                    x_csrf_token: Annotated[str | None, Header(max_length=100)] = None) -> Any:
    """Withdraw the reader's reaction to the item (nothing happens when there is none)."""
    state = send_reaction(request, item_kind, item_id, None, x_csrf_token)
    return _json(shapes.reactions_json(state))
