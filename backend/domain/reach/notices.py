"""Every message the jobs send, built from plain facts for one reader: in their language, with
links under `base` (empty for the inbox's relative links, the public URL for e-mail and chats).
The web app's addresses: `/me` is My OKRs with the phone check-in, `/objective/<id>` an
objective (frontend/src/pages/routes.js)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from ..enums import StatusReason, TrackStatus
from .notice import Item, Notice, Section
from .texts import progress_words, reasons_words, status_word, text


class About(StrEnum):
    """What a WARNING or REMINDER notification is about (Notification.notice.about)."""

    STATUS_WORSENED = "STATUS_WORSENED"
    CHECK_IN_DUE = "CHECK_IN_DUE"
    MILESTONE_DUE = "MILESTONE_DUE"
    DRAFTS_UNPUBLISHED = "DRAFTS_UNPUBLISHED"
    SCORES_MISSING = "SCORES_MISSING"
    WEBHOOK_PAUSED = "WEBHOOK_PAUSED"


MY_OKRS = "/me"
ROBOTS = "/settings/webhooks"  # the robots screen: a paused one is resumed there


def objective_path(objective_id: int) -> str:
    return f"/objective/obj_{objective_id}"


@dataclass(frozen=True, slots=True)
class Change:
    """An item (objective or key result) whose status got worse."""

    objective_id: int
    title: str
    is_objective: bool
    before: TrackStatus
    after: TrackStatus
    reasons: tuple[StatusReason, ...]
    progress: float
    expected: float | None = None


def warning(
    locale: str,
    base: str,
    objective_id: int,
    objective_title: str,
    status: TrackStatus,
    changes: Sequence[Change],
) -> Notice:
    link = base + objective_path(objective_id)
    items = []
    for c in changes:
        kind = text("kind.objective" if c.is_objective else "kind.key_result", locale)
        # an objective has no reasons of its own: its key results carry them
        detail = text(
            "warning.item" if c.reasons else "warning.moved",
            locale,
            before=status_word(c.before, locale),
            after=status_word(c.after, locale),
            reasons=reasons_words(c.reasons, locale),
        )
        if c.expected is not None:
            detail += " · " + progress_words(c.progress, c.expected, locale)
        items.append(Item(f"{kind}: {c.title}", detail, link))
    return Notice(
        locale=locale,
        subject=text(
            "warning.subject", locale, title=objective_title, status=status_word(status, locale)
        ),
        intro=text("warning.intro", locale, title=objective_title),
        action=text("warning.action", locale),
        link=link,
        sections=(Section("", tuple(items)),),
        tone="warning",
    )


@dataclass(frozen=True, slots=True)
class Line:
    """A key result (or objective) in a list: its title, where it is, a word about it."""

    objective_id: int
    title: str
    detail: str = ""


def _items(lines: Sequence[Line], base: str) -> tuple[Item, ...]:
    return tuple(
        Item(line.title, line.detail, base + objective_path(line.objective_id)) for line in lines
    )


def _listing(
    locale: str, base: str, lines: Sequence[Line], texts: str, tone: str = "info", **params: object
) -> Notice:
    """A reminder: `{texts}.subject`, `.intro` and `.action` over a list of items, leading to
    My OKRs."""
    return Notice(
        locale=locale,
        subject=text(f"{texts}.subject", locale, **params),
        intro=text(f"{texts}.intro", locale, **params),
        action=text(f"{texts}.action", locale),
        link=base + MY_OKRS,
        sections=(Section("", _items(lines, base)),),
        tone=tone,
    )


def check_in_due(locale: str, base: str, lines: Sequence[Line]) -> Notice:
    return _listing(locale, base, lines, "check_in", count=len(lines))


def nudge(locale: str, base: str, team: str, lines: Sequence[Line]) -> Notice:
    """The team chat's weekly nudge: `lines` carry the owner and the progress as detail."""
    return _listing(locale, base, lines, "nudge", count=len(lines), team=team)


