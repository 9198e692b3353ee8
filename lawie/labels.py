"""Closed vocabularies of lawie: entity labels, relation types and section kinds.

They are fixed by the annotation guideline (``corpus/ANNOTATION.md``) and are
the single source of truth for the corpus, the model, the API and evaluation.
"""

from __future__ import annotations

from enum import Enum
from typing import TypeVar

from lawie.errors import ConfigError

_E = TypeVar("_E", bound="_StrEnum")


class _StrEnum(str, Enum):
    """A ``str`` Enum whose lookup by value lists the valid values on failure."""

    def __str__(self) -> str:
        return self.value

    @classmethod
    def parse(cls: type[_E], value: str) -> _E:
        """Return the member whose value is ``value``.

        Raises:
            ConfigError: if ``value`` is not one of the members' values.
        """
        try:
            return cls(value)
        except ValueError:
            valid = ", ".join(m.value for m in cls)
            raise ConfigError(f"unknown {cls.__name__} {value!r}; expected one of: {valid}") from None


class Label(_StrEnum):
    """Entity labels (ANNOTATION.md §2)."""

    ORG = "ORG"
    GPE = "GPE"
    PER = "PER"
    LAW = "LAW"
    DOCNO = "DOCNO"
    DATE = "DATE"
    COUNT = "COUNT"
    RATE = "RATE"
    MONEY = "MONEY"
    METRIC = "METRIC"


#: Labels that carry a quantity and can be the target of ``HAS_VALUE``.
VALUE_LABELS: frozenset[Label] = frozenset({Label.COUNT, Label.RATE, Label.MONEY})


class RelationType(_StrEnum):
    """Relation types (ANNOTATION.md §3)."""

    HAS_VALUE = "HAS_VALUE"


#: Allowed (head label, tail labels) per relation type.
RELATION_SIGNATURES: dict[RelationType, tuple[Label, frozenset[Label]]] = {
    RelationType.HAS_VALUE: (Label.METRIC, VALUE_LABELS),
}


class SectionKind(_StrEnum):
    """Kinds of level-1 sections (ANNOTATION.md §4)."""

    MEASURES = "measures"
    LEADERSHIP = "leadership"
    SHORTCOMINGS = "shortcomings"
    PLANS = "plans"
    OTHER = "other"


def bio_tags() -> list[str]:
    """Return the IOB2 tag inventory in a stable order: ``O`` then ``B-X``/``I-X`` per label."""
    tags = ["O"]
    for label in Label:
        tags += [f"B-{label.value}", f"I-{label.value}"]
    return tags
