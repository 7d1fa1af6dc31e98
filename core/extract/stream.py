"""Structure-less text: a report that lost its line breaks and cell separators, read as one stream.

Scrapers and some browser copies turn a whole report into one line: sections run into each other
("…编制而成。 一、总体情况 2023年，…") and cells are glued to their labels and to each other
(`规章000行政规范性文件77132470第二十条第（五）项…`). This module finds the section headings and the
tables' row labels anywhere in the text, in template order, takes the digits between two row labels as
that row's cells run together, splits them with core.extract.solve (row sums, column sums and the balance
over the whole table, the prose for 表二), and rebuilds the document as ordinary lines: one heading per
line, one sentence per line, one table row per line (`label | v | v | …`). The ordinary extractor then
reads that document; the splits that were not proven are reported as PARSE.UNCERTAIN with their
alternatives (the most plausible reading is kept in the cells, marked uncertain).

Used only when the ordinary reading found none of the three tables, so no other input reads differently.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field

from core.extract.solve import (
    RowRun,
    RowSolution,
    apply_evidence,
    apply_prev,
    column_equations,
    prev_row_values,
    prose_numbers,
    solve_rows,
)
from core.extract.stream_findings import mark_uncertain, stream_findings, unproven_sums
from core.layout import value_text
from core.model import Loc, Report, SourceDoc, SourceLine
from core.relations import row_check
from core.template import (
    MONEY,
    REVIEW_ROW,
    SECTION_KEYS,
    TEMPLATE_2019,
    TEMPLATE_2021,
    RowSpec,
    TableSpec,
    Template,
    hybrid_requests_2021,
)
from core.textnorm import fold_width, norm_label

_BLANK_MARKS = "-/—–－"
_RUN = re.compile(r"(?:[\d\s.,，+|｜个件项" + re.escape(_BLANK_MARKS) + r"]|[(（]?万?元[)）]?)*")
_TOKEN = re.compile(r"[+\-]?\d+(?:\.\d+)?(?:\s*(?:[(（]?万?元[)）]?|个|件|项))?|[" + re.escape(_BLANK_MARKS) + r"]+")
# header words that never belong to a row label: a row whose label is followed by them has no values
_HEADER_VOCAB = re.compile(r"第二十条|信息内容|数量|件数|金额|申请人|办理结果|不予公开|无法提供|不予处理|其他处理|总计|结果维持")
_REVIEW_HEADER = ("行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉",
                  "复议后起诉")
_REVIEW_LINES = ("行政复议 | 行政诉讼 |",
                 "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 |",
                 " | ".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2) + " |")
MIN_FLAT_CHARS = 300
_SIGNATURE_DATE = re.compile(r"\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$")
_PAGE_FOOTER = re.compile(r"[—–－]\s+\d{1,3}\s+[—–－]|第\s*\d{1,3}\s*页(?:\s*[/，,]?\s*共\s*\d{1,3}\s*页)?")


_FOLD: dict[str, str] = {}
_DROPPED = re.compile(r"[\s\u00a0\u3000\u200b\ufeff|｜]+")  # white space and cell separators, not in Flat.norm
_DIGIT_COMMA = re.compile(r"(?<=\d)[、．]")


def looks_flat(doc: SourceDoc) -> bool:
    """One line carries table 二's caption and table 三's last row: no line-based reading can work."""
    long = [ln.text for ln in doc.lines if len(ln.text) > MIN_FLAT_CHARS]
    return any(("第二十条" in t or "信息内容" in t) and "结转下年度" in t for t in long)


@dataclass
class Flat:
    """The text as one string, and a normalised copy (width folded, no spaces) with positions back into it."""

    text: str
    norm: str = ""
    pos: list[int] = field(default_factory=list)  # norm index → text index

    def __post_init__(self) -> None:
        folded = fold_width(self.text)
        if len(folded) != len(self.text):  # a character that folds into several (rare): keep positions
            folded = "".join((_FOLD.get(ch) or _FOLD.setdefault(ch, fold_width(ch)[:1] or " ")) for ch in self.text)
        kept: list[int] = []  # the positions of the characters kept: everything between the dropped runs
        start = 0
        for m in _DROPPED.finditer(folded):
            kept.extend(range(start, m.start()))
            start = m.end()
        kept.extend(range(start, len(folded)))
        self.pos = kept + [len(self.text)]
        self.norm = _DIGIT_COMMA.sub(".", _DROPPED.sub("", folded))

    def at(self, k: int) -> int:
        """Text index of norm index k (k may be len(norm))."""
        return self.pos[min(k, len(self.pos) - 1)]

    def end(self, k: int) -> int:
        """Text index just after norm index k − 1."""
        return self.pos[k - 1] + 1 if k > 0 else 0


@dataclass
class Piece:
    start: int  # text index
    end: int
    kind: str  # heading | row | review
    label: str = ""
    values: list[str] = field(default_factory=list)
    table: str = ""
    row: str = ""


# ------------------------------------------------------------------ locating


def _detect_template(norm: str) -> Template:
    s19 = sum(1 for m in TEMPLATE_2019.markers if m in norm)
    s21 = sum(1 for m in TEMPLATE_2021.markers if m in norm)
    return TEMPLATE_2021 if s21 > s19 or s19 == 0 else TEMPLATE_2019


def _sections(flat: Flat) -> list[tuple[int, int, int]]:
    """(number, norm start, norm end) of each section heading found, in order."""
    out = []
    cursor = 0
    for number, keys in enumerate(SECTION_KEYS, start=1):  # any numeral: some reports number them differently
        pat = re.compile(r"[一二三四五六七八九十][、.,](?:[^。,;:\d]{0,12}?)(?:" + "|".join(map(re.escape, keys)) + ")")
        m = pat.search(flat.norm, cursor)
        if m is None:
            continue
        end = m.end()
        tail = re.match(r"[^。,;:\d]{0,6}?(?:情况|措施|事项)", flat.norm[end:end + 8])
        if tail:
            end += tail.end()
        out.append((number, m.start(), end))
        cursor = end
    return out


def _find_label(norm: str, row: RowSpec, lo: int, hi: int) -> tuple[int, int] | None:
    """(start, end) in norm of the row's label: the earliest of its printed label, exact texts and keys."""
    label = norm_label(row.label)
    needles = [label, *(norm_label(e) for e in row.exact if len(norm_label(e)) >= 3), *row.keys]
    if row.exact and not row.keys and len(norm_label(row.exact[0])) < 3:
        needles.append(norm_label(row.exact[0]))
    best: tuple[int, str] | None = None
    for nd in needles:
        if not nd:
            continue
        p = norm.find(nd, lo, hi)
        if p >= 0 and (best is None or p < best[0] or (p == best[0] and len(nd) > len(best[1]))):
            best = (p, nd)
    if best is None:
        return None
    p, nd = best
    end = p + len(nd)
    k = label.find(nd)
    if k > 0:  # extend backwards over the printed numbering ("1.属于" before 国家秘密)
        prefix = label[:k]
        for cut in range(len(prefix)):
            s = prefix[cut:]
            if p - len(s) >= lo and norm[p - len(s):p] == s:
                p -= len(s)
                break
    if k >= 0:
        suffix = label[k + len(nd):]
        if suffix and norm.startswith(suffix, end):
            end += len(suffix)
    m = re.search(r"(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]+\)|\d{1,2}\.)$", norm[max(lo, p - 5):p])
    if m and not label.startswith(m.group(0)[:1]) and m.group(0)[0] not in "0123456789":
        p -= len(m.group(0))
    return p, end


