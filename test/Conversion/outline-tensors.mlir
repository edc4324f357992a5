// RUN: sg-opt %s --sg-outline=max-ops=6 | FileCheck %s
// RUN: sg-opt %s --sg-outline=max-ops=6 \
// RUN:   --eliminate-empty-tensors --empty-tensor-to-alloc-tensor \
// RUN:   --one-shot-bufferize --canonicalize | FileCheck %s --check-prefix=BUF

// Tests sg-outline on tensors, as sgc runs it (before fusion and
// bufferization), on a function in the shape sg-abi gives: arguments are
// buffers read through `bufferization.to_tensor ... restrict` and results are
// materialized into them. A tensor a later chunk reads is written by its
// chunk into a buffer the caller allocates (%A, %H) and read back there
// through a new `to_tensor`; reads of an argument (%W) and fills of a
// constant (the reduction's initial value) are repeated in each chunk that
// needs them instead of passed. Each outlined function then bufferizes alone
// without copies or allocations (BUF).

#id = affine_map<(d0) -> (d0)>
#all = affine_map<(d0) -> ()>

// CHECK-LABEL: func.func @tensors(
// CHECK-SAME: %[[X:[^:]+]]: memref<4xf32> {llvm.noalias}, %[[W:[^:]+]]: memref<4xf32> {llvm.noalias}, %[[Y:[^:]+]]: memref<f32> {llvm.noalias})
// CHECK-NEXT: %[[A:.+]] = memref.alloc() : memref<4xf32>
// CHECK-NEXT: call @tensors__part0(%[[X]], %[[A]]) : (memref<4xf32>, memref<4xf32>) -> ()
// CHECK-NEXT: %[[H:.+]] = memref.alloc() : memref<4xf32>
// CHECK-NEXT: call @tensors__part1(%[[W]], %[[A]], %[[H]])
// CHECK-NEXT: call @tensors__part2(%[[H]], %[[W]], %[[Y]])
// CHECK-NEXT: return

// The reduction: its inputs read back, its initial value filled again.
// CHECK: func.func private @tensors__part2(%[[H2:[^:]+]]: memref<4xf32> {llvm.noalias}, %[[W2:[^:]+]]: memref<4xf32> {llvm.noalias}, %[[Y2:[^:]+]]: memref<f32> {llvm.noalias}) attributes {llvm.linkage = #llvm.linkage<internal>, no_inline}
// CHECK-DAG: %[[HT:.+]] = bufferization.to_tensor %[[H2]] restrict
// CHECK-DAG: %[[WT:.+]] = bufferization.to_tensor %[[W2]] restrict
// CHECK-DAG: %[[ZERO:.+]] = arith.constant 0.0
// CHECK-DAG: %[[E:.+]] = tensor.empty() : tensor<f32>
// CHECK: %[[INIT:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[E]] : tensor<f32>)
// CHECK: %[[S:.+]] = linalg.generic {{.+}} ins(%[[HT]], %[[WT]] : tensor<4xf32>, tensor<4xf32>) outs(%[[INIT]] : tensor<f32>)
// CHECK: bufferization.materialize_in_destination %[[S]] in restrict writable %[[Y2]]
// CHECK-NEXT: return

// The product: %a read back from the caller's buffer, %h written into one.
// CHECK: func.func private @tensors__part1(%[[W1:[^:]+]]: memref<4xf32> {llvm.noalias}, %[[A1:[^:]+]]: memref<4xf32> {llvm.noalias}, %[[H1:[^:]+]]: memref<4xf32> {llvm.noalias})
// CHECK-DAG: %[[AT:.+]] = bufferization.to_tensor %[[A1]] restrict
// CHECK-DAG: %[[WT1:.+]] = bufferization.to_tensor %[[W1]] restrict
// CHECK: %[[P:.+]] = linalg.generic {{.+}} ins(%[[AT]], %[[WT1]] :
// CHECK: arith.mulf
// CHECK: bufferization.materialize_in_destination %[[P]] in restrict writable %[[H1]]
// CHECK-NEXT: return

