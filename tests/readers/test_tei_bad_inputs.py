"""Bad inputs give one ReadError line naming the file, never another exception."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cablegram.errors import ReadError
from cablegram.readers.tei import TeiReader

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "tei"
GOOD = (FIXTURES / "frus-mini.xml").read_bytes()
TEI_OPEN = b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>'


def error_for(path: Path) -> ReadError:
    with pytest.raises(ReadError) as info:
        list(TeiReader().read(path))
    err = info.value
    assert err.path == str(path)
    assert "\n" not in str(err)
    assert str(err).startswith(str(path))
    return err


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def test_malformed_xml(tmp_path: Path) -> None:
    err = error_for(write(tmp_path, "bad.xml", GOOD.replace(b"</dateline>", b"</datelin>", 1)))
    assert "malformed XML" in err.reason


def test_truncated_xml(tmp_path: Path) -> None:
    err = error_for(write(tmp_path, "cut.xml", GOOD[: len(GOOD) // 2]))
    assert "truncated XML" in err.reason


def test_truncated_gzip(tmp_path: Path) -> None:
    data = gzip.compress(GOOD)
    err = error_for(write(tmp_path, "cut.xml.gz", data[: len(data) // 2]))
    assert "truncated gzip" in err.reason


def test_damaged_gzip(tmp_path: Path) -> None:
    data = bytearray(gzip.compress(GOOD))
    data[40:60] = b"\xff" * 20
    err = error_for(write(tmp_path, "damaged.xml.gz", bytes(data)))
    assert "gzip" in err.reason or "XML" in err.reason


def test_non_tei_xml(tmp_path: Path) -> None:
    err = error_for(write(tmp_path, "rss.xml", b'<?xml version="1.0"?><rss><channel/></rss>'))
    assert "not a TEI document" in err.reason
    assert "<rss>" in err.reason


def test_non_tei_root_in_the_tei_namespace_elsewhere(tmp_path: Path) -> None:
    data = b'<doc><TEI xmlns="http://www.tei-c.org/ns/1.0"/></doc>'
    assert "not a TEI document" in error_for(write(tmp_path, "wrapped.xml", data)).reason


def test_binary_file(tmp_path: Path) -> None:
    err = error_for(write(tmp_path, "image.xml", bytes(range(256)) * 8))
    assert "binary" in err.reason


def test_empty_file(tmp_path: Path) -> None:
    assert "empty" in error_for(write(tmp_path, "empty.xml", b"")).reason
    assert "empty" in error_for(write(tmp_path, "blank.xml", b"  \n")).reason
    assert "empty" in error_for(write(tmp_path, "empty.xml.gz", gzip.compress(b""))).reason


def test_external_entity_is_refused_not_fetched(tmp_path: Path) -> None:
    data = (
        b'<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
        + TEI_OPEN + b"<p>&e;</p></body></text></TEI>"
    )
    err = error_for(write(tmp_path, "xxe.xml", data))
    assert "entity" in err.reason and "'e'" in err.reason
    assert "root:" not in str(err)


def test_billion_laughs_is_refused(tmp_path: Path) -> None:
    decl = [b'<!ENTITY lol "lol">']
    for i in range(1, 10):
        prev = b"&lol%d;" % (i - 1) if i > 1 else b"&lol;"
        decl.append(b'<!ENTITY lol%d "%s">' % (i, prev * 10))
    data = b"<?xml version='1.0'?><!DOCTYPE TEI [" + b"".join(decl) + b"]>" + TEI_OPEN
    data += b"<p>&lol9;</p></body></text></TEI>"
    err = error_for(write(tmp_path, "lol.xml", data))
    assert "entity" in err.reason


def test_parameter_entity_is_refused(tmp_path: Path) -> None:
    data = (
        b'<!DOCTYPE TEI [<!ENTITY % p SYSTEM "http://example.invalid/x.dtd"> %p;]>'
        + TEI_OPEN + b"</body></text></TEI>"
    )
    assert "entity" in error_for(write(tmp_path, "pe.xml", data)).reason


def test_undeclared_entity_is_malformed(tmp_path: Path) -> None:
    data = TEI_OPEN + b"<p>&nope;</p></body></text></TEI>"
    assert "entity" in error_for(write(tmp_path, "undeclared.xml", data)).reason.lower()


def test_missing_file(tmp_path: Path) -> None:
    assert "cannot open" in error_for(tmp_path / "absent.xml").reason


def test_a_doctype_without_entities_is_fine(tmp_path: Path) -> None:
    data = b'<!DOCTYPE TEI SYSTEM "tei.dtd">\n' + GOOD.split(b"?>", 1)[1]
    batch = next(TeiReader().read(write(tmp_path, "dtd.xml", data)))
    assert len(batch.records) == 4


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cut=st.integers(min_value=0, max_value=len(GOOD)), junk=st.binary(max_size=40))
def test_any_damage_gives_a_batch_or_a_read_error(tmp_path: Path, cut: int, junk: bytes) -> None:
    path = write(tmp_path, "fuzz.xml", GOOD[:cut] + junk + GOOD[cut:])
    try:
        for batch in TeiReader().read(path):
            assert all(r.id.startswith("fuzz/") for r in batch.records)
    except ReadError as e:
        assert e.path == str(path)
