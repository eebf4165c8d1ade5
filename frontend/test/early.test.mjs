// Requests sent ahead (api/early.js) and taken by the client (api/client.js): each answer is
// taken once, by the same query with the same variables; a failed one is asked again; one
// forgotten is never served. `npm test`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sendAhead, forgetSent, sendFirstScreen } from '../src/api/early.js';
import { Q_BOARD } from '../src/api/okr.js';
import { gql } from '../src/api/client.js';

const sent = [];
/** A server answering each request with its number (and failing those `failing` names). */
function serve(failing = new Set()) {
  sent.length = 0;
  globalThis.fetch = async (endpoint, init) => {
    sent.push(JSON.parse(init.body));
    const n = sent.length;
    if (failing.has(n)) throw new TypeError('network down');
    return { ok: true, status: 200, json: async () => ({ data: { n } }) };
  };
}

const Q = 'query Board($c: ID!) { boardSeq(cycleId: $c) }';

test('an answer sent ahead is taken by the same query and variables, once', async () => {
  serve();
  sendAhead(Q, { c: 'cycle_1' });
  sendAhead(Q, { c: 'cycle_1' }); // already on its way: not sent twice
  assert.equal(sent.length, 1);
  assert.deepEqual(await gql(Q, { c: 'cycle_2' }), { n: 2 }); // other variables: asked now
  assert.deepEqual(await gql(Q, { c: 'cycle_1' }), { n: 1 }); // the one sent ahead
  assert.deepEqual(await gql(Q, { c: 'cycle_1' }), { n: 3 }); // taken: the next one asks again
  assert.equal(sent.length, 3);
});

test('one sent ahead that failed is asked again by its taker', async () => {
  serve(new Set([1]));
  sendAhead(Q, { c: 'cycle_1' });
  assert.deepEqual(await gql(Q, { c: 'cycle_1' }), { n: 2 });
});

test('forgotten answers sent ahead are never served', async () => {
  serve();
  sendAhead(Q, { c: 'cycle_1' });
  sendAhead('query Viewer { viewer { id } }');
  forgetSent(Q);
  assert.deepEqual(await gql(Q, { c: 'cycle_1' }), { n: 3 });
  forgetSent();
  assert.deepEqual(await gql('query Viewer { viewer { id } }'), { n: 4 });
});

const firstScreen = ['Board', 'Viewer', 'Cycles', 'Unread'];
const names = () => sent.map((b) => /^query (\w+)/.exec(b.query)[1]);

// the early script is a bundle of its own: its own copy of the module, sharing what was sent
const earlyScript = () => import('../src/api/early.js?early-script');

test("the app takes the answers the early script's copy sent", async () => {
  serve();
  globalThis.location = { pathname: '/board/cycle_9' };
  globalThis.lodestarAhead.firstScreenSent = false;
  (await earlyScript()).sendFirstScreen();
  assert.deepEqual(names(), firstScreen);
  sendFirstScreen(); // the app's copy: already sent
  assert.deepEqual(await gql(Q_BOARD, { c: 'cycle_9' }), { n: 1 });
  assert.equal(sent.length, 4);
  forgetSent();
});

test('an early script arriving after the app sent the first screen itself sends nothing', async () => {
  serve();
  globalThis.lodestarAhead.firstScreenSent = false;
  sendFirstScreen();
  assert.deepEqual(await gql(Q_BOARD, { c: 'cycle_9' }), { n: 1 }); // taken by the app
  (await earlyScript()).sendFirstScreen(); // else: a board nobody takes now, served stale later
  assert.deepEqual(names(), firstScreen);
  forgetSent();
  delete globalThis.location;
});
