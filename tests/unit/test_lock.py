"""requirements.lock holds every dependency pyproject.toml names, within its range, and the
environment the tests run in is exactly the lock (what CI tested is what a fresh install gets)."""

import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
# A pinned line of a uv/pip-compile lock: `name==version [; marker] [\`.
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)(?:\s*;\s*([^\\]+?))?\s*(?:\\)?$")
Locked = dict[str, tuple[Version, Marker | None]]  # normalised name -> pin and its marker


def read_lock(text: str) -> Locked:
    locked: Locked = {}
    for line in text.splitlines():
        if match := PIN.match(line):
            name, version, marker = match.groups()
            locked[canonicalize_name(name)] = (Version(version), Marker(marker) if marker else None)
    return locked


def disagreements(declared: list[str], locked: Locked) -> list[str]:
    """What `make lock` would have to fix: a declared dependency unlocked or locked out of range."""
    found = []
    for line in declared:
        req = Requirement(line)
        pin = locked.get(canonicalize_name(req.name))
        if pin is None:
            found.append(f"{req.name} is not in the lock")
        elif not req.specifier.contains(pin[0], prereleases=True):
            found.append(f"{req.name} is locked at {pin[0]}, outside {req.specifier}")
    return found


LOCKED: Locked = {
    "strawberry-graphql": (Version("0.341.2"), None),
    "typing-extensions": (Version("4.16.0"), None),
}


@pytest.mark.parametrize(
    ("declared", "expected"),
    [
        (["strawberry-graphql>=0.341.2,<0.342"], []),
        (["Strawberry_GraphQL>=0.341,<0.342"], []),  # names compare normalised
        (["typing_extensions"], []),  # no range: any pin agrees
        (["redis>=5"], ["redis is not in the lock"]),
        (
            ["strawberry-graphql>=0.342,<0.343"],
            ["strawberry-graphql is locked at 0.341.2, outside <0.343,>=0.342"],
        ),
    ],
)
def test_disagreements(declared: list[str], expected: list[str]) -> None:
    assert disagreements(declared, LOCKED) == expected


def test_a_lock_line_with_its_marker() -> None:
    text = (
        "uvloop==0.23.0 ; sys_platform != 'win32' \\\n"
        "    --hash=sha256:00\n"
        "    # via uvicorn\n"
        "anyio==4.16.0 \\\n"
    )
    assert read_lock(text) == {
        "uvloop": (Version("0.23.0"), Marker("sys_platform != 'win32'")),
        "anyio": (Version("4.16.0"), None),
    }


def test_the_lock_holds_every_dependency_of_pyproject() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = project["dependencies"] + [
        dep for extra in project["optional-dependencies"].values() for dep in extra
    ]
    locked = read_lock((ROOT / "requirements.lock").read_text())
    assert disagreements(declared, locked) == [], "run `make lock` (README: Dependencies)"


def test_the_environment_is_the_lock() -> None:
    locked = read_lock((ROOT / "requirements.lock").read_text())
    expected = {
        name: version
        for name, (version, marker) in locked.items()
        if marker is None or marker.evaluate()
    }
    installed = {name: installed_version(name) for name in expected}
    assert installed == expected, "run `make install`"


def installed_version(name: str) -> Version | None:
    try:
        return Version(metadata.version(name))
    except metadata.PackageNotFoundError:
        return None
