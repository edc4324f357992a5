// RUN: sg-opt %s -verify-diagnostics --sg-lint --test-sg-positivity

// Regression test: exp, then 64 chained `sg.add %a, %a`, then log. The
// positivity analysis once re-walked both (shared) operands of every add:
// 2^64 visits, which never finishes. It now visits each op once.
sg.graph @chain(%x: tensor<4xf32> {sg.param}) {
  // expected-remark @+1 {{positive}}
  %a0 = sg.exp %x : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a1 = sg.add %a0, %a0 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a2 = sg.add %a1, %a1 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a3 = sg.add %a2, %a2 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a4 = sg.add %a3, %a3 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a5 = sg.add %a4, %a4 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a6 = sg.add %a5, %a5 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a7 = sg.add %a6, %a6 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a8 = sg.add %a7, %a7 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a9 = sg.add %a8, %a8 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a10 = sg.add %a9, %a9 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a11 = sg.add %a10, %a10 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a12 = sg.add %a11, %a11 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a13 = sg.add %a12, %a12 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a14 = sg.add %a13, %a13 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a15 = sg.add %a14, %a14 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a16 = sg.add %a15, %a15 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a17 = sg.add %a16, %a16 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a18 = sg.add %a17, %a17 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a19 = sg.add %a18, %a18 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a20 = sg.add %a19, %a19 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a21 = sg.add %a20, %a20 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a22 = sg.add %a21, %a21 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a23 = sg.add %a22, %a22 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a24 = sg.add %a23, %a23 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a25 = sg.add %a24, %a24 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a26 = sg.add %a25, %a25 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a27 = sg.add %a26, %a26 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a28 = sg.add %a27, %a27 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a29 = sg.add %a28, %a28 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a30 = sg.add %a29, %a29 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a31 = sg.add %a30, %a30 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a32 = sg.add %a31, %a31 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a33 = sg.add %a32, %a32 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a34 = sg.add %a33, %a33 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a35 = sg.add %a34, %a34 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a36 = sg.add %a35, %a35 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a37 = sg.add %a36, %a36 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a38 = sg.add %a37, %a37 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a39 = sg.add %a38, %a38 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a40 = sg.add %a39, %a39 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a41 = sg.add %a40, %a40 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a42 = sg.add %a41, %a41 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a43 = sg.add %a42, %a42 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a44 = sg.add %a43, %a43 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a45 = sg.add %a44, %a44 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a46 = sg.add %a45, %a45 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a47 = sg.add %a46, %a46 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a48 = sg.add %a47, %a47 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a49 = sg.add %a48, %a48 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a50 = sg.add %a49, %a49 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a51 = sg.add %a50, %a50 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a52 = sg.add %a51, %a51 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a53 = sg.add %a52, %a52 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a54 = sg.add %a53, %a53 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a55 = sg.add %a54, %a54 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a56 = sg.add %a55, %a55 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a57 = sg.add %a56, %a56 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a58 = sg.add %a57, %a57 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a59 = sg.add %a58, %a58 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a60 = sg.add %a59, %a59 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a61 = sg.add %a60, %a60 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a62 = sg.add %a61, %a61 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a63 = sg.add %a62, %a62 : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %a64 = sg.add %a63, %a63 : tensor<4xf32>
  // No lint warning: the argument of log is positive.
  // expected-remark @+1 {{real}}
  %l = sg.log %a64 : tensor<4xf32>
  // expected-remark @+1 {{real}}
  %s = sg.sum %l : tensor<4xf32>
  sg.cost %s : tensor<f32>
}
