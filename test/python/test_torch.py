"""The PyTorch bridge: a compiled graph inside a torch model and optimizer."""

import numpy as np
import pytest

import sgc
from test_model import tiny_arrays

torch = pytest.importorskip("torch")


def test_backward_returns_the_compiled_gradient(tiny_app):
    m = sgc.load(tiny_app[1])
    F = sgc.torch.function(m)
    arrays = tiny_arrays()
    x, y = (torch.from_numpy(arrays[k]) for k in ("x", "y"))
    v = torch.tensor(arrays["w"] / 3, requires_grad=True)
    w = v * 3  # the graph's parameter computed by torch
    loss = 2 * F.apply(5, 9, x, w, y)
    loss.backward()
    expected_loss, grads = m.loss_grad(seed=5, step=9, x=arrays["x"],
                                       w=w.detach().numpy().copy(),
                                       y=arrays["y"])
    assert loss.item() == pytest.approx(2 * float(expected_loss), rel=1e-7)
    # Chain rule through torch: dv = 3 * 2 * (the compiled gradient).
    np.testing.assert_array_equal(v.grad.numpy(),
                                  grads["w"] * np.float32(2) * np.float32(3))


def test_wrong_tensors_are_rejected(tiny_app):
    F = sgc.torch.function(sgc.load(tiny_app[1]))
    arrays = tiny_arrays()
    x, w, y = (torch.from_numpy(arrays[k]) for k in ("x", "w", "y"))
    with pytest.raises(ValueError, match="takes 3 tensors"):
        F.apply(0, 0, x, w)
    with pytest.raises(ValueError, match="argument 'w' has dtype float64"):
        F.apply(0, 0, x, w.double(), y)


def test_training_through_torch_matches_the_c_app(tiny_app, tmp_path):
    app, lib = tiny_app
    m = sgc.load(lib)
    F = sgc.torch.function(m)
    arrays = tiny_arrays(np.random.default_rng(3))
    seed, steps, lr = 12345, 40, 0.01
    data = tmp_path / "in.bin"
    data.write_bytes(b"".join(arrays[k].tobytes() for k in ("x", "w", "y")))
    out = tmp_path / "w.bin"
    import subprocess
    subprocess.run([app, "train", str(data), str(out), str(seed), str(steps),
                    str(lr)], check=True)
    c_w = np.frombuffer(out.read_bytes(), np.float32).reshape(4, 2)

    x, y = torch.from_numpy(arrays["x"]), torch.from_numpy(arrays["y"])
    w = torch.nn.Parameter(torch.from_numpy(arrays["w"].copy()))
    opt = torch.optim.SGD([w], lr=lr)
    losses = []
    for step in range(steps):
        opt.zero_grad()
        loss = F.apply(seed, step, x, w, y)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    assert not np.array_equal(w.detach().numpy(), arrays["w"])
    # Same seeds and steps: the same samples and gradients; the updates may
    # differ in rounding (torch's SGD kernel against the runtime's loop).
    np.testing.assert_allclose(w.detach().numpy(), c_w, rtol=1e-5, atol=1e-6)
    assert np.mean(losses[-10:]) < np.mean(losses[:10])
