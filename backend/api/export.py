"""Writes the schema to `schema.graphql` (`make schema`); `--check` fails on drift."""

import sys

from ..settings import ROOT
from .schema import app_schema

TARGET = ROOT / "schema.graphql"


def current() -> str:
    return app_schema().as_str() + "\n"


def main(argv: list[str]) -> int:
    if "--check" in argv:
        if not TARGET.exists() or TARGET.read_text() != current():
            print("schema.graphql is out of date: run `make schema`", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(current())
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
