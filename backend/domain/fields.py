"""What a field is called where people meet it: the label of its form, in each language.

Error messages name a field this way ("Band from must be between…", not "rangeMin must be…");
`extensions.field` keeps the API's name for clients that place the message by the input.
"""

# API field name → (en, zh-CN)
LABELS: dict[str, tuple[str, str]] = {
    # objectives and key results (the editor and the key-result form)
    "title": ("Title", "标题"),
    "description": ("Description", "描述"),
    "objectiveId": ("Objective", "目标"),
    "keyResultId": ("Key result", "关键结果"),
    "keyResults": ("Key results", "关键结果"),
    "sourceKeyResultId": ("Key result to convert", "要转换的关键结果"),
    "alignSourceKeyResult": ("Let the key result follow this objective", "让该关键结果跟随此目标"),
    "parentId": ("Parent objective", "上级目标"),
    "ownerId": ("Owner", "负责人"),
    "teamId": ("Team", "团队"),
    "cycleId": ("Cycle", "周期"),
    "toCycleId": ("Cycle to carry into", "目标周期"),
    "objectiveIds": ("Objectives to carry", "要延续的目标"),
    "state": ("State", "状态"),
    "kind": ("Kind", "类型"),
    "startValue": ("Start value", "起始值"),
    "targetValue": ("Target", "目标值"),
    "rangeMin": ("Band from", "区间下限"),
    "rangeMax": ("Band to", "区间上限"),
    "unit": ("Unit", "单位"),
    "dueDate": ("Due date", "截止日期"),
    "progressSource": ("Progress from", "进度来源"),
    "weight": ("Weight", "权重"),
    "weights": ("Weights", "权重"),
    "version": ("Version", "版本"),
    # progress updates and scoring
    "value": ("New value", "新数值"),
    "confidence": ("Confidence", "信心指数"),
    "note": ("Note", "备注"),
    "clientId": (
        "Client ID",
        "客户端 ID",
    ),  # an SSO client, or the id a client gives a retried write
    "score": ("Score", "评分"),
    "difficulty": ("Difficulty", "难度"),
    "effort": ("Effort", "投入"),
    "reason": ("Reason", "原因"),
    "comment": ("Comment", "评语"),
    "reviewerIds": ("Reviewers", "互评人"),
    "phase": ("Phase", "阶段"),
    # work: tasks, comments, notifications
    "targetId": ("Where", "所属对象"),
    "body": ("Comment", "评论"),
    "text": ("Text", "文字"),
    "assigneeId": ("Assignee", "执行人"),
    "collaboratorIds": ("Collaborators", "协作者"),
    "position": ("Position", "位置"),
    "mutedUntil": ("Muted until", "免打扰截止"),
    "first": ("How many", "数量"),
    "query": ("Query", "查询"),
    "operationName": ("Operation name", "操作名称"),
    "token": ("Link", "链接"),
    "actorId": ("By", "操作人"),
    "until": ("To", "到"),
    "id": ("Item", "对象"),
    "ids": ("Items", "对象"),
    # meetings
    "notes": ("Notes", "纪要"),
    "agendaItemId": ("Agenda item", "议程项"),
    "facilitatorId": ("Facilitator", "主持人"),
    "meetingId": ("Meeting", "会议"),
    # people, teams, the organization, cycles
    "email": ("E-mail", "邮箱"),
    "password": ("Password", "密码"),
    "currentPassword": ("Current password", "当前密码"),
    "newPassword": ("New password", "新密码"),
    "expiresAt": ("Expires on", "到期日期"),
    "displayName": ("Name", "姓名"),
    "handle": ("Handle", "用户名"),
    "name": ("Name", "名称"),
    "slug": ("Address name", "地址标识"),
    "role": ("Role", "角色"),
    "managerId": ("Manager", "直属上级"),
    "userId": ("Person", "成员"),
    "locale": ("Language", "语言"),
    "timeZone": ("Time zone", "时区"),
    "startsOn": ("Start date", "开始日期"),
    "endsOn": ("End date", "结束日期"),
    "atRiskGap": ("At-risk gap", "有风险阈值"),
    "behindGap": ("Behind gap", "落后阈值"),
    "staleDays": ("Days without an update", "未更新天数"),
    "weekStart": ("Weeks start on", "每周从哪天开始"),
    "joinDomain": ("E-mail domain", "邮箱域名"),
    "isActive": ("Active", "是否启用"),
    "milestoneDays": ("Days before a milestone", "里程碑提前天数"),
    # reach: robots and the dashboard
    "url": ("Webhook address", "Webhook 地址"),
    "secret": ("Signing secret", "签名密钥"),
    "figure": ("Figure", "指标"),
    "bucket": ("Group", "分组"),
    "since": ("Since", "起始日期"),
    # single sign-on and import
    "discoveryUrl": ("Discovery URL", "发现地址（Discovery URL）"),
    "clientSecret": ("Client secret", "客户端密钥"),
    "enabled": ("Single sign-on", "单点登录"),
    "jitDomain": ("Domain for new accounts", "自动开户的邮箱域名"),
    "passwordSignIn": ("Password sign-in", "密码登录"),
    "file": ("File", "文件"),
}

UNKNOWN = ("This field", "该项")


class Verbatim(str):
    """A field named as the person wrote it (a spreadsheet's own column header): shown as is."""


def label(field: str, zh: bool) -> str:
    """The field as its form labels it; a field without a label is never shown by its API name."""
    if isinstance(field, Verbatim):
        # Chinese sets a Latin word off from the characters after it ("email 不是…")
        return f"{field} " if zh and field[-1:].isascii() and field[-1:].isalnum() else str(field)
    en, zh_cn = LABELS.get(field, UNKNOWN)
    return zh_cn if zh else en
