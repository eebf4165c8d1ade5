"""Who belongs where: an organization's teams and memberships, loaded in two queries,
and the policy `Actor` built from them.

Every request reads it (its rights are built from it), so it is read raw (`rows.fetch_models`,
`rows.fetch_rows`): Tortoise's model building was most of a signed-in request's time at a
thousand memberships."""

from collections import defaultdict
from dataclasses import dataclass

from ..domain.policy import Actor, ObjectiveAccess
from ..models import Objective, Team, User
from . import request_scope
from .rows import columns, fetch_models, fetch_rows
from .seq_cache import SeqCache

_MEMBERS = (
    "SELECT m.user_id, m.team_id, m.is_lead FROM team_member m "
    "JOIN team t ON t.id = m.team_id WHERE t.organization_id = ?"
)


@dataclass(frozen=True)
class Directory:
    teams: dict[int, Team]
    member_of: dict[int, frozenset[int]]  # user id -> teams they are in (member or lead)
    leads_of: dict[int, frozenset[int]]  # user id -> teams they lead

    def descendants(self, team_ids: frozenset[int]) -> frozenset[int]:
        """The teams given and every team below them (loop-safe)."""
        children: dict[int, list[int]] = defaultdict(list)
        for team in self.teams.values():
            if team.parent_id is not None:
                children[team.parent_id].append(team.id)
        seen: set[int] = set()
        stack = list(team_ids)
        while stack:
            tid = stack.pop()
            if tid not in seen:
                seen.add(tid)
                stack.extend(children[tid])
        return frozenset(seen)

    def actor(self, user: User) -> Actor:
        return Actor(
            user_id=user.id,
            org_id=user.organization_id,
            role=user.role,
            team_ids=self.member_of.get(user.id, frozenset()),
            led_team_ids=self.descendants(self.leads_of.get(user.id, frozenset())),
        )

    def access(self, objective: Objective) -> ObjectiveAccess:
        teams = (
            frozenset({objective.team_id})
            if objective.team_id is not None
            else self.member_of.get(objective.owner_id, frozenset())
        )
        return ObjectiveAccess(
            org_id=objective.organization_id,
            owner_id=objective.owner_id,
            visibility=objective.visibility,
            team_ids=teams,
        )


# An HTTP request's own reads of the directory reuse the one its rights were just built from
# (a check-in's access check read it a second time) until it writes (`events.unit.write`
# forgets it: what a write reads of who belongs where, it reads then).
_KEY = "directory"


def keep_for_request(org_id: int, directory: Directory) -> None:
    """Call as an HTTP request has read `directory` to build its rights."""
    kept = request_scope.kept()
    if kept is not None:
        kept[_KEY] = (org_id, directory)


def forget_request_directory() -> None:
    kept = request_scope.kept()
    if kept is not None:
        kept.pop(_KEY, None)


async def load_directory(org_id: int) -> Directory:
    kept = request_scope.kept()
    if kept is not None and _KEY in kept and kept[_KEY][0] == org_id:
        directory: Directory = kept[_KEY][1]
        return directory
    return await read_directory(org_id)


class SharedDirectories:
    """The directories of the last few organizations a process served, shared by every
    request and socket operation: the rights of a thousand tabs opening a board were a
    thousand reads of the same memberships. Each is kept with the organization's event seq
    read before it (`Credential.org_seq`, with the request's token), and serves a request
    that read that seq or an older one. Every change to teams and memberships records an
    event in its transaction (`actions/people.py`, `imports.py`, `invitations.py`), so the
    first request after one reads the directory again; what a write reads, it reads itself."""

    def __init__(self, size: int = 64) -> None:
        self._kept: SeqCache[int, Directory] = SeqCache(size)

    async def at(self, org_id: int, seq: int) -> Directory:
        """The organization's directory as of `seq` or later."""
        return await self._kept.get(org_id, seq, lambda: read_directory(org_id))


async def read_directory(org_id: int) -> Directory:
    """The directory as stored now (`load_directory` may answer the request's own)."""
    # the columns only once Tortoise has initialised the models (foreign keys included)
    sql = f"SELECT {columns(Team, 't')} FROM team t WHERE t.organization_id = ? ORDER BY t.id"
    teams = {t.id: t for t in await fetch_models(Team, sql, [org_id])}
    member_of: dict[int, frozenset[int]] = {}
    leads_of: dict[int, set[int]] = defaultdict(set)
    # most people are in one team: they share that team's one-element set (a thousand
    # allocations fewer per request, and fewer collections of the young generation)
    alone: dict[int, frozenset[int]] = {}
    for user_id, team_id, is_lead in await fetch_rows(_MEMBERS, [org_id]):
        had = member_of.get(user_id)
        if had is not None:
            member_of[user_id] = had | {team_id}
        elif (one := alone.get(team_id)) is not None:
            member_of[user_id] = one
        else:
            member_of[user_id] = alone[team_id] = frozenset((team_id,))
        if is_lead:
            leads_of[user_id].add(team_id)
    return Directory(
        teams=teams,
        member_of=member_of,
        leads_of={u: frozenset(t) for u, t in leads_of.items()},
    )
