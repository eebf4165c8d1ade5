// Every string the UI shows, in zh-CN and en, plus Intl formatting per locale.
// `t()` reads the `lang` signal, so any component that calls it re-renders on a switch.
import { signal, effect } from '@preact/signals';

export const LANGS = ['zh-CN', 'en'];
const STORAGE_KEY = 'lodestar.lang';

const en = {
  'app.name': 'Lodestar',
  'app.tagline': 'OKRs, live.',
  'app.loading': 'Loading…',
  'app.skip': 'Skip to content',

  'lang.switch': '中文',
  'lang.switchLabel': 'Switch language to Chinese',

  'signin.title': 'Sign in',
  'signin.lead': 'Sign in to see your team’s objectives and key results.',
  'signin.email': 'Email',
  'signin.password': 'Password',
  'signin.submit': 'Sign in',
  'signin.submitting': 'Signing in…',
  'signin.missing': 'Enter your email and password.',

  'header.signOut': 'Sign out',
  'header.signedInAs': 'Signed in as {name}',

  'board.title': 'Board',
  'board.cycle': 'Cycle',
  'board.expandAll': 'Expand all',
  'board.collapseAll': 'Collapse all',
  'board.noCycles': 'No cycles yet. An admin creates the first cycle.',
  'board.empty': 'No objectives in this cycle yet.',
  'board.loadFailed': 'The board could not be loaded.',
  'board.retry': 'Try again',
  'board.summary': '{count} objectives',
  'board.treeLabel': 'Objectives aligned from company to team to personal',
  'board.expand': 'Expand {title}',
  'board.collapse': 'Collapse {title}',
  'board.showKrsOf': 'Show {count} key results of {title}',
  'board.hideKrsOf': 'Hide the key results of {title}',
  'board.krCount': '{count} KRs',
  'board.krCountOne': '1 KR',
  'board.krColumn': 'KRs',
  'board.noKrs': 'No key results yet.',
  'board.reasons': 'Why: {reasons}',
  'board.draft': 'Draft',
  'board.owner': 'Owner',
  'board.team': 'Team',
  'board.progress': 'Progress',
  'board.status': 'Status',
  'board.objective': 'Objective',

  'level.COMPANY': 'Company',
  'level.TEAM': 'Team',
  'level.PERSONAL': 'Personal',

  'phase.DRAFTING': 'Drafting',
  'phase.ALIGNING': 'Aligning',
  'phase.TRACKING': 'Tracking',
  'phase.REVIEWING': 'Reviewing',
  'phase.CLOSED': 'Closed',

  'status.NOT_STARTED': 'Not started',
  'status.ON_TRACK': 'On track',
  'status.AT_RISK': 'At risk',
  'status.BEHIND': 'Behind',
  'status.DONE': 'Done',

  'reason.BEHIND_SCHEDULE': 'behind schedule',
  'reason.LOW_CONFIDENCE': 'low confidence',
  'reason.STALE': 'no check-in for a while',
  'reason.OVERDUE': 'overdue',

  'kind.BASELINE': 'Baseline',
  'kind.INCREASE': 'Increase',
  'kind.DECREASE': 'Decrease',
  'kind.RANGE': 'Range',
  'kind.COUNT': 'Count',
  'kind.MILESTONE': 'Milestone',
  'kind.MISSION': 'Mission',

  'kr.weight': 'Weight {weight}',
  'kr.value': '{current} / {target}',
  'kr.range': '{current} (target {min}–{max})',
  'kr.done': 'Done',
  'kr.notDone': 'Not done',
  'kr.due': 'Due {date}',
  'kr.confidence': 'Confidence {value}/10',
  'kr.from': 'from {start}',
  'kr.expected': 'expected {pct}',

  'progress.label': '{pct} done, {expected} expected by now',
  'progress.labelNoExpected': '{pct} done',

  'error.network': 'Cannot reach the server. Check your connection and try again.',
  'error.server': 'The server answered with an error ({status}).',
  'error.unknown': 'Something went wrong.',
};

