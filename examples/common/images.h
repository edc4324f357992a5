//===- images.h - read 28x28 images from IDX files --------------*- C++ -*-===//
#ifndef SG_EXAMPLES_IMAGES_H
#define SG_EXAMPLES_IMAGES_H

#include <string>
#include <vector>

constexpr int kImagePixels = 28 * 28;

/// Loads the unsigned-byte 28x28 images of an IDX file (gzip or raw, e.g.
/// Fashion-MNIST's idx3-ubyte files) as floats divided by `scale`, row-major
/// with one image after the other; at most `limit` of them unless 0. Returns
/// false with `error` set (naming the file) on failure.
bool loadImages(const std::string &path, float scale, long limit,
                std::vector<float> &out, long &count, std::string &error);

#endif // SG_EXAMPLES_IMAGES_H
