"""Building the section tree and its paragraphs from flat headings.

Both the segmenter and :meth:`Report.from_dict` go through :func:`build_tree`,
so a report read back from the corpus format has exactly the tree it was
written with.
"""

from __future__ import annotations

from dataclasses import dataclass

from lawie.labels import SectionKind
from lawie.segment.noise import is_noise_line
from lawie.segment.rules import TITLE_END
from lawie.text import line_spans, strip_span
from lawie.types import Paragraph, Section

_PAD = " \t\u3000\u00a0\ufeff\r\n"


@dataclass(frozen=True, slots=True)
class FlatSection:
    """One section as in the corpus format: a heading plus its end offset."""

    level: int
    number: str
    title: str
    kind: SectionKind | None
    start: int
    end: int
    title_start: int
    title_end: int


def paragraphs_in(text: str, start: int, end: int) -> tuple[Paragraph, ...]:
    """Split ``text[start:end]`` into paragraphs: non-empty, non-noise line pieces, stripped."""
    out = []
    for line_start, line_end in line_spans(text, start, end):
        lo, hi = max(line_start, start), min(line_end, end)
        if lo >= hi:
            continue
        lo, hi = strip_span(text, lo, hi)
        if lo < hi and not is_noise_line(text[line_start:line_end]):
            out.append(Paragraph(lo, hi, text[lo:hi]))
    return tuple(out)


def section_ends(text: str, starts_levels: list[tuple[int, int]], body_end: int) -> list[int]:
    """End of each section: where the next heading of the same or a higher level starts.

    Trailing whitespace is left out of the section.
    """
    ends = []
    for i, (_, level) in enumerate(starts_levels):
        nxt = next((s for s, lv in starts_levels[i + 1 :] if lv <= level), body_end)
        lo = starts_levels[i][0]
        while nxt > lo and text[nxt - 1] in _PAD:
            nxt -= 1
        ends.append(nxt)
    return ends


def _body_start(text: str, flat: FlatSection) -> int:
    """Where a section's own text starts: after its title and the 。！？ that closes it."""
    pos = flat.title_end
    while pos < len(text) and text[pos] in TITLE_END + "*_":
        pos += 1
    return pos


def build_tree(text: str, flat: list[FlatSection]) -> tuple[Section, ...]:
    """Nest flat sections (document order) into a tree with paragraphs.

    A section's children are the following sections of a deeper level up to the
    next section of its level or higher.
    """
    roots, _ = _build(text, flat, 0, min((f.level for f in flat), default=1))
    return roots


def _build(text: str, flat: list[FlatSection], i: int, min_level: int) -> tuple[tuple[Section, ...], int]:
    out: list[Section] = []
    while i < len(flat) and flat[i].level >= min_level:
        head = flat[i]
        children, j = _build(text, flat, i + 1, head.level + 1)
        own_end = children[0].start if children else head.end
        paragraphs = paragraphs_in(text, _body_start(text, head), own_end)
        out.append(
            Section(
                level=head.level,
                number=head.number,
                title=head.title,
                kind=head.kind,
                start=head.start,
                end=head.end,
                title_start=head.title_start,
                title_end=head.title_end,
                paragraphs=paragraphs,
                children=children,
            )
        )
        i = j
    return tuple(out), i


def flatten(sections: tuple[Section, ...]) -> list[Section]:
    """All sections of a tree in document order."""
    return [s for root in sections for s in root.walk()]
