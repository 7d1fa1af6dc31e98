"""TEXT.MISMATCH for core.validate: counts and amounts the prose states about 表二 (主动公开) compared with its cells.

Read clause by clause (split at ，；：、 and brackets) in the prose of the opening sections and of 六:
- 规章 / 规范性文件 with a verb: 制发·印发·制定·出台·发布 (2021 本年制发; 2019 本年新制作 or 本年新公开), 废止 (2021
  本年废止), 现行有效 (2021 现行有效), 公开 alone (2021 本年制发 or 现行有效; 2019 新制作, 新公开 or 对外公开总数量), 对外公开总数
  (2019); a list item after "、" keeps the verb of the item before it ("公开规章22件、规范性文件34件");
- 行政许可 / 行政处罚 / 行政强制 with "N 件" (本年处理决定数量 / 处理决定数量);
- 行政事业性收费 with an amount in 亿元, 万元 or 元 (2021 本年收费金额, to the printed precision).
A clause is compared only when it is plain: one count, one kind, one verb; sentences that compare with other years,
look back or plan, name another year, and clauses about 备案, 审查, 清理, 解读, 受理, 立案, 信息处理费… are skipped,
as is a kind stated twice with different counts in one sentence (a breakdown). Silence rather than a false alarm.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from core import layout as L
from core import messages as M
from core.findings import CellRef, Finding, make
from core.model import Loc, Report
from core.numbers import chinese_to_int
from core.options import Options
from core.rules.reportcache import remember
from core.rules.textscan import any_of, sentences, where

RULE_IDS = ("TEXT.MISMATCH",)

_SECTIONS = (None, 1, 2, 6)  # the opening (总体情况, 主动公开) and 其他需要报告的事项
_SPLIT = re.compile(r"([，,；;：:、（）()。])")
_COUNT = re.compile(r"(?<![\d.])(\d+|[零〇一二两三四五六七八九十百千]+)(余|多)?(?:件|起|宗)(?!事)")
_MONEY = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(余|多)?(亿元|万元|元)")
_YEARS = re.compile(r"((?:19|20)\d{2})年")
_APPROX = ("约", "近", "超过", "逾", "以上", "左右")
# what may stand between a noun and its count: 规范性文件共13件, 行政处罚决定书120件, 行政许可事项合计5件
_FILLER = re.compile(r"(?:决定书?|事项|案件|类)?(?:的)?(?:对外公开总数量?|公开总数量?|现行有效|制发|废止|印发|出台|制定|发布|公开)?"
                     r"(?:数量|件数|总数)?(?:共|合计|共计|总计|计)?(?:为|达)?")
_OTHER_TIME = ("较", "同比", "相比", "比上年", "上年", "去年", "上一年", "增长", "下降", "累计", "以来", "历年", "将",
               "计划", "拟", "下一步", "明年", "今后")
_ELSEWHEN = any_of(_OTHER_TIME)
_SKIP_DOCS = ("专栏", "栏目", "备案", "审查", "审核", "清理", "解读", "起草", "征求意见", "修改", "修订", "评估", "宣传", "等", "规章制度",
              "其他", "政策性文件", "草案")
_SKIP_DECISIONS = ("信息", "受理", "申请", "立案", "听证", "复议", "诉讼", "事项清单", "清单", "目录", "梳理", "权力", "双公示",
                   "其他对外管理服务", "等", "信用", "公示期", "涉及")
_SKIP_FEES = ("信息处理费", "处理费", "减免", "退", "免收", "项目", "等")

# verb kinds for 规章 / 规范性文件
_VERBS = (
    ("total", re.compile(r"对外公开总数|公开总数|累计公开")),
    ("repealed", re.compile(r"废止|废除|宣布失效")),
    ("in_force", re.compile(r"现行有效")),
    ("issued", re.compile(r"制发|印发|制定|出台|发布|新制作|颁布")),
    ("published", re.compile(r"公开|公布")),
)
# verb kind → columns that may hold the stated count, per template
_DOC_COLS = {
    "2021": {"issued": ("issued",), "published": ("issued", "in_force"), "repealed": ("repealed",),
             "in_force": ("in_force",)},
    "2019": {"issued": ("new_made", "new_published"), "published": ("new_published", "new_made", "total_published"),
             "total": ("total_published",)},
}
_DECISION_ROWS = (("licensing", "行政许可"), ("penalty", "行政处罚"), ("enforcement", "行政强制"))
# every claim names one of these (规章, 规范性文件, a decision row, 收费): a sentence without any is skipped at once
_NOUNS = any_of(("规章", "规范性文件", *(noun for _, noun in _DECISION_ROWS), "收费"))


@dataclass(frozen=True)
class _Claim:
    row: str
    cols: tuple[str, ...]  # any of them may hold the stated value
    what: str  # 制发规范性文件, 行政处罚决定, 行政事业性收费金额
    stated: Decimal  # in the cells' unit (万元 for fees)
    text: str  # the stated value as printed: 12 / 7730.28万元
    exp: int | None  # fees: the power of ten (in 万元) of the last printed digit; None for counts (exact)
    quote: str
    loc: Loc


def check_active_prose(report: Report, options: Options) -> Iterator[Finding]:
    table = report.tables.get("active")
    version = report.template_version
    if table is None or not table.found or version not in _DOC_COLS:
        return
    said: set[tuple[str, Decimal]] = set()
    for c in remember(report, ("active_prose.claims", version, report.report_year),
                      lambda: tuple(_plain_claims(report, version))):
        if (c.what, c.stated) in said:
            continue
        f = _compare(report, c)
        if f is not None:
            said.add((c.what, c.stated))
            yield f


def _plain_claims(report: Report, version: str) -> Iterator[_Claim]:
    """The claims of the prose worth comparing, in order: in the opening sections and 六, about the report's own
    year, and not a kind stated twice with different counts in one sentence."""
    for s in sentences(report):
        if s.section not in _SECTIONS or not _NOUNS.search(s.text) or _ELSEWHEN.search(s.text):
            continue
        if any(int(y) != report.report_year for y in _YEARS.findall(s.text)):
            continue
        claims = list(_claims(s.text, version, s.loc))
        for c in claims:
            if any(o.row == c.row and o.what == c.what and o.stated != c.stated for o in claims):
                continue  # the same kind stated twice: a breakdown, not a total
            yield c


def _clauses(sentence: str) -> Iterator[tuple[str, str, int]]:
    """(clause, the delimiter before it, its offset in the sentence)."""
    parts = _SPLIT.split(sentence)
    before, at = "", 0
    for i in range(0, len(parts), 2):
        yield parts[i], before, at
        at += len(parts[i]) + (len(parts[i + 1]) if i + 1 < len(parts) else 0)
        before = parts[i + 1] if i + 1 < len(parts) else ""


def _quote(sentence: str, start: int, end: int) -> str:
    """The sentence, or in a long one the stretch around the clause (…marked where cut)."""
    text = sentence.rstrip("；;。")
    if len(text) <= 90:
        return text
    a, b = max(0, start - 30), min(len(text), end + 30)
    return ("…" if a else "") + text[a:b] + ("…" if b < len(text) else "")


def _claims(sentence: str, version: str, loc: Loc) -> Iterator[_Claim]:
    verb: str | None = None  # of the clause before, for a list item after "、"
    for clause, before, at in _clauses(sentence):
        quote = _quote(sentence, at, at + len(clause))
        kept = verb if before == "、" else None
        verb = None
        if not clause:
            continue
        docs = [row for row, noun in (("regulations", "规章"), ("normative_docs", "规范性文件")) if noun in clause]
        if docs:
            claim, verb = _doc_claim(clause, docs, kept, version, quote, loc)
            if claim is not None:
                yield claim
            continue
        claim = _decision_claim(clause, quote, loc) or (_fee_claim(clause, sentence, quote, loc)
                                                         if version == "2021" else None)
        if claim is not None:
            yield claim


def _one_count(clause: str, noun: str) -> int | None:
    """The clause's single count when it is the noun's: right after it ("规范性文件共13件", "行政处罚决定120件")
    or right before it ("制发3件规范性文件")."""
    counts = list(_COUNT.finditer(clause))
    if len(counts) != 1 or counts[0].group(2) or _MONEY.search(clause) or any(w in clause for w in _APPROX):
        return None
    m = counts[0]
    at = clause.find(noun)
    between = clause[at + len(noun):m.start()] if at + len(noun) <= m.start() else None
    if between is not None and not _FILLER.fullmatch(between):
        return None
    if between is None and not re.search(r"(?:件|起|宗)(?:行政)?$", clause[:at]):
        return None
    return chinese_to_int(m.group(1))


def _doc_claim(clause: str, rows: list[str], kept: str | None, version: str, quote: str,
               loc: Loc) -> tuple[_Claim | None, str | None]:
    if len(rows) != 1 or any(w in clause for w in _SKIP_DOCS):
        return None, None
    kinds = [k for k, rx in _VERBS if rx.search(clause)]
    if "published" in kinds and len(kinds) > 1:
        kinds.remove("published")  # 制发并公开, 对外公开总数, 公开现行有效…
    if len(kinds) > 1:
        return None, None
    kind = kinds[0] if kinds else kept
    noun = "规章" if rows[0] == "regulations" else "规范性文件"
    n = _one_count(clause, noun)
    if kind is None or n is None:
        return None, kind
    cols = _DOC_COLS[version].get(kind)
    if not cols:
        return None, kind
    verb = {"issued": "制发", "published": "公开", "repealed": "废止", "in_force": "现行有效",
            "total": "对外公开"}[kind]
    return _Claim(rows[0], cols, f"{verb}{noun}", Decimal(n), str(n), None, quote, loc), kind


def _decision_claim(clause: str, quote: str, loc: Loc) -> _Claim | None:
    rows = [(row, noun) for row, noun in _DECISION_ROWS if noun in clause]
    if len(rows) != 1 or any(w in clause for w in _SKIP_DECISIONS) or "收费" in clause:
        return None
    row, noun = rows[0]
    n = _one_count(clause, noun)
    if n is None:
        return None
    return _Claim(row, ("decisions",), f"{noun}决定", Decimal(n), str(n), None, quote, loc)


def _fee_claim(clause: str, sentence: str, quote: str, loc: Loc) -> _Claim | None:
    if "行政事业性收费" not in clause and not ("收费" in clause and "行政事业性收费" in sentence):
        return None
    if any(w in clause for w in _SKIP_FEES) or _COUNT.search(clause):
        return None
    amounts = list(_MONEY.finditer(clause))
    if len(amounts) != 1 or amounts[0].group(2) or any(w in clause for w in _APPROX):
        return None
    m = amounts[0]
    value = Decimal(m.group(1))
    shift = {"亿元": 4, "万元": 0, "元": -4}[m.group(3)]
    printed = len(m.group(1).partition(".")[2])
    return _Claim("fees", ("amount_wan",), "行政事业性收费金额", value.scaleb(shift), m.group(1) + m.group(3),
                  shift - printed, quote, loc)


def _compare(report: Report, c: _Claim) -> Finding | None:
    table = report.tables["active"]
    spec = table.spec
    cols = [col for col in c.cols if col in spec.cols_for(c.row)]
    values: list[tuple[str, int | float]] = []
    for col in cols:
        cell = table.get(c.row, col)
        if cell.kind != "number" or cell.value is None:
            return None
        values.append((col, cell.value))
    if not values:
        return None
    tol = Decimal(1).scaleb(c.exp) / 2 if c.exp is not None else Decimal(0)
    if any(abs(Decimal(str(v)) - c.stated) <= tol for _, v in values):
        return None
    cells = "，".join(f"{L.cell_name(spec, c.row, col)}为 {L.cell_text(spec, col, v)}" for col, v in values)
    template = M.ACTIVE_AMOUNT if c.row == "fees" else M.ACTIVE_COUNT
    msg = template.format(sentence=c.quote, where=where(c.loc), what=c.what, stated=c.text, cells=cells)
    first = values[0][1]
    return make("TEXT.MISMATCH", msg, cells=tuple(CellRef("active", c.row, col) for col, _ in values),
                expected=first, actual=float(c.stated) if c.exp is not None else int(c.stated), evidence=c.quote)
