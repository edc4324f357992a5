//===- ModelInfo.cpp - collect a compiled model's descriptor tables -------===//

#include "sg/Conversion/ModelInfo.h"
#include "sg/SGDialect.h"
#include "sg/SGOps.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/MathExtras.h"

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

/// The element count and byte size of `type`, or nullopt when either
/// overflows int64_t.
static std::optional<int64_t> checkedByteSize(RankedTensorType type) {
  int64_t count = 1;
  for (int64_t d : type.getShape())
    if (d < 0 || llvm::MulOverflow(count, d, count))
      return std::nullopt;
  unsigned bits = type.getElementType().getIntOrFloatBitWidth();
  int64_t bytes;
  if (llvm::MulOverflow(count, int64_t((bits + 7) / 8), bytes))
    return std::nullopt;
  return bytes;
}

LogicalResult sg::checkTensorSizes(Operation *root) {
  auto check = [](Value value, Location loc) -> LogicalResult {
    auto type = dyn_cast<RankedTensorType>(value.getType());
    if (!type || !type.hasStaticShape() ||
        !type.getElementType().isIntOrFloat() || checkedByteSize(type))
      return success();
    return emitError(loc) << "a tensor of type " << type
                          << " has more elements or bytes than int64_t "
                             "counts (the C ABI's sizes); split it or "
                             "make it smaller";
  };
  WalkResult result = root->walk<WalkOrder::PreOrder>([&](Operation *op) {
    for (Region &region : op->getRegions())
      for (Block &block : region)
        for (BlockArgument arg : block.getArguments())
          if (failed(check(arg, arg.getLoc())))
            return WalkResult::interrupt();
    for (Value v : op->getResults())
      if (failed(check(v, op->getLoc())))
        return WalkResult::interrupt();
    return WalkResult::advance();
  });
  return failure(result.wasInterrupted());
}

static bool isCIdentifier(StringRef name) {
  if (name.empty() || !(llvm::isAlpha(name[0]) || name[0] == '_'))
    return false;
  return llvm::all_of(name,
                      [](char c) { return llvm::isAlnum(c) || c == '_'; });
}

LogicalResult sg::checkCNames(ModuleOp module) {
  // Module-wide: every macro starts with the graph's upper-case name.
  llvm::StringMap<GraphOp> graphMacros;
  for (GraphOp graph : module.getOps<GraphOp>()) {
    StringRef name = graph.getSymName();
    if (!isCIdentifier(name))
      return graph.emitError("graph name \"")
             << name
             << "\" is not a C identifier: C programs could not call its "
                "functions ("
             << name
             << "_forward, ...); use letters, "
                "digits and '_'";
    auto [it, inserted] = graphMacros.try_emplace(name.upper(), graph);
    if (!inserted)
      return graph.emitError("graphs @")
             << it->second.getSymName() << " and @" << name
             << " have the same header macros " << name.upper()
             << "_*: rename one";
    // Per graph: the C parameter names and the upper-case macros, with the
    // names the generated functions and the header give themselves.
    llvm::StringMap<std::string> params, macros;
    for (const char *generated : {"seed", "step", "loss", "kinks", "status"})
      params[generated] = std::string("the generated parameter ") + generated;
    unsigned numOutputs = llvm::range_size(graph.getBody().getOps<OutputOp>());
    for (unsigned k = 0; k < numOutputs; ++k)
      macros["OUT" + std::to_string(k)] =
          "output " + std::to_string(k) + " (out" + std::to_string(k) + ")";
    auto claim = [&](llvm::StringMap<std::string> &table, StringRef key,
                     const std::string &who, Location loc,
                     StringRef what) -> LogicalResult {
      auto [found, fresh] = table.try_emplace(key, who);
      if (fresh)
        return success();
      return emitError(loc) << found->second << " and " << who << " of @"
                            << name << " have the same " << what << " "
                            << (&table == &macros ? name.upper() + "_" : "")
                            << key << ": rename one";
    };
    for (unsigned i = 0; i < graph.getNumArguments(); ++i) {
      std::string arg = graph.getArgName(i), c = cIdentifier(arg);
      Location loc = graph.getBody().getArgument(i).getLoc();
      std::string who = "argument %" + arg;
      if (failed(claim(params, c, who, loc, "C parameter name")) ||
          failed(
              claim(macros, StringRef(c).upper(), who, loc, "header macro")) ||
          (graph.isParam(i) &&
           failed(claim(params, "d_" + c, "the gradient of " + who, loc,
                        "C parameter name"))))
        return failure();
    }
  }
  return success();
}

FailureOr<ModelInfo> sg::collectModelInfo(ModuleOp module) {
  if (failed(checkTensorSizes(module)) || failed(checkCNames(module)))
    return failure();
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
        if (ArrayAttr served =
                SGDialect::BaselineSamplesAttrHelper(ctx).getAttr(func))
          for (Attribute where : served)
            g.baselineSamples.push_back(
                cast<StringAttr>(where).getValue().str());
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
