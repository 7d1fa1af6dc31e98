"""The two national templates (2019 trial, 2021 revised) as data, for readers, rules, grids and exports.

Everything that knows a label, a row id, a column id or which cells are totals of which reads it
from here; no other module keeps its own copy of a label list. Per table: its layout kind (BLOCKS,
GRID, SINGLE_ROW), its column groups, the anchors by which the reader finds it, and per row its role
in the sums (core.relations builds the sums from these) and whether the table is complete without it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property

COUNT = "count"  # non-negative whole number
SIGNED = "signed"  # whole number, may be negative (2019 本年增/减)
MONEY = "money"  # 万元, decimals allowed


@dataclass(frozen=True)
class ColumnSpec:
    id: str
    label: str  # as printed in the template
    keys: tuple[str, ...] = ()  # normalised header texts seen in the wild (core.textnorm.norm_label)
    kind: str = COUNT
    header: tuple[str, ...] = ()  # header path from the top header row down, for merged header cells
    group: str | None = None  # review: review | suit_direct | suit_after_review
    is_total: bool = False


@dataclass(frozen=True)
class RowSpec:
    id: str
    label: str  # as printed, numbering included
    keys: tuple[str, ...]  # normalised substrings that identify the row label
    exact: tuple[str, ...] = ()  # normalised texts that identify the row only when they are the whole cell
    header: tuple[str, ...] = ()  # row header path (group labels first), for merged row header cells
    role: str = "data"  # requests: input | result | total | forward
    block: str | None = None  # active: the 第二十条 block caption
    columns: tuple[str, ...] = ()  # active: the columns this row has (empty: all of the table's)
    optional: bool = False  # the table is complete without it (a hybrid 2021 表三's （六） sub-rows)


BLOCKS = "blocks"  # 表二: rows in 第二十条 blocks, each row with its own columns
GRID = "grid"  # 表三: every row has every column
SINGLE_ROW = "single_row"  # 表四: one unlabelled row whose columns come in groups


@dataclass(frozen=True)
class Anchors:
    """How the reader finds a table's lines, before the template version is known (same in both versions).

    Texts are normalised (core.textnorm.norm_label); a line anchors when it contains one of them.
    """

    start: tuple[str, ...]  # texts that open the table (caption, header or first row)
    start_rows: tuple[str, ...] = ()  # whole-line row labels that open it when no caption is printed
    inside: tuple[str, ...] = ()  # heading-like header texts that belong to the table
    end: tuple[str, ...] = ()  # texts that close it (what follows the table)


@dataclass(frozen=True)
class TableSpec:
    id: str  # active | requests | review
    number: str  # 二 | 三 | 四
    title: str
    rows: tuple[RowSpec, ...]
    columns: tuple[ColumnSpec, ...]
    corner: str = ""  # text of the top-left header cell
    layout: str = GRID  # BLOCKS | GRID | SINGLE_ROW
    groups: tuple[tuple[str, str], ...] = ()  # column groups: (group id, label) in order (表四)
    anchors: Anchors = Anchors(())

    @cached_property
    def row_index(self) -> dict[str, RowSpec]:
        return {r.id: r for r in self.rows}

    @cached_property
    def col_index(self) -> dict[str, ColumnSpec]:
        return {c.id: c for c in self.columns}

    def row(self, row_id: str) -> RowSpec:
        return self.row_index[row_id]

    def col(self, col_id: str) -> ColumnSpec:
        return self.col_index[col_id]

    def cols_for(self, row_id: str) -> tuple[str, ...]:
        row = self.row_index[row_id]
        return row.columns or tuple(c.id for c in self.columns)

    def cells(self) -> list[tuple[str, str]]:
        return [(r.id, c) for r in self.rows for c in self.cols_for(r.id)]

    @property
    def short_name(self) -> str:
        return "表" + self.number

    @property
    def single_row(self) -> str:
        """The id of the one row of a SINGLE_ROW table (表四)."""
        if self.layout != SINGLE_ROW:
            raise ValueError(f"table {self.id} has more than one row")
        return self.rows[0].id

    @property
    def single_row_label(self) -> str:
        """What table 四's one row counts, as its row header in the grid."""
        return "件数"

    @cached_property
    def group_index(self) -> dict[str, str]:
        return dict(self.groups)

    def group_label(self, group: str) -> str:
        return self.group_index.get(group, group)

    def group_columns(self) -> dict[str, list[str]]:
        """Column ids per column group, in template order (empty when the columns have no groups)."""
        out: dict[str, list[str]] = {}
        for c in self.columns:
            if c.group:
                out.setdefault(c.group, []).append(c.id)
        return out

    @property
    def optional_rows(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.rows if r.optional)

    @property
    def header_words(self) -> frozenset[str]:
        """Texts of the column headers (labels, their variants and merged header cells): never row labels."""
        return frozenset(k for c in self.columns for k in (*c.keys, c.label, *c.header))

    def blocks(self) -> list[tuple[str, list[RowSpec]]]:
        """Rows grouped by block caption, in order (active table); one unnamed block otherwise."""
        out: list[tuple[str, list[RowSpec]]] = []
        for r in self.rows:
            cap = r.block or ""
            if not out or out[-1][0] != cap:
                out.append((cap, []))
            out[-1][1].append(r)
        return out


