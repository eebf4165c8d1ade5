// Pure logic of the editor, objective page and check-in sheet: `npm test`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  kindFields,
  requiredFields,
  krInput,
  krForm,
  progressSources,
  parseNumber,
  weightSum,
  weightsProblem,
  evenWeights,
  checkInMode,
  checkInInput,
  sliderRange,
  initialValue,
  chartModel,
} from '../src/lib/krlogic.js';
import { createQueue, createDrafts, flushQueue, serialized, isTransient, newId } from '../src/lib/offline.js';

class MemoryStorage {
  constructor() {
    this.m = new Map();
  }
  getItem(k) {
    return this.m.has(k) ? this.m.get(k) : null;
  }
  setItem(k, v) {
    this.m.set(k, String(v));
  }
  removeItem(k) {
    this.m.delete(k);
  }
}

const apiError = (code, message = 'nope', field = null) => Object.assign(new Error(message), { code, field });

// ---- kind → fields ---------------------------------------------------------------------------

test('each kind asks for the fields it needs', () => {
  assert.deepEqual(kindFields('INCREASE'), ['startValue', 'targetValue', 'unit', 'dueDate']);
  assert.deepEqual(kindFields('DECREASE'), ['startValue', 'targetValue', 'unit', 'dueDate']);
  assert.deepEqual(kindFields('RANGE'), ['rangeMin', 'rangeMax', 'startValue', 'unit', 'dueDate']);
  assert.deepEqual(kindFields('MILESTONE'), ['dueDate']);
  assert.deepEqual(kindFields('BASELINE'), ['dueDate']);
  assert.deepEqual(requiredFields('RANGE'), ['rangeMin', 'rangeMax', 'startValue']);
  assert.deepEqual(requiredFields('MILESTONE'), ['dueDate']);
  assert.deepEqual(requiredFields('COUNT', 'TASKS'), []);
  assert.ok(progressSources('COUNT').includes('TASKS'));
  assert.ok(!progressSources('INCREASE').includes('TASKS'));
});

test('krInput sends the fields of the kind, clears the others and names missing ones', () => {
  const { input, errors } = krInput({ title: ' Churn ', kind: 'DECREASE', startValue: '8', targetValue: '5', unit: '%', rangeMin: '3' });
  assert.deepEqual(errors, {});
  assert.equal(input.title, 'Churn');
  assert.equal(input.startValue, 8);
  assert.equal(input.targetValue, 5);
  assert.equal(input.rangeMin, null); // not a DECREASE field: cleared
  assert.equal(input.progressSource, 'MANUAL');

  const range = krInput({ title: 'Focus', kind: 'RANGE', rangeMin: '60', rangeMax: '', startValue: 'abc' });
  assert.equal(range.errors.rangeMax, 'form.required');
  assert.equal(range.errors.startValue, 'form.notNumber');

  const ms = krInput({ title: 'Design', kind: 'MILESTONE', startValue: '4', dueDate: '' });
  assert.equal(ms.errors.dueDate, 'form.required');
  assert.equal(ms.input.startValue, null);
  assert.equal(ms.input.unit, '');

  assert.equal(krInput({ kind: 'COUNT', progressSource: 'TASKS' }).errors.title, 'form.required');
  assert.equal(krInput({ title: 'x', kind: 'INCREASE', progressSource: 'TASKS' }).input.progressSource, 'MANUAL');
  assert.equal(krForm({ title: 'a', kind: 'RANGE', rangeMin: 60, rangeMax: null }).rangeMax, '');
});

test('parseNumber accepts separators and rejects garbage', () => {
  assert.equal(parseNumber('1,234.5'), 1234.5);
  assert.equal(parseNumber(' 7 '), 7);
  assert.equal(parseNumber(''), null);
  assert.ok(Number.isNaN(parseNumber('12abc')));
  assert.equal(parseNumber('１００'), 100);
  assert.equal(parseNumber('１，２３４．５'), 1234.5);
  assert.equal(parseNumber('－３'), -3);
  assert.equal(parseNumber('12。5'), 12.5);
});

// ---- weights --------------------------------------------------------------------------------

test('the weight sum is what publishing checks', () => {
  assert.equal(weightSum(['60', '40']), 100);
  assert.equal(weightSum([33.33, 33.33, 33.33]), 99.99);
  assert.equal(weightSum(['', '25']), 25);
  assert.ok(Number.isNaN(weightSum(['x', '1'])));
  assert.equal(weightsProblem(['60', '40']), null);
  assert.equal(weightsProblem([33.33, 33.33, 33.34]), null);
  assert.equal(weightsProblem([33.33, 33.33, 33.33]), null); // 99.99: within ±0.01
  assert.equal(weightsProblem([50, 49.9]), 'weights.notReady');
  assert.equal(weightsProblem([]), 'weights.noKrs');
  assert.equal(weightsProblem([150, -50]), 'weights.outOfRange');
  // a lone 100.001 reads as 100.001, and the reason is its range, not the total
  assert.equal(weightSum(['100.001']), 100.001);
  assert.equal(weightsProblem(['100.001']), 'weights.outOfRange');
  assert.equal(weightsProblem(['60', 'abc']), 'weights.notNumber');
  assert.equal(weightsProblem(['６０', '４０']), null);
});

