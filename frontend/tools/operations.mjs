// Every GraphQL operation the app sends: each export of src/api/<area>.js but the HTTP client and
// the shared selections. test/operations.test.mjs validates them against schema.graphql; the
// server's tests ask for them to hold them under the query cost budget:
//   node tools/operations.mjs    print {"<area>.js": {"<EXPORT>": "<document>", …}, …} as JSON
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const API = new URL('../src/api/', import.meta.url);
const NOT_OPERATIONS = new Set(['client.js', 'early.js', 'fields.js']); // the HTTP client (and its requests sent ahead), shared selections

export const areas = readdirSync(API).filter((f) => f.endsWith('.js') && !NOT_OPERATIONS.has(f));

/** [export name, value] of each export of api/<file>. */
export async function exportsOf(file) {
  return Object.entries(await import(new URL(file, API)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const all = {};
  for (const file of areas) all[file] = Object.fromEntries(await exportsOf(file));
  process.stdout.write(JSON.stringify(all));
}
