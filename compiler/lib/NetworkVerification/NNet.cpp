//===- NNet.cpp - Reader of .nnet networks --------------------------------===//
//
// The .nnet format (Kyle Julian, Stanford 2016) is line based:
//
//   // comment lines, only at the top
//   numLayers,inputSize,outputSize,maxLayerSize,
//   size_0,size_1,...,size_numLayers,
//   flag,                                   (unused)
//   input minimums, input maximums          (inputSize values each)
//   means, ranges                           (inputSize + 1 values each)
//   per layer: `out` lines of `in` weights, then `out` lines of one bias
//
// Values are separated by commas (a trailing comma is allowed). The reader
// validates everything before it allocates: the files come from outside,
// and a wrong size in the header must give a located message, not a crash
// or an allocation of gigabytes.
//
//===----------------------------------------------------------------------===//

#include "sg/NetworkVerification/Readers.h"

#include "Decimal.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

using namespace mlir::sg::verify;

namespace {

/// The largest network we accept (weights and biases together): beyond it
/// the header is more likely wrong than the network real, and refusing is
/// better than allocating.
constexpr unsigned long long kMaxParameters = 100000000;
/// The most layers a header may announce.
constexpr unsigned long long kMaxLayers = 1000000;

class NNetParser {
public:
  NNetParser(const std::string &text, const std::string &name,
             std::string &error)
      : text(text), name(name), error(error) {}

  bool parse(Network &network, NNetInfo &info);

private:
  /// A line of the file, [begin, end) without its newline.
  struct Line {
    size_t begin = 0, end = 0;
    unsigned number = 0;
  };

  const std::string &text;
  const std::string &name;
  std::string &error;
  /// Offset of the next unread line and its number.
  size_t pos = 0;
  unsigned lineNumber = 1;

  bool fail(unsigned line, size_t col, const std::string &message) {
    error = name + ":" + std::to_string(line) + ":" + std::to_string(col) +
            ": " + message;
    return false;
  }
  size_t column(const Line &l, size_t offset) const {
    return offset - l.begin + 1;
  }

  static bool isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
  }
  bool isBlankLine(const Line &l) const {
    for (size_t i = l.begin; i < l.end; ++i)
      if (!isBlank(text[i]))
        return false;
    return true;
  }

  /// Reads the next line (blank or not); false at the end of the text.
  bool rawLine(Line &l) {
    if (pos >= text.size())
      return false;
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos)
      nl = text.size();
    l.begin = pos;
    l.end = nl;
    l.number = lineNumber;
    pos = nl < text.size() ? nl + 1 : nl;
    ++lineNumber;
    return true;
  }

  /// Reads the next non-blank line; at the end of the text, reports
  /// "unexpected end of file: expected <what>".
  bool nextLine(Line &l, const std::string &what) {
    while (rawLine(l))
      if (!isBlankLine(l))
        return true;
    return failAtEnd("unexpected end of file: expected " + what);
  }

  /// Reports an error at the position just after the last character.
  bool failAtEnd(const std::string &message) {
    unsigned line = 1;
    size_t col = 1;
    for (char c : text) {
      if (c == '\n') {
        ++line;
        col = 1;
      } else {
        ++col;
      }
    }
    return fail(line, col, message);
  }

  bool readValues(const Line &l, size_t count, const std::string &what,
                  std::vector<double> &out,
                  std::vector<size_t> *columns = nullptr);
  bool readValueLine(size_t count, const std::string &what,
                     std::vector<double> &out, unsigned *line = nullptr) {
    Line l;
    if (!nextLine(l, what))
      return false;
    if (line)
      *line = l.number;
    return readValues(l, count, what, out);
  }
  bool readSizes(const Line &l, size_t count, const std::string &what,
                 std::vector<size_t> &sizes, std::vector<size_t> &columns);
};

