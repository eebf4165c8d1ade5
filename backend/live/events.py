"""The event as it travels: published after commit, or read back from the activity log."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import orjson

from ..events.kinds import EventKind


@dataclass(slots=True)
class LiveEvent:
    seq: int
    org_id: int
    kind: EventKind
    actor_id: int | None
    cycle_id: int | None
    objective_id: int | None
    key_result_id: int | None
    payload: dict[str, Any]
    at: datetime
    # filled once per process by the hub's enricher: who may see what this event touches
    audience: Any = field(default=None)
    # what the subscribers of this process share of it (a view cut per visibility, the
    # result per selection): made by the first who needs it, dropped with the event
    shared: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)

    def to_message(self) -> bytes:
        return orjson.dumps(
            {
                "seq": self.seq,
                "orgId": self.org_id,
                "kind": self.kind,
                "actorId": self.actor_id,
                "cycleId": self.cycle_id,
                "objectiveId": self.objective_id,
                "keyResultId": self.key_result_id,
                "payload": self.payload,
                "at": self.at.isoformat(),
            }
        )

    @classmethod
    def from_message(cls, data: bytes) -> "LiveEvent":
        raw = orjson.loads(data)
        return cls(
            seq=raw["seq"],
            org_id=raw["orgId"],
            kind=EventKind(raw["kind"]),
            actor_id=raw["actorId"],
            cycle_id=raw["cycleId"],
            objective_id=raw["objectiveId"],
            key_result_id=raw["keyResultId"],
            payload=raw["payload"],
            at=datetime.fromisoformat(raw["at"]),
        )


@dataclass(frozen=True, slots=True)
class Resync:
    """Tells a subscriber to refetch: it fell too far behind, or asked for a `since` older
    than the log keeps."""

    reason: str
    seq: int
