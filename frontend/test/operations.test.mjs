// Every GraphQL operation the app sends (src/api/<area>.js) is valid against the server's schema
// (../schema.graphql, exported from the backend): a renamed field fails here, not in a browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { buildSchema, parse, validate, Kind } from 'graphql';
import { areas, exportsOf } from '../tools/operations.mjs';

const schema = buildSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));

/** What is wrong with each exported document: [] when every one is a valid named operation. */
function problemsOf(entries) {
  const problems = [];
  for (const [name, text] of entries) {
    if (typeof text !== 'string') {
      problems.push(`${name}: exports a ${typeof text}, not a document`);
      continue;
    }
    let doc;
    try {
      doc = parse(text);
    } catch (e) {
      problems.push(`${name}: ${e.message}`);
      continue;
    }
    const ops = doc.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    if (ops.length !== 1 || !ops[0].name) problems.push(`${name}: must hold exactly one named operation`);
    else for (const error of validate(schema, doc)) problems.push(`${name} (${ops[0].name.value}): ${error.message}`);
  }
  return problems;
}

test('the api folder has an operations module per area', () => {
  assert.deepEqual(areas.sort(), [
    'account.js',
    'admin.js',
    'cycle.js',
    'hints.js',
    'live.js',
    'meeting.js',
    'okr.js',
    'org.js',
    'reach.js',
    'retro.js',
    'sso.js',
    'work.js',
  ]);
});

for (const file of areas) {
  test(`every operation in api/${file} is one named operation, valid against schema.graphql`, async () => {
    const entries = await exportsOf(file);
    assert.ok(entries.length > 0, `api/${file} exports no operation`);
    assert.deepEqual(problemsOf(entries), []);
  });
}

test('a broken operation is reported by its name with the error', () => {
  const entries = [
    ['Q_GOOD', 'query Good { viewer { id } }'],
    ['Q_FIELD', 'query Field { viewer { id nickname } }'],
    ['Q_VARIABLE', 'query Variable($c: ID!) { cycles { id } }'],
    ['Q_ANONYMOUS', '{ viewer { id } }'],
    ['Q_SYNTAX', 'query Syntax { viewer { id }'],
  ];
  assert.deepEqual(problemsOf(entries), [
    'Q_FIELD (Field): Cannot query field "nickname" on type "User".',
    'Q_VARIABLE (Variable): Variable "$c" is never used in operation "Variable".',
    'Q_ANONYMOUS: must hold exactly one named operation',
    'Q_SYNTAX: Syntax Error: Expected Name, found <EOF>.',
  ]);
});

test('operations live in src/api only', () => {
  const operation = /`\s*(query|mutation|subscription)\s+\w+\s*[({]/;
  const stray = readdirSync(new URL('../src/', import.meta.url), { recursive: true })
    .filter((f) => f.endsWith('.js') && !f.startsWith('api'))
    .filter((f) => operation.test(readFileSync(new URL('../src/' + f, import.meta.url), 'utf8')));
  assert.deepEqual(stray, []);
});
