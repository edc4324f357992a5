// Tests that sgc refuses, with an error located at the value or name, what
// the C ABI cannot express: tensors whose element count or byte size does
// not fit in int64_t (the header said G_X_SIZE 0 and C callers overran
// their buffers), graph names that are not C identifiers, and names that
// collide once they are C names or upper-case header macros.

// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc %S/Inputs/huge-tensor.mlir -o %t.so 2>&1 | FileCheck %s --check-prefix=HUGE
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc %S/Inputs/huge-tensor.mlir --emit=header -o %t.h 2>&1 | FileCheck %s --check-prefix=HUGE
// HUGE: huge-tensor.mlir:1:15: error: a tensor of type 'tensor<4294967296x4294967296xf32>' has more elements or bytes than int64_t counts

// --batch-size grows the batch axis beyond int64_t's elements.
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc %sg_src_root/examples/vae/vae.mlir --batch-size=9223372036854775807 -o %t.so 2>&1 | FileCheck %s --check-prefix=BATCH
// BATCH: vae.mlir:{{[0-9]+}}:{{[0-9]+}}: error: a tensor of type 'tensor<9223372036854775807x784xf32>' has more elements or bytes than int64_t counts

// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc %S/Inputs/c-name-case.mlir --emit=header -o %t.h 2>&1 | FileCheck %s --check-prefix=CASE
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc %S/Inputs/c-name-case.mlir -o %t.so 2>&1 | FileCheck %s --check-prefix=CASE
// CASE: c-name-case.mlir:1:46: error: argument %x and argument %X of @coll have the same header macro COLL_X: rename one

// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc %S/Inputs/c-name-graph.mlir -o %t.so 2>&1 | FileCheck %s --check-prefix=GRAPH
// GRAPH: c-name-graph.mlir:1:1: error: graph name "a b" is not a C identifier

// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc %S/Inputs/c-name-generated.mlir --emit=header -o %t.h 2>&1 | FileCheck %s --check-prefix=SEED
// SEED: c-name-generated.mlir:1:43: error: the generated parameter seed and argument %seed of @g have the same C parameter name seed: rename one

// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc %S/Inputs/c-name-gradient.mlir --emit=header -o %t.h 2>&1 | FileCheck %s --check-prefix=GRAD
// GRAD: c-name-gradient.mlir:1:{{[0-9]+}}: error: the gradient of argument %w and argument %d_w of @g have the same C parameter name d_w: rename one
