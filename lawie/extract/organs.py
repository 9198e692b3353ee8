"""Patterns for the institutions and places Chinese government reports name over and over.

Local reports refer to their organs by an administrative level plus an organ type
(「县委」「镇政府」「区司法局」「镇综合行政执法大队」「县委依法治县办」), often with the
place name in front (「辛口镇党委」「万源市人民法院」), and to a small set of national
organs by fixed names (「国务院」「党中央」「全国人大常委会」). These patterns find those
forms; the model handles the open-ended rest.
"""

from __future__ import annotations

import functools
import re

from lawie.labels import Label

_CJK = "\u4e00-\u9fff"
_LEVEL = r"(?:省|市|州|县|区|旗|镇|乡|街道)"
#: Organ types that follow a level directly (「县」+「委」, 「镇」+「司法所」).
_ORGAN = (
    r"(?:委员会|“[^“”\n]{1,8}”(?:服务中心|中心|工作站|办)|委(?!员)(?:常委会|全面依法治[省市州县区旗镇乡]委员会(?:办公室)?|理论(?:学习)?中心组|依法治[省市州县区旗镇乡]办|政法委|宣传部|组织部|目标绩效办|办)?|人民政府|政府(?:办公室|办(?![理结事好]))?|人大常委会|人大|政协|纪委监委|纪委|监委"
    r"|(?:中级|高级)?人民法院|法院|人民检察院|看守所|拘留所|戒毒所|公证处|检察院|司法局|司法所|公安局|派出所|财政局|信访局|应急管理局|市场监督管理局|市场监管局"
    r"|自然资源局|生态环境局|住建局|住房和城乡建设局|人社局|教育局|卫健委|卫生健康委|民政局|农业农村局|交通运输局"
    r"|综合行政执法(?:局|大队)|综合执法(?:局|大队)|城管局|城管执法局|税务局|审计局|统计局|文旅局|水利局|商务局|林业局"
    r"|法律援助中心|公共法律服务中心|矛盾纠纷调处化解中心|社会治理中心|综治中心|便民服务中心|党群服务中心|政务服务中心"
    r"|文化站|党政办公室|党政办|党委(?:理论(?:学习)?中心组)?|党工委(?:理论(?:学习)?中心组)?|政法委|依法治[省市州县区旗镇乡]办|法治办|平安办|平安建设办)"
)
#: Leading groups and committees named after their task: 「镇法治政府建设领导小组」, with their office
#: (「县法治政府建设工作领导小组办公室」). The task name holds no function word and no second level
#: (县政府常务会议研究成立县…领导小组 is two things).
_TASK_CHAR = rf"(?:(?![的在和与及由向为是了将把被等并从于以按据同让使给到共各我该此其省市州县区旗镇乡])[{_CJK}“”\"])"
_TASK_UNIT = rf"(?:“[^“”\n]{{1,10}}”|{_TASK_CHAR})"  # a quoted name counts as one unit: 「王场镇“贵和”工作领导小组」
_GROUP = rf"(?:{_TASK_UNIT}{{1,24}}?(?:工作)?领导小组(?:办公室)?|{_TASK_CHAR}{{2,12}}?委员会)"
_NATIONAL = (
    "中共中央办公厅|国务院办公厅|中共中央宣传部|中央宣传部|中宣部|中共中央组织部|中央组织部|中央网信办|全国普法办"
    "|国家市场监督管理总局|市场监管总局|应急管理部|人力资源和社会保障部|人力资源社会保障部|住房和城乡建设部|农业农村部"
    "|水利部|交通运输部|工业和信息化部|国家卫生健康委员会|国家卫生健康委|文化和旅游部|退役军人事务部|国家税务总局"
    "|海关总署|国家统计局|国家信访局|全国人大常委会法工委"
    "|党中央|中共中央|国务院|全国人大常委会|全国人民代表大会常务委员会|全国人民代表大会|全国人大|全国政协|中央军委"
    "|最高人民法院|最高人民检察院|中央纪委国家监委|中央纪委|国家监委|中央政法委|中央依法治国办|司法部|公安部|财政部"
    "|国家发展改革委|国家发改委|生态环境部|自然资源部|教育部|民政部|商务部|审计署|新华社|中国共产党|中国人民银行"
    "|党委理论学习中心组|党组理论学习中心组|党工委理论学习中心组|党委理论中心组|党组理论中心组"
    "|党委全面依法治[省市州县区旗镇乡]委员会(?:办公室)?"
    "|中国人民银行|中国工商银行|中国农业银行|中国农业发展银行|中国建设银行|中国进出口银行|中国邮政储蓄银行|中国银行|交通银行"
    "|国家开发银行|人民解放军|人民武装警察部队|武装警察部队"
    "|中央政府|中国政府|国际货币基金组织|世界银行|亚洲基础设施投资银行|亚投行|博鳌亚洲论坛|世界经济论坛|中非合作论坛"
    "|亚太经济合作组织|海湾合作委员会|金砖国家|丝路基金"
    "|联合国|东盟|世贸组织|世界贸易组织|二十国集团|亚太经合组织|上海合作组织|解放军|武警部队"
)
#: A title after an organ makes it a position, not an organ (区委书记, 国务院总理, 全国政协委员).
_POSITION_WORDS = (r"书记|副书记|总理|副总理|主席|副主席|委员(?!会)|常委(?!会)|代表(?!团|大会)|秘书长|委员长"
                   r"|省长|市长|州长|县长|区长|镇长|乡长|副?(?:局长|厅长|部长|所长|院长|庭长|处长|队长|站长|主任(?!科员))")
