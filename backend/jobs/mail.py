"""E-mail through SMTP (aiosmtplib): LODESTAR_SMTP_URL `smtp://user:pass@host:port` (STARTTLS
when the server offers it) or `smtps://…` (TLS from the start), From LODESTAR_MAIL_FROM."""

import hashlib
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate
from urllib.parse import unquote, urlsplit

import aiosmtplib

from ..domain.reach.im import Outcome
from ..domain.reach.notice import Notice, html_body, plain_text

TIMEOUT = 20.0


@dataclass(frozen=True)
class Smtp:
    host: str
    port: int
    username: str | None
    password: str | None
    tls: bool  # smtps: TLS from the first byte

    @classmethod
    def parse(cls, url: str) -> "Smtp":
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise ValueError(f"LODESTAR_SMTP_URL must be smtp://… or smtps://…, not {url!r}")
        tls = parts.scheme == "smtps"
        return cls(
            host=parts.hostname,
            port=parts.port or (465 if tls else 25),
            username=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password else None,
            tls=tls,
        )


def compose(notice: Notice, to: str, sender: str, key: str) -> EmailMessage:
    """Text and HTML parts in the recipient's language; the Message-ID comes from the outbox
    key, so a message sent twice (a crash between send and record) is one to mail clients."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = notice.subject
    message["Date"] = formatdate(localtime=False)
    message["Content-Language"] = notice.locale
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    message["Message-ID"] = f"<{digest}@lodestar>"
    message.set_content(plain_text(notice))
    message.add_alternative(html_body(notice), subtype="html")
    return message


async def send(smtp_url: str, message: EmailMessage) -> tuple[Outcome, str]:
    smtp = Smtp.parse(smtp_url)
    try:
        await aiosmtplib.send(
            message,
            hostname=smtp.host,
            port=smtp.port,
            username=smtp.username,
            password=smtp.password,
            use_tls=smtp.tls,
            timeout=TIMEOUT,
        )
    except aiosmtplib.SMTPRecipientsRefused as error:
        return Outcome.FAILED, str(error)[:300]
    except aiosmtplib.SMTPResponseException as error:
        # 4xx: try later (greylisting, a full queue); 5xx: the server refuses it for good
        transient = 400 <= error.code < 500
        return (Outcome.RETRY if transient else Outcome.FAILED), f"{error.code} {error.message}"[
            :300
        ]
    except (aiosmtplib.SMTPException, OSError, TimeoutError) as error:
        return Outcome.RETRY, (str(error) or type(error).__name__)[:300]
    return Outcome.SENT, ""
