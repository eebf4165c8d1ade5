"""`GET /export/cycles/{cycleId}/dashboard.csv`: every figure's table and every bucket's list
equal what the `dashboard` query answers the same viewer; UTF-8 with a BOM, the viewer's
language; authorised like the API (bearer token, session cookie from our own origin)."""

import csv
import io
from typing import Any

import httpx
import pytest

from backend.domain.fields import label
from backend.models import Objective
from tests.api.dashboard_data import DASHBOARD, build
from tests.api.helpers import PASSWORD, Api, World, gid

STATUS_WORDS = {
    "BEHIND": "Behind",
    "AT_RISK": "At risk",
    "ON_TRACK": "On track",
    "NOT_STARTED": "Not started",
    "DONE": "Done",
}
PATHS = """query($c: ID!, $t: ID) { dashboard(cycleId: $c, teamId: $t) {
  status: csvPath(figure: STATUS) behind: csvPath(figure: STATUS, bucket: "BEHIND")
  objectives: csvPath(figure: OBJECTIVES) } }"""


def rows(response: httpx.Response) -> list[list[str]]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")  # the BOM
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def url(world: World, figure: str, bucket: str | None = None, **query: str) -> str:
    params = {"figure": figure, **({"bucket": bucket} if bucket else {}), **query}
    return httpx.URL(
        f"/export/cycles/{gid('cycle', world.cycle.id)}/dashboard.csv", params=params
    ).raw_path.decode()


async def export(api: Api, path: str, **headers: str) -> list[list[str]]:
    return rows(await api.http.get(path, headers=headers))


async def the_dashboard(api: Api, world: World, team: str | None = None) -> dict[str, Any]:
    variables = {"c": gid("cycle", world.cycle.id), "t": team, "o": None, "s": None}
    return (await api.ok(DASHBOARD, variables))["dashboard"]


@pytest.mark.parametrize("who", ["admin", "member"])
async def test_every_table_and_list_equals_the_query(world: World, who: str) -> None:
    await build(world)
    api = await world.as_(getattr(world, who))
    d = await the_dashboard(api, world)

    objectives = await export(api, url(world, "OBJECTIVES"))
    assert objectives[0][:2] == ["ID", "Objective"]
    assert [r[0] for r in objectives[1:]] == d["objectiveIds"]

    status = await export(api, url(world, "STATUS"))
    assert status[1:] == [[STATUS_WORDS[s["status"]], str(s["count"])] for s in d["statusCounts"]]
    for s in d["statusCounts"]:
        listed = await export(api, url(world, "STATUS", s["bucket"]))
        assert [r[0] for r in listed[1:]] == s["objectiveIds"]

    progress = await export(api, url(world, "PROGRESS"))
    assert [(r[0], r[3]) for r in progress[1:]] == [
        (b["bucket"], str(b["count"])) for b in d["progressDistribution"]
    ]
    for b in d["progressDistribution"]:
        listed = await export(api, url(world, "PROGRESS", b["bucket"]))
        assert [r[0] for r in listed[1:]] == b["objectiveIds"]

    for c in d["alignment"]:
        for side in (c["aligned"], c["unaligned"]):
            listed = await export(api, url(world, "ALIGNMENT", side["bucket"]))
            assert [r[0] for r in listed[1:]] == side["objectiveIds"]
    alignment = await export(api, url(world, "ALIGNMENT"))
    assert [r[1:4] for r in alignment[1:]] == [
        [str(c["count"]), str(c["aligned"]["count"]), str(c["unaligned"]["count"])]
        for c in d["alignment"]
    ]

    unaligned = await export(api, url(world, "UNALIGNED_KEY_RESULTS"))
    assert [r[0] for r in unaligned[1:]] == d["unalignedKeyResults"]["keyResultIds"]

    for b in d["freshness"]:
        listed = await export(api, url(world, "FRESHNESS", b["bucket"]))
        assert [(r[2], int(r[5])) for r in listed[1:]] == [
            (k["keyResult"]["id"], k["silentDays"]) for p in b["people"] for k in p["keyResults"]
        ]
    freshness = await export(api, url(world, "FRESHNESS"))
    assert [(r[0], int(r[3]), int(r[4])) for r in freshness[1:]] == [
        (b["bucket"], b["count"], b["keyResultCount"]) for b in d["freshness"]
    ]

    scores = await export(api, url(world, "SCORES"))
    assert [(r[0], int(r[1]), int(r[2])) for r in scores[1:]] == [
        (b["bucket"], b["finalCount"], b["suggestedCount"]) for b in d["scores"]["buckets"]
    ]
    for b in d["scores"]["buckets"]:
        listed = await export(api, url(world, "SCORES", b["bucket"]))
        assert [r[0] for r in listed[1:]] == b["keyResultIds"]
    if who == "admin":  # the final score's reason comes along (never as a formula)
        scored = await export(api, url(world, "SCORES", "0.7"))
        assert scored[0][-1] == "Why this score" and [
            r[-1] for r in scored[1:] if r[6] == "0.7"
        ] == ["'=Shipped"]
    listed = await export(api, url(world, "SCORES", "UNSCORED"))
    assert [r[0] for r in listed[1:]] == d["scores"]["unscored"]["keyResultIds"]

    timeline = await export(api, url(world, "TIMELINE"))
    assert len(timeline) == 1 + len(d["progressOverTime"])
    assert [r[2] == "" for r in timeline[1:]] == [
        p["actual"] is None for p in d["progressOverTime"]
    ]

    movers = await export(api, url(world, "MOVERS"))
    assert [r[0] for r in movers[1:]] == [m["objective"]["id"] for m in d["topMovers"]]


