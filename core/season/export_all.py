"""Export all (export_all) for the window and the CLI: for a set or a selection of its reports, a corrected
workbook per report named by agency and year, a letter-ready 问题清单 (.docx) per agency with the confirmed
findings, and the set's summary workbook (the same workbook `ogicheck batch` writes).

Each report is read again, its kept edits replayed and checked with the set's settings; a report that
cannot be read or exported is listed in `ExportResult.failed` and never stops the others.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from core.batch.result import BatchResult
from core.export.letter_docx import Para
from core.export.review import Review
from core.findings import Finding, Findings
from core.layout import date_text
from core.model import Report
from core.season.checking import load_checked, set_jobs
from core.season.decisions import Decision, match
from core.season.store import SeasonSet
from core.season.summary import summarize

SUMMARY_NAME = "核查批次汇总.xlsx"
Progress = Callable[[int, int, str], None]  # (done, total, what was written)
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


@dataclass
class ExportResult:
    """What export_all wrote: paths, and (report path, Chinese reason) for each report it could not export."""

    workbooks: list[Path] = field(default_factory=list)
    letters: list[Path] = field(default_factory=list)
    summary: Path | None = None
    failed: list[tuple[str, str]] = field(default_factory=list)


def safe_name(text: str) -> str:
    """A file name part from an agency or title (no path separators or characters Windows refuses)."""
    return _UNSAFE.sub("_", text).strip(" .") or "未命名"


def _unique(folder: Path, stem: str, suffix: str, taken: set[str]) -> Path:
    name, n = f"{stem}{suffix}", 1
    while name.lower() in taken:
        n += 1
        name = f"{stem}（{n}）{suffix}"
    taken.add(name.lower())
    return folder / name


def _common_folder(paths: list[Path]) -> Path | None:
    """The folder that holds all the reports (the summary's 核查文件夹), None when they share none."""
    try:
        return Path(os.path.commonpath([str(p.parent) for p in paths])) if paths else None
    except ValueError:  # different drives
        return None


def report_stem(report: Report) -> str:
    """发布机关 + 年度, else the source file's name: 某某县财政局2024年度."""
    year = f"{report.report_year}年度" if report.report_year else ""
    if report.agency:
        return safe_name(report.agency + year)
    return safe_name(Path(report.path).stem + ("_" + year if year else ""))  # a file name: keep it apart


def letter_paragraphs(agency: str, items: list[tuple[Report, list[tuple[Finding, Decision]]]], signer: str) -> list[Para]:
    """The 问题清单 of one agency: its reports, each with its confirmed findings in Chinese."""
    from core.layout import place, report_title

    out = [Para(f"关于{agency}政府信息公开工作年度报告的问题清单", bold=True, size=16, center=True), Para(""),
           Para(f"{agency}：", size=14),
           Para("经核查，贵单位政府信息公开工作年度报告存在以下问题，请逐项核实，更正后重新发布，"
                "并将整改情况反馈我办。", size=14, indent=True)]
    for report, found in items:
        out.append(Para(f"《{report_title(report)}》", bold=True, size=14))
        for i, (f, d) in enumerate(found, start=1):
            w = place(report, f)
            where = "".join(x for x in (w.table, f"“{w.rows}”行" if w.rows else "",
                                        f"“{w.cols}”列" if w.cols else "") if x)
            out.append(Para(f"{i}. {where + '：' if where else ''}{f.message}", size=14, indent=True))
            if f.hint:
                out.append(Para(f"说明：{f.hint}", size=12, indent=True))
            if d.note:
                out.append(Para(f"备注：{d.note}", size=12, indent=True))
    today = date.today()
    out += [Para(""), Para(signer, size=14), Para(date_text(today), size=14)]
    return out


def export_all(season: SeasonSet, folder: str | os.PathLike[str], entries: Iterable[int] | None = None,
               progress: Progress | None = None, signer: str = "政务公开办") -> ExportResult:
    """Write every export of the selected reports (default: all) into `folder` (created if needed)."""
    from core.batch.workbook import export_batch_workbook
    from core.export.letter_docx import write_docx
    from core.export.workbook import export_workbook

    out_dir = Path(folder)
    out_dir.mkdir(parents=True, exist_ok=True)
    jobs = set_jobs(season, entries)
    result = ExportResult()
    taken: set[str] = {SUMMARY_NAME.lower()}
    letters: dict[str, list[tuple[Report, list[tuple[Finding, Decision]]]]] = {}
    rows: list[BatchResult] = []
    total, done = len(jobs) + 1, 0
    for job in jobs:
        entry = season.entry(job.tag)
        decisions = season.decisions(entry.id)
        try:
            report, findings, prev_path = load_checked(job)
            summary = summarize(report, findings, entry.path, prev_path)
        except Exception as exc:
            from core.season.checking import unreadable

            summary, report, findings = unreadable(entry.path, f"核查时出错（{type(exc).__name__}）"), None, []
        row = BatchResult(Path(entry.path), summary.skeleton(), list(summary.findings), summary.error,
                          Path(summary.prev_path) if summary.prev_path else None, entry.status, decisions)
        rows.append(row)
        done += 1
        if report is None or report.error:
            result.failed.append((entry.path, summary.error or "无法读取"))
        else:
            applied, _stale = match(findings, decisions)
            try:
                path = _unique(out_dir, report_stem(report) + "（核查修正）", ".xlsx", taken)
                export_workbook(report, findings, path, review=Review(applied, job.settings.published))
                result.workbooks.append(path)
            except Exception as exc:
                result.failed.append((entry.path, f"工作簿无法写出（{type(exc).__name__}: {exc}）"))
            confirmed = [(f, d) for f in Findings(findings) if (d := applied.get(f)) is not None and not d.ignored]
            if confirmed:
                letters.setdefault(report.agency or Path(entry.path).stem, []).append((report, confirmed))
        if progress:
            progress(done, total + len(letters), entry.path)
    total += len(letters)
    for agency, items in letters.items():
        path = _unique(out_dir, f"问题清单_{safe_name(agency)}", ".docx", taken)
        write_docx(letter_paragraphs(agency, items, signer), path, title=f"{agency}问题清单")
        result.letters.append(path)
        done += 1
        if progress:
            progress(done, total, str(path))
    result.summary = out_dir / SUMMARY_NAME
    export_batch_workbook(rows, _common_folder([r.path for r in rows]) or season.path.parent, result.summary,
                          season.settings().prev_dir)
    if progress:
        progress(total, total, str(result.summary))
    return result
