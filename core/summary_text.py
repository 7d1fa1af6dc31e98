"""The readable Chinese summary of one checked report, printed by `ogicheck check` without --json."""

from __future__ import annotations

from core.findings import Finding, Severity
from core.model import Report


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
    out.append(f"  错误 {counts[Severity.ERROR]} 项，警告 {counts[Severity.WARNING]} 项，提示 {counts[Severity.INFO]} 项")
    for sev in sorted(Severity, reverse=True):
        group = [f for f in findings if f.severity == sev]
        if not group:
            continue
        out.append(f"  【{sev.label}】")
        for f in group:
            out.append(f"    - [{f.rule}] {f.message}")
            if f.hint:
                out.append(f"      提示：{f.hint}")
    if not findings:
        out.append("  未发现问题。")
    return "\n".join(out)
