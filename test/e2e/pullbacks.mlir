// Finite-difference test models: one graph per deterministic op, f64, with
// cost ½ Σ r² of the op's result r (so the cotangent reaching the op, r, is
// not uniform). test/e2e/GradientTest.cpp compares each compiled gradient
// with central differences of the compiled forward function.

sg.graph @fd_neg(%a: tensor<4x5xf64> {sg.param}) {
  %r = sg.neg %a : tensor<4x5xf64>
  %sq = sg.mul %r, %r : tensor<4x5xf64>
  %total = sg.sum %sq : tensor<4x5xf64>
  %cost = sg.scale %total, 0.5 : tensor<f64>
  sg.cost %cost : tensor<f64>
}

sg.graph @fd_exp(%a: tensor<4x5xf64> {sg.param}) {
  %r = sg.exp %a : tensor<4x5xf64>
  %sq = sg.mul %r, %r : tensor<4x5xf64>
  %total = sg.sum %sq : tensor<4x5xf64>
  %cost = sg.scale %total, 0.5 : tensor<f64>
  sg.cost %cost : tensor<f64>
}

sg.graph @fd_log(%a: tensor<4x5xf64> {sg.param}) {
  %r = sg.log %a : tensor<4x5xf64>
  %sq = sg.mul %r, %r : tensor<4x5xf64>
  %total = sg.sum %sq : tensor<4x5xf64>
  %cost = sg.scale %total, 0.5 : tensor<f64>
  sg.cost %cost : tensor<f64>
}

sg.graph @fd_sqrt(%a: tensor<4x5xf64> {sg.param}) {
  %r = sg.sqrt %a : tensor<4x5xf64>
  %sq = sg.mul %r, %r : tensor<4x5xf64>
  %total = sg.sum %sq : tensor<4x5xf64>
  %cost = sg.scale %total, 0.5 : tensor<f64>
  sg.cost %cost : tensor<f64>
}

sg.graph @fd_sigmoid(%a: tensor<4x5xf64> {sg.param}) {
  %r = sg.sigmoid %a : tensor<4x5xf64>
  %sq = sg.mul %r, %r : tensor<4x5xf64>
  %total = sg.sum %sq : tensor<4x5xf64>
  %cost = sg.scale %total, 0.5 : tensor<f64>
  sg.cost %cost : tensor<f64>
}

sg.graph @fd_softplus(%a: tensor<4x5xf64> {sg.param}) {
  %r = sg.softplus %a : tensor<4x5xf64>
  %sq = sg.mul %r, %r : tensor<4x5xf64>
  %total = sg.sum %sq : tensor<4x5xf64>
  %cost = sg.scale %total, 0.5 : tensor<f64>
  sg.cost %cost : tensor<f64>
}

sg.graph @fd_tanh(%a: tensor<4x5xf64> {sg.param}) {
  %r = sg.tanh %a : tensor<4x5xf64>
  %sq = sg.mul %r, %r : tensor<4x5xf64>
  %total = sg.sum %sq : tensor<4x5xf64>
  %cost = sg.scale %total, 0.5 : tensor<f64>
  sg.cost %cost : tensor<f64>
}

sg.graph @fd_relu(%a: tensor<4x5xf64> {sg.param}) {
  %r = sg.relu %a : tensor<4x5xf64>
  %sq = sg.mul %r, %r : tensor<4x5xf64>
  %total = sg.sum %sq : tensor<4x5xf64>
  %cost = sg.scale %total, 0.5 : tensor<f64>
  sg.cost %cost : tensor<f64>
}

sg.graph @fd_heaviside(%a: tensor<4x5xf64> {sg.param}) {
  %r = sg.heaviside %a : tensor<4x5xf64>
  %sq = sg.mul %r, %r : tensor<4x5xf64>
  %total = sg.sum %sq : tensor<4x5xf64>
  %cost = sg.scale %total, 0.5 : tensor<f64>
  sg.cost %cost : tensor<f64>
}

sg.graph @fd_softmax(%a: tensor<4x5xf64> {sg.param}) {
  %r = sg.softmax %a : tensor<4x5xf64>
  %sq = sg.mul %r, %r : tensor<4x5xf64>
  %total = sg.sum %sq : tensor<4x5xf64>
  %cost = sg.scale %total, 0.5 : tensor<f64>
  sg.cost %cost : tensor<f64>
}

