"""What goes into the frozen app (data files, Qt parts kept, modules excluded), for ogicheck.spec and its tests.

Plain Python with no PyInstaller import, so tests/test_packaging.py can check the plan without building.
Paths are computed from this file's own folder, never from the current directory.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path, PurePosixPath

BUILD_DIR = Path(__file__).resolve().parent
ROOT = BUILD_DIR.parent
RESOURCES = ROOT / "resources"

APP_NAME = "ogicheck"  # the window (windowed on Windows): ogicheck.exe
CLI_NAME = "ogicheck-cli"  # the command line (console): ogicheck-cli.exe, beside it, sharing its files
DISPLAY_NAME = "年报核查"
# One entry script for both executables; it tells them apart by their own name (build/ogicheck_main.py).
ENTRY_SCRIPT = BUILD_DIR / "ogicheck_main.py"
INSTALLER_SCRIPT = BUILD_DIR / "ogicheck.iss"
ICON_ICO = BUILD_DIR / "ogicheck.ico"
ICON_PNG = BUILD_DIR / "ogicheck.png"

# The Qt modules the desktop app uses. Everything else of PySide6 stays out (see EXCLUDED_MODULES).
QT_MODULES = ("QtCore", "QtGui", "QtWidgets", "QtPrintSupport", "QtNetwork")  # QtNetwork: local socket only (one window)

# Qt's own Chinese translations the app loads (QTranslator "qtbase_zh_CN"). qt_zh_CN.qm is only a
# meta-catalogue that also requires qtmultimedia_zh_CN, which PySide6-Essentials does not ship.
QT_TRANSLATIONS = ("qtbase_zh_CN.qm",)

# Files under resources/ that are never shipped.
_RESOURCE_SKIP = re.compile(r"(^|/)(__pycache__|\.[^/]*)(/|$)|\.py[co]$|~$")

# Modules that PyInstaller would otherwise pull in through optional imports of our dependencies,
# and that the product never uses. tests/test_packaging.py proves that no project module imports them.
EXCLUDED_MODULES: tuple[str, ...] = (
    # PySide6 modules outside QT_MODULES
    *(f"PySide6.{m}" for m in (
        "Qt3DAnimation", "Qt3DCore", "Qt3DExtras", "Qt3DInput", "Qt3DLogic", "Qt3DRender", "QtBluetooth",
        "QtCharts", "QtConcurrent", "QtDBus", "QtDataVisualization", "QtDesigner", "QtGraphs", "QtHelp",
        "QtHttpServer", "QtLocation", "QtMultimedia", "QtMultimediaWidgets", "QtNetworkAuth",
        "QtNfc", "QtOpenGL", "QtOpenGLWidgets", "QtPdf", "QtPdfWidgets", "QtPositioning", "QtQml", "QtQuick",
        "QtQuick3D", "QtQuickControls2", "QtQuickTest", "QtQuickWidgets", "QtRemoteObjects", "QtScxml",
        "QtSensors", "QtSerialBus", "QtSerialPort", "QtSpatialAudio", "QtSql", "QtStateMachine", "QtSvg",
        "QtSvgWidgets", "QtTest", "QtTextToSpeech", "QtUiTools", "QtWebChannel", "QtWebEngineCore",
        "QtWebEngineQuick", "QtWebEngineWidgets", "QtWebSockets", "QtXml", "QtAxContainer",
        "QtLabsStyleKit",
    )),
    # other GUI toolkits and plotting
    "tkinter", "_tkinter", "PyQt5", "PyQt6", "PySide2", "matplotlib", "IPython", "jedi",
    # heavy optional back-ends of pandas and friends
    "lxml.objectify", "lxml.isoschematron", "numpy.f2py",
    # lxml parts that PyInstaller's lxml hook collects wholesale and that lxml.etree and lxml.html never import:
    # the HTML differ with its compiled difflib (0.9 MB), SAX and E-factory builders, form filling, the
    # BeautifulSoup/html5lib adapters (their libraries are excluded above), doctest helpers
    "lxml.html.diff", "lxml.html._difflib", "lxml.html._diffcommand", "lxml.html.builder", "lxml.html.formfill",
    "lxml.html.ElementSoup", "lxml.html.soupparser", "lxml.html.html5parser", "lxml.html._html5builder",
    "lxml.html.usedoctest", "lxml.html.clean", "lxml.sax", "lxml.builder", "lxml.usedoctest",
    "lxml.doctestcompare", "lxml.cssselect",
    "scipy", "pyarrow", "numba", "numexpr", "bottleneck", "tables", "sqlalchemy", "psycopg2",
    "xlrd", "xlwt", "xlsxwriter", "odf", "pyxlsb", "calamine", "fsspec", "gcsfs", "s3fs", "botocore",
    "jinja2", "markupsafe", "html5lib", "bs4", "tabulate",
    # development tools that happen to sit in the environment
    "pytest", "_pytest", "hypothesis", "pytestqt", "mypy", "ruff", "setuptools", "pkg_resources",
    "pip", "wheel", "pydoc_data", "lib2to3", "test", "unittest.test",
    # standard-library parts only reached through optional imports: no network. asyncio, http.client and
    # urllib import ssl inside try/except; hashlib falls back to its built-in SHA-256. (sqlite3 stays: the
    # set file, core/season/store.py, is SQLite.)
    "ssl", "_ssl", "_hashlib", "readline", "curses", "_curses", "xmlrpc",
)

# The OCR part (issue 13): RapidOCR's PP-OCR models on onnxruntime, OpenCV and Pillow add ≈ 100 MB compressed,
# far past the one-file exe's 90 MB budget. The default build leaves them out (a scan is then refused with a
# message saying how to get OCR); `build.py --with-ocr` makes the second flavour, ogicheck-ocr, that carries them.
OCR_MODULES: tuple[str, ...] = ("rapidocr_onnxruntime", "onnxruntime", "cv2", "PIL", "shapely", "pyclipper")
# the only product modules that import them (lazily, when a page has no text layer)
OCR_PROJECT_MODULES: tuple[str, ...] = ("core/readers/ocr.py", "core/readers/ocr_engine.py",
                                        "core/readers/image.py", "core/readers/scan_page.py",
                                        "desktop/selftest.py")  # its OCR check draws a line with Pillow
OCR_DATA_PACKAGES: tuple[str, ...] = ("rapidocr_onnxruntime",)  # its config.yaml and ONNX models


def excluded_modules(with_ocr: bool = False) -> list[str]:
    """What the analysis leaves out: EXCLUDED_MODULES, and the OCR part unless this is the OCR flavour."""
    return [*EXCLUDED_MODULES, *(() if with_ocr else OCR_MODULES)]


# Binaries and data files dropped after analysis (patterns on the destination path, "/" separated).
# Each line is a size win that the desktop app does not need; the reason is next to it.
_DROP_PATTERNS: tuple[str, ...] = (
    r"(^|/)translations/(?!(" + "|".join(re.escape(t) for t in QT_TRANSLATIONS) + r")$)[^/]+\.qm$",
    r"(^|/)qml/",                                         # no QML
    r"(^|/)plugins/(qmltooling|designer|sqldrivers|multimedia|position|sensors|webview)/",
    r"(^|/)plugins/(wayland-[^/]+|egldeviceintegrations|generic|networkinformation|tls)/",
    r"(^|/)plugins/platforms/[^/]*(eglfs|linuxfb|minimalegl|vnc|vkkhrdisplay|wayland|webgl)[^/]*$",
    r"(^|/)plugins/platforminputcontexts/[^/]*virtualkeyboard[^/]*$",
    r"(^|/)plugins/imageformats/[^/]*(pdf|webp|tiff|icns|tga|wbmp)[^/]*$",  # SVG (the icons), JPEG, GIF, ICO stay
    r"(^|/)plugins/vectorimageformats/",                  # Lottie animations
    r"(^|/)plugins/platformthemes/[^/]*gtk[^/]*$",        # would drag the build machine's GTK into the bundle
    # Linux only: the CUPS printer plug-in drags in CUPS, GnuTLS, Kerberos and Avahi (≈ 6 MB compressed); the
    # Linux binary proves the build in CI, and printing to PDF works without it. Windows keeps its printers.
    r"(^|/)plugins/printsupport/libcupsprintersupport\.so$",
    r"(^|/)opengl32sw\.dll$",
    # Windows: Qt6Core.dll (PySide6 ≥ 6.10) links the ICU that Windows 10 1903+ ships in System32. An ICU DLL
    # found elsewhere on the build machine (Anaconda, another app on PATH) has other symbol names and would
    # stop the exe from starting, so none is ever bundled.
    r"(^|/)icu(uc|in|dt|i18n|data)[0-9]*\.dll$",                             # 20 MB software OpenGL fallback, not needed by widgets
    # pdfminer (the fallback PDF engine) ships CMaps of all four CJK collections; Chinese reports need only
    # Adobe-GB1 (simplified) and Adobe-CNS1 (traditional). Japanese and Korean ones: ≈ 3.6 MB.
    r"(^|/)pdfminer/cmap/(?!(to-unicode-)?Adobe-(GB1|CNS1)|UniGB|UniCNS|GB|B5|CNS|ETen|ETHK|HK)[^/]*\.(pickle|json)\.gz$",
    r"(^|/)opencc/dictionary/ST(Phrases|Characters)\.txt$",  # simplified→traditional; the app only runs t2s
    r"(^|/)pandas/tests/",
    r"(^|/)numpy/(tests|f2py|_pyinstaller)/",
)
_DROP_RE = re.compile("|".join(_DROP_PATTERNS))


def project_version() -> str:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return str(data["project"]["version"])


def resource_files(root: Path = RESOURCES) -> list[tuple[str, str]]:
    """Every shipped file under resources/ as (source path, destination folder) pairs, sorted."""
    out: list[tuple[str, str]] = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root.parent).as_posix()
        if _RESOURCE_SKIP.search(rel):
            continue
        out.append((str(path), str(PurePosixPath(rel).parent)))
    return out


def qt_translation_files(translations_dir: Path, qt_rel_dir: str) -> list[tuple[str, str]]:
    """The zh_CN Qt translations as (source, destination folder) where QLibraryInfo finds them when frozen."""
    out = []
    for name in QT_TRANSLATIONS:
        src = translations_dir / name
        if not src.is_file():
            raise FileNotFoundError(f"Qt translation missing: {src}")
        out.append((str(src), f"{qt_rel_dir}/translations"))
    return out


def data_files(translations_dir: Path, qt_rel_dir: str) -> list[tuple[str, str]]:
    """All explicit data files of the bundle: resources/ and Qt's zh_CN translations."""
    return resource_files() + qt_translation_files(translations_dir, qt_rel_dir)


