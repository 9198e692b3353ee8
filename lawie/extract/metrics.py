"""A fallback METRIC for values the model left without one.

Reports state indicators as 「<what was counted><value>」 inside one clause
(「审核合同协议」210份, 「调解成功率」达98.6%, 「接待来访群众」89批). When a COUNT, RATE
or MONEY has no linked METRIC, the words between the clause start (or the previous
entity) and the value, stripped of time words, quantifiers and linking verbs, are
taken as its METRIC. METRIC is scored by overlap (ANNOTATION.md §2), so a phrase
that is a little too long still names the right indicator.
"""

from __future__ import annotations

import re

#: Characters that end a clause: the metric never reaches across them.
_CLAUSE_END = set("，,。；;：:！!？?\n（(）)、“”\"《》【】[]")
_LEAD = re.compile(
    r"^(?:(?:全年|今年|去年|当年|年内|上半年|下半年|一年来|近年来|目前|截至目前|同时|其中|此外|另外|并|且|已经|已|共计|累计|合计|共|涉及|"
    r"先后|分别|新|过去|经过|拟|预期|比上年|比去年|同比|年均|平均|全[镇乡县区市省]|本[镇乡县区市]|我[镇乡县区市局委办]|各级|全国)+)"
)
_TAIL = re.compile(r"(?:达到|达|为|是|共|计|共计|累计|合计|超过|超|近|约|逾|至|到|了|以上|分别|均|增至|提高到|提高至|下降到|降至"
                   r"|增长|减少|下降|提高|上升|增加|降低|扩大|缩小|比上年|同比|年均)+$")
_MIN_CHARS, _MAX_CHARS = 3, 12
#: Phrases of place or scope, not of what was counted.
_SCOPE = re.compile("在|于|从|向|覆盖|遍及|辐射")
#: Verbs a metric phrase often starts with (ANNOTATION.md §2: the verb of a verb–object metric is inside it).
_VERB_START = re.compile(
    "召开|开展|组织|举办|举行|完成|办理|审查|审核|受理|调处|排查|化解|接待|培训|发放|查处|开出|出动|检查|处理|解答|提供"
    "|印发|制定|修订|清理|备案|公开|回复|办结|立案|征收|聘请|参加|参与"
)
#: Values that are durations or ages: they measure time, not an indicator (连续17年, 24小时).
_DURATION = re.compile(r"(?:年|周年|个月|月|天|日|小时|分钟|岁)$")


def metric_before(text: str, value_start: int, floor: int, value_end: int | None = None) -> tuple[int, int] | None:
    """The ``(start, end)`` of a METRIC phrase ending before ``value_start``, or None.

    Args:
        text: the document text.
        value_start: where the value starts.
        floor: the end of the previous entity (the phrase never reaches before it).
        value_end: where the value ends (a duration such as 「两年」 gets no metric).
    """
    if value_end is not None and is_duration(text[value_start:value_end]):
        return None
    start = value_start
    while start > floor and text[start - 1] not in _CLAUSE_END:
        start -= 1
    phrase = text[start:value_start]
    lead = _LEAD.match(phrase)
    cut = lead.end() if lead else 0
    tail = _TAIL.search(phrase[cut:])
    end = value_start - (len(phrase) - cut - tail.start()) if tail else value_start
    start += cut
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start > _MAX_CHARS:
        start = end - _MAX_CHARS
        verb = _VERB_START.search(text, start, end)  # 班子成「员召开…」 → 「召开…」: begin at a verb, not mid-word
        if verb is not None and end - verb.start() >= _MIN_CHARS:
            start = verb.start()
    if end - start < _MIN_CHARS or not re.search(r"[\u4e00-\u9fff]{2}", text[start:end]):
        return None
    if _SCOPE.match(text, start):
        return None  # 「在辖区」11个村, 覆盖全镇11个村: where, not what was counted
    return start, end


def in_one_clause(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` crosses no clause boundary."""
    return not any(c in _CLAUSE_END for c in text[start:end])


def is_duration(value_text: str) -> bool:
    """Whether a value measures time (两年, 24小时, 60周年): such values get no METRIC."""
    return bool(_DURATION.search(value_text))
