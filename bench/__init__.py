"""`python -m bench`: Lodestar measured against its floor (DESIGN §8, issue 6).

Every figure that matters is a ratio against a floor measured in the same run, because the
shared 2-core machines drift from run to run. One module per job:

| module | job |
|---|---|
| `__main__` | options, the order of the parts, the exit code |
| `dataset` | a fresh organisation of N objectives in a fresh database (bulk inserts) |
| `server` | start / stop a Lodestar server process (always stopped), its RSS |
| `probe` | the server wrapper: the real `lodestar serve` plus Server-Timing, loop-lag sampler |
| `sqlcount` | counts SQL statements of an in-process request (patched Tortoise clients) |
| `floor` | the floors: raw driver fetch + nesting + orjson; the check-in's writes as raw SQL |
| `board` `checkin` `live` `frontend` `soak` `dashboard` `presence` | the parts of the table |
| `subscribers` | the websocket subscribers, run in their own process |
| `gql` | a minimal GraphQL-over-HTTP client |
| `queries` | the web app's operations (read from the frontend) and the bench's own |
| `report` | budgets, the table, `bench/results/latest.md` and `.json` |
| `stats` | medians and percentiles |
"""
