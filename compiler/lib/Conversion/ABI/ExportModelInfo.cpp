//===- ExportModelInfo.cpp - the library describes itself -----------------===//
//
// Writes the model info (ModelInfo.h) into the module as constant LLVM
// globals laid out as the C structs of docs/compiler.md ("The model info"),
// and adds `const sgc_model_info *<graph>_info(void)` returning it, so a
// loader can drive any compiled model without its header.
//
//===----------------------------------------------------------------------===//

#include "ABIErrors.h"

#include "sg/Conversion/ModelInfo.h"
#include "sg/Conversion/Passes.h"
#include "sg/SGDialect.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"

namespace mlir::sg {
#define GEN_PASS_DEF_SGMODELINFO
#include "sg/Conversion/Passes.h.inc"
} // namespace mlir::sg

using namespace mlir;
using namespace mlir::sg;

namespace {

/// Builds constant globals at the end of a module. Each struct type below
/// mirrors a C struct of the header, field for field (LLVM's and C's x86-64
/// and AArch64 layouts agree for these fields).
class InfoWriter {
public:
  explicit InfoWriter(ModuleOp module)
      : module(module), ctx(module.getContext()), b(ctx), loc(module.getLoc()) {
    b.setInsertionPointToEnd(module.getBody());
    ptr = LLVM::LLVMPointerType::get(ctx);
    i32 = b.getI32Type();
    i64 = b.getI64Type();
    // sgc_tensor_desc {name, role, dtype, rank, shape[8], size}
    tensorType = LLVM::LLVMStructType::getLiteral(
        ctx, {ptr, i32, i32, i32,
              LLVM::LLVMArrayType::get(i64, kMaxDescriptorRank), i64});
    // sgc_function_desc {name, kind, num_args, args}
    functionType = LLVM::LLVMStructType::getLiteral(ctx, {ptr, i32, i32, ptr});
    // sgc_site_desc {op, file, line, column, what, text}
    siteType =
        LLVM::LLVMStructType::getLiteral(ctx, {ptr, ptr, i64, i64, ptr, ptr});
    // sgc_model_info {version, graph, source, options, num_args, args,
    //   num_outputs, outputs, num_baselines, num_functions, functions,
    //   num_checks, checks, num_kinks, kinks}
    infoType = LLVM::LLVMStructType::getLiteral(ctx, {i64, ptr, ptr, ptr, i64,
                                                      ptr, i64, ptr, i64, i64,
                                                      ptr, i64, ptr, i64, ptr});
  }

  /// A private constant global whose initializer `init` builds.
  LLVM::GlobalOp global(Type type, function_ref<Value(OpBuilder &)> init) {
    auto g =
        b.create<LLVM::GlobalOp>(loc, type, /*isConstant=*/true,
                                 LLVM::Linkage::Private, fresh(), Attribute());
    OpBuilder ib(ctx);
    ib.setInsertionPointToStart(ib.createBlock(&g.getInitializerRegion()));
    ib.create<LLVM::ReturnOp>(loc, init(ib));
    return g;
  }

  /// The address of a NUL-terminated copy of `text` (one per distinct text).
  Value string(OpBuilder &ib, StringRef text) {
    return getStringPtr(ib, module, loc, text);
  }

  /// The address of a constant array of `elements` built by `element`, or
  /// null when there are none.
  template <typename T>
  Value array(OpBuilder &ib, Type elemType, ArrayRef<T> elements,
              function_ref<Value(OpBuilder &, const T &)> element) {
    if (elements.empty())
      return ib.create<LLVM::ZeroOp>(loc, ptr);
    auto type = LLVM::LLVMArrayType::get(elemType, elements.size());
    auto g = global(type, [&](OpBuilder &ab) {
      Value v = ab.create<LLVM::UndefOp>(loc, type);
      for (auto [i, e] : llvm::enumerate(elements))
        v = ab.create<LLVM::InsertValueOp>(loc, v, element(ab, e),
                                           ArrayRef<int64_t>{int64_t(i)});
      return v;
    });
    return ib.create<LLVM::AddressOfOp>(loc, g);
  }

  /// A struct of `type` with `fields` in order.
  Value record(OpBuilder &ib, Type type, ArrayRef<Value> fields) {
    Value v = ib.create<LLVM::UndefOp>(loc, type);
    for (auto [i, f] : llvm::enumerate(fields))
      v = ib.create<LLVM::InsertValueOp>(loc, v, f,
                                         ArrayRef<int64_t>{int64_t(i)});
    return v;
  }

  Value int32(OpBuilder &ib, int64_t x) {
    return ib.create<LLVM::ConstantOp>(loc, i32, ib.getI32IntegerAttr(x));
  }
  Value int64(OpBuilder &ib, int64_t x) {
    return ib.create<LLVM::ConstantOp>(loc, i64, ib.getI64IntegerAttr(x));
  }

