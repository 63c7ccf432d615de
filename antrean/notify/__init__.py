"""Outbound notices to citizens: a small Notifier interface and its two kinds, an HTTP
webhook (the office's WhatsApp or SMS gateway) and e-mail over SMTP."""
