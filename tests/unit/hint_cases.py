"""The writing-hint lint's table of cases, zh and en: what a coach would (and would not) say.

Shared by tests/unit/test_writing_hints.py and the timing probe (bench/hints.py).
Each case names the codes it must produce — exactly those — and, where the hint points at
part of the text, the characters it must underline (None: the hint has no span).
"""

from dataclasses import dataclass, field
from datetime import date

from backend.domain.enums import HintCode, HintTarget, KRKind
from backend.domain.hints import WritingHint, lint

C = HintCode
K = KRKind
DUE = date(2025, 9, 30)


@dataclass(frozen=True)
class Case:
    name: str
    text: str
    codes: tuple[HintCode, ...] = ()
    spans: dict[HintCode, str | None] = field(default_factory=dict)
    kind: KRKind | None = None
    due_date: date | None = None
    target: HintTarget = HintTarget.KEY_RESULT
    kr_weights: tuple[float, ...] | None = None
    measured: bool = False

    def lint(self, locale: str) -> list[WritingHint]:
        return lint(
            self.text,
            self.target,
            self.kind,
            self.due_date,
            locale,
            kr_weights=self.kr_weights,
            measured=self.measured,
        )


def kr(name: str, text: str, *codes: HintCode, **options: object) -> Case:
    spans = options.pop("spans", {})
    return Case(name, text, codes, spans, **options)  # type: ignore[arg-type]


def obj(name: str, text: str, *codes: HintCode, **options: object) -> Case:
    return kr(name, text, *codes, target=HintTarget.OBJECTIVE, **options)


LONG_ZH_KR = (
    "在第三季度结束之前，通过持续优化新用户注册引导流程和改进核心功能的使用体验，"
    "将新用户的次日留存率从百分之二十提升到百分之三十五"
)
LONG_EN_KR = (
    "Increase the share of new self-serve workspaces that invite at least three teammates "
    "during their first week from 18% to 30% by rebuilding the invite flow and the empty "
    "states across the whole product"
)

