// A model with a log of a value that is not positive by construction.
sg.graph @g(%w: tensor<2xf32> {sg.param}) {
  %l = sg.log %w : tensor<2xf32>
  %s = sg.sum %l : tensor<2xf32>
  sg.cost %s : tensor<f32>
}
