"""Normalised values of COUNT, RATE, MONEY and DATE."""

from __future__ import annotations

import pytest

from lawie.labels import Label
from lawie.values import normalise


@pytest.mark.parametrize(
    ("label", "text", "number", "unit", "qualifier"),
    [
        (Label.COUNT, "120余起", 120, "起", "approx"),
        (Label.COUNT, "1250余人次", 1250, "人次", "approx"),
        (Label.COUNT, "2万余份", 20000, "份", "approx"),
        (Label.COUNT, "1000多家", 1000, "家", "approx"),
        (Label.COUNT, "6部", 6, "部", None),
        (Label.COUNT, "一次", 1, "次", None),
        (Label.COUNT, "二十三个", 23, "个", None),
        (Label.COUNT, "5.5亿吨", 5.5e8, "吨", None),
        (Label.COUNT, "１２次", 12, "次", None),
        (Label.MONEY, "6.177万元", 61770, "元", None),
        (Label.MONEY, "24.7万亿元", 24.7e12, "元", None),
        (Label.MONEY, "20—30亿元", 2e9, "元", "range"),
        (Label.RATE, "98.63%", 0.9863, "%", None),
        (Label.RATE, "百分之九十", 0.9, "%", None),
        (Label.RATE, "九成", 0.9, "%", None),
        (Label.RATE, "0.8个百分点", 0.008, "percentage point", None),
    ],
)
def test_values_quantities(label: Label, text: str, number: float, unit: str, qualifier: str | None) -> None:
    v = normalise(label, text)
    assert v is not None and v.number == pytest.approx(number) and v.unit == unit and v.qualifier == qualifier


@pytest.mark.parametrize(
    ("text", "iso"),
    [("2024年1月15日", "2024-01-15"), ("2020年", "2020"), ("2023年底", "2023"), ("二〇二四年一月十五日", "2024-01-15"),
     ("2021—2025年", "2021")],
)
def test_values_dates(text: str, iso: str) -> None:
    v = normalise(Label.DATE, text)
    assert v is not None and v.iso == iso


def test_values_none_for_other_labels() -> None:
    assert normalise(Label.ORG, "县委") is None
    assert normalise(Label.COUNT, "若干") is None
