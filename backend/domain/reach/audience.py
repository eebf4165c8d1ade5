"""Who hears of an item besides its owner, and which group chats may hear of it at all.

A team's chat is read by every member of the team, so it only hears of objectives the whole
team may see: PUBLIC ones, and TEAM ones of that team — never a PRIVATE one, nor a TEAM one of
another team. The lead told of an item is the nearest one up the team tree: the leads of the
objective's team (a personal objective: of its owner's teams), else of the team above.
"""

from collections.abc import Iterable, Mapping

from ..enums import Visibility
from ..policy import ObjectiveAccess


def visible_to_whole_team(access: ObjectiveAccess, team_id: int) -> bool:
    if access.visibility is Visibility.PUBLIC:
        return True
    return access.visibility is Visibility.TEAM and team_id in access.team_ids


def nearest_leads(
    team_ids: Iterable[int],
    parents: Mapping[int, int | None],
    leads_of_team: Mapping[int, frozenset[int]],
) -> frozenset[int]:
    """For each team, its leads, or the leads of the first team above it that has some."""
    found: set[int] = set()
    for team_id in team_ids:
        current: int | None = team_id
        seen: set[int] = set()
        while current is not None and current not in seen:
            seen.add(current)
            if leads := leads_of_team.get(current):
                found |= leads
                break
            current = parents.get(current)
    return frozenset(found)
