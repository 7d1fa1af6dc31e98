"""The optional OCR engine (RapidOCR's PP-OCR ONNX models on onnxruntime, the `ocr` extra), loaded lazily only
when a page has no text layer, for core.readers.ocr. Also the reading progress and cancel hooks of the readers."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from core.readers.errors import UnreadableError

MSG_NO_OCR = ("这是扫描图像（页面只有图片，没有可读取的文字层），需要文字识别（OCR）组件才能读取，"
              "但本机未安装该组件。安装方法：开发环境运行 pip install \"ogicheck[ocr]\"；"
              "打包版请下载带 OCR 的版本（ogicheck-ocr）。也可向发布单位索取带文字层的 PDF、Word 文档或网页版本。")
MSG_CANCELLED = "已取消读取。"
THREADS = 2  # onnxruntime threads: the target machine has 2 cores
DET_SIDE = 960  # the detector sees the page scaled to at most this many pixels on its long side
REC_BATCH = 16  # line crops recognised per onnxruntime call
# a batch of crops is padded to this width (pixels at height 48) or to its widest crop: PaddleOCR's 320 costs about
# three times as much on table cells (mostly one short number); narrower, the model is less sure of lone digits
# (more cells flagged, 16 of 200 on the clean Huai'an scan at 96) but reads them as well (tools/bench_ocr.py)
REC_WIDTH = 96


@dataclass(frozen=True)
class Hooks:
    """Progress (pages done, pages total) and a cancel check, passed through the readers."""

    progress: Callable[[int, int], None] | None = None
    cancelled: Callable[[], bool] | None = None

    def step(self, done: int, total: int) -> None:
        if self.cancelled is not None and self.cancelled():
            raise UnreadableError(MSG_CANCELLED)
        if self.progress is not None:
            self.progress(done, total)


NO_HOOKS = Hooks()
_ENGINE: Any = None
_LOCK = threading.Lock()


def ocr_available() -> bool:
    """Whether the OCR extra is installed (without loading the models)."""
    import importlib.util

    try:
        return importlib.util.find_spec("rapidocr_onnxruntime") is not None
    except (ImportError, ValueError):
        return False


def engine() -> Any:
    """The one RapidOCR instance of the process (models loaded once, ~0.4 s). Raises UnreadableError when the
    extra is missing."""
    global _ENGINE
    with _LOCK:
        if _ENGINE is None:
            try:
                from rapidocr_onnxruntime import RapidOCR
            except ImportError as exc:
                raise UnreadableError(MSG_NO_OCR) from exc
            _ENGINE = RapidOCR(
                use_cls=False, text_score=0.0, print_verbose=False,
                det_intra_op_num_threads=THREADS, det_inter_op_num_threads=1,
                rec_intra_op_num_threads=THREADS, rec_inter_op_num_threads=1,
                cls_intra_op_num_threads=THREADS, cls_inter_op_num_threads=1,
                det_limit_type="max", det_limit_side_len=DET_SIDE, rec_batch_num=REC_BATCH,
                rec_img_shape=[3, 48, REC_WIDTH])
        return _ENGINE


def detect(img: Any) -> list[tuple[list[list[float]], str, float]]:
    """Text lines of a grey or colour image: (four corner points, text, confidence)."""
    result, _ = engine()(img, use_cls=False, text_score=0.0)
    return [(box, str(text), float(score)) for box, text, score in result or []]


def recognise(crops: Sequence[Any]) -> list[tuple[str, float]]:
    """Text and confidence of each single-line crop (no detection)."""
    if not crops:
        return []
    eng = engine()
    rgb = [_bgr(c) for c in crops]
    result, _ = eng.text_rec(rgb)
    return [(str(t), float(s)) for t, s in result]


def _bgr(grey: Any) -> Any:
    import numpy as np

    return np.repeat(grey[:, :, None], 3, axis=2)
