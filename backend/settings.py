"""Every setting, read once from `LODESTAR_*` environment variables into a frozen object.

| variable | default | meaning |
|---|---|---|
| LODESTAR_DATABASE_URL | sqlite://var/lodestar.sqlite3 | `sqlite://PATH` or `postgres://…` |
| LODESTAR_BROKER_URL | memory:// | `memory://` (one process) or `redis://…` |
| LODESTAR_SECRET_KEY | generated into var/secret_key | keys the stored token hashes |
| LODESTAR_HOST / LODESTAR_PORT | 127.0.0.1 / 8000 | where `lodestar serve` listens |
| LODESTAR_ALLOWED_ORIGINS | (empty) | extra origins allowed for cookie requests, comma separated |
| LODESTAR_SECURE_COOKIES | 0 | set 1 behind TLS so the session cookie is `Secure` |
| LODESTAR_SESSION_DAYS | 30 | session cookie lifetime |
| LODESTAR_LOGIN_ATTEMPTS | 10 | sign-in attempts per account and address pair ... |
| LODESTAR_LOGIN_WINDOW | 300 | ... within this many seconds (domain/login_limit.py) |
| LODESTAR_TRUSTED_PROXIES | (empty) | balancers whose X-Forwarded-For/-Proto are believed |
| LODESTAR_GRAPHIQL | 1 | 0: no GraphiQL at /graphql in a browser (the API is unchanged) |
| LODESTAR_STATIC_DIR | frontend/dist | the built single-page app |
| LODESTAR_VAR_DIR | var | where the default database and the generated secret live |
| LODESTAR_STOCK_EXECUTOR | 0 | set 1 to run strawberry's own executor instead of the fast one |
| LODESTAR_DB_POOL_SIZE | 5 | PostgreSQL connections per process for transactions (writes) |
| LODESTAR_DB_READ_POOL_SIZE | 10 | ... for reads outside a transaction (SQLite: one connection) |
| LODESTAR_BROKER_TIMEOUT | 1.0 | seconds a publish or a broker health check may take |
| LODESTAR_PUBLISH_QUEUE | 10000 | events waiting to be published; beyond, left to the log |
| LODESTAR_WS_SEND_WINDOW | 262144 | unacknowledged bytes on a socket before it must resync |
| LODESTAR_SHUTDOWN_GRACE | 10 | seconds requests in flight get when the process stops |
| LODESTAR_WS_IMPL | websockets-sansio | uvicorn's websocket implementation (WS_IMPLEMENTATIONS) |
| LODESTAR_PUBLIC_URL | http://HOST:PORT | the app's address for people: links in e-mail and IM |
| LODESTAR_TIME_ZONE | the machine's zone | an organization's zone until an admin sets one |
| LODESTAR_JOBS | 1 | 0: no scheduler in this process (`lodestar jobs run-once` still works) |
| LODESTAR_JOBS_INTERVAL | 60 | seconds between two looks at what is due |
| LODESTAR_SMTP_URL | (empty: no e-mail) | `smtp://user:pass@host:port` or `smtps://…` |
| LODESTAR_MAIL_FROM | Lodestar <lodestar@localhost> | the From of every e-mail |
| LODESTAR_WEBHOOK_ALLOW_HTTP | 0 | 1: robots may be plain http on 127.0.0.1 (tests only) |
| LODESTAR_MAX_QUERY_COST | 1000000 | fields a query may be estimated to resolve (engine/cost.py) |
| LODESTAR_MAX_RESPONSE_BYTES | 33554432 | the largest answer sent; a larger one is refused |
| LODESTAR_MAX_BODY_BYTES | 1048576 | the largest request body (a socket message: 64 KiB) |

`LODESTAR_STOCK_EXECUTOR=1` is the way out when an upgrade of strawberry or graphql-core breaks
the fast path (`backend/api/engine/`; `backend/private_names.py` lists what it leans on): the
same answers, slower, each live subscriber executing its own events (no sharing).

An event the broker does not carry (hung, down, queue full) still arrives: every process
reads the activity log when it notices a gap and every few seconds when idle.
"""

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# uvicorn's websocket implementations that `lodestar serve` may run (its `ws` option), the
# default first: no task or stream reader per socket (bench/results/ws-impl.md has the figures)
WS_IMPLEMENTATIONS = ("websockets-sansio", "websockets")


def _env(name: str, default: str) -> str:
    return os.environ.get(f"LODESTAR_{name}", default)


def _secret(var_dir: Path) -> str:
    if key := _env("SECRET_KEY", ""):
        return key
    path = var_dir / "secret_key"
    if not path.exists():
        var_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


