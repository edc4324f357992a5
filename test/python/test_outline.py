"""sg-outline must not change what a model computes.

A chain much longer than one outlined function (matrix products, tanh, a
reshape round trip, and reparameterized Gaussian samples every few layers,
so views and random streams cross the cuts) is compiled with outlining into
functions of at most 40 operations and without outlining. Loss, gradient and
forward outputs must be bit-identical, not merely close: outlining moves
operations into other functions without reordering them, sgc enables no
fast-math reassociation or FMA contraction, so every floating-point operation
is the same in both libraries, and the samples are keyed by (seed, step,
node, element), not by the function that draws them.
"""

import numpy as np
import pytest

import sgc
from conftest import model_path

LAYERS = 60


def chain_source():
    lines = ["sg.graph @long(%x: tensor<4x4xf32> {sg.input},"
             " %w0: tensor<4x4xf32> {sg.param}, %w1: tensor<4x4xf32> {sg.param},"
             " %b: tensor<4x4xf32> {sg.param}, %s: tensor<4x4xf32> {sg.param}) {",
             "  %sigma = sg.softplus %s : tensor<4x4xf32>"]
    h = "%x"
    for i in range(LAYERS):
        w = f"%w{i % 2}"
        lines.append(f"  %m{i} = sg.matmul {h}, {w} : tensor<4x4xf32>, tensor<4x4xf32>")
        lines.append(f"  %a{i} = sg.add %m{i}, %b : tensor<4x4xf32>")
        lines.append(f"  %t{i} = sg.tanh %a{i} : tensor<4x4xf32>")
        h = f"%t{i}"
        if i % 5 == 2:
            lines.append(f"  %r{i} = sg.reshape {h} : tensor<4x4xf32> -> tensor<2x8xf32>")
            lines.append(f"  %q{i} = sg.reshape %r{i} : tensor<2x8xf32> -> tensor<4x4xf32>")
            lines.append(f"  %z{i} = sg.normal %q{i}, %sigma : tensor<4x4xf32>")
            h = f"%z{i}"
        if i % 10 == 9:
            lines.append(f"  sg.output {h} : tensor<4x4xf32>")
    lines += [f"  %c = sg.sum {h} : tensor<4x4xf32>", "  sg.cost %c : tensor<f32>", "}"]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def libraries(tmp_path_factory, cache):
    folder = tmp_path_factory.mktemp("outline")
    source = folder / "long.mlir"
    source.write_text(chain_source())
    outlined = sgc.compile(str(source), cache=cache, w=True, outline_max_ops=40)
    whole = sgc.compile(str(source), cache=cache, w=True, outline_max_ops=0)
    return outlined, whole


def arrays():
    rng = np.random.default_rng(3)
    return dict(x=rng.standard_normal((4, 4)).astype(np.float32),
                w0=(0.6 * rng.standard_normal((4, 4))).astype(np.float32),
                w1=(0.6 * rng.standard_normal((4, 4))).astype(np.float32),
                b=(0.1 * rng.standard_normal((4, 4))).astype(np.float32),
                s=(rng.standard_normal((4, 4)) - 3).astype(np.float32))


def test_outlined_chain_is_bit_identical(libraries):
    outlined, whole = libraries
    for step in range(3):
        loss_o, grads_o = outlined.loss_grad(arrays(), seed=11, step=step)
        loss_w, grads_w = whole.loss_grad(arrays(), seed=11, step=step)
        assert np.float32(loss_o).tobytes() == np.float32(loss_w).tobytes()
        assert sorted(grads_o) == ["b", "s", "w0", "w1"]
        for name in grads_o:
            assert np.abs(grads_w[name]).max() > 0, name  # a real gradient
            assert grads_o[name].tobytes() == grads_w[name].tobytes(), name
        fwd_o, outs_o = outlined.forward(arrays(), seed=11, step=step)
        fwd_w, outs_w = whole.forward(arrays(), seed=11, step=step)
        assert np.float32(fwd_o).tobytes() == np.float32(fwd_w).tobytes()
        assert len(outs_o) == LAYERS // 10
        for a, b in zip(outs_o, outs_w):
            assert a.tobytes() == b.tobytes()


def test_outlining_happened(libraries, tmp_path):
    """The outlined library really is split (else the test above compares a
    library with itself): its symbol table lists the parts."""
    outlined, whole = libraries
    parts = lambda m: sum(1 for s in open(m.path, "rb").read().split(b"\0")
                          if b"__part" in s)
    assert parts(outlined) > 4
    assert parts(whole) == 0


def test_outlined_vae_is_bit_identical(cache):
    """The VAE cut into functions of about 15 operations (on tensors, before
    fusion: matrix products, sampling, softplus, the Bernoulli log-likelihood
    whose sum is reassociated into vector lanes, the KL term) computes the
    same loss and gradients, bit for bit, as the VAE left whole."""
    source = model_path("examples", "vae", "vae.mlir")
    outlined = sgc.compile(source, graph="vae", cache=cache, w=True,
                           batch_size=4, outline_max_ops=15)
    whole = sgc.compile(source, graph="vae", cache=cache, w=True,
                        batch_size=4, outline_max_ops=0)
    rng = np.random.default_rng(5)
    args = {t.name: (rng.uniform(0, 1, t.shape) if t.role == "input" else
                     0.05 * rng.standard_normal(t.shape)).astype(t.dtype)
            for t in whole.args}
    loss_o, grads_o = outlined.loss_grad(args, seed=2, step=1)
    loss_w, grads_w = whole.loss_grad(args, seed=2, step=1)
    assert np.isfinite(loss_w) and loss_w > 0
    assert np.float32(loss_o).tobytes() == np.float32(loss_w).tobytes()
    assert sorted(grads_o) == sorted(grads_w)
    for name in grads_w:
        assert np.abs(grads_w[name]).max() > 0, name
        assert grads_o[name].tobytes() == grads_w[name].tobytes(), name
