"""The rule-based segmenter: text → metadata, section tree and paragraphs (pure Python)."""

from __future__ import annotations

from dataclasses import dataclass

from lawie.labels import SectionKind
from lawie.segment.headings import Heading, accept, find_candidates
from lawie.segment.kinds import classify_kind
from lawie.segment.meta import closing_start, extract_meta
from lawie.segment.rules import BACK_MATTER_LINE
from lawie.segment.tree import FlatSection, build_tree, paragraphs_in, section_ends
from lawie.text import line_spans
from lawie.types import Meta, Paragraph, Section


@dataclass(frozen=True, slots=True)
class Segmentation:
    """What the segmenter finds in one text."""

    meta: Meta
    sections: tuple[Section, ...]
    preamble: tuple[Paragraph, ...]
    closing: tuple[Paragraph, ...]


def find_headings(text: str, end: int | None = None) -> list[Heading]:
    """Return the accepted headings of ``text[:end]`` in document order, with levels."""
    return accept(find_candidates(text, 0, end), text)


def back_matter_start(text: str) -> int:
    """Offset of the first line that opens back matter (注释：, 附件：...), or ``len(text)``."""
    for lo, hi in line_spans(text):
        if lo > 0 and BACK_MATTER_LINE.fullmatch(text, lo, hi):
            return lo
    return len(text)


def flat_sections(text: str, headings: list[Heading], body_end: int) -> list[FlatSection]:
    """Turn headings into flat sections with end offsets and level-1 kinds."""
    top = min((h.level for h in headings), default=1)
    ends = section_ends(text, [(h.start, h.level) for h in headings], body_end)
    return [
        FlatSection(
            level=h.level,
            number=h.number,
            title=h.title,
            kind=classify_kind(h.title) if h.level == top else None,
            start=h.start,
            end=end,
            title_start=h.title_start,
            title_end=h.title_end,
        )
        for h, end in zip(headings, ends)
    ]


def segment(text: str) -> Segmentation:
    """Segment a report: headings, sections with paragraphs, preamble, closing block, metadata."""
    back = back_matter_start(text)
    headings = find_headings(text, back)
    first = headings[0].start if headings else len(text)
    closing = min(back, closing_start(text, headings[-1].title_end if headings else 0))
    flat = flat_sections(text, headings, closing)
    reviews = tuple(f.title for f in flat if f.kind is SectionKind.MEASURES)
    meta = extract_meta(text, first if headings else closing, closing, reviews)
    if not headings:  # a flat text: everything is preamble
        return Segmentation(meta=meta, sections=(), preamble=paragraphs_in(text, 0, len(text)), closing=())
    return Segmentation(
        meta=meta,
        sections=build_tree(text, flat),
        preamble=paragraphs_in(text, 0, first),
        closing=paragraphs_in(text, max(f.end for f in flat), len(text)),
    )
