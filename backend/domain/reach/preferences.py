"""What reaches a person where. Three topics — status warnings, reminders (check-ins due,
milestones, phase deadlines) and the weekly digest — each on the channels the person picked:
the in-app inbox, e-mail, and IM (being named in their team's group chat). Until they choose,
the defaults hold; a mute silences every topic on every channel until its moment passes."""

from collections.abc import Mapping
from datetime import datetime
from enum import StrEnum

from ..clock import as_utc


class Topic(StrEnum):
    WARNING = "WARNING"
    REMINDER = "REMINDER"
    DIGEST = "DIGEST"


class Channel(StrEnum):
    IN_APP = "IN_APP"
    EMAIL = "EMAIL"
    IM = "IM"


# the digest is an e-mail: the inbox and the group chat have their own weekly rhythm
SUPPORTED: dict[Topic, frozenset[Channel]] = {
    Topic.WARNING: frozenset(Channel),
    Topic.REMINDER: frozenset(Channel),
    Topic.DIGEST: frozenset({Channel.EMAIL}),
}
DEFAULTS: dict[Topic, frozenset[Channel]] = {
    Topic.WARNING: frozenset(Channel),
    Topic.REMINDER: frozenset(Channel),
    Topic.DIGEST: frozenset({Channel.EMAIL}),
}

Choices = dict[Topic, frozenset[Channel]]


def resolve(stored: Mapping[str, object] | None) -> Choices:
    """The channels per topic: what the person stored (unknown values ignored), else the
    default."""
    choices = dict(DEFAULTS)
    for topic in Topic:
        values = (stored or {}).get(topic.value)
        if isinstance(values, list):
            picked = {Channel(v) for v in values if v in Channel.__members__}
            choices[topic] = frozenset(picked) & SUPPORTED[topic]
    return choices


def muted(muted_until: datetime | None, now: datetime) -> bool:
    return muted_until is not None and as_utc(now) < as_utc(muted_until)


def wants(
    choices: Choices, muted_until: datetime | None, topic: Topic, channel: Channel, now: datetime
) -> bool:
    return not muted(muted_until, now) and channel in choices[topic]


def stored(choices: Choices) -> dict[str, list[str]]:
    """As kept in the database: every topic, channels in a fixed order."""
    return {t.value: [c.value for c in Channel if c in choices[t]] for t in Topic}
