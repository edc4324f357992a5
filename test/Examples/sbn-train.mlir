// Tests that the SBN training app rejects bad options and missing data with
// a clear message and exit code 1, and that its model gets per-row score
// terms. The tests that read Fashion-MNIST are in sbn-train-data.mlir.

// RUN: sgc %sg_src_root/examples/sbn/sbn.mlir --baseline=moving-average --remarks -o %t.so 2>&1 | FileCheck %s --check-prefix=REMARKS
// REMARKS: sbn.mlir:20:8: remark: per-row score terms (100 rows)

// RUN: %python %S/../Tools/expect-exit.py 1 -- sbn-train --data %t.missing --out %t.out 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: sbn-train: {{.*}}missing/train-images-idx3-ubyte.gz: cannot open: No such file or directory

// RUN: %python %S/../Tools/expect-exit.py 1 -- sbn-train --steps 0 2>&1 | FileCheck %s --check-prefix=NUMBER
// NUMBER: sbn-train: --steps expects an integer >= 1, got '0'

// RUN: %python %S/../Tools/expect-exit.py 1 -- sbn-train --score-rows rows 2>&1 | FileCheck %s --check-prefix=ROWS
// ROWS: sbn-train: --score-rows expects per-row or scalar, got 'rows'

// RUN: %python %S/../Tools/expect-exit.py 1 -- sbn-train --out 2>&1 | FileCheck %s --check-prefix=VALUE
// VALUE: sbn-train: --out needs a value

// RUN: %python %S/../Tools/expect-exit.py 1 -- sbn-train --bogus 2>&1 | FileCheck %s --check-prefix=OPTION
// OPTION: sbn-train: unknown option '--bogus' (see --help)

// RUN: sbn-train --help | FileCheck %s --check-prefix=HELP
// HELP: --epochs N
// HELP: --steps N
// HELP: --batch-size N     batch size (default 100;
// HELP: --score-rows S
// HELP: --seed N
// HELP: --print-every N
// HELP: --data DIR
// HELP: --out DIR
