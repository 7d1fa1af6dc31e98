"""Photos and scans of a report (.png, .jpg, .tif, multi-page TIFF) → SourceDoc, by OCR (the optional `ocr`
extra): every page through core.readers.ocr and then the PDF reader's own row, cell and line logic."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from core.model import SourceDoc
from core.readers.errors import UnreadableError
from core.readers.limits import MAX_IMAGE_PIXELS, MAX_PDF_PAGES, too_large
from core.readers.ocr_engine import MSG_NO_OCR, NO_HOOKS, Hooks, ocr_available
from core.readers.pdf_backend import PageData

A4_LONG_INCHES = 11.69  # a photo's resolution is taken from its size: the page is assumed to be A4
WORK_DPI = 170  # larger photos are scaled down to about this resolution before recognition
MSG_DAMAGED = "图片文件已损坏或格式不受支持，无法读取。请重新扫描或拍照后保存为 PNG、JPG 或 TIFF。"
MSG_EMPTY = "图片中没有识别出足够的文字（可能过于模糊、太小或不是报告页面）。请重新扫描（200 dpi 左右、灰度），或索取文字版。"


class ImageSource:
    """The frames of an image file as OCR'd pages."""

    def __init__(self, data: bytes, hooks: Hooks = NO_HOOKS) -> None:
        from PIL import Image

        self.hooks = hooks
        Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS  # beyond it Pillow refuses (a decompression bomb)
        try:
            self.img = Image.open(io.BytesIO(data))
            self.frames = int(getattr(self.img, "n_frames", 1))
            w, h = self.img.size
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise UnreadableError(too_large("图片像素", MAX_IMAGE_PIXELS)) from exc
        except Exception as exc:  # Pillow raises many kinds of errors on damaged files
            raise UnreadableError(MSG_DAMAGED) from exc
        if w * h > MAX_IMAGE_PIXELS:
            raise UnreadableError(too_large("图片像素", MAX_IMAGE_PIXELS))
        if self.frames > MAX_PDF_PAGES:
            raise UnreadableError(too_large("图片页数", MAX_PDF_PAGES, " 页"))

    def __len__(self) -> int:
        return self.frames

    def grey(self, index: int) -> tuple[Any, float]:
        """Frame `index` as a grey numpy image and its resolution (dpi)."""
        import numpy as np
        from PIL import Image, ImageOps

        try:
            self.img.seek(index)
            frame = ImageOps.exif_transpose(self.img.convert("L")) or self.img.convert("L")
        except Exception as exc:
            raise UnreadableError(MSG_DAMAGED) from exc
        dpi = max(frame.size) / A4_LONG_INCHES
        if dpi > WORK_DPI * 1.2:
            scale = WORK_DPI / dpi
            frame = frame.resize((round(frame.width * scale), round(frame.height * scale)), Image.Resampling.LANCZOS)
            dpi = WORK_DPI
        return np.asarray(frame, dtype=np.uint8), dpi

    def pages(self) -> Iterator[PageData]:
        from core.readers.ocr import read_image_page

        for i in range(self.frames):
            self.hooks.step(i, self.frames)
            grey, dpi = self.grey(i)
            yield read_image_page(grey, i + 1, dpi)[0]
        self.hooks.step(self.frames, self.frames)

    def metadata(self) -> dict[str, str]:
        return {}

    def close(self) -> None:
        self.img.close()


def read_image(path: str, data: bytes, hooks: Hooks = NO_HOOKS) -> SourceDoc:
    from core.readers.pdf import _PDF_LOCK, read_pages, source_lines

    if not ocr_available():
        raise UnreadableError(MSG_NO_OCR.replace("这是扫描图像（页面只有图片，没有可读取的文字层）", "这是一张图片"))
    source = ImageSource(data, hooks)
    try:
        with _PDF_LOCK:  # one OCR job at a time: the engine already uses both cores
            outs, _, (glyphs, _, _) = read_pages(source)
    finally:
        source.close()
    if glyphs < 20:
        raise UnreadableError(MSG_EMPTY)
    lines, script = source_lines(outs)
    n = len(source)
    pages = ["\n".join(ln.text for ln in lines if ln.loc.page == p) for p in range(1, n + 1)]
    note = ("这份报告是图片，已用文字识别（OCR）读取；识别把握不大的单元格已标为读取存疑，其余数字也请对照原件抽查。")
    return SourceDoc(path=path, format="image", lines=lines, script=script,
                     meta={"ocr_pages": ",".join(str(p) for p in range(1, n + 1))}, pages=pages, notes=[note])
