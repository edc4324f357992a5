sg.graph @coll(%x: tensor<2xf32> {sg.input}, %X: tensor<2xf32> {sg.param}) {
  %m = sg.mul %x, %X : tensor<2xf32>
  %s = sg.sum %m : tensor<2xf32>
  sg.cost %s : tensor<f32>
}
