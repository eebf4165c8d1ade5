"""`lodestar create-org`: a new organization and its first admin in one transaction."""

import pytest

from backend.actions.people import UserInput, create_organization
from backend.domain.enums import Role
from backend.domain.errors import Conflict, InvalidInput
from backend.models import ActivityEvent, Organization, User

ADMIN = UserInput(
    email="Boss@Other.example", display_name="Boss", handle="boss", password="other-secret-1"
)


async def test_an_organization_comes_with_its_admin(db: str) -> None:
    org, admin = await create_organization("Other Corp", "other", ADMIN)
    await org.refresh_from_db()
    assert (org.name, org.slug, org.last_seq) == ("Other Corp", "other", 1)
    assert (admin.organization_id, admin.email, admin.role) == (
        org.id,
        "boss@other.example",
        Role.ADMIN,
    )
    (event,) = await ActivityEvent.filter(organization_id=org.id)
    assert (event.seq, event.kind, event.payload["userId"]) == (1, "user.created", admin.id)


@pytest.mark.parametrize(
    ("name", "slug", "admin", "field"),
    [
        ("Other Corp", "other", UserInput(**{**ADMIN.__dict__, "email": "not-an-email"}), "email"),
        ("Other Corp", "other", UserInput(**{**ADMIN.__dict__, "password": "short"}), "password"),
        ("Other Corp", "Not A Slug!", ADMIN, "slug"),
        ("   ", "other", ADMIN, "name"),
    ],
)
async def test_bad_input_leaves_nothing_behind(
    db: str, name: str, slug: str, admin: UserInput, field: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        await create_organization(name, slug, admin)
    assert refused.value.field == field
    assert not await Organization.exists() and not await User.exists()


async def test_a_taken_slug_or_email_is_a_conflict(db: str) -> None:
    await create_organization("Other Corp", "other", ADMIN)
    with pytest.raises(Conflict) as taken:
        await create_organization(
            "Again",
            "other",
            UserInput(**{**ADMIN.__dict__, "email": "b@x.example", "handle": "b2"}),
        )
    assert taken.value.field == "slug"
    with pytest.raises(Conflict) as taken:
        await create_organization("Third", "third", ADMIN)
    assert taken.value.field == "email"
    assert await Organization.all().count() == 1
