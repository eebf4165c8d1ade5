"""Per-operation loaders of the cycle area: likes, peer reviews, reviewers and lessons of the
items a response shows, one query per kind of item however many there are."""

from collections.abc import Awaitable, Callable, Mapping
from typing import TypeVar

from strawberry.dataloader import DataLoader

from ...models import Lessons, PeerReview
from ...read import likes as like_reads
from ...read import retro
from ...read.snapshot import Snapshot
from ..context import Context, Info

_LOADERS = "_cycle_loaders"
V = TypeVar("V")


def _each(
    fetch: Callable[[list[int]], Awaitable[Mapping[int, V]]], default: V
) -> Callable[[list[int]], Awaitable[list[V]]]:
    """A batch load from a fetch answering by id (ids it does not know get `default`)."""

    async def load(keys: list[int]) -> list[V]:
        found = await fetch(keys)
        return [found.get(k, default) for k in keys]

    return load


class CycleLoaders:
    def __init__(self, context: Context) -> None:
        self.context = context
        self._counts: dict[str, DataLoader[int, int]] = {}
        self._liked: dict[str, DataLoader[int, bool]] = {}
        no_reviews: list[PeerReview] = []
        no_reviewers: list[int] = []
        no_lessons: Lessons | None = None
        self.reviews = DataLoader(load_fn=_each(retro.reviews_of, no_reviews))
        self.reviewers = DataLoader(load_fn=_each(retro.reviewers_of, no_reviewers))
        self.lessons = DataLoader(load_fn=_each(retro.lessons_of, no_lessons))

    def like_count(self, target_type: str) -> DataLoader[int, int]:
        if target_type not in self._counts:

            async def counts(ids: list[int]) -> dict[int, int]:
                return await like_reads.like_counts(target_type, ids)

            self._counts[target_type] = DataLoader(load_fn=_each(counts, 0))
        return self._counts[target_type]

    def liked(self, target_type: str) -> DataLoader[int, bool]:
        if target_type not in self._liked:
            viewer = self.context.actor.user_id if self.context.actor else -1

            async def liked(ids: list[int]) -> list[bool]:
                mine = await like_reads.liked_by(viewer, target_type, ids)
                return [i in mine for i in ids]

            self._liked[target_type] = DataLoader(load_fn=liked)
        return self._liked[target_type]


def cycle_loaders(info: Info) -> CycleLoaders:
    state = info.context.per_operation
    if _LOADERS not in state:
        state[_LOADERS] = CycleLoaders(info.context)
    loaded: CycleLoaders = state[_LOADERS]
    return loaded


async def like_count(info: Info, target_type: str, pk: int) -> int:
    return await cycle_loaders(info).like_count(target_type).load(pk)


async def liked_by_viewer(info: Info, target_type: str, pk: int) -> bool:
    return await cycle_loaders(info).liked(target_type).load(pk)


def snapshot_like_count(
    info: Info, snap: Snapshot, target_type: str, pk: int
) -> int | Awaitable[int]:
    """An objective's or key result's likes: from its snapshot when that holds them (the
    board's: nothing to await per item), else batched per request."""
    if snap.likes is not None:
        return snap.likes.count(target_type, pk)
    return cycle_loaders(info).like_count(target_type).load(pk)


def snapshot_liked_by_viewer(
    info: Info, snap: Snapshot, target_type: str, pk: int
) -> bool | Awaitable[bool]:
    if snap.likes is not None:
        return snap.likes.by_viewer(target_type, pk)
    return cycle_loaders(info).liked(target_type).load(pk)
