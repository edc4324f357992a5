//===- args.h - command-line options of the example apps --------*- C++ -*-===//
#ifndef SG_EXAMPLES_ARGS_H
#define SG_EXAMPLES_ARGS_H

#include <string>

/// Walks argv one option at a time. A missing or malformed value is the
/// user's mistake: it prints "<program>: <what>" and exits with status 1.
class Args {
public:
  /// `usage` prints the help text (given argv[0]).
  Args(const char *program, int argc, char **argv,
       void (*usage)(const char *argv0))
      : program(program), argc(argc), argv(argv), usage(usage) {}

  /// Moves to the next option; false after the last one. --help and -h
  /// print the usage and exit with status 0.
  bool next();
  /// The current option, e.g. "--epochs".
  const std::string &option() const { return current; }
  /// The current option's value (the next argument).
  const char *value();
  /// The current option's value as an integer of at least `lo`.
  long number(long lo);
  /// Reports the current option as unknown (see --help); returns false.
  bool unknown() const;

private:
  const char *program;
  int argc;
  char **argv;
  void (*usage)(const char *argv0);
  int index = 0;
  std::string current;
};

#endif // SG_EXAMPLES_ARGS_H
