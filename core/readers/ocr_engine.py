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
# at most this many pixel columns (batch × padded width) per recogniser call: onnxruntime allocates every
# intermediate tensor afresh for a new input shape (RapidOCR turns its memory arena off), and 16 prose lines
# padded to ~1500 px cost ~15 s of CPU the first time and ~1.7× the CPU per column of one line at a time after
# (tools/bench_ocr.py); 16 cell crops of 96 px still go in one call
REC_COLUMNS = 1536
# prose lines (outside tables) are recognised at this height instead of 48: ~40 % less CPU; on the Huai'an scan
# 79 of 81 lines read the same, one page number better ("-4-" for "4-") and one with a space inserted
# ("为 100%。"), fewer differences than at 40 or 32 (tools/bench_ocr.py). Table cells keep 48.
PROSE_HEIGHT = 36


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
_LOCAL = threading.local()  # .height: the recogniser's input height for this thread's current call


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
            _ENGINE.text_rec = _CappedRec(_ENGINE.text_rec)
        return _ENGINE


class _CappedRec:
    """RapidOCR's recogniser called on groups of crops of similar width whose padded batch stays within
    REC_COLUMNS (the detector's prose lines one or two at a time, short cell crops up to REC_BATCH at once)."""

    def __init__(self, rec: Any) -> None:
        import copy

        self.rec = rec
        self.prose = copy.copy(rec)  # the same onnxruntime session (thread-safe), a lower input height
        self.prose.rec_image_shape = [3, PROSE_HEIGHT, 2 * PROSE_HEIGHT]

    def __call__(self, img_list: Any, return_word_box: bool = False) -> tuple[list[Any], float]:
        import math

        if not isinstance(img_list, list):
            img_list = [img_list] if getattr(img_list, "ndim", 0) == 3 else list(img_list)
        rec = self.prose if getattr(_LOCAL, "height", 48) == PROSE_HEIGHT else self.rec
        height = rec.rec_image_shape[1]
        min_width = rec.rec_image_shape[2]
        ratios = [img.shape[1] / max(1, img.shape[0]) for img in img_list]
        order = sorted(range(len(img_list)), key=lambda i: ratios[i])
        out: list[Any] = [("", 0.0)] * len(img_list)
        elapse = 0.0
        group: list[int] = []

        def flush() -> None:
            nonlocal elapse
            if group:
                res, took = rec([img_list[i] for i in group], return_word_box)
                elapse += took
                for i, r in zip(group, res, strict=True):
                    out[i] = r
                group.clear()

        for i in order:
            width = max(min_width, math.ceil(height * ratios[i]))  # sorted: the widest of the group so far
            if group and (len(group) >= REC_BATCH or (len(group) + 1) * width > REC_COLUMNS):
                flush()
            group.append(i)
        flush()
        return out, elapse


def detect(img: Any) -> list[tuple[list[list[float]], str, float]]:
    """Text lines of a grey or colour image: (four corner points, text, confidence)."""
    eng = engine()
    _LOCAL.height = PROSE_HEIGHT
    try:
        result, _ = eng(img, use_cls=False, text_score=0.0)
    finally:
        _LOCAL.height = 48
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