def _row_pieces(flat: Flat, rows: tuple[RowSpec, ...], lo: int, hi: int, table: str) -> list[Piece]:
    found: list[tuple[RowSpec, int, int]] = []
    cursor = lo
    for row in rows:
        hit = _find_label(flat.norm, row, cursor, hi)
        if hit is None:
            continue
        found.append((row, hit[0], hit[1]))
        cursor = hit[1]
    out = []
    for i, (row, start, end) in enumerate(found):
        nxt = found[i + 1][1] if i + 1 < len(found) else hi
        values, run_end = _run(flat, end, nxt)
        out.append(Piece(flat.at(start), run_end, "row", flat.text[flat.at(start):flat.end(end)].strip(),
                         values, table, row.id))
    return out


def _run(flat: Flat, label_end: int, stop: int) -> tuple[list[str], int]:
    """The value tokens printed after a label (norm index) up to the next label; and where they end (text)."""
    gap = flat.norm[label_end:stop]
    first = next((i for i, ch in enumerate(gap) if ch.isdigit() or ch in _BLANK_MARKS), None)
    t_end = flat.end(label_end)
    if first is None or (first > 0 and (first > 40 or _HEADER_VOCAB.search(gap[:first]))):
        return [], t_end
    t_start = flat.at(label_end + first)
    t_stop = flat.at(stop) if stop < len(flat.norm) else len(flat.text)
    m = _RUN.match(flat.text, t_start, t_stop)
    run = m.group(0) if m else ""
    run = run.rstrip(" ,，.")
    return _tokens(run), t_start + len(run)


def _tokens(run: str) -> list[str]:
    out: list[str] = []
    for piece in re.split(r"[\s，|｜]+", run):
        if not piece:
            continue
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", piece):
            out.append(piece.replace(",", ""))
            continue
        for m in _TOKEN.finditer(piece):
            tok = m.group(0)
            if tok[0] in _BLANK_MARKS and not tok[1:2].isdigit():
                if len(tok) <= 2:  # a blank mark; a longer rule (markdown ---) is not a cell
                    out.append("")
                continue
            out.append(tok)
    return out