test('evenWeights splits 100 with two decimals, summing to exactly 100', () => {
  assert.deepEqual(evenWeights(2), [50, 50]);
  assert.deepEqual(evenWeights(3), [33.34, 33.33, 33.33]);
  for (const n of [1, 6, 7, 9]) assert.equal(weightSum(evenWeights(n)), 100);
  assert.deepEqual(evenWeights(0), []);
});

// ---- check-in values --------------------------------------------------------------------------

test('check-in mode and input per kind', () => {
  const ms = { id: 'kr_1', kind: 'MILESTONE', progressSource: 'MANUAL', currentValue: null };
  assert.equal(checkInMode(ms), 'toggle');
  assert.equal(initialValue(ms), '0');
  assert.deepEqual(checkInInput(ms, { value: '1', confidence: 8, note: ' ok ' }).input, {
    keyResultId: 'kr_1',
    value: 1,
    confidence: 8,
    note: 'ok',
  });
  const inc = { id: 'kr_2', kind: 'INCREASE', progressSource: 'MANUAL', startValue: 0, targetValue: 12, currentValue: 7 };
  assert.equal(checkInMode(inc), 'number');
  assert.equal(initialValue(inc), '7');
  assert.equal(checkInInput(inc, { value: '' }).errors.value, 'form.required');
  assert.equal(checkInInput(inc, { value: '9', confidence: '11' }).errors.confidence, 'checkin.confidenceRange');
  assert.equal(checkInInput(inc, { value: '9', confidence: '' }).input.confidence, undefined);
  assert.equal(checkInMode({ kind: 'COUNT', progressSource: 'TASKS' }), 'none');
  assert.equal(checkInInput({ id: 'k', kind: 'COUNT', progressSource: 'TASKS' }, { value: '3' }).input.value, undefined);
});

test('the slider spans start to target, with room to overshoot', () => {
  const r = sliderRange({ kind: 'INCREASE', startValue: 0, targetValue: 12, currentValue: 7 });
  assert.ok(r.min <= 0 && r.max >= 12 && r.step >= 1);
  const d = sliderRange({ kind: 'DECREASE', startValue: 45, targetValue: 25, currentValue: 41.9 });
  assert.ok(d.min <= 25 && d.max >= 45 && d.step > 0);
  const band = sliderRange({ kind: 'RANGE', startValue: 120, rangeMin: 60, rangeMax: 90, currentValue: null });
  assert.ok(band.min < 60 && band.max > 120);
});

// ---- chart ---------------------------------------------------------------------------------------

test('chartModel puts check-ins against the expected line', () => {
  const cycle = { startsOn: '2026-10-01', endsOn: '2026-12-31' };
  const kr = { kind: 'INCREASE', startValue: 0, targetValue: 10, dueDate: null };
  const m = chartModel(
    kr,
    cycle,
    [
      { createdAt: '2026-11-15T00:00:00Z', value: 6 },
      { createdAt: '2026-10-20T00:00:00Z', value: 2 },
    ],
    Date.parse('2026-11-20T00:00:00Z'),
  );
  assert.equal(m.points.length, 3); // the start, then the check-ins oldest first
  assert.equal(m.points[0].x, 0);
  assert.deepEqual(
    m.points.map((p) => p.value),
    [0, 2, 6],
  );
  assert.equal(m.expected.length, 2);
  assert.equal(m.expected[1].x, 1);
  assert.ok(m.expected[1].y > m.expected[0].y);
  assert.ok(m.now > 0 && m.now < 1);
  for (const p of m.points) assert.ok(p.y >= 0 && p.y <= 1);

  const ms = chartModel({ kind: 'MILESTONE', dueDate: '2026-11-01' }, cycle, [], Date.parse('2026-10-10T00:00:00Z'));
  assert.equal(ms.expected.length, 4); // a step at the due date
  assert.ok(ms.expected[1].x < 1);

  const band = chartModel({ kind: 'RANGE', startValue: 120, rangeMin: 60, rangeMax: 90 }, cycle, []);
  assert.ok(band.band.y0 < band.band.y1);
  assert.equal(chartModel(kr, null, []), null);
});

// ---- the offline outbox -------------------------------------------------------------------------

