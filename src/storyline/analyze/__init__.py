"""Analyze: per-article NLP (entities, roles, quotes, time expressions, actions) with spans."""
