"""Postings nobody should paste, each a kind of input that once made the reader slow or crash:
shared by ``tests/test_posting_bad_input.py`` and ``benchmarks/bench_coverage.py``."""

from __future__ import annotations

from pathlib import Path

from prep_core.model import MAX_TEXT

POSTINGS = Path(__file__).parent / "postings"

_REAL = " ".join(
    (POSTINGS / name).read_text(encoding="utf-8").replace("\n", " ")
    for name in ("backend.md", "ml_engineer.md", "data_scientist.md")
)
TOOLS = ", ".join(f"Tool{n}" for n in range(3_000))


def hostile() -> dict[str, str]:
    item = "<li>Experience with <b>Kafka</b> &amp; <i>K8s</i><script>alert(1)</script></li>"
    html = "<html><head><style>p {}</style></head><body><h2>Requirements</h2><ul>"
    html += item * (200_000 // len(item)) + "</ul></body></html>"
    return {
        "one 20,000-character line": ((" ".join(_REAL.split()) + " ") * 10)[:20_000],
        "5,000 bullets": "Requirements\n"
        + "\n".join(f"- Experience with Kafka and K8s, team {n}" for n in range(5_000)),
        "200 KB of pasted HTML": html,
        "50,000 spaces": "Requirements:\n- Python" + " " * 50_000 + "SQL\n- Go",
        "99,000 spaces": " " * 99_000 + "Requirements: Python",
        "R repeated": "R " * (MAX_TEXT // 2),
        "repeated punctuation": "!?.,;:-*•(" * (MAX_TEXT // 10),
        "a bullet naming 3,000 tools": f"Requirements:\n- Experience with {TOOLS}",
        "inline bullets repeated": "• R " * (MAX_TEXT // 4),
        "headings repeated": "Requirements: " * (MAX_TEXT // 14),
    }
