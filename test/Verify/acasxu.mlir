// REQUIRES: acasxu-data
// ACAS Xu in CI: a few instances of the VNN-COMP benchmark, each answered
// as the literature does (property 1 holds on every network; property 2 is
// violated on N2,1; property 3 on N1,7), every sat confirmed by the compiled
// network, and a certified region. bench/acasxu.sh runs all 186. The
// networks and properties are in ../shared/data/acasxu, outside the checkout.

// RUN: sgc import-nnet %sg_src_root/../shared/data/acasxu/ACASXU_run2a_1_1_batch_2000.nnet -o %t.1_1.mlir
// RUN: sgc import-nnet %sg_src_root/../shared/data/acasxu/ACASXU_run2a_2_2_batch_2000.nnet -o %t.2_2.mlir
// RUN: sgc import-nnet %sg_src_root/../shared/data/acasxu/ACASXU_run2a_2_1_batch_2000.nnet -o %t.2_1.mlir
// RUN: sgc import-nnet %sg_src_root/../shared/data/acasxu/ACASXU_run2a_1_7_batch_2000.nnet -o %t.1_7.mlir
// RUN: sgc import-nnet %sg_src_root/../shared/data/acasxu/ACASXU_run2a_4_5_batch_2000.nnet -o %t.4_5.mlir

// RUN: sgc verify %t.1_1.mlir --property %sg_src_root/../shared/data/acasxu/prop_1.vnnlib --quiet | FileCheck %s --check-prefix=UNSAT
// RUN: sgc verify %t.2_2.mlir --property %sg_src_root/../shared/data/acasxu/prop_1.vnnlib --quiet | FileCheck %s --check-prefix=UNSAT
// RUN: sgc verify %t.4_5.mlir --property %sg_src_root/../shared/data/acasxu/prop_10.vnnlib --quiet | FileCheck %s --check-prefix=UNSAT
// UNSAT: {{^unsat$}}

// RUN: sgc verify %t.2_1.mlir --property %sg_src_root/../shared/data/acasxu/prop_2.vnnlib --quiet | FileCheck %s --check-prefix=SAT
// RUN: sgc verify %t.1_7.mlir --property %sg_src_root/../shared/data/acasxu/prop_3.vnnlib --quiet | FileCheck %s --check-prefix=SAT
// SAT: {{^sat$}}
// SAT-NEXT: x = [{{[^,]+}}, {{[^,]+}}, {{[^,]+}}, {{[^,]+}}, {{[^,]+}}]
// SAT-NEXT: y = [
// SAT-NEXT: confirmed by the compiled network

// Property 3 holds on N1,1: a certified box around a point of its region.
// RUN: sgc verify %t.1_1.mlir --property %sg_src_root/../shared/data/acasxu/prop_3.vnnlib --find-region --around -0.3,0,0.497,0.4,0.4 | FileCheck %s --check-prefix=REGION
// REGION: region: the property holds on this box around the point
// REGION-COUNT-5: X_{{[0-4]}} in [
// REGION-NEXT: log-volume
// REGION-NEXT: kinks: {{[0-9]+}} of 300 relus may change sign on the box
// The largest box of the point's activation pattern (all 300 relus stable on
// it, certified), far smaller than the region grown beyond it.
// REGION-NEXT: activation-pattern box (the largest box on which every relu keeps its sign at the point and the property holds): log-volume -{{[0-9.]+}}
// REGION-NEXT: optimum -{{[0-9.]+}} after {{[0-9]+}} Newton steps, certified after shrinking by 1
// REGION-COUNT-5: X_{{[0-4]}} in [
// REGION-NEXT: beyond the pattern: log-volume
// REGION-NEXT: greedy box (grown from the point): log-volume -{{[0-9.]+}}
// REGION-COUNT-5: X_{{[0-4]}} in [
// REGION-NEXT: gain over the greedy box:
