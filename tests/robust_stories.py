"""Distinct fictional news stories for robustness tests, made from a seed (no real text)."""

from __future__ import annotations

import random

_PEOPLE = ("Ilsa Marren", "Tomas Fek", "Petra Osk", "Jonas Weller", "Mira Selby", "Oren Vask",
           "Lena Ortiz", "Halvard Brune", "Anke Solberg", "Ravi Dunmore", "Edda Kvist")
_PLACES = ("Port Avel", "Lindqvist Harbour", "Morrow", "Northvale", "Brennhaven", "Orvedal",
           "Skarholm", "Kastra", "Sallow Strait", "Halvik")
_NOUNS = ("ferry", "council", "budget", "bridge", "harbour", "strike", "tariff", "railway",
          "reservoir", "pension", "school", "festival", "museum", "quota", "treaty", "court",
          "airport", "forest", "drought", "cargo", "grain", "vaccine", "election", "summit")
_VERBS = ("approved", "rejected", "delayed", "announced", "criticised", "funded", "inspected",
          "questioned", "welcomed", "postponed", "extended", "reviewed")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def story(seed: int, paragraphs: int = 5, sentences: int = 4) -> str:
    """A headline and body of ``paragraphs`` paragraphs, different for every seed."""
    rng = random.Random(seed)
    head = (f"{rng.choice(_PLACES)} {rng.choice(_NOUNS)} {rng.choice(_VERBS)} "
            f"after talks number {seed}")
    paras = []
    for p in range(paragraphs):
        parts = []
        for s in range(sentences):
            parts.append(
                f"{rng.choice(_PEOPLE)} said on {rng.choice(_DAYS)} that the "
                f"{rng.choice(_NOUNS)} in {rng.choice(_PLACES)} was {rng.choice(_VERBS)} by the "
                f"{rng.choice(_NOUNS)} board, item {seed}-{p}-{s} of "
                f"{rng.randint(2, 999)} {rng.choice(_NOUNS)}s.")
        paras.append(" ".join(parts))
    return head + "\n\n" + "\n\n".join(paras) + "\n"


def body(seed: int, paragraphs: int = 5) -> str:
    """The body of :func:`story` without its headline."""
    return story(seed, paragraphs).split("\n\n", 1)[1]
