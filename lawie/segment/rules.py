"""The segmenter's rules, as data: heading styles, section-kind cues and noise patterns.

The engine in :mod:`lawie.segment.segmenter` walks these tables; adding a
heading style or a kind cue is a one-line change here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lawie.labels import SectionKind
from lawie.text import CN_NUMERAL_CHARS

_CN = "一二三四五六七八九十百零〇两"  # numerals used in heading numbers
_L = "[（(]"  # opening paren, full or half width
_R = "[）)]"


@dataclass(frozen=True, slots=True)
class HeadingStyle:
    """One numbering style.

    Attributes:
        name: stable identifier of the style.
        pattern: regex matched at the heading's start; group ``n`` is the numeral.
        rank: the GB/T 9704 position of the style, used only to break ties.
    """

    name: str
    pattern: re.Pattern[str]
    rank: int


#: Numbering styles, full-width and half-width variants folded into one style.
HEADING_STYLES: tuple[HeadingStyle, ...] = (
    HeadingStyle("part", re.compile(rf"第(?P<n>[{_CN}\d]+)(?:部分|章|篇)[、，,：:\s\u3000]*"), 0),
    HeadingStyle("cn", re.compile(rf"(?P<n>[{_CN}]+)\s*[、.．，,](?![{_CN}]+[、，])"), 1),
    HeadingStyle("cn_paren", re.compile(rf"{_L}\s*(?P<n>[{_CN}]+)\s*{_R}[、.．]?"), 2),
    HeadingStyle("arabic", re.compile(r"(?P<n>[0-9０-９]{1,2})\s*[.、．](?![0-9０-９])"), 3),
    HeadingStyle("arabic_paren", re.compile(rf"{_L}\s*(?P<n>[0-9０-９]{{1,2}})\s*{_R}[、.．]?"), 4),
    HeadingStyle("circled", re.compile(r"(?P<n>[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])"), 5),
)

#: Circled digits in order, for the numeral parser.
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

#: What may precede a heading number on its line: spaces, markdown bold or heading marks, bullets.
HEADING_PREFIX = re.compile(r"[ \t\u3000\u00a0\ufeff]*(?:\*\*|__|#{1,6}\s*)?[ \t\u3000]*")

#: Characters that end a heading's title (ANNOTATION.md §4).
TITLE_END = "。！？!?"

#: Enumerations that are not headings even when they start a line (一是 / 第一，...).
NOT_HEADING_AFTER_NUMBER = re.compile(rf"[{CN_NUMERAL_CHARS}]+(?:是|要|方面|批|届|项|季度|中全会|次)")

#: Sentence ends after which a heading may start mid-line in text whose line breaks were lost.
MIDLINE_BEFORE = re.compile(r"(?:[。！？；;：:]|[ \u3000\t]|\*\*)[ \u3000\t]*$")

#: After a colon only Chinese-numeral styles start a mid-line heading (「报告如下：一、…」「以下工作：（一）…」);
#: 「原则是：（1）…」 is a list.
AFTER_COLON = re.compile(r"[：:][ \u3000\t]*$")
AFTER_COLON_STYLES = frozenset({"part", "cn", "cn_paren"})

#: Styles whose number can start a heading glued to the previous heading's title (「开展情况（一）加强…」).
ADJACENT_STYLES = frozenset({"cn_paren", "arabic", "arabic_paren"})
ADJACENT_OPENERS = "（(0123456789０１２３４５６７８９"

#: The longest title accepted for a heading found mid-line (line-start headings have no limit). In text
#: flattened without any separator, a title with no 。 runs into the next paragraph, hence the generous limit.
MIDLINE_MAX_TITLE = 400

#: The longest title of a mid-line heading whose number skips ahead (a lost （一） before （二）).
MIDLINE_SKIP_MAX_TITLE = 40

#: Level-1 kind cues. Each kind's cues are regexes on the title; the kind whose
#: first cue occurs earliest in the title wins, ties broken by this order.
KIND_CUES: tuple[tuple[SectionKind, tuple[str, ...]], ...] = (
    (SectionKind.LEADERSHIP, (
        r"第一责任人", r"主要负责人", r"主要负责同志", r"党政(?:主要)?负责", r"述法", r"一把手", r"履职情况",
        r"履行.{0,12}(?:法治|法治建设).{0,6}职责",
    )),
    (SectionKind.SHORTCOMINGS, (
        r"不足", r"存在(?:的)?(?:主要)?问题", r"问题(?:和|及|与)(?:不足|原因|差距)", r"困难和问题",
        r"短板", r"差距", r"薄弱环节", r"原因分析", r"问题$", r"存在的困难", r"困难$", r"不足之处", r"问题和困难",
    )),
    (SectionKind.PLANS, (
        r"下一步", r"下步", r"下一阶段", r"下阶段", r"下一年", r"下年度", r"明年", r"来年", r"工作设想", r"打算", r"工作安排", r"工作计划",
        r"工作思路", r"工作重点", r"重点工作", r"工作部署", r"总体部署", r"主要任务", r"努力方向",
        r"展望", r"工作目标", r"今后", r"意见建议", r"工作的建议", r"(?:工作)?建议$", r"主要目标", r"目标任务",
        r"总体要求", r"预期目标", r"工作打算", r"重点任务",
    )),
    (SectionKind.MEASURES, (
        r"举措", r"成效", r"做法", r"开展情况", r"工作情况", r"建设情况", r"进展", r"成绩",
        r"完成情况", r"推进情况", r"落实情况", r"主要工作", r"工作回顾", r"回顾", r"措施",
        r"亮点", r"经验", r"取得", r"工作总结", r"基本情况", r"总体情况",
    )),
)

#: Website and page boilerplate: a line matching one of these is noise, not content.
NOISE_LINE = re.compile(
    r"(?:更新时间|发布时间|发布日期|信息来源|来源[:：]|作者[:：]|点击数|点击率|点击量|浏览量|浏览次数|阅读量|"
    r"阅读次数|访问量|浏览[:：]\s*\d|无障碍|打印本页|关闭窗口|【打印】|【关闭】|字[号体][:：]?\s*[【\[]?大|"
    r"分享到|扫一扫|当前位置|您的位置|首页\s*[>＞»]|责任编辑|索引号|主题分类|【字体|收藏本页|返回顶部|"
    r"\[打印\]|\[关闭\]|上一篇|下一篇|相关链接|网站地图|ICP备|公网安备|主办单位|承办单位|联系我们)"
)

#: Page numbers and page marks left by PDF/Word conversion: "- 3 -", "— 3 —", "第3页 共5页", "3".
PAGE_MARK_LINE = re.compile(
    r"[ \t\u3000]*(?:[-—–－]+\s*\d{1,3}\s*[-—–－]+|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d{1,3}\s*/\s*\d{1,3}|\d{1,3})[ \t\u3000]*"
)

#: A line longer than this counts as body text when judging page-break continuation.
BODY_LINE_MIN = 20

#: Line ends that close a sentence or a heading; a body line ending otherwise was cut.
LINE_CLOSERS = "。！？!?；;：:”’」』）)》…*"

#: A line that opens back matter (endnotes, attachments): the report body ends before it.
BACK_MATTER_LINE = re.compile(r"[ \t\u3000]*(?:注释|附注|注解|附件\s*[0-9０-９一二三四五六七八九十]*|附表\s*[0-9０-９]*)\s*[:：]?[ \t\u3000]*")