def keep_in_bundle(dest: str) -> bool:
    """False for a binary or data file (destination path inside the bundle) that the app does not need."""
    return _DROP_RE.search(dest.replace("\\", "/")) is None


def filtered_qt_dependencies(hook_file: str) -> tuple[list[str], list[tuple[str, str]], list[tuple[str, str]]]:
    """PyInstaller's own Qt hook result for one PySide6 module, without the plugins and translations we drop.

    Used by build/hooks/hook-PySide6.*.py, so that dropped plugins are never analysed and their system
    libraries (GTK, wayland, ...) never enter the bundle.
    """
    from PyInstaller.utils.hooks.qt import add_qt6_dependencies

    hiddenimports, binaries, datas = add_qt6_dependencies(hook_file)

    def keep(entry: tuple[str, str]) -> bool:
        src, dest_dir = entry
        return keep_in_bundle(f"{dest_dir}/{Path(src).name}")

    return list(hiddenimports), [b for b in binaries if keep(b)], [d for d in datas if keep(d)]


def strip_interpreter_binaries(binaries: list[tuple[str, str, str]], out_dir: Path,
                               python_prefix: Path) -> list[tuple[str, str, str]]:
    """Linux: the TOC with the interpreter's own unstripped libraries (libpython, lib-dynload) swapped for
    stripped copies in out_dir. Wheel libraries are left alone: strip breaks the patchelf-edited ones in
    numpy.libs (numpy then fails to import), which is why PyInstaller's global strip option stays off.
    """
    import shutil
    import subprocess

    strip = shutil.which("strip")
    prefix = python_prefix.resolve()
    if strip is None:
        return binaries
    out_dir.mkdir(parents=True, exist_ok=True)
    result = []
    for dest, src, kind in binaries:
        real = Path(src).resolve()
        if real.is_relative_to(prefix) and "site-packages" not in real.parts and ".so" in real.name:
            copy = out_dir / dest.replace("/", "__")
            if not copy.exists() or copy.stat().st_mtime < real.stat().st_mtime:
                shutil.copy2(real, copy)
                subprocess.run([strip, "--strip-unneeded", str(copy)], check=True)
            src = str(copy)
        result.append((dest, src, kind))
    return result
