"""Spreadsheet import rules: which columns a sheet of people and teams, or of OKRs, has (in
English or Chinese), and every row checked — all of a file's problems at once, each with its
row number as the spreadsheet shows it and its column as the file names it. Nothing here
reads files or the database: the caller passes the cells and what already exists.

OKR sheets are kept the way people keep them: an objective row (title, owner, level, team)
followed by its key result rows (title, owner, kind, start, target, unit, weight, due date,
band); an objective's first key result may share its row (merged objective cells)."""

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from typing import Any, TypeVar

from .accounts import clean_email, clean_handle, clean_locale
from .enums import KRKind, Locale, ObjectiveLevel, ProgressSource, Role
from .errors import DomainError, InvalidInput
from .sso import handle_base
from .validation import (
    LIMITS,
    validate_kr_due,
    validate_kr_numbers,
    validate_text,
    validate_weight,
)

Cell = str | int | float | date | datetime | None
MAX_ROWS = 2000
MAX_KRS = 25
HEADER_ROW = 1  # data rows are numbered from 2, as the spreadsheet shows them
T = TypeVar("T")


@dataclass(frozen=True)
class Problem:
    row: int
    column: str | None  # the header as the file spells it
    key: str
    params: dict[str, Any] = field(default_factory=dict)


# canonical column → the headers that name it (compared without case, spaces or "_")
PEOPLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "email": ("email", "e-mail", "邮箱", "电子邮箱"),
    "name": ("name", "display name", "姓名", "名字"),
    "handle": ("handle", "账号", "用户名"),
    "role": ("role", "角色"),
    "manager": ("manager", "上级", "直属上级"),
    "team": ("team", "团队", "部门"),
    "lead": ("lead", "team lead", "负责人", "团队负责人"),
    "locale": ("locale", "language", "语言"),
}
PEOPLE_REQUIRED = ("email", "name")

OKR_COLUMNS: dict[str, tuple[str, ...]] = {
    "objective": ("objective", "o", "目标"),
    "key_result": ("key result", "kr", "关键结果"),
    "owner": ("owner", "负责人"),
    "level": ("level", "层级"),
    "team": ("team", "团队"),
    "kind": ("kind", "type", "类型"),
    "start": ("start", "start value", "起始值", "初始值"),
    "target": ("target", "target value", "目标值"),
    "unit": ("unit", "单位"),
    "weight": ("weight", "权重"),
    "due": ("due", "due date", "截止日期"),
    "min": ("min", "range min", "最小值"),
    "max": ("max", "range max", "最大值"),
}
OKR_REQUIRED = ("objective", "key_result", "owner", "kind")

ROLES = {"admin": Role.ADMIN, "管理员": Role.ADMIN, "member": Role.MEMBER, "成员": Role.MEMBER}
LEVELS = {
    **{level.value.lower(): level for level in ObjectiveLevel},
    "公司": ObjectiveLevel.COMPANY,
    "团队": ObjectiveLevel.TEAM,
    "个人": ObjectiveLevel.PERSONAL,
}
KINDS = {
    **{kind.value.lower(): kind for kind in KRKind},
    "制定基准": KRKind.BASELINE,
    "正向增长": KRKind.INCREASE,
    "反向控制": KRKind.DECREASE,
    "数量区间": KRKind.RANGE,
    "过程策略": KRKind.COUNT,
    "确定里程碑": KRKind.MILESTONE,
    "使命激励": KRKind.MISSION,
}
YES = {"yes", "y", "true", "1", "是", "x", "✓"}
NO = {"no", "n", "false", "0", "否", ""}
# the validators' field names → this sheet's columns
_KR_FIELDS = {
    "startValue": "start",
    "targetValue": "target",
    "rangeMin": "min",
    "rangeMax": "max",
    "dueDate": "due",
    "weight": "weight",
    "title": "key_result",
    "unit": "unit",
}


def _norm(header: str) -> str:
    return re.sub(r"[\s_]+", "", header).lower()


@dataclass
class Rows:
    """A sheet's data rows as {canonical column: cell}, with the file's own header names."""

    names: dict[str, str]  # canonical → as the file spells it, else its first English name
    rows: list[tuple[int, dict[str, Cell]]]
    problems: list[Problem]

    def column(self, key: str) -> str:
        return self.names[key]