@dataclass(frozen=True)
class Template:
    version: str  # "2019" | "2021"
    name: str
    tables: tuple[TableSpec, ...]
    markers: tuple[str, ...] = field(default=())  # normalised texts found only in this version

    def table(self, table_id: str) -> TableSpec:
        for t in self.tables:
            if t.id == table_id:
                return t
        raise KeyError(table_id)


TABLE_IDS = ("active", "requests", "review")
TABLE_TOPICS = {"active": "主动公开", "requests": "依申请公开", "review": "复议与诉讼"}  # what each table is about
SECTION_HEADINGS = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)
# normalised key phrases by which each section heading is recognised (variants seen in the wild)
SECTION_KEYS: tuple[tuple[str, ...], ...] = (
    ("总体情况",),
    ("主动公开政府信息情况", "主动公开情况"),
    ("收到和处理政府信息公开申请情况", "收到和处理政府信息公开申请", "依申请公开政府信息情况"),
    ("行政复议、行政诉讼情况", "行政复议和行政诉讼情况", "行政复议行政诉讼情况", "行行政复议"),
    ("存在的主要问题及改进情况", "存在的主要问题及整改", "存在问题及改进情况", "存在的主要问题和改进情况",
     "主要问题及改进情况", "存在的主要问题"),
    ("其他需要报告的事项", "其他需要报告事项"),
)

# ---------------------------------------------------------------- table 二 (active)
_B1, _B5, _B6, _B8, _B9 = (f"第二十条第（{n}）项" for n in "一五六八九")

