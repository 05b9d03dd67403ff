"""The web app in a real browser: headless Chromium from Debian's ``chromium`` package,
driven by Playwright (no browser download). A reader opens the story list, a story, follows a
quote to its sentence, reacts, reloads, changes and withdraws the reaction; hostile articles
run no script; the main pages have no serious accessibility violations (axe-core). A
screenshot of every page is left in test-output/screenshots/."""

from __future__ import annotations

import re
import shutil

import pytest

from storyline.settings import Settings
from web_support import demo_db, hostile_ids, live_server, output_dir

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
INSTALL_HINT = ("Chromium is not installed, so the browser tests are skipped: install it with "
                "`sudo apt-get install chromium` (Debian/Ubuntu) and run them again")


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    pytest.importorskip("spacy")
    if CHROMIUM is None:
        pytest.skip(INSTALL_HINT)
    db = demo_db(tmp_path_factory, "web-browser")
    ids = hostile_ids(db)
    with live_server(Settings(db=str(db), reactions_per_minute=1000)) as url:
        yield url, ids


@pytest.fixture(scope="module")
def browser(base_url):
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    problems: list[str] = []
    pg.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: problems.append(str(e)))
    pg.on("dialog", lambda d: (problems.append("dialog: " + d.message), d.dismiss()))
    pg.problems = problems  # type: ignore[attr-defined]
    yield pg
    context.close()


def _shot(pg, name: str) -> None:
    pg.screenshot(path=str(output_dir() / f"{name}.png"), full_page=True)


def _expect_count(pg, kind: str, n: int) -> None:
    """Wait until the reaction count shows ``n`` (a locator wait: the page's CSP forbids the
    string evaluation wait_for_function would use)."""
    from playwright.sync_api import expect

    expect(pg.locator(f'section.reactions [data-count="{kind}"]')).to_have_text(str(n))


def _count(pg, kind: str) -> int:
    return int(pg.locator(f'section.reactions [data-count="{kind}"]').inner_text())


def test_a_reader_follows_a_quote_to_its_sentence_and_reacts(base_url, page):
    base, _ids = base_url
    page.goto(base + "/")
    assert page.locator("h1").inner_text() == "Stories"
    assert page.locator(".story-card svg[role=img]").count() >= 3
    _shot(page, "stories")
    page.locator(".story-card h2 a").first.click()
    page.wait_for_url(re.compile(r"/stories/\d+$"))
    assert page.locator("#quotes-title").is_visible()
    _shot(page, "story")

    source = page.locator(".speaker-group .source").first
    quote_text = page.locator(".speaker-group blockquote").first.inner_text()
    source.click()
    page.wait_for_url(re.compile(r"/articles/\d+#s\d+$"))
    sentence = page.locator(".s:target")
    assert sentence.count() == 1
    assert quote_text[:25] in sentence.inner_text().replace("\n", " ") or \
        sentence.locator(".quote").count() >= 1
    background = sentence.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")  # highlighted
    _shot(page, "article-at-sentence")

    like = _count(page, "like")
    page.locator('button.reaction[data-kind="like"]').click()
    _expect_count(page, "like", like + 1)
    assert page.locator('button.reaction[data-kind="like"]').get_attribute("aria-pressed") == "true"
    page.reload()
    assert _count(page, "like") == like + 1
    assert page.locator('button.reaction[data-kind="like"]').get_attribute("aria-pressed") == "true"
    page.locator("section.reactions").screenshot(path=str(output_dir() / "reaction-given.png"))

    sad = _count(page, "sad")
    page.locator('button.reaction[data-kind="sad"]').click()
    _expect_count(page, "sad", sad + 1)
    assert _count(page, "like") == like
    page.reload()
    assert _count(page, "sad") == sad + 1 and _count(page, "like") == like

    page.locator("button.withdraw").click()
    _expect_count(page, "sad", sad)
    page.reload()
    assert _count(page, "sad") == sad
    assert page.locator('button.reaction[aria-pressed="true"]').count() == 0
    page.locator("section.reactions").screenshot(path=str(output_dir() / "reaction-withdrawn.png"))
    assert page.problems == []  # type: ignore[attr-defined]


def test_reactions_work_without_javascript(base_url, browser):
    base, _ids = base_url
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    pg.goto(base + "/stories/1")
    before = int(pg.locator('[data-count="wow"]').inner_text())
    pg.locator('button.reaction[data-kind="wow"]').click()
    pg.wait_for_url(re.compile(r"/stories/1#reactions$"))
    assert int(pg.locator('[data-count="wow"]').inner_text()) == before + 1
    context.close()


def test_hostile_articles_run_no_script_in_the_browser(base_url, page):
    base, ids = base_url
    assert ids
    for url in [*(f"/articles/{i}" for i in ids), "/", "/articles", "/outlets",
                "/search?q=Lisk", "/search?q=crane"]:
        page.goto(base + url)
        for el in page.locator("main a, main h1, main span").all()[:60]:
            try:
                el.hover(timeout=200)
            except Exception:  # noqa: BLE001 - hidden or detached: nothing to hover
                pass
        assert page.evaluate("typeof window.__xss") == "undefined", url
        injected = page.evaluate(
            "document.querySelectorAll('main script, [onerror], [onclick], [onload], "
            "[onmouseover], a[href^=\"javascript:\" i], main img').length")
        assert injected == 0, url
    page.goto(base + f"/articles/{ids[0]}")
    heading = page.locator("h1").inner_text()
    assert "<script>" in heading or "<" in page.locator("main").inner_text()
    _shot(page, "hostile-article")
    assert not [p for p in page.problems if p.startswith("dialog")]  # type: ignore[attr-defined]


def test_main_pages_have_no_serious_accessibility_violations(base_url, page):
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
    base, _ids = base_url
    axe = axe_module.Axe()
    found = {}
    for name, url in [("stories", "/"), ("story", "/stories/1"), ("entity", "/entities/1"),
                      ("outlet", "/outlets/Valdoria%20Wire"), ("article", "/articles/7"),
                      ("search", "/search?q=strike+vote"), ("entities", "/entities"),
                      ("outlets", "/outlets")]:
        page.goto(base + url)
        if name not in {"stories", "story"}:
            _shot(page, name)
        results = axe.run(page)
        serious = [(v["id"], v["impact"], len(v["nodes"]))
                   for v in results.response["violations"]
                   if v["impact"] in {"serious", "critical"}]
        if serious:
            found[name] = serious
    assert found == {}
