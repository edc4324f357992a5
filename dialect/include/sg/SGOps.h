//===- SGOps.h - operations of the sg dialect -------------------*- C++ -*-===//
#ifndef SG_SGOPS_H
#define SG_SGOPS_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "sg/SGDialect.h"
#include "sg/SGInterfaces.h"
#include "sg/SGTraits.h"

#define GET_OP_CLASSES
#include "sg/SGOps.h.inc"

#endif // SG_SGOPS_H
