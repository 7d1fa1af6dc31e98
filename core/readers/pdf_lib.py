"""PDFium for the PDF reader: the library that pypdfium2 ships (in its pypdfium2_raw package), opened with ctypes
and bound to the few functions the reader calls, with handles as plain integers.

Importing pypdfium2 costs more than reading a report (thousands of bindings, its helper classes, logging,
subprocess); it is imported only when the library file is not where pypdfium2_raw keeps it (then its bindings
give the function addresses) and to render a page for OCR (PdfiumSource.render_grey). PDFium's initialisation
runs once, whichever comes first: FPDF_InitLibraryWithConfig returns at once when the library is initialised.
"""

from __future__ import annotations

import ctypes
import importlib.util
import os
import sys
import threading
from collections.abc import Callable
from typing import Any

PAGEOBJ_TEXT, PAGEOBJ_PATH, PAGEOBJ_IMAGE, PAGEOBJ_FORM = 1, 2, 3, 5
SEGMENT_LINETO, SEGMENT_MOVETO = 0, 2
ERR_PASSWORD, ERR_SECURITY = 4, 6
META_KEYS = ("Title", "Author", "Subject", "Keywords", "Creator", "Producer", "CreationDate", "ModDate")


class FsMatrix(ctypes.Structure):
    _fields_ = [("a", ctypes.c_float), ("b", ctypes.c_float), ("c", ctypes.c_float), ("d", ctypes.c_float),
                ("e", ctypes.c_float), ("f", ctypes.c_float)]


class FsRectF(ctypes.Structure):
    _fields_ = [("left", ctypes.c_float), ("top", ctypes.c_float), ("right", ctypes.c_float),
                ("bottom", ctypes.c_float)]


class _Config(ctypes.Structure):
    """FPDF_LIBRARY_CONFIG, version 2 (as pypdfium2 initialises it)."""

    _fields_ = [("version", ctypes.c_int), ("m_pUserFontPaths", ctypes.c_void_p), ("m_pIsolate", ctypes.c_void_p),
                ("m_v8EmbedderSlot", ctypes.c_uint), ("m_pPlatform", ctypes.c_void_p),
                ("m_RendererType", ctypes.c_int)]


class PdfiumCallError(RuntimeError):
    """A PDFium call failed (where pypdfium2 raises PdfiumError): the reader falls back to pdfminer for the file."""


def _library_file() -> str | None:
    """The PDFium library next to pypdfium2_raw's bindings (the name its loader uses), if it is there."""
    spec = importlib.util.find_spec("pypdfium2_raw")
    if spec is None or not spec.submodule_search_locations:
        return None
    if sys.platform.startswith(("win32", "cygwin", "msys")):
        name = "pdfium.dll"
    elif sys.platform.startswith(("darwin", "ios")):
        name = "libpdfium.dylib"
    else:
        name = "libpdfium.so"
    for folder in spec.submodule_search_locations:
        path = os.path.join(folder, name)
        if os.path.isfile(path):
            return path
    return None


def _symbols() -> Callable[[str], int]:
    """Name → function address: from the library opened here (initialised here), else from pypdfium2's bindings
    (ImportError when pypdfium2 is not installed)."""
    path = None
    try:
        path = _library_file()
    except (ImportError, ValueError):
        path = None
    if path is not None:
        try:
            dll = ctypes.CDLL(path)
        except OSError:
            dll = None
        if dll is not None:
            init = ctypes.CFUNCTYPE(None, ctypes.POINTER(_Config))(address(dll.FPDF_InitLibraryWithConfig))
            init(ctypes.byref(_Config(version=2)))
            return lambda name: address(getattr(dll, name))
    import pypdfium2  # noqa: F401  (initialises the library)
    import pypdfium2.raw as raw

    return lambda name: address(getattr(raw, name))


def address(handle: Any) -> int:
    """The address of a ctypes pointer, handle or function (0 for a null one)."""
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


