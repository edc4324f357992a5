//===- files.cpp - replace an output file atomically ----------------------===//

#include "files.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>

bool replaceFile(const std::string &path, const std::string &contents) {
  std::string temp = path + ".tmp-" + std::to_string(getpid());
  FILE *f = std::fopen(temp.c_str(), "wb");
  if (!f)
    return false;
  bool ok =
      std::fwrite(contents.data(), 1, contents.size(), f) == contents.size() &&
      std::fflush(f) == 0 && fsync(fileno(f)) == 0;
  int saved = errno;
  ok = std::fclose(f) == 0 && ok;
  if (ok && std::rename(temp.c_str(), path.c_str()) == 0)
    return true;
  saved = errno ? errno : saved;
  std::remove(temp.c_str());
  errno = saved;
  return false;
}
