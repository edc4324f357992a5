"""sgc from Python: compile stochastic computation graphs and call them on
numpy arrays.

    import sgc
    m = sgc.compile("model.mlir", batch_size=16)    # or sgc.load("model.so")
    loss, grads = m.loss_grad(seed=1, step=0, x=x, w=w)
    opt = sgc.Adam({"w": w}, lr=1e-3); opt.step(grads)

``sgc.torch.function(m)`` (imported on first use) bridges to PyTorch.
"""

import importlib

from ._info import GraphInfo, Site, Tensor
from .compiler import CompileError, compile, find_sgc
from .model import CheckError, Model, SgcError, load
from .optim import SGD, Adam

__all__ = ["compile", "load", "Model", "CheckError", "CompileError",
           "SgcError", "Adam", "SGD", "GraphInfo", "Site", "Tensor",
           "find_sgc"]


def __getattr__(name):
    # `sgc.torch` without importing torch for users who do not need it.
    if name == "torch":
        return importlib.import_module(".torch", __name__)
    raise AttributeError(f"module 'sgc' has no attribute '{name}'")
