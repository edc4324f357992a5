// REQUIRES: acasxu-data
// `sgc verify --alpha-steps` on ACAS Xu N4,9 property 3, which CROWN with
// input splitting leaves unknown after 116 s (bench/acasxu-results.csv):
// with optimized relu slopes it is proven in about 3,300 boxes.

// RUN: sgc import-nnet %sg_src_root/../shared/data/acasxu/ACASXU_run2a_4_9_batch_2000.nnet -o %t.4_9.mlir
// RUN: sgc verify %t.4_9.mlir --property %sg_src_root/../shared/data/acasxu/prop_3.vnnlib --alpha-steps 10 --quiet | FileCheck %s
// CHECK: {{^unsat$}}
