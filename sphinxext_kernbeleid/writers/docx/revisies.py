"""Tracked changes: what differs from the adopted Word document, as real Word revisions.

The adopted document (as ``kernbeleid vaststellen`` stored it) and the one just built are
compared as documents, on their text: body blocks (paragraphs, tables) are aligned with
difflib on their text, paired tables row by row and cell by cell, and in a paragraph that
changed the words are compared. The new document keeps every element it has; what the
comparison finds is marked in it:

* words added: the new run's piece in ``w:ins`` (the run keeps its formatting);
* words removed: a ``w:del`` run with ``w:delText`` and the old run's formatting, where they
  stood;
* a paragraph added or removed: its runs and its paragraph mark (``w:pPr/w:rPr/w:ins`` or
  ``w:del``), so rejecting or accepting in Word leaves no empty paragraph;
* a table row added or removed: ``w:trPr/w:ins`` or ``w:del`` and its cells' paragraphs.

Every revision has ``w:id`` (unique in the document), ``w:author`` and ``w:date``.
Formatting, layout and anything outside the body (header, footer, footnotes) are not
compared; the table of contents is left out (Word rebuilds it when the document opens), and
so are page numbers (field results of PAGE and PAGEREF).
"""

from __future__ import annotations

import copy
import difflib
import hashlib
import io
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from .ooxml import XML_SPACE, el, qn, set_ppr

_P, _TBL, _TR, _TC, _R = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:r")
_SDT, _SDT_CONTENT = qn("w:sdt"), qn("w:sdtContent")
_T, _TAB, _BR, _NBH = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:noBreakHyphen")
_CR, _DRAWING = qn("w:cr"), qn("w:drawing")
_FLDCHAR, _INSTR = qn("w:fldChar"), qn("w:instrText")
_PPR, _RPR, _TRPR, _SECTPR = qn("w:pPr"), qn("w:rPr"), qn("w:trPr"), qn("w:sectPr")
_INS, _DEL, _DELTEXT, _DELINSTR = qn("w:ins"), qn("w:del"), qn("w:delText"), qn("w:delInstrText")
_HYPERLINK, _FN_REF = qn("w:hyperlink"), qn("w:footnoteReference")
_EN_REF = qn("w:endnoteReference")
_BOOKMARKS = (qn("w:bookmarkStart"), qn("w:bookmarkEnd"))
_ID, _TYPE, _VAL = qn("w:id"), qn("w:fldCharType"), qn("w:val")
_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
_DOCPR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"

#: A word, a number as written ("25.000", "7,3"), a run of spaces, or one other character.
_TOKENS = re.compile(r"\d[\d.,]*\d|\w+|\s+|[^\w\s]")
#: Fields whose shown result is a page number: never a change of the text.
_PAGE_FIELDS = frozenset(("PAGE", "PAGEREF", "NUMPAGES", "SECTIONPAGES"))
#: Blocks in a changed stretch are paired when their texts are at least this similar.
SIMILAR = 0.6
#: In a changed stretch a new block is paired with one of the next this many adopted blocks
#: (the most similar; one at least this similar is taken at once).
WINDOW = 8
CLOSE = 0.8
#: A stretch of at most this many pairs is aligned best pair first (quadratic or worse).
SMALL = 144


@dataclass
class Token:
    """One piece of a paragraph's text: a word, spaces, a tab, a picture …"""

    text: str
    run: Any  # the w:r it stands in
    element: Any = None  # the element for a tab, break or picture; None for text


@dataclass
class _Para:
    element: Any
    tokens: list[Token]
    key: str


@dataclass
class Marker:
    """Makes the revision elements: one author and date, ids counted up."""

    author: str
    date: str
    next_id: int
    count: int = 0
    #: Turns a copied picture of the adopted document into one of this document.
    adopt_picture: Callable[[Any], None] = lambda drawing: None

    def make(self, tag: str) -> Any:
        element = el(tag)
        element.set(_ID, str(self.next_id))
        element.set(qn("w:author"), self.author)
        element.set(qn("w:date"), self.date)
        self.next_id += 1
        self.count += 1
        return element