def read_rows(
    cells: Sequence[Sequence[Cell]], columns: dict[str, tuple[str, ...]], required: Sequence[str]
) -> Rows:
    """Maps the header row to canonical columns (unknown columns are left out); blank rows are
    skipped but keep their numbers."""
    header = [str(c).strip() if c is not None else "" for c in (cells[0] if cells else [])]
    known = {_norm(a): key for key, names in columns.items() for a in names}
    index: dict[str, int] = {}
    names = {key: aliases[0] for key, aliases in columns.items()}
    for i, title in enumerate(header):
        key = known.get(_norm(title))
        if key and key not in index:
            index[key] = i
            names[key] = title
    problems = [
        Problem(HEADER_ROW, columns[key][0], "import.missing_column", {"column": columns[key][0]})
        for key in required
        if key not in index
    ]
    rows = []
    for number, raw in enumerate(cells[1:], start=HEADER_ROW + 1):
        row = {key: raw[i] if i < len(raw) else None for key, i in index.items()}
        if any(_text(v) for v in row.values()):
            rows.append((number, row))
    if not rows and not problems:
        problems.append(Problem(HEADER_ROW, None, "import.empty"))
    if len(rows) > MAX_ROWS:
        problems.append(Problem(HEADER_ROW, None, "import.too_many_rows", {"max": MAX_ROWS}))
    return Rows(names, rows, problems)


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _number(cell: Cell, column: str) -> float | None:
    if isinstance(cell, bool):
        raise InvalidInput(column, "import.not_a_number")
    if isinstance(cell, int | float):
        value = float(cell)
    else:
        text = _text(cell).replace(",", "").replace("，", "").removesuffix("%").strip()
        if not text:
            return None
        try:
            value = float(text)
        except ValueError:
            raise InvalidInput(column, "import.not_a_number") from None
    if not math.isfinite(value):
        raise InvalidInput(column, "import.not_a_number")
    return value


def _date(cell: Cell, column: str) -> date | None:
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    text = _text(cell).replace("/", "-").replace(".", "-")
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        parts = text.split("-")
        if len(parts) == 3 and all(p.isdigit() for p in parts):
            try:
                return date(int(parts[0]), int(parts[1]), int(parts[2]))
            except ValueError:
                pass
        raise InvalidInput(column, "input.invalid_date") from None


def _choice(cell: Cell, column: str, choices: dict[str, T]) -> T | None:
    text = _text(cell)
    if not text:
        return None
    found = choices.get(text.lower())
    if found is None:
        raise InvalidInput(column, "import.unknown_choice", choices=", ".join(choices))
    return found


def _yes(cell: Cell, column: str) -> bool:
    text = _text(cell).lower()
    if text in YES:
        return True
    if text in NO:
        return False
    raise InvalidInput(column, "import.yes_or_no")


class _Row:
    """Collects one row's problems; `check` runs a rule and keeps going when it fails."""

    def __init__(self, number: int, sheet: Rows, problems: list[Problem]) -> None:
        self.number = number
        self.sheet = sheet
        self.problems = problems
        self.ok = True

    def check(self, column: str, rule: Callable[[], T]) -> T | None:
        try:
            return rule()
        except DomainError as error:
            self.fail(column, error.key, **error.params)
            return None

    def fail(self, column: str, key: str, **params: Any) -> None:
        self.ok = False
        self.problems.append(Problem(self.number, self.sheet.column(column), key, params))


# --- people and teams --------------------------------------------------------------------


def team_path(value: str) -> tuple[str, ...]:
    """ "Engineering / Platform" (or "Engineering > Platform") → ("Engineering", "Platform")."""
    return tuple(p.strip() for p in re.split(r"[/>＞／]", value) if p.strip())


@dataclass(frozen=True)
class NewPerson:
    row: int
    email: str
    name: str
    handle: str
    role: Role
    locale: Locale
    manager: str | None  # e-mail, of someone in the file or already here
    team: tuple[str, ...] | None
    lead: bool


@dataclass(frozen=True)
class PeopleContext:
    taken_emails: frozenset[str]  # in any organization (e-mails sign in)
    taken_handles: frozenset[str]  # in this organization
    members: frozenset[str]  # e-mails of this organization's people (possible managers)


@dataclass
class PeoplePlan:
    people: list[NewPerson]
    problems: list[Problem]

    @property
    def teams(self) -> list[tuple[str, ...]]:
        """Every team path the people name, parents first."""
        paths = {p.team[:i] for p in self.people if p.team for i in range(1, len(p.team) + 1)}
        return sorted(paths, key=lambda p: (len(p), p))


