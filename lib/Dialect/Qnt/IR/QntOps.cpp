//===- QntOps.cpp - Verifiers and folders of qnt ops ----------------------===//

#include "qnt/Dialect/Qnt/IR/QntOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/SmallSet.h"
#include <cmath>

using namespace mlir;
using namespace qnt;

#include "qnt/Dialect/Qnt/IR/QntInterfaces.cpp.inc"
#define GET_OP_CLASSES
#include "qnt/Dialect/Qnt/IR/QntOps.cpp.inc"

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

static RankedTensorType rankedType(Value v) {
  return cast<RankedTensorType>(v.getType());
}

static bool isQuantized(Type type) {
  return isa<quant::QuantizedType>(getElementTypeOrSelf(type));
}

static bool isFloat(Type type) {
  return isa<FloatType>(getElementTypeOrSelf(type));
}

/// Checks that `v` has rank `rank`, naming it `what` in the error.
static LogicalResult verifyRank(Operation *op, Value v, int64_t rank,
                                StringRef what) {
  if (rankedType(v).getRank() != rank)
    return op->emitOpError() << "expects " << what << " of rank " << rank
                             << ", got " << rankedType(v).getRank();
  return success();
}

/// Checks a 1-D index operand of `size` elements (when its size is static).
static LogicalResult verifyVector(Operation *op, Value v, int64_t size,
                                  StringRef what) {
  auto type = rankedType(v);
  if (type.getRank() != 1)
    return op->emitOpError() << "expects " << what << " to be 1-D";
  if (size >= 0 && !type.isDynamicDim(0) && type.getDimSize(0) != size)
    return op->emitOpError() << "expects " << what << " of " << size
                             << " elements, got " << type.getDimSize(0);
  return success();
}

static LogicalResult verifyPositive(Operation *op,
                                    ArrayRef<std::pair<StringRef, int64_t>> vals) {
  for (auto [name, value] : vals)
    if (value <= 0)
      return op->emitOpError() << "expects " << name << " > 0, got " << value;
  return success();
}

/// Bias has one element per output channel.
static LogicalResult verifyBias(Operation *op, Value bias, int64_t channels) {
  if (!bias)
    return success();
  if (failed(verifyVector(op, bias, channels, "bias")))
    return failure();
  return success();
}

//===----------------------------------------------------------------------===//
// Constants, statistics, quantization
//===----------------------------------------------------------------------===//

LogicalResult ConstOp::verify() {
  auto valueType = cast<ShapedType>(getValue().getType());
  auto resultType = getOutput().getType();
  if (valueType.getShape() != resultType.getShape())
    return emitOpError("value shape must match the result shape");
  Type expected = resultType.getElementType();
  if (auto q = dyn_cast<quant::QuantizedType>(expected))
    expected = q.getStorageType();
  if (valueType.getElementType() != expected)
    return emitOpError() << "value element type " << valueType.getElementType()
                         << " must be " << expected
                         << " (the result's storage type)";
  return success();
}

OpFoldResult ConstOp::fold(FoldAdaptor) { return getValue(); }

static LogicalResult verifyRange(Operation *op, double min, double max) {
  if (!std::isfinite(min) || !std::isfinite(max))
    return op->emitOpError("range must be finite");
  if (min > max)
    return op->emitOpError() << "min " << min << " is greater than max " << max;
  return success();
}

LogicalResult StatsOp::verify() {
  return verifyRange(*this, getMin().convertToDouble(),
                     getMax().convertToDouble());
}

LogicalResult FakeQuantOp::verify() {
  if (getNumBits() < 2 || getNumBits() > 16)
    return emitOpError() << "num_bits must be in [2, 16], got " << getNumBits();
  return verifyRange(*this, getMin().convertToDouble(),
                     getMax().convertToDouble());
}

LogicalResult QuantizeOp::verify() {
  if (!isQuantized(getOutput().getType()))
    return emitOpError("result must be quantized");
  if (!isQuantized(getInput().getType()) && !isFloat(getInput().getType()))
    return emitOpError("input must be float or quantized");
  return success();
}

