"""What the API tests share: a GraphQL client acting as one person, a small organization to act in,
ids, statement counting, a fingerprint of the data, and the documents several suites send."""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx
from tortoise.expressions import F

from backend.actions.auth import create_api_token
from backend.domain.enums import (
    KRKind,
    ObjectiveLevel,
    ObjectiveState,
    ProgressSource,
    Role,
    Visibility,
)
from backend.models import (
    ActivityEvent,
    AuthToken,
    CheckIn,
    Cycle,
    KeyResult,
    Lessons,
    Like,
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
from backend.passwords import hash_now
from backend.settings import Settings

PASSWORD = "correct horse"


_HASH = hash_now(PASSWORD)  # argon2 is slow on purpose: hash once for all tests


class Api:
    """A GraphQL client acting as one person (or nobody)."""

    def __init__(self, app: Any, token: str | None = None, headers: dict[str, str] | None = None):
        auth = {"Authorization": f"Bearer {token}"} if token else {}
        self.http = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app),
            base_url="http://testserver",
            headers={**auth, **(headers or {})},
        )

    async def raw(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        response = await self.http.post("/graphql", json={"query": query, "variables": variables})
        return response.json()

    async def ok(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        body = await self.raw(query, variables)
        assert not body.get("errors"), body["errors"]
        return body["data"]

    async def error(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """The first error, which must exist; returns {message, code, field}."""
        body = await self.raw(query, variables)
        assert body.get("errors"), f"expected an error, got {body}"
        first = body["errors"][0]
        ext = first.get("extensions", {})
        return {"message": first["message"], "code": ext.get("code"), "field": ext.get("field")}


@dataclass
class World:
    """One organization (admin, team lead, two members, a member of no team) and an
    outsider from another organization; one TRACKING cycle; a department with a sub-team."""

    app: Any
    settings: Settings
    org: Organization
    admin: User
    lead: User
    member: User
    peer: User
    loner: User
    outsider: User
    dept: Team
    squad: Team
    cycle: Cycle

    async def as_(self, user: User | None) -> Api:
        if user is None:
            return Api(self.app)
        _, token = await create_api_token(self.settings, user, "test")
        return Api(self.app, token)


async def make_user(org: Organization, handle: str, name: str, role: Role = Role.MEMBER) -> User:
    return await User.create(
        organization=org,
        email=f"{handle}@{org.slug}.test",
        password_hash=_HASH,
        display_name=name,
        handle=handle,
        search_text=handle,
        role=role,
    )


def gid(type_prefix: str, pk: int) -> str:
    return f"{type_prefix}_{pk}"


# every table an OKR, cycle or organization mutation can write
_WRITTEN = (
    Organization,
    User,
    Team,
    TeamMember,
    Cycle,
    Objective,
    KeyResult,
    CheckIn,
    ActivityEvent,
    AuthToken,
    Notification,
    ReviewerChoice,
    PeerReview,
    Like,
    Lessons,
)


async def fingerprint() -> dict[str, list[dict[str, Any]]]:
    """Every row of every table those mutations write: equal before and after a refused
    request means nothing changed. A token's `last_used_at` is left out: any request notes it."""
    found = {m.__name__: await m.all().order_by("id").values() for m in _WRITTEN}
    for row in found["AuthToken"]:
        del row["last_used_at"]
    return found


# with the writing hints (computed per row from rows already loaded: no statement of their own)
# and what the viewer may do with each (pure policy over the snapshot: no statement either)
KR_FIELDS = """keyResults { id title progress status owner { handle } checkIns(first: 1) { value }
  hints { code } viewerCan { edit checkIn manageTasks } }"""


NODE = f"""id title progress status owner {{ handle }} team {{ name }} parent {{ id }}
  hints {{ code }} viewerCan {{ edit checkIn archive }} {KR_FIELDS}"""


BOARD = (
    "query($c: ID!) { board(cycleId: $c) { "
    + NODE
    + "".join(f" children {{ {NODE}" for _ in range(4))
    + " }" * 4
    + " } }"
)


async def grow(world: World, roots: int, tag: str) -> int:
    """Adds `roots` trees: root → 2 children → each a chain of 3 more (5 levels, 9
    objectives per root), every objective with 2 key results and a check-in on the first.
    Returns the number of objectives added."""
    users = [world.admin, world.lead, world.member, world.peer, world.loner]
    teams: list[Team | None] = [world.dept, world.squad, None]
    made = 0
    parents: list[int | None] = [None] * roots
    for level in range(5):
        fan = 1 if level == 0 else (2 if level == 1 else 1)
        rows = [
            Objective(
                organization_id=world.org.id,
                cycle_id=world.cycle.id,
                title=f"{tag}-L{level}-{i}-{j}",
                level=ObjectiveLevel.COMPANY if level == 0 else ObjectiveLevel.PERSONAL,
                owner_id=users[(i + j + level) % len(users)].id,
                team_id=(t.id if (t := teams[(i + level) % 3]) else None),
                visibility=Visibility.PUBLIC,
                parent_id=parent,
            )
            for i, parent in enumerate(parents)
            for j in range(fan)
        ]
        await Objective.bulk_create(rows)
        made += len(rows)
        titles = [r.title for r in rows]
        ids = dict(await Objective.filter(title__in=titles).values_list("title", "id"))
        parents = [ids[t] for t in titles]
        krs = [
            KeyResult(
                organization_id=world.org.id,
                objective_id=oid,
                title=f"KR{k}",
                kind=KRKind.INCREASE,
                start_value=0,
                target_value=10,
                current_value=k + 3,
                weight=50,
                owner_id=world.member.id,
                position=k,
            )
            for oid in parents
            for k in range(2)
        ]
        await KeyResult.bulk_create(krs)
        first_krs = await KeyResult.filter(objective_id__in=parents, position=0).values_list(
            "id", flat=True
        )
        now = datetime.now(UTC)
        await CheckIn.bulk_create(
            [
                CheckIn(
                    organization_id=world.org.id,
                    key_result_id=kr,
                    author_id=world.member.id,
                    value=3,
                    progress=0.3,
                    raw_progress=0.3,
                    created_at=now,
                )
                for kr in first_krs
            ]
        )
    await changed_directly(world.org.id)
    return made


async def changed_directly(org_id: int) -> None:
    """After a test wrote rows itself rather than through an action: the organization's event
    seq moves on, as every write through the app moves it in its transaction
    (events/unit.py). The cycles a process shares between requests (read/cycle_cache.py) are
    read again only when it has moved."""
    await Organization.filter(id=org_id).update(last_seq=F("last_seq") + 1)


TASK_FIELDS = """
  id title description status dueDate
  assignee { id handle } collaborators { id handle }
  keyResult { id progress } objective { id progress } viewerCan { edit archive }
"""


CREATE_TASK = (
    f"mutation($input: CreateTaskInput!) {{ createTask(input: $input) {{ {TASK_FIELDS} }} }}"
)


UPDATE_TASK = (
    "mutation($id: ID!, $input: UpdateTaskInput!) "
    f"{{ updateTask(id: $id, input: $input) {{ {TASK_FIELDS} }} }}"
)


COMMENT_FIELDS = "id body author { id handle } mentions { id handle } createdAt editedAt"


ADD_COMMENT = (
    f"mutation($input: AddCommentInput!) {{ addComment(input: $input) {{ {COMMENT_FIELDS} }} }}"
)


async def objective_of(
    world: World,
    owner: User,
    visibility: Visibility = Visibility.PUBLIC,
    state: ObjectiveState = ObjectiveState.DRAFT,
    title: str = "Ship the new onboarding",
) -> Objective:
    return await Objective.create(
        organization=world.org,
        cycle=world.cycle,
        title=title,
        level=ObjectiveLevel.PERSONAL,
        owner=owner,
        visibility=visibility,
        state=state,
    )


async def kr_of(
    objective: Objective,
    owner: User | None = None,
    source: ProgressSource = ProgressSource.MANUAL,
    archived: bool = False,
) -> KeyResult:
    return await KeyResult.create(
        organization_id=objective.organization_id,
        objective=objective,
        title="Interview customers",
        kind=KRKind.COUNT,
        start_value=0,
        target_value=10 if source is ProgressSource.MANUAL else None,
        weight=100,
        owner_id=(owner.id if owner else objective.owner_id),
        progress_source=source,
        archived=archived,
    )


async def task_on(
    objective: Objective,
    creator: User,
    kr: KeyResult | None = None,
    assignee: User | None = None,
    collaborators: tuple[User, ...] = (),
) -> Task:
    task = await Task.create(
        organization_id=objective.organization_id,
        objective=objective,
        key_result=kr,
        title="Book five interviews",
        creator=creator,
        assignee=assignee,
    )
    if collaborators:
        await task.collaborators.add(*collaborators)
    return task


async def notifications_of(user: User) -> list[Notification]:
    return await Notification.filter(user_id=user.id).order_by("id")


def create_vars(target: str, **fields: Any) -> dict[str, Any]:
    key = "keyResultId" if target.startswith("kr_") else "objectiveId"
    return {"input": {key: target, "title": "Book five interviews", **fields}}


def comment_vars(target: str, body: str) -> dict[str, Any]:
    return {"input": {"targetId": target, "body": body}}


def served_executor(app: Any) -> type:
    """The executor class behind the app's `/graphql` (LODESTAR_STOCK_EXECUTOR picks it)."""
    route = next(r for r in app.routes if getattr(r, "path", None) == "/graphql")
    return route.endpoint.schema.execution_context_class
