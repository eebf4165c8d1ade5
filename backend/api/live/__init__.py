"""The live board: `boardEvents` (replay after `since`, then live, in seq order) and presence."""
