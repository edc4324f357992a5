//===- OutOfMemoryTest.cpp - a failed allocation is an error, not a crash -===//
//
// sgc and sg-opt install sg::installOutOfMemoryHandler: a failed allocation
// (operator new, or LLVM's checked allocation) prints "<tool>: error: out of
// memory" and exits with status 1 instead of aborting with a core dump.
//
//===----------------------------------------------------------------------===//

#include "sg/Support/OutOfMemory.h"

#include "llvm/Support/ErrorHandling.h"

#include <gtest/gtest.h>

#include <cstdint>

// In the ASan build, AddressSanitizer's allocator aborts on an impossible
// request instead of returning null, so operator new would never reach the
// handler under test. Let it fail the way the system allocator does (only
// ASan reads this function; other builds ignore it).
extern "C" __attribute__((used)) const char *__asan_default_options() {
  return "allocator_may_return_null=1";
}

namespace {

TEST(OutOfMemory, FailedNewIsAnErrorAndStatusOne) {
  EXPECT_EXIT(
      {
        mlir::sg::installOutOfMemoryHandler("sg-test");
        // More than any machine has: malloc fails, operator new calls the
        // handler instead of throwing.
        volatile size_t huge = size_t(1) << 62;
        char *volatile p = new char[huge];
        p[0] = 1;
      },
      testing::ExitedWithCode(1), "^sg-test: error: out of memory\n$");
}

TEST(OutOfMemory, LLVMBadAllocIsAnErrorAndStatusOne) {
  EXPECT_EXIT(
      {
        mlir::sg::installOutOfMemoryHandler("sg-test");
        llvm::report_bad_alloc_error("Allocation failed");
      },
      testing::ExitedWithCode(1),
      "^sg-test: error: out of memory \\(Allocation failed\\)\n$");
}

TEST(OutOfMemory, WithoutTheHandlerLLVMAborts) {
  // What the handler replaces (and why the tests above can fail).
  EXPECT_DEATH(llvm::report_bad_alloc_error("Allocation failed"),
               "out of memory");
}

} // namespace
