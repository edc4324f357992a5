//===- SGDialect.h - the sg dialect -----------------------------*- C++ -*-===//
#ifndef SG_SGDIALECT_H
#define SG_SGDIALECT_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/Operation.h"

#include "sg/SGOpsDialect.h.inc"

#endif // SG_SGDIALECT_H
