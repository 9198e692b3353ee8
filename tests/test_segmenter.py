"""The segmenter on the seeds (golden) and on constructed messy text."""

from __future__ import annotations

import pytest

from lawie.labels import SectionKind
from lawie.segment import segment


def _tree(text: str) -> list[tuple[int, str, str]]:
    return [(s.level, s.number, s.title) for root in segment(text).sections for s in root.walk()]


def test_segmenter_seed_golden(seed_texts: dict[str, str], seeds_golden: dict) -> None:
    for name, text in seed_texts.items():
        seg = segment(text)
        got = [[s.level, s.number, s.title, s.kind.value if s.kind else None] for r in seg.sections for s in r.walk()]
        assert got == seeds_golden[name]["sections"], name


def test_segmenter_seed_offsets_point_at_numbers(seed_texts: dict[str, str]) -> None:
    for text in seed_texts.values():
        for root in segment(text).sections:
            for s in root.walk():
                assert text.startswith(s.number, s.start)
                assert text[s.title_start : s.title_end] == s.title
                assert all(text[p.start : p.end] == p.text for p in s.paragraphs)


def test_segmenter_levels_follow_first_appearance() -> None:
    text = "（一）组织领导\n1.成立小组\n2.明确职责\n（二）制度建设\n1.完善制度\n"
    assert _tree(text) == [(1, "（一）", "组织领导"), (2, "1.", "成立小组"), (2, "2.", "明确职责"),
                           (1, "（二）", "制度建设"), (2, "1.", "完善制度")]


def test_segmenter_inline_heading_title_stops_at_full_stop() -> None:
    text = "一、主要举措\n（一）强化组织领导，推进法治政府建设。我镇成立领导小组。\n"
    seg = segment(text)
    sub = seg.sections[0].children[0]
    assert sub.title == "强化组织领导，推进法治政府建设"
    assert [p.text for p in sub.paragraphs] == ["我镇成立领导小组。"]


def test_segmenter_enumerations_are_not_headings() -> None:
    text = "一、主要举措\n一是加强学习。二是完善制度。\n二是另起一行的列举。\n二、存在问题\n"
    assert [n for _, n, _ in _tree(text)] == ["一、", "二、"]


def test_segmenter_numbering_that_skips_or_restarts() -> None:
    text = ("一、工作情况\n（一）甲\n（二）乙\n二、工作打算\n进一步抓好落实。\n（二）丙\n（三）丁\n"
            "三、其他\n1.子项\n2.子项\n")
    assert [n for _, n, _ in _tree(text)] == ["一、", "（一）", "（二）", "二、", "（二）", "（三）", "三、", "1.", "2."]


def test_segmenter_top_level_restart_is_an_enumeration() -> None:
    text = "一、主要举措\n正文。\n二、存在的问题\n一、思想认识不到位。\n二、工作力量薄弱。\n三、下一步打算\n"
    assert [n for _, n, _ in _tree(text)] == ["一、", "二、", "三、"]


def test_segmenter_full_and_half_width_are_one_style() -> None:
    text = "一、甲\n（一）子一\n(二)子二\n二、乙\n"
    assert [lv for lv, _, _ in _tree(text)] == [1, 2, 2, 1]


def test_segmenter_markdown_bold_headings() -> None:
    text = "**一、主要举措和成效**\n**（一）加强领导**。我镇……\n"
    assert _tree(text) == [(1, "一、", "主要举措和成效"), (2, "（一）", "加强领导")]


def test_segmenter_page_break_debris_is_not_a_heading() -> None:
    text = ("一、主要举措\n我镇深入学习贯彻党的十九大和十九届二中、三中、\n四、五中全会精神，全面推进依法行政工作，成效明显。\n"
            "二、存在问题\n我镇依法行政工作虽然取得成效，但在执法规范化方面仍有短板，需要\n3.进一步加强，特别是基层执法人员的能力还需提升。\n"
            "三、下一步打算\n")
    assert [n for _, n, _ in _tree(text)] == ["一、", "二、", "三、"]


