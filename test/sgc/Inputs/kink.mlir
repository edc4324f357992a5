// relu(w - w) is evaluated at its kink for every w: sgc check notes that
// the gradient there may be a subderivative.
sg.graph @k(%w: tensor<3xf64> {sg.param}) {
  %d = sg.sub %w, %w : tensor<3xf64>
  %r = sg.relu %d : tensor<3xf64>
  %s = sg.sum %r : tensor<3xf64>
  %t = sg.sum %w : tensor<3xf64>
  %c = sg.add %s, %t : tensor<f64>
  sg.cost %c : tensor<f64>
}