sg.graph @fd_log_softmax(%a: tensor<4x5xf64> {sg.param}) {
  %r = sg.log_softmax %a : tensor<4x5xf64>
  %sq = sg.mul %r, %r : tensor<4x5xf64>
  %total = sg.sum %sq : tensor<4x5xf64>
  %cost = sg.scale %total, 0.5 : tensor<f64>
  sg.cost %cost : tensor<f64>
}

sg.graph @fd_scale(%a: tensor<4x5xf64> {sg.param}) {
  %r = sg.scale %a, 2.5 : tensor<4x5xf64>
  %sq = sg.mul %r, %r : tensor<4x5xf64>
  %total = sg.sum %sq : tensor<4x5xf64>
  %cost = sg.scale %total, 0.5 : tensor<f64>
  sg.cost %cost : tensor<f64>
}

sg.graph @fd_add(%a: tensor<4x5xf64> {sg.param}, %b: tensor<4x5xf64> {sg.param}) {
  %r = sg.add %a, %b : tensor<4x5xf64>
  %sq = sg.mul %r, %r : tensor<4x5xf64>
  %total = sg.sum %sq : tensor<4x5xf64>
  %cost = sg.scale %total, 0.5 : tensor<f64>
  sg.cost %cost : tensor<f64>
}

sg.graph @fd_sub(%a: tensor<4x5xf64> {sg.param}, %b: tensor<4x5xf64> {sg.param}) {
  %r = sg.sub %a, %b : tensor<4x5xf64>
  %sq = sg.mul %r, %r : tensor<4x5xf64>
  %total = sg.sum %sq : tensor<4x5xf64>
  %cost = sg.scale %total, 0.5 : tensor<f64>
  sg.cost %cost : tensor<f64>
}

sg.graph @fd_mul(%a: tensor<4x5xf64> {sg.param}, %b: tensor<4x5xf64> {sg.param}) {
  %r = sg.mul %a, %b : tensor<4x5xf64>
  %sq = sg.mul %r, %r : tensor<4x5xf64>
  %total = sg.sum %sq : tensor<4x5xf64>
  %cost = sg.scale %total, 0.5 : tensor<f64>
  sg.cost %cost : tensor<f64>
}

sg.graph @fd_div(%a: tensor<4x5xf64> {sg.param}, %b: tensor<4x5xf64> {sg.param}) {
  %r = sg.div %a, %b : tensor<4x5xf64>
  %sq = sg.mul %r, %r : tensor<4x5xf64>
  %total = sg.sum %sq : tensor<4x5xf64>
  %cost = sg.scale %total, 0.5 : tensor<f64>
  sg.cost %cost : tensor<f64>
}

sg.graph @fd_maximum(%a: tensor<4x5xf64> {sg.param}, %b: tensor<4x5xf64> {sg.param}) {
  %r = sg.maximum %a, %b : tensor<4x5xf64>
  %sq = sg.mul %r, %r : tensor<4x5xf64>
  %total = sg.sum %sq : tensor<4x5xf64>
  %cost = sg.scale %total, 0.5 : tensor<f64>
  sg.cost %cost : tensor<f64>
}

sg.graph @fd_mul_add(%a: tensor<4x5xf64> {sg.param}, %b: tensor<4x5xf64> {sg.param}, %c: tensor<4x5xf64> {sg.param}) {
  %r = sg.mul_add %a, %b, %c : tensor<4x5xf64>
  %sq = sg.mul %r, %r : tensor<4x5xf64>
  %total = sg.sum %sq : tensor<4x5xf64>
  %cost = sg.scale %total, 0.5 : tensor<f64>
  sg.cost %cost : tensor<f64>
}

sg.graph @fd_constant(%a: tensor<4x5xf64> {sg.param}) {
  %k = sg.constant dense<[[1.0, -2.0, 3.0, -4.0, 5.0], [0.5, 0.25, -1.5, 2.0, 1.0], [3.0, 1.0, -1.0, 2.0, -2.0], [1.5, -0.5, 0.75, 1.25, -3.0]]> : tensor<4x5xf64>
  %r = sg.mul %k, %a : tensor<4x5xf64>
  %sq = sg.mul %r, %r : tensor<4x5xf64>
  %total = sg.sum %sq : tensor<4x5xf64>
  %cost = sg.scale %total, 0.5 : tensor<f64>
  sg.cost %cost : tensor<f64>
}

sg.graph @fd_sum(%a: tensor<4x5xf64> {sg.param}) {
  %s0 = sg.sum %a : tensor<4x5xf64>
  %r = sg.mul %s0, %s0 : tensor<f64>
  %sq = sg.mul %r, %r : tensor<f64>
  %total = sg.sum %sq : tensor<f64>
  %cost = sg.scale %total, 0.5 : tensor<f64>
  sg.cost %cost : tensor<f64>
}

