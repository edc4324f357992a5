//===- png.cpp - write 8-bit grayscale PNG files --------------------------===//
//
// A minimal encoder (IHDR, one IDAT compressed with zlib, IEND): enough to
// let a person look at reconstructions and samples without extra packages.
//
//===----------------------------------------------------------------------===//

#include "png.h"
#include "files.h"

#include <zlib.h>

#include <string>

namespace {
void put32(std::vector<uint8_t> &out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8)
    out.push_back(static_cast<uint8_t>(v >> shift));
}

void chunk(std::vector<uint8_t> &out, const char *type,
           const std::vector<uint8_t> &data) {
  put32(out, static_cast<uint32_t>(data.size()));
  size_t start = out.size();
  out.insert(out.end(), type, type + 4);
  out.insert(out.end(), data.begin(), data.end());
  uLong crc = crc32(0, out.data() + start, out.size() - start);
  put32(out, static_cast<uint32_t>(crc));
}
} // namespace

bool writeGrayPNG(const std::string &path, int width, int height,
                  const std::vector<uint8_t> &pixels) {
  // Each scanline starts with filter type 0 (none).
  std::vector<uint8_t> raw;
  raw.reserve((width + 1) * height);
  for (int y = 0; y < height; ++y) {
    raw.push_back(0);
    raw.insert(raw.end(), pixels.begin() + y * width,
               pixels.begin() + (y + 1) * width);
  }
  uLongf size = compressBound(raw.size());
  std::vector<uint8_t> compressed(size);
  if (compress2(compressed.data(), &size, raw.data(), raw.size(), 9) != Z_OK)
    return false;
  compressed.resize(size);

  std::vector<uint8_t> file = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  std::vector<uint8_t> header;
  put32(header, width);
  put32(header, height);
  header.insert(header.end(), {8, 0, 0, 0, 0}); // 8-bit gray, no interlace
  chunk(file, "IHDR", header);
  chunk(file, "IDAT", compressed);
  chunk(file, "IEND", {});

  return replaceFile(path, std::string(file.begin(), file.end()));
}
