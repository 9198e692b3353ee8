"""Text helpers that never change the text: numeral parsing, width folding, line spans."""

from __future__ import annotations

import re
from collections.abc import Iterator

_CN_DIGITS = {
    "〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0,
    "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3, "四": 4, "肆": 4,
    "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}
_CN_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}

#: Characters that can make up a Chinese numeral.
CN_NUMERAL_CHARS = "".join(_CN_DIGITS) + "".join(_CN_UNITS) + "".join(_CN_BIG)

_FULLWIDTH = str.maketrans(
    "０１２３４５６７８９（）．、，：；！？％［］",
    "0123456789().,,:;!?%[]",
)


def fold_width(text: str) -> str:
    """Map full-width digits and common punctuation to ASCII, one character for one.

    The result has the same length as ``text``, so offsets stay valid.
    """
    return text.translate(_FULLWIDTH)


def cn_to_int(numeral: str) -> int | None:
    """Parse a Chinese (or Arabic, full- or half-width) integer numeral.

    Handles positional forms (二〇二四 → 2024) and unit forms (一百二十三 → 123,
    十五 → 15, 三万五千 → 35000). Returns ``None`` when ``numeral`` is not a numeral.
    """
    s = fold_width(numeral.strip())
    if not s:
        return None
    if s.isdigit():
        return int(s)
    if any(ch not in _CN_DIGITS and ch not in _CN_UNITS and ch not in _CN_BIG for ch in s):
        return None
    if all(ch in _CN_DIGITS for ch in s):
        if len(s) == 1:
            return _CN_DIGITS[s]
        return int("".join(str(_CN_DIGITS[ch]) for ch in s))
    total, section, digit = 0, 0, None
    for ch in s:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            section += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
        else:
            section += digit or 0
            total += (section or 1) * _CN_BIG[ch]
            section, digit = 0, None
    return total + section + (digit or 0)


_LINE = re.compile(r"[^\n]*\n|[^\n]+$")


def line_spans(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` of every line touching ``text[start:end]``, without its line break.

    Lines are whole lines of ``text`` (the first may begin before ``start``, the
    last is cut at ``end``); ``\\r`` before a ``\\n`` is left out too.
    """
    first = text.rfind("\n", 0, start) + 1
    for m in _LINE.finditer(text, first, len(text) if end is None else end):
        end = m.end()
        while end > m.start() and text[end - 1] in "\r\n":
            end -= 1
        yield m.start(), end


_WS = " \t\u3000\u00a0\ufeff\u200b"


def strip_span(text: str, start: int, end: int, chars: str = _WS) -> tuple[int, int]:
    """Shrink ``[start, end)`` so it neither starts nor ends with one of ``chars``."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def compact(text: str) -> str:
    """Remove whitespace inside a short string such as a title (``"2020 年度"`` → ``"2020年度"``)."""
    return re.sub(rf"[{_WS}\r\n]+", "", text)
