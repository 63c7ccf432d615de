"""A test office's lobby zones, as [[zones]] tables for write_config(extra_tables=...)."""

from __future__ import annotations

# Loket 3 is in two zones; "selatan" has its own running text, the others show the office's.
ZONES = """
[[zones]]
code = "utara"
name = "Ruang Utara"
counters = [1]

[[zones]]
code = "selatan"
name = "Ruang Selatan"
counters = [3]
running_text = "Selamat datang di Ruang Selatan"

[[zones]]
code = "tengah"
name = "Ruang Tengah"
counters = [2, 3]
"""
ZONE_CODES = ("utara", "selatan", "tengah")
