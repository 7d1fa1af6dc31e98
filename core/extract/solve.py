"""Splits runs of glued digits into table cells using everything the report proves, over a whole table at once.

A run is what a structure-less copy leaves between two row labels: the row's cells with their separators
lost (`801000081`) or partly kept (`0 0 0 0 0 00`). Candidates of a row are the ways to cut the run into
well-formed counts (no leading zero in a multi-digit count) that keep the row's own sum (表三 总计, 表四
group totals). Table 三 is then solved as a whole: one candidate per row such that the column sums
(results → 总计) and the balance (一 + 二 = 总计 + 四) hold. Table 二 has no sums: the prose
("本年度制发规范性文件77件") and plausibility decide, and several remaining readings are reported.

Nothing here guesses silently: a row is `exact` only when a single reading survives all the evidence;
otherwise the most plausible reading is kept with its alternatives for a PARSE.UNCERTAIN finding.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import product

from core.extract.glued import split_tokens
from core.model import Report
from core.relations import COLUMN, equations
from core.template import TableSpec

Number = int | float | None
MAX_ROW_CANDIDATES = 400
MAX_COMBOS = 20000
MONEY_DECIMALS = 6  # 万元 to the 分: more decimals than this belong to another cell


@dataclass
class RowRun:
    """The digits printed after one row label, as tokens (whitespace-separated pieces; '' for a blank mark)."""

    row: str
    tokens: list[str]
    n: int  # number of template columns of the row
    money_last: bool = False  # the last column is a money amount (万元, decimals allowed)


@dataclass
class RowSolution:
    row: str
    values: list[Number | None] | None  # None: leave the row to the ordinary fitting (raw tokens)
    status: str  # printed | exact | uncertain | raw
    alternatives: list[list[Number]] = field(default_factory=list)  # other readings still possible
    reason: str = ""  # what decided a split (Chinese, for the finding)
    glued: str = ""


def _all_digits(tokens: list[str]) -> bool:
    return bool(tokens) and all(t.isdigit() for t in tokens)


def row_candidates(run: RowRun, check: Callable[[list[int]], bool] | None) -> list[list[Number]]:
    """Readings of a glued run: integer splits (and a money amount in the last column when it has one)."""
    toks = run.tokens
    if run.money_last and toks and "." in toks[-1]:
        head, _, dec = toks[-1].partition(".")
        if not head.isdigit() or not dec.isdigit() or len(dec) > MONEY_DECIMALS:
            return []
        if run.n == 1:
            return [[float(toks[-1])]] if len(toks) == 1 else []
        out: list[list[Number]] = []
        for cut in range(1, len(head) + 1):
            int_part, money_head = head[:-cut] if cut < len(head) else "", head[len(head) - cut:]
            if money_head.startswith("0") and len(money_head) > 1:
                continue
            rest = [*toks[:-1], int_part] if int_part else list(toks[:-1])
            if not rest and run.n > 1:
                continue
            money = float(f"{money_head}.{dec}")
            for split in split_tokens(rest, run.n - 1, lambda _v: True) if rest else []:
                out.append([*split, money])
        return out
    signs = [t[0] if t[:1] in "+-" else "" for t in toks]
    bare = [t[1:] if s else t for t, s in zip(toks, signs, strict=True)]
    if not _all_digits(bare):
        return []
    if not any(s == "-" for s in signs):
        return [list(c) for c in split_tokens(bare, run.n, check or (lambda _v: True))]
    out = []
    for split in split_tokens(bare, run.n, lambda _v: True):
        signed = _apply_signs(split, bare, signs)
        if signed is not None and (check is None or check(signed)):
            out.append(list(signed))
    return out


def _apply_signs(parts: list[int], bare: list[str], signs: list[str]) -> list[int] | None:
    """Negate the first part cut from each token printed with a minus sign."""
    out, k = list(parts), 0
    for tok, sign in zip(bare, signs, strict=True):
        if sign == "-":
            out[k] = -out[k]
        consumed = ""
        while consumed != tok:
            if k >= len(parts) or not tok.startswith(consumed + str(parts[k])):
                return None
            consumed += str(parts[k])
            k += 1
    return out


def _with_blanks(run: RowRun) -> list[list[Number]]:
    """Readings of the run as one number fewer, with a blank cell at each possible place."""
    if run.n < 2:
        return []
    short = RowRun(run.row, run.tokens, run.n - 1, run.money_last)
    out: list[list[Number]] = []
    for cand in row_candidates(short, None)[:8]:
        for i in range(run.n):
            out.append([*cand[:i], None, *cand[i:]])  # type: ignore[list-item]
    return out


# ------------------------------------------------------------------ table 三 (and any table with sums)


@dataclass(frozen=True)
class ColumnEq:
    """sum(lhs cells) == sum(rhs cells) within one column: (row ids, row ids, column index)."""

    lhs: tuple[str, ...]
    rhs: tuple[str, ...]
    col: int


def _plausibility(values: Sequence[Number]) -> tuple[float, ...]:
    """Higher is more plausible: short, balanced numbers; mass in the first column (自然人) breaks ties."""
    lens = [len(str(abs(int(v)))) if v is not None else 1 for v in values]
    return (-sum((n - 1) ** 2 for n in lens), float(values[0]) if values and values[0] is not None else 0.0)


def solve_rows(runs: list[RowRun], check: Callable[[list[int]], bool] | None,
               eqs: Sequence[ColumnEq] = (), fixed: dict[str, list[Number]] | None = None) -> dict[str, RowSolution]:
    """Solve every row of one table at once: row sums per row, then column equations across rows."""
    fixed = dict(fixed or {})
    sols: dict[str, RowSolution] = {}
    unknown: set[str] = set()  # rows printed with values that cannot enter a sum
    open_rows: dict[str, list[list[Number]]] = {}
    for run in runs:
        toks = run.tokens
        glued = " ".join(toks)
        if len(toks) == run.n or len(toks) > run.n or any(t == "" for t in toks) or not toks:
            sols[run.row] = RowSolution(run.row, None, "printed" if len(toks) == run.n else "raw")
            if len(toks) == run.n and all(re.fullmatch(r"[+-]?\d+", t) for t in toks):
                fixed[run.row] = [int(t) for t in toks]
            elif toks:
                unknown.add(run.row)
            continue
        cands = row_candidates(run, check)
        reason = "本行合计"
        if not cands and check is not None:
            cands = row_candidates(run, None)  # the row's own total is wrong: the columns may still decide
            reason = "各列合计"
        if not cands or len(cands) > MAX_ROW_CANDIDATES:
            sols[run.row] = RowSolution(run.row, None, "raw", glued=glued)
            unknown.add(run.row)
            continue
        cands.sort(key=_plausibility, reverse=True)
        if check is None and len(cands) == 1 and any(ch != "0" for t in toks for ch in t if ch.isdigit()):
            # no sum proves the split, and blank cells vanish without a trace in such a copy: the same digits
            # may be fewer numbers with a blank cell (74 as 7 / 4, or 74 and a blank)
            cands += _with_blanks(run)
        sols[run.row] = RowSolution(run.row, cands[0], "exact" if len(cands) == 1 else "uncertain",
                                    alternatives=cands[1:], reason=reason, glued=glued)
        if len(cands) == 1:
            fixed[run.row] = cands[0]
        else:
            open_rows[run.row] = cands
    eqs = [eq for eq in eqs if not unknown & {*eq.lhs, *eq.rhs}]
    if eqs:
        _solve_columns(sols, open_rows, fixed, eqs)
    return sols


def _solve_columns(sols: dict[str, RowSolution], open_rows: dict[str, list[list[Number]]],
                   fixed: dict[str, list[Number]], eqs: Sequence[ColumnEq]) -> None:
    rows = list(open_rows)
    lists = [open_rows[r] for r in rows]
    total = 1
    for cands in lists:
        total *= len(cands)
    if rows and total > MAX_COMBOS:
        keep = max(2, int(MAX_COMBOS ** (1 / len(rows))))
        lists = [c[:keep] for c in lists]
        truncated = True
    else:
        truncated = False

    def score(vals: dict[str, list[Number]]) -> int:
        ok = 0
        for eq in eqs:
            lhs = sum(vals[r][eq.col] or 0 for r in eq.lhs if r in vals)  # a blank reading counts 0
            rhs = sum(vals[r][eq.col] or 0 for r in eq.rhs if r in vals)
            ok += abs(lhs - rhs) < 1e-9
        return ok

    best: list[tuple[list[Number], ...]] = []
    best_score = -1
    for combo in product(*lists) if rows else [()]:
        vals = dict(fixed)
        vals.update(zip(rows, combo, strict=True))
        s = score(vals)
        if s > best_score:
            best, best_score = [combo], s
        elif s == best_score and len(best) < MAX_COMBOS:
            best.append(combo)
    all_hold = best_score == len(eqs)
    for i, r in enumerate(rows):
        readings = []
        for combo in best:
            if combo[i] not in readings:
                readings.append(combo[i])
        sol = sols[r]
        sol.values = readings[0]
        if len(readings) == 1 and all_hold and not truncated:
            sol.status, sol.alternatives = "exact", []
            sol.reason = "本行合计与各列合计" if sol.reason == "本行合计" else sol.reason
        else:
            sol.status = "uncertain"
            sol.alternatives = [c for c in open_rows[r] if c != readings[0]]
    if not all_hold:
        # the sums do not close with any reading: no split that relied on them can be trusted
        for sol in sols.values():
            if sol.status == "exact" and sol.glued:
                sol.status = "uncertain"


def column_equations(spec: TableSpec) -> list[ColumnEq]:
    """A table's column relations (表三: results sum to 总计, 一 + 二 = 总计 + 四), from core.relations."""
    pos = {c.id: i for i, c in enumerate(spec.columns)}
    return [ColumnEq(tuple(r for r, _ in eq.lhs), tuple(r for r, _ in eq.rhs), pos[eq.key])
            for eq in equations(spec) if eq.axis == COLUMN]