def _review_piece(flat: Flat, lo: int, hi: int) -> Piece | None:
    """Table 四: the header words after 行政复议, then one run of 15 cells."""
    p = flat.norm.find("结果维持", lo, hi)
    if p < 0:
        return None
    start = flat.norm.rfind("行政复议", lo, p)
    start = start if start >= 0 else p
    k = p
    while True:
        for w in _REVIEW_HEADER:
            if flat.norm.startswith(w, k):
                k += len(w)
                break
        else:
            if k < hi and flat.norm[k] in "()（）:：":
                k += 1
                continue
            break
    values, end = _run(flat, k, hi)
    if not values:
        return None
    return Piece(flat.at(start), end, "review", values=values, table="review", row=REVIEW_ROW.id)


# ------------------------------------------------------------------ solving


@dataclass
class Solved:
    pieces: list[Piece]
    solutions: dict[tuple[str, str], RowSolution]
    specs: dict[str, TableSpec]


def _solve(template: Template, pieces: list[Piece], prose: str, prev: Report | None = None) -> Solved:
    sols: dict[tuple[str, str], RowSolution] = {}
    specs: dict[str, TableSpec] = {t.id: t for t in template.tables}
    by_table: dict[str, list[Piece]] = {}
    for pc in pieces:
        if pc.kind in ("row", "review"):
            by_table.setdefault(pc.table, []).append(pc)
    # 表三: hybrid 2021 (single （六）其他处理 row) when that row has values and no sub-row is printed
    req = by_table.get("requests", [])
    if template.version == "2021":
        ids = {pc.row for pc in req if pc.values}
        if "other" in ids and not ids & {"other_overdue_correction", "other_overdue_fee", "other_reasons"}:
            specs["requests"] = hybrid_requests_2021()
        else:  # the （六） caption of the 2021 group is not a row
            by_table["requests"] = [pc for pc in req if pc.row != "other"]
            pieces[:] = [pc for pc in pieces if not (pc.table == "requests" and pc.row == "other")]
    spec3 = specs["requests"]
    runs = [RowRun(pc.row, pc.values, len(spec3.cols_for(pc.row))) for pc in by_table.get("requests", [])
            if pc.row in spec3.row_index]
    check3 = row_check(spec3, runs[0].row) if runs else None  # every 表三 row has the same ROW_SUM
    for row, sol in solve_rows(runs, check3, column_equations(spec3)).items():
        sols[("requests", row)] = sol
    spec4 = specs["review"]
    for pc in by_table.get("review", []):
        row4 = spec4.single_row
        run = RowRun(row4, pc.values, len(spec4.cols_for(row4)))
        sols[("review", row4)] = solve_rows([run], row_check(spec4, row4))[row4]
    spec2 = specs["active"]
    for pc in by_table.get("active", []):
        cols = spec2.cols_for(pc.row)
        run = RowRun(pc.row, pc.values, len(cols), money_last=spec2.col(cols[-1]).kind == MONEY)
        sol = solve_rows([run], None)[pc.row]
        sol.reason = "数字的写法" if sol.status == "exact" else sol.reason
        subject = norm_label(spec2.row(pc.row).label)
        subject = "规范性文件" if "规范性文件" in subject else subject
        apply_evidence(sol, [prose_numbers(prose, subject, _VERBS.get(c, ())) for c in cols])
        apply_prev(sol, cols, prev_row_values(prev, pc.row, template.version))
        sols[("active", pc.row)] = sol
    return Solved(pieces, sols, specs)


_VERBS = {"issued": ("制发", "印发", "出台", "发布"), "repealed": ("废止",), "in_force": ("现行有效",),
          "new_made": ("新制作", "制作"), "new_published": ("新公开", "公开"), "total_published": ("公开总数",)}


# ------------------------------------------------------------------ rebuilding the document


def _sentences(text: str) -> list[str]:
    """Prose cut into sentences; table captions (第二十条第（一）项, 信息内容…) start lines of their own."""
    return [s.strip() for s in re.split(r"(?<=[。！？])|(?=第二十条第)|(?=信息内容)", text) if s.strip()]


