"""The demo company as data: 星图科技's people and teams, four cycles relative to `now`, and
OKRs aligned four levels deep, each key result with the *pace* it follows (its progress at time
t is `rate · expected(t) − gap`), tasks and @mention threads, and the past quarters'
retrospectives (scores, peer reviews, likes, lessons). Nothing here touches the database:
demo/simulator.py turns it into a history, demo/seeder.py writes that."""

from dataclasses import KW_ONLY, dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Literal

from ..domain.enums import (
    CyclePhase,
    KRKind,
    Locale,
    MeetingKind,
    ObjectiveLevel,
    TaskStatus,
    Visibility,
)
from ..domain.evaluate import (
    CycleFacts,
)

DEMO_PASSWORD = "lodestar"
ORG_NAME = "星图科技 Lodestar Demo"
ORG_SLUG = "lodestar-demo"
ADMIN_HANDLE = "admin"
EMAIL_DOMAIN = "example.com"

K = KRKind
L = ObjectiveLevel
ZH, EN = Locale.ZH_CN, Locale.EN

# --- people and teams ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Person:
    handle: str
    name: str
    locale: Locale
    manager: str | None


PEOPLE = (
    Person("chenming", "陈明", ZH, None),
    Person(ADMIN_HANDLE, "管理员 Admin", ZH, "chenming"),
    Person("wangfang", "王芳", ZH, "chenming"),
    Person("zhangsan", "张三", ZH, "wangfang"),
    Person("emily", "Emily Chen", EN, "zhangsan"),
    Person("lily", "Lily Sun", EN, "zhangsan"),
    Person("liuyang", "刘洋", ZH, "wangfang"),
    Person("lisi", "李四", ZH, "chenming"),
    Person("david", "David Wang", EN, "lisi"),
    Person("zhaolei", "赵磊", ZH, "david"),
    Person("zhouxin", "周鑫", ZH, "david"),
    Person("sunli", "孙丽", ZH, "lisi"),
    Person("james", "James Liu", EN, "sunli"),
    Person("wuhao", "吴昊", ZH, "sunli"),
    Person("hujun", "胡军", ZH, "lisi"),
    Person("linxue", "林雪", ZH, "chenming"),
    Person("olivia", "Olivia Zhang", EN, "linxue"),
    Person("hejing", "何静", ZH, "linxue"),
    Person("michael", "Michael Huang", EN, "chenming"),
    Person("zhengwei", "郑伟", ZH, "michael"),
    Person("xuting", "徐婷", ZH, "michael"),
    Person("ryan", "Ryan Zhou", EN, "michael"),
    Person("yangmei", "杨梅", ZH, "chenming"),
    Person("grace", "Grace Wu", EN, "yangmei"),
    Person("mali", "马丽", ZH, "yangmei"),
)


@dataclass(frozen=True, slots=True)
class TeamSpec:
    key: str
    name: str
    parent: str | None
    lead: str
    members: tuple[str, ...]


# Parents before children. Sub-team leads are also members of their department.
TEAMS = (
    TeamSpec("company", "星图科技", None, "chenming", (ADMIN_HANDLE,)),
    TeamSpec("product", "产品部 Product", "company", "wangfang", ("zhangsan", "liuyang")),
    TeamSpec("growth", "增长小组 Growth", "product", "zhangsan", ("emily", "lily")),
    TeamSpec("design", "设计组 Design", "product", "liuyang", ()),
    TeamSpec("eng", "研发部 Engineering", "company", "lisi", ("david", "sunli", "hujun")),
    TeamSpec("platform", "平台组 Platform", "eng", "david", ("zhaolei", "zhouxin")),
    TeamSpec("mobile", "移动端组 Mobile", "eng", "sunli", ("james", "wuhao")),
    TeamSpec("marketing", "市场部 Marketing", "company", "linxue", ("olivia", "hejing")),
    TeamSpec("sales", "销售部 Sales", "company", "michael", ("zhengwei", "xuting", "ryan")),
    TeamSpec("people", "人力资源部 People", "company", "yangmei", ("grace", "mali")),
)

# --- how key results move ------------------------------------------------------------------

GOOD_NOTES = ("按计划推进 / On plan", "本周有新进展 / Moved forward this week", "", "")
WORRY_NOTES = (
    "进度落后，已在推进会上提出 / Behind, raised at the progress meeting",
    "等待其他团队支持 / Waiting on another team",
    "",
)


@dataclass(frozen=True, slots=True)
class Pace:
    """Progress at time t is clamp(rate · expected(t) − gap); `quiet_days` = stopped checking in."""

    rate: float
    gap: float
    confidence: int
    notes: tuple[str, ...] = GOOD_NOTES
    quiet_days: int = 0


# The gaps leave room for the week since the last check-in (expected keeps rising, at most
# 7/90 per week in a quarter) so that each pace keeps its status at any moment of the week.
AHEAD = Pace(1.0, -0.05, 8)
STEADY = Pace(1.0, 0.05, 7)
WORRIED = Pace(1.0, 0.05, 3, WORRY_NOTES)  # on schedule, but low confidence -> AT_RISK
SLIPPING = Pace(1.0, 0.19, 5, WORRY_NOTES)  # gap 0.19–0.27 -> AT_RISK
LATE = Pace(0.4, 0.1, 4, WORRY_NOTES)  # gap 0.6·e + 0.1: BEHIND once a third of the way in
SPRINT = Pace(2.5, 0.0, 9)  # done early
QUIET = Pace(1.0, 0.08, 6, quiet_days=9)  # stale -> AT_RISK
STRETCH = Pace(0.75, 0.0, 6)  # an ambitious KR that ends around 0.7

