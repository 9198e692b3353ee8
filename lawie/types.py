"""Typed results: :class:`Report` and the parts it is made of.

Every span is a pair of character offsets (Python ``str`` indices, end
exclusive) into the original, unmodified text; each span's ``text`` is always
``report.text[start:end]``. All result classes are frozen and slotted.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lawie.labels import Label, RelationType, SectionKind

if TYPE_CHECKING:
    from lawie.values import Value

SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True)
class Entity:
    """A labelled span of the report text.

    Attributes:
        id: identifier, unique within the report (the corpus ``id``).
        label: the entity label.
        start: offset of the first character.
        end: offset after the last character.
        text: ``report.text[start:end]``.
        source: what produced it: ``"model"``, ``"rules"``, or ``None`` for
            annotations read from a corpus.
    """

    id: int
    label: Label
    start: int
    end: int
    text: str
    source: str | None = None

    @property
    def value(self) -> Value | None:
        """The normalised value of a COUNT, RATE, MONEY or DATE; ``None`` otherwise."""
        from lawie.values import normalise

        return normalise(self.label, self.text)


@dataclass(frozen=True, slots=True)
class Relation:
    """A typed link between two entities, by entity id (``from_id`` → ``to_id``)."""

    id: int
    type: RelationType
    head: int
    tail: int


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of body text (one non-empty line, or the rest of an inline heading's line)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Section:
    """A numbered part of the report and everything under it.

    Attributes:
        level: 1 for the outermost numbering style the document uses.
        number: the number as written, e.g. ``"一、"`` or ``"（一）"``.
        title: heading text after the number, up to the first 。！？ or line end.
        kind: the kind of a level-1 section; ``None`` below level 1.
        start: offset of the number's first character.
        end: offset where the next section of the same or a higher level starts
            (or the end of the body text).
        title_start: offset of the title's first character.
        title_end: offset after the title.
        paragraphs: the section's own body text, before its first subsection.
        children: the subsections, in document order.
    """

    level: int
    number: str
    title: str
    kind: SectionKind | None
    start: int
    end: int
    title_start: int
    title_end: int
    paragraphs: tuple[Paragraph, ...] = ()
    children: tuple[Section, ...] = ()

    def walk(self) -> Iterator[Section]:
        """Yield this section and all its descendants in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def all_paragraphs(self) -> Iterator[Paragraph]:
        """Yield the paragraphs of this section and of all its descendants, in document order."""
        for section in self.walk():
            yield from section.paragraphs

    def contains(self, start: int, end: int) -> bool:
        """Whether the span ``[start, end)`` lies inside this section."""
        return self.start <= start and end <= self.end


@dataclass(frozen=True, slots=True)
class Meta:
    """Document metadata (ANNOTATION.md §5) plus provenance.

    Attributes:
        title: the report's title.
        doc_number: the document number (文号).
        recipients: the addressees of the 主送 line, e.g. ``("县委", "县政府")``.
        issuers: the issuing bodies of the signature block.
        date: the date of issue, ISO ``YYYY-MM-DD`` (or ``YYYY-MM`` when no day is given).
        year: the year the report covers.
        flags: publication notes such as ``"此件公开发布"``.
        source: the file the text was read from, if any.
        reader: the reader that produced the text (``"txt"``, ``"docx"``...), if any.
    """

    title: str | None = None
    doc_number: str | None = None
    recipients: tuple[str, ...] = ()
    issuers: tuple[str, ...] = ()
    date: str | None = None
    year: int | None = None
    flags: tuple[str, ...] = ()
    source: str | None = None
    reader: str | None = None


@dataclass(frozen=True, slots=True)
class Indicator:
    """One quantitative indicator: a metric, one of its values and where it was found."""

    section_path: tuple[str, ...]
    metric: str
    value_text: str
    label: Label
    value: float | None
    unit: str | None
    qualifier: str | None


