"""What the lint says, in English and Chinese: a coach's words, not a validator's.

Kept here rather than in domain/messages.py: these are advice about wording, not errors, and
their keys are the lint's own. Placeholders: {word} and {quantity} quote the user's text,
{kind} is the key result's type as the UI names it, {count} and {total} are numbers.
"""

from typing import Any

from ..enums import KRKind

# key: (en, zh-CN)
MESSAGES: dict[str, tuple[str, str]] = {
    "not_measurable": (
        "How will you know this is achieved? Add the number you are aiming for — a target "
        "value, a percentage or a count, e.g. “from 80% to 90%”.",
        "怎样才算达成？写上要达到的数字——目标值、百分比或数量，例如“从 80% 提升到 90%”。",
    ),
    "no_deadline": (
        "When should this be done? Put a date in the text (e.g. “by 30 September”) or set a "
        "due date, so everyone knows when it is late.",
        "什么时候完成？在文字里写上时间（如“9 月 30 日前”），或设置截止日期，"
        "大家才知道何时算延期。",
    ),
    "activity": (
        "This reads like routine work rather than a result. Ask what it should change and "
        "measure that — or count the work, e.g. “visit 30 key accounts”.",
        "这更像日常工作，而不是结果。想一想它要带来什么改变，并衡量这个改变；"
        "或者把工作量化，例如“拜访 30 家重点客户”。",
    ),
    "multiple_results": (
        "This key result holds more than one result. Split it so that each is tracked and "
        "scored on its own.",
        "这里包含了不止一个结果。建议拆成几条关键结果，各自跟踪、各自打分。",
    ),
    "too_long_kr": (
        "Long for a key result. Keep it to one line that reads at a glance on the board, and "
        "move the background and the how into the description.",
        "作为关键结果有点长。尽量一句话写完，让人在看板上一眼读懂；背景和做法可以放进描述。",
    ),
    "too_long_objective": (
        "Long for an objective. A good objective is short enough to remember and repeat; "
        "leave the detail to the key results.",
        "作为目标有点长。好的目标简短好记、便于传达，细节交给关键结果。",
    ),
    "objective_is_a_metric": (
        "An objective says where you want to go, in words; a number such as “{quantity}” "
        "belongs in its key results. Say what reaching it would mean, and make the number a "
        "key result.",
        "目标用文字描述方向，像“{quantity}”这样的数字应该放进关键结果。试着写出达到它意味着"
        "什么，再把这个数字写成一条关键结果。",
    ),
    "kind_up_in_decrease": (
        "This key result is of the Decrease type, but “{word}” pushes the number up. Choose "
        "Increase, or write down the number you want to bring down.",
        "这条关键结果的类型是“反向控制”，但“{word}”是要把数字往上提。可以改选“正向增长”，"
        "或者写明要压下来的指标。",
    ),
    "kind_down_in_increase": (
        "This key result is of the {kind} type, but “{word}” pushes the number down. Choose "
        "Decrease, or write down the number you want to grow.",
        "这条关键结果的类型是“{kind}”，但“{word}”是要把数字往下压。可以改选“反向控制”，"
        "或者写明要提升的指标。",
    ),
    "kind_milestone_date": (
        "A milestone needs a date. Add it to the text (e.g. “by 15 November”) or set the due date.",
        "里程碑需要一个日期。在文字里写明（如“11 月 15 日前”），或设置截止日期。",
    ),
    "kind_metric_in_milestone": (
        "This reads like a number to move rather than a milestone. Choose Increase or "
        "Decrease, so that progress follows the number.",
        "这更像一个要推动的数字，而不是里程碑。改选“正向增长”或“反向控制”，进度才会跟着数字走。",
    ),
    "kind_deliverable": (
        "This reads like a one-off deliverable, with no number to track. Make it a milestone "
        "with a date, or say which number it should move.",
        "这更像一次性的交付，没有可以跟踪的数字。可以改选“确定里程碑”并写上日期，"
        "或者写明它要推动哪个数字。",
    ),
    "kind_range_band": (
        "A Range key result needs a lower and an upper bound, e.g. “between 2 and 4 hours”.",
        "“数量区间”类关键结果需要写明上下限，例如“保持在 2–4 小时之间”。",
    ),
    "too_many_krs": (
        "This objective has {count} key results. Three to five keep a team focused: merge or "
        "drop the rest.",
        "这个目标有 {count} 个关键结果，偏多了。三到五个更能聚焦，其余的可以合并或舍弃。",
    ),
    "weights": (
        "The weights add up to {total}, not 100. Until they do, progress is scaled to the "
        "weights given.",
        "权重加起来是 {total}，不是 100。调整之前，进度会按现有权重折算。",
    ),
    "no_key_results": (
        "Add key results: they say how you will know the objective is reached.",
        "添加关键结果，说明怎样才算实现了这个目标。",
    ),
}

# The types of key result as the UI names them (frontend i18n kind.*).
KIND_NAMES: dict[KRKind, tuple[str, str]] = {
    KRKind.BASELINE: ("Baseline", "制定基准"),
    KRKind.INCREASE: ("Increase", "正向增长"),
    KRKind.DECREASE: ("Decrease", "反向控制"),
    KRKind.RANGE: ("Range", "数量区间"),
    KRKind.COUNT: ("Count", "过程策略"),
    KRKind.MILESTONE: ("Milestone", "确定里程碑"),
    KRKind.MISSION: ("Mission", "使命激励"),
}


def is_chinese(locale: str) -> bool:
    return locale.lower().startswith("zh")


def message(key: str, locale: str, params: dict[str, Any]) -> str:
    zh = is_chinese(locale)
    values = dict(params)
    if "kind" in values:
        values["kind"] = KIND_NAMES[KRKind(values["kind"])][zh]
    return MESSAGES[key][zh].format(**values)