def milestone_due(locale: str, base: str, line: Line, due: date) -> Notice:
    day = due.isoformat()
    return _listing(locale, base, [line], "milestone", "warning", title=line.title, due=day)


def drafts_unpublished(locale: str, base: str, lines: Sequence[Line], cycle: str) -> Notice:
    return _listing(locale, base, lines, "drafts", "warning", cycle=cycle)


def scores_missing(locale: str, base: str, lines: Sequence[Line], cycle: str) -> Notice:
    return _listing(locale, base, lines, "scores", cycle=cycle)


def connected(locale: str, base: str, team: str) -> Notice:
    return Notice(
        locale=locale,
        subject=text("test.subject", locale),
        intro=text("test.intro", locale, team=team),
        action=text("test.action", locale),
        link=base + "/",
    )


def paused(locale: str, base: str, kind: str, team: str, count: int, error: str) -> Notice:
    return Notice(
        locale=locale,
        subject=text("paused.subject", locale, kind=text(f"platform.{kind}", locale), team=team),
        intro=text("paused.intro", locale, count=count, error=error or "—"),
        action=text("paused.action", locale),
        link=base + ROBOTS,
        tone="warning",
    )


def account_link(locale: str, kind: str, link: str, org: str, inviter: str, expires: str) -> Notice:
    """An invitation ("invite"), a join request's confirmation ("join") or a password reset
    ("reset"): one link that works once, until `expires` (already in the reader's words)."""
    action = "reset.action" if kind == "reset" else "invite.action"
    return Notice(
        locale=locale,
        subject=text(f"{kind}.subject", locale, org=org, inviter=inviter),
        intro=text(f"{kind}.intro", locale, org=org, expires=expires),
        action=text(action, locale),
        link=link,
    )


@dataclass(frozen=True, slots=True)
class MyKeyResult:
    objective_id: int
    title: str
    status: TrackStatus
    progress: float
    expected: float
    moved: float  # progress gained (or lost) this week


@dataclass(frozen=True, slots=True)
class Digest:
    name: str
    mine: tuple[MyKeyResult, ...]
    check_ins: int  # on objectives the reader owns, this week, by anyone
    needs: tuple[Line, ...]  # what waits for the reader (detail says why)
    unread: int


def _signed(delta: float) -> str:
    points = round(delta * 100)
    return f"+{points}%" if points > 0 else f"{points}%"


def digest(locale: str, base: str, facts: Digest) -> Notice:
    mine = tuple(
        Item(
            kr.title,
            text(
                "digest.kr",
                locale,
                status=status_word(kr.status, locale),
                progress=progress_words(kr.progress, kr.expected, locale),
            ),
            base + objective_path(kr.objective_id),
        )
        for kr in facts.mine
    )
    changed = [
        Item(
            kr.title,
            text("digest.moved", locale, delta=_signed(kr.moved)),
            base + objective_path(kr.objective_id),
        )
        for kr in facts.mine
        if round(kr.moved * 100)
    ]
    if facts.check_ins:
        changed.append(Item(text("digest.check_ins", locale, count=facts.check_ins)))
    needs = list(_items(facts.needs, base))
    if facts.unread:
        needs.append(Item(text("digest.unread", locale, count=facts.unread), "", base + "/"))
    if not needs:
        needs.append(Item(text("digest.quiet", locale)))
    sections = [Section(text("digest.mine", locale), mine)] if mine else []
    if changed:
        sections.append(Section(text("digest.changed", locale), tuple(changed)))
    sections.append(Section(text("digest.needs", locale), tuple(needs)))
    return Notice(
        locale=locale,
        subject=text("digest.subject", locale),
        intro=text("digest.intro", locale, name=facts.name),
        action=text("digest.action", locale),
        link=base + MY_OKRS,
        sections=tuple(sections),
    )
