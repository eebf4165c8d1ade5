"""Use cases: one function per user action (load → check → write in one transaction →
record activity → publish after commit)."""
