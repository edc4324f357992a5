// Certigrad's naive variational autoencoder (Kingma & Welling's AEVB, the
// model of Certigrad's case study), written by hand. Batch-major: a row per
// example. Encoder 784-1000-1000 to the mean and log-variance of a 30-d
// Gaussian latent, decoder 30-1000-1000-784; softplus hidden units, sigmoid
// output, no biases. Both costs are single-sample estimates: the empirical KL
// (which --sg-integrate-kl turns into the analytic KL) and the Bernoulli
// negative log-likelihood of the pixels.
sg.graph @vae(%x: tensor<250x784xf32> {sg.input},
              %W1: tensor<784x1000xf32> {sg.param},
              %W2: tensor<1000x1000xf32> {sg.param},
              %Wmu: tensor<1000x30xf32> {sg.param},
              %Wlv: tensor<1000x30xf32> {sg.param},
              %Wd1: tensor<30x1000xf32> {sg.param},
              %Wd2: tensor<1000x1000xf32> {sg.param},
              %Wp: tensor<1000x784xf32> {sg.param}) {
  // Encoder q(z | x).
  %a1 = sg.matmul %x, %W1 : tensor<250x784xf32>, tensor<784x1000xf32>
  %h1 = sg.softplus %a1 : tensor<250x1000xf32>
  %a2 = sg.matmul %h1, %W2 : tensor<250x1000xf32>, tensor<1000x1000xf32>
  %h2 = sg.softplus %a2 : tensor<250x1000xf32>
  %mu = sg.matmul %h2, %Wmu : tensor<250x1000xf32>, tensor<1000x30xf32>
  %lv = sg.matmul %h2, %Wlv : tensor<250x1000xf32>, tensor<1000x30xf32>
  %v = sg.exp %lv : tensor<250x30xf32>
  %sigma = sg.sqrt %v : tensor<250x30xf32>
  // The stochastic node and its KL cost.
  %z = sg.normal %mu, %sigma : tensor<250x30xf32>
  %ekl = sg.mvn_empirical_kl %mu, %sigma, %z : tensor<250x30xf32>
  sg.cost %ekl : tensor<f32>
  // Decoder p(x | z).
  %d1 = sg.matmul %z, %Wd1 : tensor<250x30xf32>, tensor<30x1000xf32>
  %g1 = sg.softplus %d1 : tensor<250x1000xf32>
  %d2 = sg.matmul %g1, %Wd2 : tensor<250x1000xf32>, tensor<1000x1000xf32>
  %g2 = sg.softplus %d2 : tensor<250x1000xf32>
  %logits = sg.matmul %g2, %Wp : tensor<250x1000xf32>, tensor<1000x784xf32>
  %p = sg.sigmoid %logits : tensor<250x784xf32>
  %nll = sg.bernoulli_neglogpdf %p, %x : tensor<250x784xf32>
  sg.cost %nll : tensor<f32>
  // The reconstruction probabilities, returned by the forward function.
  sg.output %p : tensor<250x784xf32>
}

// The decoder alone, to draw new images from z ~ N(0, I) after training
// (a forward-only graph: no costs, its weights are data here).
sg.graph @decoder(%z: tensor<250x30xf32> {sg.input},
                  %Wd1: tensor<30x1000xf32> {sg.input},
                  %Wd2: tensor<1000x1000xf32> {sg.input},
                  %Wp: tensor<1000x784xf32> {sg.input}) {
  %d1 = sg.matmul %z, %Wd1 : tensor<250x30xf32>, tensor<30x1000xf32>
  %g1 = sg.softplus %d1 : tensor<250x1000xf32>
  %d2 = sg.matmul %g1, %Wd2 : tensor<250x1000xf32>, tensor<1000x1000xf32>
  %g2 = sg.softplus %d2 : tensor<250x1000xf32>
  %logits = sg.matmul %g2, %Wp : tensor<250x1000xf32>, tensor<1000x784xf32>
  %p = sg.sigmoid %logits : tensor<250x784xf32>
  sg.output %p : tensor<250x784xf32>
}
