import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wallScroller, PAGE_SECONDS, HOLD_SECONDS } from '../src/lib/wallScroll.js';
import { onBoard, isWallPath, cycleIdFromPath } from '../src/lib/okr.js';

function wall({ height, viewport = 1000 }) {
  const state = { t: 0, y: 0, moves: [] };
  const s = wallScroller({
    now: () => state.t,
    viewport: () => viewport,
    height: () => height,
    at: () => state.y,
    scrollTo: (y) => ((state.y = y), state.moves.push(y)),
  });
  const wait = (seconds) => {
    for (let i = 0; i < seconds; i++) {
      state.t += 1000;
      s.tick();
    }
  };
  return { state, s, wait };
}

test('wallScroller: a page at a time, back to the top at the end', () => {
  const { state, wait } = wall({ height: 2600 });
  wait(PAGE_SECONDS - 1);
  assert.deepEqual(state.moves, []);
  wait(1);
  assert.deepEqual(state.moves, [800]);
  wait(PAGE_SECONDS * 3);
  assert.deepEqual(state.moves, [800, 1600, 0, 800]);
});

test('wallScroller: a board that fits never moves; a touch holds it still', () => {
  const fits = wall({ height: 1000 });
  fits.wait(PAGE_SECONDS * 5);
  assert.deepEqual(fits.state.moves, []);
  const { state, s, wait } = wall({ height: 5000 });
  wait(PAGE_SECONDS - 2);
  s.interacted();
  wait(HOLD_SECONDS - 1);
  assert.deepEqual(state.moves, []);
  wait(2);
  assert.deepEqual(state.moves, [800]);
});

test('the wall has its own address', () => {
  assert.ok(isWallPath('/wall/cyc_1') && isWallPath('/wall'));
  assert.ok(!isWallPath('/board/cyc_1') && !isWallPath('/wallpaper'));
  assert.equal(cycleIdFromPath('/wall/cyc_1'), 'cyc_1');
});

test('onBoard: drafts only for whoever may edit them, never on the wall', () => {
  const me = { id: 'user_1', role: 'MEMBER' };
  const admin = { id: 'user_9', role: 'ADMIN' };
  const mine = { state: 'DRAFT', owner: { id: 'user_1' } };
  const theirs = { state: 'DRAFT', owner: { id: 'user_2' } };
  const published = { state: 'PUBLISHED', owner: { id: 'user_2' } };
  assert.equal(onBoard(published, me), true);
  assert.equal(onBoard(published, me, true), true);
  assert.equal(onBoard(mine, me), true);
  assert.equal(onBoard(theirs, me), false);
  assert.equal(onBoard(theirs, admin), true);
  assert.equal(onBoard(mine, me, true), false);
  assert.equal(onBoard({ ...theirs, viewerCan: { edit: true } }, me), true); // a lead, say
  assert.equal(onBoard({ ...mine, viewerCan: { edit: false } }, me), false);
});
