"""The runtime's optimizers (sg_runtime.h) on numpy arrays, in place.

They call ``sg_adam_step_f32/f64`` and ``sg_sgd_step_f32/f64`` of the shared
runtime ``libsg_runtime.so`` (installed next to the archive), so a Python
training loop updates parameters exactly as a C app linking the runtime.
"""

import ctypes
import os

import numpy as np

_runtime = None


class _AdamConfig(ctypes.Structure):
    _fields_ = [("alpha", ctypes.c_double), ("beta1", ctypes.c_double),
                ("beta2", ctypes.c_double), ("eps", ctypes.c_double),
                ("grad_scale", ctypes.c_double)]


def find_runtime():
    """$SGC_RUNTIME, else libsg_runtime.so in <sgc's prefix>/lib."""
    if os.environ.get("SGC_RUNTIME"):
        return os.environ["SGC_RUNTIME"]
    from .compiler import find_sgc
    return os.path.join(os.path.dirname(find_sgc()), os.pardir, "lib",
                        "libsg_runtime.so")


def runtime():
    """The shared runtime (a ctypes.CDLL), loaded on first use."""
    global _runtime
    if _runtime is None:
        lib = ctypes.CDLL(os.path.abspath(find_runtime()))
        for t, c in (("f32", ctypes.c_float), ("f64", ctypes.c_double)):
            p = ctypes.c_void_p
            adam = getattr(lib, f"sg_adam_step_{t}")
            adam.restype = ctypes.c_int
            adam.argtypes = [p, p, p, p, ctypes.c_uint64, ctypes.c_uint64,
                             ctypes.POINTER(_AdamConfig)]
            sgd = getattr(lib, f"sg_sgd_step_{t}")
            sgd.restype = ctypes.c_int
            sgd.argtypes = [p, p, ctypes.c_uint64, c]
        lib.sg_last_error.restype = ctypes.c_char_p
        _runtime = lib
    return _runtime


def _suffix(name, w, g):
    if not isinstance(w, np.ndarray) or not isinstance(g, np.ndarray):
        raise ValueError(f"'{name}': parameters and gradients must be numpy "
                         "arrays")
    if w.dtype not in (np.float32, np.float64) or g.dtype != w.dtype:
        raise ValueError(f"'{name}': parameter {w.dtype} and gradient "
                         f"{g.dtype} must both be float32 or both float64")
    if w.shape != g.shape:
        raise ValueError(f"'{name}': parameter shape {w.shape} and gradient "
                         f"shape {g.shape} differ")
    if not (w.flags.c_contiguous and w.flags.writeable
            and g.flags.c_contiguous):
        raise ValueError(f"'{name}': arrays must be C-contiguous and the "
                         "parameter writable")
    return "f32" if w.dtype == np.float32 else "f64"


def _check(code, name):
    if code != 0:
        message = (runtime().sg_last_error() or b"").decode()
        raise RuntimeError(f"'{name}': {message or f'error {code}'}")


class SGD:
    """w -= lr * g (``sg_sgd_step``) for every parameter in a dict."""

    def __init__(self, params, lr):
        self.params = params
        self.lr = lr

    def step(self, grads):
        for name, g in grads.items():
            w = self.params[name]
            t = _suffix(name, w, g)
            fn = getattr(runtime(), f"sg_sgd_step_{t}")
            _check(fn(w.ctypes.data, g.ctypes.data, w.size, self.lr), name)


class Adam:
    """Certigrad's Adam (``sg_adam_step``), moments kept per parameter.

    ``grad_scale`` multiplies the gradient first (e.g. 1 / batch size).
    """

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8,
                 grad_scale=1.0):
        self.params = params
        self.config = _AdamConfig(lr, betas[0], betas[1], eps, grad_scale)
        self.moments = {n: (np.zeros_like(w), np.zeros_like(w))
                        for n, w in params.items()}
        self.t = 0

    def step(self, grads):
        self.t += 1
        for name, g in grads.items():
            w = self.params[name]
            m, v = self.moments[name]
            t = _suffix(name, w, g)
            fn = getattr(runtime(), f"sg_adam_step_{t}")
            _check(fn(w.ctypes.data, g.ctypes.data, m.ctypes.data,
                      v.ctypes.data, w.size, self.t,
                      ctypes.byref(self.config)), name)
