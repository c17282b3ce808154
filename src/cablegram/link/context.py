"""What the words around a name say: titles before it, and words that make it something else."""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words printed before a surname that make it a person's title, not a given name.
TITLES = _words("""
President Vice Secretary Under Assistant Deputy Ambassador Minister Foreign Prime Premier
Chairman Chancellor General Admiral Senator Governor Representative Congressman Judge Justice
Attorney Director Mr. Mrs. Miss Ms. Dr. Mr Mrs Dr Sir Lord Lady King Queen Prince Princess
Shah Emperor Sheikh Sultan Emir Pope Cardinal Archbishop Bishop Father Marshal Field Colonel
Col. Gen. Adm. Lt. Lieutenant Major Maj. Captain Capt. Commander Cmdr. Sergeant Ambassadors
Secretaries Messrs. Messrs Commissioner Counselor Consul Chargé Charge Mayor Speaker Leader
Presidents Ministers Chief Delegate Envoy Governor-General Generalissimo Brigadier Deputies
Professor Prof. Rev. Reverend Brother Sister Comrade Chairmen Ayatollah Crown
Senators Generals Generals' Dictator Leaders Colonels Admirals Comrades Representatives
""")

# Capitalised words that open sentences or phrases, not given names.
FUNCTION_WORDS = _words("""
The A An In On At If When But And As For To From By With That This These Those Then There
It Its He She They We I You His Her Their Our My Your After Before Since During Although
Though While Where Whether Which Who Whom Whose What Why How Also Both Either Neither Not No
Yes So Thus Hence Only Even Yet Still Some Any Each Every All Most Many Much More Such Other
Under Over Between Among Through Against Without Within Upon About Above Below Of Or Nor
Dear Subject Participants Memorandum Telegram Letter Message Note Copy Cc Attachment Mr.
Said Says According Tell Told Per Re Via Ref Reference See Cf Also Sent Received Repeated
US U.S. USSR Soviet American British French German Chinese Cuban Israeli Egyptian Indian
Japanese Korean Vietnamese Italian Turkish Greek Polish Canadian Mexican Brazilian Arab
Department Embassy State White Senate House Congress Government Mission Delegation
""")

# Words after a surname that make it the name of a thing ("Kennedy Library", "Marshall Plan").
THINGS = _words("""
Library Administration Administrations Doctrine Plan Papers House Center Foundation Institute
Line Amendment Act Round Memorial Airport Street Avenue Hotel Building Corollary Dam Island
Islands River Bay Park County University College School Award Prize Report Agreement Treaty
Resolution Formula Proposal Principles Program Programme Station Base Field Bridge Canal
Hall Collection Files Oral Diary Diaries Project Lot Manuscript
""")

# Words before a surname that make it a place ("Fort Knox", "Cape Kennedy").
PLACES_BEFORE = _words("Fort Lake Mount Cape Port Camp St. Saint San Santa Lago Rio")

_WORD_BEFORE = re.compile(r"([\w.’'-]+)[ \t]*$")
_WORD_AFTER = re.compile(r"^[ \t]*([\w.’'-]+)")


def word_before(text: str, start: int) -> str:
    """The word printed just before `start` on the same line ("" at a line start)."""
    m = _WORD_BEFORE.search(text, max(0, start - 40), start)
    return m.group(1) if m else ""


def word_after(text: str, end: int) -> str:
    m = _WORD_AFTER.match(text[end : end + 40])
    return m.group(1) if m else ""


def titles_before(text: str, start: int) -> list[str]:
    """The run of title words just before a name ("Soviet Foreign Minister Gromyko" gives
    ["Foreign", "Minister"]); the nearest last."""
    found: list[str] = []
    at = start
    while len(found) < 4:
        w = word_before(text, at)
        if w not in TITLES:
            break
        found.insert(0, w)
        at = text.rfind(w, 0, at)
    return found