sg.graph @fd_reduce_sum_0(%a: tensor<4x5xf64> {sg.param}) {
  %r = sg.reduce_sum %a [0] : tensor<4x5xf64>
  %sq = sg.mul %r, %r : tensor<5xf64>
  %total = sg.sum %sq : tensor<5xf64>
  %cost = sg.scale %total, 0.5 : tensor<f64>
  sg.cost %cost : tensor<f64>
}

sg.graph @fd_reduce_sum_1(%a: tensor<4x5xf64> {sg.param}) {
  %r = sg.reduce_sum %a [1] : tensor<4x5xf64>
  %sq = sg.mul %r, %r : tensor<4xf64>
  %total = sg.sum %sq : tensor<4xf64>
  %cost = sg.scale %total, 0.5 : tensor<f64>
  sg.cost %cost : tensor<f64>
}

sg.graph @fd_broadcast(%a: tensor<4x5xf64> {sg.param}) {
  %v = sg.reduce_sum %a [1] : tensor<4x5xf64>
  %r = sg.broadcast %v [0] : tensor<4xf64> -> tensor<4x5x3xf64>
  %sq = sg.mul %r, %r : tensor<4x5x3xf64>
  %total = sg.sum %sq : tensor<4x5x3xf64>
  %cost = sg.scale %total, 0.5 : tensor<f64>
  sg.cost %cost : tensor<f64>
}

sg.graph @fd_broadcast_scalar(%a: tensor<4x5xf64> {sg.param}) {
  %v = sg.sum %a : tensor<4x5xf64>
  %r = sg.broadcast %v [] : tensor<f64> -> tensor<2x3xf64>
  %sq = sg.mul %r, %r : tensor<2x3xf64>
  %total = sg.sum %sq : tensor<2x3xf64>
  %cost = sg.scale %total, 0.5 : tensor<f64>
  sg.cost %cost : tensor<f64>
}

sg.graph @fd_bias_add(%a: tensor<4x5xf64> {sg.param}, %b: tensor<4x5xf64> {sg.param}) {
  %bias = sg.reduce_sum %b [0] : tensor<4x5xf64>
  %h = sg.bias_add %a, %bias : tensor<4x5xf64>, tensor<5xf64>
  %r = sg.tanh %h : tensor<4x5xf64>
  %sq = sg.mul %r, %r : tensor<4x5xf64>
  %total = sg.sum %sq : tensor<4x5xf64>
  %cost = sg.scale %total, 0.5 : tensor<f64>
  sg.cost %cost : tensor<f64>
}

sg.graph @fd_transpose(%a: tensor<4x5xf64> {sg.param}) {
  %t = sg.transpose %a [1, 0] : tensor<4x5xf64>
  %r = sg.mul %t, %t : tensor<5x4xf64>
  %sq = sg.mul %r, %r : tensor<5x4xf64>
  %total = sg.sum %sq : tensor<5x4xf64>
  %cost = sg.scale %total, 0.5 : tensor<f64>
  sg.cost %cost : tensor<f64>
}

sg.graph @fd_matmul(%a: tensor<4x5xf64> {sg.param}, %b: tensor<4x5xf64> {sg.param}) {
  %bt = sg.transpose %b [1, 0] : tensor<4x5xf64>
  %r = sg.matmul %a, %bt : tensor<4x5xf64>, tensor<5x4xf64>
  %sq = sg.mul %r, %r : tensor<4x4xf64>
  %total = sg.sum %sq : tensor<4x4xf64>
  %cost = sg.scale %total, 0.5 : tensor<f64>
  sg.cost %cost : tensor<f64>
}

sg.graph @fd_matmul_tl(%a: tensor<4x5xf64> {sg.param}, %b: tensor<4x5xf64> {sg.param}) {
  %r = sg.matmul %a, %b {transpose_lhs} : tensor<4x5xf64>, tensor<4x5xf64>
  %sq = sg.mul %r, %r : tensor<5x5xf64>
  %total = sg.sum %sq : tensor<5x5xf64>
  %cost = sg.scale %total, 0.5 : tensor<f64>
  sg.cost %cost : tensor<f64>
}

