// What keeps compile time linear in the graph (bench/compile_time.py).
//
// --mlir-timing reports the seconds of each stage, the passes of the graph
// and lowering stages nested:
// RUN: sgc %s -w --mlir-timing -o %t.so 2>&1 | FileCheck %s --check-prefix=TIMING
// TIMING: Execution time report
// TIMING-DAG: parse
// TIMING-DAG: 1. graph passes
// TIMING-DAG: SGForward
// TIMING-DAG: 2. lowering
// TIMING-DAG: OneShotBufferize
// TIMING-DAG: 3. LLVM IR and -O
// TIMING-DAG: 4. object code
// TIMING-DAG: 5. link
//
// The IR is verified after each stage; --verify-each verifies it after every
// pass too and changes nothing in the output but the options the library
// records (its strings and the info table that points at them):
// RUN: sgc %s -w --emit=llvm --target-cpu=haswell -o - \
// RUN:   | grep -v -e __sg_str_ -e __sgc_info.0 > %t.ll
// RUN: sgc %s -w --emit=llvm --target-cpu=haswell --verify-each -o - \
// RUN:   | grep -v -e __sg_str_ -e __sgc_info.0 > %t.each.ll
// RUN: diff %t.ll %t.each.ll
//
// Intermediate buffers come from the runtime's allocator as they are, not
// realigned through an integer (which would hide that they alias nothing):
// LLVM then vectorizes the 64-element tanh into <8 x float> operations and,
// with unrolling off, does not copy its loop body out element by element.
// RUN: sgc %s -w --no-grad --emit=llvm --target-cpu=haswell -o - | FileCheck %s --check-prefix=IR
// IR: declare noalias align 64 ptr @_mlir_memref_to_llvm_alloc(
// IR-LABEL: define {{.*}} @chain_forward_rows(
// IR-NOT: inttoptr
// IR: call ptr @_mlir_memref_to_llvm_alloc(
// IR-NOT: inttoptr
// IR: fmul <8 x float>
// IR-NOT: inttoptr
// IR: call <8 x float> @llvm.fma.v8f32(

sg.graph @chain(%x: tensor<8x8xf32> {sg.input}, %w: tensor<8x8xf32> {sg.param}) {
  %a = sg.mul %x, %w : tensor<8x8xf32>
  %b = sg.tanh %a : tensor<8x8xf32>
  %c = sg.matmul %b, %w : tensor<8x8xf32>, tensor<8x8xf32>
  %d = sg.tanh %c : tensor<8x8xf32>
  %s = sg.sum %d : tensor<8x8xf32>
  sg.cost %s : tensor<f32>
}
