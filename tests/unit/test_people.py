import pytest

from backend.domain.people import (
    RANK_HANDLE,
    RANK_INITIALS,
    RANK_NAME,
    RANK_PINYIN,
    RANK_SUBSTRING,
    SEARCH_TEXT_MAX,
    matches,
    normalize_query,
    rank,
    search_text,
)

ZHANG = ("张三", "z3")  # a handle that does not give the pinyin away
EMILY = ("Emily Chen", "emily")
ADMIN = ("管理员 Admin", "admin")
LV = ("吕小明", "xiaoming")


@pytest.mark.parametrize(
    ("name", "handle", "expected"),
    [
        ("张三", "zhangsan", "zhangsan 张三 zs"),
        ("张三", "z3", "z3 张三 zhangsan zs"),
        ("Emily Chen", "emily", "emily emily chen"),
        ("管理员 Admin", "admin", "admin 管理员 admin guanliyuan gly"),
        ("吕小明", "xiaoming", "xiaoming 吕小明 lvxiaoming lxm"),
        ("  Bob  ", " Bob ", "bob"),
    ],
)
def test_search_text(name: str, handle: str, expected: str) -> None:
    assert search_text(name, handle) == expected


def test_search_text_is_capped() -> None:
    assert len(search_text("张" * 300, "long")) == SEARCH_TEXT_MAX


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("@zs", "zs"),
        ("  @Emily ", "emily"),
        ("＠张", "张"),
        ("@@lisi", "lisi"),
        ("@ zs", "zs"),
        ("张", "张"),
        ("@", ""),
        ("ZHANG", "zhang"),
    ],
)
def test_normalize_query(query: str, expected: str) -> None:
    assert normalize_query(query) == expected


@pytest.mark.parametrize(
    ("query", "person", "expected"),
    [
        # 张三 with a neutral handle: every way of typing the name finds them
        ("z3", ZHANG, RANK_HANDLE),
        ("zs", ZHANG, RANK_INITIALS),
        ("@zs", ZHANG, RANK_INITIALS),
        ("＠张三", ZHANG, RANK_NAME),
        ("z", ZHANG, RANK_HANDLE),
        ("zhang", ZHANG, RANK_PINYIN),
        ("zhangsan", ZHANG, RANK_PINYIN),
        ("ZhangSan", ZHANG, RANK_PINYIN),
        ("张", ZHANG, RANK_NAME),
        ("张三", ZHANG, RANK_NAME),
        ("三", ZHANG, RANK_SUBSTRING),
        ("san", ZHANG, RANK_SUBSTRING),
        # English names: handle, first and last name, any part of the name
        ("emi", EMILY, RANK_HANDLE),
        ("@Emily", EMILY, RANK_HANDLE),
        ("＠emily", EMILY, RANK_HANDLE),
        ("chen", EMILY, RANK_NAME),
        ("emily c", EMILY, RANK_NAME),
        ("ily", EMILY, RANK_SUBSTRING),
        # mixed-script names; ü is typed as v
        ("gly", ADMIN, RANK_INITIALS),
        ("guanli", ADMIN, RANK_PINYIN),
        ("管理", ADMIN, RANK_NAME),
        ("lv", LV, RANK_PINYIN),
        ("lxm", LV, RANK_INITIALS),
        ("", ZHANG, RANK_HANDLE),
        ("@", EMILY, RANK_HANDLE),
    ],
)
def test_rank_finds(query: str, person: tuple[str, str], expected: int) -> None:
    name, handle = person
    assert rank(query, name, handle) == expected
    assert matches(query, search_text(name, handle))


@pytest.mark.parametrize(
    ("query", "person"),
    [
        ("li", ZHANG),
        ("zx", ZHANG),
        ("李", ZHANG),
        ("zhangsi", ZHANG),
        ("bob", EMILY),
        ("cheng", EMILY),
        ("emily@", EMILY),
        ("admins", ADMIN),
        ("lu", LV),
    ],
)
def test_no_false_match(query: str, person: tuple[str, str]) -> None:
    name, handle = person
    assert rank(query, name, handle) is None
    assert not matches(query, search_text(name, handle))


def test_rank_orders_candidates() -> None:
    people = [("Zoe Shaw", "zoe"), ("张三", "z3"), ("赵四", "zs_zhao"), ("Sun Zhang", "sun")]
    found = sorted(
        (r, handle) for name, handle in people if (r := rank("zs", name, handle)) is not None
    )
    assert [h for _, h in found] == ["zs_zhao", "z3"]
