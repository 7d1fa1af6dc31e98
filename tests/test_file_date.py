"""Issue 13 part C: the file's own creation date (PDF CreationDate, Word dcterms:created) as evidence of the
publication date when the text states none: DOC.PUBLISHED_UNKNOWN names it, and a file made after the
deadline gives a DOC.LATE warning judged from the file date."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from conftest import CORPUS

from core.api import load_and_check, load_report
from core.options import Options
from core.readers.filedate import pdf_date
from core.severity import Severity

HONGZE = CORPUS / "002_hongzequ_2023.pdf"  # a district government's 2023 report, PDF CreationDate 2024-02-26


def _docx(path: Path, created: str | None, text: str = "") -> Path:
    from datetime import datetime

    import docx

    d = docx.Document()
    d.add_paragraph("某某县交通运输局2023年政府信息公开工作年度报告")
    d.add_paragraph("一、总体情况")
    if text:
        d.add_paragraph(text)
    if created:
        d.core_properties.created = datetime.fromisoformat(created)
        d.core_properties.modified = datetime.fromisoformat(created)
    buf = io.BytesIO()
    d.save(buf)
    data = buf.getvalue()
    if created is None:  # no properties part at all (python-docx's template carries a date of its own)
        import zipfile

        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w") as zout:
            for item in zin.infolist():
                if item.filename != "docProps/core.xml":
                    zout.writestr(item, zin.read(item.filename))
        data = out.getvalue()
    path.write_bytes(data)
    return path


def test_pdf_date_strings() -> None:
    assert pdf_date("D:20240226093015+08'00'") == "2024-02-26"
    assert pdf_date("20250101") == "2025-01-01"
    assert pdf_date("D:20241341") is None and pdf_date("") is None and pdf_date(None) is None


@pytest.mark.skipif(not HONGZE.exists(), reason="corpus not present")
def test_real_pdf_creation_date_read_and_named() -> None:
    report, findings = load_and_check(HONGZE)
    assert report.published is None and report.file_created == "2024-02-26"
    unknown = [f for f in findings if f.rule == "DOC.PUBLISHED_UNKNOWN"]
    assert len(unknown) == 1 and "2024年2月26日" in unknown[0].message and "PDF 文件属性" in unknown[0].message
    assert not [f for f in findings if f.rule == "DOC.LATE"]  # a government's deadline is 31 March


@pytest.mark.skipif(not HONGZE.exists(), reason="corpus not present")
def test_real_pdf_made_after_department_deadline_is_a_late_warning() -> None:
    report = load_report(HONGZE)
    from core.api import check

    late = [f for f in check(report, Options(level="department")) if f.rule == "DOC.LATE"]
    assert len(late) == 1 and late[0].severity == Severity.WARNING
    assert "文件日期" in late[0].message and "2024年2月26日" in late[0].message and "26 天" in late[0].message
    # a date stated in the text wins: then the file date is not used and DOC.LATE is the usual error
    stated = [f for f in check(report, Options(level="department", published="2024-03-05")) if f.rule == "DOC.LATE"]
    assert len(stated) == 1 and stated[0].severity == Severity.ERROR and "文件日期" not in stated[0].message


def test_word_created_after_deadline(tmp_path: Path) -> None:
    report, findings = load_and_check(_docx(tmp_path / "a.docx", "2024-03-10T08:00:00"))
    assert report.file_created == "2024-03-10" and report.report_year == 2023
    late = [f for f in findings if f.rule == "DOC.LATE"]
    assert len(late) == 1 and late[0].severity == Severity.WARNING and "文件日期" in late[0].message
    assert "Word 文件属性" in next(f for f in findings if f.rule == "DOC.PUBLISHED_UNKNOWN").message


def test_word_created_in_time_or_undated(tmp_path: Path) -> None:
    _, findings = load_and_check(_docx(tmp_path / "b.docx", "2024-01-10T08:00:00"))
    assert not [f for f in findings if f.rule == "DOC.LATE"]
    assert "2024年1月10日" in next(f for f in findings if f.rule == "DOC.PUBLISHED_UNKNOWN").message
    report, findings = load_and_check(_docx(tmp_path / "c.docx", None))
    unknown = next(f for f in findings if f.rule == "DOC.PUBLISHED_UNKNOWN")
    assert "文件属性" not in unknown.message and not [f for f in findings if f.rule == "DOC.LATE"]


def test_date_in_text_wins_over_file_date(tmp_path: Path) -> None:
    report, findings = load_and_check(_docx(tmp_path / "d.docx", "2024-06-01T08:00:00", "发布日期：2024年1月20日"))
    assert report.published == "2024-01-20"
    assert not [f for f in findings if f.rule in ("DOC.LATE", "DOC.PUBLISHED_UNKNOWN")]