def _person_row(
    r: _Row,
    row: dict[str, Cell],
    ctx: PeopleContext,
    emails: dict[str, int],
    handles: dict[str, int],
) -> NewPerson | None:
    """One person's row; `emails` and `handles` say in which row each was first seen."""
    col = r.sheet.column
    email = r.check("email", lambda: clean_email(_text(row["email"]), col("email")))
    if email in emails:
        r.fail("email", "import.twice", value=email, other=emails[email])
    elif email in ctx.taken_emails:
        r.fail("email", "import.email_taken", value=email)
    name = r.check(
        "name",
        lambda: validate_text(
            _text(row["name"]), col("name"), max_len=LIMITS["displayName"], required=True
        ),
    )
    handle = None
    if _text(row.get("handle")):
        handle = r.check("handle", lambda: clean_handle(_text(row["handle"]), col("handle")))
        if handle in handles:
            r.fail("handle", "import.twice", value=handle, other=handles[handle])
        elif handle in ctx.taken_handles:
            r.fail("handle", "import.handle_taken", value=handle)
    elif email:
        base = handle_base(email)
        handle = next(
            h
            for h in (base, *(f"{base}{n}" for n in range(2, 10_000)))
            if h not in ctx.taken_handles and h not in handles
        )
    role = r.check("role", lambda: _choice(row.get("role"), col("role"), ROLES))
    locale = r.check(
        "locale", lambda: clean_locale(_text(row.get("locale")) or "en", col("locale"))
    )
    team = team_path(_text(row.get("team"))) or None
    if team and any(len(name) > LIMITS["name"] for name in team):
        r.fail("team", "input.too_long", max=LIMITS["name"])
    lead = r.check("lead", lambda: _yes(row.get("lead"), col("lead")))
    if lead and not team:
        r.fail("lead", "import.lead_needs_team")
    if email:
        emails.setdefault(email, r.number)
    if handle:
        handles.setdefault(handle, r.number)
    if not r.ok:
        return None
    assert email and name and handle and locale is not None
    return NewPerson(
        r.number,
        email,
        name,
        handle,
        role or Role.MEMBER,
        locale,
        _text(row.get("manager")).lower() or None,
        team,
        bool(lead),
    )


def plan_people(cells: Sequence[Sequence[Cell]], ctx: PeopleContext) -> PeoplePlan:
    sheet = read_rows(cells, PEOPLE_COLUMNS, PEOPLE_REQUIRED)
    problems = list(sheet.problems)
    if problems:
        return PeoplePlan([], problems)
    people: list[NewPerson] = []
    emails: dict[str, int] = {}
    handles: dict[str, int] = {}
    for number, row in sheet.rows:
        person = _person_row(_Row(number, sheet, problems), row, ctx, emails, handles)
        if person is not None:
            people.append(person)
    # managers may be anyone in the file, above or below, or already here
    for person in people:
        manager = person.manager
        if manager and manager not in emails and manager not in ctx.members:
            problems.append(
                Problem(
                    person.row, sheet.column("manager"), "import.unknown_person", {"value": manager}
                )
            )
        elif manager == person.email:
            problems.append(Problem(person.row, sheet.column("manager"), "people.own_manager"))
    problems.sort(key=lambda p: p.row)
    return PeoplePlan(people if not problems else [], problems)


# --- OKRs --------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewKeyResult:
    row: int
    title: str
    kind: KRKind
    owner_id: int
    start: float | None
    target: float | None
    range_min: float | None
    range_max: float | None
    unit: str
    weight: float
    due: date | None


@dataclass
class NewObjective:
    row: int
    title: str
    owner_id: int
    level: ObjectiveLevel
    team_id: int | None
    key_results: list[NewKeyResult] = field(default_factory=list)


@dataclass(frozen=True)
class OkrContext:
    people: dict[str, int]  # e-mail and handle (lower case) → user id, this organization's
    teams: dict[str, int]  # team name and "Parent/Child" path (lower case) → team id


@dataclass
class OkrPlan:
    objectives: list[NewObjective]
    problems: list[Problem]


