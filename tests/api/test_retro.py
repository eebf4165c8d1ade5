"""The retrospective through the API: scores with their reasons, the scoring sheet, peer
reviews side by side with the owner's score, likes, lessons, commitments and the consensus
meeting's open points, what the phase asks of each person — and bad input to each."""

from datetime import timedelta
from typing import Any

import pytest

from backend.domain.enums import (
    CyclePhase,
    KRKind,
    NotificationKind,
    ObjectiveLevel,
    ObjectiveState,
    Visibility,
)
from backend.models import (
    CheckIn,
    Comment,
    Cycle,
    KeyResult,
    Notification,
    Objective,
    ReviewerChoice,
    User,
)
from tests.api.helpers import World, changed_directly, fingerprint, gid, grow

P = ObjectiveState.PUBLISHED


async def reviewing(world: World) -> None:
    world.cycle.phase = CyclePhase.REVIEWING
    await world.cycle.save()


async def objective(
    world: World,
    owner: User,
    title: str,
    *,
    level: ObjectiveLevel = ObjectiveLevel.PERSONAL,
    state: ObjectiveState = P,
    parent: Objective | None = None,
    source: KeyResult | None = None,
    team_id: int | None = None,
    visibility: Visibility = Visibility.PUBLIC,
) -> Objective:
    return await Objective.create(
        organization=world.org,
        cycle=world.cycle,
        title=title,
        level=level,
        owner=owner,
        state=state,
        parent=parent,
        source_key_result=source,
        team_id=team_id,
        visibility=visibility,
    )


async def kr(
    o: Objective, title: str, weight: float, current: float | None, target: float = 10
) -> KeyResult:
    return await KeyResult.create(
        organization_id=o.organization_id,
        objective=o,
        owner_id=o.owner_id,
        title=title,
        kind=KRKind.INCREASE,
        start_value=0,
        target_value=target,
        current_value=current,
        weight=weight,
    )


SCORE = """mutation($id: ID!, $i: ScoreInput!) { scoreKeyResult(id: $id, input: $i) {
  score suggestedScore completion difficulty effort scoreReason scoreBand scoredAt
  objective { score scoreBand } } }"""
SHEET = """query($c: ID!, $t: ID, $o: ID) { scoringSheet(cycleId: $c, teamId: $t, ownerId: $o) {
  keyResultCount scoredCount score scoreBand
  objectives { title score scoreBand keyResults { title completion difficulty effort
    suggestedScore score scoreReason scoreBand peerScore peerGapFlagged
    peerReviews { score comment ownScore gapFlagged reviewer { handle } } } } } }"""