sg.graph @fd_matmul_tr(%a: tensor<4x5xf64> {sg.param}, %b: tensor<4x5xf64> {sg.param}) {
  %r = sg.matmul %a, %b {transpose_rhs} : tensor<4x5xf64>, tensor<4x5xf64>
  %sq = sg.mul %r, %r : tensor<4x4xf64>
  %total = sg.sum %sq : tensor<4x4xf64>
  %cost = sg.scale %total, 0.5 : tensor<f64>
  sg.cost %cost : tensor<f64>
}

sg.graph @fd_matmul_tl_tr(%a: tensor<4x5xf64> {sg.param}, %b: tensor<4x5xf64> {sg.param}) {
  %at = sg.transpose %a [1, 0] : tensor<4x5xf64>
  %r = sg.matmul %at, %b {transpose_lhs, transpose_rhs} : tensor<5x4xf64>, tensor<4x5xf64>
  %sq = sg.mul %r, %r : tensor<4x4xf64>
  %total = sg.sum %sq : tensor<4x4xf64>
  %cost = sg.scale %total, 0.5 : tensor<f64>
  sg.cost %cost : tensor<f64>
}

sg.graph @fd_mvn_kl(%a: tensor<4x5xf64> {sg.param}, %b: tensor<4x5xf64> {sg.param}) {
  %r = sg.mvn_kl %a, %b : tensor<4x5xf64>
  %sq = sg.mul %r, %r : tensor<f64>
  %total = sg.sum %sq : tensor<f64>
  %cost = sg.scale %total, 0.5 : tensor<f64>
  sg.cost %cost : tensor<f64>
}

sg.graph @fd_mvn_empirical_kl(%a: tensor<4x5xf64> {sg.param}, %b: tensor<4x5xf64> {sg.param}, %c: tensor<4x5xf64> {sg.param}) {
  %r = sg.mvn_empirical_kl %a, %b, %c : tensor<4x5xf64>
  %sq = sg.mul %r, %r : tensor<f64>
  %total = sg.sum %sq : tensor<f64>
  %cost = sg.scale %total, 0.5 : tensor<f64>
  sg.cost %cost : tensor<f64>
}

sg.graph @fd_normal_logpdf(%a: tensor<4x5xf64> {sg.param}, %b: tensor<4x5xf64> {sg.param}, %c: tensor<4x5xf64> {sg.param}) {
  %r = sg.normal_logpdf %c, %a, %b : tensor<4x5xf64>
  %sq = sg.mul %r, %r : tensor<f64>
  %total = sg.sum %sq : tensor<f64>
  %cost = sg.scale %total, 0.5 : tensor<f64>
  sg.cost %cost : tensor<f64>
}

sg.graph @fd_bernoulli_neglogpdf(%a: tensor<4x5xf64> {sg.param}, %b: tensor<4x5xf64> {sg.param}) {
  %r = sg.bernoulli_neglogpdf %a, %b : tensor<4x5xf64>
  %sq = sg.mul %r, %r : tensor<f64>
  %total = sg.sum %sq : tensor<f64>
  %cost = sg.scale %total, 0.5 : tensor<f64>
  sg.cost %cost : tensor<f64>
}

sg.graph @fd_bernoulli_logits_neglogpdf(%a: tensor<4x5xf64> {sg.param}, %b: tensor<4x5xf64> {sg.param}) {
  %r = sg.bernoulli_logits_neglogpdf %a, %b : tensor<4x5xf64>
  %sq = sg.mul %r, %r : tensor<f64>
  %total = sg.sum %sq : tensor<f64>
  %cost = sg.scale %total, 0.5 : tensor<f64>
  sg.cost %cost : tensor<f64>
}

sg.graph @fd_softmax_cross_entropy(%a: tensor<4x5xf64> {sg.param}, %b: tensor<4x5xf64> {sg.param}) {
  %r = sg.softmax_cross_entropy %a, %b : tensor<4x5xf64>
  %sq = sg.mul %r, %r : tensor<f64>
  %total = sg.sum %sq : tensor<f64>
  %cost = sg.scale %total, 0.5 : tensor<f64>
  sg.cost %cost : tensor<f64>
}

// Shape ops: the cost weighs every result element differently (½ Σ (w ⊙ r)²),
// so a pullback that sends a cotangent to the wrong element fails.

