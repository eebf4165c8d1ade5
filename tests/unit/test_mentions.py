import pytest

from backend.domain.mentions import parse_mentions


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
