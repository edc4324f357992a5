//===- VnnLib.cpp - Reader of VNN-LIB properties --------------------------===//
//
// VNN-LIB is the subset of SMT-LIB that VNN-COMP uses to state properties:
// declarations of the inputs X_i and outputs Y_j, and assertions whose
// conjunction describes the unsafe region. The reader works in three steps:
//  1. s-expressions, built with an explicit stack so that the nesting depth
//     is bounded (kMaxDepth) before anything recurses over them;
//  2. each assert becomes a formula in disjunctive normal form over
//     normalized atoms `sum c_k v_k <= rhs`, with a bound on the number of
//     terms because DNF can grow exponentially;
//  3. each term splits into a box on X and a conjunction on Y, and terms
//     with the same box share a PropertyCase.
//
//===----------------------------------------------------------------------===//

#include "sg/NetworkVerification/Readers.h"

#include "Decimal.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <map>
#include <utility>

using namespace mlir::sg::verify;

namespace {

/// Deeper nesting is refused: later steps recurse over the expressions.
constexpr size_t kMaxDepth = 1000;
/// Limits on the disjunctive normal form: terms, and atom occurrences over
/// all terms.
constexpr uint64_t kMaxTerms = 100000;
constexpr uint64_t kMaxAtomRefs = 10000000;
/// Limit on the numbers the resulting Property may hold (boxes and
/// constraint coefficients), so that a small file cannot ask for gigabytes.
constexpr uint64_t kMaxValues = 20000000;

/// Whether a token is meant as a number (and must then parse as one).
bool looksNumeric(const std::string &token) {
  if (token.empty())
    return false;
  char c = token[0];
  if (c >= '0' && c <= '9')
    return true;
  if ((c == '-' || c == '+' || c == '.') && token.size() > 1) {
    char d = token[1];
    return (d >= '0' && d <= '9') || d == '.';
  }
  return false;
}

struct SExpr {
  bool isList = false;
  std::string text; ///< atoms only
  unsigned line = 0, col = 0;
  std::vector<SExpr> items; ///< lists only
};

/// A variable: an input X_i or an output Y_i.
struct Var {
  bool output = false;
  unsigned index = 0;
  uint64_t key() const { return (uint64_t(output) << 32) | index; }
};

/// A linear expression: constant + sum coeffs[key] * var.
struct LinExpr {
  double constant = 0;
  std::map<uint64_t, double> coeffs;
  bool isConstant() const { return coeffs.empty(); }
};

/// A normalized atom `sum coeffs * vars <= rhs` on inputs only or outputs
/// only. Input atoms are single bounds: x_var <= value (upper) or >=.
struct Atom {
  bool input = false;
  // Input atoms.
  unsigned var = 0;
  bool upper = false;
  double value = 0;
  // Output atoms: (index of Y, coefficient), and the right-hand side.
  std::vector<std::pair<unsigned, double>> coeffs;
  double rhs = 0;
};

/// A formula in disjunctive normal form: each term lists atom indices.
using Dnf = std::vector<std::vector<uint32_t>>;

class VnnLibParser {
public:
  VnnLibParser(const std::string &text, const std::string &name,
               std::string &error)
      : text(text), name(name), error(error) {}

  bool parse(Property &property);

private:
  const std::string &text;
  const std::string &name;
  std::string &error;
  size_t pos = 0;
  unsigned line = 1, col = 1;

  struct Decl {
    unsigned line, col;
  };
  /// Declared variables by key, with where they were declared.
  std::map<uint64_t, Decl> declared;
  std::vector<Atom> atoms;
  /// The conjunction of the asserts read so far.
  Dnf all = Dnf(1);

  bool fail(unsigned l, unsigned c, const std::string &message) {
    error = name + ":" + std::to_string(l) + ":" + std::to_string(c) + ": " +
            message;
    return false;
  }
  bool fail(const SExpr &e, const std::string &message) {
    return fail(e.line, e.col, message);
  }

