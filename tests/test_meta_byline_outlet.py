"""Bylines without dates, roles and photo credits; outlets that are names, never copyright lines."""

import pytest

from storyline.ingest.html import extract_html
from storyline.ingest.meta import clean_author, clean_outlet


@pytest.mark.parametrize("byline, expected", [
    ("Dec", None),
    ("Published January", None),
    ("Jan 4", None),
    ("Updated", None),
    ("STAFF PHOTO BY MARTA KELLEN", None),
    ("Lena Ortiz; File", "Lena Ortiz"),
    ("Lena Ortiz, Staff Writer", "Lena Ortiz"),
    ("Tomas Fek Staff Writer", "Tomas Fek"),
    ("Ada Brennick; Deputy Business Editor", "Ada Brennick"),
    ("Petra Osk Monday; November", "Petra Osk"),
    ("Analysis by Ilsa Marren; NVG Editor-at-large", "Ilsa Marren"),
    ("Ilsa Marren; Northvale Herald Washington Bureau", "Ilsa Marren"),
    ("Our Special Correspondent", None),
    ("Fighting back", None),
    ("Jean de la Croix", "Jean de la Croix"),
    ("Lena Ortiz and Tomas Fek", "Lena Ortiz; Tomas Fek"),
])
def test_bylines_keep_only_names(byline, expected):
    assert clean_author(byline) == expected


def test_a_byline_part_that_is_the_site_is_dropped():
    assert clean_author("Lena Ortiz; Northvale co uk", host="www.northvale.co.uk") == "Lena Ortiz"
    assert clean_author("Lena Ortiz; Lortiz Com", host="www.northvale.com") == "Lena Ortiz"


@pytest.mark.parametrize("value, expected", [
    ("\u00a9 MMVIII, Fictional Stations Group. All rights reserved.", None),
    ("\u00a9 2008 Northvale Media Group", None),
    ("Copyright 2001-2008 Harbour Ledger Ltd", None),
    ("Northvale Gazette", "Northvale Gazette"),
    ("https://www.northvalegazette.example", "northvalegazette.example"),
    ("@NorthvaleGazette", "NorthvaleGazette"),
    ("Breaking news, sport, weather and traffic for the whole of the Sallow coast", None),
])
def test_outlets_are_names(value, expected):
    assert clean_outlet(value) == expected


BODY = ("<p>The harbour council of Northvale voted seven to two on Tuesday to fund a new ferry "
        "crossing, ending two years of delays that had angered commuters.</p>"
        "<p>Mayor Elena Vasquez said construction would begin before the winter storms.</p>")


def test_the_outlet_is_the_title_part_naming_the_host():
    html = (f"<html><head><title>Ferry plan backed | The Harbour Ledger</title></head><body>"
            f"<h1>Ferry plan backed</h1>{BODY}<p>\u00a9 2008 Ledger Media Holdings</p>"
            "</body></html>")
    doc = extract_html(html, url="http://www.harbourledger.example/story/9")
    assert doc.outlet == "The Harbour Ledger"


def test_the_host_is_the_outlet_when_the_page_names_none():
    html = (f"<html><head><title>Ferry plan backed</title>"
            f'<meta property="og:site_name" content="\u00a9 MMVIII, Fictional Stations Group">'
            f"</head><body><h1>Ferry plan backed</h1>{BODY}</body></html>")
    doc = extract_html(html, url="http://www.kvnw-northvale.example/news/9")
    assert doc.outlet == "kvnw-northvale.example"


def test_a_byline_naming_the_publication_after_the_is_not_a_writer():
    assert clean_author("The Ledger", host="www.ledgeronline.example") is None
    assert clean_author("The Ledger", outlet="Ledger Online") is None
    assert clean_author("The Associated Press", host="www.ledgeronline.example") \
        == "The Associated Press"


def test_a_section_part_of_the_site_name_is_not_the_outlet():
    html = ("<html><head><title>Northvale.example - News - Ferry plan backed</title>"
            "<meta property='og:site_name' content='Northvale.example - News'></head><body>"
            f"<h1>Ferry plan backed</h1>{BODY}</body></html>")
    doc = extract_html(html)
    assert doc.outlet == "Northvale.example"


def test_where_the_writer_filed_from_is_not_part_of_the_name():
    assert clean_author("By Lena Ortiz in Port Avel, Tomas Fek in London and,Ilsa Marren in "
                        "San Feliu") == "Lena Ortiz; Tomas Fek; Ilsa Marren"
    assert clean_author("Ada Brennick: Analysis") == "Ada Brennick"
    assert clean_author("Email") is None


def test_the_byline_in_the_article_header_is_read_when_the_extractor_finds_none():
    html = ("<html><head><title>Ferry plan backed</title></head><body><div class='story'>"
            "<div class='story-header'><h2>Ferry plan backed</h2><p>By Lena Ortiz in Port "
            "Avel and Tomas Fek in London</p></div>"
            f"<div class='story-body'>{BODY}</div></div></body></html>")
    assert extract_html(html, url="https://northvale.example/s/1").author \
        == "Lena Ortiz; Tomas Fek"
    html = ("<html><head><title>Ferry plan backed</title></head><body><div class='story'>"
            "<h1>Ferry plan backed</h1><div class='article-author'><span>Ada Brennick: "
            f"Analysis</span></div><div class='story-body'>{BODY}</div></div></body></html>")
    assert extract_html(html, url="https://northvale.example/s/2").author == "Ada Brennick"


def test_a_byline_shown_after_from_is_the_source_publication_not_the_writer():
    html = ("<html><head><title>Ferry plan backed</title></head><body><div class='story'>"
            "<h1>Ferry plan backed</h1><div class='article-author'><span>Ada Brennick: "
            "Analysis</span></div><div class='source'><span>From </span><span class='byline'>"
            f"The Ledger</span></div><div class='story-body'>{BODY}</div></div></body></html>")
    doc = extract_html(html)  # no URL: nothing says the Ledger is this site
    assert doc.author == "Ada Brennick"
