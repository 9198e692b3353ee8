"""One test per heading style, kind cue family and noise pattern in lawie.segment.rules."""

from __future__ import annotations

import pytest

from lawie.labels import SectionKind
from lawie.segment.headings import find_candidates
from lawie.segment.kinds import classify_kind
from lawie.segment.noise import is_noise_line
from lawie.segment.rules import HEADING_STYLES


@pytest.mark.parametrize(
    ("line", "style", "value", "title"),
    [
        ("第一部分 工作开展情况", "part", 1, "工作开展情况"),
        ("一、法治政府建设开展情况", "cn", 1, "法治政府建设开展情况"),
        ("十二．加强队伍建设", "cn", 12, "加强队伍建设"),
        ("（三）强化科学决策，规范民主决策机制。我镇紧紧围绕", "cn_paren", 3, "强化科学决策，规范民主决策机制"),
        ("(四)继续加强行政执法体系建设。持续抓好", "cn_paren", 4, "继续加强行政执法体系建设"),
        ("1.优化法治化营商环境。成立了", "arabic", 1, "优化法治化营商环境"),
        ("2、完善法制队伍建设", "arabic", 2, "完善法制队伍建设"),
        ("３．进一步规范行政执法行为", "arabic", 3, "进一步规范行政执法行为"),
        ("（1）建立台账", "arabic_paren", 1, "建立台账"),
        ("(12)做好调解", "arabic_paren", 12, "做好调解"),
        ("①加强学习", "circled", 1, "加强学习"),
        ("**（二）依法防控疫情**。一是", "cn_paren", 2, "依法防控疫情"),
        ("\u3000\u3000（四）完善便民服务体系，推进政府职能转变", "cn_paren", 4, "完善便民服务体系，推进政府职能转变"),
    ],
)
def test_rules_heading_style_matches(line: str, style: str, value: int, title: str) -> None:
    (cand,) = find_candidates(line)
    assert (cand.style, cand.value, line[cand.title_start : cand.title_end]) == (style, value, title)


@pytest.mark.parametrize(
    "line",
    ["一是成立镇法治政府建设领导小组。", "1.5万元用于法律援助。", "2023年，我镇召开会议。", "二、三季度开展检查。",
     "四、五中全会精神。", "第二批示范单位。", "三项制度全面落实。"],
)
def test_rules_not_a_heading(line: str) -> None:
    assert find_candidates(line) == []


def test_rules_every_style_has_a_test() -> None:
    assert {s.name for s in HEADING_STYLES} == {"part", "cn", "cn_paren", "arabic", "arabic_paren", "circled"}


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("2023年推进法治政府建设的主要举措和成效", SectionKind.MEASURES),
        ("法治政府建设开展情况", SectionKind.MEASURES),
        ("2020年工作开展情况", SectionKind.MEASURES),
        ("主要做法及成效", SectionKind.MEASURES),
        ("2012年工作回顾", SectionKind.MEASURES),
        ("2023年党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况", SectionKind.LEADERSHIP),
        ("履行推进法治建设第一责任人职责情况", SectionKind.LEADERSHIP),
        ("主要负责人履行推进法治建设第一责任人职责", SectionKind.LEADERSHIP),
        ("党政主要负责人述法情况", SectionKind.LEADERSHIP),
        ("存在的不足和原因", SectionKind.SHORTCOMINGS),
        ("工作存在的问题", SectionKind.SHORTCOMINGS),
        ("存在的困难和问题", SectionKind.SHORTCOMINGS),
        ("2024年度推进法治政府建设存在的不足", SectionKind.SHORTCOMINGS),
        ("问题与差距", SectionKind.SHORTCOMINGS),
        ("下一步工作重点", SectionKind.PLANS),
        ("2024年推进法治政府建设的工作安排", SectionKind.PLANS),
        ("下一年度推进法治政府建设的主要安排", SectionKind.PLANS),
        ("2021年重点工作打算", SectionKind.PLANS),
        ("今后工作思路", SectionKind.PLANS),
        ("对今年政府工作的建议", SectionKind.PLANS),
        ("加强政府自身建设", SectionKind.OTHER),
        ("主要负责同志履职情况", SectionKind.LEADERSHIP),
        ("工作中存在的问题和困难", SectionKind.SHORTCOMINGS),
        ("下步打算", SectionKind.PLANS),
        ("下一阶段工作设想", SectionKind.PLANS),
        ("其他需要报告的情况", SectionKind.OTHER),
    ],
)
def test_kinds_classify(title: str, kind: SectionKind) -> None:
    assert classify_kind(title) is kind


@pytest.mark.parametrize(
    ("line", "noise"),
    [
        ("更新时间:2021-03-03 11:44:48 作者:admin 来源: 点击数: |", True),
        ("发布时间：2024-03-28 09:18  浏览量：3799次", True),
        ("【打印】【关闭】", True),
        ("无障碍浏览 | 长者模式", True),
        ("- 3 -", True),
        ("— 12 —", True),
        ("第2页 共5页", True),
        ("一、法治政府建设开展情况", False),
        ("全年共调处各类矛盾纠纷120余起，成功率达99%。", False),
    ],
)
def test_noise_lines(line: str, noise: bool) -> None:
    assert is_noise_line(line) is noise
