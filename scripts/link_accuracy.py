"""How well the linker finds people in plain text, judged by the editors' persName markup.

    python scripts/link_accuracy.py PATH... [--people DIR] [--pocom DIR] [--errors FILE]

PATH: TEI volumes (.xml or .xml.gz) or folders of them. Gold: every persName/@corresp of a
document, read from the TEI itself (every id of a corresp that holds several, "p_X" without
its "#" too). Prediction: the linker over the same record with its markup links removed,
its resolved links by name (how "name" or "fuzzy"), keyed by the volume id of the person
they resolve to.

Two document-level figures, since the editors tag a person where they choose to:
- "doc" (the headline since 2026-11-30): the (document, person) pairs of the whole
  document, gold from every persName/@corresp in it (heading, text, closer, notes, lists,
  tables), prediction from every link the linker makes for the record (its text, and the
  heading, source note and footnotes it also reads). Both sides look at the same parts.
- "text" (the headline before): both sides restricted to the record's text. It counts as
  wrong a name in the text that the editors tagged only in the heading or a footnote of the
  same document (a telegram's "Hammarskjold" tagged as "Hammarskjöld" in its footnote), and
  misses a person tagged there: the document names them, and the pair is the document's.

Scope, since the gold only covers what editors tagged:
- volumes without any persName/@corresp are left out (nothing there was tagged);
- a cross-reference entry of a persons list ("Nhu", see Ngo Dinh Nhu) counts as the entry
  it points to, in gold and prediction alike, and so do entries of one list that the
  register ties to one person (since 2026-11-30: "Caramanlis" and "Karamanlis, Constantine"
  entered apart; "Hammarskjöld" twice);
- a predicted person outside the volume's persons list cannot be in the gold: counted apart
  ("outside"), not as an error; links by role ("the President") likewise ("roles"), and
  at document level a gold person the linker found by role only is set apart from the gold
  too (neither found by name nor missed);
- ties the linker leaves unresolved are not predictions: counted apart ("tied");
- a wrong pair whose every mention is a name the editors marked (persName) but did not
  identify (no @corresp) cannot be judged: counted apart ("unjudged"); so is a wrong pair
  named only outside the text whose surname is such a name ("President <persName
  type="to">Johnson</persName>" in a heading).
"ann" gives the text figures over annotated documents only (those with at least one
persName: the editors read them for names). "P+corr" counts as right a wrong text pair
whose every mention the editors tagged as that same person, with the same string, in
another document of the volume (an omission of theirs, most likely).
Mention level (the text only: mentions are offsets into it): a predicted mention is right
when it overlaps a gold mention of the same person.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from lxml import etree

from cablegram.link import Authorities, Linker
from cablegram.link.authorities import VolumePerson
from cablegram.link.linker import dates_nearby
from cablegram.readers.tei import XMLID, TeiReader
from cablegram.readers.tei_input import open_volume
from cablegram.readers.tei_text import PERSNAME, TEI
from cablegram.record import PersonLink, Record

DOC_DIV = TEI + "div"
ERAS = (("1945-60", 1945, 1960), ("1961-68", 1961, 1968), ("1969-80", 1969, 1980))
_YEARS = re.compile(r"frus(\d{4})")


@dataclass(slots=True)
class Tally:
    """Counts for precision and recall at document and mention level."""

    docs: int = 0
    # (document, person) pairs of the whole document (see the module's docstring)
    doc_tp: int = 0
    doc_pred: int = 0
    doc_gold: int = 0
    # the same, both sides restricted to the record's text (the headline before 2026-11-30)
    text_tp: int = 0
    text_pred: int = 0
    text_gold: int = 0
    men_tp_pred: int = 0
    men_pred: int = 0
    men_tp_gold: int = 0
    men_gold: int = 0
    outside: int = 0
    roles: int = 0
    tied: int = 0
    unjudged: int = 0
    # The same document-level counts over annotated documents only (at least one persName).
    ann_docs: int = 0
    ann_tp: int = 0
    ann_pred: int = 0
    ann_gold: int = 0
    # Wrong pairs whose every mention the editors tagged, elsewhere in the volume, as this
    # very person (the same string): most likely a mention they left untagged here.
    corroborated: int = 0

    def add(self, o: Tally) -> None:
        for f in self.__slots__:  # type: ignore[attr-defined]
            setattr(self, f, getattr(self, f) + getattr(o, f))

    def figures(self) -> dict[str, float]:
        return {"doc_precision": _ratio(self.doc_tp, self.doc_pred),
                "doc_recall": _ratio(self.doc_tp, self.doc_gold),
                "text_precision": _ratio(self.text_tp, self.text_pred),
                "text_recall": _ratio(self.text_tp, self.text_gold),
                "annotated_precision": _ratio(self.ann_tp, self.ann_pred),
                "annotated_recall": _ratio(self.ann_tp, self.ann_gold),
                "corroborated_precision": _ratio(self.text_tp + self.corroborated,
                                                 self.text_pred),
                "mention_precision": _ratio(self.men_tp_pred, self.men_pred),
                "mention_recall": _ratio(self.men_tp_gold, self.men_gold)}


@dataclass(slots=True)
class Result:
    volumes: dict[str, Tally] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)  # volumes without markup
    errors: list[str] = field(default_factory=list)

    def overall(self, volumes: Iterable[str] | None = None) -> Tally:
        t = Tally()
        for v in self.volumes if volumes is None else volumes:
            t.add(self.volumes[v])
        return t

    def eras(self) -> dict[str, Tally]:
        out = {}
        for name, lo, hi in ERAS:
            vols = [v for v in self.volumes if lo <= era_year(v) <= hi]
            out[name] = self.overall(vols)
        return out


def era_year(volume: str) -> int:
    m = _YEARS.match(volume)
    return int(m.group(1)) if m else 0


def _ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def tei_paths(paths: Iterable[Path]) -> Iterator[Path]:
    for p in paths:
        if p.is_dir():
            yield from sorted(x for x in p.iterdir() if x.name.endswith((".xml", ".xml.gz")))
        else:
            yield p


def _spans(links: list[PersonLink], alias: dict[str, str]) -> dict[str, list[tuple[int, int]]]:
    out: dict[str, list[tuple[int, int]]] = {}
    for p in links:
        if p.volume_id:
            vid = alias.get(p.volume_id, p.volume_id)
            out.setdefault(vid, []).extend((m.start, m.end) for m in p.mentions)
    return out


@dataclass(slots=True)
class DocMarkup:
    """What the editors marked in one document, anywhere in it."""

    tagged: set[str] = field(default_factory=set)  # volume ids of every persName/@corresp
    unlinked: set[str] = field(default_factory=set)  # texts of persNames without @corresp


def corresp_ids(corresp: str) -> list[str]:
    """The volume ids a corresp names: "#p_A #p_B" gives both; "p_A" (no "#") and
    "frus1958-60v02#p_A" give "p_A"."""
    return [x.rpartition("#")[2] for x in corresp.split() if x.rpartition("#")[2]]


def document_markup(path: Path) -> dict[str, DocMarkup]:
    """Per document xml:id, its persName markup, read from the TEI (not from the reader)."""
    out: dict[str, DocMarkup] = {}
    with open_volume(path) as stream:
        for _, el in etree.iterparse(stream, tag=DOC_DIV, huge_tree=True, recover=True):
            if el.get("type") != "document":
                continue
            m = out[el.get(XMLID) or ""] = DocMarkup()
            for p in el.iter(PERSNAME):
                ids = corresp_ids(p.get("corresp") or "")
                if ids:
                    m.tagged.update(ids)
                else:
                    m.unlinked.add(" ".join("".join(p.itertext()).split()))
            el.clear(keep_tail=True)
    return out


def same_person(listed: list[VolumePerson]) -> dict[str, str]:
    """Volume ids that name one person, each to the one that stands for them: a
    cross-reference entry ("Nhu", see Ngo Dinh Nhu) to the entry it points to, and entries
    the register ties to one register person (a list that enters "Caramanlis" and
    "Karamanlis, Constantine" apart) to the first of them."""
    first: dict[str, str] = {}
    alias: dict[str, str] = {}
    for vp in listed:
        if vp.see:
            alias[vp.xml_id] = vp.see
        elif vp.register_id and first.setdefault(vp.register_id, vp.xml_id) != vp.xml_id:
            alias[vp.xml_id] = first[vp.register_id]
    return {k: alias.get(v, v) for k, v in alias.items()}


def score(rec: Record, linker: Linker, listed: set[str], errors: list[str] | None,
          markup: DocMarkup | None = None, alias: dict[str, str] | None = None,
          tagged: set[tuple[str, str]] | None = None, near: str | None = None) -> Tally:
    """One document: gold from its markup, prediction from the linker on plain text."""
    t = Tally(docs=1)
    alias = alias or {}
    unlinked = markup.unlinked if markup else set()
    gold = _spans([p for p in rec.persons if p.how == "markup" and p.mentions], alias)
    persons, _ = linker.link(replace(rec, persons=[]), near)
    pred_links = []
    elsewhere: dict[str, str] = {}  # named in the heading, source note or footnotes only
    by_role = set()
    for p in persons:
        if p.how == "role-by-date" and p.volume_id:
            by_role.add(alias.get(p.volume_id, p.volume_id))
        if not p.mentions:
            if p.volume_id in listed:
                elsewhere[alias.get(p.volume_id, p.volume_id)] = p.name.split(",")[0]
            continue
        if p.id is None and p.volume_id is None:
            t.tied += 1
        elif p.how == "role-by-date":
            t.roles += 1
        elif p.volume_id not in listed:
            t.outside += 1
        else:
            pred_links.append(p)
    pred = _spans(pred_links, alias)
    if unlinked:
        for vid in list(pred.keys() - gold.keys()):
            if all(rec.text[s:e] in unlinked for s, e in pred[vid]):
                del pred[vid]
                t.unjudged += 1
    t.text_gold, t.text_pred = len(gold), len(pred)
    t.text_tp = len(gold.keys() & pred.keys())
    whole_gold = {alias.get(v, v) for v in markup.tagged} if markup else set(gold)
    whole_pred = pred.keys() | elsewhere.keys()
    for vid, surname in elsewhere.items():
        if vid not in whole_gold and any(surname in n.split() for n in unlinked):
            whole_pred.discard(vid)  # a persName there without an id: not judged
            t.unjudged += 1
    whole_gold -= by_role - whole_pred  # found by role only: set apart, as the role links are
    t.doc_gold, t.doc_pred = len(whole_gold), len(whole_pred)
    t.doc_tp = len(whole_gold & whole_pred)
    if tagged:
        t.corroborated = sum(all((rec.text[s:e], vid) in tagged for s, e in pred[vid])
                             for vid in pred.keys() - gold.keys())
    if gold or unlinked:
        t.ann_docs, t.ann_tp, t.ann_pred, t.ann_gold = 1, t.text_tp, t.text_pred, t.text_gold
    for vid, spans in pred.items():
        g = gold.get(vid, [])
        for s, e in spans:
            t.men_pred += 1
            t.men_tp_pred += any(gs < e and s < ge for gs, ge in g)
    for vid, spans in gold.items():
        p = pred.get(vid, [])
        for s, e in spans:
            t.men_gold += 1
            t.men_tp_gold += any(ps < e and s < pe for ps, pe in p)
    if errors is not None:
        for vid in sorted(whole_gold - whole_pred - gold.keys()):
            errors.append(f"{rec.id}\tmissed-outside-text\t{vid}\t")
        for vid in sorted(whole_pred - whole_gold - pred.keys()):
            errors.append(f"{rec.id}\twrong-outside-text\t{vid}\t")
        for vid in gold.keys() - pred.keys():
            errors.append(f"{rec.id}\tmissed\t{vid}\t{rec.text[gold[vid][0][0]:gold[vid][0][1]]}")
        spans = [(s, e, v) for v, g in gold.items() for s, e in g]
        for vid in pred.keys() - gold.keys():
            s, e = pred[vid][0]
            around = rec.text[max(0, s - 40) : e + 20]
            # Another person marked there (a wrong choice), or nobody (an untagged mention)?
            other = next((v for gs, ge, v in spans if gs < e and s < ge), None)
            seen = tagged is not None and all((rec.text[a:b], vid) in tagged for a, b in pred[vid])
            kind = f"wrong:{other}" if other else (
                "tagged-outside-text" if vid in whole_gold else
                "untagged-seen" if seen else "untagged")
            errors.append(f"{rec.id}\t{kind}\t{vid}\t{rec.text[s:e]}\t{around!r}")
    return t


def measure(paths: Iterable[Path], auth: Authorities, *, keep_errors: bool = False) -> Result:
    result = Result()
    linker = Linker(auth)
    for path in tei_paths(paths):
        for batch in TeiReader().read(path):
            vol = batch.collection.id
            if not any(p.how == "markup" for r in batch.records for p in r.persons):
                result.skipped.append(vol)
                continue
            auth.add_volume(batch.collection)
            listed = {p.xml_id for p in batch.collection.persons}
            markup = document_markup(path)
            alias = same_person(auth.volume_persons(vol))
            tagged = {(m.text, alias.get(p.volume_id, p.volume_id)) for r in batch.records
                      for p in r.persons if p.how == "markup" and p.volume_id
                      for m in p.mentions}
            tally = Tally()
            for rec, near in zip(batch.records, dates_nearby(batch.records), strict=True):
                if rec.text:
                    tally.add(score(rec, linker, listed, result.errors if keep_errors else None,
                                    markup.get(rec.id.rsplit("/", 1)[1]), alias, tagged,
                                    near))
            result.volumes[vol] = tally
    return result


def report(result: Result) -> list[str]:
    head = f"{'':24} {'docs':>6} {'doc P':>6} {'doc R':>6} {'text P':>6} {'text R':>6} " \
           f"{'men P':>6} {'men R':>6} " \
           f"{'pairs':>7} {'tied':>5} {'roles':>6} {'outside':>7} {'unjudged':>8} " \
           f"{'ann docs':>8} {'ann P':>6} {'ann R':>6} {'P+corr':>6}"
    lines = [head]

    def row(name: str, t: Tally) -> str:
        f = t.figures()
        return (f"{name:24} {t.docs:6} {f['doc_precision']:6.3f} {f['doc_recall']:6.3f} "
                f"{f['text_precision']:6.3f} {f['text_recall']:6.3f} "
                f"{f['mention_precision']:6.3f} {f['mention_recall']:6.3f} {t.doc_gold:7} "
                f"{t.tied:5} {t.roles:6} {t.outside:7} {t.unjudged:8} {t.ann_docs:8} "
                f"{f['annotated_precision']:6.3f} {f['annotated_recall']:6.3f} "
                f"{f['corroborated_precision']:6.3f}")

    lines += [row(v, t) for v, t in sorted(result.volumes.items())]
    lines.append("")
    lines += [row(f"era {name}", t) for name, t in result.eras().items()]
    lines.append(row("overall", result.overall()))
    if result.skipped:
        lines.append(f"left out (no persName/@corresp): {', '.join(result.skipped)}")
    return lines


def default_corpus() -> Path:
    env = os.environ.get("CABLEGRAM_CORPUS")
    return Path(env) if env else Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("paths", nargs="+", type=Path)
    ap.add_argument("--people", type=Path, default=default_corpus() / "people")
    ap.add_argument("--pocom", type=Path, default=default_corpus() / "pocom")
    ap.add_argument("--errors", type=Path, help="write each wrong or missed pair to FILE")
    args = ap.parse_args(argv)
    for folder in (args.people, args.pocom):
        if not folder.is_dir():  # (linking without the register changes every figure)
            print(f"warning: {folder}: no such folder, linking without it", file=sys.stderr)
    auth = Authorities.load(args.people if args.people.is_dir() else None,
                            args.pocom if args.pocom.is_dir() else None)
    for w in auth.warnings:
        print(f"warning: {w}", file=sys.stderr)
    result = measure(args.paths, auth, keep_errors=args.errors is not None)
    print("\n".join(report(result)))
    if args.errors:
        args.errors.write_text("\n".join(result.errors) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
