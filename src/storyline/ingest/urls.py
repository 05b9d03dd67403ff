"""URL normalisation: one key per article page, however the link was decorated."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

# Query parameters that track the reader, not the page.
_TRACKING = re.compile(
    r"^(utm_[a-z_]+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|igshid|yclid|"
    r"_ga|_gl|ref|ref_src|ref_url|cmpid|ocid|ito|smid|sr_share|share|s_cid|at_medium|at_campaign|"
    r"taid|spm|xtor|__twitter_impression|mkt_tok|oly_anon_id|oly_enc_id|vero_id|rss|outputType)$",
    re.IGNORECASE)
_DEFAULT_PORTS = {"http": 80, "https": 443}
_LISTING_WORDS = frozenset({"tag", "tags", "category", "categories", "section", "sections",
                            "topic", "topics", "author", "authors", "search", "archive",
                            "archives", "page"})


def normalize_url(url: str) -> str | None:
    """Canonical key for a page URL, or None when ``url`` is not a usable http(s) URL.

    Lower-cases scheme and host, drops default ports, ``www.``-insensitive host is *not*
    assumed (some sites serve different pages), removes fragments, tracking parameters
    (``utm_*``, ``fbclid``, …) and a trailing slash, sorts the remaining query parameters and
    normalises percent-encoding. The original URL is stored as given; this is only the key.
    Never raises: a bad port (``:99999``), an unclosed IPv6 bracket or a non-http scheme give
    None, so one malformed link cannot stop a run.
    """
    if not isinstance(url, str):
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower() or "http"
    if scheme not in _DEFAULT_PORTS:
        return None
    host = (parts.hostname or "").lower().rstrip(".")
    if not host or any(ch.isspace() for ch in host):
        return None
    port = port if port and port != _DEFAULT_PORTS.get(scheme) else None
    netloc = host + (f":{port}" if port else "")
    path = quote(unquote(parts.path or "/"), safe="/:@!$&'()*+,;=-._~%")
    path = re.sub(r"/{2,}", "/", path)
    if len(path) > 1:
        path = path.rstrip("/")
    if path.lower().endswith(("/index.html", "/index.htm")):
        path = path.rsplit("/", 1)[0] or "/"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not _TRACKING.match(k)]
    return urlunsplit((scheme, netloc, path, urlencode(sorted(query)), ""))


def is_listing_url(url: str | None) -> bool:
    """True for a URL that names a site's home or section page rather than one article.

    Pages often give their home page (``https://news.example/``) or a section
    (``…/latest-sport-news/``) as canonical or base URL; taken as the article's key, every
    article of the site would become "the same URL". A listing URL has no query and no digits
    in its path, and either no path at all, or one segment of at most three words
    (``sport``, ``latest-sport-news``), or short segments ending in one of at most two words
    (``world/europe``), or it starts with a listing word (``tag/…``, ``category/…``).
    Article slugs are longer or carry a date or an id.
    """
    key = normalize_url(url) if url else None
    if key is None:
        return False
    parts = urlsplit(key)
    if parts.query:
        return False
    segments = [seg for seg in unquote(parts.path).split("/") if seg]
    if not segments:
        return True
    if segments[0].lower() in _LISTING_WORDS and len(segments) <= 3:
        return True
    if any(ch.isdigit() for seg in segments for ch in seg):
        return False
    words = [len([w for w in re.split(r"[-_.+\s]+", seg) if w]) for seg in segments]
    # one short segment is a section; deeper, the last must be shorter still (world/europe)
    return all(n <= 3 for n in words) and (len(words) == 1 or words[-1] <= 2)


def article_url_key(url: str | None) -> str | None:
    """The key of an article's URL, or None when the URL is unusable or a listing page."""
    if not url:
        return None
    key = normalize_url(url)
    if key is None or is_listing_url(key):
        return None
    return key
