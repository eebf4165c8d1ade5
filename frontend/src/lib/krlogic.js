// Pure helpers of the OKR editor, the objective page and the check-in sheet:
// which fields a kind of key result needs, weights, check-in values, the history chart.
// No DOM, no signals (unit-tested with node --test).

export const KINDS = ['INCREASE', 'DECREASE', 'RANGE', 'COUNT', 'MILESTONE', 'BASELINE', 'MISSION'];
export const BINARY = ['BASELINE', 'MILESTONE'];
export const isBinary = (kind) => BINARY.includes(kind);
const TASK_KINDS = ['BASELINE', 'MILESTONE', 'COUNT'];

const GROWTH = ['startValue', 'targetValue', 'unit', 'dueDate'];
const FIELDS = {
  INCREASE: GROWTH,
  COUNT: GROWTH,
  MISSION: GROWTH,
  DECREASE: GROWTH,
  RANGE: ['rangeMin', 'rangeMax', 'startValue', 'unit', 'dueDate'],
  MILESTONE: ['dueDate'],
  BASELINE: ['dueDate'],
};
const REQUIRED = {
  INCREASE: ['startValue', 'targetValue'],
  COUNT: ['startValue', 'targetValue'],
  MISSION: ['startValue', 'targetValue'],
  DECREASE: ['startValue', 'targetValue'],
  RANGE: ['rangeMin', 'rangeMax', 'startValue'],
  MILESTONE: ['dueDate'],
  BASELINE: [],
};
export const NUMBER_FIELDS = ['startValue', 'targetValue', 'rangeMin', 'rangeMax'];
const ALL_FIELDS = [...NUMBER_FIELDS, 'unit', 'dueDate'];

/** The form fields a kind of key result needs, in display order. */
export function kindFields(kind) {
  return FIELDS[kind] || GROWTH;
}

/** Fields that must be filled for a manually checked-in KR of this kind. */
export function requiredFields(kind, source = 'MANUAL') {
  if (source !== 'MANUAL') return kind === 'MILESTONE' ? ['dueDate'] : [];
  return REQUIRED[kind] || [];
}

/** Where progress may come from for this kind: check-ins, tasks (some kinds), aligned objectives. */
export function progressSources(kind) {
  return TASK_KINDS.includes(kind) ? ['MANUAL', 'TASKS', 'ALIGNED'] : ['MANUAL', 'ALIGNED'];
}

/** "1,234.5" or "１，２３４．５" → 1234.5; "" → null; garbage → NaN. */
export function parseNumber(text) {
  if (text === null || text === undefined) return null;
  if (typeof text === 'number') return Number.isFinite(text) ? text : NaN;
  // NFKC turns full-width digits, signs and separators (１，２３４．５) into ASCII ones.
  const s = String(text)
    .normalize('NFKC')
    .replace(/[\s,\u00a0]/g, '')
    .replace(/。/g, '.');
  if (!s) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : NaN;
}

/**
 * Form values → the createKeyResult / updateKeyResult input for this kind.
 * Fields the kind does not use are sent as null (so switching kind clears them).
 * Returns { input, errors } where errors maps a field to a message key.
 */
export function krInput(form) {
  const kind = KINDS.includes(form.kind) ? form.kind : 'INCREASE';
  const source = progressSources(kind).includes(form.progressSource) ? form.progressSource : 'MANUAL';
  const used = kindFields(kind);
  const input = { title: String(form.title || '').trim(), kind, progressSource: source };
  const errors = {};
  if (!input.title) errors.title = 'form.required';
  for (const f of ALL_FIELDS) {
    if (!used.includes(f)) {
      input[f] = f === 'unit' ? '' : null;
      continue;
    }
    if (NUMBER_FIELDS.includes(f)) {
      const n = parseNumber(form[f]);
      if (Number.isNaN(n)) errors[f] = 'form.notNumber';
      input[f] = Number.isNaN(n) ? null : n;
    } else if (f === 'unit') input.unit = String(form.unit || '').trim();
    else input.dueDate = form.dueDate || null;
  }
  for (const f of requiredFields(kind, source)) if (input[f] === null && !errors[f]) errors[f] = 'form.required';
  return { input, errors };
}

/**
 * Whether the form holds the key result's number outside its title — a target, or both bounds
 * of a range, or progress from tasks or aligned objectives — so the title need not say it
 * (the server's rule for saved key results: backend/read/hints.py `is_measured`).
 */
export function isMeasured(form) {
  const filled = (f) => kindFields(form.kind).includes(f) && Number.isFinite(parseNumber(form[f]));
  const source = progressSources(form.kind).includes(form.progressSource) ? form.progressSource : 'MANUAL';
  return filled('targetValue') || (filled('rangeMin') && filled('rangeMax')) || source !== 'MANUAL';
}

