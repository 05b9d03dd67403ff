"""Benchmark documents into a store the way ingest would keep them."""

from __future__ import annotations

from typing import Any

from ..models import Document


def store_document(sl: Any, doc: Document) -> int:
    """The article id of ``doc`` in ``sl``'s store: an exact copy of an article already
    stored is that article (ingest keeps it as a sighting), anything else is added."""
    from ..ingest.dedupe import content_hash

    digest = content_hash(doc.text)
    known = sl.store.article_id_by_hash(digest)
    return known if known is not None else sl.store.add_article(doc, content_hash=digest,
                                                                url_key=None)
