"""Correspondents as nodes: "Embassy in the Soviet Union", "EMBMOSCOW", "Amembassy Moscow" and
"the Moscow Embassy" are one post; the Secretary's telegrams are the Department's.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from importlib import resources

DEPARTMENT = "Department of State"
USUN = "Mission to the United Nations"

# Spellings of one city in different decades or romanisations.
_CITY_ALIASES = {
    "havana": "habana", "jakarta": "djakarta", "yaounde": "yaounde", "leopoldville": "leopoldville",
    "tel aviv-jaffa": "tel aviv", "jeddah": "jidda", "teheran": "tehran",
    "hague": "the hague", "rio": "rio de janeiro", "delhi": "new delhi",
}
_WS = re.compile(r"\s+")
_BRACKETS = re.compile(r"\s*\[[^\]]*\]")
# "Embassy in the Soviet Union", "Ambassador in Vietnam (Durbrow)", "Legation in Hungary".
_IN_COUNTRY = re.compile(
    r"^(?:the\s+)?(?:American\s+|US\s+|U\.S\.\s+)?(?:Embassy|Legation|Ambassador|Minister|Chargé)"
    r"(?:\s+d'Affaires)?\s+in\s+(?P<country>[^(]+?)(?:\s*\(.*\))?$", re.IGNORECASE)
# "EMBMOSCOW", "AMEMBASSY MOSCOW", "Amembassy Moscow", "Embassy Moscow", "the Moscow Embassy".
_CODE = re.compile(r"^(?:AM)?EMB(?:ASSY)?\s*(?P<city>[A-Z][A-Za-z .'-]+)$", re.IGNORECASE)
_CITY_EMBASSY = re.compile(r"^(?:the\s+)?(?P<city>[A-Z][A-Za-z .'-]+?)\s+Embassy$")
# "Consul General at Calcutta (Wilson)", "Consulate General in Istanbul", "Consulate at Hue".
_CONSULATE = re.compile(
    r"^(?:the\s+)?(?:American\s+)?Consul(?:ate)?(?P<general>\s+General)?\s+(?:at|in)\s+"
    r"(?P<city>[^(]+?)(?:\s*\(.*\))?$")
# "Mission at Berlin", "Mission in West Berlin", "Mission to Geneva" (a city, not an organisation).
_MISSION_CITY = re.compile(
    r"^(?:the\s+)?(?:US\s+|U\.S\.\s+)?Mission\s+(?:at|in|to)\s+(?:West\s+)?"
    r"(?P<city>[A-Z][a-z]+)$")
_NATO = re.compile(r"^(?:the\s+)?(?:US\s+)?Mission\s+(?:at|to)\s+the\s+North\s+Atlantic\s+"
                   r"Treaty\s+Organization(?:\s+and\s+(?:the\s+)?European\s+Regional\s+"
                   r"Organizations)?$")
NATO = "Mission to the North Atlantic Treaty Organization and European Regional Organizations"
# The node of a post named by its city alone, for `local_posts`.
_LOCAL_POST = re.compile(r"^(?:Consulate(?: General)? at|Mission at) (?P<city>.+)$")
_DEPARTMENT = re.compile(
    r"^(?:the\s+)?(?:Department(?:\s+of\s+State)?|DEPT|DEPTEL|SECSTATE(?:\s+WASHDC)?|"
    r"(?:Acting\s+)?Secretary\s+of\s+State(?:\s+[A-Z][\w.'-]*)*)$", re.IGNORECASE)
_UN = re.compile(
    r"^(?:the\s+)?(?:USUN|(?:US\s+|U\.S\.\s+)?(?:Mission|Delegation)\s+(?:at|to)\s+the\s+"
    r"(?:United\s+Nations|U\.\s?N\.)(?:\s+General\s+Assembly)?|Representative\s+at\s+the\s+"
    r"United\s+Nations(?:\s*\(.*\))?|Permanent\s+Representative\s+(?:at|to)\s+the\s+United\s+"
    r"Nations(?:\s*\(.*\))?)$", re.IGNORECASE)


def fold(text: str) -> str:
    """Lower case, no accents, one space: "Yaoundé" -> "yaounde"."""
    nfkd = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in nfkd if not unicodedata.combining(c))
    return _WS.sub(" ", plain).strip().lower()


@cache
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    """(folded country -> folded city, folded city -> the post's name)."""
    country_city: dict[str, str] = {}
    city_post: dict[str, str] = {}
    text = resources.files("cablegram.data").joinpath("us_posts.tsv").read_text("utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        country, city = line.split("\t")[:2]
        fc = fold(city)
        country_city[fold(country)] = fc
        # The first country listed for a city names its post (the table is sorted, and the
        # later "the ..." spellings of the same post are aliases).
        city_post.setdefault(fc, f"Embassy in {country}")
    # The post of a city is the most common FRUS spelling of its country.
    for country, preferred in (("the Soviet Union", "moscow"), ("the United Kingdom", "london"),
                               ("the Republic of China", "taipei"), ("Germany", "bonn"),
                               ("Egypt", "cairo"), ("the Netherlands", "the hague"),
                               ("the Philippines", "manila"), ("Vietnam", "saigon"),
                               ("Korea", "seoul"), ("the Congo", "leopoldville")):
        city_post[preferred] = f"Embassy in {country}"
    return country_city, city_post


def post_for_city(city: str) -> str | None:
    """The US post in a city ("Moscow" -> "Embassy in the Soviet Union"); None if unknown."""
    fc = fold(city)
    fc = _CITY_ALIASES.get(fc, fc)
    if fc in ("washington", "washington dc", "department"):
        return DEPARTMENT
    if fc in ("usun", "new york", "un", "united nations"):
        return USUN
    return _tables()[1].get(fc)


def post_for_country(country: str) -> str | None:
    fc = fold(country)
    city = _tables()[0].get(fc) or _tables()[0].get(f"the {fc}")
    return post_for_city(city) if city else None


def normalize_correspondent(text: str | None) -> str | None:
    """The node of a sender or recipient as printed: posts merged, anything else tidied."""
    if text is None:
        return None
    name = _WS.sub(" ", _BRACKETS.sub("", text)).strip(" .,;:")
    if not name:
        return None
    if _DEPARTMENT.match(name):
        return DEPARTMENT
    if _UN.match(name):
        return USUN
    if _NATO.match(name):
        return NATO
    m = _CONSULATE.match(name)
    if m:
        return f"Consulate{' General' if m['general'] else ''} at {m['city'].strip()}"
    m = _MISSION_CITY.match(name)
    if m:
        return f"Mission at {m['city']}"
    m = _IN_COUNTRY.match(name)
    if m:
        return post_for_country(m["country"]) or f"Embassy in {m['country'].strip()}"
    for pattern in (_CODE, _CITY_EMBASSY):
        m = pattern.match(name)
        if m:
            post = post_for_city(m["city"])
            if post:
                return post
    return name


def local_posts(nodes: set[str]) -> dict[str, str]:
    """Folded city -> the one consulate or mission there among `nodes` ("Berlin" -> "Mission
    at Berlin"); a city with several ("Geneva") is left out: a citation of it stays unknown."""
    found: dict[str, set[str]] = {}
    for node in nodes:
        m = _LOCAL_POST.match(node)
        if m:
            found.setdefault(fold(m["city"]), set()).add(node)
    return {city: next(iter(ns)) for city, ns in found.items() if len(ns) == 1}
