"""Recognising lines that are not content: website boilerplate and page marks."""

from __future__ import annotations

from lawie.segment.rules import NOISE_LINE, PAGE_MARK_LINE

#: Boilerplate lines are short; a long line that merely mentions 来源： is content.
_NOISE_MAX_LEN = 160


def is_noise_line(line: str) -> bool:
    """Whether ``line`` (one line, without its break) is website boilerplate or a page mark."""
    stripped = line.strip()
    if not stripped:
        return False
    if PAGE_MARK_LINE.fullmatch(stripped):
        return True
    return len(stripped) <= _NOISE_MAX_LEN and NOISE_LINE.search(stripped) is not None
