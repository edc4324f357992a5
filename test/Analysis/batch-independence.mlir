// RUN: sg-opt %s -split-input-file --sg-test-batch-independence | FileCheck %s

// Tests what the analysis proves: a Bernoulli layer of a batch (4 rows)
// feeds a batch-major matmul, bias_add, softmaxes, reductions along the
// other axis and the summed losses; every cost is a sum of per-row terms,
// also through scalar +, −, scaling and a product with a sample-independent
// scalar. A second sample drawn from row-aligned probabilities has rows too.
// CHECK-LABEL: sg.graph @proves(
// CHECK: sg.bernoulli {{.*}}sg.rows = ["s0: sample, 4 rows"]
// CHECK: sg.matmul {{.*}}sg.rows = ["s0: rows"]
// CHECK: sg.bias_add {{.*}}sg.rows = ["s0: rows"]
// CHECK: sg.softmax {{.*}}sg.rows = ["s0: rows"]
// CHECK: sg.log_softmax {{.*}}sg.rows = ["s0: rows"]
// CHECK: sg.reduce_sum {{.*}}sg.rows = ["s0: rows"]
// CHECK: sg.sum {{.*}}sg.rows = ["s0: row-sum"]
// CHECK: sg.cost {{.*}}sg.rows = ["s0: row-sum"]
// CHECK: sg.sigmoid {{.*}}sg.rows = ["s0: rows"]
// CHECK: sg.bernoulli_neglogpdf {{.*}}sg.rows = ["s0: row-sum"]
// CHECK: sg.softmax_cross_entropy {{.*}}sg.rows = ["s0: row-sum"]
// CHECK: sg.add {{.*}}sg.rows = ["s0: row-sum"]
// CHECK: sg.sub {{.*}}sg.rows = ["s0: row-sum"]
// CHECK: sg.scale {{.*}}sg.rows = ["s0: row-sum"]
// CHECK: sg.mul {{.*}}sg.rows = ["s0: row-sum"]
// CHECK: sg.cost {{.*}}sg.rows = ["s0: row-sum"]
// CHECK: sg.broadcast {{.*}}sg.rows = ["s0: rows"]
// CHECK: sg.bernoulli {{.*}}sg.rows = ["s0: rows", "s1: sample, 4 rows"]
// CHECK: sg.reduce_sum {{.*}}sg.rows = ["s0: row-sum", "s1: row-sum"]
sg.graph @proves(%x: tensor<4x3xf32> {sg.input}, %w: tensor<3x2xf32> {sg.param},
                 %v: tensor<2x5xf32> {sg.param}, %c: tensor<5xf32> {sg.param},
                 %y: tensor<4x5xf32> {sg.input}) {
  %a = sg.matmul %x, %w : tensor<4x3xf32>, tensor<3x2xf32>
  %p = sg.sigmoid %a : tensor<4x2xf32>
  %z = sg.bernoulli %p : tensor<4x2xf32>
  %h = sg.matmul %z, %v : tensor<4x2xf32>, tensor<2x5xf32>
  %hb = sg.bias_add %h, %c : tensor<4x5xf32>, tensor<5xf32>
  %s = sg.softmax %hb : tensor<4x5xf32>
  %ls = sg.log_softmax %s : tensor<4x5xf32>
  %r = sg.reduce_sum %ls [1] : tensor<4x5xf32>
  %c1 = sg.sum %r : tensor<4xf32>
  sg.cost %c1 : tensor<f32>
  %q = sg.sigmoid %hb : tensor<4x5xf32>
  %nll = sg.bernoulli_neglogpdf %q, %y : tensor<4x5xf32>
  %ce = sg.softmax_cross_entropy %hb, %y : tensor<4x5xf32>
  %both = sg.add %nll, %ce : tensor<f32>
  %wsum = sg.sum %w : tensor<3x2xf32>
  %less = sg.sub %both, %wsum : tensor<f32>
  %half = sg.scale %less, 0.5 : tensor<f32>
  %weighted = sg.mul %wsum, %half : tensor<f32>
  sg.cost %weighted : tensor<f32>
  %col = sg.reduce_sum %z [1] : tensor<4x2xf32>
  %pp = sg.broadcast %col [0] : tensor<4xf32> -> tensor<4x2xf32>
  %q2 = sg.sigmoid %pp : tensor<4x2xf32>
  %z2 = sg.bernoulli %q2 : tensor<4x2xf32>
  %all = sg.reduce_sum %z2 [0, 1] : tensor<4x2xf32>
  sg.cost %all : tensor<f32>
}

