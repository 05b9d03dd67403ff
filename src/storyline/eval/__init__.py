"""Eval: loaders and scorers for the public benchmark data sets in ../shared/data."""