LAST_WEEK: Literal["last_week"] = "last_week"
# Days after the cycle start, or "a few days before now" (an overdue milestone at any time).
Due = int | Literal["last_week"]


@dataclass(frozen=True, slots=True)
class TaskSpec:
    title: str
    assignee: str
    _: KW_ONLY
    status: TaskStatus = TaskStatus.TODO
    done_week: int | None = None  # DONE from this week of the cycle on (status until then)
    collaborators: tuple[str, ...] = ()
    due: int | None = None  # days after the cycle start
    key: str | None = None  # for comment threads


@dataclass(frozen=True, slots=True)
class KRSpec:
    title: str
    kind: KRKind
    weight: float
    _: KW_ONLY
    start: float | None = None
    target: float | None = None
    lo: float | None = None
    hi: float | None = None
    unit: str = ""
    pace: Pace = STEADY
    done_week: int | None = None  # BASELINE / MILESTONE: done from this week on
    due: Due | None = None
    tasks_drive: bool = False  # progress_source TASKS
    owner: str | None = None  # default: the objective's owner
    tasks: tuple[TaskSpec, ...] = ()
    difficulty: float = 0.5
    effort: float = 0.5


@dataclass(frozen=True, slots=True)
class ObjSpec:
    key: str
    level: ObjectiveLevel
    owner: str
    title: str  # "" for an objective converted from a KR: it takes the KR's title
    _: KW_ONLY
    krs: tuple[KRSpec, ...]
    team: str | None = None
    parent: str | None = None
    source: str | None = None  # "<objective key>.<KR number>": converted from that KR
    draft: bool = False
    visibility: Visibility = Visibility.PUBLIC
    description: str = ""
    tasks: tuple[TaskSpec, ...] = ()

    def kr_key(self, index: int) -> str:
        return f"{self.key}.{index + 1}"

    @property
    def parent_key(self) -> str | None:
        # Converted from a KR: the parent is that KR's objective (DESIGN §3).
        return self.source.rsplit(".", 1)[0] if self.source else self.parent


T = TaskSpec  # short, so the task lists read as tables
DONE = TaskStatus.DONE
DOING = TaskStatus.DOING
BLOCKED = TaskStatus.BLOCKED

# --- the OKRs ----------------------------------------------------------------------------
# The tables below are laid out by hand, two lines per key result (the formatter would spend
# eight), so that a quarter's OKRs can be read top to bottom like a planning document.

# fmt: off
ANNUAL = (
    ObjSpec(
        "A1", L.COMPANY, "chenming",
        "成为成长型企业首选的 OKR 平台 / The OKR platform growing companies choose first",
        description="三年愿景的第一步。/ The first step of our three-year vision.",
        krs=(
            KRSpec("让 1,000 家企业用星图开每周推进会 / 1,000 companies run their weekly "
                   "OKR meeting on Lodestar", K.MISSION, 50, start=120, target=1000, unit="家"),
            KRSpec("年度经常性收入从 3,000 万元增长到 6,000 万元 / ARR ¥30M → ¥60M",
                   K.INCREASE, 50, start=3000, target=6000, unit="万元", owner="michael"),
        ),
    ),
    ObjSpec(
        "A2", L.COMPANY, ADMIN_HANDLE, "打造一支值得托付的团队 / A team people can count on",
        krs=(
            KRSpec("主动离职率从 15% 降到 8% / Voluntary attrition 15% → 8%",
                   K.DECREASE, 60, start=15, target=8, unit="%", owner="yangmei"),
            KRSpec("发布第一版职级与成长体系 / Publish our first career framework",
                   K.MILESTONE, 40, due=180, owner="yangmei"),
        ),
    ),
)

EARLIER_QUARTER = (
    ObjSpec(
        "EC1", L.COMPANY, "chenming", "让星图 1.x 稳定可靠 / Make Lodestar 1.x rock solid",
        krs=(
            KRSpec("可用性从 99.5% 提升到 99.9% / Availability 99.5% → 99.9%", K.INCREASE, 50,
                   start=99.5, target=99.9, unit="%", owner="lisi", difficulty=0.8),
            KRSpec("P1 故障从每季度 6 次降到 2 次 / P1 incidents 6 → 2 a quarter", K.DECREASE,
                   50, start=6, target=2, pace=SLIPPING, owner="lisi"),
        ),
    ),
    ObjSpec(
        "EE1", L.TEAM, "lisi", "建立值班与故障复盘机制 / On-call and postmortems that work",
        team="eng", parent="EC1",
        krs=(
            KRSpec("发布值班手册 / Publish the on-call handbook", K.BASELINE, 40, done_week=4),
            KRSpec("完成 8 次故障复盘 / Run 8 postmortems", K.COUNT, 60, start=0, target=8,
                   pace=STRETCH, owner="david"),
        ),
    ),
    ObjSpec(
        "EG1", L.TEAM, "zhangsan", "验证自助注册 / Prove self-serve signup works",
        team="growth",
        krs=(
            KRSpec("自助注册转化率从 2% 提升到 5% / Self-serve conversion 2% → 5%", K.INCREASE,
                   60, start=2, target=5, unit="%", pace=LATE, difficulty=0.8, effort=0.8),
            KRSpec("上线新版注册流程 / Ship the new signup flow", K.MILESTONE, 40, due=45,
                   done_week=6, owner="emily"),
        ),
    ),
)

