"""Which of a cycle's visible objectives a filtered board shows."""

from .snapshot import Snapshot


def board_ids(snap: Snapshot, team_id: int | None, owner_id: int | None) -> list[int]:
    """The objectives of a team (with its sub-teams: objectives held by one of them, or personal
    ones of their members) and/or of one owner, in the snapshot's order."""
    ids = list(snap.objectives)
    if team_id is not None:
        teams = snap.directory.descendants(frozenset({team_id}))
        members = {u for u, ts in snap.directory.member_of.items() if ts & teams}
        ids = [
            i
            for i in ids
            if snap.objectives[i].team_id in teams
            or (snap.objectives[i].team_id is None and snap.objectives[i].owner_id in members)
        ]
    if owner_id is not None:
        ids = [i for i in ids if snap.objectives[i].owner_id == owner_id]
    return ids
