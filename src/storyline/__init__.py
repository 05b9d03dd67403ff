"""storyline: turn a stream of news articles into a sourced, time-aware story dossier."""

__version__ = "0.1.0"
