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

#include <new>

// AddressSanitizer's operator new reports a failed allocation and aborts by
// itself, without calling the new-handler; in that build the test calls the
// installed handler the way operator new does when malloc fails.
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SG_TEST_UNDER_ASAN 1
#endif
#endif

namespace {

TEST(OutOfMemory, FailedNewIsAnErrorAndStatusOne) {
  EXPECT_EXIT(
      {
        mlir::sg::installOutOfMemoryHandler("sg-test");
        // More than any machine has: malloc fails, operator new calls the
        // handler instead of throwing.
#ifdef SG_TEST_UNDER_ASAN
        std::get_new_handler()();
#else
        volatile size_t huge = size_t(1) << 62;
        char *volatile p = new char[huge];
        p[0] = 1;
#endif
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
