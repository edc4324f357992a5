// REQUIRES: acasxu-data
// `sgc verify --alpha-steps/--alpha-depth` on ACAS Xu N4,9 property 3,
// which CROWN with input splitting leaves unknown after 116 s
// (bench/acasxu-results.csv; 4,651 boxes in 5 s here): with the relu
// inputs' bounds optimized on the whole region, no split is needed: the
// region is bounded twice, with CROWN's and then with the optimized
// intermediate bounds (one worker thread: a deterministic count).

// RUN: sgc import-nnet %sg_src_root/../shared/data/acasxu/ACASXU_run2a_4_9_batch_2000.nnet -o %t.4_9.mlir
// RUN: sgc verify %t.4_9.mlir --property %sg_src_root/../shared/data/acasxu/prop_3.vnnlib --alpha-steps 10 --alpha-depth 0 --threads 1 2>&1 | FileCheck %s
// CHECK: crown with optimized slopes (10 steps, intermediate bounds to depth 0) bounds
// CHECK: {{^unsat$}}
// CHECK-NEXT: {{^  [0-9.]+ s, 2 boxes bounded$}}

// With --alpha-after, the CROWN phase (0.5 s) does not decide it; the
// phase with optimized slopes then does.
// RUN: sgc verify %t.4_9.mlir --property %sg_src_root/../shared/data/acasxu/prop_3.vnnlib --alpha-steps 10 --alpha-depth 0 --alpha-after 0.5 --quiet | FileCheck %s --check-prefix=AFTER
// AFTER: {{^unsat$}}

// An --alpha-after not below --timeout leaves CROWN alone for the whole
// limit: then the property stays undecided (with optimized slopes from the
// start it took 0.1 s above).
// RUN: sgc verify %t.4_9.mlir --property %sg_src_root/../shared/data/acasxu/prop_3.vnnlib --alpha-steps 10 --alpha-depth 0 --alpha-after 2 --timeout 2 --quiet | FileCheck %s --check-prefix=LIMIT
// LIMIT: {{^unknown$}}
