// Writing hints in the app: spans in characters, the request feed (debounced, stale answers
// dropped, failures silent), the form's measure, the board's markers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hintFeed, quoted, segments } from '../src/lib/hints.js';
import { hintInputs, markerLines, ownHintsChanged } from '../src/lib/boardHints.js';
import { isMeasured, krForm } from '../src/lib/krlogic.js';

test('spans count characters (code points), as the server does', () => {
  const cases = [
    ['提升用户满意度', { start: 0, end: 7 }, '提升用户满意度'],
    ['📈 grow revenue', { start: 2, end: 6 }, 'grow'], // the emoji is one character, two UTF-16 units
    ['short', { start: 2, end: 9 }, null], // no longer fits: the text changed since
    ['short', { start: null, end: null }, null],
    ['short', { start: 3, end: 3 }, null],
  ];
  for (const [text, span, expected] of cases) assert.equal(quoted(text, span), expected, text);
});

test('segments mark every span, merged, and leave the rest as typed', () => {
  assert.deepEqual(segments('拜访客户，每周开例会', [{ start: 5, end: 10 }]), [
    { text: '拜访客户，', marked: false },
    { text: '每周开例会', marked: true },
  ]);
  assert.deepEqual(
    segments('abcdef', [
      { start: 0, end: 2 },
      { start: 1, end: 3 },
      { start: 5, end: 6 },
      { start: 4, end: 99 },
    ]),
    [
      { text: 'abc', marked: true },
      { text: 'de', marked: false },
      { text: 'f', marked: true },
    ],
  );
  assert.deepEqual(segments('', [{ start: 0, end: 1 }]), []);
  assert.deepEqual(segments('abc', []), [{ text: 'abc', marked: false }]);
});

/** Timers run by hand: `advance(ms)` fires what is due. */
function fakeTimers() {
  let now = 0;
  let next = 1;
  const due = new Map();
  return {
    setTimeout(fn, ms) {
      due.set(next, [now + ms, fn]);
      return next++;
    },
    clearTimeout(id) {
      due.delete(id);
    },
    async advance(ms) {
      now += ms;
      for (const [id, [at, fn]] of [...due]) {
        if (at <= now) {
          due.delete(id);
          fn(); // the feed's callback waits for its answer: the test gives it
        }
      }
      await flush();
    },
  };
}

const flush = () => new Promise((r) => setImmediate(r));

function harness() {
  const timers = fakeTimers();
  const asked = [];
  const shown = [];
  const answers = new Map(); // text → resolve
  const ask = (request) =>
    new Promise((resolve, reject) => {
      asked.push(request.text);
      answers.set(request.text, { resolve, reject });
    });
  const feed = hintFeed(ask, (hints) => shown.push(hints), { wait: 300, timers });
  return { timers, asked, shown, answers, feed };
}

test('one request 300 ms after the last change, none for the same request again', async () => {
  const { timers, asked, shown, answers, feed } = harness();
  for (const text of ['提', '提升', '提升用户满意度']) {
    feed.want({ text, target: 'KEY_RESULT' }, 'zh-CN');
    await timers.advance(100);
  }
  assert.deepEqual(asked, []);
  await timers.advance(200);
  assert.deepEqual(asked, ['提升用户满意度']);
  feed.want({ text: '提升用户满意度', target: 'KEY_RESULT' }, 'zh-CN');
  await timers.advance(300);
  assert.deepEqual(asked, ['提升用户满意度']);
  answers.get('提升用户满意度').resolve([{ code: 'NOT_MEASURABLE' }]);
  await flush();
  assert.deepEqual(shown, [[{ code: 'NOT_MEASURABLE' }]]);
  // another language is another request
  feed.want({ text: '提升用户满意度', target: 'KEY_RESULT' }, 'en');
  await timers.advance(300);
  assert.deepEqual(asked, ['提升用户满意度', '提升用户满意度']);
});

