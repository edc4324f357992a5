//===- Decimal.h - Strict decimal numbers for the readers -------*- C++ -*-===//
#ifndef SG_VERIFY_DECIMAL_H
#define SG_VERIFY_DECIMAL_H

#include <cmath>
#include <cstdlib>
#include <string>

namespace mlir::sg::verify {

/// Parses a whole token as a finite decimal number. Only the characters of
/// a decimal literal are accepted, so that strtod's extensions ("nan",
/// "inf", hexadecimal floats) are refused rather than silently read.
inline bool parseDecimal(const char *begin, size_t length, double &value,
                         bool &outOfRange) {
  outOfRange = false;
  if (length == 0)
    return false;
  bool sawDigit = false;
  for (size_t i = 0; i < length; ++i) {
    char c = begin[i];
    if (c >= '0' && c <= '9')
      sawDigit = true;
    else if (c != '+' && c != '-' && c != '.' && c != 'e' && c != 'E')
      return false;
  }
  if (!sawDigit)
    return false;
  // strtod needs a NUL-terminated string and the text is not one here.
  std::string copy(begin, length);
  char *end = nullptr;
  double v = std::strtod(copy.c_str(), &end);
  if (end != copy.c_str() + copy.size())
    return false;
  if (!std::isfinite(v)) {
    outOfRange = true;
    return false;
  }
  value = v;
  return true;
}

} // namespace mlir::sg::verify

#endif // SG_VERIFY_DECIMAL_H
