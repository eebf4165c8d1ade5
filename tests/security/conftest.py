"""The security suite attacks a REAL server (`lodestar serve` on a copy of the demo company,
as the live tests do — their fixtures are reused): what one person, often anonymous, could do
to stall the server for everyone, and bad input that must never become an internal error.
Sizes are scaled down for CI; the limits they meet are the production defaults unless a
module says otherwise in `SERVER_ENV`."""

from tests.live.conftest import api, server, sqlite_server, sqlite_template

__all__ = ["api", "server", "sqlite_server", "sqlite_template"]
