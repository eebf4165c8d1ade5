"""The dashboard through the API: every figure equals a recomputation from the raw rows and
the viewer's board (both engines), for viewers who see different parts of the cycle and for
the team and person filters; access; the statement count does not grow with the
organization. (The CSV export: test_dashboard_export.py.)"""

from datetime import timedelta
from itertools import pairwise
from typing import Any

import pytest

from backend.domain.enums import CyclePhase
from backend.models import CheckIn, Cycle, KeyResult, User
from tests.api.dashboard_data import (
    Recomputed,
    build,
    cycle_end,
    dashboard,
    instant,
    recompute,
)
from tests.api.helpers import World, gid, grow

EXACT = 1e-9
# the board is read a moment after the dashboard: a limit held on schedule has moved on by
# about 1e-7 a second since
DRIFT = 1e-5


def check(d: dict[str, Any], r: Recomputed) -> None:
    """Every figure of dashboard `d` against the recomputation `r`."""
    ids = r.ids()
    assert d["objectiveIds"] == ids and d["objectiveCount"] == len(ids)
    shown_krs = r.krs_shown()
    assert d["keyResultCount"] == len(shown_krs)
    progress = r.mean([o["progress"] for o in r.flat])
    assert d["averageProgress"] == pytest.approx(progress, abs=DRIFT)

    statuses = r.status_counts()
    assert [s["status"] for s in d["statusCounts"]] == list(statuses)
    for s in d["statusCounts"]:
        assert s["objectiveIds"] == statuses[s["status"]] and s["count"] == len(s["objectiveIds"])
        assert {o["status"] for o in s["objectives"]} <= {s["status"]}
    assert sum(s["count"] for s in d["statusCounts"]) == len(ids)

    bars = r.progress_distribution()
    assert [b["objectiveIds"] for b in d["progressDistribution"]] == bars
    assert [(b["lower"], b["upper"]) for b in d["progressDistribution"]] == [
        pytest.approx((i / 10, (i + 1) / 10)) for i in range(10)
    ]

    alignment = r.alignment()
    for c in d["alignment"]:
        aligned, unaligned = alignment[c["level"]]
        assert c["aligned"]["objectiveIds"] == aligned
        assert c["unaligned"]["objectiveIds"] == unaligned
        assert c["count"] == len(aligned) + len(unaligned)
        assert c["share"] == pytest.approx(len(aligned) / c["count"] if c["count"] else 0)
    assert d["unalignedKeyResults"]["keyResultIds"] == r.unaligned_krs()

    scores = r.scores()
    for b in d["scores"]["buckets"]:
        final, suggested = scores[b["bucket"]]
        assert (b["finalCount"], b["suggestedCount"]) == (len(final), len(suggested))
        assert set(b["keyResultIds"]) == set(final) | set(suggested)
    unscored = [kr["id"] for kr in shown_krs if kr["score"] is None]
    assert d["scores"]["unscored"]["keyResultIds"] == unscored
    assert d["scores"]["scoredCount"] == len(shown_krs) - len(unscored)

    fresh = r.freshness()
    assert [b["bucket"] for b in d["freshness"]] == list(fresh)
    for b in d["freshness"]:
        got = {
            p["user"]["id"]: (
                p["silentDays"],
                sorted((k["keyResult"]["id"], k["silentDays"]) for k in p["keyResults"]),
            )
            for p in b["people"]
        }
        assert got == fresh[b["bucket"]], b["bucket"]
        assert b["count"] == len(got) and b["personIds"] == list(got)

    instants = [instant(p["at"]) for p in d["progressOverTime"]]
    expected = r.timeline(instants)
    for point, (e, actual) in zip(d["progressOverTime"], expected, strict=True):
        assert point["expected"] == pytest.approx(e, abs=EXACT), point["at"]
        if actual is None:
            assert point["actual"] is None
        else:
            assert point["actual"] == pytest.approx(actual, abs=EXACT), point["at"]

    movers = r.movers(instant(d["since"]))
    got_movers = [(m["objective"]["id"], m["before"], m["after"]) for m in d["topMovers"]]
    assert [m[0] for m in got_movers] == [m[0] for m in movers]
    for (_, b1, a1), (_, b2, a2) in zip(got_movers, movers, strict=True):
        assert (b1, a1) == (pytest.approx(b2, abs=EXACT), pytest.approx(a2, abs=EXACT))


async def figures(
    world: World, viewer: User, **filters: str | None
) -> tuple[dict[str, Any], Recomputed]:
    api = await world.as_(viewer)
    d = await dashboard(api, world.cycle, **filters)
    others = await Cycle.filter(organization_id=world.org.id).exclude(id=world.cycle.id)
    return d, await recompute(api, world.cycle, instant(d["asOf"]), list(others), **filters)


