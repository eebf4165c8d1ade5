"""People, teams and the organization, as its members see them."""

from dataclasses import dataclass

from ..domain.mentions import Mention, Person, find_mentions
from ..domain.people import rank
from ..domain.policy import Actor
from ..models import Organization, Team, TeamMember, User
from .lookup import require_actor, require_admin
from .rows import fetch_rows

MAX_SEARCH_RESULTS = 20
MAX_MEMBERS = 1000


async def search_people(actor: Actor | None, query: str | None) -> list[User]:
    actor = require_actor(actor)
    users = await User.filter(organization_id=actor.org_id, is_active=True).order_by("id")
    q = (query or "").strip()[:80]
    if not q:
        return users[:MAX_SEARCH_RESULTS] if len(users) > MAX_SEARCH_RESULTS else users
    ranked = [(r, u.id, u) for u in users if (r := rank(q, u.display_name, u.handle)) is not None]
    return [u for _, _, u in sorted(ranked, key=lambda t: (t[0], t[1]))][:MAX_SEARCH_RESULTS]


async def list_members(actor: Actor | None, query: str | None, inactive: bool) -> list[User]:
    """Everyone the organization has (deactivated people too when `inactive`), for its admins:
    by name when searching, else in the order they came."""
    actor = require_admin(actor)
    rows = User.filter(organization_id=actor.org_id)
    users = await (rows if inactive else rows.filter(is_active=True)).order_by("id")
    q = (query or "").strip()[:80]
    if q:
        ranked = [
            (r, u.id, u)
            for u in users
            if (r := rank(q, u.display_name, u.handle)) is not None or q.lower() in u.email
        ]
        users = [u for _, _, u in sorted(ranked, key=lambda t: (t[0] is None, t[0] or 0, t[1]))]
    return users[:MAX_MEMBERS]


async def memberships(org_id: int) -> list[TeamMember]:
    """Who is in which team (leads first), for the organization's team tree."""
    return await TeamMember.filter(team__organization_id=org_id).order_by("-is_lead", "id")


async def organization_of(actor: Actor | None) -> Organization:
    actor = require_actor(actor)
    return await Organization.get(id=actor.org_id)


async def list_teams(actor: Actor | None) -> list[Team]:
    actor = require_actor(actor)
    return await Team.filter(organization_id=actor.org_id).order_by("id")


@dataclass(frozen=True, slots=True)
class Named:
    """A person as a list of who is here shows them."""

    id: int
    display_name: str
    handle: str


async def people_by_id(org_id: int, ids: list[int]) -> list[Named]:
    """The organization's people among these ids (others are left out), by id. Raw: a room's
    list is read for everyone in it once a second, and a thousand model objects cost ~20 ms
    of CPU where their three columns cost ~2."""
    if not ids:
        return []
    marks = ", ".join("?" * len(ids))
    sql = (
        f'SELECT id, display_name, handle FROM "{User._meta.db_table}"'  # a keyword in PostgreSQL
        f" WHERE organization_id = ? AND id IN ({marks}) ORDER BY id"
    )
    return [Named(int(i), str(n), str(h)) for i, n, h in await fetch_rows(sql, [org_id, *ids])]


async def mention_directory(org_id: int) -> list[Person]:
    """Whom a mention may name: the organization's active people."""
    rows = await User.filter(organization_id=org_id, is_active=True).values_list(
        "id", "handle", "display_name"
    )
    return [Person(int(i), str(h), str(n)) for i, h, n in rows]


async def mentions_in(actor: Actor | None, text: str) -> list[Mention]:
    """The @mentions of a text being written, resolved as sending it would resolve them, so
    that one naming nobody or several people can be marked before it is sent."""
    actor = require_actor(actor)
    if "@" not in text and "＠" not in text:
        return []
    return find_mentions(text, await mention_directory(actor.org_id))
