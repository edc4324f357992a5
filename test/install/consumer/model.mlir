// A small model for the out-of-tree consumer (test/install): batch size 4
// as written, compiled at other sizes through sgc_add_model's flags.
sg.graph @net(%x: tensor<4x3xf32> {sg.input}, %w: tensor<3x5xf32> {sg.param}) {
  %a = sg.matmul %x, %w : tensor<4x3xf32>, tensor<3x5xf32>
  %one = sg.constant dense<1.0> : tensor<4x5xf32>
  %z = sg.normal %a, %one : tensor<4x5xf32>
  %s = sg.sum %z : tensor<4x5xf32>
  %c = sg.mul %s, %s : tensor<f32>
  sg.cost %c : tensor<f32>
}
