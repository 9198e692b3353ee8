"""Document metadata: title, 文号, addressees, signature block (issuers, date), year covered."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lawie.segment.noise import is_noise_line
from lawie.text import cn_to_int, compact, fold_width, line_spans
from lawie.types import Meta

_CN_DATE_DIGITS = "〇零○Ｏ一二三四五六七八九十"
DATE_LINE = re.compile(
    rf"(?P<y>[0-9０-９]{{4}}|[{_CN_DATE_DIGITS}]{{4}})\s*年\s*(?P<m>[0-9０-９]{{1,2}}|[{_CN_DATE_DIGITS}]{{1,3}})\s*月"
    rf"(?:\s*(?P<d>[0-9０-９]{{1,2}}|[{_CN_DATE_DIGITS}]{{1,3}})\s*[日号])?"
)
DOC_NUMBER = re.compile(
    r"[\u4e00-\u9fffA-Za-z]{1,12}\s*[〔\[［（(【]\s*[0-9０-９]{4}\s*[〕\]］）)】]\s*第?\s*[0-9０-９]{1,4}\s*号"
)
PUBLICATION_FLAG = re.compile(r"^[（(【\[]?\s*(此件[^）)】\]]{1,12}|[^（(]{0,6}公开[^）)】\]]{0,8})\s*[）)】\]]?$")
_ORG_SUFFIX = re.compile(
    r"(?:委员会|人民政府|政府|办公室|办公厅|领导小组|小组|委|局|厅|部|院|处|所|中心|镇|乡|街道|街道办事处|办事处|"
    r"法院|检察院|党委|党组|支部|公司|队|站|会)$"
)
_CLOSING_PHRASE = re.compile(r"^(?:特此报告|特此汇报|以上报告|专此报告)[。！.]?$")
_TITLE_CUE = re.compile(r"(?:报告|总结|情况|汇报|要点|通报|述职|述法)$")
_RECIPIENT_LINE = re.compile(r"^[\u4e00-\u9fff（）()、，,\s]{2,60}[：:]$")
_SPEECH_ADDRESS = re.compile(r"^各位|同志们|代表[：:]$")
_YEAR = re.compile(
    r"(?P<y>(?:19|20)[0-9]{2}|[12]０[０-９]{2}|[一二][〇零○][一二三四五六七八九〇零○]{2})\s*(?:年|(?=[\u4e00-\u9fff]))"
)
_COVERAGE_CUE = re.compile(r"(?:政府工作报告)$")
_INLINE_TITLE = re.compile(r"关于[^，。；：:,;！？]{2,50}?(?:报告|总结|汇报)")
_LEADING_TITLE = re.compile(r"[^，。；：:,;！？]{4,50}?(?:报告|总结|汇报)(?!如下)")
_FINAL_DATE = re.compile(
    rf"((?:[0-9０-９]{{4}}|[{_CN_DATE_DIGITS}]{{4}})\s*年[^年。，]{{1,10}}[日号])\s*(?:[（(【\[][^）)】\]]{{1,12}}[）)】\]])?\s*$"
)
#: Website boilerplate at the start of a flattened page (更新时间:… 来源: 点击数: |).
NOISE_PREFIX = re.compile(r"^.*?(?:点击数|浏览量|浏览次数|阅读量)[:：]?\s*\d*\s*\|?\s*")


@dataclass(frozen=True, slots=True)
class _Line:
    start: int
    end: int
    text: str  # stripped


def _lines(text: str, start: int, end: int) -> list[_Line]:
    out = []
    for lo, hi in line_spans(text):
        if lo >= end or hi <= start:
            continue
        raw = text[max(lo, start) : min(hi, end)]
        stripped = raw.strip(" \t\u3000\u00a0\ufeff*#")
        if stripped and not is_noise_line(raw):
            out.append(_Line(lo, hi, stripped))
    return out


def parse_date(s: str) -> str | None:
    """Parse ``2024年1月15日`` / ``二〇二四年一月十五日`` to ISO (``YYYY-MM-DD`` or ``YYYY-MM``)."""
    m = DATE_LINE.search(s)
    if not m:
        return None
    year, month = cn_to_int(m["y"]), cn_to_int(m["m"])
    day = cn_to_int(m["d"]) if m["d"] else None
    if year is None or month is None or not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")


def _is_org_line(s: str) -> bool:
    return len(s) <= 30 and not re.search(r"[，。；：,;:！？]", s) and _ORG_SUFFIX.search(s) is not None


def _is_date_line(s: str) -> bool:
    m = DATE_LINE.fullmatch(compact(s).rstrip("。"))
    return m is not None


def closing_start(text: str, body_start: int) -> int:
    """Offset where the closing block (特此报告, signature, date, publication flags) begins.

    Returns ``len(text)`` when the text has no such block.
    """
    lines = _lines(text, body_start, len(text))
    start = len(text)
    seen_signature = False
    for line in reversed(lines):
        s = line.text
        if _is_date_line(s) or _is_org_line(s) or _CLOSING_PHRASE.match(s):
            seen_signature = True
            start = line.start
        elif PUBLICATION_FLAG.match(s) and not seen_signature:
            start = line.start
        else:
            break
    return start if seen_signature else len(text)


def extract_meta(text: str, first_heading: int, closing: int, review_titles: tuple[str, ...] = ()) -> Meta:
    """Metadata from the preamble ``text[:first_heading]`` and the closing block ``text[closing:]``.

    ``review_titles`` are the titles of level-1 sections that report measures
    (e.g. 一、2020年工作开展情况); a year in them names the year covered.
    """
    head = _lines(text, 0, first_heading)
    tail = _lines(text, closing, len(text))
    doc_number = next((compact(ln.text) for ln in head[:8] if DOC_NUMBER.fullmatch(compact(ln.text))), None)
    if doc_number is None and head and (m := DOC_NUMBER.match(head[0].text)):  # a line that lost its break
        doc_number = compact(m.group(0))
    title_lines = _title_lines(head)
    title = compact("".join(ln.text for ln in title_lines)) or _inline_title(head)
    recipients = _recipients(head)
    flags = tuple(ln.text.strip("（）()【】[] ") for ln in tail if PUBLICATION_FLAG.match(ln.text))
    issuers = tuple(ln.text for ln in tail if _is_org_line(ln.text))
    if not issuers and title_lines:
        before_title = [ln for ln in head if ln.start < title_lines[0].start]
        issuers = tuple(ln.text for ln in before_title if _is_org_line(ln.text) and not DOC_NUMBER.search(ln.text))
    date = next((d for ln in tail if _is_date_line(ln.text) and (d := parse_date(ln.text))), None)
    if date is None and (m := _FINAL_DATE.search(text[-160:])):  # a signature that lost its line breaks
        date = parse_date(m.group(1))
    return Meta(
        title=title,
        doc_number=compact(doc_number) if doc_number else None,
        recipients=recipients,
        issuers=issuers,
        date=date,
        year=_year_covered(text, title, date, head, review_titles),
        flags=flags,
    )


def _title_lines(head: list[_Line]) -> list[_Line]:
    for i, ln in enumerate(head[:12]):
        s = compact(ln.text)
        if len(s) > 60 or DOC_NUMBER.fullmatch(s) or _RECIPIENT_LINE.match(s):
            continue
        if s.startswith("关于") or _TITLE_CUE.search(s):
            lines = [ln]
            # a title broken over two lines: 关于……建设 / 工作情况的报告
            if not _TITLE_CUE.search(s) and i + 1 < len(head) and _TITLE_CUE.search(compact(head[i + 1].text)):
                lines.append(head[i + 1])
            return lines
    return []


def _inline_title(head: list[_Line]) -> str | None:
    """A title inside a preamble whose line breaks were lost: 「…关于2023年…的报告县委、县政府：…」."""
    start = " ".join(ln.text for ln in head[:3])
    start = NOISE_PREFIX.sub("", start)
    m = _INLINE_TITLE.search(start[:300]) or _LEADING_TITLE.match(start)
    return compact(m.group(0)) if m else None


def _recipients(head: list[_Line]) -> tuple[str, ...]:
    for ln in head[:12]:
        s = compact(ln.text)
        if _RECIPIENT_LINE.match(s) and not _SPEECH_ADDRESS.search(s):
            return tuple(p for p in re.split(r"[、，,]", s.rstrip("：:")) if p)
    return ()


def _year_covered(
    text: str, title: str | None, date: str | None, head: list[_Line], review_titles: tuple[str, ...]
) -> int | None:
    review_year = next((y for t in review_titles if (y := _first_year(t)) is not None), None)
    title_year = _first_year(title or "")
    if title and _COVERAGE_CUE.search(title) and "法治" not in title:
        # a government work report, delivered in spring, reviews the year before
        if review_year is not None:
            return review_year
        dateline = next((d for ln in head[:6] if (d := parse_date(ln.text))), None)
        if dateline:
            return int(dateline[:4]) - 1
        return title_year - 1 if title_year else None
    if title_year is not None:
        return title_year
    if review_year is not None:
        return review_year
    body_year = _first_year(text[:600])
    if body_year is not None:
        return body_year
    if date is not None:
        year, month = int(date[:4]), int(date[5:7])
        return year - 1 if month <= 6 else year
    return None


def _first_year(s: str) -> int | None:
    m = _YEAR.search(fold_width(s))
    return cn_to_int(m["y"]) if m else None
