"""Publication dates: metadata first, then the date written with the article, never a guess."""

from datetime import date

import pytest

from storyline.ingest.html import extract_html
from storyline.ingest.meta import numeric_date_order, written_dates

BODY = """
<p>The harbour council of Northvale voted seven to two on Tuesday to fund a new ferry crossing,
ending two years of delays that had angered commuters on both sides of the Sallow Strait.</p>
<p>Mayor Elena Vasquez said construction would begin before the winter storms, and that the
first crossings would run within eighteen months of the contract being signed.</p>
"""


def page(header: str, *, head: str = "", sidebar: str = "", footer: str = "") -> str:
    return (f"<html><head><title>Harbour council backs ferry plan</title>{head}</head><body>"
            f"<div class='side'>{sidebar}</div><div id='main'><h1>Harbour council backs ferry "
            f"plan</h1>{header}<div class='story'>{BODY}</div></div>{footer}</body></html>")


def test_a_us_site_writes_numeric_dates_month_first():
    doc = extract_html(page("<p>Posted 01/11/2008 9:40 AM</p>"),
                       url="https://www.northvaleherald.com/story/77")
    assert doc.published == "2008-01-11"


def test_a_country_domain_writes_them_day_first_and_the_page_own_dates_decide_first():
    doc = extract_html(page("<p>Last updated: 10/01/2008</p>"),
                       url="https://www.northvale.example.co.uk/story/77")
    assert doc.published == "2008-01-10"
    # a .com page whose other dates show day first (25/12/2007) is read day first
    doc = extract_html(page("<p>Last updated: 10/01/2008</p>",
                            sidebar="<a href='/o'>Older story 25/12/2007</a>"),
                       url="https://www.northvaleherald.com/story/78")
    assert doc.published == "2008-01-10"


def test_the_date_written_with_the_article_beats_dates_in_teaser_lists():
    sidebar = "".join(f"<li><a href='/s{i}'>Ferry story {i} 1/{i + 5}/08</a></li>"
                      for i in range(1, 5))
    doc = extract_html(page("<p>Staff and agenciesSaturday December 29, 2007Northvale Gazette"
                            "</p>", sidebar=f"<ul>{sidebar}</ul>"),
                       url="https://www.northvalegazette.example/s/1")
    assert doc.published == "2007-12-29"


def test_a_year_alone_is_never_stored_as_january_first():
    doc = extract_html(page("", footer="<p>&copy; 2008 Northvale Gazette</p>"),
                       url="https://www.northvalegazette.example/s/2")
    assert doc.published is None


def test_publication_metadata_wins_over_written_dates():
    head = '<meta property="article:published_time" content="2026-03-12T09:30:00+00:00">'
    doc = extract_html(page("<p>March 10, 2026</p>", head=head),
                       url="https://www.northvalegazette.example/s/3")
    assert doc.published == "2026-03-12T09:30:00+00:00"


def test_dates_in_the_future_are_not_published_dates():
    doc = extract_html(page("<p>Posted January 5, 2999</p>"),
                       url="https://www.northvalegazette.example/s/4")
    assert doc.published is None


@pytest.mark.parametrize("text, month_first, expected", [
    ("Posted Jan. 5, 20083:47 PM", False, date(2008, 1, 5)),
    ("5 January 2008", False, date(2008, 1, 5)),
    ("Tuesday, 8th of January, 2008", False, date(2008, 1, 8)),
    ("2008-01-16T10:00", False, date(2008, 1, 16)),
    ("01/11/2008", True, date(2008, 1, 11)),
    ("01/11/2008", False, date(2008, 11, 1)),
    ("25/01/08", True, date(2008, 1, 25)),
])
def test_written_dates_are_read_in_every_common_form(text, month_first, expected):
    assert [d.value for d in written_dates(text, month_first=month_first)] == [expected]


def test_a_year_or_a_month_and_day_alone_is_no_written_date():
    assert written_dates("Copyright 2008, updated Jan 4") == []


def test_the_page_order_of_numeric_dates_is_read_from_unambiguous_ones():
    assert numeric_date_order("on 12/25/2007 and 01/02/2008") is True
    assert numeric_date_order("on 25/12/2007 and 01/02/2008") is False
    assert numeric_date_order("on 01/02/2008") is None


