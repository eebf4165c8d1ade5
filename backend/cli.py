"""`lodestar` — serve, migrate, seed-demo, create-org, create-user, export, import, backup,
jobs run-once."""

import argparse
import asyncio
import getpass
import sys
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from tortoise import Tortoise

from .db import settings_config
from .domain.enums import Locale
from .domain.errors import DomainError
from .domain.messages import translate
from .settings import Settings

DEMO_LOGIN = "admin@example.com / lodestar"
JOB_NAMES = ("warnings", "checkin", "milestone", "drafts", "scores", "digest")


async def _with_db(settings: Settings, work: Callable[[], Awaitable[Any]]) -> Any:
    await Tortoise.init(config=settings_config(settings))
    try:
        return await work()
    finally:
        await Tortoise.close_connections()


async def migrate(settings: Settings) -> list[tuple[str, bool]]:
    """Apply what is not applied yet: the migrations applied, in order, each with whether it
    is an initial one (it created the tables)."""
    from tortoise.migrations.api import migrate as run_migrations
    from tortoise.migrations.executor import PlanStep

    planned: list[tuple[str, bool]] = []
    applied: set[str] = set()

    def plan(connection: str, steps: list[PlanStep], fake: bool, dry_run: bool) -> None:
        planned.extend(
            (s.migration.name, bool(getattr(s.migration, "initial", False))) for s in steps
        )

    def progress(event: str, app: str, name: str) -> None:
        if event == "apply_done":
            applied.add(name)

    try:
        await run_migrations(config=settings_config(settings), reporter=plan, progress=progress)
    finally:
        await Tortoise.close_connections()
    return [(name, initial) for name, initial in planned if name in applied]


def migrate_report(applied: list[tuple[str, bool]]) -> str:
    """What `lodestar migrate` did, in words."""
    if not applied:
        return "database is up to date (no migration to apply)"
    names = "\n".join(f"  {name}" for name, _ in applied)
    if any(initial for _, initial in applied):
        return f"created the tables: {len(applied)} migration(s) applied to a new database\n{names}"
    return f"applied {len(applied)} migration(s):\n{names}"


def cmd_migrate(settings: Settings, args: argparse.Namespace) -> None:
    print(migrate_report(asyncio.run(migrate(settings))))


def cmd_seed_demo(settings: Settings, args: argparse.Namespace) -> None:
    from .demo.seeder import seed_demo

    created = asyncio.run(_with_db(settings, seed_demo))
    if created:
        print(f"demo company created — sign in as {DEMO_LOGIN}")
    else:
        print("the database already has an organization: demo not loaded")


def cmd_create_org(settings: Settings, args: argparse.Namespace) -> None:
    from .actions.people import UserInput, create_organization

    async def work() -> None:
        admin = UserInput(
            email=args.admin_email,
            display_name=args.admin_name,
            handle=args.admin_handle,
            password=args.password or getpass.getpass("admin password: "),
        )
        await create_organization(args.name, args.slug, admin)

    asyncio.run(_with_db(settings, work))
    print(f"organization {args.slug!r} created with admin {args.admin_email}")


def cmd_create_user(settings: Settings, args: argparse.Namespace) -> None:
    from .actions.people import UserInput, add_user
    from .domain.enums import Role
    from .models import Organization

    async def work() -> None:
        org = await Organization.get_or_none(slug=args.org)
        if org is None:
            sys.exit(f"no organization with slug {args.org!r}")
        await add_user(
            org.id,
            UserInput(
                email=args.email,
                display_name=args.name,
                handle=args.handle,
                password=args.password or getpass.getpass("password: "),
                locale=args.locale,
                role=Role.ADMIN if args.admin else Role.MEMBER,
            ),
        )

    asyncio.run(_with_db(settings, work))
    print(f"user {args.email} created")


def cmd_export(settings: Settings, args: argparse.Namespace) -> None:
    from .transfer.export import UnknownOrganization, export_organization

    async def work() -> dict[str, Any]:
        return await export_organization(args.org)

    try:
        document = asyncio.run(_with_db(settings, work))
    except UnknownOrganization:
        sys.exit(f"lodestar export: no organization with slug {args.org!r}")
    data = orjson.dumps(document, option=orjson.OPT_INDENT_2)
    if args.output in (None, "-"):
        sys.stdout.buffer.write(data + b"\n")
    else:
        Path(args.output).write_bytes(data + b"\n")
        print(f"organization {args.org!r} written to {args.output}", file=sys.stderr)


def cmd_import(settings: Settings, args: argparse.Namespace) -> None:
    from .transfer.load import ImportRefused, import_organization

    raw = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
    try:
        document = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        sys.exit(f"lodestar import: {args.file} is not JSON ({error})")
    print(migrate_report(asyncio.run(migrate(settings))))

    async def work() -> str:
        return (await import_organization(document)).slug

    try:
        slug = asyncio.run(_with_db(settings, work))
    except ImportRefused as refused:
        sys.exit(f"lodestar import: {refused}")
    print(f"organization {slug!r} imported")


def cmd_backup(settings: Settings, args: argparse.Namespace) -> None:
    from .transfer.backup import BackupRefused, backup_sqlite

    try:
        size = backup_sqlite(settings.database_url, Path(args.path))
    except BackupRefused as refused:
        sys.exit(f"lodestar backup: {refused}")
    print(f"backup written to {args.path} ({size:,} bytes)")


def port_taken(host: str, port: int) -> str | None:
    """Why `host:port` cannot be listened on (None when it can), said plainly, not as a trace."""
    import socket

    try:
        with socket.create_server((host, port)):
            return None
    except OSError as exc:
        return (
            f"lodestar serve: cannot listen on {host}:{port} ({exc.strerror or exc}); "
            "is another server running there? Choose another port, e.g. LODESTAR_PORT=8001 make run"
        )


