"""Errors a user can cause. Each carries a message key (translated at the edge), a code
that the API exposes as `extensions.code`, and for input errors the offending field."""

from typing import Any


class DomainError(Exception):
    code = "INTERNAL"

    def __init__(self, key: str, field: str | None = None, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.field = field
        self.params = params


class InvalidInput(DomainError):
    code = "BAD_USER_INPUT"

    def __init__(self, field: str, key: str, **params: Any) -> None:
        super().__init__(key, field, **params)


class Unauthenticated(DomainError):
    code = "UNAUTHENTICATED"

    def __init__(self, key: str = "auth.required") -> None:
        super().__init__(key)


class Forbidden(DomainError):
    code = "FORBIDDEN"

    def __init__(self, key: str = "auth.forbidden", **params: Any) -> None:
        super().__init__(key, **params)


class NotFound(DomainError):
    code = "NOT_FOUND"

    def __init__(self, key: str = "not_found") -> None:
        super().__init__(key)


class Conflict(DomainError):
    code = "CONFLICT"


class RateLimited(DomainError):
    code = "RATE_LIMITED"
