//===- Library.h - A model compiled by this sgc and loaded ------*- C++ -*-===//
#ifndef SGC_LIBRARY_H
#define SGC_LIBRARY_H

#include <cstdint>
#include <string>
#include <vector>

namespace sgc {

/// The packed entry points of sg-packed-abi: every buffer in one array.
using Packed = void (*)(void *const *, uint64_t, uint64_t);

/// One variant of a model, compiled by running this very sgc (`sgc` is its
/// path) with extra `flags` into `dir/name.so`, then dlopen'ed. The library
/// is unloaded, and its file removed, on destruction.
class Library {
public:
  Library(const std::string &sgc, const std::string &input,
          const std::string &dir, const std::string &name,
          std::vector<std::string> flags, std::string &error);
  ~Library();
  Library(const Library &) = delete;
  Library &operator=(const Library &) = delete;

  /// The symbol as a packed entry point, or null.
  Packed get(const std::string &symbol) const;

  std::string path;
  void *handle = nullptr;
};

} // namespace sgc

#endif // SGC_LIBRARY_H
