"""Who may set up a team's group-chat robots (DESIGN §7): the organization's admins, and the
leads of the team (a lead of a department also of its sub-teams). Nobody else sees them: a
robot's address is its credential on WeCom and Slack."""

from ..policy import Actor, is_admin


def can_manage_webhooks(actor: Actor | None, org_id: int, team_id: int) -> bool:
    if actor is None or actor.org_id != org_id:
        return False
    return is_admin(actor) or team_id in actor.led_team_ids
