// A model with two bugs sgc check must catch: %unused never reaches the
// cost, and the loss is a softmax cross-entropy over a single class (always
// 0, so one step leaves %l unchanged too).
sg.graph @bad(%l: tensor<4x1xf32> {sg.param}, %unused: tensor<3xf32> {sg.param},
              %t: tensor<4x1xf32> {sg.input}) {
  %ce = sg.softmax_cross_entropy %l, %t : tensor<4x1xf32>
  sg.cost %ce : tensor<f32>
}
