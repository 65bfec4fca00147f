//===- QntOps.cpp - Verifiers, folders and assembly of qnt ops ------------===//
//
// Shape and attribute rules of each op, as TFLite's kernels enforce them.
// Checks that need a value (an axis, a permutation, a size) run only when
// that operand is a constant; checks on sizes run only on static sizes.
//
//===----------------------------------------------------------------------===//

#include "qnt/Dialect/Qnt/IR/QntOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallSet.h"
#include "llvm/Support/MathExtras.h"
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

static bool isDynamic(int64_t size) { return ShapedType::isDynamic(size); }

/// I32Attr getters return uint32_t; TFLite's options are signed int32.
static int64_t asInt(uint32_t attr) { return static_cast<int32_t>(attr); }

/// Prints a shape as `1x?x3`, the way tensor types spell it.
static std::string shapeString(ArrayRef<int64_t> shape) {
  std::string s;
  llvm::raw_string_ostream os(s);
  llvm::interleave(
      shape, os,
      [&](int64_t d) {
        if (isDynamic(d))
          os << '?';
        else
          os << d;
      },
      "x");
  if (shape.empty())
    os << "scalar";
  return s;
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

static LogicalResult
verifyPositive(Operation *op, ArrayRef<std::pair<StringRef, int64_t>> vals) {
  for (auto [name, value] : vals)
    if (value <= 0)
      return op->emitOpError() << "expects " << name << " > 0, got " << value;
  return success();
}

/// Bias has one element per output channel.
static LogicalResult verifyBias(Operation *op, Value bias, int64_t channels) {
  if (!bias)
    return success();
  return verifyVector(op, bias, isDynamic(channels) ? -1 : channels, "bias");
}

/// Compares the result's shape with the one the op's semantics give;
/// dynamic sizes on either side match anything.
static LogicalResult verifyResultShape(Operation *op,
                                       ArrayRef<int64_t> expected) {
  auto actual = rankedType(op->getResult(0)).getShape();
  bool ok = actual.size() == expected.size();
  for (size_t i = 0; ok && i < actual.size(); ++i)
    ok = isDynamic(actual[i]) || isDynamic(expected[i]) ||
         actual[i] == expected[i];
  if (!ok)
    return op->emitOpError() << "expects result shape "
                             << shapeString(expected) << ", got "
                             << shapeString(actual);
  return success();
}

/// The integers of a constant index operand, if it is a constant.
static std::optional<SmallVector<int64_t>> constantInts(Value v) {
  DenseIntElementsAttr attr;
  if (!matchPattern(v, m_Constant(&attr)))
    return std::nullopt;
  SmallVector<int64_t> values;
  for (const APInt &i : attr.getValues<APInt>())
    values.push_back(i.getSExtValue());
  return values;
}

/// Kernels that keep the kind of their tensors: all float, all integer, or
/// all quantized (the storage width may change, as in an int8 softmax with
/// an int16 result).
static LogicalResult verifySameKind(Operation *op, ArrayRef<Value> values) {
  for (Value v : values.drop_front()) {
    Type a = values.front().getType(), b = v.getType();
    if (isQuantized(a) != isQuantized(b) || isFloat(a) != isFloat(b))
      return op->emitOpError()
             << "expects operands and results to be all float, all integer "
                "or all quantized, got "
             << getElementTypeOrSelf(a) << " and " << getElementTypeOrSelf(b);
  }
  return success();
}

static bool sameElementType(Type a, Type b) {
  a = getElementTypeOrSelf(a);
  b = getElementTypeOrSelf(b);
  auto qa = dyn_cast<quant::QuantizedType>(a);
  auto qb = dyn_cast<quant::QuantizedType>(b);
  if (qa || qb)
    return qa && qb && qa.getStorageType() == qb.getStorageType() &&
           qa.isSigned() == qb.isSigned();
  return a == b;
}

/// Kernels whose tensors all have one element type: one float type, one
/// integer type, or quantized with one storage type (scales may differ).
static LogicalResult verifySameElementType(Operation *op,
                                           ArrayRef<Value> values) {
  for (Value v : values.drop_front())
    if (!sameElementType(values.front().getType(), v.getType()))
      return op->emitOpError()
             << "expects one element type (or one quantized storage type) "
                "for its data operands and results, got "
             << getElementTypeOrSelf(values.front().getType()) << " and "
             << getElementTypeOrSelf(v.getType());
  return success();
}

/// TFLite's output size of a convolution or pooling window along one
/// dimension (kDynamic when unknown).
static int64_t windowOutSize(Padding padding, int64_t in, int64_t k,
                             int64_t stride, int64_t dilation) {
  if (isDynamic(in) || isDynamic(k))
    return ShapedType::kDynamic;
  int64_t dilatedK = (k - 1) * dilation + 1;
  if (padding == Padding::Same)
    return (in + stride - 1) / stride;
  return (in - dilatedK) / stride + 1;
}

/// With `valid` padding the (dilated) window must fit in the input.
static LogicalResult verifyWindowFits(Operation *op, Padding padding,
                                      int64_t in, int64_t k, int64_t dilation,
                                      StringRef dim) {
  if (padding != Padding::Valid || isDynamic(in) || isDynamic(k))
    return success();
  int64_t dilatedK = (k - 1) * dilation + 1;
  if (dilatedK > in)
    return op->emitOpError()
           << "expects the window (" << dilatedK << " after dilation) to fit "
           << "the input " << dim << " (" << in << ") with valid padding";
  return success();
}

//===----------------------------------------------------------------------===//
// Constants, statistics, quantization
//===----------------------------------------------------------------------===//

void ConstOp::print(OpAsmPrinter &p) {
  // The attribute dictionary, when there is one, prints its own leading space.
  p.printOptionalAttrDict((*this)->getAttrs(), /*elidedAttrs=*/{"value"});
  p << ' ';
  p.printAttribute(getValue());
  // Quantized constants hold their stored integers; name the result type.
  if (getValue().getType() != getOutput().getType())
    p << " -> " << getOutput().getType();
}

ParseResult ConstOp::parse(OpAsmParser &parser, OperationState &result) {
  Attribute value;
  SMLoc loc = parser.getCurrentLocation();
  if (parser.parseOptionalAttrDict(result.attributes) ||
      parser.parseAttribute(value))
    return failure();
  auto elements = dyn_cast<ElementsAttr>(value);
  if (!elements)
    return parser.emitError(loc, "expected an elements attribute such as "
                                 "dense<...> : tensor<...>");
  Type resultType = elements.getType();
  if (succeeded(parser.parseOptionalArrow()) && parser.parseType(resultType))
    return failure();
  result.addAttribute("value", elements);
  result.addTypes(resultType);
  return success();
}

LogicalResult ConstOp::verify() {
  auto valueType = cast<ShapedType>(getValue().getType());
  auto resultType = getOutput().getType();
  if (valueType.getShape() != resultType.getShape())
    return emitOpError("value shape must match the result shape");
  Type expected = resultType.getElementType();
  auto quantized = dyn_cast<quant::QuantizedType>(expected);
  if (quantized)
    expected = quantized.getStorageType();
  // Unsigned storage may also be spelled with an unsigned integer type, so
  // that uint8 data prints as 0..255.
  Type valueElement = valueType.getElementType();
  bool unsignedSpelling =
      quantized && !quantized.isSigned() &&
      valueElement ==
          IntegerType::get(getContext(), quantized.getStorageTypeIntegralWidth(),
                           IntegerType::Unsigned);
  if (valueElement != expected && !unsignedSpelling)
    return emitOpError() << "value element type " << valueElement
                         << " must be " << expected
                         << " (the result's storage type)";
  // Stored integers outside the storage range (e.g. -128 in a narrow-range
  // int8 weight) would decode to values the type cannot hold.
  auto ints = dyn_cast<DenseIntElementsAttr>(getValue());
  if (!quantized || !ints)
    return success();
  int64_t lo = quantized.getStorageTypeMin();
  int64_t hi = quantized.getStorageTypeMax();
  for (auto [i, v] : llvm::enumerate(ints.getValues<APInt>())) {
    int64_t x = quantized.isSigned() ? v.getSExtValue()
                                     : static_cast<int64_t>(v.getZExtValue());
    if (x < lo || x > hi)
      return emitOpError() << "stored value " << x << " at flat index " << i
                           << " is outside the storage range [" << lo << ", "
                           << hi << "] of " << quantized;
  }
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
  Type in = getInput().getType();
  if (!isQuantized(in) && !getElementTypeOrSelf(in).isF32())
    return emitOpError("input must be f32 or quantized");
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

/// What conv_2d and depthwise_conv_2d check alike once their channels are
/// known: the bias, that the dilated window fits the padded input, and the
/// result shape [N, outH, outW, outC].
template <typename ConvOp>
static LogicalResult verifyConvWindows(ConvOp op, RankedTensorType input,
                                       RankedTensorType filter, int64_t outC) {
  if (failed(verifyBias(op, op.getBias(), outC)) ||
      failed(verifyWindowFits(op, op.getPadding(), input.getDimSize(1),
                              filter.getDimSize(1), asInt(op.getDilationH()),
                              "height")) ||
      failed(verifyWindowFits(op, op.getPadding(), input.getDimSize(2),
                              filter.getDimSize(2), asInt(op.getDilationW()),
                              "width")))
    return failure();
  return verifyResultShape(
      op, {input.getDimSize(0),
           windowOutSize(op.getPadding(), input.getDimSize(1),
                         filter.getDimSize(1), asInt(op.getStrideH()),
                         asInt(op.getDilationH())),
           windowOutSize(op.getPadding(), input.getDimSize(2),
                         filter.getDimSize(2), asInt(op.getStrideW()),
                         asInt(op.getDilationW())),
           outC});
}

LogicalResult Conv2DOp::verify() {
  if (failed(verifyRank(*this, getInput(), 4, "input")) ||
      failed(verifyRank(*this, getFilter(), 4, "filter")) ||
      failed(verifyRank(*this, getOutput(), 4, "result")) ||
      failed(verifyPositive(*this, {{"stride_h", asInt(getStrideH())},
                                    {"stride_w", asInt(getStrideW())},
                                    {"dilation_h", asInt(getDilationH())},
                                    {"dilation_w", asInt(getDilationW())}})) ||
      failed(verifySameElementType(*this, {getInput(), getOutput()})))
    return failure();
  auto input = rankedType(getInput()), filter = rankedType(getFilter());
  int64_t inC = input.getDimSize(3), filterC = filter.getDimSize(3);
  int64_t outC = filter.getDimSize(0);
  if (!isDynamic(inC) && !isDynamic(filterC)) {
    if (inC == 0)
      return emitOpError() << "input has no channels";
    if (filterC == 0 || inC % filterC != 0)
      return emitOpError() << "input channels (" << inC
                           << ") must be a multiple of filter channels ("
                           << filterC << ")";
    int64_t groups = inC / filterC;
    if (!isDynamic(outC) && outC % groups != 0)
      return emitOpError() << "filters (" << outC
                           << ") must be a multiple of the group count ("
                           << groups << ")";
  }
  return verifyConvWindows(*this, input, filter, outC);
}

LogicalResult DepthwiseConv2DOp::verify() {
  if (failed(verifyRank(*this, getInput(), 4, "input")) ||
      failed(verifyRank(*this, getFilter(), 4, "filter")) ||
      failed(verifyRank(*this, getOutput(), 4, "result")) ||
      failed(verifyPositive(*this,
                            {{"stride_h", asInt(getStrideH())},
                             {"stride_w", asInt(getStrideW())},
                             {"dilation_h", asInt(getDilationH())},
                             {"dilation_w", asInt(getDilationW())},
                             {"depth_multiplier", asInt(getDepthMultiplier())}})) ||
      failed(verifySameElementType(*this, {getInput(), getOutput()})))
    return failure();
  auto input = rankedType(getInput()), filter = rankedType(getFilter());
  if (!filter.isDynamicDim(0) && filter.getDimSize(0) != 1)
    return emitOpError("expects filter of shape 1xHxWxC");
  int64_t inC = input.getDimSize(3), outC = filter.getDimSize(3);
  if (!isDynamic(inC) && !isDynamic(outC) &&
      inC * asInt(getDepthMultiplier()) != outC)
    return emitOpError() << "filter channels (" << outC
                         << ") must be input channels (" << inC
                         << ") times depth_multiplier ("
                         << asInt(getDepthMultiplier()) << ")";
  return verifyConvWindows(*this, input, filter, outC);
}

LogicalResult TransposeConvOp::verify() {
  if (failed(verifyVector(*this, getOutputShape(), 4, "output_shape")) ||
      failed(verifyRank(*this, getFilter(), 4, "filter")) ||
      failed(verifyRank(*this, getInput(), 4, "input")) ||
      failed(verifyRank(*this, getOutput(), 4, "result")) ||
      failed(verifyPositive(*this, {{"stride_h", asInt(getStrideH())},
                                    {"stride_w", asInt(getStrideW())}})) ||
      failed(verifySameElementType(*this, {getInput(), getOutput()})))
    return failure();
  auto input = rankedType(getInput()), filter = rankedType(getFilter());
  auto result = rankedType(getOutput());
  int64_t inC = input.getDimSize(3), filterC = filter.getDimSize(3);
  if (!isDynamic(inC) && !isDynamic(filterC) && inC != filterC)
    return emitOpError() << "filter channels (" << filterC
                         << ") must equal input channels (" << inC << ")";
  if (failed(verifyBias(*this, getBias(), filter.getDimSize(0))))
    return failure();
  if (std::optional<SmallVector<int64_t>> shape =
          constantInts(getOutputShape()))
    if (failed(verifyResultShape(*this, *shape)))
      return failure();
  if (failed(verifyResultShape(*this, {input.getDimSize(0), result.getDimSize(1),
                                       result.getDimSize(2),
                                       filter.getDimSize(0)})))
    return failure();
  // The padding is the one conv_2d would use on an input of the result's
  // size, so that conv_2d must map the result's size back to the input's.
  int64_t strides[2] = {asInt(getStrideH()), asInt(getStrideW())};
  for (int d = 1; d <= 2; ++d) {
    int64_t back = windowOutSize(getPadding(), result.getDimSize(d),
                                 filter.getDimSize(d), strides[d - 1], 1);
    if (!isDynamic(back) && !input.isDynamicDim(d) &&
        back != input.getDimSize(d))
      return emitOpError()
             << "result dimension " << d << " (" << result.getDimSize(d)
             << ") is not a size that conv_2d with these strides and padding "
                "maps to the input's "
             << input.getDimSize(d);
  }
  return success();
}

LogicalResult FullyConnectedOp::verify() {
  if (failed(verifyRank(*this, getFilter(), 2, "filter")) ||
      failed(verifySameKind(*this, {getInput(), getOutput()})))
    return failure();
  auto input = rankedType(getInput()), filter = rankedType(getFilter());
  int64_t depth = filter.getDimSize(1), units = filter.getDimSize(0);
  if (input.hasStaticShape() && !isDynamic(depth) &&
      (depth == 0 || input.getNumElements() % depth != 0))
    return emitOpError() << "input of " << input.getNumElements()
                         << " elements is not a whole number of rows of "
                         << depth;
  if (failed(verifyBias(*this, getBias(), units)))
    return failure();
  if (getKeepNumDims()) {
    int64_t last = input.getRank() ? input.getDimSize(input.getRank() - 1)
                                   : ShapedType::kDynamic;
    if (input.getRank() == 0 ||
        (!isDynamic(last) && !isDynamic(depth) && last != depth))
      return emitOpError() << "with keep_num_dims the input's last dimension "
                              "must be the filter's depth ("
                           << depth << ")";
    SmallVector<int64_t> expected(input.getShape());
    expected.back() = units;
    return verifyResultShape(*this, expected);
  }
  int64_t rows = ShapedType::kDynamic;
  if (input.hasStaticShape() && !isDynamic(depth))
    rows = input.getNumElements() / depth;
  return verifyResultShape(*this, {rows, units});
}

LogicalResult BatchMatMulOp::verify() {
  // Hybrid form (float x and result, quantized y): TFLite's hybrid kernel.
  bool hybrid = isFloat(getX().getType()) && isFloat(getOutput().getType()) &&
                isQuantized(getY().getType());
  if (!hybrid &&
      failed(verifySameKind(*this, {getX(), getY(), getOutput()})))
    return failure();
  auto x = rankedType(getX()), y = rankedType(getY());
  if (x.getRank() < 2 || y.getRank() < 2)
    return emitOpError("expects operands of rank >= 2");
  int64_t xr = x.getRank(), yr = y.getRank();
  int64_t m = x.getDimSize(xr - (getAdjX() ? 1 : 2));
  int64_t xK = x.getDimSize(xr - (getAdjX() ? 2 : 1));
  int64_t yK = y.getDimSize(yr - (getAdjY() ? 1 : 2));
  int64_t n = y.getDimSize(yr - (getAdjY() ? 2 : 1));
  if (!isDynamic(xK) && !isDynamic(yK) && xK != yK)
    return emitOpError() << "contracting dimensions differ: " << xK << " vs "
                         << yK;
  // Batch dimensions broadcast from the right, as numpy does.
  int64_t batchRank = std::max(xr, yr) - 2;
  SmallVector<int64_t> expected(batchRank, ShapedType::kDynamic);
  for (int64_t i = 0; i < batchRank; ++i) {
    int64_t xi = i - (batchRank - (xr - 2)), yi = i - (batchRank - (yr - 2));
    int64_t a = xi >= 0 ? x.getDimSize(xi) : 1;
    int64_t b = yi >= 0 ? y.getDimSize(yi) : 1;
    if (!isDynamic(a) && !isDynamic(b) && a != b && a != 1 && b != 1)
      return emitOpError() << "batch dimensions " << a << " and " << b
                           << " do not broadcast";
    if (a == 1)
      expected[i] = b;
    else if (b == 1 || !isDynamic(a))
      expected[i] = a;
  }
  expected.push_back(m);
  expected.push_back(n);
  return verifyResultShape(*this, expected);
}

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

LogicalResult AddOp::verify() {
  return verifySameKind(*this, {getLhs(), getRhs(), getOutput()});
}
LogicalResult SubOp::verify() {
  return verifySameKind(*this, {getLhs(), getRhs(), getOutput()});
}
LogicalResult MulOp::verify() {
  return verifySameKind(*this, {getLhs(), getRhs(), getOutput()});
}
LogicalResult DivOp::verify() {
  return verifySameKind(*this, {getLhs(), getRhs(), getOutput()});
}
LogicalResult MaximumOp::verify() {
  return verifySameElementType(*this, {getLhs(), getRhs(), getOutput()});
}
LogicalResult MinimumOp::verify() {
  return verifySameElementType(*this, {getLhs(), getRhs(), getOutput()});
}

LogicalResult ReluOp::verify() {
  return verifySameElementType(*this, {getInput(), getOutput()});
}
LogicalResult Relu6Op::verify() {
  return verifySameElementType(*this, {getInput(), getOutput()});
}
LogicalResult ReluN1To1Op::verify() {
  return verifySameElementType(*this, {getInput(), getOutput()});
}
LogicalResult HardSwishOp::verify() {
  return verifySameElementType(*this, {getInput(), getOutput()});
}
LogicalResult LogisticOp::verify() {
  return verifySameElementType(*this, {getInput(), getOutput()});
}
LogicalResult TanhOp::verify() {
  return verifySameElementType(*this, {getInput(), getOutput()});
}
LogicalResult LogSoftmaxOp::verify() {
  return verifySameElementType(*this, {getInput(), getOutput()});
}

/// The transcendental functions have float and quantized kernels only.
static LogicalResult verifyFloatOrQuantizedUnary(Operation *op, Value input,
                                                 Value output) {
  if (!isFloat(input.getType()) && !isQuantized(input.getType()))
    return op->emitOpError()
           << "expects float or quantized tensors, got "
           << getElementTypeOrSelf(input.getType());
  return verifySameElementType(op, {input, output});
}

LogicalResult ExpOp::verify() {
  return verifyFloatOrQuantizedUnary(*this, getInput(), getOutput());
}
LogicalResult LogOp::verify() {
  return verifyFloatOrQuantizedUnary(*this, getInput(), getOutput());
}
LogicalResult SqrtOp::verify() {
  return verifyFloatOrQuantizedUnary(*this, getInput(), getOutput());
}
LogicalResult RsqrtOp::verify() {
  return verifyFloatOrQuantizedUnary(*this, getInput(), getOutput());
}
LogicalResult EluOp::verify() {
  return verifyFloatOrQuantizedUnary(*this, getInput(), getOutput());
}
LogicalResult FloorOp::verify() {
  if (!isFloat(getInput().getType()))
    return emitOpError() << "expects float tensors, got "
                         << getElementTypeOrSelf(getInput().getType());
  return verifySameElementType(*this, {getInput(), getOutput()});
}
LogicalResult AbsOp::verify() {
  return verifySameElementType(*this, {getInput(), getOutput()});
}
LogicalResult NegOp::verify() {
  return verifySameElementType(*this, {getInput(), getOutput()});
}
LogicalResult SquaredDifferenceOp::verify() {
  return verifySameElementType(*this, {getLhs(), getRhs(), getOutput()});
}
LogicalResult PowOp::verify() {
  return verifySameElementType(*this, {getLhs(), getRhs(), getOutput()});
}

LogicalResult L2NormalizationOp::verify() {
  // TFLite's kernel handles at most 4 dimensions.
  if (rankedType(getInput()).getRank() > 4)
    return emitOpError() << "expects input of rank at most 4, got "
                         << rankedType(getInput()).getRank();
  return verifyFloatOrQuantizedUnary(*this, getInput(), getOutput());
}
LogicalResult GeluOp::verify() {
  return verifyFloatOrQuantizedUnary(*this, getInput(), getOutput());
}

LogicalResult LeakyReluOp::verify() {
  float alpha = getAlpha().convertToFloat();
  if (!std::isfinite(alpha))
    return emitOpError() << "alpha must be finite, got " << alpha;
  return verifySameElementType(*this, {getInput(), getOutput()});
}

LogicalResult SoftmaxOp::verify() {
  float beta = getBeta().convertToFloat();
  if (!(beta > 0) || !std::isfinite(beta))
    return emitOpError() << "beta must be positive and finite, got " << beta;
  // int8 input with an int16 result is a TFLite kernel: only the kind must
  // agree.
  return verifySameKind(*this, {getInput(), getOutput()});
}

LogicalResult PReluOp::verify() {
  auto input = rankedType(getInput()), alpha = rankedType(getAlpha());
  if (alpha.getRank() > input.getRank())
    return emitOpError("alpha has a higher rank than input");
  for (int64_t i = 1; i <= alpha.getRank(); ++i) {
    int64_t a = alpha.getDimSize(alpha.getRank() - i);
    int64_t x = input.getDimSize(input.getRank() - i);
    if (a != 1 && !isDynamic(a) && !isDynamic(x) && a != x)
      return emitOpError("alpha does not broadcast to the input shape");
  }
  if (rankedType(getOutput()).getShape() != input.getShape())
    return emitOpError("result shape must equal input shape");
  return verifySameElementType(*this, {getInput(), getOutput()});
}

//===----------------------------------------------------------------------===//
// Pooling and reductions
//===----------------------------------------------------------------------===//

template <typename PoolOp> static LogicalResult verifyPool(PoolOp op) {
  if (failed(verifyRank(op, op.getInput(), 4, "input")) ||
      failed(verifyRank(op, op.getOutput(), 4, "result")) ||
      failed(verifyPositive(op, {{"filter_h", asInt(op.getFilterH())},
                                 {"filter_w", asInt(op.getFilterW())},
                                 {"stride_h", asInt(op.getStrideH())},
                                 {"stride_w", asInt(op.getStrideW())}})) ||
      failed(verifySameElementType(op, {op.getInput(), op.getOutput()})))
    return failure();
  auto input = rankedType(op.getInput());
  if (failed(verifyWindowFits(op, op.getPadding(), input.getDimSize(1),
                              asInt(op.getFilterH()), 1, "height")) ||
      failed(verifyWindowFits(op, op.getPadding(), input.getDimSize(2),
                              asInt(op.getFilterW()), 1, "width")))
    return failure();
  return verifyResultShape(
      op, {input.getDimSize(0),
           windowOutSize(op.getPadding(), input.getDimSize(1), asInt(op.getFilterH()),
                         asInt(op.getStrideH()), 1),
           windowOutSize(op.getPadding(), input.getDimSize(2), asInt(op.getFilterW()),
                         asInt(op.getStrideW()), 1),
           input.getDimSize(3)});
}

LogicalResult AveragePool2DOp::verify() { return verifyPool(*this); }
LogicalResult MaxPool2DOp::verify() { return verifyPool(*this); }

LogicalResult MeanOp::verify() {
  if (failed(verifyVector(*this, getAxis(), -1, "axis")) ||
      failed(verifySameElementType(*this, {getInput(), getOutput()})))
    return failure();
  auto input = rankedType(getInput());
  int64_t rank = input.getRank();
  std::optional<SmallVector<int64_t>> axes = constantInts(getAxis());
  if (!axes)
    return success();
  llvm::SmallSet<int64_t, 4> reduced;
  for (int64_t axis : *axes) {
    if (axis < -rank || axis >= rank)
      return emitOpError() << "axis " << axis << " out of range for rank "
                           << rank;
    reduced.insert(axis < 0 ? axis + rank : axis);
  }
  SmallVector<int64_t> expected;
  for (int64_t d = 0; d < rank; ++d) {
    if (!reduced.contains(d))
      expected.push_back(input.getDimSize(d));
    else if (getKeepDims())
      expected.push_back(1);
  }
  return verifyResultShape(*this, expected);
}

/// SUM, REDUCE_MAX and REDUCE_MIN: MEAN's axis and shape rules. A constant
/// axis list gives the result shape.
static LogicalResult verifyReduction(Operation *op, Value input, Value axis,
                                     Value output, bool keepDims) {
  if (failed(verifyVector(op, axis, -1, "axis")) ||
      failed(verifySameElementType(op, {input, output})))
    return failure();
  auto type = rankedType(input);
  int64_t rank = type.getRank();
  std::optional<SmallVector<int64_t>> axes = constantInts(axis);
  if (!axes)
    return success();
  llvm::SmallSet<int64_t, 4> reduced;
  for (int64_t a : *axes) {
    if (a < -rank || a >= rank)
      return op->emitOpError()
             << "axis " << a << " out of range for rank " << rank;
    reduced.insert(a < 0 ? a + rank : a);
  }
  SmallVector<int64_t> expected;
  for (int64_t d = 0; d < rank; ++d) {
    if (!reduced.contains(d))
      expected.push_back(type.getDimSize(d));
    else if (keepDims)
      expected.push_back(1);
  }
  return verifyResultShape(op, expected);
}

LogicalResult SumOp::verify() {
  if (failed(verifyReduction(*this, getInput(), getAxis(), getOutput(),
                             getKeepDims())))
    return failure();
  // TFLite's int8 SUM rescales only when the parameters differ; with equal
  // ones it adds the stored values, zero points and all, which is right
  // only when each output sums one element (the result then equals the
  // input, as with a calibrated range).
  auto in = dyn_cast<quant::UniformQuantizedType>(
      getElementTypeOrSelf(getInput().getType()));
  auto out = dyn_cast<quant::UniformQuantizedType>(
      getElementTypeOrSelf(getOutput().getType()));
  auto inType = rankedType(getInput()), outType = rankedType(getOutput());
  bool sumsOne = inType.hasStaticShape() && outType.hasStaticShape() &&
                 inType.getNumElements() == outType.getNumElements();
  if (in && out && !sumsOne && in.getScale() == out.getScale() &&
      in.getZeroPoint() == out.getZeroPoint())
    return emitOpError("quantized input and result must have different "
                       "parameters when elements are summed (TFLite "
                       "rescales only then)");
  return success();
}

LogicalResult ReduceMaxOp::verify() {
  return verifyReduction(*this, getInput(), getAxis(), getOutput(),
                         getKeepDims());
}

LogicalResult ReduceMinOp::verify() {
  return verifyReduction(*this, getInput(), getAxis(), getOutput(),
                         getKeepDims());
}

/// qnt.arg_max and qnt.arg_min.
template <typename OpT>
static LogicalResult verifyArgExtremum(OpT op) {
  if (failed(verifyVector(op, op.getDimension(), 1, "dimension")))
    return failure();
  if (isQuantized(op.getInput().getType()) &&
      !isa<quant::UniformQuantizedType>(
          getElementTypeOrSelf(op.getInput().getType())))
    return op.emitOpError("expects a per-tensor quantized input");
  auto type = rankedType(op.getInput());
  int64_t rank = type.getRank();
  std::optional<SmallVector<int64_t>> dim = constantInts(op.getDimension());
  if (!dim)
    return success();
  int64_t axis = dim->front();
  if (axis < -rank || axis >= rank)
    return op.emitOpError() << "dimension " << axis
                            << " out of range for rank " << rank;
  if (axis < 0)
    axis += rank;
  SmallVector<int64_t> expected;
  for (int64_t d = 0; d < rank; ++d)
    if (d != axis)
      expected.push_back(type.getDimSize(d));
  return verifyResultShape(op, expected);
}

LogicalResult ArgMaxOp::verify() { return verifyArgExtremum(*this); }

LogicalResult ArgMinOp::verify() { return verifyArgExtremum(*this); }

//===----------------------------------------------------------------------===//
// Shape and data movement
//===----------------------------------------------------------------------===//

LogicalResult ReshapeOp::verify() {
  if (failed(verifySameElementType(*this, {getInput(), getOutput()})))
    return failure();
  auto in = rankedType(getInput()), out = rankedType(getOutput());
  if (in.hasStaticShape() && out.hasStaticShape() &&
      in.getNumElements() != out.getNumElements())
    return emitOpError() << "cannot reshape " << in.getNumElements()
                         << " elements into " << out.getNumElements();
  if (!getShape())
    return success();
  if (failed(verifyVector(*this, getShape(), out.getRank(), "shape")))
    return failure();
  std::optional<SmallVector<int64_t>> shape = constantInts(getShape());
  if (!shape)
    return success();
  if (llvm::count(*shape, -1) > 1)
    return emitOpError("shape may hold at most one -1");
  SmallVector<int64_t> expected;
  for (int64_t d : *shape) {
    if (d < -1)
      return emitOpError() << "shape entries must be >= -1, got " << d;
    expected.push_back(d == -1 ? ShapedType::kDynamic : d);
  }
  return verifyResultShape(*this, expected);
}

LogicalResult SqueezeOp::verify() {
  if (failed(verifySameElementType(*this, {getInput(), getOutput()})))
    return failure();
  auto in = rankedType(getInput());
  llvm::SmallSet<int64_t, 4> squeezed;
  for (int64_t dim : getSqueezeDims()) {
    int64_t d = dim < 0 ? dim + in.getRank() : dim;
    if (d < 0 || d >= in.getRank())
      return emitOpError() << "squeeze dimension " << dim << " out of range";
    if (!in.isDynamicDim(d) && in.getDimSize(d) != 1)
      return emitOpError() << "cannot squeeze dimension " << dim << " of size "
                           << in.getDimSize(d);
    squeezed.insert(d);
  }
  SmallVector<int64_t> expected;
  for (int64_t d = 0; d < in.getRank(); ++d) {
    bool drop = getSqueezeDims().empty() ? in.getDimSize(d) == 1
                                         : squeezed.contains(d);
    // With no list, a dynamic dimension may or may not be squeezed.
    if (getSqueezeDims().empty() && in.isDynamicDim(d))
      return success();
    if (!drop)
      expected.push_back(in.getDimSize(d));
  }
  return verifyResultShape(*this, expected);
}

LogicalResult TransposeOp::verify() {
  auto in = rankedType(getInput());
  if (failed(verifyVector(*this, getPerm(), in.getRank(), "perm")) ||
      failed(verifySameElementType(*this, {getInput(), getOutput()})))
    return failure();
  if (rankedType(getOutput()).getRank() != in.getRank())
    return emitOpError("result rank must equal input rank");
  std::optional<SmallVector<int64_t>> perm = constantInts(getPerm());
  if (!perm)
    return success();
  int64_t rank = in.getRank();
  llvm::SmallSet<int64_t, 4> seen;
  SmallVector<int64_t> expected;
  for (int64_t p : *perm) {
    int64_t d = p < 0 ? p + rank : p;
    if (d < 0 || d >= rank || !seen.insert(d).second)
      return emitOpError() << "perm is not a permutation of [0, " << rank
                           << ")";
    expected.push_back(in.getDimSize(d));
  }
  return verifyResultShape(*this, expected);
}

LogicalResult ConcatenationOp::verify() {
  if (getValues().empty())
    return emitOpError("expects at least one value");
  SmallVector<Value> all(getValues());
  all.push_back(getOutput());
  if (failed(verifySameElementType(*this, all)))
    return failure();
  auto out = rankedType(getOutput());
  int64_t rank = out.getRank();
  int64_t axis = asInt(getAxis()) < 0 ? asInt(getAxis()) + rank
                                      : asInt(getAxis());
  if (axis < 0 || axis >= rank)
    return emitOpError() << "axis " << asInt(getAxis())
                         << " out of range for rank " << rank;
  int64_t total = 0;
  for (Value v : getValues()) {
    auto t = rankedType(v);
    if (t.getRank() != rank)
      return emitOpError("all values must have the result's rank");
    for (int64_t d = 0; d < rank; ++d)
      if (d != axis && !t.isDynamicDim(d) && !out.isDynamicDim(d) &&
          t.getDimSize(d) != out.getDimSize(d))
        return emitOpError() << "dimension " << d
                             << " differs between a value and the result";
    total = isDynamic(total) || t.isDynamicDim(axis)
                ? ShapedType::kDynamic
                : total + t.getDimSize(axis);
  }
  if (!isDynamic(total) && !out.isDynamicDim(axis) &&
      total != out.getDimSize(axis))
    return emitOpError() << "result dimension " << axis << " must be the sum "
                         << total << " of the values' sizes, got "
                         << out.getDimSize(axis);
  return success();
}

static LogicalResult verifyPaddings(Operation *op, Value input, Value paddings) {
  auto p = rankedType(paddings);
  auto in = rankedType(input);
  int64_t rank = in.getRank();
  if (p.getRank() != 2 || (!p.isDynamicDim(0) && p.getDimSize(0) != rank) ||
      (!p.isDynamicDim(1) && p.getDimSize(1) != 2))
    return op->emitOpError() << "expects paddings of shape " << rank << "x2";
  std::optional<SmallVector<int64_t>> pads = constantInts(paddings);
  if (!pads)
    return success();
  SmallVector<int64_t> expected;
  for (int64_t d = 0; d < rank; ++d) {
    int64_t before = (*pads)[2 * d], after = (*pads)[2 * d + 1];
    if (before < 0 || after < 0)
      return op->emitOpError()
             << "paddings must be non-negative, got " << before << " and "
             << after << " for dimension " << d;
    expected.push_back(in.isDynamicDim(d) ? ShapedType::kDynamic
                                          : in.getDimSize(d) + before + after);
  }
  return verifyResultShape(op, expected);
}

LogicalResult PadOp::verify() {
  if (failed(verifySameElementType(*this, {getInput(), getOutput()})))
    return failure();
  return verifyPaddings(*this, getInput(), getPaddings());
}

LogicalResult PadV2Op::verify() {
  if (failed(verifySameElementType(
          *this, {getInput(), getConstantValues(), getOutput()})) ||
      failed(verifyPaddings(*this, getInput(), getPaddings())))
    return failure();
  auto c = rankedType(getConstantValues());
  if (c.hasStaticShape() && c.getNumElements() != 1)
    return emitOpError("expects a single constant value");
  return success();
}

LogicalResult MirrorPadOp::verify() {
  if (failed(verifySameElementType(*this, {getInput(), getOutput()})) ||
      failed(verifyPaddings(*this, getInput(), getPaddings())))
    return failure();
  std::optional<SmallVector<int64_t>> pads = constantInts(getPaddings());
  if (!pads)
    return success();
  // A mirror has only the input's own elements to repeat.
  bool reflect = getMode() == MirrorPadMode::Reflect;
  auto in = rankedType(getInput());
  for (int64_t d = 0; d < in.getRank(); ++d) {
    if (in.isDynamicDim(d))
      continue;
    int64_t size = in.getDimSize(d);
    for (int64_t pad : {(*pads)[2 * d], (*pads)[2 * d + 1]}) {
      if (reflect && pad > 0 && pad >= size)
        return emitOpError() << "reflect padding " << pad << " of dimension "
                             << d << " must be smaller than its size "
                             << size;
      if (!reflect && pad > size)
        return emitOpError() << "symmetric padding " << pad
                             << " of dimension " << d
                             << " must be at most its size " << size;
    }
  }
  return success();
}

template <typename ResizeOp> static LogicalResult verifyResize(ResizeOp op) {
  if (failed(verifyRank(op, op.getInput(), 4, "input")) ||
      failed(verifyRank(op, op.getOutput(), 4, "result")) ||
      failed(verifyVector(op, op.getSize(), 2, "size")) ||
      failed(verifySameElementType(op, {op.getInput(), op.getOutput()})))
    return failure();
  auto in = rankedType(op.getInput()), out = rankedType(op.getOutput());
  SmallVector<int64_t> expected = {in.getDimSize(0), out.getDimSize(1),
                                   out.getDimSize(2), in.getDimSize(3)};
  if (std::optional<SmallVector<int64_t>> size = constantInts(op.getSize())) {
    if ((*size)[0] <= 0 || (*size)[1] <= 0)
      return op.emitOpError() << "size must be positive, got "
                              << shapeString(*size);
    expected[1] = (*size)[0];
    expected[2] = (*size)[1];
  }
  return verifyResultShape(op, expected);
}

LogicalResult ResizeBilinearOp::verify() {
  if (getAlignCorners() && getHalfPixelCenters())
    return emitOpError(
        "align_corners and half_pixel_centers are mutually exclusive");
  return verifyResize(*this);
}
LogicalResult ResizeNearestNeighborOp::verify() { return verifyResize(*this); }

LogicalResult SliceOp::verify() {
  auto in = rankedType(getInput());
  int64_t rank = in.getRank();
  if (failed(verifyVector(*this, getBegin(), rank, "begin")) ||
      failed(verifyVector(*this, getSize(), rank, "size")) ||
      failed(verifySameElementType(*this, {getInput(), getOutput()})))
    return failure();
  std::optional<SmallVector<int64_t>> begin = constantInts(getBegin());
  std::optional<SmallVector<int64_t>> size = constantInts(getSize());
  if (!begin || !size)
    return success();
  SmallVector<int64_t> expected;
  for (int64_t d = 0; d < rank; ++d) {
    int64_t b = (*begin)[d], s = (*size)[d], dim = in.getDimSize(d);
    if (b < 0 || s < -1 ||
        (!isDynamic(dim) && (b > dim || (s != -1 && b + s > dim))))
      return emitOpError() << "slice [" << b << ", "
                           << (s == -1 ? std::string("end")
                                       : std::to_string(b + s))
                           << ") of dimension " << d
                           << " is outside the input";
    expected.push_back(s != -1         ? s
                       : isDynamic(dim) ? ShapedType::kDynamic
                                        : dim - b);
  }
  return verifyResultShape(*this, expected);
}

LogicalResult StridedSliceOp::verify() {
  auto begin = rankedType(getBegin());
  int64_t n = begin.getRank() == 1 ? begin.getDimSize(0) : -1;
  if (failed(verifyVector(*this, getBegin(), -1, "begin")) ||
      failed(verifyVector(*this, getEnd(), n, "end")) ||
      failed(verifyVector(*this, getStrides(), n, "strides")) ||
      failed(verifySameElementType(*this, {getInput(), getOutput()})))
    return failure();
  // The masks are 32-bit sets with one bit per slice spec.
  if (n > 32)
    return emitOpError() << "expects at most 32 slice specs, got " << n;
  if (llvm::popcount(static_cast<uint32_t>(getEllipsisMask())) > 1)
    return emitOpError("expects at most one bit set in ellipsis_mask");
  if (std::optional<SmallVector<int64_t>> strides = constantInts(getStrides()))
    if (llvm::is_contained(*strides, 0))
      return emitOpError("strides must be non-zero");
  return success();
}

LogicalResult GatherOp::verify() {
  if (failed(verifySameElementType(*this, {getParams(), getOutput()})))
    return failure();
  auto params = rankedType(getParams()), indices = rankedType(getIndices());
  int64_t rank = params.getRank(), indicesRank = indices.getRank();
  int64_t axis = asInt(getAxis()), batchDims = asInt(getBatchDims());
  if (axis < -rank || axis >= rank)
    return emitOpError() << "axis " << axis << " out of range for params of "
                         << "rank " << rank;
  if (axis < 0)
    axis += rank;
  if (batchDims < -indicesRank || batchDims > indicesRank)
    return emitOpError() << "batch_dims " << batchDims
                         << " out of range for indices of rank "
                         << indicesRank;
  if (batchDims < 0)
    batchDims += indicesRank;
  if (batchDims > axis)
    return emitOpError() << "batch_dims " << batchDims
                         << " must not exceed axis " << axis;
  for (int64_t d = 0; d < batchDims; ++d)
    if (!params.isDynamicDim(d) && !indices.isDynamicDim(d) &&
        params.getDimSize(d) != indices.getDimSize(d))
      return emitOpError() << "batch dimension " << d << " is "
                           << params.getDimSize(d) << " in params but "
                           << indices.getDimSize(d) << " in indices";
  if (std::optional<SmallVector<int64_t>> values = constantInts(getIndices()))
    if (!params.isDynamicDim(axis))
      for (int64_t i : *values)
        if (i < 0 || i >= params.getDimSize(axis))
          return emitOpError() << "index " << i << " out of range for "
                               << "dimension " << axis << " of size "
                               << params.getDimSize(axis);
  SmallVector<int64_t> expected(params.getShape().take_front(axis));
  llvm::append_range(expected, indices.getShape().drop_front(batchDims));
  llvm::append_range(expected, params.getShape().drop_front(axis + 1));
  return verifyResultShape(*this, expected);
}

/// What space_to_depth and depth_to_space both need: a 4-D input, a
/// positive block size and one element type.
static LogicalResult verifyBlockMove(Operation *op, Value input, Value output,
                                     int64_t block) {
  if (failed(verifyRank(op, input, 4, "input")) ||
      failed(verifyPositive(op, {{"block_size", block}})) ||
      failed(verifySameElementType(op, {input, output})))
    return failure();
  return success();
}

LogicalResult SpaceToDepthOp::verify() {
  int64_t block = asInt(getBlockSize());
  if (failed(verifyBlockMove(*this, getInput(), getOutput(), block)))
    return failure();
  auto in = rankedType(getInput());
  for (auto [dim, name] : {std::pair<int64_t, StringRef>(1, "height"),
                           std::pair<int64_t, StringRef>(2, "width")})
    if (!in.isDynamicDim(dim) && in.getDimSize(dim) % block != 0)
      return emitOpError() << "block_size " << block << " does not divide "
                           << name << " " << in.getDimSize(dim);
  auto scaled = [&](int64_t size, bool divide) {
    if (isDynamic(size))
      return size;
    return divide ? size / block : size * block * block;
  };
  return verifyResultShape(*this, {in.getDimSize(0),
                                   scaled(in.getDimSize(1), true),
                                   scaled(in.getDimSize(2), true),
                                   scaled(in.getDimSize(3), false)});
}

LogicalResult DepthToSpaceOp::verify() {
  int64_t block = asInt(getBlockSize());
  if (failed(verifyBlockMove(*this, getInput(), getOutput(), block)))
    return failure();
  auto in = rankedType(getInput());
  int64_t group = block * block; // block < 2^31, so no overflow
  int64_t channels = in.getDimSize(3);
  if (!isDynamic(channels) && channels % group != 0)
    return emitOpError() << "block_size " << block << " squared does not "
                         << "divide the " << channels << " input channels";
  SmallVector<int64_t> expected{in.getDimSize(0), ShapedType::kDynamic,
                                ShapedType::kDynamic,
                                isDynamic(channels) ? channels
                                                    : channels / group};
  for (int64_t d : {1, 2}) {
    int64_t size = in.getDimSize(d);
    if (!isDynamic(size) && llvm::MulOverflow(size, block, expected[d]))
      return emitOpError() << "dimension " << d << " times block_size "
                           << block << " overflows";
  }
  return verifyResultShape(*this, expected);
}

/// The operand checks SPACE_TO_BATCH_ND and BATCH_TO_SPACE_ND share: a rank 3
/// or 4 input, one block size per spatial dimension and a `[spatial, 2]`
/// table of non-negative amounts (`what`: paddings or crops). Returns the
/// constant block sizes and amounts, empty when not constant.
static LogicalResult
verifyBlockOperands(Operation *op, Value input, Value blockShape, Value amounts,
                    StringRef what, SmallVector<int64_t> &blocks,
                    SmallVector<int64_t> &pads) {
  int64_t rank = rankedType(input).getRank();
  if (rank != 3 && rank != 4)
    return op->emitOpError() << "expects input of rank 3 or 4, got " << rank;
  int64_t spatial = rank - 2;
  if (failed(verifyVector(op, blockShape, spatial, "block_shape")) ||
      failed(verifySameElementType(op, {input, op->getResult(0)})))
    return failure();
  auto a = rankedType(amounts);
  if (a.getRank() != 2 ||
      (!a.isDynamicDim(0) && a.getDimSize(0) != spatial) ||
      (!a.isDynamicDim(1) && a.getDimSize(1) != 2))
    return op->emitOpError() << "expects " << what << " of shape " << spatial
                             << "x2";
  if (rankedType(op->getResult(0)).getRank() != rank)
    return op->emitOpError("result rank must equal input rank");
  // TFLite's kernels read both as int32 whatever their type.
  if (!rankedType(blockShape).getElementType().isInteger(32) ||
      !a.getElementType().isInteger(32))
    return op->emitOpError() << "expects block_shape and " << what
                             << " of element type i32";
  if (std::optional<SmallVector<int64_t>> b = constantInts(blockShape)) {
    for (int64_t size : *b)
      if (size <= 0)
        return op->emitOpError()
               << "block_shape entries must be positive, got "
               << shapeString(*b);
    blocks = *b;
  }
  if (std::optional<SmallVector<int64_t>> p = constantInts(amounts)) {
    for (int64_t v : *p)
      if (v < 0)
        return op->emitOpError() << what << " must be non-negative, got "
                                 << v;
    pads = *p;
  }
  return success();
}

LogicalResult SpaceToBatchNdOp::verify() {
  SmallVector<int64_t> blocks, pads;
  if (failed(verifyBlockOperands(*this, getInput(), getBlockShape(),
                                 getPaddings(), "paddings", blocks, pads)))
    return failure();
  auto in = rankedType(getInput());
  int64_t rank = in.getRank();
  SmallVector<int64_t> expected(rank, ShapedType::kDynamic);
  expected[rank - 1] = in.getDimSize(rank - 1);
  if (blocks.empty())
    return verifyResultShape(*this, expected);
  int64_t product = 1;
  for (int64_t d = 0; d < rank - 2; ++d) {
    // Blocks are positive 32-bit values; their product stays in 64 bits.
    product = std::min<int64_t>(product * blocks[d], int64_t(1) << 32);
    int64_t size = in.getDimSize(d + 1);
    if (pads.empty() || isDynamic(size))
      continue;
    int64_t padded;
    if (llvm::AddOverflow(size, pads[2 * d] + pads[2 * d + 1], padded))
      return emitOpError() << "padded size of spatial dimension " << d
                           << " overflows";
    if (padded % blocks[d] != 0)
      return emitOpError() << "padded size " << padded
                           << " of spatial dimension " << d
                           << " is not a multiple of block size "
                           << blocks[d];
    expected[d + 1] = padded / blocks[d];
  }
  if (!in.isDynamicDim(0) &&
      llvm::MulOverflow(in.getDimSize(0), product, expected[0]))
    return emitOpError() << "result batch overflows";
  return verifyResultShape(*this, expected);
}

LogicalResult BatchToSpaceNdOp::verify() {
  SmallVector<int64_t> blocks, crops;
  if (failed(verifyBlockOperands(*this, getInput(), getBlockShape(),
                                 getCrops(), "crops", blocks, crops)))
    return failure();
  auto in = rankedType(getInput());
  int64_t rank = in.getRank();
  SmallVector<int64_t> expected(rank, ShapedType::kDynamic);
  expected[rank - 1] = in.getDimSize(rank - 1);
  if (blocks.empty())
    return verifyResultShape(*this, expected);
  int64_t product = 1;
  for (int64_t d = 0; d < rank - 2; ++d) {
    // Blocks are positive 32-bit values; their product stays in 64 bits.
    product = std::min<int64_t>(product * blocks[d], int64_t(1) << 32);
    int64_t size = in.getDimSize(d + 1);
    if (crops.empty() || isDynamic(size))
      continue;
    int64_t full;
    if (llvm::MulOverflow(size, blocks[d], full))
      return emitOpError() << "result size of spatial dimension " << d
                           << " overflows";
    int64_t cropped = crops[2 * d] + crops[2 * d + 1];
    if (cropped > full)
      return emitOpError() << "crops " << cropped
                           << " remove more than the size " << full
                           << " of spatial dimension " << d;
    expected[d + 1] = full - cropped;
  }
  if (!in.isDynamicDim(0)) {
    if (in.getDimSize(0) % product != 0)
      return emitOpError() << "batch " << in.getDimSize(0)
                           << " is not a multiple of the block sizes' "
                              "product "
                           << product;
    expected[0] = in.getDimSize(0) / product;
  }
  return verifyResultShape(*this, expected);
}

LogicalResult TileOp::verify() {
  auto in = rankedType(getInput());
  int64_t rank = in.getRank();
  if (failed(verifyVector(*this, getMultiples(), rank, "multiples")) ||
      failed(verifySameElementType(*this, {getInput(), getOutput()})))
    return failure();
  if (rankedType(getOutput()).getRank() != rank)
    return emitOpError("result rank must equal input rank");
  std::optional<SmallVector<int64_t>> multiples = constantInts(getMultiples());
  if (!multiples)
    return success();
  SmallVector<int64_t> expected;
  for (int64_t d = 0; d < rank; ++d) {
    int64_t m = (*multiples)[d];
    if (m < 0)
      return emitOpError() << "multiples must be non-negative, got " << m
                           << " for dimension " << d;
    expected.push_back(in.isDynamicDim(d) ? ShapedType::kDynamic
                                          : in.getDimSize(d) * m);
  }
  return verifyResultShape(*this, expected);
}

LogicalResult BroadcastToOp::verify() {
  if (failed(verifySameElementType(*this, {getInput(), getOutput()})))
    return failure();
  auto in = rankedType(getInput()), out = rankedType(getOutput());
  if (failed(verifyVector(*this, getShape(), out.getRank(), "shape")))
    return failure();
  // TFLite's kernel handles up to 8 dimensions.
  if (out.getRank() > 8)
    return emitOpError() << "expects a result of rank at most 8, got "
                         << out.getRank();
  if (out.getRank() < in.getRank())
    return emitOpError() << "cannot broadcast input of rank " << in.getRank()
                         << " to a lower rank " << out.getRank();
  SmallVector<int64_t> target(out.getShape());
  if (std::optional<SmallVector<int64_t>> shape = constantInts(getShape())) {
    for (int64_t size : *shape)
      if (size < 0)
        return emitOpError() << "shape must be non-negative, got "
                             << shapeString(*shape);
    if (failed(verifyResultShape(*this, *shape)))
      return failure();
    target = *shape;
  }
  int64_t offset = out.getRank() - in.getRank();
  for (int64_t d = 0; d < in.getRank(); ++d) {
    int64_t from = in.getDimSize(d), to = target[offset + d];
    if (!isDynamic(from) && !isDynamic(to) && from != 1 && from != to)
      return emitOpError() << "cannot broadcast input shape "
                           << shapeString(in.getShape()) << " to "
                           << shapeString(target);
  }
  return success();
}

LogicalResult CustomOp::verify() {
  if (getName().empty() && !getBuiltinCode())
    return emitOpError("needs a custom name or a builtin_code");
  return success();
}
