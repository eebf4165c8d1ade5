"""Single sign-on rules as tables: settings, the verified e-mail, whom it signs in."""

import pytest

from backend.domain.errors import InvalidInput, Unauthenticated
from backend.domain.sso import (
    Known,
    Outcome,
    SsoSettings,
    check_settings,
    clean_discovery_url,
    clean_domain,
    decide,
    handle_base,
    verified_email,
)


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://idp.example.com/.well-known/openid-configuration", True),
        ("http://127.0.0.1:9000/.well-known/openid-configuration", True),
        ("http://localhost/.well-known/openid-configuration", True),
        ("http://idp.example.com/.well-known/openid-configuration", False),
        ("ftp://idp.example.com/", False),
        ("https://", False),
        ("", True),  # cleared
    ],
)
def test_discovery_url(url: str, ok: bool) -> None:
    if ok:
        assert clean_discovery_url(f"  {url} ") == url
    else:
        with pytest.raises(InvalidInput) as refused:
            clean_discovery_url(url)
        assert refused.value.field == "discoveryUrl"


@pytest.mark.parametrize(
    ("value", "clean"),
    [("Acme.test", "acme.test"), ("@corp.example.cn", "corp.example.cn"), ("", ""), (" ", "")],
)
def test_domain(value: str, clean: str) -> None:
    assert clean_domain(value) == clean


@pytest.mark.parametrize("value", ["acme", "a b.test", "@@acme.test", "acme..test", "-acme.test"])
def test_not_a_domain(value: str) -> None:
    with pytest.raises(InvalidInput):
        clean_domain(value)


def _s(**changes: object) -> SsoSettings:
    base = dict(
        enabled=True,
        discovery_url="https://idp/.well-known/openid-configuration",
        client_id="c",
        has_secret=True,
        jit_domain="",
        password_sign_in=True,
    )
    return SsoSettings(**{**base, **changes})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("settings", "field"),
    [
        (_s(), None),
        (_s(enabled=False, client_id=""), None),  # incomplete is fine while off
        (_s(has_secret=False), "enabled"),
        (_s(discovery_url=""), "enabled"),
        (_s(password_sign_in=False), None),
        (_s(enabled=False, password_sign_in=False), "passwordSignIn"),
    ],
)
def test_settings(settings: SsoSettings, field: str | None) -> None:
    if field is None:
        check_settings(settings)
    else:
        with pytest.raises(InvalidInput) as refused:
            check_settings(settings)
        assert refused.value.field == field


@pytest.mark.parametrize(
    ("claims", "result"),
    [
        ({"email": "Ann@X.test", "email_verified": True}, "ann@x.test"),
        ({"email": "ann@x.test", "email_verified": "true"}, "ann@x.test"),
        ({"email": "ann@x.test", "email_verified": False}, "sso.email_unverified"),
        ({"email": "ann@x.test", "email_verified": "false"}, "sso.email_unverified"),
        ({"email": "ann@x.test"}, "sso.email_unverified"),
        ({"email_verified": True}, "sso.email_missing"),
        ({"email": 7, "email_verified": True}, "sso.email_missing"),
    ],
)
def test_verified_email(claims: dict[str, object], result: str) -> None:
    if "@" in result:
        assert verified_email(claims) == result
    else:
        with pytest.raises(Unauthenticated) as refused:
            verified_email(claims)
        assert refused.value.key == result


ORG = 1


@pytest.mark.parametrize(
    ("email", "known", "jit", "result"),
    [
        ("ann@x.test", Known(5, ORG, True), "", Outcome.SIGN_IN),
        ("ann@x.test", Known(5, ORG, True), "x.test", Outcome.SIGN_IN),
        ("ann@x.test", Known(5, ORG, False), "x.test", "sso.inactive"),
        ("ann@x.test", Known(5, 2, True), "x.test", "sso.other_org"),
        ("new@x.test", None, "x.test", Outcome.CREATE),
        ("new@x.test", None, "", "sso.no_account"),
        ("new@y.test", None, "x.test", "sso.wrong_domain"),
        ("new@sub.x.test", None, "x.test", "sso.wrong_domain"),
    ],
)
def test_decide(email: str, known: Known | None, jit: str, result: str) -> None:
    if isinstance(result, Outcome):
        assert decide(ORG, email, known, jit) == result
    else:
        with pytest.raises(Unauthenticated) as refused:
            decide(ORG, email, known, jit)
        assert refused.value.key == result


@pytest.mark.parametrize(
    ("email", "handle"),
    [
        ("zhang.san@x.test", "zhang.san"),
        ("A@x.test", "usera"),
        ("张三@x.test", "user"),
        (".-mia-.@x.test", "mia"),
        ("a" * 40 + "@x.test", "a" * 24),
    ],
)
def test_handle_base(email: str, handle: str) -> None:
    assert handle_base(email) == handle