PREVIOUS_QUARTER = (
    ObjSpec(
        "PC1", L.COMPANY, "chenming", "完成星图 2.0 发布 / Ship Lodestar 2.0",
        krs=(
            KRSpec("星图 2.0 正式发布 / Lodestar 2.0 generally available", K.MILESTONE, 40,
                   due=70, done_week=9, owner="lisi", difficulty=0.7, effort=0.8),
            KRSpec("付费客户从 300 家增加到 420 家 / Paying customers 300 → 420", K.INCREASE, 60,
                   start=300, target=420, unit="家", pace=STRETCH, owner="michael",
                   difficulty=0.7, effort=0.6),
        ),
    ),
    ObjSpec(
        "PE1", L.TEAM, "lisi", "把发布节奏提到每周一次 / Ship every week",
        team="eng", parent="PC1",
        krs=(
            KRSpec("完成 12 次生产发布 / 12 production releases", K.COUNT, 50, start=0,
                   target=12),
            KRSpec("回滚率从 10% 降到 3% / Rollback rate 10% → 3%", K.DECREASE, 50, start=10,
                   target=3, unit="%", pace=SLIPPING, effort=0.7),
        ),
    ),
    ObjSpec(
        "PS1", L.TEAM, "michael", "打开教育行业市场 / Break into education",
        team="sales", parent="PC1",
        krs=(
            KRSpec("教育行业新签 300 万元 / ¥3M bookings from education", K.INCREASE, 60,
                   start=0, target=300, unit="万元", pace=LATE, difficulty=0.8, effort=0.9),
            KRSpec("拜访 20 所高校 / Visit 20 universities", K.COUNT, 40, start=0, target=20),
        ),
    ),
)

COMPANY_OKRS = (
    ObjSpec(
        "C1", L.COMPANY, "chenming",
        "打造用户离不开的产品 / Build a product customers can't live without",
        description="产品价值是一切增长的源头。/ Product value is where all growth starts.",
        krs=(
            KRSpec("月活跃用户从 5 万提升到 7 万 / Monthly active users 50k → 70k",
                   K.INCREASE, 40, start=50000, target=70000, owner="wangfang"),
            KRSpec("月流失率从 6% 降到 3% / Monthly churn 6% → 3%",
                   K.DECREASE, 35, start=6, target=3, unit="%", owner="michael"),
            KRSpec("P95 页面加载时间控制在 1.0–1.5 秒 / P95 page load within 1.0–1.5 s",
                   K.RANGE, 25, start=2.6, lo=1.0, hi=1.5, unit="s", pace=SLIPPING,
                   owner="lisi"),
        ),
    ),
    ObjSpec(
        "C2", L.COMPANY, "chenming",
        "实现健康、可持续的营收增长 / Grow revenue, healthily and sustainably",
        krs=(
            KRSpec("季度新签合同额达到 1,200 万元 / New bookings reach ¥12M this quarter",
                   K.INCREASE, 45, start=0, target=1200, unit="万元", owner="michael"),
            KRSpec("客户续约率从 82% 提升到 92% / Renewal rate 82% → 92%",
                   K.INCREASE, 30, start=82, target=92, unit="%", pace=LATE, owner="michael"),
            KRSpec("签约 8 家行业标杆客户 / Sign 8 lighthouse customers", K.COUNT, 25,
                   start=0, target=8, unit="家", pace=SLIPPING, owner="zhengwei"),
        ),
    ),
    ObjSpec(
        "C3", L.COMPANY, ADMIN_HANDLE,
        "建设高绩效、有归属感的团队 / A high-performing team people belong to",
        krs=(
            KRSpec("建立每周 OKR 推进会机制 / Establish the weekly OKR progress meeting",
                   K.BASELINE, 30, tasks_drive=True, owner="yangmei", tasks=(
                T("确定推进会时间与主持人 / Fix the meeting slot and host", "yangmei",
                  done_week=0),
                T("制作推进会看板模板 / Board template for the meeting", "grace", done_week=0),
                T("培训各部门 OKR 联络人 / Train an OKR champion per department", "mali",
                  done_week=1, collaborators=("grace",)),
                T("召开第一次全员推进会 / First all-hands progress meeting", "yangmei",
                  done_week=1, collaborators=("chenming", ADMIN_HANDLE)),
            )),
            KRSpec("让 90% 的同事能说清公司使命 / 90% of colleagues can explain our mission",
                   K.MISSION, 30, start=45, target=90, unit="%", owner="yangmei"),
            KRSpec("完成 24 场主管一对一辅导 / Hold 24 manager one-on-ones",
                   K.COUNT, 40, start=0, target=24, unit="场", owner="yangmei"),
        ),
    ),
)

