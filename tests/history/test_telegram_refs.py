"""Telegram references resolved on an archive whose answers are known."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st
from tests.history.conftest import Put, tel

from cablegram.archive import Archive
from cablegram.history.chronology import RangeError, parse_day
from cablegram.history.gaps import cited_not_printed
from cablegram.history.numbering import numbering_year
from cablegram.store.base import RefRow

MOSCOW = "Embassy in the Soviet Union"
DEPT = "Department of State"


def _by_text(archive: Archive, src: str) -> dict[str, tuple[str | None, str | None, list[str]]]:
    return {r.text: (r.target_id, r.reason, r.candidates)
            for r in archive.refs(src_id=f"frustest/{src}")}


def test_numbering_year() -> None:
    assert numbering_year("1962-10-27").label == "FY1963"
    assert (numbering_year("1962-06-30").start, numbering_year("1962-06-30").end) == (
        "1961-07-01", "1962-07-01")
    assert numbering_year("1967-09-01").end == "1968-01-01"
    assert numbering_year("1969-03-01").label == "1969"
    assert numbering_year("1948-12-31").label == "1948"


def _world(put: Put) -> None:
    put("frustest", [
        tel("d1", "1962-10-20", MOSCOW, DEPT, "974"),
        tel("d2", "1962-10-21", DEPT, MOSCOW, "864", "Embtel 974. See also Deptel 800."),
        tel("d3", "1962-10-22", "Ambassador in the Soviet Union (Kohler)", "Secretary of State",
            "990", "Re Deptel 864. As to your 864, reftel unclear.",
            ("Telegram 1625 from USUN, October 30, is not printed.",)),
        tel("d4", "1962-10-23", MOSCOW, DEPT, "1000"),
        tel("d5", "1962-10-23", "Amembassy Moscow", DEPT, "1000"),
        tel("d6", "1962-10-24", DEPT, MOSCOW, "870", "Embtel 1000."),
        # Moscow's 974 of the year before: outside every window above.
        tel("d7", "1961-10-20", MOSCOW, DEPT, "974"),
    ])


def test_resolved_by_number_posts_and_window(archive: Archive, put: Put) -> None:
    _world(put)
    d2 = _by_text(archive, "d2")
    assert d2["Embtel 974"] == ("frustest/d1", None, ["frustest/d1"])
    d3 = _by_text(archive, "d3")
    assert d3["Deptel 864"][0] == "frustest/d2"
    assert d3["your 864"][0] == "frustest/d2"  # "your": the recipient's telegram to the sender


def test_two_candidates_stay_unresolved_with_both(archive: Archive, put: Put) -> None:
    _world(put)
    target, reason, candidates = _by_text(archive, "d6")["Embtel 1000"]
    assert target is None and reason == "ambiguous: several documents fit"
    assert candidates == ["frustest/d4", "frustest/d5"]


def test_unresolved_say_why(archive: Archive, put: Put) -> None:
    _world(put)
    assert _by_text(archive, "d2")["Deptel 800"][:2] == (None, "not in the archive")
    # Two telegrams cited before it: which one "reftel" means cannot be told.
    assert _by_text(archive, "d3")["reftel"] == (
        None, "reftel: several telegrams referenced before it", ["frustest/d2", "frustest/d2"])
    usun = [r for r in archive.refs(src_id="frustest/d3") if r.location == "footnote 1"]
    assert [(r.sender_node, r.recipient_node, r.date_lo, r.date_hi) for r in usun] == [
        ("Mission to the United Nations", DEPT, "1962-10-29", "1962-10-31")]


def test_backlinks(archive: Archive, put: Put) -> None:
    _world(put)
    assert sorted(r.src_id for r in archive.backlinks("frustest/d2")) == ["frustest/d3"] * 2
    assert archive.refs(status="resolved", target_id="frustest/d2") == \
        archive.backlinks("frustest/d2")


def test_cited_not_printed(archive: Archive, put: Put) -> None:
    _world(put)
    items = {(i.kind, i.group, i.year, i.number): i for i in archive.cited_not_printed()}
    assert set(items) == {
        ("telegram", f"{DEPT} -> {MOSCOW}", "FY1963", "800"),
        ("telegram", f"Mission to the United Nations -> {DEPT}", "FY1963", "1625"),
    }
    deptel = items[("telegram", f"{DEPT} -> {MOSCOW}", "FY1963", "800")]
    assert (deptel.date_lo, deptel.date_hi, deptel.cited_by) == (
        "1962-07-01", "1962-10-22", ["frustest/d2"])


def test_the_tables_follow_the_documents(archive: Archive, put: Put) -> None:
    _world(put)
    first = archive.sync_history()
    assert first is not None and first.documents == 7
    assert archive.sync_history() is None  # nothing changed since
    put("frustest", [tel("d1", "1962-10-20", MOSCOW, DEPT, "974")])
    built = archive.sync_history()
    assert built is not None and built.documents == 1
    assert archive.sync_history() is None


@given(st.dates(max_value=date(9998, 12, 31)))
def test_a_day_lies_in_its_numbering_year(day: date) -> None:
    year = numbering_year(day.isoformat())
    assert year.start <= day.isoformat() < year.end
    assert year.label in (str(day.year), f"FY{day.year}", f"FY{day.year + 1}")


@given(st.text(max_size=12), st.booleans())
def test_parse_day_gives_a_day_or_its_own_error(text: str, end: bool) -> None:
    try:
        day = parse_day(text, end=end)
    except RangeError:
        return
    assert date.fromisoformat(day)


def test_cited_dates_that_disagree_keep_the_widest_bounds() -> None:
    rows = [RefRow(f"c/d{i}", "telegram", "Deptel 9", "text", None, "unresolved",
                   "not in the archive", [], "9", DEPT, MOSCOW, lo, hi)
            for i, (lo, hi) in enumerate([("1962-10-01", "1962-10-03"),
                                          ("1962-10-02", "1962-10-05"),
                                          ("1962-10-20", "1962-10-22")])]
    (item,) = cited_not_printed(rows)
    # The first two narrow to 10-02..10-03; the third disagrees, and the bounds widen to it.
    assert (item.date_lo, item.date_hi) == ("1962-10-02", "1962-10-22")
    assert item.cited_by == ["c/d0", "c/d1", "c/d2"]


def test_reftel_is_the_one_telegram_cited_before_it(archive: Archive, put: Put) -> None:
    put("frustest", [
        tel("d1", "1962-10-20", DEPT, MOSCOW, "864"),
        tel("r1", "1962-10-21", MOSCOW, DEPT, "990", "990. Re Deptel 864. As instructed reftel."),
        tel("r2", "1962-10-21", MOSCOW, DEPT, "991", "991. Ref Moscow's 980, Deptel 864. Reftel"
            " and reftel."),
        tel("r3", "1962-10-21", MOSCOW, DEPT, "992", "992. Reftel unclear."),
        tel("r4", "1962-10-21", MOSCOW, DEPT, "993", "993. Deptels 864; 870. See reftel."),
    ])
    assert _by_text(archive, "r1")["reftel"][:2] == ("frustest/d1", None)
    # The finder does not read "Moscow's 980": "reftel" may be it.
    assert _by_text(archive, "r2")["reftel"][1] == "reftel: several telegrams referenced before it"
    assert _by_text(archive, "r3")["Reftel"][1] == "reftel: no reference telegram named before it"
    assert _by_text(archive, "r4")["reftel"][0] is None
