"""Dates and periods that set when something is due, in Chinese and English.

Recognised, not resolved: the lint only needs to know that the text names a time (and where,
so that the 12 of 12月31日 is not read as a target). Chinese: 12月31日前, 11 月 15 日, 2025年
3月底, 月底前, 年底, 下半年, Q3, 三季度末, 第四季度, 本季度, 下周五, 两周内, 30 天内, 春节前,
2025-06-30, 6/30 前, 本周期内. English: by 31 Oct, Oct 31st, by March, end of Q3, H2, this
quarter, end of the month, EOQ, within 2 weeks, by Friday, by 2026, FY25.

A frequency is not a date (每周五, 每季度末, every Friday), and a window that is part of the
measure is not a deadline (注册后 7 天内, 缩短到 3 天内, within 30 days of signup).
"""

import re

from .text import AT_TOKEN, Span

_MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_CN_DIGIT = "[一二三四五六七八九]"
_DAY = rf"(?:3[01]|[12]\d|0?[1-9]|三十一?|二?十{_CN_DIGIT}?|{_CN_DIGIT})"
_YEAR = r"(?:(?:(?<!\d)(?:19|20)\d{2}|[〇零一二三四五六七八九]{4}|今|明|本|次)\s?年)"
_DUE = r"(?:\s?(?:之前|以前|前|为止|截止|之内|以内|内))?"
_EN_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b\.?"
)
_EN_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_EN_YEAR = r"(?:19|20)\d{2}"
_EN_COUNT = (
    r"(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|a\s+couple\s+of|a\s+few)"
)
_WEEKDAY = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun)"
)