@dataclass
class Result:
    """How many revisions were marked, of what kind."""

    revisions: int = 0
    paragraphs_changed: int = 0
    paragraphs_added: int = 0
    paragraphs_removed: int = 0
    rows_added: int = 0
    rows_removed: int = 0


# --------------------------------------------------------------------------- reading


class _Reader:
    """Text tokens of paragraphs; pictures stand as their image's hash."""

    def __init__(self, part: Any) -> None:
        self.part = part
        #: id(paragraph) -> (paragraph, its tokens): a table's paragraphs are read for its
        #: key, its rows' keys and its cells; once is enough.
        self._paras: dict[int, tuple[Any, _Para]] = {}

    def picture_key(self, drawing: Any) -> str:
        blip = next(drawing.iter(_BLIP), None)
        rid = blip.get(_EMBED) if blip is not None else None
        try:
            blob = self.part.related_parts[rid].blob
        except (KeyError, AttributeError):
            return "\x00afbeelding"
        return "\x00afbeelding:" + hashlib.sha1(blob).hexdigest()

    def tokens(self, p: Any) -> list[Token]:
        out: list[Token] = []
        fields: list[list[Any]] = []  # [instruction, showing result]
        for run in p.iter(_R):
            for child in run:
                tag = child.tag
                if tag == _FLDCHAR:
                    kind = child.get(_TYPE)
                    if kind == "begin":
                        fields.append(["", False])
                    elif kind == "separate" and fields:
                        fields[-1][1] = True
                    elif kind == "end" and fields:
                        fields.pop()
                    continue
                if tag == _INSTR:
                    if fields:
                        fields[-1][0] += child.text or ""
                    continue
                if fields and any(
                    shown and (instr.split() or [""])[0].upper() in _PAGE_FIELDS
                    for instr, shown in fields
                ):
                    continue
                if tag == _T:
                    out.extend(Token(t, run) for t in _TOKENS.findall(child.text or ""))
                elif tag == _TAB:
                    out.append(Token("\t", run, child))
                elif tag in (_BR, _CR):
                    out.append(Token("\n", run, child))
                elif tag == _NBH:
                    out.append(Token("\u2011", run, child))
                elif tag == _DRAWING:
                    out.append(Token(self.picture_key(child), run, child))
        return out

    def para(self, p: Any) -> _Para:
        known = self._paras.get(id(p))
        if known is not None and known[0] is p:
            return known[1]
        tokens = self.tokens(p)
        para = _Para(p, tokens, "".join(t.text for t in tokens))
        self._paras[id(p)] = (p, para)
        return para


def _table_rows(table: Any) -> list[Any]:
    return table.findall(_TR)


def _cells(row: Any) -> list[Any]:
    return [c for c in row if c.tag == _TC]


def _toc_paragraphs(children: list[Any]) -> set[int]:
    """The paragraphs of the table of contents field (from its begin to its end)."""
    out: set[int] = set()
    depth = 0
    for child in children:
        if child.tag != _P:
            continue
        if depth == 0:
            starts = any(
                (i.text or "").strip().upper().startswith("TOC") for i in child.iter(_INSTR)
            )
            if not starts:
                continue
        for fld in child.iter(_FLDCHAR):
            kind = fld.get(_TYPE)
            depth += 1 if kind == "begin" else -1 if kind == "end" else 0
        out.add(id(child))
        depth = max(depth, 0)
    return out


# --------------------------------------------------------------------------- aligning


@dataclass
class _Block:
    element: Any
    key: str
    para: _Para | None = None  # for a paragraph
    rows: list[str] | None = None  # row keys, for a table
    first: str | None = None  # the first cell's text, for a table row (what the row is about)


def _similarity(a: _Block, b: _Block, cutoff: float = SIMILAR) -> float:
    if a.element.tag != b.element.tag:
        return 0.0
    if a.first is not None and b.first is not None:
        # A table row is about what its first cell names: rows of two maatregelen share
        # most of their words (trekkers, planning), so the name weighs half.
        name = _ratio(a.first, b.first, 0.0)
        need = 2 * cutoff - name  # what the whole row must reach for the cutoff
        if need > 1:
            return 0.5 * name
        return 0.5 * name + 0.5 * _ratio(a.key, b.key, max(0.0, need))
    if a.rows is not None and b.rows is not None:
        matcher = difflib.SequenceMatcher(None, a.rows, b.rows, autojunk=False)
        if matcher.real_quick_ratio() < cutoff or matcher.quick_ratio() < cutoff:
            return 0.0
        return matcher.ratio()
    return _ratio(a.key, b.key, cutoff)


