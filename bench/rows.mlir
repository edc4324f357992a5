// The batched models of the per-row benchmark (bench/variance_rows.cpp),
// each compiled at batch 50 with per-row and with scalar score coefficients,
// and at --batch-size=1 for the sum of per-row estimators.

// 50 rows b_i ~ Bernoulli(σ(θ)) with one shared θ, cost Σ_i (b_i − y_i)².
sg.graph @bern50(%theta: tensor<1xf64> {sg.param}, %y: tensor<50x1xf64> {sg.input}) {
  %t = sg.broadcast %theta [1] : tensor<1xf64> -> tensor<50x1xf64>
  %p = sg.sigmoid %t : tensor<50x1xf64>
  %b = sg.bernoulli %p : tensor<50x1xf64>
  %d = sg.sub %b, %y : tensor<50x1xf64>
  %d2 = sg.mul %d, %d : tensor<50x1xf64>
  %c = sg.sum %d2 : tensor<50x1xf64>
  sg.cost %c : tensor<f64>
}

// A sigmoid belief network with 20 Bernoulli latents on binarized 28x28
// images, trained NVIL-style: recognition q(h|x) = Bernoulli(σ(x Wq + bq)),
// prior p(h) = Bernoulli(σ(bp)), decoder p(x|h) = Bernoulli(σ(h Wg + bg));
// costs −log p(x|h), −log p(h) and log q(h|x) (the negative ELBO).
sg.graph @sbn(%x: tensor<50x784xf64> {sg.input},
              %Wq: tensor<784x20xf64> {sg.param}, %bq: tensor<20xf64> {sg.param},
              %bp: tensor<20xf64> {sg.param},
              %Wg: tensor<20x784xf64> {sg.param}, %bg: tensor<784xf64> {sg.param}) {
  %a = sg.matmul %x, %Wq : tensor<50x784xf64>, tensor<784x20xf64>
  %ab = sg.bias_add %a, %bq : tensor<50x20xf64>, tensor<20xf64>
  %q = sg.sigmoid %ab : tensor<50x20xf64>
  %h = sg.bernoulli %q : tensor<50x20xf64>
  %g = sg.matmul %h, %Wg : tensor<50x20xf64>, tensor<20x784xf64>
  %gb = sg.bias_add %g, %bg : tensor<50x784xf64>, tensor<784xf64>
  %px = sg.sigmoid %gb : tensor<50x784xf64>
  %rec = sg.bernoulli_neglogpdf %px, %x : tensor<50x784xf64>
  sg.cost %rec : tensor<f64>
  %pb = sg.broadcast %bp [1] : tensor<20xf64> -> tensor<50x20xf64>
  %pp = sg.sigmoid %pb : tensor<50x20xf64>
  %prior = sg.bernoulli_neglogpdf %pp, %h : tensor<50x20xf64>
  sg.cost %prior : tensor<f64>
  %nlq = sg.bernoulli_neglogpdf %q, %h : tensor<50x20xf64>
  %lq = sg.neg %nlq : tensor<f64>
  sg.cost %lq : tensor<f64>
}