_DATE = re.compile(
    AT_TOKEN
    + "(?:"
    + "|".join(
        [
            # 2025-06-30, 2025/6/30, 2025.6.30
            r"(?<![\d.])(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}(?![\d.])",
            # 6/30 前, 6.30 之前; by 6/30
            r"(?<![\d./])\d{1,2}[/.]\d{1,2}(?=\s?(?:之前|以前|前))",
            r"\b(?:by|before|until|due)\s+\d{1,2}/\d{1,2}(?:/\d{2,4})?\b",
            # 2025年12月31日前, 12月底, 11 月 15 日, 三月份
            rf"(?:{_YEAR}\s?)?(?<![\d.]){_MONTH}\s?月\s?份?(?:\s?{_DAY}\s?[日号])?"
            rf"(?:初|上旬|中旬|下旬|中|底|末)?{_DUE}",
            # 第三季度末, 2025年Q3, Q3 末, 本季度, 季度末, 下季度内
            rf"(?<!每)(?:(?:{_YEAR}|本|这个?|下个?|当|今年|明年)\s?)?(?:第\s?)?(?:[一二三四]|[1-4])"
            rf"\s?季(?:度(?:末|底|初|中|结束)?|末|底|初){_DUE}",
            r"(?:(?:the\s+)?(?:end|start|beginning|middle)\s+of\s+(?:the\s+)?)?"
            r"(?<![A-Za-z])(?:FY\s?'?\d{2,4}\s?)?(?:(?:19|20)?\d{2}\s?年?\s?)?Q[1-4](?!\d)"
            rf"(?:\s?(?:FY\s?)?(?:'\d{{2}}|{_EN_YEAR}))?(?:\s?(?:末|底|初|中|结束))?{_DUE}",
            rf"(?<!每)(?:本|这个?|下个?|当|上个?)\s?季度?(?:末|底|初|中|结束)?{_DUE}",
            rf"(?<!每)季度?(?:末|底){_DUE}",
            # H1, 2H, 上半年, 下半年内
            rf"(?<![A-Za-z\d])(?:H[12]|[12]H)(?![A-Za-z\d])(?:\s?(?:'\d{{2}}|{_EN_YEAR}))?",
            rf"(?:{_YEAR}\s?)?[上下]半年(?:末|底)?{_DUE}",
            # 2025年底, 今年, 明年初, 年底前
            rf"{_YEAR}(?:度|底|末|初|中)?{_DUE}",
            rf"年(?:底|末|中|初){_DUE}",
            # 本周期内, 本轮冲刺
            rf"(?:本|这个?|当前|下个?)\s?(?:周期|考核期|冲刺|迭代|财年|财季)(?:内|末|结束前|结束)?{_DUE}",
            # 本月底, 下月中, 月底前
            rf"(?<!每)(?:本|这个?|下个?|当|次)月(?:底|末|中|初|内)?{_DUE}",
            r"月(?:底|末)(?:\s?(?:之前|以前|前))?|月(?:中|初)(?:\s?(?:之前|以前|前))",
            # 下周五, 周五前, 本周内
            rf"(?<!每)(?:(?:本|这个?|下下?|下个|上)\s?)?(?:周|星期|礼拜)[一二三四五六日天1-7](?!\d){_DUE}",
            rf"(?<!每)(?:本|这个?|下下?|下个)\s?(?:周|星期)(?:内|末)?{_DUE}",
            # 两周内, 30 天内, 一个月内, 半年内
            r"(?P<within_zh>(?:\d+|[一二两三四五六七八九十半]+)\s?(?:个\s?)?(?:天|日|周|星期|月|季度|年)"
            r"\s?(?:之内|以内|内))",
            # 春节前, 双十一前, 618 大促前
            r"(?:春节|国庆|中秋|元旦|五一|劳动节|端午|清明|双十一|双11|双十二|双12|618|年会|年终)"
            r"节?\s?(?:大促)?\s?(?:之前|以前|前|期间)",
            # 31 Oct, 31st of October 2025; Oct 31, May 31st
            rf"\b{_EN_DAY}\s+(?:of\s+)?{_EN_MONTH}(?:,?\s+{_EN_YEAR})?",
            rf"\b{_EN_MONTH}\s+{_EN_DAY}\b(?:,?\s+{_EN_YEAR})?",
            rf"\b{_EN_MONTH}\s+{_EN_YEAR}\b",
            # by March, end of June, mid-May, early Sept
            r"\b(?:(?:by|before|until|till|through|in|during|from|(?:the\s+)?end\s+of|early|late)"
            rf"\s+(?:the\s+end\s+of\s+)?|mid-?\s?){_EN_MONTH}",
            # end of the quarter, this month, next sprint
            r"\b(?:(?:by\s+)?(?:the\s+)?end\s+of\s+(?:the\s+|this\s+|next\s+)?|this\s+|next\s+"
            r"|coming\s+)(?:week|month|quarter|year|sprint|half|cycle|fiscal\s+year)\b",
            r"\b(?:EOD|EOW|EOM|EOQ|EOY|year[-\s]end|quarter[-\s]end|month[-\s]end|mid[-\s]?year)\b",
            # within 2 weeks, in the next 30 days
            rf"(?P<within_en>\b(?:within|in|inside|over\s+the\s+next|in\s+the\s+next)\s+{_EN_COUNT}"
            r"\s+(?:days?|weeks?|months?|quarters?|years?|sprints?)\b)",
            # by Friday, next Tue
            rf"\b(?:by|before|until|till|on|next|this|due)\s+(?:next\s+|this\s+)?{_WEEKDAY}\b(?!s)",
            rf"\b(?:by|before|until|in|during|(?:the\s+)?end\s+of|through)\s+(?:FY\s?)?{_EN_YEAR}\b(?![-/.]\d)",
            r"\bFY\s?'?\d{2}(?:\d{2})?\b",
            r"\bby\s+the\s+\d{1,2}(?:st|nd|rd|th)\b",
        ]
    )
    + ")",
    re.IGNORECASE,
)

# A window that belongs to the measure: 缩短到 3 天内, 注册后 7 天内, under 2 weeks,
# within 30 days of signup.
_MEASURED_WINDOW_BEFORE = re.compile(
    r"(?:控制在|缩短到|缩短至|缩短为|降到|降至|降为|压缩到|压缩至|不超过|后|起|\bto|\bunder|\bbelow"
    r"|\bless\s+than)\s?$",
    re.IGNORECASE,
)
_MEASURED_WINDOW_AFTER = re.compile(r"\s?(?:的|of\b|after\b|from\b)", re.IGNORECASE)


def dates(text: str) -> list[Span]:
    """The spans of `text` (already width-folded) that name a date or a period."""
    found = []
    for m in _DATE.finditer(text):
        if (m["within_zh"] or m["within_en"]) and (
            _MEASURED_WINDOW_BEFORE.search(text, max(0, m.start() - 6), m.start())
            or _MEASURED_WINDOW_AFTER.match(text, m.end())
        ):
            continue
        found.append(Span(m.start(), m.end()))
    return found