_POSITION = rf"(?!{_POSITION_WORDS})"
#: A level character ends the place name (省市县政府 is a list of levels; 西青区「辛口镇党委」).
_LEVEL_CHARS = set("省市州县区旗镇乡")
#: Words that end in a level character and are no level (城市, 地区, 社区, 城镇, 城乡): an organ does not start inside them.
_LEVEL_WORDS = frozenset("城市 都市 上市 地区 社区 街区 园区 景区 辖区 片区 山区 牧区 城区 郊区 特区 林区 矿区 灾区 老区 边区 小区 "
                         "节省 反省 城镇 乡镇 集镇 村镇 重镇 城乡 家乡 下乡 老乡 郡县".split())
#: A level after these is every unit of that level, not one organ (全市司法所, 各县司法局, 本区政府).
_GENERIC_BEFORE = set("全各每本我该此其")
#: Characters that never sit inside the place-name prefix of an organ (function words; verbs: _VERB_BEFORE).
FUNCTION_WORDS = "的在和与及对由向为是了将把被等并从经于以按据同让使给到共各本我该此其有"
_STOP = set(FUNCTION_WORDS)

#: Bodies named by what they do, then what they are: 「营商环境整治工作领导小组」「潘湾司法所」「湖北凝聚律师事务所」
#: (not 服务中心: mostly generic, 社区卫生服务中心).
NAMED_PATTERN = re.compile(r"(?:领导小组|律师事务所|法律事务所|法律服务所|司法所|派出所|公证处|看守所|人民法庭|人民调解委员会"
                           r"|律师协会|(?:股份)?有限(?:责任)?公司|分局|法学院|党校)(?!组长|成员|办公室|所长|局长|主任)")
