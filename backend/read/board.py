"""Which of a cycle's visible objectives a filtered board shows."""

from dataclasses import dataclass

from ..models import Objective
from .directory import Directory
from .snapshot import Snapshot


@dataclass(frozen=True, slots=True)
class TeamScope:
    """A team with its sub-teams: the objectives they hold, and the personal ones of their
    members."""

    teams: frozenset[int]
    members: frozenset[int]

    def holds(self, objective: Objective) -> bool:
        if objective.team_id is not None:
            return objective.team_id in self.teams
        return objective.owner_id in self.members


def team_scope(directory: Directory, team_id: int) -> TeamScope:
    teams = directory.descendants(frozenset({team_id}))
    members = frozenset(u for u, ts in directory.member_of.items() if ts & teams)
    return TeamScope(teams, members)


def board_ids(snap: Snapshot, team_id: int | None, owner_id: int | None) -> list[int]:
    """The objectives of a team (with its sub-teams, `TeamScope`) and/or of one owner, in the
    snapshot's order."""
    ids = list(snap.objectives)
    if team_id is not None:
        scope = team_scope(snap.directory, team_id)
        ids = [i for i in ids if scope.holds(snap.objectives[i])]
    if owner_id is not None:
        ids = [i for i in ids if snap.objectives[i].owner_id == owner_id]
    return ids