PRODUCT_OKRS = (
    ObjSpec(
        "P1", L.TEAM, "wangfang",
        "让新用户在第一周就获得价值 / Deliver value in a new user's first week",
        team="product", parent="C1",
        tasks=(T("整理用户访谈纪要模板 / Interview notes template", "emily", due=20),),
        krs=(
            KRSpec("新用户 7 日留存率从 35% 提升到 50% / Day-7 retention 35% → 50%",
                   K.INCREASE, 50, start=35, target=50, unit="%", pace=AHEAD),
            KRSpec("完成 30 次新用户访谈 / Interview 30 new users", K.COUNT, 20, start=0,
                   target=30, owner="emily"),
            KRSpec("新版引导流程设计稿评审通过 / New onboarding design signed off",
                   K.MILESTONE, 30, due=42, done_week=5, owner="liuyang"),
        ),
    ),
    ObjSpec(
        "P2", L.TEAM, "wangfang", "", team="product", source="C1.1",
        krs=(
            KRSpec("自然搜索带来的注册量提升 40% / Organic sign-ups +40%",
                   K.INCREASE, 40, start=2000, target=2800, unit="人/月", owner="lily"),
            KRSpec("周活跃团队数从 1,800 提升到 2,600 / Weekly active teams 1,800 → 2,600",
                   K.INCREASE, 60, start=1800, target=2600, owner="zhangsan"),
        ),
    ),
    ObjSpec(
        "G1", L.TEAM, "zhangsan", "", team="growth", source="P2.2",
        krs=(
            KRSpec("邀请同事功能使用率从 12% 提升到 25% / Invite-a-colleague usage 12% → 25%",
                   K.INCREASE, 50, start=12, target=25, unit="%"),
            KRSpec("上线 6 个增长实验 / Ship 6 growth experiments", K.COUNT, 50, start=0,
                   target=6, tasks_drive=True, tasks=(
                T("实验：注册页社交登录 / Experiment: social sign-up", "emily", done_week=1),
                T("实验：首屏模板推荐 / Experiment: templates on first run", "lily",
                  done_week=3),
                T("实验：邀请弹窗文案 / Experiment: invite dialog copy", "emily", done_week=4,
                  collaborators=("zhangsan",)),
                T("实验：试用期延长到 21 天 / Experiment: 21-day trial", "zhangsan",
                  done_week=6),
                T("实验：团队空间引导 / Experiment: team-space walkthrough", "lily",
                  status=DOING, due=70),
                T("实验：价格页对比表 / Experiment: pricing comparison table", "emily",
                  status=BLOCKED, due=63),
            )),
        ),
    ),
    ObjSpec(
        "Z1", L.PERSONAL, "zhangsan", "", source="G1.1",
        krs=(
            KRSpec("邀请落地页转化率从 18% 提升到 30% / Invite landing-page conversion "
                   "18% → 30%", K.INCREASE, 60, start=18, target=30, unit="%", pace=AHEAD),
            KRSpec("邀请奖励方案上线 / Invite rewards live", K.MILESTONE, 40, due=56,
                   done_week=7),
        ),
    ),
    ObjSpec(
        "EM1", L.PERSONAL, "emily", "Make onboarding delightful / 让新手引导令人愉悦",
        parent="P1",
        krs=(
            KRSpec("Run 12 usability tests / 完成 12 场可用性测试", K.COUNT, 50, start=0,
                   target=12),
            KRSpec("Onboarding drop-off 45% → 25% / 引导流程放弃率从 45% 降到 25%",
                   K.DECREASE, 50, start=45, target=25, unit="%", pace=LATE),
        ),
    ),
    ObjSpec(
        "LY1", L.PERSONAL, "liuyang", "建立统一的设计语言 / One design language across the product",
        parent="P1",
        krs=(
            KRSpec("发布设计规范 v1 / Publish design system v1", K.BASELINE, 60),
            KRSpec("20 个核心页面迁移到新组件 / Move 20 key screens to the new components",
                   K.COUNT, 40, start=0, target=20, pace=WORRIED),
        ),
    ),
)

