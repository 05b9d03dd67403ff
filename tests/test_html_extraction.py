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


MORE = [
    "Engineers from the fictional Castellan Works said the first hull sections would arrive by "
    "barge in April, and that the yard had already hired forty welders for the job.",
    "The port authority expects the crossing to carry about nine hundred passengers a day in "
    "its first year, rising as the new housing district on the north shore fills up.",
    "Residents of the north shore, who now drive for an hour around the estuary to reach the "
    "town centre, welcomed the vote at a packed meeting in the community hall.",
]


def _page(body: str, title: str = "Harbour council backs ferry plan") -> str:
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title}"
            f"</title></head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
            f"<main>{body}</main><footer><p>Northvale Gazette</p></footer></body></html>")


def _paras(paragraphs: list[str]) -> str:
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def test_article_split_over_several_body_containers_is_extracted_whole():
    body = (f"<h1>Harbour council backs ferry plan</h1>"
            f"<div class='story-chunk article-body'>{_paras(PARAGRAPHS)}</div>"
            "<div class='ad-slot'><p>Advertisement</p></div>"
            "<aside class='newsletter'><p>Get the Northvale briefing every morning.</p></aside>"
            f"<div class='story-chunk article-body'>{_paras(MORE)}</div>")
    text = extract_html(_page(body)).text
    paragraphs = text.split("\n\n")
    for paragraph in PARAGRAPHS + MORE:
        assert paragraph in paragraphs
    assert paragraphs.index(PARAGRAPHS[-1]) < paragraphs.index(MORE[0])
    assert "briefing" not in text


def test_teasers_reusing_the_body_class_are_not_joined_to_the_article():
    teasers = "".join(
        f"<div class='teaser'><div class='article-body'><a href='/n/{i}'>{title}</a></div></div>"
        for i, title in enumerate(["Mayor opens new library wing", "Ferry fares to rise in May",
                                   "Storm closes the coast road again"]))
    body = (f"<div class='article-body'>{_paras(PARAGRAPHS + MORE)}</div>"
            f"<section class='more'>{teasers}</section>")
    text = extract_html(_page(body)).text
    assert MORE[-1] in text
    assert "library wing" not in text and "coast road" not in text


def test_embedded_social_post_is_kept_with_its_author_line():
    post = ("<div class='social-embed widget'><blockquote class='twitter-tweet'>"
            "<p lang='en'>The ferry vote passed tonight. Thank you to everyone who came to the "
            "hall!<br><br>Work starts in spring. <a href='https://t.example/x1'>pic.example/x1</a>"
            "</p>— Elena Vasquez (@mayor_vasquez_nv) <a href='https://social.example/s/1'>"
            "March 12, 2024</a></blockquote></div>")
    body = (f"<div class='article-body'>{_paras(PARAGRAPHS[:2])}{post}"
            f"{_paras(PARAGRAPHS[2:])}</div>")
    paragraphs = extract_html(_page(body)).text.split("\n\n")
    assert ("The ferry vote passed tonight. Thank you to everyone who came to the hall!"
            in paragraphs)
    assert "Work starts in spring. pic.example/x1" in paragraphs
    assert "— Elena Vasquez (@mayor_vasquez_nv) March 12, 2024" in paragraphs
    assert paragraphs.index(PARAGRAPHS[1]) < paragraphs.index("Work starts in spring. "
                                                              "pic.example/x1")


def test_hover_card_inside_a_sentence_does_not_repeat_the_linked_name():
    card = ("<span class='rollover-people-block'><span><a href='/people/vasquez'>Elena Vasquez"
            "</a><a href='/n/1'>Vasquez names new harbour master</a><a href='/n/2'>Town budget "
            "passes after long night</a></span></span>")
    sentence = (f"<p>The plan was first put forward by Mayor <a href='/people/vasquez'>Elena "
                f"Vasquez</a>{card} in a speech to the chamber of commerce last autumn, when she "
                f"said the town could not wait another decade for a crossing.</p>")
    body = f"<div class='article-body'>{_paras(PARAGRAPHS)}{sentence}</div>"
    text = extract_html(_page(body)).text
    assert ("The plan was first put forward by Mayor Elena Vasquez in a speech to the chamber "
            "of commerce last autumn") in text
    assert "harbour master" not in text and "long night" not in text


