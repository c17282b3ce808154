"""Signers from a closing block: "Rusk", "John A. McCone / Director"."""

from __future__ import annotations

from cablegram.record import Signer


def parse_signers(lines: list[str]) -> list[Signer]:
    """Signers from the closing lines of a document (signature block), in order."""
    return []
