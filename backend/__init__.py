"""Lodestar: a self-hosted OKR system run live."""
