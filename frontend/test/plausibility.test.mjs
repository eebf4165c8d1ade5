// Check-ins people can trust: the web app's "are you sure?" rule runs the server's table
// (tests/unit/plausibility_cases.json); retracted check-ins leave the chart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { chartModel, implausibleValue } from '../src/lib/krlogic.js';

const { cases } = JSON.parse(readFileSync(new URL('../../tests/unit/plausibility_cases.json', import.meta.url), 'utf8'));

for (const [name, kind, unit, value, startValue, targetValue, rangeMin, rangeMax, expected] of cases) {
  test(`implausibleValue: ${name}`, () => {
    assert.equal(implausibleValue({ kind, unit, startValue, targetValue, rangeMin, rangeMax }, value), expected);
  });
}

test('chartModel leaves corrected and withdrawn check-ins out of the line', () => {
  const cycle = { startsOn: '2026-10-01', endsOn: '2026-12-31' };
  const kr = { kind: 'INCREASE', startValue: 0, targetValue: 10, dueDate: null };
  const m = chartModel(kr, cycle, [
    { createdAt: '2026-11-15T00:00:00Z', value: 2150, retractedAt: '2026-11-16T00:00:00Z' },
    { createdAt: '2026-11-15T00:00:00Z', value: 6, retractedAt: null },
    { createdAt: '2026-10-20T00:00:00Z', value: 2, retractedAt: '2026-10-21T00:00:00Z' },
  ]);
  assert.deepEqual(
    m.points.map((p) => p.value),
    [0, 6],
  );
});
