"""The field parsers on the printed text of every FRUS volume, against the TEI markup.

What "agrees" means here:
- date: the parsed date equals dateline//date/@when's day; a partial @when ("1961-01")
  agrees when the date is null and not_before starts with it.
- time: equals the HH:MM of @when; when @when has no time, the parsed time must be null
  unless the printed dateline shows a clock time (the markup leaves out the times of
  ranges, "noon" and zulu times in some volumes). The strict figure is printed too.
- place: equals the dateline's placeName text(s), joined by ", ", or null when it has none.
- from/to: only the parties the markup tags are compared. Normalised markup text (one
  value) agrees when it equals the parsed party, or ends it after a title ("Chairman
  Khrushchev" / "Khrushchev"), or ends it in parentheses ("… (Rostow)"), with at most a
  location or apposition after it ("President Johnson in Texas"). Several values agree when
  all occur in the parsed party in order. Markup that tags both parties with one type
  (type="from" on sender and recipient alike) is a markup defect, counted apart.
- classification: found when a source note names a classification anywhere (broad regex).
"""

from __future__ import annotations

import gzip
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from lxml import etree

from cablegram.fields import parse_dateline, parse_heading, parse_source_note
from cablegram.fields.text import squash

pytestmark = pytest.mark.corpus

_CORPUS = Path(os.environ.get("CABLEGRAM_CORPUS", Path(__file__).parents[3] / "shared" / "corpus"))
_TEI = "{http://www.tei-c.org/ns/1.0}"
_STATES = re.compile(
    r"\b(top secret|secret|confidential|limited official use|official use only|unclassified|"
    r"no classification marking|restricted)\b",
    re.IGNORECASE,
)
_CLOCK = re.compile(r"\d\s*[ap]\.?\s?m\b|\d{4}\s*Z\b|\bnoon\b|\bmidnight\b", re.IGNORECASE)


def _printed(el: etree._Element) -> str:
    """The text of `el` as printed: notes (footnotes, source notes) left out."""
    parts: list[str] = []

    def walk(e: etree._Element, top: bool) -> None:
        if not top and isinstance(e.tag, str) and etree.QName(e).localname == "note":
            parts.append(e.tail or "")
            return
        parts.append((e.text or "") if isinstance(e.tag, str) else "")
        for c in e:
            walk(c, False)
        if not top:
            parts.append(e.tail or "")

    walk(el, True)
    return squash("".join(parts))


def _text(el: etree._Element) -> str:
    return squash("".join(str(t) for t in el.itertext()))


@dataclass
class _Doc:
    head: str | None = None
    sender: list[str] = field(default_factory=list)
    recipient: list[str] = field(default_factory=list)
    datelines: list[tuple[str, str | None, list[str]]] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)


def _documents() -> Iterator[_Doc]:
    for path in sorted((_CORPUS / "frus").glob("*.xml.gz")):
        with gzip.open(path) as fh:
            # recover: three volumes repeat an xml:id, which libxml2 otherwise rejects.
            for _, el in etree.iterparse(
                fh, tag=f"{_TEI}div", resolve_entities=False, no_network=True, load_dtd=False,
                huge_tree=True, recover=True,
            ):
                if el.get("type") != "document":
                    continue
                yield _document(el)
                el.clear()


def _document(el: etree._Element) -> _Doc:
    d = _Doc()
    head = el.find(f"{_TEI}head")
    if head is not None:
        d.head = _printed(head)
        for x in head.iter():
            if any(etree.QName(a).localname == "note" for a in x.iterancestors() if a is not el):
                continue
            if x.get("type") == "from":
                d.sender.append(_text(x))
            elif x.get("type") == "to":
                d.recipient.append(_text(x))
    for nt in el.iter(f"{_TEI}note"):
        if nt.get("type") == "source" or (nt.get("n") == "0" and nt.get("type") is None):
            d.sources.append(_text(nt))
    for dl in el.iter(f"{_TEI}dateline"):
        whens = [x.get("when") for x in dl.iter(f"{_TEI}date") if x.get("when")]
        places = [_text(p) for p in dl.iter(f"{_TEI}placeName")]
        d.datelines.append((_printed(dl), whens[0] if whens else None, places))
    return d


