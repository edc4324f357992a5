sg.graph @"a b"(%w: tensor<2xf32> {sg.param}) {
  %s = sg.sum %w : tensor<2xf32>
  sg.cost %s : tensor<f32>
}
