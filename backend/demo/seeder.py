"""Loads the demo company into an empty database (`lodestar seed-demo`).

The bulk path: the history is written directly through the models, not through the actions —
it is the past, so it records no activity events and the live log starts empty
(Organization.last_seq = 0). One transaction: a half-loaded demo never stays behind.
"""

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from tortoise.transactions import in_transaction

from ..actions.meetings import build_agenda
from ..db import WRITE
from ..domain.enums import (
    MeetingState,
    NotificationKind,
    ObjectiveLevel,
    ObjectiveState,
    Role,
)
from ..domain.expected import day_start
from ..domain.mentions import parse_mentions
from ..domain.people import search_text
from ..models import (
    CheckIn,
    Comment,
    Cycle,
    KeyResult,
    Lessons,
    Like,
    Meeting,
    MeetingDecision,
    Notification,
    Objective,
    Organization,
    PeerReview,
    ReviewerChoice,
    Task,
    Team,
    TeamMember,
    User,
)
from ..passwords import hash_now
from .data import (
    ADMIN_HANDLE,
    DEMO_PASSWORD,
    DOING,
    DONE,
    EMAIL_DOMAIN,
    LIKES,
    ORG_NAME,
    ORG_SLUG,
    PEOPLE,
    TEAMS,
    THREADS,
    UNCOMMITTED,
    CycleSpec,
    MeetingSpec,
    ObjSpec,
    TaskSpec,
    demo_cycles,
)
from .simulator import (
    CheckInPlan,
    CyclePlan,
    KRPlan,
    _created_at,
    _task_done_at,
    review_scores,
    simulate,
)


