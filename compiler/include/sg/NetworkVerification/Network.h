//===- Network.h - Feed-forward networks for bound analysis -----*- C++ -*-===//
//
// The form in which the verifier sees the deterministic part of an sg graph
// (or a network read from a .nnet file): one input vector, then a chain of
// layers, each either affine (y = W x + b) or an elementwise activation.
// Plain C++ with no MLIR dependence, so the bound analyses and their tests
// build and run fast.
//
//===----------------------------------------------------------------------===//
#ifndef SG_VERIFY_NETWORK_H
#define SG_VERIFY_NETWORK_H

#include <cstddef>
#include <string>
#include <vector>

namespace mlir::sg::verify {

enum class LayerKind { Affine, Relu, Tanh, Sigmoid, Softplus };

/// The op name of an activation ("relu", ...) or "affine".
const char *layerKindName(LayerKind kind);

/// An activation's value and derivative at x in double precision (relu'(0)
/// = 0, as the sg dialect's convention); the identity for Affine.
double applyActivation(LayerKind kind, double x);
double activationDerivative(LayerKind kind, double x);

struct Layer {
  LayerKind kind = LayerKind::Affine;
  /// Affine only: `out x in` weights in row-major order and `out` biases.
  std::vector<double> weights, bias;
  size_t in = 0, out = 0;
  /// Where the layer came from (e.g. "net.mlir:12:9"), for reports.
  std::string location;

  double weight(size_t row, size_t col) const {
    return weights[row * in + col];
  }
};

struct Network {
  size_t inputSize = 0;
  std::vector<Layer> layers;

  size_t outputSize() const {
    return layers.empty() ? inputSize : layers.back().out;
  }
  /// Evaluates the network in double precision (round to nearest).
  std::vector<double> evaluate(const std::vector<double> &x) const;
  /// The gradient of c . f(x) with respect to x (relu'(0) = 0), in double
  /// precision; `value` receives f(x) when not null.
  std::vector<double> gradient(const std::vector<double> &x,
                               const std::vector<double> &c,
                               std::vector<double> *value = nullptr) const;
  /// Appends `layer` after the last one; activations get in = out = the
  /// current width.
  void addAffine(std::vector<double> weights, std::vector<double> bias,
                 size_t in, size_t out, std::string location = "");
  void addActivation(LayerKind kind, std::string location = "");

private:
  /// Evaluates the network; `inputs` (if given) receives each layer's input.
  std::vector<double>
  forward(const std::vector<double> &x,
          std::vector<std::vector<double>> *inputs = nullptr) const;
};

/// A box of inputs: lower[i] <= x_i <= upper[i].
struct Box {
  std::vector<double> lower, upper;
  size_t size() const { return lower.size(); }
  bool contains(const std::vector<double> &x) const;
};

} // namespace mlir::sg::verify

#endif // SG_VERIFY_NETWORK_H
