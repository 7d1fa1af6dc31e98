"""The app's remembered state (QSettings, INI format) behind one table of defaults, plus the app-data folder."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings, QStandardPaths

ORG = "ogicheck"
APP = "年报核查"
MAX_RECENT = 10
CONFIG_ENV = "OGICHECK_CONFIG_DIR"  # tests and portable installs: keep settings and logs in this folder

# Every key the app stores, with its default and type. Nothing reads a key that is not listed here.
DEFAULTS: dict[str, Any] = {
    "window/geometry": QByteArray(),
    "window/state": QByteArray(),
    "window/split_main": [220, 1180],  # report list | work area
    "window/split_work": [640, 360],  # grids and source | findings (the grid first on a small screen)
    "window/split_grid": [820, 360],  # grids | source pane
    "window/source_visible": True,  # the 原文 pane (视图 menu, F9)
    "window/findings_visible": True,  # the 问题列表 pane (视图 menu, F10)
    "view/grid_zoom": 0,  # grid zoom steps of 10 % (Ctrl+= / Ctrl+- / Ctrl+0)
    "files/recent": [],
    "files/last_folder": "",
    "files/last_export_folder": "",
    "season/current": "",  # the set file in use (empty: the default set in the app-data folder)
    "season/recent": [],
    "startup/first_run": True,  # not "general/…": Qt reads an INI group [General] back as "General"
    "check/deadline_profile": "",  # file of the chosen deadline profile (in profiles_dir); "": the statutory deadlines
}
TYPO_FILE = "常见错别字.txt"  # the officer's own misspellings, in the settings folder
PROFILES_DIR = "公开时限"  # deadline profiles (TOML), in the settings folder


def app_data_dir() -> Path:
    """Per-user folder for settings and logs (OGICHECK_CONFIG_DIR overrides it)."""
    override = os.environ.get(CONFIG_ENV)
    if override:
        path = Path(override)
    else:
        # the names first: asked before they are set (the log is set up before the QApplication exists), Qt
        # answers with the bare data folder (~/.local/share) and the log landed in ~/.local/share/logs
        QCoreApplication.setOrganizationName(ORG)
        QCoreApplication.setApplicationName(APP)
        loc = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
        path = Path(loc) if loc else Path.home() / ".ogicheck"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _coerce(value: Any, default: Any) -> Any:
    if isinstance(default, bool):
        return value if isinstance(value, bool) else str(value).lower() in ("true", "1")
    if isinstance(default, QByteArray):
        return value if isinstance(value, QByteArray) else QByteArray()
    if isinstance(default, list):
        if value is None or value == "":
            return []
        items = value if isinstance(value, list) else [value]
        if default and isinstance(default[0], int):
            try:
                return [int(v) for v in items]
            except (TypeError, ValueError):
                return list(default)
        return [str(v) for v in items]
    if isinstance(default, str):
        return "" if value is None else str(value)
    if isinstance(default, int):
        try:
            return int(value)
        except (TypeError, ValueError):
            return default
    return value


class Settings:
    """Typed access to the INI file; every key must appear in DEFAULTS."""

    def __init__(self, path: Path | None = None) -> None:
        ini = path or app_data_dir() / "ogicheck.ini"
        self._qs = QSettings(str(ini), QSettings.Format.IniFormat)

    @property
    def file_name(self) -> str:
        return self._qs.fileName()

    @property
    def folder(self) -> Path:
        """The settings folder (beside the INI file): the misspelling list and the deadline profiles live here."""
        return Path(self._qs.fileName()).parent

    def typo_file(self) -> Path:
        return self.folder / TYPO_FILE

    def profiles_dir(self) -> Path:
        return self.folder / PROFILES_DIR

    def get(self, key: str) -> Any:
        default = DEFAULTS[key]
        if not self._qs.contains(key):
            return list(default) if isinstance(default, list) else default
        return _coerce(self._qs.value(key), default)

    def set(self, key: str, value: Any) -> None:
        if key not in DEFAULTS:
            raise KeyError(key)
        self._qs.setValue(key, value)

    def sync(self) -> None:
        self._qs.sync()

    def recent_files(self) -> list[str]:
        return [p for p in self.get("files/recent") if p][:MAX_RECENT]

    def add_recent(self, path: str) -> list[str]:
        norm = str(Path(path).resolve())
        items = [norm] + [p for p in self.recent_files() if p != norm]
        self.set("files/recent", items[:MAX_RECENT])
        return items[:MAX_RECENT]

    def clear_recent(self) -> None:
        self.set("files/recent", [])

    def recent_sets(self) -> list[str]:
        return [p for p in self.get("season/recent") if p][:MAX_RECENT]

    def add_recent_set(self, path: str) -> None:
        norm = str(Path(path).resolve())
        self.set("season/recent", ([norm] + [p for p in self.recent_sets() if p != norm])[:MAX_RECENT])
