"""Number sequences: gaps and numbers that run backwards, on series whose answer is known."""

from __future__ import annotations

from tests.history.conftest import Put, tel

from cablegram.archive import Archive
from cablegram.history.sequences import sequences
from cablegram.store.base import HistoryDocRow

MOSCOW = "Embassy in the Soviet Union"
DEPT = "Department of State"


def _row(id: str, day: str, number: str, sender: str = MOSCOW,
         recipient: str = DEPT) -> HistoryDocRow:
    return HistoryDocRow(0, id, "c", 0, day, None, 0, "telegram", "", sender, recipient, number)


def test_gaps_and_a_misdated_document() -> None:
    rows = [_row("a", "1962-10-20", "974"), _row("b", "1962-10-22", "990"),
            _row("c", "1962-10-30", "985"),  # misdated: after 990's day
            _row("d", "1962-10-23", "1000"), _row("e", "1962-10-24", "1001")]
    (seq,) = sequences(rows)
    assert (seq.sender, seq.recipient, seq.year) == (MOSCOW, DEPT, "FY1963")
    assert [h.number for h in seq.held] == [974, 985, 990, 1000, 1001]
    assert seq.gaps == [(975, 984), (986, 989), (991, 999)]
    assert seq.missing == 10 + 4 + 9
    assert seq.backwards == ["c"]


def test_two_that_swap_are_both_flagged() -> None:
    (seq,) = sequences([_row("a", "1962-10-22", "10"), _row("b", "1962-10-20", "11")])
    assert seq.backwards == ["a", "b"]


def test_series_split_by_recipient_and_numbering_year() -> None:
    rows = [_row("a", "1962-06-30", "3000"), _row("b", "1962-07-01", "1"),
            _row("c", "1962-07-02", "2", DEPT, MOSCOW), _row("d", "1962-07-03", "4A")]
    got = [(s.sender, s.recipient, s.year, [h.id for h in s.held]) for s in sequences(rows)]
    assert got == [(DEPT, MOSCOW, "FY1963", ["c"]), (MOSCOW, DEPT, "FY1962", ["a"]),
                   (MOSCOW, DEPT, "FY1963", ["b"])]


def test_over_an_archive(archive: Archive, put: Put) -> None:
    put("frustest", [tel("x1", "1962-10-20", MOSCOW, DEPT, "5"),
                     tel("x2", "1962-10-21", "EMBMOSCOW", DEPT, "7")])
    (seq,) = archive.number_sequences()
    assert [h.id for h in seq.held] == ["frustest/x1", "frustest/x2"]
    assert seq.gaps == [(6, 6)] and seq.backwards == []