LogicalResult DequantizeOp::verify() {
  Type in = getInput().getType();
  if (!isQuantized(in) && !getElementTypeOrSelf(in).isF16())
    return emitOpError("input must be quantized or f16");
  if (!getElementTypeOrSelf(getOutput().getType()).isF32())
    return emitOpError("result must be f32");
  return success();
}

//===----------------------------------------------------------------------===//
// Convolutions and matrix products
//===----------------------------------------------------------------------===//

LogicalResult Conv2DOp::verify() {
  if (failed(verifyRank(*this, getInput(), 4, "input")) ||
      failed(verifyRank(*this, getFilter(), 4, "filter")) ||
      failed(verifyRank(*this, getOutput(), 4, "result")) ||
      failed(verifyPositive(*this, {{"stride_h", getStrideH()},
                                    {"stride_w", getStrideW()},
                                    {"dilation_h", getDilationH()},
                                    {"dilation_w", getDilationW()}})))
    return failure();
  auto input = rankedType(getInput()), filter = rankedType(getFilter());
  int64_t inC = input.getDimSize(3), filterC = filter.getDimSize(3);
  if (!ShapedType::isDynamic(inC) && !ShapedType::isDynamic(filterC) &&
      (filterC == 0 || inC % filterC != 0))
    return emitOpError() << "input channels (" << inC
                         << ") must be a multiple of filter channels ("
                         << filterC << ")";
  return verifyBias(*this, getBias(), filter.getDimSize(0));
}

LogicalResult DepthwiseConv2DOp::verify() {
  if (failed(verifyRank(*this, getInput(), 4, "input")) ||
      failed(verifyRank(*this, getFilter(), 4, "filter")) ||
      failed(verifyRank(*this, getOutput(), 4, "result")) ||
      failed(verifyPositive(*this, {{"stride_h", getStrideH()},
                                    {"stride_w", getStrideW()},
                                    {"dilation_h", getDilationH()},
                                    {"dilation_w", getDilationW()},
                                    {"depth_multiplier", getDepthMultiplier()}})))
    return failure();
  auto input = rankedType(getInput()), filter = rankedType(getFilter());
  if (filter.getDimSize(0) != 1)
    return emitOpError("expects filter of shape 1xHxWxC");
  int64_t inC = input.getDimSize(3), outC = filter.getDimSize(3);
  if (!ShapedType::isDynamic(inC) && !ShapedType::isDynamic(outC) &&
      inC * getDepthMultiplier() != outC)
    return emitOpError() << "filter channels (" << outC
                         << ") must be input channels (" << inC
                         << ") times depth_multiplier ("
                         << getDepthMultiplier() << ")";
  return verifyBias(*this, getBias(), outC);
}

LogicalResult TransposeConvOp::verify() {
  if (failed(verifyVector(*this, getOutputShape(), 4, "output_shape")) ||
      failed(verifyRank(*this, getFilter(), 4, "filter")) ||
      failed(verifyRank(*this, getInput(), 4, "input")) ||
      failed(verifyRank(*this, getOutput(), 4, "result")) ||
      failed(verifyPositive(*this, {{"stride_h", getStrideH()},
                                    {"stride_w", getStrideW()}})))
    return failure();
  int64_t inC = rankedType(getInput()).getDimSize(3);
  int64_t filterC = rankedType(getFilter()).getDimSize(3);
  if (!ShapedType::isDynamic(inC) && !ShapedType::isDynamic(filterC) &&
      inC != filterC)
    return emitOpError() << "filter channels (" << filterC
                         << ") must equal input channels (" << inC << ")";
  return verifyBias(*this, getBias(), rankedType(getFilter()).getDimSize(0));
}

LogicalResult FullyConnectedOp::verify() {
  if (failed(verifyRank(*this, getFilter(), 2, "filter")))
    return failure();
  auto input = rankedType(getInput()), filter = rankedType(getFilter());
  int64_t depth = filter.getDimSize(1);
  if (input.hasStaticShape() && !ShapedType::isDynamic(depth) &&
      (depth == 0 || input.getNumElements() % depth != 0))
    return emitOpError() << "input of " << input.getNumElements()
                         << " elements is not a whole number of rows of "
                         << depth;
  return verifyBias(*this, getBias(), filter.getDimSize(0));
}

