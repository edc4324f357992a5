// RUN: sg-opt %s --sg-approximate-math | FileCheck %s

// Tests that log1p(exp(−|x|)), softplus's correction term, becomes the
// polynomial on [0, 1] (e + e·(e·R(e)) with R of degree 8 by Horner's
// scheme, its constant term −0.5) and that a log1p whose argument is not
// known to lie in [0, 1] keeps MLIR's general approximation, as does f64.

// CHECK-LABEL: func.func @softplus_term(
// CHECK-SAME: %[[X:[^:]+]]: f32
// CHECK-DAG: %[[C8:.+]] = arith.constant -0.00332262926 : f32
// CHECK-DAG: %[[C7:.+]] = arith.constant 0.0202236399 : f32
// CHECK-DAG: %[[C0:.+]] = arith.constant -0.499999344 : f32
// CHECK: %[[A:.+]] = math.absf %[[X]] : f32
// CHECK: arith.negf %[[A]] : f32
// The exp of the argument still gets its own polynomial (no math.exp left).
// CHECK-NOT: math.exp
// CHECK-NOT: math.log1p
// CHECK: math.fma %[[C8]], %[[E:[^,]+]], %[[C7]] : f32
// CHECK-COUNT-6: math.fma %{{.+}}, %[[E]], %{{.+}} : f32
// CHECK: %[[R0:.+]] = math.fma %{{.+}}, %[[E]], %[[C0]] : f32
// CHECK: %[[ER:.+]] = arith.mulf %[[E]], %[[R0]] : f32
// CHECK: %[[L:.+]] = math.fma %[[E]], %[[ER]], %[[E]] : f32
// CHECK-NOT: arith.divf
// CHECK: return %[[L]]
func.func @softplus_term(%x: f32) -> f32 {
  %a = math.absf %x : f32
  %n = arith.negf %a : f32
  %e = math.exp %n : f32
  %l = math.log1p %e : f32
  return %l : f32
}

// The same on vectors.
// CHECK-LABEL: func.func @softplus_term_vector(
// CHECK-NOT: math.log1p
// CHECK: arith.constant dense<-0.499999344> : vector<16xf32>
// CHECK: math.fma {{.+}} : vector<16xf32>
func.func @softplus_term_vector(%x: vector<16xf32>) -> vector<16xf32> {
  %a = math.absf %x : vector<16xf32>
  %n = arith.negf %a : vector<16xf32>
  %e = math.exp %n : vector<16xf32>
  %l = math.log1p %e : vector<16xf32>
  return %l : vector<16xf32>
}

// exp(x) may exceed 1: MLIR's log1p approximation (which divides by u − 1).
// CHECK-LABEL: func.func @unbounded(
// CHECK-NOT: -0.499999344
// CHECK: arith.divf
// CHECK: return
func.func @unbounded(%x: f32) -> f32 {
  %e = math.exp %x : f32
  %l = math.log1p %e : f32
  return %l : f32
}

// f64 is left to libm.
// CHECK-LABEL: func.func @double(
// CHECK: %[[L:.+]] = math.log1p %{{.+}} : f64
// CHECK: return %[[L]]
func.func @double(%x: f64) -> f64 {
  %a = math.absf %x : f64
  %n = arith.negf %a : f64
  %e = math.exp %n : f64
  %l = math.log1p %e : f64
  return %l : f64
}
