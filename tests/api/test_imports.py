"""Spreadsheet imports over HTTP: a preview writes nothing, a confirmed file is written whole
or not at all, admins of the organization only."""

import io
import zipfile
from datetime import date
from typing import Any

import httpx
import pytest
from openpyxl import Workbook

from backend.actions.auth import create_api_token
from backend.domain.enums import CyclePhase, ObjectiveState
from backend.models import ActivityEvent, KeyResult, Objective, Team, TeamMember, User
from tests.api.helpers import PASSWORD, World

PEOPLE_CSV = (
    "email,name,team,lead,manager,role\n"
    "nina@acme.test,Nina,Engineering / Data,yes,ada@acme.test,\n"
    "omar@acme.test,Omar,Engineering / Data,,nina@acme.test,member\n"
    "pia@acme.test,Pia,Sales,,,admin\n"
)
SIGN_IN = "mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { id } }"
BAD_PEOPLE_CSV = PEOPLE_CSV + "mia@acme.test,Mia again,,,,\nbad-email,,,,,\n"


def _xlsx(rows: list[list[Any]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


OKR_ROWS: list[list[Any]] = [
    ["目标", "关键结果", "负责人", "层级", "团队", "类型",
     "起始值", "目标值", "单位", "权重", "截止日期"],
    ["提升平台稳定性", "", "leo@acme.test", "团队", "Engineering/Platform", "", "", "", "", "", ""],
    ["", "可用性达到 99.95%", "mia", "", "", "正向增长", 99.5, 99.95, "%", 70, ""],
    ["", "完成容灾演练", "", "", "", "确定里程碑", "", "", "", 30, date(2026, 6, 30)],
    ["Write the handbook", "Handbook published", "pat", "", "", "baseline", "", "", "", 100, ""],
]  # fmt: skip


async def _post(
    world: World, path: str, body: bytes, *, who: User | None = None, lang: str = "en"
) -> httpx.Response:
    headers = {"Accept-Language": lang}
    if who is not None:
        _, token = await create_api_token(world.settings, who, "import")
        headers["Authorization"] = f"Bearer {token}"
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=world.app), base_url="http://testserver"
    ) as http:
        return await http.post(path, content=body, headers=headers)


def _okrs_path(world: World, confirm: bool = False) -> str:
    return f"/import/cycles/cycle_{world.cycle.id}/okrs" + ("?confirm=1" if confirm else "")


async def test_people_preview_writes_nothing_then_the_confirmed_file_is_written(
    world: World,
) -> None:
    users, teams = await User.all().count(), await Team.all().count()
    preview = await _post(world, "/import/people", PEOPLE_CSV.encode(), who=world.admin)
    assert preview.status_code == 200
    assert preview.json() == {
        "written": False,
        "counts": {"people": 3, "teams": 2},  # Engineering exists: Data and Sales are new
        "problems": [],
    }
    assert (await User.all().count(), await Team.all().count()) == (users, teams)

    done = await _post(world, "/import/people?confirm=1", PEOPLE_CSV.encode(), who=world.admin)
    assert done.json()["written"] is True
    nina = await User.get(email="nina@acme.test")
    omar = await User.get(email="omar@acme.test")
    pia = await User.get(email="pia@acme.test")
    data = await Team.get(organization_id=world.org.id, name="Data")
    assert data.parent_id == world.dept.id
    assert (nina.manager_id, omar.manager_id, pia.role) == (world.admin.id, nina.id, "ADMIN")
    assert await TeamMember.get(team=data, user=nina).values_list("is_lead", flat=True)
    assert not (await TeamMember.get(team=data, user=omar)).is_lead
    kinds = await ActivityEvent.filter(organization_id=world.org.id).values_list("kind", flat=True)
    assert kinds.count("user.created") == 3 and kinds.count("team.created") == 2


async def test_a_bad_row_is_shown_and_nothing_is_written(world: World) -> None:
    users = await User.all().count()
    for path in ("/import/people", "/import/people?confirm=1"):
        answer = await _post(world, path, BAD_PEOPLE_CSV.encode(), who=world.admin, lang="zh-CN")
        assert answer.status_code == (422 if "confirm" in path else 200)
        assert answer.json()["problems"] == [
            {"row": 5, "column": "email", "message": "mia@acme.test 已有账号。"},
            {"row": 6, "column": "email", "message": "email 不是有效的邮箱地址。"},
            {"row": 6, "column": "name", "message": "name 为必填项。"},
        ]
        assert answer.json()["written"] is False
    assert await User.all().count() == users
    assert not await Team.filter(name="Data").exists()


