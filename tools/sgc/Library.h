//===- Library.h - A model compiled by this sgc and loaded ------*- C++ -*-===//
#ifndef SGC_LIBRARY_H
#define SGC_LIBRARY_H

#include "sgc_model_info.h"

#include <cstdint>
#include <string>
#include <vector>

namespace sgc {

/// A packed entry point of a compiled graph (sg-packed-abi: every buffer in
/// one array) with the library's error message.
struct Packed {
  using Fn = int (*)(void *const *, uint64_t, uint64_t);
  using LastErrorFn = const char *(*)();
  Fn fn = nullptr;
  LastErrorFn lastError = nullptr;
  explicit operator bool() const { return fn && lastError; }
  /// Calls the function; the caller passes its own valid buffers and small
  /// steps, so a failure is a bug in sgc: stop with the library's message
  /// rather than use a result computed from nothing.
  void operator()(void *const *buffers, uint64_t seed, uint64_t step) const;
};

/// A buffer of a packed entry point: its role (sgc_role) and element count.
struct Slot {
  enum Role : int {
    Param = SGC_PARAM,
    Input = SGC_INPUT,
    Output = SGC_OUTPUT,
    Grad = SGC_GRAD,
    Baseline = SGC_BASELINE,
    NewBaseline = SGC_NEW_BASELINE,
    Kinks = SGC_KINKS,
    Status = SGC_STATUS,
    Loss = SGC_LOSS
  };
  Role role;
  int64_t size;
};

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

  /// `graph`'s entry point `graph + suffix` (e.g. "_loss_grad_packed"),
  /// empty when missing.
  Packed get(const std::string &graph, const std::string &suffix) const;

  /// The buffers of `graph`'s forward (`lossGrad` false) or loss-gradient
  /// function, in order, as the library's model info lists them; empty when
  /// it has none.
  std::vector<Slot> layout(const std::string &graph, bool lossGrad) const;

  std::string path;
  void *handle = nullptr;
};

} // namespace sgc

#endif // SGC_LIBRARY_H