@pytest.mark.parametrize("who", ["admin", "lead", "member", "peer", "loner"])
async def test_figures_equal_a_recomputation_for_each_viewer(world: World, who: str) -> None:
    await build(world)
    d, r = await figures(world, getattr(world, who))
    check(d, r)


def mentioned(d: dict[str, Any]) -> set[str]:
    """Every objective and key result id any figure of `d` lists."""
    ids = set(d["objectiveIds"])
    ids.update(i for s in d["statusCounts"] for i in s["objectiveIds"])
    ids.update(i for b in d["progressDistribution"] for i in b["objectiveIds"])
    for c in d["alignment"]:
        ids.update(c["aligned"]["objectiveIds"] + c["unaligned"]["objectiveIds"])
    ids.update(m["objective"]["id"] for m in d["topMovers"])
    ids.update(d["unalignedKeyResults"]["keyResultIds"] + d["scores"]["unscored"]["keyResultIds"])
    ids.update(i for b in d["scores"]["buckets"] for i in b["keyResultIds"])
    for b in d["freshness"]:
        ids.update(k["keyResult"]["id"] for p in b["people"] for k in p["keyResults"])
    return ids


async def test_what_each_viewer_counts(world: World) -> None:
    """Dept is TEAM (Engineering: its lead and admins), Mine PRIVATE (Mia and admins): neither
    they nor their key results appear in any figure of whoever may not see them, and what is
    hidden changes the alignment figures."""
    rows = await build(world)
    hidden_krs = {
        name: {gid("kr", k.id) for k in await KeyResult.filter(objective=rows[name])}
        for name in ("dept", "mine")
    }
    seen = {}
    for who in ("admin", "lead", "member", "peer"):
        d = await dashboard(await world.as_(getattr(world, who)), world.cycle)
        ids = mentioned(d)
        hidden = sorted(n for n in ("dept", "mine") if gid("obj", rows[n].id) not in ids)
        for name in hidden:
            assert not hidden_krs[name] & ids, (who, name)
        seen[who] = (d["objectiveCount"], hidden)
    assert seen == {
        "admin": (7, []),
        "lead": (6, ["mine"]),
        "member": (6, ["dept"]),
        "peer": (5, ["dept", "mine"]),
    }
    # Mia sees Mine but not its parent Dept, converted from Company's rolled-up key result:
    # for her Mine aligns to nothing and nothing aligns to that key result
    rolled = gid("kr", (await KeyResult.get(title="Rolled up")).id)
    mine = gid("obj", rows["mine"].id)
    for viewer, aligned in ((world.member, False), (world.admin, True)):
        d = await dashboard(await world.as_(viewer), world.cycle)
        personal = next(c for c in d["alignment"] if c["level"] == "PERSONAL")
        assert (mine in personal["aligned"]["objectiveIds"]) is aligned
        assert (rolled in d["unalignedKeyResults"]["keyResultIds"]) is not aligned


@pytest.mark.parametrize(
    "filters",
    [
        {"team": "dept"},
        {"team": "squad"},
        {"owner": "peer"},
        {"owner": "member"},
        {"team": "squad", "owner": "member"},
    ],
)
async def test_team_and_person_filters_count_the_filtered_board(
    world: World, filters: dict[str, str]
) -> None:
    await build(world)
    given: dict[str, str | None] = {}
    if "team" in filters:
        given["teamId"] = gid("team", getattr(world, filters["team"]).id)
    if "owner" in filters:
        given["ownerId"] = gid("user", getattr(world, filters["owner"]).id)
    for viewer in (world.admin, world.peer):
        d, r = await figures(world, viewer, **given)
        check(d, r)
        assert (d["team"] or {}).get("id") == given.get("teamId")
        assert (d["owner"] or {}).get("id") == given.get("ownerId")


async def test_the_timeline_runs_weekly_over_the_cycle(world: World) -> None:
    await build(world)
    d, _ = await figures(world, world.admin)
    points = [instant(p["at"]) for p in d["progressOverTime"]]
    as_of, start = instant(d["asOf"]), points[0]
    weekly = [t for t in points if t != as_of]
    assert all(b - a == timedelta(days=7) for a, b in pairwise(weekly[:-1]))
    assert timedelta(0) < weekly[-1] - weekly[-2] <= timedelta(days=7)
    assert weekly[-1] == cycle_end(world.cycle) and start.date() == world.cycle.starts_on
    assert [p["actual"] is None for p in d["progressOverTime"]] == [t > as_of for t in points]
    assert d["progressOverTime"][0]["expected"] == 0
    assert d["progressOverTime"][-1]["expected"] == pytest.approx(1)