test('ids made on the device are distinct and valid clientIds for the server', () => {
  const ids = Array.from({ length: 200 }, newId);
  assert.equal(new Set(ids).size, ids.length);
  for (const id of ids) assert.match(id, /^[A-Za-z0-9_.:-]{1,64}$/); // backend/domain/validation.py CLIENT_ID
});

test('queued check-ins survive a reload and leave only once accepted', async () => {
  const storage = new MemoryStorage();
  const q = createQueue(storage);
  q.add('u1', { keyResultId: 'kr_1', value: 3 });
  q.add('u2', { keyResultId: 'kr_9', value: 1 });
  q.add('u1', { keyResultId: 'kr_2', value: 4 });
  // "reload": a fresh queue over the same storage
  const q2 = createQueue(storage);
  assert.equal(q2.forUser('u1').length, 2);

  // offline: nothing leaves
  let calls = 0;
  const offline = await flushQueue(q2, 'u1', async () => {
    calls++;
    throw apiError('NETWORK');
  });
  assert.equal(offline.stopped, true);
  assert.equal(calls, 1);
  assert.equal(q2.forUser('u1').length, 2);

  // online: each sent once, in order; other people's items stay
  const sent = [];
  const res = await flushQueue(q2, 'u1', async (input) => {
    sent.push(input.keyResultId);
    return { id: input.keyResultId };
  });
  assert.deepEqual(sent, ['kr_1', 'kr_2']);
  assert.equal(res.sent.length, 2);
  assert.equal(q2.forUser('u1').length, 0);
  assert.equal(q2.forUser('u2').length, 1);
  // nothing left to send twice
  await flushQueue(q2, 'u1', async () => assert.fail('sent again'));
});

test('a refused check-in is handed back with the server message and leaves the queue', async () => {
  const q = createQueue(new MemoryStorage());
  q.add('u1', { keyResultId: 'kr_1', value: 5, note: 'typed' });
  q.add('u1', { keyResultId: 'kr_2', value: 2 });
  const handedBack = [];
  const res = await flushQueue(
    q,
    'u1',
    async (input) => {
      if (input.keyResultId === 'kr_1') throw apiError('BAD_USER_INPUT', 'Value is wrong', 'value');
      return {};
    },
    { onRejected: (item, err) => handedBack.push([item.input.note, err.message, err.field]) },
  );
  assert.deepEqual(handedBack, [['typed', 'Value is wrong', 'value']]);
  assert.equal(res.sent.length, 1);
  assert.equal(q.all().length, 0);
  assert.ok(isTransient(apiError('NETWORK')) && isTransient(apiError('UNAUTHENTICATED')));
  assert.ok(!isTransient(apiError('FORBIDDEN')));
});

test('a failure mid-send keeps the item: it is removed only after the server accepted it', async () => {
  const q = createQueue(new MemoryStorage());
  const item = q.add('u1', { keyResultId: 'kr_1', value: 5 });
  await flushQueue(q, 'u1', async () => {
    assert.ok(q.has(item.id), 'still queued while the request is in flight');
    throw apiError('HTTP');
  });
  assert.ok(q.has(item.id));
});

test('two flushes at once (two online events, two tabs) send each check-in once', async () => {
  const storage = new MemoryStorage();
  const q = createQueue(storage);
  q.add('u1', { keyResultId: 'kr_1', value: 1 });
  q.add('u1', { keyResultId: 'kr_2', value: 2 });
  let count = 0;
  const send = async () => {
    count++;
    await new Promise((r) => setTimeout(r, 5));
    return {};
  };
  // a tiny in-memory stand-in for navigator.locks shared by two "tabs"
  let chain = Promise.resolve();
  const locks = { request: (_name, fn) => (chain = chain.then(fn, fn)) };
  const tabA = serialized(() => flushQueue(createQueue(storage), 'u1', send), { locks });
  const tabB = serialized(() => flushQueue(createQueue(storage), 'u1', send), { locks });
  await Promise.all([tabA(), tabA(), tabB()]);
  assert.equal(count, 2);
  assert.equal(q.all().length, 0);
});

test('drafts are kept per person and key result', () => {
  const storage = new MemoryStorage();
  const d = createDrafts(storage);
  d.set('u1', 'kr_1', { value: '5', note: 'half way' });
  assert.deepEqual(createDrafts(storage).get('u1', 'kr_1'), { value: '5', note: 'half way' });
  assert.equal(d.get('u2', 'kr_1'), null);
  d.clear('u1', 'kr_1');
  assert.equal(d.get('u1', 'kr_1'), null);
  storage.setItem('lodestar.checkins.drafts', '{not json');
  assert.equal(d.get('u1', 'kr_1'), null);
});
