"sg.graph"() ({
^bb0(%a: tensor<2xf32>, %b: tensor<2xf32>):
  %m = "sg.mul"(%a, %b) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %s = "sg.sum"(%m) : (tensor<2xf32>) -> tensor<f32>
  "sg.cost"(%s) : (tensor<f32>) -> ()
}) {sym_name = "g", function_type = (tensor<2xf32>, tensor<2xf32>) -> (),
    arg_attrs = [{sg.input}, {sg.param}],
    arg_names = ["x\00\0A*/\22\5C??/", "w\01\7F\C3\A9"]} : () -> ()