def _ratio(x: str, y: str, cutoff: float) -> float:
    """How alike two texts are (0-1); 0 when they are surely below ``cutoff``."""
    if len(x) + len(y) > 400:  # long texts by their words: as good, and much faster
        matcher = difflib.SequenceMatcher(
            None, _TOKENS.findall(x), _TOKENS.findall(y), autojunk=False
        )
    else:
        matcher = difflib.SequenceMatcher(None, x, y, autojunk=False)
    if matcher.real_quick_ratio() < cutoff or matcher.quick_ratio() < cutoff:
        return 0.0
    return matcher.ratio()


#: One block changed into one other: its words are compared when they are this similar
#: (or short, as a value in a table cell); else the one is removed and the other added.
SIMILAR_ONE = 0.3
SHORT = 3


def _one_for_one(a: _Block, b: _Block) -> bool:
    if a.element.tag != b.element.tag:
        return False
    if a.para is None or b.para is None:
        return True  # a table: compared row by row
    if min(_words(a.para), _words(b.para)) <= SHORT:
        return True
    return _similarity(a, b, SIMILAR_ONE) >= SIMILAR_ONE


def _words(para: _Para) -> int:
    return sum(1 for t in para.tokens if not t.text.isspace())


Op = tuple[str, int | None, int | None]  # ("=" | "~" | "-" | "+", old index, new index)


def align(old: list[_Block], new: list[_Block]) -> list[Op]:
    """The two block lists as kept, changed (paired), removed and added, in the new order
    with each removal where it stood."""
    matcher = difflib.SequenceMatcher(
        None, [b.key for b in old], [b.key for b in new], autojunk=False
    )
    ops: list[Op] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.extend(("=", i, j) for i, j in zip(range(i1, i2), range(j1, j2), strict=True))
        elif tag == "delete":
            ops.extend(("-", i, None) for i in range(i1, i2))
        elif tag == "insert":
            ops.extend(("+", None, j) for j in range(j1, j2))
        else:
            ops.extend(_pair(old, new, i1, i2, j1, j2))
    return ops


def _pair(old: list[_Block], new: list[_Block], i1: int, i2: int, j1: int, j2: int) -> list[Op]:
    """A changed stretch as pairs (compared word by word), removed and added blocks.

    A small stretch pairs the most similar blocks first. A long one goes through the new
    blocks in order, each paired with the most similar of the next few adopted blocks (a
    close one at once; those passed over are removed): linear, so a chapter edited
    throughout stays word by word and fast."""
    if i1 >= i2 or j1 >= j2:
        return [("-", i, None) for i in range(i1, i2)] + [("+", None, j) for j in range(j1, j2)]
    if i2 - i1 == 1 and j2 - j1 == 1 and _one_for_one(old[i1], new[j1]):
        return [("~", i1, j1)]
    if (i2 - i1) * (j2 - j1) <= SMALL:
        # A small stretch: the most similar pair first, then each side of it (as difflib's
        # Differ does), so a removed row between two changed ones is not paired wrongly.
        best, pair = SIMILAR, None
        for j in range(j1, j2):
            for i in range(i1, i2):
                score = _similarity(old[i], new[j])
                if score > best:
                    best, pair = score, (i, j)
        if pair is None:
            return [("-", i, None) for i in range(i1, i2)] + [("+", None, j) for j in range(j1, j2)]
        i, j = pair
        return [
            *_pair(old, new, i1, i, j1, j),
            ("~", i, j),
            *_pair(old, new, i + 1, i2, j + 1, j2),
        ]
    ops: list[Op] = []
    i = i1
    for j in range(j1, j2):
        best, where = SIMILAR, None
        for k in range(i, min(i2, i + WINDOW)):
            score = _similarity(old[k], new[j])
            if score > best:
                best, where = score, k
                if score >= CLOSE:
                    break
        if where is None:
            ops.append(("+", None, j))
            continue
        ops.extend(("-", k, None) for k in range(i, where))
        ops.append(("~", where, j))
        i = where + 1
    ops.extend(("-", k, None) for k in range(i, i2))
    return ops


