"""PyInstaller hook for PySide6.QtNetwork: the stock Qt collection minus what build/bundle.py drops (before analysis)."""

from bundle import filtered_qt_dependencies

hiddenimports, binaries, datas = filtered_qt_dependencies(__file__)
