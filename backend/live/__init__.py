"""Live updates: event shapes, brokers and per-process fan-out."""
