"""The language under the writing lint: Chinese and English numbers, quantities and dates."""

import pytest

from backend.domain.hints.dates import dates
from backend.domain.hints.numbers import Measure, chinese_number, english_number, quantities
from backend.domain.hints.text import fold, overflow

M = Measure

CHINESE_NUMERALS = [
    ("十", 10),
    ("十五", 15),
    ("二十五", 25),
    ("两百", 200),
    ("一百零五", 105),
    ("一千二", 1200),  # spoken short for 一千二百
    ("三百五", 350),
    ("十二万", 120_000),
    ("两万五", 25_000),
    ("三千万", 30_000_000),
    ("一亿二千万", 120_000_000),
    ("三点五", 3.5),
    ("零点五", 0.5),
    ("二零二五", 2025),
    ("一二十", None),
    ("点五", None),
]


@pytest.mark.parametrize(
    ("numeral", "value"), CHINESE_NUMERALS, ids=[c[0] for c in CHINESE_NUMERALS]
)
def test_chinese_number(numeral: str, value: float | None) -> None:
    assert chinese_number(numeral) == value


@pytest.mark.parametrize(
    ("words", "value"),
    [("twenty-five", 25), ("two hundred", 200), ("a dozen", 12), ("three thousand", 3000)],
)
def test_english_number(words: str, value: float) -> None:
    assert english_number(words) == value


# text → (quoted quantity, measure, value), or None when the text holds no quantity
QUANTITIES: list[tuple[str, tuple[str, Measure, float] | None]] = [
    ("月活跃用户增长到 1.2 万", ("1.2 万", M.NUMBER, 12_000)),
    ("营收提升到十二万元", ("十二万", M.NUMBER, 120_000)),
    ("新增两百家门店", ("两百", M.NUMBER, 200)),
    ("新增三家门店", ("三", M.NUMBER, 3)),
    ("NPS 提到五十", ("五十", M.NUMBER, 50)),
    ("付费转化率提升百分之二十", ("百分之二十", M.PERCENT, 20)),
    ("百分之 12.5 的用户", ("百分之 12.5", M.PERCENT, 12.5)),
    ("复购率提升 3 成", ("3 成", M.PERCENT, 30)),
    ("复购率提升三成", ("三成", M.PERCENT, 30)),
    ("毛利率提升 5 个百分点", ("5 个百分点", M.PERCENT, 5)),
    ("退款率控制在千分之五以内", ("千分之五", M.PERCENT, 0.5)),
    ("让十分之九的客户满意", ("十分之九", M.PERCENT, 90)),
    ("客户满意度百分百", ("百分百", M.PERCENT, 100)),
    ("营收翻一番", ("翻一番", M.MULTIPLE, 2)),
    ("营收翻两番", ("翻两番", M.MULTIPLE, 4)),
    ("投诉量减半", ("减半", M.MULTIPLE, 0.5)),
    ("效率提升 3 倍", ("3 倍", M.MULTIPLE, 3)),
    ("Grow revenue 3x", ("3x", M.MULTIPLE, 3)),
    ("Double weekly active users", ("Double", M.MULTIPLE, 2)),
    ("Cut the backlog in half", ("in half", M.MULTIPLE, 0.5)),
    ("Grow from 8,000 to 10,000", ("8,000", M.NUMBER, 8000)),
    ("Grow ARR to $1.2M", ("1.2M", M.NUMBER, 1_200_000)),
    ("Reach 500k users", ("500k", M.NUMBER, 500_000)),
    ("GMV 突破 10w", ("10w", M.NUMBER, 100_000)),
    ("Sign twenty-five resellers", ("twenty-five", M.NUMBER, 25)),
    ("Churn at 3 percent", ("3 percent", M.PERCENT, 3)),
    ("客户满意度排名行业第一", ("第一", M.RANK, 1)),
    ("进入行业前三名", ("前三名", M.RANK, 3)),
    ("Rank top 10 on G2", ("top 10", M.RANK, 10)),
    ("Become the #1 choice", ("#1", M.RANK, 1)),
    ("实现全年零事故", ("零事故", M.ZERO, 0)),
    ("线上 bug 清零", ("清零", M.ZERO, 0)),
    ("Zero downtime deploys", ("Zero", M.ZERO, 0)),
    ("No P0 incidents", ("No P0", M.ZERO, 0)),
    # numerals inside words, names and qualifiers are no quantity
    ("和客户一起成长", None),
    ("统一服务标准", None),
    ("进一步提升活跃度", None),
    ("十分重视客户体验", None),
    ("打造一流团队", None),
    ("万一出现故障", None),
    ("接入第三方支付", None),
    ("Improve p99 latency", None),
    ("Win more B2B deals", None),
    ("Ship v2.0 of the SDK", None),
    ("发布 2.0 版本", None),
    ("提升 7 日留存率", None),
    ("提升七日留存", None),
    ("Improve 30-day retention", None),
    ("Improve day 7 retention", None),
    ("Improve the second step", None),
]


