"""Reads a report's metadata from its lines: title, agency, year, publication date, period, six sections."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from core.model import Section, SourceLine
from core.template import SECTION_HEADINGS, SECTION_KEYS
from core.textnorm import squash

_YEAR = re.compile(r"(20\d{2})\s*年")
_TITLE_WORDS = ("年度报告", "工作报告", "年报", "制度报告")
_DATE_CN = re.compile(r"(20\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_DATE_ISO = re.compile(r"(20\d{2})[-./](\d{1,2})[-./](\d{1,2})")
_PUBLISHED_LABEL = re.compile(r"(发布时间|发布日期|公开日期|发文日期|发布于)\s*[:：]?\s*")
_NUMERAL = re.compile(r"^([一二三四五六七八九十]{1,2})\s*[、.．,，]")
_NUMERALS = "一二三四五六七八九十"
_PERIOD_KEYS = ("统计期限", "统计期间", "统计时限", "统计周期", "统计时间", "统计区间", "数据统计", "统计范围")


@dataclass
class Meta:
    title: str | None = None
    title_line: int | None = None
    agency: str | None = None
    year: int | None = None
    published: str | None = None
    published_source: str | None = None
    period: str | None = None


_HASHES = re.compile(r"^\s*#{1,6}\s*")


def _clean(text: str) -> str:
    return (_HASHES.sub("", text) if "#" in text else text).strip()


def _is_title(s: str) -> bool:
    q = squash(s)
    return (
        "报告" in q and ("信息公开" in q or "政务公开" in q) and any(w in q for w in _TITLE_WORDS)
        and len(q) <= 60 and not any(ch in q for ch in "《，。；:：") and not q.startswith("本")
    )


def find_title(lines: list[SourceLine], limit: int, meta_title: str | None) -> tuple[str | None, int | None]:
    """The title line (joined when printed over two lines) among the lines before the first section."""
    nonempty = [(i, _clean(ln.text)) for i, ln in enumerate(lines[:limit])
                if _clean(ln.text) and (ln.cells is None or len(ln.cells) == 1)]
    for k, (i, s) in enumerate(nonempty):
        nxt = nonempty[k + 1][1] if k + 1 < len(nonempty) else ""
        prv = nonempty[k - 1][1] if k > 0 else ""
        if _is_title(s):
            q = squash(s)
            if q.startswith("20") and prv and 2 < len(squash(prv)) <= 25 and _agency_like(prv):
                return prv + " " + s, i  # "洪泽区人民政府" / "2023年政府信息公开工作年度报告"
            return s, i
        if nxt and _is_title(s + nxt) and not _is_title(nxt) and len(squash(nxt)) <= 12:
            return s + nxt, i  # "2024年上海市科委政府信息公开工作" / "年度报告"
    if meta_title:
        cand = re.split(r"\s*[-_|—]\s*", meta_title)[0]
        if _is_title(cand):
            return cand, None
    return None, None


def _agency_like(s: str) -> bool:
    q = squash(s)
    return bool(re.search(r"(政府|局|委员会|委|办公室|厅|中心|院|署|区|县|市|部|会|所|站|处)$", q))


def agency_from_title(title: str) -> str | None:
    q = squash(title)
    m = re.match(r"^(.*?)(20\d{2})年度?", q)
    if m and m.group(1):
        return m.group(1).strip("-—:： ") or None
    m = re.match(r"^20\d{2}年度?(.*?)(政府信息公开|政务公开|信息公开)", q)
    if m and m.group(1) not in ("", "政府", "本机关", "度"):
        return m.group(1)
    return None


def _iso(y: str, m: str, d: str) -> str | None:
    try:
        from datetime import date

        return date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


def _date_in(text: str) -> str | None:
    for rx in (_DATE_CN, _DATE_ISO):
        m = rx.search(text)
        if m:
            return _iso(*m.groups())
    return None


def find_published(lines: list[SourceLine], title_line: int | None, meta: dict[str, str]) -> tuple[str | None, str | None]:
    if meta.get("published"):
        return meta["published"], "页面元数据"
    head = lines[:400]
    if _PUBLISHED_LABEL.search("\n".join([ln.text for ln in head])):  # a label (never across lines) somewhere
        for ln in head:
            m = _PUBLISHED_LABEL.search(ln.text)
            if m:
                d = _date_in(ln.text[m.end():m.end() + 30])
                if d:
                    return d, f"“{ln.text.strip()[:40]}”"
    # a line holding only a date: under the signature at the end, or right under the title
    def only_date(s: str) -> str | None:
        q = squash(s).strip("()（）")
        return _date_in(q) if len(q) <= 14 and (_DATE_CN.fullmatch(q) or _DATE_ISO.fullmatch(q)) else None

    tail: list[SourceLine] = []  # the last 25 non-blank lines, last first
    for ln in reversed(lines):
        if ln.text.strip():
            tail.append(ln)
            if len(tail) == 25:
                break
    for ln in tail:
        d = only_date(ln.text)
        if d:
            return d, "落款日期"
    if title_line is not None:
        for ln in lines[title_line + 1:title_line + 6]:
            d = only_date(ln.text)
            if d:
                return d, "标题下方日期"
    return None, None


def find_period(lines: list[SourceLine]) -> str | None:
    """The statistics-period clause; prose hard-wrapped over lines (PDF copies) is joined first."""
    q = "".join(map(squash, [ln.text for ln in lines if ln.cells is None]))
    for key in _PERIOD_KEYS:
        k = q.find(key)
        while k >= 0:
            if "至" in q[k:k + 40]:
                end = min((x for x in (q.find("。", k), q.find("；", k), q.find(";", k)) if x > 0), default=k + 60)
                return q[k:min(end, k + 80)]
            k = q.find(key, k + 1)
    return None


def find_year(title: str | None, period: str | None, lines: list[SourceLine]) -> int | None:
    for text in (title, period):
        if text:
            m = _YEAR.search(squash(text))
            if m:
                return int(m.group(1))
    counts: Counter[int] = Counter()
    for ln in lines[:80]:
        counts.update(int(y) for y in _YEAR.findall(squash(ln.text)))
    return counts.most_common(1)[0][0] if counts else None


def _numeral_value(s: str) -> int | None:
    if s in _NUMERALS:
        return _NUMERALS.index(s) + 1
    return None


_SECTION_KEYS_RX = tuple(re.compile("|".join(map(re.escape, keys))) for keys in SECTION_KEYS)  # any key in it


def _heading_text(text: str) -> tuple[str, str]:
    """A line as a heading candidate: (without markdown hashes, and squashed)."""
    return _heading_remembered(text) if len(text) <= 512 else _heading_of(text)


def _heading_of(text: str) -> tuple[str, str]:
    raw = _clean(text)
    return raw, squash(raw)


_heading_remembered = lru_cache(maxsize=4096)(_heading_of)


def find_sections(lines: list[SourceLine], tables: list[tuple[int, int]] | None = None) -> list[Section]:
    """The six sections by their heading key phrases, in order; a heading is a short line.
    Section.text is the section's prose: the lines of the table regions are left out."""
    skip = {i for a, b in (tables or []) for i in range(a, b)}
    heads: list[tuple[int, int, str, str | None]] = []  # (section index, line, printed, numeral)
    pos = 0
    seen: dict[int, tuple[str, str]] = {}  # line → (cleaned, squashed): a missing section rescans the lines
    for number, keys in enumerate(SECTION_KEYS, start=1):
        has_key = _SECTION_KEYS_RX[number - 1].search
        for i in range(pos, len(lines)):
            hit = seen.get(i)
            if hit is None:
                hit = seen[i] = _heading_text(lines[i].text)
            raw, q = hit
            if not q or len(q) > 40 or not has_key(q):
                continue
            m = _NUMERAL.match(q)
            if not m and not any(q == k or q.rstrip("。") == k for k in keys):
                continue
            heads.append((number, i, raw, m.group(1) if m else None))
            pos = i + 1
            break
    found = {h[0]: h for h in heads}
    ordered = sorted(heads, key=lambda h: h[1])
    out: list[Section] = []
    for number, heading in enumerate(SECTION_HEADINGS, start=1):
        h = found.get(number)
        if h is None:
            out.append(Section(number, heading, False))
            continue
        nxt = next((o[1] for o in ordered if o[1] > h[1]), len(lines))
        text = "\n".join([ln.text for i, ln in enumerate(lines[h[1] + 1:nxt], start=h[1] + 1)
                          if i not in skip]).strip()
        out.append(Section(number, heading, True, printed=h[2], line=h[1], numeral=h[3], text=text))
    return out


def read_meta(lines: list[SourceLine], doc_meta: dict[str, str], first_section_line: int | None) -> Meta:
    limit = first_section_line if first_section_line is not None else 40
    title, tline = find_title(lines, max(limit, 1) if limit else 40, doc_meta.get("title"))
    if title is None and first_section_line is None:
        title, tline = find_title(lines, 40, doc_meta.get("title"))
    period = find_period(lines)
    meta = Meta(title=title, title_line=tline, period=period)
    meta.agency = doc_meta.get("agency") or (agency_from_title(title) if title else None)
    meta.year = int(doc_meta["report_year"]) if doc_meta.get("report_year", "").isdigit() else find_year(
        title, period, lines)
    meta.published, meta.published_source = find_published(lines, tline, doc_meta)
    return meta
