// Requests sent ahead (api/early.js) and taken by the client (api/client.js): each answer is
// taken once, by the same query with the same variables; a failed one is asked again; one
// forgotten is never served. `npm test`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sendAhead, forgetSent } from '../src/api/early.js';
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
