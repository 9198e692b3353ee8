"""Cutting text units into model windows that follow sentence boundaries, with overlap.

Every character of every unit lies in the *core* of exactly one window; a
window's context may reach into its neighbours' cores (the overlap). An entity
is kept from the window whose core holds its first character, so stitching
windows back together never drops or duplicates text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

#: Characters after which a window may be cut, best first.
_CUT_AFTER = ("。！？!?", "；;", "，,、：:")


@dataclass(frozen=True, slots=True)
class Window:
    """A span of text to encode, and the part of it whose predictions are kept."""

    start: int
    end: int
    core_start: int
    core_end: int


def _cut(text: str, start: int, limit: int) -> int:
    """The best cut point in ``(start, limit]``: after a sentence end, else a clause end, else ``limit``."""
    floor = start + (limit - start) // 2
    for chars in _CUT_AFTER:
        for pos in range(limit, floor, -1):
            if text[pos - 1] in chars:
                return pos
    return limit


def make_windows(text: str, units: Sequence[tuple[int, int]], max_chars: int = 250, overlap: int = 40) -> list[Window]:
    """Windows of at most ``max_chars`` characters over ``units``.

    A unit that fits is one window. A longer unit is cut after sentence (or
    clause) ends into cores of at most ``max_chars - 2 * overlap`` characters,
    each widened by up to ``overlap`` characters of context on both sides.
    """
    if max_chars <= 2 * overlap:
        raise ValueError(f"max_chars ({max_chars}) must exceed twice the overlap ({overlap})")
    windows: list[Window] = []
    core_max = max_chars - 2 * overlap
    for start, end in units:
        if end - start <= max_chars:
            windows.append(Window(start, end, start, end))
            continue
        pos = start
        while pos < end:
            core_end = end if end - pos <= core_max else _cut(text, pos, pos + core_max)
            windows.append(Window(max(start, pos - overlap), min(end, core_end + overlap), pos, core_end))
            pos = core_end
    return windows
