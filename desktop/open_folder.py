"""打开文件夹 / 打开日志文件夹: show a folder in this computer's file manager.

Qt starts xdg-open (Linux) with this process's environment; in the frozen app that points LD_LIBRARY_PATH and
QT_PLUGIN_PATH into the bundle, so the file manager would load the app's libraries instead of its own. In a
frozen Linux build xdg-open is started here with this computer's environment (core.readers.convert.external_env);
elsewhere (running from source, Windows, macOS) Qt opens the folder as usual.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from core.readers.convert import external_env


def open_folder(folder: str) -> bool:
    """Show `folder`; False when nothing could be started."""
    env = external_env()
    opener = shutil.which("xdg-open") if sys.platform.startswith("linux") and env is not None else None
    if opener is None:
        return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(folder)))
    try:
        subprocess.Popen([opener, folder], env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(folder)))
    return True
