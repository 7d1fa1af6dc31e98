"""The corrected workbook opened with openpyxl: sheets, merged headers, numbers, fills, comments, links, guard."""

from __future__ import annotations

import os
from pathlib import Path

import openpyxl
import pytest
from export_support import TEMPLATE_2019, build_report, findings_for

from core import __version__
from core.atomic import OutputPathError
from core.export.workbook import export_workbook
from core.legend import BY_KEY
from core.model import Cell, Loc


def _export(tmp_path: Path, template=None, edit: bool = False) -> openpyxl.Workbook:
    report = build_report(template) if template else build_report()
    if edit:
        report.set_value("requests", "carried_forward", "natural", 3, source="safe_fix", rule="T3.BALANCE")
        report.set_value("requests", "granted", "legal", 4, source="user")
    out = tmp_path / "out.xlsx"
    export_workbook(report, findings_for(report), out)
    return openpyxl.load_workbook(out)


def _merged(ws) -> set[str]:
    return {str(r) for r in ws.merged_cells.ranges}


def _fill(cell) -> str | None:
    if cell.fill is None or cell.fill.fill_type != "solid":
        return None
    return cell.fill.fgColor.rgb[-6:]


def test_sheets_in_order(tmp_path: Path) -> None:
    wb = _export(tmp_path)
    assert wb.sheetnames == ["表二", "表三", "表四", "核查结果", "修改记录", "报告信息", "报告原文"]


def test_table_three_merged_headers_2021(tmp_path: Path) -> None:
    ws = _export(tmp_path)["表三"]
    merged = _merged(ws)
    # corner note over 3 label columns × 3 header rows; 申请人情况 over the 7 columns
    assert {"A2:C4", "D2:J2", "D3:D4", "E3:I3", "J3:J4"} <= merged
    assert ws["D2"].value == "申请人情况" and ws["D3"].value == "自然人" and ws["E3"].value == "法人或其他组织"
    assert [ws.cell(4, c).value for c in range(5, 10)] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    assert ws["J3"].value == "总计"
    assert ws["A2"].value.startswith("（本列数据的勾稽关系为")
    # row headers: 三、本年度办理结果 spans the 21 result rows (2021), groups span their sub-rows
    assert {"A5:C5", "A6:C6", "A7:A27", "B7:C7", "B8:C8", "B9:B16", "B17:B19", "B20:B24", "B25:B27",
            "A28:C28", "A29:C29"} <= merged
    assert ws["A7"].value == "三、本年度办理结果"
    assert ws["B9"].value == "（三）不予公开" and ws["C9"].value == "1.属于国家秘密"
    assert ws["B25"].value == "（六）其他处理" and ws["C27"].value == "3.其他"
    assert ws["A28"].value == "（七）总计" and ws["A29"].value == "四、结转下年度继续办理"
    assert [ws.cell(5, c).value for c in range(4, 11)] == [16, 0, 0, 0, 2, 0, 18]


def test_table_three_2019_single_other_row(tmp_path: Path) -> None:
    ws = _export(tmp_path, TEMPLATE_2019)["表三"]
    merged = _merged(ws)
    assert {"A7:A25", "B25:C25", "A26:C26", "A27:C27"} <= merged
    assert ws["B25"].value == "（六）其他处理"


def test_table_four_merged_headers(tmp_path: Path) -> None:
    ws = _export(tmp_path)["表四"]
    assert {"A2:E2", "F2:O2", "F3:J3", "K3:O3", "A3:A4", "E3:E4"} <= _merged(ws)
    assert ws["A2"].value == "行政复议" and ws["F2"].value == "行政诉讼"
    assert ws["F3"].value == "未经复议直接起诉" and ws["K3"].value == "复议后起诉"
    assert [ws.cell(4, c).value for c in range(11, 16)] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    assert [ws.cell(5, c).value for c in range(1, 16)] == [1, 0, 0, 0, 1] + [0] * 10


