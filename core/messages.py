"""The one catalogue of Chinese texts that rules, diagnoses and fixes show to the user (cells named by core.layout).

Every finding message, hint and label phrase lives here, so wording is changed in one place and the
rule modules only pass numbers and ids. Templates use str.format fields.
"""

from __future__ import annotations

from core.layout import col_label, row_label, value_text
from core.template import TableSpec

# ---------------------------------------------------------------- phrases built from cell names


def num(value: int | float | None) -> str:
    return "空白" if value is None else value_text(value)


def eq_phrase(spec: TableSpec, rule: str, key: str) -> str:
    """A relation named for a hint: “（七）总计”行“自然人”列与各办理结果之和."""
    if rule == "T3.ROW_SUM":
        label = row_label(spec, key)
    elif rule == "T4.GROUP_SUM":
        label = spec.group_label(key)
    else:
        label = col_label(spec, key)
    return EQ_PHRASE[rule].format(key=label)


def quoted_list(labels: list[str]) -> str:
    return "、".join(f"“{x}”" for x in labels)


# ---------------------------------------------------------------- corrections

ENTRY_NOT_EDITABLE = "这一格不能编辑。"
ENTRY_NOT_NUMBER = "“{text}”不是数字。{cell}只能填写数字，或留空（按 Delete 清空）。"
ENTRY_NOT_WHOLE = "{cell}是件数，只能填写整数，不能是“{text}”。"
ENTRY_NEGATIVE = "{cell}是件数，不能为负数。"

EDIT_SOURCE_LABELS = {"safe_fix": "安全修正", "fix": "采纳建议修正", "user": "人工修改"}


def edit_source_label(source: str) -> str:
    """How a correction was made, in Chinese (the exports' 修改记录)."""
    return EDIT_SOURCE_LABELS.get(source, source)


# ---------------------------------------------------------------- cells

CELL_MISSING = "{table}“{row}”行的{cols}列{raw}为空白，模板要求填写数字，没有数据应填 0。"
CELL_MISSING_ROW = "{table}“{row}”行各列{raw}均为空白，模板要求填写数字，没有数据应填 0。"
CELL_MISSING_REVIEW = "{table}“{group}”的{cols}栏{raw}为空白，模板要求填写数字，没有数据应填 0。"
CELL_MISSING_RAW = "（印作{marks}）"
CELL_MISSING_HINT_ZERO = "按已填写的合计推算，这些空白格只能为 0。"
CELL_MISSING_HINT_VALUE = "按已填写的数字推算，{items}{rest}。"
CELL_MISSING_HINT_REST = "，其余空白格为 0"
CELL_MISSING_HINT_ITEM = "{cell}应为 {value}"
CELL_MISSING_HINT_ABSORB = "以空白为 0 计算时，{eq}相差 {diff}；这些空白格合计应为 {diff}。"
CELL_NOT_NUMBER = "{cell}填写的是“{raw}”，不是数字。"
CELL_NEGATIVE = "{cell}为负数 {value}，数量不能为负。"
CELL_FRACTION = "{cell}为 {value}，数量应为整数。"
CELL_UNIT = "{cell}写作“{raw}”，已按单位“{unit}”换算为 {value} 万元。"
CELL_UNIT_DROPPED = "{cell}写作“{raw}”，已去掉单位“{unit}”，按 {value} 计。"

# ---------------------------------------------------------------- arithmetic

T3_BALANCE = ("表三“{col}”列：一、本年新收（{new}）加二、上年结转（{carried}）为 {lhs}，"
              "但（七）总计（{total}）加四、结转下年度继续办理（{forward}）为 {rhs}。")
T3_RESULT_SUM = "表三“（七）总计”行“{col}”列为 {total}，但各办理结果之和为 {parts}。"
T3_ROW_SUM = "表三“{row}”行“总计”列为 {total}，但六类申请人之和为 {parts}。"
T4_GROUP_SUM = "表四“{group}”的“总计”为 {total}，但结果维持、结果纠正、其他结果、尚未审结之和为 {parts}。"

EQ_PHRASE = {
    "T3.BALANCE": "“{key}”列的“一+二”与“（七）总计+四”",
    "T3.RESULT_SUM": "“（七）总计”行“{key}”列与各办理结果之和",
    "T3.ROW_SUM": "“{key}”行的总计与六类申请人之和",
    "T4.GROUP_SUM": "表四“{key}”的总计与各结果之和",
}
HINT_CROSSING = "{cell}的 {value} 同时使{eqs}不符；若该格为 {repair}，这些合计全部相符，很可能是这一格填错。"
HINT_SWAP = "{a}（{va}）与{b}（{vb}）互换后，相关合计全部相符，可能是这两格填反了。"
HINT_MISFILED = ("“{a}”列相差 {ra}、“{b}”列相差 {rb}，正好相反，而各行总计相符：可能有 {k} 件申请被计入了"
                 "错误的申请人类型{where}。")
