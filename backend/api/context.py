"""Per-operation context: who is asking, in which language, and the per-request caches
(snapshots, loaders). Built anew for every HTTP request, never kept on a socket."""

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import strawberry
from starlette.requests import HTTPConnection
from starlette.responses import Response
from strawberry.dataloader import DataLoader
from tortoise.models import Model

from ..domain.enums import Locale
from ..domain.policy import Actor
from ..models import CheckIn, Cycle, Objective, User
from ..read.accounts import Credential
from ..read.comments import comment_counts
from ..read.cycle_cache import SharedCycles
from ..read.directory import Directory, SharedDirectories, load_directory
from ..read.snapshot import Snapshot, load_cycle_rows, load_snapshot
from ..settings import Settings

SESSION_COOKIE = "lodestar_session"
M = TypeVar("M", bound=Model)
K = TypeVar("K")
V = TypeVar("V")


def set_session_cookie(response: Response, settings: Settings, token: str) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=settings.session_days * 86400,
        httponly=True,
        samesite="lax",
        secure=settings.secure_cookies,
        path="/",
    )


def pick_locale(user: User | None, accept_language: str | None) -> str:
    """The UI's Accept-Language wins (the user may have switched), then the profile."""
    if accept_language:
        first = accept_language.split(",")[0].strip().lower()
        return Locale.ZH_CN if first.startswith("zh") else Locale.EN
    return user.locale if user else Locale.EN


async def _check_ins_for(keys: list[int]) -> list[list[CheckIn]]:
    rows = await CheckIn.filter(key_result_id__in=keys).order_by("-created_at", "-id")
    by_kr: dict[int, list[CheckIn]] = {k: [] for k in keys}
    for row in rows:
        by_kr[row.key_result_id].append(row)
    return [by_kr[k] for k in keys]


def rows_by_id(
    model: type[M], org_id: int, **filters: Any
) -> Callable[[list[int]], Awaitable[list[M | None]]]:
    """A loader of one organization's rows by id (others resolve to None)."""

    async def load(keys: list[int]) -> list[M | None]:
        rows = {r.pk: r for r in await model.filter(id__in=keys, organization_id=org_id, **filters)}
        return [rows.get(k) for k in keys]

    return load


@dataclass
class Context:
    request: HTTPConnection
    response: Response | None
    settings: Settings
    user: User | None
    actor: Actor | None
    locale: str
    request_id: str
    session_token: str | None = None
    # the session or API token that authenticated this request (or socket)
    credential: Credential | None = None
    directory: Directory | None = None
    connection_params: dict[str, Any] = field(default_factory=dict)
    # a socket's context lives as long as the connection: it must not cache anything
    is_socket: bool = False
    # the app's evaluated cycles, shared by every viewer (never stale: read/cycle_cache.py)
    cycles: SharedCycles | None = None
    _snapshots: dict[int, asyncio.Future[Snapshot]] = field(default_factory=dict)
    _per_operation: dict[str, Any] = field(default_factory=dict)

    @property
    def check_ins(self) -> DataLoader[int, list[CheckIn]]:
        return self._loader("check_ins", _check_ins_for)

    @property
    def users(self) -> DataLoader[int, User | None]:
        """People of the viewer's organization by id (others resolve to None)."""
        return self._loader("users", rows_by_id(User, self.org_id))

    @property
    def objectives(self) -> DataLoader[int, Objective | None]:
        """Objective rows of the viewer's organization by id, unchecked for visibility: the
        caller decides what the viewer may see (e.g. through the row's cycle snapshot)."""
        return self._loader("objectives", rows_by_id(Objective, self.org_id))

    def comment_counts(self, target_type: str) -> DataLoader[int, int]:
        """Comments per target of one type (Task, KeyResult or Objective), batched."""

        async def load(ids: list[int]) -> list[int]:
            found = await comment_counts(target_type, ids)
            return [found.get(i, 0) for i in ids]

        return self._loader(f"comment_counts:{target_type}", load)

    @property
    def org_id(self) -> int:
        return self.actor.org_id if self.actor else -1  # signed out: finds nothing

    def _loader(
        self, key: str, load_fn: Callable[[list[K]], Awaitable[list[V]]]
    ) -> DataLoader[K, V]:
        """One loader per operation; on a socket one per use, uncached (its context outlives
        the events it serves)."""
        loaders = self.per_operation
        if key not in loaders:
            loaders[key] = DataLoader(load_fn=load_fn, cache=not self.is_socket)
        loader: DataLoader[K, V] = loaders[key]
        return loader

    @property
    def per_operation(self) -> dict[str, Any]:
        """Caches an API area keeps for one operation (a socket gets a fresh one each time)."""
        return {} if self.is_socket else self._per_operation

    async def snapshot(self, cycle: Cycle | int, *, fresh: bool = False) -> Snapshot:
        """The cycle as this viewer sees it, loaded once per request: fields resolved
        concurrently (`boardSeq` and `objectives`) share one load, so the seq matches the rows."""
        cycle_id = cycle if isinstance(cycle, int) else cycle.id
        if fresh or self.is_socket or cycle_id not in self._snapshots:
            task = asyncio.ensure_future(self._load_snapshot(cycle))
            if self.is_socket:
                return await task
            self._snapshots[cycle_id] = task
        return await self._snapshots[cycle_id]

    async def _load_snapshot(self, cycle: Cycle | int) -> Snapshot:
        row = await Cycle.get(id=cycle) if isinstance(cycle, int) else cycle
        # a socket's directory may be stale: only a request reuses the one it loaded
        directory = None if self.is_socket else self.directory
        read = self.cycles.rows if self.cycles is not None else load_cycle_rows
        return await load_snapshot(row, self.actor, directory=directory, read=read)

    def forget_snapshots(self) -> None:
        """After a write: later reads in this operation start afresh."""
        self._snapshots.clear()
        self._per_operation.clear()

    def __getitem__(self, key: str) -> Any:  # strawberry's view reads context["response"]
        return getattr(self, key)


async def actor_for(
    user: User | None, shared: tuple[SharedDirectories, Credential] | None = None
) -> tuple[Actor | None, Directory | None]:
    """The person's rights and the directory they come from — `shared`: the process's, as of
    the seq read with their credential."""
    if user is None:
        return None, None
    if shared is not None:
        directories, credential = shared
        directory = await directories.at(user.organization_id, credential.org_seq)
    else:
        directory = await load_directory(user.organization_id)
    return directory.actor(user), directory


# what every resolver receives as `info` (the context of one operation)
Info = strawberry.Info[Context, None]