#: Names before such a type that make it every body of the kind (部分司法所, 省级规范化司法所, 各派出所).
_GENERIC_NAME = re.compile(r"^(?:部分|全|各|所有|每|一批|多家|基层|辖区|其他|相关|有关|本|该|其中|其余|下属|派驻)|级")
#: Other organs after a level, named by their field: 「县卫生健康局」「省司法厅」「区消防救援大队」「市看守所」「区融媒体中心」.
_FIELD_CHAR = rf"(?![{FUNCTION_WORDS}级省市州县区旗镇乡])[{_CJK}]"
FIELD_PATTERN = re.compile(
    rf"{_LEVEL}(?![域民直属外内里情城场])(?:{_FIELD_CHAR}){{1,8}}?(?:分局|(?<![布大格结全当时开变政出])局|厅|公证处|看守所|戒毒所|执法队|大队|支队|中队"
    rf"|工作站|服务站|中心|协会|学会|人民法庭|医院|中学|小学|学校|办事处)"
)
#: A bureau's party group or committee named from inside it: 「局党组」「厅党组理论学习中心组」「局党委」.
PARTY_GROUP_PATTERN = re.compile(r"(?:局|厅)(?:党组|党委)(?:理论(?:学习)?中心组)?")
#: What follows an organ, with no separator, as a part of it: its party group (区政府「党组理论学习中心组」) or a
#: sub-unit (桐江区人民法院「柳湾人民法庭」, 市生态环境局「东溪分局」).
_PART_OF_ORGAN = re.compile(r"^(?:党组|党委|党工委).*|.*(?:分局|人民法庭|派出所|中队)$")
#: Characters that end the name of such a body on its left (function words, the verbs that precede it).
_NAME_STOP = set("的在和与及对由向为是了将把被等并从经过于以按据同让使给到共各我该此其有聘请邀托签立")
#: The longer reading first: 「县委应对…工作领导小组」 is one body, not 「县委」 and a group.
ORG_PATTERN = re.compile(rf"(?:(?:{_NATIONAL})|{_LEVEL}(?:{_GROUP})|{_LEVEL}{_ORGAN}){_POSITION}")
#: Verbs that often stand right before an organ and are no part of its place name (联合「镇司法所」,
#: 纳入「镇党委理论学习中心组」, 及时听取「县司法局」…), and one-character words that do the same at its start.
_VERBS = tuple("""进行 联合 配合 接受 审查 制定 召开 成立 参加 组织 督促 指导 协调 要求 报请 提请 报送 通过 经过 邀请 聘请 会同 牵头 带领 主持 落实 印发 出台 推动 支持 依托 完成 开展 组建 设立 建立 健全 推进 深化 加强 强化 全面 积极 认真 严格 及时 主动 自觉 统一 定期 依法 依规 归口 协助 服务 请示 汇报 举办 建成 建设 实施 实行 推行 贯彻 完善 召集 发挥 充分 利用 加大 做好 抓好 促进 保障 筹建 新建 整合 纳入 听取 迎接 列入 调整 充实 配齐 配强 报告 上报 呈报 移送 移交 抄送 提交 征求 约谈 对接 派驻 入驻 进驻 协同 会商 查处 查办 处罚 获评 荣获 评为 授予 命名 表彰 委托 依靠 争取 配备 核定 督导 检查 考核 走访 接待 回复 答复 转交 转办 交办 批复 批准 审议 审定 研究 部署 谋划""".split())
_PARTICLES = "向至由对经及和与同或均共全各即"
_VERB_BEFORE = re.compile(f"^(?:{'|'.join(_VERBS)}|[{_PARTICLES}])+")
_VERB_INSIDE = re.compile("|".join(v for v in _VERBS if v not in ("全面", "统一", "建设", "服务", "新建")))


def strip_verbs(name: str) -> str:
    """What remains of ``name`` (the characters before an organ) after the verbs in it: 「前者列入」→「」,
    「及时听取」→「」, 「积极配合云阳」→「云阳」."""
    name = _VERB_BEFORE.sub("", name)
    ends = [m.end() for m in _VERB_INSIDE.finditer(name)]
    return name[ends[-1]:] if ends else name


#: Provinces and provincial-level cities and regions (full and short forms), and countries often named.
_PROVINCES = (
    "北京市 天津市 上海市 重庆市 河北省 山西省 辽宁省 吉林省 黑龙江省 江苏省 浙江省 安徽省 福建省 江西省 山东省 河南省 "
    "湖北省 湖南省 广东省 海南省 四川省 贵州省 云南省 陕西省 甘肃省 青海省 台湾省 内蒙古自治区 广西壮族自治区 "
    "西藏自治区 宁夏回族自治区 新疆维吾尔自治区 香港特别行政区 澳门特别行政区"
).split()
_SHORT = [p.removesuffix("省").removesuffix("市") for p in _PROVINCES if p.endswith(("省", "市"))] + [
    "内蒙古", "广西", "西藏", "宁夏", "新疆", "香港", "澳门"]
_COUNTRIES = "中国 中华人民共和国 美国 俄罗斯 日本 韩国 英国 法国 德国 印度 澳大利亚 欧盟".split()
_AREAS = [f"{p}{a}" for p, a in (("上海", "浦东新区"), ("天津", "滨海新区"), ("重庆", "两江新区"), ("河北", "雄安新区"))] + [
    "雄安新区", "浦东新区", "滨海新区", "两江新区"]
