"""The words a coach listens for, in Chinese and English, by what they say about a key result.

English verbs are listed in their base form and matched in every inflection (reduce, reduces,
reduced, reducing); Chinese words are matched as written. When two words start at the same
place the longer wins (不低于 over 低于, keep below over keep).
"""

import re
from dataclasses import dataclass
from enum import StrEnum

from .text import Span


class Sense(StrEnum):
    UP = "up"  # 提升, grow: a number to raise
    UP_LIMIT = "up_limit"  # 不低于, at least: a floor
    DOWN = "down"  # 降低, reduce: a number to bring down
    DOWN_LIMIT = "down_limit"  # 以内, at most: a ceiling
    VAGUE = "vague"  # 优化, improve: better, but by how much?
    DELIVER = "deliver"  # 上线, launch: a deliverable
    ESTABLISH = "establish"  # 建立, set up: a deliverable that puts something lasting in place
    ACHIEVE = "achieve"  # 签约, sign: an outcome you count
    FREQUENCY = "frequency"  # 每周, 定期, weekly: work that repeats
    ROUTINE = "routine"  # 跟进, 参加, attend, support: ongoing work
    MEETING = "meeting"  # 例会, stand-up: a routine meeting


# Senses that make a clause a result of its own (a limit alone is a guardrail, not a result).
MAKE_SENSES = (Sense.DELIVER, Sense.ESTABLISH)
RESULT_SENSES = frozenset({Sense.UP, Sense.DOWN, *MAKE_SENSES, Sense.ACHIEVE})
CHANGE_SENSES = frozenset({Sense.UP, Sense.DOWN, Sense.VAGUE})

_ZH: dict[Sense, str] = {
    Sense.UP: "提升 提高 增加 增长 上升 上涨 扩大 加大 拉升 拉高 提到 提至 升至 升到 涨到 涨至 "
    "增至 增到 翻倍 翻番 突破 超过 超越 做大 增收",
    Sense.UP_LIMIT: "不低于 不少于 至少 以上 高于 多于 ≥ >=",
    Sense.DOWN: "降低 减少 下降 缩短 压缩 削减 减半 降至 降到 降为 减至 减到 减低 缩减 压降 "
    "节省 节约 下调 清零 消除 杜绝 缩小 控制在 控制",
    Sense.DOWN_LIMIT: "不超过 不高于 低于 少于 以内 以下 之内 ≤ <=",
    Sense.VAGUE: "改善 优化 改进 完善 加强 强化 增强 提速 提效 推动 促进 做好 搞好 夯实 深化 "
    "拓展 扩展 打磨 升级 巩固 提振",
    Sense.DELIVER: "完成 上线 发布 交付 推出 落地 输出 提交 实现 开发 设计 部署 启动 编写 撰写 "
    "出版 签署 迁移 重构 改版 开业 开营 投产 交到",
    Sense.ESTABLISH: "建成 建立 搭建 制定 开通 打通 开设 推行 出台 构建 设立 引入",
    Sense.ACHIEVE: "签约 签下 拜访 获得 获取 赢得 拿下 招聘 招募 招到 新增 覆盖 培训 访谈 "
    "调研 转化 成交 回款 售出 卖出 达成 达到 做到 吸引 留住 积累 收集 回访 触达 开拓 "
    "入驻 接入 举办",
    Sense.FREQUENCY: "每周 每天 每日 每月 每季度 每两周 每个月 每年 每次 定期 周期性 日常 常态化 "
    "坚持 持续",
    Sense.ROUTINE: "参加 参与 出席 跟进 负责 协助 配合 支持 学习 研究 了解 熟悉 关注 维护 "
    "处理 开展 组织 召开 开会 对接 沟通 落实 执行 监控 跟踪",
    Sense.MEETING: "例会 周会 晨会 站会 早会 夕会 日会 月会 周报 日报 月报 碰头会",
}

# English: verbs (inflected), then fixed phrases (matched as written).
_EN_VERBS: dict[Sense, str] = {
    Sense.UP: "increase grow raise boost lift double triple expand accelerate exceed surpass",
    Sense.DOWN: "reduce decrease cut lower drop shrink shorten halve minimize minimise decline "
    "eliminate slash trim",
    Sense.VAGUE: "improve enhance optimize optimise strengthen better streamline refine upgrade "
    "advance promote drive foster",
    Sense.DELIVER: "launch ship release deliver complete finish publish deploy migrate open "
    "submit write finalize finalise redesign rebuild refactor automate document integrate "
    "replace retire sunset draft produce prepare agree",
    Sense.ESTABLISH: "build implement establish create design develop introduce define adopt",
    Sense.ACHIEVE: "sign close win acquire onboard hire recruit visit interview survey reach "
    "achieve hit get serve convert train collect generate book land secure attract add gain "
    "earn sell retain run hold conduct host pass",
    Sense.ROUTINE: "attend participate join support help assist learn study research explore "
    "monitor maintain manage handle coordinate keep continue communicate track organize "
    "organise",
}
_EN_PHRASES: dict[Sense, str] = {
    Sense.UP: "scale up|go up",
    Sense.UP_LIMIT: "at least|no less than|or more|above|more than",
    Sense.DOWN: "bring down|down to|get rid of",
    Sense.DOWN_LIMIT: "at most|no more than|less than|fewer than|or less|or fewer|below|under"
    "|keep below|keep under|stay below|stay under",
    Sense.DELIVER: "roll out|rolls out|rolled out|rolling out|go live|goes live|went live"
    "|go-live|hand over|kick off|kicks off|kicked off|generally available",
    Sense.ESTABLISH: "set up|sets up|setting up|put in place",
    Sense.FREQUENCY: "weekly|daily|monthly|quarterly|biweekly|bi-weekly|fortnightly|every day"
    "|every week|every month|every sprint|every quarter|each week|each day|each month"
    "|each sprint|per week|per month|per day|regularly|routinely|ongoing|continuously"
    "|continually|on a regular basis|recurring",
    Sense.ROUTINE: "take part|follow up|follow-up|be responsible for|responsible for|work on"
    "|work with|look into|stay on top of|sync with|meet with|check in with",
    Sense.MEETING: "sync|syncs|sync-up|sync-ups|standup|standups|stand-up|stand-ups"
    "|status meeting|status meetings|team meeting|team meetings|weekly meeting"
    "|weekly meetings|1:1|1:1s|one-on-one|one-on-ones|all-hands|retro|retros"
    "|status report|status reports|weekly report|weekly reports",
}

