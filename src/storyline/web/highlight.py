"""An article's stored text as HTML: paragraphs, every sentence an anchor (``#s<index>``, so
any fact can link to the sentence it came from), and the entities, quotes and time
expressions the analysis found marked up — all text escaped.

Spans nest: sentences hold everything; inside them quotes hold speakers, time expressions and
mentions. A span that crosses the end of the one it starts in is cut there (a quote running
over two sentences is marked in each).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
#: Mentions worth marking (pronouns would mark every "he" and "it").
_MARKED_MENTIONS = {"name", "surname", "acronym", "title"}


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    level: int  # lower holds higher: 0 quote, 1 speaker / time, 2 mention
    open: str
    close: str


def marks_of(analysis: Any, links: Mapping[str, int]) -> list[Span]:
    """The spans to mark in an article: quotes (with their speakers), time expressions and
    the mentions of its entities (linked to the actor page when linking knows the actor)."""
    if analysis is None:
        return []
    spans: list[Span] = []
    for q in analysis.quotes:
        who = q.speaker or "unknown speaker"
        spans.append(Span(q.start_char, q.end_char, 0,
                          f'<span class="quote" title="{escape("Quote: " + who)}">',
                          "</span>"))
        if q.speaker_start_char is not None and q.speaker_end_char is not None:
            spans.append(Span(q.speaker_start_char, q.speaker_end_char, 1,
                              '<span class="speaker">', "</span>"))
    for t in analysis.time_exprs:
        value = t.value or "?"
        spans.append(Span(t.start_char, t.end_char, 1,
                          f'<span class="time" title="{escape(t.type + " " + value)}">',
                          "</span>"))
    for e in analysis.entities:
        cid = links.get(e.id)
        for m in e.mentions:
            if m.kind not in _MARKED_MENTIONS:
                continue
            if cid is not None:
                tag = (f'<a class="ent ent-{escape(e.type)}" href="/entities/{int(cid)}" '
                       f'title="{escape(e.type + ": " + e.name)}">')
                spans.append(Span(m.start_char, m.end_char, 2, tag, "</a>"))
            else:
                spans.append(Span(m.start_char, m.end_char, 2,
                                  f'<span class="ent ent-{escape(e.type)}">', "</span>"))
    return spans


def article_html(text: str, sentences: Iterable[Any] = (), spans: Iterable[Span] = ()
                 ) -> Markup:
    """The text as ``<p>`` paragraphs of ``<span class="s" id="s<index>">`` sentences with the
    ``spans`` marked inside."""
    sents = sorted(((s.start_char, s.end_char, s.index) for s in sentences
                    if 0 <= s.start_char < s.end_char <= len(text)), key=lambda t: t[0])
    marks = sorted((s for s in spans if 0 <= s.start < s.end <= len(text)),
                   key=lambda s: (s.start, -s.end, s.level))
    out: list[str] = []
    seen_ids: set[int] = set()
    for p_start, p_end in _paragraphs(text):
        out.append("<p>")
        pos = p_start
        for s_start, s_end, index in sents:
            a, b = max(s_start, p_start), min(s_end, p_end)
            if a >= b or a < pos:
                continue
            out.append(_nest(text, pos, a, marks))
            anchor = "" if index in seen_ids else f' id="s{int(index)}"'
            seen_ids.add(index)
            out.append(f'<span class="s"{anchor}>{_nest(text, a, b, marks)}</span>')
            pos = b
        out.append(_nest(text, pos, p_end, marks))
        out.append("</p>\n")
    return Markup("".join(out))


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return out


def _plain(text: str) -> str:
    return str(escape(text)).replace("\n", "<br>\n")


def _nest(text: str, a: int, b: int, marks: list[Span]) -> str:
    """``text[a:b]`` escaped, with the marks inside it (cut to it) nested."""
    if a >= b:
        return ""
    out: list[str] = []
    stack: list[tuple[int, str]] = []
    pos = a
    for m in marks:
        if m.start >= b:
            break
        start, end = max(m.start, a), min(m.end, b)
        if start >= end or not text[start:end].strip():
            continue  # nothing left to mark here (a quote's piece of the gap between sentences)
        while stack and stack[-1][0] <= start:
            close_at, close = stack.pop()
            out.append(_plain(text[pos:close_at]) + close)
            pos = close_at
        if stack:
            end = min(end, stack[-1][0])
        if start < pos or start >= end:
            continue
        out.append(_plain(text[pos:start]) + m.open)
        stack.append((end, m.close))
        pos = start
    while stack:
        close_at, close = stack.pop()
        out.append(_plain(text[pos:close_at]) + close)
        pos = close_at
    out.append(_plain(text[pos:b]))
    return "".join(out)
