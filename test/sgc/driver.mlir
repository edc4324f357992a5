// Tests the sgc driver: every --emit stage, the header, and bad invocations
// (each a located or named error with exit code 1, never a crash).

// RUN: sgc %s --emit=mlir -o - | FileCheck %s --check-prefix=MLIR
// MLIR: func.func @d_forward(
// MLIR-SAME: sg.kind = "forward"

// RUN: sgc %s --emit=mlir-llvm -o - | FileCheck %s --check-prefix=LLVMDIALECT
// LLVMDIALECT: llvm.func @d_forward(%{{.+}}: !llvm.ptr {llvm.noalias, sg.element_type = f32, sg.name = "x", sg.num_elements = {{[0-9]+}} : i64}

// RUN: sgc %s --emit=llvm -O2 --target-cpu=x86-64 -o - | FileCheck %s --check-prefix=IR
// IR: define {{.*}}i32 @d_forward(ptr noalias {{.*}}, ptr noalias {{.*}}, ptr noalias {{.*}}, i64 {{.*}}, i64 {{.*}}, ptr noalias
// IR: call i32 @sg_gemm_f32(

// RUN: sgc %s --no-reparameterize --no-integrate-kl --no-enumerate --print-pipeline --emit=mlir -o /dev/null 2>&1 | FileCheck %s --check-prefix=NOREWRITE
// NOREWRITE: graph passes: builtin.module(sg-lint{werror=false},sg-number-samples,sg-forward,sg-grad{
// RUN: sgc %s --no-grad --emit=mlir -o - | FileCheck %s --check-prefix=NOGRAD
// NOGRAD-NOT: _loss_grad
// RUN: sgc %s --remarks --emit=mlir -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARKS
// REMARKS: driver.mlir:{{[0-9]+}}:8: remark: reparameterized
// RUN: sgc %s --emit=mlir -o /dev/null 2>&1 | count 0
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc %s --score-costs=some -o %t.bad.so 2>&1 | FileCheck %s --check-prefix=SCORE
// SCORE: for the --score-costs option: Cannot find option named 'some'!

// RUN: sgc %s --emit=header -o - | FileCheck %s --check-prefix=HEADER
// HEADER: SGC_ERR_NULL = 1,
// HEADER: SGC_ERR_KEY = 3,
// HEADER: SGC_ERR_CHECK = 6
// HEADER: #define SGC_STEP_LIMIT ((uint64_t)1 << 32)
// HEADER: #define D_X_DIM0 8
// HEADER: #define D_W_SIZE 12
// HEADER: {"w", SGC_PARAM, SGC_F32, 2, {4, 3}, 12},
// HEADER: const char *d_last_error(void);
// HEADER: int d_loss_grad(const float *x, const float *w, const float *y, float *d_w, uint64_t seed, uint64_t step, float *loss);
// HEADER: int d_forward(const float *x, const float *w, const float *y, float *out0, uint64_t seed, uint64_t step, float *loss);
// HEADER: int d_loss_grad_packed(void *const *buffers, uint64_t seed, uint64_t step);

// RUN: sgc %s -O0 -o %t.so && test -s %t.so
// RUN: sgc %s --emit=obj -o %t.o && test -s %t.o

// RUN: sgc %s --print-pipeline --emit=mlir-llvm -o /dev/null 2>&1 | FileCheck %s --check-prefix=PIPE
// PIPE: graph passes: builtin.module(sg-lint{werror=false},sg-number-samples,sg-integrate-kl,sg-reparameterize,sg-enumerate{max-support=16},sg-forward,sg-grad{baseline=none baseline-decay=9.000000e-01 score-costs=downstream score-rows=per-row})
// PIPE: lowering: builtin.module(sg-model-info,sg-abi,convert-sg-to-linalg

// RUN: sgc --help | FileCheck %s --check-prefix=HELP
// HELP-DAG: --emit=<value>
// HELP-DAG: --target-cpu=<string>
// HELP-DAG: --print-pipeline
// HELP-DAG: --runtime-lib=<path>

// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc %s -O7 2>&1 | FileCheck %s --check-prefix=OPT
// OPT: invalid optimization level -O7
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc %s --emit=bogus 2>&1 | FileCheck %s --check-prefix=EMIT
// EMIT: Cannot find option named 'bogus'
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc %t.missing.mlir 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: sgc: error: cannot open input file '{{.*}}missing.mlir': No such file or directory
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc %s -o - 2>&1 | FileCheck %s --check-prefix=STDOUT
// STDOUT: a shared library needs a file name
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc %s --emit=obj -o - 2>&1 | FileCheck %s --check-prefix=BINARY
// BINARY: refusing to write a binary file to standard output
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc %s --target-cpu=no-such-cpu -o %t.bad.so 2>&1 | FileCheck %s --check-prefix=CPU
// CPU: unknown target CPU 'no-such-cpu'
// A CPU LLVM knows but that cannot run x86-64 code: a diagnostic, not
// LLVM's fatal error.
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc %s --target-cpu=pentium -o %t.bad.so 2>&1 | FileCheck %s --check-prefix=CPU32 --implicit-check-not="LLVM ERROR"
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc %s --target-cpu=i386 -o %t.bad.so 2>&1 | FileCheck %s --check-prefix=CPU32 --implicit-check-not="LLVM ERROR"
// CPU32: sgc: error: target CPU '{{pentium|i386}}' cannot run 64-bit code, which x86_64{{.*}} needs
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc %s --runtime-lib=%t.nope.a -o %t.bad.so 2>&1 | FileCheck %s --check-prefix=RUNTIME
// RUNTIME: runtime library '{{.*}}nope.a' not found
// RUN: printf 'func.func @f() { return }' > %t.nograph.mlir
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc %t.nograph.mlir -o %t.bad.so 2>&1 | FileCheck %s --check-prefix=NOGRAPH
// NOGRAPH: error: no sg.graph to compile
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc %S/Inputs/bad-cost.mlir -o %t.bad.so 2>&1 | FileCheck %s --check-prefix=COST
// COST: bad-cost.mlir:2:3: error: 'sg.cost' op operand must be a scalar

sg.graph @d(%x: tensor<8x4xf32> {sg.input}, %w: tensor<4x3xf32> {sg.param},
            %y: tensor<8x3xf32> {sg.input}) {
  %a = sg.matmul %x, %w : tensor<8x4xf32>, tensor<4x3xf32>
  %sigma = sg.softplus %y : tensor<8x3xf32>
  %z = sg.normal %a, %sigma : tensor<8x3xf32>
  %p = sg.sigmoid %z : tensor<8x3xf32>
  %nll = sg.bernoulli_neglogpdf %p, %y : tensor<8x3xf32>
  sg.cost %nll : tensor<f32>
  sg.output %p : tensor<8x3xf32>
}

// The lints run by default; -w silences them, --Werror makes them errors.
// RUN: sgc %S/Inputs/lint.mlir --emit=mlir -o /dev/null 2>&1 | FileCheck %s --check-prefix=LINT
// LINT: lint.mlir:3:8: warning: the argument of log is not positive by construction
// RUN: sgc %S/Inputs/lint.mlir -w --emit=mlir -o /dev/null 2>&1 | count 0
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc %S/Inputs/lint.mlir --Werror -o %t.bad.so 2>&1 | FileCheck %s --check-prefix=WERROR
// WERROR: lint.mlir:3:8: error: the argument of log is not positive by construction

// Values and combinations with no meaning are refused, not silently
// resolved: a flag twice, -Ofast, -O5, -w with --Werror, a baseline decay
// outside [0, 1) or NaN, a baseline (or its decay) without gradients.
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc %s --emit=mlir --emit=header -o - 2>&1 | FileCheck %s --check-prefix=TWICE
// TWICE: sgc: error: --emit given more than once
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc %s -O2 -O3 -o %t.bad.so 2>&1 | FileCheck %s --check-prefix=TWICE-O
// TWICE-O: sgc: error: -O given more than once
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc %s -Ofast -o %t.bad.so 2>&1 | FileCheck %s --check-prefix=OFAST
// OFAST: 'fast' value invalid
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc %s -O5 -o %t.bad.so 2>&1 | FileCheck %s --check-prefix=O5
// O5: sgc: error: invalid optimization level -O5; expected -O0, -O1, -O2 or -O3
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc %s -w --Werror -o %t.bad.so 2>&1 | FileCheck %s --check-prefix=W-WERROR
// W-WERROR: sgc: error: -w (no warnings) and --Werror (warnings are errors) contradict each other
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc %s --baseline-decay=1.5 -o %t.bad.so 2>&1 | FileCheck %s --check-prefix=DECAY
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc %s --baseline-decay=nan -o %t.bad.so 2>&1 | FileCheck %s --check-prefix=DECAY
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc %s --baseline-decay=-3 -o %t.bad.so 2>&1 | FileCheck %s --check-prefix=DECAY
// DECAY: sgc: error: --baseline-decay must be in [0, 1), got {{1.5|nan|-3}}
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc %s --baseline=moving-average --no-grad -o %t.bad.so 2>&1 | FileCheck %s --check-prefix=BASELINE-NOGRAD
// BASELINE-NOGRAD: sgc: error: --baseline applies to gradient estimators, and --no-grad generates none
