"""The notifiers config.toml asks for, by channel."""

from __future__ import annotations

from antrean.config import Settings
from antrean.notify.email import EmailNotifier
from antrean.notify.message import Notifier
from antrean.notify.webhook import WebhookNotifier


def make_notifiers(settings: Settings) -> dict[str, Notifier]:
    notify = settings.notify
    notifiers: dict[str, Notifier] = {}
    if notify.webhook_url:
        notifiers["webhook"] = WebhookNotifier(notify.webhook_url, notify.webhook_secret,
                                               settings.office.name,
                                               notify.webhook_timeout_seconds)
    if notify.smtp_host:
        notifiers["email"] = EmailNotifier(notify.smtp_host, notify.smtp_port,
                                           notify.email_from, notify.smtp_security,
                                           notify.smtp_username, notify.smtp_password)
    return notifiers
