"""Entry point of the desktop app (`ogicheck-gui [FILE...]`, `python -m desktop.app FILE...`): QApplication with
Qt's own zh_CN translation, Chinese fonts, style, logging and the error hook, then the main window."""

from __future__ import annotations

import argparse
import logging
import os
import re
import sys
from collections.abc import Sequence

QUIT_ENV = "OGICHECK_QUIT_AFTER_MS"  # start-up tests: quit this long after the window is shown and files loaded

log = logging.getLogger("desktop.app")


def _parse(argv: Sequence[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="ogicheck-gui", description="年报核查：政府信息公开工作年度报告核查工具（桌面版）")
    p.add_argument("files", nargs="*", metavar="FILE", help="要打开的报告文件或文件夹")
    p.add_argument("--self-test", action="store_true", help="检查安装是否完整后退出")
    args, _qt_args = p.parse_known_args(list(argv))  # Qt's own options (-style …) are left to Qt
    return args


XCB_LIBS_MISSING = ("无法启动窗口：缺少系统软件包 {package}（文件 {library}）。Qt 在 Linux 桌面上显示窗口需要它。\n"
                    "请让管理员安装后再试，例如：sudo apt install {package}"
                    "（全新系统通常需要：sudo apt install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1）。")
# sonames the xcb plug-in needs that a fresh desktop may lack → Debian/Ubuntu package
XCB_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0", "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1", "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-render-util.so.0": "libxcb-render-util0", "libxcb-image.so.0": "libxcb-image0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0", "libxcb-shape.so.0": "libxcb-shape0",
}


def _xcb_plugin_error() -> str | None:
    """Why Qt's xcb platform plug-in cannot be loaded (the loader's message), or None if it loads."""
    import ctypes

    from PySide6.QtCore import QLibraryInfo

    plugin = os.path.join(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath), "platforms", "libqxcb.so")
    if not os.path.exists(plugin):
        return None
    try:
        ctypes.CDLL(plugin, mode=os.RTLD_LAZY)
    except OSError as exc:
        return str(exc)
    return None


def missing_xcb_library(env: dict[str, str] | None = None, probe: object = None) -> tuple[str, str] | None:
    """(library, package) on a Linux desktop where Qt would use its xcb platform but a system library it needs
    (libxcb-cursor0 above all) is absent: Qt would abort with an English message about the "xcb" plug-in."""
    env = dict(os.environ) if env is None else env
    if not sys.platform.startswith("linux"):
        return None
    platform = env.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith("xcb"):
        return None
    if not platform and (env.get("WAYLAND_DISPLAY") or not env.get("DISPLAY")):
        return None
    error = (probe or _xcb_plugin_error)()  # type: ignore[operator]
    if not error:
        return None
    found = re.search(r"(lib[\w.+-]+\.so(?:\.\d+)*)", error.split(":", 1)[-1])
    library = found.group(1) if found else "libxcb-cursor.so.0"
    return library, XCB_PACKAGES.get(library, "libxcb-cursor0")


# strings of Qt's own dialogs that Qt's zh_CN catalogue leaves in English (the non-native file dialog's .ui labels)
QT_GAPS: dict[tuple[str, str], str] = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QFileDialog", "Cancel"): "取消",
}


def _gap_translator(app: object) -> object:
    """A translator for QT_GAPS, installed last so Qt asks it first."""
    from PySide6.QtCore import QTranslator

    class GapTranslator(QTranslator):
        def translate(self, context: str, source: str, disambiguation: str | None = None,
                      n: int = -1) -> str | None:
            return QT_GAPS.get((context, source))  # None: no translation, ask the next one

        def isEmpty(self) -> bool:
            return False

    return GapTranslator(app)  # type: ignore[arg-type]


