// The graphql-over-HTTP conformance audit (the `graphql-http` package's serverAudits) against a
// running server; tests/security/test_protocols.py runs it.
//   node tools/graphql-http-audit.mjs URL    print [{"id", "name", "status", "reason"}, …] as JSON
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
const results = [];
for (const audit of serverAudits({ url })) {
  const result = await audit.fn();
  results.push({ id: audit.id, name: audit.name, status: result.status, reason: result.reason ?? null });
}
process.stdout.write(JSON.stringify(results));
