"""The live board across two browsers: a check-in in one moves the other's bar without a reload,
presence counts both, and a board that lost its socket catches up after reconnecting."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.e2e

ADMIN = ("admin@example.com", "lodestar")
ZHANGSAN = ("zhangsan@example.com", "lodestar")  # DESIGN.md §5: every demo person's password
ROW = ".node[data-id='{}'] > .row"

GQL = """async ([query, variables]) => {
  const res = await fetch('/graphql', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return res.json();
}"""

Q_TARGETS = """query($c: ID!) { objectives(cycleId: $c) {
  id state keyResults { id kind progressSource weight startValue targetValue currentValue }
} }"""
M_CHECK_IN = """mutation($i: CheckInInput!) { checkIn(input: $i) { id progress } }"""


# Session cookies per person, kept across the tests of this module: signing in hashes a password,
# the slowest step of opening a board. A test that signs someone out drops theirs.
_sessions: dict[str, list[Any]] = {}


def open_board(page: Any, who: tuple[str, str], lang: str | None = None) -> None:
    if lang:  # a language chosen on this device wins over the person's server-side locale
        page.add_init_script(f"localStorage.setItem('lodestar.lang', '{lang}')")
    cookies = _sessions.get(who[0])
    if cookies:
        page.context.add_cookies(cookies)
    page.goto("/")
    if not cookies:
        page.fill("#signin-email", who[0])
        page.fill("#signin-password", who[1])
        page.click("form.signin-card button[type=submit]")
    page.wait_for_selector(".node[data-level='COMPANY']")
    page.wait_for_selector(".live-status[data-state='live']")
    _sessions[who[0]] = page.context.cookies()


def sign_out(page: Any, who: tuple[str, str]) -> None:
    _sessions.pop(who[0], None)
    page.click(".sign-out")
    page.locator(".signin-title").wait_for()


def gql(page: Any, query: str, variables: dict[str, Any]) -> dict[str, Any]:
    body = page.evaluate(GQL, [query, variables])
    assert not body.get("errors"), body
    return dict(body["data"])


def pick_key_result(writer: Any, watcher: Any) -> tuple[str, dict[str, Any]]:
    """An objective the watcher sees as a row, and its heaviest manual numeric key result."""
    cycle = watcher.locator("#cycle-select").input_value()
    shown = set(watcher.eval_on_selector_all(".node", "els => els.map((e) => e.dataset.id)"))
    best: tuple[str, dict[str, Any]] | None = None
    for o in gql(writer, Q_TARGETS, {"c": cycle})["objectives"]:
        if o["id"] not in shown or o["state"] != "PUBLISHED":
            continue
        for kr in o["keyResults"]:
            if (
                kr["kind"] in ("INCREASE", "COUNT")
                and kr["progressSource"] == "MANUAL"
                and kr["targetValue"] != kr["startValue"]
                and (best is None or kr["weight"] > best[1]["weight"])
            ):
                best = (o["id"], kr)
    assert best is not None, "the demo has no manual key result on a shown row"
    return best


def check_in(writer: Any, kr: dict[str, Any], value: float) -> None:
    gql(writer, M_CHECK_IN, {"i": {"keyResultId": kr["id"], "value": value}})
    kr["currentValue"] = value


def another_value(kr: dict[str, Any]) -> float:
    """A value far from the current one, so the objective's percentage surely moves."""
    current = kr["currentValue"] if kr["currentValue"] is not None else kr["startValue"]
    start, target = kr["startValue"], kr["targetValue"]
    return float(start if abs(current - target) < abs(current - start) else target)


def pct(page: Any, objective_id: str) -> str:
    return str(page.locator(ROW.format(objective_id) + " .progress-value").inner_text())


def wait_pct(
    page: Any, objective_id: str, *, equals: str | None = None, differs: str | None = None
) -> None:
    page.wait_for_function(
        """([sel, equals, differs]) => {
          const t = document.querySelector(sel + ' .progress-value')?.textContent;
          return equals !== null ? t === equals : t !== differs;
        }""",
        arg=[ROW.format(objective_id), equals, differs],
        timeout=10_000,
    )


def presence_is(page: Any, n: int) -> None:
    page.wait_for_function(
        "(n) => (document.querySelector('.presence-count')?.textContent || '').startsWith(n + ' ')",
        arg=n,
    )


def test_a_check_in_moves_the_other_board_and_presence_counts_both(new_page: Any) -> None:
    watcher = new_page()  # B: 张三, whose server-side language is Chinese
    open_board(watcher, ZHANGSAN)
    presence_is(watcher, 1)
    assert watcher.locator(".presence-count").inner_text() == "1 人在看"

    writer = new_page()  # A: the admin, in English on this device
    open_board(writer, ADMIN, lang="en")
    presence_is(watcher, 2)  # B sees A arrive, without a reload
    presence_is(writer, 2)
    assert writer.locator(".presence-count").inner_text() == "2 watching"
    assert writer.locator(".live-word").inner_text() == "Live"
    assert watcher.locator(".live-word").inner_text() == "实时"
    watcher.hover(".presence-button")  # the names, on hover
    names = watcher.locator(".presence-list")
    names.wait_for()
    assert "张三" in names.inner_text() and "管理员 Admin" in names.inner_text()

    objective_id, kr = pick_key_result(writer, watcher)
    row = watcher.locator(ROW.format(objective_id))
    bar = row.locator("[role='progressbar']")
    before, before_now = pct(watcher, objective_id), bar.get_attribute("aria-valuenow")
    width_before = row.locator(".bar-fill").evaluate("(e) => e.style.width")
    watcher.evaluate("window.__notReloaded = true")

    check_in(writer, kr, another_value(kr))

    # B's percentage, bar and its width move without a reload; the row is highlighted briefly
    # (the highlight comes with the new numbers and fades after 1.5 s: check both at once).
    watcher.wait_for_function(
        """([sel, before]) => {
          const row = document.querySelector(sel);
          return row.querySelector('.progress-value').textContent !== before
            && /\\bflash-[01]\\b/.test(row.className);
        }""",
        arg=[ROW.format(objective_id), before],
        timeout=10_000,
    )
    assert bar.get_attribute("aria-valuenow") != before_now
    assert row.locator(".bar-fill").evaluate("(e) => e.style.width") != width_before
    assert watcher.evaluate("window.__notReloaded") is True
    # A's own board follows the same event.
    wait_pct(writer, objective_id, equals=pct(watcher, objective_id))

    # Signing out closes B's socket: A is alone again.
    sign_out(watcher, ZHANGSAN)
    presence_is(writer, 1)


def board_subscriptions(page: Any) -> tuple[list[dict[str, Any]], list[str]]:
    """The variables of every boardEvents subscription the page sends, and its board queries."""
    sent: list[dict[str, Any]] = []
    queries: list[str] = []

    def on_frame(payload: Any) -> None:
        message = json.loads(payload)
        if message.get("type") == "subscribe" and "boardEvents" in message["payload"]["query"]:
            sent.append(message["payload"]["variables"])

    page.on("websocket", lambda ws: ws.on("framesent", on_frame))
    page.on(
        "request",
        lambda r: (
            queries.append(r.url)
            if r.method == "POST" and "boardSeq(" in (r.post_data or "")
            else None
        ),
    )
    return sent, queries


def test_a_crowd_is_counted_and_named_up_to_fifty(new_page: Any) -> None:
    """A company's board names up to 50 watchers (PresenceUpdate.watchers) and counts the
    rest: here the socket's presence updates are given 60 more watchers than they name."""
    page = new_page()

    def crowd(message: str | bytes) -> str | bytes:
        frame = json.loads(message)
        presence = (frame.get("payload") or {}).get("data", {}).get("presence")
        if frame.get("type") != "next" or presence is None:
            return message
        presence["count"] += 60
        return json.dumps(frame)

    def route(ws: Any) -> None:
        server = ws.connect_to_server()
        server.on_message(lambda message: ws.send(crowd(message)))

    page.route_web_socket("**/graphql", route)
    open_board(page, ADMIN, lang="en")
    presence_is(page, 61)
    page.hover(".presence-button")
    names = page.locator(".presence-list")
    names.wait_for()
    assert page.locator(".presence-more").inner_text() == "and 60 more"
    assert names.locator("li").count() == 2  # the admin, and the 60 unnamed
    assert "and 60 more" in page.locator(".presence-button .sr-only").inner_text()


def test_a_dropped_board_catches_up_after_reconnecting(
    new_page: Any, screenshot_dir: Path | None
) -> None:
    watcher = new_page()  # B
    subscriptions, board_queries = board_subscriptions(watcher)
    open_board(watcher, ZHANGSAN)
    writer = new_page()  # A
    open_board(writer, ADMIN, lang="en")
    objective_id, kr = pick_key_result(writer, watcher)
    cycle = watcher.locator("#cycle-select").input_value()
    before = pct(watcher, objective_id)
    watcher.evaluate("window.__notReloaded = true")
    assert len(subscriptions) == 1 and isinstance(subscriptions[0]["s"], int)

    # B loses the network: the board says so at once.
    watcher.context.set_offline(True)
    status = watcher.locator(".live-status")
    word = watcher.locator(".live-word")
    watcher.wait_for_selector(".live-status[data-state='reconnecting']", timeout=5000)
    assert word.inner_text() == "正在重新连接…"

    # A checks in meanwhile; B cannot know yet.
    check_in(writer, kr, another_value(kr))
    seq_after = gql(writer, "query($c: ID!) { boardSeq(cycleId: $c) }", {"c": cycle})["boardSeq"]
    wait_pct(writer, objective_id, differs=before)
    after = pct(writer, objective_id)
    watcher.wait_for_timeout(300)
    assert pct(watcher, objective_id) == before
    assert status.get_attribute("data-state") == "reconnecting"
    if screenshot_dir is not None:
        watcher.locator(".toolbar").screenshot(path=str(screenshot_dir / "board-reconnecting.png"))

    # Back online: B resubscribes with since, gets what it missed, and says it caught up.
    watcher.context.set_offline(False)
    wait_pct(watcher, objective_id, equals=after)
    watcher.wait_for_selector(".live-status[data-state='caughtUp']", timeout=5000)
    assert word.inner_text() == "已同步"
    assert watcher.evaluate("window.__notReloaded") is True
    # It resubscribed once, since the last seq it had applied, which is older than the check-in:
    # the missed event came by replay, not by a refetch.
    assert len(subscriptions) == 2, subscriptions
    assert subscriptions[0]["s"] <= subscriptions[1]["s"] < seq_after
    assert len(board_queries) == 1, board_queries

    # …and keeps following: the next check-in arrives live, once.
    check_in(writer, kr, another_value(kr))
    wait_pct(writer, objective_id, differs=after)
    wait_pct(watcher, objective_id, equals=pct(writer, objective_id))
    assert watcher.evaluate("window.__notReloaded") is True
