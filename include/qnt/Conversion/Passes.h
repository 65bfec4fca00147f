//===- Passes.h - Conversions out of the qnt dialect --------------*- C++ -*-===//

#ifndef QNT_CONVERSION_PASSES_H
#define QNT_CONVERSION_PASSES_H

#include "qnt/Conversion/QntToTosa/QntToTosa.h"

#include "mlir/Pass/Pass.h"

namespace qnt {

#define GEN_PASS_REGISTRATION
#include "qnt/Conversion/Passes.h.inc"

} // namespace qnt

#endif // QNT_CONVERSION_PASSES_H
