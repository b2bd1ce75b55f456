"""What the public may read about a person: names shortened to initials, nothing else."""

from __future__ import annotations


def mask_name(full_name: str) -> str:
    """The family name and the initials of the other names: "Hoàng Văn An" → "Hoàng V. A."."""
    words = (full_name or "").split()
    if not words:
        return ""
    if len(words) == 1:
        return f"{words[0][0].upper()}."
    return " ".join([words[0], *(f"{w[0].upper()}." for w in words[1:])])
