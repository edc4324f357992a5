// Small graphs whose expected loss and its gradient have closed forms.
// test/e2e/EstimatorTest.cpp compiles each with several estimator options
// and checks the mean of many gradient estimates against the analytic
// gradient with a z-test.

// E[Σ z²] = Σ μ² + e^{2s}: ∇μ = 2μ, ∇s = 2e^{2s}.
sg.graph @gauss(%mu: tensor<3xf64> {sg.param}, %s: tensor<3xf64> {sg.param}) {
  %sigma = sg.exp %s : tensor<3xf64>
  %z = sg.normal %mu, %sigma : tensor<3xf64>
  %z2 = sg.mul %z, %z : tensor<3xf64>
  %c = sg.sum %z2 : tensor<3xf64>
  sg.cost %c : tensor<f64>
}

// Two samples in sequence: z1 ~ N(μ, 1), z2 ~ N(z1, 1).
// E[Σ z2²] = Σ μ² + 2: ∇μ = 2μ.
sg.graph @chain(%mu: tensor<3xf64> {sg.param}) {
  %one = sg.constant dense<1.0> : tensor<3xf64>
  %z1 = sg.normal %mu, %one : tensor<3xf64>
  %z2 = sg.normal %z1, %one : tensor<3xf64>
  %sq = sg.mul %z2, %z2 : tensor<3xf64>
  %c = sg.sum %sq : tensor<3xf64>
  sg.cost %c : tensor<f64>
}

// A Bernoulli latent: b ~ Bernoulli(sigmoid(θ)), cost Σ (b − t)².
// E = Σ p(1 − 2t) + t²: ∇θ = (1 − 2t) p (1 − p).
sg.graph @bern(%theta: tensor<4xf64> {sg.param}, %t: tensor<4xf64> {sg.input}) {
  %p = sg.sigmoid %theta : tensor<4xf64>
  %b = sg.bernoulli %p : tensor<4xf64>
  %d = sg.sub %b, %t : tensor<4xf64>
  %d2 = sg.mul %d, %d : tensor<4xf64>
  %c = sg.sum %d2 : tensor<4xf64>
  sg.cost %c : tensor<f64>
}

// A cost that is not downstream of the sample (Σ μ³) next to one that is
// (Σ z², z ~ N(μ, 1) kept as a score-function sample):
// E = Σ μ² + 1 + μ³: ∇μ = 2μ + 3μ².
sg.graph @split(%mu: tensor<3xf64> {sg.param}) {
  %one = sg.constant dense<1.0> : tensor<3xf64>
  %z = sg.normal %mu, %one {sg.score_function} : tensor<3xf64>
  %z2 = sg.mul %z, %z : tensor<3xf64>
  %c1 = sg.sum %z2 : tensor<3xf64>
  sg.cost %c1 : tensor<f64>
  %mu2 = sg.mul %mu, %mu : tensor<3xf64>
  %mu3 = sg.mul %mu2, %mu : tensor<3xf64>
  %c2 = sg.sum %mu3 : tensor<3xf64>
  sg.cost %c2 : tensor<f64>
}

// The empirical KL of the VAE: E = KL = −½ Σ (1 + 2s − μ² − e^{2s}):
// ∇μ = μ, ∇s = e^{2s} − 1.
sg.graph @kl(%mu: tensor<3xf64> {sg.param}, %s: tensor<3xf64> {sg.param}) {
  %sigma = sg.exp %s : tensor<3xf64>
  %z = sg.normal %mu, %sigma : tensor<3xf64>
  %ekl = sg.mvn_empirical_kl %mu, %sigma, %z : tensor<3xf64>
  sg.cost %ekl : tensor<f64>
}

// Per-row score terms. A batch of 4 rows of 2 Bernoullis sharing θ:
// b_ij ~ Bernoulli(σ(θ_j)), cost Σ (b − y)², a sum over rows.
// E = Σ_ij p_j (1 − 2y_ij) + y_ij²: ∇θ_j = Σ_i (1 − 2y_ij) p_j (1 − p_j).
sg.graph @rows(%theta: tensor<2xf64> {sg.param}, %y: tensor<4x2xf64> {sg.input}) {
  %t = sg.broadcast %theta [1] : tensor<2xf64> -> tensor<4x2xf64>
  %p = sg.sigmoid %t : tensor<4x2xf64>
  %b = sg.bernoulli %p : tensor<4x2xf64>
  %d = sg.sub %b, %y : tensor<4x2xf64>
  %d2 = sg.mul %d, %d : tensor<4x2xf64>
  %c = sg.sum %d2 : tensor<4x2xf64>
  sg.cost %c : tensor<f64>
}

