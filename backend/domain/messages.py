"""User-facing messages in both languages, looked up by the key a DomainError carries.

Every key has an English and a Chinese text; `str.format` placeholders take the
error's params. A test checks that both languages use the same placeholders.
"""

from dataclasses import dataclass
from typing import Any

from .enums import Locale
from .fields import label

# key: (en, zh-CN)
MESSAGES: dict[str, tuple[str, str]] = {
    "internal": ("Internal error (request {request_id}).", "服务器内部错误（请求 {request_id}）。"),
    "not_found": ("Not found.", "未找到。"),
    "auth.required": ("Please sign in.", "请先登录。"),
    "auth.forbidden": ("You are not allowed to do this.", "你没有权限执行此操作。"),
    "auth.bad_credentials": ("Wrong email or password.", "邮箱或密码错误。"),
    "auth.rate_limited": (
        "Too many sign-in attempts. Try again in {seconds} seconds.",
        "登录尝试过多，请在 {seconds} 秒后重试。",
    ),
    "auth.busy": (
        "Too many sign-ins at this moment. Try again in a few seconds.",
        "当前登录请求过多，请几秒后重试。",
    ),
    "auth.bad_origin": ("Request origin not allowed.", "请求来源不被允许。"),
    "auth.bad_token": ("The API token is invalid or revoked.", "API 令牌无效或已被吊销。"),
    "auth.wrong_password": ("Your current password is wrong.", "当前密码不正确。"),
    "auth.token_cannot_mint": (
        "A request signed with an API token cannot create tokens: sign in to create one.",
        "使用 API 令牌的请求不能创建令牌，请登录后创建。",
    ),
    "auth.own_credentials": (
        "Change your own e-mail or password with your current password (Security page).",
        "修改自己的邮箱或密码需要输入当前密码（见“账号安全”页面）。",
    ),
    "auth.expiry_past": ("The expiry must be in the future.", "到期时间必须晚于现在。"),
    "password.blank": ("The password cannot be only spaces.", "密码不能全是空格。"),
    "password.common": (
        "This password is one of the most common ones: choose another.",
        "这个密码过于常见，请换一个。",
    ),
    "conflict.version": (
        "Someone else changed this in the meantime (now version {current}). Reload and try again.",
        "其他人刚刚修改了此内容（当前版本 {current}），请刷新后重试。",
    ),
    "conflict.duplicate": ("{field} is already taken.", "{field}已被占用。"),
    "phase.refused": (
        "You can't {action} while the cycle is in {phase}; that happens in: {allowed}.",
        "当前周期处于{phase}阶段，不能{action}；可以在以下阶段进行：{allowed}。",
    ),
    "phase.closed": (
        "This cycle is closed and read-only (comments and likes aside): you can't {action}.",
        "此周期已关闭，只读（仍可评论和点赞），不能{action}。",
    ),
    "phase.one_step": (
        "A cycle moves one phase at a time from {phase}: forward, or one step back with a reason.",
        "周期只能从{phase}阶段逐步推进：向前一步，或注明原因后退回一步。",
    ),
    "phase.closed_for_good": (
        "A closed cycle stays closed: its numbers are final.",
        "已关闭的周期不能重新打开：它的数据已经定稿。",
    ),
    "phase.scored": (
        "This key result has its final score: its progress is final too.",
        "该关键结果已评定最终得分，进度不能再更新。",
    ),
    "score.reason_required": (
        "A final score other than the suggested {suggested} needs a reason.",
        "最终得分与建议得分 {suggested} 不同时，请说明原因。",
    ),
    "phase.moved_meanwhile": (
        "Someone moved this cycle meanwhile: it is now in {phase}.",
        "其他人刚刚调整了此周期的阶段，当前为{phase}。",
    ),
    "phase.DRAFTING": ("drafting (roundtable)", "起草（圆桌会）"),
    "phase.ALIGNING": ("consensus", "共识（共识会）"),
    "phase.TRACKING": ("progress tracking", "推进（推进会）"),
    "phase.REVIEWING": ("retrospective", "复盘（复盘会）"),
    "phase.CLOSED": ("closed", "已关闭"),
    "activity.write_draft": ("write draft OKRs", "撰写 OKR 草稿"),
    "activity.edit_published": ("change published OKRs", "修改已发布的 OKR"),
    "activity.publish": ("publish objectives", "发布目标"),
    "activity.archive": ("archive or restore OKRs", "归档或恢复 OKR"),
    "activity.commit": ("commit to objectives", "承诺目标"),
    "activity.check_in": ("update progress", "更新进度"),
    "activity.manage_tasks": ("change tasks", "管理任务"),
    "activity.hold_meeting": ("hold meetings", "召开会议"),
    "activity.score": ("score key results", "为关键结果评分"),
    "activity.peer_review": ("review others' key results", "互评关键结果"),
    "activity.write_lessons": ("write lessons learned", "填写复盘心得"),
    "activity.comment": ("comment", "评论"),
    "activity.like": ("like", "点赞"),
    "activity.carry_from": ("carry objectives forward from it", "从此周期延续目标"),
    "activity.carry_into": ("carry objectives into it", "把目标延续到此周期"),
    "input.required": ("{field} is required.", "{field}为必填项。"),
    "input.too_long": (
        "{field} must be at most {max} characters.",
        "{field}最多 {max} 个字符。",
    ),
    "input.too_short": (
        "{field} must be at least {min} characters.",
        "{field}至少 {min} 个字符。",
    ),
    "input.invalid_id": ("{field} is not a valid id.", "{field}不是有效的 ID。"),
    "input.invalid_email": (
        "{field} is not a valid email address.",
        "{field}不是有效的邮箱地址。",
    ),
    "input.hidden_characters": (
        "{field} may not contain control, zero-width or text-direction characters.",
        "{field} 不能包含控制字符、零宽字符或文字方向控制字符。",
    ),
    "input.nul": (
        "Text may not contain the NUL character (\\u0000).",
        "文本中不能包含 NUL 字符（\\u0000）。",
    ),
    "input.invalid_handle": (
        "{field} may only contain letters, digits, '_', '.' and '-' (2–32).",
        "{field}只能包含字母、数字、'_'、'.'、'-'（2–32 个字符）。",
    ),
    "input.invalid_slug": (
        "{field} may only contain lower-case letters, digits and '-' (2–64).",
        "{field}只能包含小写字母、数字和 '-'（2–64 个字符）。",
    ),
    "input.out_of_range": (
        "{field} must be between {min} and {max}.",
        "{field}必须介于 {min} 与 {max} 之间。",
    ),
    "input.dates_order": (
        "{field} must not be before the start date.",
        "{field}不能早于开始日期。",
    ),
    "input.unknown_locale": ("{field} must be zh-CN or en.", "{field}必须是 zh-CN 或 en。"),
    "input.invalid_client_id": (
        "{field} must be 1 to {max} letters, digits or the characters - _ . :",
        "{field}须为 1 至 {max} 个字母、数字或 - _ . : 字符。",
    ),
    "input.not_finite": ("{field} must be a finite number.", "{field}必须是有效的数值。"),
    "input.not_integer": ("{field} must be a whole number.", "{field}必须是整数。"),
    "input.one_decimal": (
        "{field} may have at most one decimal place.",
        "{field}最多保留一位小数。",
    ),
    "kr.target_not_above_start": (
        "{field} must be greater than the start value ({start}).",
        "{field}必须大于起始值（{start}）。",
    ),
    "kr.range_order": (
        "{field} must not be greater than the range maximum ({max}).",
        "{field}不能大于区间上限（{max}）。",
    ),
    "kr.milestone_needs_due": (
        "A milestone needs a due date.",
        "里程碑必须设置截止日期。",
    ),
    "kr.tasks_source_kind": (
        "Only baseline, count and milestone key results can take their progress from tasks.",
        "只有“制定基准”“过程策略”“确定里程碑”类关键结果可以按任务计算进度。",
    ),
    "okr.no_key_results": (
        "Add at least one key result before publishing the objective.",
        "发布目标前请至少添加一个关键结果。",
    ),
    "okr.weights_not_100": (
        "Key result weights must add up to 100 (now {total}).",
        "关键结果的权重之和必须为 100（当前为 {total}）。",
    ),
    "hint.no_key_results": (
        "Add key results: they make the objective measurable.",
        "添加关键结果，让目标可以衡量。",
    ),
    "hint.weights_not_100": (
        "The weights do not add up to 100; progress is normalized until they do.",
        "权重之和不是 100，调整前进度将按比例折算。",
    ),
    "input.json_only": (
        "Send GraphQL requests as JSON (Content-Type: application/json).",
        "请以 JSON 发送 GraphQL 请求（Content-Type: application/json）。",
    ),
    "input.query_cost": (
        "This query would read about {cost} fields, more than the {limit} allowed: ask for "
        "fewer nested lists (or fewer fields in them), or split it into several requests.",
        "该查询约需读取 {cost} 个字段，超过上限 {limit}：请减少嵌套的列表（或其中的字段），"
        "或拆分为多个请求。",
    ),
    "input.response_too_large": (
        "The answer would be {size} bytes, more than the {limit} allowed: ask for fewer "
        "fields, or filter (by team or owner).",
        "响应将有 {size} 字节，超过上限 {limit}：请减少字段，或按团队、负责人筛选。",
    ),
    "input.operation_name_required": (
        "The document holds several operations: say which to run in operationName.",
        "文档中有多个操作：请在 operationName 中指明要执行哪一个。",
    ),
    "input.unknown_operation": (
        "The document has no operation named {name}.",
        "文档中没有名为 {name} 的操作。",
    ),
    "input.operation_not_allowed": (
        "This operation cannot be sent this way: queries by GET or POST, mutations by POST, "
        "subscriptions over the websocket.",
        "该操作不能以此方式发送：查询用 GET 或 POST，变更用 POST，订阅须通过 WebSocket。",
    ),
    "input.bad_request": ("The request is malformed: {reason}", "请求格式错误：{reason}"),
    "input.not_an_object": (
        "Send one GraphQL request, as a JSON object with a query member; batches are not accepted.",
        "请以 JSON 对象（含 query 成员）发送单个 GraphQL 请求；不接受批量请求。",
    ),
    "input.bad_json": (
        "The request body is not valid JSON (UTF-8 text, no lone surrogates, nested at most "
        "1,024 levels).",
        "请求体不是有效的 JSON（须为 UTF-8 文本，不含孤立代理字符，嵌套不超过 1024 层）。",
    ),
    "input.body_too_large": (
        "The request is larger than the {limit} bytes allowed.",
        "请求大小超过上限 {limit} 字节。",
    ),
    "okr.unknown_target": (
        "{field} does not name anything you can see.",
        "{field}指向的对象不存在或你无权查看。",
    ),
    "okr.align_without_source": (
        "Only an objective converted from a key result can make that key result follow it.",
        "只有由关键结果转化而来的目标，才能让该关键结果跟随它的进度。",
    ),
    "okr.convert_other_cycle": (
        "Only a key result of the same cycle can be converted into this objective.",
        "只能转化同一周期内的关键结果。",
    ),
    "okr.parent_archived": (
        "An archived objective cannot be aligned to.",
        "不能对齐到已归档的目标。",
    ),
    "okr.alignment_loop": (
        "This alignment would form a loop.",
        "此对齐关系会形成循环。",
    ),
    "okr.level_order": (
        "A company objective cannot align under a team or personal one, "
        "nor a team objective under a personal one.",
        "公司目标不能对齐到团队或个人目标之下，团队目标也不能对齐到个人目标之下。",
    ),
    "okr.team_required": (
        "A team objective needs a team.",
        "团队目标需要指定团队。",
    ),
    "okr.not_published": (
        "This objective is still a draft: publish it first.",
        "该目标仍是草稿，请先发布。",
    ),
    "okr.commit_owner_only": (
        "Only the objective's owner can commit to it.",
        "只有目标负责人本人可以承诺该目标。",
    ),
    "okr.commit_company": (
        "Company objectives are not committed to: teams and people commit to theirs.",
        "公司目标无需承诺：由团队和个人承诺各自的目标。",
    ),
    "review.not_chosen": (
        "Only the people chosen to review this objective can review its key results.",
        "只有被邀请互评该目标的人可以评价其关键结果。",
    ),
    "review.not_the_owner": (
        "{field}: the owner scores their own key results; choose someone else to review them.",
        "{field}：负责人自行为关键结果打分，请邀请其他人互评。",
    ),
    "carry.finished": (
        "{field}: “{title}” is finished: only unfinished objectives are carried forward.",
        "{field}：“{title}”已完成，只能延续未完成的目标。",
    ),
    "carry.one_cycle": (
        "{field}: carry objectives forward from one cycle at a time.",
        "{field}：每次只能从一个周期延续目标。",
    ),
    "carry.same_cycle": (
        "{field}: choose another cycle to carry the objectives into.",
        "{field}：请选择另一个周期来延续这些目标。",
    ),
    "okr.archived": ("This is archived. Restore it first.", "该内容已归档，请先恢复。"),
    "okr.too_many_krs": (
        "An objective can have at most {max} key results.",
        "一个目标最多 {max} 个关键结果。",
    ),
    "checkin.value_not_manual": (
        "This key result follows its tasks or aligned objectives: "
        "check in confidence and a note only.",
        "该关键结果的进度来自任务或对齐的目标：更新进度时只需填写信心指数和备注。",
    ),
    "checkin.client_id_reused": (
        "This clientId was already used for a check-in of another key result.",
        "该 clientId 已用于另一个关键结果的进度更新。",
    ),
    "work.client_id_reused": (
        "This clientId was already used for something written elsewhere.",
        "该 clientId 已用于在别处写入的内容。",
    ),
    "checkin.already_retracted": (
        "This check-in was already corrected or withdrawn.",
        "这条进度更新已被更正或撤回。",
    ),
    "checkin.done_or_not": (
        "This key result is either done (1) or not done (0).",
        "该关键结果只有完成（1）或未完成（0）两种状态。",
    ),
    "people.last_admin": (
        "You cannot take away your own admin role.",
        "不能取消自己的管理员角色。",
    ),
    "people.own_manager": ("Nobody can be their own manager.", "不能把自己设为自己的上级。"),
    "people.own_account": (
        "You cannot deactivate your own account.",
        "不能停用自己的账号。",
    ),
    "input.invalid_domain": (
        "{field} must be a domain name such as example.com.",
        "{field} 必须是域名，例如 example.com。",
    ),
    "account.link_used": (
        "This link has expired or was already used. Ask for a new one.",
        "此链接已过期或已被使用，请重新获取。",
    ),
    "account.domain_only": (
        "Only addresses at {domain} may join through this link.",
        "只有 {domain} 邮箱可以通过此链接加入。",
    ),
    "account.join_closed": (
        "This join link is no longer open.",
        "此加入链接已关闭。",
    ),
    "account.already_member": (
        "{field} already has an account: sign in, or reset the password.",
        "{field} 已有账号，请直接登录或重置密码。",
    ),
    "people.team_loop": (
        "A team cannot be placed under itself or one of its sub-teams.",
        "团队不能放在自身或其子团队之下。",
    ),
    "org.unknown_time_zone": (
        "{field} is not a known time zone; use a name such as Asia/Shanghai.",
        "{field}不是可识别的时区，请使用 Asia/Shanghai 这样的名称。",
    ),
    # reminders and channels (issue 14)
    "reach.bad_time": (
        "{field} must be a time of day such as 16:00.",
        "{field}必须是 16:00 这样的时间。",
    ),
    "reach.bad_url": ("{field} is not a valid web address.", "{field}不是有效的网址。"),
    "reach.https_required": ("{field} must start with https://.", "{field}必须以 https:// 开头。"),
    "reach.wrong_host": (
        "{field} must be this platform's robot address (on {hosts}).",
        "{field}必须是该平台机器人的地址（{hosts}）。",
    ),
    "reach.unsigned_kind": (
        "{field}: this platform does not sign messages; leave it empty.",
        "{field}：该平台不使用签名密钥，请留空。",
    ),
    "reach.unsupported_channel": (
        "{field}: {topic} cannot be delivered by {channel}.",
        "{field}：{topic} 不支持通过 {channel} 发送。",
    ),
    "reach.test_too_soon": (
        "A test message was just sent; try again in {seconds} seconds.",
        "刚刚发送过测试消息，请 {seconds} 秒后再试。",
    ),
    "org.gaps_order": (
        "The at-risk gap must not be larger than the behind gap.",
        "“有风险”阈值不能大于“落后”阈值。",
    ),
    "task.one_target": (
        "Give exactly one of keyResultId and objectiveId: a task belongs to one of them.",
        "keyResultId 与 objectiveId 必须且只能提供一个：任务只属于其中之一。",
    ),
    "task.archived_target": (
        "{field} is archived: no new tasks can be added to it.",
        "{field}已归档，不能再添加任务。",
    ),
    "work.unknown_person": (
        "{field} is not an active person in your organization.",
        "{field}不是本组织的在职成员。",
    ),
    "work.cannot_view": (
        "{field}: this person cannot see the objective, so cannot work on it.",
        "{field}：此人看不到该目标，无法参与其中的任务。",
    ),
    "work.too_many": (
        "{field} may list at most {max} items.",
        "{field}最多 {max} 项。",
    ),
    "comment.too_many_mentions": (
        "A comment may mention at most {max} people.",
        "一条评论最多可以提及 {max} 人。",
    ),
    "task.restore_archived": (
        "The task's key result or objective is archived: restore that first.",
        "该任务所属的关键结果或目标已归档，请先恢复它。",
    ),
    "meeting.scheduled": ("This meeting has not started yet.", "会议尚未开始。"),
    "meeting.live": ("This meeting is already running.", "会议已在进行中。"),
    "meeting.ended": (
        "This meeting has ended: it is kept as it was.",
        "会议已结束，内容按当时保留。",
    ),
    "meeting.not_covered": (
        "{field} is not among the objectives this meeting covers.",
        "{field}不在本次会议涉及的目标之内。",
    ),
    "meeting.item_objective": (
        "{field} must be the agenda item's objective, or be left out.",
        "{field}必须是该议程项的目标，或不填写。",
    ),
    "meeting.cannot_view": (
        "{field}: this person cannot see the meeting.",
        "{field}：此人无法查看该会议。",
    ),
    "conflict.notes": (
        "Someone else saved the notes in the meantime (now version {current}): "
        "both texts are shown — merge them and save again.",
        "其他人刚刚保存了会议记录（当前版本 {current}）：两份文本均已显示，请合并后再保存。",
    ),
    "input.invalid_date": (
        "{field} must be a date (YYYY-MM-DD).",
        "{field}必须是日期（YYYY-MM-DD）。",
    ),
    "dashboard.unknown_figure": (
        "{field} must be one of: {choices}.",
        "{field}必须是以下之一：{choices}。",
    ),
    "dashboard.unknown_bucket": (
        "{field} is not one of this figure's buckets.",
        "{field}不是该图表中的分组。",
    ),
    # single sign-on (OpenID Connect)
    "auth.password_disabled": (
        "Your organization signs in with single sign-on: use “Sign in with SSO”.",
        "你的组织使用单点登录：请点击“使用 SSO 登录”。",
    ),
    "sso.bad_discovery_url": (
        "The discovery URL must start with https:// (http:// only for this machine).",
        "发现地址必须以 https:// 开头（仅本机地址可用 http://）。",
    ),
    "sso.bad_domain": ("{field} is not an e-mail domain.", "{field} 不是有效的邮箱域名。"),
    "sso.incomplete": (
        "Enter the discovery URL, client ID and client secret before turning single sign-on on.",
        "请先填写发现地址、客户端 ID 和客户端密钥，再启用单点登录。",
    ),
    "sso.password_needs_sso": (
        "Turn single sign-on on before turning password sign-in off.",
        "请先启用单点登录，再关闭密码登录。",
    ),
    "sso.not_configured": (
        "Single sign-on is not set up for this e-mail address.",
        "该邮箱所在的组织未启用单点登录。",
    ),
    "sso.state_mismatch": (
        "This sign-in did not start in this browser, or took too long. Please start again.",
        "此次登录不是从当前浏览器发起的，或已超时，请重新登录。",
    ),
    "sso.provider_error": (
        "The identity provider refused the sign-in or could not be reached.",
        "身份提供方拒绝了登录，或无法连接。",
    ),
    "sso.email_missing": (
        "The identity provider did not send an e-mail address.",
        "身份提供方没有提供邮箱地址。",
    ),
    "sso.email_unverified": (
        "Your e-mail address is not verified at the identity provider.",
        "你的邮箱尚未在身份提供方处验证。",
    ),
    "sso.no_account": (
        "There is no account for this e-mail address. Ask an admin to add you.",
        "该邮箱还没有账号，请联系管理员添加。",
    ),
    "sso.wrong_domain": (
        "Accounts are created at the first sign-in only for the organization's e-mail domain.",
        "仅组织邮箱域名下的地址可在首次登录时自动创建账号。",
    ),
    "sso.other_org": (
        "This e-mail address belongs to another organization.",
        "该邮箱属于其他组织。",
    ),
    "sso.inactive": ("This account is deactivated.", "该账号已停用。"),
    # spreadsheet import: each problem is shown with its row and column
    "import.missing_column": (
        "The first row has no “{column}” column.",
        "第一行缺少“{column}”列。",
    ),
    "import.empty": ("The file has no rows to import.", "文件中没有可导入的行。"),
    "import.too_many_rows": (
        "A file may have at most {max} rows: split it.",
        "一个文件最多 {max} 行，请拆分后导入。",
    ),
    "import.unreadable": (
        "This is not a CSV or XLSX file that can be read.",
        "无法读取该文件：请上传 CSV 或 XLSX 文件。",
    ),
    "import.too_large": (
        "The file is larger than {max} MiB.",
        "文件超过 {max} MiB。",
    ),
    "import.not_a_number": ("{field} must be a number.", "{field} 必须是数字。"),
    "import.unknown_choice": (
        "{field} must be one of: {choices}.",
        "{field} 必须是以下之一：{choices}。",
    ),
    "import.yes_or_no": ("{field} must be yes or no.", "{field} 只能填“是”或“否”。"),
    "import.twice": (
        "{value} is already in row {other} of this file.",
        "{value} 已出现在本文件第 {other} 行。",
    ),
    "import.email_taken": ("{value} already has an account.", "{value} 已有账号。"),
    "import.handle_taken": ("The handle {value} is taken.", "账号名 {value} 已被占用。"),
    "import.lead_needs_team": (
        "A team lead needs a team in this row.",
        "团队负责人需要在本行填写团队。",
    ),
    "import.unknown_person": (
        "Nobody here has the e-mail or handle {value}.",
        "找不到邮箱或账号为 {value} 的人。",
    ),
    "import.unknown_team": ("There is no team {value}.", "没有名为 {value} 的团队。"),
    "import.kr_without_objective": (
        "A key result needs its objective in a row above it.",
        "关键结果的上方需要有它所属目标的一行。",
    ),
}


@dataclass(frozen=True, slots=True)
class Term:
    """A parameter that is itself a message: a phase's or an action's name, said in the same
    language as the message around it."""

    key: str


@dataclass(frozen=True, slots=True)
class Terms:
    """Several terms, listed the way each language lists them."""

    keys: tuple[str, ...]


def _said(value: Any, locale: str | None) -> Any:
    if isinstance(value, Term):
        return translate(value.key, locale)
    if isinstance(value, Terms):
        separator = "、" if locale == Locale.ZH_CN else ", "
        return separator.join(translate(k, locale) for k in value.keys)
    return value


def translate(key: str, locale: str | None, params: dict[str, Any] | None = None) -> str:
    en, zh = MESSAGES.get(key, MESSAGES["internal"])
    template = zh if locale == Locale.ZH_CN else en
    said = {k: _said(v, locale) for k, v in (params or {}).items()}
    if isinstance(said.get("field"), str):  # named as the form labels it, not by its API name
        said["field"] = label(said["field"], locale == Locale.ZH_CN)
    try:
        return template.format(**said)
    except (KeyError, IndexError):
        return template