@pytest.mark.parametrize(("text", "expected"), QUANTITIES, ids=[q[0] for q in QUANTITIES])
def test_quantities(text: str, expected: tuple[str, Measure, float] | None) -> None:
    found = [q for q in quantities(text, dates(text)) if not q.article]
    if expected is None:
        assert found == []
        return
    quoted, measure, value = expected
    q = found[0]
    assert (text[q.span.start : q.span.end], q.measure, q.value) == (quoted, measure, value)


def test_a_count_of_one_before_a_noun_reads_as_an_article() -> None:
    [platform] = quantities("打造一个平台", [])
    assert platform.article and platform.value == 1
    [customer] = quantities("拿下一家标杆客户", [])
    assert not customer.article


def test_dates_are_not_quantities() -> None:
    text = "12月31日前签约 12 家"
    [q] = quantities(text, dates(text))
    assert text[q.span.start : q.span.end] == "12"
    assert q.span.start == text.index("签约") + 3


# text → the date spans it names
DATES: list[tuple[str, list[str]]] = [
    ("月底前上线", ["月底前"]),
    ("12月31日前完成", ["12月31日前"]),
    ("11 月 15 日前交付", ["11 月 15 日前"]),
    ("2025年6月30日前上线", ["2025年6月30日前"]),
    ("2025年3月底", ["2025年3月底"]),
    ("三月份完成", ["三月份"]),
    ("Q3 上线", ["Q3"]),
    ("2025Q3 上线", ["2025Q3"]),
    ("Q3 末前上线", ["Q3 末前"]),
    ("三季度末前完成", ["三季度末前"]),
    ("第四季度上线", ["第四季度"]),
    ("2025 年第三季度", ["2025 年第三季度"]),
    ("本季度完成", ["本季度"]),
    ("下季度内上线", ["下季度内"]),
    ("季度末前交付", ["季度末前"]),
    ("下周五前提交", ["下周五前"]),
    ("周五前提交", ["周五前"]),
    ("本周内完成", ["本周内"]),
    ("下个月上线", ["下个月"]),
    ("本月底前", ["本月底前"]),
    ("年底前建成", ["年底前"]),
    ("今年完成", ["今年"]),
    ("下半年推出", ["下半年"]),
    ("两周内发布", ["两周内"]),
    ("30 天内完成", ["30 天内"]),
    ("一个月内上线", ["一个月内"]),
    ("半年内实现", ["半年内"]),
    ("春节前上线", ["春节前"]),
    ("双十一前备货", ["双十一前"]),
    ("2025-06-30 前", ["2025-06-30"]),
    ("6/30 前完成", ["6/30"]),
    ("本周期内完成", ["本周期内"]),
    ("Ｑ３上线", ["Ｑ３"]),
    ("by 31 Oct", ["31 Oct"]),
    ("on Oct 31st", ["Oct 31st"]),
    ("by March", ["by March"]),
    ("by mid-May", ["mid-May"]),
    ("by end of Q3", ["end of Q3"]),
    ("in Q3 2025", ["Q3 2025"]),
    ("in H2", ["H2"]),
    ("this quarter", ["this quarter"]),
    ("by the end of the month", ["by the end of the month"]),
    ("by EOQ", ["EOQ"]),
    ("within 2 weeks", ["within 2 weeks"]),
    ("in the next 30 days", ["in the next 30 days"]),
    ("by Friday", ["by Friday"]),
    ("by 2026", ["by 2026"]),
    ("in FY25", ["FY25"]),
    ("by 2026-03-31", ["2026-03-31"]),
    ("by the 15th", ["by the 15th"]),
    # frequencies, durations and measured windows are no deadline
    ("每周五开会", []),
    ("每季度末复盘", []),
    ("每周拜访客户", []),
    ("every Friday", []),
    ("Fridays", []),
    ("周活跃用户", []),
    ("季度营收", []),
    ("3 个月", []),
    ("缩短到 3 天内", []),
    ("注册后 7 天内激活", []),
    ("activation within 30 days of signup", []),
    ("we may ship it", []),
    ("market decline", []),
    ("Improve 30-day retention", []),
]


@pytest.mark.parametrize(("text", "expected"), DATES, ids=[d[0] for d in DATES])
def test_dates(text: str, expected: list[str]) -> None:
    assert [text[s.start : s.end] for s in dates(fold(text))] == expected


@pytest.mark.parametrize(
    ("text", "limit", "at"),
    [
        ("一二三四五", 5, None),
        ("一二三四五六", 5, "六"),
        ("one two three", 6, None),
        ("one two three four", 6, "four"),
        ("提升 NPS 到 50", 6, None),  # 提 升 NPS(2) 到 50(1)
        ("提升 NPS 到 50 分", 6, "分"),
    ],
)
def test_reading_length(text: str, limit: int, at: str | None) -> None:
    where = overflow(text, limit)
    assert (None if where is None else text[where:][: len(at or "")]) == at
