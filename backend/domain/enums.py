"""The closed vocabularies of the domain, shared by models, services and the API."""

from enum import StrEnum


class Role(StrEnum):
    ADMIN = "ADMIN"
    MEMBER = "MEMBER"


class Locale(StrEnum):
    ZH_CN = "zh-CN"
    EN = "en"


class CyclePhase(StrEnum):
    DRAFTING = "DRAFTING"  # 圆桌会
    ALIGNING = "ALIGNING"  # 共识会
    TRACKING = "TRACKING"  # 推进会
    REVIEWING = "REVIEWING"  # 复盘会
    CLOSED = "CLOSED"


class ObjectiveLevel(StrEnum):
    COMPANY = "COMPANY"
    TEAM = "TEAM"
    PERSONAL = "PERSONAL"


class ObjectiveState(StrEnum):
    DRAFT = "DRAFT"
    PUBLISHED = "PUBLISHED"
    ARCHIVED = "ARCHIVED"


class Visibility(StrEnum):
    PUBLIC = "PUBLIC"
    TEAM = "TEAM"
    PRIVATE = "PRIVATE"


class KRKind(StrEnum):
    BASELINE = "BASELINE"  # 制定基准
    INCREASE = "INCREASE"  # 正向增长
    DECREASE = "DECREASE"  # 反向控制
    RANGE = "RANGE"  # 数量区间
    COUNT = "COUNT"  # 过程策略
    MILESTONE = "MILESTONE"  # 确定里程碑
    MISSION = "MISSION"  # 使命激励


class ProgressSource(StrEnum):
    MANUAL = "MANUAL"
    TASKS = "TASKS"
    ALIGNED = "ALIGNED"


class TrackStatus(StrEnum):
    NOT_STARTED = "NOT_STARTED"
    ON_TRACK = "ON_TRACK"
    AT_RISK = "AT_RISK"
    BEHIND = "BEHIND"
    DONE = "DONE"


class StatusReason(StrEnum):
    BEHIND_SCHEDULE = "BEHIND_SCHEDULE"
    LOW_CONFIDENCE = "LOW_CONFIDENCE"
    STALE = "STALE"
    OVERDUE = "OVERDUE"
    OUT_OF_BOUNDS = "OUT_OF_BOUNDS"  # a limit to hold (ceiling, band) is breached


class ScoreBand(StrEnum):
    GREEN = "GREEN"
    YELLOW = "YELLOW"
    RED = "RED"


class TaskStatus(StrEnum):
    TODO = "TODO"
    DOING = "DOING"
    DONE = "DONE"
    BLOCKED = "BLOCKED"


class NotificationKind(StrEnum):
    MENTION = "MENTION"
    ASSIGNMENT = "ASSIGNMENT"
    COMMENT = "COMMENT"
    WARNING = "WARNING"
    REMINDER = "REMINDER"
    LIKE = "LIKE"
    REVIEW = "REVIEW"
    COLLABORATOR = "COLLABORATOR"  # invited to work on a task
    STATUS = "STATUS"  # a task I am on changed status
    PHASE = "PHASE"  # a cycle of my organization moved to another phase
    REVIEW_ASKED = "REVIEW_ASKED"  # I was chosen to review an objective's key results


class HintTarget(StrEnum):
    """What a writing hint reads: an objective's title or a key result's."""

    OBJECTIVE = "OBJECTIVE"
    KEY_RESULT = "KEY_RESULT"


class HintSeverity(StrEnum):
    INFO = "INFO"  # worth a thought
    WARNING = "WARNING"  # a coach would ask you to rewrite it


class HintCode(StrEnum):
    NOT_MEASURABLE = "NOT_MEASURABLE"
    NO_DEADLINE = "NO_DEADLINE"
    ACTIVITY = "ACTIVITY"
    MULTIPLE_RESULTS = "MULTIPLE_RESULTS"
    TOO_LONG = "TOO_LONG"
    OBJECTIVE_IS_A_METRIC = "OBJECTIVE_IS_A_METRIC"
    KIND_MISMATCH = "KIND_MISMATCH"
    TOO_MANY_KRS = "TOO_MANY_KRS"
    WEIGHTS = "WEIGHTS"
    NO_KEY_RESULTS = "NO_KEY_RESULTS"
