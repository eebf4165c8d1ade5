"""The demo company, loaded into a freshly migrated database (both engines via `db`)."""

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher

from backend.demo.data import demo_cycles
from backend.demo.seeder import seed_demo
from backend.demo.simulator import simulate
from backend.domain.enums import (
    CyclePhase,
    KRKind,
    MeetingKind,
    MeetingState,
    NotificationKind,
    ObjectiveLevel,
    ObjectiveState,
    ProgressSource,
    Role,
    TaskStatus,
    TrackStatus,
    Visibility,
)
from backend.domain.evaluate import CycleFacts, Evaluation, KRNode, ObjectiveNode, evaluate
from backend.domain.progress import KRFacts
from backend.models import (
    ActivityEvent,
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

# Mid-quarter (week 7 of 2026 Q2): every status should be on the board.
NOW = datetime(2026, 5, 13, 10, 0, tzinfo=UTC)
ALIVE = {TrackStatus.ON_TRACK, TrackStatus.AT_RISK, TrackStatus.BEHIND, TrackStatus.DONE}


@pytest.fixture
async def demo(db: str) -> Organization:
    assert await seed_demo(NOW) is True
    return await Organization.get()


async def _current_cycle() -> Cycle:
    # the quarter: of the two cycles being tracked, the one that started last
    cycle = await Cycle.filter(phase=CyclePhase.TRACKING).order_by("-starts_on").first()
    assert cycle is not None
    return cycle


async def _evaluate(cycle: Cycle) -> tuple[Evaluation, list[Objective]]:
    """Evaluate a cycle from what is stored, the way the board does."""
    objectives = await Objective.filter(cycle=cycle)
    krs = await KeyResult.filter(objective__cycle=cycle)
    tasks = Counter[tuple[int, bool]](
        (t.key_result_id, t.status is TaskStatus.DONE)
        for t in await Task.filter(key_result__objective__cycle=cycle)
        if t.key_result_id is not None
    )
    nodes = [
        KRNode(
            id=kr.id,
            objective_id=kr.objective_id,
            weight=kr.weight,
            facts=KRFacts(
                kind=kr.kind,
                source=kr.progress_source,
                start=kr.start_value,
                target=kr.target_value,
                current=kr.current_value,
                range_min=kr.range_min,
                range_max=kr.range_max,
                tasks_done=tasks[(kr.id, True)],
                tasks_total=tasks[(kr.id, True)] + tasks[(kr.id, False)],
            ),
            archived=kr.archived,
            due=kr.due_date,
            confidence=kr.confidence,
            last_check_in_at=kr.last_check_in_at,
            created_at=kr.created_at,
        )
        for kr in krs
    ]
    obj_nodes = [ObjectiveNode(o.id, o.source_key_result_id) for o in objectives]
    facts = CycleFacts(cycle.starts_on, cycle.ends_on, cycle.phase)
    return evaluate(obj_nodes, nodes, facts, NOW), objectives


async def test_seeds_once_and_leaves_the_live_log_empty(demo: Organization) -> None:
    assert await seed_demo(NOW) is False
    assert await Organization.all().count() == 1
    assert demo.name == "星图科技 Lodestar Demo" and demo.last_seq == 0
    assert await ActivityEvent.all().count() == 0
    assert sorted(c.phase for c in await Cycle.all()) == sorted(
        [CyclePhase.TRACKING, CyclePhase.TRACKING, CyclePhase.REVIEWING, CyclePhase.CLOSED]
    )


async def test_people_and_teams(demo: Organization) -> None:
    users = await User.all()
    assert 23 <= len(users) <= 27
    assert len({u.handle for u in users}) == len(users)
    admin = await User.get(email="admin@example.com")
    assert admin.role is Role.ADMIN and admin.handle == "admin"
    assert admin.display_name == "管理员 Admin"
    assert [u.handle for u in users if u.role is Role.ADMIN] == ["admin"]
    hasher = PasswordHasher()
    assert hasher.verify(admin.password_hash, "lodestar")
    assert all(u.email == f"{u.handle}@example.com" for u in users)
    assert {u.locale for u in users} == {"zh-CN", "en"}
    assert sum(u.manager_id is None for u in users) == 1  # only the CEO reports to no one
    zhang = await User.get(handle="zhangsan")
    assert zhang.display_name == "张三" and "zs" in zhang.search_text.split()
    assert {"lisi", "emily"} <= {u.handle for u in users}

    teams = await Team.all()
    roots = [t for t in teams if t.parent_id is None]
    assert [t.name for t in roots] == ["星图科技"]
    departments = [t for t in teams if t.parent_id == roots[0].id]
    assert 4 <= len(departments) <= 5
    assert any(t.parent_id in {d.id for d in departments} for t in teams)  # sub-teams
    leads = {m.team_id for m in await TeamMember.filter(is_lead=True)}
    assert leads == {t.id for t in teams}


async def test_okrs_follow_the_method(demo: Organization) -> None:
    cycle = await _current_cycle()
    objectives = {o.id: o for o in await Objective.filter(cycle=cycle)}
    krs = {kr.id: kr for kr in await KeyResult.filter(objective__cycle=cycle)}
    assert {kr.kind for kr in krs.values()} == set(KRKind)

    def depth(o: Objective) -> int:
        return 1 if o.parent_id is None else 1 + depth(objectives[o.parent_id])

    assert max(depth(o) for o in objectives.values()) >= 4
    converted = [o for o in objectives.values() if o.source_key_result_id is not None]
    assert len(converted) >= 3
    for o in converted:
        source = krs[o.source_key_result_id]  # type: ignore[index]
        assert o.parent_id == source.objective_id
        assert source.progress_source is ProgressSource.ALIGNED
    assert any(depth(o) >= 3 for o in converted)

    published = [o for o in objectives.values() if o.state is ObjectiveState.PUBLISHED]
    for o in published:
        weights = [kr.weight for kr in krs.values() if kr.objective_id == o.id]
        assert abs(sum(weights) - 100) <= 0.01, o.title
    assert sum(o.state is ObjectiveState.DRAFT for o in objectives.values()) >= 2
    visibilities = Counter(o.visibility for o in objectives.values())
    assert visibilities[Visibility.PRIVATE] >= 1 and visibilities[Visibility.TEAM] >= 1

    task_krs = [kr for kr in krs.values() if kr.progress_source is ProgressSource.TASKS]
    assert task_krs
    done = await Task.filter(key_result_id__in=[kr.id for kr in task_krs], status=TaskStatus.DONE)
    assert done
    assert await Task.filter(collaborators__id__gt=0).exists()


async def test_check_in_history_matches_the_key_results(demo: Organization) -> None:
    cycle = await _current_cycle()
    start = datetime.combine(cycle.starts_on, datetime.min.time(), UTC)
    krs = await KeyResult.filter(objective__cycle=cycle, objective__state=ObjectiveState.PUBLISHED)
    check_ins = await CheckIn.filter(key_result_id__in=[kr.id for kr in krs]).order_by("created_at")
    assert len(check_ins) >= 5 * len(krs)
    assert all(start <= c.created_at <= NOW for c in check_ins)
    assert all(0 <= c.progress <= 1 for c in check_ins)
    latest = {c.key_result_id: c for c in check_ins}
    for kr in krs:
        last = latest[kr.id]
        assert (kr.current_value, kr.confidence) == (last.value, last.confidence)
        assert kr.last_check_in_at == last.created_at
    evaluation, _ = await _evaluate(cycle)
    for kr in krs:
        if kr.progress_source is ProgressSource.MANUAL:
            # what was stored at the last check-in is what the board computes now
            assert latest[kr.id].progress == pytest.approx(evaluation.key_results[kr.id].progress)


async def test_board_shows_every_status(demo: Organization) -> None:
    evaluation, objectives = await _evaluate(await _current_cycle())
    published = {o.id for o in objectives if o.state is ObjectiveState.PUBLISHED}
    krs = await KeyResult.filter(objective_id__in=published)
    statuses = Counter(evaluation.key_results[kr.id].status for kr in krs)
    assert set(statuses) >= ALIVE, statuses
    assert statuses[TrackStatus.ON_TRACK] > statuses[TrackStatus.BEHIND]
    objective_statuses = {evaluation.objectives[o].status for o in published}
    assert objective_statuses >= ALIVE - {TrackStatus.DONE}


async def test_the_earlier_quarter_is_closed_and_scored(demo: Organization) -> None:
    closed = await Cycle.get(phase=CyclePhase.CLOSED)
    krs = await KeyResult.filter(objective__cycle=closed)
    objectives = await Objective.filter(cycle=closed)
    assert krs and all(kr.score is not None and 0 <= kr.score <= 1 for kr in krs)
    assert all(kr.scored_at is not None and kr.scored_by_id is not None for kr in krs)
    assert all(o.score is not None for o in objectives)
    assert len({kr.score for kr in krs}) > 2
    assert [kr.score_reason != "" for kr in krs].count(True) == 1  # one score overridden
    assert await Lessons.filter(objective__cycle=closed).count() == len(objectives)
    reviewing = await Cycle.get(phase=CyclePhase.REVIEWING)
    assert closed.ends_on < reviewing.starts_on
    assert reviewing.ends_on < (await _current_cycle()).starts_on


async def test_the_previous_quarter_is_half_way_through_its_retrospective(
    demo: Organization,
) -> None:
    cycle = await Cycle.get(phase=CyclePhase.REVIEWING)
    krs = await KeyResult.filter(objective__cycle=cycle)
    scored = [kr for kr in krs if kr.score is not None]
    assert 0 < len(scored) < len(krs)
    assert any(kr.score_reason for kr in scored)
    reviews = await PeerReview.filter(objective__cycle=cycle)
    chosen = {(c.objective_id, c.reviewer_id) for c in await ReviewerChoice.all()}
    assert reviews and all((r.objective_id, r.reviewer_id) in chosen for r in reviews)
    own = {kr.id: kr for kr in krs}
    # someone's review is 0.3 or more off the owner's score (or its suggestion): worth a talk
    assert any(
        own[r.key_result_id].score is not None
        and abs(own[r.key_result_id].score - r.score) >= 0.3 - 1e-9  # type: ignore[operator]
        for r in reviews
    )
    assert await Like.filter(objective__cycle=cycle).count() >= 3
    assert await Lessons.filter(objective__cycle=cycle).exists()


async def test_the_cycles_have_their_meetings(demo: Organization) -> None:
    # last week's progress meeting of Growth: held, its agenda kept, notes, decisions, tasks
    progress = await Meeting.get(cycle=await _current_cycle(), kind=MeetingKind.PROGRESS)
    growth = await Team.get(name__contains="Growth")
    assert (progress.team_id, progress.state) == (growth.id, MeetingState.ENDED)
    assert progress.started_at is not None and progress.started_at < NOW - timedelta(days=6)
    kinds = {item["kind"] for item in progress.agenda}
    assert "BLOCKED_TASK" in kinds and len(progress.agenda) >= 3, kinds
    assert progress.notes and progress.notes_version == 1
    assert set(progress.item_seconds) <= {item["id"] for item in progress.agenda}
    assert {u.handle for u in await progress.attendees} == {"zhangsan", "emily", "lily"}
    assert await MeetingDecision.filter(meeting=progress).count() == 2
    actions = await Task.filter(meeting=progress).prefetch_related("assignee")
    assert {t.assignee.handle for t in actions} == {"emily", "lily"}
    # the reviewing quarter's retrospective is coming, with the key results to score
    reviewing = await Cycle.get(phase=CyclePhase.REVIEWING)
    retro = await Meeting.get(cycle=reviewing)
    assert (retro.kind, retro.state, retro.team_id) == (
        MeetingKind.RETROSPECTIVE,
        MeetingState.SCHEDULED,
        None,
    )
    assert retro.starts_at > NOW
    to_score = [item for item in retro.agenda if item["kind"] == "SCORE_KEY_RESULT"]
    assert to_score and any("score" not in item for item in to_score)  # scoring half done
    # the closed quarter's was held a few days after its end
    closed = await Cycle.get(phase=CyclePhase.CLOSED)
    held = await Meeting.get(cycle=closed)
    assert held.state is MeetingState.ENDED and held.started_at is not None
    assert held.started_at.date() > closed.ends_on
    assert await MeetingDecision.filter(meeting=held).exists()


async def test_owners_committed_to_their_objectives(demo: Organization) -> None:
    cycle = await _current_cycle()
    published = await Objective.filter(cycle=cycle, state=ObjectiveState.PUBLISHED)
    committed = [o for o in published if o.committed_by_id == o.owner_id and o.committed_at]
    uncommitted = [o for o in published if o.committed_at is None]
    assert committed and uncommitted  # the consensus meeting has something to follow up
    assert all(o.level is not ObjectiveLevel.COMPANY for o in committed)


async def test_comment_threads_mention_and_notify(demo: Organization) -> None:
    comments = await Comment.all().prefetch_related("mentions")
    assert len(comments) >= 6
    notified = {(n.comment_id, n.user_id) for n in await Notification.all()}
    mentioned = {(c.id, u.id) for c in comments for u in c.mentions if u.id != c.author_id}
    assert mentioned and notified == mentioned
    kinds = {n.kind for n in await Notification.all()}
    assert kinds == {NotificationKind.MENTION}
    assert await Notification.filter(read_at=None).exists()
    assert {c.task_id is not None for c in comments} == {True, False}


@pytest.mark.parametrize("day", [14, 30, 45, 60, 75, 88])
def test_demo_stays_alive_through_the_quarter(day: int) -> None:
    """Whenever the demo is loaded (from the third week of a quarter), the board is varied."""
    now = datetime(2026, 7, 1, 9, 30, tzinfo=UTC) + timedelta(days=day)
    quarter = max(
        (c for c in demo_cycles(now) if c.phase is CyclePhase.TRACKING), key=lambda c: c.starts_on
    )
    plan = simulate(quarter, now)
    assert plan.final is not None
    statuses = {
        plan.final.key_results[kr.node_id].status for kr in plan.krs if not kr.objective.draft
    }
    assert statuses >= ALIVE