ENGINEERING_OKRS = (
    ObjSpec(
        "E1", L.TEAM, "lisi", "让产品又快又稳 / Make the product fast and rock-solid",
        team="eng", parent="C1",
        krs=(
            KRSpec("线上 P1 故障从每月 4 起降到 1 起 / P1 incidents 4 → 1 a month",
                   K.DECREASE, 30, start=4, target=1, unit="起/月", owner="zhouxin"),
            KRSpec("API P95 响应时间控制在 200–300 毫秒 / API P95 latency within 200–300 ms",
                   K.RANGE, 40, start=520, lo=200, hi=300, unit="ms", pace=AHEAD,
                   owner="david"),
            KRSpec("单元测试覆盖率从 55% 提升到 75% / Unit-test coverage 55% → 75%",
                   K.INCREASE, 30, start=55, target=75, unit="%", pace=QUIET, owner="hujun"),
        ),
    ),
    ObjSpec(
        "E2", L.TEAM, "lisi", "为大客户交付企业级能力 / Enterprise-grade features for key accounts",
        team="eng", parent="C2",
        krs=(
            KRSpec("单点登录（SSO）正式上线 / Single sign-on generally available",
                   K.MILESTONE, 50, due=LAST_WEEK, pace=LATE, owner="david", tasks=(
                T("对接 Okta / Okta integration", "david", status=DOING,
                  collaborators=("zhaolei",), due=30, key="okta"),
                T("SAML 断言签名校验 / Validate SAML assertion signatures", "zhaolei",
                  status=BLOCKED, collaborators=("david", "hujun"), due=35, key="saml"),
            )),
            KRSpec("建立代码评审规范 / Establish the code-review standard", K.BASELINE, 20,
                   tasks_drive=True, tasks=(
                T("起草评审清单 / Draft the review checklist", "hujun", done_week=1),
                T("CI 强制至少一人评审 / Require one approving review in CI", "zhouxin",
                  done_week=2),
                T("整理常见评审问题 / Collect common review findings", "zhaolei", done_week=3),
                T("团队评审工作坊 / Team review workshop", "lisi", status=DOING,
                  collaborators=("david", "sunli"), due=49),
                T("评审时效看板 / Review turnaround dashboard", "james", due=60),
            )),
            KRSpec("完成 5 家大客户私有化部署 / Deliver 5 on-premises deployments",
                   K.COUNT, 30, start=0, target=5, unit="家", pace=SLIPPING, owner="zhouxin"),
        ),
    ),
    ObjSpec(
        "D1", L.TEAM, "david", "把平台性能做到极致 / Squeeze every millisecond out of the platform",
        team="platform", parent="E1",
        krs=(
            KRSpec("慢查询从每天 300 条降到 50 条 / Slow queries 300 → 50 a day",
                   K.DECREASE, 60, start=300, target=50, pace=AHEAD),
            KRSpec("数据库读写分离上线 / Database read replicas live", K.MILESTONE, 40,
                   due=35, done_week=4, owner="zhaolei"),
        ),
    ),
    ObjSpec(
        "ZL1", L.PERSONAL, "zhaolei",
        "让数据库不再拖后腿 / Take the database off the critical path", parent="D1",
        krs=(
            KRSpec("核心接口平均 SQL 数从 40 降到 12 / SQL statements per core API 40 → 12",
                   K.DECREASE, 100, start=40, target=12),
        ),
    ),
    ObjSpec(
        "ZX1", L.PERSONAL, "zhouxin", "", source="E1.1",
        krs=(
            KRSpec("完成 8 次故障演练 / Run 8 game days", K.COUNT, 40, start=0, target=8),
            KRSpec("平均恢复时间从 90 分钟降到 30 分钟 / MTTR 90 → 30 min",
                   K.DECREASE, 60, start=90, target=30, unit="min", pace=SLIPPING),
        ),
    ),
    ObjSpec(
        "M1", L.TEAM, "sunli", "让移动端体验媲美原生 / A mobile app that feels native",
        team="mobile", parent="E1",
        krs=(
            KRSpec("App 崩溃率从 0.8% 降到 0.2% / App crash rate 0.8% → 0.2%",
                   K.DECREASE, 50, start=0.8, target=0.2, unit="%", pace=LATE),
            KRSpec("应用商店评分从 4.1 提升到 4.6 / App-store rating 4.1 → 4.6",
                   K.INCREASE, 50, start=4.1, target=4.6, pace=AHEAD, owner="wuhao"),
        ),
    ),
    ObjSpec(
        "JM1", L.PERSONAL, "james", "Make the iOS app a joy to open / 让 iOS 应用一打开就愉悦",
        parent="M1", draft=True,
        krs=(
            KRSpec("Cold start within 0.8–1.2 s / 冷启动时间 0.8–1.2 秒", K.RANGE, 60,
                   start=2.0, lo=0.8, hi=1.2, unit="s"),
            KRSpec("Fix 40 UX papercuts / 修复 40 个体验小问题", K.COUNT, 30, start=0,
                   target=40),
        ),
    ),
    ObjSpec(
        "WH1", L.PERSONAL, "wuhao", "准备架构师认证考试 / Prepare for the architect certification",
        visibility=Visibility.PRIVATE,
        krs=(
            KRSpec("读完 4 本架构书籍 / Read 4 architecture books", K.COUNT, 50, start=0,
                   target=4),
            KRSpec("通过认证考试 / Pass the certification exam", K.MILESTONE, 50, due=80),
        ),
    ),
    ObjSpec(
        "HJ1", L.PERSONAL, "hujun", "让每次发布都有底气 / Release with confidence",
        parent="E2",
        krs=(
            KRSpec("自动化回归用例从 300 增加到 800 / Automated regression cases 300 → 800",
                   K.INCREASE, 70, start=300, target=800),
            KRSpec("建立发布检查清单 / Establish the release checklist", K.BASELINE, 30,
                   done_week=2),
        ),
    ),
)

