"""Accounts, tokens, people, teams and the organization's settings."""
