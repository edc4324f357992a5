sg.graph @g(%w: tensor<2xf32> {sg.param}, %d_w: tensor<2xf32> {sg.input}) {
  %m = sg.mul %w, %d_w : tensor<2xf32>
  %s = sg.sum %m : tensor<2xf32>
  sg.cost %s : tensor<f32>
}
