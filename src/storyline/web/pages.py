"""The HTML pages: each route reads its parameters, asks :mod:`.views` for what the page
shows, and renders a template. Reactions sent by a plain form land here too."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import RedirectResponse, Response

from ..api import Storyline
from ..errors import UsageError
from . import views
from .app import WebError, html
from .reactions import reader_and_token, send_reaction, with_reader
from .schemas import MAX_ID

router = APIRouter(include_in_schema=False)

Day = Annotated[str | None, Query(pattern=r"^$|^\d{4}-\d{2}-\d{2}$")]
Text = Annotated[str | None, Query(max_length=200)]
Cursor = Annotated[str | None, Query(max_length=400)]
RowId = Annotated[int, Path(ge=1, le=MAX_ID)]


def _sl(request: Request) -> Storyline:
    return request.app.state.connections.get()


def _page(request: Request, template: str, context: dict[str, object],
          item: tuple[str, int] | None = None) -> Response:
    """Render with the reader's id (a new one gets its cookie) and, for an item, its
    reaction box."""
    reader, token, new = reader_and_token(request)
    context = {**context, "csrf": token}
    if item is not None:
        context["reactions"] = views.reaction_box(_sl(request), item[0], item[1], reader, token,
                                                  request.app.state.settings.read_only)
    response = html(request, template, context)
    return with_reader(request, response, reader) if new else response


@router.get("/")
def story_list(request: Request, since: Day = None, until: Day = None, outlet: Text = None,
               actor: Text = None, q: Text = None, cursor: Cursor = None) -> Response:
    ctx = views.story_list(_sl(request), since=since or None, until=until or None,
                           outlet=outlet, actor=actor, q=q, cursor=cursor)
    return _page(request, "stories.html", ctx)


@router.get("/stories/{story_id}")
def story_page(request: Request, story_id: RowId) -> Response:
    ctx = views.story(_sl(request), story_id)
    return _page(request, "story.html", ctx, ("story", ctx["story"].id))


@router.get("/entities")
def entity_list(request: Request, q: Text = None, type: Text = None,  # noqa: A002
                cursor: Cursor = None) -> Response:
    page = _sl(request).entities_page(type=type or None, query=q or None, limit=views.PAGE,
                                      cursor=cursor)
    return _page(request, "entities.html", {"entities": page.items,
                                            "next_cursor": page.next_cursor,
                                            "filters": {"q": q or "", "type": type or ""}})


@router.get("/entities/{entity_id}")
def entity_page(request: Request, entity_id: RowId) -> Response:
    return _page(request, "entity.html", views.entity(_sl(request), entity_id))


@router.get("/outlets")
def outlet_list(request: Request) -> Response:
    return _page(request, "outlets.html", {"outlets": _sl(request).outlets()})


@router.get("/outlets/{name:path}")
def outlet_page(request: Request, name: str, cursor: Cursor = None) -> Response:
    return _page(request, "outlet.html", views.outlet(_sl(request), name, cursor))


@router.get("/articles")
def article_list(request: Request, outlet: Text = None, since: Day = None, until: Day = None,
                 cursor: Cursor = None) -> Response:
    page = _sl(request).articles_page(outlet=outlet or None, since=since or None,
                                      until=until or None, limit=views.PAGE, cursor=cursor)
    return _page(request, "articles.html", {
        "articles": page.items, "next_cursor": page.next_cursor,
        "filters": {"outlet": outlet or "", "since": since or "", "until": until or ""}})


@router.get("/articles/{article_id}")
def article_page(request: Request, article_id: RowId) -> Response:
    return _page(request, "article.html", views.article(_sl(request), article_id),
                 ("article", article_id))


@router.get("/articles/{article_id}/at/{char}")
def article_at(request: Request, article_id: RowId, char: Annotated[int, Path(le=MAX_ID)]) -> Response:
    """Open an article at the sentence holding a character offset (for facts that carry a
    span but no sentence index). Redirects within this site only."""
    if char < 0:
        raise UsageError(f"character offset must be 0 or more, got {char}")
    index = _sl(request).sentence_at(article_id, char)
    anchor = f"#s{index}" if index is not None else ""
    return RedirectResponse(f"/articles/{int(article_id)}{anchor}", status_code=303)


@router.get("/search")
def search_page(request: Request, q: Text = None, outlet: Text = None, since: Day = None,
                until: Day = None, entity: Text = None, cursor: Cursor = None) -> Response:
    ctx = views.search(_sl(request), q=q, outlet=outlet, since=since, until=until,
                       entity=entity, cursor=cursor)
    return _page(request, "search.html", ctx)


@router.post("/react/{item_kind}/{item_id}")
def react_form(request: Request, item_kind: str, item_id: RowId,
               kind: Annotated[str, Form(max_length=20)],
               csrf_token: Annotated[str, Form(max_length=100)] = "") -> Response:
    """The reaction buttons without JavaScript: a form post, then back to the item (a fixed
    path of this site, never one the request names)."""
    if item_kind not in {"article", "story"}:
        raise WebError(404, f"nothing to react to at /react/{item_kind}")
    send_reaction(request, item_kind, item_id, None if kind == "withdraw" else kind,
                  csrf_token, toggle=True)
    target = "/articles" if item_kind == "article" else "/stories"
    return RedirectResponse(f"{target}/{int(item_id)}#reactions", status_code=303)
