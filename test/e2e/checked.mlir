// Checked-mode test model (compiled with sgc --checked).
sg.graph @g(%w: tensor<2xf32> {sg.param}, %v: tensor<2xf32> {sg.param}) {
  %l = sg.log %w : tensor<2xf32>
  %e = sg.exp %v : tensor<2xf32>
  %s = sg.add %l, %e : tensor<2xf32>
  %t = sg.sum %s : tensor<2xf32>
  sg.cost %t : tensor<f32>
}