_PARENS = re.compile(r"\(\s+|\s+\)")
_AFTER = re.compile(r"^\)?(?:,?\s+(?:in|at|on|of)\s+.*|,\s.*)?$")


def _norm(s: str) -> str:
    s = _PARENS.sub(lambda m: m[0].strip(), squash(s)).strip(" ,;:")
    return re.sub(r"^(?:(?:[Ff]rom|[Tt]o)\s+)?(?:the|The)\s+", "", s)


def agrees(parsed: str | None, markup: list[str]) -> bool:
    """Whether a parsed party agrees with the markup's values (see the module docstring)."""
    if not markup:
        return True
    if parsed is None:
        return False
    p = _norm(parsed)
    if len(markup) > 1:
        i = 0
        for m in map(_norm, markup):
            j = p.find(m, i)
            if j < 0:
                return False
            i = j + len(m)
        return True
    m = _norm(markup[0])
    if p == m:
        return True
    i = p.rfind(m)
    if i < 0:
        return False
    before, after = p[:i], p[i + len(m) :]
    return (not before or before.endswith((" ", "("))) and bool(_AFTER.match(after))


def test_agrees_definition() -> None:
    assert agrees("Chairman Khrushchev", ["Khrushchev"])
    assert agrees("President's Special Assistant (Rostow)", ["Rostow"])
    assert agrees("Secretary of State, at Geneva", ["Secretary of State, at Geneva"])
    assert agrees("Secretary of State Rusk and Secretary of Defense McNamara",
                  ["Rusk", "McNamara"])
    assert not agrees("Embassy in France", ["Department of State"])
    assert not agrees(None, ["Rusk"])
    assert not agrees("Brusk", ["Rusk"])


@pytest.fixture(scope="module")
def corpus() -> list[_Doc]:
    if not (_CORPUS / "frus").is_dir():
        pytest.skip(f"no corpus at {_CORPUS}")
    return list(_documents())


def test_corpus_datelines(corpus: list[_Doc]) -> None:
    n = date_ok = time_ok = time_strict = place_ok = 0
    for d in corpus:
        for printed, when, places in d.datelines:
            if not when:
                continue
            n += 1
            p = parse_dateline(printed)
            if len(when) >= 10:
                date_ok += p.date == when[:10]
            else:
                date_ok += p.date is None and (p.not_before or "").startswith(when)
            want = when[11:16] if "T" in when else None
            time_strict += p.time == want
            time_ok += p.time == want or (want is None and bool(_CLOCK.search(printed)))
            place_ok += p.place == (squash(", ".join(places)) or None)
    print(f"\ndatelines with @when: {n}; date {date_ok / n:.4%}; time {time_ok / n:.4%} "
          f"(strict {time_strict / n:.4%}); place {place_ok / n:.4%}")
    assert n > 20_000
    assert date_ok / n >= 0.995
    assert time_ok / n >= 0.99
    assert place_ok / n >= 0.99


def test_corpus_headings(corpus: list[_Doc]) -> None:
    n = ok = defects = 0
    for d in corpus:
        if d.head is None or not (d.sender or d.recipient):
            continue
        if (len(d.sender) > 1 and not d.recipient) or (len(d.recipient) > 1 and not d.sender):
            defects += 1
            continue
        n += 1
        h = parse_heading(d.head)
        ok += agrees(h.sender, d.sender) and agrees(h.recipient, d.recipient)
    print(f"\nheadings with from/to markup: {n} (+{defects} defective); agree {ok / n:.4%}")
    assert n > 15_000
    assert ok / n >= 0.98


def test_corpus_classification(corpus: list[_Doc]) -> None:
    n = found = 0
    for d in corpus:
        for s in d.sources:
            if _STATES.search(s):
                n += 1
                found += parse_source_note(s).classification is not None
    print(f"\nsource notes stating a classification: {n}; found {found / n:.4%}")
    assert n > 20_000
    assert found / n >= 0.98
