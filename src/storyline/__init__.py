"""storyline: turn a stream of news articles into a sourced, time-aware story dossier.

    >>> import storyline
    >>> with storyline.open("news.db") as sl:
    ...     report = sl.ingest(["articles/", "feed.rss"])
    ...     for article in sl.articles(query="ceasefire"):
    ...         print(article.id, article.title)
"""

from .api import Storyline, analyze_document, extract, open
from .errors import (
    DataError,
    MissingDependency,
    NotFound,
    SettingsError,
    SourceError,
    StoreError,
    StorylineError,
)
from .models import (
    Action,
    Analysis,
    Article,
    ComponentRun,
    Document,
    Entity,
    Mention,
    Problem,
    Quote,
    RecordKind,
    Role,
    Sentence,
    Term,
    TimeExpr,
)
from .settings import SETTINGS, Settings, load_settings

__version__ = "0.1.0"


def __getattr__(name: str) -> object:
    # IngestReport lives with ingest, whose imports (trafilatura, lxml) are heavy:
    # loaded only when asked for, so commands that only read the store start fast.
    if name == "IngestReport":
        from .ingest.pipeline import IngestReport

        return IngestReport
    raise AttributeError(f"module 'storyline' has no attribute {name!r}")

__all__ = [
    "Action",
    "Analysis",
    "Article",
    "ComponentRun",
    "DataError",
    "Document",
    "Entity",
    "IngestReport",
    "Mention",
    "MissingDependency",
    "NotFound",
    "Problem",
    "Quote",
    "RecordKind",
    "Role",
    "SETTINGS",
    "Sentence",
    "Settings",
    "SettingsError",
    "SourceError",
    "StoreError",
    "Storyline",
    "StorylineError",
    "Term",
    "TimeExpr",
    "analyze_document",
    "extract",
    "load_settings",
    "open",
]
