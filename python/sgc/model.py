"""Calling a compiled model from numpy."""

import ctypes
import os

import numpy as np

from . import _info
from ._info import GraphInfo, Site, Tensor

# The codes the generated functions return (the header's SGC_ERR_*).
OK, ERR_NULL, ERR_KEY, ERR_CHECK = 0, 1, 3, 6
STEP_LIMIT = 1 << 32


class CheckError(ArithmeticError):
    """A run-time check of a library built with ``checked=True`` failed.

    ``site`` names the op and its source location; ``function`` is the
    generated function that failed; its results were written.
    """

    def __init__(self, function: str, site: Site):
        super().__init__(f"{function}: run-time check failed: {site.text}")
        self.function = function
        self.site = site


class SgcError(RuntimeError):
    """A generated function returned an error code (see ``code``)."""

    def __init__(self, message: str, code: int):
        super().__init__(message)
        self.code = code


def _check_array(tensor: Tensor, value, what="argument"):
    """``value`` as the buffer of ``tensor``, or a ValueError naming it."""
    if not isinstance(value, np.ndarray):
        raise ValueError(f"{what} '{tensor.name}' must be a numpy array of "
                         f"{tensor.dtype} with shape {tensor.shape}, not "
                         f"{type(value).__name__}")
    if value.dtype != tensor.dtype:
        raise ValueError(f"{what} '{tensor.name}' has dtype {value.dtype}; "
                         f"the model takes {tensor.dtype}")
    if value.shape != tensor.shape:
        raise ValueError(f"{what} '{tensor.name}' has shape {value.shape}; "
                         f"the model takes {tensor.shape}")
    if not value.flags.c_contiguous:
        raise ValueError(f"{what} '{tensor.name}' is not C-contiguous "
                         "(use numpy.ascontiguousarray)")
    return value