def restructure(doc: SourceDoc, prev: Report | None = None) -> tuple[SourceDoc, Solved] | None:
    """The document rebuilt into lines when it reads as a structure-less stream, else None. `prev` (last year's
    report) helps split 表二's glued rows."""
    text = " ".join(ln.text for ln in doc.lines if ln.text.strip())
    text = _PAGE_FOOTER.sub(lambda m: " " * len(m.group(0)), text)
    if len(text) < MIN_FLAT_CHARS:
        return None
    flat = Flat(text)
    norm = flat.norm
    template = _detect_template(norm)
    sections = _sections(flat)
    sec = {n: (a, b) for n, a, b in sections}
    n = len(norm)
    s2 = sec.get(2, (0, 0))[1]
    t2 = next((p for p in (norm.find(k, lo) for lo in (s2, 0) for k in ("第二十条第", "信息内容")) if p >= 0), -1)
    s3 = sec.get(3, (None, None))[1]
    t3 = -1
    for key in ("申请人情况", "本列数据的勾稽关系", "自然人"):
        t3 = norm.find(key, max(s3 or 0, t2))
        if t3 >= 0:
            break
    s4 = sec.get(4, (None, None))[0]
    pieces: list[Piece] = []
    spec2 = template.table("active")
    if t2 >= 0:
        hi2 = min([x for x in (sec.get(3, (n,))[0], t3) if x is not None and x > t2] or [n])
        pieces += _row_pieces(flat, spec2.rows, t2, hi2, "active")
    if t3 >= 0:
        universal = hybrid_requests_2021().rows if template.version == "2021" else template.table("requests").rows
        hi3 = s4 if s4 is not None and s4 > t3 else n
        fwd = [pc for pc in _row_pieces(flat, universal, t3, hi3, "requests")]
        pieces += fwd
        lo4 = bisect_left(flat.pos, fwd[-1].end) if fwd else t3
        hi4 = sec.get(5, (n,))[0]
        review = _review_piece(flat, s4 if s4 is not None and s4 >= lo4 else lo4, hi4)
        if review is not None:
            pieces.append(review)
    if not any(pc.values for pc in pieces):
        return None
    prose = "".join(text[a:b] for a, b in _gaps(pieces, len(text)))
    solved = _solve(template, pieces, prose, prev)
    heads = [Piece(flat.at(a), flat.end(b), "heading") for _n, a, b in sections]
    pieces = sorted(solved.pieces + [h for h in heads if not any(p.start <= h.start < p.end for p in solved.pieces)],
                    key=lambda p: p.start)
    lines: list[SourceLine] = []

    def add(s: str) -> None:
        lines.append(SourceLine(s, Loc(line=len(lines) + 1)))

    cursor = 0
    for pc in pieces:
        if pc.start < cursor:
            continue
        for s in _sentences(text[cursor:pc.start]):
            add(s)
        if pc.kind == "heading":
            add(text[pc.start:pc.end].strip())
        elif pc.kind == "review":
            for h in _REVIEW_LINES:
                add(h)
            add(" | ".join(_cells(solved, pc)) + " |")
        else:
            add(" | ".join([pc.label, *_cells(solved, pc)]) + " |")
        cursor = pc.end
    for s in _sentences(text[cursor:]):
        m = _SIGNATURE_DATE.search(s)
        if m and m.start() > 0:  # agency and date of the signature at the end, glued to the last sentence
            add(s[:m.start()].strip())
            s = m.group(0).strip()
        add(s)
    out = SourceDoc(path=doc.path, format=doc.format, lines=lines, script=doc.script, meta=dict(doc.meta),
                    pages=doc.pages, notes=list(doc.notes))
    return out, solved


def _gaps(pieces: list[Piece], n: int) -> list[tuple[int, int]]:
    out, cursor = [], 0
    for pc in sorted(pieces, key=lambda p: p.start):
        if pc.start > cursor:
            out.append((cursor, pc.start))
        cursor = max(cursor, pc.end)
    out.append((cursor, n))
    return out


def _cells(solved: Solved, pc: Piece) -> list[str]:
    sol = solved.solutions.get((pc.table, pc.row))
    if sol is not None and sol.values is not None:
        return [value_text(v) for v in sol.values]
    spec = solved.specs[pc.table]
    n = len(spec.cols_for(pc.row)) if pc.row in spec.row_index else len(pc.values)
    if not pc.values:
        return [""] * n  # a row printed with every cell empty
    return list(pc.values)


# ------------------------------------------------------------------ reading


def read_stream(doc: SourceDoc, extract_lines: Callable[[SourceDoc], Report],
                prev: Report | None = None) -> Report | None:
    """The report read as a structure-less stream (its lines rebuilt, then read by `extract_lines`, the ordinary
    extractor); None when that finds no table either."""
    rebuilt = restructure(doc, prev)
    if rebuilt is None:
        return None
    new_doc, solved = rebuilt
    report = extract_lines(new_doc)
    if not any(t.found for t in report.tables.values()):
        return None
    specs = {tid: t.spec for tid, t in report.tables.items()}
    empty = [(pc.table, pc.row) for pc in solved.pieces if pc.kind == "row" and not pc.values]
    findings, candidates = stream_findings(empty, solved.solutions, specs)
    mark_uncertain(report.tables, candidates)
    findings += unproven_sums(report)
    report.parse_findings = findings + report.parse_findings
    report.candidates = candidates
    return report