def test_segmenter_website_boilerplate_is_noise() -> None:
    text = "更新时间:2021-03-03 11:44:48 作者:admin 来源: 点击数: |\n关于2020年度法治政府建设工作的报告\n一、工作情况\n正文。\n"
    seg = segment(text)
    assert [p.text for p in seg.preamble] == ["关于2020年度法治政府建设工作的报告"]
    assert seg.meta.title == "关于2020年度法治政府建设工作的报告"


def test_segmenter_flattened_text_keeps_headings() -> None:
    text = ("关于2022年法治政府建设情况的报告 一、主要举措和成效 （一）加强组织领导。我镇成立小组。（二）完善制度。"
            "制定办法3项。  二、存在的问题 一是意识不强。  三、下一步工作安排 （一）加强学习。继续学习。")
    got = _tree(text)
    assert [n for _, n, _ in got] == ["一、", "（一）", "（二）", "二、", "三、", "（一）"]
    assert got[1][2] == "加强组织领导"
    kinds = [s.kind for s in segment(text).sections]
    assert kinds == [SectionKind.MEASURES, SectionKind.SHORTCOMINGS, SectionKind.PLANS]


def test_segmenter_decimal_and_list_inside_sentence_not_headings() -> None:
    text = "一、成效\n共投入1.5万元。开展活动2次。（1）项不是标题；（2）也不是。\n"
    assert [n for _, n, _ in _tree(text)] == ["一、"]


def test_segmenter_back_matter_is_not_sections() -> None:
    text = "一、回顾\n正文。\n二、任务\n正文。\n注释：\n1、三网融合：是指……\n2、物联网：是指……\n"
    seg = segment(text)
    assert [n for _, n, _ in _tree(text)] == ["一、", "二、"]
    assert seg.closing[0].text == "注释："


@pytest.mark.parametrize(
    "text",
    ["", "   \n\n\u3000 ", "No headings here, just English text.", "\x00\x01\x02binary\xff junk", "。。。！！？？", "一、"],
)
def test_segmenter_bad_input_never_crashes(text: str) -> None:
    seg = segment(text)
    for p in seg.preamble:
        assert text[p.start : p.end] == p.text


def test_segmenter_no_headings_is_flat() -> None:
    seg = segment("我镇全年开展普法活动。\n群众满意。\n")
    assert seg.sections == ()
    assert [p.text for p in seg.preamble] == ["我镇全年开展普法活动。", "群众满意。"]


def test_segmenter_very_long_text() -> None:
    block = "（一）加强学习。全年开展学习活动12次，参加人数300余人次。\n" * 3
    text = "".join(f"{n}、第{n}部分工作\n{block}" for n in "一二三四五六七八九十" ) * 40  # ~100k chars
    seg = segment(text * 10)  # ~1 MB
    assert len(seg.sections) >= 10


@pytest.mark.parametrize("separator", [" ", ""])
def test_segmenter_flattened_seeds_keep_every_heading(seed_texts: dict[str, str], separator: str) -> None:
    """A seed with its line breaks lost (replaced by a space, or by nothing) keeps each heading's level and number."""
    import re

    for name, text in seed_texts.items():
        flat = re.sub(r"\s*\n\s*", separator, text)
        expected = [(lv, n.strip()) for lv, n, _ in _tree(text)]
        assert [(lv, n.strip()) for lv, n, _ in _tree(flat)] == expected, name


def test_segmenter_inline_list_after_colon_is_not_a_heading() -> None:
    text = "一、主要任务\n（一）稳定住房市场。总的原则是：（1）坚持从国情出发。（2）坚持发挥市场作用。（3）加强调控。\n（二）其他\n"
    assert [n for _, n, _ in _tree(text)] == ["一、", "（一）", "（二）"]