// The same cost through a transpose, which mixes rows as far as the
// analysis knows: the scalar coefficient is kept (y is given transposed).
sg.graph @transposed(%theta: tensor<2xf64> {sg.param}, %yt: tensor<2x4xf64> {sg.input}) {
  %t = sg.broadcast %theta [1] : tensor<2xf64> -> tensor<4x2xf64>
  %p = sg.sigmoid %t : tensor<4x2xf64>
  %b = sg.bernoulli %p : tensor<4x2xf64>
  %bt = sg.transpose %b [1, 0] : tensor<4x2xf64>
  %d = sg.sub %bt, %yt : tensor<2x4xf64>
  %d2 = sg.mul %d, %d : tensor<2x4xf64>
  %c = sg.sum %d2 : tensor<2x4xf64>
  sg.cost %c : tensor<f64>
}

// A cost that couples the rows, S² with S = Σ b (scalar coefficient), and
// the same next to the per-row cost of @rows (per-row coefficients with S²
// entering every row whole). With P = Σ_j p_j and p'_j = p_j (1 − p_j):
// E[S²] = 4 Σ_j p_j (1 − p_j) + (4P)²: ∇θ_j = 4 p'_j (1 − 2p_j) + 32 P p'_j.
sg.graph @coupled(%theta: tensor<2xf64> {sg.param}, %y: tensor<4x2xf64> {sg.input}) {
  %t = sg.broadcast %theta [1] : tensor<2xf64> -> tensor<4x2xf64>
  %p = sg.sigmoid %t : tensor<4x2xf64>
  %b = sg.bernoulli %p : tensor<4x2xf64>
  %s = sg.sum %b : tensor<4x2xf64>
  %s2 = sg.mul %s, %s : tensor<f64>
  sg.cost %s2 : tensor<f64>
}
sg.graph @mixed(%theta: tensor<2xf64> {sg.param}, %y: tensor<4x2xf64> {sg.input}) {
  %t = sg.broadcast %theta [1] : tensor<2xf64> -> tensor<4x2xf64>
  %p = sg.sigmoid %t : tensor<4x2xf64>
  %b = sg.bernoulli %p : tensor<4x2xf64>
  %d = sg.sub %b, %y : tensor<4x2xf64>
  %d2 = sg.mul %d, %d : tensor<4x2xf64>
  %c = sg.sum %d2 : tensor<4x2xf64>
  sg.cost %c : tensor<f64>
  %s = sg.sum %b : tensor<4x2xf64>
  %s2 = sg.mul %s, %s : tensor<f64>
  sg.cost %s2 : tensor<f64>
}

// The cost of @rows through the shape ops that keep rows apart: the two
// columns sliced and concatenated back, a reshape keeping the leading
// axis, and means (scaled back to the sum): the same closed forms, and
// per-row score terms (rows-shapes in the test).
sg.graph @rows_shapes(%theta: tensor<2xf64> {sg.param}, %y: tensor<4x2xf64> {sg.input}) {
  %t = sg.broadcast %theta [1] : tensor<2xf64> -> tensor<4x2xf64>
  %p = sg.sigmoid %t : tensor<4x2xf64>
  %b = sg.bernoulli %p : tensor<4x2xf64>
  %b0 = sg.slice %b [0, 0] : tensor<4x2xf64> -> tensor<4x1xf64>
  %b1 = sg.slice %b [0, 1] : tensor<4x2xf64> -> tensor<4x1xf64>
  %bb = sg.concat %b0, %b1 axis 1 : tensor<4x1xf64>, tensor<4x1xf64>
  %d = sg.sub %bb, %y : tensor<4x2xf64>
  %d2 = sg.mul %d, %d : tensor<4x2xf64>
  %r = sg.reshape %d2 : tensor<4x2xf64> -> tensor<4x2x1xf64>
  %m = sg.mean %r [1, 2] : tensor<4x2x1xf64>
  %all = sg.mean %m [0] : tensor<4xf64>
  %c = sg.scale %all, 8.0 : tensor<f64>
  sg.cost %c : tensor<f64>
}

