//===- GemmToBlas.cpp - matrix products as OpenBLAS calls -----------------===//
//
// After bufferization, every linalg matrix product on memrefs becomes a call
// to the runtime's sg_gemm_f32/f64 (row-major cblas_?gemm):
//   int sg_gemm_f32(int transA, int transB, int64_t M, int64_t N, int64_t K,
//                   float alpha, const float *A, int64_t lda,
//                   const float *B, int64_t ldb, float beta, float *C,
//                   int64_t ldc);
// Its result is ignored: it fails only for sizes outside OpenBLAS' int or
// null pointers, and we call it only with static shapes and strides that
// fit (checked here) on buffers that are the caller's checked arguments or
// allocations (which abort rather than return null).
//
//===----------------------------------------------------------------------===//

#include "sg/Conversion/Passes.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Matchers.h"

#include <limits>

namespace mlir::sg {
#define GEN_PASS_DEF_SGGEMMTOBLAS
#include "sg/Conversion/Passes.h.inc"
} // namespace mlir::sg

using namespace mlir;

namespace {

/// The declaration of the runtime's GEMM for `elem`, created on first use.
func::FuncOp getGemmDecl(ModuleOp module, Type elem) {
  std::string name = elem.isF64() ? "sg_gemm_f64" : "sg_gemm_f32";
  if (auto f = module.lookupSymbol<func::FuncOp>(name))
    return f;
  OpBuilder b = OpBuilder::atBlockBegin(module.getBody());
  Type i32 = b.getI32Type(), i64 = b.getI64Type();
  Type ptr = LLVM::LLVMPointerType::get(b.getContext());
  auto type = b.getFunctionType(
      {i32, i32, i64, i64, i64, elem, ptr, i64, ptr, i64, elem, ptr, i64},
      {i32});
  auto f = b.create<func::FuncOp>(module.getLoc(), name, type);
  f.setPrivate();
  return f;
}

/// Whether `value` is a 2-d memref whose rows are contiguous (unit inner
/// stride), as BLAS needs, with a static shape and row stride that fit
/// OpenBLAS' int index type (so that sg_gemm cannot refuse them).
bool hasContiguousRows(Value value) {
  auto type = dyn_cast<MemRefType>(value.getType());
  int64_t offset;
  SmallVector<int64_t> strides;
  if (!type || type.getRank() != 2 || !type.hasStaticShape() ||
      failed(getStridesAndOffset(type, strides, offset)) || strides[1] != 1)
    return false;
  auto fitsInt = [](int64_t v) {
    return v >= 0 && v <= std::numeric_limits<int32_t>::max();
  };
  return fitsInt(type.getDimSize(0)) && fitsInt(type.getDimSize(1)) &&
         fitsInt(strides[0]);
}

/// A matrix operand as (pointer to its first element, row stride).
struct MatrixArg {
  Value ptr, ld;
};

MatrixArg matrixArg(OpBuilder &b, Location loc, Value memref) {
  auto type = cast<MemRefType>(memref.getType());
  auto meta = b.create<memref::ExtractStridedMetadataOp>(loc, memref);
  Type i64 = b.getI64Type();
  Value base = b.create<memref::ExtractAlignedPointerAsIndexOp>(loc, memref);
  Value baseInt = b.create<arith::IndexCastOp>(loc, i64, base);
  Type ptrType = LLVM::LLVMPointerType::get(b.getContext());
  Value ptr = b.create<LLVM::IntToPtrOp>(loc, ptrType, baseInt);
  Value off = b.create<arith::IndexCastOp>(loc, i64, meta.getOffset());
  ptr = b.create<LLVM::GEPOp>(loc, ptrType, type.getElementType(), ptr,
                              ValueRange{off});
  Value ld = b.create<arith::IndexCastOp>(loc, i64, meta.getStrides()[0]);
  return MatrixArg{ptr, ld};
}

LogicalResult rewrite(linalg::LinalgOp op, bool transA, bool transB) {
  if (!op.hasPureBufferSemantics())
    return success(); // Not bufferized: leave it to the loop lowering.
  Location loc = op.getLoc();
  Value a = op.getDpsInputOperand(0)->get();
  Value bm = op.getDpsInputOperand(1)->get();
  Value c = op.getDpsInitOperand(0)->get();
  auto cType = cast<MemRefType>(c.getType());
  auto aType = cast<MemRefType>(a.getType());
  Type elem = cType.getElementType();
  if (!elem.isF32() && !elem.isF64())
    return success();

  if (!hasContiguousRows(a) || !hasContiguousRows(bm) || !hasContiguousRows(c))
    return success(); // Unusual layout or size: the loops stay correct.

  // C = 0 right before the product: beta = 0 and the fill can go. (Look
  // before inserting anything in front of the product.)
  double beta = 1.0;
  if (auto fill = dyn_cast_or_null<linalg::FillOp>(op->getPrevNode())) {
    if (fill.getOutputs()[0] == c &&
        matchPattern(fill.getInputs()[0], m_AnyZeroFloat())) {
      beta = 0.0;
      fill.erase();
    }
  }

  OpBuilder b(op);
  MatrixArg A = matrixArg(b, loc, a), B = matrixArg(b, loc, bm),
            C = matrixArg(b, loc, c);

  Type i32 = b.getI32Type(), i64 = b.getI64Type();
  auto ci32 = [&](int v) {
    return b.create<arith::ConstantOp>(loc, b.getIntegerAttr(i32, v))
        .getResult();
  };
  auto ci64 = [&](int64_t v) {
    return b.create<arith::ConstantOp>(loc, b.getIntegerAttr(i64, v))
        .getResult();
  };
  auto cf = [&](double v) {
    return b.create<arith::ConstantOp>(loc, b.getFloatAttr(elem, v))
        .getResult();
  };
  int64_t m = cType.getDimSize(0), n = cType.getDimSize(1);
  int64_t k = aType.getDimSize(transA ? 0 : 1);
  auto decl = getGemmDecl(op->getParentOfType<ModuleOp>(), elem);
  b.create<func::CallOp>(loc, decl,
                         ValueRange{ci32(transA), ci32(transB), ci64(m),
                                    ci64(n), ci64(k), cf(1.0), A.ptr, A.ld,
                                    B.ptr, B.ld, cf(beta), C.ptr, C.ld});
  op->erase();
  return success();
}

struct GemmToBlasPass : public sg::impl::SGGemmToBlasBase<GemmToBlasPass> {
  void runOnOperation() override {
    SmallVector<Operation *> products;
    getOperation().walk([&](Operation *op) {
      if (isa<linalg::MatmulOp, linalg::MatmulTransposeAOp,
              linalg::MatmulTransposeBOp>(op))
        products.push_back(op);
    });
    for (Operation *op : products) {
      bool ta = isa<linalg::MatmulTransposeAOp>(op);
      bool tb = isa<linalg::MatmulTransposeBOp>(op);
      if (failed(rewrite(cast<linalg::LinalgOp>(op), ta, tb)))
        return signalPassFailure();
    }
  }
};
} // namespace
