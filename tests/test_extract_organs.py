"""The ORG and GPE patterns for recurring organs and places."""

from lawie.extract.organs import find_organ_spans
from lawie.labels import Label


def _found(text: str) -> list[tuple[str, str]]:
    return [(lb.value, text[s:e]) for lb, s, e in find_organ_spans(text)]


def test_organs_by_level_with_their_place_name() -> None:
    text = "辛口镇党委印发通知，县委、县政府召开会议，县司法局和镇综合行政执法大队参加。"
    assert _found(text) == [("ORG", "辛口镇党委"), ("ORG", "县委"), ("ORG", "县政府"), ("ORG", "县司法局"),
                            ("ORG", "镇综合行政执法大队")]


def test_positions_are_not_organs() -> None:
    assert _found("镇党委书记任组长，国务院总理出席，全国政协委员提出意见") == []


def test_place_prefix_stops_at_a_verb() -> None:
    assert _found("全面推进西青区司法局工作") == [("ORG", "西青区司法局")]


def test_provinces_are_places_unless_inside_a_slogan_or_word() -> None:
    assert _found("四川、天津市和香港") == [("GPE", "四川"), ("GPE", "天津市"), ("GPE", "香港")]
    assert _found("建设法治湖南，支持发展中国家，实现中国梦") == []


def test_rule_extractor_reports_organs_with_rules_source() -> None:
    from lawie.extract.rules import RuleExtractor

    text = "县委依法治县办审核文件3件"
    entities = RuleExtractor().extract(text, [(0, len(text))]).entities
    assert [(e.label, e.text, e.source) for e in entities] == [
        (Label.ORG, "县委依法治县办", "rules"), (Label.COUNT, "3件", "rules")]


def test_a_list_of_levels_is_not_a_place_name() -> None:
    assert _found("基本完成省市县政府机构改革") == [("ORG", "县政府")]


def test_bodies_named_by_task_take_their_name() -> None:
    assert _found("成立了营商环境整治工作领导小组，聘请湖北凝聚律师事务所律师") == [
        ("ORG", "营商环境整治工作领导小组"), ("ORG", "湖北凝聚律师事务所")]
    assert _found("经过潘湾司法所审核") == [("ORG", "潘湾司法所")]
    assert _found("领导小组办公室") == []


def test_leaders_are_persons_but_not_inside_a_body_of_thought() -> None:
    assert _found("以习近平同志为核心的党中央，学习习近平法治思想") == [("PER", "习近平"), ("ORG", "党中央")]