CASES: list[Case] = [
    # NOT_MEASURABLE: a result with no number to reach
    kr(
        "zh-vague-satisfaction",
        "提升客户满意度",
        C.NOT_MEASURABLE,
        spans={C.NOT_MEASURABLE: "提升客户满意度"},
    ),
    kr(
        "en-vague-onboarding",
        "improve onboarding",
        C.NOT_MEASURABLE,
        spans={C.NOT_MEASURABLE: "improve onboarding"},
    ),
    kr("zh-optimise-experience", "优化产品体验", C.NOT_MEASURABLE),
    kr("zh-raise-efficiency", "提高团队效率", C.NOT_MEASURABLE),
    kr("zh-more-leads", "增加销售线索", C.NOT_MEASURABLE),
    kr("zh-less-churn", "降低客户流失", C.NOT_MEASURABLE),
    kr("en-increase-revenue", "Increase revenue", C.NOT_MEASURABLE),
    kr("en-reduce-churn", "Reduce customer churn", C.NOT_MEASURABLE),
    kr("en-boost-awareness", "Boost brand awareness", C.NOT_MEASURABLE),
    kr(
        "en-no-verb",
        "Happier customers",
        C.NOT_MEASURABLE,
        spans={C.NOT_MEASURABLE: "Happier customers"},
    ),
    kr("zh-sign-uncounted", "签约新客户", C.NOT_MEASURABLE),
    kr("zh-noun-only", "客户满意度", C.NOT_MEASURABLE, spans={C.NOT_MEASURABLE: "客户满意度"}),
    kr(
        "zh-idiom-further",
        "进一步提升用户活跃度",
        C.NOT_MEASURABLE,
        spans={C.NOT_MEASURABLE: "进一步提升用户活跃度"},
    ),
    kr("zh-idiom-first-contact", "提升一次解决率", C.NOT_MEASURABLE),
    kr("zh-idiom-very", "十分重视客户体验", C.NOT_MEASURABLE),
    kr("zh-idiom-unify", "统一各渠道的服务标准并提升服务质量", C.NOT_MEASURABLE),
    kr("zh-retention-qualifier", "提升新用户 7 日留存率", C.NOT_MEASURABLE),
    kr("zh-cn-retention-qualifier", "提升新用户七日留存", C.NOT_MEASURABLE),
    kr("en-retention-qualifier", "Improve 30-day retention", C.NOT_MEASURABLE),
    kr("en-p99-is-a-name", "Improve p99 latency", C.NOT_MEASURABLE),
    kr("zh-continuous-improvement", "持续优化产品体验", C.NOT_MEASURABLE),
    kr("zh-kind-increase-no-number", "提升用户满意度", C.NOT_MEASURABLE, kind=K.INCREASE),
    kr("zh-kind-count-no-number", "拜访重点客户", C.NOT_MEASURABLE, kind=K.COUNT),
    kr("en-kind-decrease-no-number", "Reduce support tickets", C.NOT_MEASURABLE, kind=K.DECREASE),
    kr(
        "zh-measure-after-deliverable",
        "上线新版引导流程，提升留存",
        C.NOT_MEASURABLE,
        C.MULTIPLE_RESULTS,
        spans={C.NOT_MEASURABLE: "提升留存", C.MULTIPLE_RESULTS: "提升留存"},
    ),
    kr(
        "zh-two-vague-objects",
        "提升用户体验和产品质量",
        C.NOT_MEASURABLE,
        spans={C.NOT_MEASURABLE: "提升用户体验和产品质量"},
    ),
    kr("en-sign-plural", "Sign new customers", C.NOT_MEASURABLE),
    # ... and measurable ones that must not fire
    kr("zh-issue-from-to", "提升客户满意度，从 80% 到 90%"),
    kr("zh-from-to-only", "从 80% 到 90%"),
    kr("zh-nps-to-50", "NPS 提升到 50"),
    kr("zh-signed-12", "签约 12 家"),
    kr("en-churn-from-to", "reduce churn from 5% to 3%"),
    kr("en-nps-to-50", "Increase NPS to 50"),
    kr("zh-cn-numeral-wan", "营收提升到十二万元"),
    kr("zh-percent-of", "付费转化率提升百分之二十"),
    kr("zh-cheng", "复购率提升 3 成"),
    kr("zh-cn-cheng", "复购率提升三成"),
    kr("zh-decimal-wan", "月活跃用户增长到 1.2 万"),
    kr("zh-liang-bai", "新增两百家门店"),
    kr("zh-halve", "客户投诉量减半"),
    kr("zh-double", "营收翻一番"),
    kr("zh-points", "毛利率提升 5 个百分点"),
    kr("zh-per-mille", "退款率控制在千分之五以内"),
    kr("zh-cn-target-bare", "NPS 提到五十"),
    kr("zh-cn-from-to-bare", "NPS 从三十提升到五十"),
    kr("zh-yuan", "客单价提升到 200 元"),
    kr("zh-zero-incidents", "实现全年零事故"),
    kr("zh-rank", "客户满意度排名行业第一"),
    kr("zh-fraction", "让十分之九的客户愿意推荐我们"),
    kr("zh-duration-from-to", "把交付周期从 14 天缩短到 7 天"),
    kr("zh-sla-window", "首次响应时间缩短到 2 小时以内"),
    kr("zh-fullwidth", "ＮＰＳ提升到５０"),
    kr("en-double", "Double weekly active users"),
    kr("en-latency", "Cut p95 latency to under 200 ms"),
    kr("en-arr", "Grow ARR to $1.2M"),
    kr("en-10k", "Reach 10k paying users"),
    kr("en-zero", "Zero P0 incidents this quarter"),
    kr("en-no-p0", "No P0 incidents in production"),
    kr("en-top-3", "Rank top 3 in the G2 grid"),
    kr("en-number-words", "Sign twenty-five new resellers"),
    kr("en-nine-in-ten", "Nine in ten customers would recommend us"),
    kr("en-thousands", "Grow weekly active users from 8,000 to 10,000"),
    kr("en-measured-fields", "Improve customer satisfaction", measured=True, kind=K.INCREASE),
    kr("zh-mission-free", "让客户爱上我们的产品", kind=K.MISSION),
    kr("zh-baseline-free", "建立客户分级标准", kind=K.BASELINE),
    # NO_DEADLINE: a one-off deliverable with no date and no due date
    kr("zh-revamp", "完成官网改版", C.NO_DEADLINE, spans={C.NO_DEADLINE: "完成官网改版"}),
    kr(
        "en-launch-pricing",
        "launch the new pricing page",
        C.NO_DEADLINE,
        spans={C.NO_DEADLINE: "launch the new pricing page"},
    ),
    kr("zh-membership", "上线新版会员体系", C.NO_DEADLINE),
    kr("zh-standard", "建立客户分级标准", C.NO_DEADLINE),
    kr("zh-break-even", "实现盈亏平衡", C.NO_DEADLINE),
    kr(
        "zh-responsible-for-launch",
        "负责上线新官网",
        C.NO_DEADLINE,
        spans={C.NO_DEADLINE: "负责上线新官网"},
    ),
    kr("zh-draft-and-publish", "制定并发布代码评审规范", C.NO_DEADLINE),
    kr("en-ship-redesign", "Ship the mobile app redesign", C.NO_DEADLINE),
    kr("en-roll-out", "Roll out SSO to all workspaces", C.NO_DEADLINE),
    kr("en-design-and-launch", "Design and launch the partner portal", C.NO_DEADLINE),
    kr(
        "en-agree-and-publish",
        "Agree and publish the code-review checklist every team uses",
        C.NO_DEADLINE,
    ),
    kr("zh-hire-one", "招聘一名产品经理", C.NO_DEADLINE, spans={C.NO_DEADLINE: "招聘一名产品经理"}),
    kr("en-hire-a", "Hire a product manager", C.NO_DEADLINE),
    kr("en-sign-the-agreement", "Sign the partnership agreement with ACME", C.NO_DEADLINE),
    kr("zh-one-anchor-customer", "拿下一家标杆客户", C.NO_DEADLINE),
    kr(
        "en-work-with-to-close",
        "Work with legal to close the data-processing agreements",
        C.NO_DEADLINE,
    ),
    # ... and with a date, a due date or a count
    kr("zh-date-dec-31", "12月31日前完成官网改版"),
    kr("zh-month-end", "月底前上线新版会员体系"),
    kr("zh-q3", "Q3 上线新版会员体系"),
    kr("zh-q3-fullwidth", "Ｑ３上线新版会员体系"),
    kr("zh-third-quarter-end", "三季度末前完成官网改版"),
    kr("zh-this-quarter", "本季度完成数据中台迁移"),
    kr("zh-next-friday", "下周五前提交设计稿"),
    kr("zh-full-date", "2025年6月30日前上线"),
    kr("zh-within-two-weeks", "两周内发布新版 App"),
    kr("zh-within-30-days", "30 天内完成支付系统迁移"),
    kr("zh-spring-festival", "春节前上线年货专区"),
    kr("zh-spaced-date", "11 月 15 日前交付测试版"),
    kr("zh-year-end", "年底前建成华南仓"),
    kr("zh-iso-date", "2025-06-30 前完成等保测评"),
    kr("zh-slash-date", "6/30 前完成等保测评"),
    kr("zh-second-half", "下半年推出企业版"),
    kr("en-by-31-oct", "launch the new pricing page by 31 Oct"),
    kr("en-end-of-q3", "Ship the redesign by end of Q3"),
    kr("en-by-march", "Launch the partner portal by March"),
    kr("en-within-2-weeks", "Migrate billing to the new provider within 2 weeks"),
    kr("en-by-friday", "Publish the API docs by Friday"),
    kr("en-this-quarter", "Finish the data warehouse migration this quarter"),
    kr("en-iso", "Release v2 of the SDK by 2026-03-31"),
    kr("en-oct-31st", "Open the Berlin office on Oct 31st"),
    kr("en-h2", "Launch the enterprise plan in H2"),
    kr("en-mid-may", "Complete the SOC audit by mid-May"),
    kr("en-hire-a-by-june", "Hire a product manager by June"),
    kr("zh-hire-one-before-new-year", "春节前招聘一名产品经理"),
    kr("zh-due-date-set", "完成官网改版", due_date=DUE),
    kr("en-due-date-set", "launch the new pricing page", due_date=DUE),
    kr("zh-counted-deliverable", "上线 3 个新功能"),
    kr("en-counted-deliverable", "Ship 3 new integrations"),
    kr("zh-completion-rate", "需求按期完成率提升到 95%"),
    # ACTIVITY: routine work instead of a result
    kr("zh-weekly-meeting", "每周开例会", C.ACTIVITY, spans={C.ACTIVITY: "每周开例会"}),
    kr("en-weekly-syncs", "hold weekly syncs", C.ACTIVITY, spans={C.ACTIVITY: "hold weekly syncs"}),
    kr("zh-counted-meeting", "每周开 1 次例会", C.ACTIVITY),
    kr("zh-attend-fair", "参加行业展会", C.ACTIVITY),
    kr("zh-follow-up", "跟进客户反馈", C.ACTIVITY),
    kr("zh-support-sales", "支持销售团队", C.ACTIVITY),
    kr("zh-regular-visits", "定期拜访重点客户", C.ACTIVITY),
    kr("zh-daily-report", "每天写日报", C.ACTIVITY),
    kr("zh-daily-management", "负责客服团队的日常管理", C.ACTIVITY),
    kr("zh-monthly-team-building", "每月组织团队建设", C.ACTIVITY),
    kr("en-attend", "Attend industry conferences", C.ACTIVITY),
    kr("en-support", "Support the sales team", C.ACTIVITY),
    kr("en-status-meeting", "Run the weekly status meeting", C.ACTIVITY),
    kr("en-follow-up", "Follow up on customer feedback", C.ACTIVITY),
    kr("en-counted-syncs", "Hold two weekly syncs", C.ACTIVITY),
    kr(
        "en-monitor",
        "Monitor system health daily",
        C.ACTIVITY,
        spans={C.ACTIVITY: "Monitor system health daily"},
    ),
    kr(
        "zh-activity-second-clause",
        "梳理客户名单，每周跟进",
        C.ACTIVITY,
        spans={C.ACTIVITY: "每周跟进"},
    ),
    kr("zh-counted-meetings-no-frequency", "召开 12 次部门例会"),
    kr("en-counted-one-on-ones", "Department heads hold 24 one-on-ones", kind=K.COUNT),
    kr("zh-establish-a-weekly-meeting", "建立每周 OKR 推进会机制", C.NO_DEADLINE),
    kr("en-establish-a-weekly-meeting", "Establish the weekly OKR progress meeting", C.NO_DEADLINE),
    kr("zh-release-weekly", "每周发布新版本", C.ACTIVITY),
    kr("en-write-weekly-updates", "Write weekly updates to the team", C.ACTIVITY),
    kr("en-support-as-noun", "Be the best support team in the industry", C.NOT_MEASURABLE),
    # ... and counted processes, or routine words around a result
    kr("zh-visit-30", "拜访 30 家重点客户"),
    kr("zh-weekly-visits", "每周拜访 5 家客户"),
    kr("zh-attend-3", "参加 3 次行业峰会"),
    kr("en-visit-30", "Visit 30 key accounts"),
    kr("en-discovery-calls", "Hold 20 customer discovery calls"),
    kr("zh-keep-raising", "持续提升 NPS 到 50"),
    kr("zh-meeting-as-means", "通过每周例会把交付准时率提升到 95%"),
    kr("en-attend-and-collect", "Attend 4 industry conferences and collect 200 leads"),
    kr("en-weekly-active", "Keep weekly active users above 10,000"),
    kr("zh-daily-range", "每日自由支配时间 60~90 分钟", kind=K.RANGE),
    # MULTIPLE_RESULTS: two results in one key result
    kr(
        "zh-retention-and-nps",
        "提升留存到 40% 并把 NPS 提到 50",
        C.MULTIPLE_RESULTS,
        spans={C.MULTIPLE_RESULTS: "并把 NPS 提到 50"},
    ),
    kr(
        "en-ship-and-grow",
        "Ship the new onboarding flow and grow week-1 retention to 35%",
        C.MULTIPLE_RESULTS,
        spans={C.MULTIPLE_RESULTS: "and grow week-1 retention to 35%"},
    ),
    kr(
        "zh-churn-and-renewal",
        "降低流失率并提升续费率",
        C.NOT_MEASURABLE,
        C.MULTIPLE_RESULTS,
        spans={C.MULTIPLE_RESULTS: "并提升续费率"},
    ),
    kr(
        "zh-visit-and-sign",
        "拜访 30 家重点客户并签约 12 家",
        C.MULTIPLE_RESULTS,
        spans={C.MULTIPLE_RESULTS: "并签约 12 家"},
    ),
    kr(
        "zh-comma-two-counts",
        "签约 10 家渠道伙伴，新增 500 家门店",
        C.MULTIPLE_RESULTS,
        spans={C.MULTIPLE_RESULTS: "新增 500 家门店"},
    ),
    kr(
        "zh-semicolon",
        "将转化率从 20% 提升到 30%；将客单价提升到 200 元",
        C.MULTIPLE_RESULTS,
        spans={C.MULTIPLE_RESULTS: "将客单价提升到 200 元"},
    ),
    kr(
        "zh-fullwidth-two",
        "提升留存到４０％，并把ＮＰＳ提到５０",
        C.MULTIPLE_RESULTS,
        spans={C.MULTIPLE_RESULTS: "并把ＮＰＳ提到５０"},
    ),
    kr(
        "en-churn-and-nps",
        "Reduce churn to 3% and increase NPS to 50",
        C.MULTIPLE_RESULTS,
        spans={C.MULTIPLE_RESULTS: "and increase NPS to 50"},
    ),
    kr(
        "en-comma-and",
        "Launch the referral program, and reach 1,000 referred signups",
        C.MULTIPLE_RESULTS,
        spans={C.MULTIPLE_RESULTS: "and reach 1,000 referred signups"},
    ),
    kr("en-hire-and-cut", "Hire 5 engineers and cut build time to 10 minutes", C.MULTIPLE_RESULTS),
    # ... and one result with a compound object, a means or a guardrail
    kr("zh-compound-object", "拜访 30 家重点客户和合作伙伴"),
    kr("zh-list-of-metrics", "提升留存、转化和复购", C.NOT_MEASURABLE),
    kr("en-compound-object", "Increase revenue and profit by 10%"),
    kr("zh-means-clause", "通过优化注册流程，将转化率提升到 30%"),
    kr("en-means", "Grow revenue to $2M by launching in Japan"),
    kr("zh-purpose-clause", "上线新官网，以提升转化率到 5%"),
    kr("en-guardrail", "Increase NPS from 30 to 50 while keeping churn below 3%"),
    kr("zh-guardrail", "NPS 提升到 50，同时保持流失率低于 3%"),
    kr("zh-year-on-year-restates", "Q3 营收达到 2000 万，同比增长 30%"),
    kr("zh-of-which", "签约 10 家新客户，其中 3 家为 KA 客户"),
    kr("zh-team-and", "研发和测试团队人效提升 20%"),
    kr("zh-verb-only-clause", "完成官网改版并上线", C.NO_DEADLINE),
    # TOO_LONG
    kr("zh-too-long", LONG_ZH_KR, C.TOO_LONG, spans={C.TOO_LONG: "二十提升到百分之三十五"}),
    kr(
        "en-too-long",
        LONG_EN_KR,
        C.TOO_LONG,
        spans={C.TOO_LONG: "and the empty states across the whole product"},
    ),
    kr("zh-long-but-fine", "第三季度末前，将新用户次日留存率从 20% 提升到 35%"),
    kr(
        "en-long-but-fine",
        "Increase the share of new workspaces that invite three teammates in week one from 18% "
        "to 30%",
    ),
    obj(
        "zh-objective-too-long",
        "打造让每一位客户都觉得省心、放心并且愿意主动推荐给身边朋友和合作伙伴的一站式服务体验",
        C.TOO_LONG,
        spans={C.TOO_LONG: "作伙伴的一站式服务体验"},
    ),
    obj(
        "en-objective-too-long",
        "Make onboarding so smooth and so obviously valuable that every new team is productive "
        "on the very first day",
        C.TOO_LONG,
        spans={C.TOO_LONG: "the very first day"},
    ),
    # OBJECTIVE_IS_A_METRIC
    obj(
        "zh-objective-revenue",
        "年度营收突破 1 亿",
        C.OBJECTIVE_IS_A_METRIC,
        spans={C.OBJECTIVE_IS_A_METRIC: "1 亿"},
    ),
    obj(
        "zh-objective-percent",
        "营收增长 30%",
        C.OBJECTIVE_IS_A_METRIC,
        spans={C.OBJECTIVE_IS_A_METRIC: "30%"},
    ),
    obj(
        "en-objective-arr",
        "Grow ARR to $10M",
        C.OBJECTIVE_IS_A_METRIC,
        spans={C.OBJECTIVE_IS_A_METRIC: "10M"},
    ),
    obj(
        "en-objective-double",
        "Double revenue this year",
        C.OBJECTIVE_IS_A_METRIC,
        spans={C.OBJECTIVE_IS_A_METRIC: "Double"},
    ),
    obj(
        "zh-objective-fan",
        "用户规模翻一番",
        C.OBJECTIVE_IS_A_METRIC,
        spans={C.OBJECTIVE_IS_A_METRIC: "翻一番"},
    ),
    obj(
        "zh-objective-cn-numeral",
        "服务十二万家企业客户",
        C.OBJECTIVE_IS_A_METRIC,
        spans={C.OBJECTIVE_IS_A_METRIC: "十二万"},
    ),
    obj(
        "zh-objective-zero",
        "实现全年零事故",
        C.OBJECTIVE_IS_A_METRIC,
        spans={C.OBJECTIVE_IS_A_METRIC: "零事故"},
    ),
    obj(
        "zh-objective-passes-yi",
        "Q3 营收破亿",
        C.OBJECTIVE_IS_A_METRIC,
        spans={C.OBJECTIVE_IS_A_METRIC: "破亿"},
    ),
    obj("zh-objective-version", "完成星图 2.0 发布"),
    obj("en-objective-version", "Ship Lodestar 2.0"),
    obj("zh-objective-cadence", "把发布节奏提到每周一次"),
    obj("en-objective-cadence", "Ship twice a week"),
    obj("zh-objective-year-after-year", "让客户一年又一年地续约"),
    obj("zh-objective-words", "打造让客户惊喜的服务体验"),
    obj("zh-objective-rank", "成为华东地区第一的 SaaS 服务商"),
    obj("en-objective-rank", "Become the #1 choice for small teams"),
    obj("zh-objective-article-and-date", "Q3 打造一个高效协作的团队"),
    obj("en-objective-words", "Make onboarding effortless this quarter"),
    obj("zh-objective-idiom", "进一步提升品牌影响力"),
    obj("zh-objective-not-a-kr", "提升客户满意度"),
    kr("zh-kr-metric-is-fine", "营收增长 30%"),
    # KIND_MISMATCH: the chosen type contradicts the text
    kr(
        "zh-decrease-says-raise",
        "提升客户满意度到 90%",
        C.KIND_MISMATCH,
        kind=K.DECREASE,
        spans={C.KIND_MISMATCH: "提升"},
    ),
    kr(
        "en-decrease-says-increase",
        "Increase NPS to 50",
        C.KIND_MISMATCH,
        kind=K.DECREASE,
        spans={C.KIND_MISMATCH: "Increase"},
    ),
    kr(
        "zh-decrease-rising-numbers",
        "NPS 从 30 到 50",
        C.KIND_MISMATCH,
        kind=K.DECREASE,
        spans={C.KIND_MISMATCH: "30 到 50"},
    ),
    kr(
        "zh-increase-says-lower",
        "降低客户流失率到 3%",
        C.KIND_MISMATCH,
        kind=K.INCREASE,
        spans={C.KIND_MISMATCH: "降低"},
    ),
    kr(
        "en-increase-falling-numbers",
        "Reduce churn from 5% to 3%",
        C.KIND_MISMATCH,
        kind=K.INCREASE,
        spans={C.KIND_MISMATCH: "5% to 3%"},
    ),
    kr(
        "zh-count-says-reduce",
        "减少 10 次线上故障",
        C.KIND_MISMATCH,
        kind=K.COUNT,
        spans={C.KIND_MISMATCH: "减少"},
    ),
    kr(
        "zh-increase-says-ceiling",
        "把首响时间控制在 2 小时以内",
        C.KIND_MISMATCH,
        kind=K.INCREASE,
        spans={C.KIND_MISMATCH: "控制在"},
    ),
    kr(
        "zh-milestone-no-date",
        "上线新版官网",
        C.KIND_MISMATCH,
        kind=K.MILESTONE,
        spans={C.KIND_MISMATCH: None},
    ),
    kr(
        "en-milestone-no-date",
        "Launch the partner portal",
        C.KIND_MISMATCH,
        kind=K.MILESTONE,
        spans={C.KIND_MISMATCH: None},
    ),
    kr(
        "zh-milestone-is-a-metric",
        "把留存率提升到 40%",
        C.KIND_MISMATCH,
        kind=K.MILESTONE,
        due_date=DUE,
        spans={C.KIND_MISMATCH: "提升"},
    ),
    kr(
        "zh-increase-is-a-deliverable",
        "上线新版官网",
        C.KIND_MISMATCH,
        kind=K.INCREASE,
        spans={C.KIND_MISMATCH: "上线"},
    ),
    kr(
        "en-count-is-a-deliverable",
        "Launch the partner portal",
        C.KIND_MISMATCH,
        kind=K.COUNT,
        spans={C.KIND_MISMATCH: "Launch"},
    ),
    kr(
        "zh-range-one-bound",
        "首响时间缩短到 2 小时",
        C.KIND_MISMATCH,
        kind=K.RANGE,
        spans={C.KIND_MISMATCH: None},
    ),
    kr("en-range-one-bound", "Keep NPS above 40", C.KIND_MISMATCH, kind=K.RANGE),
    kr("zh-range-is-a-change", "把响应时间从 9 小时到 4 小时", C.KIND_MISMATCH, kind=K.RANGE),
    # ... and types that fit their text (the editor's own examples among them)
    kr("zh-decrease-fits", "月流失率从 6% 降到 4% 以内", kind=K.DECREASE),
    kr("en-decrease-fits", "Bring monthly churn from 6% down to 4% or less", kind=K.DECREASE),
    kr(
        "zh-decrease-numbers-decide",
        "提升响应速度：首响时间从 4 小时缩短到 2 小时",
        kind=K.DECREASE,
    ),
    kr("en-decrease-neutral-verb", "Improve resolution time from 48 to 24 hours", kind=K.DECREASE),
    kr("zh-increase-fits", "周活跃用户从 8,000 增长到 10,000", kind=K.INCREASE),
    kr("en-increase-fits", "Grow weekly active users from 8,000 to 10,000", kind=K.INCREASE),
    kr("zh-increase-floor", "续约率不低于 90%", kind=K.INCREASE),
    kr("zh-increase-cn-numbers", "NPS 从三十提升到五十", kind=K.INCREASE),
    kr("zh-count-fits", "完成 20 次客户访谈", kind=K.COUNT),
    kr("en-count-fits", "Hold 20 customer discovery calls", kind=K.COUNT),
    kr("zh-range-fits", "首次响应时间保持在 2–4 小时之间（目前为 9 小时）", kind=K.RANGE),
    kr("en-range-fits", "Keep first-response time between 2 and 4 hours (today: 9)", kind=K.RANGE),
    kr("zh-range-decimals", "P95 页面加载时间控制在 1.0–1.5 秒", kind=K.RANGE),
    kr("zh-score-target", "应用商店评分 4.0 分", kind=K.INCREASE),
    kr("zh-range-to", "会议时长控制在 30 到 45 分钟", kind=K.RANGE),
    kr("zh-milestone-fits", "11 月 15 日前把测试版交到 5 家试点客户手中", kind=K.MILESTONE),
    kr(
        "en-milestone-fits",
        "Beta in the hands of five pilot customers by 15 November",
        kind=K.MILESTONE,
    ),
    kr("zh-milestone-due-date", "上线新版官网", kind=K.MILESTONE, due_date=DUE),
    kr("zh-baseline-fits", "制定并发布各团队统一使用的代码评审清单", kind=K.BASELINE),
    kr(
        "en-baseline-fits",
        "Agree and publish the code-review checklist every team uses",
        kind=K.BASELINE,
    ),
    kr("zh-mission-fits", "让十分之九的客户愿意把我们推荐给朋友", kind=K.MISSION),
    kr("en-mission-fits", "Nine in ten customers would recommend us to a friend", kind=K.MISSION),
    # Objective level: its key results' weights and number
    obj(
        "zh-six-krs",
        "打造让客户惊喜的服务体验",
        C.TOO_MANY_KRS,
        kr_weights=(20, 20, 15, 15, 15, 15),
        spans={C.TOO_MANY_KRS: None},
    ),
    obj("en-five-krs", "Make onboarding effortless", kr_weights=(20, 20, 20, 20, 20)),
    obj(
        "en-weights-under",
        "Make onboarding effortless",
        C.WEIGHTS,
        kr_weights=(50, 30),
        spans={C.WEIGHTS: None},
    ),
    obj("zh-weights-over", "打造让客户惊喜的服务体验", C.WEIGHTS, kr_weights=(60, 60)),
    obj("zh-weights-thirds", "打造让客户惊喜的服务体验", kr_weights=(33.33, 33.33, 33.34)),
    obj("en-weights-exact", "Make onboarding effortless", kr_weights=(50, 30, 20)),
    obj("en-no-krs", "Make onboarding effortless", C.NO_KEY_RESULTS, kr_weights=()),
    obj(
        "zh-seven-unbalanced",
        "打造让客户惊喜的服务体验",
        C.WEIGHTS,
        C.TOO_MANY_KRS,
        kr_weights=(10, 10, 10, 10, 10, 10, 10),
    ),
    obj(
        "zh-metric-and-weights",
        "营收增长 30%",
        C.OBJECTIVE_IS_A_METRIC,
        C.WEIGHTS,
        kr_weights=(40, 40),
    ),
    obj(
        "en-seven-krs",
        "Make onboarding effortless",
        C.TOO_MANY_KRS,
        kr_weights=(20, 20, 20, 10, 10, 10, 10),
    ),
    obj("zh-five-krs", "打造让客户惊喜的服务体验", kr_weights=(30, 30, 20, 10, 10)),
    obj(
        "zh-no-krs",
        "打造让客户惊喜的服务体验",
        C.NO_KEY_RESULTS,
        kr_weights=(),
        spans={C.NO_KEY_RESULTS: None},
    ),
    obj("zh-one-kr-full-weight", "打造让客户惊喜的服务体验", kr_weights=(100,)),
    obj("en-weights-unknown", "Make onboarding effortless"),
    obj("en-blank-objective-weights", "   ", C.WEIGHTS, kr_weights=(90,)),
    kr("zh-kr-ignores-weights", "签约 12 家", kr_weights=(50,)),
    # Nothing to say
    kr("blank", ""),
    kr("whitespace", "  \n "),
    kr("punctuation-only", "，、 …"),
]
