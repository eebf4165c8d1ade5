"""Spreadsheet import rules as tables: every row's problems with its row and column, and the
plan a clean file becomes."""

from datetime import date, datetime
from typing import Any

import pytest

from backend.domain.enums import KRKind, Locale, ObjectiveLevel, Role
from backend.domain.imports import (
    PEOPLE_COLUMNS,
    OkrContext,
    PeopleContext,
    plan_okrs,
    plan_people,
    read_rows,
    team_path,
)

PEOPLE = PeopleContext(
    taken_emails=frozenset({"boss@acme.test", "elsewhere@other.test"}),
    taken_handles=frozenset({"boss", "ann"}),
    members=frozenset({"boss@acme.test"}),
)
HEADER = ["Email", "Name", "Handle", "Role", "Manager", "Team", "Lead", "Locale"]


def _problems(plan: Any) -> list[tuple[int, str | None, str]]:
    return [(p.row, p.column, p.key) for p in plan.problems]


def test_a_clean_people_sheet_becomes_people_and_teams() -> None:
    plan = plan_people(
        [
            HEADER,
            ["Ann@Acme.test", "Ann", "", "admin", "boss@acme.test", "Eng / Platform", "yes", ""],
            [None, None, None, None, None, None, None, None],  # blank rows are skipped
            ["bob@acme.test", "Bob", "bobby", "", "ann@acme.test", "Eng", "", "zh-CN"],
            ["cy@acme.test", "Cy", "", "成员", "", "", "否", "en"],
        ],
        PEOPLE,
    )
    assert plan.problems == []
    ann, bob, cy = plan.people
    # "ann" is taken in the organization: the next free handle
    assert (ann.row, ann.email, ann.handle, ann.role, ann.lead) == (
        2,
        "ann@acme.test",
        "ann2",
        Role.ADMIN,
        True,
    )
    assert (ann.team, ann.manager) == (("Eng", "Platform"), "boss@acme.test")
    assert (bob.row, bob.handle, bob.locale, bob.manager) == (
        4,
        "bobby",
        Locale.ZH_CN,
        "ann@acme.test",
    )
    assert (cy.role, cy.team, cy.lead) == (Role.MEMBER, None, False)
    assert plan.teams == [("Eng",), ("Eng", "Platform")]


def test_chinese_headers_are_read() -> None:
    plan = plan_people([["邮箱", "姓名", "团队"], ["li@acme.test", "李四", "研发部"]], PEOPLE)
    assert plan.problems == [] and plan.people[0].team == ("研发部",)


def _person(**cells: str) -> list[str]:
    values = {"Email": "ann@acme.test", "Name": "Ann"} | cells
    return [values.get(h, "") for h in HEADER]


@pytest.mark.parametrize(
    ("row", "problems"),
    [
        (_person(Email="not-an-email"), [(2, "Email", "input.invalid_email")]),
        (_person(Email="boss@acme.test"), [(2, "Email", "import.email_taken")]),
        (_person(Name=""), [(2, "Name", "input.required")]),
        (_person(Handle="boss"), [(2, "Handle", "import.handle_taken")]),
        (_person(Handle="a b"), [(2, "Handle", "input.invalid_handle")]),
        (_person(Role="owner"), [(2, "Role", "import.unknown_choice")]),
        (_person(Manager="nobody@acme.test"), [(2, "Manager", "import.unknown_person")]),
        (_person(Manager="ann@acme.test"), [(2, "Manager", "people.own_manager")]),
        (_person(Lead="maybe"), [(2, "Lead", "import.yes_or_no")]),
        (_person(Lead="yes"), [(2, "Lead", "import.lead_needs_team")]),
        (_person(Locale="fr"), [(2, "Locale", "input.unknown_locale")]),
        # every problem of a row, not only the first
        (
            _person(Email="x", Name="", Role="boss"),
            [
                (2, "Email", "input.invalid_email"),
                (2, "Name", "input.required"),
                (2, "Role", "import.unknown_choice"),
            ],
        ),
    ],
)
def test_people_problems(row: list[str], problems: list[tuple[int, str, str]]) -> None:
    plan = plan_people([HEADER, row], PEOPLE)
    assert _problems(plan) == problems
    assert plan.people == []  # a file with a problem plans nothing


def test_duplicates_within_the_file_name_the_first_row() -> None:
    plan = plan_people(
        [HEADER[:3], ["a@acme.test", "A", "same"], ["A@acme.test", "B", "same"]], PEOPLE
    )
    assert _problems(plan) == [(3, "Email", "import.twice"), (3, "Handle", "import.twice")]
    assert plan.problems[0].params == {"value": "a@acme.test", "other": 2}


@pytest.mark.parametrize(
    ("cells", "problems"),
    [
        ([["Name"], ["Ann"]], [(1, "email", "import.missing_column")]),
        ([HEADER], [(1, None, "import.empty")]),
        ([], [(1, "email", "import.missing_column"), (1, "name", "import.missing_column")]),
    ],
)
def test_sheet_problems(cells: list[list[str]], problems: list[tuple[int, str, str]]) -> None:
    assert _problems(plan_people(cells, PEOPLE)) == problems


def test_too_many_rows() -> None:
    sheet = read_rows([HEADER] + [["a@b.test", "A"]] * 2001, PEOPLE_COLUMNS, ("email",))
    assert [p.key for p in sheet.problems] == ["import.too_many_rows"]