def test_teaser_grid_of_linked_headlines_is_removed_before_extraction():
    # trafilatura drops simple grids itself; the preparation step must drop them whatever
    # the surrounding layout, so it is checked on the tree it hands to trafilatura.
    from lxml import html as lxml_html

    from storyline.ingest.html import _prepare

    grid = "".join(
        f"<a href='/n/{i}'><img src='/i/{i}.jpg' alt=''><h3>{title}</h3></a>"
        for i, title in enumerate(["Northvale library reopens after flood repairs",
                                   "Ferry fares to rise in May, council says",
                                   "Storm closes the coast road for a third time"]))
    tree = lxml_html.fromstring(_page(
        f"<div class='page-wrap'>{_paras(PARAGRAPHS)}<div class='grid'>{grid}</div>"
        f"<p>Sources: <a href='/a'>harbour minutes</a>, <a href='/b'>budget</a> and "
        f"<a href='/c'>the audit office</a>, all published this week.</p></div>"))
    _prepare(tree)
    text = tree.text_content()
    assert "library reopens" not in text and "coast road" not in text
    assert PARAGRAPHS[-1] in text and "harbour minutes" in text


def test_link_list_ending_the_article_is_dropped_with_its_heading():
    items = "".join(
        f"<li>{lead} <a href='/n/{i}'>{link}</a></li>"
        for i, (lead, link) in enumerate([("The quiet life of", "a lighthouse keeper"),
                                          ("Why the", "estuary birds came back"),
                                          ("Inside the", "Castellan shipyard's busiest year")]))
    body = (f"<div class='article-body'>{_paras(PARAGRAPHS + MORE)}<hr>"
            f"<div class='heading-small'>More Great Gazette Stories</div><ul>{items}</ul></div>")
    text = extract_html(_page(body)).text
    assert text.endswith(MORE[-1])
    assert "lighthouse" not in text and "More Great" not in text


def test_bulleted_list_inside_the_article_is_kept():
    items = "".join(f"<li>{item} <a href='/doc/{i}'>(plan)</a></li>" for i, item in enumerate(
        ["a crossing every twenty minutes at peak hours",
         "a new car park beside the north shore slipway"]))
    body = (f"<div class='article-body'>{_paras(PARAGRAPHS)}<p>The plan promises:</p>"
            f"<ul>{items}</ul>{_paras(MORE)}</div>")
    text = extract_html(_page(body)).text
    assert "a crossing every twenty minutes at peak hours" in text
    assert "a new car park beside the north shore slipway" in text


