"""The domain's closed vocabularies as GraphQL enums, shared by every area."""

import strawberry

from ..domain import enums

Role = strawberry.enum(enums.Role)


CyclePhase = strawberry.enum(enums.CyclePhase)


ObjectiveLevel = strawberry.enum(enums.ObjectiveLevel)


ObjectiveState = strawberry.enum(enums.ObjectiveState)


Visibility = strawberry.enum(enums.Visibility)


KRKind = strawberry.enum(enums.KRKind)


ProgressSource = strawberry.enum(enums.ProgressSource)


TrackStatus = strawberry.enum(enums.TrackStatus)


StatusReason = strawberry.enum(enums.StatusReason)


ScoreBand = strawberry.enum(enums.ScoreBand)


HintTarget = strawberry.enum(enums.HintTarget)
HintSeverity = strawberry.enum(enums.HintSeverity)
HintCode = strawberry.enum(enums.HintCode)


NotificationKind = strawberry.enum(enums.NotificationKind)
TaskStatus = strawberry.enum(enums.TaskStatus)