async def test_scores_with_reasons_and_the_suggestion_standing_in(world: World) -> None:
    o = await objective(world, world.member, "Grow")
    a = await kr(o, "Signups", 60, 7)  # completion 0.7
    b = await kr(o, "Churn", 40, 2)  # completion 0.2
    mia = await world.as_(world.member)
    doc = """query($o: ID!) { objective(id: $o) { score scoreBand
      keyResults { suggestedScore scoreBand } } }"""
    tracking = (await mia.ok(doc, {"o": gid("obj", o.id)}))["objective"]
    # while tracking, a suggestion is a preview: nothing is scored yet
    assert tracking == {
        "score": None,
        "scoreBand": None,
        "keyResults": [
            {"suggestedScore": 0.6, "scoreBand": None},
            {"suggestedScore": 0.3, "scoreBand": None},
        ],
    }
    await reviewing(world)
    before = (await mia.ok(doc, {"o": gid("obj", o.id)}))["objective"]
    assert [k["scoreBand"] for k in before.pop("keyResults")] == ["YELLOW", "RED"]
    # suggestions: 0.6·0.7 + 0.2 = 0.62 → 0.6; 0.6·0.2 + 0.2 = 0.32 → 0.3; 0.6·0.6 + 0.3·0.4 = 0.48
    assert before == {"score": 0.5, "scoreBand": "YELLOW"}

    error = await mia.error(SCORE, {"id": gid("kr", a.id), "i": {"score": 0.9}})
    assert (error["code"], error["field"]) == ("BAD_USER_INPUT", "reason")
    assert error["message"] == "A final score other than the suggested 0.6 needs a reason."
    scored = (
        await mia.ok(
            SCORE,
            {
                "id": gid("kr", a.id),
                "i": {"score": 0.9, "reason": "the market shrank", "effort": 0.9},
            },
        )
    )["scoreKeyResult"]
    assert {k: v for k, v in scored.items() if k != "scoredAt"} == {
        "score": 0.9,
        "suggestedScore": 0.7,  # with effort 0.9: 0.42 + 0.1 + 0.18
        "completion": 0.7,
        "difficulty": 0.5,  # left out: as it was
        "effort": 0.9,
        "scoreReason": "the market shrank",
        "scoreBand": "GREEN",
        # 0.6·0.9 + 0.4·0.3 (b's suggestion standing in) = 0.66 → 0.7
        "objective": {"score": 0.7, "scoreBand": "GREEN"},
    }
    assert scored["scoredAt"]
    # the suggestion accepted as the final score needs no reason
    accepted = (await mia.ok(SCORE, {"id": gid("kr", b.id), "i": {}}))["scoreKeyResult"]
    assert (accepted["score"], accepted["scoreReason"], accepted["scoreBand"]) == (0.3, "", "RED")
    row = await KeyResult.get(id=b.id)
    assert (row.score, row.scored_by_id) == (0.3, world.member.id)


async def test_the_scoring_sheet_of_a_person_and_a_team(world: World) -> None:
    await reviewing(world)
    mine = await objective(world, world.member, "Mia's", team_id=world.squad.id)
    pats = await objective(world, world.peer, "Pat's")
    await objective(world, world.member, "Mia's draft", state=ObjectiveState.DRAFT)
    await objective(world, world.lead, "Leo's")  # leo is in Engineering, not Platform
    a = await kr(mine, "A", 50, 10)
    await kr(mine, "B", 50, 5)
    await kr(pats, "C", 100, 0)
    mia, pat = await world.as_(world.member), await world.as_(world.peer)
    await mia.ok(SCORE, {"id": gid("kr", a.id), "i": {"score": 1.0, "reason": "nailed it"}})
    await mia.ok(
        "mutation($o: ID!, $u: [ID!]!) { setReviewers(objectiveId: $o, reviewerIds: $u) { id } }",
        {"o": gid("obj", mine.id), "u": [gid("user", world.peer.id)]},
    )
    await pat.ok(
        """mutation($k: ID!) { reviewKeyResult(id: $k, input: {score: 0.6, comment: "ok"}) {
          id } }""",
        {"k": gid("kr", a.id)},
    )
    c = {"c": gid("cycle", world.cycle.id)}
    person = (await pat.ok(SHEET, {**c, "o": gid("user", world.member.id)}))["scoringSheet"]
    assert [o["title"] for o in person["objectives"]] == ["Mia's"]
    assert (person["keyResultCount"], person["scoredCount"]) == (2, 1)
    first, second = person["objectives"][0]["keyResults"]
    assert first == {
        "title": "A",
        "completion": 1.0,
        "difficulty": 0.5,
        "effort": 0.5,
        "suggestedScore": 0.8,
        "score": 1.0,
        "scoreReason": "nailed it",
        "scoreBand": "GREEN",
        "peerScore": 0.6,
        "peerGapFlagged": True,
        "peerReviews": [
            {
                "score": 0.6,
                "comment": "ok",
                "ownScore": 1.0,
                "gapFlagged": True,
                "reviewer": {"handle": "pat"},
            }
        ],
    }
    assert (second["score"], second["suggestedScore"], second["peerScore"]) == (None, 0.5, None)
    # 0.5·1.0 + 0.5·0.5 = 0.75 → 0.8
    assert (person["score"], person["scoreBand"]) == (0.8, "GREEN")

    team = (await pat.ok(SHEET, {**c, "t": gid("team", world.squad.id)}))["scoringSheet"]
    assert [o["title"] for o in team["objectives"]] == ["Mia's", "Pat's"]
    assert team["keyResultCount"] == 3
    # Pat's: 0.6·0 + 0.2 = 0.2 → mean of 0.8 and 0.2
    assert (team["score"], team["scoreBand"]) == (0.5, "YELLOW")