class Lib:
    """The PDFium functions the reader calls. Handles are integers; out-parameters are pointers."""

    def __init__(self, symbol: Callable[[str], int]) -> None:
        vp, i, d, f = ctypes.c_void_p, ctypes.c_int, ctypes.c_double, ctypes.c_float
        pd, pf, pi = ctypes.POINTER(d), ctypes.POINTER(f), ctypes.POINTER(i)

        def bind(name: str, restype: Any, *argtypes: Any) -> Any:
            return ctypes.CFUNCTYPE(restype, *argtypes)(symbol(name))

        def unchecked(name: str, restype: Any) -> Any:
            fn = ctypes.CFUNCTYPE(restype)(symbol(name))
            fn.argtypes = None  # type: ignore[assignment]  # (typeshed: a sequence only)
            return fn

        self.load_document = bind("FPDF_LoadMemDocument64", vp, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p)
        self.last_error = bind("FPDF_GetLastError", ctypes.c_ulong)
        self.page_count = bind("FPDF_GetPageCount", i, vp)
        self.close_document = bind("FPDF_CloseDocument", None, vp)
        self.meta_text = bind("FPDF_GetMetaText", ctypes.c_ulong, vp, ctypes.c_char_p, vp, ctypes.c_ulong)
        self.load_page = bind("FPDF_LoadPage", vp, vp, i)
        self.close_page = bind("FPDF_ClosePage", None, vp)
        self.page_box = bind("FPDF_GetPageBoundingBox", i, vp, ctypes.POINTER(FsRectF))
        self.load_text = bind("FPDFText_LoadPage", vp, vp)
        self.close_text = bind("FPDFText_ClosePage", None, vp)
        self.count_chars = bind("FPDFText_CountChars", i, vp)
        self.is_generated = bind("FPDFText_IsGenerated", i, vp, i)
        self.text_object = bind("FPDFText_GetTextObject", vp, vp, i)
        self.unicode = bind("FPDFText_GetUnicode", ctypes.c_uint, vp, i)
        self.loose_box = bind("FPDFText_GetLooseCharBox", i, vp, i, ctypes.POINTER(FsRectF))
        self.char_box = bind("FPDFText_GetCharBox", i, vp, i, pd, pd, pd, pd)
        self.font_size = bind("FPDFText_GetFontSize", d, vp, i)
        self.char_matrix = bind("FPDFText_GetMatrix", i, vp, i, ctypes.POINTER(FsMatrix))
        self.char_origin = bind("FPDFText_GetCharOrigin", i, vp, i, pd, pd)
        # called for every character: prototypes without argument types, which ctypes calls faster; the
        # arguments must be given as the C types: the text page as a c_void_p, the index an int, out-params byref
        self.char_calls = tuple(unchecked(name, restype) for name, restype in (
            ("FPDFText_IsGenerated", i), ("FPDFText_GetTextObject", vp), ("FPDFText_GetUnicode", ctypes.c_uint),
            ("FPDFText_GetLooseCharBox", i), ("FPDFText_GetFontSize", d), ("FPDFText_GetMatrix", i)))
        self.count_objects = bind("FPDFPage_CountObjects", i, vp)
        self.get_object = bind("FPDFPage_GetObject", vp, vp, i)
        self.form_count = bind("FPDFFormObj_CountObjects", i, vp)
        self.form_object = bind("FPDFFormObj_GetObject", vp, vp, ctypes.c_ulong)
        self.object_type = bind("FPDFPageObj_GetType", i, vp)
        self.object_matrix = bind("FPDFPageObj_GetMatrix", i, vp, ctypes.POINTER(FsMatrix))
        self.draw_mode = bind("FPDFPath_GetDrawMode", i, vp, pi, pi)
        self.count_segments = bind("FPDFPath_CountSegments", i, vp)
        self.path_segment = bind("FPDFPath_GetPathSegment", vp, vp, i)
        self.segment_point = bind("FPDFPathSegment_GetPoint", i, vp, pf, pf)
        self.segment_type = bind("FPDFPathSegment_GetType", i, vp)
        self.segment_close = bind("FPDFPathSegment_GetClose", i, vp)

    def metadata(self, doc: int) -> dict[str, str]:
        """The document information entries that are not empty (as pypdfium2's get_metadata_dict(skip_empty))."""
        out: dict[str, str] = {}
        for key in META_KEYS:
            name = key.encode("utf-8")
            size = self.meta_text(doc, name, None, 0)
            buffer = ctypes.create_string_buffer(size)
            self.meta_text(doc, name, buffer, size)
            value = buffer.raw[:size - 2].decode("utf-16-le")
            if value:
                out[key] = value
        return out


_LIB: Lib | None = None
_LOADING = threading.Lock()


def lib() -> Lib:
    """PDFium, loaded and initialised on first use. ImportError when it cannot be loaded."""
    global _LIB
    if _LIB is None:
        with _LOADING:
            if _LIB is None:
                _LIB = Lib(_symbols())
    return _LIB
