// The time-driven refresh with a controlled clock: hourly, and at midnight where the organization is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { localDay, nextMidnight, nextRefresh } from '../src/lib/clock.js';

const at = (iso) => Date.parse(iso);
const iso = (ms) => new Date(ms).toISOString();

test('Beijing midnight is 16:00 UTC; the refresh before it is the next full hour', () => {
  assert.equal(iso(nextMidnight(at('2026-12-12T09:20:00Z'), 'Asia/Shanghai')), '2026-12-12T16:00:00.000Z');
  assert.equal(iso(nextRefresh(at('2026-12-12T09:20:00Z'), 'Asia/Shanghai')), '2026-12-12T10:00:00.000Z');
  // exactly on the hour: the next one, never now
  assert.equal(iso(nextRefresh(at('2026-12-12T16:00:00Z'), 'Asia/Shanghai')), '2026-12-12T17:00:00.000Z');
});

test('a zone off the hour gets its own midnight between two hourly refreshes', () => {
  // India is UTC+5:30: its midnight is 18:30 UTC
  assert.equal(iso(nextRefresh(at('2026-12-12T18:05:00Z'), 'Asia/Kolkata')), '2026-12-12T18:30:00.000Z');
  assert.equal(iso(nextRefresh(at('2026-12-12T18:30:00Z'), 'Asia/Kolkata')), '2026-12-12T19:00:00.000Z');
  // Nepal, UTC+5:45
  assert.equal(iso(nextRefresh(at('2026-12-12T18:01:00Z'), 'Asia/Kathmandu')), '2026-12-12T18:15:00.000Z');
});

test('days of 23 and 25 hours land on local midnight', () => {
  // New York springs forward on 8 March 2026 and falls back on 1 November 2026
  assert.equal(iso(nextMidnight(at('2026-03-08T12:00:00Z'), 'America/New_York')), '2026-03-09T04:00:00.000Z');
  assert.equal(iso(nextMidnight(at('2026-11-01T12:00:00Z'), 'America/New_York')), '2026-11-02T05:00:00.000Z');
  // 23:30 on the 7th (EST): midnight is still at -5
  assert.equal(iso(nextMidnight(at('2026-03-08T04:30:00Z'), 'America/New_York')), '2026-03-08T05:00:00.000Z');
  // 23:30 on the 8th (EDT, -4): the 9th begins at 04:00 UTC
  assert.equal(iso(nextMidnight(at('2026-03-09T03:30:00Z'), 'America/New_York')), '2026-03-09T04:00:00.000Z');
});

test('an unknown zone counts as UTC; no zone too', () => {
  assert.equal(iso(nextMidnight(at('2026-12-12T23:59:00Z'), 'Mars/Olympus')), '2026-12-13T00:00:00.000Z');
  assert.equal(iso(nextRefresh(at('2026-12-12T23:20:00Z'), '')), '2026-12-13T00:00:00.000Z');
});

test("the organization's today", () => {
  // 12 December 17:00 UTC is already the 13th in Beijing, still the 12th in New York
  assert.equal(localDay(at('2026-12-12T17:00:00Z'), 'Asia/Shanghai'), '2026-12-13');
  assert.equal(localDay(at('2026-12-12T17:00:00Z'), 'America/New_York'), '2026-12-12');
  assert.equal(localDay(at('2026-12-12T23:59:00Z'), 'Nowhere/Else'), '2026-12-12');
});