def _person(cell: Cell, column: str, ctx: OkrContext) -> int | None:
    text = _text(cell).lower().removeprefix("@")
    if not text:
        return None
    if text not in ctx.people:
        raise InvalidInput(column, "import.unknown_person", value=_text(cell))
    return ctx.people[text]


def _team(cell: Cell, column: str, ctx: OkrContext) -> int | None:
    text = "/".join(team_path(_text(cell))).lower()
    if not text:
        return None
    if text not in ctx.teams:
        raise InvalidInput(column, "import.unknown_team", value=_text(cell))
    return ctx.teams[text]


def _objective(r: _Row, row: dict[str, Cell], ctx: OkrContext) -> NewObjective | None:
    col = r.sheet.column
    title = r.check(
        "objective",
        lambda: validate_text(
            _text(row["objective"]), col("objective"), max_len=LIMITS["title"], required=True
        ),
    )
    owner = r.check("owner", lambda: _person(row["owner"], col("owner"), ctx))
    if owner is None and r.ok:
        r.fail("owner", "input.required")
    level = r.check("level", lambda: _choice(row.get("level"), col("level"), LEVELS))
    team = r.check("team", lambda: _team(row.get("team"), col("team"), ctx))
    if level is ObjectiveLevel.TEAM and not _text(row.get("team")):
        r.fail("team", "okr.team_required")
    if not r.ok:
        return None
    assert title and owner
    return NewObjective(r.number, title, owner, level or ObjectiveLevel.PERSONAL, team)


def _key_result(
    r: _Row, row: dict[str, Cell], ctx: OkrContext, default_owner: int | None
) -> NewKeyResult | None:
    col = r.sheet.column
    title = r.check(
        "key_result",
        lambda: validate_text(
            _text(row["key_result"]), col("key_result"), max_len=LIMITS["title"], required=True
        ),
    )
    kind = r.check("kind", lambda: _choice(row["kind"], col("kind"), KINDS))
    if kind is None and r.ok:
        r.fail("kind", "input.required")
    nums: dict[str, float | None] = {}
    for key in ("start", "target", "min", "max", "weight"):
        nums[key] = r.check(key, partial(_number, row.get(key), col(key)))
    due = r.check("due", lambda: _date(row.get("due"), col("due")))
    unit = r.check(
        "unit",
        lambda: validate_text(_text(row.get("unit")), col("unit"), max_len=LIMITS["unit"]),
    )
    owner = r.check("owner", lambda: _person(row.get("owner"), col("owner"), ctx))
    if not r.ok or kind is None:
        return None
    start, target, lo, hi = nums["start"], nums["target"], nums["min"], nums["max"]
    weight = nums["weight"] or 0.0
    for rule in (
        lambda: validate_kr_numbers(kind, ProgressSource.MANUAL, start, target, lo, hi),
        lambda: validate_kr_due(kind, due),
        lambda: validate_weight(weight),
    ):
        try:
            rule()
        except InvalidInput as error:
            column = _KR_FIELDS.get(error.field or "", "key_result")
            r.fail(column, error.key, **error.params)
    if not r.ok:
        return None
    assert title is not None
    return NewKeyResult(
        r.number,
        title,
        kind,
        owner or default_owner or 0,
        start,
        target,
        lo,
        hi,
        unit or "",
        weight,
        due,
    )


def plan_okrs(cells: Sequence[Sequence[Cell]], ctx: OkrContext) -> OkrPlan:
    sheet = read_rows(cells, OKR_COLUMNS, OKR_REQUIRED)
    problems = list(sheet.problems)
    if problems:
        return OkrPlan([], problems)
    objectives: list[NewObjective] = []
    current: NewObjective | None = None
    broken = False  # the objective above failed: its key results are checked, not kept
    for number, row in sheet.rows:
        r = _Row(number, sheet, problems)
        if _text(row["objective"]):
            current = _objective(r, row, ctx)
            broken = current is None
            if current is not None:
                objectives.append(current)
        elif current is None and not broken:
            r.fail("key_result", "import.kr_without_objective")
            continue
        if not _text(row["key_result"]):
            continue
        kr = _key_result(r, row, ctx, current.owner_id if current else None)
        if kr is None or current is None:
            continue
        if len(current.key_results) == MAX_KRS:
            r.fail("key_result", "okr.too_many_krs", max=MAX_KRS)
            continue
        current.key_results.append(kr)
    problems.sort(key=lambda p: p.row)
    return OkrPlan(objectives if not problems else [], problems)
