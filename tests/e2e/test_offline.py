"""The app opens on a phone with no network: the service worker serves the app shell, and the
board and My OKRs show what the device last saw, marked as offline. Installable (manifest)."""

from typing import Any

from .helpers import COMPANY_ROW, open_board

OFFLINE_BANNER = ".offline-banner"


def test_the_app_opens_offline_with_the_last_board_and_my_okrs(new_page: Any) -> None:
    page = new_page(width=390, height=844, mobile=True)
    open_board(page)
    rows_online = page.locator(COMPANY_ROW).count()
    assert rows_online > 0
    # the worker took over this page: the shell is cached
    page.wait_for_function("navigator.serviceWorker && navigator.serviceWorker.controller !== null")
    page.goto("/me")
    page.wait_for_selector(".me-kr, .me-objective, main#main h1")
    mine_online = page.locator("main#main").inner_text()
    assert page.locator(OFFLINE_BANNER).count() == 0

    page.context.set_offline(True)
    try:
        page.goto("/")
        page.wait_for_selector(COMPANY_ROW)
        assert page.locator(COMPANY_ROW).count() == rows_online
        banner = page.locator(OFFLINE_BANNER)
        assert any(word in banner.inner_text() for word in ("Offline", "离线"))
        page.goto("/me")
        page.wait_for_selector(OFFLINE_BANNER)
        page.wait_for_function(
            "t => document.querySelector('main#main').innerText.includes(t)",
            arg=mine_online.splitlines()[0],
        )
    finally:
        page.context.set_offline(False)
    # back online, the next answer replaces the kept one and the mark goes
    page.goto("/")
    page.wait_for_selector(COMPANY_ROW)
    page.locator(OFFLINE_BANNER).wait_for(state="detached")


def test_installable_manifest_and_icons(new_page: Any) -> None:
    page = new_page()
    page.goto("/")
    href = page.get_attribute("link[rel=manifest]", "href")
    assert href == "/manifest.webmanifest"
    manifest = page.evaluate("fetch('/manifest.webmanifest').then(r => r.json())")
    assert manifest["display"] == "standalone" and manifest["start_url"] == "/"
    for icon in manifest["icons"]:
        kind = page.evaluate(
            "src => fetch(src).then(r => r.headers.get('content-type'))", icon["src"]
        )
        assert kind == "image/png"
