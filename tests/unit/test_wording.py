"""The zh-CN word for a check-in is one natural pair on every screen: 更新进度 (the action)
and 进度更新 (the record) — never 签到 (attendance sign-in) or a stray variant.
frontend/test/wording.test.mjs checks the same pairing in the web app's dictionaries."""

import re
from pathlib import Path

import pytest

from backend.domain.messages import MESSAGES
from backend.domain.reach.texts import TEXTS

ROOT = Path(__file__).resolve().parents[2]
REJECTED = re.compile(r"签到|签入|打卡|进展更新|进展记录")
CHECK_IN_EN = re.compile(r"check(ed)?[- ]?ins?\b", re.IGNORECASE)
# A check-in's zh text names progress and its update, or says how long since the last one.
CHECK_IN_ZH = re.compile(r"进度.*更新|更新.*进度|未更新|最近更新|内有更新")


def zh_sources() -> list[Path]:
    """Everywhere Chinese UI text lives: dictionaries, server messages, e-mail and IM
    texts (Python), and the docs that quote the UI."""
    return sorted(
        [
            *(ROOT / "frontend/src/i18n").rglob("zh-CN.js"),
            *(ROOT / "backend").rglob("*.py"),
            *(ROOT / "docs").rglob("*.md"),
            ROOT / "README.md",
        ]
    )


def test_sources_are_found() -> None:
    names = {p.relative_to(ROOT).as_posix() for p in zh_sources()}
    assert "frontend/src/i18n/work/zh-CN.js" in names
    assert "backend/domain/reach/texts.py" in names


@pytest.mark.parametrize("path", zh_sources(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_rejected_word(path: Path) -> None:
    found = [
        f"{n}: {line.strip()}"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if REJECTED.search(line)
    ]
    assert found == []


@pytest.mark.parametrize(
    ("key", "en", "zh"),
    [
        (key, en, zh)
        for table in (MESSAGES, TEXTS)
        for key, (en, zh) in table.items()
        if CHECK_IN_EN.search(en)
    ],
)
def test_check_in_texts_use_the_chosen_terms(key: str, en: str, zh: str) -> None:
    assert CHECK_IN_ZH.search(zh), f"{key}: {zh}"
