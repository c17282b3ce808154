"""Signers from a closing block: "Rusk", "John A. McCone / Director"."""

from __future__ import annotations

import re

from cablegram.fields.text import squash
from cablegram.record import Signer

# A closing line that names an office, not a person: it becomes the title of the signer
# above it ("John A. McCone" / "Director").
_TITLE_WORDS = re.compile(
    r"\b(?:Director|Chairman|Secretary|President|Ambassador|Minister|Assistant|Adviser|Advisor|"
    r"Counselor|Chief|Commander|General|Admiral|Deputy|Acting|Under|Representative|Officer|"
    r"Administrator|Chargé|Consul|Attorney|Agency|Staff|Council|Committee|Commission|"
    r"Department|Embassy|Office|Bureau|Board|Mission|Delegation|Executive|Coordinator|Head|"
    r"Premier|Prime|Chancellor|King|Queen|Shah|Emperor|Governor|Senator|Colonel|Major|"
    r"Lieutenant|Captain|Brigadier|Army|Navy|Force|USA|USN|USAF|USMC|U\.S\.S\.|Lt|Maj|Gen|Capt)\b",
)
# Words that open a title; "Agency", "Committee" and the like only end one.
_TITLE_START = re.compile(
    r"\b(?:Director|Chairman|Secretary|President|Ambassador|Minister|Assistant|Adviser|Advisor|"
    r"Counselor|Chief|Commander|Deputy|Acting|Under|Representative|Administrator|Chargé|"
    r"Consul|Attorney|Department|Executive|Coordinator|Governor|Senator|Colonel|Major|"
    r"Lieutenant|Captain|Brigadier|General|Admiral)\b"
)
_NAME_MAX_WORDS = 5
# Leading marks of a signature block: "/s/", "Signed:", "[Signature]", "Sincerely,".
_NOISE = re.compile(
    r"^(?:/s/|\(s\)|signed:?|\[?signature\]?|\[?initials?\]?|sincerely(?: yours)?,?|"
    r"respectfully(?: yours)?,?|faithfully(?: yours)?,?|yours (?:sincerely|faithfully),?)\s*",
    re.IGNORECASE,
)
# "[signed Bill] William P. Rogers": the typed name stands; "[signed Richard Nixon]" alone
# gives the name inside.
_SIGNED = re.compile(r"^\[\s*(?:signed|initialed)\s+(?P<inner>[^\]]*)\]\s*(?P<rest>.*)$", re.I)
_MAX_WORDS = 8
# Lowercase words in a name are particles ("de", "von", "deB."); a longer one means prose.
_PARTICLE_MAX = 4


def _is_title(line: str) -> bool:
    if _TITLE_WORDS.search(line) is None:
        return False
    words = line.split()
    # "General Taylor" is a name with a rank, not an office.
    return not (len(words) == 2 and words[0] in {"General", "Admiral"})


def _is_name(line: str) -> bool:
    words = line.split()
    if not words or len(words) > _MAX_WORDS:
        return False
    return all(w[0].isupper() or not w[0].isalpha() or len(w) <= _PARTICLE_MAX for w in words)


def _clean(raw: str) -> str:
    line = _NOISE.sub("", squash(raw)).strip(" ,;:")
    m = _SIGNED.match(line)
    if m:
        line = m["rest"] or m["inner"]
    line = line.strip("[]").strip()
    # "Rusk." loses its period; "Jr." and "U.S.S." keep theirs.
    last = line.rsplit(" ", 1)[-1]
    if line.endswith(".") and len(last) > 4 and "." not in last[:-1]:
        line = line[:-1]
    return line


def _split_name_title(line: str) -> tuple[str, str | None]:
    """ "Dean Rusk Secretary of State" (a flattened block) -> name and title."""
    m = _TITLE_START.search(line)
    if m:
        name = line[: m.start()].strip(" ,")
        if 2 <= len(name.split()) <= _NAME_MAX_WORDS and not _is_title(name):
            return name, line[m.start() :]
    return line, None


def parse_signers(lines: list[str]) -> list[Signer]:
    """Signers from the closing lines of a document (signature block), in order.

    A line that reads as an office ("Director", "Secretary of State") is the title of the
    signer before it (a second such line extends it); a line that reads as a name starts a
    new signer; prose ("The source text is unsigned …") is skipped.
    """
    signers: list[Signer] = []
    for raw in lines:
        line = _clean(raw)
        if not line:
            continue
        if _is_title(line) and (len(line.split()) <= 2 * _MAX_WORDS):
            name, title = _split_name_title(line)
            if title is not None and _is_name(name):
                signers.append(Signer(name=name, title=title))
            elif signers:
                prev = signers[-1]
                prev.title = line if prev.title is None else f"{prev.title}, {line}"
            continue
        if _is_name(line):
            signers.append(Signer(name=line))
    return signers
