// Checked-mode test model (compiled with sgc --checked): every kind of
// run-time check, each on its own input.
sg.graph @g(%w: tensor<2xf32> {sg.param}, %v: tensor<2xf32> {sg.param}) {
  %l = sg.log %w : tensor<2xf32>
  %e = sg.exp %v : tensor<2xf32>
  %s = sg.add %l, %e : tensor<2xf32>
  %t = sg.sum %s : tensor<2xf32>
  sg.cost %t : tensor<f32>
}

sg.graph @domains(%a: tensor<2xf32> {sg.param}, %b: tensor<2xf32> {sg.param},
                  %c: tensor<2xf32> {sg.param}, %p: tensor<2xf32> {sg.param}) {
  %r = sg.sqrt %a : tensor<2xf32>
  %q = sg.div %r, %b : tensor<2xf32>
  %z = sg.normal %q, %c : tensor<2xf32>
  %x = sg.bernoulli %p : tensor<2xf32>
  %m = sg.mul %z, %x : tensor<2xf32>
  %t = sg.sum %m : tensor<2xf32>
  sg.cost %t : tensor<f32>
}
