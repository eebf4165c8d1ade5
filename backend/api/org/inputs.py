"""What the organization mutations take, converted to the actions' inputs."""

import strawberry
from strawberry import UNSET

from ...actions import people
from ..enums import Role
from ..ids import decode


@strawberry.input
class UserInput:
    email: str | None = UNSET
    display_name: str | None = UNSET
    handle: str | None = UNSET
    password: str | None = UNSET
    locale: str | None = UNSET
    role: Role | None = UNSET  # type: ignore[valid-type]
    manager_id: strawberry.ID | None = UNSET
    is_active: bool | None = UNSET


@strawberry.input(
    description="One's own name, handle and language "
    "(e-mail and password: changeEmail, changePassword)."
)
class ProfileInput:
    display_name: str | None = UNSET
    handle: str | None = UNSET
    locale: str | None = UNSET


def user_input(data: UserInput | ProfileInput) -> people.UserInput:
    def given(name: str) -> object:
        value = getattr(data, name, UNSET)
        return None if value is UNSET else value

    manager = given("manager_id")
    return people.UserInput(
        email=given("email"),  # type: ignore[arg-type]
        display_name=given("display_name"),  # type: ignore[arg-type]
        handle=given("handle"),  # type: ignore[arg-type]
        password=given("password"),  # type: ignore[arg-type]
        locale=given("locale"),  # type: ignore[arg-type]
        role=given("role"),  # type: ignore[arg-type]
        manager_id=decode(manager, "User", "managerId") if manager else None,  # type: ignore[arg-type]
        is_active=given("is_active"),  # type: ignore[arg-type]
    )


@strawberry.input
class OrganizationInput:
    name: str | None = None
    behind_gap: float | None = None
    at_risk_gap: float | None = None
    stale_days: int | None = None
    week_start: int | None = None
