//===- ReadersTest.cpp - .nnet and VNN-LIB readers ------------------------===//
//
// The real ACAS Xu benchmark (45 networks, 10 properties) must read with
// the right structure; every class of malformed input must give a message
// located at the offending token; and no prefix or one-byte corruption of
// a valid file may crash a reader (the readers take files from outside).
//
//===----------------------------------------------------------------------===//

#include "sg/NetworkVerification/Readers.h"

#include <gtest/gtest.h>

#include <cmath>
#include <sys/stat.h>

using namespace mlir::sg::verify;

namespace {

const std::string kDataDir = SG_ACASXU_DIR;

bool haveData() {
  struct stat st;
  return stat((kDataDir + "/prop_1.vnnlib").c_str(), &st) == 0;
}

std::string nnetPath(int i, int j) {
  return kDataDir + "/ACASXU_run2a_" + std::to_string(i) + "_" +
         std::to_string(j) + "_batch_2000.nnet";
}

std::string propPath(int k) {
  return kDataDir + "/prop_" + std::to_string(k) + ".vnnlib";
}

/// A 2-3-1 network with comments, spaces and no trailing comma on a line.
const char *kSmallNNet = "// a small network\n"
                         "// second comment\n"
                         "2,2,1,3,\n"
                         "2,3,1,\n"
                         "0,\n"
                         "-1,-1,\n"
                         "1,1,\n"
                         "0,0,0,\n"
                         "1,1,1,\n"
                         "1.0,2.0,\n"
                         "-1.5, 0.5,\n"
                         "0,1e-1\n"
                         "0.1,\n"
                         "0.2,\n"
                         "-0.3,\n"
                         "1,-1,2,\n"
                         "0.5,\n";

bool parseNNetText(const std::string &text, Network &net, NNetInfo &info,
                   std::string &error) {
  return parseNNet(text, "net.nnet", net, info, error);
}

/// Expects `text` to be refused with a message starting with `prefix`
/// ("net.nnet:LINE:COL:") and containing `fragment`.
void expectNNetError(const std::string &text, const std::string &prefix,
                     const std::string &fragment) {
  Network net;
  NNetInfo info;
  std::string error;
  EXPECT_FALSE(parseNNetText(text, net, info, error)) << text;
  EXPECT_EQ(error.rfind(prefix, 0), 0u) << error;
  EXPECT_NE(error.find(fragment), std::string::npos) << error;
}

void expectVnnLibError(const std::string &text, const std::string &prefix,
                       const std::string &fragment) {
  Property p;
  std::string error;
  EXPECT_FALSE(parseVnnLib(text, "p.vnnlib", p, error)) << text;
  EXPECT_EQ(error.rfind(prefix, 0), 0u) << error;
  EXPECT_NE(error.find(fragment), std::string::npos) << error;
}

/// Replaces the `n`-th line (1-based) of `text`.
std::string replaceLine(const std::string &text, unsigned n,
                        const std::string &line) {
  size_t begin = 0;
  for (unsigned i = 1; i < n; ++i)
    begin = text.find('\n', begin) + 1;
  size_t end = text.find('\n', begin);
  return text.substr(0, begin) + line + text.substr(end);
}

//===----------------------------------------------------------------------===//
// .nnet
//===----------------------------------------------------------------------===//

TEST(NNetTest, SmallNetwork) {
  Network net;
  NNetInfo info;
  std::string error;
  ASSERT_TRUE(parseNNetText(kSmallNNet, net, info, error)) << error;
  EXPECT_EQ(net.inputSize, 2u);
  ASSERT_EQ(net.layers.size(), 3u);
  EXPECT_EQ(net.layers[0].kind, LayerKind::Affine);
  EXPECT_EQ(net.layers[1].kind, LayerKind::Relu);
  EXPECT_EQ(net.layers[2].kind, LayerKind::Affine);
  EXPECT_EQ(net.layers[0].in, 2u);
  EXPECT_EQ(net.layers[0].out, 3u);
  EXPECT_EQ(net.layers[0].weight(1, 0), -1.5);
  EXPECT_EQ(net.layers[0].weight(2, 1), 0.1);
  EXPECT_EQ(net.layers[0].bias[2], -0.3);
  EXPECT_EQ(net.layers[0].location, "net.nnet:10");
  EXPECT_EQ(net.layers[2].location, "net.nnet:16");
  EXPECT_EQ(net.outputSize(), 1u);
  EXPECT_EQ(info.layerSizes, (std::vector<size_t>{2, 3, 1}));
  EXPECT_EQ(info.inputMin, (std::vector<double>{-1, -1}));
  EXPECT_EQ(info.ranges, (std::vector<double>{1, 1, 1}));
  // h = relu(W x + b) with x = (1, 1): (3.1, -0.8, 0.1 - 0.3) -> (3.1, 0, 0).
  std::vector<double> y = net.evaluate({1, 1});
  ASSERT_EQ(y.size(), 1u);
  EXPECT_NEAR(y[0], 3.1 + 0.5, 1e-12);
}

TEST(NNetTest, AllAcasXuNetworks) {
  if (!haveData())
    GTEST_SKIP() << "no ACAS Xu data in " << kDataDir;
  for (int i = 1; i <= 5; ++i)
    for (int j = 1; j <= 9; ++j) {
      std::string path = nnetPath(i, j), text, error;
      ASSERT_TRUE(readFile(path, text, error)) << error;
      Network net;
      NNetInfo info;
      ASSERT_TRUE(parseNNet(text, path, net, info, error)) << error;
      EXPECT_EQ(net.inputSize, 5u);
      EXPECT_EQ(net.outputSize(), 5u);
      ASSERT_EQ(net.layers.size(), 13u) << path;
      size_t hidden = 0, affine = 0;
      for (size_t k = 0; k < net.layers.size(); ++k) {
        const Layer &l = net.layers[k];
        EXPECT_EQ(l.kind, k % 2 ? LayerKind::Relu : LayerKind::Affine);
        if (l.kind == LayerKind::Affine) {
          ++affine;
          if (k + 1 < net.layers.size())
            hidden += l.out;
        }
      }
      EXPECT_EQ(affine, 7u);
      EXPECT_EQ(hidden, 300u);
      EXPECT_EQ(info.layerSizes.size(), 8u);
      EXPECT_EQ(info.means.size(), 6u);
      std::vector<double> y = net.evaluate({0.1, -0.2, 0.3, 0.0, -0.4});
      ASSERT_EQ(y.size(), 5u);
      for (double v : y)
        EXPECT_TRUE(std::isfinite(v)) << path;
    }
}

TEST(NNetTest, AcasXuKnownValues) {
  if (!haveData())
    GTEST_SKIP() << "no ACAS Xu data in " << kDataDir;
  std::string path = nnetPath(1, 1), text, error;
  ASSERT_TRUE(readFile(path, text, error)) << error;
  Network net;
  NNetInfo info;
  ASSERT_TRUE(parseNNet(text, "ACASXU_run2a_1_1.nnet", net, info, error))
      << error;
  EXPECT_EQ(net.layers[0].weight(0, 0), 0.0540062);
  EXPECT_EQ(net.layers[0].weight(0, 1), -2.61092);
  EXPECT_EQ(net.layers[0].location, "ACASXU_run2a_1_1.nnet:11");
  EXPECT_EQ(info.inputMax[0], 60760.0);
  EXPECT_EQ(info.means[5], 7.5188840201005975);
  EXPECT_EQ(info.ranges[5], 373.94992);
}

TEST(NNetTest, ReadFileMissing) {
  std::string text, error;
  EXPECT_FALSE(readFile("/nonexistent/net.nnet", text, error));
  EXPECT_EQ(error, "/nonexistent/net.nnet: cannot open file");
  EXPECT_FALSE(readFile("/", text, error));
  EXPECT_EQ(error, "/: cannot open file");
}

TEST(NNetErrorTest, NotANumber) {
  std::string bad = replaceLine(kSmallNNet, 11, "-1.5, abc,");
  expectNNetError(bad, "net.nnet:11:7:", "expected a number");
  expectNNetError(replaceLine(kSmallNNet, 11, "-1.5,,0.5,"),
                  "net.nnet:11:6:", "expected a number");
  expectNNetError(replaceLine(kSmallNNet, 11, "-1.5 0.5,"),
                  "net.nnet:11:6:", "expected ','");
  // strtod extensions are not numbers of the format.
  expectNNetError(replaceLine(kSmallNNet, 11, "-1.5,nan,"),
                  "net.nnet:11:6:", "expected a number");
  expectNNetError(replaceLine(kSmallNNet, 11, "0x10,1,"),
                  "net.nnet:11:1:", "expected a number");
}

TEST(NNetErrorTest, NonFinite) {
  expectNNetError(replaceLine(kSmallNNet, 12, "0,1e999,"),
                  "net.nnet:12:3:", "number out of range");
  expectNNetError(replaceLine(kSmallNNet, 12, "0,inf,"),
                  "net.nnet:12:3:", "expected a number");
}

TEST(NNetErrorTest, WrongCount) {
  // Too few weights: at the end of the line.
  expectNNetError(replaceLine(kSmallNNet, 11, "-1.5,"), "net.nnet:11:6:",
                  "expected 2 weights of layer 1, row 2, found 1");
  // Too many: at the first extra value.
  expectNNetError(replaceLine(kSmallNNet, 11, "-1.5,0.5,7,"),
                  "net.nnet:11:10:", "too many values");
  expectNNetError(replaceLine(kSmallNNet, 13, "0.1,0.2,"),
                  "net.nnet:13:5:", "too many values");
  expectNNetError(replaceLine(kSmallNNet, 6, "-1,"),
                  "net.nnet:6:4:", "expected 2 input minimums, found 1");
  expectNNetError(replaceLine(kSmallNNet, 8, "0,0,"),
                  "net.nnet:8:5:", "expected 3 means, found 2");
  expectNNetError(replaceLine(kSmallNNet, 4, "2,3,1,4,"),
                  "net.nnet:4:7:", "too many values");
}

TEST(NNetErrorTest, BadSizes) {
  expectNNetError(replaceLine(kSmallNNet, 3, "2,-2,1,3,"),
                  "net.nnet:3:3:", "must be positive");
  expectNNetError(replaceLine(kSmallNNet, 3, "0,2,1,3,"),
                  "net.nnet:3:1:", "must be positive");
  expectNNetError(replaceLine(kSmallNNet, 4, "2,0,1,"),
                  "net.nnet:4:3:", "must be positive");
  expectNNetError(replaceLine(kSmallNNet, 4, "2,2.5,1,"),
                  "net.nnet:4:3:", "expected an integer");
  // Inconsistent with the header.
  expectNNetError(replaceLine(kSmallNNet, 4, "3,3,1,"),
                  "net.nnet:4:1:", "differs from the input size");
  expectNNetError(replaceLine(kSmallNNet, 4, "2,3,2,"),
                  "net.nnet:4:5:", "differs from the output size");
  expectNNetError(replaceLine(kSmallNNet, 4, "2,4,1,"),
                  "net.nnet:4:3:", "exceeds the maximum layer size");
}

TEST(NNetErrorTest, AbsurdSizes) {
  // Refused from the header, before any allocation.
  expectNNetError("1,100000,100000,100000,\n100000,100000,\n",
                  "net.nnet:2:8:", "network too large");
  expectNNetError("1,1,1,1000000000,\n1,1,\n", "net.nnet:1:7:", "too large");
  expectNNetError("99999999,1,1,1,\n", "net.nnet:1:1:", "too many layers");
  // Big but allowed: fails at the end of the file, not in an allocation.
  expectNNetError("1,10000,1000,10000,\n10000,1000,\n0,\n",
                  "net.nnet:4:1:", "unexpected end of file");
}

TEST(NNetErrorTest, Truncated) {
  std::string text = kSmallNNet;
  // Cut after the first weight row of layer 2 is missing entirely.
  expectNNetError(text.substr(0, text.find("1,-1,2,")), "net.nnet:16:1:",
                  "unexpected end of file: expected 3 weights of layer 2, "
                  "row 1");
  expectNNetError(text.substr(0, text.find("0.5,\n", text.find("1,-1,2,"))),
                  "net.nnet:17:1:",
                  "unexpected end of file: expected the bias of layer 2, "
                  "row 1");
  // No newline at the end: the end is just past the last character.
  expectNNetError("// only a comment", "net.nnet:1:18:",
                  "unexpected end of file: expected the header");
  expectNNetError("", "net.nnet:1:1:", "unexpected end of file");
}

TEST(NNetErrorTest, TrailingGarbage) {
  expectNNetError(std::string(kSmallNNet) + "\n  0.7,\n",
                  "net.nnet:19:3:", "unexpected text after the last bias");
  // Blank lines at the end are fine.
  Network net;
  NNetInfo info;
  std::string error;
  EXPECT_TRUE(
      parseNNetText(std::string(kSmallNNet) + "\n \r\n", net, info, error))
      << error;
}

TEST(NNetErrorTest, CommentAfterHeader) {
  expectNNetError(replaceLine(kSmallNNet, 5, "// flag"),
                  "net.nnet:5:1:", "expected a number");
}

//===----------------------------------------------------------------------===//
// VNN-LIB
//===----------------------------------------------------------------------===//

const char *kDecls = "(declare-const X_0 Real)\n"
                     "(declare-const X_1 Real)\n"
                     "(declare-const Y_0 Real)\n"
                     "(declare-const Y_1 Real)\n";

Property readProp(int k) {
  std::string text, error;
  Property p;
  EXPECT_TRUE(readFile(propPath(k), text, error)) << error;
  EXPECT_TRUE(parseVnnLib(text, "prop_" + std::to_string(k), p, error))
      << error;
  return p;
}

TEST(VnnLibTest, AllAcasXuProperties) {
  if (!haveData())
    GTEST_SKIP() << "no ACAS Xu data in " << kDataDir;
  for (int k = 1; k <= 10; ++k) {
    Property p = readProp(k);
    EXPECT_EQ(p.numInputs, 5u) << k;
    EXPECT_EQ(p.numOutputs, 5u) << k;
    ASSERT_FALSE(p.cases.empty()) << k;
    for (const PropertyCase &c : p.cases) {
      ASSERT_EQ(c.box.size(), 5u);
      for (size_t i = 0; i < 5; ++i)
        EXPECT_LE(c.box.lower[i], c.box.upper[i]);
      EXPECT_FALSE(c.unsafe.empty());
      for (const auto &conj : c.unsafe)
        for (const LinearConstraint &lc : conj)
          EXPECT_EQ(lc.coeffs.size(), 5u);
    }
    // Only property 6 has two input boxes.
    EXPECT_EQ(p.cases.size(), k == 6 ? 2u : 1u) << k;
  }
}

TEST(VnnLibTest, Property1) {
  if (!haveData())
    GTEST_SKIP() << "no ACAS Xu data in " << kDataDir;
  Property p = readProp(1);
  ASSERT_EQ(p.cases.size(), 1u);
  const PropertyCase &c = p.cases[0];
  EXPECT_EQ(c.box.lower, (std::vector<double>{0.6, -0.5, -0.5, 0.45, -0.5}));
  EXPECT_EQ(c.box.upper,
            (std::vector<double>{0.679857769, 0.5, 0.5, 0.5, -0.45}));
  ASSERT_EQ(c.unsafe.size(), 1u);
  ASSERT_EQ(c.unsafe[0].size(), 1u);
  EXPECT_EQ(c.unsafe[0][0].coeffs, (std::vector<double>{-1, 0, 0, 0, 0}));
  EXPECT_EQ(c.unsafe[0][0].rhs, -3.991125645861615);
}

TEST(VnnLibTest, Property2) {
  if (!haveData())
    GTEST_SKIP() << "no ACAS Xu data in " << kDataDir;
  Property p = readProp(2);
  ASSERT_EQ(p.cases.size(), 1u);
  ASSERT_EQ(p.cases[0].unsafe.size(), 1u);
  const auto &conj = p.cases[0].unsafe[0];
  ASSERT_EQ(conj.size(), 4u);
  // Y_j <= Y_0: -Y_0 + Y_j <= 0.
  for (size_t j = 1; j <= 4; ++j) {
    std::vector<double> coeffs(5, 0.0);
    coeffs[0] = -1;
    coeffs[j] = 1;
    EXPECT_EQ(conj[j - 1].coeffs, coeffs);
    EXPECT_EQ(conj[j - 1].rhs, 0);
  }
}

TEST(VnnLibTest, Property3Bounds) {
  if (!haveData())
    GTEST_SKIP() << "no ACAS Xu data in " << kDataDir;
  Property p = readProp(3);
  ASSERT_EQ(p.cases.size(), 1u);
  EXPECT_EQ(p.cases[0].box.lower[0], -0.303531156);
  EXPECT_EQ(p.cases[0].box.upper[0], -0.298552812);
}

TEST(VnnLibTest, Property6TwoBoxes) {
  if (!haveData())
    GTEST_SKIP() << "no ACAS Xu data in " << kDataDir;
  Property p = readProp(6);
  ASSERT_EQ(p.cases.size(), 2u);
  EXPECT_EQ(p.cases[0].box.upper[1], 0.499999896);
  EXPECT_EQ(p.cases[0].box.lower[1], 0.11140846);
  EXPECT_EQ(p.cases[1].box.upper[1], -0.11140846);
  EXPECT_EQ(p.cases[1].box.lower[1], -0.499999896);
  for (const PropertyCase &c : p.cases) {
    ASSERT_EQ(c.unsafe.size(), 4u);
    for (const auto &conj : c.unsafe)
      EXPECT_EQ(conj.size(), 1u);
  }
}

TEST(VnnLibTest, Property7) {
  if (!haveData())
    GTEST_SKIP() << "no ACAS Xu data in " << kDataDir;
  Property p = readProp(7);
  ASSERT_EQ(p.cases.size(), 1u);
  ASSERT_EQ(p.cases[0].unsafe.size(), 2u);
  EXPECT_EQ(p.cases[0].unsafe[0].size(), 3u);
  EXPECT_EQ(p.cases[0].unsafe[1].size(), 3u);
  // First disjunct: Y_3 <= Y_j for j = 0, 1, 2.
  EXPECT_EQ(p.cases[0].unsafe[0][2].coeffs,
            (std::vector<double>{0, 0, -1, 1, 0}));
}

TEST(VnnLibTest, OutputDisjunctions) {
  if (!haveData())
    GTEST_SKIP() << "no ACAS Xu data in " << kDataDir;
  for (int k : {5, 7, 8, 9}) {
    Property p = readProp(k);
    ASSERT_EQ(p.cases.size(), 1u) << k;
    EXPECT_GE(p.cases[0].unsafe.size(), 2u) << k;
  }
}

TEST(VnnLibTest, Terms) {
  std::string text = std::string(kDecls) +
                     "; bounds, in several spellings\n"
                     "(assert (<= X_0 1.5e0))\n"
                     "(assert (> X_0 -0.5))\n"
                     "(assert (<= (* 2 X_1) 4))\n"
                     "(assert (>= (* X_1 -2) -4)) ; X_1 <= 2 again\n"
                     "(assert (<= (- X_1) 3))\n"
                     "(assert (<= (+ (* 0.5 Y_0) (- Y_1 1) 2) (- Y_0 3)))\n"
                     "(assert (<= (+ Y_0 Y_1) (+ Y_1 Y_0 1)))\n";
  Property p;
  std::string error;
  ASSERT_TRUE(parseVnnLib(text, "p.vnnlib", p, error)) << error;
  ASSERT_EQ(p.cases.size(), 1u);
  const PropertyCase &c = p.cases[0];
  EXPECT_EQ(c.box.lower, (std::vector<double>{-0.5, -3}));
  EXPECT_EQ(c.box.upper, (std::vector<double>{1.5, 2}));
  ASSERT_EQ(c.unsafe.size(), 1u);
  // 0.5 Y_0 + Y_1 + 1 <= Y_0 - 3: -0.5 Y_0 + Y_1 <= -4; the last assert has
  // no variable left and holds, so it adds nothing.
  ASSERT_EQ(c.unsafe[0].size(), 1u);
  EXPECT_EQ(c.unsafe[0][0].coeffs, (std::vector<double>{-0.5, 1}));
  EXPECT_EQ(c.unsafe[0][0].rhs, -4);
}

TEST(VnnLibTest, DnfAndEmptyBoxes) {
  // (A or B) and (C or D) on outputs, two boxes of which one is empty.
  std::string text =
      std::string(kDecls) +
      "(assert (or (and (<= X_0 1) (>= X_0 0) (<= X_1 1) (>= X_1 0))\n"
      "            (and (<= X_0 1) (>= X_0 2) (<= X_1 1) (>= X_1 0))\n"
      "            (and (<= X_0 5) (>= X_0 4) (<= X_1 1) (>= X_1 0))))\n"
      "(assert (or (<= Y_0 1) (<= Y_1 1)))\n"
      "(assert (or (<= Y_0 2) (and (<= Y_1 2) (>= Y_1 -2))))\n";
  Property p;
  std::string error;
  ASSERT_TRUE(parseVnnLib(text, "p.vnnlib", p, error)) << error;
  ASSERT_EQ(p.cases.size(), 2u);
  EXPECT_EQ(p.cases[0].box.upper[0], 1);
  EXPECT_EQ(p.cases[1].box.lower[0], 4);
  for (const PropertyCase &c : p.cases) {
    ASSERT_EQ(c.unsafe.size(), 4u);
    EXPECT_EQ(c.unsafe[0].size(), 2u);
    EXPECT_EQ(c.unsafe[1].size(), 3u);
  }
  // Only empty boxes: nothing is unsafe, the property holds trivially.
  std::string none =
      std::string(kDecls) +
      "(assert (and (<= X_0 0) (>= X_0 1) (<= X_1 1) (>= X_1 0)))\n";
  ASSERT_TRUE(parseVnnLib(none, "p.vnnlib", p, error)) << error;
  EXPECT_TRUE(p.cases.empty());
}

TEST(VnnLibTest, IsUnsafeOutput) {
  PropertyCase c;
  // Unsafe if (y0 >= 3) or (y1 <= y0 and y1 <= 1).
  c.unsafe.push_back({LinearConstraint{{-1, 0}, -3}});
  c.unsafe.push_back(
      {LinearConstraint{{-1, 1}, 0}, LinearConstraint{{0, 1}, 1}});
  EXPECT_TRUE(Property::isUnsafeOutput(c, {3, 10}));
  EXPECT_TRUE(Property::isUnsafeOutput(c, {4, 10}));
  EXPECT_FALSE(Property::isUnsafeOutput(c, {2.9, 10}));
  EXPECT_TRUE(Property::isUnsafeOutput(c, {2.9, 10}, 0.2));
  EXPECT_TRUE(Property::isUnsafeOutput(c, {0.5, 0.5}));
  EXPECT_FALSE(Property::isUnsafeOutput(c, {0.5, 0.6}));
  EXPECT_FALSE(Property::isUnsafeOutput(c, {2, 1.5}));
  EXPECT_FALSE(Property::isUnsafeOutput(c, {NAN, 0}));
  // A width mismatch is never unsafe (and never read out of bounds).
  EXPECT_FALSE(Property::isUnsafeOutput(c, {5}));
  // The empty conjunction holds everywhere; no disjunct holds nowhere.
  PropertyCase all;
  all.unsafe.emplace_back();
  EXPECT_TRUE(Property::isUnsafeOutput(all, {1, 2}));
  EXPECT_FALSE(Property::isUnsafeOutput(PropertyCase(), {1, 2}));
}

TEST(VnnLibTest, AcasXuOutputsAgainstProperty2) {
  if (!haveData())
    GTEST_SKIP() << "no ACAS Xu data in " << kDataDir;
  Property p = readProp(2);
  const PropertyCase &c = p.cases[0];
  EXPECT_TRUE(Property::isUnsafeOutput(c, {5, 1, 2, 3, 4}));
  EXPECT_FALSE(Property::isUnsafeOutput(c, {3, 1, 2, 3.5, 4}));
}

// Each malformed input, located at the offending token.

TEST(VnnLibErrorTest, Parentheses) {
  expectVnnLibError(std::string(kDecls) + "(assert (<= X_0 1)\n",
                    "p.vnnlib:6:1:",
                    "unexpected end of file: missing ')' for the '(' at 5:1");
  expectVnnLibError(std::string(kDecls) + "(assert (<= X_0 1)))\n",
                    "p.vnnlib:5:20:", "unbalanced ')'");
  expectVnnLibError("(declare-const X_0 Real)\nassert\n",
                    "p.vnnlib:2:1:", "expected '('");
  expectVnnLibError("()", "p.vnnlib:1:1:", "expected a command");
}

TEST(VnnLibErrorTest, UnknownOperatorAndCommand) {
  expectVnnLibError(std::string(kDecls) + "(assert (=> (<= X_0 1) (<= Y_0 1)))",
                    "p.vnnlib:5:10:", "unknown operator '=>'");
  expectVnnLibError(std::string(kDecls) + "(assert (<= (/ X_0 2) 1))",
                    "p.vnnlib:5:14:", "unknown operator '/'");
  expectVnnLibError("(declare-fun X_0 () Real)",
                    "p.vnnlib:1:2:", "unknown command 'declare-fun'");
  expectVnnLibError(std::string(kDecls) + "(assert (<= X_0))",
                    "p.vnnlib:5:9:", "expected two operands");
  expectVnnLibError(std::string(kDecls) + "(assert (and))",
                    "p.vnnlib:5:9:", "expected at least one operand");
  expectVnnLibError(std::string(kDecls) + "(assert X_0)",
                    "p.vnnlib:5:9:", "expected a constraint");
}

TEST(VnnLibErrorTest, Declarations) {
  expectVnnLibError("(declare-const X_0 Real)\n(declare-const X_0 Real)",
                    "p.vnnlib:2:16:", "redeclaration of X_0");
  expectVnnLibError("(declare-const X_0 Int)",
                    "p.vnnlib:1:20:", "unsupported type 'Int'");
  expectVnnLibError("(declare-const Z Real)",
                    "p.vnnlib:1:16:", "unsupported variable name 'Z'");
  expectVnnLibError("(declare-const X_01 Real)",
                    "p.vnnlib:1:16:", "unsupported variable name");
  expectVnnLibError(std::string(kDecls) + "(assert (<= X_2 1))",
                    "p.vnnlib:5:13:", "undeclared variable 'X_2'");
  // Not contiguous: X_2 without X_1.
  expectVnnLibError("(declare-const X_0 Real)\n(declare-const X_2 Real)\n"
                    "(declare-const Y_0 Real)\n",
                    "p.vnnlib:2:16:", "X_2 declared but X_1 is not");
  expectVnnLibError("(declare-const X_0 Real)\n(assert (<= X_0 1))\n"
                    "(assert (>= X_0 0))\n",
                    "p.vnnlib:4:1:", "no Y_0 declared");
}

TEST(VnnLibErrorTest, NonLinearAndMixed) {
  expectVnnLibError(std::string(kDecls) + "(assert (<= (* Y_0 Y_1) 1))",
                    "p.vnnlib:5:20:", "non-linear product");
  expectVnnLibError(
      std::string(kDecls) + "(assert (<= X_0 Y_1))",
      "p.vnnlib:5:9:", "mixed input/output constraint not supported");
  expectVnnLibError(std::string(kDecls) + "(assert (<= (+ X_0 X_1) 1))",
                    "p.vnnlib:5:9:", "must bound a single X_i");
}

TEST(VnnLibErrorTest, Numbers) {
  expectVnnLibError(std::string(kDecls) + "(assert (<= X_0 1e999))",
                    "p.vnnlib:5:17:", "number out of range");
  expectVnnLibError(std::string(kDecls) + "(assert (<= X_0 1.2.3))",
                    "p.vnnlib:5:17:", "invalid number '1.2.3'");
  expectVnnLibError(std::string(kDecls) + "(assert (<= (* 1e300 1e300 X_0) 1))",
                    "p.vnnlib:5:9:", "out of range");
}

TEST(VnnLibErrorTest, MissingBounds) {
  expectVnnLibError(std::string(kDecls) +
                        "(assert (<= X_0 1))\n(assert (>= X_0 0))\n"
                        "(assert (>= X_1 0))\n(assert (<= Y_0 Y_1))\n",
                    "p.vnnlib:2:16:", "X_1 has no upper bound");
  // Missing in one disjunct only.
  expectVnnLibError(std::string(kDecls) +
                        "(assert (and (<= X_1 1) (>= X_1 0)))\n"
                        "(assert (or (and (<= X_0 1) (>= X_0 0)) (<= X_0 2)))",
                    "p.vnnlib:1:16:", "X_0 has no lower bound");
}

TEST(VnnLibErrorTest, DnfExplosion) {
  // 2^20 terms: refused, not computed.
  std::string text = kDecls;
  for (int i = 0; i < 20; ++i)
    text += "(assert (or (<= Y_0 " + std::to_string(i) + ") (<= Y_1 0)))\n";
  expectVnnLibError(text,
                    "p.vnnlib:21:1:", "disjunctive normal form too large");
}

TEST(VnnLibErrorTest, DeepNesting) {
  std::string text = std::string(kDecls) + "(assert ";
  for (int i = 0; i < 100000; ++i)
    text += "(and ";
  expectVnnLibError(text, "p.vnnlib:5:5004:", "nesting too deep");
  // At the limit (1000 open lists) formulas and terms are read, and
  // recursed over, fine.
  std::string ok = std::string(kDecls) + "(assert ";
  for (int i = 0; i < 998; ++i)
    ok += "(and ";
  ok += "(<= Y_0 1)" + std::string(998, ')') + ")\n" +
        "(assert (and (<= X_0 1) (>= X_0 0) (<= X_1 1) (>= X_1 0)))\n";
  ok += "(assert (<= ";
  for (int i = 0; i < 997; ++i)
    ok += "(- ";
  ok += "Y_1" + std::string(997, ')') + " 0))\n";
  Property p;
  std::string error;
  ASSERT_TRUE(parseVnnLib(ok, "p.vnnlib", p, error)) << error;
  ASSERT_EQ(p.cases.size(), 1u);
  ASSERT_EQ(p.cases[0].unsafe.size(), 1u);
  ASSERT_EQ(p.cases[0].unsafe[0].size(), 2u);
  // An odd number of negations.
  EXPECT_EQ(p.cases[0].unsafe[0][1].coeffs, (std::vector<double>{0, -1}));
}

//===----------------------------------------------------------------------===//
// Robustness: prefixes and one-byte corruptions never crash.
//===----------------------------------------------------------------------===//

/// Reading must either succeed or give a located message.
void checkNNet(const std::string &text) {
  Network net;
  NNetInfo info;
  std::string error;
  if (!parseNNetText(text, net, info, error))
    ASSERT_EQ(error.rfind("net.nnet:", 0), 0u) << error;
}

void checkVnnLib(const std::string &text) {
  Property p;
  std::string error;
  if (!parseVnnLib(text, "p.vnnlib", p, error)) {
    ASSERT_EQ(error.rfind("p.vnnlib:", 0), 0u) << error;
  } else {
    for (const PropertyCase &c : p.cases)
      ASSERT_EQ(c.box.size(), p.numInputs);
  }
}

TEST(RobustnessTest, NNetPrefixesAndCorruptions) {
  const std::string text = kSmallNNet;
  size_t accepted = 0;
  for (size_t n = 0; n <= text.size(); ++n)
    checkNNet(text.substr(0, n));
  const char replacements[] = {'\0', '\n', ',', '-', '9', 'e', '/', ' '};
  for (size_t i = 0; i < text.size(); ++i)
    for (char r : replacements) {
      std::string t = text;
      t[i] = r;
      checkNNet(t);
      Network net;
      NNetInfo info;
      std::string error;
      accepted += parseNNetText(t, net, info, error);
    }
  EXPECT_GT(accepted, 0u);
}

TEST(RobustnessTest, VnnLibPrefixesAndCorruptions) {
  if (!haveData())
    GTEST_SKIP() << "no ACAS Xu data in " << kDataDir;
  std::string text, error;
  ASSERT_TRUE(readFile(propPath(7), text, error)) << error;
  for (size_t n = 0; n <= text.size(); ++n)
    checkVnnLib(text.substr(0, n));
  const char replacements[] = {'\0', '(', ')', ';', '-', '9', ' ', 'X'};
  for (size_t i = 0; i < text.size(); ++i)
    for (char r : replacements) {
      std::string t = text;
      t[i] = r;
      checkVnnLib(t);
    }
}

} // namespace
