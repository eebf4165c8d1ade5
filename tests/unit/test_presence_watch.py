"""A presence watch wakes its socket when there is a list it was not given: a wake while
nobody waits is kept for the next wait (the meeting's stream waits on events and on who is
present in turn), a cancelled wait loses nothing."""

import asyncio

from backend.live.presence import Room, Snapshot, Watch


async def test_a_wake_while_nobody_waits_is_kept_once() -> None:
    watch = Watch(Room())
    watch.wake()
    watch.wake()  # two wakes meanwhile: one pending, as with a queue of one
    await asyncio.wait_for(watch.changed(), 1)
    waiting = asyncio.create_task(watch.changed())
    await asyncio.sleep(0.01)
    assert not waiting.done()
    watch.wake()
    await asyncio.wait_for(waiting, 1)


async def test_a_cancelled_wait_loses_no_later_wake() -> None:
    watch = Watch(Room())
    gone = asyncio.create_task(watch.changed())
    await asyncio.sleep(0)
    gone.cancel()
    await asyncio.gather(gone, return_exceptions=True)
    assert not watch.has_waiter()
    watch.wake()
    await asyncio.wait_for(watch.changed(), 1)


async def test_next_gives_each_new_list_once() -> None:
    room = Room()
    watch = Watch(room)
    pending = asyncio.create_task(watch.next())
    await asyncio.sleep(0.01)
    assert not pending.done()  # no list read yet
    first = room.snapshot = Snapshot([1, 2], read=1)
    watch.wake()
    assert await asyncio.wait_for(pending, 1) is first
    again = asyncio.create_task(watch.next())
    watch.wake()  # woken, but the list is the one it has: it waits on
    await asyncio.sleep(0.01)
    assert not again.done()
    second = room.snapshot = Snapshot([1], read=2)
    watch.wake()
    assert await asyncio.wait_for(again, 1) is second
