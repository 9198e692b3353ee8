"""Rule-based segmentation of reports into metadata, sections and paragraphs."""

from lawie.segment.segmenter import Segmentation, segment

__all__ = ["Segmentation", "segment"]
