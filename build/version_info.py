"""The Windows version resource of ogicheck.exe (file properties → 详细信息), built from pyproject's version."""

from __future__ import annotations

import re
from typing import Any

COMPANY = "年报核查项目"
DESCRIPTION = "年报核查：政府信息公开工作年度报告核查工具"
COPYRIGHT = "MIT License"


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """"0.1.0" → (0, 1, 0, 0); only each part's leading digits count ("3rc1" → 3, "dev0" → 0)."""
    parts = []
    for piece in version.split(".")[:4]:
        lead = re.match(r"\d+", piece)
        parts.append(int(lead.group()) if lead else 0)
    while len(parts) < 4:
        parts.append(0)
    return (parts[0], parts[1], parts[2], parts[3])


def string_table(version: str, exe_name: str) -> dict[str, str]:
    """The strings Windows shows in the file's properties (Chinese, simplified, code page 1200 = UTF-16)."""
    return {
        "CompanyName": COMPANY,
        "FileDescription": DESCRIPTION,
        "FileVersion": version,
        "InternalName": exe_name,
        "LegalCopyright": COPYRIGHT,
        "OriginalFilename": f"{exe_name}.exe",
        "ProductName": "年报核查",
        "ProductVersion": version,
    }


def vs_version_info(version: str, exe_name: str) -> Any:
    """A PyInstaller VSVersionInfo object (imported here so that tests can use the rest without PyInstaller)."""
    from PyInstaller.utils.win32.versioninfo import (
        FixedFileInfo,
        StringFileInfo,
        StringStruct,
        StringTable,
        VarFileInfo,
        VarStruct,
        VSVersionInfo,
    )

    vt = version_tuple(version)
    strings = [StringStruct(k, v) for k, v in string_table(version, exe_name).items()]
    return VSVersionInfo(
        ffi=FixedFileInfo(filevers=vt, prodvers=vt, mask=0x3F, flags=0x0, OS=0x40004, fileType=0x1,
                          subtype=0x0, date=(0, 0)),
        kids=[
            StringFileInfo([StringTable("080404B0", strings)]),  # zh-CN, Unicode
            VarFileInfo([VarStruct("Translation", [0x0804, 1200])]),
        ],
    )
