// Tests that input nested deeper than the parser's stack can take is a
// located error in every tool, not a stack overflow: 5,000 nested modules
// and a dense literal 100,000 levels deep (both crashed sgc and sg-opt).

// RUN: %python -c "n=5000; print('module {' * n + '}' * n)" > %t.modules.mlir
// RUN: %python %S/expect-exit.py 1 -- sg-opt %t.modules.mlir 2>&1 | FileCheck %s --check-prefix=MODULES
// RUN: %python %S/expect-exit.py 1 -- sgc %t.modules.mlir -o %t.so 2>&1 | FileCheck %s --check-prefix=MODULES
// RUN: %python %S/expect-exit.py 1 -- sgc check %t.modules.mlir 2>&1 | FileCheck %s --check-prefix=MODULES
// RUN: %python %S/expect-exit.py 1 -- sgc verify %t.modules.mlir --property %S/../Verify/Inputs/small.vnnlib 2>&1 | FileCheck %s --check-prefix=MODULES
// The 257th `module {` opens level 257 at column 256 * 8 + 8.
// MODULES: modules.mlir:1:2056: error: nesting deeper than 256 levels (regions, attributes, types or literals)

// RUN: %python -c "n=100000; print('sg.graph @g(%%w: tensor<1xf32> {sg.param}) {\n  %%c = sg.constant dense<' + '[' * n + '1.0' + ']' * n + '> : tensor<1xf32>\n}')" > %t.dense.mlir
// RUN: %python %S/expect-exit.py 1 -- sg-opt %t.dense.mlir 2>&1 | FileCheck %s --check-prefix=DENSE
// RUN: %python %S/expect-exit.py 1 -- sgc %t.dense.mlir -o %t.so 2>&1 | FileCheck %s --check-prefix=DENSE
// DENSE: dense.mlir:2:{{[0-9]+}}: error: nesting deeper than 256 levels

// Nesting up to the limit parses (brackets in strings, comments and `->`
// arrows do not count); here a rank-254 literal for a rank-1 type is a shape
// error, not a nesting error (the body, `dense<` and 254 `[` make 256).
// RUN: %python -c "n=254; print('// ' + '{' * 1000 + '\nsg.graph @g(%%w: tensor<1xf32> {sg.param, sg.note = \"' + '(' * 1000 + '\"}) {\n  %%c = sg.constant dense<' + '[' * n + '1.0' + ']' * n + '> : tensor<1xf32>\n}')" > %t.ok.mlir
// RUN: %python %S/expect-exit.py 1 -- sg-opt %t.ok.mlir 2>&1 | FileCheck %s --check-prefix=OK --implicit-check-not="nesting deeper"
// OK: error: inferred shape of elements literal
