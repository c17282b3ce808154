"""Small authority folders written in code: a people register of a handful of persons and a
pocom folder, laid out as the Office of the Historian's repositories are.

Layouts learned from https://github.com/HistoryAtState/people (data/100000/1/0/3/3/103362.xml,
`person/names/originals/original/source-url`) and https://github.com/HistoryAtState/pocom
(people/k/kohler-foy-david.xml, missions-countries/russia.xml,
positions-principals/secretary.xml).
"""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).parents[1] / "fixtures"
MINI = FIXTURES / "tei" / "frus-mini.xml"
URL = "https://history.state.gov"
VOL = f"{URL}/historicaldocuments/frus-mini/persons#"
POCOM = f"{URL}/departmenthistory/people/"

# register id -> (preferred name, [(original name, source URL)])
REGISTER: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "100001": ("Rusk, Dean", [("Rusk, Dean", f"{VOL}p_RD3"),
                              ("Rusk, David Dean", f"{POCOM}rusk-david-dean")]),
    "100002": ("Khrushchev, Nikita Sergeyevich", [("Khrushchev, Nikita S.", f"{VOL}p_KNS2")]),
    "107327": ("Kohler, Foy D.", [("Kohler, Foy D.", f"{POCOM}kohler-foy-david")]),
    "100004": ("Kuznetsov, Vasily Vasilyevich", []),
    "100005": ("Kuznetsov, Nikolai", []),
    "100006": ("Thompson, Llewellyn E.",
               [("Thompson, Llewellyn E.", f"{POCOM}thompson-llewellyn-e")]),
}
NAMELESS = "100009"  # a register entry without a name: a warning, and linking goes on


def person_xml(pid: str, name: str, originals: list[tuple[str, str]]) -> str:
    items = "".join(
        f"<original source-urls=\"1\"><name>{n}</name><source-url>{u}</source-url></original>"
        for n, u in originals)
    preferred = f"<name>{name}</name>" if name else ""
    return (f"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<person><id>{pid}</id>"
            f"<names><preferred>{preferred}</preferred><alternates/>"
            f"<originals>{items}</originals></names><birth-year/><death-year/></person>\n")


def write_register(root: Path, extra: dict[str, str] | None = None) -> Path:
    """The register under `root`: data/100000/1/0/0/0/NNNNNN.xml; `extra`: file name -> text."""
    for pid, (name, originals) in REGISTER.items():
        d = root / "data" / "100000" / pid[0] / pid[1] / pid[2] / pid[3]
        d.mkdir(parents=True, exist_ok=True)
        (d / f"{pid}.xml").write_text(person_xml(pid, name, originals), encoding="utf-8")
    d = root / "data" / "100000" / "1" / "0" / "0" / "0"
    (d / f"{NAMELESS}.xml").write_text(person_xml(NAMELESS, "", []), encoding="utf-8")
    for name, text in (extra or {}).items():
        (d / name).write_text(text, encoding="utf-8")
    return root


def _pocom_person(pid: str, surname: str, forename: str) -> str:
    return (f"<person><id>{pid}</id><persName><surname>{surname}</surname>"
            f"<forename>{forename}</forename></persName></person>\n")


def _chief(eid: str, pid: str, role: str, start: str, end: str) -> str:
    return (f"<chief><id>{eid}</id><person-id>{pid}</person-id>"
            f"<role-title-id>{role}</role-title-id><appointed><date/></appointed>"
            f"<started><date>{start}</date></started><ended><date>{end}</date></ended></chief>")


def write_pocom(root: Path) -> Path:
    """people/, missions-countries/russia.xml (Thompson, then Kohler in Moscow) and
    positions-principals/secretary.xml (Rusk; one entry that ends before it starts)."""
    for sub in ("people/k", "people/r", "people/t", "missions-countries",
                "positions-principals"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    (root / "people/k/kohler-foy-david.xml").write_text(
        _pocom_person("kohler-foy-david", "Kohler", "Foy David"))
    (root / "people/r/rusk-david-dean.xml").write_text(
        _pocom_person("rusk-david-dean", "Rusk", "David Dean"))
    (root / "people/t/thompson-llewellyn-e.xml").write_text(
        _pocom_person("thompson-llewellyn-e", "Thompson", "Llewellyn E."))
    (root / "missions-countries/russia.xml").write_text(
        "<country-mission><territory-id>russia</territory-id><chiefs>"
        + _chief("ru-1957-thom", "thompson-llewellyn-e", "ambassador-extraordinary-and-"
                 "plenipotentiary", "1957-07-16", "1962-07-27")
        + _chief("ru-1962-kohl", "kohler-foy-david", "ambassador-extraordinary-and-"
                 "plenipotentiary", "1962-09-27", "1966-11-14")
        + "</chiefs></country-mission>\n")
    (root / "positions-principals/secretary.xml").write_text(
        "<principal-position><id>secretary</id><names><singular>Secretary of State</singular>"
        "</names><principals><principal><id>secr-1961-rusk</id>"
        "<person-id>rusk-david-dean</person-id><role-title-id>secretary</role-title-id>"
        "<started><date>1961-01-21</date></started><ended><date>1969-01-20</date></ended>"
        "</principal><principal><id>secr-bad</id><person-id>rusk-david-dean</person-id>"
        "<role-title-id>secretary</role-title-id><started><date>1970-01-01</date></started>"
        "<ended><date>1969-01-01</date></ended></principal></principals>"
        "</principal-position>\n")
    return root


def write_authorities(root: Path) -> tuple[Path, Path]:
    return write_register(root / "people"), write_pocom(root / "pocom")
