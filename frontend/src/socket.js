// The board's socket: `boardEvents` and `presence` over graphql-transport-ws on the same origin
// (the session cookie authenticates it). One client per signed-in page; both subscriptions are
// (re)made on every (re)connection, the board one with `since` = the last seq applied, so a drop
// loses nothing and doubles nothing. The store owns the board; this module owns the socket.
import { signal } from '@preact/signals';
import { S_BOARD, S_PRESENCE } from './api/live.js';

/**
 * 'idle'         no board watched (signed out)
 * 'connecting'   first connection
 * 'live'         subscribed, events flow
 * 'reconnecting' the socket is down; graphql-ws retries with backoff (at once when back online)
 * 'catchingUp'   reconnected and resubscribed with since; the missed events are arriving
 * 'caughtUp'     …and they have arrived: shown a few seconds, then 'live'
 */
export const connection = signal('idle');
/** { count, watchers: [{ id, displayName, handle }] } of the board watched, or null. */
export const presence = signal(null);

const PONG_TIMEOUT = 5000; // no pong this long after a ping: the socket is dead, drop it
const KEEP_ALIVE = 15000;
const SETTLE = 400; // quiet this long after resubscribing: the replay is over
const CAUGHT_UP_FOR = 4000;

let client = null;
let hooks = null; // { currentSeq(), onEvent(ev), onResync(reason) }
let onAccess = null; // told of a close by the server: 4401 session ended, 4403 rights changed
let cycle = null;
let connected = false;
let everConnected = false;
// Every (re)subscription bumps its generation: callbacks of older ones are ignored.
const board = { gen: 0, unsubscribe: null };
const watchers = { gen: 0, unsubscribe: null };
let pongTimer;
let settleTimer;
let caughtUpTimer;
let resyncTimer;
let resyncs = 0;
let lastResyncAt = 0;