// A Gaussian kept as a score-function sample, 4 rows sharing μ:
// z ~ N(μ, 1), E[Σ z²] = 4 Σ_j (μ_j² + 1): ∇μ_j = 8 μ_j.
sg.graph @normal_rows(%mu: tensor<3xf64> {sg.param}) {
  %m = sg.broadcast %mu [1] : tensor<3xf64> -> tensor<4x3xf64>
  %one = sg.constant dense<1.0> : tensor<4x3xf64>
  %z = sg.normal %m, %one {sg.score_function} : tensor<4x3xf64>
  %z2 = sg.mul %z, %z : tensor<4x3xf64>
  %c = sg.sum %z2 : tensor<4x3xf64>
  sg.cost %c : tensor<f64>
}

// Rows through a downstream sample: b ~ Bernoulli(σ(θ)) as in @rows, then
// z ~ N(b, 1) row by row, cost Σ z²: E = Σ_ij (p_j + 1): ∇θ_j = 4 p'_j.
sg.graph @through_sample(%theta: tensor<2xf64> {sg.param}) {
  %t = sg.broadcast %theta [1] : tensor<2xf64> -> tensor<4x2xf64>
  %p = sg.sigmoid %t : tensor<4x2xf64>
  %b = sg.bernoulli %p : tensor<4x2xf64>
  %one = sg.constant dense<1.0> : tensor<4x2xf64>
  %z = sg.normal %b, %one {sg.score_function} : tensor<4x2xf64>
  %z2 = sg.mul %z, %z : tensor<4x2xf64>
  %c = sg.sum %z2 : tensor<4x2xf64>
  sg.cost %c : tensor<f64>
}

// A Bernoulli on logits: b ~ Bernoulli(σ(θ)), cost Σ (b − t)², as @bern
// without the sigmoid op: the same closed forms.
sg.graph @bernl(%theta: tensor<4xf64> {sg.param}, %t: tensor<4xf64> {sg.input}) {
  %b = sg.bernoulli_logits %theta : tensor<4xf64>
  %d = sg.sub %b, %t : tensor<4xf64>
  %d2 = sg.mul %d, %d : tensor<4xf64>
  %c = sg.sum %d2 : tensor<4xf64>
  sg.cost %c : tensor<f64>
}

// A categorical per row, one-hot into an embedding: y_r ~ Cat(softmax(θ_r)),
// e = y W, cost Σ e². With p = softmax(θ) per row and s_k = Σ_j W_kj²:
// E = Σ_r Σ_k p_rk s_k, ∇θ_rk = p_rk (s_k − Σ_j p_rj s_j),
// ∇W_kj = 2 W_kj Σ_r p_rk (pathwise through the product).
sg.graph @cat(%theta: tensor<3x4xf64> {sg.param}, %w: tensor<4x2xf64> {sg.param}) {
  %y = sg.categorical %theta : tensor<3x4xf64>
  %e = sg.matmul %y, %w : tensor<3x4xf64>, tensor<4x2xf64>
  %e2 = sg.mul %e, %e : tensor<3x2xf64>
  %c = sg.sum %e2 : tensor<3x2xf64>
  sg.cost %c : tensor<f64>
}

// A batched categorical whose logits come from the inputs, as the label of
// a semi-supervised VAE: l = x W, z_i ~ Cat(softmax(l_i)), cost the mean
// over rows of (z_i v − y_i)². With p_i = softmax(l_i), f_ik = (v_k − y_i)²:
// E = ⅓ Σ_i Σ_k p_ik f_ik, ∂l_ik = ⅓ p_ik (f_ik − Σ_k' p_ik' f_ik'),
// ∇W = xᵀ ∂l, ∇v_k = ⅓ Σ_i 2 p_ik (v_k − y_i).
sg.graph @cat_net(%w: tensor<2x4xf64> {sg.param}, %v: tensor<4x1xf64> {sg.param},
                  %x: tensor<3x2xf64> {sg.input}, %y: tensor<3x1xf64> {sg.input}) {
  %l = sg.matmul %x, %w : tensor<3x2xf64>, tensor<2x4xf64>
  %z = sg.categorical %l : tensor<3x4xf64>
  %e = sg.matmul %z, %v : tensor<3x4xf64>, tensor<4x1xf64>
  %d = sg.sub %e, %y : tensor<3x1xf64>
  %d2 = sg.mul %d, %d : tensor<3x1xf64>
  %c = sg.mean %d2 [0, 1] : tensor<3x1xf64>
  sg.cost %c : tensor<f64>
}
