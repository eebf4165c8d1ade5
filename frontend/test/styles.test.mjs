// The styles are split by area (src/styles/*.css, bundled through index.css): each rule lives in
// one place. A selector (or selector list) defined twice in the same @media context fails here;
// grouping shared declarations (`.a, .b { … }` and then `.a { … }`) is fine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';

const STYLES = new URL('../src/styles/', import.meta.url);

/** The style rules of a stylesheet: [{ context, selector, line }] (context: the enclosing at-rules). */
function rulesOf(css) {
  const src = css.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
  const rules = [];
  const context = [];
  let start = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '{') {
      const prelude = src.slice(start, i).trim().replace(/\s+/g, ' ');
      const line = src.slice(0, i).split('\n').length - (src.slice(start, i).trimStart().split('\n').length - 1);
      if (prelude.startsWith('@')) context.push(prelude);
      else {
        rules.push({ context: context.join(' '), selector: normalize(prelude), line });
        i = src.indexOf('}', i); // declarations: no nesting in these files
      }
      start = i + 1;
    } else if (c === '}') {
      context.pop();
      start = i + 1;
    } else if (c === ';') start = i + 1;
  }
  return rules;
}

/** `.b,.a >  .c` → `.a > .c, .b`: one spelling per selector list. */
function normalize(selectors) {
  return selectors
    .split(/,(?![^()]*\))/)
    .map((s) => s.trim().replace(/\s*([>+~])\s*/g, ' $1 '))
    .sort()
    .join(', ');
}

/** "file:line" pairs of rules defined twice, over several files: [[name, css]]. */
function duplicates(files) {
  const seen = new Map();
  const found = [];
  for (const [name, css] of files) {
    for (const r of rulesOf(css)) {
      const key = r.context + ' | ' + r.selector;
      const where = `${name}:${r.line}`;
      if (seen.has(key)) found.push(`${r.selector}${r.context ? ' in ' + r.context : ''}: ${seen.get(key)} and ${where}`);
      else seen.set(key, where);
    }
  }
  return found;
}

const names = readdirSync(STYLES).filter((f) => f.endsWith('.css'));
const read = (f) => readFileSync(new URL(f, STYLES), 'utf8');

test('no selector is defined twice across the style files', () => {
  assert.deepEqual(duplicates(names.map((f) => [f, read(f)])), []);
});

test('index.css bundles every style file', () => {
  const imported = [...read('index.css').matchAll(/@import '\.\/([\w-]+\.css)';/g)].map((m) => m[1]);
  assert.deepEqual(imported.sort(), names.filter((f) => f !== 'index.css').sort());
});

test('what counts as a selector defined twice', () => {
  const cases = [
    // [files, duplicates found]
    [[['a.css', '.x { color: red }\n.y { color: blue }\n.x { margin: 0 }']], ['.x: a.css:1 and a.css:3']],
    [
      [
        ['a.css', '.x { color: red }'],
        ['b.css', '/* note */\n.x { margin: 0 }'],
      ],
      ['.x: a.css:1 and b.css:2'],
    ],
    [[['a.css', '.a, .b { color: red }\n.b,.a { margin: 0 }']], ['.a, .b: a.css:1 and a.css:2']],
    [[['a.css', '.a>.b { color: red }\n.a > .b { margin: 0 }']], ['.a > .b: a.css:1 and a.css:2']],
    [
      [['a.css', '@media (min-width: 600px) {\n  .x { color: red }\n}\n@media (min-width: 600px) {\n  .x { margin: 0 }\n}']],
      ['.x in @media (min-width: 600px): a.css:2 and a.css:5'],
    ],
    // not duplicates: another @media context, a group then one of its members, :is() lists
    [[['a.css', '.x { color: red }\n@media (min-width: 600px) {\n  .x { margin: 0 }\n}']], []],
    [[['a.css', '.over,\n.under { font-weight: 600 }\n.over { color: purple }']], []],
    [[['a.css', ':is(.a, .b) { color: red }\n.a { margin: 0 }']], []],
  ];
  for (const [files, expected] of cases) assert.deepEqual(duplicates(files), expected, JSON.stringify(files));
});