async def test_the_sheet_and_the_asks_cost_the_same_at_any_size(
    world: World, statements: list[str]
) -> None:
    await reviewing(world)
    api = await world.as_(world.member)
    sheet_counts, ask_counts = [], []
    for roots, tag in ((2, "a"), (12, "b")):
        await grow(world, roots, tag)
        await Objective.filter(cycle=world.cycle).update(state=P)
        for o in await Objective.filter(title__startswith=f"{tag}-L1"):
            await ReviewerChoice.create(organization=world.org, objective=o, reviewer=world.member)
        await changed_directly(world.org.id)
        statements.clear()
        sheet = (await api.ok(SHEET, {"c": gid("cycle", world.cycle.id)}))["scoringSheet"]
        sheet_counts.append(len(statements))
        assert sheet["keyResultCount"] == 2 * 9 * (2 if tag == "a" else 14)
        statements.clear()
        asks = (await api.ok("{ cycles { viewerAsks { kind count } } }"))["cycles"][0]
        ask_counts.append(len(statements))
        kinds = {a["kind"] for a in asks["viewerAsks"]}
        assert kinds == {"KRS_TO_SCORE", "REVIEWS_TO_GIVE", "LESSONS_TO_WRITE"}
    assert sheet_counts[0] == sheet_counts[1], statements
    assert ask_counts[0] == ask_counts[1], statements


REVIEWERS = """mutation($o: ID!, $u: [ID!]!) { setReviewers(objectiveId: $o, reviewerIds: $u) {
  reviewers { handle } } }"""
REVIEW = """mutation($k: ID!, $s: Float!, $c: String) {
  reviewKeyResult(id: $k, input: {score: $s, comment: $c}) { id score comment gapFlagged } }"""


async def test_peer_review_asked_given_revised_and_heard_of(world: World) -> None:
    await reviewing(world)
    o = await objective(world, world.peer, "Pat's")
    k = await kr(o, "K", 100, 10)  # done: suggestion 0.8
    pat, mia, leo = [await world.as_(u) for u in (world.peer, world.member, world.lead)]
    chosen = await leo.ok(REVIEWERS, {"o": gid("obj", o.id), "u": [gid("user", world.member.id)]})
    assert chosen["setReviewers"]["reviewers"] == [{"handle": "mia"}]
    asked = await Notification.get(user_id=world.member.id)
    assert (asked.kind, asked.actor_id, asked.objective_id) == (
        NotificationKind.REVIEW_ASKED,
        world.lead.id,
        o.id,
    )
    first = await mia.ok(REVIEW, {"k": gid("kr", k.id), "s": 0.4, "c": "too easy"})
    again = await mia.ok(REVIEW, {"k": gid("kr", k.id), "s": 0.6, "c": "fair enough"})
    assert first["reviewKeyResult"]["id"] == again["reviewKeyResult"]["id"]  # one per reviewer
    assert first["reviewKeyResult"]["gapFlagged"] is True  # 0.8 against 0.4
    assert again["reviewKeyResult"] == {
        "id": first["reviewKeyResult"]["id"],
        "score": 0.6,
        "comment": "fair enough",
        "gapFlagged": False,
    }
    heard = await Notification.filter(user_id=world.peer.id).order_by("id")
    # the owner heard of the review, once for the burst (grouped)
    assert [(n.kind, n.count) for n in heard] == [(NotificationKind.REVIEW, 2)]
    # removing a reviewer keeps what they wrote, but they review no more
    await pat.ok(REVIEWERS, {"o": gid("obj", o.id), "u": [gid("user", world.lead.id)]})
    error = await mia.error(REVIEW, {"k": gid("kr", k.id), "s": 0.5})
    assert error["code"] == "FORBIDDEN"
    kept = await pat.ok(
        "query($k: ID!) { keyResult(id: $k) { peerReviews { reviewer { handle } score } } }",
        {"k": gid("kr", k.id)},
    )
    assert kept["keyResult"]["peerReviews"] == [{"reviewer": {"handle": "mia"}, "score": 0.6}]


