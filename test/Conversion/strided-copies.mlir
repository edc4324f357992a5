// RUN: sg-opt %s --sg-forward --sg-abi --sg-lower-to-llvm | FileCheck %s

// Tests that copies from and into strided views (a slice returned as a
// result, operands inserted into a concat) are lowered inline: a call to
// memrefCopy, MLIR's runner-library function, would leave the generated
// library with an undefined symbol.
// CHECK-LABEL: llvm.func @s_forward(
// CHECK-NOT: memrefCopy
// CHECK: llvm.return
sg.graph @s(%a: tensor<4x5xf32> {sg.input}, %b: tensor<4x3xf32> {sg.input}) {
  %s = sg.slice %a [1, 2] : tensor<4x5xf32> -> tensor<2x3xf32>
  %c = sg.concat %a, %b axis 1 : tensor<4x5xf32>, tensor<4x3xf32>
  sg.output %s : tensor<2x3xf32>
  sg.output %c : tensor<4x8xf32>
}
