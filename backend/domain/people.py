"""Finding people for @mention autocomplete: by handle, by name, and by pinyin.

Chinese names are typed on phones and laptops through pinyin, so 张三 must be found by
"zhangsan", by "zhang" and by the initials "zs", not only by the characters themselves.
"""

from pypinyin import Style, lazy_pinyin

SEARCH_TEXT_MAX = 400

# Ranks, best first: how a query matched (DESIGN §5 `people(search:)` sorts by these).
RANK_HANDLE = 0
RANK_INITIALS = 1
RANK_PINYIN = 2
RANK_NAME = 3
RANK_SUBSTRING = 4


def normalize_query(query: str) -> str:
    """What the user typed after the '@', trimmed and lower-cased."""
    # A Chinese input method types the full-width ＠, as the mention parser accepts too.
    return query.strip().lstrip("@＠").strip().lower()


def _pinyin(display_name: str) -> tuple[str, str]:
    """(full pinyin, initials) of the Chinese characters in a name; ("", "") when it has none."""
    # errors="ignore" drops the non-Chinese runs (Latin letters are matched as the name itself).
    syllables = lazy_pinyin(display_name, style=Style.NORMAL, errors="ignore")
    initials = lazy_pinyin(display_name, style=Style.FIRST_LETTER, errors="ignore")
    return "".join(syllables).lower(), "".join(initials).lower()


def search_text(display_name: str, handle: str) -> str:
    """The lower-cased text an @-autocomplete query is matched against (User.search_text)."""
    full, initials = _pinyin(display_name)
    parts = [handle.strip().lower(), display_name.strip().lower(), full, initials]
    unique = [p for i, p in enumerate(parts) if p and p not in parts[:i]]
    return " ".join(unique)[:SEARCH_TEXT_MAX]


def matches(query: str, text: str) -> bool:
    """Whether a query finds a person whose search text is `text` (an empty query finds all)."""
    return normalize_query(query) in text


def _word_prefix(query: str, name: str) -> bool:
    # "chen" finds "Emily Chen"; "张" finds "张三".
    return name.startswith(query) or any(w.startswith(query) for w in name.split())


def rank(query: str, display_name: str, handle: str) -> int | None:
    """How well a query finds a person: lower is better, None when it does not match."""
    q = normalize_query(query)
    if handle.lower().startswith(q):
        return RANK_HANDLE
    full, initials = _pinyin(display_name)
    if initials and initials.startswith(q):
        return RANK_INITIALS
    if full and full.startswith(q):
        return RANK_PINYIN
    if _word_prefix(q, display_name.lower()):
        return RANK_NAME
    if q in search_text(display_name, handle):
        return RANK_SUBSTRING
    return None
