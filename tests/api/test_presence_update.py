"""A board's presence update counts every watcher and names up to 50 of them, by name: its size
does not grow with a company's crowd (every watcher is sent every update)."""

from backend.api.live.subscriptions import _presence_update
from backend.domain.presence import WATCHERS_NAMED
from tests.api.helpers import World, make_user


async def test_a_crowd_is_counted_whole_and_named_up_to_the_limit(world: World) -> None:
    crowd = [await make_user(world.org, f"p{i:02}", f"Person {i:02}") for i in range(60)]
    stranger = world.outsider  # another organization's id is left out
    ids = [u.id for u in reversed(crowd)] + [world.admin.id, stranger.id]
    update = await _presence_update(world.org.id, "Cycle:1", ids)
    assert update.count == 61
    names = [w.display_name for w in update.watchers]
    assert len(names) == WATCHERS_NAMED
    assert names == sorted(names, key=str.casefold)
    assert names[-1] == "Person 48" and world.admin.display_name in names
