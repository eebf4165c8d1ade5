"""The writing-hint lint (issue 17): the table of cases in hint_cases.py, read in both
languages, and the messages a person reads."""

import re
import string

import pytest

from backend.domain.enums import HintCode, HintSeverity, HintTarget, KRKind
from backend.domain.hints import SEVERITY, lint
from backend.domain.hints.catalogue import MESSAGES
from bench.hints import measure
from tests.unit.hint_cases import CASES, Case

LOCALES = ("en", "zh-CN")
CJK = re.compile(r"[\u3400-\u9fff]")


def test_table_is_large_and_names_are_unique() -> None:
    assert len(CASES) >= 150
    assert len({c.name for c in CASES}) == len(CASES)
    assert {c.name[:3] for c in CASES} >= {"zh-", "en-"}


_KR_LIST_CODES = {HintCode.TOO_MANY_KRS, HintCode.WEIGHTS, HintCode.NO_KEY_RESULTS}


def _checked(code: HintCode, case: Case) -> bool:
    """Whether the check behind `code` reads this case at all."""
    if code in _KR_LIST_CODES:
        return case.target is HintTarget.OBJECTIVE and case.kr_weights is not None
    if not case.text.strip():
        return False
    if code is HintCode.OBJECTIVE_IS_A_METRIC:
        return case.target is HintTarget.OBJECTIVE
    if code is HintCode.TOO_LONG:
        return True
    if code is HintCode.KIND_MISMATCH:
        return case.kind is not None
    return case.target is HintTarget.KEY_RESULT


@pytest.mark.parametrize("code", list(HintCode))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_code_fires_and_stays_quiet(code: HintCode, lang: str) -> None:
    cases = [c for c in CASES if c.name.startswith(lang) and _checked(code, c)]
    assert any(code in c.codes for c in cases), "never fires"
    assert any(code not in c.codes for c in cases), "never stays quiet"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
@pytest.mark.parametrize("locale", LOCALES)
def test_case(case: Case, locale: str) -> None:
    hints = case.lint(locale)
    assert sorted(h.code for h in hints) == sorted(case.codes), [
        (h.code, case.text[h.start : h.end] if h.start is not None else None) for h in hints
    ]
    for h in hints:
        assert h.severity is SEVERITY[h.code]
        if h.code in case.spans:
            expected = case.spans[h.code]
            got = None if h.start is None else case.text[h.start : h.end]
            assert got == expected, h.code
        if h.start is not None:
            assert h.end is not None and 0 <= h.start < h.end <= len(case.text)
            underlined = case.text[h.start : h.end]
            assert underlined == underlined.strip()


def _outside_quotes(message: str) -> str:
    return re.sub(r"“[^”]*”", "", message)


@pytest.mark.parametrize("case", [c for c in CASES if c.codes], ids=lambda c: c.name)
def test_messages_read_naturally_in_the_viewers_language(case: Case) -> None:
    en, zh = case.lint("en"), case.lint("zh-CN")
    for h in en + zh:
        assert h.message.strip()
        assert not re.search(r"[{}]|\b[A-Z]+_[A-Z_]+\b|\b[a-z]+[A-Z]\w*\b", h.message)
    for h in en:
        assert h.message[0].isupper() and h.message.endswith(".")
        assert not CJK.search(_outside_quotes(h.message))  # the user's own words may be quoted
    for h in zh:
        assert CJK.search(h.message) and h.message.endswith("。")
    assert [h.message for h in en] != [h.message for h in zh]


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_catalogue_languages_agree(key: str) -> None:
    en, zh = MESSAGES[key]
    assert _placeholders(en) == _placeholders(zh)
    assert en.strip() and zh.strip() and en != zh


def test_every_message_is_said_by_some_case() -> None:
    said = {h.message for c in CASES for locale in LOCALES for h in c.lint(locale)}
    for key, (en, zh) in MESSAGES.items():
        for template in (en, zh):
            head = template.split("{")[0]
            assert any(m.startswith(head) for m in said), key


def test_quotes_carry_the_users_words() -> None:
    [hint] = lint("降低客户流失率到 3%", kind=KRKind.INCREASE, locale="zh-CN")
    assert "“降低”" in hint.message and "“正向增长”" in hint.message
    [hint] = lint("Reduce churn from 5% to 3%", kind=KRKind.COUNT)
    assert "“5% to 3%”" in hint.message and "Count type" in hint.message
    [hint] = lint("营收增长 30%", HintTarget.OBJECTIVE, locale="zh-CN")
    assert "“30%”" in hint.message
    [hint] = lint("Make it great", HintTarget.OBJECTIVE, kr_weights=[50, 30, 12.5])
    assert "add up to 92.5," in hint.message
    [hint] = lint("打造服务体验", HintTarget.OBJECTIVE, kr_weights=[20] * 5 + [0], locale="zh-CN")
    assert "有 6 个关键结果" in hint.message


def test_locale_prefix_and_fallback() -> None:
    zh = lint("提升客户满意度", locale="zh")[0].message
    assert zh == lint("提升客户满意度", locale="zh-CN")[0].message
    assert lint("提升客户满意度", locale="fr")[0].message == lint("提升客户满意度")[0].message


def test_severity_of_every_code() -> None:
    assert set(SEVERITY) == set(HintCode)
    assert SEVERITY[HintCode.NOT_MEASURABLE] is HintSeverity.WARNING
    assert SEVERITY[HintCode.TOO_LONG] is HintSeverity.INFO


def test_probe_times_every_case_in_both_languages() -> None:
    summary = measure(rounds=1)
    assert summary["n"] == len(CASES) * len(LOCALES)
    assert 0 < summary["p50_ms"] <= summary["p99_ms"] <= summary["max_ms"]