def _machine_zone() -> str:
    """The IANA name of this machine's zone (TZ, else /etc/localtime's link), else UTC."""
    if name := os.environ.get("TZ", "").lstrip(":"):
        return name
    try:
        target = os.readlink("/etc/localtime")
    except OSError:
        return "UTC"
    _, found, name = target.partition("zoneinfo/")
    return name if found and name else "UTC"


def server_time_zone() -> str:
    """The zone of an organization that has not chosen one (LODESTAR_TIME_ZONE, else this
    machine's)."""
    return _env("TIME_ZONE", _machine_zone())


def _ws_impl() -> str:
    name = _env("WS_IMPL", WS_IMPLEMENTATIONS[0])
    if name not in WS_IMPLEMENTATIONS:
        raise ValueError(f"LODESTAR_WS_IMPL={name!r}: one of {', '.join(WS_IMPLEMENTATIONS)}")
    return name


@dataclass(frozen=True)
class Settings:
    database_url: str
    broker_url: str
    secret_key: str
    host: str
    port: int
    allowed_origins: tuple[str, ...]
    secure_cookies: bool
    session_days: int
    login_attempts: int
    login_window: int
    static_dir: Path
    var_dir: Path
    stock_executor: bool
    db_pool_size: int
    db_read_pool_size: int
    broker_timeout: float
    publish_queue: int
    ws_send_window: int
    shutdown_grace: int
    # reminders, warnings and the channels that carry them (backend/jobs/)
    public_url: str = "http://127.0.0.1:8000"
    time_zone: str = "UTC"
    jobs: bool = True
    jobs_interval: float = 60.0
    smtp_url: str = ""
    mail_from: str = "Lodestar <lodestar@localhost>"
    webhook_allow_http: bool = False
    # what one request may cost (README "Security")
    max_query_cost: int = 1_000_000
    max_response_bytes: int = 32 * 1024 * 1024
    max_body_bytes: int = 1024 * 1024
    # addresses (comma separated, CIDR allowed) of the balancers in front: only from them are
    # X-Forwarded-For (the client's address, which sign-in limits count) and -Proto believed
    trusted_proxies: str = ""
    graphiql: bool = True
    ws_impl: str = WS_IMPLEMENTATIONS[0]

    @classmethod
    def from_env(cls) -> "Settings":
        var_dir = Path(_env("VAR_DIR", str(ROOT / "var")))
        origins = tuple(o.strip() for o in _env("ALLOWED_ORIGINS", "").split(",") if o.strip())
        return cls(
            database_url=_env("DATABASE_URL", f"sqlite://{var_dir / 'lodestar.sqlite3'}"),
            broker_url=_env("BROKER_URL", "memory://"),
            secret_key=_secret(var_dir),
            host=_env("HOST", "127.0.0.1"),
            port=int(_env("PORT", "8000")),
            allowed_origins=origins,
            secure_cookies=_env("SECURE_COOKIES", "0") == "1",
            session_days=int(_env("SESSION_DAYS", "30")),
            login_attempts=int(_env("LOGIN_ATTEMPTS", "10")),
            login_window=int(_env("LOGIN_WINDOW", "300")),
            static_dir=Path(_env("STATIC_DIR", str(ROOT / "frontend" / "dist"))),
            var_dir=var_dir,
            stock_executor=_env("STOCK_EXECUTOR", "0") == "1",
            db_pool_size=int(_env("DB_POOL_SIZE", "5")),
            db_read_pool_size=int(_env("DB_READ_POOL_SIZE", "10")),
            broker_timeout=float(_env("BROKER_TIMEOUT", "1.0")),
            publish_queue=int(_env("PUBLISH_QUEUE", "10000")),
            ws_send_window=int(_env("WS_SEND_WINDOW", str(256 * 1024))),
            shutdown_grace=int(_env("SHUTDOWN_GRACE", "10")),
            public_url=_env(
                "PUBLIC_URL", f"http://{_env('HOST', '127.0.0.1')}:{_env('PORT', '8000')}"
            ),
            time_zone=server_time_zone(),
            jobs=_env("JOBS", "1") == "1",
            jobs_interval=float(_env("JOBS_INTERVAL", "60")),
            smtp_url=_env("SMTP_URL", ""),
            mail_from=_env("MAIL_FROM", "Lodestar <lodestar@localhost>"),
            webhook_allow_http=_env("WEBHOOK_ALLOW_HTTP", "0") == "1",
            max_query_cost=int(_env("MAX_QUERY_COST", "1000000")),
            max_response_bytes=int(_env("MAX_RESPONSE_BYTES", str(32 * 1024 * 1024))),
            max_body_bytes=int(_env("MAX_BODY_BYTES", str(1024 * 1024))),
            trusted_proxies=_env("TRUSTED_PROXIES", ""),
            graphiql=_env("GRAPHIQL", "1") == "1",
            ws_impl=_ws_impl(),
        )
