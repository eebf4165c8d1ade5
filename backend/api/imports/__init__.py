"""Spreadsheet imports (plain HTTP uploads)."""
