"""Errors as clients see them: user-caused ones translated with `extensions.code` (and
`extensions.field` for input), everything else masked and logged with a request id."""

import logging
from typing import Any

from graphql import GraphQLError

from ..domain.errors import DomainError
from ..domain.messages import translate

log = logging.getLogger("lodestar.api")


def format_error(error: GraphQLError, locale: str, request_id: str) -> dict[str, Any]:
    original = error.original_error
    formatted: dict[str, Any] = {"message": error.message}
    if error.path:
        formatted["path"] = error.path
    if isinstance(original, DomainError):
        params = {"field": original.field, **original.params}
        formatted["message"] = translate(original.key, locale, params)
        formatted["extensions"] = {**original.extensions, "code": original.code}
        if original.field:
            formatted["extensions"]["field"] = original.field
    elif original is None or isinstance(original, GraphQLError):
        # the document or its variables are wrong (syntax, unknown field, bad enum, depth)
        formatted["extensions"] = {"code": "BAD_USER_INPUT"}
    else:
        formatted["message"] = translate("internal", locale, {"request_id": request_id})
        formatted["extensions"] = {"code": "INTERNAL", "requestId": request_id}
    return formatted


def log_errors(errors: list[GraphQLError], request_id: str) -> None:
    for error in errors:
        original = error.original_error
        if original is not None and not isinstance(original, DomainError | GraphQLError):
            log.error("request %s failed", request_id, exc_info=original)


def as_graphql_error(error: DomainError, locale: str) -> GraphQLError:
    params = {"field": error.field, **error.params}
    extensions = {
        **error.extensions,
        "code": error.code,
        **({"field": error.field} if error.field else {}),
    }
    return GraphQLError(translate(error.key, locale, params), extensions=extensions)
