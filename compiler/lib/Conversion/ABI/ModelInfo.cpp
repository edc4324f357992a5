//===- ModelInfo.cpp - collect a compiled model's descriptor tables -------===//

#include "sg/Conversion/ModelInfo.h"
#include "sg/SGDialect.h"
#include "sg/SGOps.h"

using namespace mlir;
using namespace mlir::sg;

int64_t TensorDescriptor::size() const {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

static FailureOr<TensorDescriptor> describe(Operation *where, StringRef name,
                                            ABIRole role, Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor || !tensor.hasStaticShape())
    return where->emitError("cannot describe '")
           << name << "' of type " << type << ": not a static tensor";
  if (tensor.getRank() > kMaxDescriptorRank)
    return where->emitError("cannot describe '")
           << name << "' of rank " << tensor.getRank()
           << ": descriptors hold at most " << kMaxDescriptorRank
           << " dimensions";
  Type elem = tensor.getElementType();
  DescriptorType dtype = elem.isF64()         ? DescriptorType::F64
                         : elem.isInteger(64) ? DescriptorType::I64
                         : elem.isInteger(32) ? DescriptorType::I32
                                              : DescriptorType::F32;
  if (!elem.isF32() && dtype == DescriptorType::F32)
    return where->emitError("cannot describe '")
           << name << "': element type " << elem;
  return TensorDescriptor{name.str(), role, dtype,
                          SmallVector<int64_t>(tensor.getShape())};
}

/// The sites of `sg.checks` or `sg.kinks` (see describeSite).
static SmallVector<SiteDescriptor> sites(ArrayAttr table, bool kink) {
  SmallVector<SiteDescriptor> result;
  if (!table)
    return result;
  for (auto entry : table.getAsRange<DictionaryAttr>()) {
    SiteDescriptor site;
    auto str = [&](StringRef key) {
      auto s = entry.getAs<StringAttr>(key);
      return s ? s.str() : std::string();
    };
    auto num = [&](StringRef key) {
      auto n = entry.getAs<IntegerAttr>(key);
      return n ? n.getInt() : int64_t(0);
    };
    site.op = str("op");
    site.file = str("file");
    site.what = str("what");
    site.line = num("line");
    site.column = num("column");
    std::string where = site.file.empty()
                            ? std::string("?")
                            : site.file + ":" + std::to_string(site.line) +
                                  ":" + std::to_string(site.column);
    site.text = kink ? where + ": " + site.op + " (" + site.what + ")"
                     : where + ": " + site.op + ": " + site.what;
    result.push_back(std::move(site));
  }
  return result;
}

FailureOr<ModelInfo> sg::collectModelInfo(ModuleOp module) {
  ModelInfo info;
  if (auto file = module.getLoc()->findInstanceOf<FileLineColLoc>())
    info.source = file.getFilename().str();
  MLIRContext *ctx = module.getContext();
  if (auto options = SGDialect::OptionsAttrHelper(ctx).getAttr(module))
    info.options = options.str();
  info.checks = sites(SGDialect::ChecksAttrHelper(ctx).getAttr(module),
                      /*kink=*/false);
  info.kinks = sites(SGDialect::KinksAttrHelper(ctx).getAttr(module),
                     /*kink=*/true);

  for (GraphOp graph : module.getOps<GraphOp>()) {
    GraphDescriptor g;
    g.name = graph.getSymName().str();
    g.prefix = cIdentifier(g.name);
    for (unsigned i = 0; i < graph.getNumArguments(); ++i) {
      auto arg = describe(graph, graph.getArgName(i),
                          graph.isParam(i) ? ABIRole::Param : ABIRole::Input,
                          graph.getArgumentTypes()[i]);
      if (failed(arg))
        return failure();
      g.args.push_back(*arg);
    }
    for (auto [i, out] : llvm::enumerate(graph.getBody().getOps<OutputOp>())) {
      auto desc = describe(out, "out" + std::to_string(i), ABIRole::Output,
                           out.getValue().getType());
      if (failed(desc))
        return failure();
      g.outputs.push_back(*desc);
    }
    for (auto func : module.getOps<func::FuncOp>()) {
      auto from = SGDialect::GraphAttrHelper(ctx).getAttr(func);
      auto kind = SGDialect::KindAttrHelper(ctx).getAttr(func);
      if (!from || !kind || from.getValue() != graph.getSymName())
        continue;
      FunctionDescriptor f;
      f.name = func.getSymName().str();
      if (kind.getValue() == "forward") {
        f.kind = FunctionDescriptor::Forward;
      } else if (kind.getValue() == "loss_grad") {
        f.kind = FunctionDescriptor::LossGrad;
        if (auto n = SGDialect::NumBaselinesAttrHelper(ctx).getAttr(func))
          g.numBaselines = n.getInt();
      } else {
        return func.emitError("unknown generated function kind '")
               << kind.getValue() << "'";
      }
      f.abi = getABIArguments(func, graph);
      for (const ABIArgument &a : f.abi) {
        if (a.role == ABIRole::Seed || a.role == ABIRole::Step)
          continue;
        auto desc = describe(func, a.name, a.role, a.type);
        if (failed(desc))
          return failure();
        f.args.push_back(*desc);
      }
      g.functions.push_back(std::move(f));
    }
    info.graphs.push_back(std::move(g));
  }
  return info;
}
