// sgc-fuzz: checked kinks f64 batch=3
sg.graph @tiny(%x: tensor<16x4xf32> {sg.input}, %w: tensor<4x2xf32> {sg.param},
               %y: tensor<16x2xf32> {sg.input}) {
  %mu = sg.matmul %x, %w : tensor<16x4xf32>, tensor<4x2xf32>
  %one = sg.constant dense<1.0> : tensor<16x2xf32>
  %z = sg.normal %mu, %one : tensor<16x2xf32>
  %p = sg.sigmoid %z : tensor<16x2xf32>
  %nll = sg.bernoulli_neglogpdf %p, %y : tensor<16x2xf32>
  sg.cost %nll : tensor<f32>
}
