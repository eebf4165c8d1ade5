// The UI's language: which one is active, its strings (one dictionary file per language, each
// loaded on demand so the first screen carries only the active one), Intl formatting per locale.
// `t()` reads the `lang` signal, so any component that calls it re-renders on a switch.
// Screens off the first screen may bring their own part of the dictionary (`needStrings`): it is
// loaded with them, and again with every language switched to from then on.
import { signal, effect } from '@preact/signals';
import { STORAGE_KEY, normalizeLang, savedLang, initialLang } from './pick.js';

export { normalizeLang };

// Each a chunk of its own (esbuild code splitting): only the language in use is fetched.
const PARTS = {
  main: { en: () => import('./en.js'), 'zh-CN': () => import('./zh-CN.js') },
  cycle: { en: () => import('./cycle/en.js'), 'zh-CN': () => import('./cycle/zh-CN.js') },
  work: { en: () => import('./work/en.js'), 'zh-CN': () => import('./work/zh-CN.js') },
  setup: { en: () => import('./setup/en.js'), 'zh-CN': () => import('./setup/zh-CN.js') },
  admin: { en: () => import('./admin/en.js'), 'zh-CN': () => import('./admin/zh-CN.js') },
  meeting: { en: () => import('./meeting/en.js'), 'zh-CN': () => import('./meeting/zh-CN.js') },
  account: { en: () => import('./account/en.js'), 'zh-CN': () => import('./account/zh-CN.js') },
  reach: { en: () => import('./reach/en.js'), 'zh-CN': () => import('./reach/zh-CN.js') },
};
const wantedParts = new Set(['main']);
const dicts = {}; // language → its strings of every part loaded so far
const loadedParts = {}; // language → the parts merged into dicts[language]

/** Merge the parts of `l` not loaded yet into its dictionary (throws when the network fails). */
async function loadParts(l, parts) {
  const have = (loadedParts[l] ??= new Set());
  const missing = [...parts].filter((p) => !have.has(p));
  const loaded = await Promise.all(missing.map((p) => PARTS[p][l]()));
  dicts[l] = Object.assign({}, dicts[l], ...loaded.map((m) => m.default));
  missing.forEach((p) => have.add(p));
}

/** Load a part of the dictionary (e.g. 'cycle') for the language on screen, and for later switches. */
export function needStrings(part) {
  wantedParts.add(part);
  return loadParts(lang.value, [part]);
}

/** The language on screen; it changes only once its dictionary is loaded. */
export const lang = signal(initialLang());

/** True when the user picked a language on this device (it wins over the server's). */
export function hasSavedLang() {
  return savedLang() !== null;
}

let wanted = lang.value;

/**
 * Switch language once its dictionary is loaded (the latest call wins); `remember` stores the
 * choice on this device. Resolves when the switch is done, or when it failed (the network):
 * the language on screen then stays as it was.
 */
export async function setLang(next, remember = true) {
  const l = normalizeLang(next) || 'en';
  wanted = l;
  try {
    // and the parts a screen asked for meanwhile (needStrings loaded them in the language then on screen)
    do await loadParts(l, wantedParts);
    while ([...wantedParts].some((p) => !loadedParts[l].has(p)));
  } catch {
    return;
  }
  if (wanted !== l) return;
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      /* private mode: the choice lasts for this page only */
    }
  }
  lang.value = l;
}

/** Settles once the first language is loaded: render after it. */
export const ready = setLang(lang.value, false).then(() => {
  if (typeof document !== 'undefined') {
    effect(() => {
      document.documentElement.lang = lang.value;
      document.title = t('app.name');
    });
  }
});

/** Translate `key`, filling `{name}` placeholders from `params`. */
export function t(key, params) {
  let s = (dicts[lang.value] || {})[key] ?? key;
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

/** ISO date "2025-03-31" → localized date, without timezone shifts (a calendar date, not an instant). */
export function formatDate(iso, options = { year: 'numeric', month: 'short', day: 'numeric' }) {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return String(iso);
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return fmt('d', { ...options, timeZone: 'UTC' }).format(d);
}

/** An instant (ISO-8601 with its time) in the viewer's local time: "Dec 4, 09:30". */
export function formatInstant(iso, options = { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }) {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : fmt('d', options).format(d);
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
