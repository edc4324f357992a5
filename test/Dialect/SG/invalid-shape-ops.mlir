// RUN: sg-opt %s -split-input-file -verify-diagnostics

// Tests the located errors of reshape, slice, concat and mean.

sg.graph @reshape_count(%x: tensor<4x6xf32> {sg.input}) {
  // expected-error @+1 {{'sg.reshape' op cannot reshape 4x6 (24 elements) into 5x5 (25 elements)}}
  %r = sg.reshape %x : tensor<4x6xf32> -> tensor<5x5xf32>
}

// -----

sg.graph @reshape_element_type(%x: tensor<4xf32> {sg.input}) {
  // expected-error @+1 {{'sg.reshape' op requires the same element type for all operands and results}}
  %r = sg.reshape %x : tensor<4xf32> -> tensor<2x2xf64>
}

// -----

sg.graph @slice_past_end(%x: tensor<4x6xf32> {sg.input}) {
  // expected-error @+1 {{'sg.slice' op axis 1: elements [4, 7) are out of range for size 6}}
  %s = sg.slice %x [0, 4] : tensor<4x6xf32> -> tensor<4x3xf32>
}

// -----

sg.graph @slice_negative(%x: tensor<4x6xf32> {sg.input}) {
  // expected-error @+1 {{'sg.slice' op axis 0: elements [-1, 1) are out of range for size 4}}
  %s = sg.slice %x [-1, 0] : tensor<4x6xf32> -> tensor<2x6xf32>
}

// -----

sg.graph @slice_offsets(%x: tensor<4x6xf32> {sg.input}) {
  // expected-error @+1 {{'sg.slice' op needs one offset per axis: operand has rank 2 but 1 offsets are given}}
  %s = sg.slice %x [0] : tensor<4x6xf32> -> tensor<4x3xf32>
}

// -----

sg.graph @slice_rank(%x: tensor<4x6xf32> {sg.input}) {
  // expected-error @+1 {{'sg.slice' op result rank 1 differs from the operand rank 2}}
  %s = sg.slice %x [0, 0] : tensor<4x6xf32> -> tensor<4xf32>
}

// -----

sg.graph @concat_axis(%x: tensor<4x6xf32> {sg.input}) {
  // expected-error @+1 {{axis 2 is out of range for operands of rank 2}}
  %c = sg.concat %x, %x axis 2 : tensor<4x6xf32>, tensor<4x6xf32>
}

// -----

sg.graph @concat_sizes(%x: tensor<4x6xf32> {sg.input}, %y: tensor<3x6xf32> {sg.input}) {
  // expected-error @+1 {{operand #1 has size 3 on axis 0 but operand #0 has size 4}}
  %c = sg.concat %x, %y axis 1 : tensor<4x6xf32>, tensor<3x6xf32>
}

// -----

sg.graph @concat_rank(%x: tensor<4x6xf32> {sg.input}, %y: tensor<4xf32> {sg.input}) {
  // expected-error @+1 {{operand #1 has rank 1 but operand #0 has rank 2}}
  %c = sg.concat %x, %y axis 0 : tensor<4x6xf32>, tensor<4xf32>
}

// -----

sg.graph @mean_axis(%x: tensor<4x6xf32> {sg.input}) {
  // expected-error @+1 {{axis 2 is out of range for an operand of rank 2}}
  %m = sg.mean %x [2] : tensor<4x6xf32>
}

// -----

sg.graph @mean_order(%x: tensor<4x6xf32> {sg.input}) {
  // expected-error @+1 {{axes must be strictly increasing, got [1, 1]}}
  %m = sg.mean %x [1, 1] : tensor<4x6xf32>
}
