"""Meetings: the agenda built from the data, meeting mode (focus, notes, decisions, action items,
who is present) and its live stream."""
