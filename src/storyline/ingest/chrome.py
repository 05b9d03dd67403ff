"""Site chrome removal: reader-reaction widgets, share prompts, "read more" lists, credits, footers.

Every rule is line-level and anchored to a whole, short line, so body sentences that merely use
the same words ("Read more about the plan in the report, the minister said.") are kept.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from .ruledata import derived as _derived

_APOS = "'\u2019\u2018`\u00b4"

REACTION_LABELS: frozenset[str] = frozenset(
    {"like", "dislike", "love", "funny", "angry", "sad", "wow", "haha", "lol", "omg", "wtf",
     "cute", "fail", "win", "geeky", "scary", "confused", "happy", "surprised", "upvote",
     "downvote", "care", "amazing", "shocked", "excited", "inspired", "informative", "useful"})

_REACTION_HEADER = re.compile(
    rf"^(?:what[{_APOS}]?s|what is) your reaction\s*[?!:.]*$", re.IGNORECASE)
_COUNT = re.compile(r"^\(?\d{1,9}\)?$")
_TOKEN = re.compile(r"[^\W\d_]+|\d+", re.UNICODE)

_W = r"[\w.&'\u2019-]+"  # a word in an outlet or network name
_NETWORKS = r"(?:facebook|twitter|x|linkedin|whatsapp|telegram|email|e-mail|reddit|pinterest|" \
            r"instagram|youtube|tiktok|threads|bluesky|mastodon|flipboard|messenger|sms)"

_SOCIAL = r"(?:facebook|twitter|linkedin|whatsapp|telegram|instagram|youtube|tiktok|threads|" \
          r"bluesky|mastodon|flipboard)"

# Whole-line patterns; each line is also capped in length by _is_chrome_line.
_CHROME_LINES: tuple[re.Pattern[str], ...] = tuple(re.compile(p, re.IGNORECASE) for p in (
    # share / follow / subscribe prompts
    rf"^(?:share|tweet|email|print|save)(?: (?:this|the))?(?: (?:article|story|post|page|link))?"
    rf"(?: (?:on|via|with) {_NETWORKS})?\s*[:!.]?$",
    rf"^(?:share|post) (?:on|to|via) {_NETWORKS}\s*[.!]?$",
    rf"^(?:{_NETWORKS}\s*[,|/]?\s*){{2,}}$",
    r"^(?:like|enjoy(?:ed)?|love)(?: this| the)? (?:story|article|post)\?.{0,60}\bshare\b.{0,60}$",
    r"^follow us\b.{0,120}$",
    rf"^follow\b.{{0,80}}\b{_SOCIAL}\b.{{0,80}}$",
    r"^(?:click here to |please )?subscribe(?: now| today| here)?\W*$",
    r"^(?:click here to |please )?subscribe to (?:our|the|my)?\s?.{0,60}"
    r"(?:newsletters?|channel|podcast|feed|alerts|updates|magazine)\W*$",
    r"^(?:sign up|signup)(?: now| today| here)?(?: (?:for|to)\b.{0,100})?[.!]?$",
    r"^get (?:the latest|our|the)\b.{0,80}\b(?:in|to) your inbox\b.{0,100}$",
    r"^(?:order reprints|print article|print this (?:article|page)|reprints?|permalink|"
    r"comments?|\d+ comments?|leave a comment|add a comment|post a comment|show comments|"
    r"view comments|tell us what you think\W*|join the (?:conversation|discussion))\W*$",
    # advertisements
    r"^(?:advertisement|advertising|sponsored(?: content)?|ad|promoted|paid content)\W*$",
    r"^(?:story|article) continues (?:below|after)(?: (?:the|this))? (?:advertisement|ad)\W*$",
    r"^continue reading (?:below|the main story)\W*$",
    # cookie notices
    r"^(?:we|this (?:web)?site|our (?:web)?site)\b.{0,200}\b(?:use|uses|using|place|store|set)s? "
    r"cookies\b.{0,300}$",
    r"^by (?:continuing|using)\b.{0,200}\bcookies\b.{0,200}$",
    r"^(?:accept(?: all)?(?: cookies)?|cookie (?:settings|policy|preferences)|"
    r"manage cookies|reject all)\W*$",
    # copyright footers
    r"^(?:\u00a9|\(c\)).{0,150}$",
    r"^copyright\s*(?:\u00a9|\(c\))?\s*(?:\d{4}|by\b).{0,150}$",
    r"^.{0,150}\ball rights reserved\W*$",
    # photo credits
    r"^\(?(?:photo|image|picture|photograph|video|graphic)s?(?: credits?)?\s*[:\u00a9]\s*.{1,100}\)?$",
    r"^\(?(?:photo|image|picture|photograph)s? (?:by|credit|courtesy(?: of)?|via)\b.{1,100}\)?$",
    r"^\(?(?:image|photo) credits?\b.{0,100}\)?$",
    r"^\(?file (?:photo|picture|image)\)?\.?$",
    # blog-engine footer of feed items: "The post <title> appeared first on <site>."
    r"^the post .{1,200} appeared first on .{1,100}$",
    # author contact lines: "Write to Jane Roe at jane@example.com", "Follow her @jroe"
    r"^(?:write to|email|e-mail|contact|reach|follow)\b.{0,150}(?:\S@\S|\s@\w).{0,150}$",
))

# A header that introduces a list of links to other articles.
_LIST_HEADER = re.compile(
    r"^(?:read more|read also|also read|related|related (?:articles?|stories|coverage|content|"
    r"posts|links|news|reading|topics)|more (?:stories|news|on this(?: story| topic)?|from \w.{0,40})|"
    r"see (?:also|more)|recommended(?: for you| stories| articles| reading)?|"
    rf"you (?:may|might) also (?:like|be interested in)|don[{_APOS}]?t miss|most (?:read|popular|viewed)|"
    r"trending(?: now| stories)?|top stories|latest (?:news|stories)|tags?|topics?|"
    r"what to read next|read next|up next|"
    # the same headers in the other languages the outlets we read are written in
    r"leia (?:tamb[e\u00e9]m|mais)|veja (?:tamb[e\u00e9]m|mais)|saiba mais|"
    r"not[i\u00ed]cias relacionadas|mat[e\u00e9]rias relacionadas|"
    r"lea (?:tambi[e\u00e9]n|m[a\u00e1]s)|lee (?:tambi[e\u00e9]n|m[a\u00e1]s)|"
    r"te puede interesar|noticias relacionadas|art[i\u00ed]culos relacionados|"
    r"(?:[a\u00e0] )?lire aussi|voir aussi|sur le m[e\u00ea]me sujet|articles? li[e\u00e9]s?|"
    r"lesen sie auch|mehr zum thema|auch interessant|das k[o\u00f6]nnte sie auch interessieren|"
    r"leggi anche|potrebbe interessarti|articoli correlati|"
    r"baca juga|berita terkait|artikel terkait)\s*(?:[:|\u00bb>]|\.{2,3}|\u2026)?$",
    re.IGNORECASE)

# A header with the linked title on the same line: "Read more: Council delays vote".
_INLINE_LINK = re.compile(
    rf"^(?:read more|read also|also read|related|see more|see also|more|don[{_APOS}]?t miss|"
    r"watch|listen|recommended|also on [\w.-]+\.[a-z]{2,})\s*(?:[:|\u00bb>\u2014-]\s*|\s)(.+)$",
    re.IGNORECASE)
_INLINE_NEEDS_SEPARATOR = re.compile(r"^(?:read more|read also|also read|related|see more|see also|"
                                     r"more|watch|listen|recommended)\s*[:|\u00bb>\u2014-]",
                                     re.IGNORECASE)

# Footers that are long but unmistakable.
_LONG_CHROME = re.compile(r"^this copy is for your personal,? non-commercial use only\b.*$",
                          re.IGNORECASE)
_MAX_BULLET_CHROME_WORDS = 4
_BULLET = re.compile(r"^[-\u2022*\u00b7]\s+")

# A promotion for the outlet's newsletter, magazine or paid tier: a call to action ("Sign up
# for...", "Click here...") in a line that also names what is sold. Only removed at the edges
# of the body, where boxes like this sit, so a story about a newsletter keeps its sentences.
_PROMO_ACTION = re.compile(
    r"(?:^|[.!?\u2026]\s+)(?:sign up|signup|subscribe|click here|register|use (?:the )?"
    r"(?:promo |discount |coupon )?code|get (?:it |them )?delivered|try it free)\b",
    re.IGNORECASE)
_PROMO_OFFER = re.compile(
    r"\b(?:newsletters?|inbox|subscriptions?|issues for|more information|free trial|"
    r"for as little as|delivered (?:to|through|straight))\b",
    re.IGNORECASE)
_MAX_PROMO_WORDS = 70

_MAX_CHROME_WORDS = 40
_HEADLINE_REPEAT_BLOCKS = 2  # the headline may be repeated above the lead or right after it
_MAX_LINK_TITLE_WORDS = 25
_MAX_LIST_ITEMS = 12


def remove_chrome(body: str, title: str | None = None) -> tuple[str, dict[str, int]]:
    """Remove site chrome from an article body; return the clean body and reaction counts.

    Removes, line by line (only whole, short lines ever go):

    1. the headline repeated above the lead or right after it, exactly (or, as the first
       line, with the outlet's name or a kicker added), when ``title`` is given;
    2. reader-reaction widgets: a "What's your reaction?" line followed by reaction labels
       (like, dislike, love, funny, angry, sad, wow...), alone or with counts ("Like 12",
       "12"), one per line or on one line; a run of label-only lines with at least four
       different labels counts as a widget even without the header. Counts go into the
       returned dict (``{"like": 12, "angry": 3}``);
    3. share / follow / subscribe / sign-up prompts, "Advertisement", cookie notices,
       "Copyright ... All rights reserved" footers, photo credits ("Photo: X/Agency",
       "(Photo by ...)", "Image credit ...", "File photo"), bare URLs;
    4. "Read more: <title>" / "Related: <title>" lines, and list headers ("Related articles",
       "Also read", "Don't miss", "Leia também", "Lesen Sie auch"...) together with the
       link-title lines that follow them;
    5. promotions at the first or last lines of the body: a call to action ("Sign up...",
       "Click here...") in a line naming what is sold (newsletter, subscription, issues);
    6. lines without a single word (separators and empty table rows: "|", "| | |");
       script code let into the text by broken markup (``document.write(``, ``} else {``);
       toolbars: short lines made only of tool words ("Print Email this", "Quote | Report
       this post", "Digg | del.icio.us"), and site prompts and notices ("We welcome your
       comments...", "Disclaimer: ..."); both word lists are in ``data/chrome.toml``;
    7. reader comments: from two signatures on ("Posted by Jane on January 10, 2008 5:58
       PM"), the comments they sign, with the text before the first signature taken to be
       as long as the other comments;
    8. the article's header above its first paragraph of prose: the headline repeated
       anywhere in it, date and time lines, "By ..." bylines, section labels ("World
       News"), toolbars and menu bullets of at most five words. Other short lines there (a
       sub-headline) stay;
    9. lines that are a date with a stamp word ("Published on 01/12/2008", "Updated: Jan 4,
       2008"), topic-link lines ("All About Northvale • Ada Brennick", ``topic_labels``)
       and print references ("World View, Page 14", "Continued on page 3");
    10. a toolbar glued to the end of the last sentence of a line ("...her husband. E-mail
        to a friend");
    11. the run of advertisements and legal notices after the article's end: from the last
        line back, lines that are an advertisement or notice (``ad_phrases``: "Contact our
        advertising team...", "Terms and Conditions"), shouting ("CLICK FOR PRIZE DRAW",
        "POA"), prices ("from £662"), a cut teaser ("...") or a web address, when at least
        one of them is an advertisement or notice (a lone line that reports something,
        "... said.", needs two phrases).

    A bullet before a line of at most four words ("- Print Article") does not protect it.

    Line breaks and blank lines between the kept lines are preserved.
    """
    lines = body.splitlines()
    keep = [True] * len(lines)
    reactions: dict[str, int] = {}
    if title:
        _drop_repeated_headline(lines, keep, title)
    _drop_article_header(lines, keep, title)
    _drop_reader_comments(lines, keep)
    i = 0
    while i < len(lines):
        if not keep[i]:
            i += 1
            continue
        line = lines[i].strip()
        if not line:
            i += 1
            continue
        end = _reaction_widget(lines, i, reactions)
        if end > i:
            for j in range(i, end):
                keep[j] = False
            i = end
            continue
        if _LIST_HEADER.match(line):
            keep[i] = False
            i = _drop_link_list(lines, keep, i + 1)
            continue
        if _is_chrome_line(line):
            keep[i] = False
        i += 1
    _drop_edge_promos(lines, keep)
    _drop_trailing_ads(lines, keep)
    _cut_trailing_tools(lines, keep)
    kept = [line for line, k in zip(lines, keep, strict=True) if k]
    return _tidy("\n".join(kept)), reactions


def _is_promo_line(line: str) -> bool:
    return (len(line.split()) <= _MAX_PROMO_WORDS and bool(_PROMO_ACTION.search(line))
            and bool(_PROMO_OFFER.search(line)))


def _drop_edge_promos(lines: list[str], keep: list[bool]) -> None:
    """Drop promotion lines at the start and at the end of the body."""
    for order in (range(len(lines)), range(len(lines) - 1, -1, -1)):
        for i in order:
            line = lines[i].strip()
            if not keep[i] or not line:
                continue
            if not _is_promo_line(line):
                break
            keep[i] = False


def _is_chrome_line(line: str) -> bool:
    # trafilatura writes list items as "- item"; a bulleted "Print Article" is still chrome,
    # but a longer bulleted line is a list item of the article ("- Sign up for the bundle").
    unbulleted = _BULLET.sub("", line)
    if unbulleted != line and len(unbulleted.split()) <= _MAX_BULLET_CHROME_WORDS:
        line = unbulleted
    if _LONG_CHROME.match(line):
        return True
    words = line.split()
    if len(words) > _MAX_CHROME_WORDS:
        return False
    if any(p.match(line) for p in _CHROME_LINES):
        return True
    if _is_tool_line(line) or _is_prompt_line(line) or _SCRIPT_CODE.search(line):
        return True
    if _is_topic_line(line) or _is_print_reference(line) or _is_stamped_date_line(line):
        return True
    if _NO_WORDS.match(line):
        return True  # separators and empty table rows left by layout: "|", "| | |", "» ·"
    match = _INLINE_LINK.match(line)
    if match and len(words) <= _MAX_LINK_TITLE_WORDS + 3:
        low = line.lower()
        if low.startswith("also on "):
            return True
        # "Read more about the plan..." has no separator and is body text.
        return bool(_INLINE_NEEDS_SEPARATOR.match(line)) and _is_link_title(match.group(1))
    return False


def _is_link_title(line: str) -> bool:
    line = line.strip().lstrip("-\u2022*\u00b7 ").strip()
    if not line:
        return False
    words = line.split()
    if len(words) > _MAX_LINK_TITLE_WORDS:
        return False
    # Titles don't end a sentence; a body paragraph almost always does.
    return not re.search(r"[.;,:]$", line) or len(words) <= 4


def _drop_link_list(lines: list[str], keep: list[bool], start: int) -> int:
    """Drop the link-title lines after a list header; return the index after the list."""
    i = start
    items = 0
    while i < len(lines) and items < _MAX_LIST_ITEMS:
        line = lines[i].strip()
        if not line:
            # A blank line ends the list unless the next item is still a link title and the
            # list carries on to the end of the body (common in plain-text exports).
            nxt = _next_nonblank(lines, i)
            if items and (nxt is None or not _rest_is_link_list(lines, nxt)):
                break
            i += 1
            continue
        if not _is_link_title(line):
            break
        keep[i] = False
        items += 1
        i += 1
    return i


def _rest_is_link_list(lines: list[str], start: int) -> bool:
    rest = [ln.strip() for ln in lines[start:] if ln.strip()]
    return 0 < len(rest) <= _MAX_LIST_ITEMS and all(
        _is_link_title(ln) or _is_chrome_line(ln) for ln in rest)


def _next_nonblank(lines: list[str], i: int) -> int | None:
    for j in range(i, len(lines)):
        if lines[j].strip():
            return j
    return None


def _reaction_widget(lines: list[str], i: int, reactions: dict[str, int]) -> int:
    """Index after the reaction widget starting at line ``i``, or ``i`` when there is none."""
    header = bool(_REACTION_HEADER.match(lines[i].strip()))
    j = i + 1 if header else i
    tokens: list[str] = []
    last = j
    while j < len(lines):
        line = lines[j].strip()
        if not line:
            j += 1
            continue
        line_tokens = _widget_tokens(line)
        if line_tokens is None:
            break
        tokens.extend(line_tokens)
        j += 1
        last = j
    labels = {t for t in tokens if not t.isdigit()}
    if header:
        # A lone header is still chrome: its labels may have been images.
        reactions.update(_pair_counts(tokens))
        return last if tokens else i + 1
    if len(labels) < 4:
        return i
    reactions.update(_pair_counts(tokens))
    return last


def _widget_tokens(line: str) -> list[str] | None:
    if len(line) > 200:
        return None
    tokens = _TOKEN.findall(_fold(line))
    rest = _TOKEN.sub("", _fold(line))
    if not tokens or re.search(r"[^\s()\[\]:|/·•,%-]", rest):
        return None
    if all(t.isdigit() or t in REACTION_LABELS for t in tokens):
        return tokens
    return None


def _pair_counts(tokens: list[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    number_first = bool(tokens) and tokens[0].isdigit()
    pending: int | None = None
    last_label: str | None = None
    for tok in tokens:
        if tok.isdigit():
            if number_first:
                pending = int(tok)
            elif last_label is not None and last_label not in counts:
                counts[last_label] = int(tok)
        else:
            if number_first and pending is not None:
                counts[tok] = pending
                pending = None
            last_label = tok
    return counts


def _drop_repeated_headline(lines: list[str], keep: list[bool], title: str) -> None:
    target = _squash(title)
    if not target:
        return
    seen = 0
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        squashed = _squash(line)
        # Page titles often carry the outlet ("Headline | Outlet"), body headlines a kicker.
        if squashed == target or (seen == 0 and min(len(target), len(squashed)) >= 20 and (
                target.startswith(squashed) or squashed.startswith(target))
                and len(line.split()) <= 30):
            keep[i] = False
            return
        seen += 1
        if seen >= _HEADLINE_REPEAT_BLOCKS:
            return  # a page repeats its headline above or just below the lead, not later


def _squash(text: str) -> str:
    return "".join(ch for ch in _fold(text) if ch.isalnum())


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _tidy(text: str) -> str:
    text = re.sub(r"\n[ \t]*\n(?:[ \t]*\n)+", "\n\n", text)
    return text.strip("\n")


# --- toolbars, prompts, reader comments and the article header (word lists in data/chrome.toml)

# Script code a broken <script> tag let into the text ("'); } else { document.write('").
_SCRIPT_CODE = re.compile(r"document\.write\s*\(|\bfunction\s*\w*\s*\([^)]*\)\s*\{|"
                          r"[;{}]\s*\}\s*(?:else\b|//|$)|\bvar\s+\w+\s*=\s*[^;]{0,80};")
_NO_WORDS = re.compile(r"^[^\w]*$")
_MAX_TOOL_WORDS = 10
_MAX_PROMPT_WORDS = 60
_TOOL_TOKEN = re.compile(r"[\w.@'-]+")
_WEAK_TOOL_WORDS = frozenset("this the to a it and or of on us with your in out up more back "
                             "top next view link links".split())
_MIN_PROSE_WORDS = 12
_MIN_SENTENCE_WORDS = 5
_MAX_HEADER_LINE_WORDS = 14
_MAX_HEADER_LINES = 12
# "10:56 AM", "5:19pm", "10.30 a.m." ("2.26" or "23.99" alone are numbers, not times)
_TIME = re.compile(r"\b\d{1,2}:\d\d(?::\d\d)?\b|\b\d{1,2}(?:[.:]\d\d)?\s*[ap]\.?m\b\.?",
                   re.IGNORECASE)
_BYLINE_LINE = re.compile(r"^(?:by|from|posted by|written by)\s*:?\s+\S", re.IGNORECASE)
_MENU_ENTRY = re.compile(r"[^\W\d_][^\W\d_\s&'\u2019-]*(?:[\s&'\u2019-]+[^\W\d_]+)*")
_MAX_HEADER_BULLET_WORDS = 5  # "- PHOTO GALLERIES", "- Forums": a menu above the story


@_derived
def _chrome_rules() -> Any:
    from .ruledata import load

    return load("chrome")


@_derived
def _signature() -> re.Pattern[str]:
    verbs = "|".join(sorted(_chrome_rules()["comment_verbs"], key=len, reverse=True))
    return re.compile(rf"^(?:{verbs})\s+(?:by|at|on)\b:?\s*\S.{{0,120}}$", re.IGNORECASE)


def _is_tool_line(line: str) -> bool:
    words = [w.casefold().strip(".'-") for w in _TOOL_TOKEN.findall(line)]
    words = [w for w in words if w]
    if not words or len(words) > _MAX_TOOL_WORDS:
        return False
    tools = _chrome_rules()["tool_words"]
    return all(w in tools for w in words) and not all(w in _WEAK_TOOL_WORDS for w in words)


def _is_prompt_line(line: str) -> bool:
    low = _fold(line).lstrip("-\u2022*\u00b7 ")
    if len(low.split()) > _MAX_PROMPT_WORDS:
        return False
    return any(low.startswith(start) for start in _chrome_rules()["prompt_starts"])


def _is_signature(line: str) -> bool:
    if not _signature().match(line) or len(line.split()) > 25:
        return False
    from .meta import written_dates

    return bool(_TIME.search(line) or written_dates(line) or re.search(r"\b(?:19|20)\d\d\b", line))


def _drop_reader_comments(lines: list[str], keep: list[bool]) -> None:
    signed = [i for i, line in enumerate(lines) if keep[i] and _is_signature(line.strip())]
    if len(signed) < 2:
        return
    # lines of text per comment, from the gaps between signatures (chrome lines not counted)
    gaps = sorted(sum(1 for j in range(a + 1, b) if lines[j].strip() and keep[j]
                      and not _is_chrome_line(lines[j].strip()))
                  for a, b in zip(signed, signed[1:], strict=False))
    per_comment = max(1, gaps[len(gaps) // 2])
    start, taken = signed[0], 0
    while start > 0 and taken < per_comment:
        start -= 1
        if lines[start].strip():
            taken += 1
    # a comments header or prompt right above goes with them
    prev = start - 1
    while prev >= 0 and not lines[prev].strip():
        prev -= 1
    if prev >= 0 and (_is_prompt_line(lines[prev].strip()) or _LIST_HEADER.match(
            lines[prev].strip()) or re.match(r"(?i)^(?:reader |your )?comments?\b.{0,40}$",
                                            lines[prev].strip())):
        start = prev
    end = signed[-1] + 1
    while end < len(lines) and (not lines[end].strip() or _is_chrome_line(lines[end].strip())):
        end += 1
    for j in range(start, end):
        keep[j] = False


def _short_bullet(line: str) -> bool:
    # a menu entry is a few plain words: no digits, code or sentence punctuation
    return bool(_BULLET.match(line)) and len(line.split()) <= _MAX_HEADER_BULLET_WORDS + 1 \
        and bool(_MENU_ENTRY.fullmatch(_BULLET.sub("", line)))


def _drop_article_header(lines: list[str], keep: list[bool], title: str | None) -> None:
    """Drop the headline, dates, bylines, section labels and toolbars above the first prose."""
    from .meta import written_dates
    from .page import section_like

    target = _squash(title) if title else ""
    seen = 0
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line or not keep[i]:
            continue
        words = line.split()
        if len(words) >= _MIN_PROSE_WORDS or seen >= _MAX_HEADER_LINES or (
                len(words) >= _MIN_SENTENCE_WORDS and line[-1] in ".!?\"\u201d"
                and not _TIME.search(line)):
            return  # the first sentence of prose ends the header
        seen += 1
        if len(words) > _MAX_HEADER_LINE_WORDS:
            continue
        squashed = _squash(line)
        is_date = bool(written_dates(line) or _TIME.search(line)) and len(words) <= 10
        bullet = _short_bullet(line) and (
            sum(1 for j in range(i - 2, i + 3) if 0 <= j < len(lines) and j != i
                and _short_bullet(lines[j].strip())) >= 2)  # a menu has several entries
        if (target and squashed == target) or is_date or _BYLINE_LINE.match(line) \
                or section_like(line) or _is_tool_line(line) or bullet:
            keep[i] = False


# --- lines after the article: topic links, print references, date stamps, ads and notices

_ITEM_SEPARATOR = re.compile(r"\s*[\u2022\u00b7|;,]\s*")
_MAX_TOPIC_ITEM_WORDS = 6
_PRINT_REFERENCE = re.compile(
    r"^(?:(?:see|continued (?:on|from)|turn to|more on)\s+)?(?:[^\W\d_][\w'&-]*"
    r"(?:\s+[\w'&-]+){0,4}\s*[,:\u2013\u2014-]\s*)?(?:page|pages|p\.|pg\.?)\s*"
    r"[A-Z]?\d{1,3}[A-Z]?\W*$", re.IGNORECASE)
_MAX_PRINT_REFERENCE_WORDS = 7
_SHOUTING = re.compile(r"^[^a-z]*[A-Z]{2,}[^a-z]*$")
_MAX_SHOUTING_WORDS = 8
_PRICE = re.compile(r"[\u00a3$\u20ac\u00a5]\s?\d")
_CUT_TEASER = re.compile(r"(?:\.\.\.|\u2026)\s*$")
_WEB_ADDRESS = re.compile(r"\b(?:www\.)?[\w-]+\.(?:com|net|org|co\.uk|uk|ie|info|biz)\b",
                          re.IGNORECASE)
_MAX_AD_LINE_WORDS = 120
_REPORTED = re.compile(r"\b(?:said|says|told|tells|according to|announced|added)\b",
                       re.IGNORECASE)
_MAX_TOOL_TAIL_WORDS = 6
_SENTENCE_END = re.compile(r"[.!?\"\u201d\u2019)]\s+(?=\S)")


def _is_topic_line(line: str) -> bool:
    """"All About Northvale • Ada Brennick": a label from ``topic_labels``, then short names."""
    low = _fold(line)
    for label in _chrome_rules()["topic_labels"]:
        if not low.startswith(label) or low[len(label):len(label) + 1].isalnum():
            continue
        rest = line[len(label):].strip().lstrip(":\u00bb>-\u2013\u2014").strip()
        items = [i for i in _ITEM_SEPARATOR.split(rest) if i.strip()]
        return bool(items) and not re.search(r"[.!?]$", rest) and all(
            len(i.split()) <= _MAX_TOPIC_ITEM_WORDS and i.strip()[0].isupper() for i in items)
    return False


def _is_print_reference(line: str) -> bool:
    return len(line.split()) <= _MAX_PRINT_REFERENCE_WORDS and bool(_PRINT_REFERENCE.match(line))


def _is_stamped_date_line(line: str) -> bool:
    """"Published on 01/12/2008": a date line that starts with a stamp word (not a bare date,
    which may be an entry of a timeline)."""
    from .meta import _rules
    from .text import date_line

    low = _fold(line)
    if not any(low.startswith(p) and not low[len(p):len(p) + 1].isalnum()
               for p in _rules()["dateline_prefixes"]):
        return False
    return date_line(line) is not None


def _ad_strength(line: str) -> int:
    """3 for a line with two ad or notice phrases, 2 for one, 1 for a line that may be part
    of an ad box (shouting, a price, a cut teaser, a web address), 0 for text."""
    words = len(line.split())
    if words > _MAX_AD_LINE_WORDS:
        return 0
    low = _fold(line)
    hits = sum(1 for phrase in _chrome_rules()["ad_phrases"] if phrase in low)
    if hits:
        return 3 if hits > 1 else 2
    if (_SHOUTING.match(line) and words <= _MAX_SHOUTING_WORDS) or _PRICE.search(line) \
            or _CUT_TEASER.search(line) or (_WEB_ADDRESS.search(line) and words <= 25):
        return 1
    return 0


def _drop_trailing_ads(lines: list[str], keep: list[bool]) -> None:
    """Drop the run of ad and notice lines that ends the body, if one of them is an ad
    (a single line that reports, "... regulators said.": if it holds two phrases)."""
    run: list[int] = []
    strongest = 0
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i].strip()
        if not keep[i] or not line:
            continue
        strength = _ad_strength(line)
        if not strength:
            break
        run.append(i)
        strongest = max(strongest, strength)
    # one last line with one ad phrase may be the story's own sentence ("...changed its
    # terms and conditions, regulators said."): alone and reported, it needs two
    needed = 3 if len(run) == 1 and _REPORTED.search(lines[run[0]]) else 2
    if strongest >= needed \
            and len(run) < sum(1 for i, k in enumerate(keep) if k and lines[i].strip()):
        for i in run:
            keep[i] = False


def _cut_trailing_tools(lines: list[str], keep: list[bool]) -> None:
    """Cut a toolbar glued after the last sentence of a line ("...husband. E-mail to a friend")."""
    for i, raw in enumerate(lines):
        if not keep[i]:
            continue
        ends = list(_SENTENCE_END.finditer(raw))
        if not ends:
            continue
        tail = raw[ends[-1].end():].strip()
        if tail and len(tail.split()) <= _MAX_TOOL_TAIL_WORDS and tail[-1] not in ".!?\"\u201d" \
                and _is_tool_line(tail):
            lines[i] = raw[:ends[-1].start() + 1].rstrip()