# --------------------------------------------------------------------------- marking


class Revisor:
    """Marks the differences of one adopted body in the new body."""

    def __init__(self, old_part: Any, new_part: Any, marker: Marker) -> None:
        self.old = _Reader(old_part)
        self.new = _Reader(new_part)
        self.marker = marker
        self.result = Result()

    # -- containers (the body, a table cell, a content control)
    def blocks(self, reader: _Reader, children: list[Any]) -> list[_Block]:
        toc = _toc_paragraphs(children)
        out = []
        for child in children:
            if child.tag == _P and id(child) not in toc:
                para = reader.para(child)
                out.append(_Block(child, "P" + para.key, para=para))
            elif child.tag == _TBL:
                rows = [self.row_key(reader, row) for row in _table_rows(child)]
                out.append(_Block(child, "T" + "\x01".join(rows), rows=rows))
            elif child.tag == _SDT:
                content = child.find(_SDT_CONTENT)
                inner = self.blocks(reader, list(content)) if content is not None else []
                out.append(_Block(child, "S" + "\x01".join(b.key for b in inner)))
        return out

    def row_block(self, reader: _Reader, row: Any) -> _Block:
        cells = _cells(row)
        first = "\x03".join(reader.para(p).key for p in cells[0].iter(_P)) if cells else ""
        return _Block(row, self.row_key(reader, row), first=first)

    def row_key(self, reader: _Reader, row: Any) -> str:
        return "\x02".join(
            "\x03".join(reader.para(p).key for p in cell.iter(_P)) for cell in _cells(row)
        )

    def container(self, old_children: list[Any], new_parent: Any, end: Any = None) -> None:
        """Mark ``new_parent``'s blocks against ``old_children``; removed blocks go where they
        stood (at the end: before ``end``, else last)."""
        old = self.blocks(self.old, old_children)
        new = self.blocks(self.new, list(new_parent))
        pending: list[Any] = []
        for op, i, j in align(old, new):
            if op == "-":
                assert i is not None
                pending.append(self.removed_block(old[i].element))
                continue
            assert j is not None
            target = new[j].element
            for element in pending:
                target.addprevious(element)
            pending = []
            if op == "+":
                self.added_block(target)
            elif op == "~":
                assert i is not None
                self.changed_block(old[i], new[j])
        for element in pending:
            if end is not None:
                end.addprevious(element)
            else:
                new_parent.append(element)
        if new_parent.tag == _TC and len(new_parent) and new_parent[-1].tag == _TBL:
            new_parent.append(el("w:p"))  # a cell ends with a paragraph

    def changed_block(self, old: _Block, new: _Block) -> None:
        tag = new.element.tag
        if tag == _P:
            assert old.para is not None and new.para is not None
            self.paragraph(old.para, new.para)
        elif tag == _TBL:
            self.table(old.element, new.element)
        elif tag == _SDT:
            old_content = old.element.find(_SDT_CONTENT)
            new_content = new.element.find(_SDT_CONTENT)
            if old_content is not None and new_content is not None:
                self.container(list(old_content), new_content)

    # -- whole blocks
    def added_block(self, element: Any) -> None:
        if element.tag == _P:
            self.result.paragraphs_added += 1
            self.added_paragraph(element)
        elif element.tag == _TBL:
            for row in _table_rows(element):
                self.added_row(row)
        else:
            for p in element.iter(_P):
                self.added_paragraph(p)

    def removed_block(self, element: Any) -> Any:
        copied = copy.deepcopy(element)
        if copied.tag == _P:
            self.result.paragraphs_removed += 1
            self.removed_paragraph(copied)
        elif copied.tag == _TBL:
            for row in _table_rows(copied):
                self.removed_row(row)
        else:
            for p in list(copied.iter(_P)):
                self.removed_paragraph(p)
        return copied

    def added_paragraph(self, p: Any) -> None:
        self.wrap_runs(p, "w:ins")
        self.mark_paragraph(p, "w:ins")

    def removed_paragraph(self, p: Any) -> None:
        """A copy of an adopted paragraph, made a deleted one of this document."""
        for bookmark in [e for e in p.iter(*_BOOKMARKS)]:
            bookmark.getparent().remove(bookmark)
        ppr = p.find(_PPR)
        if ppr is not None:
            for section in ppr.findall(_SECTPR):
                ppr.remove(section)  # a removed section break is not tracked
        for link in list(p.iter(_HYPERLINK)):  # its relationship is the adopted document's
            parent = link.getparent()
            for child in list(link):
                link.addprevious(child)
            parent.remove(link)
        for run in list(p.iter(_R)):
            if run.find(_FN_REF) is not None or run.find(_EN_REF) is not None:
                run.getparent().remove(run)  # its note is the adopted document's
                continue
            self.to_deleted_run(run)
        self.wrap_runs(p, "w:del")
        self.mark_paragraph(p, "w:del")

    def to_deleted_run(self, run: Any) -> None:
        for child in run:
            if child.tag == _T:
                child.tag = _DELTEXT
            elif child.tag == _INSTR:
                child.tag = _DELINSTR
            elif child.tag == _DRAWING:
                self.marker.adopt_picture(child)

    def wrap_runs(self, p: Any, tag: str) -> None:
        """Each stretch of sibling runs in one ``w:ins``/``w:del``."""
        wrapper = None
        for run in list(p.iter(_R)):
            parent = run.getparent()
            if parent.tag in (_INS, _DEL):
                continue
            if wrapper is None or run.getprevious() is not wrapper:
                wrapper = self.marker.make(tag)
                run.addprevious(wrapper)
            wrapper.append(run)

    def mark_paragraph(self, p: Any, tag: str) -> None:
        """The paragraph mark added or removed (``w:pPr/w:rPr/w:ins``)."""
        ppr = p.find(_PPR)
        if ppr is None:
            ppr = el("w:pPr")
            p.insert(0, ppr)
        rpr = ppr.find(_RPR)
        if rpr is None:
            rpr = el("w:rPr")
            set_ppr(ppr, rpr)
        for old in rpr.findall(_INS) + rpr.findall(_DEL):
            rpr.remove(old)
        rpr.insert(0, self.marker.make(tag))

    # -- tables
    def table(self, old: Any, new: Any) -> None:
        old_rows, new_rows = _table_rows(old), _table_rows(new)
        old_blocks = [self.row_block(self.old, r) for r in old_rows]
        new_blocks = [self.row_block(self.new, r) for r in new_rows]
        pending: list[Any] = []
        last = new_rows[-1] if new_rows else None
        for op, i, j in align(old_blocks, new_blocks):
            if op == "-":
                assert i is not None
                pending.append(self.removed_row(copy.deepcopy(old_rows[i])))
                continue
            assert j is not None
            row = new_rows[j]
            for element in pending:
                row.addprevious(element)
            pending = []
            if op == "+":
                self.added_row(row)
            elif op == "~":
                assert i is not None
                self.changed_row(old_rows[i], row)
        for element in pending:
            if last is not None:
                last.addnext(element)
                last = element
            else:
                new.append(element)

    def changed_row(self, old: Any, new: Any) -> None:
        old_cells, new_cells = _cells(old), _cells(new)
        if len(old_cells) != len(new_cells):
            new.addprevious(self.removed_row(copy.deepcopy(old)))
            self.added_row(new)
            return
        for a, b in zip(old_cells, new_cells, strict=True):
            self.container(list(a), b)

    def added_row(self, row: Any) -> Any:
        self.result.rows_added += 1
        self.mark_row(row, "w:ins")
        for p in list(row.iter(_P)):
            self.added_paragraph(p)
        return row

    def removed_row(self, row: Any) -> Any:
        self.result.rows_removed += 1
        self.mark_row(row, "w:del")
        for p in list(row.iter(_P)):
            self.removed_paragraph(p)
        return row

    def mark_row(self, row: Any, tag: str) -> None:
        trpr = row.find(_TRPR)
        if trpr is None:
            trpr = el("w:trPr")
            # after w:tblPrEx, before the cells
            index = 1 if len(row) and row[0].tag == qn("w:tblPrEx") else 0
            row.insert(index, trpr)
        change = trpr.find(qn("w:trPrChange"))
        mark = self.marker.make(tag)
        if change is not None:
            change.addprevious(mark)
        else:
            trpr.append(mark)

    # -- words in a paragraph
    def paragraph(self, old: _Para, new: _Para) -> None:
        """Mark the words that differ; the new paragraph keeps its runs and formatting."""
        a, b = [t.text for t in old.tokens], [t.text for t in new.tokens]
        status = ["="] * len(b)
        removed: dict[int, list[Token]] = {}
        matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
        for tag, i1, i2, j1, j2 in _without_slivers(matcher.get_opcodes(), a):
            if tag == "equal":
                continue
            if i2 > i1:
                removed.setdefault(j1, []).extend(old.tokens[i1:i2])
            for j in range(j1, j2):
                status[j] = "+"
        if not removed and "+" not in status:
            return
        self.result.paragraphs_changed += 1
        index = {id(t): n for n, t in enumerate(new.tokens)}
        by_run: dict[int, list[Token]] = {}
        for token in new.tokens:
            by_run.setdefault(id(token.run), []).append(token)
        at_end = removed.pop(len(b), None)
        last_run = new.tokens[-1].run if new.tokens else None
        for run_tokens in by_run.values():
            run = run_tokens[0].run
            numbers = [index[id(t)] for t in run_tokens]
            touched = any(status[n] == "+" or n in removed for n in numbers)
            tail = at_end if run is last_run else None
            if touched or tail:
                self.split_run(run, run_tokens, numbers, status, removed, tail)
        if last_run is None and at_end:
            p = new.element
            for element in self.deleted_runs(at_end):
                p.append(element)

    def split_run(
        self,
        run: Any,
        tokens: list[Token],
        numbers: list[int],
        status: list[str],
        removed: dict[int, list[Token]],
        tail: list[Token] | None,
    ) -> None:
        """Replace ``run`` by pieces: kept, added (in ``w:ins``) and removed (``w:del``)."""
        rpr = run.find(_RPR)
        # The run's children in order, each text child as its words: ("=" | "+", a word or
        # a child moved over) and ("-", the removed tokens before it).
        pieces: list[tuple[str, Any]] = []
        queue = iter(zip(tokens, numbers, strict=True))
        pending = next(queue, None)

        def piece(number: int, value: Any) -> None:
            if number in removed:
                pieces.append(("-", removed.pop(number)))
            pieces.append((status[number], value))

        for child in list(run):
            if child.tag == _RPR:
                continue
            if child.tag == _T:
                words = _TOKENS.findall(child.text or "")
                if not words:
                    pieces.append(("=", child))  # an empty text (a page number's slot)
                for word in words:
                    token = pending[0] if pending is not None else None
                    if token is not None and token.element is None and token.text == word:
                        assert pending is not None
                        piece(pending[1], word)
                        pending = next(queue, None)
                    else:  # text that is not compared (a page number)
                        pieces.append(("=", word))
                continue
            if pending is not None and pending[0].element is child:
                piece(pending[1], child)
                pending = next(queue, None)
            else:
                pieces.append(("=", child))
        if tail:
            pieces.append(("-", tail))
        out: list[Any] = []
        current: Any = None
        current_status = ""
        open_text: Any = None  # the w:t this function made last, words are added to it
        for kind, value in pieces:
            if kind == "-":
                out.extend(self.deleted_runs(value))
                current = open_text = None
                continue
            if current is None or kind != current_status:
                current, open_text = el("w:r"), None
                if rpr is not None:
                    current.append(copy.deepcopy(rpr))
                current_status = kind
                if kind == "+":
                    wrapper = self.marker.make("w:ins")
                    wrapper.append(current)
                    out.append(wrapper)
                else:
                    out.append(current)
            if isinstance(value, str):
                if open_text is None:
                    open_text = el("w:t")
                    open_text.text = ""
                    open_text.set(XML_SPACE, "preserve")
                    current.append(open_text)
                open_text.text += value
            else:
                current.append(value)
                open_text = None
        for element in out:
            run.addprevious(element)
        run.getparent().remove(run)

    def deleted_runs(self, tokens: list[Token]) -> Iterator[Any]:
        """Removed words as one ``w:del``, each stretch of one adopted run with its format."""
        wrapper = self.marker.make("w:del")
        current = None
        source = None
        for token in tokens:
            if current is None or token.run is not source:
                source = token.run
                current = el("w:r")
                rpr = source.find(_RPR)
                if rpr is not None:
                    current.append(copy.deepcopy(rpr))
                wrapper.append(current)
            if token.element is None:
                last = current[-1] if len(current) else None
                if last is not None and last.tag == _DELTEXT:
                    last.text += token.text
                else:
                    t = el("w:delText")
                    t.text = token.text
                    t.set(XML_SPACE, "preserve")
                    current.append(t)
            else:
                element = copy.deepcopy(token.element)
                if element.tag == _DRAWING:
                    self.marker.adopt_picture(element)
                current.append(element)
        yield wrapper


