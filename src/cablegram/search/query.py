"""The search language: a hand-written tokenizer and recursive-descent parser, text → AST.

Grammar (operators are upper case; lower-case "and"/"or"/"not" are plain words):

    query    := or_expr EOF
    or_expr  := and_expr ("OR" and_expr)*
    and_expr := not_expr (["AND"] not_expr)*          -- juxtaposition is AND
    not_expr := "NOT" not_expr | atom
    atom     := "(" or_expr ")" | PHRASE | WORD | WORD"*" | WORD"~"N | near | FIELD ":" value
    near     := "NEAR(" item item+ ["," INT] ")"      -- item: word, word*, or "phrase"

Every malformed query raises QueryError(pos, reason), pos being a 0-based offset into the text.
`to_text(ast)` prints an AST back into a query that parses to the same AST.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from cablegram.errors import QueryError

# Fields whose value is free text (matched on the denormalised columns).
TEXT_FIELDS: tuple[str, ...] = ("from", "to", "place", "type", "class", "collection", "number",
                                "person")
# Fields matched as words in sequence (a phrase) within one column of the full-text index.
PHRASE_FIELDS: tuple[str, ...] = ("from", "to", "place")
HAS_VALUES: tuple[str, ...] = ("redaction", "footnote")
KNOWN_FIELDS: tuple[str, ...] = (*TEXT_FIELDS, "date", "has")
OPERATORS: frozenset[str] = frozenset({"AND", "OR", "NOT"})
MAX_NEAR = 1000
MAX_DEPTH = 100


@dataclass(frozen=True, slots=True)
class Term:
    text: str


@dataclass(frozen=True, slots=True)
class Phrase:
    text: str


@dataclass(frozen=True, slots=True)
class Prefix:
    stem: str


@dataclass(frozen=True, slots=True)
class Fuzzy:
    """A word within `distance` edits ("Khrushchev~1" finds the OCR's "Khrushchcv")."""

    text: str
    distance: int = 1


@dataclass(frozen=True, slots=True)
class Near:
    items: tuple[Term | Phrase | Prefix, ...]
    distance: int = 10


@dataclass(frozen=True, slots=True)
class And:
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Not:
    item: Node


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    value: str
    # Where the field starts in the query text, for errors found later (`person:` names no
    # one); not part of equality, so that a printed query parses back to an equal AST.
    pos: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class DateRange:
    """Inclusive, at the precision typed: "1962", "1962-10" or "1962-10-22"; None = open."""

    start: str | None
    end: str | None


@dataclass(frozen=True, slots=True)
class Has:
    what: str


Node = Term | Phrase | Prefix | Fuzzy | Near | And | Or | Not | Field | DateRange | Has
TextNode = Term | Phrase | Prefix | Fuzzy | Near
MAX_FUZZY = 2  # edits; tantivy's fuzzy term query allows up to 2


def searchable(s: str) -> bool:
    """Whether `s` holds a character the full-text tokenizer indexes (letters, digits)."""
    return any(c.isalnum() for c in s)


# --- tokenizer -------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str  # "(" ")" "," WORD PHRASE FIELD NEAR OP EOF
    text: str
    pos: int
    value: str = ""  # FIELD: the value; PHRASE: the inside of the quotes


_SPECIAL = '()"'
_FIELD_RE = re.compile(r"([A-Za-z_]+):")


def _read_quoted(text: str, pos: int) -> tuple[str, int]:
    """The inside of a quote opening at `pos`, and the offset after the closing quote."""
    end = text.find('"', pos + 1)
    if end < 0:
        raise QueryError(pos, "unterminated quote")
    return text[pos + 1:end], end + 1


def _read_bare(text: str, pos: int, stop: str = _SPECIAL) -> int:
    end = pos
    while end < len(text) and not text[end].isspace() and text[end] not in stop:
        end += 1
    return end


def tokenize(text: str) -> list[_Tok]:
    toks: list[_Tok] = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
        elif c in "()":
            toks.append(_Tok(c, c, i))
            i += 1
        elif c == '"':
            inner, end = _read_quoted(text, i)
            toks.append(_Tok("PHRASE", text[i:end], i, inner))
            i = end
        else:
            m = _FIELD_RE.match(text, i)
            if m and m.group(1).lower() in KNOWN_FIELDS:
                i = _read_field(text, i, m, toks)
                continue
            if m:
                raise QueryError(i, f"unknown field {m.group(1)!r}; fields are "
                                    + ", ".join(f + ":" for f in KNOWN_FIELDS))
            if text.startswith("NEAR(", i):
                toks.append(_Tok("NEAR", "NEAR(", i))
                i += 5
                continue
            # A comma separates a NEAR distance; elsewhere it is part of a word.
            end = _read_bare(text, i, _SPECIAL + ",")
            if end == i:  # a lone comma
                toks.append(_Tok(",", ",", i))
                i += 1
                continue
            word = text[i:end]
            toks.append(_Tok("OP" if word in OPERATORS else "WORD", word, i))
            i = end
    toks.append(_Tok("EOF", "", n))
    return toks


def _read_field(text: str, start: int, m: re.Match[str], toks: list[_Tok]) -> int:
    name = m.group(1).lower()
    vpos = m.end()
    if vpos < len(text) and text[vpos] == '"':
        value, end = _read_quoted(text, vpos)
    else:
        end = _read_bare(text, vpos)
        value = text[vpos:end]
    if not value.strip():
        raise QueryError(vpos, f"{name}: needs a value")
    toks.append(_Tok("FIELD", name, start, value))
    return end


# --- parser ----------------------------------------------------------------------------

class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.toks = tokenize(text)
        self.i = 0
        self.depth = 0

    def peek(self) -> _Tok:
        return self.toks[self.i]

    def take(self) -> _Tok:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def parse(self) -> Node:
        tok = self.peek()
        if tok.kind == "EOF":
            raise QueryError(0, "empty query")
        node = self.or_expr()
        tok = self.peek()
        if tok.kind != "EOF":
            raise QueryError(tok.pos, f"unexpected {tok.text!r}")
        return node

    def or_expr(self) -> Node:
        items = [self.and_expr()]
        while self.peek().kind == "OP" and self.peek().text == "OR":
            self.take()
            items.append(self.and_expr())
        return items[0] if len(items) == 1 else Or(tuple(items))

    def and_expr(self) -> Node:
        items = [self.not_expr()]
        while True:
            tok = self.peek()
            if tok.kind == "OP" and tok.text == "AND":
                self.take()
                items.append(self.not_expr())
            elif tok.kind == ",":  # outside NEAR a comma only separates words
                self.take()
            elif tok.kind in ("WORD", "PHRASE", "FIELD", "NEAR", "(") or (
                    tok.kind == "OP" and tok.text == "NOT"):
                items.append(self.not_expr())
            else:
                break
        return items[0] if len(items) == 1 else And(tuple(items))

    def not_expr(self) -> Node:
        tok = self.peek()
        if tok.kind == "OP" and tok.text == "NOT":
            self.take()
            return Not(self.nested(self.not_expr, tok.pos))
        return self.atom()

    def nested(self, rule: Callable[[], Node], pos: int) -> Node:
        # Deep nesting is refused before Python's own recursion limit is reached.
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise QueryError(pos, f"nested deeper than {MAX_DEPTH} levels")
        try:
            return rule()
        finally:
            self.depth -= 1

    def atom(self) -> Node:
        tok = self.take()
        if tok.kind == "(":
            node = self.nested(self.or_expr, tok.pos)
            close = self.take()
            if close.kind != ")":
                raise QueryError(close.pos, "missing ')'" if close.kind == "EOF"
                                 else f"expected ')' but found {close.text!r}")
            return node
        if tok.kind == "PHRASE":
            return _phrase(tok)
        if tok.kind == "WORD":
            return _word(tok)
        if tok.kind == "FIELD":
            return _field(tok)
        if tok.kind == "NEAR":
            return self.near(tok)
        if tok.kind == "EOF":
            raise QueryError(tok.pos, "query ends where a term was expected")
        if tok.kind == "OP":
            raise QueryError(tok.pos, f"{tok.text} needs a term on each side")
        raise QueryError(tok.pos, f"unexpected {tok.text!r}")

    def near(self, start: _Tok) -> Near:
        items: list[Term | Phrase | Prefix] = []
        while self.peek().kind in ("WORD", "PHRASE"):
            tok = self.take()
            item = _phrase(tok) if tok.kind == "PHRASE" else _word(tok)
            if isinstance(item, Fuzzy):
                raise QueryError(tok.pos, "NEAR takes exact words: no '~' inside it")
            items.append(item)
        distance = 10
        tok = self.take()
        if tok.kind == ",":
            num = self.take()
            if num.kind != "WORD" or not num.text.isascii() or not num.text.isdigit():
                raise QueryError(num.pos, "NEAR distance must be a whole number")
            distance = int(num.text)
            if distance > MAX_NEAR:
                raise QueryError(num.pos, f"NEAR distance is at most {MAX_NEAR}")
            tok = self.take()
        if tok.kind != ")":
            raise QueryError(tok.pos, "NEAR takes words or phrases, then ', N)'")
        if len(items) < 2:
            raise QueryError(start.pos, "NEAR needs at least two words or phrases")
        return Near(tuple(items), distance)


def _phrase(tok: _Tok) -> Phrase:
    words = tok.value.split()
    if not searchable(tok.value):
        raise QueryError(tok.pos, "phrase has no letters or digits")
    return Phrase(" ".join(words))


_FUZZY_RE = re.compile(r"(.*?)~(\d*)")


def _word(tok: _Tok) -> Term | Prefix | Fuzzy:
    word = tok.text
    fuzzy = _FUZZY_RE.fullmatch(word)
    if fuzzy and "~" not in fuzzy.group(1):
        stem, n = fuzzy.group(1), fuzzy.group(2)
        if not searchable(stem) or "*" in stem:
            raise QueryError(tok.pos, "'~' must follow a word, as in khrushchev~1")
        distance = int(n) if n.isascii() and n.isdigit() else 1
        if not 1 <= distance <= MAX_FUZZY:
            raise QueryError(tok.pos + len(stem) + 1, f"'~' takes 1 or {MAX_FUZZY} edits")
        return Fuzzy(stem, distance)
    if word.endswith("*"):
        stem = word[:-1]
        if not searchable(stem) or "*" in stem:
            raise QueryError(tok.pos, "'*' must end a word, as in khrush*")
        return Prefix(stem)
    if not searchable(word):
        raise QueryError(tok.pos, f"{word!r} has no letters or digits to search for")
    return Term(word)


def _field(tok: _Tok) -> Node:
    name, value = tok.text, tok.value
    vpos = tok.pos + len(name) + 1
    if name == "has":
        what = value.lower()
        if what not in HAS_VALUES:
            raise QueryError(vpos, "has: takes " + " or ".join(HAS_VALUES))
        return Has(what)
    if name == "date":
        return parse_date_range(value, vpos)
    if name in PHRASE_FIELDS and not searchable(value):
        raise QueryError(vpos, f"{name}: needs letters or digits")
    if name == "person" and not searchable(value):
        raise QueryError(vpos, "person: needs a register id or a name")
    return Field(name, " ".join(value.split()), tok.pos)


_DATE_RE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _check_date(s: str, pos: int) -> str:
    m = _DATE_RE.fullmatch(s)
    if not m or not s.isascii():
        raise QueryError(pos, f"bad date {s!r}: use YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = m.groups()
    if month is not None and not 1 <= int(month) <= 12:
        raise QueryError(pos, f"bad month in {s!r}")
    if day is not None and not 1 <= int(day) <= calendar.monthrange(int(year), int(month))[1]:
        raise QueryError(pos, f"no such day: {s!r}")
    return s


def date_bounds(d: str) -> tuple[str, str]:
    """The first and last day (YYYY-MM-DD) of a date typed at any precision."""
    parts = d.split("-")
    year = int(parts[0])
    month_lo, month_hi = (int(parts[1]),) * 2 if len(parts) > 1 else (1, 12)
    if len(parts) > 2:
        return d, d
    last = calendar.monthrange(year, month_hi)[1]
    return f"{year:04d}-{month_lo:02d}-01", f"{year:04d}-{month_hi:02d}-{last:02d}"


def parse_date_range(value: str, pos: int = 0) -> DateRange:
    """`1962`, `1962-10`, `1962-10-22`, `A..B`, `..B`, `A..` (inclusive, any precision)."""
    if ".." not in value:
        d = _check_date(value, pos)
        return DateRange(d, d)
    left, sep, right = value.partition("..")
    start = _check_date(left, pos) if left else None
    end = _check_date(right, pos + len(left) + len(sep)) if right else None
    if start is None and end is None:
        raise QueryError(pos, "date range needs a start or an end")
    if start is not None and end is not None and date_bounds(start)[0] > date_bounds(end)[1]:
        raise QueryError(pos, f"date range ends before it starts: {value!r}")
    return DateRange(start, end)


def parse(text: str) -> Node:
    """Parse a query into its AST, or raise QueryError(pos, reason)."""
    return _Parser(text).parse()


# --- printing --------------------------------------------------------------------------

def _quote(value: str) -> str:
    """A field value as typed: bare when it can be, else in double quotes."""
    bare = value and not any(c.isspace() or c in _SPECIAL for c in value)
    return value if bare else f'"{value}"'


def to_text(node: Node) -> str:
    """Print an AST as a query that parses back to an equal AST."""
    if isinstance(node, Term):
        return node.text
    if isinstance(node, Prefix):
        return node.stem + "*"
    if isinstance(node, Fuzzy):
        return f"{node.text}~{node.distance}"
    if isinstance(node, Phrase):
        return f'"{node.text}"'
    if isinstance(node, Near):
        return "NEAR(" + " ".join(to_text(i) for i in node.items) + f", {node.distance})"
    if isinstance(node, And | Or):
        op = " AND " if isinstance(node, And) else " OR "
        return op.join(_group(i, node) for i in node.items)
    if isinstance(node, Not):
        return "NOT " + _group(node.item, node)
    if isinstance(node, Field):
        return f"{node.name}:{_quote(node.value)}"
    if isinstance(node, Has):
        return f"has:{node.what}"
    if node.start == node.end:
        return f"date:{node.start}"
    return f"date:{node.start or ''}..{node.end or ''}"


def _group(child: Node, parent: Node) -> str:
    # Parenthesise any compound child so that nesting survives the round trip.
    text = to_text(child)
    return f"({text})" if isinstance(child, And | Or) else text
