"""User-facing messages in both languages, looked up by the key a DomainError carries.

Every key has an English and a Chinese text; `str.format` placeholders take the
error's params. A test checks that both languages use the same placeholders.
"""

from typing import Any

from .enums import Locale

# key: (en, zh-CN)
MESSAGES: dict[str, tuple[str, str]] = {
    "internal": ("Internal error (request {request_id}).", "服务器内部错误（请求 {request_id}）。"),
    "not_found": ("Not found.", "未找到。"),
    "auth.required": ("Please sign in.", "请先登录。"),
    "auth.forbidden": ("You are not allowed to do this.", "你没有权限执行此操作。"),
    "auth.bad_credentials": ("Wrong email or password.", "邮箱或密码错误。"),
    "auth.rate_limited": (
        "Too many sign-in attempts. Try again in {seconds} seconds.",
        "登录尝试过多，请在 {seconds} 秒后重试。",
    ),
    "auth.bad_origin": ("Request origin not allowed.", "请求来源不被允许。"),
    "auth.bad_token": ("The API token is invalid or revoked.", "API 令牌无效或已被吊销。"),
    "conflict.version": (
        "Someone else changed this in the meantime (now version {current}). Reload and try again.",
        "其他人刚刚修改了此内容（当前版本 {current}），请刷新后重试。",
    ),
    "conflict.duplicate": ("{field} is already taken.", "{field} 已被占用。"),
    "input.required": ("{field} is required.", "{field} 为必填项。"),
    "input.too_long": (
        "{field} must be at most {max} characters.",
        "{field} 最多 {max} 个字符。",
    ),
    "input.too_short": (
        "{field} must be at least {min} characters.",
        "{field} 至少 {min} 个字符。",
    ),
    "input.invalid_id": ("{field} is not a valid id.", "{field} 不是有效的 ID。"),
    "input.invalid_email": ("{field} is not a valid email address.", "{field} 不是有效的邮箱地址。"),
    "input.invalid_handle": (
        "{field} may only contain letters, digits, '_', '.' and '-' (2–32).",
        "{field} 只能包含字母、数字、'_'、'.'、'-'（2–32 个字符）。",
    ),
    "input.out_of_range": (
        "{field} must be between {min} and {max}.",
        "{field} 必须介于 {min} 与 {max} 之间。",
    ),
    "input.dates_order": (
        "{field} must not be before the start date.",
        "{field} 不能早于开始日期。",
    ),
    "input.unknown_locale": ("{field} must be zh-CN or en.", "{field} 必须是 zh-CN 或 en。"),
}


def translate(key: str, locale: str | None, params: dict[str, Any] | None = None) -> str:
    en, zh = MESSAGES.get(key, MESSAGES["internal"])
    template = zh if locale == Locale.ZH_CN else en
    try:
        return template.format(**(params or {}))
    except (KeyError, IndexError):
        return template