# ------------------------------------------------------------------ table 二: prose evidence

_NUM = r"(\d+(?:\.\d+)?)"


def prose_numbers(prose: str, subject: str, verbs: Sequence[str]) -> set[float]:
    """Numbers the prose states for `subject` with one of `verbs` ("制发规范性文件77件", "废止规章3件")."""
    out: set[float] = set()
    if subject not in prose:  # then in no sentence of it
        return out
    for sentence in _sentences(prose):
        if subject not in sentence:
            continue
        for verb in verbs:
            for m in re.finditer(re.escape(verb) + r"[^。，,；\d]{0,14}?" + _NUM + r"\s*[件部个项]", sentence):
                out.add(float(m.group(1)))
    return out


@lru_cache(maxsize=4)
def _sentences(prose: str) -> tuple[str, ...]:
    """The prose cut into sentences, once per prose (every row of table 二 asks)."""
    return tuple(re.split(r"[。；;\n]", prose))


def apply_evidence(sol: RowSolution, evidence: list[set[float]]) -> None:
    """Keep the readings the prose agrees with (per column; an empty set is no evidence for that column)."""
    if sol.status != "uncertain" or sol.values is None:
        return
    readings = [sol.values, *sol.alternatives]

    def agrees(vals: list[Number]) -> bool:
        return all(not ev or (v is not None and float(v) in ev) for v, ev in zip(vals, evidence, strict=False))

    kept = [r for r in readings if agrees(r)]
    if not kept or not any(evidence):
        return
    sol.values = kept[0]
    sol.alternatives = kept[1:]
    if len(kept) == 1:
        sol.status, sol.reason = "exact", "报告正文所述数字"


