//===- QntQuantRules.cpp - Quantization rules checked on one op -----------===//
//
// The rules of TFLite's int8/int16 kernels that one op can be checked
// against, driven by the op's QuantizableOpInterface answers.
//
//===----------------------------------------------------------------------===//

#include "qnt/Dialect/Qnt/IR/QntOps.h"

#include "mlir/IR/TypeUtilities.h"
#include <cmath>

using namespace mlir;
using namespace qnt;

static quant::UniformQuantizedType perTensorType(Type type) {
  return dyn_cast<quant::UniformQuantizedType>(getElementTypeOrSelf(type));
}

static bool sameParams(quant::UniformQuantizedType a,
                       quant::UniformQuantizedType b) {
  return a.getScale() == b.getScale() && a.getZeroPoint() == b.getZeroPoint();
}

static bool closeScales(double a, double b) {
  return std::fabs(a - b) <= 1e-6 * std::max(std::fabs(a), std::fabs(b));
}

static LogicalResult verifySameScale(Operation *op) {
  quant::UniformQuantizedType first;
  for (Value v : llvm::concat<Value>(op->getOperands(), op->getResults())) {
    auto q = perTensorType(v.getType());
    if (!q)
      continue;
    if (!first) {
      first = q;
      continue;
    }
    if (!sameParams(first, q))
      return op->emitOpError()
             << "quantized operands and results must share scale and zero "
                "point, got "
             << first << " and " << q;
  }
  return success();
}

static LogicalResult verifyFixedOutput(Operation *op,
                                       QuantizableOpInterface iface) {
  for (Value result : op->getResults()) {
    auto q = perTensorType(result.getType());
    if (!q)
      continue;
    unsigned bits = q.getStorageTypeIntegralWidth();
    std::optional<FixedQuantParams> fixed = iface.getFixedOutputParams(bits);
    if (!fixed)
      return op->emitOpError() << "has no " << bits << "-bit quantized kernel";
    // uint8 tensors carry the int8 parameters shifted by 128.
    int64_t zeroPoint = fixed->zeroPoint + (q.isSigned() ? 0 : 128);
    if (!closeScales(q.getScale(), fixed->scale) ||
        q.getZeroPoint() != zeroPoint)
      return op->emitOpError()
             << "quantized result must have scale " << fixed->scale
             << " and zero point " << zeroPoint << ", got scale "
             << q.getScale() << " and zero point " << q.getZeroPoint();
  }
  return success();
}

/// Scales of the weights, one per channel (one for per-tensor).
static SmallVector<double> weightScales(Type type) {
  Type element = getElementTypeOrSelf(type);
  if (auto q = dyn_cast<quant::UniformQuantizedType>(element))
    return {q.getScale()};
  if (auto q = dyn_cast<quant::UniformQuantizedPerAxisType>(element))
    return SmallVector<double>(q.getScales());
  return {};
}

/// Zero points of a quantized type, one per channel (one for per-tensor).
static SmallVector<int64_t> zeroPoints(Type type) {
  Type element = getElementTypeOrSelf(type);
  if (auto q = dyn_cast<quant::UniformQuantizedType>(element))
    return {q.getZeroPoint()};
  if (auto q = dyn_cast<quant::UniformQuantizedPerAxisType>(element))
    return SmallVector<int64_t>(q.getZeroPoints());
  return {};
}

/// A per-axis type names a dimension of the tensor and has one scale per
/// element along it.
static LogicalResult verifyPerAxisShape(Operation *op) {
  for (Value v : llvm::concat<Value>(op->getOperands(), op->getResults())) {
    auto tensor = dyn_cast<RankedTensorType>(v.getType());
    auto q = tensor ? dyn_cast<quant::UniformQuantizedPerAxisType>(
                          tensor.getElementType())
                    : nullptr;
    if (!q)
      continue;
    int32_t dim = q.getQuantizedDimension();
    if (dim >= tensor.getRank())
      return op->emitOpError()
             << "per-axis quantized dimension " << dim
             << " is out of range for a tensor of rank " << tensor.getRank();
    int64_t size = tensor.getDimSize(dim);
    if (!ShapedType::isDynamic(size) &&
        static_cast<int64_t>(q.getScales().size()) != size)
      return op->emitOpError()
             << "per-axis quantized type has " << q.getScales().size()
             << " scales for dimension " << dim << " of size " << size;
  }
  return success();
}

