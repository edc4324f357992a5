//===- process.h - run a program without a shell ----------------*- C++ -*-===//
#ifndef SG_EXAMPLES_PROCESS_H
#define SG_EXAMPLES_PROCESS_H

#include <string>
#include <vector>

/// Runs argv[0] (searched on PATH) with these arguments, no shell involved:
/// paths and other user strings reach the program as they are. Its standard
/// error goes to /dev/null when `quiet`; it runs in `dir` unless empty.
/// Returns its exit status, or -1 with
/// `error` set when it cannot be started or does not exit normally.
int runProgram(const std::vector<std::string> &argv, bool quiet,
               std::string &error, const std::string &dir = "");

#endif // SG_EXAMPLES_PROCESS_H
