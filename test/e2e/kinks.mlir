// Gradients at kinks (Lee, Park, Aiken): test/e2e/KinkTest.cpp evaluates
// these at w = 0, where relu and maximum are not differentiable.

// relu(w): the pullback uses relu'(0) = 0.
sg.graph @relu(%w: tensor<3xf64> {sg.param}) {
  %r = sg.relu %w : tensor<3xf64>
  %s = sg.sum %r : tensor<3xf64>
  sg.cost %s : tensor<f64>
}

// max(w, 0) is relu(w) written differently: the same gradient at 0.
sg.graph @max0(%w: tensor<3xf64> {sg.param}) {
  %zero = sg.constant dense<0.0> : tensor<3xf64>
  %r = sg.maximum %w, %zero : tensor<3xf64>
  %s = sg.sum %r : tensor<3xf64>
  sg.cost %s : tensor<f64>
}

// The paper's example: relu(w) − relu(−w) = w, whose derivative is 1
// everywhere; AD at w = 0 returns 0·1 − 0·(−1) = 0, not the derivative.
sg.graph @identity(%w: tensor<3xf64> {sg.param}) {
  %a = sg.relu %w : tensor<3xf64>
  %n = sg.neg %w : tensor<3xf64>
  %b = sg.relu %n : tensor<3xf64>
  %d = sg.sub %a, %b : tensor<3xf64>
  %s = sg.sum %d : tensor<3xf64>
  sg.cost %s : tensor<f64>
}