  Value tensor(OpBuilder &ib, const TensorDescriptor &t) {
    SmallVector<int64_t> shape(t.shape);
    shape.resize(kMaxDescriptorRank, 0);
    auto shapeType = LLVM::LLVMArrayType::get(i64, kMaxDescriptorRank);
    Value dims = ib.create<LLVM::ConstantOp>(
        loc, shapeType,
        DenseElementsAttr::get(RankedTensorType::get({kMaxDescriptorRank}, i64),
                               ArrayRef<int64_t>(shape)));
    return record(ib, tensorType,
                  {string(ib, t.name), int32(ib, int64_t(t.role)),
                   int32(ib, int64_t(t.dtype)), int32(ib, t.shape.size()), dims,
                   int64(ib, t.size())});
  }

  Value tensors(OpBuilder &ib, ArrayRef<TensorDescriptor> ts) {
    return array<TensorDescriptor>(
        ib, tensorType, ts, [&](OpBuilder &ab, const TensorDescriptor &t) {
          return tensor(ab, t);
        });
  }

  Value sites(OpBuilder &ib, ArrayRef<SiteDescriptor> ss) {
    return array<SiteDescriptor>(
        ib, siteType, ss, [&](OpBuilder &ab, const SiteDescriptor &s) {
          return record(ab, siteType,
                        {string(ab, s.op), string(ab, s.file),
                         int64(ab, s.line), int64(ab, s.column),
                         string(ab, s.what), string(ab, s.text)});
        });
  }

  /// The info of `g` and its exported accessor `<graph>_info`.
  LLVM::GlobalOp write(const ModelInfo &info, const GraphDescriptor &g) {
    auto infoGlobal = global(infoType, [&](OpBuilder &ib) {
      Value functions = array<FunctionDescriptor>(
          ib, functionType, g.functions,
          [&](OpBuilder &ab, const FunctionDescriptor &f) {
            return record(ab, functionType,
                          {string(ab, f.name), int32(ab, f.kind),
                           int32(ab, f.args.size()), tensors(ab, f.args)});
          });
      return record(ib, infoType,
                    {int64(ib, kModelInfoVersion), string(ib, g.name),
                     string(ib, info.source), string(ib, info.options),
                     int64(ib, g.args.size()), tensors(ib, g.args),
                     int64(ib, g.outputs.size()), tensors(ib, g.outputs),
                     int64(ib, g.numBaselines), int64(ib, g.functions.size()),
                     functions, int64(ib, info.checks.size()),
                     sites(ib, info.checks), int64(ib, info.kinks.size()),
                     sites(ib, info.kinks)});
    });
    accessor(g.name + "_info", infoGlobal);
    return infoGlobal;
  }

  /// `const sgc_model_info *const *sgc_models(void)`: every graph's info,
  /// then NULL, for loaders that know only the library (through dlsym on
  /// its handle: every library exports this name).
  void writeIndex(ArrayRef<LLVM::GlobalOp> infos) {
    auto type = LLVM::LLVMArrayType::get(ptr, infos.size() + 1);
    auto index = global(type, [&](OpBuilder &ib) {
      Value v = ib.create<LLVM::UndefOp>(loc, type);
      for (auto [i, g] : llvm::enumerate(infos))
        v = ib.create<LLVM::InsertValueOp>(loc, v,
                                           ib.create<LLVM::AddressOfOp>(loc, g),
                                           ArrayRef<int64_t>{int64_t(i)});
      return ib.create<LLVM::InsertValueOp>(
          loc, v, ib.create<LLVM::ZeroOp>(loc, ptr),
          ArrayRef<int64_t>{int64_t(infos.size())});
    });
    accessor("sgc_models", index);
  }

private:
  /// An exported function `name` that returns the address of `g`.
  void accessor(StringRef name, LLVM::GlobalOp g) {
    auto func = b.create<LLVM::LLVMFuncOp>(
        loc, name, LLVM::LLVMFunctionType::get(ptr, {}));
    OpBuilder fb(ctx);
    fb.setInsertionPointToStart(func.addEntryBlock(fb));
    fb.create<LLVM::ReturnOp>(loc, Value(fb.create<LLVM::AddressOfOp>(loc, g)));
  }

  std::string fresh() { return "__sgc_info." + std::to_string(counter++); }

  ModuleOp module;
  MLIRContext *ctx;
  OpBuilder b;
  Location loc;
  Type ptr, i32, i64, tensorType, functionType, siteType, infoType;
  int counter = 0;
};

struct ModelInfoPass : public sg::impl::SGModelInfoBase<ModelInfoPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    FailureOr<ModelInfo> info = collectModelInfo(module);
    if (failed(info))
      return signalPassFailure();
    InfoWriter writer(module);
    SmallVector<LLVM::GlobalOp> infos;
    for (const GraphDescriptor &g : info->graphs)
      infos.push_back(writer.write(*info, g));
    writer.writeIndex(infos);
  }
};

} // namespace
