// Check-ins kept on the device: the drafts of the check-in sheet and the outbox of check-ins
// made offline, sent when the connection returns (the queue itself is lib/offline.js).
import { signal, effect } from '@preact/signals';
import { gql } from './api/client.js';
import { M_CHECK_IN } from './api/okr.js';
import { viewer } from './store.js';
import { createQueue, createDrafts, flushQueue, newId, serialized } from './lib/offline.js';

const storage = typeof localStorage !== 'undefined' ? localStorage : null;
const queue = createQueue(storage);
export const drafts = createDrafts(storage);

/** The signed-in person's check-ins waiting to be sent. */
export const outbox = signal([]);
/** Bumped when the server accepted a check-in (pages reload their numbers). */
export const accepted = signal(0);
export const online = signal(typeof navigator === 'undefined' ? true : navigator.onLine !== false);

export const uid = () => (viewer.value ? viewer.value.id : null);

function refresh() {
  outbox.value = uid() ? queue.forUser(uid()) : [];
}

const send = async (input) => (await gql(M_CHECK_IN, { input })).checkIn;

/** Send the outbox (one run at a time, across tabs too). */
export const flush = serialized(async () => {
  const user = uid();
  if (!user) return null;
  const result = await flushQueue(queue, user, send, {
    onRejected(item, err) {
      // hand what was typed back to the sheet, with the server's message next to its field
      const i = item.input;
      drafts.set(user, i.keyResultId, {
        value: i.value === undefined ? '' : String(i.value),
        confidence: i.confidence === undefined ? '' : String(i.confidence),
        note: i.note || '',
        error: { message: err.message, field: err.field || null },
      });
    },
  });
  refresh();
  if (result.sent.length || result.rejected.length) accepted.value++;
  return result;
});

if (typeof window !== 'undefined') {
  window.addEventListener('online', () => {
    online.value = true;
    flush();
  });
  window.addEventListener('offline', () => (online.value = false));
  // another tab changed the outbox
  window.addEventListener('storage', (e) => {
    if (e.key === null || e.key === 'lodestar.checkins.pending') refresh();
  });
  // signed in (or reloaded) with check-ins still waiting: send them if we can
  effect(() => {
    if (viewer.value) {
      refresh();
      if (navigator.onLine !== false && outbox.peek().length) flush();
    } else outbox.value = [];
  });
}

/**
 * Check in now, or keep it for later when offline. Returns { kr } or { sent } (accepted) or { queued }.
 * Throws the ApiError when the server refused it (the caller shows it; the draft stays).
 */
export async function submitCheckIn(input) {
  const user = uid();
  // one id for every copy of this check-in (sent now, or queued after an answer that got lost):
  // the server writes it once
  input = { ...input, clientId: input.clientId || newId() };
  const keep = () => {
    const item = queue.add(user, input);
    drafts.clear(user, input.keyResultId);
    refresh();
    return item;
  };
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return (keep(), { queued: true });
  if (queue.forUser(user).length) {
    // older check-ins are still waiting: this one goes after them, so the latest value wins
    const item = keep();
    await flush();
    return queue.has(item.id) ? { queued: true } : { sent: true };
  }
  let kr;
  try {
    kr = await send(input);
  } catch (err) {
    if (err.code === 'NETWORK') return (keep(), { queued: true });
    throw err;
  }
  drafts.clear(user, input.keyResultId);
  accepted.value++;
  return { kr };
}
