"""Source notes: classification, handling caveats, archival citation, drafters.

A FRUS source note reads "Source: <repository>, <file>. <Classification>; <caveat>; ….
Drafted by …; cleared by …; approved by …. <other remarks>". The older volumes print only
a file number and a type: "851G.01/6–1449: Telegram".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cablegram.fields.text import folded, sentence_end, tidy


@dataclass(frozen=True, slots=True)
class SourceNote:
    classification: str | None = None  # lowercase: "top secret", "secret", ..., "unclassified"
    handling: tuple[str, ...] = ()  # "Eyes Only", "Niact", "Priority", "Exdis", ...
    repository: str | None = None  # "Department of State", "Kennedy Library", "National Archives"
    file: str | None = None  # "Central Files, 761.5411/1-2161" or "Lot 66 D 204"
    drafted_by: str | None = None
    cleared_by: str | None = None
    approved_by: str | None = None


_CLASSES = (
    "top secret",
    "secret",
    "confidential",
    "limited official use",
    "official use only",
    "restricted",
    "unclassified",
)
# The classification opens a sentence (or follows the citation's last comma in a few notes)
# and is followed by ";", ".", "—" or the end; "Secretary" and "Secret Service" are not one.
_CLASS_RE = re.compile(
    r"(?:^|(?<=[.;:,)\]])\s*|\s)(?P<c>top\s+secret|secret|confidential|limited\s+official\s+use|"
    r"official\s+use\s+only|restricted|unclassified|no\s+classification\s+markings?)"
    # A catalog entry gives the page count next: "Secret 3 pp. DOS, CF, 715.00/4–361."
    r"(?P<rest>(?:\s*(?:[;:—–/-]|,\s(?=[A-Z]))\s*[^.;]*)*)\s*(?:\.|$|(?=\s[A-Z(]|\s\d+\s*pp?\.))",
    re.IGNORECASE,
)
_SOURCE_PREFIX = re.compile(r"^\s*\[?\s*Source[:;]\s*", re.IGNORECASE)
# Caveats as printed, normalised to one spelling each.
_CAVEATS: dict[str, str] = {
    k.lower(): k
    for k in (
        "Eyes Only", "Exclusively Eyes Only", "Eyes Only for the Secretary", "Niact",
        "Niact Immediate", "Priority", "Immediate", "Operational Immediate", "Flash",
        "Routine", "Sensitive", "Exdis", "Nodis", "Limdis", "Noforn", "Nocontract",
        "Limit Distribution", "Limited Distribution", "No Distribution", "Cherokee", "Specat",
        "Roger Channel", "Personal and Private", "Personal", "Official–Informal",
        "Controlled Dissem", "Controlled Dissemination", "No Foreign Dissem", "Alpha",
        "Restricted Data", "Presidential Handling", "Critic", "Secto", "Tosec", "Limit Dis",
        "Harvan", "Nodis/Harvan", "Nodis/Harvan Plus", "Handle via Backchannel",
        "Immediate Exdis", "Nodis/Marigold", "Umbra", "Eyes Only for Ambassador",
    )
}
_CAVEATS["official-informal"] = "Official–Informal"
_CAVEATS.update({k.lower(): k for k in ("US Urgent", "Urgent", "Most Immediate")})
# "Secret Priority", "Secret Flash": a caveat printed without its ";".
_BARE_CAVEAT = re.compile(
    r"\b(top secret|secret|confidential|limited official use|unclassified)\s+(?=(?:"
    + "|".join(re.escape(k) for k in sorted(_CAVEATS, key=len, reverse=True))
    + r")\b)",
    re.IGNORECASE,
)
_CAVEAT_MAX = 60
_DRAFTED = re.compile(
    r"\b(?P<kind>Drafted|Cleared|Approved)(?:\s+and\s+(?P<also>approved|cleared))?"
    # A name may hold initials ("U. Alexis Johnson"): a period after one capital is no end.
    r"\s+(?:by|with|in)\s+(?P<who>(?:[^;.]|(?<=\b[A-Z])\.)+?)"
    r"(?=,?\s+(?:on|in)?\s*[A-Z][a-z]+\s+\d|;|(?<!\b[A-Z])\.(?:\s|$)|,\s+(?:and\s+)?(?:cleared|approved|drafted)\b|"
    r"\s+and\s+(?:[a-z]+\s+)?(?:in|by|with)\b|\s+and\s+(?:cleared|approved|drafted)\b|$)",
    re.IGNORECASE,
)
# "851G.01/6–1449: Telegram" (the 1940s volumes): a Central Files number and a type.
_OLD_STYLE = re.compile(r"^(?P<file>[0-9][0-9A-Z.]*/[0-9A-Z–\-]+(?:\s*[A-Z]+)?)\s*:")


# Words without which the regexes above cannot match (tested on `folded` text first: most
# notes name no drafter and few print a bare caveat).
_CLASS_WORDS = re.compile("secret|confidential|official|restricted|classifi")
_BARE_WORDS = re.compile(r"(?:secret|confidential|limited official use|unclassified)\s")
_DRAFTED_WORDS = re.compile("drafted|cleared|approved")


def _classification(m: re.Match[str]) -> str:
    c = " ".join(m["c"].lower().split())
    return "unclassified" if c.startswith("no classification") else c


def _caveat(text: str) -> str | None:
    text = text.strip(" .,;:—–-")
    if not text or len(text) > _CAVEAT_MAX or not text[0].isalpha():
        return None
    norm = " ".join(text.split())
    known = _CAVEATS.get(norm.lower())
    if known:
        return known
    # An unknown caveat keeps its words, in title case when printed all in capitals.
    return norm.title() if norm.isupper() and len(norm) > 3 else norm


def _find_class(text: str) -> re.Match[str] | None:
    for m in _CLASS_RE.finditer(text):
        word = m["c"].lower()
        # "Secret" inside a citation ("Secret Files", "Secret Service") is not a marking.
        after = text[m.end("c") : m.end("c") + 2]
        if word == "secret" and after[:1] == " " and after[1:2].isalpha() and not m["rest"]:
            continue
        return m
    return None


# The 1948–51 volumes print the marking as the body's first line: "Secret", "Top Secret
# (em space) Priority", "Confidential (em space) US Urgent", "Secret Niact", "Restricted".
_MARKING_LINE = re.compile(
    r"(?P<c>top\s+secret|secret|confidential|restricted|limited\s+official\s+use|"
    r"officia(?:l|ly)\s+use\s+only|unclassified)(?![\w-])(?P<rest>.*)",
    re.IGNORECASE,
)
_MARKING_SEP = re.compile(r"[\s;,—–/]+")
# A despatch's or airgram's number printed beside its marking: "Secret  No. 4".
_MARKING_NUMBER = re.compile(r"\bNo\.\s*\d+[A-Za-z]?(?!\S)", re.IGNORECASE)
_CAVEAT_WORDS = max(len(k.split()) for k in _CAVEATS)


def _caveat_words(text: str) -> list[str] | None:
    """Known caveats that make up the whole of `text` ("us urgent niact"), or None."""
    words = [w for w in _MARKING_SEP.split(_MARKING_NUMBER.sub(" ", text).strip(" .")) if w]
    found: list[str] = []
    i = 0
    while i < len(words):
        for n in range(min(_CAVEAT_WORDS, len(words) - i), 0, -1):
            known = _CAVEATS.get(" ".join(words[i : i + n]).lower())
            if known is not None:
                found.append(known)
                i += n
                break
        else:
            return None
    return found


def parse_body_marking(text: str) -> tuple[str, list[str]] | None:
    """The classification and caveats of a body whose first line is only its marking.

    Caveats may run on over the next lines ("Secret  US Urgent", then "Niact"). None when
    the first line holds anything else ("Secret talks began", "Secretary of State ...").
    """
    lines = [line.strip() for line in text.lstrip().split("\n", 4)]
    m = _MARKING_LINE.fullmatch(lines[0])
    caveats = _caveat_words(m["rest"]) if m else None
    if m is None or caveats is None:
        return None
    for line in lines[1:4]:
        if not line:
            continue
        more = _caveat_words(line)
        if not more:
            break
        caveats += more
    c = " ".join(m["c"].lower().split())
    return ("official use only" if c == "officialy use only" else c), caveats


_BRACKETED_SOURCE = re.compile(r"\[Source:\s*(?P<note>.*?)\s*\]", re.DOTALL)


def bracketed_source(paragraph: str) -> str | None:
    """The note of a paragraph that is a whole "[Source: ...]": how volumes print the source
    of a document whose text is not declassified. None for any other paragraph."""
    m = _BRACKETED_SOURCE.fullmatch(" ".join(paragraph.split()))
    return m["note"] if m and m["note"] else None


def _who(text: str) -> str | None:
    text = text.strip(" ,;:")
    return text or None


def parse_source_note(text: str) -> SourceNote:
    """Classification, caveats, citation and drafters of a printed source note."""
    t = tidy(text)
    prefix = _SOURCE_PREFIX.match(t)
    if prefix:
        t = t[prefix.end() :]
    low = folded(t)
    m = _find_class(t) if _CLASS_WORDS.search(low) else None
    if (m is None or not m["rest"]) and _BARE_WORDS.search(low):
        bare = _BARE_CAVEAT.sub(r"\1; ", t)
        if bare != t:
            t, m = bare, _find_class(bare)
    classification = _classification(m) if m else None
    handling: list[str] = []
    if m and m["rest"]:
        for part in re.split(r"[;:]|,\s", m["rest"]):
            cav = _caveat(part)
            if cav and cav not in handling:
                handling.append(cav)
    # The citation: from the start to the classification sentence, or the first sentence.
    cite_end = m.start("c") if m else sentence_end(t)
    citation = t[:cite_end].strip(" .;,")
    repository = file = None
    old = _OLD_STYLE.match(t)
    if old:
        file = old["file"]
    elif citation and not _DRAFTED.match(citation):
        first, _, rest = citation.partition(",")
        if ":" in first and not rest:  # "Presidential Correspondence: Lot 66 D 204"
            file = first.strip()
        else:
            repository, file = first.strip() or None, rest.strip() or None
    people: dict[str, str | None] = {"drafted": None, "cleared": None, "approved": None}
    for d in _DRAFTED.finditer(t) if _DRAFTED_WORDS.search(low) else ():
        who = _who(d["who"])
        for kind in (d["kind"], d["also"]):
            if kind and people[kind.lower()] is None:
                people[kind.lower()] = who
    return SourceNote(
        classification=classification,
        handling=tuple(handling),
        repository=repository,
        file=file,
        drafted_by=people["drafted"],
        cleared_by=people["cleared"],
        approved_by=people["approved"],
    )
