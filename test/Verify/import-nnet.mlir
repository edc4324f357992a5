// Tests `sgc import-nnet`: a .nnet network becomes an sg graph of constants,
// sg.matmul, sg.bias_add and sg.relu that sg-opt reads back and sgc
// compiles; malformed files get a located error and exit code 1.

// RUN: sgc import-nnet %S/Inputs/absdiff.nnet -o - | FileCheck %s
// CHECK: // Imported from absdiff.nnet by sgc import-nnet: 2-2-1
// CHECK: sg.graph @absdiff(%x: tensor<1x2xf64> {sg.input}{{.*}}) {
// CHECK-NEXT: %[[W0:.*]] = sg.constant dense<{{\[\[}}1.000000e+00, -1.000000e+00], [-1.000000e+00, 1.000000e+00]]> : tensor<2x2xf64>
// CHECK-NEXT: %[[A0:.*]] = sg.matmul %x, %[[W0]] : tensor<1x2xf64>, tensor<2x2xf64>
// CHECK-NEXT: %[[B0:.*]] = sg.constant dense<0.000000e+00> : tensor<2xf64>
// CHECK-NEXT: %[[H0:.*]] = sg.bias_add %[[A0]], %[[B0]]
// CHECK-NEXT: %[[R0:.*]] = sg.relu %[[H0]] : tensor<1x2xf64>
// CHECK-NEXT: %[[W1:.*]] = sg.constant dense<1.000000e+00> : tensor<2x1xf64>
// CHECK-NEXT: %[[A1:.*]] = sg.matmul %[[R0]], %[[W1]]
// CHECK: %[[Y:.*]] = sg.bias_add
// CHECK-NEXT: sg.output %[[Y]] : tensor<1x1xf64>
// CHECK-NOT: sg.relu

// Ops carry the location of their layer's first weight line.
// RUN: sgc import-nnet %S/Inputs/absdiff.nnet -o - | FileCheck %s --check-prefix=LOC
// LOC: sg.matmul {{.*}} loc(#[[L1:loc[0-9]*]])
// LOC: sg.matmul {{.*}} loc(#[[L2:loc[0-9]*]])
// LOC-DAG: #[[L1]] = loc("{{.*}}absdiff.nnet":10:1)
// LOC-DAG: #[[L2]] = loc("{{.*}}absdiff.nnet":14:1)

// The imported graph compiles; names and precision can be chosen.
// RUN: sgc import-nnet %S/Inputs/absdiff.nnet --name net --precision f32 -o %t.mlir
// RUN: FileCheck %s --check-prefix=F32 < %t.mlir
// F32: sg.graph @net(%x: tensor<1x2xf32> {sg.input}
// RUN: sgc %t.mlir --emit=header -o - | FileCheck %s --check-prefix=HEADER
// HEADER: int net_forward(const float *x, float *out0

// The 45 ACAS Xu networks' format: 6 hidden relu layers of 50 units.
// RUN: sgc import-nnet %sg_src_root/../shared/data/acasxu/ACASXU_run2a_1_1_batch_2000.nnet -o - | FileCheck %s --check-prefix=ACAS
// ACAS: sg.graph @ACASXU_run2a_1_1_batch_2000(%x: tensor<1x5xf64> {sg.input}
// ACAS-COUNT-6: sg.relu {{.*}} : tensor<1x50xf64>
// ACAS: sg.output {{.*}} : tensor<1x5xf64>

// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc import-nnet %S/Inputs/bad-weights.nnet 2>&1 | FileCheck %s --check-prefix=BAD
// BAD: bad-weights.nnet:9:6: error: expected a number
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc import-nnet %t.missing.nnet 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: missing.nnet: cannot open file
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc import-nnet %S/Inputs/absdiff.nnet --precision f16 2>&1 | FileCheck %s --check-prefix=FLAG
// FLAG: sgc import-nnet: --precision must be f32 or f64
