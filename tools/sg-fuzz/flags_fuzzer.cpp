//===- flags_fuzzer.cpp - libFuzzer harness: sgc's command-line flags -----===//
//
// Feeds argument vectors (one argument per line) to sgc's own option
// parsing and validation: the driver's cl::opt declarations and
// validateOptions(), compiled in from tools/sgc/sgc.cpp itself, so the
// harness tests exactly the flags sgc has (a copy would drift). Every vector
// must be accepted or refused with a message: a crash, a sanitizer report
// or a hang is a bug.
//
// Arguments that make LLVM's option library exit the process (--help and
// what it takes for it, --version) or read files (@response) are skipped;
// sgc's own tests cover them.
//
//===----------------------------------------------------------------------===//

// sgc.cpp defines main(); here it is only a function the harness never calls.
#define main sgcMain
#include "../sgc/sgc.cpp"
#undef main

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace {
/// At most this many arguments and bytes per argument: flags are short.
constexpr size_t kMaxArgs = 16, kMaxArgSize = 128;

/// Whether LLVM's option library would exit or read a file on `arg`:
/// -h, --help*, --version, and any unknown name with an `h` in it,
/// which LLVM may take for a group of one-letter flags holding `-h` (its
/// alias of --help): `--Wheader` and `--helbasdel.mlir` print the help and
/// exit. sgc has no flag of its own that these rules leave out.
bool exitsOrReadsFiles(llvm::StringRef arg) {
  if (arg.starts_with("@"))
    return true;
  if (!arg.starts_with("-"))
    return false;
  llvm::StringRef name = arg.ltrim('-').split('=').first;
  if (name == "h" || name.starts_with("help") || name.starts_with("version"))
    return true;
  return !cl::getRegisteredOptions().count(name) && name.contains('h');
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  // The same registrations as sgc's main(), once.
  static bool registered = [] {
    registerAsmPrinterCLOptions();
    registerMLIRContextCLOptions();
    registerPassManagerCLOptions();
    cl::HideUnrelatedOptions(sgcCategory);
    return true;
  }();
  (void)registered;
  llvm::StringRef text(reinterpret_cast<const char *>(data), size);
  std::vector<std::string> args{"sgc"};
  while (!text.empty()) {
    auto [arg, rest] = text.split('\n');
    text = rest;
    if (args.size() > kMaxArgs || arg.size() > kMaxArgSize ||
        exitsOrReadsFiles(arg))
      return -1; // not added to the corpus
    args.push_back(arg.str());
  }
  std::vector<const char *> argv;
  for (const std::string &a : args)
    argv.push_back(a.c_str());

  cl::ResetAllOptionOccurrences();
  if (cl::ParseCommandLineOptions(argv.size(), argv.data(), "",
                                  &llvm::nulls()))
    (void)validateOptions();
  return 0;
}