_ACTIVE_ROWS_2019 = (
    RowSpec("regulations", "规章", (), exact=("规章",), block=_B1,
            columns=("new_made", "new_published", "total_published")),
    RowSpec("normative_docs", "规范性文件", (), exact=("规范性文件", "行政规范性文件"), block=_B1,
            columns=("new_made", "new_published", "total_published")),
    RowSpec("licensing", "行政许可", (), exact=("行政许可",), block=_B5,
            columns=("prev_items", "change", "decisions")),
    RowSpec("other_services", "其他对外管理服务事项", ("其他对外管理服务事项",), block=_B5,
            columns=("prev_items", "change", "decisions")),
    RowSpec("penalty", "行政处罚", (), exact=("行政处罚",), block=_B6,
            columns=("prev_items", "change", "decisions")),
    RowSpec("enforcement", "行政强制", (), exact=("行政强制",), block=_B6,
            columns=("prev_items", "change", "decisions")),
    RowSpec("fees", "行政事业性收费", (), exact=("行政事业性收费",), block=_B8,
            columns=("prev_items", "change")),
    RowSpec("procurement", "政府集中采购", (), exact=("政府集中采购",), block=_B9,
            columns=("projects", "amount_wan")),
)
_ACTIVE_COLS_2019 = (
    ColumnSpec("new_made", "本年新制作数量", ("本年新制作数量", "本年新制作")),
    ColumnSpec("new_published", "本年新公开数量", ("本年新公开数量", "本年新公开")),
    ColumnSpec("total_published", "对外公开总数量", ("对外公开总数量",)),
    ColumnSpec("prev_items", "上一年项目数量", ("上一年项目数量",)),
    ColumnSpec("change", "本年增/减", ("本年增/减", "本年增减"), kind=SIGNED),
    ColumnSpec("decisions", "处理决定数量", ("处理决定数量",)),
    ColumnSpec("projects", "采购项目数量", ("采购项目数量",)),
    ColumnSpec("amount_wan", "采购总金额", ("采购总金额",), kind=MONEY),
)
_ACTIVE_ROWS_2021 = (
    RowSpec("regulations", "规章", (), exact=("规章",), block=_B1, columns=("issued", "repealed", "in_force")),
    RowSpec("normative_docs", "行政规范性文件", (), exact=("行政规范性文件", "规范性文件"), block=_B1,
            columns=("issued", "repealed", "in_force")),
    RowSpec("licensing", "行政许可", (), exact=("行政许可",), block=_B5, columns=("decisions",)),
    RowSpec("penalty", "行政处罚", (), exact=("行政处罚",), block=_B6, columns=("decisions",)),
    RowSpec("enforcement", "行政强制", (), exact=("行政强制",), block=_B6, columns=("decisions",)),
    RowSpec("fees", "行政事业性收费", (), exact=("行政事业性收费",), block=_B8, columns=("amount_wan",)),
)
_ACTIVE_COLS_2021 = (
    ColumnSpec("issued", "本年制发件数", ("本年制发件数", "本年制发")),
    ColumnSpec("repealed", "本年废止件数", ("本年废止件数", "本年废止")),
    ColumnSpec("in_force", "现行有效件数", ("现行有效件数", "现行有效")),
    ColumnSpec("decisions", "本年处理决定数量", ("本年处理决定数量", "处理决定数量")),
    ColumnSpec("amount_wan", "本年收费金额（单位：万元）", ("本年收费金额(单位:万元)", "本年收费金额"), kind=MONEY),
)

# ---------------------------------------------------------------- table 三 (requests)
_APPLICANT = "申请人情况"
_ORG = "法人或其他组织"
_REQ_COLS = (
    ColumnSpec("natural", "自然人", ("自然人",), header=(_APPLICANT, "自然人")),
    ColumnSpec("commercial", "商业企业", ("商业企业",), header=(_APPLICANT, _ORG, "商业企业")),
    ColumnSpec("research", "科研机构", ("科研机构",), header=(_APPLICANT, _ORG, "科研机构")),
    ColumnSpec("social", "社会公益组织", ("社会公益组织",), header=(_APPLICANT, _ORG, "社会公益组织")),
    ColumnSpec("legal", "法律服务机构", ("法律服务机构",), header=(_APPLICANT, _ORG, "法律服务机构")),
    ColumnSpec("other_org", "其他", ("其他",), header=(_APPLICANT, _ORG, "其他")),
    ColumnSpec("total", "总计", ("总计",), header=(_APPLICANT, "总计"), is_total=True),
)
_RESULTS = "三、本年度办理结果"
_G3, _G4, _G5, _G6 = "（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理"


def _res(row_id: str, label: str, keys: tuple[str, ...], group: str | None = None,
         exact: tuple[str, ...] = ()) -> RowSpec:
    header = (_RESULTS, group, label) if group else (_RESULTS, label)
    return RowSpec(row_id, label, keys, exact=exact, header=header, role="result")