class Model:
    """One graph of a compiled library.

    ``loss_grad`` and ``forward`` take the graph's arguments as keyword
    numpy arrays, or as a dict (for names such as ``seed``): every
    parameter and input, of the declared dtype and shape, C-contiguous;
    none is copied. ``seed`` and ``step`` are the sampling key (step below
    2**32; use a new step for every call in training).
    Score-term baselines (``baseline='moving-average'``) are kept here and
    updated after every ``loss_grad``; with ``instrument_kinks=True`` the
    counts of evaluations at kinks accumulate in ``kink_counts``.
    """

    def __init__(self, library: ctypes.CDLL, info: GraphInfo, path: str):
        self.library = library
        self.info = info
        self.path = path
        self.name = info.graph
        self.args = info.args
        self.params = tuple(a for a in info.args if a.role == "param")
        self.inputs = tuple(a for a in info.args if a.role == "input")
        self.outputs = info.outputs
        self.checks = info.checks
        self.kinks = info.kinks
        self.options = info.options
        self._functions = {}
        for f in info.functions:
            packed = getattr(library, f.name + "_packed")
            packed.restype = ctypes.c_int
            packed.argtypes = [ctypes.c_void_p, ctypes.c_uint64,
                               ctypes.c_uint64]
            self._functions[f.kind] = (f, packed)
        last_error = getattr(library, self.name + "_last_error")
        last_error.restype = ctypes.c_char_p
        last_error.argtypes = []
        self._last_error = last_error
        self.kink_counts = np.zeros(len(info.kinks), np.int64)
        lg = info.function(_info.LOSS_GRAD)
        self.baselines = [np.zeros(t.shape, t.dtype)
                          for t in (lg.args if lg else ())
                          if t.role == "baseline"]

    def __repr__(self):
        args = ", ".join(f"{a.name}: {a.role} {a.dtype}{list(a.shape)}"
                         for a in self.args)
        return f"<sgc.Model {self.name}({args}) from {self.path}>"

    def reset_baselines(self):
        for b in self.baselines:
            b[...] = 0

    def loss_grad(self, args=None, *, seed=0, step=0, grads=None,
                  **arrays):
        """The loss for one draw of the samples and an unbiased estimate of
        the gradient of the expected loss: ``(loss, {param name: array})``.

        ``grads`` may give the output arrays (a dict by parameter name),
        which are then written in place instead of allocated.
        """
        buffers = self._call(_info.LOSS_GRAD, seed, step,
                             {**(args or {}), **arrays}, grads or {})
        f = self._functions[_info.LOSS_GRAD][0]
        grads_out = [v for t, v in zip(f.args, buffers) if t.role == "grad"]
        result = {p.name: g for p, g in zip(self.params, grads_out)}
        new_baselines = [v for t, v in zip(f.args, buffers)
                         if t.role == "new_baseline"]
        for b, new in zip(self.baselines, new_baselines):
            b[...] = new
        return buffers[-1][()], result

    def forward(self, args=None, *, seed=0, step=0, **arrays):
        """``(loss, [outputs...])`` for one draw of the samples: the sum of
        the costs and the values marked with sg.output."""
        buffers = self._call(_info.FORWARD, seed, step,
                             {**(args or {}), **arrays}, {})
        f = self._functions[_info.FORWARD][0]
        outputs = [v for t, v in zip(f.args, buffers) if t.role == "output"]
        return buffers[-1][()], outputs

    def _call(self, kind, seed, step, arrays, given):
        if kind not in self._functions:
            raise ValueError(f"{self.path} has no "
                             f"{'loss_grad' if kind else 'forward'} function "
                             "for this graph (compiled with no_grad?)")
        f, packed = self._functions[kind]
        unknown = set(arrays) - {a.name for a in self.args}
        if unknown:
            raise ValueError(f"{self.name} has no argument "
                             f"'{sorted(unknown)[0]}'; it takes "
                             f"{', '.join(a.name for a in self.args)}")
        unknown = set(given) - {p.name for p in self.params}
        if unknown:
            raise ValueError(f"{self.name} has no parameter "
                             f"'{sorted(unknown)[0]}' to write a gradient of")
        if not 0 <= step < STEP_LIMIT:
            raise ValueError(f"step {step} out of range: it must be below "
                             "2**32 (see SGC_STEP_LIMIT)")
        if not 0 <= seed < 1 << 64:
            raise ValueError(f"seed {seed} is not a 64-bit unsigned integer")
        buffers = []
        next_baseline = 0
        # The i-th gradient is that of the i-th parameter (its C name is
        # d_<name> spelled as a C identifier).
        grad_names = iter(p.name for p in self.params)
        for t in f.args:
            if t.role in ("param", "input"):
                if t.name not in arrays:
                    raise ValueError(f"missing argument '{t.name}' "
                                     f"({t.role}, {t.dtype}{list(t.shape)})")
                buffers.append(_check_array(t, arrays[t.name]))
            elif t.role == "baseline":
                buffers.append(self.baselines[next_baseline])
                next_baseline += 1
            elif t.role == "grad":
                name = next(grad_names)
                buffers.append(_check_array(t, given[name], "gradient")
                               if name in given else
                               np.empty(t.shape, t.dtype))
            else:
                buffers.append(np.empty(t.shape, t.dtype))
        pointers = (ctypes.c_void_p * len(buffers))(
            *(b.ctypes.data for b in buffers))
        code = packed(pointers, seed, step)
        for t, value in zip(f.args, buffers):
            if t.role == "kinks":
                self.kink_counts += value
        if code == ERR_CHECK:
            status = next(int(v) for t, v in zip(f.args, buffers)
                          if t.role == "status")
            raise CheckError(f.name, self.checks[status - 1])
        if code != OK:
            message = (self._last_error() or b"").decode()
            raise SgcError(message or f"{f.name} returned {code}", code)
        return buffers

    def kinks_hit(self):
        """``[(site, count)]`` for every kink evaluated so far."""
        return [(s, int(n)) for s, n in zip(self.kinks, self.kink_counts)
                if n]


def load(path, graph=None) -> Model:
    """Loads a library compiled by sgc. ``graph`` names the graph when the
    library holds more than one."""
    path = os.fspath(path)
    if os.sep not in path:
        # A file name is a file here, not a search of the library path.
        path = os.path.join(os.curdir, path)
    library = ctypes.CDLL(path)
    infos = _info.graphs(library)
    if graph is None:
        if len(infos) != 1:
            raise ValueError(f"{path} holds graphs "
                             f"{', '.join(i.graph for i in infos)}: pass "
                             "graph=<name>")
        return Model(library, infos[0], path)
    for info in infos:
        if info.graph == graph:
            return Model(library, info, path)
    raise ValueError(f"{path} has no graph '{graph}'; it holds "
                     f"{', '.join(i.graph for i in infos)}")
