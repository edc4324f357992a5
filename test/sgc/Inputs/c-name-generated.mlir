sg.graph @g(%w: tensor<2xf32> {sg.param}, %seed: tensor<2xf32> {sg.input}) {
  %m = sg.mul %w, %seed : tensor<2xf32>
  %s = sg.sum %m : tensor<2xf32>
  sg.cost %s : tensor<f32>
}
