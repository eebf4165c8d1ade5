import pytest

from backend.domain.mentions import Person, find_mentions, parse_mentions, shown_body, stored_body


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # plain
        ("@emily please look", ["emily"]),
        ("ping @bob and @carol", ["bob", "carol"]),
        ("no mentions here", []),
        ("", []),
        # CJK text directly around a mention
        ("请@zhangsan看一下", ["zhangsan"]),
        ("@lisi，你好", ["lisi"]),
        ("@lisi你好", ["lisi"]),
        ("辛苦了@wangwu。", ["wangwu"]),
        ("「@zhaoliu」确认一下", ["zhaoliu"]),
        ("（@a_b）和@c-d：请跟进", ["a_b", "c-d"]),
        # the full-width ＠ a Chinese input method types
        ("请＠zhangsan看一下", ["zhangsan"]),
        # punctuation around and after
        ("thanks @emily.", ["emily"]),
        ("thanks @emily!", ["emily"]),
        ("@emily, @bob; @carol: done?", ["emily", "bob", "carol"]),
        ("(@emily)", ["emily"]),
        ("cc:@emily", ["emily"]),
        ("@emily's draft", ["emily"]),
        ("ask @bob--", ["bob"]),
        ("@bob.-.", ["bob"]),
        ("@first.last and @first-last", ["first.last", "first-last"]),
        ("line one\n@emily\tline two", ["emily"]),
        ("@@emily", ["emily"]),
        # e-mail addresses are not mentions
        ("mail bob@example.com", []),
        ("mail bob@example.com or @carol", ["carol"]),
        ("first.last@example.com", []),
        ("user_@example.com", []),
        ("x.@example.com", []),
        ("a@b@c", []),
        # not handles
        ("@ alone", []),
        ("@a is too short", []),
        ("@a. still too short", []),
        ("@.dot and @-dash start", []),
        ("@" + "x" * 33 + " is too long", []),
        ("@" + "x" * 32 + " fits", ["x" * 32]),
        ("@张三 is not a handle", []),
        # lower-cased and de-duplicated, in order of first mention
        ("@Emily @emily @EMILY", ["emily"]),
        ("@bob @Alice @bob @carol @alice", ["bob", "alice", "carol"]),
        # unknown handles are still parsed: the service resolves them
        ("@nobody-here", ["nobody-here"]),
    ],
)
def test_parse_mentions(body: str, expected: list[str]) -> None:
    assert parse_mentions(body) == expected


# ---- mentions as people type them ---------------------------------------------------------

PEOPLE = [
    Person(1, "zhangsan", "张三"),
    Person(2, "zhangsanfeng", "张三丰"),
    Person(3, "lisi", "李四"),
    Person(4, "emily", "Emily Chen"),
    Person(5, "emma", "Emma Stone"),
    Person(6, "wang.li", "王丽"),
    Person(7, "wangli2", "王丽"),
]


def _found(body: str) -> list[tuple[str, int | str | tuple[int, ...]]]:
    out: list[tuple[str, int | str | tuple[int, ...]]] = []
    for m in find_mentions(body, PEOPLE):
        text = body[m.start : m.end]
        out.append((text, m.person.id if m.person else tuple(p.id for p in m.candidates)))
    return out


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # an exact handle, any case, CJK or punctuation right after
        ("@zhangsan 看一下", [("@zhangsan", 1)]),
        ("请@ZhangSan看一下", [("@ZhangSan", 1)]),
        ("@emily.", [("@emily", 4)]),
        # a display name, as the list inserts it or as typed; the longest name wins
        ("@张三 看一下", [("@张三", 1)]),
        ("请@张三看一下", [("@张三", 1)]),
        ("@张三丰，你好", [("@张三丰", 2)]),
        ("＠李四", [("＠李四", 3)]),
        ("@Emily Chen please", [("@Emily Chen", 4)]),
        ("@emily chen please", [("@emily chen", 4)]),  # the longer of name and handle
        ("@emily, hi", [("@emily", 4)]),
        # an unambiguous start of a handle or a name
        ("@zhangsanf 你好", [("@zhangsanf", 2)]),
        ("@lis 你好", [("@lis", 3)]),
        ("@Emil, hi", [("@Emil", 4)]),
        # ambiguous: several people (sorted by id)
        ("@zhang 你好", [("@zhang", (1, 2))]),
        ("@em hi", [("@em", (4, 5))]),
        ("@王丽 来一下", [("@王丽", (6, 7))]),
        # nobody
        ("@nobody here", [("@nobody", ())]),
        ("@赵六 在吗", [("@赵六", ())]),
        ("@张看一下", [("@张看一下", ())]),
        # not mentions at all
        ("bob@example.com", []),
        ("@ alone", []),
        ("", []),
        # several in one text
        ("@张三 和 @lisi", [("@张三", 1), ("@lisi", 3)]),
    ],
)
def test_find_mentions(body: str, expected: list[tuple[str, object]]) -> None:
    assert _found(body) == expected


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("请@张三看一下", "请@zhangsan看一下"),
        ("@Emily Chen and @lis", "@emily and @lisi"),
        ("@emily chen", "@emily"),
        ("@zhang is ambiguous, @nobody too", "@zhang is ambiguous, @nobody too"),
        ("no mention", "no mention"),
        ("@ZhangSan as typed", "@ZhangSan as typed"),
    ],
)
def test_stored_body(typed: str, stored: str) -> None:
    assert stored_body(typed, find_mentions(typed, PEOPLE)) == stored


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("请@zhangsan看一下", "请@张三看一下"),
        ("thanks @emily.", "thanks @Emily Chen."),
        ("@ZhangSan", "@张三"),
        ("@unknown stays", "@unknown stays"),
        ("bob@example.com", "bob@example.com"),
    ],
)
def test_shown_body(stored: str, shown: str) -> None:
    names = {"zhangsan": "张三", "emily": "Emily Chen"}
    assert shown_body(stored, names) == shown


def test_a_renamed_person_reads_under_the_new_name() -> None:
    stored = stored_body("@张三 看一下", find_mentions("@张三 看一下", PEOPLE))
    assert shown_body(stored, {"zhangsan": "张三(已改名)"}) == "@张三(已改名) 看一下"
