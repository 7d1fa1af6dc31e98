"""Publication date and title of a saved web page (meta tags, the site's metadata box), for SourceDoc.meta."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from itertools import chain
from typing import Any

import lxml.etree

from core.model import SourceLine
from core.textnorm import fold_width

_DATE = re.compile(r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
# meta names used by Chinese government CMSs (政府网站发展指引: PubDate, ArticleTitle) and common web standards
_PUB_META = {"pubdate", "publishdate", "publish_date", "publishtime", "publish_time", "published_time",
             "article:published_time", "og:article:published_time", "og:published_time", "firstpublishedtime",
             "dc.date.issued", "dcterms.issued", "releasedate", "articlepublishdate", "publicationdate"}
_TITLE_META = {"articletitle", "og:title", "dc.title"}
_PUB_LABELS = ("发布日期", "公开日期", "发布时间")
_PUB_TEXT = re.compile(r"(?:发布日期|公开日期|发布时间)\s*[:：]\s*" + _DATE.pattern)
_TITLE_SPLIT = re.compile(r"\s*(?:[-_|—–]+|&gt;)\s*")
_STRING = lxml.etree.XPath("string()", smart_strings=False)  # all text below an element (lxml.html's text_content)
_WITH_CLASS = lxml.etree.XPath("//*[@class]")


def parse_date(text: str) -> str | None:
    """The first valid date in text as YYYY-MM-DD."""
    for m in _DATE.finditer(fold_width(text)):
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        except ValueError:
            continue
    return None


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _published_from_tree(root: Any) -> str | None:
    for m in root.iter("meta"):
        name = (m.get("name") or m.get("property") or m.get("itemprop") or "").strip().lower()
        if name in _PUB_META:
            found = parse_date(m.get("content") or "")
            if found:
                return found
    for el in root.iter("publishtime", "pubtime"):
        found = parse_date(el.get("datetime") or _STRING(el))
        if found:
            return found
    return None


def _published_from_lines(lines: list[SourceLine]) -> str | None:
    for ln in lines:
        if ln.cells:
            cells = ln.cells
            for i, c in enumerate(cells[:-1]):
                if c.text.strip(" :：") in _PUB_LABELS:
                    found = parse_date(cells[i + 1].text)
                    if found:
                        return found
        m = _PUB_TEXT.search(fold_width(ln.text))
        if m:
            found = parse_date(m.group(0))
            if found:
                return found
    return None


def _is_report(text: str) -> bool:
    return "报告" in text or "報告" in text


def _title_classed(root: Any) -> Iterator[Any]:
    """Elements whose class names a title, in document order (looked for only when no heading is the title)."""
    for el in _WITH_CLASS(root):
        if "title" in el.get("class").lower():
            yield el


def _title(root: Any) -> str | None:
    for m in root.iter("meta"):
        name = (m.get("name") or m.get("property") or "").strip().lower()
        if name in _TITLE_META and _is_report(m.get("content") or ""):
            return _clean(m.get("content") or "")
    for el in chain(root.iter("h1", "h2", "h3", "ucaptitle"), _title_classed(root)):
        text = _clean(_STRING(el))
        if _is_report(text) and len(text) < 120:
            return text
    titles = [_clean(_STRING(t)) for t in root.iter("title")]
    for t in titles:
        for part in _TITLE_SPLIT.split(t):
            if _is_report(part):
                return part
    return next((t for t in titles if t), None)


def page_meta(root: Any, lines: list[SourceLine]) -> dict[str, str]:
    """{"published": YYYY-MM-DD, "title": ...} for whatever the page states; collection and
    page-generation times (采集时间, 页面生成时间) are not publication dates and are ignored."""
    meta: dict[str, str] = {}
    published = _published_from_tree(root) or _published_from_lines(lines)
    if published:
        meta["published"] = published
    title = _title(root)
    if title:
        meta["title"] = title
    return meta
