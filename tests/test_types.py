"""Report invariants for any text (hypothesis) and the tree helpers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lawie.labels import Label, RelationType, SectionKind
from lawie.pipeline import Pipeline
from lawie.types import Entity, Relation, Report

_PIECES = st.sampled_from(
    ["一、", "二、", "（一）", "(二)", "1.", "2、", "（1）", "一是", "。", "，", "\n", "\n\n", " ", "\u3000", "**",
     "工作情况", "存在问题", "下一步打算", "全年调处纠纷120余起", "成功率99%", "2023年", "县委、县政府：",
     "特此报告", "二〇二四年一月十五日", "更新时间:2021-03-03", "abc", "1.5万元", "第"]
)
TEXTS = st.one_of(st.text(max_size=200), st.lists(_PIECES, max_size=60).map("".join))


def _check_nesting(sections, lo: int, hi: int, text: str) -> None:
    prev_end = lo
    for s in sections:
        assert lo <= s.start < s.end <= hi and s.start >= prev_end
        assert text.startswith(s.number, s.start)
        assert text[s.title_start : s.title_end] == s.title
        for p in s.paragraphs:
            assert s.start <= p.start < p.end <= s.end and text[p.start : p.end] == p.text
        _check_nesting(s.children, s.start, s.end, text)
        prev_end = s.end


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_types_offsets_nest_and_round_trip(text: str) -> None:
    report = Pipeline().parse(text, id="doc")
    _check_nesting(report.sections, 0, len(text), text)
    for p in report.preamble + report.closing:
        assert 0 <= p.start < p.end <= len(text) and text[p.start : p.end] == p.text
    assert Report.from_dict(report.to_dict()) == report


def test_types_round_trip_with_entities(seed_texts: dict[str, str]) -> None:
    text = seed_texts["001_fde4d6334961397a.txt"]
    base = Pipeline().parse(text, id="seed-001")
    start = text.index("矛盾纠纷406起")
    ents = (Entity(0, Label.METRIC, start, start + 4, "矛盾纠纷"),
            Entity(1, Label.COUNT, start + 4, start + 8, "406起", source="model"))
    report = Report(base.text, base.id, base.meta, base.sections, base.preamble, base.closing, ents,
                    (Relation(0, RelationType.HAS_VALUE, 0, 1),))
    again = Report.from_dict(report.to_dict())
    assert again == report
    (row,) = again.indicators()
    assert (row.metric, row.value, row.unit) == ("矛盾纠纷", 406.0, "起")
    assert row.section_path[0].startswith("一、")


def test_types_tree_helpers(seed_texts: dict[str, str]) -> None:
    report = Pipeline().parse(seed_texts["000_cfeccfaec11a132e.txt"])
    assert [s.title for s in report.find(kind="plans")] == ["下一步工作重点"]
    assert len(report.find(level=3)) == 10
    sec = report.find(kind=SectionKind.MEASURES)[0]
    assert list(sec.all_paragraphs())[0].text.startswith("我镇确保依法行政")
    path = report.section_path(report.text.index("购置了6部"))
    assert [s.number for s in path] == ["一、", "（二）", "2."]
    assert "三、下一步工作重点" in report.pretty()
    with pytest.raises(ValueError, match="expected one of"):
        report.find(kind="plan")


def test_types_text_units_cover_all_text_but_heading_numbers(seed_texts: dict[str, str]) -> None:
    """The extractor reads every character except heading numbers and the 。 closing a heading."""
    from lawie.pipeline import text_units
    from lawie.segment import segment

    for text in seed_texts.values():
        seg = segment(text)
        covered = {i for lo, hi in text_units(seg, text) for i in range(lo, hi)}
        numbers = {i for root in seg.sections for s in root.walk() for i in range(s.start, s.title_start)}
        missed = [i for i, ch in enumerate(text) if not ch.isspace() and i not in covered and i not in numbers]
        assert all(text[i] in "。！？*" for i in missed), "".join(text[i] for i in missed)


def test_types_pretty_detail_shows_meta_indicators_and_counts() -> None:
    from lawie.extract.base import Extraction
    from lawie.labels import Label, RelationType
    from lawie.pipeline import Pipeline
    from lawie.types import Entity, Relation

    class Fixed:
        name = "fixed"

        def extract(self, text, units):
            s = text.index("矛盾纠纷")
            return Extraction((Entity(0, Label.METRIC, s, s + 4, "矛盾纠纷", "model"),
                               Entity(1, Label.COUNT, s + 4, s + 8, "120起", "model")),
                              (Relation(0, RelationType.HAS_VALUE, 0, 1),))

    text = "关于2023年法治政府建设情况的报告\n一、主要举措和成效\n（一）化解纠纷\n全年调处矛盾纠纷120起。\n"
    out = Pipeline(Fixed()).parse(text).pretty(detail=True)
    assert "  年度: 2023" in out
    assert "    （一）化解纠纷\n      · 矛盾纠纷 → 120起" in out
    assert out.endswith("entities: METRIC 1, COUNT 1")
    assert "·" not in Pipeline(Fixed()).parse(text).pretty()
