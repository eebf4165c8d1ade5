"""A schemathesis GraphQL fuzz run against a real server: every query and mutation of
schema.graphql, with arguments generated from their types and ids drawn from the demo
company's real ones (plus malformed ones), sent as its admin. No answer may be a server error
(HTTP 5xx) or an INTERNAL GraphQL error. `FUZZ_EXAMPLES` cases per operation (a few thousand
in all); LODESTAR_FUZZ_EXAMPLES raises it for a longer run."""

import os
from typing import Any

import httpx
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.graphql import nodes

from tests.live.client import ADMIN, PASSWORD
from tests.servers import REPO, Server

FUZZ_EXAMPLES = int(os.environ.get("LODESTAR_FUZZ_EXAMPLES", "25"))
SEED = """query($c: ID!) { cycles { id } people { id email } teams { id }
  notifications { id } meetings(cycleId: $c) { id }
  objectives(cycleId: $c) { id keyResults { id checkIns(first: 2) { id } } } }"""


def sign_in(base: str) -> str:
    """The admin's API token."""
    with httpx.Client(base_url=base, timeout=30) as http:

        def ask(query: str, **variables: Any) -> dict[str, Any]:
            body = http.post("/graphql", json={"query": query, "variables": variables}).json()
            assert not body.get("errors"), body
            return body["data"]

        ask(
            "mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { id } }",
            e=ADMIN,
            p=PASSWORD,
        )
        return ask('mutation { createApiToken(name: "fuzz") { token } }')["createApiToken"]["token"]


def real_ids(base: str, token: str) -> list[str]:
    """Ids of the demo company the fuzz draws from: cycles, people (not the admin: a fuzzed
    deactivation would end the run), teams, objectives, key results, check-ins, tasks,
    comments, notifications and meetings."""
    with httpx.Client(
        base_url=base, timeout=30, headers={"Authorization": f"Bearer {token}"}
    ) as http:

        def ask(query: str, **variables: Any) -> dict[str, Any]:
            body = http.post("/graphql", json={"query": query, "variables": variables}).json()
            assert not body.get("errors"), body
            return body["data"]

        cycle = ask("{ cycles { id phase } }")["cycles"][0]["id"]
        data = ask(SEED, c=cycle)
        ids = [c["id"] for c in data["cycles"]] + [t["id"] for t in data["teams"]]
        ids += [p["id"] for p in data["people"] if p["email"] != ADMIN]
        ids += [n["id"] for n in data["notifications"][:20]] + [m["id"] for m in data["meetings"]]
        for objective in data["objectives"][:40]:
            ids.append(objective["id"])
            for kr in objective["keyResults"]:
                ids += [kr["id"], *(c["id"] for c in kr["checkIns"])]
        for target in ids[-10:]:
            if target.startswith("kr_"):
                tasks = ask("query($t: ID!) { tasks(targetId: $t) { id } }", t=target)["tasks"]
                comments = ask("query($t: ID!) { comments(targetId: $t) { id } }", t=target)
                ids += [t["id"] for t in tasks] + [c["id"] for c in comments["comments"]]
        return ids


def test_no_generated_request_is_a_server_error(server: Server) -> None:
    token = sign_in(server.base)
    ids = real_ids(server.base, token)
    assert len(ids) > 50
    malformed = st.sampled_from(["", "obj_", "obj_²", "obj_١٢", "kr_-1", "cycle_99999999999", "x"])
    schemathesis.graphql.scalar(
        "ID", st.one_of(st.sampled_from(ids), st.sampled_from(ids), malformed).map(nodes.String)
    )
    schemathesis.graphql.scalar(
        "Date", st.one_of(st.dates().map(str), st.text(max_size=12)).map(nodes.String)
    )
    schemathesis.graphql.scalar(
        "DateTime",
        st.one_of(st.datetimes().map(lambda d: d.isoformat() + "Z"), st.text(max_size=12)).map(
            nodes.String
        ),
    )
    schema = schemathesis.graphql.from_path(REPO / "schema.graphql")
    headers = {"Authorization": f"Bearer {token}", "Accept-Language": "en"}
    failures: list[str] = []
    sent = 0
    with httpx.Client(base_url=server.base, timeout=60, headers=headers) as http:
        for result in schema.get_all_operations():
            operation = result.ok()

            @given(operation.as_strategy())
            @settings(
                max_examples=FUZZ_EXAMPLES,
                phases=[Phase.generate],
                derandomize=True,
                database=None,
                deadline=None,
                suppress_health_check=list(HealthCheck),
            )
            def run(case: Any) -> None:
                nonlocal sent
                sent += 1
                res = http.post("/graphql", json=case.body)
                codes = (
                    [
                        (e.get("extensions") or {}).get("code")
                        for e in (res.json().get("errors") or [])
                    ]
                    if res.headers.get("content-type", "").startswith("application/")
                    else []
                )
                if res.status_code >= 500 or "INTERNAL" in codes:
                    failures.append(
                        f"{case.operation.label}: {res.status_code} {res.text[:300]}\n"
                        f"  {case.body['query'][:500]}"
                    )

            run()
    assert sent > 1000
    assert failures == [], "\n".join(failures[:20])
