// Which language the UI starts in: the one chosen on this device, else the browser's. No
// dependencies: the first script (src/early.js) sends its requests in it.

export const STORAGE_KEY = 'lodestar.lang';

export function normalizeLang(value) {
  if (!value) return null;
  const v = String(value).toLowerCase();
  if (v.startsWith('zh')) return 'zh-CN';
  if (v.startsWith('en')) return 'en';
  return null;
}

export function savedLang() {
  try {
    return normalizeLang(localStorage.getItem(STORAGE_KEY));
  } catch {
    return null;
  }
}

export function initialLang() {
  const saved = savedLang();
  if (saved) return saved;
  const nav = typeof navigator !== 'undefined' ? navigator.language || '' : '';
  return nav.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}