/** A KR from the API → form values (strings, as inputs hold them). */
export function krForm(kr) {
  const s = (v) => (v === null || v === undefined ? '' : String(v));
  return {
    title: s(kr && kr.title),
    kind: (kr && kr.kind) || 'INCREASE',
    progressSource: (kr && kr.progressSource) || 'MANUAL',
    startValue: s(kr && kr.startValue),
    targetValue: s(kr && kr.targetValue),
    rangeMin: s(kr && kr.rangeMin),
    rangeMax: s(kr && kr.rangeMax),
    unit: s(kr && kr.unit),
    dueDate: s(kr && kr.dueDate),
  };
}

// ---- weights ---------------------------------------------------------------------------------

/**
 * Sum of weights typed as text or numbers (blank = 0; garbage = NaN), to three decimals so
 * that 100.001 does not read as 100.
 */
export function weightSum(values) {
  let s = 0;
  for (const v of values) {
    const n = parseNumber(v);
    if (Number.isNaN(n)) return NaN;
    s += n || 0;
  }
  return Math.round(s * 1000) / 1000;
}

/**
 * Why these weights cannot be published, as a message key, or null when they can
 * (DESIGN §4: each 0–100, Σ = 100 ± 0.01, at least one KR). The reason is named so that a total
 * shown as "100%" is never answered with "must be 100%" (a single 100.001, say).
 */
export function weightsProblem(values) {
  if (!values.length) return 'weights.noKrs';
  const sum = weightSum(values);
  if (Number.isNaN(sum)) return 'weights.notNumber';
  if (values.map(parseNumber).some((n) => n !== null && (n < 0 || n > 100))) return 'weights.outOfRange';
  return Math.abs(sum - 100) <= 0.01 + 1e-9 ? null : 'weights.notReady';
}

/** n weights with two decimals that sum to exactly 100: 3 → [33.34, 33.33, 33.33]. */
export function evenWeights(n) {
  if (n <= 0) return [];
  const base = Math.floor(10000 / n);
  let extra = 10000 - base * n;
  const out = [];
  for (let i = 0; i < n; i++) {
    out.push((base + (extra > 0 ? 1 : 0)) / 100);
    if (extra > 0) extra--;
  }
  return out;
}

// ---- check-ins ---------------------------------------------------------------------------------

/** 'none' (progress from tasks or aligned objectives: confidence and note only), 'toggle' or 'number'. */
export function checkInMode(kr) {
  if (kr.progressSource && kr.progressSource !== 'MANUAL') return 'none';
  return isBinary(kr.kind) ? 'toggle' : 'number';
}

function niceStep(span, integers) {
  if (!(span > 0)) return 1;
  const raw = span / 100;
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) || 10 * p;
  return integers ? Math.max(1, Math.round(step)) : step;
}

/** Bounds of the value slider: the span from start to target (or around the band), current included. */
export function sliderRange(kr) {
  const nums = [kr.startValue, kr.targetValue, kr.rangeMin, kr.rangeMax, kr.currentValue]
    .filter((v) => v !== null && v !== undefined && v !== '' && Number.isFinite(Number(v)))
    .map(Number);
  if (!nums.length) return { min: 0, max: 100, step: 1 };
  let min = Math.min(...nums);
  let max = Math.max(...nums);
  if (kr.kind === 'RANGE') {
    const pad = (max - min || Math.abs(max) || 1) * 0.25;
    min -= pad;
    max += pad;
  } else if (kr.kind !== 'DECREASE' && max === kr.targetValue) {
    // room for over-achievement
    max += (max - min) * 0.2;
  }
  if (min === max) max = min + 1;
  const integers = nums.every(Number.isInteger);
  const step = niceStep(max - min, integers);
  min = Math.floor(min / step) * step;
  max = Math.ceil(max / step) * step;
  if (min < 0 && Math.min(...nums) >= 0) min = 0;
  return { min: round(min, step), max: round(max, step), step };
}

function round(x, step) {
  const d = step < 1 ? Math.ceil(-Math.log10(step)) : 0;
  return Number(x.toFixed(Math.min(d, 10)));
}

/** The value to prefill: the draft's, else the current value (else start). */
export function initialValue(kr) {
  if (isBinary(kr.kind)) return Number(kr.currentValue) >= 1 ? '1' : '0';
  const v = kr.currentValue ?? kr.startValue;
  return v === null || v === undefined ? '' : String(v);
}

// Mirror of backend/domain/plausibility.py (same table: tests/unit/plausibility_cases.json).
const FAR = 2;
const NON_NEGATIVE_UNITS = new Set(
  '% ‰ 个 人 位 名 次 件 家 单 篇 条 项 台 套 场 份 元 万元 亿元 万 亿 块 ¥ ￥ $ € 美元 usd cny rmb eur pcs items users people customers times ms s 秒 分钟 小时 天 周 月 min h hours days weeks'.split(
    ' ',
  ),
);

/** Why a value deserves "are you sure?" before it is sent: null, 'NEGATIVE' or 'FAR'. */
export function implausibleValue(kr, value) {
  if (isBinary(kr.kind)) return null;
  const unit = String(kr.unit || '')
    .trim()
    .toLowerCase();
  if (value < 0 && (kr.kind === 'COUNT' || NON_NEGATIVE_UNITS.has(unit))) return 'NEGATIVE';
  const scale = [kr.startValue, kr.targetValue, kr.rangeMin, kr.rangeMax].filter((v) => v !== null && v !== undefined).map(Number);
  if (!scale.length) return null;
  const lo = Math.min(...scale);
  const hi = Math.max(...scale);
  const span = hi - lo || Math.abs(hi) || 1;
  return value < lo - FAR * span || value > hi + FAR * span ? 'FAR' : null;
}