# A page laid out with tables, the way many news sites were built: a navigation cell, the
# article cell and a sidebar cell in one grid, with a results table inside the article.
LAYOUT_TABLE_PAGE = """<html><head><title>Ferry crews return to work</title></head><body>
<table width="100%" border="0" cellpadding="0"><tr>
<td width="150"><a href="/">Home</a><br><a href="/news">News</a><br><a href="/sport">Sport</a>
<br><a href="/weather">Weather</a></td>
<td><h1>Ferry crews return to work</h1>
{paragraphs}
<table><tr><th>Crossing</th><th>Sailings</th></tr>
<tr><td>Northvale to Morrow</td><td>12</td></tr>
<tr><td>Morrow to Lindqvist</td><td>8</td></tr></table>
</td>
<td width="200"><table><tr><td><a href="/a">Most viewed: Storm hits the coast road</a></td></tr>
<tr><td><a href="/b">Most viewed: Harbour fees rise again</a></td></tr></table></td>
</tr></table></body></html>
""".replace("{paragraphs}", "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS))


def test_layout_tables_give_paragraphs_not_pipe_rows():
    doc = extract_html(LAYOUT_TABLE_PAGE, source="layout.html")
    for paragraph in PARAGRAPHS:
        assert paragraph in doc.text
    assert "| |" not in doc.text
    assert not any(line.startswith("|") and "Northvale" in line and "Vasquez" in line
                   for line in doc.text.splitlines())
    assert "Weather" not in doc.text and "Most viewed" not in doc.text


def test_data_tables_inside_the_article_stay_tables():
    doc = extract_html(LAYOUT_TABLE_PAGE, source="layout.html")
    assert "Northvale to Morrow" in doc.text
    row = next(line for line in doc.text.splitlines() if "Northvale to Morrow" in line)
    assert "12" in row


def test_a_utf8_page_declaring_latin1_is_stored_without_mojibake_and_says_so():
    page = LAYOUT_TABLE_PAGE.replace(
        "<head>", '<head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">')
    doc = extract_html(page.encode("utf-8"), source="latin1.html")
    assert "“This is the day the town has waited for,”" in doc.text
    assert "â€" not in doc.text
    assert doc.extra["decoding"] == ["declared iso-8859-1 but the bytes are UTF-8"]


ARTICLE_HTML = "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS)


@pytest.mark.parametrize("damaged", [
    # a <title> never closed: the parser would read the whole page as its title
    "<html><head><title>Harbour council backs ferry plan\n<script>var x = 1;</script>"
    "</head><body><div id='story'>" + ARTICLE_HTML + "</div></body></html>",
    # a doctype cut before its '>'
    "<!DOCTYPE htm   <div id='story'>" + ARTICLE_HTML + "</div></body></html>",
    # a self-closed <html .../> after a cut attribute: the document would end there
    '<!DOCTYPE html>\n<html xlogo.png" alt="Northvale Gazette" /></a></td><div>'
    + ARTICLE_HTML + "</div></body></html>",
])
def test_pages_with_damaged_markup_keep_their_text(damaged):
    doc = extract_html(damaged.encode("utf-8"), source="damaged.html")
    for paragraph in PARAGRAPHS:
        assert paragraph in doc.text


def test_a_lead_written_loose_before_the_first_paragraph_is_kept():
    lead = ("Ferry crews in the fictional port of Northvale returned to work on Monday after a "
            "week-long strike over night shifts.")
    body = (f"<div id='storyBody'>\n{lead}\n{_paras(PARAGRAPHS)}</div>")
    paragraphs = extract_html(_page(body)).text.split("\n\n")
    assert paragraphs[0] == lead


def test_text_cut_by_an_advertisement_block_is_kept():
    first = "“We will not sail until the rota is fixed,” said union steward Tomas Fek,"
    rest = ("“and every captain in this harbour knows why,” he added, standing on the quay "
            "beside the idle ferries.")
    body = (f"<div class='story'>{_paras(PARAGRAPHS[:2])}<p>{first}"
            "<div class='ad'><script>showAd('mpu');</script>Advertisement</div>"
            f"{rest}</p>{_paras(PARAGRAPHS[2:])}</div>")
    text = extract_html(_page(body)).text
    assert first in text and rest in text
    assert "Advertisement" not in text
    assert text.index(first) < text.index(rest) < text.index(PARAGRAPHS[2])


def test_loose_script_text_and_menus_are_not_made_paragraphs():
    junk = "'); } else { document.write(''); } } //--> Home | News | Sport | Weather"
    body = f"<div class='story'>{junk}{_paras(PARAGRAPHS)}</div>"
    text = extract_html(_page(body)).text
    assert "document.write" not in text


TEASERS = [("Storm closes the coast road for a third time",
            "Drivers were sent inland as waves broke over the sea wall near Elmsby."),
           ("Library reopens after the winter flood repairs",
            "The reading room has new shelves and a café run by volunteers."),
           ("Ferry fares to rise in May, council says",
            "Season tickets will cost a fifth more from the first of the month.")]


@pytest.mark.parametrize("box", [
    "<h3>Most viewed</h3><ul>" + "".join(
        f"<li><a href='/n/{i}'>{t}</a><br>{s}</li>" for i, (t, s) in enumerate(TEASERS))
    + "</ul>",
    "<h3>Blog watch</h3><dl>" + "".join(
        f"<dt><a href='/n/{i}'>{t}</a></dt><dd>{s}</dd>" for i, (t, s) in enumerate(TEASERS))
    + "</dl>",
])
def test_teaser_boxes_with_summaries_are_not_article_text(box):
    # the box sits in the same column as the story, as on many 2008-era templates
    body = f"<div id='col'>{_paras(PARAGRAPHS)}<div class='morestoryfeat'>{box}</div></div>"
    text = extract_html(_page(body)).text
    for paragraph in PARAGRAPHS:
        assert paragraph in text
    for title, summary in TEASERS:
        assert title not in text and summary not in text


def test_a_list_inside_the_article_followed_by_prose_is_kept():
    items = "".join(f"<li><a href='/d/{i}'>{t}</a>: {s}</li>" for i, (t, s) in enumerate(TEASERS))
    body = (f"<div class='article-body'>{_paras(PARAGRAPHS[:2])}<ul>{items}</ul>"
            f"{_paras(PARAGRAPHS[2:])}</div>")
    text = extract_html(_page(body)).text
    assert TEASERS[0][1] in text and PARAGRAPHS[-1] in text


def test_a_sentence_cut_by_a_line_break_in_the_markup_stays_one_paragraph():
    quote = ("<p>“I want to start the first game,” says the keeper of next month’s<br>"
             "international. “I see this as my time.”</p>")
    body = f"<div class='story'>{quote}{_paras(PARAGRAPHS)}</div>"
    paragraphs = extract_html(_page(body)).text.split("\n\n")
    assert ("“I want to start the first game,” says the keeper of next month’s international. "
            "“I see this as my time.”") in paragraphs


def test_a_numbered_box_of_links_inside_the_story_is_not_text():
    box = ("<p class='textBox'><strong>Ferry: all the coverage...</strong><br><br>" + "".join(
        f"{i}. <a href='/f/{i}'>{t}</a><br><br>" for i, (t, _) in enumerate(TEASERS * 2, 1))
        + "</p>")
    body = f"<div class='story'>{_paras(PARAGRAPHS[:2])}{box}{_paras(PARAGRAPHS[2:])}</div>"
    text = extract_html(_page(body)).text
    assert PARAGRAPHS[-1] in text
    assert not any(title in text for title, _ in TEASERS)


def _story_page(head: str = "", description: str | None = None, site: str = "",
                title: str = "Harbour council backs ferry plan", tail: str = "") -> str:
    meta = f'<meta name="description" content="{description}">' if description else ""
    site_meta = f'<meta property="og:site_name" content="{site}">' if site else ""
    paragraphs = "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (f"<html><head><title>{title}</title>{meta}{site_meta}</head><body>"
            "<div id='nav'><a href='/'>Home</a> <a href='/news'>News</a></div>"
            f"<div id='newsContentWrapper'><div class='left'><div class='label'> </div>"
            f"<h1>{title}</h1>{head}</div><br/>{paragraphs}{tail}</div></body></html>")


