"""The readable Chinese summary of one checked report, printed by `ogicheck check` without --json.

Findings are grouped by severity (错误, 警告, 提示); within a group they follow the rule catalogue and
the template's table, row and column order, each with where the first cell was read and whether a
safe fix exists.
"""

from __future__ import annotations

from core import messages as M
from core.findings import DEFAULT_SEVERITY, Finding, Severity
from core.model import Report
from core.template import TABLE_IDS

_RULE_ORDER = {rule: i for i, rule in enumerate(DEFAULT_SEVERITY)}
# findings whose hint names the window's 核查设置 get the command line's own advice (its flags) as well
_CLI_ADVICE = {M.PUBLISHED_HINT: M.CLI_PUBLISHED_ADVICE}


def _order(report: Report, f: Finding) -> tuple[int, int, int, int]:
    """Catalogue order of the rule, then table, row and column in template order (stable otherwise)."""
    rule = _RULE_ORDER.get(f.rule, len(_RULE_ORDER))
    if not f.cells:
        return (rule, -1, -1, -1)
    c = f.cells[0]
    table = report.tables.get(c.table)
    t = TABLE_IDS.index(c.table) if c.table in TABLE_IDS else 9
    if table is None:
        return (rule, t, 0, 0)
    rows = [r.id for r in table.spec.rows]
    cols = [x.id for x in table.spec.columns]
    r = rows.index(c.row) if c.row in rows else 99
    k = cols.index(c.col) if c.col in cols else 99
    return (rule, t, r, k)


def _where(report: Report, f: Finding) -> str:
    if not f.cells:
        return ""
    c = f.cells[0]
    table = report.tables.get(c.table)
    loc = table.get(c.row, c.col).loc if table is not None else None
    text = loc.describe() if loc else ""
    return f"（原文{text}）" if text else ""


def _cli_advice(f: Finding) -> str | None:
    if f.hint in _CLI_ADVICE:
        return _CLI_ADVICE[f.hint]
    if f.rule == "DOC.LATE" and f.hint and "核查设置" in f.hint:
        return M.CLI_LEVEL_ADVICE
    return None


def summary_text(report: Report, findings: list[Finding], path: str) -> str:
    out = [f"文件：{path}"]
    if report.error:
        out.append(f"  无法读取：{report.error}")
        return "\n".join(out)
    ident = [
        f"发布机关：{report.agency or '未识别'}",
        f"报告年度：{report.report_year or '未识别'}",
        f"模板：{report.template.name if report.template else '未识别'}",
        f"发布日期：{report.published or '未识别'}",
    ]
    out.append("  " + "；".join(ident))
    counts = {s: sum(1 for f in findings if f.severity == s) for s in Severity}
    line = f"  错误 {counts[Severity.ERROR]} 项，警告 {counts[Severity.WARNING]} 项，提示 {counts[Severity.INFO]} 项"
    safe = sum(1 for f in findings if f.fix_safe and f.fix)
    if safe:
        line += f"；其中 {safe} 项可安全自动修正（ogicheck export … --apply-fixes）"
    out.append(line)
    for sev in sorted(Severity, reverse=True):
        group = sorted((f for f in findings if f.severity == sev), key=lambda f: _order(report, f))
        if not group:
            continue
        out.append(f"  【{sev.label}】{len(group)} 项")
        last_hint = None
        for i, f in enumerate(group, start=1):
            mark = "〔可安全修正〕" if f.fix_safe and f.fix else ""
            out.append(f"    {i}. [{f.rule}] {f.message}{_where(report, f)}{mark}")
            if f.hint:
                out.append("       提示：" + ("同上。" if f.hint == last_hint else f.hint))
            advice = _cli_advice(f)
            if advice:
                out.append("       " + advice)
            last_hint = f.hint
    if not findings:
        out.append("  未发现问题。")
    return "\n".join(out)
