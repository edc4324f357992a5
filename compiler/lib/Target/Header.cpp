//===- Header.cpp - the C header of a compiled model ----------------------===//
//
// Declares the functions sg-forward / sg-grad generated for every graph with
// the public ABI that sg-abi gives them, the shape of every tensor as
// constants, and the descriptor tables (name, role, element type, shape;
// checks and kinks), printed from the same ModelInfo that sg-model-info
// exports from the library.
//
//===----------------------------------------------------------------------===//

#include "sg/Target/Header.h"
#include "sg/Conversion/ABI.h"
#include "sg/Conversion/ModelInfo.h"
#include "sg/SGDialect.h"
#include "sg/SGOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::sg;

namespace {

std::string upper(StringRef s) { return StringRef(s).upper(); }

/// `text` as a C string literal. Names and source locations come from the
/// input and may hold any byte: quotes and backslashes are escaped, '?' too
/// (no trigraph can form), and every byte outside printable ASCII becomes a
/// three-digit octal escape (a hexadecimal one would swallow the hex digits
/// that follow it). raw_ostream::write_escaped does all of this but '?'.
std::string cStringLiteral(StringRef text) {
  std::string literal = "\"";
  for (unsigned char c : text) {
    if (c == '"' || c == '\\' || c == '?') {
      literal += '\\';
      literal += c;
    } else if (c < 0x20 || c >= 0x7f) {
      literal += '\\';
      literal += char('0' + (c >> 6));
      literal += char('0' + ((c >> 3) & 7));
      literal += char('0' + (c & 7));
    } else {
      literal += c;
    }
  }
  return literal + "\"";
}

/// `text` (a file name or location from the input) inside a C comment: a
/// "*/" would end the comment early, and a line break or other control byte
/// would put the rest of the text outside it.
std::string commentText(StringRef text) {
  std::string comment;
  for (unsigned char c : text) {
    if (c == '/' && !comment.empty() && comment.back() == '*')
      comment += ' ';
    comment += c < 0x20 || c == 0x7f ? '?' : char(c);
  }
  return comment;
}

const char *roleName(ABIRole role) {
  switch (role) {
  case ABIRole::Param:
    return "SGC_PARAM";
  case ABIRole::Input:
    return "SGC_INPUT";
  case ABIRole::Output:
    return "SGC_OUTPUT";
  case ABIRole::Grad:
    return "SGC_GRAD";
  case ABIRole::Baseline:
    return "SGC_BASELINE";
  case ABIRole::NewBaseline:
    return "SGC_NEW_BASELINE";
  case ABIRole::Kinks:
    return "SGC_KINKS";
  case ABIRole::Status:
    return "SGC_STATUS";
  case ABIRole::Loss:
    return "SGC_LOSS";
  case ABIRole::Seed:
  case ABIRole::Step:
  case ABIRole::FirstRow:
    break;
  }
  llvm_unreachable("seed, step and first_row are not tensors");
}

const char *dtypeName(DescriptorType dtype) {
  switch (dtype) {
  case DescriptorType::F32:
    return "SGC_F32";
  case DescriptorType::F64:
    return "SGC_F64";
  case DescriptorType::I64:
    return "SGC_I64";
  case DescriptorType::I32:
    return "SGC_I32";
  }
  llvm_unreachable("unknown descriptor type");
}

/// The C types of the descriptor tables: runtime/include/sgc_model_info.h,
/// the one definition that loaders include too, copied in at build time
/// (CMakeLists.txt) so that a generated header needs no other include. The
/// library exports the same tables behind <graph>_info() (sg-model-info).
void emitDescriptorType(raw_ostream &os) {
  static const char modelInfoHeader[] =
#include "ModelInfoHeader.inc"
      ;
  os << modelInfoHeader << "\n";
}

void emitTable(raw_ostream &os, StringRef prefix, StringRef table,
               ArrayRef<TensorDescriptor> tensors) {
  os << "#define " << upper(prefix) << "_NUM_" << upper(table) << " "
     << tensors.size() << "\n";
  if (tensors.empty())
    return;
  os << "static const sgc_tensor_desc " << prefix << "_" << table << "[] = {\n";
  for (const TensorDescriptor &t : tensors) {
    os << "  {" << cStringLiteral(t.name) << ", " << roleName(t.role) << ", "
       << dtypeName(t.dtype) << ", " << t.shape.size() << ", {";
    llvm::interleaveComma(t.shape, os);
    os << "}, " << t.size() << "},\n";
  }
  os << "};\n";
}

void emitShapes(raw_ostream &os, StringRef prefix,
                ArrayRef<TensorDescriptor> tensors) {
  for (const TensorDescriptor &t : tensors) {
    std::string macro = upper(prefix) + "_" + upper(cIdentifier(t.name));
    os << "#define " << macro << "_RANK " << t.shape.size() << "\n";
    for (auto [i, size] : llvm::enumerate(t.shape))
      os << "#define " << macro << "_DIM" << i << " " << size << "\n";
    os << "#define " << macro << "_SIZE " << t.size() << "\n";
  }
}

void emitErrorCodes(raw_ostream &os) {
  os << R"(#ifndef SGC_ERROR_CODES_DEFINED
#define SGC_ERROR_CODES_DEFINED
/* What the functions below return; the values are sg_runtime.h's SG_ERR_*
 * for the same causes. On an error other than SGC_ERR_CHECK they return
 * before reading or writing any buffer, and <graph>_last_error() says why
 * (a successful call clears it), e.g. "g_forward: argument 'w' is a null
 * pointer". (The library carries its own copy of the runtime, so the
 * sg_last_error() of a program that links the runtime too does not see these
 * messages.) */
typedef enum sgc_error {
  SGC_OK = 0,
)"
     << "  SGC_ERR_NULL = " << kABIErrorNull
     << ", /* a pointer argument is NULL (even for an empty tensor) */\n"
     << "  SGC_ERR_KEY = " << kABIErrorKey
     << ",  /* step >= SGC_STEP_LIMIT */\n"
     << "  SGC_ERR_VALUE = " << kABIErrorValue
     << ", /* another argument is outside its domain (Adam's t = 0) */\n"
     << "  SGC_ERR_CHECK = " << kABIErrorCheck
     << R"( /* --checked: a run-time check failed; results were written
                        and *status says which check */
} sgc_error;
/* Steps must stay below 2^32: then every (seed, step) pair reads its own
 * random streams. Beyond, (seed, step) and (seed ^ (step >> 32 << 32),
 * step mod 2^32) would share one (see sg_runtime.h, "Keyed samplers"). */
#define SGC_STEP_LIMIT ((uint64_t)1 << 32)
#endif

)";
}

} // namespace