MARKETING_OKRS = (
    ObjSpec(
        "K1", L.TEAM, "linxue", "让更多对的人认识星图 / Put Lodestar in front of the right people",
        team="marketing", parent="C1",
        krs=(
            KRSpec("官网月访问量从 8 万提升到 12 万 / Website visits 80k → 120k a month",
                   K.INCREASE, 40, start=80000, target=120000, pace=AHEAD),
            KRSpec("发布 24 篇深度内容 / Publish 24 in-depth articles", K.COUNT, 30, start=0,
                   target=24, owner="hejing"),
            KRSpec("市场合格线索从 600 提升到 1,000 / Marketing-qualified leads 600 → 1,000",
                   K.INCREASE, 30, start=600, target=1000, pace=SLIPPING, owner="olivia"),
        ),
    ),
    ObjSpec(
        "K2", L.TEAM, "linxue", "把品牌活动变成销售线索 / Turn events into pipeline",
        team="marketing", parent="C2", visibility=Visibility.TEAM,
        description="预算细节仅市场部可见。/ Budget details stay within Marketing.",
        krs=(
            KRSpec("举办 3 场行业沙龙 / Host 3 industry meetups", K.COUNT, 40, start=0,
                   target=3, pace=SPRINT),
            KRSpec("单条线索成本从 450 元降到 300 元 / Cost per lead ¥450 → ¥300",
                   K.DECREASE, 60, start=450, target=300, unit="元"),
        ),
    ),
    ObjSpec(
        "HE1", L.PERSONAL, "hejing", "", source="K1.2",
        krs=(
            KRSpec("发布 12 篇客户案例 / Publish 12 customer stories", K.COUNT, 50, start=0,
                   target=12),
            KRSpec("内容带来的注册从每月 300 提升到 500 / Content-driven sign-ups "
                   "300 → 500 a month", K.INCREASE, 50, start=300, target=500, pace=AHEAD),
        ),
    ),
    ObjSpec(
        "OL1", L.PERSONAL, "olivia", "Grow our English-speaking audience / 拓展英文受众",
        parent="K1", draft=True,
        krs=(
            KRSpec("Newsletter subscribers 1,200 → 3,000 / 英文订阅用户 1,200 → 3,000",
                   K.INCREASE, 50, start=1200, target=3000),
            KRSpec("10,000 managers make Lodestar their OKR home / 让 1 万名管理者把星图"
                   "当作 OKR 的家", K.MISSION, 40, start=1500, target=10000),
        ),
    ),
)

SALES_OKRS = (
    ObjSpec(
        "S1", L.TEAM, "michael", "", team="sales", source="C2.1",
        krs=(
            KRSpec("华东区新签 600 万元 / East China bookings ¥6M", K.INCREASE, 50, start=0,
                   target=600, unit="万元", owner="zhengwei"),
            KRSpec("华南区新签 400 万元 / South China bookings ¥4M", K.INCREASE, 30, start=0,
                   target=400, unit="万元", pace=LATE, owner="xuting"),
            KRSpec("渠道伙伴新签 200 万元 / Partner bookings ¥2M", K.INCREASE, 20, start=0,
                   target=200, unit="万元", pace=AHEAD, owner="ryan"),
        ),
    ),
    ObjSpec(
        "S2", L.TEAM, "michael", "让客户一年又一年地续约 / Customers who renew year after year",
        team="sales", parent="C2",
        krs=(
            KRSpec("续约流失客户从 20 家降到 8 家 / Lost renewals 20 → 8", K.DECREASE, 50,
                   start=20, target=8, unit="家"),
            KRSpec("完成 15 家重点客户季度业务回顾 / Business reviews with 15 key accounts",
                   K.COUNT, 50, start=0, target=15, pace=SLIPPING, owner="ryan"),
        ),
    ),
    ObjSpec(
        "ZW1", L.PERSONAL, "zhengwei", "", source="S1.1",
        krs=(
            KRSpec("拿下 3 家年费过百万的客户 / Win 3 accounts above ¥1M a year", K.COUNT, 60,
                   start=0, target=3, pace=AHEAD),
            KRSpec("完成 40 次客户拜访 / 40 customer visits", K.COUNT, 40, start=0, target=40),
        ),
    ),
    ObjSpec(
        "XT1", L.PERSONAL, "xuting", "打开华南市场 / Open up South China", parent="S1",
        krs=(
            KRSpec("新增 15 个有效商机 / 15 new qualified opportunities", K.COUNT, 50,
                   start=0, target=15, pace=LATE),
            KRSpec("深圳办公室开业 / Shenzhen office opens", K.MILESTONE, 50, due=60),
        ),
    ),
    ObjSpec(
        "RY1", L.PERSONAL, "ryan", "Make renewals a non-event / 让续约水到渠成", parent="S2",
        krs=(
            KRSpec("Review each key account's health every 10–14 days / 每 10–14 天复核一次"
                   "客户健康度", K.RANGE, 40, start=30, lo=10, hi=14, unit="days"),
            KRSpec("Expansion revenue reaches ¥1.5M / 增购收入达到 150 万元", K.INCREASE, 60,
                   start=0, target=150, unit="万元", pace=SLIPPING),
        ),
    ),
)

PEOPLE_OKRS = (
    ObjSpec(
        "H1", L.TEAM, "yangmei", "让每位新同事 30 天内融入 / Every new hire at home within 30 days",
        team="people", parent="C3",
        krs=(
            KRSpec("新员工 30 天满意度从 7.2 提升到 8.5 / New-hire satisfaction at 30 days "
                   "7.2 → 8.5", K.INCREASE, 50, start=7.2, target=8.5),
            KRSpec("建立入职伙伴制度 / Establish the onboarding buddy programme", K.BASELINE,
                   50, done_week=3, owner="grace"),
        ),
    ),
    ObjSpec(
        "H2", L.TEAM, "yangmei", "", team="people", source="C3.3",
        krs=(
            KRSpec("各部门负责人完成 24 场一对一 / Department heads hold 24 one-on-ones",
                   K.COUNT, 70, start=0, target=24),
            KRSpec("发布一对一辅导指南 / Publish the one-on-one guide", K.BASELINE, 30,
                   done_week=1, owner="mali"),
        ),
    ),
    ObjSpec(
        "GR1", L.PERSONAL, "grace", "Make the first week unforgettable / 让入职第一周难忘",
        parent="H1",
        krs=(
            KRSpec("Onboarding NPS 30 → 60 / 入职 NPS 从 30 提升到 60", K.INCREASE, 60,
                   start=30, target=60, pace=AHEAD),
            KRSpec("Run 6 onboarding cohorts / 组织 6 期入职营", K.COUNT, 40, start=0,
                   target=6),
        ),
    ),
    ObjSpec(
        "ML1", L.PERSONAL, "mali", "搭建内部培训体系 / Build the internal training curriculum",
        parent="H2", draft=True,
        krs=(
            KRSpec("上线 10 门内部课程 / 10 internal courses live", K.COUNT, 50, start=0,
                   target=10),
            KRSpec("管理培训营开营 / Management bootcamp kicks off", K.MILESTONE, 30, due=70),
        ),
    ),
)
# fmt: on

