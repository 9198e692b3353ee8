"""The ORG and GPE patterns for recurring organs and places."""

import pytest

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
    assert _found("基本完成省市县政府机构改革") == []
    assert _found("省、市、县政府部门和县委、县政府") == [("ORG", "县委"), ("ORG", "县政府")]


def test_bodies_named_by_task_take_their_name() -> None:
    assert _found("成立了营商环境整治工作领导小组，聘请湖北凝聚律师事务所律师") == [
        ("ORG", "营商环境整治工作领导小组"), ("ORG", "湖北凝聚律师事务所")]
    assert _found("经过潘湾司法所审核") == [("ORG", "潘湾司法所")]
    assert _found("领导小组办公室") == []


def test_leaders_are_persons_but_not_inside_a_body_of_thought() -> None:
    assert _found("以习近平同志为核心的党中央，学习习近平法治思想") == [("PER", "习近平"), ("ORG", "党中央")]


@pytest.mark.parametrize(("text", "expected"), [
    ("镇平安办联合镇司法所开展活动", [("ORG", "镇平安办"), ("ORG", "镇司法所")]),   # 联合 is no place name
    ("积极向镇人大代表报告工作", []),                                                 # deputies are people
    ("依法依规审查县政府文件", [("ORG", "县政府")]),
    ("制定县委常委会会前学法制度", [("ORG", "县委常委会")]),
    ("查指导、督办考核均统一归口至县综合执法局", [("ORG", "县综合执法局")]),
    ("中共云阳县双土镇委员会\n云阳县双土镇人民政府", [("ORG", "中共云阳县双土镇委员会"), ("ORG", "云阳县双土镇人民政府")]),
    ("开江县法治政府建设工作领导小组办公室\n", [("ORG", "开江县法治政府建设工作领导小组办公室")]),
    ("成立县委应对新型冠状病毒感染肺炎疫情工作领导小组", [("ORG", "县委应对新型冠状病毒感染肺炎疫情工作领导小组")]),
    ("作为党委理论学习中心组重点学习内容", [("ORG", "党委理论学习中心组")]),
    ("全县共建成各级各类人民调解委员会304个", []),
    ("县政府常务会议研究成立县依法行政领导小组", [("ORG", "县政府"), ("ORG", "县依法行政领导小组")]),
    ("成立王场镇“贵和”工作领导小组，在全镇", [("ORG", "王场镇“贵和”工作领导小组")]),   # a quoted name
    ("通过党委理论中心组会议", [("ORG", "党委理论中心组")]),
    ("落实市委全面依法治市、区委全面依法治区工作", [("ORG", "市委"), ("ORG", "区委")]),   # 治市、 is no level list
    ("成立了党委全面依法治镇委员会，进一步", [("ORG", "党委全面依法治镇委员会")]),
    ("镇“矛调”中心立足于一站式接收", [("ORG", "镇“矛调”中心")]),
])
def test_organs_place_names_start_at_a_boundary(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected


def test_document_places_from_the_title_line() -> None:
    from lawie.extract.organs import document_places

    assert document_places("\n西青区辛口镇 2020 年度法治政府建设情况报告\n") == {"西青区", "辛口镇", "西青区辛口镇"}
    assert document_places("加强县 2020 年度") == frozenset()  # a verb is no place name


def test_document_places_make_standalone_place_names_gpe() -> None:
    from lawie.extract.organs import document_places

    text = "云阳县双土镇人民政府\n双土镇坚持依法行政，云阳县双土镇2023年……"
    places = document_places(text)
    assert places == {"云阳县", "双土镇", "云阳县双土镇"}
    found = [(lb.value, text[s:e]) for lb, s, e in find_organ_spans(text, places=places)]
    assert found == [("ORG", "云阳县双土镇人民政府"), ("GPE", "双土镇"), ("GPE", "云阳县双土镇")]


@pytest.mark.parametrize(("text", "expected"), [
    ("全体中国人的共同愿望，具有中国特点，新中国成立", []),          # 中国 inside a longer word
    ("推动中国经济发展", [("GPE", "中国")]),
    ("澳门两个特别行政区政府依法施政", [("GPE", "澳门")]),            # 行政区 is no level
    ("中国农业银行、中国银行和人民武装警察部队", [("ORG", "中国农业银行"), ("ORG", "中国银行"), ("ORG", "人民武装警察部队")]),
])
def test_places_inside_words_and_national_bodies(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected


def test_place_chains_with_unknown_names_and_zhou_cities() -> None:
    assert _found("澄州市东溪区人民政府关于2024年度") == [("ORG", "澄州市东溪区人民政府")]
    assert _found("嵘州市司法局2021年工作总结") == [("ORG", "嵘州市司法局")]


@pytest.mark.parametrize("text,organ", [
    ("平法治思想纳入镇党委理论学习中心组学习", "镇党委理论学习中心组"),
    ("建设工作五次，及时听取县司法局汇报", "县司法局"),
    ("送审查，前者列入省政府2023年立法计划", "省政府"),
    ("全年召开区政府常务会议26次", "区政府"),
    ("规范性文件均在30日内报送市人民政府备案", "市人民政府"),
    ("配齐配强街道司法所工作力量", "街道司法所"),
])
def test_verbs_before_an_organ_are_no_part_of_it(text: str, organ: str) -> None:
    assert _found(text) == [("ORG", organ)]


def test_every_unit_of_a_level_is_no_organ() -> None:
    assert _found("全市司法所168个，其中省级规范化司法所61个，部分司法所仅有1人，各县司法局") == []
    assert _found("扩大城市公立医院综合改革，完善城市化布局，围绕全镇工作大局") == []
    assert _found("新建500所县中医院") == []


def test_organs_named_by_their_field_and_kinds_of_bodies() -> None:
    text = "会同县卫生健康局、省司法厅、区消防救援大队、市看守所、区融媒体中心和省高级人民法院，查处溪宁恒远化工有限公司"
    assert [t for _, t in _found(text)] == ["县卫生健康局", "省司法厅", "区消防救援大队", "市看守所", "区融媒体中心",
                                            "省高级人民法院", "溪宁恒远化工有限公司"]
    assert _found("市政府办理行政复议案件") == [("ORG", "市政府")]
    assert _found("贯彻落实国务院办公厅和中共中央宣传部的通知") == [("ORG", "国务院办公厅"), ("ORG", "中共中央宣传部")]


def test_party_groups_and_sub_units_belong_to_their_organ() -> None:
    assert _found("纳入局党组理论学习中心组年度学习计划") == [("ORG", "局党组理论学习中心组")]
    assert _found("区政府党组理论学习中心组开展学习") == [("ORG", "区政府党组理论学习中心组")]
    assert _found("联合柳湾派出所、桐江区人民法院柳湾人民法庭建立机制") == [
        ("ORG", "柳湾派出所"), ("ORG", "桐江区人民法院柳湾人民法庭")]
    assert _found("县司法局局长出席") == []
    assert _found("结合全局党组的部署") == []  # 全局 is a word, not 全 + 局党组


def test_persons_before_their_title_and_after_contact() -> None:
    assert _found("聘请县明德律师事务所周文涛律师担任法律顾问") == [("ORG", "县明德律师事务所"), ("PER", "周文涛")]
    assert _found("由张华律师驻所，邀请周晓岚教授") == [("PER", "张华"), ("PER", "周晓岚")]
    assert _found("万名律师进社区，高级法官和值班律师") == []
    assert _found("联系人：陈思远　联系电话：12345") == [("PER", "陈思远")]


def test_villages_streets_and_towns_named_in_lists() -> None:
    assert _found("白沙镇石门村、龙潭乡柳湾村被命名为示范村") == [
        ("GPE", "白沙镇"), ("GPE", "石门村"), ("GPE", "龙潭乡"), ("GPE", "柳湾村")]
    assert _found("白沙街道、柳营街道等地") == [("GPE", "白沙街道"), ("GPE", "柳营街道")]
    assert _found("实施家电下乡，建设美丽乡村、覆盖城乡，全镇共有行政村12个，发展社区和居家养老") == []


def test_a_title_without_quotes_does_not_swallow_an_organ() -> None:
    from lawie.extract.rules import find_rule_spans

    text = "国务院提请全国人大常委会制定修订食品安全法"
    assert [(lb.value, text[s:e]) for lb, s, e in find_rule_spans(text)][:2] == [("ORG", "国务院"), ("ORG", "全国人大常委会")]
