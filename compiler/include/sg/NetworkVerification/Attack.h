//===- Attack.h - Counterexample search by projected gradient ---*- C++ -*-===//
//
// Looks for an input in a box whose output satisfies a conjunction of
// linear constraints c.y <= d (the unsafe set of a VNN-LIB property): the
// incomplete half of branch and bound. Nothing found here is trusted:
// branch and bound evaluates every candidate again and sgc verify confirms
// it with the compiled network before answering sat.
//
//===----------------------------------------------------------------------===//
#ifndef SG_VERIFY_ATTACK_H
#define SG_VERIFY_ATTACK_H

#include "sg/NetworkVerification/Readers.h"

#include <random>
#include <vector>

namespace mlir::sg::verify {

/// How far y is from satisfying every constraint of `conj`: max_k (c_k . y -
/// d_k); <= 0 means y is unsafe. `which` receives the most violated one.
double violation(const std::vector<LinearConstraint> &conj,
                 const std::vector<double> &y, size_t *which = nullptr);

enum class Descent { Adam, Sign };

/// Projected gradient descent on violation(conj, f(x)) over `box` from `x`
/// for `steps` steps, returning the best point seen (`best`: its
/// violation). Descent::Sign takes steps of 0.25 of the box's width times
/// the gradient's sign on the most violated constraint, shrinking by 0.9
/// per step: quick, and enough for most counterexamples. With
/// Descent::Adam the max over constraints is smoothed (a softmax of the
/// constraints, its temperature following the violation) so that the
/// descent does not zig-zag between the two most violated ones, and the
/// steps are Adam-normalized per input (a fraction of the box's width,
/// decaying geometrically from 0.2 to 0.001): the network's gradients
/// differ by orders of magnitude between inputs and regions.
std::vector<double> descend(const Network &net,
                            const std::vector<LinearConstraint> &conj,
                            const Box &box, std::vector<double> x, int steps,
                            double &best, Descent kind = Descent::Adam);

/// `n` random starting points of the box: each input is at its lower end,
/// at its upper end or uniform inside with probabilities 1/4, 1/4, 1/2
/// (counterexamples of bounded properties are often on faces of the box);
/// without `faces`, uniform in the box.
std::vector<std::vector<double>>
randomStarts(const Box &box, int n, std::mt19937_64 &gen, bool faces = true);

} // namespace mlir::sg::verify

#endif // SG_VERIFY_ATTACK_H