_IRREGULAR = {
    "grow": "grew grown",
    "build": "built",
    "win": "won",
    "hold": "held",
    "get": "got gotten",
    "drive": "drove driven",
    "write": "wrote written",
    "keep": "kept",
    "run": "ran",
    "sell": "sold",
    "lead": "led",
    "shrink": "shrank shrunk",
    "hit": "",
    "cut": "",
}
_DOUBLES = frozenset(["ship", "cut", "hit", "win", "run", "drop", "plan", "get", "slash"])


def inflections(verb: str) -> list[str]:
    """reduce → reduce reduces reduced reducing; ship → ships shipped shipping."""
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        third = verb + "es"
    elif verb.endswith("y") and verb[-2] not in "aeiou":
        third = verb[:-1] + "ies"
    else:
        third = verb + "s"
    if verb in _DOUBLES:
        past, ing = verb + verb[-1] + "ed", verb + verb[-1] + "ing"
    elif verb.endswith("e"):
        past, ing = verb + "d", verb[:-1] + "ing"
    elif verb.endswith("y") and verb[-2] not in "aeiou":
        past, ing = verb[:-1] + "ied", verb + "ing"
    else:
        past, ing = verb + "ed", verb + "ing"
    if verb in _IRREGULAR:
        irregular = _IRREGULAR[verb].split()
        past_forms = irregular or [verb]
    else:
        past_forms = [past]
    return [verb, third, ing, *past_forms]


def _senses() -> dict[str, Sense]:
    table: dict[str, Sense] = {}
    for sense, words in _ZH.items():
        table.update(dict.fromkeys(words.split(), sense))
    for sense, verbs in _EN_VERBS.items():
        for verb in verbs.split():
            table.update(dict.fromkeys(inflections(verb), sense))
    for sense, phrases in _EN_PHRASES.items():
        table.update(dict.fromkeys(phrases.split("|"), sense))
    return table


_SENSE = _senses()
# English is matched by whole tokens (so "win" is not found in "window"), phrases token by
# token; Chinese and symbols by the longest listed word at each character. Dictionary look-ups,
# not one regex of a thousand words: that took 15 ms to compile and was slower to run.
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’:-]*")


def _is_latin(word: str) -> bool:
    return word[0].isascii() and word[0].isalnum()


def _phrases() -> dict[str, list[list[str]]]:
    """English entries by their first token, the longest first."""
    table: dict[str, list[list[str]]] = {}
    for entry in sorted(filter(_is_latin, _SENSE), key=len, reverse=True):
        table.setdefault(entry.split()[0], []).append(entry.split())
    return table


_PHRASES = _phrases()
_GLYPHS = {w: sense for w, sense in _SENSE.items() if not _is_latin(w)}
_FIRST = frozenset(w[0] for w in _GLYPHS)
_LONGEST = max(map(len, _GLYPHS))


@dataclass(frozen=True, slots=True)
class Word:
    span: Span
    sense: Sense
    text: str


def _latin(text: str) -> list[Word]:
    tokens = list(_TOKEN.finditer(text))
    found, i = [], 0
    while i < len(tokens):
        first = tokens[i].group().lower()
        for phrase in _PHRASES.get(first, ()):
            last = i + len(phrase) - 1
            if last < len(tokens) and all(
                tokens[i + k].group().lower() == part
                and text[tokens[i + k - 1].end() : tokens[i + k].start()].isspace()
                for k, part in enumerate(phrase[1:], 1)
            ):
                start, end = tokens[i].start(), tokens[last].end()
                found.append(Word(Span(start, end), _SENSE[" ".join(phrase)], text[start:end]))
                i = last
                break
        i += 1
    return found


def _glyphs(text: str) -> list[Word]:
    found, i = [], 0
    while i < len(text):
        if text[i] in _FIRST:
            for size in range(min(_LONGEST, len(text) - i), 0, -1):
                sense = _GLYPHS.get(text[i : i + size])
                if sense is not None:
                    found.append(Word(Span(i, i + size), sense, text[i : i + size]))
                    i += size - 1
                    break
        i += 1
    return found


def words(text: str) -> list[Word]:
    """Every listed word in `text`, in order."""
    return sorted(_latin(text) + _glyphs(text), key=lambda w: w.span.start)


# A clause that says how or why, or restates, not what: 通过优化引导, 以提升留存, 同比增长 30%,
# by launching X, to lift Y.
MEANS = re.compile(
    r"\s*(?:通过|借助|依靠|利用|基于|围绕|凭借|依托|以便|为了|从而|进而|其中|同比|环比|即|以(?![上下内])"
    r"|(?:by|through|via|using|to|in\s+order\s+to|so\s+that|which|thereby|including|such\s+as"
    r"|with)\b)",
    re.IGNORECASE,
)
