// RUN: sg-opt %s --split-input-file --sg-fuse-elementwise | FileCheck %s
// RUN: sg-opt %s --split-input-file --sg-fuse-elementwise=max-operands=4 \
// RUN:   | FileCheck %s --check-prefix=OPERANDS
// RUN: sg-opt %s --split-input-file --sg-fuse-elementwise=max-body-ops=3 \
// RUN:   | FileCheck %s --check-prefix=BODY

// Tests sg-fuse-elementwise: elementwise generics fuse into their only user
// as with linalg-fuse-elementwise-ops, but a fusion whose op would have more
// than max-operands operands (inputs and the output) or more than
// max-body-ops operations in its body (the yield included) is left undone.

#id = affine_map<(d0) -> (d0)>

// A sum of two products, (a * b + c * d): fused whole by default into one op
// of 5 operands and 4 body operations (3 arithmetic, the yield).
// CHECK-LABEL: func.func @sum_of_products(
// CHECK-SAME: %[[A:[^:]+]]: tensor<4xf32>, %[[B:[^:]+]]: tensor<4xf32>, %[[C:[^:]+]]: tensor<4xf32>, %[[D:[^:]+]]: tensor<4xf32>)
// CHECK: %[[R:.+]] = linalg.generic
// CHECK-SAME: ins(%[[A]], %[[B]], %[[C]], %[[D]] : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>)
// CHECK-NEXT: ^bb0(%[[XA:.+]]: f32, %[[XB:.+]]: f32, %[[XC:.+]]: f32, %[[XD:.+]]: f32, %{{.+}}: f32):
// CHECK-NEXT: %[[Q:.+]] = arith.mulf %[[XC]], %[[XD]]
// CHECK-NEXT: %[[P:.+]] = arith.mulf %[[XA]], %[[XB]]
// CHECK-NEXT: %[[S:.+]] = arith.addf %[[P]], %[[Q]]
// CHECK-NEXT: linalg.yield %[[S]]
// CHECK-NOT: linalg.generic
// CHECK: return %[[R]]
//
// With at most 4 operands the add absorbs the first product (a, b, the
// second product, the output: 4) but not the second one (5 operands).
// OPERANDS-LABEL: func.func @sum_of_products(
// OPERANDS-SAME: %[[A:[^:]+]]: tensor<4xf32>, %[[B:[^:]+]]: tensor<4xf32>, %[[C:[^:]+]]: tensor<4xf32>, %[[D:[^:]+]]: tensor<4xf32>)
// OPERANDS: %[[Q:.+]] = linalg.generic {{.+}} ins(%[[C]], %[[D]] : tensor<4xf32>, tensor<4xf32>)
// OPERANDS: arith.mulf
// OPERANDS: %[[R:.+]] = linalg.generic {{.+}} ins(%[[A]], %[[B]], %[[Q]] : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>)
// OPERANDS: arith.mulf
// OPERANDS-NEXT: arith.addf
// OPERANDS: return %[[R]]
//
// With at most 3 body operations each product fuses alone into the add
// (2 operations of the product less its yield, plus the add's 2: 3) and
// the second product then no longer fits.
// BODY-LABEL: func.func @sum_of_products(
// BODY-COUNT-2: linalg.generic
// BODY-NOT: linalg.generic
// BODY: return
func.func @sum_of_products(%a: tensor<4xf32>, %b: tensor<4xf32>,
                           %c: tensor<4xf32>, %d: tensor<4xf32>) -> tensor<4xf32> {
  %e = tensor.empty() : tensor<4xf32>
  %p = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]}
      ins(%a, %b : tensor<4xf32>, tensor<4xf32>) outs(%e : tensor<4xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %m = arith.mulf %x, %y : f32
    linalg.yield %m : f32
  } -> tensor<4xf32>
  %q = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]}
      ins(%c, %d : tensor<4xf32>, tensor<4xf32>) outs(%e : tensor<4xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %m = arith.mulf %x, %y : f32
    linalg.yield %m : f32
  } -> tensor<4xf32>
  %s = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]}
      ins(%p, %q : tensor<4xf32>, tensor<4xf32>) outs(%e : tensor<4xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %t = arith.addf %x, %y : f32
    linalg.yield %t : f32
  } -> tensor<4xf32>
  return %s : tensor<4xf32>
}

// -----

#id = affine_map<(d0) -> (d0)>

// A value with two users is not fused into either (upstream's rule).
// CHECK-LABEL: func.func @two_users(
// CHECK-COUNT-3: linalg.generic
// CHECK: return
func.func @two_users(%a: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %e = tensor.empty() : tensor<4xf32>
  %t = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%a : tensor<4xf32>) outs(%e : tensor<4xf32>) {
  ^bb0(%x: f32, %o: f32):
    %y = math.tanh %x : f32
    linalg.yield %y : f32
  } -> tensor<4xf32>
  %u = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%t : tensor<4xf32>) outs(%e : tensor<4xf32>) {
  ^bb0(%x: f32, %o: f32):
    %y = math.exp %x : f32
    linalg.yield %y : f32
  } -> tensor<4xf32>
  %v = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%t : tensor<4xf32>) outs(%e : tensor<4xf32>) {
  ^bb0(%x: f32, %o: f32):
    %y = math.log %x : f32
    linalg.yield %y : f32
  } -> tensor<4xf32>
  return %u, %v : tensor<4xf32>, tensor<4xf32>
}
