"""Entry point of the desktop app (`ogicheck-gui [FILE...]`, `python -m desktop.app FILE...`): QApplication with
Qt's own zh_CN translation, Chinese fonts, style, logging and the error hook, then the main window."""

from __future__ import annotations

import argparse
import logging
import os
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
    return loaded


def create_app(argv: Sequence[str] = ()) -> object:
    """The QApplication with name, translation, fonts and style sheet (reuses a running one in tests)."""
    from PySide6.QtWidgets import QApplication

    from desktop.assets import icon, style_sheet, ui_font

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
                  f"提示 {c['info']}｜修改 {edits} 处｜已忽略 {d.ignored_count}｜{d.review}", flush=True)
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

    from desktop.errors import install_excepthook, setup_logging

    log_path = setup_logging()
    files = [os.fspath(f) for f in args.files]
    from desktop.single_instance import InstanceServer, hand_over

    if hand_over(files):  # a window is already running: it opens the files and comes to the front
        log.info("handed %d file(s) to the running window", len(files))
        print(f"已交给正在运行的窗口：{len(files)} 个文件", flush=True)
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
