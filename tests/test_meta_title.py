"""Headlines of real-world page shapes: site names in <title>, site suffixes, section headers."""

from storyline.ingest.html import extract_html

BODY = """
<p>The harbour council of Northvale voted seven to two on Tuesday to fund a new ferry crossing,
ending two years of delays that had angered commuters on both sides of the Sallow Strait.</p>
<p>Mayor Elena Vasquez said construction would begin before the winter storms, and that the
first crossings would run within eighteen months of the contract being signed.</p>
<p>Councillor Ada Brennick said she would ask the regional audit office to review the figures
before the first contract is signed early next year, because costs had risen twice already.</p>
"""


def page(title: str, header: str = "", sidebar: str = "") -> str:
    return (f"<html><head><title>{title}</title></head><body>"
            "<div id='nav'><a href='/'>Home</a> <a href='/news'>News</a> "
            "<a href='/sport'>Sport</a></div>"
            f"{sidebar}<div id='main'>{header}<div class='story'>{BODY}</div></div>"
            "</body></html>")


def test_a_title_that_is_the_site_name_gives_way_to_the_headline_above_the_article():
    html = page("Northvale Gazette",
                "<h1>Northvale Gazette</h1><h2>Harbour council backs ferry plan</h2>")
    doc = extract_html(html, url="https://www.northvalegazette.example/story/1")
    assert doc.title == "Harbour council backs ferry plan"


def test_section_names_are_never_a_headline():
    html = page("Archives", "<h2>Archives</h2><h2>Harbour council backs ferry plan</h2>",
                sidebar="<h3>Most viewed</h3>")
    doc = extract_html(html, url="https://northvale.example/a/2")
    assert doc.title == "Harbour council backs ferry plan"


def test_a_site_and_section_suffix_is_cut_from_the_title():
    html = page("Ferry crews return to work - World - Sport")
    doc = extract_html(html, url="https://news.northvale.example/x")
    assert doc.title == "Ferry crews return to work"


def test_a_site_prefix_naming_the_host_is_cut_even_with_a_colon():
    html = page("Harbour Ledger: Talks resume at Port Avel",
                "<h1>Harbour Ledger</h1><div class='headline'>Talks resume at Port Avel</div>")
    doc = extract_html(html, url="http://www.harbourledger.example/news?id=4")
    assert doc.title == "Talks resume at Port Avel"


def test_the_headline_shown_as_a_heading_wins_over_a_title_with_a_date_in_it():
    html = page("Harbour council backs ferry plan",
                "<h1>Harbour council backs ferry plan <span>(14/01/2026)</span></h1>")
    doc = extract_html(html, url="https://northvale.example/n/5")
    assert doc.title == "Harbour council backs ferry plan"


def test_a_standalone_line_above_the_article_is_the_headline_when_nothing_else_is():
    html = page("", "<div class='sh'>Harbour council backs ferry plan</div>")
    doc = extract_html(html, url="https://northvale.example/n/6")
    assert doc.title == "Harbour council backs ferry plan"


def test_an_image_caption_above_the_article_is_not_a_headline():
    html = page("", "<div class='pic'><img src='a.jpg'><div>Mayor Elena Vasquez at the "
                "quay</div></div>")
    doc = extract_html(html, url="https://northvale.example/n/7")
    assert doc.title != "Mayor Elena Vasquez at the quay"


def test_a_site_prefix_before_a_colon_goes_when_the_rest_is_shown_alone():
    html = page("NVG: Ferry crews return to work",
                "<font><b><p>Ferry crews return to work</b><br></font>")
    assert extract_html(html).title == "Ferry crews return to work"


def test_a_site_prefix_before_a_colon_goes_when_it_names_the_host_of_the_pages_links():
    links = "".join(f"<a href='http://home.nvg.example/{n}'>Link {n}</a> " for n in range(4))
    html = page("NVG: Ferry crews return to work", sidebar=f"<div>{links}</div>")
    assert extract_html(html).title == "Ferry crews return to work"


def test_a_colon_inside_a_headline_is_kept():
    html = page("Vasquez: the ferry will run by spring")
    assert extract_html(html).title == "Vasquez: the ferry will run by spring"


def test_a_label_after_a_colon_is_not_the_headline():
    html = page("Ferry Crews Return: film review", "<div class='kicker'>film review</div>")
    assert extract_html(html).title == "Ferry Crews Return: film review"
