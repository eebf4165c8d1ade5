"""The key result form sends the version it was opened with (issue 19): someone else's edit
meanwhile is not overwritten — the form says so, what was typed stays — while a check-in
meanwhile is no edit and the save goes through without undoing it."""

from typing import Any

from tests.e2e.helpers import ADMIN, Api, make_objective, sign_in

EDIT = """mutation($id: ID!, $i: UpdateKeyResultInput!) { updateKeyResult(id: $id, input: $i) {
  id } }"""
CHECK_IN = """mutation($i: CheckInInput!) { checkIn(input: $i) { id } }"""
READ = "query($id: ID!) { keyResult(id: $id) { title currentValue version } }"


def open_kr_form(page: Any, oid: str, kr: str) -> str:
    page.goto(f"/objective/{oid}/edit")
    page.click(f".kr-edit-item[data-kr-id='{kr}'] .card-actions button >> nth=0")
    title = f"#kr-{kr}-title"
    page.wait_for_selector(title)
    return title


def test_the_kr_form_keeps_someone_elses_edit_and_a_check_in(
    new_page: Any, live_server: str
) -> None:
    api = Api(live_server, ADMIN)
    kr_spec = {"title": "Pilots signed", "kind": "INCREASE", "startValue": 0, "targetValue": 10}
    oid, (kr,) = make_objective(api, "E2E: nothing lost", [kr_spec])
    page = new_page()
    page.goto("/")
    sign_in(page)
    page.wait_for_selector(".node")

    title = open_kr_form(page, oid, kr)
    page.fill(title, "Pilots signed — mine")
    api(EDIT, {"id": kr, "i": {"title": "Pilots signed — theirs"}})  # while the form is open
    page.click(f"{title} >> xpath=ancestor::form//button[@type='submit']")
    error = page.locator(f"#kr-{kr}-error")
    error.wait_for()
    said = error.inner_text()  # in the demo admin's language
    assert "Someone else changed this" in said or "其他人刚刚修改了此内容" in said
    assert page.locator(title).input_value() == "Pilots signed — mine"  # kept to try again
    assert api(READ, {"id": kr})["keyResult"]["title"] == "Pilots signed — theirs"

    title = open_kr_form(page, oid, kr)  # opened again: the version as it is now
    page.fill(title, "Pilots signed — mine")
    api(CHECK_IN, {"i": {"keyResultId": kr, "value": 7}})  # a check-in is no edit
    page.click(f"{title} >> xpath=ancestor::form//button[@type='submit']")
    page.wait_for_selector(f".kr-edit-item[data-kr-id='{kr}'] .kr-title")
    after = api(READ, {"id": kr})["keyResult"]
    assert (after["title"], after["currentValue"]) == ("Pilots signed — mine", 7)


def test_a_comment_posted_again_after_a_lost_answer_is_written_once(
    new_page: Any, live_server: str
) -> None:
    api = Api(live_server, ADMIN)
    oid, _ = make_objective(api, "E2E: written once", [])
    page = new_page()
    page.goto("/")
    sign_in(page)
    page.wait_for_selector(".node")
    page.goto(f"/objective/{oid}")
    thread = page.locator(f".thread[data-target='{oid}']")
    thread.locator("textarea").fill("Sent from a train")
    lost: list[str] = []

    def lose_the_answer(route: Any) -> None:
        # the server writes the comment; its answer never reaches the page (a dropped connection)
        if "AddComment" in (route.request.post_data or "") and not lost:
            lost.append(route.fetch().text())
            route.abort()
        else:
            route.continue_()

    page.route("**/graphql", lose_the_answer)
    thread.locator(".comment-form button[type=submit]").click()
    thread.locator(".field-error").wait_for()  # the page saw a network error
    assert lost and "Sent from a train" in lost[0]
    thread.locator(".comment-form button[type=submit]").click()  # try again
    thread.locator(".comment", has_text="Sent from a train").wait_for()
    listed = api("query($t: ID!) { comments(targetId: $t) { body } }", {"t": oid})["comments"]
    assert [c["body"] for c in listed] == ["Sent from a train"]
    assert thread.locator(".comment", has_text="Sent from a train").count() == 1