GPE_PATTERN = re.compile("|".join(sorted(set(_PROVINCES + _SHORT + _COUNTRIES + _AREAS), key=len, reverse=True)))


#: National leaders the reports name; as persons when named so (「习近平」同志, 「习近平」总书记), not inside
#: a body of thought (习近平法治思想). lawie.extract.decode also drops model spans that cut one short.
LEADER_NAMES = ("习近平", "李克强", "李强", "胡锦涛", "温家宝", "江泽民", "朱镕基", "邓小平", "毛泽东")
PERSON_PATTERN = re.compile(rf"(?:{'|'.join(LEADER_NAMES)})(?=同志|总书记|主席|总理|\s*\n|\s*$)")


def find_organ_spans(text: str, start: int = 0, end: int | None = None,
                     places: frozenset[str] = frozenset()) -> list[tuple[Label, int, int]]:
    """ORG, PER and GPE spans in ``text[start:end]`` (an ORG extended left over its place name).

    ``places``: more place names to find as GPE, such as :func:`document_places` of the whole report.
    """
    end = len(text) if end is None else end
    found: list[tuple[Label, int, int]] = []
    taken = -1
    for m in ORG_PATTERN.finditer(text, start, end):
        s = _place_prefix(text, m.start(), start, taken)
        if m.group().startswith("党") and s > max(start, taken) and text[s - 1] in "局厅" and _after_boundary(text, s - 1, start):
            s -= 1  # 纳入「局党组理论学习中心组」
        if _no_organ_at(text, m.start(), s, start) or s == m.start() and (
                text[max(start, s - 2):s] == "行政" or m.group().endswith("委员会") and len(m.group()) == 4):
            continue  # 特别行政「区政府」, 依法治「镇委员会」: no organ
        found.append((Label.ORG, s, m.end()))
        taken = m.end()
    for m in FIELD_PATTERN.finditer(text, start, end):
        if _overlaps(found, m.start(), m.end()) or _VERB_INSIDE.search(m.group()) or _POSITION_AFTER.match(text, m.end()):
            continue
        s = _place_prefix(text, m.start(), start, max([taken] + [fe for _, _, fe in found if fe <= m.start()]))
        if _no_organ_at(text, m.start(), s, start):
            continue
        found.append((Label.ORG, s, m.end()))
    for m in BARE_PATTERN.finditer(text, start, end):
        if not _overlaps(found, m.start(), m.end()):
            found.append((Label.ORG, m.start(), m.end()))
    for m in PARTY_GROUP_PATTERN.finditer(text, start, end):
        if not _overlaps(found, m.start(), m.end()) and not _POSITION_AFTER.match(text, m.end()) \
                and _after_boundary(text, m.start(), start):
            found.append((Label.ORG, m.start(), m.end()))
    for m in NAMED_PATTERN.finditer(text, start, end):
        if _overlaps(found, m.start(), m.end()):
            continue
        s = _name_prefix(text, m.start(), max([start] + [fe for _, _, fe in found if fe <= m.start()]))
        if s < m.start() and not _GENERIC_NAME.search(text[s:m.start()]):
            found.append((Label.ORG, s, m.end()))
    found = _merge_parts(text, sorted(found, key=lambda x: x[1]))
    for m in PERSON_PATTERN.finditer(text, start, end):
        found.append((Label.PER, m.start(), m.end()))
    for s, e in _titled_persons(text, start, end):
        if not _overlaps(found, s, e):
            found.append((Label.PER, s, e))
    for m in _place_pattern(places).finditer(text, start, end):
        s, e = m.span()
        if any(s < fe and fs < e for _, fs, fe in found) or _inside_word(text, s, e):
            continue
        found.append((Label.GPE, s, e))
    for s, e in _local_places(text, start, end):
        if not _overlaps(found, s, e):
            found.append((Label.GPE, s, e))
    return sorted(found, key=lambda x: x[1])


