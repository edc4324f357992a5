//===- OutputFile.cpp - write a tool's output without losing data ---------===//

#include "sg/Target/OutputFile.h"

#include "mlir/Support/LogicalResult.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
namespace fs = llvm::sys::fs;

LogicalResult sg::checkOutputIsNotInput(StringRef input, StringRef output,
                                        std::string &error) {
  if (input == "-" || output == "-")
    return success();
  // fs::equivalent compares device and inode numbers after following links;
  // it fails (and so does not clash) when either file does not exist.
  bool same = false;
  if (input == output || (!fs::equivalent(input, output, same) && same)) {
    error = "the output file '" + output.str() + "' is the input file '" +
            input.str() + "'; choose another output (-o)";
    return failure();
  }
  return success();
}

bool sg::isReplacedAtomically(StringRef output) {
  if (output == "-")
    return false;
  fs::file_status status;
  if (fs::status(output, status))
    return true; // does not exist (yet)
  return fs::is_regular_file(status);
}

LogicalResult
sg::writeOutputFile(StringRef output,
                    function_ref<LogicalResult(raw_ostream &)> write,
                    std::string &error) {
  if (!isReplacedAtomically(output)) {
    std::error_code ec;
    llvm::raw_fd_ostream os(output, ec);
    if (ec) {
      error = "cannot open '" + output.str() + "': " + ec.message();
      return failure();
    }
    if (failed(write(os)))
      return failure();
    os.flush();
    if (os.has_error()) {
      error = "cannot write '" + output.str() + "': " + os.error().message();
      os.clear_error();
      return failure();
    }
    return success();
  }
  // The temporary file lives in the output's folder so that the final
  // rename stays within one file system (and so is atomic); it is removed
  // on failure and on a fatal signal.
  llvm::Expected<fs::TempFile> temp = fs::TempFile::create(
      output + ".tmp-%%%%%%", fs::all_read | fs::all_write);
  if (!temp) {
    error = "cannot create a file next to '" + output.str() +
            "': " + llvm::toString(temp.takeError());
    return failure();
  }
  bool ok;
  {
    llvm::raw_fd_ostream os(temp->FD, /*shouldClose=*/false);
    ok = succeeded(write(os));
    os.flush();
    if (ok && os.has_error()) {
      error = "cannot write '" + output.str() + "': " + os.error().message();
      ok = false;
    }
    os.clear_error();
  }
  if (!ok) {
    llvm::consumeError(temp->discard());
    return failure();
  }
  if (llvm::Error err = temp->keep(output)) {
    error = "cannot write '" + output.str() +
            "': " + llvm::toString(std::move(err));
    llvm::consumeError(temp->discard());
    return failure();
  }
  return success();
}
