// RUN: sg-opt %s --sg-parallelize-loops="min-work=1000 block-work=300" | FileCheck %s

// Tests that a linalg op with independent rows and enough work becomes a
// runtime call over an outlined row loop, and that small ops, ops whose
// outermost loop is a reduction and ops whose rows share an output stay.

#id = affine_map<(i, j) -> (i, j)>
#row = affine_map<(i, j) -> (i)>
#col = affine_map<(i, j) -> (j)>

// CHECK: func.func private @sg_parallel_range((!llvm.ptr, i64, i64) -> (), !llvm.ptr, i64, i64)

// 50 x 40 = 2,000 iterations >= 1,000; 300 / 40 rounds up to 8 rows a block.
// CHECK-LABEL: func.func @elementwise(
// CHECK-SAME: %[[X:[^:]+]]: memref<50x40xf32>, %[[B:[^:]+]]: memref<40xf32>, %[[Y:[^:]+]]: memref<50x40xf32>, %[[S:[^:]+]]: f32)
// CHECK: %[[SLOT:.+]] = llvm.alloca %{{.+}} x !llvm.struct<(ptr, ptr, ptr, f32)>
// CHECK-NOT: linalg.generic
// CHECK: %[[XP:.+]] = memref.extract_aligned_pointer_as_index %[[X]]
// CHECK: llvm.insertvalue
// CHECK: llvm.store %{{.+}}, %[[SLOT]] : !llvm.struct<(ptr, ptr, ptr, f32)>, !llvm.ptr
// CHECK: %[[FN:.+]] = constant @elementwise__par0 : (!llvm.ptr, i64, i64) -> ()
// CHECK-DAG: %[[N:.+]] = arith.constant 50 : i64
// CHECK-DAG: %[[G:.+]] = arith.constant 8 : i64
// CHECK: call @sg_parallel_range(%[[FN]], %[[SLOT]], %[[N]], %[[G]])
// CHECK-NOT: scf.for
// CHECK: return

// The outlined rows: the context unpacked into buffers, rows [begin, end).
// CHECK: func.func private @elementwise__par0(%[[CTX:.+]]: !llvm.ptr, %[[BEGIN:.+]]: i64, %[[END:.+]]: i64)
// CHECK-SAME: llvm.linkage = #llvm.linkage<internal>
// CHECK: %[[V:.+]] = llvm.load %[[CTX]] : !llvm.ptr -> !llvm.struct<(ptr, ptr, ptr, f32)>
// CHECK: %[[XA:.+]] = llvm.extractvalue %[[V]][0]
// CHECK: %[[XM:.+]] = builtin.unrealized_conversion_cast %{{.+}} : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> to memref<50x40xf32>
// CHECK: %[[SV:.+]] = llvm.extractvalue %[[V]][3] : !llvm.struct<(ptr, ptr, ptr, f32)>
// CHECK: %[[LO:.+]] = arith.index_cast %[[BEGIN]] : i64 to index
// CHECK: %[[HI:.+]] = arith.index_cast %[[END]] : i64 to index
// CHECK: scf.for %[[I:.+]] = %[[LO]] to %[[HI]]
// CHECK: scf.for %[[J:.+]] =
// CHECK: %[[XI:.+]] = affine.apply #{{.+}}(%[[I]])
// CHECK: %[[XJ:.+]] = affine.apply #{{.+}}(%[[J]])
// CHECK: memref.load %[[XM]][%[[XI]], %[[XJ]]]
// CHECK: arith.mulf %{{.+}}, %[[SV]]
// CHECK: memref.store
func.func @elementwise(%x: memref<50x40xf32>, %b: memref<40xf32>, %y: memref<50x40xf32>, %s: f32) {
  linalg.generic {indexing_maps = [#id, #col, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x, %b : memref<50x40xf32>, memref<40xf32>) outs(%y : memref<50x40xf32>) {
  ^bb0(%a: f32, %c: f32, %o: f32):
    %m = arith.mulf %a, %s : f32
    %r = arith.addf %m, %c : f32
    linalg.yield %r : f32
  }
  return
}

// A sum per row: split across rows, each sum whole in one block; the index
// of the row (linalg.index 0) is the row loop's variable.
// CHECK-LABEL: func.func @row_sums(
// CHECK: call @sg_parallel_range(
// CHECK: func.func private @row_sums__par0(
// CHECK: scf.for %[[R:.+]] = %{{.+}} to %{{.+}} step
// CHECK: scf.for
// CHECK: arith.index_cast %[[R]] : index to i64
// CHECK: arith.addf {{.+}} fastmath<reassoc>
func.func @row_sums(%x: memref<50x40xf32>, %y: memref<50xf32>) {
  linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : memref<50x40xf32>) outs(%y : memref<50xf32>) {
  ^bb0(%a: f32, %o: f32):
    %i = linalg.index 0 : index
    %ii = arith.index_cast %i : index to i64
    %f = arith.sitofp %ii : i64 to f32
    %m = arith.mulf %a, %f : f32
    %r = arith.addf %o, %m fastmath<reassoc> : f32
    linalg.yield %r : f32
  }
  return
}

// Left alone: 20 x 40 = 800 iterations (below min-work); a sum over the
// outermost loop (column sums); an output without the outermost loop in its
// map (every row writes the same elements).
// CHECK-LABEL: func.func @left_alone(
// CHECK-NOT: sg_parallel_range
// CHECK-COUNT-3: linalg.generic
// CHECK-NOT: sg_parallel_range
// CHECK: return
func.func @left_alone(%small: memref<20x40xf32>, %x: memref<50x40xf32>, %cols: memref<40xf32>, %out: memref<50x40xf32>) {
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%small : memref<20x40xf32>) outs(%small : memref<20x40xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = arith.addf %a, %a : f32
    linalg.yield %r : f32
  }
  linalg.generic {indexing_maps = [#id, #col], iterator_types = ["reduction", "parallel"]}
      ins(%x : memref<50x40xf32>) outs(%cols : memref<40xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = arith.addf %o, %a : f32
    linalg.yield %r : f32
  }
  linalg.generic {indexing_maps = [#id, #col], iterator_types = ["parallel", "parallel"]}
      ins(%x : memref<50x40xf32>) outs(%cols : memref<40xf32>) {
  ^bb0(%a: f32, %o: f32):
    linalg.yield %a : f32
  }
  return
}

// One block would hold every row (here the only one): no gain from a
// call, the op stays.
// CHECK-LABEL: func.func @one_block(
// CHECK-NOT: sg_parallel_range
// CHECK: linalg.generic
func.func @one_block(%x: memref<1x2000xf32>, %y: memref<1x2000xf32>) {
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : memref<1x2000xf32>) outs(%y : memref<1x2000xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = arith.negf %a : f32
    linalg.yield %r : f32
  }
  return
}