HINT_MISFILED_ROW = "，出现在“{row}”行（{cell_from}的 {k} 件应计入{cell_to}）"
HINT_SPLIT = "{a}的 {da} 与{b}的 {db} 连读为 {joined}，恰好使合计相符，可能是一个数字 {joined} 被拆成了两格（错位）。"

# ---------------------------------------------------------------- document

TITLE_MISSING = "未找到报告标题（应写明机关名称、年度和“政府信息公开工作年度报告”）。"
TITLE_FORMAT = "标题“{title}”不符合“××××年政府信息公开工作年度报告”的规范写法。"
TITLE_FORMAT_HINT_WORDING = "标题应以“政府信息公开工作年度报告”结尾，此处写作“{found}”。"
TITLE_FORMAT_HINT_YEAR = "标题中没有写明报告年度。"
SECTION_MISSING = "缺少第{numeral}部分“{heading}”。"
SECTION_MISNUMBERED = "第{numeral}部分“{heading}”的序号印作“{printed}”，应为“{numeral}”。"
SECTION_OUT_OF_ORDER = "第{numeral}部分“{heading}”出现在第{prev_numeral}部分之前，顺序不对。"
SECTION_EMPTY = "第{numeral}部分“{heading}”没有实质内容{junk}。"
SECTION_EMPTY_JUNK = "（只有网页残留文字，如“{junk}”）"
PERIOD_MISSING = "未写明数据统计期限（应为{year}年1月1日至{year}年12月31日）。"
PERIOD_MISSING_NOYEAR = "未写明数据统计期限（应为报告年度的1月1日至12月31日）。"
PERIOD_MALFORMED = "统计期限写作“{text}”，无法读出完整的起止日期（应为{expect}）。"
PERIOD_WRONG = "统计期限为“{text}”，与报告年度不符（应为{expect}）。"
PERIOD_NOT_FULL_YEAR = "统计期限为“{text}”，不是完整的自然年（应为{expect}）。"
LATE = "报告于 {published} 发布，晚于{level_name}年度报告的法定期限 {deadline}（逾期 {days} 天）。"
LATE_HINT = "按发布机关名称“{agency}”判断为{level_name}；如判断有误，可在“核查 → 核查设置 → 层级”中指定。"
LATE_HINT_GIVEN = "层级已指定为{level_name}。"
LATE_PROFILE = "按《{profile}》，{level_name}年度报告应于 {deadline} 前公开，但报告于 {published} 发布（逾期 {days} 天）。"
PUBLISHED_UNKNOWN_PROFILE = "文档中未找到发布日期，无法判断是否按期公开（按《{profile}》，{level_name}应于 {deadline} 前公开）。"
LEVEL_NAMES = {"department": "政府部门", "government": "本级人民政府"}
PUBLISHED_UNKNOWN = "文档中未找到发布日期，无法判断是否按期公开（{level_name}应于 {deadline} 前公开）。"
PUBLISHED_UNKNOWN_NOLEVEL = "文档中未找到发布日期，无法判断是否按期公开（政府部门应于次年1月31日前、本级人民政府应于次年3月31日前公开）。"
PUBLISHED_HINT = "可在“核查 → 核查设置 → 发布日期”中填写发布日期。"
# the command line's own advice (core.cli.check_summary), printed under the findings that name the window's settings
CLI_LEVEL_ADVICE = "命令行：用 --level department（政府部门）或 --level government（本级人民政府）指定层级。"
CLI_PUBLISHED_ADVICE = "命令行：用 --published YYYY-MM-DD 提供发布日期。"
PUBLISHED_FILE_DATE = "文件本身记载的制作日期为 {made}（{source}），可作参考。"
LATE_BY_FILE = ("文档中未找到发布日期；文件记载的制作日期为 {made}，晚于{level_name}年度报告的法定期限 {deadline}"
                "（晚 {days} 天）。此判断依据文件日期而非发布日期，报告可能逾期公开，请核实实际发布日期。")
TEMPLATE_OUTDATED = "{year}年度报告应使用2021年格式（国办公开办函〔2021〕30号），但表格为2019年试行格式。"
TEMPLATE_HYBRID = ("表三“（六）其他处理”只印了2019年试行格式的一行，2021年格式应分为三行"
                   "（逾期不补正、逾期未缴费、其他）。")
FEE_NOT_REPORTED = "第六部分“其他需要报告的事项”未说明信息处理费的收取情况（2021年格式要求报告）。"
FEE_NOT_REPORTED_NO_SIX = "未找到第六部分，表格之后的文字也未说明信息处理费的收取情况（2021年格式要求报告）。"

