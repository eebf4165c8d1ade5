"""What an import is checked against: the people and teams already here."""

from ..domain.imports import OkrContext, PeopleContext
from ..models import Team, User


async def team_paths(org_id: int) -> dict[tuple[str, ...], int]:
    """Each team by its path from the top ("Engineering", "Platform"), names in lower case."""
    rows = await Team.filter(organization_id=org_id).values_list("id", "name", "parent_id")
    by_id = {pk: (name, parent) for pk, name, parent in rows}

    def path(pk: int) -> tuple[str, ...]:
        names: list[str] = []
        seen: set[int] = set()
        current: int | None = pk
        while current is not None and current not in seen:
            seen.add(current)
            name, current = by_id[current]
            names.append(name.strip().lower())
        return tuple(reversed(names))

    return {path(pk): pk for pk in by_id}


async def people_context(org_id: int) -> PeopleContext:
    emails = await User.all().values_list("email", "organization_id")
    handles = await User.filter(organization_id=org_id).values_list("handle", flat=True)
    return PeopleContext(
        taken_emails=frozenset(e for e, _ in emails),
        taken_handles=frozenset(str(h) for h in handles),
        members=frozenset(e for e, org in emails if org == org_id),
    )


async def okr_context(org_id: int) -> OkrContext:
    people: dict[str, int] = {}
    rows = await User.filter(organization_id=org_id, is_active=True).values_list(
        "id", "email", "handle"
    )
    for pk, email, handle in rows:
        people[email.lower()] = pk
        people[handle.lower()] = pk
    teams: dict[str, int] = {}
    paths = await team_paths(org_id)
    names = [p[-1] for p in paths]
    for path, pk in paths.items():
        teams["/".join(path)] = pk
        if names.count(path[-1]) == 1:  # a bare name only where it is unambiguous
            teams[path[-1]] = pk
    return OkrContext(people, teams)
