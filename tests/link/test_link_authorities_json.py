"""The authorities' JSON: what the store keeps and the readers load, unchanged by how it is made.

Its text names the authorities (`linking.stamp_of`): a change of one character would have every
archive linked again, so it is pinned to `dataclasses.asdict` and to a round trip.
"""

from __future__ import annotations

import json
from dataclasses import asdict

from cablegram.link.authorities import Appointment, Authorities, RegisterPerson, VolumePerson


def _authorities() -> Authorities:
    return Authorities(
        persons={"107516": RegisterPerson(
            id="107516", name="Kuznetsov, Vasily Vasilyevich", names=["Kuznetsov", "Кузнецов"],
            volume_ids={"frus1961-63v06": ["p_KVV1"]}, pocom_id=None, birth=1901, death=None)},
        appointments=[Appointment(person_id=None, pocom_id="kohler-foy-david", name="Foy D. Kohler",
                                  role="chief-of-mission", post="russia", start="1962-09-27",
                                  end=None)],
        warnings=["people/x.json: an entry without a name"],
        volumes={"frus1961-63v06": [VolumePerson("p_KVV1", "Kuznetsov, V.V.", "Deputy Minister",
                                                 "107516"),
                                    VolumePerson("p_K2", "Kuznetzov", see="p_KVV1")]},
        terms={"frus1961-63v06": {"Deptel": "Department of State telegram"}})


def test_the_json_is_that_of_asdict() -> None:
    auth = _authorities()
    assert auth.to_json() == json.dumps(asdict(auth), ensure_ascii=False, separators=(",", ":"))


def test_the_json_reads_back_the_same() -> None:
    auth = _authorities()
    assert Authorities.from_json(auth.to_json()) == auth
