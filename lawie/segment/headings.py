"""Finding headings: candidates from the style table, then a pass that keeps the plausible ones.

A candidate is any place where a numbering style matches at the start of a line
or, in text whose line breaks were lost, right after a sentence end. The
acceptance pass walks candidates in order and keeps those that continue the
document's numbering (next number, a small skip, or a restart), so that
page-break debris and numbers inside sentences are left as text.
"""

from __future__ import annotations

from dataclasses import dataclass

from lawie.segment.noise import is_noise_line
from lawie.segment.rules import (
    ADJACENT_OPENERS,
    ADJACENT_STYLES,
    AFTER_COLON,
    AFTER_COLON_STYLES,
    BODY_LINE_MIN,
    CIRCLED,
    HEADING_PREFIX,
    HEADING_STYLES,
    LINE_CLOSERS,
    MIDLINE_BEFORE,
    MIDLINE_MAX_TITLE,
    MIDLINE_SKIP_MAX_TITLE,
    NOT_HEADING_AFTER_NUMBER,
    TITLE_END,
    HeadingStyle,
)
from lawie.text import cn_to_int, line_spans

_MAX_SKIP = 2  # numbers a heading may jump ahead (a missing (一) must not hide (二))
_MAX_NEW_STYLE_START = 3  # a style first seen must start at 1, 2 or 3


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place where a heading may start."""

    style: str
    value: int
    start: int  # offset of the number
    number_end: int
    title_start: int
    title_end: int
    midline: bool
    after_cut: bool  # follows a body line that was cut mid-sentence
    adjacent: bool = False  # glued to the text before it, with no separator


@dataclass(frozen=True, slots=True)
class Heading:
    """An accepted heading (flat; the tree is built from these)."""

    level: int
    number: str
    title: str
    start: int
    title_start: int
    title_end: int


def _numeral_value(style: HeadingStyle, numeral: str) -> int | None:
    if style.name == "circled":
        return CIRCLED.index(numeral) + 1
    return cn_to_int(numeral)


def _title_span(text: str, start: int, line_end: int, midline: bool = False) -> tuple[int, int]:
    """Title after a number: up to the first 。！？ or the line end, without padding or ``**``.

    It also stops where another heading starts: after a space, or right after the
    title text for parenthesised and Arabic numbers (「开展情况（一）加强…」). A heading
    found mid-line (lost line breaks) stops at the first space too.
    """
    while start < line_end and text[start] in " \t\u3000*_":
        start += 1
    end = start
    while end < line_end and text[end] not in TITLE_END:
        if text[end] in " \t\u3000" and (midline or _heading_follows(text, end, line_end)):
            break
        if end > start and _adjacent_heading_at(text, end, line_end):
            break
        end += 1
    while end > start and text[end - 1] in " \t\u3000*_":
        end -= 1
    return start, end


def _heading_follows(text: str, pos: int, line_end: int) -> bool:
    while pos < line_end and text[pos] in " \t\u3000*":
        pos += 1
    return any(style.pattern.match(text, pos, line_end) for style in HEADING_STYLES)


def _adjacent_heading_at(text: str, pos: int, line_end: int) -> bool:
    """A parenthesised or Arabic heading number glued to the preceding text (not inside a number)."""
    if text[pos] not in ADJACENT_OPENERS or (pos > 0 and text[pos - 1] in "0123456789０１２３４５６７８９.．"):
        return False
    return any(style.pattern.match(text, pos, line_end) for style in HEADING_STYLES if style.name in ADJACENT_STYLES)


def _match_at(text: str, pos: int, line_end: int, midline: bool, after_cut: bool,
              adjacent: bool = False) -> Candidate | None:
    for style in HEADING_STYLES:
        m = style.pattern.match(text, pos, line_end)
        if m is None:
            continue
        value = _numeral_value(style, m.group("n"))
        title_start, title_end = _title_span(text, m.end(), line_end, midline)
        title = text[title_start:title_end]
        if value is None or value == 0 or not title:
            return None
        if NOT_HEADING_AFTER_NUMBER.match(title):
            return None
        if midline and not adjacent and (title_end - title_start > MIDLINE_MAX_TITLE or any(c in title for c in "；;")):
            return None
        return Candidate(style.name, value, pos, m.end(), title_start, title_end, midline, after_cut, adjacent)
    return None


def _is_cut_body_line(line: str) -> bool:
    line = line.rstrip(" \t\u3000")
    return len(line) >= BODY_LINE_MIN and line[-1] not in LINE_CLOSERS and any(p in line for p in "，。,")


def find_candidates(text: str, start: int = 0, end: int | None = None) -> list[Candidate]:
    """Return every heading candidate in ``text[start:end]``, in order."""
    end = len(text) if end is None else end
    found: list[Candidate] = []
    previous_line = ""
    for line_start, line_end in line_spans(text):
        if line_end <= start or line_start >= end:
            continue
        line = text[line_start:line_end]
        if not line.strip() or is_noise_line(line):
            continue
        after_cut = _is_cut_body_line(previous_line)
        pos = HEADING_PREFIX.match(text, line_start, line_end).end()
        first = _match_at(text, pos, line_end, midline=False, after_cut=after_cut)
        if first:
            found.append(first)
        found += _midline_candidates(text, line_start, line_end, skip=first.start if first else -1)
        previous_line = line
    return found


def _midline_candidates(text: str, line_start: int, line_end: int, skip: int) -> list[Candidate]:
    found = []
    for style in HEADING_STYLES:
        for m in style.pattern.finditer(text, line_start, line_end):
            pos = m.start()
            if pos == skip or pos == line_start:
                continue
            window = text[max(line_start, pos - 8) : pos]
            if MIDLINE_BEFORE.search(window):
                if AFTER_COLON.search(window) and style.name not in AFTER_COLON_STYLES:
                    continue
                adjacent = False
            elif style.name in ADJACENT_STYLES and _adjacent_heading_at(text, pos, line_end):
                adjacent = True
            else:
                continue
            cand = _match_at(text, pos, line_end, midline=True, after_cut=False, adjacent=adjacent)
            if cand and cand.style == style.name:
                found.append(cand)
    return sorted(found, key=lambda c: c.start)


def accept(candidates: list[Candidate], text: str) -> list[Heading]:
    """Keep the candidates that continue the document's numbering; assign levels.

    Levels follow the order in which styles are first accepted (ANNOTATION.md §4).
    """
    levels: dict[str, int] = {}
    counters: dict[int, int] = {}  # level -> last number under the current parent
    headings: list[Heading] = []
    last_end = -1
    for cand in candidates:
        if cand.start < last_end:
            continue
        if cand.adjacent and (not headings or text[last_end : cand.start].strip(" \t\u3000*_")):
            continue  # a glued number is a heading only where the previous heading's title ends
        level = levels.get(cand.style)
        if level is None:
            ok = cand.value <= _MAX_NEW_STYLE_START and not cand.after_cut and (not cand.midline or cand.value == 1)
            if not ok:
                continue
            level = levels[cand.style] = len(levels) + 1
        elif not _continues(cand, counters.get(level), level):
            continue
        counters[level] = cand.value
        for deeper in [lv for lv in counters if lv > level]:
            del counters[deeper]
        number = text[cand.start : cand.number_end].rstrip(" \t\u3000")
        headings.append(
            Heading(level, number, text[cand.title_start : cand.title_end], cand.start, cand.title_start, cand.title_end)
        )
        last_end = cand.title_end
    return headings


def _continues(cand: Candidate, last: int | None, level: int) -> bool:
    """Whether ``cand`` continues its style's numbering under the current parent.

    A restart at 1 is accepted below the top level only: a second 一、 list inside
    a top-level section is an enumeration, not a new part.
    """
    expected = 1 if last is None else last + 1
    if cand.value == expected:
        return True
    skips = expected < cand.value <= expected + _MAX_SKIP
    if cand.midline:  # only a short, cleanly separated title may skip numbers mid-line
        return skips and not cand.adjacent and cand.title_end - cand.title_start <= MIDLINE_SKIP_MAX_TITLE
    if cand.after_cut:
        return False
    return skips or (cand.value == 1 and level > 1)
