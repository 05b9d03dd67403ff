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


def normalize_url(url: str) -> str:
    """Canonical key for a page URL.

    Lower-cases scheme and host, drops default ports, ``www.``-insensitive host is *not*
    assumed (some sites serve different pages), removes fragments, tracking parameters
    (``utm_*``, ``fbclid``, …) and a trailing slash, sorts the remaining query parameters and
    normalises percent-encoding. The original URL is stored as given; this is only the key.
    """
    url = url.strip()
    parts = urlsplit(url)
    scheme = parts.scheme.lower() or "http"
    host = (parts.hostname or "").lower().rstrip(".")
    port = parts.port if parts.port and parts.port != _DEFAULT_PORTS.get(scheme) else None
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
