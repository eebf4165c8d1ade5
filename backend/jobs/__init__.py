"""Scheduled work, no cron: every process runs the scheduler (scheduler.py), and each run
(job × period) and each of its deliveries (× recipient) is claimed through a unique row
(claims.py), so any number of processes send every reminder once. Jobs: warnings.py,
reminders.py, digest.py; what they write to the outbox is sent by delivery.py through mail.py
and im.py."""
