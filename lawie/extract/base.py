"""The extractor interface every entity/relation extractor implements."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from lawie.types import Entity, Relation


@dataclass(frozen=True, slots=True)
class Extraction:
    """Entities (sorted by offset, ids unique) and relations found in one text."""

    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()


@runtime_checkable
class Extractor(Protocol):
    """Finds entities and relations in a text.

    ``units`` are ``(start, end)`` spans of the text to read (heading titles and
    paragraphs, in order); an extractor may read across them but every entity
    it returns must lie inside one unit. Offsets are into ``text``.
    """

    name: str

    def extract(self, text: str, units: Sequence[tuple[int, int]]) -> Extraction:
        """Return the entities and relations of ``text``."""
        ...


class NullExtractor:
    """An extractor that finds nothing: segmentation and metadata only."""

    name = "none"

    def extract(self, text: str, units: Sequence[tuple[int, int]]) -> Extraction:
        """Return an empty :class:`Extraction`."""
        return Extraction()