LogicalResult BatchMatMulOp::verify() {
  auto x = rankedType(getX()), y = rankedType(getY());
  if (x.getRank() < 2 || y.getRank() < 2)
    return emitOpError("expects operands of rank >= 2");
  int64_t xK = x.getDimSize(x.getRank() - (getAdjX() ? 2 : 1));
  int64_t yK = y.getDimSize(y.getRank() - (getAdjY() ? 1 : 2));
  if (!ShapedType::isDynamic(xK) && !ShapedType::isDynamic(yK) && xK != yK)
    return emitOpError() << "contracting dimensions differ: " << xK << " vs "
                         << yK;
  return success();
}

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

/// Operands of an arithmetic op are both float, both integer, or both
/// quantized: mixing kinds is never a TFLite kernel.
static LogicalResult verifySameKind(Operation *op, Value lhs, Value rhs) {
  Type a = lhs.getType(), b = rhs.getType();
  if (isQuantized(a) != isQuantized(b) || isFloat(a) != isFloat(b))
    return op->emitOpError("operands must both be float, integer or quantized");
  return success();
}

LogicalResult AddOp::verify() { return verifySameKind(*this, getLhs(), getRhs()); }
LogicalResult SubOp::verify() { return verifySameKind(*this, getLhs(), getRhs()); }
LogicalResult MulOp::verify() { return verifySameKind(*this, getLhs(), getRhs()); }
LogicalResult DivOp::verify() { return verifySameKind(*this, getLhs(), getRhs()); }

LogicalResult PReluOp::verify() {
  auto input = rankedType(getInput()), alpha = rankedType(getAlpha());
  if (alpha.getRank() > input.getRank())
    return emitOpError("alpha has a higher rank than input");
  for (int64_t i = 1; i <= alpha.getRank(); ++i) {
    int64_t a = alpha.getDimSize(alpha.getRank() - i);
    int64_t x = input.getDimSize(input.getRank() - i);
    if (a != 1 && !ShapedType::isDynamic(a) && !ShapedType::isDynamic(x) &&
        a != x)
      return emitOpError("alpha does not broadcast to the input shape");
  }
  if (rankedType(getOutput()).getShape() != input.getShape())
    return emitOpError("result shape must equal input shape");
  return success();
}

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

template <typename PoolOp> static LogicalResult verifyPool(PoolOp op) {
  if (failed(verifyRank(op, op.getInput(), 4, "input")) ||
      failed(verifyRank(op, op.getOutput(), 4, "result")))
    return failure();
  return verifyPositive(op, {{"filter_h", op.getFilterH()},
                             {"filter_w", op.getFilterW()},
                             {"stride_h", op.getStrideH()},
                             {"stride_w", op.getStrideW()}});
}

LogicalResult AveragePool2DOp::verify() { return verifyPool(*this); }
LogicalResult MaxPool2DOp::verify() { return verifyPool(*this); }

//===----------------------------------------------------------------------===//
// Shape and data movement
//===----------------------------------------------------------------------===//

LogicalResult ReshapeOp::verify() {
  auto in = rankedType(getInput()), out = rankedType(getOutput());
  if (in.hasStaticShape() && out.hasStaticShape() &&
      in.getNumElements() != out.getNumElements())
    return emitOpError() << "cannot reshape " << in.getNumElements()
                         << " elements into " << out.getNumElements();
  if (getShape() && failed(verifyVector(*this, getShape(), out.getRank(),
                                        "shape")))
    return failure();
  return success();
}

OpFoldResult ReshapeOp::fold(FoldAdaptor) {
  if (getInput().getType() == getOutput().getType())
    return getInput();
  return {};
}

