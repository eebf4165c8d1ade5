"""Posting to a team's robot (domain.reach.im says what and how): one HTTP request, judged by
the platform's answer. Never raises: a network error is a RETRY."""

import time

import httpx

from ..domain.reach.im import Outcome, WebhookKind, judge, request
from ..domain.reach.notice import Notice

TIMEOUT = httpx.Timeout(10.0, connect=5.0)


def retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After", "")
    return float(value) if value.isdigit() else None


async def post(
    kind: WebhookKind, url: str, secret: str, notice: Notice
) -> tuple[Outcome, str, float | None]:
    """(outcome, error, seconds the platform asked us to wait)."""
    req = request(kind, url, secret, notice, int(time.time() * 1000))
    try:
        async with httpx.AsyncClient(timeout=TIMEOUT, follow_redirects=False) as client:
            response = await client.post(req.url, json=req.body)
    except httpx.HTTPError as failure:
        return Outcome.RETRY, (str(failure) or type(failure).__name__)[:300], None
    try:
        body = response.json()
    except ValueError:
        body = response.text
    outcome, error = judge(kind, response.status_code, body)
    return outcome, error[:300], retry_after(response)
