"""Tortoise models, one module per aggregate."""

from .activity import ActivityEvent
from .meeting import Meeting, MeetingDecision
from .okr import CheckIn, Cycle, KeyResult, Objective
from .org import (
    AccountLink,
    AuthToken,
    LoginFailure,
    Organization,
    SsoConfig,
    Team,
    TeamMember,
    User,
)
from .reach import JobClaim, OutboxMessage, ReachPreference, WatchedStatus, Webhook
from .retro import Lessons, Like, PeerReview, ReviewerChoice
from .work import Comment, Notification, Task

__all__ = [
    "AccountLink",
    "ActivityEvent",
    "AuthToken",
    "CheckIn",
    "Comment",
    "Cycle",
    "JobClaim",
    "KeyResult",
    "Lessons",
    "Like",
    "LoginFailure",
    "Meeting",
    "MeetingDecision",
    "Notification",
    "Objective",
    "Organization",
    "OutboxMessage",
    "PeerReview",
    "ReachPreference",
    "ReviewerChoice",
    "SsoConfig",
    "Task",
    "Team",
    "TeamMember",
    "User",
    "WatchedStatus",
    "Webhook",
]
