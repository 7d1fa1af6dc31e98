"""Recovers rows whose digits ran together when separators were lost ("212000023" → 21,2,0,0,0,0,23).

A split is acceptable only if every part is a well-formed count (no leading zeros) and the template's
own sums hold (the `check` given by the caller: core.relations.row_check, a row's 总计 equals its parts,
table 四's group totals). Callers decide what to do with more than one acceptable split: never choose
silently; core.extract.tables.resolve_glued then tries the column sums of the whole table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

MAX_CANDIDATES = 64


def _parts(digits: str, n: int) -> Iterator[list[str]]:
    """All ways to cut `digits` into n well-formed non-negative integers."""
    if n == 1:
        if digits and (digits == "0" or not digits.startswith("0")):
            yield [digits]
        return
    if len(digits) < n:
        return
    if digits.startswith("0"):
        for rest in _parts(digits[1:], n - 1):
            yield ["0", *rest]
        return
    for cut in range(1, len(digits) - n + 2):
        head = digits[:cut]
        for rest in _parts(digits[cut:], n - 1):
            yield [head, *rest]


def split_tokens(tokens: list[str], n: int, check: Callable[[list[int]], bool]) -> list[list[int]]:
    """Splits of the digit tokens into n integers in order (each token cut into one or more parts)
    that satisfy `check`. At most MAX_CANDIDATES are returned."""
    if not tokens or any(not t.isdigit() for t in tokens):
        return []
    if sum(len(t) for t in tokens) < n or len(tokens) > n:
        return []
    out: list[list[int]] = []

    def rec(i: int, remaining: int, acc: list[int]) -> bool:
        if i == len(tokens):
            if remaining == 0 and check(acc):
                out.append(list(acc))
            return len(out) >= MAX_CANDIDATES
        left = len(tokens) - i - 1  # tokens after this one need at least one part each
        for k in range(1, remaining - left + 1):
            if k > len(tokens[i]):
                break
            for parts in _parts(tokens[i], k):
                if rec(i + 1, remaining - k, acc + [int(p) for p in parts]):
                    return True
        return False

    rec(0, n, [])
    return out


def row_total_check(values: list[int]) -> bool:
    """The simplest check: the last value is the sum of the others. The reader itself checks with the
    template's relations (core.relations.row_check: a 表三 row's ROW_SUM, 表四's GROUP_SUMs)."""
    return sum(values[:-1]) == values[-1]
