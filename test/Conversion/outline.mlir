// RUN: sg-opt %s --split-input-file --sg-outline=max-ops=4 | FileCheck %s
// RUN: sg-opt %s --split-input-file --sg-outline | FileCheck %s --check-prefix=OFF

// Tests sg-outline on buffers: chunks of at most 4 operations (a
// linalg.generic counts with its body) become private, internal, no_inline
// functions called in place; a buffer allocated in one chunk and read in a
// later one is allocated by the caller and passed to both; constants and
// views are cloned, not passed; scalars come back as results; memref
// arguments are noalias when no other argument reaches the same buffer.
// Without max-ops nothing changes.

#id = affine_map<(d0) -> (d0)>

// CHECK-LABEL: func.func @chain(
// CHECK-SAME: %[[X:[^:]+]]: memref<4xf32> {llvm.noalias}, %[[Y:[^:]+]]: memref<4xf32> {llvm.noalias})
// CHECK: %[[T:.+]] = memref.alloc() : memref<4xf32>
// CHECK-NEXT: call @chain__part0(%[[X]], %[[T]]) : (memref<4xf32>, memref<4xf32>) -> ()
// CHECK-NEXT: call @chain__part1(%[[T]], %[[Y]]) : (memref<4xf32>, memref<4xf32>) -> ()
// CHECK-NEXT: return
// CHECK: func.func private @chain__part1(%[[A:.+]]: memref<4xf32> {llvm.noalias}, %[[B:.+]]: memref<4xf32> {llvm.noalias}) attributes {llvm.linkage = #llvm.linkage<internal>, no_inline}
// CHECK: %[[TWO:.+]] = arith.constant 2.0
// CHECK: linalg.generic {{.+}} ins(%[[A]] : memref<4xf32>) outs(%[[B]] : memref<4xf32>)
// CHECK: arith.mulf %{{.+}}, %[[TWO]]
// CHECK: func.func private @chain__part0(%[[C:.+]]: memref<4xf32> {llvm.noalias}, %[[D:.+]]: memref<4xf32> {llvm.noalias}) attributes {llvm.linkage = #llvm.linkage<internal>, no_inline}
// CHECK-NOT: memref.alloc
// CHECK: linalg.generic {{.+}} ins(%[[C]] : memref<4xf32>) outs(%[[D]] : memref<4xf32>)
// CHECK: math.tanh
// OFF-LABEL: func.func @chain(
// OFF-NOT: __part
func.func @chain(%x: memref<4xf32> {llvm.noalias}, %y: memref<4xf32> {llvm.noalias}) {
  %two = arith.constant 2.0 : f32
  %t = memref.alloc() : memref<4xf32>
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : memref<4xf32>) outs(%t : memref<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %e = math.tanh %in : f32
    linalg.yield %e : f32
  }
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%t : memref<4xf32>) outs(%y : memref<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %e = arith.mulf %in, %two : f32
    linalg.yield %e : f32
  }
  return
}

// -----

// A scalar read by a later chunk is returned; a view made in one chunk is
// made again by the caller (from the buffer it passes) and cloned into the
// chunk that reads it. An argument the caller did not mark noalias is not
// noalias in the callee either.

// CHECK-LABEL: func.func @scalar_and_view(
// CHECK-SAME: %[[X:[^:]+]]: memref<2x2xf32>, %[[Y:[^:]+]]: memref<f32> {llvm.noalias})
// CHECK: %[[S:.+]] = call @scalar_and_view__part0(%[[X]]) : (memref<2x2xf32>) -> f32
// CHECK: call @scalar_and_view__part1(%[[X]], %[[S]], %[[Y]]) : (memref<2x2xf32>, f32, memref<f32>) -> ()
// CHECK: func.func private @scalar_and_view__part1(%[[X1:[^:]+]]: memref<2x2xf32>, %[[S1:[^:]+]]: f32, %[[Y1:[^:]+]]: memref<f32> {llvm.noalias})
// CHECK: %[[V:.+]] = memref.collapse_shape %[[X1]]
// CHECK: memref.load %[[V]]
// CHECK: arith.addf %[[S1]]
// CHECK: memref.store %{{.+}}, %[[Y1]]
// CHECK: func.func private @scalar_and_view__part0(%[[X0:[^:]+]]: memref<2x2xf32>) -> f32
// CHECK: memref.collapse_shape %[[X0]]
// CHECK: return %{{.+}} : f32
func.func @scalar_and_view(%x: memref<2x2xf32>, %y: memref<f32> {llvm.noalias}) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %v = memref.collapse_shape %x [[0, 1]] : memref<2x2xf32> into memref<4xf32>
  %a = memref.load %v[%c0] : memref<4xf32>
  %b = arith.mulf %a, %a : f32
  %b2 = arith.mulf %b, %b : f32
  %d = memref.load %v[%c1] : memref<4xf32>
  %e = arith.addf %b2, %d : f32
  memref.store %e, %y[] : memref<f32>
  return
}

// -----

// A buffer the chunk cannot hand to the caller (here one a call returns)
// does not cross a cut: the chunk grows until the buffer's last use.

// CHECK-LABEL: func.func @unmovable_buffer(
// CHECK-NOT: memref.store
// CHECK: call @unmovable_buffer__part0(%{{.+}}) : (memref<f32>) -> ()
// CHECK-NEXT: return
// CHECK: func.func private @unmovable_buffer__part0(
// CHECK: call @make()
// CHECK-COUNT-4: memref.store
func.func private @make() -> memref<f32>
func.func @unmovable_buffer(%y: memref<f32> {llvm.noalias}) {
  %one = arith.constant 1.0 : f32
  %m = call @make() : () -> memref<f32>
  memref.store %one, %y[] : memref<f32>
  memref.store %one, %y[] : memref<f32>
  memref.store %one, %y[] : memref<f32>
  memref.store %one, %m[] : memref<f32>
  return
}

// -----

// Bodies within the limit, and bodies of more than one block, stay whole.

// CHECK-LABEL: func.func @small(
// CHECK-NOT: call
// CHECK-LABEL: func.func @blocks(
// CHECK-NOT: call
// CHECK-NOT: func.func private
func.func @small(%y: memref<f32>) {
  %one = arith.constant 1.0 : f32
  memref.store %one, %y[] : memref<f32>
  return
}
func.func @blocks(%y: memref<f32>, %c: i1) {
  %one = arith.constant 1.0 : f32
  memref.store %one, %y[] : memref<f32>
  memref.store %one, %y[] : memref<f32>
  memref.store %one, %y[] : memref<f32>
  memref.store %one, %y[] : memref<f32>
  llvm.cond_br %c, ^a, ^b
^a:
  memref.store %one, %y[] : memref<f32>
  return
^b:
  return
}