static LogicalResult verifyWeightsAndBias(Operation *op,
                                          const WeightOperands &info) {
  if (info.weightIndex >= op->getNumOperands())
    return success();
  Type weightType = op->getOperand(info.weightIndex).getType();
  auto perAxis = dyn_cast<quant::UniformQuantizedPerAxisType>(
      getElementTypeOrSelf(weightType));
  if (perAxis && perAxis.getQuantizedDimension() !=
                     static_cast<int32_t>(info.channelAxis))
    return op->emitOpError() << "per-axis quantized weights must be quantized "
                                "along dimension "
                             << info.channelAxis << ", got "
                             << perAxis.getQuantizedDimension();
  // int8 weights are symmetric in TFLite's kernels (uint8 ones are not).
  auto weightQ = dyn_cast<quant::QuantizedType>(getElementTypeOrSelf(weightType));
  if (weightQ && weightQ.isSigned() &&
      weightQ.getStorageTypeIntegralWidth() == 8)
    for (int64_t zp : zeroPoints(weightType))
      if (zp != 0)
        return op->emitOpError()
               << "int8 weights must have zero point 0, got " << zp;

  if (!info.biasIndex || *info.biasIndex >= op->getNumOperands())
    return success();
  Type biasType = op->getOperand(*info.biasIndex).getType();
  Type biasElement = getElementTypeOrSelf(biasType);
  if (!isa<quant::QuantizedType>(biasElement))
    return success();
  auto input = perTensorType(op->getOperand(info.inputIndex).getType());
  SmallVector<double> wScales = weightScales(weightType);
  if (!input || wScales.empty())
    return op->emitOpError("quantized bias needs quantized input and weights");
  unsigned inputBits = input.getStorageTypeIntegralWidth();
  auto biasQ = cast<quant::QuantizedType>(biasElement);
  unsigned biasBits = biasQ.getStorageTypeIntegralWidth();
  bool bitsOk = inputBits == 16 ? (biasBits == 32 || biasBits == 64)
                                : biasBits == 32;
  if (!bitsOk || !biasQ.isSigned())
    return op->emitOpError() << "bias for " << inputBits
                             << "-bit activations must be "
                             << (inputBits == 16 ? "int32 or int64" : "int32")
                             << ", got " << (biasQ.isSigned() ? "i" : "u")
                             << biasBits;
  for (int64_t zp : zeroPoints(biasType))
    if (zp != 0)
      return op->emitOpError() << "bias must have zero point 0, got " << zp;
  SmallVector<double> bScales = weightScales(biasType);
  if (bScales.size() != wScales.size())
    return op->emitOpError() << "bias has " << bScales.size()
                             << " scales, weights have " << wScales.size();
  for (auto [i, pair] : llvm::enumerate(llvm::zip(bScales, wScales))) {
    auto [b, w] = pair;
    if (!closeScales(b, input.getScale() * w))
      return op->emitOpError()
             << "bias scale #" << i << " must be input scale * weight scale ("
             << input.getScale() * w << "), got " << b;
  }
  return success();
}

LogicalResult qnt::detail::verifyQuantizableOp(Operation *op) {
  auto iface = cast<QuantizableOpInterface>(op);
  if (failed(verifyPerAxisShape(op)))
    return failure();
  if (iface.isSameScale() && failed(verifySameScale(op)))
    return failure();
  if ((iface.getFixedOutputParams(8) || iface.getFixedOutputParams(16)) &&
      failed(verifyFixedOutput(op, iface)))
    return failure();
  if (std::optional<WeightOperands> info = iface.getWeightOperands())
    return verifyWeightsAndBias(op, *info);
  return success();
}