// -----

// Tests where the analysis stops, each time naming the op that mixed the
// rows: a transpose, a matmul contracting the rows (transpose_lhs) or with
// the sample on the right, a reduction over rows that stays a tensor, a
// broadcast that puts the rows on another axis, a bias depending on the
// sample replicated over rows, a nonlinear function of a per-row sum, and
// a product of two such sums.
// CHECK-LABEL: sg.graph @stops(
// CHECK: sg.transpose {{.*}}sg.rows = ["s0: mixed by sg.transpose"]
// CHECK: sg.sum {{.*}}sg.rows = ["s0: mixed by sg.transpose"]
// CHECK: sg.matmul {{.*}}sg.rows = ["s0: mixed by sg.matmul"]
// CHECK: sg.matmul {{.*}}sg.rows = ["s0: mixed by sg.matmul"]
// CHECK: sg.reduce_sum {{.*}}sg.rows = ["s0: mixed by sg.reduce_sum"]
// CHECK: sg.reduce_sum {{.*}}sg.rows = ["s0: rows"]
// CHECK: sg.broadcast {{.*}}sg.rows = ["s0: mixed by sg.broadcast"]
// CHECK: sg.bias_add {{.*}}sg.rows = ["s0: mixed by sg.bias_add"]
// CHECK: sg.sum {{.*}}sg.rows = ["s0: row-sum"]
// CHECK: sg.exp {{.*}}sg.rows = ["s0: mixed by sg.exp"]
// CHECK: sg.cost {{.*}}sg.rows = ["s0: mixed by sg.exp"]
// CHECK: sg.mul {{.*}}sg.rows = ["s0: mixed by sg.mul"]
sg.graph @stops(%t: tensor<4x2xf32> {sg.param}, %m: tensor<3x4xf32> {sg.input},
                %b: tensor<2xf32> {sg.param}) {
  %p = sg.sigmoid %t : tensor<4x2xf32>
  %z = sg.bernoulli %p : tensor<4x2xf32>
  %zt = sg.transpose %z [1, 0] : tensor<4x2xf32>
  %c1 = sg.sum %zt : tensor<2x4xf32>
  sg.cost %c1 : tensor<f32>
  %g = sg.matmul %z, %t {transpose_lhs} : tensor<4x2xf32>, tensor<4x2xf32>
  %mz = sg.matmul %m, %z : tensor<3x4xf32>, tensor<4x2xf32>
  %cols = sg.reduce_sum %z [0] : tensor<4x2xf32>
  %perrow = sg.reduce_sum %z [1] : tensor<4x2xf32>
  %wide = sg.broadcast %perrow [1] : tensor<4xf32> -> tensor<2x4xf32>
  %bias = sg.bias_add %m, %perrow : tensor<3x4xf32>, tensor<4xf32>
  %s = sg.sum %z : tensor<4x2xf32>
  %e = sg.exp %s : tensor<f32>
  sg.cost %e : tensor<f32>
  %sq = sg.mul %s, %s : tensor<f32>
  sg.cost %sq : tensor<f32>
}

// -----

// Tests samples without rows: a 0-d sample, and the softmax of a rank-1
// sample (its only axis is the one the softmax couples).
// CHECK-LABEL: sg.graph @no_rows(
// CHECK: sg.bernoulli {{.*}}sg.rows = ["s0: no rows, its value has no leading (row) axis"]
// CHECK: sg.bernoulli {{.*}}sg.rows = ["s1: sample, 3 rows"]
// CHECK: sg.softmax {{.*}}sg.rows = ["s1: mixed by sg.softmax"]
sg.graph @no_rows(%t: tensor<f32> {sg.param}, %u: tensor<3xf32> {sg.param}) {
  %p = sg.sigmoid %t : tensor<f32>
  %z = sg.bernoulli %p : tensor<f32>
  sg.cost %z : tensor<f32>
  %q = sg.sigmoid %u : tensor<3xf32>
  %y = sg.bernoulli %q : tensor<3xf32>
  %s = sg.softmax %y : tensor<3xf32>
  %c = sg.sum %s : tensor<3xf32>
  sg.cost %c : tensor<f32>
}

