//===- images.cpp - read 28x28 images from IDX files ----------------------===//

#include "images.h"

#include "sg_runtime.h"

bool loadImages(const std::string &path, float scale, long limit,
                std::vector<float> &out, long &count, std::string &error) {
  sg_idx idx;
  if (sg_idx_load(path.c_str(), &idx) != 0) {
    error = sg_last_error();
    return false;
  }
  if (idx.dtype != SG_IDX_U8 || idx.ndims != 3 || idx.dims[1] != 28 ||
      idx.dims[2] != 28) {
    error = path + ": expected unsigned-byte images of 28x28 (an idx3-ubyte "
                   "file)";
    sg_idx_free(&idx);
    return false;
  }
  out.resize(idx.count);
  if (sg_idx_to_f32(&idx, out.data(), scale) != 0) {
    error = sg_last_error();
    sg_idx_free(&idx);
    return false;
  }
  count = idx.dims[0];
  if (limit && limit < count)
    count = limit;
  out.resize(size_t(count) * kImagePixels);
  sg_idx_free(&idx);
  return true;
}