LogicalResult sg::emitHeader(ModuleOp module, StringRef source,
                             raw_ostream &os) {
  MLIRContext *ctx = module.getContext();
  std::string guard = "SGC_" + upper(cIdentifier(source)) + "_H";
  os << "/* Generated by sgc from " << commentText(source) << ". Do not edit.\n"
     << " *\n"
     << " * Every tensor is a contiguous row-major array of its element "
        "type. Buffers\n"
     << " * must not overlap. The functions are reentrant; they allocate "
        "their\n"
     << " * intermediate values on the heap and free them before "
        "returning. Samples\n"
     << " * are keyed by (seed, step, node, element): the same key gives "
        "the same\n"
     << " * numbers whatever the thread count. */\n"
     << "#ifndef " << guard << "\n#define " << guard << "\n\n"
     << "#include <stdint.h>\n\n#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n";
  emitDescriptorType(os);
  emitErrorCodes(os);

  FailureOr<ModelInfo> info = collectModelInfo(module);
  if (failed(info))
    return failure();
  for (const GraphDescriptor &graph : info->graphs) {
    StringRef prefix = graph.prefix;
    os << "/*===--- graph @" << graph.name << " ---===*/\n\n";
    emitShapes(os, prefix, graph.args);
    emitShapes(os, prefix, graph.outputs);
    // The batch: the leading axis of the first input (sg-abi's
    // sg.batch_size), which first_row offsets.
    int64_t batch = 0;
    for (const TensorDescriptor &t : graph.args)
      if (t.role == ABIRole::Input && !t.shape.empty()) {
        batch = t.shape[0];
        break;
      }
    if (batch)
      os << "#define " << upper(prefix) << "_BATCH_SIZE " << batch << "\n";
    emitTable(os, prefix, "args", graph.args);
    emitTable(os, prefix, "outputs", graph.outputs);
    os << "\n/* The message of the last error a function of this library "
          "returned on the\n * calling thread (see SGC_ERR_*). */\n"
       << "const char *" << graph.name << "_last_error(void);\n\n"
       << "/* The tables of this header as data in the library (see "
          "sgc_model_info). */\n"
       << "const sgc_model_info *" << graph.name << "_info(void);\n\n";

    auto signature = [&](const FunctionDescriptor &func) {
      os << "int " << func.name << "(";
      llvm::interleaveComma(func.abi, os,
                            [&](const ABIArgument &a) { os << a.decl; });
      os << ");\n";
      if (batch)
        os << "/* The same for rows [first_row, first_row + " << upper(prefix)
           << "_BATCH_SIZE) of a larger batch:\n"
           << " * samples with a leading batch axis are those of these "
              "rows in one call on\n * the whole batch (data-parallel "
              "training). */\n";
      else
        os << "/* The same with first_row, which has no effect here "
              "(no input has a batch\n * axis). */\n";
      // func.abi with first_row after step.
      os << "int " << func.name << kRowsSuffix << "(";
      bool comma = false;
      for (const ABIArgument &a : func.abi) {
        os << (comma ? ", " : "") << a.decl;
        comma = true;
        if (a.role == ABIRole::Step)
          os << ", uint64_t first_row";
      }
      os << ");\n\n";
    };
    for (const FunctionDescriptor &func : graph.functions) {
      if (func.kind == FunctionDescriptor::Forward) {
        os << "/* Forward pass: `loss` receives the sum of the costs for one "
              "draw of the\n * samples, the out* buffers the sg.output "
              "values. */\n";
        signature(func);
        continue;
      }
      os << "/* The loss for one draw of the samples and an unbiased "
            "estimate of the\n * gradient of the expected loss with "
            "respect to every parameter (d_*).";
      if (graph.numBaselines) {
        os << "\n * baseline<k>: a moving-average baseline of score-term "
              "coefficients (start at 0;\n * a 0-d buffer, or one element "
              "per row where the score terms are per row);\n * "
              "new_baseline<k> receives its update (a different buffer: "
              "swap them\n * between steps).";
        for (auto [k, where] : llvm::enumerate(graph.baselineSamples))
          os << "\n *   baseline" << k << ": the sample(s) at "
             << commentText(where);
      }
      os << " */\n";
      os << "#define " << upper(prefix) << "_NUM_BASELINES "
         << graph.numBaselines << "\n";
      int64_t k = 0;
      for (const TensorDescriptor &arg : func.args)
        if (arg.role == ABIRole::Baseline)
          os << "#define " << upper(prefix) << "_BASELINE" << k++ << "_SIZE "
             << arg.size() << "\n";
      signature(func);
      if (DictionaryAttr opt =
              SGDialect::OptimizerAttrHelper(ctx).getAttr(module)) {
        auto kind = opt.getAs<StringAttr>("kind");
        bool adam = kind && kind.getValue() == "adam";
        auto number = [&](StringRef name) {
          auto f = opt.getAs<FloatAttr>(name);
          return f ? f.getValueAsDouble() : 0.0;
        };
        os << "/* One training step (sgc --optimizer): the gradient as "
              "above, then every\n * parameter updated in place, exactly "
              "as ";
        if (adam)
          os << "sg_adam_step with m_*, v_* (start at 0),\n * t counting "
                "the steps from 1, and alpha "
             << number("alpha") << ", beta1 " << number("beta1") << ", beta2 "
             << number("beta2") << ",\n * eps " << number("eps")
             << ", grad_scale " << number("grad_scale") << ".";
        else
          os << "sg_sgd_step with lr " << number("lr") << ".";
        os << " Every argument is checked before any buffer is written. "
              "*/\n";
        os << "int " << graph.name << "_train_step(";
        llvm::interleaveComma(getTrainStepArguments(func.abi, adam), os,
                              [&](const ABIArgument &a) { os << a.decl; });
        os << ");\n\n";
      }
    }
  }
  os << "/* Every function f above also has f_packed(buffers, seed, step):\n"
        " * buffers[i] is f's i-th pointer argument, in order (for generic "
        "callers).\n * It returns what f returns, or SGC_ERR_NULL if "
        "`buffers` is NULL. f_rows_packed\n * also takes first_row. */\n";
  for (const GraphDescriptor &graph : info->graphs)
    for (const FunctionDescriptor &func : graph.functions)
      os << "int " << func.name
         << "_packed(void *const *buffers, uint64_t seed, uint64_t step);\n"
         << "int " << func.name << kRowsSuffix
         << "_packed(void *const *buffers, uint64_t seed, uint64_t step,\n"
         << "    uint64_t first_row);\n";
  os << "\n";
  if (SGDialect::KinksAttrHelper(ctx).isAttrPresent(module)) {
    std::string table = cIdentifier(source) + "_kinks";
    os << "/* --instrument-kinks: kinks[k] receives how many elements of "
          "the call were\n * evaluated exactly at the kink described by "
       << table
       << "[k]; when any is\n * non-zero the gradient may be a "
          "subderivative rather than the derivative. */\n";
    os << "#define " << upper(table) << "_COUNT " << info->kinks.size() << "\n";
    os << "static const char *const " << table << "[] = {\n";
    for (const SiteDescriptor &kink : info->kinks)
      os << "  " << cStringLiteral(kink.text) << ",\n";
    os << "  0};\n\n";
  }
  if (SGDialect::ChecksAttrHelper(ctx).isAttrPresent(module)) {
    // Checked mode: *status is 0, or the number of the first failed check.
    std::string table = cIdentifier(source) + "_checks";
    os << "/* Checked mode: a function sets *status to 0 when every check "
          "passed, else to\n * the number k of the first that failed, "
          "described by "
       << table << "[k - 1]. */\n";
    os << "#define " << upper(table) << "_COUNT " << info->checks.size()
       << "\n";
    os << "static const char *const " << table << "[] = {\n";
    for (const SiteDescriptor &check : info->checks)
      os << "  " << cStringLiteral(check.text) << ",\n";
    os << "  0};\n\n";
  }
  os << "#ifdef __cplusplus\n} /* extern \"C\" */\n#endif\n\n#endif /* "
     << guard << " */\n";
  return success();
}