// -----

// Tests the shape ops that keep rows apart: slices spanning every row,
// concatenation along another axis (with a sample-independent operand),
// a reshape keeping the leading axis, means along other axes, and the mean
// over everything, which is a per-row sum (each row's terms / 8).
// CHECK-LABEL: sg.graph @shapes(
// CHECK: sg.slice {{.*}}sg.rows = ["s0: rows"]
// CHECK: sg.slice {{.*}}sg.rows = ["s0: rows"]
// CHECK: sg.concat {{.*}}sg.rows = ["s0: rows"]
// CHECK: sg.reshape {{.*}}sg.rows = ["s0: rows"]
// CHECK: sg.mean {{.*}}sg.rows = ["s0: rows"]
// CHECK: sg.mean {{.*}}sg.rows = ["s0: row-sum"]
// CHECK: sg.cost {{.*}}sg.rows = ["s0: row-sum"]
// CHECK: sg.mean {{.*}}sg.rows = ["s0: row-sum"]
// CHECK: sg.cost {{.*}}sg.rows = ["s0: row-sum"]
sg.graph @shapes(%t: tensor<4x2xf32> {sg.param}, %x: tensor<4x1xf32> {sg.input}) {
  %p = sg.sigmoid %t : tensor<4x2xf32>
  %z = sg.bernoulli %p : tensor<4x2xf32>
  %a = sg.slice %z [0, 0] : tensor<4x2xf32> -> tensor<4x1xf32>
  %b = sg.slice %z [0, 1] : tensor<4x2xf32> -> tensor<4x1xf32>
  %ba = sg.concat %b, %x, %a axis 1 : tensor<4x1xf32>, tensor<4x1xf32>, tensor<4x1xf32>
  %r = sg.reshape %ba : tensor<4x3xf32> -> tensor<4x3x1xf32>
  %m = sg.mean %r [1, 2] : tensor<4x3x1xf32>
  %all = sg.mean %m [0] : tensor<4xf32>
  sg.cost %all : tensor<f32>
  %whole = sg.mean %z [0, 1] : tensor<4x2xf32>
  sg.cost %whole : tensor<f32>
}

// -----

// Tests where the shape ops stop: a slice of some rows, a concatenation
// along the rows, a reshape that changes the leading axis, and a mean over
// the rows that stays a tensor.
// CHECK-LABEL: sg.graph @shapes_stop(
// CHECK: sg.slice {{.*}}sg.rows = ["s0: mixed by sg.slice"]
// CHECK: sg.slice {{.*}}sg.rows = ["s0: mixed by sg.slice"]
// CHECK: sg.concat {{.*}}sg.rows = ["s0: mixed by sg.concat"]
// CHECK: sg.reshape {{.*}}sg.rows = ["s0: mixed by sg.reshape"]
// CHECK: sg.reshape {{.*}}sg.rows = ["s0: mixed by sg.reshape"]
// CHECK: sg.mean {{.*}}sg.rows = ["s0: mixed by sg.mean"]
// CHECK: sg.cost {{.*}}sg.rows = ["s0: mixed by sg.mean"]
sg.graph @shapes_stop(%t: tensor<4x2xf32> {sg.param}) {
  %p = sg.sigmoid %t : tensor<4x2xf32>
  %z = sg.bernoulli %p : tensor<4x2xf32>
  %top = sg.slice %z [0, 0] : tensor<4x2xf32> -> tensor<2x2xf32>
  %shift = sg.slice %z [1, 0] : tensor<4x2xf32> -> tensor<3x2xf32>
  %stack = sg.concat %z, %z axis 0 : tensor<4x2xf32>, tensor<4x2xf32>
  %flat = sg.reshape %z : tensor<4x2xf32> -> tensor<8xf32>
  %regroup = sg.reshape %z : tensor<4x2xf32> -> tensor<2x4xf32>
  %cols = sg.mean %z [0] : tensor<4x2xf32>
  %c = sg.sum %cols : tensor<2xf32>
  sg.cost %c : tensor<f32>
}
