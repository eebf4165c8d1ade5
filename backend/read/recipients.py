"""The people a scheduled job may reach in one organization, loaded once per run: who they
are, what they may see (the policy's actors), whom each objective's warnings reach, and what
each of them chose to hear where."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from ..domain.policy import Actor, can_view_objective
from ..domain.reach.audience import nearest_leads
from ..domain.reach.preferences import Channel, Choices, Topic, resolve, wants
from ..models import Objective, ReachPreference, User
from .directory import Directory, load_directory


@dataclass
class People:
    directory: Directory
    users: dict[int, User]  # the active people of the organization
    choices: dict[int, Choices]
    muted_until: dict[int, datetime | None]

    def actor(self, user_id: int) -> Actor | None:
        user = self.users.get(user_id)
        return self.directory.actor(user) if user is not None else None

    def can_see(self, user_id: int, objective: Objective) -> bool:
        return can_view_objective(self.actor(user_id), self.directory.access(objective))

    def wants(self, user_id: int, topic: Topic, channel: Channel, now: datetime) -> bool:
        if user_id not in self.users:
            return False
        return wants(self.choices[user_id], self.muted_until[user_id], topic, channel, now)

    def leads_of(self, objective: Objective) -> frozenset[int]:
        """The nearest team leads of the objective (its team, or its owner's teams)."""
        teams = self.directory.access(objective).team_ids
        parents = {t.id: t.parent_id for t in self.directory.teams.values()}
        leads_of_team: defaultdict[int, set[int]] = defaultdict(set)
        for user_id, led in self.directory.leads_of.items():
            for team_id in led:
                leads_of_team[team_id].add(user_id)
        frozen = {t: frozenset(u) for t, u in leads_of_team.items()}
        return nearest_leads(teams, parents, frozen)

    def name_of(self, user_id: int) -> str:
        user = self.users.get(user_id)
        return user.display_name if user is not None else "—"

    def members_of(self, team_id: int) -> frozenset[int]:
        teams = self.directory.descendants(frozenset({team_id}))
        return frozenset(
            u for u, ts in self.directory.member_of.items() if not ts.isdisjoint(teams)
        )


async def load_people(org_id: int) -> People:
    directory = await load_directory(org_id)
    users = {u.id: u for u in await User.filter(organization_id=org_id, is_active=True)}
    stored = {p.user_id: p for p in await ReachPreference.filter(user_id__in=list(users))}
    return People(
        directory=directory,
        users=users,
        choices={u: resolve(stored[u].channels if u in stored else None) for u in users},
        muted_until={u: stored[u].muted_until if u in stored else None for u in users},
    )
