"""@mentions in comment bodies: which handles a text names.

A handle follows `accounts.HANDLE` (ASCII letters, digits, `_ . -`, 2–32 characters, not
starting with `.`/`-` and not ending with them). Chinese text is written without spaces, so
any character outside the handle alphabet ends a handle ("请@zhangsan看一下", "@lisi，你好").
An `@` glued to a word is part of an e-mail address, not a mention ("bob@example.com").
Which users the handles belong to is decided by the service at write time.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .accounts import HANDLE

# `@` (or the full-width `＠` a Chinese input method types) not preceded by a character that
# could belong to an e-mail's local part, then a run of handle characters (ASCII only: CJK
# letters and full-width punctuation end the run).
_MENTION = re.compile(r"(?<![A-Za-z0-9_.])[@＠]([A-Za-z0-9_][A-Za-z0-9_.-]*)")
MAX_HANDLE = 32


def parse_mentions(body: str) -> list[str]:
    """The handles mentioned in `body`, lower-cased, in order of first mention, once each."""
    seen: dict[str, None] = {}
    for match in _MENTION.finditer(body):
        # a sentence may end right after a handle: "thanks @emily." / "ask @bob--"
        handle = match.group(1).rstrip(".-").lower()
        if len(handle) <= MAX_HANDLE and HANDLE.match(handle):
            seen.setdefault(handle, None)
    return list(seen)


# ---- mentions as people type them ----------------------------------------------------------
# People pick from the list (which inserts "@张三", the display name) or type "@张三",
# "@zhangsan" or an unambiguous start of either. What is stored is "@handle": stable when
# someone changes their display name, and shown as "@" + the current display name.

_AT = re.compile(r"[@＠]")
_EMAIL_CHAR = re.compile(r"[A-Za-z0-9_.]")
_HANDLE_RUN = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")
# a typed name that is nobody's whole name ends at a space or punctuation ("@张看一下" is one word)
_WORD = re.compile(r"[^\s!-/:-@\[-`{-~\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]+")


@dataclass(frozen=True)
class Person:
    id: int
    handle: str
    name: str


@dataclass(frozen=True)
class Mention:
    """An "@…" in a text: `person` when it names one person, else the `candidates` it could
    mean (none: it names nobody; several: it is ambiguous)."""

    start: int
    end: int
    person: Person | None
    candidates: tuple[Person, ...] = ()


def _name_ends(rest: str, name: str) -> bool:
    # a Latin name must end at a word boundary ("@Emily" is not "@Emilyx"); Chinese has none
    return (
        len(rest) == len(name)
        or not (name[-1].isascii() and name[-1].isalnum())
        or not (rest[len(name)].isascii() and rest[len(name)].isalnum())
    )


def _one(start: int, length: int, found: Sequence[Person]) -> Mention:
    end = start + 1 + length
    if len(found) == 1:
        return Mention(start, end, found[0])
    return Mention(start, end, None, tuple(sorted(found, key=lambda p: p.id)))


def _at(rest: str, start: int, people: Sequence[Person]) -> Mention | None:
    run = _HANDLE_RUN.match(rest)
    handle = run.group(0).rstrip(".-") if run else ""
    exact = [p for p in people if handle and p.handle.lower() == handle.lower()]
    folded = rest.casefold()
    named = [
        p
        for p in people
        if p.name and folded.startswith(p.name.casefold()) and _name_ends(rest, p.name)
    ]
    longest = max((len(p.name) for p in named), default=0)
    if named and (longest > len(handle) or not exact):
        return _one(start, longest, [p for p in named if len(p.name) == longest])
    if exact:
        return _one(start, len(handle), exact)
    word = handle or (m.group(0) if (m := _WORD.match(rest)) else "")
    if not word:
        return None  # a lone "@" names nobody and is not marked
    key = word.casefold()
    return _one(
        start,
        len(word),
        [
            p
            for p in people
            if p.handle.lower().startswith(key) or p.name.casefold().startswith(key)
        ],
    )


def find_mentions(body: str, people: Sequence[Person]) -> list[Mention]:
    """Every "@…" of `body` (not an e-mail address), resolved against `people`: the longest
    display name or exact handle it starts with, else the one person whose handle or name
    starts with the word typed."""
    found: list[Mention] = []
    pos = 0
    while match := _AT.search(body, pos):
        start = match.start()
        pos = start + 1
        if start > 0 and _EMAIL_CHAR.match(body[start - 1]):
            continue
        mention = _at(body[start + 1 :], start, people)
        if mention is not None:
            found.append(mention)
            pos = mention.end
    return found


def stored_body(body: str, mentions: Sequence[Mention]) -> str:
    """`body` with each mention of one person written as "@handle" (what is stored); one
    typed as the handle already stays as typed."""
    out, last = [], 0
    for m in mentions:
        if m.person is not None and body[m.start + 1 : m.end].lower() != m.person.handle.lower():
            out += [body[last : m.start], "@", m.person.handle]
            last = m.end
    return "".join(out) + body[last:]


def shown_body(body: str, names: Mapping[str, str]) -> str:
    """A stored body as people read it: "@handle" of a mentioned person (`names`: handle →
    display name) becomes "@" + their current display name; anything else stays as written."""
    by_handle = {h.lower(): n for h, n in names.items()}

    def shown(match: re.Match[str]) -> str:
        handle = match.group(1).rstrip(".-")
        name = by_handle.get(handle.lower())
        if name is None:
            return match.group(0)
        return "@" + name + match.group(1)[len(handle) :]

    return _MENTION.sub(shown, body)
