"""Metadata: title, 文号, addressees, signature block, dates, year covered."""

from __future__ import annotations

import pytest

from lawie.segment import segment
from lawie.segment.meta import parse_date


def test_meta_seed_golden(seed_texts: dict[str, str], seeds_golden: dict) -> None:
    for name, text in seed_texts.items():
        m = segment(text).meta
        got = {"title": m.title, "doc_number": m.doc_number, "recipients": list(m.recipients),
               "issuers": list(m.issuers), "date": m.date, "year": m.year, "flags": list(m.flags)}
        assert got == seeds_golden[name]["meta"], name


@pytest.mark.parametrize(
    ("line", "expected"),
    [("双土委文〔2024〕2号", "双土委文〔2024〕2号"), ("某府发[2023]15号", "某府发[2023]15号"),
     ("某司发（2022）第7号", "某司发（2022）第7号"), ("某办【2021】3号", "某办【2021】3号")],
)
def test_meta_doc_number_variants(line: str, expected: str) -> None:
    text = f"{line}\n关于2023年法治政府建设情况的报告\n县委、县政府：\n一、主要举措\n正文。\n"
    assert segment(text).meta.doc_number == expected


def test_meta_cited_doc_number_in_body_is_not_the_doc_number() -> None:
    text = "关于2020年法治政府建设工作总结\n根据《通知》（工作通知〔2020〕113号）精神，现报告如下：\n一、情况\n"
    assert segment(text).meta.doc_number is None


@pytest.mark.parametrize(
    ("s", "iso"),
    [("2024年1月15日", "2024-01-15"), ("二〇二四年一月十五日", "2024-01-15"), ("二○二三年十二月三十一日", "2023-12-31"),
     ("２０２１年３月５日", "2021-03-05"), ("2022年12月", "2022-12"), ("2024年13月1日", None), ("不是日期", None)],
)
def test_meta_parse_date(s: str, iso: str | None) -> None:
    assert parse_date(s) == iso


def test_meta_signature_block_with_chinese_date_and_flag() -> None:
    text = ("中共某某县委员会\n关于2023年度法治政府建设情况的报告\n市委、市政府：\n一、主要举措和成效\n正文。\n"
            "二、下一步工作安排\n正文。\n特此报告。\n\n中共某某县委员会\n某某县人民政府\n二〇二四年一月十五日\n（此件公开发布）\n")
    m = segment(text).meta
    assert m.recipients == ("市委", "市政府")
    assert m.issuers == ("中共某某县委员会", "某某县人民政府")
    assert m.date == "2024-01-15"
    assert m.year == 2023
    assert m.flags == ("此件公开发布",)


def test_meta_two_line_title() -> None:
    text = "关于2021年度法治政府建设\n工作情况的报告\n一、主要做法\n正文。\n"
    assert segment(text).meta.title == "关于2021年度法治政府建设工作情况的报告"


def test_meta_year_from_review_heading_when_title_has_none() -> None:
    text = "法治政府建设工作报告\n一、2021年工作开展情况\n正文。\n二、2022年工作打算\n"
    assert segment(text).meta.year == 2021


def test_meta_work_report_covers_previous_year() -> None:
    text = "2014国务院政府工作报告\n——2014年3月5日在第十二届全国人民代表大会第二次会议上\n各位代表：\n一、2013年工作回顾\n"
    m = segment(text).meta
    assert m.year == 2013
    assert m.recipients == ()


@pytest.mark.parametrize("separator", [" ", ""])
def test_meta_flattened_seeds(seed_texts: dict[str, str], seeds_golden: dict, separator: str) -> None:
    """Title, year, date and 文号 survive lost line breaks."""
    import re

    for name, text in seed_texts.items():
        m = segment(re.sub(r"\s*\n\s*", separator, text)).meta
        gold = seeds_golden[name]["meta"]
        assert (m.title, m.year, m.date, m.doc_number) == (gold["title"], gold["year"], gold["date"], gold["doc_number"])