async def test_movers_since_a_date(world: World) -> None:
    """Company's growth KR was checked in 10 and 2 days ago: it moves within the last seven
    days, and further since a fortnight ago."""
    rows = await build(world)
    api = await world.as_(world.admin)
    company = gid("obj", rows["company"].id)
    week = await dashboard(api, world.cycle)
    since = (instant(week["asOf"]) - timedelta(days=14)).date().isoformat()
    fortnight = await dashboard(api, world.cycle, since=since)
    delta = {
        label: next(m["delta"] for m in d["topMovers"] if m["objective"]["id"] == company)
        for label, d in (("week", week), ("fortnight", fortnight))
    }
    assert 0 < delta["week"] < delta["fortnight"]
    d, r = await figures(world, world.admin, since=since)
    check(d, r)


async def test_an_empty_cycle_a_future_one_and_a_closed_one(world: World) -> None:
    """Nothing to count is zeros, not an error; before its start nothing has happened; a
    closed cycle is read at its end, every point of its timeline in the past."""
    admin = await world.as_(world.admin)
    d = await dashboard(admin, world.cycle)
    assert (d["objectiveCount"], d["averageProgress"], d["scores"]["averageScore"]) == (0, 0, None)
    assert [s["count"] for s in d["statusCounts"]] == [0] * 5
    assert [b["count"] for b in d["freshness"]] == [0, 0, 0] and d["topMovers"] == []
    await build(world)
    world.cycle.starts_on += timedelta(days=60)
    world.cycle.ends_on += timedelta(days=60)
    await world.cycle.save()
    d, r = await figures(world, world.admin)
    check(d, r)
    assert all(p["actual"] is None for p in d["progressOverTime"])
    assert all(p["silentDays"] == 0 for b in d["freshness"] for p in b["people"])
    world.cycle.starts_on -= timedelta(days=150)
    world.cycle.ends_on -= timedelta(days=150)
    world.cycle.phase = CyclePhase.CLOSED
    await world.cycle.save()
    d, r = await figures(world, world.admin)
    check(d, r)
    assert instant(d["asOf"]) == cycle_end(world.cycle)
    assert all(p["actual"] is not None for p in d["progressOverTime"])


async def test_access(world: World) -> None:
    rows = await build(world)
    c = gid("cycle", world.cycle.id)
    doc = "query($c: ID!, $t: ID) { dashboard(cycleId: $c, teamId: $t) { objectiveCount } }"
    anonymous = await world.as_(None)
    assert (await anonymous.error(doc, {"c": c}))["code"] == "UNAUTHENTICATED"
    outsider = await world.as_(world.outsider)
    assert (await outsider.error(doc, {"c": c}))["code"] == "NOT_FOUND"
    theirs = await Cycle.get(organization_id=world.outsider.organization_id)
    member = await world.as_(world.member)
    assert (await member.error(doc, {"c": gid("cycle", theirs.id)}))["code"] == "NOT_FOUND"
    error = await member.error(doc, {"c": gid("obj", rows["company"].id)})
    assert (error["code"], error["field"]) == ("BAD_USER_INPUT", "cycleId")
    missing_team = await member.error(doc, {"c": c, "t": gid("team", 99999)})
    assert missing_team["code"] == "NOT_FOUND"


async def test_statement_count_is_independent_of_size(world: World, statements: list[str]) -> None:
    """A small organization and one ten times larger (grown trees with check-ins, plus the
    cycle above with its links to another cycle) cost the same statements."""
    await build(world)
    api = await world.as_(world.member)
    counts = []
    sizes = []
    for roots, tag in ((2, "a"), (18, "b")):
        await grow(world, roots, tag)
        statements.clear()
        d = await dashboard(api, world.cycle)
        counts.append(len(statements))
        sizes.append(d["objectiveCount"])
    assert sizes[1] > 5 * sizes[0]
    assert counts[0] == counts[1], "\n".join(statements)
    # the session and directory (3), the cycle, the snapshot's rows and owners (6), the
    # check-in history and the other cycles' linked objectives (2)
    assert counts[0] == 11, "\n".join(statements)


async def test_a_withdrawn_check_in_moves_nothing(world: World) -> None:
    """The company's growth check-ins of the last fortnight (30 → 50, weight 60 of 100), withdrawn
    by their author: the company's move of the last seven days loses their 0.6 × 0.2 (issue 16)."""
    rows = await build(world)
    api = await world.as_(world.admin)
    company = gid("obj", rows["company"].id)

    async def delta() -> float:
        d = await dashboard(api, world.cycle)
        return float(next(m["delta"] for m in d["topMovers"] if m["objective"]["id"] == company))

    before = await delta()
    growth = await KeyResult.get(objective_id=rows["company"].id, title="Grow")
    recent = await CheckIn.filter(key_result_id=growth.id).order_by("-created_at").limit(2)
    for row in recent:
        await api.ok(
            'mutation($id: ID!) { withdrawCheckIn(id: $id, reason: "wrong KR") { id } }',
            {"id": gid("ci", row.id)},
        )
    assert await delta() == pytest.approx(before - 0.12, abs=0.005)
