"""Quantities in Chinese and English: Arabic and Chinese numerals and their mixes (12, 8,000,
十二万, 两百, 一千二, 1.2 万, 3千万), percentages (40%, 百分之二十, 3 成, 5 个百分点),
multiples (翻倍, 3 倍, double, 2x), ranks (第一, 前三名, top 3, #1) and zero targets (零事故,
清零, zero downtime).

A Chinese numeral counts only where it reads as a number — before a measure word (三家, 两场),
after a target word (提到五十), or written with place values (十二万) — so that 一起, 统一,
进一步 and 十分重要 are words, not quantities. Dates are recognised first (dates.py) and
passed in as blocked spans: the 12 of 12月31日 is not a target.
"""

import re
from dataclasses import dataclass
from enum import StrEnum

from .text import AT_TOKEN, Span, overlaps_any


class Measure(StrEnum):
    NUMBER = "number"
    PERCENT = "percent"
    MULTIPLE = "multiple"
    RANK = "rank"
    ZERO = "zero"


@dataclass(frozen=True, slots=True)
class Quantity:
    span: Span
    measure: Measure
    value: float | None
    # 一个 / 一套 before a noun reads as "a", not as a count: it measures nothing.
    article: bool = False


_CN_DIGIT = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNIT = {"十": 10, "百": 100, "千": 1000, "万": 10**4, "亿": 10**8}
_CN_CHARS = "".join(_CN_DIGIT) + "".join(_CN_UNIT)