// CHECK: func.func private @tensors__part0(%[[X0:[^:]+]]: memref<4xf32> {llvm.noalias}, %[[A0:[^:]+]]: memref<4xf32> {llvm.noalias})
// CHECK: %[[XT:.+]] = bufferization.to_tensor %[[X0]] restrict
// CHECK: %[[T:.+]] = linalg.generic {{.+}} ins(%[[XT]] : tensor<4xf32>)
// CHECK: math.tanh
// CHECK: bufferization.materialize_in_destination %[[T]] in restrict writable %[[A0]]
// CHECK-NEXT: return

// BUF-LABEL: func.func @tensors(
// BUF: memref.alloc() : memref<4xf32>
// BUF: memref.alloc() : memref<4xf32>
// BUF-NOT: memref.alloc
// BUF-NOT: memref.copy
// BUF: func.func private @tensors__part2(%[[H2:[^:]+]]: memref<4xf32> {llvm.noalias}, %[[W2:[^:]+]]: memref<4xf32> {llvm.noalias}, %[[Y2:[^:]+]]: memref<f32> {llvm.noalias})
// BUF: linalg.fill ins(%{{.+}} : f32) outs(%[[Y2]] : memref<f32>)
// BUF: linalg.generic {{.+}} ins(%[[H2]], %[[W2]] : memref<4xf32>, memref<4xf32>) outs(%[[Y2]] : memref<f32>)
// BUF: func.func private @tensors__part1(%[[W1:[^:]+]]: memref<4xf32> {llvm.noalias}, %[[A1:[^:]+]]: memref<4xf32> {llvm.noalias}, %[[H1:[^:]+]]: memref<4xf32> {llvm.noalias})
// BUF: linalg.generic {{.+}} ins(%[[A1]], %[[W1]] : memref<4xf32>, memref<4xf32>) outs(%[[H1]] : memref<4xf32>)
// BUF: func.func private @tensors__part0(%[[X0:[^:]+]]: memref<4xf32> {llvm.noalias}, %[[A0:[^:]+]]: memref<4xf32> {llvm.noalias})
// BUF: linalg.generic {{.+}} ins(%[[X0]] : memref<4xf32>) outs(%[[A0]] : memref<4xf32>)
func.func @tensors(%x: memref<4xf32> {llvm.noalias}, %w: memref<4xf32> {llvm.noalias}, %y: memref<f32> {llvm.noalias}) {
  %zero = arith.constant 0.0 : f32
  %tx = bufferization.to_tensor %x restrict : memref<4xf32>
  %e0 = tensor.empty() : tensor<f32>
  %init = linalg.fill ins(%zero : f32) outs(%e0 : tensor<f32>) -> tensor<f32>
  %e = tensor.empty() : tensor<4xf32>
  %a = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%tx : tensor<4xf32>) outs(%e : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %t = math.tanh %in : f32
    linalg.yield %t : f32
  } -> tensor<4xf32>
  %tw = bufferization.to_tensor %w restrict : memref<4xf32>
  %h = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]}
      ins(%a, %tw : tensor<4xf32>, tensor<4xf32>) outs(%e : tensor<4xf32>) {
  ^bb0(%in: f32, %in2: f32, %out: f32):
    %m = arith.mulf %in, %in2 : f32
    linalg.yield %m : f32
  } -> tensor<4xf32>
  %s = linalg.generic {indexing_maps = [#id, #id, #all], iterator_types = ["reduction"]}
      ins(%h, %tw : tensor<4xf32>, tensor<4xf32>) outs(%init : tensor<f32>) {
  ^bb0(%in: f32, %in2: f32, %out: f32):
    %m = arith.mulf %in, %in2 : f32
    %r = arith.addf %out, %m : f32
    linalg.yield %r : f32
  } -> tensor<f32>
  bufferization.materialize_in_destination %s in restrict writable %y : (tensor<f32>, memref<f32>) -> ()
  return
}
