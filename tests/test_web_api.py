"""The web app in-process (no sockets): the JSON API serves the CLI's shapes, pages every
list by cursor, answers errors in JSON; pages escape what ingest stored; reactions need the
reader cookie and its CSRF token, are rate-limited, and are exact under concurrent readers."""

from __future__ import annotations

import threading
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from storyline import shapes
from storyline.api import open as open_db
from storyline.settings import Settings
from storyline.web import create_app
from storyline.web.security import READER_COOKIE
from web_support import demo_db, hostile_ids, live_server

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    pytest.importorskip("spacy")
    return demo_db(tmp_path_factory, "web-api")


def _settings(db, **kw: Any) -> Settings:
    return Settings(db=str(db), **kw)


@pytest.fixture
def client(db):
    with TestClient(create_app(_settings(db)), base_url="http://127.0.0.1:8000") as c:
        yield c


def _token(client: TestClient) -> str:
    response = client.get("/api/reactions/token")
    assert response.status_code == 200
    return response.json()["csrf_token"]


def test_story_list_pages_by_cursor_through_every_story_once(client, db):
    seen, cursor = [], None
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = client.get("/api/stories", params=params).json()
        seen += [s["id"] for s in page["items"]]
        assert all(sum(c["articles"] for c in s["coverage"]) <= s["size"] for s in page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            break
    with open_db(db, create=False) as sl:
        assert seen == [s.id for s in sl.stories()]


def test_the_api_serves_the_shapes_of_the_cli(client, db):
    with open_db(db, create=False) as sl:
        st = sl.stories()[0]
        want_story = shapes.story_json(st, sl.story_members(st.id), sl.story_actors(st.id),
                                       sl.related_stories(st.id))
        c = sl.entity("Ilsa Marren")
        want_entity = shapes.entity_json(c, sl.entity_roles(c.id), sl.entity_quotes(c.id),
                                         sl.entity_stories(c.id))
        want_article = shapes.article_json(sl.article(7), sightings=sl.sightings(7),
                                           duplicates=sl.duplicates(7), analysis=sl.analysis(7),
                                           kinds=sl.record_kinds())
    got_story = client.get(f"/api/stories/{st.id}").json()
    assert {k: v for k, v in got_story.items() if k != "dossier"} == want_story
    got_entity = client.get(f"/api/entities/{c.id}").json()
    assert {k: got_entity[k] for k in want_entity} == want_entity
    assert {"actions", "volume", "co_actors"} <= set(got_entity)
    assert client.get("/api/articles/7").json() == want_article


def test_search_hits_carry_the_spans_of_the_matched_words(client):
    page = client.get("/api/search", params={"q": "strike", "limit": 3}).json()
    assert page["items"]
    for hit in page["items"]:
        spans = hit["snippet_highlights"] + hit["title_highlights"]
        assert spans
        for text, marks in ((hit["snippet"], hit["snippet_highlights"]),
                            (hit["title"], hit["title_highlights"])):
            assert all(text[a:b].lower().startswith("strike") for a, b in marks)


def test_search_pages_through_every_match_best_first_with_or_without_filters(db):
    from storyline.api import open as open_db

    with open_db(settings=_settings(db)) as sl:
        best_first = [r[0] for r in sl.store.conn.execute(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'crew' ORDER BY rank, rowid")]
        assert len(best_first) >= 4
        paged, cursor = [], None
        while True:  # the index-only ranking, two hits a page
            page = sl.search("crew", limit=2, cursor=cursor)
            paged += [h.article.id for h in page.items]
            assert all("crew" in (h.title + h.snippet).lower() for h in page.items)
            cursor = page.next_cursor
            if cursor is None:
                break
        assert paged == best_first
        # a filter (every dated article) takes the other query and keeps the same order
        filtered = [h.article.id for h in sl.search("crew", since="1900-01-01", limit=100).items]
        assert len(filtered) >= len(best_first) - 2
        assert filtered == [i for i in best_first if i in set(filtered)]


def test_outlets_and_their_speakers(client):
    outlets = client.get("/api/outlets").json()["items"]
    names = [o["name"] for o in outlets]
    assert "Valdoria Wire" in names
    one = client.get("/api/outlets/Valdoria Wire").json()
    assert one["story_list"] and one["speakers"]
    assert client.get("/api/articles", params={"outlet": "Valdoria Wire"}).json()["items"]


@pytest.mark.parametrize("url, status", [
    ("/api/stories/99999", 404), ("/api/articles/99999", 404), ("/api/entities/99999", 404),
    ("/api/outlets/No Such Outlet", 404), ("/api/nowhere", 404),
    ("/api/stories?cursor=not-a-cursor", 400), ("/api/stories?limit=0", 422),
    ("/api/stories?since=yesterday", 422), ("/api/search?q=%22unclosed", 400),
    ("/api/reactions/entity/1", 422),
])
def test_errors_are_json_with_a_status_code_and_a_message(client, url, status):
    response = client.get(url)
    assert response.status_code == status
    body = response.json()["error"]
    assert body["status"] == status and body["code"] and len(body["message"]) > 10


def test_every_response_carries_the_security_headers(client):
    for url in ("/", "/stories/1", "/api/stories", "/static/style.css", "/nowhere"):
        headers = client.get(url).headers
        csp = headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"


def test_the_reader_cookie_is_httponly_and_samesite(client):
    cookie = client.get("/").headers["set-cookie"]
    assert cookie.startswith(READER_COOKIE + "=")
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie


def test_a_reaction_can_be_given_changed_and_withdrawn(client):
    token = _token(client)
    headers = {"X-CSRF-Token": token}
    put = client.put("/api/reactions/article/7", json={"kind": "like"}, headers=headers)
    assert put.status_code == 200
    before = put.json()["counts"]["like"]
    assert put.json()["mine"] == "like"
    changed = client.put("/api/reactions/article/7", json={"kind": "wow"}, headers=headers)
    assert changed.json()["counts"]["like"] == before - 1 and changed.json()["mine"] == "wow"
    gone = client.delete("/api/reactions/article/7", headers=headers)
    assert gone.json()["mine"] is None
    assert client.get("/api/reactions/article/7").json()["mine"] is None


def test_reactions_without_the_token_or_from_another_site_are_refused(client):
    token = _token(client)
    assert client.put("/api/reactions/article/7", json={"kind": "like"}).status_code == 403
    assert client.put("/api/reactions/article/7", json={"kind": "like"},
                      headers={"X-CSRF-Token": "0" * 40}).status_code == 403
    cross = client.put("/api/reactions/article/7", json={"kind": "like"},
                       headers={"X-CSRF-Token": token, "Origin": "https://evil.example"})
    assert cross.status_code == 403 and "cross-site" in cross.json()["error"]["message"]
    fresh = TestClient(client.app, base_url="http://127.0.0.1:8000")
    refused = fresh.put("/api/reactions/article/7", json={"kind": "like"},
                        headers={"X-CSRF-Token": token})
    assert refused.status_code == 403  # the token of another reader, no cookie of its own


def test_too_many_reactions_get_429_with_retry_after(db):
    app = create_app(_settings(db, reactions_per_minute=3))
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        headers = {"X-CSRF-Token": _token(c)}
        codes = [c.put("/api/reactions/article/8", json={"kind": k}, headers=headers)
                 for k in ("like", "sad", "wow", "love")]
    assert [r.status_code for r in codes] == [200, 200, 200, 429]
    assert int(codes[-1].headers["retry-after"]) >= 1
    assert codes[-1].json()["error"]["code"] == "rate-limited"


def test_the_address_limit_holds_across_readers(db):
    app = create_app(_settings(db, reactions_per_minute_address=2))
    codes = []
    for _ in range(3):
        with TestClient(app, base_url="http://127.0.0.1:8000") as c:  # a new reader each
            headers = {"X-CSRF-Token": _token(c)}
            codes.append(c.put("/api/reactions/article/9", json={"kind": "like"},
                               headers=headers).status_code)
    assert codes == [200, 200, 429]


def test_the_form_post_works_without_javascript_and_redirects_only_home(client):
    page = client.get("/articles/7")
    token = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    response = client.post("/react/article/7?next=https://evil.example",
                           data={"kind": "love", "csrf_token": token},
                           headers={"Referer": "https://evil.example/"}, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/articles/7#reactions"
    assert 'aria-pressed="true"' in client.get("/articles/7").text
    again = client.post("/react/article/7", data={"kind": "love", "csrf_token": token},
                        follow_redirects=False)
    assert again.status_code == 303  # the same button again withdraws it
    assert 'aria-pressed="true"' not in client.get("/articles/7").text


def test_reactions_survive_a_restart_of_the_server(db):
    with TestClient(create_app(_settings(db)), base_url="http://127.0.0.1:8000") as c:
        headers = {"X-CSRF-Token": _token(c)}
        c.put("/api/reactions/story/1", json={"kind": "sad"}, headers=headers)
        cookie = c.cookies[READER_COOKIE]
    with TestClient(create_app(_settings(db)), base_url="http://127.0.0.1:8000",
                    cookies={READER_COOKIE: cookie}) as c:
        state = c.get("/api/reactions/story/1").json()
    assert state["mine"] == "sad" and state["counts"]["sad"] >= 1 and "mood" in state


def test_a_story_shows_ingested_page_counts_apart_from_our_readers(client):
    st = client.get("/api/reactions/story/1").json()
    assert st["ingested"] and sum(st["ingested"].values()) > 0
    page = client.get("/stories/1").text
    assert "counts carried over from the ingested pages" in page
    assert "Readers’ mood across this story" in page


def test_read_only_serves_the_dossiers_without_reactions(db):
    with TestClient(create_app(_settings(db, read_only=True)),
                    base_url="http://127.0.0.1:8000") as c:
        assert c.get("/stories/1").status_code == 200
        assert "reactions" not in c.get("/articles/7").text.split("<main", 1)[1].split(
            "</main>")[0].replace("Reactions", "")
        headers = {"X-CSRF-Token": _token(c)}
        refused = c.put("/api/reactions/article/7", json={"kind": "like"}, headers=headers)
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "read-only"


def test_a_fact_offset_opens_its_sentence_and_never_leaves_the_site(client):
    response = client.get("/articles/7/at/800", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/articles/7#s")
    assert client.get("/articles/99999/at/1", follow_redirects=False).status_code == 404


def test_pages_escape_everything_ingest_stored(client, db):
    for aid in hostile_ids(db):
        html = client.get(f"/articles/{aid}").text
        assert "<script>window" not in html and "onerror=\"window" not in html
        assert 'href="javascript:' not in html.lower()
        assert "&lt;script&gt;" in html
    for url in ("/", "/outlets", "/articles", "/search?q=Lisk"):
        html = client.get(url).text
        assert "<script>window" not in html and "<b onmouseover" not in html


def test_the_story_page_renders_the_dossier_when_storyline_builds_one(client, monkeypatch):
    from storyline import api

    def stmt(aid, sentence, text, value=None):
        return {"kind": "quote" if value else "action", "article_id": aid, "sentence": sentence,
                "start_char": 10 * sentence, "end_char": 10 * sentence + 9, "text": text,
                "sentence_text": text, "sentence_start_char": 10 * sentence, "actors": [],
                "value": value}

    # the shape shapes.dossier_json gives (docs/dossier.md)
    dossier = {
        "story": {"id": 1}, "since": None, "new": [],
        "summary": [{"text": "Crews were freed.", "article_id": 7, "sentence": 0,
                     "start_char": 0, "end_char": 17, "article_ids": [7], "citations": [1],
                     "date": "2026-03-13", "fact_ids": [1]}],
        "timeline": [{"date": "2026-03-02", "granularity": "day", "kind": "development",
                      "dated_by": "time_expr", "label": "Trawler detained", "fact_id": 2,
                      "first_reported": "2026-03-02", "article_ids": [7],
                      "outlets": ["Valdoria Wire"], "statements": [stmt(7, 1, "detained")],
                      "disputed": [], "values": []}],
        "actors": [{"id": 1, "name": "Ilsa Marren", "type": "PERSON", "articles": 1,
                    "mentions": 3, "roles": []}],
        "quotes": [{"speaker_id": 1, "speaker": "Ilsa Marren",
                    "quotes": [{"id": 3, "kind": "quote", "label": "Ilsa Marren: say",
                                "article_ids": [7], "outlets": ["Valdoria Wire"],
                                "statements": [stmt(7, 3, "said", "Rules, not guesswork")]}]}],
        "coverage": {"outlets": [{"outlet": "Valdoria Wire", "article_ids": [7],
                                  "first": "2026-03-02", "last": "2026-03-18", "days": [],
                                  "facts": [4], "exclusive": [4], "quoted": []}],
                     "matrix": [{"fact_id": 4, "label": "Accord signed", "article_ids": [7],
                                 "outlets": ["Valdoria Wire"]}],
                     "exclusive": [4]},
        "contradictions": [{"kind": "number", "topic": "crew members", "fact_ids": [5, 6],
                            "sides": [{"value": "11", "article_ids": [7],
                                       "outlets": ["Valdoria Wire"],
                                       "statements": [stmt(7, 6, "11 crew")]},
                                      {"value": "12", "article_ids": [19],
                                       "outlets": ["Northgate Post"],
                                       "statements": [stmt(19, 2, "12 crew")]}]}],
        "articles": [{"citation": 1, "article_id": 7, "published": "2026-03-02",
                      "outlet": "Valdoria Wire", "title": "Accord signed", "url": None,
                      "duplicate_of": None},
                     {"citation": 2, "article_id": 19, "published": "2026-03-02",
                      "outlet": "Northgate Post", "title": "Crew of 12", "url": None,
                      "duplicate_of": None}]}
    monkeypatch.setattr(api.Storyline, "dossier", lambda self, sid, since=None: dossier,
                        raising=False)
    monkeypatch.setattr(shapes, "dossier_json", lambda d: d, raising=False)
    html = client.get("/stories/1").text
    for text in ("Crews were freed.", "Trawler detained", "Rules, not guesswork",
                 "Accord signed", "12 crew", 'href="/articles/7#s0"', 'href="/articles/19#s2"',
                 "[2]"):
        assert text in html
    assert client.get("/api/stories/1").json()["dossier"] == dossier


def test_counts_are_exact_when_many_readers_react_in_parallel(db):
    """Real sockets: 60 readers on 12 threads, each reacting twice to the same article."""
    kinds = ["like", "dislike", "love", "funny", "angry", "sad", "wow"]
    with live_server(_settings(db, reactions_per_minute_address=10_000)) as base:
        before = httpx.get(f"{base}/api/reactions/article/10").json()["counts"]
        sent: dict[str, int] = {k: 0 for k in kinds}
        lock = threading.Lock()
        errors: list[str] = []

        def reader(n: int) -> None:
            with httpx.Client(base_url=base) as c:
                token = c.get("/api/reactions/token").json()["csrf_token"]
                final = kinds[n % len(kinds)]
                for kind in ("like", final):
                    r = c.put("/api/reactions/article/10", json={"kind": kind},
                              headers={"X-CSRF-Token": token})
                    if r.status_code != 200:
                        errors.append(r.text)
                with lock:
                    sent[final] += 1

        threads = [threading.Thread(target=lambda i=i: [reader(i * 5 + j) for j in range(5)])
                   for i in range(12)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        after = httpx.get(f"{base}/api/reactions/article/10").json()["counts"]
    assert not errors
    assert {k: after[k] - before[k] for k in kinds} == sent