sg.graph @fd_reshape(%a: tensor<4x5xf64> {sg.param}) {
  %flat = sg.reshape %a : tensor<4x5xf64> -> tensor<20xf64>
  %r = sg.reshape %flat : tensor<20xf64> -> tensor<5x2x2xf64>
  %w = sg.constant dense<[[[0.5, 2.25], [1.25, 3.0]], [[2.0, 1.0], [2.75, 1.75]], [[0.75, 2.5], [1.5, 0.5]], [[2.25, 1.25], [3.0, 2.0]], [[1.0, 2.75], [1.75, 0.75]]]> : tensor<5x2x2xf64>
  %p = sg.mul %r, %w : tensor<5x2x2xf64>
  %sq = sg.mul %p, %p : tensor<5x2x2xf64>
  %total = sg.sum %sq : tensor<5x2x2xf64>
  %cost = sg.scale %total, 0.5 : tensor<f64>
  sg.cost %cost : tensor<f64>
}

sg.graph @fd_slice(%a: tensor<4x5xf64> {sg.param}) {
  %r = sg.slice %a [1, 2] : tensor<4x5xf64> -> tensor<2x3xf64>
  %w = sg.constant dense<[[0.5, 2.25, 1.25], [3.0, 2.0, 1.0]]> : tensor<2x3xf64>
  %p = sg.mul %r, %w : tensor<2x3xf64>
  %sq = sg.mul %p, %p : tensor<2x3xf64>
  %total = sg.sum %sq : tensor<2x3xf64>
  %cost = sg.scale %total, 0.5 : tensor<f64>
  sg.cost %cost : tensor<f64>
}

sg.graph @fd_concat(%a: tensor<4x5xf64> {sg.param}, %b: tensor<4x5xf64> {sg.param}) {
  %c = sg.concat %a, %b, %a axis 1 : tensor<4x5xf64>, tensor<4x5xf64>, tensor<4x5xf64>
  %s = sg.slice %c [0, 0] : tensor<4x15xf64> -> tensor<2x15xf64>
  %r = sg.concat %c, %s axis 0 : tensor<4x15xf64>, tensor<2x15xf64>
  %w = sg.constant dense<[[0.5, 2.25, 1.25, 3.0, 2.0, 1.0, 2.75, 1.75, 0.75, 2.5, 1.5, 0.5, 2.25, 1.25, 3.0], [2.0, 1.0, 2.75, 1.75, 0.75, 2.5, 1.5, 0.5, 2.25, 1.25, 3.0, 2.0, 1.0, 2.75, 1.75], [0.75, 2.5, 1.5, 0.5, 2.25, 1.25, 3.0, 2.0, 1.0, 2.75, 1.75, 0.75, 2.5, 1.5, 0.5], [2.25, 1.25, 3.0, 2.0, 1.0, 2.75, 1.75, 0.75, 2.5, 1.5, 0.5, 2.25, 1.25, 3.0, 2.0], [1.0, 2.75, 1.75, 0.75, 2.5, 1.5, 0.5, 2.25, 1.25, 3.0, 2.0, 1.0, 2.75, 1.75, 0.75], [2.5, 1.5, 0.5, 2.25, 1.25, 3.0, 2.0, 1.0, 2.75, 1.75, 0.75, 2.5, 1.5, 0.5, 2.25]]> : tensor<6x15xf64>
  %p = sg.mul %r, %w : tensor<6x15xf64>
  %sq = sg.mul %p, %p : tensor<6x15xf64>
  %total = sg.sum %sq : tensor<6x15xf64>
  %cost = sg.scale %total, 0.5 : tensor<f64>
  sg.cost %cost : tensor<f64>
}

sg.graph @fd_mean_0(%a: tensor<4x5xf64> {sg.param}) {
  %r = sg.mean %a [0] : tensor<4x5xf64>
  %sq = sg.mul %r, %r : tensor<5xf64>
  %total = sg.sum %sq : tensor<5xf64>
  %cost = sg.scale %total, 0.5 : tensor<f64>
  sg.cost %cost : tensor<f64>
}

sg.graph @fd_mean_1(%a: tensor<4x5xf64> {sg.param}) {
  %r = sg.mean %a [1] : tensor<4x5xf64>
  %sq = sg.mul %r, %r : tensor<4xf64>
  %total = sg.sum %sq : tensor<4xf64>
  %cost = sg.scale %total, 0.5 : tensor<f64>
  sg.cost %cost : tensor<f64>
}

sg.graph @fd_mean_all(%a: tensor<4x5xf64> {sg.param}) {
  %r = sg.mean %a [0, 1] : tensor<4x5xf64>
  %sq = sg.mul %r, %r : tensor<f64>
  %total = sg.sum %sq : tensor<f64>
  %cost = sg.scale %total, 0.5 : tensor<f64>
  sg.cost %cost : tensor<f64>
}