  // Lexing.
  enum class Tok { LParen, RParen, Atom, End };
  Tok next(std::string &atom, unsigned &tokLine, unsigned &tokCol);
  void advance() {
    if (text[pos] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
    ++pos;
  }
  bool readCommand(SExpr &command, bool &end);

  // Commands.
  bool declare(const SExpr &command);
  bool formula(const SExpr &e, Dnf &dnf);
  bool comparison(const SExpr &e, const std::string &op, Dnf &dnf);
  bool term(const SExpr &e, LinExpr &result);
  bool conjoin(Dnf &acc, const Dnf &b, const SExpr &where);
  bool finish(Property &property);
};

VnnLibParser::Tok VnnLibParser::next(std::string &atom, unsigned &tokLine,
                                     unsigned &tokCol) {
  while (pos < text.size()) {
    char c = text[pos];
    if (c == ';') {
      while (pos < text.size() && text[pos] != '\n')
        advance();
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
        c == '\f') {
      advance();
      continue;
    }
    break;
  }
  tokLine = line;
  tokCol = col;
  if (pos >= text.size())
    return Tok::End;
  char c = text[pos];
  if (c == '(' || c == ')') {
    advance();
    return c == '(' ? Tok::LParen : Tok::RParen;
  }
  size_t start = pos;
  while (pos < text.size()) {
    c = text[pos];
    if (c == '(' || c == ')' || c == ';' || c == ' ' || c == '\t' ||
        c == '\n' || c == '\r' || c == '\v' || c == '\f')
      break;
    advance();
  }
  atom.assign(text, start, pos - start);
  return Tok::Atom;
}

/// Reads one top-level s-expression into `command`, or sets `end` at the
/// end of the text. An explicit stack of open lists bounds the depth
/// without recursion.
bool VnnLibParser::readCommand(SExpr &command, bool &end) {
  end = false;
  std::string atom;
  unsigned l, c;
  Tok t = next(atom, l, c);
  if (t == Tok::End) {
    end = true;
    return true;
  }
  if (t == Tok::RParen)
    return fail(l, c, "unbalanced ')'");
  if (t == Tok::Atom)
    return fail(l, c, "expected '(' to start a command, found '" + atom + "'");
  std::vector<SExpr> open(1);
  open.back().isList = true;
  open.back().line = l;
  open.back().col = c;
  while (true) {
    t = next(atom, l, c);
    switch (t) {
    case Tok::End:
      return fail(l, c,
                  "unexpected end of file: missing ')' for the '(' at " +
                      std::to_string(open.back().line) + ":" +
                      std::to_string(open.back().col));
    case Tok::Atom: {
      SExpr e;
      e.text = std::move(atom);
      e.line = l;
      e.col = c;
      open.back().items.push_back(std::move(e));
      break;
    }
    case Tok::LParen: {
      if (open.size() >= kMaxDepth)
        return fail(l, c,
                    "nesting too deep (more than " + std::to_string(kMaxDepth) +
                        " levels)");
      SExpr e;
      e.isList = true;
      e.line = l;
      e.col = c;
      open.push_back(std::move(e));
      break;
    }
    case Tok::RParen: {
      SExpr done = std::move(open.back());
      open.pop_back();
      if (open.empty()) {
        command = std::move(done);
        return true;
      }
      open.back().items.push_back(std::move(done));
      break;
    }
    }
  }
}

/// Parses "X_12" or "Y_0"; indices have no leading zeros so that each
/// variable has one spelling.
bool parseVarName(const std::string &s, Var &var) {
  if (s.size() < 3 || (s[0] != 'X' && s[0] != 'Y') || s[1] != '_')
    return false;
  std::string digits = s.substr(2);
  if (digits.size() > 9 || (digits.size() > 1 && digits[0] == '0'))
    return false;
  unsigned index = 0;
  for (char c : digits) {
    if (c < '0' || c > '9')
      return false;
    index = index * 10 + unsigned(c - '0');
  }
  var.output = s[0] == 'Y';
  var.index = index;
  return true;
}

std::string varName(uint64_t key) {
  return std::string((key >> 32) ? "Y_" : "X_") +
         std::to_string(unsigned(key & 0xffffffffu));
}

bool VnnLibParser::declare(const SExpr &command) {
  const std::vector<SExpr> &items = command.items;
  if (items.size() != 3)
    return fail(command, "expected (declare-const NAME Real)");
  const SExpr &nameExpr = items[1], &type = items[2];
  if (nameExpr.isList)
    return fail(nameExpr, "expected a variable name");
  if (type.isList || type.text != "Real")
    return fail(type,
                "unsupported type" +
                    (type.isList ? std::string() : " '" + type.text + "'") +
                    " (expected Real)");
  Var var;
  if (!parseVarName(nameExpr.text, var))
    return fail(nameExpr, "unsupported variable name '" + nameExpr.text +
                              "' (expected X_i or Y_j)");
  if (!declared.emplace(var.key(), Decl{nameExpr.line, nameExpr.col}).second)
    return fail(nameExpr, "redeclaration of " + nameExpr.text);
  return true;
}

bool VnnLibParser::term(const SExpr &e, LinExpr &result) {
  result = LinExpr();
  if (!e.isList) {
    if (looksNumeric(e.text)) {
      bool outOfRange = false;
      if (!parseDecimal(e.text.data(), e.text.size(), result.constant,
                        outOfRange))
        return fail(e, outOfRange ? "number out of range"
                                  : "invalid number '" + e.text + "'");
      return true;
    }
    Var var;
    if (!parseVarName(e.text, var) || !declared.count(var.key()))
      return fail(e, "undeclared variable '" + e.text + "'");
    result.coeffs[var.key()] = 1;
    return true;
  }
  if (e.items.empty())
    return fail(e, "expected a term, found '()'");
  const SExpr &head = e.items[0];
  if (head.isList)
    return fail(head, "expected an operator");
  const std::string &op = head.text;
  size_t n = e.items.size() - 1;
  if (op != "+" && op != "-" && op != "*")
    return fail(head, "unknown operator '" + op + "' in a term");
  if (n == 0)
    return fail(e, "expected at least one operand of '" + op + "'");

  if (op == "*") {
    // At most one factor may be non-constant: products stay linear.
    double scale = 1;
    const SExpr *varying = nullptr;
    LinExpr varPart;
    for (size_t i = 1; i <= n; ++i) {
      LinExpr f;
      if (!term(e.items[i], f))
        return false;
      if (f.isConstant()) {
        scale *= f.constant;
        continue;
      }
      if (varying)
        return fail(e.items[i], "non-linear product: at most one factor of "
                                "'*' may contain variables");
      varying = &e.items[i];
      varPart = std::move(f);
    }
    if (!varying) {
      result.constant = scale;
      return true;
    }
    result.constant = varPart.constant * scale;
    for (auto &kv : varPart.coeffs)
      result.coeffs[kv.first] = kv.second * scale;
    return true;
  }

  // + and -: a left-associated sum; a single operand of '-' is negated.
  for (size_t i = 1; i <= n; ++i) {
    LinExpr f;
    if (!term(e.items[i], f))
      return false;
    double sign = (op == "-" && (i > 1 || n == 1)) ? -1 : 1;
    result.constant += sign * f.constant;
    for (auto &kv : f.coeffs)
      result.coeffs[kv.first] += sign * kv.second;
  }
  return true;
}

/// Reads a comparison `(op a b)`, normalizes it to `sum c v <= rhs` and
/// returns it as a one-atom DNF (or a constant one when no variable is
/// left).
bool VnnLibParser::comparison(const SExpr &e, const std::string &op, Dnf &dnf) {
  if (e.items.size() != 3)
    return fail(e, "expected two operands of '" + op + "'");
  LinExpr a, b;
  if (!term(e.items[1], a) || !term(e.items[2], b))
    return false;
  // a <= b  <=>  a - b <= 0; a >= b  <=>  b - a <= 0.
  if (op == ">=" || op == ">")
    std::swap(a, b);
  for (auto &kv : b.coeffs)
    a.coeffs[kv.first] -= kv.second;
  double rhs = b.constant - a.constant;
  bool finite = std::isfinite(rhs);
  bool hasInput = false, hasOutput = false;
  Atom atom;
  for (auto &kv : a.coeffs) {
    finite = finite && std::isfinite(kv.second);
    if (kv.second == 0)
      continue; // cancelled, as in (<= (+ Y_0 Y_1) (+ Y_0 1))
    bool output = kv.first >> 32;
    (output ? hasOutput : hasInput) = true;
    atom.coeffs.push_back({unsigned(kv.first & 0xffffffffu), kv.second});
  }
  if (!finite)
    return fail(e, "number out of range in constraint");
  if (hasInput && hasOutput)
    return fail(e, "mixed input/output constraint not supported");
  dnf.clear();
  if (!hasInput && !hasOutput) {
    // Without variables the atom is true (no constraint) or false (no term).
    if (0 <= rhs)
      dnf.emplace_back();
    return true;
  }
  if (hasInput) {
    if (atom.coeffs.size() != 1)
      return fail(e, "input constraint must bound a single X_i by a constant");
    double c = atom.coeffs[0].second;
    atom.input = true;
    atom.var = atom.coeffs[0].first;
    atom.upper = c > 0;
    atom.value = rhs / c;
    atom.coeffs.clear();
    if (!std::isfinite(atom.value))
      return fail(e, "number out of range in constraint");
  } else {
    atom.rhs = rhs;
  }
  atoms.push_back(std::move(atom));
  dnf.push_back({uint32_t(atoms.size() - 1)});
  return true;
}

/// Replaces `acc` by the DNF of `acc and b`, refused when too large.
bool VnnLibParser::conjoin(Dnf &acc, const Dnf &b, const SExpr &where) {
  uint64_t terms = uint64_t(acc.size()) * b.size();
  uint64_t sizeA = 0, sizeB = 0;
  for (const auto &t : acc)
    sizeA += t.size();
  for (const auto &t : b)
    sizeB += t.size();
  uint64_t refs = sizeA * b.size() + sizeB * acc.size();
  if (terms > kMaxTerms || refs > kMaxAtomRefs)
    return fail(where, "disjunctive normal form too large (more than " +
                           std::to_string(kMaxTerms) + " terms or " +
                           std::to_string(kMaxAtomRefs) + " atoms)");
  // The common case, a conjunction of single atoms (one bound per assert),
  // extends the terms in place instead of copying them for every atom.
  if (b.size() == 1) {
    for (auto &t : acc)
      t.insert(t.end(), b[0].begin(), b[0].end());
    return true;
  }
  Dnf out;
  out.reserve(terms);
  for (const auto &ta : acc)
    for (const auto &tb : b) {
      std::vector<uint32_t> t;
      t.reserve(ta.size() + tb.size());
      t.insert(t.end(), ta.begin(), ta.end());
      t.insert(t.end(), tb.begin(), tb.end());
      out.push_back(std::move(t));
    }
  acc = std::move(out);
  return true;
}

bool VnnLibParser::formula(const SExpr &e, Dnf &dnf) {
  if (!e.isList) {
    if (e.text == "true") {
      dnf.assign(1, {});
      return true;
    }
    if (e.text == "false") {
      dnf.clear();
      return true;
    }
    return fail(e, "expected a constraint, found '" + e.text + "'");
  }
  if (e.items.empty())
    return fail(e, "expected a constraint, found '()'");
  const SExpr &head = e.items[0];
  if (head.isList)
    return fail(head, "expected an operator");
  const std::string &op = head.text;
  if (op == "<=" || op == ">=" || op == "<" || op == ">")
    return comparison(e, op, dnf);
  if (op != "and" && op != "or")
    return fail(head, "unknown operator '" + op + "'");
  if (e.items.size() < 2)
    return fail(e, "expected at least one operand of '" + op + "'");
  if (op == "and") {
    Dnf acc(1);
    for (size_t i = 1; i < e.items.size(); ++i) {
      Dnf d;
      if (!formula(e.items[i], d) || !conjoin(acc, d, e))
        return false;
    }
    dnf = std::move(acc);
    return true;
  }
  Dnf acc;
  uint64_t refs = 0;
  for (size_t i = 1; i < e.items.size(); ++i) {
    Dnf d;
    if (!formula(e.items[i], d))
      return false;
    for (const auto &t : d)
      refs += t.size();
    if (acc.size() + d.size() > kMaxTerms || refs > kMaxAtomRefs)
      return fail(e, "disjunctive normal form too large (more than " +
                         std::to_string(kMaxTerms) + " terms or " +
                         std::to_string(kMaxAtomRefs) + " atoms)");
    for (auto &t : d)
      acc.push_back(std::move(t));
  }
  dnf = std::move(acc);
  return true;
}

bool VnnLibParser::parse(Property &property) {
  while (true) {
    SExpr command;
    bool end = false;
    if (!readCommand(command, end))
      return false;
    if (end)
      break;
    if (command.items.empty())
      return fail(command, "expected a command, found '()'");
    const SExpr &head = command.items[0];
    if (head.isList)
      return fail(head, "expected a command name");
    const std::string &cmd = head.text;
    if (cmd == "declare-const") {
      if (!declare(command))
        return false;
    } else if (cmd == "assert") {
      if (command.items.size() != 2)
        return fail(command, "expected (assert CONSTRAINT)");
      Dnf d;
      if (!formula(command.items[1], d) || !conjoin(all, d, command))
        return false;
    } else if (cmd == "check-sat" || cmd == "get-model" || cmd == "exit" ||
               cmd == "set-logic" || cmd == "set-info" || cmd == "set-option") {
      // Solver directives say nothing about the property.
    } else {
      return fail(head, "unknown command '" + cmd + "'");
    }
  }
  return finish(property);
}

bool VnnLibParser::finish(Property &property) {
  // `line`/`col` are now just past the last character.
  unsigned endLine = line, endCol = col;
  // Indices must be 0..n-1: report the first declaration past a gap.
  size_t counts[2] = {0, 0};
  for (bool output : {false, true}) {
    uint64_t base = uint64_t(output) << 32;
    size_t n = 0;
    while (declared.count(base + n))
      ++n;
    counts[output] = n;
    const char *letter = output ? "Y" : "X";
    if (n == 0)
      return fail(endLine, endCol,
                  std::string("no ") + letter + "_0 declared: expected " +
                      (output ? "outputs" : "inputs") + " " + letter + "_0, " +
                      letter + "_1, ...");
    const Decl *first = nullptr;
    uint64_t firstKey = 0;
    for (auto &kv : declared) {
      if ((kv.first >> 32) != uint64_t(output) || (kv.first - base) < n)
        continue;
      if (!first || kv.second.line < first->line ||
          (kv.second.line == first->line && kv.second.col < first->col)) {
        first = &kv.second;
        firstKey = kv.first;
      }
    }
    if (first)
      return fail(first->line, first->col,
                  varName(firstKey) + " declared but " + letter + "_" +
                      std::to_string(n) +
                      " is not (indices must be contiguous from 0)");
  }
  size_t numInputs = counts[0], numOutputs = counts[1];

  // Refuse before materializing what a small file could make enormous.
  uint64_t values = 0;
  for (const auto &t : all) {
    values += 2 * uint64_t(numInputs);
    for (uint32_t a : t)
      if (!atoms[a].input)
        values += numOutputs + 1;
    if (values > kMaxValues)
      return fail(endLine, endCol,
                  "property too large (more than " +
                      std::to_string(kMaxValues) + " numbers)");
  }

  Property result;
  result.numInputs = numInputs;
  result.numOutputs = numOutputs;
  std::map<std::pair<std::vector<double>, std::vector<double>>, size_t> byBox;
  const double inf = std::numeric_limits<double>::infinity();
  for (const auto &t : all) {
    Box box;
    box.lower.assign(numInputs, -inf);
    box.upper.assign(numInputs, inf);
    std::vector<LinearConstraint> unsafe;
    for (uint32_t a : t) {
      const Atom &atom = atoms[a];
      if (atom.input) {
        double &b = atom.upper ? box.upper[atom.var] : box.lower[atom.var];
        b = atom.upper ? std::min(b, atom.value) : std::max(b, atom.value);
        continue;
      }
      LinearConstraint c;
      c.coeffs.assign(numOutputs, 0.0);
      for (auto &kv : atom.coeffs)
        c.coeffs[kv.first] = kv.second;
      c.rhs = atom.rhs;
      unsafe.push_back(std::move(c));
    }
    // An empty box holds no input: the term adds nothing to the unsafe set.
    bool empty = false;
    for (size_t i = 0; i < numInputs; ++i)
      empty = empty || box.lower[i] > box.upper[i];
    if (empty)
      continue;
    for (size_t i = 0; i < numInputs; ++i) {
      bool noLower = box.lower[i] == -inf, noUpper = box.upper[i] == inf;
      if (noLower || noUpper) {
        const Decl &d = declared.at(i);
        return fail(d.line, d.col,
                    "X_" + std::to_string(i) + " has no " +
                        (noLower ? "lower" : "upper") + " bound");
      }
    }
    auto key = std::make_pair(box.lower, box.upper);
    auto it = byBox.find(key);
    if (it == byBox.end()) {
      it = byBox.emplace(std::move(key), result.cases.size()).first;
      PropertyCase pc;
      pc.box = std::move(box);
      result.cases.push_back(std::move(pc));
    }
    result.cases[it->second].unsafe.push_back(std::move(unsafe));
  }
  property = std::move(result);
  return true;
}

} // namespace

bool mlir::sg::verify::parseVnnLib(const std::string &text,
                                   const std::string &name, Property &property,
                                   std::string &error) {
  return VnnLibParser(text, name, error).parse(property);
}

bool Property::isUnsafeOutput(const PropertyCase &c,
                              const std::vector<double> &y, double tolerance) {
  for (const std::vector<LinearConstraint> &conjunction : c.unsafe) {
    bool all = true;
    for (const LinearConstraint &k : conjunction) {
      // A constraint of another width cannot be evaluated on y: treat it as
      // unmet rather than read out of bounds.
      if (k.coeffs.size() != y.size()) {
        all = false;
        break;
      }
      double s = 0;
      for (size_t j = 0; j < y.size(); ++j)
        s += k.coeffs[j] * y[j];
      if (!(s <= k.rhs + tolerance)) {
        all = false;
        break;
      }
    }
    if (all)
      return true;
  }
  return false;
}
