"""Shared switches: services and the browser are required in CI, optional elsewhere."""

import os

import pytest


def require_or_skip(what: str, env: str, reason: str) -> None:
    """Skip with a clear reason, unless CI demands the thing (then fail)."""
    if os.environ.get(env) == "1":
        pytest.fail(f"{what} is required here ({env}=1) but unavailable: {reason}")
    pytest.skip(f"{what} unavailable: {reason}")
