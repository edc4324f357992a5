sg.graph @big(%x: tensor<4294967296x4294967296xf32> {sg.input}, %w: tensor<2xf32> {sg.param}) {
  %s = sg.sum %w : tensor<2xf32>
  sg.cost %s : tensor<f32>
}