LIKE = """mutation($t: ID!, $l: Boolean) { like(targetId: $t, liked: $l) {
  count likedByViewer likers { handle } } }"""


async def test_likes_on_everything_one_can_see(world: World) -> None:
    o = await objective(world, world.member, "Mia's", visibility=Visibility.TEAM)
    k = await kr(o, "K", 100, 3)
    check_in = await CheckIn.create(
        organization=world.org,
        key_result=k,
        author=world.peer,  # pat checked in on mia's key result
        value=3,
        progress=0.3,
        raw_progress=0.3,
        created_at=k.created_at,
    )
    comment = await Comment.create(
        organization=world.org, objective=o, key_result=k, author=world.lead, body="Go!"
    )
    pat, leo, lou = (
        await world.as_(world.peer),
        await world.as_(world.lead),
        await world.as_(world.loner),
    )
    targets = {
        gid("obj", o.id): world.member,
        gid("kr", k.id): world.member,
        gid("ci", check_in.id): world.peer,
        gid("cmt", comment.id): world.lead,
    }
    for target in targets:
        liked = (await pat.ok(LIKE, {"t": target}))["like"]
        assert liked == {"count": 1, "likedByViewer": True, "likers": [{"handle": "pat"}]}
        again = (await pat.ok(LIKE, {"t": target}))["like"]  # one per person
        assert again["count"] == 1
        both = (await leo.ok(LIKE, {"t": target}))["like"]
        assert [p["handle"] for p in both["likers"]] == ["pat", "leo"]
        # lou cannot see mia's TEAM objective, nor anything on it
        assert (await lou.error(LIKE, {"t": target}))["code"] == "NOT_FOUND"
    board = await pat.ok(
        """query($o: ID!) { objective(id: $o) { likeCount likedByViewer keyResults {
          likeCount likedByViewer checkIns { likeCount likedByViewer } } } }""",
        {"o": gid("obj", o.id)},
    )
    assert board["objective"] == {
        "likeCount": 2,
        "likedByViewer": True,
        "keyResults": [
            {
                "likeCount": 2,
                "likedByViewer": True,
                "checkIns": [{"likeCount": 2, "likedByViewer": True}],
            }
        ],
    }
    thread = await pat.ok(
        "query($k: ID!) { comments(targetId: $k) { likeCount likedByViewer } }",
        {"k": gid("kr", k.id)},
    )
    assert thread["comments"] == [{"likeCount": 2, "likedByViewer": True}]
    # the owners heard, grouped per objective; nobody hears of their own like (leo's comment)
    likes = {(n.user_id, n.count) for n in await Notification.filter(kind=NotificationKind.LIKE)}
    assert likes == {(world.member.id, 4), (world.peer.id, 1), (world.lead.id, 1)}
    taken = (await pat.ok(LIKE, {"t": gid("obj", o.id), "l": False}))["like"]
    assert taken == {"count": 1, "likedByViewer": False, "likers": [{"handle": "leo"}]}
    read = await leo.ok(
        "query($t: ID!) { likes(targetId: $t) { count likedByViewer } }", {"t": gid("obj", o.id)}
    )
    assert read["likes"] == {"count": 1, "likedByViewer": True}


LESSONS = """mutation($o: ID!, $i: LessonsInput!, $v: Int) {
  setLessons(objectiveId: $o, input: $i, version: $v) {
    wentWell toImprove toCarryOn version updatedBy { handle } } }"""


