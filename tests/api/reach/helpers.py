"""What the reach API tests share: OKR rows to be warned or reminded about, the jobs run at a
chosen time, moments in Shanghai."""

from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from backend.domain.enums import (
    KRKind,
    NotificationKind,
    ObjectiveLevel,
    ObjectiveState,
    Visibility,
)
from backend.jobs.scheduler import run_due
from backend.models import KeyResult, Notification, Objective, Team, User
from backend.settings import Settings
from tests.api.helpers import World

PUBLIC_URL = "https://okr.example.com"
SHANGHAI = ZoneInfo("Asia/Shanghai")


async def jobs_at(settings: Settings, at: datetime, *only: str) -> dict[str, int]:
    """The jobs (all, or those named) as `lodestar jobs run-once --at` runs them."""
    return await run_due(settings, at, only or None)


async def objective(
    world: World,
    owner: User,
    title: str,
    *,
    visibility: Visibility = Visibility.TEAM,
    team: Team | None = None,
    state: ObjectiveState = ObjectiveState.PUBLISHED,
    cycle_id: int | None = None,
) -> Objective:
    return await Objective.create(
        organization=world.org,
        cycle_id=cycle_id or world.cycle.id,
        title=title,
        level=ObjectiveLevel.TEAM if team else ObjectiveLevel.PERSONAL,
        state=state,
        visibility=visibility,
        owner=owner,
        team=team,
    )


async def key_result(
    world: World,
    under: Objective,
    owner: User,
    title: str,
    *,
    current: float | None = None,
    kind: KRKind = KRKind.INCREASE,
    due: date | None = None,
    weight: float = 100,
) -> KeyResult:
    numbers: dict[str, Any] = (
        {"start_value": 0, "target_value": 100}
        if kind is KRKind.INCREASE
        else {"start_value": 0, "target_value": 1}
    )
    return await KeyResult.create(
        organization=world.org,
        objective=under,
        title=title,
        kind=kind,
        owner=owner,
        current_value=current,
        due_date=due,
        weight=weight,
        **numbers,
    )


async def notices_of(user: User, kind: NotificationKind) -> list[Notification]:
    return await Notification.filter(user_id=user.id, kind=kind).order_by("id")


CHECK_IN = "mutation($i: CheckInInput!) { checkIn(input: $i) { id status } }"


def local(day: date, hour: int, minute: int = 0) -> datetime:
    """A Shanghai wall-clock moment as a UTC instant."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI).astimezone(UTC)


def next_week(weekday: int) -> date:
    """The given ISO weekday of next week (Shanghai): after any check-in made today."""
    today = datetime.now(SHANGHAI).date()
    monday = today - timedelta(days=today.isoweekday() - 1) + timedelta(days=7)
    return monday + timedelta(days=weekday - 1)
