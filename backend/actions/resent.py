"""Writes a client may send again (a retry after a dropped connection, its offline outbox):
the client names each with a clientId, and the same author's same clientId is written once."""

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from tortoise.exceptions import IntegrityError
from tortoise.models import Model

from ..domain.errors import InvalidInput

M = TypeVar("M", bound=Model)


async def sent_before(
    model: type[M],
    author: dict[str, int],
    client_id: str | None,
    target: dict[str, Any],
    reused: str,
) -> M | None:
    """The row `author` already wrote with `client_id` (its answer was lost), or None. The same
    clientId for another `target` is a client's mistake: refused with the message `reused`."""
    if client_id is None:
        return None
    first = await model.filter(client_id=client_id, **author).first()
    if first is not None and any(getattr(first, k) != v for k, v in target.items()):
        raise InvalidInput("clientId", reused)
    return first


async def once(written: Callable[[], Awaitable[M | None]], write: Callable[[], Awaitable[M]]) -> M:
    """`write` unless `written` finds it done; a copy racing its first attempt loses on the
    unique (author, clientId) and answers with the row the first one wrote."""
    first = await written()
    if first is not None:
        return first
    try:
        return await write()
    except IntegrityError:
        first = await written()
        if first is None:
            raise
        return first