async def test_csv_paths_from_the_query_download(world: World) -> None:
    await build(world)
    api = await world.as_(world.admin)
    team = gid("team", world.squad.id)
    paths = (await api.ok(PATHS, {"c": gid("cycle", world.cycle.id), "t": team}))["dashboard"]
    assert paths["status"].startswith(
        f"/export/cycles/{gid('cycle', world.cycle.id)}/dashboard.csv?"
    )
    d = await the_dashboard(api, world, team)
    listed = await export(api, paths["objectives"])
    assert [r[0] for r in listed[1:]] == d["objectiveIds"]  # the team filter came along
    behind = await export(api, paths["behind"])
    assert [r[0] for r in behind[1:]] == d["statusCounts"][0]["objectiveIds"]
    response = await api.http.get(paths["status"])
    assert response.headers["content-disposition"] == (
        f'attachment; filename="dashboard-cycle{world.cycle.id}-status.csv"'
    )


async def test_chinese_headers_and_words(world: World) -> None:
    await build(world)
    api = await world.as_(world.admin)
    status = await export(api, url(world, "STATUS"), **{"Accept-Language": "zh-CN,zh;q=0.9"})
    assert status[0] == ["进展状态", "目标数"]
    assert [r[0] for r in status[1:]] == ["落后", "有风险", "正常", "未开始", "已完成"]
    objectives = await export(api, url(world, "OBJECTIVES"), **{"Accept-Language": "zh-CN"})
    assert objectives[0][:3] == ["ID", "目标", "层级"]
    assert {r[2] for r in objectives[1:]} == {"公司", "团队", "个人"}


async def test_a_title_is_never_a_formula(world: World) -> None:
    await build(world)
    await Objective.filter(title="Loose").update(title='=HYPERLINK("http://evil")')
    api = await world.as_(world.admin)
    listed = await export(api, url(world, "OBJECTIVES"))
    titles = [r[1] for r in listed[1:]]
    assert '\'=HYPERLINK("http://evil")' in titles
    assert not any(t.startswith("=") for t in titles)


def browser(world: World) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=world.app), base_url="http://testserver"
    )


SIGN_IN = "mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { handle } }"


async def test_access(world: World) -> None:
    await build(world)
    path = url(world, "OBJECTIVES")
    # signed out
    anonymous = await browser(world).get(path)
    assert anonymous.status_code == 401 and anonymous.text
    # a session cookie from our own origin (or no Origin: a link), not from another site
    client = browser(world)
    signed = await client.post(
        "/graphql", json={"query": SIGN_IN, "variables": {"e": "mia@acme.test", "p": PASSWORD}}
    )
    assert signed.json()["data"]["signIn"]["handle"] == "mia"
    member = await world.as_(world.member)
    mine = await the_dashboard(member, world)
    for headers in ({}, {"Origin": "http://testserver"}):
        assert [r[0] for r in rows(await client.get(path, headers=headers))[1:]] == mine[
            "objectiveIds"
        ]
    assert (await client.get(path, headers={"Origin": "http://evil.example"})).status_code == 403
    # another organization's admin finds nothing
    outsider = await world.as_(world.outsider)
    assert (await outsider.http.get(path)).status_code == 404
    # bad input names what is wrong
    admin = await world.as_(world.admin)
    for bad, field in (
        (url(world, "NOPE"), "figure"),
        (url(world, "STATUS", "NOPE"), "bucket"),
        (url(world, "TIMELINE", "0"), "bucket"),
        (url(world, "STATUS", since="yesterday"), "since"),
        (url(world, "STATUS", teamId="obj_1"), "teamId"),
    ):
        response = await admin.http.get(bad)
        assert response.status_code == 400 and label(field, zh=False) in response.text, bad
    assert (await admin.http.get(url(world, "STATUS", teamId="team_99999"))).status_code == 404
    assert (await admin.http.post(path)).status_code == 405
