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