#: Villages, communities, streets and towns named in a list or as actors: 「石门村」、「柳湾村」, 「白沙街道」等,
#: 「鹭岛社区」被命名为…: a two- or three-character name after a boundary, then the unit, then a boundary.
_LOCAL_PLACE = re.compile(rf"[{_CJK}]{{2,3}}?(?:村|社区|街道|乡|镇)(?=[、，,。；;和与及等被获荣成）)]|$)")
#: Names before a unit that make it a kind, not a place (示范村, 行政村, 美丽乡村, 城乡, 各个村).
_NOT_LOCAL_NAME = re.compile(
    r"(?:示范|试点|重点|贫困|行政|自然|文明|先进|特色|美丽|和美|宜居|新型|全部|所有|每个|各个|城中|城郊|边远|偏远|基层|农村|"
    r"城乡|乡村|城镇|集镇|一个|多个|周边|中心|小城|旅游|生态|平安|法治|民主|模范|星级|标准|规范|达标|相邻|本|该|全|各|我|两|其|级|个|些"
    r"|发展|覆盖|招收|走进|进入|面向|扎根|下沉|深入|创建|打造|包括|涉及|家电|移民|农业|城市)")


def _local_places(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    for m in _LOCAL_PLACE.finditer(text, start, end):
        s, e = m.span()
        unit = 2 if text[e - 2:e] in ("社区", "街道") else 1
        name = text[s:e - unit]
        if len(name) == 3 and (not _after_boundary(text, s, start) or text[s - 1:s + 1] in _WORDS_BEFORE_NAME):
            s, name = s + 1, name[1:]  # 3 characters without a boundary (or 其「中」…): try the last 2
        if not _after_boundary(text, s, start) and not (s > start and text[s - 1] in _LEVEL_CHARS | {"村"}):
            continue
        if _NOT_LOCAL_NAME.search(name) or any(c in _STOP or c in _LEVEL_CHARS for c in name) or strip_verbs(name) != name \
                or text[e - unit - 1:e - unit + 1] in _LOCAL_WORDS:
            continue
        spans.append((s, e))
        town = re.search(rf"(?:^|[、，,。；;和与及在对由])([{_CJK}]{{2,3}}(?:镇|乡|街道))$", text[max(start, s - 6):s])
        if town and not _NOT_LOCAL_NAME.search(town.group(1)[:-1]) and strip_verbs(town.group(1)) == town.group(1):
            spans.append((s - len(town.group(1)), s))  # 「白沙镇」石门村
    return sorted(set(spans))


#: Words that end in a unit and name no place (农村, 城乡, 下乡, 新村).
_LOCAL_WORDS = frozenset("农村 山村 渔村 新村 城乡 下乡 建镇 城镇 乡镇 集镇 小镇 古镇 名镇 强镇 重镇".split())
_WORDS_BEFORE_NAME = frozenset("其中 之中 当中 其他 以上 以下 之内 以内 之后 此外 其余".split())


def _no_organ_at(text: str, level: int, s: int, floor: int) -> bool:
    """Whether a match led by the level character at ``level`` (its organ starting at ``s`` after any place
    prefix) names no one organ: the level ends a word (城「市」, 地「区」, 社「区」); or, with no place before
    it, it ends a list of levels (省市「县政府」), stands for every unit (全「市」, 各「县」) or follows a count
    of them (500所「县」中医院)."""
    if level <= floor or text[level] not in _LEVEL_CHARS:
        return s == level and _after_levels(text, s, floor)
    if text[level - 1:level + 1] in _LEVEL_WORDS:
        return True
    if s != level:
        return False
    before = text[level - 1]
    return (_after_levels(text, s, floor) or before in _GENERIC_BEFORE
            or before in "所个家座批" and level - 2 >= floor and text[level - 2] in _NUMERALS)


_NUMERALS = frozenset("0123456789０１２３４５６７８９十百千万两一二三四五六七八九")


def _overlaps(found: list[tuple[Label, int, int]], s: int, e: int) -> bool:
    return any(s < fe and fs < e for _, fs, fe in found)


_POSITION_AFTER = re.compile(_POSITION_WORDS)


def _after_boundary(text: str, i: int, floor: int) -> bool:
    """Whether ``text[i]`` starts a phrase: after punctuation, a function word, a count or a verb."""
    if i <= floor or not _is_cjk(text[i - 1]) or text[i - 1] in _STOP or text[i - 1] in "次个项":
        return True
    return any(text.startswith(v, i - len(v)) for v in _VERBS if i - len(v) >= floor)


def _merge_parts(text: str, found: list[tuple[Label, int, int]]) -> list[tuple[Label, int, int]]:
    """One span for an organ and the part that follows it with no separator (:data:`_PART_OF_ORGAN`)."""
    out: list[tuple[Label, int, int]] = []
    for label, s, e in found:
        if out and out[-1][0] is Label.ORG and label is Label.ORG and out[-1][2] == s and _PART_OF_ORGAN.match(text[s:e]):
            out[-1] = (Label.ORG, out[-1][1], e)
            continue
        out.append((label, s, e))
    return out


#: Common surnames: a name is a surname and one or two characters (「周文涛」律师, 「张华」律师).
_SURNAMES = set("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜"
                "崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤易常温康施文牛樊葛邢安齐")
#: Titles after a person's name in these reports (not in a group: 值班律师, 执业律师 have no name before them).
_PERSON_TITLE = re.compile(r"(?:主任律师|律师|副教授|教授|研究员|法官|检察官|调解员|仲裁员|同志)")
#: Characters that make the two before a title no name (万名律师, 高级法官, 金牌调解员).
_NOT_GIVEN_NAME = set("名余多位个批级牌员职业班体务所问区村和与及的")
_CONTACT = re.compile(r"联系人[：:]\s*")


def _titled_persons(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Names before a title (「王立新」律师, 「周晓岚」教授) and after 联系人：."""
    spans = []
    for m in _PERSON_TITLE.finditer(text, start, end):
        i = m.start()
        for size in (3, 2):
            s = i - size
            name = text[max(start, s):i]
            if len(name) == size and name[0] in _SURNAMES and all(_is_cjk(c) for c in name) \
                    and not any(c in _NOT_GIVEN_NAME for c in name[1:]):
                spans.append((s, i))
                break
    for m in _CONTACT.finditer(text, start, end):
        name = re.match(rf"[{_CJK}]{{2,3}}(?![{_CJK}])", text[m.end():end])
        if name and name.group()[0] in _SURNAMES:
            spans.append((m.end(), m.end() + len(name.group())))
    return spans


@functools.lru_cache(maxsize=64)
def _place_pattern(places: frozenset[str]) -> re.Pattern[str]:
    if not places:
        return GPE_PATTERN
    names = sorted(set(places) | set(_PROVINCES + _SHORT + _COUNTRIES + _AREAS), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names)))


def _place_prefix(text: str, s: int, unit_start: int, taken: int) -> int:
    """Move ``s`` left over the place names before an organ that starts with a level (「辛口」镇党委,
    「万源市」人民法院, 「云阳县双土」镇人民政府) and over a 「中共」 before them."""
    if not text[s:s + 2].startswith(("省", "市", "州", "县", "区", "旗", "镇", "乡", "街")):
        return s
    s = _places_before(text, s, unit_start, taken)
    if s - 2 >= max(unit_start, taken) and text[s - 2:s] == "中共":
        s -= 2
    return s


def _places_before(text: str, s: int, unit_start: int, taken: int) -> int:
    """The start of the chain of place names that ends at the level character ``text[s]``, or ``s``.

    A place name is 2 to 4 characters (up to 8 for 自治 names), holds no function word and no level,
    and starts at a boundary: punctuation, a function word, a verb (:data:`_VERB_BEFORE`, stripped),
    another level or the start of the text unit. The end of the previous organ (``taken``) is no
    boundary: 镇平安办联合「镇司法所」.
    """
    floor = max(unit_start, taken)
    i = s
    while i > floor and s - i < 8 and _is_cjk(text[i - 1]) and text[i - 1] not in _STOP \
            and (text[i - 1] not in _LEVEL_CHARS or _name_zhou(text, i - 1)):
        i -= 1
    name = text[i:s]
    stripped = strip_verbs(name)
    if stripped != name:
        i = s - len(stripped)
    elif not _at_boundary(text, i, unit_start, taken):
        return s
    if not (2 <= s - i <= 4 or (s - i <= 8 and text[i:s].endswith("自治"))):
        return s
    if i - 1 > floor and text[i - 1] in _LEVEL_CHARS:  # 「云阳县」双土镇
        earlier = _places_before(text, i - 1, unit_start, taken)
        if earlier < i - 1:
            return earlier
    return i


def _name_zhou(text: str, i: int) -> bool:
    """Whether the 州 at ``i`` belongs to a city's name (「郑州」市, 「达州」市, 「通州」区), not a level."""
    return text[i] == "州" and i + 1 < len(text) and text[i + 1] in "市区县" and i > 0 and _is_cjk(text[i - 1])


def _after_levels(text: str, s: int, floor: int) -> bool:
    """Whether a level-led organ at ``s`` ends a list of levels (省市县政府, 省、市、县政府)."""
    if text[s] not in _LEVEL_CHARS:
        return False
    before = text[max(floor, s - 3):s]
    if before.endswith(tuple(_LEVEL_CHARS)):
        return True  # 省市「县政府」
    # 省、市、「县政府」: the level before 、 stands alone (not 依法治市、「区委」)
    return (len(before) >= 2 and before[-1] == "、" and before[-2] in _LEVEL_CHARS
            and (len(before) < 3 or not _is_cjk(before[-3]) or before[-3] in _LEVEL_CHARS))


def _at_boundary(text: str, i: int, unit_start: int, taken: int) -> bool:
    if i == unit_start or i == 0:
        return True
    if i == taken:
        return False
    c = text[i - 1]
    return not _is_cjk(c) or c in _STOP or c in _LEVEL_CHARS


def _is_cjk(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


_TITLE_PLACES = re.compile(r"^[ \t　]*((?:[\u4e00-\u9fff]{2,6}?[省市州县区旗镇乡]){1,3})(?=[ \t　]*(?:[0-9０-９二]{4}|关于))", re.M)


def document_places(text: str) -> frozenset[str]:
    """The place names a report gives its organs (「云阳县」「双土镇」 and 「云阳县双土镇」 from 云阳县双土镇人民政府)
    and its title line (「西青区辛口镇」 2020 年度…), so that the same names standing alone are found as GPE
    (the longest first)."""
    places: set[str] = set()
    for m in _TITLE_PLACES.finditer(text):
        places |= _chain_places(m.group(1))
    for m in ORG_PATTERN.finditer(text):
        s = _place_prefix(text, m.start(), 0, -1)
        places |= _chain_places(text[s:m.start() + 1].removeprefix("中共"))
    return frozenset(places)


def _chain_places(prefix: str) -> set[str]:
    """The places of a chain such as 「云阳县双土镇」: each of at least 3 characters, and the whole chain
    where it has several; none when a link starts with a verb (加强县 is no place)."""
    chain = re.findall(r"[^省市州县区旗镇乡](?:[^省市州县区旗镇乡]|州(?=[市区县])){1,7}[省市州县区旗镇乡]", prefix)
    if not chain or "".join(chain) != prefix or any(_VERB_BEFORE.match(c) for c in chain):
        return set()
    return {c for c in chain if len(c) >= 3} | ({prefix} if len(chain) > 1 else set())


def _name_prefix(text: str, s: int, floor: int) -> int:
    """The start of the name before a body's type (2 to 14 characters, stopping at function words); ``s`` if none."""
    i = s
    while i > floor and s - i < 14 and re.match(rf"[{_CJK}“”]", text[i - 1]) and text[i - 1] not in _NAME_STOP:
        i -= 1
    i = s - len(strip_verbs(text[i:s]))
    while i < s and text[i] in "“”":
        i += 1
    return i if s - i >= 2 else s


def _inside_word(text: str, s: int, e: int) -> bool:
    """A place inside a slogan, a name or a longer word (法治湖南, 发展中国家, 中国梦, 中国人民, 辽宁舰)."""
    before, after = text[max(0, s - 2):s], text[e:e + 3]
    return (before in ("法治", "平安", "数字", "美丽", "健康", "发展", "一个", "宽带", "两个") or before.endswith("新")
            or after.startswith(("特色", "特点", "梦", "制造", "人", "化", "共产党", "银行", "建设银行", "政府", "舰", "式", "号")))


#: Town offices that reports name without their level, after punctuation (「平安建设办」、「党群综合服务中心」);
#: after another character they are part of a longer phrase (各村党群服务中心 is generic).
BARE_PATTERN = re.compile(
    r"(?<![\u4e00-\u9fff])(?:党政办公室|党政办|平安建设办|平安办|党群综合服务中心|党群服务中心|农业农村服务中心|便民服务中心"
    r"|综合行政执法大队|综合执法大队|社会矛盾纠纷调处化解中心|矛盾纠纷调处化解中心)(?!主任|负责人)"
)