@dataclass(frozen=True, slots=True)
class Report:
    """A parsed report.

    Attributes:
        text: the original text, unmodified.
        id: document identifier (the corpus ``id``).
        meta: document metadata.
        sections: the top-level sections; each holds its subsections.
        preamble: paragraphs before the first section (title, addressees, opening).
        closing: paragraphs of the closing block (特此报告, signature, date, flags).
        entities: all entities, sorted by offset.
        relations: all relations.
    """

    text: str
    id: str = ""
    meta: Meta = field(default_factory=Meta)
    sections: tuple[Section, ...] = ()
    preamble: tuple[Paragraph, ...] = ()
    closing: tuple[Paragraph, ...] = ()
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()

    def walk(self) -> Iterator[Section]:
        """Yield every section in document order (depth first)."""
        for section in self.sections:
            yield from section.walk()

    def find(self, *, kind: SectionKind | str | None = None, level: int | None = None) -> list[Section]:
        """Return the sections matching all given criteria, in document order.

        Args:
            kind: a :class:`SectionKind` or its value, e.g. ``"plans"``.
            level: a heading level, 1 for the outermost.
        """
        wanted = SectionKind.parse(kind) if isinstance(kind, str) else kind
        return [
            s
            for s in self.walk()
            if (wanted is None or s.kind == wanted) and (level is None or s.level == level)
        ]

    def entities_in(self, section: Section, label: Label | str | None = None) -> list[Entity]:
        """Return the entities inside ``section`` (optionally of one label)."""
        wanted = Label.parse(label) if isinstance(label, str) else label
        return [
            e
            for e in self.entities
            if section.contains(e.start, e.end) and (wanted is None or e.label == wanted)
        ]

    def entity(self, entity_id: int) -> Entity:
        """Return the entity with this id.

        Raises:
            KeyError: if no entity has that id.
        """
        for e in self.entities:
            if e.id == entity_id:
                return e
        raise KeyError(f"no entity with id {entity_id} in report {self.id!r}")

    def section_path(self, offset: int) -> tuple[Section, ...]:
        """Return the chain of sections (outermost first) that contains ``offset``."""
        path: list[Section] = []
        level = self.sections
        while True:
            inner = next((s for s in level if s.start <= offset < s.end), None)
            if inner is None:
                return tuple(path)
            path.append(inner)
            level = inner.children

    def indicators(self) -> list[Indicator]:
        """List every METRIC → value pair (HAS_VALUE) with its section path and normalised value."""
        from lawie.values import indicators

        return indicators(self)

    def to_dict(self) -> dict:
        """Return the report in the corpus JSONL format (ANNOTATION.md §1)."""
        from lawie.io.corpus_format import report_to_dict

        return report_to_dict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Report:
        """Build a report from one corpus JSONL record.

        Raises:
            CorpusFormatError: if the record does not follow the format.
        """
        from lawie.io.corpus_format import report_from_dict

        return report_from_dict(data)

    def pretty(self, detail: bool = False) -> str:
        """Return an indented outline of the section tree, for reading.

        Args:
            detail: also show the metadata, each section's indicators (metric → value) under
                it, and the number of entities per label.
        """
        lines = [self.meta.title or self.id or "(untitled report)"]
        if detail:
            lines += _meta_lines(self.meta)
        by_section: dict[tuple[str, ...], list[Indicator]] = {}
        for row in self.indicators() if detail else ():
            by_section.setdefault(row.section_path, []).append(row)
        path: list[str] = []
        for section in self.walk():
            kind = f"  [{section.kind.value}]" if section.kind else ""
            lines.append(f"{'  ' * section.level}{section.number}{section.title}{kind}")
            path[section.level - 1:] = [f"{section.number}{section.title}"]
            for row in by_section.get(tuple(path), ()):
                lines.append(f"{'  ' * (section.level + 1)}· {row.metric} → {row.value_text}")
        if detail:
            counts: dict[str, int] = {}
            for entity in self.entities:
                counts[entity.label.value] = counts.get(entity.label.value, 0) + 1
            lines.append("entities: " + (", ".join(f"{k} {v}" for k, v in counts.items()) or "none"))
        return "\n".join(lines)


def _meta_lines(meta: Meta) -> list[str]:
    fields = (("文号", meta.doc_number), ("主送", "、".join(meta.recipients)), ("落款", "、".join(meta.issuers)),
              ("日期", meta.date), ("年度", str(meta.year) if meta.year else None))
    return [f"  {name}: {value}" for name, value in fields if value]