def test_table_two_blocks(tmp_path: Path) -> None:
    ws = _export(tmp_path)["表二"]
    col_a = [ws.cell(r, 1).value for r in range(1, ws.max_row + 1)]
    assert col_a == ["二、主动公开政府信息情况", "第二十条第（一）项", "信息内容", "规章", "行政规范性文件",
                     "第二十条第（五）项", "信息内容", "行政许可", "第二十条第（六）项", "信息内容", "行政处罚", "行政强制",
                     "第二十条第（八）项", "信息内容", "行政事业性收费"]
    # single-column blocks: header and value span the three value columns, as in the national template
    assert {"A2:D2", "B7:D7", "B8:D8", "B15:D15"} <= _merged(ws)
    assert ws["B14"].value == "本年收费金额（单位：万元）"


def test_numbers_are_numbers(tmp_path: Path) -> None:
    wb = _export(tmp_path)
    t3 = wb["表三"]
    assert type(t3["D5"].value) is int and t3["D5"].value == 16
    money = wb["表二"]["B15"]
    assert isinstance(money.value, float) and money.value == pytest.approx(340.065276)
    assert money.number_format == "0.00"
    assert wb["表二"]["B12"].value is None  # 行政强制: blank stays empty
    assert wb["表二"]["B11"].value == 0 and type(wb["表二"]["B11"].value) is int


def test_signed_change_2019(tmp_path: Path) -> None:
    ws = _export(tmp_path, TEMPLATE_2019)["表二"]
    rows = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1)}
    r = rows["行政许可"]
    assert [ws.cell(r, c).value for c in (2, 3, 4)] == [517, -31, 0]
    proc = rows["政府集中采购"]
    assert ws.cell(proc, 3).value == pytest.approx(340.065276) and ws.cell(proc, 3).number_format == "0.00"


def test_fills_and_comments_on_failing_cells(tmp_path: Path) -> None:
    wb = _export(tmp_path)
    t3 = wb["表三"]
    assert _fill(t3["J5"]) == BY_KEY["error"].fill  # new_received total: T3.ROW_SUM
    assert _fill(t3["D5"]) == BY_KEY["error"].fill
    assert "总计应为 18，实为 19" in t3["J5"].comment.text
    assert "提示：可能是“自然人”列多计了 1 件。" in t3["J5"].comment.text
    assert _fill(t3["E5"]) is None and t3["E5"].comment is None
    t2 = wb["表二"]
    assert _fill(t2["B12"]) == BY_KEY["missing"].fill  # only CELL.MISSING: grey
    assert _fill(t2["B15"]) == BY_KEY["info"].fill
    assert _fill(wb["表四"]["E5"]) == BY_KEY["error"].fill


def test_corrected_cells_marked_with_original(tmp_path: Path) -> None:
    wb = _export(tmp_path, edit=True)
    t3 = wb["表三"]
    assert t3["D29"].value == 3
    assert _fill(t3["D29"]) == BY_KEY["corrected"].fill
    assert "原值：2" in t3["D29"].comment.text and "安全修正" in t3["D29"].comment.text
    edits = wb["修改记录"]
    header = [c.value for c in edits[1]]
    assert header[:9] == ["表格", "行", "列", "单元格", "原值", "新值", "修改方式", "规则", "时间"]
    assert header[9:] == ["表格编号", "行编号", "列编号", "原值数据", "新值数据", "修改方式编号", "规则编号"]  # hidden
    assert all(edits.column_dimensions[c].hidden for c in "JKLMNOP")
    rows = [[c.value for c in r] for r in edits.iter_rows(min_row=2)]
    assert rows[0][:8] == ["表三", "四、结转下年度继续办理", "自然人", "D29", 2, 3, "安全修正", "表三收结平衡"]
    assert rows[1][:7] == ["表三", "（一）予以公开", "法律服务机构", "H7", 1, 4, "人工修改"]
    assert edits["D2"].hyperlink.location == "'表三'!D29"