/// Reads exactly `count` comma-separated numbers from `l` and appends them
/// to `out`; `what` names them in messages ("5 input minimums"). The
/// column of each value goes to `columns` when not null.
bool NNetParser::readValues(const Line &l, size_t count,
                            const std::string &what, std::vector<double> &out,
                            std::vector<size_t> *columns) {
  size_t p = l.begin, found = 0;
  while (true) {
    while (p < l.end && isBlank(text[p]))
      ++p;
    if (p >= l.end)
      break;
    if (found == count)
      return fail(l.number, column(l, p), "too many values: expected " + what);
    size_t start = p;
    while (p < l.end && text[p] != ',' && !isBlank(text[p]))
      ++p;
    double v = 0;
    bool outOfRange = false;
    if (!parseDecimal(text.data() + start, p - start, v, outOfRange))
      return fail(l.number, column(l, start),
                  outOfRange ? "number out of range" : "expected a number");
    out.push_back(v);
    if (columns)
      columns->push_back(column(l, start));
    ++found;
    while (p < l.end && isBlank(text[p]))
      ++p;
    if (p < l.end) {
      if (text[p] != ',')
        return fail(l.number, column(l, p), "expected ','");
      ++p;
    }
  }
  if (found < count)
    return fail(l.number, column(l, l.end),
                "expected " + what + ", found " + std::to_string(found));
  return true;
}

/// Reads a line of `count` sizes: positive integers, each small enough that
/// products of two of them cannot overflow.
bool NNetParser::readSizes(const Line &l, size_t count, const std::string &what,
                           std::vector<size_t> &sizes,
                           std::vector<size_t> &columns) {
  std::vector<double> values;
  if (!readValues(l, count, what, values, &columns))
    return false;
  for (size_t i = 0; i < values.size(); ++i) {
    double v = values[i];
    if (v != std::floor(v))
      return fail(l.number, columns[i], "expected an integer size");
    if (v <= 0)
      return fail(l.number, columns[i], "size must be positive");
    if (v > double(kMaxParameters))
      return fail(l.number, columns[i],
                  "size too large (at most " + std::to_string(kMaxParameters) +
                      ")");
    sizes.push_back(size_t(v));
  }
  return true;
}

