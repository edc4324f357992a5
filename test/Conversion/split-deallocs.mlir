// RUN: sg-opt %s --split-input-file --sg-split-deallocs | FileCheck %s

// Tests sg-split-deallocs: a bufferization.dealloc of distinct memref.alloc
// results, each with the constant condition true and nothing retained,
// becomes one memref.dealloc per buffer; any other dealloc is left alone.

// CHECK-LABEL: func.func @distinct_allocations(
// CHECK: %[[A:.+]] = memref.alloc() : memref<4xf32>
// CHECK: %[[B:.+]] = memref.alloc() : memref<8xf32>
// CHECK-NOT: bufferization.dealloc
// CHECK: memref.dealloc %[[A]] : memref<4xf32>
// CHECK-NEXT: memref.dealloc %[[B]] : memref<8xf32>
// CHECK-NEXT: return
func.func @distinct_allocations() {
  %true = arith.constant true
  %a = memref.alloc() : memref<4xf32>
  %b = memref.alloc() : memref<8xf32>
  bufferization.dealloc (%a, %b : memref<4xf32>, memref<8xf32>) if (%true, %true)
  return
}

// -----

// A computed condition: ownership decided at run time.
// CHECK-LABEL: func.func @computed_condition(
// CHECK: bufferization.dealloc
// CHECK-NOT: memref.dealloc
func.func @computed_condition(%c: i1) {
  %true = arith.constant true
  %a = memref.alloc() : memref<4xf32>
  %b = memref.alloc() : memref<8xf32>
  bufferization.dealloc (%a, %b : memref<4xf32>, memref<8xf32>) if (%true, %c)
  return
}

// -----

// A memref that is not a fresh allocation may alias another one.
// CHECK-LABEL: func.func @argument(
// CHECK: bufferization.dealloc
// CHECK-NOT: memref.dealloc
func.func @argument(%m: memref<4xf32>) {
  %true = arith.constant true
  %a = memref.alloc() : memref<4xf32>
  bufferization.dealloc (%a, %m : memref<4xf32>, memref<4xf32>) if (%true, %true)
  return
}

// -----

// A retained value: the dealloc computes whether it is still owned.
// CHECK-LABEL: func.func @retained(
// CHECK: bufferization.dealloc
// CHECK-NOT: memref.dealloc
func.func @retained(%r: memref<4xf32>) -> i1 {
  %true = arith.constant true
  %a = memref.alloc() : memref<4xf32>
  %o = bufferization.dealloc (%a : memref<4xf32>) if (%true) retain (%r : memref<4xf32>)
  return %o : i1
}

// -----

// The same allocation twice: freeing it once is the dealloc's job.
// CHECK-LABEL: func.func @twice(
// CHECK: bufferization.dealloc
// CHECK-NOT: memref.dealloc
func.func @twice() {
  %true = arith.constant true
  %a = memref.alloc() : memref<4xf32>
  bufferization.dealloc (%a, %a : memref<4xf32>, memref<4xf32>) if (%true, %true)
  return
}
