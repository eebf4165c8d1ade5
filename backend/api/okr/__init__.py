"""Cycles, the board, objectives, key results and check-ins."""
