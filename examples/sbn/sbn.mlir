// A sigmoid belief network (Neal 1992) with one layer of 200 binary latents,
// trained as NVIL (Mnih & Gregor 2014) trains it: a recognition network
// q(h | x) = Bernoulli(σ(x Wq + bq)), a factorized prior p(h) =
// Bernoulli(σ(bp)) and a generative network p(x | h) = Bernoulli(σ(h Wg +
// bg)), on binarized 28x28 images, batch-major (a row per example). The
// three costs sum to the negative ELBO, −log p(x | h) − log p(h) +
// log q(h | x), one sample h per example. h is discrete, so the gradient of
// the recognition network is a score-function term; its rows are
// independent and every cost is a sum over rows, so sgc gives each row its
// own coefficient (docs/compiler.md, "Per-row score terms").
sg.graph @sbn(%x: tensor<100x784xf32> {sg.input},
              %Wq: tensor<784x200xf32> {sg.param},
              %bq: tensor<200xf32> {sg.param},
              %bp: tensor<200xf32> {sg.param},
              %Wg: tensor<200x784xf32> {sg.param},
              %bg: tensor<784xf32> {sg.param}) {
  // Recognition network q(h | x) and its sample.
  %a = sg.matmul %x, %Wq : tensor<100x784xf32>, tensor<784x200xf32>
  %lq = sg.bias_add %a, %bq : tensor<100x200xf32>, tensor<200xf32>
  %h = sg.bernoulli_logits %lq : tensor<100x200xf32>
  // −log p(x | h).
  %g = sg.matmul %h, %Wg : tensor<100x200xf32>, tensor<200x784xf32>
  %lx = sg.bias_add %g, %bg : tensor<100x784xf32>, tensor<784xf32>
  %rec = sg.bernoulli_logits_neglogpdf %lx, %x : tensor<100x784xf32>
  sg.cost %rec : tensor<f32>
  // −log p(h).
  %lp = sg.broadcast %bp [1] : tensor<200xf32> -> tensor<100x200xf32>
  %prior = sg.bernoulli_logits_neglogpdf %lp, %h : tensor<100x200xf32>
  sg.cost %prior : tensor<f32>
  // log q(h | x).
  %nlq = sg.bernoulli_logits_neglogpdf %lq, %h : tensor<100x200xf32>
  %entropy = sg.neg %nlq : tensor<f32>
  sg.cost %entropy : tensor<f32>
}
