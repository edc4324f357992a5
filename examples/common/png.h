//===- png.h - write 8-bit grayscale PNG files ------------------*- C++ -*-===//
#ifndef SG_EXAMPLES_PNG_H
#define SG_EXAMPLES_PNG_H

#include <cstdint>
#include <string>
#include <vector>

/// Writes a `width` x `height` 8-bit grayscale image (row-major) as PNG.
/// Returns false if the file cannot be written.
bool writeGrayPNG(const std::string &path, int width, int height,
                  const std::vector<uint8_t> &pixels);

#endif // SG_EXAMPLES_PNG_H
