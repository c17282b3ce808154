"""Source notes: classification, caveats, citation and drafters."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cablegram.fields import SourceNote, parse_source_note
from cablegram.fields.source_note import bracketed_source, parse_body_marking


def test_full_note() -> None:
    s = parse_source_note(
        "Source: Department of State, Central Files, 770G.00/9–1260. Confidential; Priority. "
        "Drafted by Sisco, cleared by Ferguson, and approved by Wilcox. Repeated to Léopoldville."
    )
    assert s == SourceNote(
        classification="confidential", handling=("Priority",), repository="Department of State",
        file="Central Files, 770G.00/9–1260", drafted_by="Sisco", cleared_by="Ferguson",
        approved_by="Wilcox",
    )


@pytest.mark.parametrize(
    ("text", "classification", "handling"),
    [
        ("Source: X, Y. Top Secret; Eyes Only.", "top secret", ("Eyes Only",)),
        ("Source: X, Y. Secret; Priority; Limit Distribution.", "secret",
         ("Priority", "Limit Distribution")),
        ("Source: X, Y. Secret; Cherokee; Niact Immediate; Nodis.", "secret",
         ("Cherokee", "Niact Immediate", "Nodis")),
        ("Source: X, Y. Confidential; LIMDIS; Immediate", "confidential", ("Limdis", "Immediate")),
        ("Source: X, Y. Secret: Niact; Limit Distribution.", "secret",
         ("Niact", "Limit Distribution")),
        ("Source: X, Y. Limited Official Use.", "limited official use", ()),
        ("Source: X, Y. Official Use Only.", "official use only", ()),
        ("Source: X, Y. No classification marking. Printed in Public Papers.", "unclassified", ()),
        ("Source: X, Y. Unclassified; Immediate", "unclassified", ("Immediate",)),
        ("Source: X, Y. Secret Priority. Repeated to CINCPAC.", "secret", ("Priority",)),
        ("Source: Department of State, Secretary’s Memoranda of Conversation: Lot 64 D 199.",
         None, ()),
    ],
)
def test_classification_and_caveats(
    text: str, classification: str | None, handling: tuple[str, ...]
) -> None:
    s = parse_source_note(text)
    assert (s.classification, s.handling) == (classification, handling)


@pytest.mark.parametrize(
    ("text", "repository", "file"),
    [
        ("Source: Department of State, Presidential Correspondence: Lot 66 D 204. No "
         "classification marking.", "Department of State",
         "Presidential Correspondence: Lot 66 D 204"),
        ("Source: Kennedy Library, National Security Files, Countries Series, Cuba, General. "
         "Top Secret.", "Kennedy Library",
         "National Security Files, Countries Series, Cuba, General"),
        ("Source: National Archives, Nixon Presidential Materials, NSC Files, Box 701. Secret.",
         "National Archives", "Nixon Presidential Materials, NSC Files, Box 701"),
        ("851G.01/6–1449: Telegram", None, "851G.01/6–1449"),
    ],
)
def test_citation(text: str, repository: str | None, file: str | None) -> None:
    s = parse_source_note(text)
    assert (s.repository, s.file) == (repository, file)


def test_drafters_from_the_seed() -> None:
    s = parse_source_note(
        "Source: Department of State, Central Files, 737.56361/11-362. Top Secret. Drafted by "
        "McGeorge Bundy, cleared by Rusk, and approved by U. Alexis Johnson."
    )
    assert (s.drafted_by, s.cleared_by, s.approved_by) == ("McGeorge Bundy", "Rusk",
                                                           "U. Alexis Johnson")
    s = parse_source_note("Source: USUN Files: NYFRC 84-84-001, October-November Meetings. "
                          "Confidential. Drafted by Akalovsky and concurred in by McCloy.")
    assert (s.classification, s.drafted_by) == ("confidential", "Akalovsky")
    s = parse_source_note("Source: X, Y. Secret. Drafted and approved by Thompson (S/AL), "
                          "October 29.")
    assert s.drafted_by == s.approved_by == "Thompson (S/AL)"


@given(st.text(max_size=200))
def test_any_text_gives_a_source_note(text: str) -> None:
    s = parse_source_note(text)
    assert isinstance(s, SourceNote)
    assert s.classification in {None, "top secret", "secret", "confidential",
                                "limited official use", "official use only", "restricted",
                                "unclassified"}


@given(st.sampled_from(["Top Secret", "Secret", "Confidential", "Limited Official Use"]),
       st.lists(st.sampled_from(["Priority", "Nodis", "Eyes Only", "Niact", "Exdis"]),
                unique=True, max_size=3))
def test_class_and_caveats_round_trip(cls: str, caveats: list[str]) -> None:
    marking = "; ".join([cls, *caveats])
    text = f"Source: Department of State, Central Files, 611.3722/10-3162. {marking}."
    s = parse_source_note(text)
    assert (s.classification, s.handling) == (cls.lower(), tuple(caveats))


@pytest.mark.parametrize(("text", "expected"), [
    ("secret\n\n164. Pignon told me", ("secret", [])),
    ("Top Secret\u2003Priority\nText", ("top secret", ["Priority"])),
    ("confidential \u2003 us urgent", ("confidential", ["US Urgent"])),
    ("  SECRET NIACT\nbody", ("secret", ["Niact"])),
    ("restricted", ("restricted", [])),
    ("secret \u2003 most immediate", ("secret", ["Most Immediate"])),
    ("officialy use only", ("official use only", [])),  # as misprinted in one volume
    ("secret us urgent niact\n\n310. (1) In your", ("secret", ["US Urgent", "Niact"])),
    ("secret   us urgent\nniact\n\n310. (1) In", ("secret", ["US Urgent", "Niact"])),
    ("secret\n\nPriority talks", ("secret", [])),
    ("secret No. 4\n\nSir: I have the honor", ("secret", [])),
    ("restricted\nNo. 112\n\nSir:", ("restricted", [])),
    ("Secretary of State", None),
    ("Secret talks began today.", None),
    ("secret-eyes", None),
    ("priority", None),
    ("", None),
])
def test_marking_as_the_body_first_line(text: str, expected: tuple[str, list[str]] | None,
                                        ) -> None:
    assert parse_body_marking(text) == expected


_CLASS_WORDS = ["secret", "top secret", "confidential", "restricted", "unclassified"]


@given(st.text(max_size=80))
def test_any_body_gives_a_marking_or_none(text: str) -> None:
    found = parse_body_marking(text)
    if found is not None:
        cls, caveats = found
        assert cls in (*_CLASS_WORDS, "limited official use", "official use only")
        # Nothing but the marking on its line: every other word was a known caveat.
        line = text.lstrip().split("\n", 1)[0]
        assert len(line.split()) <= len(cls.split()) + sum(len(c.split()) for c in caveats) + 1


@given(st.sampled_from(_CLASS_WORDS), st.text(alphabet="abcdefghij ", min_size=1, max_size=20))
def test_a_line_that_goes_on_is_no_marking(cls: str, rest: str) -> None:
    if any(w in {"a", "b"} for w in rest.split()):  # any word, not a caveat
        assert parse_body_marking(f"{cls} {rest}") is None


def test_bracketed_source_paragraph() -> None:
    assert bracketed_source("[Source: Kennedy Library, Papers of Schlesinger.\n Secret. 2 pages "
                            "of source text not declassified.]") == (
        "Kennedy Library, Papers of Schlesinger. Secret. 2 pages of source text not declassified.")
    for other in ("[Source: x] and after", "Source: x", "[Source: ]", "[Extracts]", ""):
        assert bracketed_source(other) is None


@given(st.text(max_size=120))
def test_a_bracketed_source_is_the_whole_paragraph(text: str) -> None:
    note = bracketed_source(text)
    if note is not None:
        assert " ".join(text.split()).startswith("[Source:") and note in " ".join(text.split())


@pytest.mark.parametrize(("text", "cls"), [
    ("Secret 3 pp. DOS, CF, 715.00/4–361.", "secret"),
    ("Confidential 2 pp. Kennedy Library, National Security Files.", "confidential"),
    ("Top Secret 1 p. Kennedy Library.", "top secret"),
])
def test_classification_before_a_catalog_page_count(text: str, cls: str) -> None:
    assert parse_source_note(text).classification == cls