function wsUrl() {
  return (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/graphql';
}

function backoff(retries) {
  return Math.min(500 * 2 ** retries, 15000) + Math.random() * 500;
}

/** Wait before a reconnection attempt: backoff, but while the device is offline until it is online. */
function retryWait(retries) {
  return new Promise((resolve) => {
    const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
    const done = () => {
      clearTimeout(timer);
      removeEventListener('online', done);
      resolve();
    };
    const timer = setTimeout(done, offline ? 30000 : backoff(retries));
    addEventListener('online', done);
  });
}

function setConnection(state) {
  clearTimeout(caughtUpTimer);
  connection.value = state;
  if (state === 'caughtUp') caughtUpTimer = setTimeout(() => (connection.value = 'live'), CAUGHT_UP_FOR);
}

function drop(sub) {
  sub.gen++;
  const unsubscribe = sub.unsubscribe;
  sub.unsubscribe = null;
  if (unsubscribe) unsubscribe();
}

function settle() {
  clearTimeout(settleTimer);
  settleTimer = setTimeout(() => setConnection('caughtUp'), SETTLE);
}

/** Subscribe to the watched cycle's events since the last seq applied. */
function subscribeBoard(catchingUp) {
  drop(board);
  clearTimeout(settleTimer);
  if (!client || !connected || !cycle) return;
  const g = board.gen;
  if (catchingUp) {
    setConnection('catchingUp');
    settle();
  } else if (connection.value !== 'caughtUp') setConnection('live');
  board.unsubscribe = client.subscribe(
    { query: S_BOARD, variables: { c: cycle, s: hooks.currentSeq() } },
    {
      next(result) {
        if (g !== board.gen) return;
        const ev = result && result.data && result.data.boardEvents;
        if (!ev) return resync('ERROR');
        if (ev.__typename === 'ResyncRequired') return resync(ev.reason || 'RESYNC');
        resyncs = 0;
        hooks.onEvent(ev);
        if (connection.value === 'catchingUp') settle();
      },
      error() {
        // refused (the cycle is gone, the session ended…): the refetch tells which
        if (g === board.gen) resync('ERROR');
      },
      complete() {
        // ended without ResyncRequired (it should not): refetch and resubscribe all the same
        if (g === board.gen) resync('COMPLETE');
      },
    },
  );
}

function subscribePresence() {
  drop(watchers);
  if (!client || !connected || !cycle) return;
  const g = watchers.gen;
  watchers.unsubscribe = client.subscribe(
    { query: S_PRESENCE, variables: { c: cycle } },
    {
      next(result) {
        const p = result && result.data && result.data.presence;
        if (g === watchers.gen && p) presence.value = { count: p.count, watchers: p.watchers || [] };
      },
      error() {},
      complete() {},
    },
  );
}

/** The board must be refetched before events can flow again (ResyncRequired, or a refused stream).
 * At once the first time; when it keeps happening with no event in between, with backoff. */
function resync(reason) {
  drop(board);
  clearTimeout(settleTimer);
  clearTimeout(resyncTimer);
  setConnection('catchingUp');
  const now = Date.now();
  if (now - lastResyncAt > 30000) resyncs = 0;
  lastResyncAt = now;
  const delay = resyncs ? backoff(Math.min(resyncs, 5)) : 0;
  resyncs++;
  resyncTimer = setTimeout(() => hooks && hooks.onResync(reason), delay);
}

let graphqlWs = null; // the client library: a chunk of its own, fetched when the first socket starts

function startClient() {
  connected = false;
  if (!graphqlWs) {
    // the first screen shows its rows without it; until it has arrived this stands for the client
    const waiting = { dispose() {}, terminate() {} };
    client = waiting;
    const again = () => client === waiting && startClient();
    import('graphql-ws/client').then(
      (m) => ((graphqlWs = m), again()),
      () => setTimeout(again, backoff(3)),
    );
    return;
  }
  const c = graphqlWs.createClient({
    url: wsUrl(),
    lazy: false,
    retryAttempts: Infinity,
    shouldRetry: () => true,
    retryWait,
    keepAlive: KEEP_ALIVE,
    onNonLazyError: () => {
      // a close graphql-ws deems fatal (e.g. 4500 after a server error): start over after a pause
      setTimeout(() => {
        if (client === c) {
          c.dispose();
          startClient();
        }
      }, backoff(3));
    },
    on: {
      connected() {
        if (client !== c) return;
        connected = true;
        const again = everConnected;
        everConnected = true;
        subscribeBoard(again);
        subscribePresence();
        for (const sub of extras) openExtra(sub, again);
      },
      closed(event) {
        if (client !== c) return;
        clearTimeout(pongTimer);
        connected = false;
        drop(board);
        drop(watchers);
        extras.forEach(drop);
        clearTimeout(settleTimer);
        if (cycle) setConnection('reconnecting');
        if (event && (event.code === 4401 || event.code === 4403) && onAccess) onAccess(event.code);
      },
      ping(received) {
        if (received || client !== c) return;
        clearTimeout(pongTimer);
        pongTimer = setTimeout(() => client === c && c.terminate(), PONG_TIMEOUT);
      },
      pong(received) {
        if (received) clearTimeout(pongTimer);
      },
    },
  });
  client = c;
}

function onOffline() {
  // The device says it lost the network: show it at once rather than when a ping times out.
  if (client && connected) client.terminate();
}

/** Watch a cycle's board: starts the socket if needed, (re)subscribes with since = hooks.currentSeq(). */
export function watch(cycleId, callbacks) {
  hooks = callbacks;
  const changed = cycleId !== cycle;
  cycle = cycleId;
  if (changed) presence.value = null;
  if (!client) {
    setConnection('connecting');
    ensureClient();
    return; // subscribes once connected
  }
  if (!connected) return; // subscribes once reconnected
  subscribeBoard(!changed && connection.value === 'catchingUp');
  if (changed) subscribePresence();
}

function ensureClient() {
  if (client) return;
  everConnected = false;
  addEventListener('offline', onOffline);
  startClient();
}

// ---- more subscriptions on the same socket (notifications, an open comment thread, tasks) ----

const extras = new Set();

function openExtra(sub, reconnected) {
  drop(sub);
  const g = sub.gen;
  sub.unsubscribe = client.subscribe(
    { query: sub.query, variables: typeof sub.variables === 'function' ? sub.variables() : sub.variables },
    {
      next(result) {
        if (g === sub.gen && result && result.data) sub.onData(result.data);
      },
      error() {}, // refused (gone, no longer visible): nothing more will come
      complete() {
        // the server ended it (a resync): catch up, then subscribe again
        if (g === sub.gen && extras.has(sub)) setTimeout(() => extras.has(sub) && connected && g === sub.gen && openExtra(sub, true), 1000);
      },
    },
  );
  if (reconnected && sub.onReconnect) sub.onReconnect();
}

/**
 * Subscribe on the app's socket (started if needed; signing out closes it). The subscription is
 * made again after every reconnection (with `variables()` then, when a function: e.g. a new
 * `since`), and `onReconnect` refetches what may have been missed meanwhile. Returns the
 * function that ends it.
 */
export function subscribe(query, variables, onData, onReconnect) {
  const sub = { query, variables, onData, onReconnect, gen: 0, unsubscribe: null };
  extras.add(sub);
  if (!client) ensureClient();
  else if (connected) openExtra(sub, false);
  return () => {
    extras.delete(sub);
    drop(sub);
  };
}

/**
 * `fn(code)` is told when the server closes the socket because the session ended (4401: signed
 * out elsewhere, password changed, token revoked, deactivated) or the rights changed (4403: role,
 * teams). graphql-ws gives up on 4401 and retries 4403; `restart()` reconnects at once.
 */
export function onAccessClose(fn) {
  onAccess = fn;
}

/** Reconnect now (the session was replaced, e.g. signed in again in this browser). */
export function restart() {
  if (!client) return;
  client.dispose();
  client = null;
  connected = false;
  startClient();
}

/** Close the socket (sign-out, session ended). */
export function stop() {
  extras.forEach(drop);
  extras.clear();
  drop(board);
  drop(watchers);
  clearTimeout(pongTimer);
  clearTimeout(settleTimer);
  clearTimeout(caughtUpTimer);
  clearTimeout(resyncTimer);
  const c = client;
  client = null;
  cycle = null;
  hooks = null;
  connected = false;
  removeEventListener('offline', onOffline);
  connection.value = 'idle';
  presence.value = null;
  if (c) c.dispose();
}