bool NNetParser::parse(Network &network, NNetInfo &info) {
  // Comment lines come first; the first other non-blank line is the header.
  Line l;
  bool haveHeader = false;
  while (rawLine(l)) {
    if (isBlankLine(l))
      continue;
    if (l.end - l.begin >= 2 && text[l.begin] == '/' &&
        text[l.begin + 1] == '/')
      continue;
    haveHeader = true;
    break;
  }
  if (!haveHeader)
    return failAtEnd("unexpected end of file: expected the header "
                     "(numLayers,inputSize,outputSize,maxLayerSize)");

  std::vector<size_t> headerSizes, headerColumns;
  if (!readSizes(l, 4, "4 values (numLayers,inputSize,outputSize,maxLayerSize)",
                 headerSizes, headerColumns))
    return false;
  if (headerSizes[0] > kMaxLayers)
    return fail(l.number, headerColumns[0],
                "too many layers (at most " + std::to_string(kMaxLayers) + ")");
  size_t numLayers = headerSizes[0], inputSize = headerSizes[1],
         outputSize = headerSizes[2], maxLayerSize = headerSizes[3];
  unsigned headerLine = l.number;

  // Layer sizes, checked against the header.
  NNetInfo result;
  Line sizesLine;
  std::vector<size_t> columns;
  std::string sizesWhat = std::to_string(numLayers + 1) + " layer sizes";
  if (!nextLine(sizesLine, sizesWhat) ||
      !readSizes(sizesLine, numLayers + 1, sizesWhat, result.layerSizes,
                 columns))
    return false;
  const std::vector<size_t> &sizes = result.layerSizes;
  if (sizes.front() != inputSize)
    return fail(sizesLine.number, columns.front(),
                "the first layer size " + std::to_string(sizes.front()) +
                    " differs from the input size " +
                    std::to_string(inputSize) + " of line " +
                    std::to_string(headerLine));
  if (sizes.back() != outputSize)
    return fail(sizesLine.number, columns.back(),
                "the last layer size " + std::to_string(sizes.back()) +
                    " differs from the output size " +
                    std::to_string(outputSize) + " of line " +
                    std::to_string(headerLine));
  for (size_t i = 0; i < sizes.size(); ++i)
    if (sizes[i] > maxLayerSize)
      return fail(sizesLine.number, columns[i],
                  "layer size " + std::to_string(sizes[i]) +
                      " exceeds the maximum layer size " +
                      std::to_string(maxLayerSize) + " of line " +
                      std::to_string(headerLine));
  // Sizes are at most 1e8, so each product fits in 64 bits; stop summing
  // as soon as the cap is passed.
  unsigned long long parameters = 0;
  for (size_t i = 0; i + 1 < sizes.size(); ++i) {
    parameters += (unsigned long long)sizes[i] * sizes[i + 1] + sizes[i + 1];
    if (parameters > kMaxParameters)
      return fail(sizesLine.number, columns[i + 1],
                  "network too large: more than " +
                      std::to_string(kMaxParameters) + " parameters");
  }

  // The flag line: one value, unused by the format's own readers.
  std::vector<double> flag;
  if (!readValueLine(1, "1 value (the unused flag)", flag))
    return false;

  std::string in = std::to_string(inputSize);
  std::string in1 = std::to_string(inputSize + 1);
  if (!readValueLine(inputSize, in + " input minimums", result.inputMin) ||
      !readValueLine(inputSize, in + " input maximums", result.inputMax) ||
      !readValueLine(inputSize + 1, in1 + " means", result.means) ||
      !readValueLine(inputSize + 1, in1 + " ranges", result.ranges))
    return false;

  Network net;
  net.inputSize = inputSize;
  for (size_t k = 0; k + 1 < sizes.size(); ++k) {
    size_t rows = sizes[k + 1], cols = sizes[k];
    std::string layer = "layer " + std::to_string(k + 1);
    std::vector<double> weights, bias;
    // Reserve no more than the rest of the text can hold (a number and a
    // comma take two bytes at least): a truncated file must not allocate
    // what its header promises.
    size_t room = (text.size() - pos) / 2 + 1;
    weights.reserve(std::min(rows * cols, room));
    unsigned firstLine = 0;
    for (size_t r = 0; r < rows; ++r) {
      unsigned line = 0;
      if (!readValueLine(cols,
                         std::to_string(cols) + " weights of " + layer +
                             ", row " + std::to_string(r + 1),
                         weights, &line))
        return false;
      if (r == 0)
        firstLine = line;
    }
    bias.reserve(std::min(rows, room));
    for (size_t r = 0; r < rows; ++r)
      if (!readValueLine(
              1, "the bias of " + layer + ", row " + std::to_string(r + 1),
              bias))
        return false;
    std::string location = name + ":" + std::to_string(firstLine);
    net.addAffine(std::move(weights), std::move(bias), cols, rows, location);
    if (k + 2 < sizes.size())
      net.addActivation(LayerKind::Relu, location);
  }

  // Only blank lines may follow the last bias.
  while (rawLine(l)) {
    if (isBlankLine(l))
      continue;
    size_t p = l.begin;
    while (isBlank(text[p]))
      ++p;
    return fail(l.number, column(l, p), "unexpected text after the last bias");
  }

  network = std::move(net);
  info = std::move(result);
  return true;
}

} // namespace

bool mlir::sg::verify::parseNNet(const std::string &text,
                                 const std::string &name, Network &network,
                                 NNetInfo &info, std::string &error) {
  return NNetParser(text, name, error).parse(network, info);
}

bool mlir::sg::verify::readFile(const std::string &path, std::string &text,
                                std::string &error) {
  std::FILE *f = std::fopen(path.c_str(), "rb");
  if (!f) {
    error = path + ": cannot open file";
    return false;
  }
  std::string result;
  char buffer[65536];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0)
    result.append(buffer, n);
  // A directory opens but does not read: report it like a missing file.
  bool failed = std::ferror(f);
  std::fclose(f);
  if (failed) {
    error = path + ": cannot open file";
    return false;
  }
  text = std::move(result);
  return true;
}
