"""The rule patterns and their combination with a model's output."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from lawie.extract.base import Extraction
from lawie.extract.rules import CombinedExtractor, RuleExtractor, find_rule_spans
from lawie.labels import Label, RelationType
from lawie.pipeline import Pipeline
from lawie.types import Entity, Relation


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("印发（双土委文〔2024〕2号）", [("DOCNO", "双土委文〔2024〕2号")]),
        ("贯彻《中华人民共和国人民调解法》", [("LAW", "中华人民共和国人民调解法")]),
        ("学习《习近平法治思想学习纲要》", []),
        ("2024年1月15日", [("DATE", "2024年1月15日")]),
        ("二〇二四年一月十五日", [("DATE", "二〇二四年一月十五日")]),
        ("2023年底组织考试", [("DATE", "2023年底")]),
        ("《法治宣传教育第八个五年规划(2021-2025年)》", [("LAW", "法治宣传教育第八个五年规划(2021-2025年)")]),
        ("成功率达99%以上", [("RATE", "99%")]),
        ("罚款6.177万元", [("MONEY", "6.177万元")]),
        ("调处矛盾纠纷120余起", [("COUNT", "120余起")]),
        ("接待1250余人次", [("COUNT", "1250余人次")]),
        ("第23条规定", []),
        ("发布时间 2024-03-28 09:18", [("DATE", "2024-03-28")]),
        # titles without 《》 after the verbs that take them, one span each; generic ones are no LAW
        ("实施劳动合同法和就业促进法，普遍提高", [("LAW", "劳动合同法"), ("LAW", "就业促进法")]),
        ("贯彻落实行政处罚法、行政许可法等", [("LAW", "行政处罚法"), ("LAW", "行政许可法")]),
        ("制定国家中长期人才发展规划纲要。", [("LAW", "国家中长期人才发展规划纲要")]),
        ("推动“八五”普法规划和决议全面落实", [("LAW", "“八五”普法规划")]),
        ("严格落实政府信息公开相关规定，", []),
        ("落实行政执法责任制", []),
        ("学习《条例》和《纲要》", [("LAW", "条例"), ("LAW", "纲要")]),
        # a range is one value; fractions and multiples are rates
        ("收购价提高了25%到40%。", [("RATE", "25%到40%")]),
        ("每斤提高5到7元，", [("MONEY", "5到7元")]),
        ("项目减少三分之一，审批减少1/3以上", [("RATE", "三分之一"), ("RATE", "1/3")]),
        ("出警1902人/次，检查2315家(次)，查获1200只", [("COUNT", "1902人/次"), ("COUNT", "2315家(次)"),
                                                  ("COUNT", "1200只")]),
        # set phrases with 一年 are no durations; streaks are
        ("新的一年，医改三年实施方案，通过几年努力", []),
        ("基本普及九年义务教育，是关键一年，任期的最后一年", []),
        ("连续17年保持", [("COUNT", "17年")]),
        # named days in quotes; work methods in 《》 are no LAW; town offices named bare after punctuation
        ("利用“3·15”和“12.4”宣传", [("DATE", "3·15"), ("DATE", "12.4")]),
        ("《交通事故“稳、调、帮、访”四步工作法》荣获", []),
        ("镇司法所、平安建设办、党群综合服务中心，各村党群服务中心", [("ORG", "镇司法所"), ("ORG", "平安建设办"),
                                                    ("ORG", "党群综合服务中心")]),
    ],
)
def test_rules_patterns(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(lb.value, text[s:e]) for lb, s, e in find_rule_spans(text)] == expected


class OneMetric:
    name = "fake"

    def extract(self, text: str, units: Sequence[tuple[int, int]]) -> Extraction:
        s = text.index("矛盾纠纷")
        return Extraction((Entity(0, Label.METRIC, s, s + 4, "矛盾纠纷", "model"),
                           Entity(1, Label.COUNT, s + 4, s + 9, text[s + 4 : s + 9], "model")),
                          (Relation(0, RelationType.HAS_VALUE, 0, 1),))


def test_rules_combined_keeps_model_and_fills_gaps() -> None:
    text = "一、工作情况\n2023年调处矛盾纠纷120余起，成功率达99%。\n"
    report = Pipeline(CombinedExtractor(OneMetric())).parse(text)
    assert [(e.label.value, e.text, e.source) for e in report.entities] == [
        ("DATE", "2023年", "rules"), ("METRIC", "矛盾纠纷", "model"), ("COUNT", "120余起", "model"),
        ("METRIC", "成功率", "rules"), ("RATE", "99%", "rules")]
    assert {(report.entity(r.head).text, report.entity(r.tail).text) for r in report.relations} == {
        ("矛盾纠纷", "120余起"), ("成功率", "99%")}


def test_rules_extractor_alone_has_no_metrics() -> None:
    report = Pipeline(RuleExtractor()).parse("全年调处矛盾纠纷120余起。")
    assert [e.label for e in report.entities] == [Label.COUNT] and report.relations == ()


def test_rules_first_replaces_overlapping_model_values_and_keeps_links() -> None:
    class Short(OneMetric):
        def extract(self, text: str, units: Sequence[tuple[int, int]]) -> Extraction:
            s = text.index("矛盾纠纷")
            return Extraction((Entity(0, Label.METRIC, s, s + 4, "矛盾纠纷", "model"),
                               Entity(1, Label.COUNT, s + 4, s + 7, text[s + 4 : s + 7], "model")),
                              (Relation(0, RelationType.HAS_VALUE, 0, 1),))

    text = "调处矛盾纠纷120余起。"
    report = Pipeline(CombinedExtractor(Short(), rules_first=True)).parse(text)
    assert [(e.text, e.source) for e in report.entities] == [("矛盾纠纷", "model"), ("120余起", "rules")]
    (rel,) = report.relations
    assert report.entity(rel.tail).text == "120余起"


def test_rules_only_labels_drop_the_model_entities_of_those_labels() -> None:
    class WithOrgs(OneMetric):
        def extract(self, text: str, units: Sequence[tuple[int, int]]) -> Extraction:
            base = super().extract(text, units)
            s = text.index("组织机")
            return Extraction(base.entities + (Entity(2, Label.ORG, s, s + 3, "组织机", "model"),), base.relations)

    text = "调处矛盾纠纷120余起，组织机关干部学法。"
    kept = Pipeline(CombinedExtractor(WithOrgs())).parse(text)
    assert ("ORG", "组织机") in {(e.label.value, e.text) for e in kept.entities}
    dropped = Pipeline(CombinedExtractor(WithOrgs(), rules_only=[Label.ORG])).parse(text)
    assert [(e.label.value, e.text) for e in dropped.entities] == [("METRIC", "矛盾纠纷"), ("COUNT", "120余起")]
    assert len(dropped.relations) == 1


def test_durations_are_counts_and_years_are_dates() -> None:
    from lawie.extract.rules import find_rule_spans

    def found(text: str) -> list[tuple[str, str]]:
        return [(lb.value, text[s:e]) for lb, s, e in find_rule_spans(text)]

    assert found("过去五年，经过连续17年的努力，建党60周年") == [("COUNT", "五年"), ("COUNT", "17年"), ("COUNT", "60周年")]
    assert found("二〇二三年，2023年") == [("DATE", "2023年")]
    assert found("三年行动计划，第十年，近两年来") == []


def test_spaced_values_and_report_years() -> None:
    from lawie.extract.rules import find_rule_spans

    def found(text: str) -> list[tuple[str, str]]:
        return [(lb.value, text[s:e]) for lb, s, e in find_rule_spans(text)]

    assert found("辛口镇 2020 年度法治政府建设，今年5月以来先后组织 3 次培训") == [
        ("GPE", "辛口镇"), ("DATE", "2020 年度"), ("DATE", "今年5月"), ("COUNT", "3 次")]
    assert ("ORG", "镇委") not in found("成立了党委全面依法治镇委员会")


def test_fallback_metric_links_adjacent_values_to_one_metric() -> None:
    text = "共计接待来访群众89批155人次。"
    report = Pipeline(CombinedExtractor(_Nothing())).parse(text)
    assert {(report.entity(r.head).text, report.entity(r.tail).text) for r in report.relations} == {
        ("接待来访群众", "89批"), ("接待来访群众", "155人次")}


class _Nothing:
    name = "nothing"

    def extract(self, text: str, units: Sequence[tuple[int, int]]) -> Extraction:
        return Extraction()
