// The web app's "are you sure?" rule runs the server's table (tests/unit/plausibility_cases.json).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { implausibleValue } from '../src/lib/krlogic.js';

const { cases } = JSON.parse(readFileSync(new URL('../../tests/unit/plausibility_cases.json', import.meta.url), 'utf8'));

for (const [name, kind, unit, value, startValue, targetValue, rangeMin, rangeMax, expected] of cases) {
  test(`implausibleValue: ${name}`, () => {
    assert.equal(implausibleValue({ kind, unit, startValue, targetValue, rangeMin, rangeMax }, value), expected);
  });
}