# ------------------------------------------------------------------ table 二: last year's report


def prev_row_values(prev: Report | None, row: str, version: str) -> dict[str, Number]:
    """Last year's 表二 numbers of `row` (only when both years use the same template)."""
    if prev is None or prev.error or prev.template is None or prev.template.version != version:
        return {}
    t = prev.tables.get("active")
    if t is None or not t.found or row not in t.spec.row_index:
        return {}
    return {c: t.get(row, c).value for c in t.spec.cols_for(row) if t.get(row, c).kind == "number"}


def apply_prev(sol: RowSolution, cols: Sequence[str], before: dict[str, Number]) -> None:
    """Keep the readings that continue last year's count: 现行有效 = 上年现行有效 + 本年制发 − 本年废止 (2021
    tables), 对外公开总数量 = 上年对外公开总数量 + 本年新公开 (2019). No reading that continues it is no evidence."""
    if sol.status != "uncertain" or sol.values is None:
        return
    at = {c: i for i, c in enumerate(cols)}
    if {"issued", "repealed", "in_force"} <= at.keys() and before.get("in_force") is not None:
        base, adds, subs, total = before["in_force"], "issued", "repealed", "in_force"
        reason = "上一年度报告的现行有效件数（上年现行有效 + 本年制发 − 本年废止 = 本年现行有效）"
    elif {"new_published", "total_published"} <= at.keys() and before.get("total_published") is not None:
        base, adds, subs, total = before["total_published"], "new_published", None, "total_published"
        reason = "上一年度报告的对外公开总数量（上年总数 + 本年新公开 = 本年总数）"
    else:
        return

    def continues(vals: list[Number]) -> bool:
        add, out = vals[at[adds]], vals[at[subs]] if subs else 0
        now = vals[at[total]]
        return None not in (add, out, now, base) and now == base + add - out  # type: ignore[operator]

    readings = [sol.values, *sol.alternatives]
    kept = [r for r in readings if continues(r)]
    if not kept:
        return
    sol.values, sol.alternatives = kept[0], kept[1:]
    if len(kept) == 1:
        sol.status, sol.reason = "exact", reason
