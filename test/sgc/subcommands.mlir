// sgc check, sgc import-nnet and sgc verify parse their options with LLVM's
// command-line library, as the main command does: the same --help and the
// same errors, and no option of one command in another's --help.

// The main command lists the sub-commands, not their options.
// RUN: sgc --help | FileCheck %s --check-prefix=MAIN
// MAIN: SUBCOMMANDS:
// MAIN-DAG: check {{ *}}- compile the model
// MAIN-DAG: import-nnet - write the network of a .nnet file
// MAIN-DAG: verify {{ *}}- decide a VNN-LIB property
// MAIN: --emit=<value>
// MAIN-NOT: --samples
// MAIN-NOT: --property

// Each sub-command's --help: its own options; neither the main command's
// (--emit, -O) nor MLIR's registered ones (--mlir-*).
// RUN: sgc check --help | FileCheck %s --check-prefix=CHECKHELP
// RUN: sgc check -h | FileCheck %s --check-prefix=CHECKHELP
// CHECKHELP: USAGE: sgc check [options] <model.mlir>
// CHECKHELP-NOT: --emit
// CHECKHELP-NOT: --mlir-
// CHECKHELP: --data=<file>
// CHECKHELP: --samples=<N>
// CHECKHELP: --seed=<N>
// CHECKHELP-NOT: --emit
// CHECKHELP-NOT: --mlir-
// CHECKHELP-NOT: --property

// RUN: sgc import-nnet --help | FileCheck %s --check-prefix=IMPORTHELP
// IMPORTHELP: USAGE: sgc import-nnet [options] <net.nnet>
// IMPORTHELP-NOT: --emit
// IMPORTHELP-NOT: --mlir-
// IMPORTHELP: --name=<NAME>
// IMPORTHELP: -o <net.mlir>
// IMPORTHELP: --precision=<f32|f64>
// IMPORTHELP-NOT: --emit
// IMPORTHELP-NOT: --mlir-
// IMPORTHELP-NOT: --samples

// RUN: sgc verify --help | FileCheck %s --check-prefix=VERIFYHELP
// VERIFYHELP: USAGE: sgc verify [options] <net.mlir>
// VERIFYHELP-NOT: --emit
// VERIFYHELP-NOT: --mlir-
// VERIFYHELP: --around=<x0,x1,...>
// VERIFYHELP: --branching=<value>
// VERIFYHELP: --method=<value>
// VERIFYHELP: =crown
// VERIFYHELP: =ibp
// VERIFYHELP: --property=<prop.vnnlib>
// VERIFYHELP: --timeout=<S>
// VERIFYHELP-NOT: --emit
// VERIFYHELP-NOT: --mlir-
// VERIFYHELP-NOT: --samples

// An unknown option: LLVM's error and exit code 1, in every sub-command.
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc check %s --bogus 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc import-nnet %s --bogus 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc verify %s --property %s --bogus 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// UNKNOWN: Unknown command line argument '--bogus'
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc check %s --emit=mlir 2>&1 | FileCheck %s --check-prefix=FOREIGN
// FOREIGN: sgc check: error: --emit is not an option of sgc check
// LLVM parses the main command's options (and MLIR's) in a sub-command that
// has no option of the name; sgc refuses them rather than ignore them.
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc verify %s --property %s --mlir-print-debuginfo 2>&1 | FileCheck %s --check-prefix=FOREIGN-MLIR
// FOREIGN-MLIR: sgc verify: error: --mlir-print-debuginfo is not an option of sgc verify

// A missing positional argument (the model, the network).
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc import-nnet -o - 2>&1 | FileCheck %s --check-prefix=NOPOS
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc verify --property %s 2>&1 | FileCheck %s --check-prefix=NOPOS
// NOPOS: Not enough positional command line arguments specified

// A value of the wrong type, and the value checks the library cannot do.
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc check %s --samples many 2>&1 | FileCheck %s --check-prefix=TYPE
// TYPE: for the --samples option: 'many' value invalid for integer argument
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc check %s --samples 1 2>&1 | FileCheck %s --check-prefix=SAMPLES
// SAMPLES: sgc check: bad value for --samples
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc verify %s --property %s --method=exact 2>&1 | FileCheck %s --check-prefix=METHOD
// METHOD: for the --method option: Cannot find option named 'exact'
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc verify %s --property %s --threads 0 2>&1 | FileCheck %s --check-prefix=THREADS
// THREADS: sgc verify: --threads needs a number in 1..256
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc verify %s --property %s --around 1,x --find-region 2>&1 | FileCheck %s --check-prefix=AROUND
// AROUND: sgc verify: --around needs comma-separated numbers

// An option given twice is refused, as in the main command.
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc check %s --seed 1 --seed 2 2>&1 | FileCheck %s --check-prefix=TWICE
// TWICE: sgc check: error: --seed given more than once
