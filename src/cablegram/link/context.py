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
Asst. Amb Amb. Sec. Secy. Secy Dep. Sen. Pres. Gov. FonMin PriMin Min. Adm Gen Amb Dep Asst
Madame Mme. Mme BGen MGen LtGen MND DefMin
Col Lt Maj Capt VAdm RAdm SYG Secretary-General President-elect President-Elect Vice-President
Herr Frau Senor Señor Monsieur Signor Mister Sheik Amir Imam Tunku Pandit Sardar Duke Earl
Baron Count Marquis Ambassador-designate Delegates Counselor Attaché Ministers
""")

# Abbreviated titles, written out to compare with a persons list's descriptions.
ABBREVIATIONS = {
    "Asst.": "Assistant", "Asst": "Assistant", "Amb.": "Ambassador", "Amb": "Ambassador",
    "Sec.": "Secretary", "Secy.": "Secretary", "Secy": "Secretary", "Dep.": "Deputy",
    "Dep": "Deputy", "Gen.": "General", "Gen": "General", "Adm.": "Admiral", "Adm": "Admiral",
    "Col.": "Colonel", "Sen.": "Senator", "Pres.": "President", "Gov.": "Governor",
    "FonMin": "Foreign Minister", "PriMin": "Prime Minister", "Min.": "Minister",
    "Lt.": "Lieutenant", "Maj.": "Major", "Capt.": "Captain",
    "MND": "Minister of National Defense", "DefMin": "Defense Minister",
}

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
January February March April May June July August September October November December
Jan. Feb. Mar. Apr. Aug. Sept. Sep. Oct. Nov. Dec. Monday Tuesday Wednesday Thursday Friday
Saturday Sunday
""")

# Words after a surname that make it the name of a place or building ("Kennedy Library").
THINGS = _words("""
House Center Line Memorial Airport Street Avenue Hotel Building Dam Island Islands
River Bay Park County University College School Station Base Field Bridge Canal Hall Sea
Ocean Lake Mountains Valley Strait Straits Gulf Province Oblast District Square Palace
Library Papers Diaries Diary Files Archives Collection
""")
# ("Eisenhower Library, Dulles Papers" in a source note names archives, not people in the
# document.)

# Words after a surname that keep it the person's ("Nixon Doctrine", "Kennedy Administration");
# any other capitalised word after it makes a compound ("West Germany", "Black Sea").
CONCEPTS = _words("""
Doctrine Plan Administration Administrations Government Proposal Proposals Formula Round
Mission Papers Letter Letters Message Messages Visit Report Initiative Regime Cabinet Trip
Talks Meeting Meetings Statement Speech Program Programme Policy Policies Principles Corollary
Amendment Resolution Amendments Committee Commission Group Team Era Years Government's
Party Visit Visits Trip Years Era Regime Forces Faction
""")

# Surnames that are also common capitalised words ("the West", "Green Berets"): alone, they
# name the person only after a title or where a fuller form names them in the document.
WORD_SURNAMES = _words("""
West East North South Black White Brown Green Young Long King Little Rich Hope Bell Hall Grant
Price Bond Church Law Power Strong Wise Noble Best Wood Stone Marshall May Day Hill Page Love
Case Cook Bush Rose Lord Field Street Park Lee Major Summit Rank English French German Welsh
Person Small Short Good Sharp Moody Gay Wells Banks Burns Fox Hunt Hunter Carter Mason Porter
Baker Butler Miller Fisher Chase Cash Gross Lincoln Washington Jackson Israel Paris Berlin
""")

# Short names that are also words opening a question ("Can we", "Do you"): Ngo Dinh Can,
# Tran Van Do. Followed by a lower-case word, they are the word.
SENTENCE_WORDS = _words("""
Can Do Will May Must Shall Did Does Let Had Has Have Are Is Was Were Should Would Could Might
""")

# Last words of an office or a form of address printed before a name ("Secretary of Defense
# McNamara", "His Excellency Nguyen Huu Chau"): no sign of someone else.
OFFICE_ENDS = _words("""
Defense Treasury Commerce Agriculture Labor Interior Justice Affairs Intelligence Staff
Operations Security Excellency Highness Majesty Navy Army Force Forces Corps Council Assembly
SecDef SecState DepSecDef SecNav SecArmy CINCPAC CINCEUR COMUSMACV CJCS DCI Ret Ret. Jr
Doctor Pres Prof Professor Mme Msgr Monsignor Large Plenipotentiary
""")

# Familiar forms of given names ("Bob McNamara"): no sign of someone else.
NICKNAMES = _words("""
Bob Bobby Jack Bill Billy Dick Jim Jimmy Tom Tommy Joe Mike Chuck Ted Teddy Hank Larry Walt
Ed Eddie Don Dave Pete Ben Harry Al Fred Frank Steve Tony Andy Sandy Nick Chet Chip Mac Abe
Sam Max Phil Ray Ron Ken Gene Stan Herb Bud Doug Tex Cy Rog Mel Marty Zbig Bus Len Wyn Geo
""")

# The given names some familiar forms stand for ("Bobby Kennedy" is Robert, "Jack" John):
# a candidate whose given names are known and hold none of them is someone else.
GIVEN_FOR_NICKNAME = {
    nick: frozenset({nick, *given.split()}) for nick, given in {
        "Bob": "Robert", "Bobby": "Robert", "Jack": "John", "Bill": "William",
        "Billy": "William", "Dick": "Richard", "Jim": "James", "Jimmy": "James",
        "Tom": "Thomas", "Tommy": "Thomas Llewellyn", "Joe": "Joseph", "Mike": "Michael",
        "Chuck": "Charles", "Ted": "Edward Theodore Teodoro", "Teddy": "Edward Theodore",
        "Hank": "Henry", "Larry": "Lawrence Laurence", "Ed": "Edward Edwin Edmund",
        "Eddie": "Edward", "Don": "Donald", "Dave": "David", "Pete": "Peter",
        "Ben": "Benjamin", "Fred": "Frederick Alfred", "Steve": "Stephen Steven",
        "Tony": "Anthony", "Andy": "Andrew", "Nick": "Nicholas", "Chet": "Chester",
        "Chip": "Charles", "Abe": "Abraham", "Sam": "Samuel", "Phil": "Philip Phillips",
        "Ray": "Raymond", "Ron": "Ronald", "Ken": "Kenneth", "Gene": "Eugene",
        "Stan": "Stanley", "Herb": "Herbert", "Doug": "Douglas", "Zbig": "Zbigniew",
    }.items()}

# Words before a surname that make it a place ("Fort Knox", "Cape Kennedy").
PLACES_BEFORE = _words("Fort Lake Mount Cape Port Camp St. Saint San Santa Lago Rio Viet")

_WORD_BEFORE = re.compile(r"([\w.’'-]+)[ \t]*$")
_WORD_AFTER = re.compile(r"^[ \t]*([\w.’'-]+)")


_WORDISH = "_.’'-"


def word_before(text: str, start: int) -> str:
    """The word printed just before `start` on the same line ("" at a line start), within
    40 characters: what `_WORD_BEFORE` finds there, read backwards without a regex (this
    runs for every name found, and the regex's search from the left cost 15% of linking)."""
    lo = max(0, start - 40)
    end = start - 1 if start > lo and text[start - 1] == "\n" else start  # (`$` before a \n)
    while end > lo and text[end - 1] in " \t":
        end -= 1
    at = end
    while at > lo and (text[at - 1].isalnum() or text[at - 1] in _WORDISH):
        at -= 1
    return text[at:end]


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
