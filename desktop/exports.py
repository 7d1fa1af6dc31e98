"""The four exports the window offers: their Chinese labels, default file names next to the source, and the call
into core that writes each one (run on a worker thread)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from core.export.review import NO_REVIEW, Review
from core.findings import Finding
from core.model import Report


@dataclass(frozen=True)
class ExportKind:
    key: str  # xlsx | text | json | summary
    label: str  # menu text
    suffix: str  # appended to the source stem for the default name
    file_filter: str  # QFileDialog filter
    icon: str  # resources/icons/<icon>.svg


EXPORT_KINDS: tuple[ExportKind, ...] = (
    ExportKind("xlsx", "更正后的工作簿", "-核查更正.xlsx", "Excel 工作簿 (*.xlsx)", "export-xlsx"),
    ExportKind("text", "标准化文本报告", "-标准化报告.txt", "文本文件 (*.txt)", "export-text"),
    ExportKind("json", "JSON 数据", "-核查结果.json", "JSON 文件 (*.json)", "export-json"),
    ExportKind("summary", "核查摘要（HTML）", "-核查摘要.html", "网页文件 (*.html *.htm)", "export-summary"),
)
BY_KEY = {k.key: k for k in EXPORT_KINDS}
PDF_SUFFIX = "-核查摘要.pdf"


def is_export_name(name: str) -> bool:
    """True for a file this app writes by default (so a dropped folder does not reopen its own exports)."""
    return any(name.endswith(k.suffix) for k in EXPORT_KINDS) or name.endswith(PDF_SUFFIX)


def default_path(source: str, kind: ExportKind | str) -> Path:
    """`<folder of source>/<stem><suffix>`; never the source itself."""
    k = BY_KEY[kind] if isinstance(kind, str) else kind
    src = Path(source)
    return src.with_name(src.stem + k.suffix)


def default_pdf_path(source: str) -> Path:
    src = Path(source)
    return src.with_name(src.stem + PDF_SUFFIX)


def same_file(a: str | Path, b: str | Path) -> bool:
    from core.atomic import same_path

    return same_path(a, b)


def _write_json(report: Report, findings: list[Finding], path: str, prev: Report | None = None,
                review: Review = NO_REVIEW) -> None:
    from core.atomic import atomic_write_text
    from core.export.json_report import report_json

    data = report_json(report, findings, prev=prev)
    atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n", source=report.path)


def _write_xlsx(report: Report, findings: list[Finding], path: str, prev: Report | None = None,
                review: Review = NO_REVIEW) -> None:
    from core.export.workbook import export_workbook

    export_workbook(report, findings, path, prev, review)


def _write_text(report: Report, findings: list[Finding], path: str, prev: Report | None = None,
                review: Review = NO_REVIEW) -> None:
    from core.export.text_report import export_text

    export_text(report, findings, path, review)


def _write_summary(report: Report, findings: list[Finding], path: str, prev: Report | None = None,
                   review: Review = NO_REVIEW) -> None:
    from core.atomic import atomic_write_text
    from core.export.summary_html import render_summary_html

    atomic_write_text(path, render_summary_html(report, findings, prev, review), source=report.path)


WRITERS: dict[str, Callable[[Report, list[Finding], str, Report | None, Review], None]] = {
    "xlsx": _write_xlsx, "text": _write_text, "json": _write_json, "summary": _write_summary,
}


def run_export(kind: str, report: Report, findings: list[Finding], path: str, prev: Report | None = None,
               review: Review = NO_REVIEW) -> None:
    """Write one export (prev: last year's report, for the ratios' change; review: her decisions and the date she
    set). Refuses to write over the source."""
    if same_file(path, report.path):
        raise ValueError(f"不能覆盖原始报告文件：{path}")
    WRITERS[kind](report, findings, path, prev, review)
