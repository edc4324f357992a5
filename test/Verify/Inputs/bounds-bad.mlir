// expected-error@+1 {{bound analysis needs the weights as constants, but argument %w is a parameter}}
sg.graph @param(%x: tensor<1x1xf64> {sg.input}, %w: tensor<1x1xf64> {sg.param}) {
  %y = sg.matmul %x, %w : tensor<1x1xf64>, tensor<1x1xf64>
  sg.output %y : tensor<1x1xf64>
}

// -----

sg.graph @exp(%x: tensor<1x1xf64> {sg.input}) {
  // expected-error@+1 {{bound analysis does not support 'sg.exp'}}
  %y = sg.exp %x : tensor<1x1xf64>
  sg.output %y : tensor<1x1xf64>
}

// -----

sg.graph @branch(%x: tensor<1x1xf64> {sg.input}) {
  %a = sg.relu %x : tensor<1x1xf64>
  // expected-error@+1 {{bound analysis needs a single chain of layers from the input; 'sg.add' does not continue it}}
  %b = sg.add %a, %a : tensor<1x1xf64>
  sg.output %b : tensor<1x1xf64>
}

// -----

sg.graph @noisy(%x: tensor<1x1xf64> {sg.input}) {
  // expected-error@+1 {{bound analysis covers deterministic graphs: 'sg.std_normal' is not allowed}}
  %e = sg.std_normal : tensor<1x1xf64>
  %y = sg.add %x, %e : tensor<1x1xf64>
  sg.output %y : tensor<1x1xf64>
}

// -----

// expected-error@+1 {{bound analysis needs a 1 x n input (one example), not 'tensor<4xf64>'}}
sg.graph @batch(%x: tensor<4xf64> {sg.input}) {
  sg.output %x : tensor<4xf64>
}

// -----

// expected-error@+1 {{sg-bounds: the box has 1 lower and 1 upper ends for 2 inputs}}
sg.graph @box(%x: tensor<1x2xf64> {sg.input}) {
  sg.output %x : tensor<1x2xf64>
}
