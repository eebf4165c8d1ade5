// Check-ins kept on the device: the outbox of check-ins not yet accepted by the server, and
// the drafts of the check-in sheet (so nothing typed is lost on reload). Storage is injected
// (localStorage in the app, a Map-backed stub in the tests). No DOM, no signals.

export const QUEUE_KEY = 'lodestar.checkins.pending';
export const DRAFTS_KEY = 'lodestar.checkins.drafts';

function readJson(storage, key, fallback) {
  try {
    const raw = storage && storage.getItem(key);
    const v = raw ? JSON.parse(raw) : fallback;
    return v && typeof v === 'object' ? v : fallback;
  } catch {
    return fallback;
  }
}

function writeJson(storage, key, value) {
  try {
    storage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false; // full or private mode: the data lives as long as the page
  }
}

let seq = 0;
/** Unique on this device; also a check-in's clientId (the server writes one check-in per id). */
export function newId() {
  seq += 1;
  return Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 8) + '-' + seq;
}

/** The outbox. Every read goes to storage, so several tabs see one queue. */
export function createQueue(storage, key = QUEUE_KEY) {
  const all = () => {
    const list = readJson(storage, key, []);
    return Array.isArray(list) ? list.filter((i) => i && i.id && i.input) : [];
  };
  const save = (list) => writeJson(storage, key, list);
  return {
    all,
    forUser: (userId) => all().filter((i) => i.userId === userId),
    /** Keep a check-in to send later: { userId, input: {keyResultId, value, confidence, note} }. */
    add(userId, input, at = new Date().toISOString()) {
      const item = { id: newId(), userId, input, at };
      save([...all(), item]);
      return item;
    },
    remove(id) {
      save(all().filter((i) => i.id !== id));
    },
    has: (id) => all().some((i) => i.id === id),
  };
}

/** Drafts of the check-in sheet, per person and key result. */
export function createDrafts(storage, key = DRAFTS_KEY) {
  const k = (userId, krId) => userId + ':' + krId;
  return {
    get: (userId, krId) => readJson(storage, key, {})[k(userId, krId)] || null,
    set(userId, krId, draft) {
      const all = readJson(storage, key, {});
      all[k(userId, krId)] = draft;
      writeJson(storage, key, all);
    },
    clear(userId, krId) {
      const all = readJson(storage, key, {});
      if (k(userId, krId) in all) {
        delete all[k(userId, krId)];
        writeJson(storage, key, all);
      }
    },
  };
}

/** Errors worth retrying later (the connection, the server having a bad moment, the session). */
export function isTransient(err) {
  const code = err && err.code;
  return !code || ['NETWORK', 'HTTP', 'INTERNAL', 'RATE_LIMITED', 'UNAUTHENTICATED'].includes(code);
}

/**
 * Send the user's queued check-ins, oldest first, one at a time.
 * - accepted: removed from the queue only after the server said yes;
 * - refused (a user-caused error): `onRejected(item, err)` is called (to hand what was typed
 *   back to the sheet), then the item leaves the queue;
 * - a transient failure stops the run; the item stays for the next `online`.
 * The queue is re-read before each item, so an item another tab already sent is skipped.
 * Returns { sent, rejected, stopped }.
 */
export async function flushQueue(queue, userId, send, { onSent, onRejected } = {}) {
  const sent = [];
  const rejected = [];
  const tried = new Set();
  for (;;) {
    const item = queue.forUser(userId).find((i) => !tried.has(i.id));
    if (!item) return { sent, rejected, stopped: false };
    tried.add(item.id);
    let result;
    try {
      result = await send(item.input);
    } catch (err) {
      if (isTransient(err)) return { sent, rejected, stopped: true, error: err };
      if (onRejected) onRejected(item, err);
      queue.remove(item.id);
      rejected.push({ item, error: err });
      continue;
    }
    queue.remove(item.id);
    sent.push(item);
    if (onSent) onSent(item, result);
  }
}

/**
 * One flush at a time, in this tab (a re-entrant call waits for the running one and then runs
 * again) and across tabs (Web Locks, where available): two tabs that both see `online`
 * never send the same check-in twice.
 */
export function serialized(fn, { locks = typeof navigator !== 'undefined' && navigator.locks, name = 'lodestar-outbox' } = {}) {
  let running = null;
  let again = false;
  const runLocked = () => (locks && locks.request ? locks.request(name, () => fn()) : fn());
  const run = async () => {
    try {
      let result;
      do {
        again = false;
        result = await runLocked();
      } while (again);
      return result;
    } finally {
      running = null;
    }
  };
  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = run();
    return running;
  };
}
