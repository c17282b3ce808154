"""Chronology and network over archives built in code; bad ranges fail in one line."""

from __future__ import annotations

import io

import networkx as nx
import pytest
from tests.history.conftest import Put, tel

from cablegram.archive import Archive
from cablegram.errors import CablegramError, NotFound
from cablegram.history.chronology import RangeError
from cablegram.record import Mention, PersonLink, Record, Signer

MOSCOW = "Embassy in the Soviet Union"
DEPT = "Department of State"


def _world(put: Put) -> None:
    put("frustest", [
        tel("d1", "1962-10-27", MOSCOW, DEPT, "1", time="14:00"),
        tel("d2", "1962-10-27", DEPT, MOSCOW, "2", time="09:00"),
        # No date: its range places it, and the entry says so.
        Record(id="frustest/d3", collection="frustest", title="Note",
               date_not_before="1962-10-28", date_not_after="1962-10-30"),
        tel("d4", "1962-11-05", "Amembassy Moscow", "Secretary of State", "3"),
        # No date nor range: the document before it in the volume places it.
        Record(id="frustest/d5", collection="frustest", title="Editorial Note"),
    ])
    put("other", [Record(id="other/a", collection="other", date="1962-10-27",
                         sender="EMBMOSCOW", recipient="DEPT", time="11:00")])


def test_time_order_across_collections(archive: Archive, put: Put) -> None:
    _world(put)
    c = archive.chronology("1962-10-27", "1962-10-31")
    assert [(e.id, e.inferred) for e in c.entries] == [
        ("frustest/d2", False), ("other/a", False), ("frustest/d1", False),
        ("frustest/d3", True)]
    assert c.counts == [("1962-10-27", 3, 0), ("1962-10-28", 1, 1)]
    assert archive.chronology("1962-11", "1962-11").entries[-1].id == "frustest/d5"


def test_counts_per_week_and_month_and_one_collection(archive: Archive, put: Put) -> None:
    _world(put)
    by_month = archive.chronology("1962", "1962", period="month")
    assert by_month.counts == [("1962-10", 4, 1), ("1962-11", 2, 1)]
    assert by_month.total == 6
    weeks = archive.chronology("1962", "1962", period="week").counts
    assert sum(n for _, n, _ in weeks) == 6 and len(weeks) == 2
    assert archive.chronology("1962", "1962", collection="other").total == 1
    assert len(archive.chronology("1962", "1962", limit=2).entries) == 2


def test_an_empty_range_is_empty_not_an_error(archive: Archive, put: Put) -> None:
    _world(put)
    c = archive.chronology("1800-01-01", "1800-12-31")
    assert (c.total, c.entries, c.counts) == (0, [], [])
    assert archive.network("1800", "1800").edges == []


@pytest.mark.parametrize(("lo", "hi", "message"), [
    ("1962-10-28", "1962-10-27", "the range starts (1962-10-28) after it ends (1962-10-27)"),
    ("1962-13-01", "1962-12-31", "'1962-13-01' is not a date: no such day"),
    ("October 27", "1962-12-31", "'October 27' is not a date: use YYYY-MM-DD, YYYY-MM or YYYY"),
])
def test_bad_ranges(archive: Archive, lo: str, hi: str, message: str) -> None:
    with pytest.raises(RangeError) as e:
        archive.chronology(lo, hi)
    assert str(e.value) == message
    with pytest.raises(RangeError):
        archive.network(lo, hi)
    with pytest.raises(RangeError):
        archive.digest(lo, hi)


def test_unknown_collection(archive: Archive) -> None:
    with pytest.raises(NotFound):
        archive.chronology("1962", "1962", collection="nope")
    with pytest.raises(CablegramError, match="unknown period"):
        archive.network("1962", "1962", period="fortnight")


def test_posts_are_merged_into_one_edge(archive: Archive, put: Put) -> None:
    _world(put)
    net = archive.network("1962-10-01", "1962-11-30")
    edges = {(e.source, e.target): (e.documents, e.by_period) for e in net.edges}
    assert edges == {
        (MOSCOW, DEPT): (3, {"1962-10": 2, "1962-11": 1}),
        (DEPT, MOSCOW): (1, {"1962-10": 1}),
    }


def test_graphml_reads_back(archive: Archive, put: Put) -> None:
    _world(put)
    text = archive.network("1962", "1962").graphml()
    g = nx.read_graphml(io.BytesIO(text.encode("utf-8")))
    assert sorted(g.nodes) == [DEPT, MOSCOW]
    assert g.edges[MOSCOW, DEPT]["weight"] == 3
    assert g.nodes[MOSCOW]["label"] == MOSCOW


def _person(id: str, name: str) -> PersonLink:
    return PersonLink(id=id, name=name, mentions=[Mention(name, 0, len(name))])


def test_network_by_person_uses_linked_persons(archive: Archive, put: Put) -> None:
    put("frustest", [
        Record(id="frustest/m1", collection="frustest", date="1962-10-27",
               sender="President's Special Assistant (Bundy)", recipient="President Kennedy",
               signers=[Signer("McGeorge Bundy")],
               persons=[_person("1", "McGeorge Bundy"), _person("2", "John F. Kennedy"),
                        _person("3", "Dean Rusk")]),
        Record(id="frustest/m2", collection="frustest", date="1962-10-28",
               sender="Secretary of State Rusk", recipient="President Kennedy",
               persons=[_person("3", "Dean Rusk"), _person("2", "John F. Kennedy")]),
        # Persons not linked: no person edge.
        Record(id="frustest/m3", collection="frustest", date="1962-10-28",
               sender="Secretary of State Rusk", recipient="President Kennedy"),
    ])
    net = archive.network("1962-10", "1962-10", by="person")
    assert [(e.source, e.target, e.documents) for e in net.edges] == [
        ("Dean Rusk [3]", "John F. Kennedy [2]", 1),
        ("McGeorge Bundy [1]", "John F. Kennedy [2]", 1),
    ]
    assert archive.network("1962-10", "1962-10", by="post").edges[0].documents == 2


def test_whole_months_and_partial_ones_add_up(archive: Archive, put: Put) -> None:
    # By month or year, whole months are read from the monthly table and the partial ones
    # from the documents: the same counts as the documents give day by day.
    days = ["1962-01-31", "1962-02-01", "1962-02-15", "1962-02-28", "1962-03-01",
            "1962-12-31", "1963-01-01", "1963-03-10"]
    put("frustest", [tel(f"t{i}", d, MOSCOW, DEPT, str(i)) for i, d in enumerate(days)])
    ranges = [("1962-01-31", "1963-03-10"), ("1962-02-01", "1962-02-28"),
              ("1962-02-02", "1962-02-27"), ("1962-01-15", "1962-03-01"),
              ("1962-02-01", "1963-01-01"), ("1962", "1963")]
    for lo, hi in ranges:
        by_day = archive.network(lo, hi, period="day")
        for period, cut in (("month", 7), ("year", 4)):
            want: dict[str, int] = {}
            for day, n in (by_day.edges[0].by_period.items() if by_day.edges else []):
                want[day[:cut]] = want.get(day[:cut], 0) + n
            got = archive.network(lo, hi, period=period)
            assert (got.edges[0].by_period if got.edges else {}) == want, (lo, hi, period)
