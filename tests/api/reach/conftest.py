"""The reach API tests talk to an app with e-mail (a real SMTP server the tests start) and
local robots allowed, at a public address for links."""

from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from typing import Any

import pytest

from backend.app import create_app
from backend.settings import Settings
from tests.reach_servers import MailServer, Receivers

from .helpers import PUBLIC_URL


@pytest.fixture(scope="session")
def mail() -> Iterator[MailServer]:
    server = MailServer().start()
    yield server
    server.stop()


@pytest.fixture
def inbox(mail: MailServer) -> MailServer:
    mail.messages.clear()
    return mail


@pytest.fixture(scope="session")
async def robots() -> AsyncIterator[Receivers]:
    receivers = await Receivers().start()
    yield receivers
    await receivers.stop()


@pytest.fixture
def reach_settings(settings: Settings, mail: MailServer) -> Settings:
    return replace(
        settings,
        smtp_url=mail.url,
        mail_from="Lodestar <okr@example.com>",
        public_url=PUBLIC_URL,
        webhook_allow_http=True,
        time_zone="UTC",
    )


@pytest.fixture
def app(reach_settings: Settings) -> Any:
    """Overrides tests/api/conftest.py's: the app these tests talk to has e-mail and robots."""
    return create_app(reach_settings, manage_db=False)
