//===- args.cpp - command-line options of the example apps ----------------===//

#include "args.h"

#include <cstdio>
#include <cstdlib>

bool Args::next() {
  if (++index >= argc)
    return false;
  current = argv[index];
  if (current == "--help" || current == "-h") {
    usage(argv[0]);
    std::exit(0);
  }
  return true;
}

const char *Args::value() {
  if (index + 1 >= argc) {
    std::fprintf(stderr, "%s: %s needs a value\n", program, current.c_str());
    std::exit(1);
  }
  return argv[++index];
}

long Args::number(long lo) {
  const char *v = value();
  char *end;
  long n = std::strtol(v, &end, 10);
  if (*v == '\0' || *end || n < lo) {
    std::fprintf(stderr, "%s: %s expects an integer >= %ld, got '%s'\n",
                 program, current.c_str(), lo, v);
    std::exit(1);
  }
  return n;
}

bool Args::unknown() const {
  std::fprintf(stderr, "%s: unknown option '%s' (see --help)\n", program,
               current.c_str());
  return false;
}