async def test_lessons_are_written_by_version(world: World) -> None:
    await reviewing(world)
    o = await objective(world, world.member, "Mia's")
    mia, leo = await world.as_(world.member), await world.as_(world.lead)
    empty = await mia.ok(
        "query($o: ID!) { objective(id: $o) { lessons { wentWell version updatedBy { id } } } }",
        {"o": gid("obj", o.id)},
    )
    assert empty["objective"]["lessons"] == {"wentWell": "", "version": 0, "updatedBy": None}
    first = await mia.ok(LESSONS, {"o": gid("obj", o.id), "i": {"wentWell": "Focus"}, "v": 0})
    assert first["setLessons"] == {
        "wentWell": "Focus",
        "toImprove": "",
        "toCarryOn": "",
        "version": 1,
        "updatedBy": {"handle": "mia"},
    }
    # leo read version 0 too: his write would overwrite mia's
    stale = await leo.error(LESSONS, {"o": gid("obj", o.id), "i": {"wentWell": "Speed"}, "v": 0})
    assert (stale["code"], stale["field"]) == ("CONFLICT", "version")
    second = await leo.ok(LESSONS, {"o": gid("obj", o.id), "i": {"toImprove": "Estimates"}, "v": 1})
    assert second["setLessons"]["wentWell"] == "Focus"  # left out: kept
    assert second["setLessons"]["toImprove"] == "Estimates"
    assert second["setLessons"]["version"] == 2
    stale = await mia.error(LESSONS, {"o": gid("obj", o.id), "i": {"toCarryOn": "x"}, "v": 1})
    assert stale["code"] == "CONFLICT"
    assert "now version 2" in stale["message"]


COMMIT = "mutation($id: ID!, $c: Boolean) { commitObjective(id: $id, committed: $c) { committed } }"
CONSENSUS = """query($c: ID!, $t: ID) { consensus(cycleId: $c, teamId: $t) {
  uncommitted { title } uncommittedOwners { handle } unaligned { title }
  uncoveredKeyResults { title } weightsOff { title } } }"""


async def test_consensus_commitments_and_open_points(world: World) -> None:
    company = await objective(world, world.admin, "Company", level=ObjectiveLevel.COMPANY)
    c1 = await kr(company, "C1", 50, None)
    await kr(company, "C2", 50, None)
    team = await objective(
        world,
        world.lead,
        "Team",
        level=ObjectiveLevel.TEAM,
        parent=company,
        source=c1,
        team_id=world.dept.id,
    )
    await kr(team, "T1", 100, None)
    mine = await objective(world, world.member, "Mine", parent=team)
    await kr(mine, "M1", 100, None)
    pats = await objective(world, world.peer, "Pat's, unaligned")
    await kr(pats, "P1", 100, None)
    draft = await objective(world, world.peer, "Pat's draft", state=ObjectiveState.DRAFT)
    await kr(draft, "D1", 40, None)
    mia, pat, leo = (
        await world.as_(world.member),
        await world.as_(world.peer),
        await world.as_(world.lead),
    )
    assert (await mia.ok(COMMIT, {"id": gid("obj", mine.id)}))["commitObjective"] == {
        "committed": True
    }
    c = {"c": gid("cycle", world.cycle.id)}
    open_points = (await leo.ok(CONSENSUS, c))["consensus"]
    assert open_points == {
        "uncommitted": [{"title": "Team"}, {"title": "Pat's, unaligned"}],
        "uncommittedOwners": [{"handle": "leo"}, {"handle": "pat"}],
        "unaligned": [{"title": "Pat's, unaligned"}, {"title": "Pat's draft"}],
        "uncoveredKeyResults": [{"title": "C2"}, {"title": "T1"}],
        "weightsOff": [{"title": "Pat's draft"}],
    }
    squad = (await leo.ok(CONSENSUS, {**c, "t": gid("team", world.squad.id)}))["consensus"]
    assert squad["uncommitted"] == [{"title": "Pat's, unaligned"}]
    assert squad["uncoveredKeyResults"] == []  # no team objective of the squad's own

    # commitments are the owner's own word, on published team and personal objectives
    assert (await leo.error(COMMIT, {"id": gid("obj", mine.id)}))["code"] == "FORBIDDEN"
    bad = await world.as_(world.admin)
    error = await bad.error(COMMIT, {"id": gid("obj", company.id)})
    assert (error["code"], error["field"]) == ("BAD_USER_INPUT", "id")
    error = await pat.error(COMMIT, {"id": gid("obj", draft.id)})
    assert error["message"] == "This objective is still a draft: publish it first."
    assert (await mia.ok(COMMIT, {"id": gid("obj", mine.id), "c": False}))["commitObjective"] == {
        "committed": False
    }
    await mia.ok(COMMIT, {"id": gid("obj", mine.id)})
    # a new owner has not committed yet
    await Objective.filter(id=mine.id).update(owner_id=world.peer.id)
    after = await pat.ok(
        "query($o: ID!) { objective(id: $o) { committed committedAt } }", {"o": gid("obj", mine.id)}
    )
    assert after["objective"] == {"committed": False, "committedAt": None}