@pytest.mark.parametrize("url, expected", [
    ("https://www.northvale.example/2026/03/12/ferry-plan", "2026-03-12"),
    ("https://edition.northvale.example/2026/WORLD/europe/03/12/ferry.plan/", "2026-03-12"),
    ("http://uk.sport.northvale.example/18032026/1/ferry-plan.html", "2026-03-18"),
])
def test_a_date_in_the_url_is_used_when_the_page_writes_none(url, expected):
    doc = extract_html(page(""), url=url)
    assert doc.published == expected


def test_a_date_split_by_markup_is_still_read():
    doc = extract_html(page("<p>Published:<br>Wednesday 16 January<br>2008</p>"),
                       url="https://www.northvale.example.co.uk/s/5")
    assert doc.published == "2008-01-16"


def test_a_date_only_written_by_a_time_stamp_script_is_the_publication_date():
    stamp = ("<div id='stamp'><script>document.write(nvgRenderTimeStamp(1199251664155,"
             "['January 2, 2008 -- Updated 0527 GMT (1327 HKT)']));</script></div>")
    doc = extract_html(page(stamp), url="https://www.northvale.example/2008/WORLD/01/01/ferry/")
    assert doc.published == "2008-01-02"
    other = "<script>var d = new Date(); trackVisit('Page seen on March 3, 2009');</script>"
    assert extract_html(page(other), url="https://northvale.example/n/1").published is None


def test_a_date_in_the_story_that_contradicts_the_url_date_gives_way_to_it():
    lead = ("<p>Magda Olin, who founded the ferry line on January 3, 2007, said the vote "
            "was the best news she had heard in years.</p>")

    def story(sidebar: str = "") -> str:
        return (f"<html><head><title>Ferry line founder hails vote</title></head><body>"
                f"<div class='side'>{sidebar}</div><div id='main'><h1>Ferry line founder "
                f"hails vote</h1><div class='story'>{lead}{BODY}</div></div></body></html>")

    doc = extract_html(story(), url="https://northvale.example/2008/01/02/ferry.html")
    assert doc.published == "2008-01-02"
    # without a URL, the date most of the page's own links carry
    links = "".join(f"<a href='/2008/01/02/{s}/'>{s}</a> " for s in
                    ("politics", "sport", "business", "opinion", "local"))
    assert extract_html(story(links)).published == "2008-01-02"
    assert extract_html(story()).published == "2007-01-03"  # nothing says otherwise
    # a date written in the header is the page's own, whatever the URL says
    doc = extract_html(page("<p>Posted January 5, 2008</p>"),
                       url="https://northvale.example/2008/01/02/ferry.html")
    assert doc.published == "2008-01-05"


@pytest.mark.parametrize("url, day", [
    ("https://kelmherald.example/Content/Jan112026/sports2.asp", date(2026, 1, 11)),
    ("https://kelmwire.example/releases/archive/January2026/06/c6796.html", date(2026, 1, 6)),
    ("https://orsknews.example/holnus/001202601111540.htm", date(2026, 1, 11)),
    ("https://orsknews.example/holnus/008202512271550.htm", date(2025, 12, 27)),
])
def test_dates_glued_into_url_paths_are_read(url, day):
    from storyline.ingest.page import _url_date

    assert _url_date(url) == day


@pytest.mark.parametrize("url", [
    "https://kelmherald.example/story/12345678901234.html",  # an id, no stamp
    "https://kelmherald.example/holnus/001202613111540.htm",  # month 13
    "https://kelmherald.example/mayor-2026/",  # a word and a year, no day
])
def test_numbers_that_are_no_date_in_a_url_are_not_read_as_one(url):
    from storyline.ingest.page import _url_date

    assert _url_date(url) is None


def test_a_masthead_date_above_the_headline_gives_way_to_the_url_date():
    masthead = "<div class='masthead'>Northvale Herald · Tuesday, January 15, 2008</div>"
    html = (f"<html><head><title>Harbour council backs ferry plan</title></head><body>"
            f"{masthead}<div id='main'><h1>Harbour council backs ferry plan</h1>"
            f"<div class='story'>{BODY}</div></div></body></html>")
    doc = extract_html(html, url="https://northvale.example/local/2008/01/05/ferry-plan.html")
    assert doc.published == "2008-01-05"
    # without a date in its URL, the masthead's date is all the page says
    assert extract_html(html, url="https://northvale.example/local/ferry-plan").published \
        == "2008-01-15"