test('a stale answer is dropped; a failure and blank text show nothing', async () => {
  const { timers, shown, answers, feed } = harness();
  feed.want({ text: 'improve onboarding' });
  await timers.advance(300);
  feed.want({ text: 'improve onboarding from 40% to 60%' });
  answers.get('improve onboarding').resolve([{ code: 'NOT_MEASURABLE' }]); // answers late
  await flush();
  assert.deepEqual(shown, []);
  await timers.advance(300);
  answers.get('improve onboarding from 40% to 60%').reject(new Error('offline'));
  await flush();
  assert.deepEqual(shown, [[]]);
  feed.want({ text: '  ' });
  assert.deepEqual(shown, [[], []]);
  feed.want({ text: 'ship it' });
  feed.stop(); // the form closed: nothing is asked any more
  await timers.advance(300);
  assert.equal(answers.has('ship it'), false);
});

test('the form holds the number when a target, both bounds or another progress source is set', () => {
  const form = (fields) => ({ ...krForm(null), ...fields });
  const cases = [
    [{}, false],
    [{ targetValue: '90' }, true],
    [{ targetValue: 'lots' }, false],
    [{ startValue: '80' }, false],
    [{ kind: 'RANGE', rangeMin: '2', rangeMax: '4' }, true],
    [{ kind: 'RANGE', rangeMin: '2' }, false],
    [{ kind: 'MILESTONE', targetValue: '9' }, false], // a milestone has no target field
    [{ kind: 'COUNT', progressSource: 'TASKS' }, true],
    [{ kind: 'INCREASE', progressSource: 'TASKS' }, false], // not a source an increase may have
    [{ progressSource: 'ALIGNED' }, true],
  ];
  for (const [fields, expected] of cases) assert.equal(isMeasured(form(fields)), expected, JSON.stringify(fields));
});

const kr = (id, title, extra = {}) => ({ id, title, kind: 'INCREASE', targetValue: 10, weight: 50, progress: 0, ...extra });
const obj = (id, ownerId, krs, extra = {}) => ({ id, title: 'O ' + id, owner: { id: ownerId }, keyResults: krs, ...extra });

test('a marker lists the objective’s hints, then each key result’s by name; rows without hints have none', () => {
  const named = (title, message) => `${title}: ${message}`;
  const lines = markerLines(
    [
      { id: 'o1', hints: [{ message: 'weights' }], keyResults: [{ id: 'k1', title: 'NPS', hints: [{ message: 'a number?' }] }] },
      { id: 'o2', hints: [], keyResults: [{ id: 'k2', title: 'Fine', hints: [] }] },
    ],
    named,
  );
  assert.deepEqual([...lines], [['o1', ['weights', 'NPS: a number?']]]);
});

test('only an owner’s objectives whose words, kinds or numbers changed call for new hints', () => {
  const a = obj('a', 'me', [kr('k1', 'Grow NPS')]);
  const b = obj('b', 'other', [kr('k2', 'Cut churn')]);
  const prev = [a, b];
  const cases = [
    ['nothing changed', [a, b], false],
    ['a check-in moved my progress', [{ ...a, keyResults: [{ ...a.keyResults[0], progress: 0.4 }] }, b], false],
    ['my key result renamed', [{ ...a, keyResults: [{ ...a.keyResults[0], title: 'Grow NPS to 50' }] }, b], true],
    ['my key result’s kind', [{ ...a, keyResults: [{ ...a.keyResults[0], kind: 'DECREASE' }] }, b], true],
    ['my objective renamed', [{ ...a, title: 'Delight' }, b], true],
    ['someone else’s renamed', [a, { ...b, title: 'Theirs' }], false],
    ['a new objective of mine', [a, b, obj('c', 'me', [])], true],
  ];
  for (const [name, next, expected] of cases) assert.equal(ownHintsChanged(prev, next, 'me'), expected, name);
  assert.notEqual(hintInputs(a), hintInputs({ ...a, keyResults: [{ ...a.keyResults[0], weight: 40 }] }));
});
