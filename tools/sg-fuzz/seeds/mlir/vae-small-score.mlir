// sgc-fuzz: no-kl no-reparam score-all baseline no-approx
sg.graph @vae(%x: tensor<2x8xf32> {sg.input},
              %W1: tensor<8x6xf32> {sg.param},
              %W2: tensor<6x6xf32> {sg.param},
              %Wmu: tensor<6x3xf32> {sg.param},
              %Wlv: tensor<6x3xf32> {sg.param},
              %Wd1: tensor<3x6xf32> {sg.param},
              %Wd2: tensor<6x6xf32> {sg.param},
              %Wp: tensor<6x8xf32> {sg.param}) {
  // Encoder q(z | x).
  %a1 = sg.matmul %x, %W1 : tensor<2x8xf32>, tensor<8x6xf32>
  %h1 = sg.softplus %a1 : tensor<2x6xf32>
  %a2 = sg.matmul %h1, %W2 : tensor<2x6xf32>, tensor<6x6xf32>
  %h2 = sg.softplus %a2 : tensor<2x6xf32>
  %mu = sg.matmul %h2, %Wmu : tensor<2x6xf32>, tensor<6x3xf32>
  %lv = sg.matmul %h2, %Wlv : tensor<2x6xf32>, tensor<6x3xf32>
  %v = sg.exp %lv : tensor<2x3xf32>
  %sigma = sg.sqrt %v : tensor<2x3xf32>
  // The stochastic node and its KL cost.
  %z = sg.normal %mu, %sigma : tensor<2x3xf32>
  %ekl = sg.mvn_empirical_kl %mu, %sigma, %z : tensor<2x3xf32>
  sg.cost %ekl : tensor<f32>
  // Decoder p(x | z).
  %d1 = sg.matmul %z, %Wd1 : tensor<2x3xf32>, tensor<3x6xf32>
  %g1 = sg.softplus %d1 : tensor<2x6xf32>
  %d2 = sg.matmul %g1, %Wd2 : tensor<2x6xf32>, tensor<6x6xf32>
  %g2 = sg.softplus %d2 : tensor<2x6xf32>
  %logits = sg.matmul %g2, %Wp : tensor<2x6xf32>, tensor<6x8xf32>
  %p = sg.sigmoid %logits : tensor<2x8xf32>
  %nll = sg.bernoulli_neglogpdf %p, %x : tensor<2x8xf32>
  sg.cost %nll : tensor<f32>
  // The reconstruction probabilities, returned by the forward function.
  sg.output %p : tensor<2x8xf32>
}

sg.graph @decoder(%z: tensor<2x3xf32> {sg.input},
                  %Wd1: tensor<3x6xf32> {sg.input},
                  %Wd2: tensor<6x6xf32> {sg.input},
                  %Wp: tensor<6x8xf32> {sg.input}) {
  %d1 = sg.matmul %z, %Wd1 : tensor<2x3xf32>, tensor<3x6xf32>
  %g1 = sg.softplus %d1 : tensor<2x6xf32>
  %d2 = sg.matmul %g1, %Wd2 : tensor<2x6xf32>, tensor<6x6xf32>
  %g2 = sg.softplus %d2 : tensor<2x6xf32>
  %logits = sg.matmul %g2, %Wp : tensor<2x6xf32>, tensor<6x8xf32>
  %p = sg.sigmoid %logits : tensor<2x8xf32>
  sg.output %p : tensor<2x8xf32>
}