@pytest.mark.parametrize(
    ("text", "path"),
    [("Eng / Platform", ("Eng", "Platform")), ("研发部＞平台组", ("研发部", "平台组")), (" ", ())],
)
def test_team_path(text: str, path: tuple[str, ...]) -> None:
    assert team_path(text) == path


OKRS = OkrContext(
    people={"ann@acme.test": 1, "ann": 1, "bob@acme.test": 2, "bob": 2},
    teams={"eng": 10, "eng/platform": 11, "platform": 11},
)
OKR_HEADER = ["Objective", "Key result", "Owner", "Level", "Team", "Kind", "Start", "Target",
              "Unit", "Weight", "Due", "Min", "Max"]  # fmt: skip


def test_objectives_followed_by_their_key_results() -> None:
    plan = plan_okrs(
        [
            OKR_HEADER,
            ["Grow revenue", "", "ann", "team", "Eng / Platform"] + [""] * 8,
            ["", "ARR to 2M", "", "", "", "increase", "1,000,000", "2000000", "CNY", "60%",
             "", "", ""],
            ["", "Churn ≤ 5%", "bob", "", "", "反向控制", 8, 5, "%", 40.0, "", "", ""],
            # an objective and its first key result on one row (merged objective cells)
            ["Ship v2", "Launch", "@bob", "", "", "MILESTONE", "", "", "", 100, "2026/03/31",
             "", ""],
            ["", "Latency band", "", "", "", "range", 300, "", "ms", "", datetime(2026, 3, 1),
             100, 200],
        ],
        OKRS,
    )  # fmt: skip
    assert plan.problems == []
    grow, ship = plan.objectives
    assert (grow.row, grow.title, grow.owner_id, grow.level, grow.team_id) == (
        2, "Grow revenue", 1, ObjectiveLevel.TEAM, 11,
    )  # fmt: skip
    arr, churn = grow.key_results
    assert (arr.row, arr.kind, arr.start, arr.target, arr.unit, arr.weight, arr.owner_id) == (
        3, KRKind.INCREASE, 1_000_000, 2_000_000, "CNY", 60, 1,
    )  # fmt: skip
    assert (churn.kind, churn.owner_id, churn.weight) == (KRKind.DECREASE, 2, 40)
    launch, band = ship.key_results
    assert (ship.level, launch.kind, launch.due) == (
        ObjectiveLevel.PERSONAL,
        KRKind.MILESTONE,
        date(2026, 3, 31),
    )
    assert (band.range_min, band.range_max, band.due, band.owner_id) == (
        100,
        200,
        date(2026, 3, 1),
        2,
    )


def _kr_row(**cells: Any) -> list[Any]:
    values = {"Kind": "increase", "Start": 0, "Target": 10, "Key result": "KR"} | cells
    return [values.get(h, "") for h in OKR_HEADER]


@pytest.mark.parametrize(
    ("row", "problems"),
    [
        (_kr_row(Kind="grow"), [(3, "Kind", "import.unknown_choice")]),
        (_kr_row(Kind=""), [(3, "Kind", "input.required")]),
        (_kr_row(Start="ten"), [(3, "Start", "import.not_a_number")]),
        (_kr_row(Start=10, Target=5), [(3, "Target", "kr.target_not_above_start")]),
        (_kr_row(Target=""), [(3, "Target", "input.required")]),
        (_kr_row(Weight=120), [(3, "Weight", "input.out_of_range")]),
        (_kr_row(Kind="milestone"), [(3, "Due", "kr.milestone_needs_due")]),
        (_kr_row(Kind="range", Min=5, Max=1), [(3, "Min", "kr.range_order")]),
        (_kr_row(Due="next week"), [(3, "Due", "input.invalid_date")]),
        (_kr_row(Owner="carol"), [(3, "Owner", "import.unknown_person")]),
        (_kr_row(Unit="u" * 21), [(3, "Unit", "input.too_long")]),
    ],
)
def test_key_result_problems(row: list[Any], problems: list[tuple[int, str, str]]) -> None:
    objective = ["Grow", "", "ann"] + [""] * 10
    plan = plan_okrs([OKR_HEADER, objective, row], OKRS)
    assert _problems(plan) == problems
    assert plan.objectives == []


@pytest.mark.parametrize(
    ("objective", "problems"),
    [
        (["Grow", "", ""] + [""] * 10, [(2, "Owner", "input.required")]),
        (["Grow", "", "carol"] + [""] * 10, [(2, "Owner", "import.unknown_person")]),
        (["Grow", "", "ann", "team"] + [""] * 9, [(2, "Team", "okr.team_required")]),
        (["Grow", "", "ann", "team", "Sales"] + [""] * 8, [(2, "Team", "import.unknown_team")]),
        (["Grow", "", "ann", "dept"] + [""] * 9, [(2, "Level", "import.unknown_choice")]),
    ],
)
def test_objective_problems_still_check_its_key_results(
    objective: list[str], problems: list[tuple[int, str, str]]
) -> None:
    plan = plan_okrs([OKR_HEADER, objective, _kr_row(Start="x")], OKRS)
    assert _problems(plan) == [*problems, (3, "Start", "import.not_a_number")]


def test_a_key_result_before_any_objective() -> None:
    plan = plan_okrs([OKR_HEADER, _kr_row()], OKRS)
    assert _problems(plan) == [(2, "Key result", "import.kr_without_objective")]


def test_at_most_25_key_results() -> None:
    rows = [OKR_HEADER, ["Grow", "", "ann"] + [""] * 10] + [_kr_row()] * 26
    assert _problems(plan_okrs(rows, OKRS)) == [(28, "Key result", "okr.too_many_krs")]
