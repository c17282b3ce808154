"""Correspondents as nodes: one post, whatever its spelling."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cablegram.history.posts import (
    DEPARTMENT,
    USUN,
    normalize_correspondent,
    post_for_city,
)


def test_the_moscow_embassy_is_one_node() -> None:
    names = ["Embassy in the Soviet Union", "the Moscow Embassy", "EMBMOSCOW",
             "Amembassy Moscow", "AMEMBASSY MOSCOW", "Ambassador in the Soviet Union (Kohler)"]
    assert {normalize_correspondent(n) for n in names} == {"Embassy in the Soviet Union"}


def test_one_city_one_post() -> None:
    assert normalize_correspondent("Embassy in the United Arab Republic") == \
        normalize_correspondent("Embassy in Egypt") == "Embassy in Egypt"
    assert post_for_city("Yaoundé") == post_for_city("Yaounde")
    assert post_for_city("Moscow") == "Embassy in the Soviet Union"
    assert post_for_city("Atlantis") is None


def test_the_department_and_the_secretary() -> None:
    for name in ("Department of State", "Secretary of State", "Acting Secretary of State",
                 "Secretary of State Rusk", "SECSTATE WASHDC"):
        assert normalize_correspondent(name) == DEPARTMENT
    for name in ("Mission to the United Nations", "Mission at the United Nations", "USUN"):
        assert normalize_correspondent(name) == USUN


def test_anything_else_is_tidied_not_merged() -> None:
    assert normalize_correspondent("  President   Kennedy ") == "President Kennedy"
    assert normalize_correspondent("Canadian Embassy, Paris") == "Canadian Embassy, Paris"
    assert normalize_correspondent("Embassy in Thailand [text not declassified]") == \
        "Embassy in Thailand"
    assert normalize_correspondent(None) is None
    assert normalize_correspondent(" . ") is None


@given(st.one_of(st.none(), st.text(max_size=80)))
def test_any_text_gives_a_name_or_none(text: str | None) -> None:
    node = normalize_correspondent(text)
    assert node is None or (node == node.strip() and node)


def test_consulates_and_missions_by_city() -> None:
    from cablegram.history.posts import NATO, local_posts

    assert normalize_correspondent("Consul General at Calcutta (Wilson)") == \
        normalize_correspondent("Consulate General in Calcutta") == "Consulate General at Calcutta"
    assert normalize_correspondent("Mission in West Berlin") == "Mission at Berlin"
    assert normalize_correspondent("Mission at the North Atlantic Treaty Organization") == NATO
    local = local_posts({"Mission at Berlin", "Consulate at Geneva", "Mission at Geneva",
                         "Consulate General at Hué"})
    assert local == {"berlin": "Mission at Berlin", "hue": "Consulate General at Hué"}
