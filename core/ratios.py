"""Ratios of a report's tables (no rule, figures): the 依申请 total and the shares officers and evaluations look at.

Plain Python over Report, used by the JSON (key "ratios"); the summary, the workbook's 报告信息 sheet and the batch
totals may reuse ratios(). A share is a percentage rounded to 0.1, or None when its base is 0 or a cell is blank.
"""

from __future__ import annotations

from core.layout import change_text, percent_text, value_text
from core.model import Report

# (key, Chinese label, numerator rows or columns, base)
_REQ_SHARES = (
    ("granted_partial_share", "予以公开及部分公开占比", ("granted", "partial")),
    ("denied_share", "不予公开占比", ("denied_",)),
    ("unable_share", "无法提供占比", ("unable_",)),
    ("no_info_share", "本机关不掌握占比", ("unable_no_info",)),
    ("carried_forward_share", "结转下年度占比", ("carried_forward",)),
)
LABELS = {"requests_total": "依申请总数（本年新收+上年结转）", **{k: lab for k, lab, _ in _REQ_SHARES},
          "review_corrected_share": "行政复议纠正率", "suit_corrected_share": "行政诉讼纠正率"}


def _req(report: Report, prefixes: tuple[str, ...]) -> float | None:
    t = report.tables.get("requests")
    if t is None or not t.found:
        return None
    rows = [r.id for r in t.spec.rows if any(r.id == p or (p.endswith("_") and r.id.startswith(p)) for p in prefixes)]
    vals = [t.get(r, "total").value for r in rows if t.get(r, "total").kind != "absent"]
    if not vals or any(v is None for v in vals):
        return None
    return float(sum(v for v in vals if v is not None))


def _review(report: Report, cols: tuple[str, ...]) -> float | None:
    t = report.tables.get("review")
    if t is None or not t.found:
        return None
    vals = [t.get(t.spec.single_row, c).value for c in cols if c in t.spec.col_index]
    if not vals or any(v is None for v in vals):
        return None
    return float(sum(v for v in vals if v is not None))


def _share(part: float | None, base: float | None) -> float | None:
    if part is None or not base:
        return None
    return round(part * 100 / base, 1)


def ratios(report: Report) -> dict[str, float | None]:
    """依申请 total (新收 + 上年结转) and the shares of the outcomes over （七）总计, 结转 over the total, 纠正 shares."""
    new, carried = _req(report, ("new_received",)), _req(report, ("carried_over",))
    total = None if new is None or carried is None else new + carried
    handled = _req(report, ("total",))
    out: dict[str, float | None] = {"requests_total": total}
    for key, _, rows in _REQ_SHARES:
        base = total if key == "carried_forward_share" else handled
        out[key] = _share(_req(report, rows), base)
    out["review_corrected_share"] = _share(_review(report, ("review_corrected",)), _review(report, ("review_total",)))
    out["suit_corrected_share"] = _share(
        _review(report, ("suit_direct_corrected", "suit_after_review_corrected")),
        _review(report, ("suit_direct_total", "suit_after_review_total")))
    return out


def year_on_year(this: Report, prev: Report) -> dict[str, float | None]:
    """The change of each figure from last year's report (this − last; shares in percentage points)."""
    a, b = ratios(this), ratios(prev)
    return {k: None if a[k] is None or b[k] is None else round(a[k] - b[k], 1) for k in a}  # type: ignore[operator]


def is_share(key: str) -> bool:
    return key.endswith("_share")


def ratio_text(key: str, value: float | None) -> str:
    """A figure written for its kind: the 依申请 total as a count, a share as 33.9%."""
    return percent_text(value) if is_share(key) else value_text(value)


def ratio_lines(this: Report, prev: Report | None = None) -> list[tuple[str, str, str, str]]:
    """(label, this year, last year, change) for the summary and the workbook; the last two empty without prev."""
    a = ratios(this)
    b = ratios(prev) if prev is not None else {}
    d = year_on_year(this, prev) if prev is not None else {}
    return [(LABELS[k], ratio_text(k, a[k]), ratio_text(k, b.get(k)), change_text(d.get(k), is_share(k)))
            for k in a]
