import gzip

import pytest

from storyline.errors import SourceError
from storyline.ingest.html import extract_html, looks_like_html

PARAGRAPHS = [
    "The harbour council of the fictional town of Northvale voted seven to two on Tuesday to "
    "fund a new ferry crossing, ending two years of delays that had angered commuters.",
    "“This is the day the town has waited for,” said Mayor Elena Vasquez, who had campaigned "
    "on the crossing and promised that construction would begin before the winter storms.",
    "Opponents on the council argued that the budget of four million euros was too small for "
    "a project of this size, and warned that costs would rise once work had started.",
    "Councillor Ada Brennick said she would ask the regional audit office to review the "
    "figures before the first contract is signed early next year.",
]

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Harbour council backs ferry plan | Northvale Gazette</title>
<meta property="og:title" content="Harbour council backs ferry plan">
<meta property="og:site_name" content="Northvale Gazette">
<meta name="author" content="Lena Ortiz">
<meta property="article:published_time" content="2024-03-12T09:30:00+00:00">
<link rel="canonical" href="https://gazette.example/news/ferry-plan">
<meta name="description" content="Vote ends two years of delay over the crossing">
</head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<div class="cookie-banner">We use cookies to improve your experience on our site.</div>
<main><article>
<h1>Harbour council backs ferry plan</h1>
<p class="byline">By Lena Ortiz</p>
{paragraphs}
<div class="share">Share this article <a href="#">Facebook</a> <a href="#">Twitter</a></div>
<div class="reactions"><h3>What's Your Reaction?</h3>
<span class="label">Like</span><span class="count">12</span>
<span class="label">Angry</span><span class="count">3</span>
<span class="label">Sad</span><span class="count">0</span></div>
</article></main>
<footer><p>Copyright 2024 Northvale Gazette. All rights reserved.</p></footer>
</body></html>
""".replace("{paragraphs}", "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS))


def test_main_text_and_metadata_are_extracted():
    doc = extract_html(PAGE.encode("utf-8"), source="ferry.html")
    assert doc.via == "html" and doc.source == "ferry.html"
    for paragraph in PARAGRAPHS:
        assert paragraph in doc.text
    assert doc.text.split("\n\n")[0] == PARAGRAPHS[0]
    assert doc.title == "Harbour council backs ferry plan"
    assert doc.author == "Lena Ortiz"
    assert doc.published.startswith("2024-03-12")
    assert doc.outlet == "Northvale Gazette"
    assert doc.url == "https://gazette.example/news/ferry-plan"
    assert doc.language == "en"


def test_site_chrome_is_not_in_the_text():
    text = extract_html(PAGE).text
    for chrome in ("Home", "cookies", "Share this article", "Reaction", "All rights reserved"):
        assert chrome not in text


def test_reaction_counts_come_from_the_page_widget():
    assert extract_html(PAGE).reactions == {"like": 12, "angry": 3, "sad": 0}


def test_page_without_reaction_widget_has_no_reactions():
    page = PAGE.split('<div class="reactions">')[0] + "</article></main></body></html>"
    assert extract_html(page).reactions == {}


def test_truncated_html_still_yields_the_text_seen_so_far():
    cut = PAGE[: PAGE.index(PARAGRAPHS[3][:40])]
    doc = extract_html(cut)
    assert PARAGRAPHS[0] in doc.text
    assert PARAGRAPHS[3] not in doc.text


def test_gzipped_page_bytes_are_accepted():
    doc = extract_html(gzip.compress(PAGE.encode("utf-8")))
    assert PARAGRAPHS[1] in doc.text


def test_cp1252_page_declared_in_meta_decodes_quotes():
    page = PAGE.replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    doc = extract_html(page.encode("cp1252"))
    assert "“This is the day the town has waited for,”" in doc.text


def test_page_without_article_text_raises_no_text():
    page = "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    with pytest.raises(SourceError) as info:
        extract_html(page, source="index.html")
    assert info.value.reason in {"no-text", "invalid-html"}
    assert info.value.source == "index.html"


@pytest.mark.parametrize("garbage", ["<<<>>>", "<html><body><p>", "</div></div>", "\x00\x01<p>"])
def test_invalid_html_raises_source_error_not_a_crash(garbage):
    with pytest.raises(SourceError) as info:
        extract_html(garbage, source="bad.html")
    assert info.value.reason in {"no-text", "invalid-html", "empty"}


def test_empty_page_raises_empty():
    with pytest.raises(SourceError) as info:
        extract_html(b"", source="blank.html")
    assert info.value.reason == "empty"


def test_looks_like_html_tells_pages_from_plain_text():
    assert looks_like_html(PAGE)
    assert looks_like_html(PAGE.encode("utf-8"))
    assert looks_like_html("<div><p>One</p><p>Two</p></div>")
    assert not looks_like_html("Harbour Council Backs Ferry Plan\n\nThe council voted <3 times>.")
    assert not looks_like_html(b"Plain text with a <b> tag mention")
