"""A region's own publication deadlines (a named profile) for DOC.LATE, read from a small TOML or JSON file.

The statutory deadlines of core.deadlines stay the default; a profile replaces them for the levels it names
(a level it leaves out keeps the statutory deadline). Dates are month and day of the year after the report year:

    name = "某市2025年报公开时限"
    [deadlines]
    department = "02-20"     # 政府部门: by 20 February
    government = "03-31"     # 本级人民政府

The same in JSON: {"name": "…", "deadlines": {"department": "02-20", "government": "03-31"}}. A date may also be
written 2-20, 2月20日 or [2, 20]. Reports on 2018 and earlier keep the 2007 条例's deadline.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from core.deadlines import DEPARTMENT, GOVERNMENT

LEVELS = (DEPARTMENT, GOVERNMENT)
MAX_BYTES = 64 * 1024
_MONTH_DAY = re.compile(r"^\s*(\d{1,2})\s*(?:[-/.月])\s*(\d{1,2})\s*日?\s*$")


class ProfileError(ValueError):
    """A profile file that cannot be used; the message is Chinese, for the officer."""


@dataclass(frozen=True)
class DeadlineProfile:
    name: str
    deadlines: tuple[tuple[str, int, int], ...]  # (level, month, day) in the year after the report year

    def month_day(self, level: str | None) -> tuple[int, int] | None:
        return next(((m, d) for lv, m, d in self.deadlines if lv == level), None)

    def deadline(self, report_year: int, level: str | None) -> date | None:
        """The profile's deadline for the level, or None when it names none for it (or the level is unknown)."""
        md = self.month_day(level)
        return date(report_year + 1, *md) if md is not None and report_year >= 2019 else None

    def latest(self, report_year: int) -> date | None:
        """The latest of the profile's deadlines (for a report whose level is unknown)."""
        days = [date(report_year + 1, m, d) for _, m, d in self.deadlines]
        return max(days) if days and report_year >= 2019 else None

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "deadlines": {lv: f"{m:02d}-{d:02d}" for lv, m, d in self.deadlines}}

    def to_toml(self) -> str:
        lines = [f"name = {json.dumps(self.name, ensure_ascii=False)}", "", "[deadlines]"]
        lines += [f'{lv} = "{m:02d}-{d:02d}"' for lv, m, d in self.deadlines]
        return "\n".join(lines) + "\n"


def _month_day(value: Any, level: str) -> tuple[int, int]:
    if isinstance(value, list | tuple) and len(value) == 2 and all(isinstance(v, int) for v in value):
        month, day = value
    elif isinstance(value, str) and (m := _MONTH_DAY.match(value)):
        month, day = int(m.group(1)), int(m.group(2))
    else:
        raise ProfileError(f"期限“{level}”应写作“月-日”，例如 \"02-20\"，收到：{value!r}")
    try:
        date(2001, month, day)  # not a leap year: 2月29日 is refused
    except ValueError:
        raise ProfileError(f"期限“{level}”不是有效的日期：{month}月{day}日") from None
    return month, day


def profile_from_data(data: Any) -> DeadlineProfile:
    """A profile from parsed TOML or JSON data; ProfileError with a Chinese message when it is not usable."""
    if not isinstance(data, dict):
        raise ProfileError("公开时限文件应包含 name 和 [deadlines]。")
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ProfileError("公开时限文件缺少名称（name）。")
    table = data.get("deadlines")
    if not isinstance(table, dict) or not table:
        raise ProfileError("公开时限文件缺少 [deadlines]（department / government 的期限）。")
    unknown = [k for k in table if k not in LEVELS]
    if unknown:
        raise ProfileError(f"未知的层级：{'、'.join(map(str, unknown))}（只能是 department 或 government）。")
    out = tuple((lv, *_month_day(table[lv], lv)) for lv in LEVELS if lv in table)
    return DeadlineProfile(name.strip().strip("《》"), out)  # type: ignore[arg-type]


def parse_profile(text: str) -> DeadlineProfile:
    """A profile from the text of a TOML or JSON file."""
    stripped = text.lstrip("\ufeff").strip()
    try:
        data = json.loads(stripped) if stripped.startswith("{") else tomllib.loads(stripped)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ProfileError(f"公开时限文件格式有误：{exc}") from None
    return profile_from_data(data)


def read_profile(path: str | Path) -> DeadlineProfile:
    """Read a profile file (UTF-8, at most 64 KB); ProfileError names the file and the problem."""
    p = Path(path)
    try:
        if p.stat().st_size > MAX_BYTES:
            raise ProfileError(f"公开时限文件过大：{p}")
        text = p.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise ProfileError(f"无法读取公开时限文件：{p}（{exc.strerror or exc}）") from None
    except UnicodeDecodeError:
        raise ProfileError(f"公开时限文件应为 UTF-8 编码：{p}") from None
    try:
        return parse_profile(text)
    except ProfileError as exc:
        raise ProfileError(f"{p.name}：{exc}") from None