CURRENT_QUARTER = (
    COMPANY_OKRS + PRODUCT_OKRS + ENGINEERING_OKRS + MARKETING_OKRS + SALES_OKRS + PEOPLE_OKRS
)
# published this quarter, but their owners have not said "I commit" yet (共识会)
UNCOMMITTED = ("JM1", "WH1", "RY1")

# --- the retrospectives (复盘) ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Retro:
    """A past cycle's retrospective. Key results are scored with their suggestion unless
    `finals` says otherwise (with the reason)."""

    scored: tuple[str, ...] | None = None  # the KRs with a final score; None: every one
    finals: tuple[tuple[str, float, str], ...] = ()  # (KR, final score, reason)
    reviewers: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (objective, chosen reviewers)
    reviews: tuple[tuple[str, str, float, str], ...] = ()  # (KR, reviewer, score, comment)
    lessons: tuple[tuple[str, str, str, str], ...] = ()  # (objective, well, improve, carry on)


# fmt: off
EARLIER_RETRO = Retro(
    finals=(
        ("EG1.1", 0.3, "转化率只到 3.1%，定价页才是瓶颈 / Conversion stalled at 3.1%: pricing "
                       "was the bottleneck"),
    ),
    reviewers=(("EE1", ("david", "hujun")),),
    reviews=(
        ("EE1.2", "hujun", 0.6, "复盘做了，但改进项跟进得不够 / Postmortems ran, follow-ups "
                                 "lagged"),
        ("EE1.1", "david", 1.0, "手册很实用 / The handbook is genuinely useful"),
    ),
    lessons=(
        ("EC1", "值班制度让故障响应快了一倍 / On-call halved our response time",
         "可用性目标缺少分模块的拆解 / The availability goal had no per-service breakdown",
         "每次 P1 故障都要复盘 / A postmortem for every P1"),
        ("EE1", "手册第一周就上线了 / The handbook shipped in week one",
         "复盘改进项没有负责人 / Follow-ups had no owner",
         "复盘会固定在周五 / Keep postmortems on Fridays"),
        ("EG1", "新注册流程按时上线 / The new flow shipped on time",
         "先验证定价再优化流程 / Test pricing before polishing the flow",
         "每周看一次漏斗数据 / Look at the funnel weekly"),
    ),
)

PREVIOUS_RETRO = Retro(
    scored=("PC1.1", "PC1.2", "PE1.1"),  # the retrospective is half way
    finals=(
        ("PC1.2", 0.6, "增长主要来自老客户推荐，新渠道还没跑通 / Growth came from referrals; "
                       "the new channels are not working yet"),
    ),
    reviewers=(("PE1", ("david", "hujun")), ("PS1", ("xuting", "ryan"))),
    reviews=(
        ("PE1.1", "david", 0.8, "12 次发布都按时完成 / All twelve releases went out on time"),
        ("PE1.1", "hujun", 0.5, "其中 3 次是热修复 / Three of them were hotfixes"),
        ("PS1.1", "xuting", 0.2, "教育行业新签只完成了四成 / Education bookings reached 40%"),
    ),
    lessons=(
        ("PE1", "每周发布让问题更早暴露 / Weekly releases surfaced problems earlier",
         "回滚率目标定得太激进 / The rollback target was too aggressive",
         "保持每周发布节奏 / Keep the weekly release train"),
    ),
)
# fmt: on

# (who, "objective:<key>" or "kr:<key>"): likes (互赞) across the cycles
LIKES = (
    ("chenming", "objective:PE1"),
    ("david", "objective:PE1"),
    ("zhaolei", "kr:PE1.1"),
    ("wangfang", "objective:PC1"),
    ("michael", "kr:PC1.1"),
    ("lisi", "objective:PS1"),
    ("chenming", "objective:EE1"),
    ("emily", "kr:EG1.2"),
    ("zhangsan", "kr:G1.1"),
    ("lily", "kr:G1.1"),
    ("chenming", "objective:C3"),
)


@dataclass(frozen=True, slots=True)
class Thread:
    target: str  # "task:<key>", "kr:<key>" or "objective:<key>"
    comments: tuple[tuple[str, int, str], ...]  # (author, hours before now, body)


