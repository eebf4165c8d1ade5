"""@mentions in comment bodies: which handles a text names.

A handle follows `accounts.HANDLE` (ASCII letters, digits, `_ . -`, 2–32 characters, not
starting with `.`/`-` and not ending with them). Chinese text is written without spaces, so
any character outside the handle alphabet ends a handle ("请@zhangsan看一下", "@lisi，你好").
An `@` glued to a word is part of an e-mail address, not a mention ("bob@example.com").
Which users the handles belong to is decided by the service at write time.
"""

import re

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
