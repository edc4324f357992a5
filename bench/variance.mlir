// The graph of the variance benchmark: a Gaussian latent with a cost
// downstream of it and a large cost that is not. The expected gradient:
// ∂/∂μᵢ = 2(μᵢ − 1) + 100 μᵢ, ∂/∂sᵢ = 2 e^{2sᵢ}.
sg.graph @model(%mu: tensor<8xf64> {sg.param}, %s: tensor<8xf64> {sg.param}) {
  %sigma = sg.exp %s : tensor<8xf64>
  %z = sg.normal %mu, %sigma : tensor<8xf64>
  %one = sg.constant dense<1.0> : tensor<8xf64>
  %d = sg.sub %z, %one : tensor<8xf64>
  %d2 = sg.mul %d, %d : tensor<8xf64>
  %c1 = sg.sum %d2 : tensor<8xf64>
  sg.cost %c1 : tensor<f64>
  %m2 = sg.mul %mu, %mu : tensor<8xf64>
  %m21 = sg.add %m2, %one : tensor<8xf64>
  %t = sg.sum %m21 : tensor<8xf64>
  %c2 = sg.scale %t, 50.0 : tensor<f64>
  sg.cost %c2 : tensor<f64>
}
