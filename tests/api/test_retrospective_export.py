"""`GET /export/cycles/{cycleId}/retrospective.{xlsx,csv,md}`: the numbers equal the scoring
sheet's, a sheet per team in the workbook with numbers as numbers and a frozen header, CSV that
Excel reads in Chinese, Markdown; only what the viewer may see; authorised like the API."""

import csv
import io
from typing import Any

import httpx
import pytest
from openpyxl import load_workbook

from backend.domain.enums import CyclePhase, KRKind, ObjectiveLevel, ObjectiveState, Visibility
from backend.models import KeyResult, Lessons, Objective, User
from tests.api.helpers import Api, World, gid

SHEET = """query($c: ID!) { scoringSheet(cycleId: $c) { objectives { title score
  keyResults { title completion suggestedScore score scoreReason } } } }"""


async def _objective(
    world: World, owner: User, title: str, **fields: Any
) -> tuple[Objective, list[KeyResult]]:
    o = await Objective.create(
        organization=world.org,
        cycle=world.cycle,
        title=title,
        owner=owner,
        state=ObjectiveState.PUBLISHED,
        **{"level": ObjectiveLevel.PERSONAL, **fields},
    )
    krs = [
        await KeyResult.create(
            organization_id=world.org.id,
            objective=o,
            owner_id=owner.id,
            title=f"{title} KR{i}",
            kind=KRKind.INCREASE,
            start_value=0,
            target_value=10,
            current_value=current,
            weight=weight,
            difficulty=difficulty,
            score=score,
            score_reason=reason,
        )
        for i, (current, weight, difficulty, score, reason) in enumerate(
            [(8, 60, 0.8, 0.9, '=HYPERLINK("x") a stretch'), (3, 40, 0.5, None, "")]
        )
    ]
    return o, krs


async def scene(world: World) -> dict[str, Objective]:
    world.cycle.phase = CyclePhase.REVIEWING
    await world.cycle.save()
    company, _ = await _objective(world, world.admin, "Grow", level=ObjectiveLevel.COMPANY)
    mine, _ = await _objective(world, world.member, "Ship 增长")
    await Lessons.create(
        organization_id=world.org.id, objective=mine, went_well="pairing", to_improve="scope"
    )
    hidden, _ = await _objective(world, world.peer, "Secret", visibility=Visibility.PRIVATE)
    return {"company": company, "mine": mine, "hidden": hidden}


def path(world: World, fmt: str, **query: str) -> str:
    url = httpx.URL(f"/export/cycles/{gid('cycle', world.cycle.id)}/retrospective.{fmt}")
    return url.copy_with(params=query).raw_path.decode()


async def get(api: Api, url: str, **headers: str) -> httpx.Response:
    return await api.http.get(url, headers=headers)


async def test_the_workbook_holds_the_scoring_sheets_numbers(world: World) -> None:
    await scene(world)
    member = await world.as_(world.member)
    sheet = (await member.ok(SHEET, {"c": gid("cycle", world.cycle.id)}))["scoringSheet"]
    expected = {
        kr["title"]: kr for o in sheet["objectives"] for kr in o["keyResults"]
    }  # what the member sees
    response = await get(member, path(world, "xlsx"))
    assert response.status_code == 200, response.text
    assert "retrospective-cycle" in response.headers["content-disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Company", "Platform"]  # the company's, the member's team's
    found: dict[str, tuple[Any, ...]] = {}
    for ws in book.worksheets:
        assert ws.freeze_panes == "A2"
        header = [c.value for c in ws[1]]
        assert header[:2] == ["Team", "Objective"] and "Final score" in header
        at = {name: header.index(name) for name in header}
        for row in ws.iter_rows(min_row=2, values_only=True):
            found[row[at["Key result"]]] = row
            at_ = at
    assert set(found) == set(expected)  # a peer's private objective: nowhere
    for title, kr in expected.items():
        row = found[title]
        assert row[at_["Completion (%)"]] == pytest.approx(kr["completion"] * 100, abs=0.05)
        assert row[at_["Suggested score"]] == kr["suggestedScore"]
        assert row[at_["Final score"]] == kr["score"]
        assert isinstance(row[at_["Suggested score"]], float)  # numbers as numbers
    assert found["Ship 增长 KR0"][at_["Why this score"]].startswith("'=HYPERLINK")  # not a formula
    assert found["Ship 增长 KR0"][at_["Went well"]] == "pairing"


async def test_csv_and_markdown_in_the_viewers_language(world: World) -> None:
    await scene(world)
    admin = await world.as_(world.admin)
    response = await get(admin, path(world, "csv"), **{"Accept-Language": "zh-CN"})
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["团队", "目标", "层级"] and "最终评分" in rows[0]
    titles = {r[1] for r in rows[1:]}
    assert titles == {"Grow", "Ship 增长", "Secret"}  # an admin sees every objective
    markdown = (await get(admin, path(world, "md"))).content.decode()
    assert markdown.startswith(f"# {world.cycle.name} — Retrospective")
    assert "### Ship 增长" in markdown and "**Went well**: pairing" in markdown
    assert "not scored yet" in markdown


async def test_a_team_report_and_refusals(world: World) -> None:
    await scene(world)
    member = await world.as_(world.member)
    team = (await get(member, path(world, "csv", teamId=gid("team", world.squad.id)))).content
    assert b"Grow" not in team and "Ship 增长".encode() in team
    assert (await get(await world.as_(None), path(world, "xlsx"))).status_code == 401
    outsider = await world.as_(world.outsider)
    assert (await get(outsider, path(world, "xlsx"))).status_code == 404
    assert (await get(member, path(world, "pdf"))).status_code == 404
    bad = await get(member, path(world, "csv", teamId="team_x"))
    assert bad.status_code == 400 and bad.text == "Team is not a valid id."
    unknown_team = await get(member, path(world, "csv", teamId="team_999999"))
    assert unknown_team.status_code == 404
