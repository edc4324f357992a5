//===- Network.cpp - Feed-forward networks for bound analysis -------------===//

#include "sg/NetworkVerification/Network.h"

#include <cassert>
#include <cmath>

using namespace mlir::sg::verify;

const char *mlir::sg::verify::layerKindName(LayerKind kind) {
  switch (kind) {
  case LayerKind::Affine:
    return "affine";
  case LayerKind::Relu:
    return "relu";
  case LayerKind::Tanh:
    return "tanh";
  case LayerKind::Sigmoid:
    return "sigmoid";
  case LayerKind::Softplus:
    return "softplus";
  }
  return "?";
}

double mlir::sg::verify::applyActivation(LayerKind kind, double x) {
  switch (kind) {
  case LayerKind::Relu:
    return x > 0 ? x : 0;
  case LayerKind::Tanh:
    return std::tanh(x);
  case LayerKind::Sigmoid:
    return 1 / (1 + std::exp(-x));
  case LayerKind::Softplus:
    // log(1 + e^x) without overflow for large x.
    return x > 0 ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x));
  case LayerKind::Affine:
    break;
  }
  return x;
}

double mlir::sg::verify::activationDerivative(LayerKind kind, double x) {
  switch (kind) {
  case LayerKind::Relu:
    return x > 0 ? 1 : 0;
  case LayerKind::Tanh: {
    double t = std::tanh(x);
    return 1 - t * t;
  }
  case LayerKind::Sigmoid:
  case LayerKind::Softplus: {
    double s = 1 / (1 + std::exp(-x));
    return kind == LayerKind::Sigmoid ? s * (1 - s) : s;
  }
  case LayerKind::Affine:
    break;
  }
  return 1;
}

std::vector<double>
Network::forward(const std::vector<double> &x,
                 std::vector<std::vector<double>> *inputs) const {
  assert(x.size() == inputSize && "input of the wrong size");
  std::vector<double> v = x;
  for (const Layer &l : layers) {
    if (inputs)
      inputs->push_back(v);
    if (l.kind != LayerKind::Affine) {
      for (double &e : v)
        e = applyActivation(l.kind, e);
      continue;
    }
    std::vector<double> y(l.out);
    for (size_t r = 0; r < l.out; ++r) {
      // A local sum: stores to y could alias the weights.
      const double *w = &l.weights[r * l.in];
      double s = l.bias[r];
      for (size_t c = 0; c < l.in; ++c)
        s += w[c] * v[c];
      y[r] = s;
    }
    v = std::move(y);
  }
  return v;
}

std::vector<double> Network::evaluate(const std::vector<double> &x) const {
  return forward(x);
}

std::vector<double> Network::gradient(const std::vector<double> &x,
                                      const std::vector<double> &c,
                                      std::vector<double> *value) const {
  assert(c.size() == outputSize() && "gradient of the wrong size");
  std::vector<std::vector<double>> inputs;
  std::vector<double> y = forward(x, &inputs);
  if (value)
    *value = std::move(y);
  // Backward: g is d(c . f)/d(current value).
  std::vector<double> g = c;
  for (size_t i = layers.size(); i-- > 0;) {
    const Layer &l = layers[i];
    if (l.kind != LayerKind::Affine) {
      for (size_t k = 0; k < g.size(); ++k)
        g[k] *= activationDerivative(l.kind, inputs[i][k]);
      continue;
    }
    std::vector<double> prev(l.in, 0.0);
    for (size_t r = 0; r < l.out; ++r)
      for (size_t k = 0; k < l.in; ++k)
        prev[k] += g[r] * l.weight(r, k);
    g = std::move(prev);
  }
  return g;
}

void Network::addAffine(std::vector<double> weights, std::vector<double> bias,
                        size_t in, size_t out, std::string location) {
  assert(in == outputSize() && weights.size() == in * out &&
         bias.size() == out && "affine layer of the wrong shape");
  Layer l;
  l.kind = LayerKind::Affine;
  l.weights = std::move(weights);
  l.bias = std::move(bias);
  l.in = in;
  l.out = out;
  l.location = std::move(location);
  layers.push_back(std::move(l));
}

void Network::addActivation(LayerKind kind, std::string location) {
  Layer l;
  l.kind = kind;
  l.in = l.out = outputSize();
  l.location = std::move(location);
  layers.push_back(std::move(l));
}

bool Box::contains(const std::vector<double> &x) const {
  if (x.size() != lower.size())
    return false;
  for (size_t i = 0; i < x.size(); ++i)
    if (!(x[i] >= lower[i] && x[i] <= upper[i]))
      return false;
  return true;
}