def _without_slivers(
    opcodes: Sequence[tuple[str, int, int, int, int]], tokens: list[str]
) -> list[tuple[str, int, int, int, int]]:
    """Spaces and punctuation kept between two changes become part of the change: a reader
    sees "old words" struck and "new words" added, not a word salad around each space."""
    out: list[tuple[str, int, int, int, int]] = []
    for n, op in enumerate(opcodes):
        tag, i1, i2, j1, j2 = op
        between = 0 < n < len(opcodes) - 1
        if tag == "equal" and between and all(not _WORDLIKE.search(t) for t in tokens[i1:i2]):
            tag = "replace"
        if out and tag != "equal" and out[-1][0] != "equal":
            _tag, a1, _a2, b1, _b2 = out.pop()
            out.append(("replace", a1, i2, b1, j2))
        else:
            out.append((tag, i1, i2, j1, j2))
    return out


_WORDLIKE = re.compile(r"\w")


# --------------------------------------------------------------------------- entry point


def first_free_id(body: Any) -> int:
    """Above every annotation id of the body (bookmarks, revisions, comments)."""
    ids = [0]
    for element in body.iter():
        if element.tag in (_FN_REF, _EN_REF):
            continue
        value = element.get(_ID)
        if value is not None and value.lstrip("-").isdigit():
            ids.append(int(value))
    return max(ids) + 1


