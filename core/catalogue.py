"""The rule catalogue for findings, rules, exports and the window: every rule id (contract.md §4, never renamed)
with its default severity and the short Chinese name an officer reads, and the rule families' Chinese names."""

from __future__ import annotations

from dataclasses import dataclass

from core.severity import Severity


@dataclass(frozen=True)
class RuleInfo:
    id: str  # for JSON, tooltips and the command line
    severity: Severity  # default; the user may override it
    name: str  # short Chinese name shown to the officer

    @property
    def family(self) -> str:
        return self.id.split(".", 1)[0]


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO

RULES: tuple[RuleInfo, ...] = (
    RuleInfo("PARSE.UNREADABLE", _E, "无法读取"),
    RuleInfo("PARSE.TABLE_MISSING", _E, "未找到表格"),
    RuleInfo("PARSE.ROW_MISSING", _E, "缺少表格行"),
    RuleInfo("PARSE.EXTRA_VALUES", _W, "多出的数字"),
    RuleInfo("PARSE.UNCERTAIN", _W, "读取存疑"),
    RuleInfo("PARSE.UNKNOWN_TEMPLATE", _E, "表格格式未识别"),
    RuleInfo("PARSE.RULE_FAILED", _W, "检查规则出错"),
    RuleInfo("PARSE.RECOVERED", _I, "连写数字已拆分"),
    RuleInfo("CELL.MISSING", _W, "空白单元格"),
    RuleInfo("CELL.NOT_NUMBER", _E, "不是数字"),
    RuleInfo("CELL.NEGATIVE", _E, "数量为负"),
    RuleInfo("CELL.FRACTION", _E, "件数不是整数"),
    RuleInfo("CELL.UNIT", _I, "单位已换算"),
    RuleInfo("T3.BALANCE", _E, "表三收结平衡"),
    RuleInfo("T3.RESULT_SUM", _E, "表三办理结果合计"),
    RuleInfo("T3.ROW_SUM", _E, "表三申请人合计"),
    RuleInfo("T4.GROUP_SUM", _E, "表四合计"),
    RuleInfo("DOC.TITLE_MISSING", _W, "缺少标题"),
    RuleInfo("DOC.TITLE_FORMAT", _W, "标题不规范"),
    RuleInfo("DOC.SECTION_MISSING", _E, "缺少部分"),
    RuleInfo("DOC.SECTION_ORDER", _W, "部分序号或顺序"),
    RuleInfo("DOC.SECTION_EMPTY", _W, "部分没有内容"),
    RuleInfo("DOC.PERIOD", _W, "统计期限"),
    RuleInfo("DOC.LATE", _E, "逾期公开"),
    RuleInfo("DOC.PUBLISHED_UNKNOWN", _I, "发布日期不明"),
    RuleInfo("DOC.TEMPLATE_OUTDATED", _E, "使用旧版表格"),
    RuleInfo("DOC.TEMPLATE_HYBRID", _W, "新旧表格混用"),
    RuleInfo("DOC.FEE_NOT_REPORTED", _W, "未说明信息处理费"),
    RuleInfo("TEXT.MISMATCH", _W, "正文与表格不符"),
    RuleInfo("XYEAR.CARRY", _W, "上年结转不符"),
    RuleInfo("XYEAR.IN_FORCE", _W, "现行有效件数不符"),
    RuleInfo("XYEAR.ITEMS", _I, "上一年项目数不符"),
    RuleInfo("XYEAR.COPY", _W, "照搬上年内容"),
    RuleInfo("DOC.HEADING_STRUCTURE", _W, "标题编号结构"),
    RuleInfo("TEXT.CONTRADICTION", _W, "正文前后矛盾"),
    RuleInfo("TEXT.YEAR", _W, "年份错误"),
    RuleInfo("TEXT.TYPO", _I, "重复字词与常见错别字"),
)
BY_ID: dict[str, RuleInfo] = {r.id: r for r in RULES}
DEFAULT_SEVERITY: dict[str, Severity] = {r.id: r.severity for r in RULES}

# rule families in the order the window's filter lists them, with their Chinese names
FAMILIES: tuple[tuple[str, str], ...] = (
    ("PARSE", "读取"), ("CELL", "单元格"), ("T3", "表三勾稽"), ("T4", "表四勾稽"),
    ("DOC", "文档结构与时限"), ("TEXT", "正文与表格"), ("XYEAR", "跨年度"),
)
FAMILY_NAMES: dict[str, str] = dict(FAMILIES)


def rule_name(rule_id: str) -> str:
    """The Chinese name of a rule; an unknown id (from a newer version's JSON) is shown as it is."""
    info = BY_ID.get(rule_id)
    return info.name if info is not None else rule_id
