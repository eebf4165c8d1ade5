// The last answers this device saw to the queries a phone needs with no network (who I am,
// the cycles, the board, My OKRs), so that the app opens offline and shows them, marked as
// such. Storage is injected (localStorage in the app, a Map-backed stub in the tests).

export const KEPT_PREFIX = 'lodestar.kept.';
// localStorage holds about 5 MB per origin; a company-sized board is left unkept.
export const MAX_KEPT_CHARS = 1_500_000;

/** The storage key of a query with its variables (a short, stable hash). */
export function keptKey(query, variables) {
  const text = query + '\n' + JSON.stringify(variables || {});
  let h = 0x811c9dc5; // FNV-1a, 32 bits
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return KEPT_PREFIX + (h >>> 0).toString(36);
}

/** Remember an answer and when it came; false when it is too large or storage refuses. */
export function keep(storage, key, data, at = new Date().toISOString()) {
  const raw = JSON.stringify({ at, data });
  if (raw.length > MAX_KEPT_CHARS) return false;
  try {
    storage.setItem(key, raw);
    return true;
  } catch {
    return false;
  }
}

/** The answer kept under `key` ({ at, data }), or null. */
export function kept(storage, key) {
  try {
    const v = JSON.parse(storage.getItem(key) || 'null');
    return v && typeof v === 'object' && v.data && typeof v.at === 'string' ? v : null;
  } catch {
    return null;
  }
}

/** Forget every kept answer (signing out: the next person on this device sees none of it). */
export function forgetKept(storage) {
  const keys = [];
  for (let i = 0; i < storage.length; i++) {
    const k = storage.key(i);
    if (k && k.startsWith(KEPT_PREFIX)) keys.push(k);
  }
  keys.forEach((k) => storage.removeItem(k));
}