LogicalResult SqueezeOp::verify() {
  auto in = rankedType(getInput());
  for (int64_t dim : getSqueezeDims()) {
    int64_t d = dim < 0 ? dim + in.getRank() : dim;
    if (d < 0 || d >= in.getRank())
      return emitOpError() << "squeeze dimension " << dim << " out of range";
    if (!in.isDynamicDim(d) && in.getDimSize(d) != 1)
      return emitOpError() << "cannot squeeze dimension " << dim << " of size "
                           << in.getDimSize(d);
  }
  return success();
}

LogicalResult TransposeOp::verify() {
  auto in = rankedType(getInput());
  if (failed(verifyVector(*this, getPerm(), in.getRank(), "perm")))
    return failure();
  if (rankedType(getOutput()).getRank() != in.getRank())
    return emitOpError("result rank must equal input rank");
  return success();
}

LogicalResult ConcatenationOp::verify() {
  if (getValues().empty())
    return emitOpError("expects at least one value");
  auto out = rankedType(getOutput());
  int64_t rank = out.getRank();
  int64_t axis = getAxis() < 0 ? getAxis() + rank : getAxis();
  if (axis < 0 || axis >= rank)
    return emitOpError() << "axis " << getAxis() << " out of range for rank "
                         << rank;
  for (Value v : getValues()) {
    auto t = rankedType(v);
    if (t.getRank() != rank)
      return emitOpError("all values must have the result's rank");
    for (int64_t d = 0; d < rank; ++d)
      if (d != axis && !t.isDynamicDim(d) && !out.isDynamicDim(d) &&
          t.getDimSize(d) != out.getDimSize(d))
        return emitOpError() << "dimension " << d
                             << " differs between a value and the result";
  }
  return success();
}

static LogicalResult verifyPaddings(Operation *op, Value input, Value paddings) {
  auto p = rankedType(paddings);
  int64_t rank = rankedType(input).getRank();
  if (p.getRank() != 2 || (!p.isDynamicDim(0) && p.getDimSize(0) != rank) ||
      (!p.isDynamicDim(1) && p.getDimSize(1) != 2))
    return op->emitOpError() << "expects paddings of shape " << rank << "x2";
  return success();
}

LogicalResult PadOp::verify() {
  return verifyPaddings(*this, getInput(), getPaddings());
}

LogicalResult PadV2Op::verify() {
  if (failed(verifyPaddings(*this, getInput(), getPaddings())))
    return failure();
  auto c = rankedType(getConstantValues());
  if (c.hasStaticShape() && c.getNumElements() != 1)
    return emitOpError("expects a single constant value");
  return success();
}

template <typename ResizeOp> static LogicalResult verifyResize(ResizeOp op) {
  if (failed(verifyRank(op, op.getInput(), 4, "input")) ||
      failed(verifyVector(op, op.getSize(), 2, "size")))
    return failure();
  if (op.getAlignCorners() && op.getHalfPixelCenters())
    return op.emitOpError(
        "align_corners and half_pixel_centers are mutually exclusive");
  return success();
}

LogicalResult ResizeBilinearOp::verify() { return verifyResize(*this); }
LogicalResult ResizeNearestNeighborOp::verify() { return verifyResize(*this); }

LogicalResult SliceOp::verify() {
  int64_t rank = rankedType(getInput()).getRank();
  if (failed(verifyVector(*this, getBegin(), rank, "begin")) ||
      failed(verifyVector(*this, getSize(), rank, "size")))
    return failure();
  return success();
}

LogicalResult StridedSliceOp::verify() {
  auto begin = rankedType(getBegin());
  int64_t n = begin.getRank() == 1 ? begin.getDimSize(0) : -1;
  if (failed(verifyVector(*this, getBegin(), -1, "begin")) ||
      failed(verifyVector(*this, getEnd(), n, "end")) ||
      failed(verifyVector(*this, getStrides(), n, "strides")))
    return failure();
  return success();
}

LogicalResult CustomOp::verify() {
  if (getName().empty() && !getBuiltinCode())
    return emitOpError("needs a custom name or a builtin_code");
  return success();
}