_REQ_HEAD = (
    RowSpec("new_received", "一、本年新收政府信息公开申请数量", ("本年新收",), header=("一、本年新收政府信息公开申请数量",),
            role="input"),
    RowSpec("carried_over", "二、上年结转政府信息公开申请数量", ("上年结转",), header=("二、上年结转政府信息公开申请数量",),
            role="input"),
    _res("granted", "（一）予以公开", ("予以公开",)),
    _res("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ("部分公开",)),
    _res("denied_state_secret", "1.属于国家秘密", ("国家秘密",), _G3),
    _res("denied_law_forbidden", "2.其他法律行政法规禁止公开", ("法规禁止公开", "行政止公开", "其他法律行政"), _G3),
    _res("denied_three_safety", "3.危及“三安全一稳定”", ("三安全一稳定", "危及"), _G3),
    _res("denied_third_party", "4.保护第三方合法权益", ("第三方合法权益", "保护第三方"), _G3),
    _res("denied_internal", "5.属于三类内部事务信息", ("内部事务",), _G3),
    _res("denied_process", "6.属于四类过程性信息", ("过程性信息",), _G3),
    _res("denied_enforcement_case", "7.属于行政执法案卷", ("执法案卷",), _G3),
    _res("denied_admin_query", "8.属于行政查询事项", ("行政查询",), _G3),
    _res("unable_no_info", "1.本机关不掌握相关政府信息", ("不掌握",), _G4),
    _res("unable_need_creation", "2.没有现成信息需要另行制作", ("另行制作", "没有现成信息"), _G4),
    _res("unable_unclear", "3.补正后申请内容仍不明确", ("仍不明确", "补正后申请"), _G4),
    _res("not_processed_complaint", "1.信访举报投诉类申请", ("信访举报投诉", "信访举报"), _G5),
    _res("not_processed_repeat", "2.重复申请", ("重复申请",), _G5),
    _res("not_processed_publication", "3.要求提供公开出版物", ("公开出版物",), _G5),
    _res("not_processed_mass", "4.无正当理由大量反复申请", ("大量反复",), _G5),
    _res("not_processed_confirm", "5.要求行政机关确认或重新出具已获取信息", ("重新出具", "确认或重新"), _G5),
)
_REQ_TAIL = (
    RowSpec("total", "（七）总计", ("(七)总计",), exact=("总计", "七)总计", "(七)合计"), header=("（七）总计",), role="total"),
    RowSpec("carried_forward", "四、结转下年度继续办理", ("结转下年度",), header=("四、结转下年度继续办理",), role="forward"),
)
REQUESTS_OTHER_2019 = _res("other", "（六）其他处理", ("(六)其他处理",), exact=("其他处理",))
_REQ_OTHER_2021 = (
    _res("other_overdue_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
         ("逾期不补正", "无正当理由逾期"), _G6),
    _res("other_overdue_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
         ("缴纳费用", "收费通知"), _G6),
    _res("other_reasons", "3.其他", (), _G6, exact=("3.其他",)),
)
_REQ_CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

# ---------------------------------------------------------------- table 四 (review)
_OUTCOMES = (("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"), ("pending", "尚未审结"),
             ("total", "总计"))
_GROUPS = (("review", ("行政复议",)), ("suit_direct", ("行政诉讼", "未经复议直接起诉")),
           ("suit_after_review", ("行政诉讼", "复议后起诉")))
_REVIEW_COLS = tuple(
    ColumnSpec(f"{g}_{o}", label, (label,), header=(*path, label), group=g, is_total=(o == "total"))
    for g, path in _GROUPS for o, label in _OUTCOMES
)
REVIEW_ROW = RowSpec("all", "", (), header=())
_REVIEW_GROUPS = (("review", "行政复议"), ("suit_direct", "行政诉讼（未经复议直接起诉）"),
                  ("suit_after_review", "行政诉讼（复议后起诉）"))

_T2_TITLE = "二、主动公开政府信息情况"
_T3_TITLE = "三、收到和处理政府信息公开申请情况"
_T4_TITLE = "四、政府信息公开行政复议、行政诉讼情况"


# region anchors (see core.extract.regions)
_ACTIVE_ANCHORS = Anchors(start=("第二十条第",), start_rows=("规章", "规范性文件", "行政规范性文件", "行政许可", "行政处罚"))
_REQ_ANCHORS = Anchors(start=("本列数据的勾稽关系", _APPLICANT, "本年新收政府信息公开申请", "本年新收"))
_REVIEW_ANCHORS = Anchors(start=(_GROUPS[0][1][0],), inside=tuple(dict.fromkeys(p[0] for _, p in _GROUPS)),
                          end=("存在的主要问题", "存在问题", "其他需要报告", "主要问题", "改进情况"))


def _active(rows: tuple[RowSpec, ...], cols: tuple[ColumnSpec, ...]) -> TableSpec:
    return TableSpec("active", "二", _T2_TITLE, rows, cols, corner="信息内容", layout=BLOCKS, anchors=_ACTIVE_ANCHORS)


def _requests(rows: tuple[RowSpec, ...]) -> TableSpec:
    return TableSpec("requests", "三", _T3_TITLE, rows, _REQ_COLS, corner=_REQ_CORNER, layout=GRID,
                     anchors=_REQ_ANCHORS)


_REVIEW = TableSpec("review", "四", _T4_TITLE, (REVIEW_ROW,), _REVIEW_COLS, layout=SINGLE_ROW, groups=_REVIEW_GROUPS,
                    anchors=_REVIEW_ANCHORS)

TEMPLATE_2019 = Template(
    "2019", "2019年试行格式（国办公开办函〔2019〕60号）",
    (_active(_ACTIVE_ROWS_2019, _ACTIVE_COLS_2019),
     _requests(_REQ_HEAD + (REQUESTS_OTHER_2019,) + _REQ_TAIL),
     _REVIEW),
    markers=("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减", "政府集中采购",
             "采购项目数量", "采购总金额", "其他对外管理服务事项", "本年新制作", "本年新公开"),
)
TEMPLATE_2021 = Template(
    "2021", "2021年格式（国办公开办函〔2021〕30号）",
    (_active(_ACTIVE_ROWS_2021, _ACTIVE_COLS_2021),
     _requests(_REQ_HEAD + _REQ_OTHER_2021 + _REQ_TAIL),
     _REVIEW),
    markers=("本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额", "逾期不补正",
             "缴纳费用", "本年制发", "本年废止"),
)
TEMPLATES = {"2019": TEMPLATE_2019, "2021": TEMPLATE_2021}


def hybrid_requests_2021() -> TableSpec:
    """2021 table 三 with the 2019 single （六）其他处理 row kept before the three 2021 sub-rows.

    Used when a 2021 report prints the old single row: the printed row is read as `other`
    and the absent sub-rows stay absent (null) rather than blank: they are its optional rows.
    """
    return _HYBRID_REQUESTS


_HYBRID_REQUESTS = _requests(_REQ_HEAD + (REQUESTS_OTHER_2019,)
                             + tuple(replace(r, optional=True) for r in _REQ_OTHER_2021) + _REQ_TAIL)


def table_short_name(table_id: str) -> str:
    """表二 / 表三 / 表四 for a table id (the same in both templates); the id itself when unknown."""
    for t in TEMPLATE_2021.tables:
        if t.id == table_id:
            return t.short_name
    return table_id


def template_for_year(year: int | None) -> Template | None:
    """The template in force for a report year (None before 2019: free-form reports)."""
    if year is None or year < 2019:
        return None
    return TEMPLATE_2019 if year <= 2020 else TEMPLATE_2021
