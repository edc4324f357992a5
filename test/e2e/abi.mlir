// A model for the argument checks of compiled functions (ABICheckTest.cpp):
// an input, a parameter, an output, a score-function term (so the gradient
// takes a baseline) and a relu (so --instrument-kinks adds its counts).
sg.graph @net(%x: tensor<2x3xf32> {sg.input}, %w: tensor<3x2xf32> {sg.param}) {
  %a = sg.matmul %x, %w : tensor<2x3xf32>, tensor<3x2xf32>
  %r = sg.relu %a : tensor<2x2xf32>
  %one = sg.constant dense<1.0> : tensor<2x2xf32>
  %z = sg.normal %r, %one : tensor<2x2xf32>
  sg.output %z : tensor<2x2xf32>
  %s = sg.sum %z : tensor<2x2xf32>
  %c = sg.mul %s, %s : tensor<f32>
  sg.cost %c : tensor<f32>
}