class _Seeder:
    """Writes the demo rows; keeps the maps from table keys to the rows created."""

    def __init__(self, org: Organization, password_hash: str, now: datetime) -> None:
        self.org = org
        self.password_hash = password_hash
        self.now = now
        self.users: dict[str, User] = {}
        self.teams: dict[str, Team] = {}
        self.objectives: dict[str, Objective] = {}
        self.krs: dict[str, KeyResult] = {}
        self.tasks: dict[str, Task] = {}

    def uid(self, handle: str) -> int:
        return self.users[handle].id

    async def people(self, joined: datetime) -> None:
        for person in PEOPLE:
            self.users[person.handle] = await User.create(
                organization=self.org,
                email=f"{person.handle}@{EMAIL_DOMAIN}",
                password_hash=self.password_hash,
                display_name=person.name,
                handle=person.handle,
                search_text=search_text(person.name, person.handle),
                locale=person.locale,
                role=Role.ADMIN if person.handle == ADMIN_HANDLE else Role.MEMBER,
                manager_id=self.uid(person.manager) if person.manager else None,
                created_at=joined,
            )

    async def org_chart(self, formed: datetime) -> None:
        members: list[TeamMember] = []
        for spec in TEAMS:
            team = await Team.create(
                organization=self.org,
                name=spec.name,
                parent=self.teams[spec.parent] if spec.parent else None,
                created_at=formed,
            )
            self.teams[spec.key] = team
            members.append(TeamMember(team=team, user_id=self.uid(spec.lead), is_lead=True))
            members += [TeamMember(team=team, user_id=self.uid(h)) for h in spec.members]
        await TeamMember.bulk_create(members)

    async def cycle(self, plan: CyclePlan) -> None:
        spec = plan.spec
        cycle = await Cycle.create(
            organization=self.org,
            name=spec.name,
            starts_on=spec.starts_on,
            ends_on=spec.ends_on,
            phase=spec.phase,
            created_at=day_start(spec.starts_on) - timedelta(days=14),
        )
        plans = {kr.key: kr for kr in plan.krs}
        scores = review_scores(plan)
        for obj in spec.objectives:
            created = _created_at(obj, spec, self.now)
            await self._objective(cycle, spec, obj, plans, scores, created)
        await CheckIn.bulk_create(
            [self._check_in_row(kr, c) for kr in plan.krs for c in kr.check_ins]
        )
        for obj in spec.objectives:
            await self._tasks(obj, spec)
        await self._retrospective(spec)
        for meeting in spec.meetings:
            await self._meeting(cycle, spec, meeting)

    def _scored_at(self, spec: CycleSpec) -> datetime:
        """The retrospective meeting: a few days after the cycle's end."""
        return min(self.now, day_start(spec.ends_on) + timedelta(days=3))

    async def _objective(
        self,
        cycle: Cycle,
        cycle_spec: CycleSpec,
        obj: ObjSpec,
        plans: dict[str, KRPlan],
        scores: dict[str, float],
        created: datetime,
    ) -> None:
        source = self.krs[obj.source] if obj.source else None
        reasons = {key: why for key, _, why in cycle_spec.retro.finals} if cycle_spec.retro else {}
        scored_at = self._scored_at(cycle_spec)
        # agreed at the 共识会 before the cycle began (a few owners have not said it yet)
        committed = not obj.draft and obj.level is not ObjectiveLevel.COMPANY
        committed = committed and obj.key not in UNCOMMITTED
        row = await Objective.create(
            organization=self.org,
            cycle=cycle,
            title=obj.title or (source.title if source else ""),
            description=obj.description,
            level=obj.level,
            state=ObjectiveState.DRAFT if obj.draft else ObjectiveState.PUBLISHED,
            visibility=obj.visibility,
            owner_id=self.uid(obj.owner),
            team=self.teams[obj.team] if obj.team else None,
            parent=self.objectives[obj.parent_key] if obj.parent_key else None,
            source_key_result=source,
            score=scores.get(obj.key),
            committed_at=created + timedelta(days=2) if committed else None,
            committed_by_id=self.uid(obj.owner) if committed else None,
            created_at=created,
        )
        self.objectives[obj.key] = row
        for position, spec in enumerate(obj.krs):
            plan = plans[obj.kr_key(position)]
            latest = plan.check_ins[-1] if plan.check_ins else None
            self.krs[plan.key] = await KeyResult.create(
                organization=self.org,
                objective=row,
                title=spec.title,
                kind=spec.kind,
                unit=spec.unit,
                start_value=spec.start,
                target_value=spec.target,
                range_min=spec.lo,
                range_max=spec.hi,
                current_value=latest.value if latest else None,
                due_date=plan.due,
                weight=spec.weight,
                owner_id=self.uid(plan.owner),
                confidence=latest.confidence if latest else None,
                progress_source=plan.source,
                difficulty=spec.difficulty,
                effort=spec.effort,
                score=scores.get(plan.key),
                score_reason=reasons.get(plan.key, ""),
                scored_at=scored_at if plan.key in scores else None,
                scored_by_id=self.uid(obj.owner) if plan.key in scores else None,
                position=position,
                last_check_in_at=latest.at if latest else None,
                created_at=created,
            )

    async def _retrospective(self, spec: CycleSpec) -> None:
        """Who was asked to review what, their reviews, and the lessons written."""
        retro = spec.retro
        if retro is None:
            return
        at = self._scored_at(spec)
        await ReviewerChoice.bulk_create(
            [
                ReviewerChoice(
                    organization=self.org,
                    objective=self.objectives[key],
                    reviewer_id=self.uid(handle),
                    chosen_by_id=self.objectives[key].owner_id,
                    created_at=at,
                )
                for key, handles in retro.reviewers
                for handle in handles
            ]
        )
        await PeerReview.bulk_create(
            [
                PeerReview(
                    organization=self.org,
                    objective_id=self.krs[kr].objective_id,
                    key_result=self.krs[kr],
                    reviewer_id=self.uid(handle),
                    score=score,
                    comment=comment,
                    created_at=at,
                    updated_at=at,
                )
                for kr, handle, score, comment in retro.reviews
            ]
        )
        await Lessons.bulk_create(
            [
                Lessons(
                    organization=self.org,
                    objective=self.objectives[key],
                    went_well=well,
                    to_improve=improve,
                    to_carry_on=carry_on,
                    updated_by_id=self.objectives[key].owner_id,
                )
                for key, well, improve, carry_on in retro.lessons
            ]
        )

    async def _meeting(self, cycle: Cycle, spec: CycleSpec, m: MeetingSpec) -> None:
        """A meeting with its agenda built from the seeded data; a held one has its notes, the
        time spent on the first items, its decisions and its action items (tasks)."""
        at = self._scored_at(spec) if m.days is None else self.now + timedelta(days=m.days)
        held = at < self.now
        lead = self.uid(m.facilitator)
        row = Meeting(
            organization=self.org,
            cycle=cycle,
            kind=m.kind,
            team=self.teams[m.team] if m.team else None,
            state=MeetingState.ENDED if held else MeetingState.SCHEDULED,
            starts_at=at,
            started_at=at if held else None,
            ended_at=at + timedelta(minutes=40) if held else None,
            facilitator_id=lead,
            creator_id=lead,
            notes=m.notes,
            notes_version=1 if m.notes else 0,
            notes_edited_at=at + timedelta(minutes=35) if m.notes else None,
            notes_edited_by_id=lead if m.notes else None,
            created_at=at - timedelta(days=2),
        )
        await build_agenda(row, cycle, at)
        if held:  # a few minutes on each of the first items
            row.item_seconds = {item["id"]: 240 + 60 * i for i, item in enumerate(row.agenda[:5])}
        await row.save()
        await row.attendees.add(*(self.users[h] for h in m.attendees))
        for minute, (key, text) in enumerate(m.decisions, start=10):
            await MeetingDecision.create(
                organization=self.org,
                meeting=row,
                author_id=lead,
                text=text,
                objective=self.objectives[key],
                created_at=at + timedelta(minutes=minute),
            )
        for key, title, assignee, due in m.actions:
            kr = self.krs.get(key)  # a KR's key is its objective's and its number
            objective = self.objectives[key.split(".")[0]]
            siblings = await Task.filter(objective=objective, key_result=kr).count()
            await Task.create(
                organization=self.org,
                objective=objective,
                key_result=kr,
                meeting=row,
                title=title,
                creator_id=lead,
                assignee_id=self.uid(assignee),
                due_date=(self.now + timedelta(days=due)).date(),
                position=siblings,
                created_at=at + timedelta(minutes=30),
            )

    async def likes(self) -> None:
        rows = []
        for handle, target in LIKES:
            kind, key = target.split(":")
            if kind == "kr":
                kr = self.krs[key]
                objective_id, target_type, target_id = kr.objective_id, "KeyResult", kr.id
            else:
                objective_id = target_id = self.objectives[key].id
                target_type = "Objective"
            rows.append(
                Like(
                    organization=self.org,
                    user_id=self.uid(handle),
                    objective_id=objective_id,
                    target_type=target_type,
                    target_id=target_id,
                )
            )
        await Like.bulk_create(rows)

    def _check_in_row(self, kr: KRPlan, c: CheckInPlan) -> CheckIn:
        return CheckIn(
            organization=self.org,
            key_result=self.krs[kr.key],
            author_id=self.uid(kr.owner),
            value=c.value,
            confidence=c.confidence,
            note=c.note,
            progress=c.progress,
            raw_progress=c.raw_progress,
            created_at=c.at,
        )

    async def _tasks(self, obj: ObjSpec, cycle: CycleSpec) -> None:
        owned: list[tuple[KeyResult | None, TaskSpec]] = [(None, t) for t in obj.tasks]
        for i, kr in enumerate(obj.krs):
            owned += [(self.krs[obj.kr_key(i)], t) for t in kr.tasks]
        cycle_start = day_start(cycle.starts_on)
        for position, (kr_row, spec) in enumerate(owned):
            done_at = _task_done_at(spec, cycle_start)
            done = done_at is not None and done_at <= self.now
            task = await Task.create(
                organization=self.org,
                objective=self.objectives[obj.key],
                key_result=kr_row,
                title=spec.title,
                # a task planned to finish later than now is still in progress
                status=DONE if done else (DOING if spec.done_week is not None else spec.status),
                creator_id=self.uid(obj.owner),
                assignee_id=self.uid(spec.assignee),
                due_date=cycle.starts_on + timedelta(days=spec.due) if spec.due else None,
                position=position,
                created_at=cycle_start - timedelta(days=2),
            )
            if spec.collaborators:
                await task.collaborators.add(*(self.users[h] for h in spec.collaborators))
            if spec.key:
                self.tasks[spec.key] = task

    async def threads(self) -> None:
        notifications: list[Notification] = []
        for thread in THREADS:
            kind, key = thread.target.split(":")
            task = self.tasks.get(key) if kind == "task" else None
            kr = self.krs.get(key) if kind == "kr" else None
            objective_id = (
                task.objective_id if task else kr.objective_id if kr else self.objectives[key].id
            )
            for author, hours, body in thread.comments:
                at = self.now - timedelta(hours=hours)
                comment = await Comment.create(
                    organization=self.org,
                    objective_id=objective_id,
                    key_result=kr,
                    task=task,
                    author_id=self.uid(author),
                    body=body,
                    created_at=at,
                )
                mentioned = [self.users[h] for h in parse_mentions(body) if h in self.users]
                await comment.mentions.add(*mentioned)
                notifications += self._mention_notices(comment, mentioned, at)
        await Notification.bulk_create(notifications)

    def _mention_notices(
        self, comment: Comment, users: Iterable[User], at: datetime
    ) -> list[Notification]:
        # Notices older than a day have been seen; the recent ones wait in the inbox.
        read_at = at + timedelta(hours=2) if self.now - at > timedelta(days=1) else None
        return [
            Notification(
                organization=self.org,
                user=user,
                kind=NotificationKind.MENTION,
                actor_id=comment.author_id,
                objective_id=comment.objective_id,
                task_id=comment.task_id,
                comment=comment,
                read_at=read_at,
                created_at=at,
            )
            for user in users
            if user.id != comment.author_id
        ]


async def seed_demo(now: datetime | None = None) -> bool:
    """Create the demo company in an empty database; False (and nothing done) otherwise."""
    if await Organization.exists():
        return False
    now = (now or datetime.now(UTC)).astimezone(UTC)
    # argon2 is deliberately slow: hash once, every demo person shares the password.
    password_hash = hash_now(DEMO_PASSWORD)
    plans = [simulate(cycle, now) for cycle in demo_cycles(now)]
    founded = day_start(min(p.spec.starts_on for p in plans)) - timedelta(days=90)
    async with in_transaction(WRITE):
        if await Organization.exists():
            return False
        org = await Organization.create(
            name=ORG_NAME, slug=ORG_SLUG, last_seq=0, created_at=founded
        )
        seeder = _Seeder(org, password_hash, now)
        await seeder.people(founded)
        await seeder.org_chart(founded)
        for plan in plans:
            await seeder.cycle(plan)
        await seeder.threads()
        await seeder.likes()
    return True
