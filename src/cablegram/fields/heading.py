"""Document headings: "10. Telegram From the Embassy in the Soviet Union to …".

A heading gives the document's number, type, sender and recipient. The forms in FRUS:
  "N. <Type> From <sender> to <recipient>"           (1952 on)
  "<Sender> to <recipient>"                            (older volumes: no type word)
  "Memorandum by <sender> to <recipient>", "Paper Prepared by <sender> for <recipient>"
  "Memorandum of Conversation Between <A> and <B>"     (A is taken as sender, B as recipient,
                                                        as the TEI markup does)
  "3. Letter from Fisk to McCloy, March 2. Transmits ..." (microfiche catalog entries: the
                                                        phrase ends at ", <date>" or ".")
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cablegram.errors import FieldError
from cablegram.fields.text import folded, sentence_end, tidy


@dataclass(frozen=True, slots=True)
class Heading:
    number: str | None = None  # "10"
    title: str = ""  # the heading without its number
    doc_type: str | None = None  # "telegram", "memorandum-of-conversation", ...
    sender: str | None = None  # as printed: "Embassy in the Soviet Union"
    recipient: str | None = None


_MEMCON = "memorandum-of-conversation"
# Type phrases that open a heading, most specific first; matched case-insensitively.
_TYPES: tuple[tuple[str, str], ...] = (
    (r"editorial note", "editorial-note"),
    (r"memorand(?:um|a) of (?:a |the )?(?:telephone )?(?:conversations?|telcon)", _MEMCON),
    (r"memorand(?:um|a) of (?:a |the )?(?:conference|meeting|meetings)", _MEMCON),
    (r"memorand(?:um|a) of (?:a |the )?discussion", "memorandum-of-discussion"),
    (r"memorand(?:um|a) for (?:the )?(?:record|files?)", "memorandum-for-the-record"),
    (r"(?:nsc |national security council )?(?:executive committee )?record of actions?",
     "record-of-action"),
    (r"summary record", "summary-record"),
    (r"(?:delegation )?record of (?:a |the )?(?:conversation|meeting|discussion)",
     "summary-record"),
    (r"(?:special )?(?:national )?intelligence estimates?|s?nie\b", "intelligence-estimate"),
    (r"summary of actions?", "record-of-action"),
    (r"circular (?:telegram|airgram|instruction|message)|circular\b", "circular"),
    (r"(?:draft )?telegrams?|cables?|cablegram|backchannel (?:message|telegram)", "telegram"),
    (r"airgram", "airgram"),
    (r"despatch|dispatch", "despatch"),
    (r"instructions?", "instruction"),
    (r"aide[- ]m[ée]moire", "aide-memoire"),
    (r"(?:(?:personal|oral|backchannel|verbal) )?messages?", "message"),
    (r"letters?", "letter"),
    (r"draft\b", "draft"),
    (r"(?:summary |handwritten |informal )?notes\b", "notes"),
    (r"(?:diplomatic |intelligence |verbal )?note\b", "note"),
    (r"minutes", "minutes"),
    (r"briefing (?:paper|book|memorandum|notes?)", "briefing-paper"),
    (r"(?:\w+ )?memorand(?:um|a)\b", "memorandum"),
    (r"(?:position |talking |background |discussion |issues |working |policy |staff |options |"
     r"decision |scope |study |planning |information |white )?papers?\b", "paper"),
    (r"talking points", "paper"),
    (r"(?:\w+ )?reports?\b", "report"),
    (r"(?:telephone conversation|telcon|transcript)", "transcript"),
    (r"(?:radio and television )?(?:address|remarks|statement|press release|news conference|"
     r"speech|toast)", "statement"),
    (r"diary", "diary"),
    (r"(?:current economic developments|(?:weekly |daily )?review|bulletin)\b", "report"),
    (r"(?:press )?(?:statement|release)\b", "statement"),
    (r"(?:conversation|interview)s?\b", "transcript"),
    (r"resolutions?\b", "resolution"),
    (r"(?:terms of reference|plan of action|guidelines|evaluation|highlights)\b", "paper"),
    (r"(?:\w+ )?agreement", "agreement"),
    (r"(?:study|chronology|annex|outline|estimate|summary|analysis)\b(?!\s+memorand)", "paper"),
)
# One regex tries the phrases in order (as many calls a position would): group i is _TYPES[i].
_TYPE_RE = re.compile("|".join(f"({p})" for p, _ in _TYPES), re.IGNORECASE)
_TYPE_NAMES = [t for _, t in _TYPES]
# Every doc_type parse_heading can give, for documentation and validation.
DOC_TYPES: tuple[str, ...] = tuple(sorted({t for _, t in _TYPES}))

# Where a type phrase may start: the beginning, or after up to five capitalised words.
_QUALIFIER = re.compile(r"(?:[A-Z][\w.’'-]*|of|the|and)\s+")
_QUALIFIED_MAX = 5
# Words that, placed before " to ", name an office rather than end the sender:
# "the Special Assistant to the President (Bundy) to ...", "the Ambassador to Germany".
_TO_TITLES = re.compile(
    r"(?:Assistant|Ambassador|Representative|Adviser|Advisor|Delegation|Mission|Delegate|Envoy|"
    r"Counselor|Aide|Liaison|Observer|Commissioner|Emissary|Attaché|Deputy|Consultant|"
    r"Minister|Secretary|Officer|Coordinator|Consul|Chargé|Minister-Counselor)(?:-Designate)?$"
)
# "126.", "No. 148" (glued to the title in some volumes: "No. 148The Ambassador"), "12a."
_COLLECTIVE = re.compile(
    r"(?:the\s+)?(?:All|Certain|Selected|Various|Department|Embassy|Embassies|Consulates?|"
    r"Legations?|Posts|Diplomatic|Missions)\b"
)
_NUMBER = re.compile(r"^\s*(?:No\.\s*)?\[?(\d+(?:[a-z](?![a-z]))?(?:-\d+)?)\]?\s*\.?\s*(?=\S)")
# Where a heading's sender/recipient phrase ends: the place and date ("…, Washington,
# July 11, 1971"), a catalog entry's date (", March 2."), or the end of its first sentence.
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)
_TAIL = re.compile(
    rf",\s+(?:(?!and\s)[^,()]{{1,60}},\s+){{0,3}}(?:(?:{_MONTH})\s+\d|\d{{1,2}}\s+{_MONTH}|undated\b|"
    rf"(?:{_MONTH}),?\s+\d{{4}}|\d{{4}}\b)"
    r"|\s+\(?undated\)?"
)
def _phrase_end(title: str, start: int) -> int:
    """Where the sender/recipient phrase of a heading ends (see the module docstring)."""
    m = _TAIL.search(title, start)
    end = m.start() if m else len(title)
    stop = sentence_end(title, start, end)
    return stop - 1 if stop < end else end


_CATALOG_NUMBER = re.compile(r"^[\dA-Z/–-]*\d[\dA-Z/–-]*,?\s+")
_FROM = re.compile(r"\b(?:from|by)\s+", re.IGNORECASE)
_PREPARED = re.compile(r"\b(?:prepared|drafted|written|sent)\s+(?:by|in|for)\s+", re.IGNORECASE)
_PREPARED_WORDS = re.compile("prepared|drafted|written|sent")
_BETWEEN = re.compile(r"\b(?:between|among)\s+", re.IGNORECASE)
_TO = re.compile(r",?\s+to\s+")
_ADDRESSED = re.compile(r"^(?:to|for)\s+", re.IGNORECASE)
_FOR = re.compile(r",?\s+for\s+")
_AND = re.compile(r"\s+and\s+")
# Old volumes space the parentheses: "( Wiley )".
_PAREN_SPACE = re.compile(r"\(\s+|\s+\)")


def _clean_party(text: str) -> str | None:
    if "( " in text or " )" in text:
        text = _PAREN_SPACE.sub(lambda m: m[0].strip(), text)
    text = text.strip(" ,;:”\"")
    if text.startswith(("the ", "The ")):
        text = text[4:].lstrip()
    return text or None


def _balanced(text: str) -> bool:
    return text.count("(") == text.count(")")


def _split_to(text: str, sep: re.Pattern[str] = _TO) -> tuple[str, str | None]:
    """Split "<sender> to <recipient>" at the " to " that ends the sender.

    A " to " after a closing parenthesis or a comma ends the sender. Else the split whose
    both sides look most like a party wins: each side's own " to " belongs to an office
    that takes "to" ("Special Assistant to the President", "Delegation to the …") or to a
    body's name ("Commission to Negotiate Peace"); then a recipient that opens with "the";
    then the first.
    """
    candidates = []
    for m in sep.finditer(text):
        if _in_body_name(text, m.start()):
            continue
        before = text[: m.start()].rstrip()
        if before.endswith(")") or (before and m[0].startswith(",") and _balanced(before)):
            return before, text[m.end() :]
        # Parentheses must be balanced: "(Representative to the UN)" is inside a name.
        if before and _balanced(before):
            candidates.append(m)
    if not candidates:
        return text, None
    best = min(candidates, key=lambda m: (_unexplained(text, m), not _THE.match(text, m.end())))
    if _TO_TITLES.search(text[: best.start()].rstrip()):
        # Every " to " is an office's. One alone names one party ("the Special Assistant to
        # the President"), unless what follows is a group of posts ("the Acting Secretary to
        # All Diplomatic Missions"); of several, the last ends the sender, as the TEI's
        # markup reads "Adviser to the Delegation to the <to>General Assembly</to>".
        if len(candidates) > 1:
            best = candidates[-1]
        elif not _COLLECTIVE.match(text, best.end()):
            return text, None
    return text[: best.start()].rstrip(), text[best.end() :]


_THE = re.compile(r"the\s", re.IGNORECASE)
# Bodies whose names hold a " to " that no office word explains.
_TO_BODIES = re.compile(
    r"Commission to Negotiate Peace|Contracting Parties to the General Agreement"
    r"|Committee to Coordinate|Conference to Negotiate", re.IGNORECASE)


def _in_body_name(text: str, pos: int) -> bool:
    return any(m.start() < pos < m.end() for m in _TO_BODIES.finditer(text))


def _unexplained(text: str, split: re.Match[str]) -> int:
    """How many " to " of the two sides of `split` neither an office nor a body's name
    explains (the sender ending on such an office counts too: its " to " is the office's)."""
    count = int(bool(_TO_TITLES.search(text[: split.start()].rstrip())))
    for m in _TO.finditer(text):
        if m.start() == split.start() or _in_body_name(text, m.start()):
            continue
        before = text[: m.start()].rstrip()
        if _balanced(before) and not before.endswith(")") and not _TO_TITLES.search(before):
            count += 1
    return count


def _parties(phrase: str) -> tuple[str | None, str | None]:
    """Sender and recipient from the part of a heading after its type phrase."""
    # (Words tested first on the folded phrase: a case-insensitive search is dearer.)
    low = folded(phrase)
    m = _BETWEEN.search(phrase) if "between" in low or "among" in low else None
    if m and not _FROM.match(phrase):
        rest = phrase[m.end() :]
        # "Between A (X) and B": an " and " after a parenthesis, else the first one
        # outside parentheses ("… for Near Eastern and South Asian Affairs" comes later).
        parts = [p for p in _AND.finditer(rest) if _balanced(rest[: p.start()])]
        if parts:
            cut = next((p for p in parts if rest[: p.start()].endswith(")")), parts[0])
            first = rest[: cut.start()]
            # "A, B and C": the sender is the first of the list.
            if "," in first and "(" not in first:
                first = first.split(",")[0]
            return _clean_party(first), _clean_party(rest[cut.end() :])
        return _clean_party(rest), None
    m = _PREPARED.search(phrase) if _PREPARED_WORDS.search(low) else None
    if m:
        rest = phrase[m.end() :]
        if m[0].rstrip().lower().endswith("for"):
            return None, _clean_party(rest)
        sender, recipient = _split_to(rest)
        if recipient is None:
            sender, recipient = _split_to(rest, _FOR)
        return _clean_party(sender), _clean_party(recipient) if recipient else None
    m = _FROM.search(phrase) if "from" in low or "by" in low else None
    if m:
        rest = phrase[m.end() :]
        lead = _ADDRESSED.match(phrase[: m.start()])
        if lead:  # "Memorandum for the NSC Executive Committee from Nitze"
            return _clean_party(rest), _clean_party(phrase[lead.end() : m.start()])
        sender, recipient = _split_to(rest)
        return _clean_party(sender), _clean_party(recipient) if recipient else None
    m = _ADDRESSED.match(phrase)
    if m:  # "Memorandum to Members of Policy Planning Council", "Telegram 123 to Guatemala City"
        return None, _clean_party(phrase[m.end() :])
    return None, None


def _doc_type(title: str) -> tuple[str | None, int]:
    """The type of a heading and where its type phrase ends (0 when none).

    The type phrase opens the heading, or follows a few capitalised qualifiers
    ("National Security Action Memorandum", "Central Intelligence Agency Special Report").
    """
    pos = 0
    for _ in range(_QUALIFIED_MAX + 1):
        m = _TYPE_RE.match(title, pos)
        if m:
            return _TYPE_NAMES[m.lastindex - 1], m.end()  # type: ignore[operator]
        word = _QUALIFIER.match(title, pos)
        if word is None:
            break
        pos = word.end()
    return None, 0


def parse_heading(text: str) -> Heading:
    """Number, title, type, sender and recipient of a printed heading."""
    t = tidy(text)
    number = None
    m = _NUMBER.match(t)
    if m:
        number, t = m[1], t[m.end() :]
    title = t
    doc_type, end = _doc_type(title)
    phrase = title[end : _phrase_end(title, end)]
    phrase = phrase.strip(" ,;:")
    # A catalog number after the type: "Telegram 502 from San Salvador", "NIE 11-8-61".
    if phrase[:1].isdigit() or phrase[:1].isupper():
        phrase = _CATALOG_NUMBER.sub("", phrase)
    if doc_type is None:
        # Older volumes: "The Secretary of State to the Embassy in Iran".
        sender, recipient = _split_to(phrase)
        if recipient is None:
            return Heading(number, title, None, *_parties(phrase))
        return Heading(number, title, None, _clean_party(sender), _clean_party(recipient))
    return Heading(number, title, doc_type, *_parties(phrase))


# The types whose text opens with a telegram number ("974.", "CAP 55515-62.").
TELEGRAM_TYPES = frozenset({"telegram", "cable", "airgram", "circular", "circular-telegram"})
# Old volumes print the type at the end of the source note: "501.BB Interim/1–348: Telegram".
_TYPE_IN_SOURCE = re.compile(r":\s*([A-Z][A-Za-z .-]{2,40}?)\.?\s*$")


def doc_type_from_source_note(text: str | None) -> str | None:
    """The document type that an old volume prints at the end of its source note, or None."""
    m = _TYPE_IN_SOURCE.search(text or "")
    if m is None:
        return None
    try:
        return parse_heading(m.group(1)).doc_type
    except FieldError:
        return None
