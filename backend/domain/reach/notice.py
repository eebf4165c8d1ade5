"""One message, independent of the channel that carries it: a subject, an opening sentence,
sections of items (each with a link back), and one action. Stored in the outbox as JSON, it
becomes an e-mail (text + HTML, escaped) or a robot's card in the format of its platform."""

from dataclasses import asdict, dataclass, field
from html import escape
from typing import Any

from .texts import text


@dataclass(frozen=True, slots=True)
class Item:
    title: str
    detail: str = ""
    link: str = ""


@dataclass(frozen=True, slots=True)
class Section:
    heading: str
    items: tuple[Item, ...]


@dataclass(frozen=True, slots=True)
class Notice:
    locale: str
    subject: str
    intro: str
    action: str
    link: str  # absolute: where the action leads
    sections: tuple[Section, ...] = ()
    tone: str = "info"  # info | warning (the card's colour)
    footer: str = field(default="")

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Notice":
        sections = tuple(
            Section(s["heading"], tuple(Item(**i) for i in s["items"]))
            for s in data.get("sections", ())
        )
        return cls(**{**data, "sections": sections})


def with_footer(notice: Notice, settings_link: str) -> Notice:
    """An e-mail says why it came and where to change that."""
    return Notice(
        **{
            **{f: getattr(notice, f) for f in Notice.__dataclass_fields__},
            "footer": text("footer", notice.locale, link=settings_link),
        }
    )


def _line(item: Item) -> str:
    return f"{item.title} — {item.detail}" if item.detail else item.title


def plain_text(notice: Notice) -> str:
    """The e-mail's text part (and what a robot without formatting shows)."""
    out = [notice.intro, ""]
    for section in notice.sections:
        if section.heading:
            out += [section.heading, ""]
        for item in section.items:
            out.append(f"- {_line(item)}")
            if item.link:
                out.append(f"  {item.link}")
        out.append("")
    out.append(f"{notice.action}: {notice.link}")
    if notice.footer:
        out += ["", "--", notice.footer]
    return "\n".join(out) + "\n"


_TONE = {"warning": "#b45309", "info": "#2563eb"}


def html_body(notice: Notice) -> str:
    """The e-mail's HTML part: everything that came from users is escaped."""
    e = escape
    accent = _TONE.get(notice.tone, _TONE["info"])
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{e(notice.locale)}"><head><meta charset="utf-8">'
        f"<title>{e(notice.subject)}</title></head>",
        "<body style=\"font-family:-apple-system,'Segoe UI','PingFang SC','Microsoft YaHei',"
        'sans-serif;color:#1f2937;line-height:1.5;max-width:640px;margin:0 auto;padding:16px">',
        f'<p style="font-size:16px">{e(notice.intro)}</p>',
    ]
    for section in notice.sections:
        if section.heading:
            parts.append(f'<h2 style="font-size:15px;margin:20px 0 6px">{e(section.heading)}</h2>')
        parts.append('<ul style="padding-left:20px;margin:0">')
        for item in section.items:
            title = e(item.title)
            if item.link:
                title = f'<a href="{e(item.link)}" style="color:{accent}">{title}</a>'
            detail = (
                f' <span style="color:#6b7280">— {e(item.detail)}</span>' if item.detail else ""
            )
            parts.append(f"<li>{title}{detail}</li>")
        parts.append("</ul>")
    parts.append(
        f'<p style="margin:24px 0"><a href="{e(notice.link)}" style="background:{accent};'
        "color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none;"
        f'display:inline-block">{e(notice.action)}</a></p>'
    )
    if notice.footer:
        parts.append(f'<p style="color:#6b7280;font-size:12px">{e(notice.footer)}</p>')
    parts.append("</body></html>")
    return "\n".join(parts)
