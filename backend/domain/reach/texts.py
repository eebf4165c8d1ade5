"""What reminders, warnings and digests say, in English and Chinese (written for each
language, not translated word for word). `str.format` placeholders; a test checks that both
languages of a key use the same ones."""

from typing import Any

from ..enums import Locale, StatusReason, TrackStatus

# key: (en, zh-CN)
TEXTS: dict[str, tuple[str, str]] = {
    # statuses and their reasons
    "status.ON_TRACK": ("on track", "正常"),
    "status.AT_RISK": ("at risk", "有风险"),
    "status.BEHIND": ("behind", "落后"),
    "status.DONE": ("done", "已完成"),
    "status.NOT_STARTED": ("not started", "未开始"),
    "reason.BEHIND_SCHEDULE": ("behind schedule", "进度落后于预期"),
    "reason.LOW_CONFIDENCE": ("low confidence", "信心不足"),
    "reason.STALE": ("no check-in for a while", "长时间未更新"),
    "reason.OVERDUE": ("overdue", "已逾期"),
    "reason.OUT_OF_BOUNDS": ("outside its limit", "超出控制范围"),
    "list.sep": (", ", "、"),
    "progress": ("{progress}% (expected {expected}%)", "进度 {progress}%（预期 {expected}%）"),
    "kind.objective": ("Objective", "目标"),
    "kind.key_result": ("Key result", "关键结果"),
    # a status got worse
    "warning.subject": ("{title} is now {status}", "「{title}」{status}了"),
    "warning.intro": (
        "{title} got worse. What changed:",
        "「{title}」的状态变差了，变化如下：",
    ),
    "warning.item": ("{before} → {after}: {reasons}", "{before} → {after}：{reasons}"),
    "warning.moved": ("{before} → {after}", "{before} → {after}"),
    "warning.action": ("Open the objective", "查看目标"),
    # the weekly check-in reminder
    "check_in.subject": ("Time for your weekly check-in", "该更新本周的 OKR 进度了"),
    "check_in.intro": (
        "{count} of your key results have no check-in this week:",
        "你有 {count} 个关键结果本周还没有更新进度：",
    ),
    "check_in.action": ("Check in now", "立即更新进度"),
    # the group chat's weekly nudge
    "nudge.subject": (
        "Weekly check-in: {count} key results still waiting",
        "每周进度更新：还有 {count} 个关键结果未更新",
    ),
    "nudge.intro": (
        "These key results of {team} have no check-in this week:",
        "{team} 的以下关键结果本周还没有更新进度：",
    ),
    "nudge.action": ("Check in now", "立即更新进度"),
    # milestones due soon
    "milestone.subject": ("Milestone due {due}: {title}", "里程碑「{title}」将于 {due} 到期"),
    "milestone.intro": (
        "This milestone is due on {due} and is not done yet:",
        "以下里程碑将于 {due} 到期，目前尚未完成：",
    ),
    "milestone.action": ("Check in", "更新进度"),
    # phase deadlines
    "drafts.subject": (
        "Consensus is over: publish your drafts",
        "共识会已结束：请发布你的草稿目标",
    ),
    "drafts.intro": (
        "{cycle} is being tracked now, and these objectives of yours are still drafts:",
        "「{cycle}」已进入推进阶段，你的以下目标仍是草稿：",
    ),
    "drafts.action": ("Open my OKRs", "查看我的 OKR"),
    "scores.subject": ("Score your key results", "请为你的关键结果打分"),
    "scores.intro": (
        "The retrospective of {cycle} is under way; these key results have no score yet:",
        "「{cycle}」的复盘正在进行，你的以下关键结果还没有评分：",
    ),
    "scores.action": ("Score them", "去评分"),
    # the weekly digest
    "digest.subject": ("Your week in OKRs", "你的 OKR 周报"),
    "digest.intro": ("Hello {name}, here is your week.", "{name}，你好！这是你本周的 OKR 概况。"),
    "digest.mine": ("My key results", "我的关键结果"),
    "digest.changed": ("What changed this week", "本周变化"),
    "digest.needs": ("Needs you", "待你处理"),
    "digest.kr": ("{status} · {progress}", "{status} · {progress}"),
    "digest.moved": ("{delta} this week", "本周 {delta}"),
    "digest.check_ins": (
        "{count} check-ins on your objectives",
        "你的目标本周有 {count} 次进度更新",
    ),
    "digest.no_check_in": ("no check-in this week", "本周尚未更新进度"),
    "digest.due": ("due {due}", "{due} 到期"),
    "digest.not_scored": ("not scored yet", "尚未评分"),
    "digest.draft": ("draft, not published", "草稿，尚未发布"),
    "digest.task": ("task due {due}", "任务 {due} 到期"),
    "digest.unread": ("{count} unread notifications", "{count} 条未读通知"),
    "digest.quiet": ("Nothing needs you this week.", "本周没有需要你处理的事项。"),
    "digest.action": ("Open my OKRs", "查看我的 OKR"),
    "platform.FEISHU": ("Feishu", "飞书"),
    "platform.DINGTALK": ("DingTalk", "钉钉"),
    "platform.WECOM": ("WeCom", "企业微信"),
    "platform.SLACK": ("Slack", "Slack"),
    # the channel itself
    "test.subject": ("Lodestar is connected", "Lodestar 已连接"),
    "test.intro": (
        "This chat will hear about {team}: status warnings and the weekly check-in nudge.",
        "本群将收到「{team}」的 OKR 状态预警和每周更新进度提醒。",
    ),
    "test.action": ("Open Lodestar", "打开 Lodestar"),
    "paused.subject": ("A {kind} robot of {team} was paused", "「{team}」的{kind}机器人已暂停"),
    "paused.intro": (
        "Sending to it failed {count} times in a row (last error: {error}). Fix its address or "
        "secret, then send a test message to resume it.",
        "连续 {count} 次发送失败（最近一次错误：{error}）。"
        "请检查地址或密钥，然后发送测试消息以恢复。",
    ),
    "paused.action": ("Open the settings", "打开设置"),
    # accounts: an invitation, a join request's confirmation, a password reset
    "invite.subject": (
        "{inviter} invites you to {org} on Lodestar",
        "{inviter} 邀请你加入 Lodestar 上的「{org}」",
    ),
    "invite.intro": (
        "Open the link to choose your password and start with your team's OKRs. It works once, "
        "until {expires}.",
        "打开链接设置密码，即可开始使用团队的 OKR。链接仅可使用一次，有效期至 {expires}。",
    ),
    "invite.action": ("Accept the invitation", "接受邀请"),
    "join.subject": ("Your account at {org} on Lodestar", "你在 Lodestar「{org}」的账号"),
    "join.intro": (
        "Someone asked to join {org} with this address. If it was you, open the link to choose "
        "your password; it works once, until {expires}. If not, ignore this e-mail.",
        "有人使用此邮箱申请加入「{org}」。如果是你本人，请打开链接设置密码；链接仅可使用一次，"
        "有效期至 {expires}。如果不是你，请忽略此邮件。",
    ),
    "reset.subject": ("Reset your Lodestar password", "重置你的 Lodestar 密码"),
    "reset.intro": (
        "Someone asked to reset the password of your account at {org}. If it was you, open the "
        "link to choose a new one; it works once, until {expires}, and signs out your other "
        "sessions. If not, ignore this e-mail: your password stays as it is.",
        "有人申请重置你在「{org}」的账号密码。如果是你本人，请打开链接设置新密码；链接仅可使用"
        "一次，有效期至 {expires}，设置后其他设备上的登录将失效。如果不是你，请忽略此邮件，"
        "密码不会改变。",
    ),
    "reset.action": ("Choose a new password", "设置新密码"),
    "footer": (
        "You get this because of your notification settings: {link}",
        "你收到这封邮件是因为你的通知设置：{link}",
    ),
}


def text(key: str, locale: str, **params: Any) -> str:
    en, zh = TEXTS[key]
    return (zh if locale == Locale.ZH_CN else en).format(**params)


def status_word(status: TrackStatus | str, locale: str) -> str:
    return text(f"status.{status}", locale)


def reasons_words(reasons: tuple[StatusReason, ...] | list[str], locale: str) -> str:
    return text("list.sep", locale).join(text(f"reason.{r}", locale) for r in reasons)


def percent(value: float) -> str:
    return f"{round(value * 100)}"


def progress_words(progress: float, expected: float, locale: str) -> str:
    return text("progress", locale, progress=percent(progress), expected=percent(expected))