def test_findings_sheet_sorted_filtered_linked(tmp_path: Path) -> None:
    ws = _export(tmp_path)["核查结果"]
    header = [c.value for c in ws[1]]
    assert header[:9] == ["严重程度", "规则", "表格", "行", "列", "发布值", "期望值", "说明", "诊断提示"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    assert [r[1] for r in rows] == ["表三申请人合计", "表四合计", "空白单元格", "单位已换算", "发布日期不明"]
    assert header[10] == "规则编号" and ws.column_dimensions["K"].hidden  # the technical column, hidden
    assert [r[10] for r in rows] == ["T3.ROW_SUM", "T4.GROUP_SUM", "CELL.MISSING", "CELL.UNIT",
                                     "DOC.PUBLISHED_UNKNOWN"]
    assert [r[0] for r in rows] == ["错误", "错误", "警告", "提示", "提示"]
    assert rows[0][2:7] == ["表三", "一、本年新收政府信息公开申请数量", "总计、自然人", 19, 18]
    assert rows[2][2:6] == ["表二", "行政强制", "本年处理决定数量", None]
    assert ws.auto_filter.ref == "A1:M6"  # 核查判断 and 备注 after the hidden rule id
    assert ws["C2"].hyperlink.location == "'表三'!J5"
    assert ws["C3"].hyperlink.location == "'表四'!E5"
    assert ws["C4"].hyperlink.location == "'表二'!B12"
    assert ws["C6"].hyperlink is None  # a document finding has no cell
    assert _fill(ws["A2"]) == BY_KEY["error"].fill


def test_formula_guard(tmp_path: Path) -> None:
    report = build_report()
    report.tables["requests"].cells[("granted", "social")] = Cell(None, "=1+1", Loc(line=5), "text")
    out = tmp_path / "g.xlsx"
    export_workbook(report, findings_for(report), out)
    wb = openpyxl.load_workbook(out)
    msg = wb["核查结果"]["H5"]
    assert msg.value.startswith("=HYPERLINK") and msg.data_type == "s"
    assert wb["表三"]["G7"].value == "=1+1" and wb["表三"]["G7"].data_type == "s"
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            assert all(c.data_type != "f" for c in row)


def test_info_sheet(tmp_path: Path) -> None:
    ws = _export(tmp_path)["报告信息"]
    info = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(1, 10)}
    assert list(info) == ["标题", "发布机关", "报告年度", "模板", "源文件", "SHA-256", "发布日期", "工具版本", "导出时间"]
    assert info["标题"] == "某某县发展和改革局2023年政府信息公开工作年度报告"
    assert info["发布机关"] == "某某县发展和改革局" and info["报告年度"] == "2023"
    assert info["模板"].startswith("2021年格式") and info["源文件"] == "示例报告.txt"
    assert info["SHA-256"] == "ab" * 32 and info["发布日期"] == "2024-01-20"
    assert __version__ in info["工具版本"]
    labels = [ws.cell(r, 1).value for r in range(1, ws.max_row + 1)]
    assert "图例" in labels and "已更正" in labels


def test_print_setup_and_frozen_panes(tmp_path: Path) -> None:
    wb = _export(tmp_path)
    t3 = wb["表三"]
    assert t3.page_setup.orientation == "landscape" and str(t3.page_setup.paperSize) == "9"
    assert t3.page_setup.fitToWidth == 1 and t3.sheet_properties.pageSetUpPr.fitToPage
    assert t3.print_title_rows == "$1:$4"
    assert t3.freeze_panes == "D5"
    assert wb["表四"].freeze_panes == "A5"
    assert wb["核查结果"].freeze_panes == "A2"


def test_refuses_to_overwrite_input(tmp_path: Path) -> None:
    src = tmp_path / "report.xlsx"
    src.write_bytes(b"original")
    report = build_report(path=str(src))
    with pytest.raises(OutputPathError):
        export_workbook(report, [], src)
    assert src.read_bytes() == b"original"


def test_failed_write_leaves_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out.xlsx"
    out.write_bytes(b"old")

    def boom(*_a: object, **_k: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(OSError):
        export_workbook(build_report(), [], out)
    assert out.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.xlsx"]


def test_findings_rows_tall_enough_for_their_wrapped_messages(tmp_path: Path) -> None:
    from core.export.xlsx_cells import LINE_POINTS, text_units

    ws = _export(tmp_path)["核查结果"]
    for r in range(2, ws.max_row + 1):
        message = ws.cell(row=r, column=8).value
        needed = -(-text_units(message) // 59)  # column H is 60 units wide
        assert ws.row_dimensions[r].height >= needed * LINE_POINTS, (r, message)
    assert any(ws.row_dimensions[r].height > LINE_POINTS + 3 for r in range(2, ws.max_row + 1))