/**
 * Sheet values → the checkIn input. { input, errors } (errors: field → message key).
 * Confidence is an integer 0–10 (blank = not given).
 */
export function checkInInput(kr, draft) {
  const input = { keyResultId: kr.id };
  const errors = {};
  const mode = checkInMode(kr);
  if (mode === 'toggle') input.value = String(draft.value) === '1' ? 1 : 0;
  else if (mode === 'number') {
    const n = parseNumber(draft.value);
    if (n === null) errors.value = 'form.required';
    else if (Number.isNaN(n)) errors.value = 'form.notNumber';
    else input.value = n;
  }
  const c = parseNumber(draft.confidence);
  if (c !== null) {
    if (!Number.isInteger(c) || c < 0 || c > 10) errors.confidence = 'checkin.confidenceRange';
    else input.confidence = c;
  }
  const note = String(draft.note || '').trim();
  if (note) input.note = note;
  return { input, errors };
}

// ---- the history chart ------------------------------------------------------------------------

const DAY = 86400000;
const dayMs = (iso) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || '');
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) : NaN;
};

/**
 * Geometry of "value over time against the expected line", in unit coordinates
 * (x, y ∈ [0, 1], y up). Binary kinds plot done (1) / not done (0).
 * Returns null when there is nothing to draw.
 * { points: [{x, y, value, at}], expected: [{x, y}], band: {y0, y1} | null, now: x | null,
 *   yMin, yMax, t0, t1 }
 */
export function chartModel(kr, cycle, checkIns, now = Date.now()) {
  if (!cycle) return null;
  const t0 = dayMs(cycle.startsOn);
  const end = dayMs(kr.dueDate || cycle.endsOn);
  let t1 = Math.max(dayMs(cycle.endsOn), end);
  if (!Number.isFinite(t0) || !Number.isFinite(t1)) return null;
  const history = (checkIns || [])
    .filter((c) => !c.retractedAt) // corrected or withdrawn: only in the list, marked
    .map((c) => ({ at: Date.parse(c.createdAt), value: Number(c.value) }))
    .filter((c) => Number.isFinite(c.at) && Number.isFinite(c.value))
    .sort((a, b) => a.at - b.at);
  const last = history.length ? history[history.length - 1].at : t0;
  t1 = Math.max(t1, last, t0 + DAY);
  const binary = isBinary(kr.kind);
  const start = binary ? 0 : kr.startValue;
  const pts = [];
  if (start !== null && start !== undefined && (!history.length || history[0].at > t0)) pts.push({ at: t0, value: Number(start) });
  for (const c of history) pts.push({ at: c.at, value: binary ? (c.value >= 1 ? 1 : 0) : c.value });

  // expected line in value space
  let exp = [];
  let band = null;
  if (binary) {
    exp = [
      { at: t0, value: 0 },
      { at: end, value: 0 },
      { at: end, value: 1 },
      { at: t1, value: 1 },
    ];
  } else if (kr.kind === 'RANGE') {
    if (kr.rangeMin !== null && kr.rangeMax !== null) band = [Number(kr.rangeMin), Number(kr.rangeMax)];
    if (band && start !== null && (start < band[0] || start > band[1])) {
      exp = [
        { at: t0, value: Number(start) },
        { at: end, value: start < band[0] ? band[0] : band[1] },
      ];
    }
  } else if (start !== null && kr.targetValue !== null && kr.targetValue !== undefined) {
    exp = [
      { at: t0, value: Number(start) },
      { at: end, value: Number(kr.targetValue) },
    ];
  }
  if (exp.length && end < t1 && !binary) exp.push({ at: t1, value: exp[exp.length - 1].value });
  const values = [...pts, ...exp].map((p) => p.value).concat(band || []);
  if (!values.length) return null;
  let yMin = Math.min(...values);
  let yMax = Math.max(...values);
  if (binary) [yMin, yMax] = [0, 1];
  if (yMin === yMax) {
    yMin -= 1;
    yMax += 1;
  }
  const pad = binary ? 0.08 : 0.06;
  const span = yMax - yMin;
  const lo = yMin - span * pad;
  const hi = yMax + span * pad;
  const X = (at) => (at - t0) / (t1 - t0);
  const Y = (v) => (v - lo) / (hi - lo);
  return {
    points: pts.map((p) => ({ x: X(p.at), y: Y(p.value), value: p.value, at: p.at })),
    expected: exp.map((p) => ({ x: X(p.at), y: Y(p.value) })),
    band: band ? { y0: Y(band[0]), y1: Y(band[1]) } : null,
    now: now >= t0 && now <= t1 ? X(now) : null,
    yMin,
    yMax,
    t0,
    t1,
  };
}
