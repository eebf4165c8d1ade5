"""Exactly once under concurrency, in one process: two schedulers running the same due jobs
at the same moment (on PostgreSQL, on two connections of the pool), and a run whose process
died half way through, taken over once its lease expired — the people it had reached are not
reached again, the others are."""

import asyncio
from datetime import timedelta

from backend.domain.enums import NotificationKind, Visibility
from backend.jobs.claims import RUN_LEASE, claim_run
from backend.models import JobClaim, Notification, Organization, OutboxMessage
from tests.api.helpers import World

from .helpers import jobs_at, key_result, local, next_week, objective


async def _owners(world: World) -> list[int]:
    await Organization.filter(id=world.org.id).update(time_zone="Asia/Shanghai")
    people = [world.admin, world.lead, world.member, world.peer, world.loner]
    for n, person in enumerate(people):
        goal = await objective(world, person, f"Goal {n}", visibility=Visibility.PUBLIC)
        await key_result(world, goal, person, f"KR {n}", current=10)
    return [p.id for p in people]


async def test_two_schedulers_at_once_remind_everyone_once(
    world: World, reach_settings, inbox
) -> None:
    owners = await _owners(world)
    at = local(next_week(5), 16, 5)
    results = await asyncio.gather(*(jobs_at(reach_settings, at, "checkin") for _ in range(2)))
    assert sum(r["checkin"] for r in results) == len(owners)
    reminders = await Notification.filter(kind=NotificationKind.REMINDER).values_list(
        "user_id", flat=True
    )
    assert sorted(reminders) == sorted(owners)
    keys = await OutboxMessage.all().values_list("key", flat=True)
    assert len(keys) == len(set(keys)) == len(owners)
    assert sorted(m["To"] for m in inbox.messages) == sorted(
        f"{h}@acme.test" for h in ("ada", "leo", "mia", "pat", "lou")
    )


async def test_a_run_left_by_a_dead_process_is_finished_by_another(
    world: World, reach_settings
) -> None:
    owners = await _owners(world)
    at = local(next_week(5), 16, 5)
    period = f"{at.isocalendar()[0]}-W{at.isocalendar()[1]:02d}"
    # a process took the run and reached one person, then died (its lease runs on)
    assert await claim_run(world.org.id, "checkin", period, at, owner="dead-process")
    await JobClaim.create(
        organization=world.org,
        job="checkin",
        period=period,
        recipient=f"user:{owners[0]}",
        done_at=at,
    )
    assert (await jobs_at(reach_settings, at + timedelta(minutes=1), "checkin"))[
        "checkin"
    ] == 0  # held
    later = at + RUN_LEASE + timedelta(minutes=1)
    assert (await jobs_at(reach_settings, later, "checkin"))["checkin"] == len(owners) - 1
    reached = await Notification.filter(kind=NotificationKind.REMINDER).values_list(
        "user_id", flat=True
    )
    assert sorted(reached) == sorted(owners[1:])  # the first was reached by the dead process
    run = await JobClaim.get(organization=world.org, job="checkin", period=period, recipient="")
    assert run.done_at is not None and run.owner != "dead-process"