def mark_revisions(old_document: Any, new_document: Any, *, author: str, date: str) -> Result:
    """Mark in ``new_document`` (python-docx) what differs from ``old_document`` as Word
    revisions by ``author`` on ``date`` (``2026-12-20T00:00:00Z``); returns the counts.

    A document equal in text to the adopted one is left exactly as it is.
    """
    new_body = new_document.element.body
    old_body = old_document.element.body
    new_part = new_document.part
    old_part = old_document.part
    images: dict[str, str] = {}

    def adopt_picture(drawing: Any) -> None:
        for blip in drawing.iter(_BLIP):
            rid = blip.get(_EMBED)
            if rid is None:
                continue
            if rid not in images:
                try:
                    blob = old_part.related_parts[rid].blob
                except (KeyError, AttributeError):
                    continue
                images[rid], _image = new_part.get_or_add_image(io.BytesIO(blob))
            blip.set(_EMBED, images[rid])

    marker = Marker(author, date, first_free_id(new_body), adopt_picture=adopt_picture)
    revisor = Revisor(old_part, new_part, marker)
    old_children = [c for c in old_body if c.tag != _SECTPR]
    revisor.container(old_children, new_body, end=new_body.find(_SECTPR))
    if images:
        # Copied pictures brought their drawing ids: number them all again, as docxtpl does.
        for number, doc_pr in enumerate(new_body.iter(_DOCPR), start=1001):
            doc_pr.set("id", str(number))
    revisor.result.revisions = marker.count
    return revisor.result