# fmt: off
THREADS = (
    Thread("task:saml", (
        ("zhaolei", 50, "@david 客户的 IdP 证书每 90 天轮换一次，我们得支持新旧证书并存。"
                        "周三下午一起过一下方案？"),
        ("david", 47, "@zhaolei 没问题。@lisi 这可能让 SSO 再晚一周上线，推进会上我来同步"
                      "风险。"),
        ("lisi", 30, "收到。先把 Okta 跑通，@michael 麻烦和客户确认能否接受分两步上线。"),
    )),
    Thread("kr:G1.1", (
        ("emily", 20, "@zhangsan The new invite dialog lifted usage by 3 points in the A/B "
                      "test. Shall we roll it out to everyone?"),
        ("zhangsan", 18, "@emily 好，明天全量。@lily could you draft the release note?"),
        ("lily", 3, "Draft is in the shared doc — @zhangsan @emily please take a look."),
    )),
    Thread("objective:S1", (
        ("michael", 26, "@xuting 华南有两个大单卡在法务流程，需要我出面吗？"),
        ("xuting", 24, "@michael 需要，周四和客户法务开会。@ryan 能分享一下上季度那份"
                       "续约条款模板吗？"),
    )),
)
# fmt: on

# --- dates -------------------------------------------------------------------------------


def _quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def _next_quarter(start: date) -> date:
    month = start.month + 3
    return date(start.year + (month > 12), (month - 1) % 12 + 1, 1)


def _quarter_name(start: date) -> str:
    number = (start.month - 1) // 3 + 1
    return f"{start.year} Q{number} · {start.year} 年第{'一二三四'[number - 1]}季度"


# --- the meetings (推进会, 复盘会) ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MeetingSpec:
    """A meeting of a cycle, `days` from now (None: at the cycle's retrospective, a few days
    after its end). Before now it has been held (ended, with its notes, decisions and action
    items), after now it is scheduled. Its agenda is built from the data when seeded."""

    kind: MeetingKind
    team: str | None  # None: the whole company
    facilitator: str
    attendees: tuple[str, ...]
    days: float | None
    notes: str = ""
    decisions: tuple[tuple[str, str], ...] = ()  # (objective, text)
    # (objective or KR key, title, assignee, due in days from now)
    actions: tuple[tuple[str, str, str, int], ...] = ()


# fmt: off
GROWTH_PROGRESS = MeetingSpec(
    MeetingKind.PROGRESS, "growth", "zhangsan", ("zhangsan", "emily", "lily"), days=-7,
    notes=(
        "邀请率停在 16%：弹窗文案实验下周出结果。/ Invite usage stuck at 16%: the dialog copy "
        "test reports next week.\n"
        "价格页对比表被法务审核卡住。/ The pricing comparison table is blocked on legal review."
    ),
    decisions=(
        ("G1", "先上线团队空间引导，价格页实验等法务结论 / Ship the team-space walkthrough "
               "first; the pricing test waits for legal"),
        ("G1", "每周五复查实验数据 / Review the experiments' numbers every Friday"),
    ),
    actions=(
        ("G1", "约法务过一遍价格页文案 / Walk legal through the pricing copy", "emily", 3),
        ("G1.1", "邀请弹窗 A/B 结果写成一页 / One-pager on the invite dialog A/B", "lily", 6),
    ),
)
PREVIOUS_RETROSPECTIVE = MeetingSpec(
    MeetingKind.RETROSPECTIVE, None, "chenming", ("chenming", "wangfang", "lisi", "michael"),
    days=1,
)
EARLIER_RETROSPECTIVE = MeetingSpec(
    MeetingKind.RETROSPECTIVE, None, "chenming", ("chenming", "wangfang", "lisi", "zhangsan"),
    days=None,
    notes=(
        "定价是自助注册的瓶颈。/ Pricing was the bottleneck of self-serve signup.\n"
        "每次 P1 故障都要复盘。/ A postmortem for every P1."
    ),
    decisions=(("EG1", "下季度先验证定价 / Next quarter, test pricing first"),),
)
# fmt: on


@dataclass(frozen=True, slots=True)
class CycleSpec:
    name: str
    starts_on: date
    ends_on: date
    phase: CyclePhase
    objectives: tuple[ObjSpec, ...]
    retro: Retro | None = None
    meetings: tuple[MeetingSpec, ...] = ()

    @property
    def facts(self) -> CycleFacts:
        return CycleFacts(self.starts_on, self.ends_on, self.phase)


def demo_cycles(now: datetime) -> list[CycleSpec]:
    """The year, the previous quarter in its retrospective (scoring half done), the quarter
    containing `now` (tracking), and the earlier quarter, closed and scored — seeded in this
    order, the earlier quarter last so that the rows of the others keep their ids."""
    today = now.astimezone(UTC).date()
    current = _quarter_start(today)
    previous = _quarter_start(current - timedelta(days=1))
    earlier = _quarter_start(previous - timedelta(days=1))
    one_day = timedelta(days=1)
    return [
        CycleSpec(
            f"{today.year} 年度 · FY{today.year}",
            date(today.year, 1, 1),
            date(today.year, 12, 31),
            CyclePhase.TRACKING,
            ANNUAL,
        ),
        CycleSpec(
            _quarter_name(previous),
            previous,
            current - one_day,
            CyclePhase.REVIEWING,
            PREVIOUS_QUARTER,
            PREVIOUS_RETRO,
            (PREVIOUS_RETROSPECTIVE,),
        ),
        CycleSpec(
            _quarter_name(current),
            current,
            _next_quarter(current) - one_day,
            CyclePhase.TRACKING,
            CURRENT_QUARTER,
            meetings=(GROWTH_PROGRESS,),
        ),
        CycleSpec(
            _quarter_name(earlier),
            earlier,
            previous - one_day,
            CyclePhase.CLOSED,
            EARLIER_QUARTER,
            EARLIER_RETRO,
            (EARLIER_RETROSPECTIVE,),
        ),
    ]
