"""Renders the app's own icon (resources/icons/app.svg) into build/ogicheck.ico (16–256 px) and build/ogicheck.png.

The exe, the window and the taskbar then show one picture. Rendered with Qt's SVG renderer (no display
needed), assembled into the .ico with Pillow. Run `python build/make_icon.py` after app.svg changes; the
outputs are committed so a release build needs neither step.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

HERE = Path(__file__).resolve().parent
SVG = HERE.parent / "resources" / "icons" / "app.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def render_png(size: int, svg: Path = SVG) -> bytes:
    """The SVG drawn at size×size pixels on a transparent background, as PNG bytes."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 - QPainter wants an application
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"无法读取图标：{svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    return bytes(data.data())


def main() -> None:
    from PIL import Image

    frames = [Image.open(io.BytesIO(render_png(n))).convert("RGBA") for n in SIZES]
    frames[-1].save(HERE / "ogicheck.png")
    frames[-1].save(HERE / "ogicheck.ico", sizes=[(n, n) for n in SIZES], append_images=frames[:-1])
    print(f"写入 {HERE / 'ogicheck.png'} 与 {HERE / 'ogicheck.ico'}（来自 {SVG.name}）")


if __name__ == "__main__":
    main()