def test_a_standfirst_in_an_h2_below_the_headline_becomes_the_dek():
    standfirst = ("The fictional town of Northvale will get its ferry crossing after a "
                  "seven-to-two vote, the harbour council announced. Work starts in spring.")
    html = _story_page(f"<h2>{standfirst}</h2>",
                       description="the gazette: independent newspaper, business and general news")
    doc = extract_html(html, url="https://www.northvalegazette.example/2026/01/02/ferry")
    assert doc.dek == standfirst
    assert doc.text.startswith("The harbour council")


def test_a_standfirst_paragraph_marked_by_its_class_is_never_lost():
    standfirst = "Commuters on both sides of the Sallow Strait have waited two years for it."
    html = _story_page(f"<p class='article-intro'>{standfirst}</p>")
    doc = extract_html(html, url="https://northvale.example/n/1")
    assert doc.dek == standfirst or doc.text.startswith(standfirst)
    assert doc.text.count(standfirst) <= 1


@pytest.mark.parametrize("description", [
    "displayarticle",
    "<a href='/x'>Northvale",
    "The latest local news, sport and weather from the Northvale Gazette on gazette.example",
    "Northvale Gazette",
])
def test_a_meta_description_that_describes_the_site_is_no_dek(description):
    html = _story_page(description=description, site="Northvale Gazette")
    doc = extract_html(html, url="https://gazette.example/n/2")
    assert doc.dek is None