const zh = {
  'app.name': 'Lodestar',
  'app.tagline': '实时运行的 OKR。',
  'app.loading': '加载中…',
  'app.skip': '跳到正文',

  'lang.switch': 'English',
  'lang.switchLabel': '切换到英文',

  'signin.title': '登录',
  'signin.lead': '登录后查看团队的目标与关键结果。',
  'signin.email': '邮箱',
  'signin.password': '密码',
  'signin.submit': '登录',
  'signin.submitting': '正在登录…',
  'signin.missing': '请输入邮箱和密码。',

  'header.signOut': '退出登录',
  'header.signedInAs': '当前用户：{name}',

  'board.title': '看板',
  'board.cycle': '周期',
  'board.expandAll': '全部展开',
  'board.collapseAll': '全部收起',
  'board.noCycles': '还没有周期，请管理员创建第一个周期。',
  'board.empty': '本周期还没有目标。',
  'board.loadFailed': '看板加载失败。',
  'board.retry': '重试',
  'board.summary': '{count} 个目标',
  'board.treeLabel': '从公司到团队到个人的目标对齐树',
  'board.expand': '展开 {title}',
  'board.collapse': '收起 {title}',
  'board.showKrsOf': '显示「{title}」的 {count} 个关键结果',
  'board.hideKrsOf': '隐藏「{title}」的关键结果',
  'board.krCount': '{count} 个 KR',
  'board.krCountOne': '1 个 KR',
  'board.krColumn': 'KR',
  'board.noKrs': '还没有关键结果。',
  'board.reasons': '原因：{reasons}',
  'board.draft': '草稿',
  'board.owner': '负责人',
  'board.team': '团队',
  'board.progress': '进度',
  'board.status': '状态',
  'board.objective': '目标',

  'level.COMPANY': '公司',
  'level.TEAM': '团队',
  'level.PERSONAL': '个人',

  'phase.DRAFTING': '圆桌会',
  'phase.ALIGNING': '共识会',
  'phase.TRACKING': '推进会',
  'phase.REVIEWING': '复盘会',
  'phase.CLOSED': '已关闭',

  'status.NOT_STARTED': '未开始',
  'status.ON_TRACK': '正常',
  'status.AT_RISK': '有风险',
  'status.BEHIND': '落后',
  'status.DONE': '已完成',

  'reason.BEHIND_SCHEDULE': '进度落后于预期',
  'reason.LOW_CONFIDENCE': '信心指数低',
  'reason.STALE': '长时间未更新',
  'reason.OVERDUE': '已逾期',

  'kind.BASELINE': '制定基准',
  'kind.INCREASE': '正向增长',
  'kind.DECREASE': '反向控制',
  'kind.RANGE': '数量区间',
  'kind.COUNT': '过程策略',
  'kind.MILESTONE': '确定里程碑',
  'kind.MISSION': '使命激励',

  'kr.weight': '权重 {weight}',
  'kr.value': '{current} / {target}',
  'kr.range': '{current}（目标 {min}–{max}）',
  'kr.done': '已完成',
  'kr.notDone': '未完成',
  'kr.due': '截止 {date}',
  'kr.confidence': '信心 {value}/10',
  'kr.from': '起始 {start}',
  'kr.expected': '预期 {pct}',

  'progress.label': '已完成 {pct}，按时间应完成 {expected}',
  'progress.labelNoExpected': '已完成 {pct}',

  'error.network': '无法连接服务器，请检查网络后重试。',
  'error.server': '服务器返回错误（{status}）。',
  'error.unknown': '出错了。',
};

export const DICTS = { en, 'zh-CN': zh };

export function normalizeLang(value) {
  if (!value) return null;
  const v = String(value).toLowerCase();
  if (v.startsWith('zh')) return 'zh-CN';
  if (v.startsWith('en')) return 'en';
  return null;
}

function savedLang() {
  try {
    return normalizeLang(localStorage.getItem(STORAGE_KEY));
  } catch {
    return null;
  }
}

function initialLang() {
  const saved = savedLang();
  if (saved) return saved;
  const nav = typeof navigator !== 'undefined' ? navigator.language || '' : '';
  return nav.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export const lang = signal(initialLang());

/** True when the user picked a language on this device (it wins over the server's). */
export function hasSavedLang() {
  return savedLang() !== null;
}

/** Switch language; `remember` stores the choice on this device. */
export function setLang(next, remember = true) {
  const l = normalizeLang(next) || 'en';
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      /* private mode: the choice lasts for this page only */
    }
  }
  lang.value = l;
}

if (typeof document !== 'undefined') {
  effect(() => {
    document.documentElement.lang = lang.value;
    document.title = t('app.name');
  });
}

/** Translate `key`, filling `{name}` placeholders from `params`. */
export function t(key, params) {
  const dict = DICTS[lang.value] || en;
  let s = dict[key] ?? en[key] ?? key;
  if (params) s = s.replace(/\{(\w+)\}/g, (m, k) => (k in params ? String(params[k]) : m));
  return s;
}

// Intl formatters are costly to build: cache one per locale and option set.
const cache = new Map();
function fmt(kind, options) {
  const key = kind + lang.value + JSON.stringify(options);
  let f = cache.get(key);
  if (!f) {
    f = kind === 'n' ? new Intl.NumberFormat(lang.value, options) : new Intl.DateTimeFormat(lang.value, options);
    cache.set(key, f);
  }
  return f;
}

/** 0.423 → "42%" */
export function formatPercent(p) {
  return fmt('n', { style: 'percent', maximumFractionDigits: 0 }).format(Number.isFinite(p) ? p : 0);
}

/** Plain numbers (KR values, weights) with up to two decimals. */
export function formatNumber(n) {
  if (n === null || n === undefined || !Number.isFinite(Number(n))) return '–';
  return fmt('n', { maximumFractionDigits: 2 }).format(Number(n));
}

/** ISO date "2025-03-31" → localized date, without timezone shifts. */
export function formatDate(iso, options = { year: 'numeric', month: 'short', day: 'numeric' }) {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return String(iso);
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return fmt('d', { ...options, timeZone: 'UTC' }).format(d);
}

/** A list of phrases joined per locale: "a, b and c" / "a、b和c". */
export function formatList(items) {
  if (typeof Intl.ListFormat === 'function') {
    const key = 'l' + lang.value;
    let f = cache.get(key);
    if (!f) cache.set(key, (f = new Intl.ListFormat(lang.value, { type: 'conjunction' })));
    return f.format(items);
  }
  return items.join(', ');
}
