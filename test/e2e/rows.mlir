// A model for the _rows entry points (RowsTest.cpp), compiled for the whole
// batch of 6 and for slices of 2: a sample with a leading batch axis (keyed
// by the row of the whole batch), one without (the same for every slice),
// Bernoulli and categorical draws, and a parameter so that there is a
// gradient.
sg.graph @rows(%x: tensor<6x4xf32> {sg.input}, %w: tensor<4xf32> {sg.param}) {
  %e = sg.std_normal : tensor<6x4xf32>
  %s = sg.std_normal : tensor<3xf32>
  %b = sg.bernoulli %x : tensor<6x4xf32>
  %wb = sg.broadcast %w [1] : tensor<4xf32> -> tensor<6x4xf32>
  %m = sg.mul %wb, %e : tensor<6x4xf32>
  %a = sg.add %x, %m : tensor<6x4xf32>
  %q = sg.mul %a, %a : tensor<6x4xf32>
  %c = sg.sum %q : tensor<6x4xf32>
  sg.cost %c : tensor<f32>
  sg.output %e : tensor<6x4xf32>
  sg.output %s : tensor<3xf32>
  sg.output %b : tensor<6x4xf32>
  %k = sg.categorical %x : tensor<6x4xf32>
  sg.output %k : tensor<6x4xf32>
}
