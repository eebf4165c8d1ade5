"""The password policy: length, not blank, not among the most common (the bundled list)."""

import pytest

from backend.domain.errors import InvalidInput
from backend.domain.passwords import MAX_PASSWORD, check_password, common_passwords


@pytest.mark.parametrize(
    ("password", "key"),
    [
        ("correct horse", None),
        ("lodestar", None),  # the demo's: long enough and not common
        ("星图科技的口令很长", None),
        ("short", "input.too_short"),
        ("x" * (MAX_PASSWORD + 1), "input.too_long"),
        ("        ", "password.blank"),
        (" \t\n\u3000    ", "password.blank"),  # an ideographic space is blank too
        ("password", "password.common"),
        ("PassWord", "password.common"),  # whatever the case
        ("12345678", "password.common"),
        ("qwertyuiop", "password.common"),
        ("iloveyou", "password.common"),
    ],
)
def test_policy(password: str, key: str | None) -> None:
    if key is None:
        check_password(password)
        return
    with pytest.raises(InvalidInput) as refused:
        check_password(password, "newPassword")
    assert (refused.value.key, refused.value.field) == (key, "newPassword")


def test_the_bundled_list_is_a_few_thousand_lower_case_entries_of_eight_or_more() -> None:
    words = common_passwords()
    assert 3000 <= len(words) <= 10000
    assert all(len(w) >= 8 and w == w.lower() for w in words)
