"""read/rows.py builds the same model instances as Tortoise does: every attribute equal,
of the same type (datetimes in the same zone), saved and not partial — on both engines."""

from datetime import UTC, date, datetime, timedelta
from typing import Any

from tortoise.models import Model

from backend.domain.enums import KRKind, ObjectiveLevel, ObjectiveState, ProgressSource, Visibility
from backend.models import KeyResult, Objective
from backend.read.rows import columns, fetch_models
from tests.api.helpers import World


def state(row: Model) -> dict[str, Any]:
    return {k: (v, type(v), getattr(v, "tzinfo", None)) for k, v in vars(row).items()}


async def test_fast_rows_equal_tortoise_rows(world: World) -> None:
    parent = await Objective.create(
        organization=world.org,
        cycle=world.cycle,
        title="Parent — 父目标",
        description="",
        level=ObjectiveLevel.COMPANY,
        owner=world.admin,
        state=ObjectiveState.PUBLISHED,
    )
    child = await Objective.create(
        organization=world.org,
        cycle=world.cycle,
        title="Child",
        description="with\nlines",
        level=ObjectiveLevel.TEAM,
        owner=world.lead,
        team=world.dept,
        visibility=Visibility.TEAM,
        state=ObjectiveState.ARCHIVED,
        parent=parent,
        score=0.7,
        version=3,
    )
    at = datetime(2026, 3, 4, 5, 6, 7, 891011, tzinfo=UTC)
    for i, (kind, source) in enumerate(
        [
            (KRKind.INCREASE, ProgressSource.MANUAL),
            (KRKind.RANGE, ProgressSource.MANUAL),
            (KRKind.MILESTONE, ProgressSource.TASKS),
            (KRKind.COUNT, ProgressSource.ALIGNED),
        ]
    ):
        await KeyResult.create(
            organization=world.org,
            objective=parent if i % 2 else child,
            title=f"KR {i}",
            kind=kind,
            progress_source=source,
            start_value=0 if i != 1 else 20,
            target_value=10 if i == 0 else None,
            range_min=60 if i == 1 else None,
            range_max=90.5 if i == 1 else None,
            current_value=None if i == 2 else 4.25,
            due_date=date(2026, 5, 31) if i < 2 else None,
            weight=25,
            owner=world.member if i else None,
            confidence=None if i == 3 else i,
            archived=i == 2,
            last_check_in_at=at + timedelta(hours=i) if i != 2 else None,
            position=i,
        )
    await child.save()  # an updated_at later than created_at

    fast = await fetch_models(
        Objective,
        f"SELECT {columns(Objective, 'o')} FROM objective o WHERE o.cycle_id = ? ORDER BY o.id",
        [world.cycle.id],
    )
    slow = await Objective.filter(cycle_id=world.cycle.id).order_by("id")
    assert [state(o) for o in fast] == [state(o) for o in slow]
    assert len(fast) == 2

    fast_krs = await fetch_models(
        KeyResult,
        f"SELECT {columns(KeyResult, 'k')} FROM key_result k "
        "JOIN objective o ON o.id = k.objective_id WHERE o.cycle_id = ? ORDER BY k.id",
        [world.cycle.id],
    )
    slow_krs = await KeyResult.filter(objective__cycle_id=world.cycle.id).order_by("id")
    assert [state(k) for k in fast_krs] == [state(k) for k in slow_krs]
    assert len(fast_krs) == 4

    # they are models like any other: saved, not partial, and may be saved again
    kr = fast_krs[0]
    assert kr._saved_in_db and not kr._partial
    kr.title = "renamed"
    await kr.save(update_fields=["title"])
    assert (await KeyResult.get(id=kr.id)).title == "renamed"
    assert await fetch_models(KeyResult, "SELECT k.id FROM key_result k WHERE 1 = 0") == []