def chinese_number(numeral: str) -> float | None:
    """The value of a Chinese numeral: 十二万 → 120000, 两百 → 200, 一千二 → 1200 (spoken
    short for 一千二百), 两万五 → 25000, 一百零五 → 105, 三点五 → 3.5, 二零二五 → 2025."""
    whole, dot, frac = numeral.partition("点")
    if dot:
        base = chinese_number(whole) if whole else None
        if base is None or not frac or any(c not in _CN_DIGIT for c in frac):
            return None
        return base + float("0." + "".join(str(_CN_DIGIT[c]) for c in frac))
    if not numeral or any(c not in _CN_CHARS for c in numeral):
        return None
    if all(c in _CN_DIGIT for c in numeral):
        return float("".join(str(_CN_DIGIT[c]) for c in numeral))
    total = section = 0  # section: the part below the last 万 or 亿
    digit: int | None = None
    scale = 1  # the last place value seen, for the spoken short form
    digit_after_unit = False
    for i, c in enumerate(numeral):
        if c in _CN_DIGIT:
            if digit is not None and _CN_DIGIT[c] != 0 and digit != 0:
                return None  # 一二十: two digits with no place value between
            digit = _CN_DIGIT[c]
            digit_after_unit = i > 0 and numeral[i - 1] in _CN_UNIT
            continue
        unit = _CN_UNIT[c]
        if unit < 10**4:
            section += (1 if digit is None else digit) * unit
        elif unit == 10**4:
            total += ((section + (digit or 0)) or 1) * unit
            section = 0
        else:
            total = (total + section + (digit or 0) or 1) * unit
            section = 0
        digit, scale = None, unit
    if digit is not None:
        section += digit * (scale // 10 if digit_after_unit and scale >= 100 else 1)
    return float(total + section)


_EN_NUMBER = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_EN_SCALE = {"hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9}


def english_number(words: str) -> float:
    """The value of number words: "twenty-five" → 25, "two hundred" → 200, "a dozen" → 12."""
    total = current = 0
    for word in re.split(r"[\s-]+", words.lower()):
        if word in _EN_NUMBER:
            current += _EN_NUMBER[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in _EN_SCALE:
            total += (current or 1) * _EN_SCALE[word]
            current = 0
        elif word == "dozen":
            current = (current or 1) * 12
    return float(total + current)


_MAGNITUDE = {
    "万": 10**4,
    "亿": 10**8,
    "千": 10**3,
    "百": 10**2,
    "k": 10**3,
    "w": 10**4,
    "m": 10**6,
    "bn": 10**9,
    "mn": 10**6,
} | _EN_SCALE


def _alternation(words: str) -> str:
    """A regex matching any of the space-separated `words`, the longest first."""
    return "|".join(re.escape(w) for w in sorted(words.split(), key=len, reverse=True))


# Words in which a numeral character is no number (一起, 统一, 十分重要, 第三方, 双十一).
_IDIOMS = _alternation(
    "进一步 一步步 一起 一直 一定 一切 一些 一流 一线 一体 一致 一样 一般 一旦 一边 一面 "
    "一键 一站式 一系列 一方面 一把手 一对一 一次性 一揽子 一下 一点点 一同 一路 一手 一举 "
    "一心 一贯 一如既往 一丝不苟 一以贯之 统一 唯一 同一 万一 百度 第三方 三方 多一 "
    "第一时间 千方百计 百花齐放 一举两得 十全十美 万无一失 一劳永逸 一目了然 独一无二 "
    "三心二意 五湖四海 四面八方 七嘴八舌 百尺竿头 更上一层楼 一带一路 一刀切 一窝蜂 两手抓 "
    "双十一 双十二 十一长假 十一假期 二维码 一二线 三四线 九九 一把 千千万万 一次解决 "
    "一次通过 一次成功 一次交付 一次性 每一 一年又一年 年复一年 一年一度 日复一日 一天天 一年年"
)
# Counted things after a Chinese numeral: 三家, 两场, 五十个, 十二万元.
_MEASURE_WORDS = (
    "个 家 位 名 人 次 场 篇 款 项 条 份 套 单 笔 元 块 角 户 天 日 周 月 年 季度 小时 "
    "分钟 秒 毫秒 倍 成 分 星 台 件 期 门 节 本 张 页 支 所 座 辆 吨 公斤 千克 克 米 公里 "
    "遍 轮 批 种 类 间 店 城 省 国 例 起 处 部 集 首 幅 颗 只 枚 包 箱 瓶 层 级 档 点 组 队 "
    "班 单位 万 亿"
)
_MEASURE = re.compile(r"\s?(?:" + _alternation(_MEASURE_WORDS) + ")")
# 一个 + noun is "a" + noun; 一家 / 一名 still count one customer, one hire.
_ARTICLE_MEASURES = frozenset(
    ["个", "套", "款", "项", "份", "种", "支", "批", "条", "本", "张", "场", "件"]
)
# A bare numeral right after these is the target: 提到五十, 从三十, 达到六十.
_TARGET_BEFORE = re.compile(r"(?:到|至|达|为|于|过|破|从|由|是|\bto|\bfrom|\bof|→)\s?$", re.I)

_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
_CN = f"[{_CN_CHARS}]+(?:点[{''.join(_CN_DIGIT)}]+)?"
_PERCENT = (
    r"\s?(?:%|‰|个百分点|百分点|ppts?\b|pp\b|pts?\b|bps\b|percentage\s+points?\b"
    r"|percent\b|per\s?cent\b|成(?![本功员交为果熟长立就绩效]))"
)
_TIMES = r"\s?(?:倍|[x×](?![A-Za-z\d]))"
_EN_WORD = _alternation(" ".join([w for w in _EN_NUMBER if w != "one"] + ["hundred", "thousand"]))
_EN_TAIL = _alternation(" ".join([*_EN_NUMBER, *_EN_SCALE, "dozen"]))
_EN_SMALL = "three|four|five|ten|twenty|fifty|hundred"

_QUANTITY = re.compile(
    AT_TOKEN
    + "(?:"
    + "|".join(
        [
            f"(?P<skip>{_IDIOMS}|十分(?![钟之])"
            # how often, not how many: 每周一次, twice a week
            r"|每(?:周|天|日|月|年|季度?|个月|两周)[一两二三四五六七八九十]+次"
            r"|\b(?:once|twice)\s+(?:a|per|every)\s+(?:day|week|month|quarter|sprint|year)\b)",
            # 7 日留存, 30-day retention, day 7, week-1: which number is tracked, not a target.
            r"(?P<qualifier>(?:\d+|[一二两三四五六七八九十]+)\s?[-\s]?(?:日|天|周|月)(?=\s?(?:留存|活跃|复购|转化|激活|回访|"
            r"存活|流失|复访|ROI|LTV|GMV|DAU|MAU))|\b\d+-(?:day|week|month|year)\b"
            r"|\b(?:day|week|month)[-\s]?\d+\b|\d+(?:\.\d+)?\s?(?:版本?|version\b))",
            r"(?P<rank>(?:排名|排行)?第\s?(?:\d+|[一二三四五六七八九十百]+)\s?(?:名|位)?"
            r"|前\s?(?:\d+|[一二三四五六七八九十]+)\s?(?:名|位|强)"
            rf"|(?<![A-Za-z])top\s?-?\s?(?:\d+|{_EN_SMALL})\b|#\s?\d+\b|\bno\.\s?\d+\b"
            r"|\bnumber\s+one\b|\b(?:1st|first)\s+place\b)",
            r"(?P<zero>零(?:事故|投诉|缺陷|故障|差错|宕机|漏洞|失误|丢失|延误|逾期|错误|重大|"
            r"安全|客诉|返工|退货|停机|中断|泄露|违规|流失|bug|p[0-2])|清零|\bzero\b"
            r"|\bno\s+(?:p[0-2]|sev-?[0-2]|critical|major|severe|unplanned)\b)",
            rf"(?P<of>(?P<per>[百千])分之\s?(?P<of_num>{_NUM}|{_CN}))",
            rf"(?P<frac>(?P<den>{_NUM}|{_CN})\s?分之\s?(?P<numer>{_NUM}|{_CN}))",
            r"(?P<full>百分百)",
            r"(?P<passes>[破过上](?P<passed>千万|百万|亿|万))",
            r"(?P<times_word>翻(?P<fan>[一两二三])?番|翻倍|减半|一半|\bdoubl(?:e[sd]?|ing)\b"
            r"|\btripl(?:e[sd]?|ing)\b|\bhalv(?:e[sd]?|ing)\b|\btwice\b|\bin\s+half\b)",
            # Not after a letter or a dot: p99, B2B, v2, Q3 are names, not numbers.
            rf"(?<![A-Za-z\d.])(?P<num>{_NUM})"
            r"(?P<mag>\s?(?:[万亿千百]+|[kKwW](?![A-Za-z])|(?-i:M)(?![A-Za-z])|bn\b|mn\b"
            r"|(?:thousand|million|billion)\b))?"
            rf"(?:(?P<pct>{_PERCENT})|(?P<times>{_TIMES}))?",
            rf"(?P<cn>{_CN})(?:(?P<cn_pct>{_PERCENT})|(?P<cn_times>{_TIMES}))?",
            rf"(?P<en>\b(?:(?:a|one)\s+(?:hundred|thousand|million|billion|dozen)|{_EN_WORD})"
            rf"(?:[\s-]+(?:and\s+)?(?:{_EN_TAIL})\b)*\b)(?P<en_pct>\s?(?:%|percent\b))?",
        ]
    )
    + ")",
    re.IGNORECASE,
)


_PERCENT_FACTOR = {"成": 10.0, "‰": 0.1}  # 3 成 = 30%, 5‰ = 0.5%


def _magnitude(mag: str | None) -> float:
    if not mag:
        return 1.0
    word = mag.strip().lower()
    if word in _MAGNITUDE:
        return float(_MAGNITUDE[word])
    factor = 1.0
    for c in word:  # 千万 = 10^3 · 10^4
        factor *= _MAGNITUDE[c]
    return factor


# X.0 after a name is a version (星图 2.0 发布, Ship Lodestar 2.0), not a target (提升到 4.0,
# 控制在 1.0–1.5 秒).
_VERSION = re.compile(r"\d+\.0")
_NAMED_BEFORE = re.compile(r"(?:[A-Za-z]|[^\x00-\x7f到至为于达从是约近超逾过破在])\s?$")
_BOUND_AFTER = re.compile(
    r"\s?(?:[-–—~%\d分秒倍万亿元个天周月年星]|(?:ms|s|h|hours?|min|points?|pts?|stars?|x)\b)",
    re.IGNORECASE,
)


def _number(m: re.Match[str], text: str) -> Quantity | None:
    if (
        not m["mag"]
        and not m["pct"]
        and not m["times"]
        and _VERSION.fullmatch(m["num"])
        and _NAMED_BEFORE.search(text, 0, m.start())
        and not _TARGET_BEFORE.search(text, 0, m.start())
        and not _BOUND_AFTER.match(text, m.end())
    ):
        return None
    value = float(m["num"].replace(",", "")) * _magnitude(m["mag"])
    span = Span(m.start(), m.end())
    if m["pct"]:
        return Quantity(span, Measure.PERCENT, value * _PERCENT_FACTOR.get(m["pct"].strip(), 1))
    if m["times"]:
        return Quantity(span, Measure.MULTIPLE, value)
    return Quantity(span, Measure.NUMBER, value)


def _chinese(m: re.Match[str], text: str) -> Quantity | None:
    numeral = m["cn"]
    value = chinese_number(numeral)
    if value is None or numeral in ("万", "亿", "千", "百"):
        return None
    span = Span(m.start(), m.end())
    if m["cn_pct"]:
        return Quantity(span, Measure.PERCENT, value * _PERCENT_FACTOR.get(m["cn_pct"].strip(), 1))
    if m["cn_times"]:
        return Quantity(span, Measure.MULTIPLE, value)
    measure = _MEASURE.match(text, m.end())
    place_valued = len(numeral) > 1 and any(c in "十百千万亿" for c in numeral)
    if not (measure or place_valued or _TARGET_BEFORE.search(text, 0, m.start())):
        return None
    article = (
        numeral == "一" and measure is not None and measure.group().strip() in (_ARTICLE_MEASURES)
    )
    return Quantity(span, Measure.NUMBER, value, article)


_MULTIPLES = {"翻倍": 2.0, "减半": 0.5, "一半": 0.5, "twice": 2.0, "in half": 0.5}
_FAN = {None: 2.0, "一": 2.0, "两": 4.0, "二": 4.0, "三": 8.0}  # 翻两番: doubled twice


def _times_word(m: re.Match[str]) -> float:
    word = re.sub(r"\s+", " ", m["times_word"].lower())
    if word.startswith("翻") and word.endswith("番"):
        return _FAN[m["fan"]]
    if word in _MULTIPLES:
        return _MULTIPLES[word]
    return {"d": 2.0, "t": 3.0, "h": 0.5}[word[0]]


def _rank(token: str) -> float | None:
    digits = re.search(r"\d+", token)
    if digits:
        return float(digits.group())
    cn = re.search(f"[{_CN_CHARS}]+", token)
    if cn:
        return chinese_number(cn.group())
    words = re.search(rf"\b(?:{_EN_SMALL})\b", token, re.IGNORECASE)
    return english_number(words.group()) if words else 1.0  # number one, first place


def _read(m: re.Match[str], text: str) -> Quantity | None:
    span = Span(m.start(), m.end())
    if m["skip"] or m["qualifier"]:
        return None
    if m["rank"]:
        return Quantity(span, Measure.RANK, _rank(m["rank"]))
    if m["zero"]:
        return Quantity(span, Measure.ZERO, 0.0)
    if m["of"]:
        of = m["of_num"]
        value = chinese_number(of) if of[0] in _CN_CHARS else float(of.replace(",", ""))
        if value is None:
            return None
        return Quantity(span, Measure.PERCENT, value / 10 if m["per"] == "千" else value)
    if m["frac"]:
        den, numer = (
            chinese_number(x) if x[0] in _CN_CHARS else float(x) for x in (m["den"], m["numer"])
        )
        if not den or numer is None:
            return None
        return Quantity(span, Measure.PERCENT, numer / den * 100)
    if m["full"]:
        return Quantity(span, Measure.PERCENT, 100.0)
    if m["passes"]:  # 营收破亿: passes a hundred million
        return Quantity(span, Measure.NUMBER, _magnitude(m["passed"]))
    if m["times_word"]:
        return Quantity(span, Measure.MULTIPLE, _times_word(m))
    if m["num"]:
        return _number(m, text)
    if m["cn"]:
        return _chinese(m, text)
    value = english_number(m["en"])
    return Quantity(span, Measure.PERCENT if m["en_pct"] else Measure.NUMBER, value)


def quantities(text: str, blocked: list[Span]) -> list[Quantity]:
    """Every quantity in `text` (already width-folded) outside the `blocked` spans."""
    found = []
    for m in _QUANTITY.finditer(text):
        q = _read(m, text)
        if q is not None and not overlaps_any(q.span, blocked):
            found.append(q)
    return found
