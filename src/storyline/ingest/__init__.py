"""Ingest: read sources (files, HTML, JSON lines, feeds, URLs), extract clean text and metadata."""