async def test_a_phase_notification_says_what_moved(world: World) -> None:
    admin, mia = await world.as_(world.admin), await world.as_(world.member)
    await admin.ok(
        """mutation($id: ID!) { setCyclePhase(id: $id, phase: ALIGNING,
          reason: "missed two teams") { phase } }""",
        {"id": gid("cycle", world.cycle.id)},
    )
    inbox = await mia.ok(
        """{ notifications { kind phase previousPhase reason actor { handle }
          cycle { name phase } objective { id } } }"""
    )
    assert inbox["notifications"] == [
        {
            "kind": "PHASE",
            "phase": "ALIGNING",
            "previousPhase": "TRACKING",
            "reason": "missed two teams",
            "actor": {"handle": "ada"},
            "cycle": {"name": "This quarter", "phase": "ALIGNING"},
            "objective": None,
        }
    ]


# --- bad input: refused with its field, nothing written -------------------------------------


SCORE_ONLY = """mutation($id: ID!, $i: ScoreInput!) { scoreKeyResult(id: $id, input: $i) {
  id } }"""
REVIEW_ONLY = """mutation($id: ID!, $i: PeerReviewInput!) { reviewKeyResult(id: $id, input: $i) {
  id } }"""
MOVE = """mutation($id: ID!, $p: CyclePhase!, $w: String) {
  setCyclePhase(id: $id, phase: $p, reason: $w) { id } }"""
CARRY = """mutation($ids: [ID!]!, $to: ID!) { carryForward(objectiveIds: $ids, toCycleId: $to) {
  id } }"""


