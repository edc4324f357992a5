//===- Passes.td - test passes of the analyses -------------*- tablegen -*-===//
//
// The analyses (Analysis/*.h) are computed once and cached by MLIR's analysis
// manager for the passes that query them. Each has a test pass that prints
// what it computed, one remark (or tag) per value, for the lit tests in
// test/Analysis.
//
//===----------------------------------------------------------------------===//

#ifndef SG_ANALYSIS_PASSES_TD
#define SG_ANALYSIS_PASSES_TD

include "mlir/Pass/PassBase.td"

def TestSGPositivity : Pass<"test-sg-positivity", "::mlir::ModuleOp"> {
  let summary = "print the domain the positivity analysis finds per value";
  let description = [{
    Emits a remark at every op with a result: `positive`, `probability` (in
    (0, 1)) or `real` (nothing known).

    ```mlir
    %e = sg.exp %x : tensor<4xf32>   // remark: positive
    %l = sg.log %x : tensor<4xf32>   // remark: real
    ```
  }];
}

def TestSGParameterDependence
    : Pass<"test-sg-parameter-dependence", "::mlir::ModuleOp"> {
  let summary = "print which values depend on a parameter";
  let description = [{
    Emits a remark at every op with a result in an sg.graph:
    `deterministic` (depends on a parameter through deterministic ops),
    `through a sample` (only through a sample's value) or `independent`.

    ```mlir
    %e = sg.exp %w : tensor<4xf32>         // remark: deterministic
    %z = sg.normal %e, %e : tensor<4xf32>  // remark: through a sample
    ```
  }];
}

def TestSGCostReachability
    : Pass<"test-sg-cost-reachability", "::mlir::ModuleOp"> {
  let summary = "print which values reach a cost and get a gradient";
  let description = [{
    Emits a remark at every op with a result in an sg.graph, and one per
    argument at the graph: `gradient` (a gradient reaches it), `cost, no
    gradient` (it reaches a cost only through the step function) or `no
    cost`.

    ```mlir
    %h = sg.heaviside %w : tensor<f32>  // remark: gradient
    sg.cost %h : tensor<f32>            // (%w: cost, no gradient)
    ```
  }];
}

def TestSGSampleDependence
    : Pass<"test-sg-sample-dependence", "::mlir::ModuleOp"> {
  let summary = "print the samples every value depends on";
  let description = [{
    Emits a remark at every op with a result in an sg.graph listing the
    samples it depends on by their source line (`samples: 3, 5`, or
    `samples: none`), and at every sample the lines of its downstream costs
    (`costs: 7`).

    ```mlir
    %z = sg.std_normal : tensor<f32>   // remark: samples: 3; costs: 5
    %y = sg.exp %z : tensor<f32>       // remark: samples: 3
    sg.cost %y : tensor<f32>
    ```
  }];
}

def TestSGBatchIndependence
    : Pass<"sg-test-batch-independence", "::mlir::ModuleOp"> {
  let summary = "tag every op with the batch-independence facts of each sample";
  let description = [{
    For every sample s<k> (k in order of appearance) of every graph, tags
    each op downstream of it with what the batch-independence analysis
    (`sg/Analysis/BatchIndependence.h`) proved, in the string array
    attribute `sg.rows`: `s<k>: rows` (row i depends on the sample's row i
    only), `s<k>: row-sum` (a 0-d sum of such per-row terms) or
    `s<k>: mixed by <op>` (not proved; <op> mixed the rows first); each
    sample gets `s<k>: sample, <n> rows` or `s<k>: no rows, <why>`. A cost's
    tag is that of the value it marks.

    ```mlir
    %b = sg.bernoulli %p : tensor<4x8xf32>  // {sg.rows = ["s0: sample, 4 rows"]}
    %s = sg.sum %b : tensor<4x8xf32>        // {sg.rows = ["s0: row-sum"]}
    ```
  }];
}

#endif // SG_ANALYSIS_PASSES_TD
