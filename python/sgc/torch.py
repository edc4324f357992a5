"""The PyTorch bridge: a compiled stochastic graph as an autograd Function.

    F = sgc.torch.function(model)
    loss = F.apply(seed, step, *tensors)   # every graph argument, in order
    loss.backward()                        # parameters get the compiled
                                           # unbiased gradient estimate

so the graph can sit inside a PyTorch model and be trained by any
torch.optim optimizer. Tensors must be CPU tensors of the model's dtype and
shape, contiguous; they are passed to the library without copies.
"""

import torch

from .model import Model


def function(model: Model):
    """A ``torch.autograd.Function`` computing ``model``'s loss for the key
    ``(seed, step)``; its backward returns the compiled unbiased gradient
    (times the incoming gradient) for every parameter and None for inputs.
    """

    class Function(torch.autograd.Function):
        @staticmethod
        def forward(ctx, seed, step, *tensors):
            if len(tensors) != len(model.args):
                names = ", ".join(a.name for a in model.args)
                raise ValueError(f"{model.name} takes {len(model.args)} "
                                 f"tensors ({names}), got {len(tensors)}")
            arrays = {}
            for a, t in zip(model.args, tensors):
                if not isinstance(t, torch.Tensor) or t.device.type != "cpu":
                    raise ValueError(f"argument '{a.name}' must be a CPU "
                                     "torch.Tensor")
                arrays[a.name] = t.detach().numpy()
            loss, grads = model.loss_grad(arrays, seed=int(seed),
                                          step=int(step))
            ctx.grads = [torch.from_numpy(grads[a.name])
                         if a.role == "param" else None for a in model.args]
            return torch.tensor(loss)

        @staticmethod
        def backward(ctx, grad_loss):
            return (None, None, *(None if g is None else g * grad_loss
                                  for g in ctx.grads))

    Function.__name__ = Function.__qualname__ = f"{model.name}_loss"
    return Function