def install_translations(app: object) -> list[object]:
    """Load Qt's zh_CN catalogues so standard dialogs and buttons speak Chinese; returns the translators."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    loaded = []
    for name in ("qtbase_zh_CN", "qt_zh_CN"):
        tr = QTranslator(app)  # type: ignore[arg-type]
        if tr.load(name, folder):
            app.installTranslator(tr)  # type: ignore[attr-defined]
            loaded.append(tr)
            break  # qt_zh_CN is a meta catalogue over qtbase; one is enough
    if not loaded:
        log.warning("Qt zh_CN translation not found in %s", folder)
    gaps = _gap_translator(app)
    app.installTranslator(gaps)  # type: ignore[attr-defined]
    loaded.append(gaps)
    return loaded


def fills_on_ui_thread() -> None:
    """Qt's raster engine hands every fill of 96 lines or more (a scroll bar's groove, a list's background) to a
    pool of threads and waits for them: for the window's fills the hand-over costs more than the fill (the source
    pane's scroll bar repainted in 0.5 ms, on the UI thread alone in 0.14; about 1 ms of an edit). Qt's own
    switch, read when its pool is first wanted, keeps them on the UI thread; the pixels are the same (the threads
    fill their shares of the lines by the same code)."""
    os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")


def create_app(argv: Sequence[str] = ()) -> object:
    """The QApplication with name, translation, fonts and style sheet (reuses a running one in tests)."""
    from PySide6.QtWidgets import QApplication

    from desktop.assets import icon, style_sheet, ui_font

    if QApplication.instance() is None:
        fills_on_ui_thread()
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "ogicheck-gui", *argv])
    app.setApplicationName("年报核查")
    app.setOrganizationName("ogicheck")
    app.setApplicationDisplayName("年报核查")
    import core

    app.setApplicationVersion(core.__version__)
    app.setWindowIcon(icon("app"))
    install_translations(app)
    app.setFont(ui_font(app.font()))
    app.setStyleSheet(style_sheet())
    return app


def _quit_later(window: object, app: object, ms: int) -> None:
    """Start-up test hook: once shown and idle, print what is open and quit."""
    from PySide6.QtCore import QTimer

    def report() -> None:
        w = window
        if w.runner.pending:  # type: ignore[attr-defined]
            QTimer.singleShot(100, report)
            return
        for d in w.docs:  # type: ignore[attr-defined]
            c = d.counts()
            edits = len(d.report.edits) if d.report is not None else 0
            print(f"已打开：{d.file_name}｜{d.title()}｜{d.state}｜错误 {c['error']} 警告 {c['warning']} "
                  f"提示 {c['info']}｜修改 {edits} 处｜已忽略 {d.ignored_count}｜{d.verdict}", flush=True)
        cur = w.current  # type: ignore[attr-defined]
        if cur is not None and cur.state == "ready":
            grids = w.grids.values()  # type: ignore[attr-defined]
            filled = sum(1 for g in grids if g.model() is not None for r in range(g.model().rowCount())
                         for c in range(g.model().columnCount()) if g.model().index(r, c).data())
            print(f"当前：{cur.file_name}｜核查结果列表 {len(w.findings.visible_findings())} 条"  # type: ignore[attr-defined]
                  f"｜表格中有数的单元格 {filled} 个", flush=True)
        print(f"窗口：{w.windowTitle()}｜可见={w.isVisible()}", flush=True)  # type: ignore[attr-defined]
        w.close()  # type: ignore[attr-defined]
        app.quit()  # type: ignore[attr-defined]

    QTimer.singleShot(ms, report)


def install_sigterm(window: object) -> object | None:
    """SIGTERM (logout, shutdown, `kill`) is handled like a close request: the window's normal close path runs
    (the unsaved-changes prompt). Python runs signal handlers only between bytecodes, so a timer wakes the
    interpreter a few times a second while Qt's loop runs. Returns the timer (None where there is no SIGTERM)."""
    import signal

    if not hasattr(signal, "SIGTERM"):
        return None
    from PySide6.QtCore import QTimer

    def on_term(_signum: int, _frame: object) -> None:
        log.info("SIGTERM: closing the window as on a close request")
        QTimer.singleShot(0, window.close)  # type: ignore[attr-defined]

    signal.signal(signal.SIGTERM, on_term)
    timer = QTimer(window)  # type: ignore[call-overload]
    timer.timeout.connect(lambda: None)
    timer.start(250)
    return timer


def _auto_recover(edits: list[object], decisions: list[object]) -> bool:
    """Start-up tests (OGICHECK_QUIT_AFTER_MS): answer the recovery dialog with 恢复 and say what it listed."""
    print(f"恢复：{len(edits)} 处修改，{len(decisions)} 条判断", flush=True)
    return True


def _files_from_second_start(window: object, paths: list[str]) -> None:
    """A later start handed over its files: open them here and come to the front."""
    from desktop.single_instance import bring_to_front

    bring_to_front(window)
    if paths:
        window.open_paths(paths)  # type: ignore[attr-defined]


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if "--self-test" in args_list:
        from desktop import selftest  # provided by the packaging build

        return int(selftest.run())
    args = _parse(args_list)
    missing = missing_xcb_library()
    if missing is not None:
        print(XCB_LIBS_MISSING.format(library=missing[0], package=missing[1]), file=sys.stderr)
        return 3

    from desktop.errors import install_excepthook, setup_logging

    log_path = setup_logging()
    files = [os.fspath(f) for f in args.files]
    from desktop.single_instance import InstanceServer, hand_over, start_lock

    lock = start_lock()  # until this start listens: starts at once take turns
    if hand_over(files):  # a window is already running: it opens the files and comes to the front
        log.info("handed %d file(s) to the running window", len(files))
        print(f"已交给正在运行的窗口：{len(files)} 个文件", flush=True)
        if lock is not None:
            lock.unlock()
        return 0
    log.info("starting 年报核查 GUI, files=%s, log=%s", args.files, log_path)
    app = create_app()
    install_excepthook()

    from desktop.assets import sample_reports
    from desktop.main_window import MainWindow
    from desktop.settings import Settings

    settings = Settings()
    window = MainWindow(settings)
    window.show()
    install_sigterm(window)
    server = InstanceServer(parent=window)
    server.filesReceived.connect(lambda paths: _files_from_second_start(window, paths))
    server.listen()
    if lock is not None:
        lock.unlock()
    if not files and settings.get("startup/first_run"):
        files = [str(p) for p in sample_reports()[:1]]
    settings.set("startup/first_run", False)
    from PySide6.QtCore import QTimer

    ask = _auto_recover if os.environ.get(QUIT_ENV) else None
    QTimer.singleShot(0, lambda: window.sets.resume(files, ask))  # the set's reports, the recovery offer, files
    quit_ms = os.environ.get(QUIT_ENV)
    if quit_ms:
        _quit_later(window, app, int(quit_ms))
    return int(app.exec())  # type: ignore[attr-defined]


if __name__ == "__main__":
    sys.exit(main())
