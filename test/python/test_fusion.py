"""Bounded elementwise fusion (sg-fuse-elementwise) must not change what a
model computes.

In a chain of 48 layers that all add the same bias, the bias's gradient is
a sum of 48 terms, which fusion would build into one op of about 50 operands
and sgc's bound (16 operands) cuts into several. The library compiled with
fusion and the one compiled without (--no-fuse) must agree bit for bit:
fusion only moves each element's operations into fewer loops, in the same
order, and sgc enables no FMA contraction. (sg-reassociate-sums lets LLVM
split sums into vector lanes; the one sum here, the cost, reads a tanh that
the gradient also reads, so it is fused into neither library.)
"""

import numpy as np
import pytest

import sgc

LAYERS = 48


def chain_source():
    lines = ["sg.graph @bias(%x: tensor<4x4xf32> {sg.input},"
             " %w: tensor<4x4xf32> {sg.param}, %b: tensor<4x4xf32> {sg.param}) {"]
    h = "%x"
    for i in range(LAYERS):
        lines.append(f"  %m{i} = sg.mul {h}, %w : tensor<4x4xf32>")
        lines.append(f"  %a{i} = sg.add %m{i}, %b : tensor<4x4xf32>")
        lines.append(f"  %t{i} = sg.tanh %a{i} : tensor<4x4xf32>")
        h = f"%t{i}"
    lines += [f"  %c = sg.sum {h} : tensor<4x4xf32>", "  sg.cost %c : tensor<f32>", "}"]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def libraries(tmp_path_factory, cache):
    folder = tmp_path_factory.mktemp("fusion")
    source = folder / "bias.mlir"
    source.write_text(chain_source())
    fused = sgc.compile(str(source), cache=cache, w=True)
    unfused = sgc.compile(str(source), cache=cache, w=True, no_fuse=True)
    return fused, unfused


def test_bounded_fusion_is_bit_identical(libraries):
    fused, unfused = libraries
    rng = np.random.default_rng(5)
    args = dict(x=rng.standard_normal((4, 4)).astype(np.float32),
                w=(0.9 + 0.1 * rng.standard_normal((4, 4))).astype(np.float32),
                b=(0.1 * rng.standard_normal((4, 4))).astype(np.float32))
    loss_f, grads_f = fused.loss_grad(args, seed=1, step=0)
    loss_u, grads_u = unfused.loss_grad(args, seed=1, step=0)
    assert np.float32(loss_f).tobytes() == np.float32(loss_u).tobytes()
    assert sorted(grads_f) == ["b", "w"]
    for name in grads_f:
        assert np.abs(grads_u[name]).max() > 0, name  # a real gradient
        assert grads_f[name].tobytes() == grads_u[name].tobytes(), name
