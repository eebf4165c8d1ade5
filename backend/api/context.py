"""Per-operation context: who is asking, in which language, and the per-request caches
(snapshots, loaders). Built anew for every HTTP request, never kept on a socket."""

from dataclasses import dataclass, field
from typing import Any

from starlette.requests import HTTPConnection
from starlette.responses import Response
from strawberry.dataloader import DataLoader

from ..domain.enums import Locale
from ..domain.policy import Actor
from ..models import CheckIn, Cycle, User
from ..services.directory import load_directory
from ..services.snapshot import Snapshot, load_snapshot
from ..settings import Settings

SESSION_COOKIE = "lodestar_session"


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
    _snapshots: dict[int, Snapshot] = field(default_factory=dict)
    check_ins: DataLoader[int, list[CheckIn]] = field(
        default_factory=lambda: DataLoader(load_fn=_check_ins_for)
    )

    async def snapshot(self, cycle: Cycle | int, *, fresh: bool = False) -> Snapshot:
        cycle_id = cycle if isinstance(cycle, int) else cycle.id
        if fresh or cycle_id not in self._snapshots:
            if isinstance(cycle, int):
                row = await Cycle.get(id=cycle_id)
            else:
                row = cycle
            self._snapshots[cycle_id] = await load_snapshot(row, self.actor)
        return self._snapshots[cycle_id]

    def forget_snapshots(self) -> None:
        self._snapshots.clear()

    def __getitem__(self, key: str) -> Any:  # strawberry's view reads context["response"]
        return getattr(self, key)


async def actor_for(user: User | None) -> Actor | None:
    if user is None:
        return None
    return (await load_directory(user.organization_id)).actor(user)