async def test_okrs_from_a_workbook_become_drafts(world: World) -> None:
    book = _xlsx(OKR_ROWS)
    preview = await _post(world, _okrs_path(world), book, who=world.admin)
    assert preview.json()["counts"] == {"objectives": 2, "keyResults": 3}
    assert not await Objective.exists()
    done = await _post(world, _okrs_path(world, confirm=True), book, who=world.admin)
    assert done.status_code == 200 and done.json()["written"] is True
    stable, handbook = await Objective.filter(cycle=world.cycle).order_by("id")
    assert (stable.title, stable.owner_id, stable.team_id, stable.state) == (
        "提升平台稳定性",
        world.lead.id,
        world.squad.id,
        ObjectiveState.DRAFT,
    )
    uptime, drill = await KeyResult.filter(objective=stable).order_by("position")
    assert (uptime.owner_id, uptime.start_value, uptime.target_value, uptime.weight) == (
        world.member.id,
        99.5,
        99.95,
        70,
    )
    assert (drill.owner_id, drill.due_date, drill.kind) == (
        world.lead.id,
        date(2026, 6, 30),
        "MILESTONE",
    )
    assert handbook.owner_id == world.peer.id
    kinds = await ActivityEvent.filter(cycle_id=world.cycle.id).values_list("kind", flat=True)
    assert sorted(kinds) == ["key_result.created"] * 3 + ["objective.created"] * 2


async def test_chinese_csv_as_excel_saves_it(world: World) -> None:
    text = "邮箱,姓名,团队\nwang@acme.test,王五,销售部\n"
    answer = await _post(world, "/import/people?confirm=1", text.encode("gb18030"), who=world.admin)
    assert answer.json()["written"] is True
    assert (await User.get(email="wang@acme.test")).display_name == "王五"


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        (b"PK\x03\x04 no workbook", 400, "This is not a CSV or XLSX file that can be read."),
        (b"x" * (2 * 1024 * 1024 + 1), 413, "The file is larger than 2 MiB."),
    ],
)  # fmt: skip
async def test_unreadable_or_too_large(
    world: World, body: bytes, status: int, message: str
) -> None:
    answer = await _post(world, "/import/people", body, who=world.admin)
    assert (answer.status_code, answer.json()["error"]) == (status, message)


async def test_a_closed_cycle_takes_no_import(world: World) -> None:
    world.cycle.phase = CyclePhase.CLOSED
    await world.cycle.save()
    answer = await _post(world, _okrs_path(world), _xlsx(OKR_ROWS), who=world.admin)
    assert answer.status_code == 403
    assert not await Objective.exists()


@pytest.mark.parametrize("who", ["nobody", "member", "lead", "outsider"])
async def test_only_the_organizations_admins_import(world: World, who: str) -> None:
    user = {"nobody": None, "member": world.member, "lead": world.lead, "outsider": world.outsider}[
        who
    ]
    status = {"nobody": 401, "member": 403, "lead": 403, "outsider": 404}[who]
    okrs = await _post(world, _okrs_path(world, confirm=True), _xlsx(OKR_ROWS), who=user)
    assert okrs.status_code == status
    people = await _post(world, "/import/people?confirm=1", PEOPLE_CSV.encode(), who=user)
    if who == "outsider":  # their own organization's people, not Acme's
        assert (
            people.json()["problems"][0]["message"]
            == "Nobody here has the e-mail or handle ada@acme.test."
        )
    else:
        assert people.status_code == status
    assert not await Objective.exists()
    assert not await User.filter(email="nina@acme.test").exists()


async def test_a_cookie_from_another_site_is_refused(world: World) -> None:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=world.app), base_url="http://testserver"
    ) as http:
        await http.post(
            "/graphql",
            json={
                "query": SIGN_IN,
                "variables": {"e": "ada@acme.test", "p": PASSWORD},
            },
        )
        answer = await http.post(
            "/import/people?confirm=1",
            content=PEOPLE_CSV.encode(),
            headers={"Origin": "https://evil.example"},
        )
    assert answer.status_code == 403
    assert not await User.filter(email="nina@acme.test").exists()


async def test_a_zip_bomb_is_refused_before_it_is_unpacked(world: World) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", b"<a>" + b"x" * (60 * 1024 * 1024) + b"</a>")
    assert len(out.getvalue()) < 2 * 1024 * 1024
    answer = await _post(world, "/import/people", out.getvalue(), who=world.admin)
    assert (answer.status_code, answer.json()["error"]) == (
        400,
        "This is not a CSV or XLSX file that can be read.",
    )