def test_a_meta_description_that_summarises_the_article_is_the_dek():
    description = "Council vote ends two years of delay over the Northvale ferry crossing"
    html = _story_page(description=description, site="Northvale Gazette")
    doc = extract_html(html, url="https://gazette.example/n/3")
    assert doc.dek == description


def _prepared_text(html: str) -> str:
    from storyline.ingest.html import _parse, _prepare, _without_captions

    tree = _parse(html, "test")
    _prepare(tree)
    return " ".join(_without_captions(tree).text_content().split())


def test_a_photo_caption_is_dropped_before_extraction_and_the_lead_kept():
    caption = "Mayor Elena Vasquez waves after the ferry vote in Northvale, 4 May 2026"
    figure = (f"<TABLE class=APIMAGE width=210 align=left><TR><TD><IMG src='v.jpg' "
              f"alt='Northvale {caption}'></TD></TR><TR><TD class=imagecaption>{caption}</TD>"
              "</TR></TABLE>")
    html = (f"<html><body><span class='body'><P>{figure}{PARAGRAPHS[0]}</P>"
            f"<P>{PARAGRAPHS[1]}</P></span><figure><img src='w.jpg'><figcaption>Port Avel "
            "at dawn</figcaption></figure></body></html>")
    text = _prepared_text(html)
    assert caption not in text and "Port Avel at dawn" not in text
    assert PARAGRAPHS[0] in text


def test_a_short_block_repeating_an_image_alt_text_is_a_caption():
    caption = "Commuters queue for the last ferry of the old service at Port Avel"
    html = (f"<html><body><article><div><img src='q.jpg' alt='{caption}'><span>{caption}"
            f"</span></div><p>{PARAGRAPHS[0]}</p><p>{caption} was the scene on Tuesday, "
            "when the old ferry service ran for the last time.</p></article></body></html>")
    text = _prepared_text(html)
    assert text.count(caption) == 1
    assert PARAGRAPHS[0] in text


def test_a_meta_description_naming_someone_from_the_headline_is_the_dek():
    description = "Brennick has warned her rivals that she is still hungry for more."
    html = _story_page(description=description, site="Northvale Gazette",
                       title="Brennick aims for more titles")
    doc = extract_html(html, url="https://gazette.example/n/4")
    assert doc.dek == description


def test_a_story_span_holding_an_ad_block_is_read_as_a_block():
    from storyline.ingest.html import _parse, _prepare

    squad = "Provisional squad: Olin, Vasquez, Brennick, Marren, Ortiz, Fek, Osk, Kellen."
    lines = "<br><br>".join(PARAGRAPHS)
    html = ("<html><body><div><span class='storybody'>"
            f"{lines}<br><br>{squad}<br><br><div align='center'><script>showAd(3);</script>"
            "</div><br></span><span class='ad'><div id='slot'></div></span>"
            f"<p>{PARAGRAPHS[0]}</p></div></body></html>")
    tree = _parse(html, "test")
    _prepare(tree)
    assert tree.xpath("//*[@class='storybody']")[0].tag == "div"
    assert tree.xpath("//*[@class='ad']")[0].tag == "span"  # a widget wrapper, no text


def test_a_lead_that_the_page_repeats_as_an_image_alt_text_stays():
    html = (f"<html><body><article><div><img src='q.jpg' alt='{PARAGRAPHS[0]}'>"
            f"<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p></div></article></body></html>")
    assert PARAGRAPHS[0] in _prepared_text(html)
