"""Importing people and teams, or a cycle's OKRs, from a spreadsheet (CSV or XLSX). The same
call previews (every row's problems, nothing written) and, confirmed, writes the whole file in
one transaction — or nothing, when any row has a problem. Files are parsed off the event loop,
two at a time."""

import csv
import io
import zipfile
from dataclasses import dataclass, field

import anyio
from openpyxl import load_workbook
from tortoise.exceptions import IntegrityError

from ..domain.enums import ObjectiveState, ProgressSource, Visibility
from ..domain.errors import Conflict, InvalidInput
from ..domain.imports import MAX_ROWS, Cell, Problem, plan_okrs, plan_people
from ..domain.people import search_text
from ..domain.phases import Activity
from ..domain.policy import Actor
from ..events.kinds import EventKind
from ..events.payloads import kr_payload, objective_payload
from ..events.phase import guard
from ..events.unit import write
from ..models import Cycle, KeyResult, Objective, Team, TeamMember, User
from ..read.imports import okr_context, people_context, team_paths
from ..read.lookup import get_in_org, require_admin
from .auth import NO_PASSWORD

MAX_BYTES = 2 * 1024 * 1024
MAX_COLUMNS = 40
MAX_UNPACKED = 50 * 1024 * 1024
_PARSING = anyio.CapacityLimiter(2)


def parse_sheet(data: bytes) -> list[list[Cell]]:
    """The first sheet of an XLSX workbook, or a CSV file (UTF-8, with or without a BOM, or
    GB18030 as Excel saves it in China; comma, semicolon or tab), as rows of cells — at most
    one row more than an import takes, so a huge file is refused without reading it all."""
    try:
        if data.startswith(b"PK\x03\x04"):
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                # a few MiB of zip can inflate to gigabytes of XML
                if sum(i.file_size for i in archive.infolist()) > MAX_UNPACKED:
                    raise InvalidInput("file", "import.unreadable")
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                sheet = book.worksheets[0]
                cells = sheet.iter_rows(max_row=MAX_ROWS + 2, max_col=MAX_COLUMNS, values_only=True)
                return [list(r) for r in cells]
            finally:
                book.close()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("gb18030")
        try:
            dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(
                text[:4096], delimiters=",;\t"
            )
        except csv.Error:
            dialect = csv.excel
        reader = csv.reader(io.StringIO(text), dialect)
        rows = zip(range(MAX_ROWS + 2), reader, strict=False)
        return [list[Cell](row[:MAX_COLUMNS]) for _, row in rows]
    except InvalidInput:
        raise
    except Exception:
        # openpyxl and the zip and XML layers under it fail in many ways on a damaged file
        raise InvalidInput("file", "import.unreadable") from None


async def read_sheet(data: bytes) -> list[list[Cell]]:
    if len(data) > MAX_BYTES:
        raise InvalidInput("file", "import.too_large", max=MAX_BYTES // (1024 * 1024))
    return await anyio.to_thread.run_sync(parse_sheet, data, limiter=_PARSING)


@dataclass
class ImportResult:
    problems: list[Problem]
    counts: dict[str, int] = field(default_factory=dict)
    written: bool = False


async def import_people(actor: Actor | None, data: bytes, confirm: bool) -> ImportResult:
    """People with their team (a path, created when missing), lead flag, role and manager.
    New accounts have no password: they sign in through SSO or a password reset."""
    actor = require_admin(actor)
    cells = await read_sheet(data)
    plan = plan_people(cells, await people_context(actor.org_id))
    existing = await team_paths(actor.org_id)
    new_teams: dict[tuple[str, ...], tuple[str, ...]] = {}
    for path in plan.teams:
        key = tuple(n.lower() for n in path)
        if key not in existing:
            new_teams.setdefault(key, path)
    result = ImportResult(plan.problems, {"people": len(plan.people), "teams": len(new_teams)})
    if plan.problems or not confirm:
        return result
    try:
        async with write(actor.org_id, actor.user_id) as unit:
            teams = dict(existing)
            for key, path in new_teams.items():
                team = await Team.create(
                    organization_id=actor.org_id, name=path[-1], parent_id=teams.get(key[:-1])
                )
                teams[key] = team.id
                await unit.record(EventKind.TEAM_CREATED, {"teamId": team.id})
            users: dict[str, int] = dict(
                await User.filter(organization_id=actor.org_id).values_list("email", "id")
            )
            for person in plan.people:
                user = await User.create(
                    organization_id=actor.org_id,
                    email=person.email,
                    display_name=person.name,
                    handle=person.handle,
                    search_text=search_text(person.name, person.handle),
                    password_hash=NO_PASSWORD,
                    locale=person.locale,
                    role=person.role,
                )
                users[person.email] = user.id
                await unit.record(EventKind.USER_CREATED, {"userId": user.id})
            for person in plan.people:
                if person.manager:
                    await User.filter(id=users[person.email]).update(
                        manager_id=users[person.manager]
                    )
                if person.team:
                    team_id = teams[tuple(n.lower() for n in person.team)]
                    await TeamMember.create(
                        team_id=team_id, user_id=users[person.email], is_lead=person.lead
                    )
                    await unit.record(
                        EventKind.TEAM_MEMBERSHIP_CHANGED,
                        {
                            "teamId": team_id,
                            "userId": users[person.email],
                            "member": True,
                            "lead": person.lead,
                        },
                    )
    except IntegrityError:
        # someone took an e-mail or handle since the preview: nothing was written
        raise Conflict("conflict.duplicate", "email") from None
    result.written = True
    return result


async def import_okrs(
    actor: Actor | None, cycle_id: int, data: bytes, confirm: bool
) -> ImportResult:
    """A cycle's objectives, each followed by its key results, as drafts (weights that do not
    sum to 100 yet are a draft's hint, not a problem)."""
    actor = require_admin(actor)
    cycle = await get_in_org(Cycle, cycle_id, actor.org_id)
    phase = await guard(cycle.id, Activity.WRITE_DRAFT)
    cells = await read_sheet(data)
    plan = plan_okrs(cells, await okr_context(actor.org_id))
    counts = {
        "objectives": len(plan.objectives),
        "keyResults": sum(len(o.key_results) for o in plan.objectives),
    }
    result = ImportResult(plan.problems, counts)
    if plan.problems or not confirm:
        return result
    async with write(actor.org_id, actor.user_id, phase) as unit:
        for new in plan.objectives:
            objective = await Objective.create(
                organization_id=actor.org_id,
                cycle_id=cycle.id,
                title=new.title,
                level=new.level,
                owner_id=new.owner_id,
                team_id=new.team_id,
                state=ObjectiveState.DRAFT,
                visibility=Visibility.PUBLIC,
            )
            await unit.record(
                EventKind.OBJECTIVE_CREATED,
                await objective_payload(objective),
                cycle_id=cycle.id,
                objective_id=objective.id,
            )
            for position, row in enumerate(new.key_results):
                kr = await KeyResult.create(
                    organization_id=actor.org_id,
                    objective_id=objective.id,
                    title=row.title,
                    kind=row.kind,
                    owner_id=row.owner_id,
                    start_value=row.start,
                    target_value=row.target,
                    range_min=row.range_min,
                    range_max=row.range_max,
                    unit=row.unit,
                    weight=row.weight,
                    due_date=row.due,
                    progress_source=ProgressSource.MANUAL,
                    position=position,
                )
                await unit.record(
                    EventKind.KEY_RESULT_CREATED,
                    await kr_payload(kr, objective),
                    cycle_id=cycle.id,
                    objective_id=objective.id,
                    key_result_id=kr.id,
                )
    result.written = True
    return result
