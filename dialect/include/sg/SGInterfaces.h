//===- SGInterfaces.h - interfaces of sg operations -------------*- C++ -*-===//
#ifndef SG_SGINTERFACES_H
#define SG_SGINTERFACES_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpDefinition.h"
#include "llvm/ADT/SmallVector.h"

#include "sg/SGInterfaces.h.inc"

#endif // SG_SGINTERFACES_H
