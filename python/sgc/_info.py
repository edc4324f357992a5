"""The model info a compiled library exports (sgc_model_info, version 1).

Every library sgc builds exports, per graph ``g``, ``const sgc_model_info
*g_info(void)`` and, for the whole library, ``sgc_models()`` (a
NULL-terminated array of them). The ctypes structures here mirror the C
structs of runtime/include/sgc_model_info.h (which every generated header
carries), field for field: test/python/test_info_layout.py compares offsets,
sizes and enum values with a C compiler's. docs/compiler.md ("The model
info") documents the layout.
"""

import ctypes
from dataclasses import dataclass
from typing import Optional, Tuple

import numpy as np

VERSION = 1

# sgc_role
(PARAM, INPUT, OUTPUT, GRAD, BASELINE, NEW_BASELINE, KINKS, STATUS,
 LOSS) = range(9)
ROLE_NAMES = ("param", "input", "output", "grad", "baseline", "new_baseline",
              "kinks", "status", "loss")

# sgc_dtype -> numpy
DTYPES = (np.dtype(np.float32), np.dtype(np.float64), np.dtype(np.int64),
          np.dtype(np.int32))

# sgc_function_kind
FORWARD, LOSS_GRAD = 0, 1


class _TensorDesc(ctypes.Structure):
    _fields_ = [("name", ctypes.c_char_p), ("role", ctypes.c_int),
                ("dtype", ctypes.c_int), ("rank", ctypes.c_int),
                ("shape", ctypes.c_int64 * 8), ("size", ctypes.c_int64)]


class _FunctionDesc(ctypes.Structure):
    _fields_ = [("name", ctypes.c_char_p), ("kind", ctypes.c_int),
                ("num_args", ctypes.c_int),
                ("args", ctypes.POINTER(_TensorDesc))]


class _SiteDesc(ctypes.Structure):
    _fields_ = [("op", ctypes.c_char_p), ("file", ctypes.c_char_p),
                ("line", ctypes.c_int64), ("column", ctypes.c_int64),
                ("what", ctypes.c_char_p), ("text", ctypes.c_char_p)]


class _ModelInfo(ctypes.Structure):
    _fields_ = [("version", ctypes.c_int64), ("graph", ctypes.c_char_p),
                ("source", ctypes.c_char_p), ("options", ctypes.c_char_p),
                ("num_args", ctypes.c_int64),
                ("args", ctypes.POINTER(_TensorDesc)),
                ("num_outputs", ctypes.c_int64),
                ("outputs", ctypes.POINTER(_TensorDesc)),
                ("num_baselines", ctypes.c_int64),
                ("num_functions", ctypes.c_int64),
                ("functions", ctypes.POINTER(_FunctionDesc)),
                ("num_checks", ctypes.c_int64),
                ("checks", ctypes.POINTER(_SiteDesc)),
                ("num_kinks", ctypes.c_int64),
                ("kinks", ctypes.POINTER(_SiteDesc))]


@dataclass(frozen=True)
class Tensor:
    """One tensor of a graph or argument of a function (row-major)."""
    name: str
    role: str
    dtype: np.dtype
    shape: Tuple[int, ...]

    @property
    def size(self):
        return int(np.prod(self.shape, dtype=np.int64))


@dataclass(frozen=True)
class Site:
    """A run-time check (--checked) or a kink (--instrument-kinks)."""
    op: str
    file: str
    line: int
    column: int
    what: str
    text: str

    @property
    def location(self):
        return f"{self.file}:{self.line}:{self.column}" if self.file else "?"


@dataclass(frozen=True)
class Function:
    """A generated function; ``args`` are its buffers in C order."""
    name: str
    kind: int
    args: Tuple[Tensor, ...]


@dataclass(frozen=True)
class GraphInfo:
    graph: str
    source: str
    options: str
    args: Tuple[Tensor, ...]
    outputs: Tuple[Tensor, ...]
    num_baselines: int
    functions: Tuple[Function, ...]
    checks: Tuple[Site, ...]
    kinks: Tuple[Site, ...]

    def function(self, kind) -> Optional[Function]:
        for f in self.functions:
            if f.kind == kind:
                return f
        return None


def _text(raw):
    return raw.decode("utf-8") if raw else ""


def _tensors(array, count):
    result = []
    for i in range(count):
        t = array[i]
        if not 0 <= t.role < len(ROLE_NAMES) or not 0 <= t.dtype < len(DTYPES):
            raise ValueError(f"model info: tensor '{_text(t.name)}' has an "
                             f"unknown role {t.role} or dtype {t.dtype}")
        result.append(Tensor(_text(t.name), ROLE_NAMES[t.role],
                             DTYPES[t.dtype], tuple(t.shape[:t.rank])))
    return tuple(result)


def _sites(array, count):
    return tuple(Site(_text(s.op), _text(s.file), s.line, s.column,
                      _text(s.what), _text(s.text))
                 for s in (array[i] for i in range(count)))


def read(pointer) -> GraphInfo:
    """Decodes the sgc_model_info at ``pointer`` (a ctypes pointer)."""
    info = pointer.contents
    if info.version != VERSION:
        raise ValueError(f"model info version {info.version}; this sgc "
                         f"package reads version {VERSION}")
    functions = tuple(
        Function(_text(f.name), f.kind, _tensors(f.args, f.num_args))
        for f in (info.functions[i] for i in range(info.num_functions)))
    return GraphInfo(_text(info.graph), _text(info.source),
                     _text(info.options),
                     _tensors(info.args, info.num_args),
                     _tensors(info.outputs, info.num_outputs),
                     info.num_baselines, functions,
                     _sites(info.checks, info.num_checks),
                     _sites(info.kinks, info.num_kinks))


def graphs(library):
    """The model infos of every graph in ``library`` (a ctypes.CDLL)."""
    try:
        models = library.sgc_models
    except AttributeError:
        raise ValueError(f"{library._name} exports no sgc_models(): not a "
                         "library built by this sgc") from None
    models.restype = ctypes.POINTER(ctypes.POINTER(_ModelInfo))
    models.argtypes = []
    table = models()
    result = []
    i = 0
    while table[i]:
        result.append(read(table[i]))
        i += 1
    return result
