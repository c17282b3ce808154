"""scripts/link_accuracy.py on a hand-written volume: what counts as gold, on which side."""

from __future__ import annotations

from pathlib import Path

import pytest

from accuracy_script import link_accuracy
from cablegram.link import Authorities

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "fixtures" / "tei" / "frus-persons.xml"


la = link_accuracy()


@pytest.mark.parametrize(("corresp", "ids"), [
    ("#p_A", ["p_A"]), ("p_A", ["p_A"]), (".#p_A", ["p_A"]), ("#p_A #p_B", ["p_A", "p_B"]),
    ("frus1958-60v02#p_A", ["p_A"]), ("", []), ("#", []),
])
def test_corresp_ids(corresp: str, ids: list[str]) -> None:
    assert la.corresp_ids(corresp) == ids


def test_document_markup_takes_every_part_of_the_document() -> None:
    m = la.document_markup(FIXTURE)["d1"]
    # source note (Kohler), text, footnote and closer alike; Gromyko has no corresp
    assert m.tagged == {"p_KFD1", "p_KVV2", "p_KJF2", "p_KRF1"}
    assert m.unlinked == {"Gromyko"}


def test_a_person_tagged_only_outside_the_text(tmp_path: Path) -> None:
    # The signature left untagged: Kohler is tagged in the source note only. The linker's
    # "Kohler" in the text is wrong by the text alone, right for the document.
    xml = FIXTURE.read_text(encoding="utf-8").replace(
        '<signed><persName corresp="#p_KFD1">Kohler</persName></signed>', "<signed>Kohler</signed>")
    path = tmp_path / "frus-persons.xml"
    path.write_text(xml, encoding="utf-8")
    t = la.measure([path], Authorities.load(None, None)).overall()
    assert (t.doc_gold, t.text_gold) == (4, 3)
    assert t.text_pred - t.text_tp == 1  # Kohler, counted wrong in the text
    assert t.doc_tp == t.text_tp + 1  # and right for the document


def test_entries_of_one_person_count_as_one() -> None:
    from cablegram.link.authorities import VolumePerson
    listed = [VolumePerson("p_KC1", "Karamanlis, Constantine", None, "101"),
              VolumePerson("p_C1", "Caramanlis", None, "101"),
              VolumePerson("p_K1", "Karamanlis", None, None, see="p_C1"),
              VolumePerson("p_X1", "Someone, Else", None, "102")]
    assert la.same_person(listed) == {"p_C1": "p_KC1", "p_K1": "p_KC1"}
