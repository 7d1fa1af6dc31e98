"""TEXT.TYPO (info) for core.validate: doubled words ("资金资金", "的的") and misspellings common in these reports,
in the prose outside the tables. The officer's own list (Options.typos: pairs of wrong and right spelling, read
by read_typo_file from a plain text file, one "错误写法 正确写法" a line) extends the built-in one.

A doubled word is a two-character word written twice (ABAB) or one of the function characters that are never
doubled in Chinese (的的, 了了, 在在…); legitimate reduplications (人人, 常常, 天天, 谢谢, 研究研究…) are not
flagged, nor are digits.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from core import messages as M
from core.findings import Finding, make
from core.model import Report
from core.options import Options
from core.rules.reportcache import remember
from core.rules.textscan import any_of, paragraphs, where

RULE_IDS = ("TEXT.TYPO",)

COMMON_TYPOS: tuple[tuple[str, str], ...] = (
    ("按排", "安排"), ("既使", "即使"), ("部份", "部分"), ("做为", "作为"), ("一但", "一旦"), ("即然", "既然"),
    ("再接再励", "再接再厉"), ("迫不急待", "迫不及待"), ("按装", "安装"), ("原故", "缘故"), ("申清", "申请"),
    ("行政复仪", "行政复议"), ("信息公开条列", "信息公开条例"), ("帐号", "账号"), ("帐户", "账户"),
    ("勿须", "无须"), ("付合", "符合"), ("公开透名", "公开透明"), ("贯切落实", "贯彻落实"), ("重新修定", "重新修订"),
)
_NEVER_DOUBLED = "的了在是和与及对将把被从向"
_DOUBLE_WORD = re.compile(r"([\u4e00-\u9fff]{2})\1")
_DOUBLE_CHAR = re.compile(rf"([{_NEVER_DOUBLED}])\1")
_LEGIT_AB = ("研究", "讨论", "商量", "学习", "看看", "考虑", "活动", "打扫", "整理", "检查")


def read_typo_file(path: str | Path) -> tuple[tuple[str, str], ...]:
    """The officer's list: one "错误写法 正确写法" (or 错误写法→正确写法 / 错误写法,正确写法) a line; # starts a comment."""
    out: list[tuple[str, str]] = []
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError:
        return ()
    for line in text.splitlines():
        parts = [p for p in re.split(r"[\s,，→=>\t]+", line.split("#", 1)[0].strip()) if p]
        if len(parts) == 2 and parts[0] != parts[1]:
            out.append((parts[0], parts[1]))
    return tuple(out)


def check_typos(report: Report, options: Options) -> Iterator[Finding]:
    own = tuple((wrong, right) for wrong, right in options.typos)  # hashable: part of the key remembered
    yield from remember(report, ("typos", own), lambda: tuple(_typos(report, COMMON_TYPOS + own)))


def _typos(report: Report, pairs: tuple[tuple[str, str], ...]) -> Iterator[Finding]:
    seen: set[str] = set()
    misspelt = any_of(tuple(wrong for wrong, _ in pairs)).search  # most paragraphs have none: one search, not one a pair
    for para in paragraphs(report):
        text = para.text
        for m in _DOUBLE_WORD.finditer(text):
            w = m.group(1)
            if w in _LEGIT_AB or w[0] == w[1] or m.group(0) in seen:
                continue
            seen.add(m.group(0))
            yield _finding(M.TYPO_DOUBLED.format(found=m.group(0), word=w, context=_context(text, m.start(), m.end()),
                                                 where=where(para.line_at(m.start()).loc)), m.group(0))
        for m in _DOUBLE_CHAR.finditer(text):
            if m.group(0) in seen:
                continue
            seen.add(m.group(0))
            yield _finding(M.TYPO_DOUBLED.format(found=m.group(0), word=m.group(1),
                                                 context=_context(text, m.start(), m.end()),
                                                 where=where(para.line_at(m.start()).loc)), m.group(0))
        if not misspelt(text):
            continue
        for wrong, right in pairs:
            k = text.find(wrong)
            if k >= 0 and wrong not in seen:
                seen.add(wrong)
                yield _finding(M.TYPO_COMMON.format(found=wrong, right=right, context=_context(text, k, k + len(wrong)),
                                                    where=where(para.line_at(k).loc)), wrong)


def _context(text: str, start: int, end: int) -> str:
    return text[max(0, start - 8):min(len(text), end + 8)]


def _finding(message: str, evidence: str) -> Finding:
    return make("TEXT.TYPO", message, evidence=evidence)