# ---------------------------------------------------------------- prose vs tables

TEXT_MISMATCH = "正文“{sentence}”称{what} {stated} 件，但{cell}为 {actual}。"
TEXT_MISMATCH_EITHER = "正文“{sentence}”称{what} {stated} 件，但{cell}为 {actual}（连同上年结转为 {alt}）。"
TEXT_WHAT = {
    "new": "收到申请",
    "carried": "上年结转申请",
    "closed": "办结申请",
    "forward": "结转下年度",
    "review": "行政复议",
    "suit": "行政诉讼",
}
ACTIVE_COUNT = "正文“{sentence}”{where}称{what} {stated} 件，但{cells}。"
ACTIVE_AMOUNT = "正文“{sentence}”{where}称{what}为 {stated}，但{cells} 万元。"
TEXT_SUIT_CELL = "表四行政诉讼“总计”（未经复议直接起诉与复议后起诉之和）"

# ---------------------------------------------------------------- cross-year

XYEAR_CARRY = "表三“二、上年结转”行“{col}”列为 {this}，但上一年度报告“四、结转下年度继续办理”为 {prev}。"
XYEAR_IN_FORCE = ("表二“{row}”行“现行有效件数”为 {this}，但按上一年度现行有效 {prev} 加本年制发 {issued} 减本年废止"
                  " {repealed} 应为 {expected}。")
XYEAR_ITEMS = ("表二“{row}”行“上一年项目数量”为 {this}，但按上一年度报告的上一年项目数量 {prev} 加本年增/减 {change}"
               " 应为 {expected}。")
XYEAR_COPY = "正文与上一年度报告约 {percent}% 相同，可能照搬了上年内容。"
XYEAR_COPY_HINT = "相同的段落如：“{sample}”"
XYEAR_YEAR_GAP_HINT = "注意：上一年度报告的年度为 {prev_year}，本报告为 {year}。"

# ---------------------------------------------------------------- heading structure, contradictions, years, typos
# (DOC.HEADING_STRUCTURE, TEXT.CONTRADICTION, TEXT.YEAR, TEXT.TYPO; issue #15)

HEADING_PROMOTED = ("“一、总体情况”的分项被编成了一级标题：{headings}{where}，共 {count} 个；它们应编为（一）（二）…，"
                    "一级标题二至六应留给规定的六个部分。")
HEADING_RESTART = "一级标题的编号在“{heading}”{where}处重新从“一”开始（前一个一级标题为“{prev}”{prev_where}）。"
HEADING_BACKWARDS = "一级标题“{heading}”{where}的编号不大于前一个一级标题“{prev}”{prev_where}，编号重复或倒退。"
HEADING_SHIFTED = "第二至第六部分的序号整体错位 {k} 位（印作{printed}），应为二、三、四、五、六。"
HEADING_IN = "在“{heading}”下，"
HEADING_SUB_REPEATED = "{section}小标题“{heading}”{where}的序号“（{numeral}）”重复或倒退。"
HEADING_SUB_SKIPPED = "{section}小标题“{heading}”{where}之前缺少{missing}。"
HEADING_ENUM = "列举“{seq}”{where}的序号不连续：“{numeral}是”处应为“{expect}是”。"
CONTRA_ALL_CLOSED = "正文“{sentence}”{where}称申请均已办结，但表三“四、结转下年度继续办理”行“总计”列为 {forward}。"
CONTRA_REVIEW_WHAT = "表四“行政复议—总计”"
CONTRA_SUIT_WHAT = "表四行政诉讼“总计”（未经复议直接起诉与复议后起诉之和）"
CONTRA_NO_REVIEW = "正文“{sentence}”{where}称未发生行政复议或行政诉讼，但{what}为 {value}。"
CONTRA_FEE = "正文“{none}”{none_where}称未收取信息处理费，但“{sentence}”{where}写明收取了费用。"
TEXT_YEAR = "正文“{sentence}”{where}中“{phrase}”写的是 {stated} 年，但本报告是 {year} 年度的报告。"
COMPOUND_WHAT = {
    "granted_partial": "予以公开及部分公开",
    "granted": "予以公开",
    "partial": "部分公开",
    "denied": "不予公开",
    "unable": "无法提供",
    "not_processed": "不予处理",
}
COMPOUND_COUNT = "正文“{sentence}”{where}称{what} {stated} 件，但表三相应各行“总计”列之和为 {actual}。"
COMPOUND_SHARE = "正文“{sentence}”{where}称{what}占 {pct}%，但按表三计算，{what} {count} 件占办理结果总计的 {share}%。"
TYPO_DOUBLED = "正文“…{context}…”{where}中“{found}”重复，应为“{word}”。"
TYPO_COMMON = "正文“…{context}…”{where}中“{found}”疑为错别字，应为“{right}”。"
