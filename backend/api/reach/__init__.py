"""Reminders, warnings and the channels that carry them (issue 14)."""