def _cases(ids: dict[str, str]) -> list[tuple[str, str, str, dict[str, Any], str]]:
    """(name, who asks, document, variables, the field refused)."""
    o, k, draft, cycle, other = (ids[n] for n in ("o", "k", "draft", "cycle", "other"))
    return [
        (
            "score two decimals",
            "pat",
            SCORE_ONLY,
            {"id": k, "i": {"score": 0.55, "reason": "x"}},
            "score",
        ),
        (
            "score above 1",
            "pat",
            SCORE_ONLY,
            {"id": k, "i": {"score": 1.2, "reason": "x"}},
            "score",
        ),
        ("difficulty 2", "pat", SCORE_ONLY, {"id": k, "i": {"difficulty": 2}}, "difficulty"),
        ("effort below 0", "pat", SCORE_ONLY, {"id": k, "i": {"effort": -0.5}}, "effort"),
        ("score without reason", "pat", SCORE_ONLY, {"id": k, "i": {"score": 0.1}}, "reason"),
        (
            "reason too long",
            "pat",
            SCORE_ONLY,
            {"id": k, "i": {"score": 0.1, "reason": "x" * 501}},
            "reason",
        ),
        ("not a key result", "pat", SCORE_ONLY, {"id": o, "i": {}}, "id"),
        ("draft's key result", "pat", SCORE_ONLY, {"id": draft, "i": {}}, "id"),
        ("review score", "mia", REVIEW_ONLY, {"id": k, "i": {"score": -0.1}}, "score"),
        (
            "review comment",
            "mia",
            REVIEW_ONLY,
            {"id": k, "i": {"score": 0.5, "comment": "x" * 2001}},
            "comment",
        ),
        ("owner as reviewer", "pat", REVIEWERS, {"o": o, "u": [ids["pat"]]}, "reviewerIds"),
        ("unknown reviewer", "pat", REVIEWERS, {"o": o, "u": ["user_99999"]}, "reviewerIds"),
        ("outsider reviewer", "pat", REVIEWERS, {"o": o, "u": [ids["oscar"]]}, "reviewerIds"),
        ("reviewer who cannot see", "pat", REVIEWERS, {"o": o, "u": [ids["lou"]]}, "reviewerIds"),
        ("reviewer not a user", "pat", REVIEWERS, {"o": o, "u": [o]}, "reviewerIds"),
        ("too many reviewers", "pat", REVIEWERS, {"o": o, "u": [ids["mia"]] * 51}, "reviewerIds"),
        ("like a task", "pat", LIKE, {"t": "task_1"}, "targetId"),
        ("like nothing", "pat", LIKE, {"t": "nope"}, "targetId"),
        ("lessons too long", "pat", LESSONS, {"o": o, "i": {"wentWell": "x" * 5001}}, "wentWell"),
        ("lessons version", "pat", LESSONS, {"o": o, "i": {"wentWell": "x"}, "v": -1}, "version"),
        ("lessons of a draft", "pat", LESSONS, {"o": ids["draft_o"], "i": {}}, "id"),
        ("phase skipped", "ada", MOVE, {"id": cycle, "p": "DRAFTING"}, "phase"),
        ("phase back, no reason", "ada", MOVE, {"id": cycle, "p": "TRACKING"}, "reason"),
        (
            "phase reason too long",
            "ada",
            MOVE,
            {"id": cycle, "p": "CLOSED", "w": "x" * 501},
            "reason",
        ),
        ("carry nothing", "pat", CARRY, {"ids": [], "to": other}, "objectiveIds"),
        ("carry into itself", "pat", CARRY, {"ids": [o], "to": cycle}, "toCycleId"),
        ("carry into no cycle", "pat", CARRY, {"ids": [o], "to": "cycle_99999"}, "toCycleId"),
        ("carry a key result", "pat", CARRY, {"ids": [k], "to": other}, "objectiveIds"),
    ]


async def test_bad_input_is_refused_with_its_field(world: World, subtests: pytest.Subtests) -> None:
    await reviewing(world)
    o = await objective(world, world.peer, "Pat's", visibility=Visibility.TEAM)
    k = await kr(o, "K", 100, 5)
    d = await objective(world, world.peer, "Pat's draft", state=ObjectiveState.DRAFT)
    dk = await kr(d, "D", 100, 5)
    await ReviewerChoice.create(organization=world.org, objective=o, reviewer=world.member)
    ends = world.cycle.ends_on
    other = await Cycle.create(
        organization=world.org, name="Next", starts_on=ends, ends_on=ends + timedelta(days=90)
    )
    ids = {
        "o": gid("obj", o.id),
        "k": gid("kr", k.id),
        "draft": gid("kr", dk.id),
        "draft_o": gid("obj", d.id),
        "cycle": gid("cycle", world.cycle.id),
        "other": gid("cycle", other.id),
    }
    people = (world.admin, world.peer, world.member, world.loner, world.outsider)
    ids |= {u.handle: gid("user", u.id) for u in people}
    apis = {u.handle: await world.as_(u) for u in people}
    before = await fingerprint()
    for name, who, doc, variables, field in _cases(ids):
        with subtests.test(msg=name):
            error = await apis[who].error(doc, variables)
            assert (error["code"], error["field"]) == ("BAD_USER_INPUT", field), error
            assert await fingerprint() == before
