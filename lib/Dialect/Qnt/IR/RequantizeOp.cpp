//===- RequantizeOp.cpp - Verifier of qnt.requantize ----------------------===//

#include "qnt/Dialect/Qnt/IR/QntOps.h"
#include "qnt/Support/QuantMath.h"

#include "mlir/IR/TypeUtilities.h"

using namespace mlir;
using namespace qnt;

LogicalResult RequantizeOp::verify() {
  auto in = dyn_cast<quant::UniformQuantizedType>(
      getElementTypeOrSelf(getInput().getType()));
  auto out = dyn_cast<quant::UniformQuantizedType>(
      getElementTypeOrSelf(getOutput().getType()));
  if (!in || !out)
    return emitOpError("operand and result must be per-tensor quantized");
  QuantizedMultiplier expected =
      quantizeMultiplier(in.getScale() / out.getScale());
  // I32Attr getters return the bits unsigned; the values are signed.
  auto multiplier = static_cast<int32_t>(getMultiplier());
  auto shift = static_cast<int32_t>(getShift());
  if (multiplier != expected.multiplier || shift != expected.shift)
    return emitOpError() << "multiplier " << multiplier << " and shift "
                         << shift << " do not match the scale ratio "
                         << in.getScale() / out.getScale() << " (expected "
                         << expected.multiplier << " and " << expected.shift
                         << ")";
  return success();
}
