"""Tortoise models, one module per aggregate."""

from .activity import ActivityEvent
from .okr import CheckIn, Cycle, KeyResult, Objective
from .org import AuthToken, LoginFailure, Organization, Team, TeamMember, User
from .retro import Lessons, Like, PeerReview, ReviewerChoice
from .work import Comment, Notification, Task

__all__ = [
    "ActivityEvent",
    "AuthToken",
    "CheckIn",
    "Comment",
    "Cycle",
    "KeyResult",
    "Lessons",
    "Like",
    "LoginFailure",
    "Notification",
    "Objective",
    "Organization",
    "PeerReview",
    "ReviewerChoice",
    "Task",
    "Team",
    "TeamMember",
    "User",
]
