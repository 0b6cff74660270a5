"""Standalone dedup baselines for ``bench dedup``: the same job as ``dolphin-data dedup`` with other libraries."""
