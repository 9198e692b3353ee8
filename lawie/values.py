"""Normalised values of COUNT, RATE, MONEY and DATE entities, and the indicator view."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lawie.labels import Label, RelationType
from lawie.segment.meta import parse_date
from lawie.text import CN_NUMERAL_CHARS, cn_to_int, fold_width

if TYPE_CHECKING:
    from lawie.types import Indicator, Report


@dataclass(frozen=True, slots=True)
class Value:
    """A normalised quantity or date.

    Attributes:
        number: the amount (a rate as a fraction: 98.6% → 0.986); ``None`` for dates.
        unit: classifier or currency (``"起"``, ``"人次"``, ``"元"``), ``"%"`` for rates,
            ``"date"`` for dates.
        qualifier: ``"approx"`` (余, 多, 左右), ``"at_least"`` (以上), ``"at_most"``
            (以下, 以内), ``"range"`` (a—b, number is the lower end) or ``None``.
        iso: the ISO form of a date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``).
        upper: the upper end of a range.
    """

    number: float | None
    unit: str | None
    qualifier: str | None = None
    iso: str | None = None
    upper: float | None = None


_MULT = {"万": 1e4, "亿": 1e8, "千": 1e3, "百": 1e2, "万亿": 1e12}
_NUM = rf"[0-9.]+|[{CN_NUMERAL_CHARS}点]+"
_QUANTITY = re.compile(
    rf"(?P<a>{_NUM})(?:\s*[—\-~～至到]\s*(?P<b>{_NUM}))?\s*(?P<mult>万亿|万|亿|千|百)?\s*"
    rf"(?P<approx>余|多)?\s*(?P<unit>.*)$"
)
_APPROX_TAIL = ("余", "多", "左右")


def _number(s: str) -> float | None:
    s = s.strip()
    if not s:
        return None
    if re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", s):
        return float(s)
    if "点" in s:
        whole, _, frac = s.partition("点")
        w = cn_to_int(whole) if whole else 0
        digits = "".join(str(cn_to_int(c)) for c in frac if cn_to_int(c) is not None)
        return None if w is None else float(f"{w}.{digits or 0}")
    n = cn_to_int(s)
    return float(n) if n is not None else None


def _quantity(text: str) -> Value | None:
    s = fold_width(text).replace(",", "")
    m = _QUANTITY.match(s)
    if not m:
        return None
    a, b = _number(m["a"]), _number(m["b"]) if m["b"] else None
    if a is None:
        return None
    mult = _MULT.get(m["mult"] or "", 1.0)
    unit = m["unit"].strip() or None
    qualifier = "range" if b is not None else ("approx" if m["approx"] else None)
    if unit:
        for tail in _APPROX_TAIL:
            if unit.endswith(tail) and len(unit) > len(tail):
                unit, qualifier = unit[: -len(tail)], qualifier or "approx"
        if unit.startswith(("余", "多")):
            unit, qualifier = unit[1:], qualifier or "approx"
    return Value(a * mult, unit or None, qualifier, upper=b * mult if b is not None else None)


def _rate(text: str) -> Value | None:
    s = fold_width(text)
    if s.startswith("百分之"):
        n = _number(s[3:])
        return Value(n / 100, "%") if n is not None else None
    m = re.fullmatch(r"([0-9.]+)\s*(?:[—\-~～至到]\s*([0-9.]+))?\s*%", s)
    if m:
        a, b = float(m[1]), float(m[2]) if m[2] else None
        return Value(a / 100, "%", "range" if b is not None else None, upper=b / 100 if b is not None else None)
    m = re.fullmatch(rf"({_NUM})成", s)
    if m and (n := _number(m[1])) is not None:
        return Value(n / 10, "%")
    m = re.fullmatch(rf"({_NUM})\s*个百分点", s)
    if m and (n := _number(m[1])) is not None:
        return Value(n / 100, "percentage point")
    m = re.fullmatch(rf"({_NUM})\s*倍", s)
    if m and (n := _number(m[1])) is not None:
        return Value(n, "times")
    return None


def _date(text: str) -> Value | None:
    s = fold_width(text)
    iso = parse_date(s)
    if iso is None:
        m = re.search(r"((?:19|20)[0-9]{2})\s*(?:年|[—\-~～至到]\s*((?:19|20)[0-9]{2})\s*年)", s)
        if m is None:
            return None
        if m[2]:
            return Value(None, "date", "range", iso=m[1], upper=float(m[2]))
        iso = m[1]
    return Value(None, "date", iso=iso)


def normalise(label: Label, text: str) -> Value | None:
    """Return the normalised value of an entity's text, or ``None`` when it has none.

    >>> normalise(Label.COUNT, "120余起")
    Value(number=120.0, unit='起', qualifier='approx', iso=None, upper=None)
    >>> normalise(Label.RATE, "98.6%").number
    0.986
    """
    if label in (Label.COUNT, Label.MONEY):
        return _quantity(text)
    if label is Label.RATE:
        return _rate(text)
    if label is Label.DATE:
        return _date(text)
    return None


def indicators(report: Report) -> list[Indicator]:
    """Every HAS_VALUE pair of ``report`` as an :class:`~lawie.types.Indicator` row."""
    from lawie.types import Indicator

    by_id = {e.id: e for e in report.entities}
    rows = []
    for rel in report.relations:
        if rel.type is not RelationType.HAS_VALUE:
            continue
        metric, value = by_id[rel.head], by_id[rel.tail]
        norm = value.value
        path = tuple(f"{s.number}{s.title}" for s in report.section_path(value.start))
        rows.append(
            Indicator(
                section_path=path,
                metric=metric.text,
                value_text=value.text,
                label=value.label,
                value=norm.number if norm else None,
                unit=norm.unit if norm else None,
                qualifier=norm.qualifier if norm else None,
            )
        )
    return rows
