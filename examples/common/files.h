//===- files.h - replace an output file atomically --------------*- C++ -*-===//
#ifndef SG_EXAMPLES_FILES_H
#define SG_EXAMPLES_FILES_H

#include <string>

/// Replaces `path` with `contents`: written to a temporary file next to it,
/// flushed, and renamed over it, so that a reader (or an interrupted run)
/// sees either the old file or the complete new one. Returns false (with
/// errno set) on failure, leaving `path` as it was.
bool replaceFile(const std::string &path, const std::string &contents);

#endif // SG_EXAMPLES_FILES_H