def serve_options(settings: Settings, host: str, port: int) -> dict[str, Any]:
    """What `lodestar serve` passes to uvicorn beside the app."""
    from .api.engine.view import MAX_SOCKET_MESSAGE
    from .ws_protocol import SansIOProtocol

    return {
        "host": host,
        "port": port,
        # said, not guessed: uvicorn takes an app whose __call__ is no coroutine function for
        # ASGI 2 (ours returns the coroutine to await: app.py Lodestar)
        "interface": "asgi3",
        "log_config": None,  # ours (logs.configure)
        "access_log": False,  # the app logs each request itself, with its request id
        # sans-I/O by default: a socket costs no task nor stream reader of its own
        # (LODESTAR_WS_IMPL; bench/results/ws-impl.md)
        "ws": SansIOProtocol if settings.ws_impl == "websockets-sansio" else settings.ws_impl,
        "ws_per_message_deflate": False,  # compression costs memory per idle socket
        "ws_max_size": MAX_SOCKET_MESSAGE,  # a client message is a small GraphQL document
        # X-Forwarded-For and -Proto only from the balancers named (none by default: a
        # client could otherwise pick the address its sign-in attempts are counted under)
        "proxy_headers": bool(settings.trusted_proxies),
        "forwarded_allow_ips": settings.trusted_proxies or None,
        # on SIGTERM uvicorn closes every socket with 1012 (service restart: clients
        # reconnect at once and resume with `since`), then gives requests in flight this long
        "timeout_graceful_shutdown": settings.shutdown_grace,
    }


def cmd_serve(settings: Settings, args: argparse.Namespace) -> None:
    import uvicorn

    from .app import create_app
    from .gctune import return_large_buffers, settle
    from .observability import logs

    if refused := port_taken(args.host, args.port):
        sys.exit(refused)
    print(f"Lodestar on http://{args.host}:{args.port}  (demo login: {DEMO_LOGIN})", flush=True)
    logs.configure()  # JSON lines on stderr: one per request, with its request id
    app = create_app(settings)
    settle()  # the app's long-lived objects out of the cyclic collector's way
    return_large_buffers()
    uvicorn.run(app, **serve_options(settings, args.host, args.port))


def parse_instant(value: str) -> datetime:
    """An ISO-8601 instant; one without an offset is UTC."""
    try:
        at = datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO-8601 time: {value!r}") from None
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)


def cmd_jobs_run_once(settings: Settings, args: argparse.Namespace) -> None:
    from .jobs.scheduler import run_due

    at = args.at or datetime.now(UTC)
    done = asyncio.run(_with_db(settings, lambda: run_due(settings, at, args.job or None)))
    print(f"jobs run as of {at.isoformat()}: " + ", ".join(f"{k} {v}" for k, v in done.items()))


def main(argv: list[str] | None = None) -> None:
    settings = Settings.from_env()
    parser = argparse.ArgumentParser(prog="lodestar", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="serve the app")
    serve.add_argument("--host", default=settings.host)
    serve.add_argument("--port", type=int, default=settings.port)
    serve.set_defaults(run=cmd_serve)

    sub.add_parser("migrate", help="apply database migrations").set_defaults(run=cmd_migrate)
    sub.add_parser("seed-demo", help="load the demo company into an empty database").set_defaults(
        run=cmd_seed_demo
    )

    org = sub.add_parser("create-org", help="create an organization and its first admin")
    org.add_argument("--name", required=True)
    org.add_argument("--slug", required=True)
    org.add_argument("--admin-email", required=True)
    org.add_argument("--admin-name", required=True)
    org.add_argument("--admin-handle", required=True)
    org.add_argument("--password", help="prompted for when left out")
    org.set_defaults(run=cmd_create_org)

    user = sub.add_parser("create-user", help="create a user in an organization")
    user.add_argument("--org", required=True, help="organization slug")
    user.add_argument("--email", required=True)
    user.add_argument("--name", required=True)
    user.add_argument("--handle", required=True)
    user.add_argument("--locale", default="en", choices=["en", "zh-CN"])
    user.add_argument("--admin", action="store_true")
    user.add_argument("--password", help="prompted for when left out")
    user.set_defaults(run=cmd_create_user)

    jobs = sub.add_parser("jobs", help="scheduled work (reminders, warnings, digests)")
    jobs_sub = jobs.add_subparsers(dest="jobs_command", required=True)
    once = jobs_sub.add_parser("run-once", help="run whatever is due, then send the outbox")
    once.add_argument("--at", type=parse_instant, help="as if at this ISO-8601 time (default now)")
    once.add_argument(
        "--job", action="append", choices=sorted(JOB_NAMES), help="only this job (repeatable)"
    )
    once.set_defaults(run=cmd_jobs_run_once)

    export = sub.add_parser("export", help="write an organization as one JSON document")
    export.add_argument("--org", required=True, help="organization slug")
    export.add_argument("-o", "--output", help="file to write (default: standard output)")
    export.set_defaults(run=cmd_export)

    load = sub.add_parser("import", help="load an exported organization into an empty database")
    load.add_argument("file", help="the document (`-`: standard input)")
    load.set_defaults(run=cmd_import)

    backup = sub.add_parser("backup", help="copy a live SQLite database consistently")
    backup.add_argument("path", help="the new file")
    backup.set_defaults(run=cmd_backup)

    args = parser.parse_args(argv)
    try:
        args.run(settings, args)
    except DomainError as error:  # bad input: say what, in the operator's words, no traceback
        params = {"field": error.field, **error.params}
        sys.exit(f"lodestar {args.command}: {translate(error.key, Locale.EN, params)}")


if __name__ == "__main__":
    main()
