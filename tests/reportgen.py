"""Builds synthetic report texts (pipe-row layout) from cell values, for reader and rule tests."""

from __future__ import annotations

from core.template import TEMPLATES, Template

SECTIONS_PROSE = {
    1: "本年度，本机关认真贯彻落实《中华人民共和国政府信息公开条例》。本报告中所列数据的统计期限为{year}年1月1日至{year}年12月31日。",
    5: "存在的主要问题是公开深度不够，下一步将加强培训。",
    6: "本年度未收取信息处理费。",
}


def _fmt(v: object) -> str:
    return "" if v is None else str(v)


def render(template: str | Template, values: dict[str, dict[str, dict[str, object]]], *, year: int = 2020,
           agency: str = "某某市某某局", overrides: dict[str, str] | None = None,
           published: str | None = "2021年1月20日") -> str:
    """A complete report text. `values[table][row][col]`; review uses row "all". `overrides` replaces the
    whole printed line of a row (by row id) to simulate damaged copies."""
    tpl = TEMPLATES[template] if isinstance(template, str) else template
    overrides = overrides or {}
    out = [f"{agency}{year}年政府信息公开工作年度报告", ""]
    for number, heading in enumerate(
            ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
             "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"), start=1):
        out.append(heading)
        if number in SECTIONS_PROSE:
            out.append(SECTIONS_PROSE[number].format(year=year))
        if number == 2:
            spec = tpl.table("active")
            for caption, rows in spec.blocks():
                out.append(f"{caption} | | | |")
                cols = spec.cols_for(rows[0].id)
                out.append(" | ".join(["信息内容", *(spec.col(c).label for c in cols)]) + " |")
                for r in rows:
                    cells = [_fmt(values.get("active", {}).get(r.id, {}).get(c, 0)) for c in cols]
                    out.append(overrides.get(r.id, " | ".join([r.label, *cells]) + " |"))
        if number == 3:
            spec = tpl.table("requests")
            out.append(spec.corner + " | 申请人情况 | | | | | | |")
            out.append("自然人 | 法人或其他组织 | 总计 |")
            out.append("商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |")
            for r in spec.rows:
                cells = [_fmt(values.get("requests", {}).get(r.id, {}).get(c.id, 0)) for c in spec.columns]
                out.append(overrides.get(r.id, " | ".join([r.label, *cells]) + " |"))
        if number == 4:
            spec = tpl.table("review")
            out.append("行政复议 | 行政诉讼 |")
            out.append("结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 |")
            out.append(" | ".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2) + " |")
            cells = [_fmt(values.get("review", {}).get("all", {}).get(c.id, 0)) for c in spec.columns]
            out.append(overrides.get("all", " | ".join(cells) + " |"))
        out.append("")
    out.append(agency)
    if published:
        out.append(published)
    return "\n".join(out) + "\n"


def row(*values: object) -> dict[str, object]:
    """Seven table-三 values in column order."""
    cols = ("natural", "commercial", "research", "social", "legal", "other_org", "total")
    return dict(zip(cols, values, strict=True))
