"""Send a notice as a plain-text e-mail through the office's SMTP server."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

from antrean.notify.message import DeliveryError, Outbound


class EmailNotifier:
    channel = "email"

    def __init__(self, host: str, port: int, sender: str, security: str = "none",
                 username: str = "", password: str = "", timeout: float = 10.0) -> None:
        self.host = host
        self.port = port
        self.sender = sender
        self.security = security  # none | starttls | ssl
        self.username = username
        self.password = password
        self.timeout = timeout

    def compose(self, message: Outbound) -> EmailMessage:
        mail = EmailMessage()
        mail["From"] = self.sender
        mail["To"] = formataddr((message.name, message.recipient))
        mail["Subject"] = message.subject
        mail["Message-ID"] = make_msgid(idstring=message.key.replace(":", "."))
        mail["X-Antrean-Message-Id"] = message.key
        mail.set_content(message.text)
        return mail

    def send(self, message: Outbound) -> None:
        mail = self.compose(message)
        try:
            with self._connect() as smtp:
                if self.username:
                    smtp.login(self.username, self.password)
                smtp.send_message(mail)
        except smtplib.SMTPRecipientsRefused as error:
            raise DeliveryError(f"recipient refused: {message.recipient}", retry=False) from error
        except smtplib.SMTPResponseException as error:
            # 5xx is permanent (bad address, not allowed); 4xx asks to come back later.
            raise DeliveryError(f"SMTP {error.smtp_code}", retry=error.smtp_code < 500) from error
        except (smtplib.SMTPException, OSError) as error:
            raise DeliveryError(f"mail server unreachable: {error}") from error

    def _connect(self) -> smtplib.SMTP:
        if self.security == "ssl":
            return smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout,
                                    context=ssl.create_default_context())
        smtp = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        if self.security == "starttls":
            try:
                smtp.starttls(context=ssl.create_default_context())
            except BaseException:
                smtp.close()
                raise
        return smtp
