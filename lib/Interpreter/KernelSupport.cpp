//===- KernelSupport.cpp - Helpers shared by the op kernels ---------------===//

#include "KernelSupport.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/Support/raw_ostream.h"

#include <limits>

using namespace mlir;
using namespace qnt;
using namespace qnt::interp;

static std::string typeToString(Type type) {
  std::string text;
  llvm::raw_string_ostream os(text);
  type.print(os);
  return text;
}

bool interp::isQuantized(Value v) {
  return isa<quant::QuantizedType>(getElementTypeOrSelf(v.getType()));
}

bool interp::isFloat(Value v) {
  Type t = getElementTypeOrSelf(v.getType());
  return t.isF32() || t.isF16();
}

llvm::Expected<QuantInfo> interp::getQuantInfo(Value v, llvm::StringRef what) {
  Type elementType = getElementTypeOrSelf(v.getType());
  auto quantized = dyn_cast<quant::QuantizedType>(elementType);
  if (!quantized)
    return kernelError("{0} has type {1}, expected a quantized type", what,
                       typeToString(v.getType()));
  QuantInfo info;
  info.bits = quantized.getStorageTypeIntegralWidth();
  info.isSigned = quantized.isSigned();
  if (info.bits != 8 && info.bits != 16 && info.bits != 32)
    return kernelError("{0}: {1}-bit quantized storage is not supported", what,
                       info.bits);
  auto [lo, hi] = integerRange(info.bits, info.isSigned);
  info.qmin = lo;
  info.qmax = hi;
  // TFLite keeps scales as float32; every multiplier it derives starts from
  // the rounded value.
  auto asFloat = [](double s) { return static_cast<double>(float(s)); };
  if (auto uniform = dyn_cast<quant::UniformQuantizedType>(quantized)) {
    info.scales.push_back(asFloat(uniform.getScale()));
    info.zeroPoints.push_back(uniform.getZeroPoint());
    return info;
  }
  if (auto perAxis = dyn_cast<quant::UniformQuantizedPerAxisType>(quantized)) {
    for (double s : perAxis.getScales())
      info.scales.push_back(asFloat(s));
    info.zeroPoints.assign(perAxis.getZeroPoints().begin(),
                           perAxis.getZeroPoints().end());
    info.axis = perAxis.getQuantizedDimension();
    return info;
  }
  return kernelError("{0}: quantized type {1} is not uniform", what,
                     typeToString(v.getType()));
}

llvm::Expected<QuantInfo> interp::getPerTensorQuantInfo(Value v,
                                                        llvm::StringRef what) {
  auto info = getQuantInfo(v, what);
  if (!info)
    return info.takeError();
  if (info->isPerAxis())
    return kernelError("{0} must be quantized per tensor, not per axis", what);
  return info;
}

llvm::Expected<QuantizedMultiplier>
interp::checkedMultiplier(double real, llvm::StringRef what) {
  if (!std::isfinite(real) || real < 0)
    return kernelError("{0}: invalid real multiplier {1}", what, real);
  QuantizedMultiplier m = quantizeMultiplier(real);
  if (m.multiplier != 0 && (m.shift > 30 || m.shift < -31))
    return kernelError("{0}: real multiplier {1} is out of the range the "
                       "integer kernels can apply",
                       what, real);
  return m;
}

llvm::Expected<ElementKind> interp::getKindOf(Value v) {
  ElementKind kind;
  if (!getElementKindFor(v.getType(), kind))
    return kernelError("unsupported element type in {0}",
                       typeToString(v.getType()));
  return kind;
}

llvm::Error interp::checkResultShape(Value result,
                                     llvm::ArrayRef<int64_t> shape) {
  auto type = dyn_cast<RankedTensorType>(result.getType());
  if (!type)
    return kernelError("result type {0} is not a ranked tensor",
                       typeToString(result.getType()));
  bool ok = type.getRank() == static_cast<int64_t>(shape.size());
  for (int64_t i = 0; ok && i < type.getRank(); ++i)
    ok = type.isDynamicDim(i) || type.getDimSize(i) == shape[i];
  if (!ok)
    return kernelError("computed result shape {0} does not match the result "
                       "type {1}",
                       shapeToString(shape), typeToString(type));
  return llvm::Error::success();
}

llvm::Error interp::prepareResult(Value result, llvm::ArrayRef<int64_t> shape,
                                  Tensor &out) {
  if (auto err = checkResultShape(result, shape))
    return err;
  auto kind = getKindOf(result);
  if (!kind)
    return kind.takeError();
  out.reset(*kind, shape);
  return llvm::Error::success();
}

llvm::Expected<llvm::SmallVector<int64_t>>
interp::broadcastShapes(llvm::ArrayRef<int64_t> a, llvm::ArrayRef<int64_t> b) {
  size_t rank = std::max(a.size(), b.size());
  llvm::SmallVector<int64_t> out(rank);
  for (size_t i = 0; i < rank; ++i) {
    int64_t da = i < rank - a.size() ? 1 : a[i - (rank - a.size())];
    int64_t db = i < rank - b.size() ? 1 : b[i - (rank - b.size())];
    if (da != db && da != 1 && db != 1)
      return kernelError("shapes {0} and {1} do not broadcast",
                         shapeToString(a), shapeToString(b));
    out[i] = da == 1 ? db : da;
  }
  return out;
}

llvm::Error interp::prepareBinaryResult(mlir::Value lhs, mlir::Value rhs,
                                        mlir::Value output, const Tensor &a,
                                        const Tensor &b, Tensor &out) {
  auto shape = broadcastShapes(a.getShape(), b.getShape());
  if (!shape)
    return shape.takeError();
  if (auto err = prepareResult(output, *shape, out))
    return err;
  if (a.getKind() != b.getKind() || a.getKind() != out.getKind())
    return kernelError("operands and result must have one element type, got "
                       "{0}, {1} and {2}",
                       getElementKindName(a.getKind()),
                       getElementKindName(b.getKind()),
                       getElementKindName(out.getKind()));
  bool quantized = isQuantized(output);
  if (quantized != isQuantized(lhs) || quantized != isQuantized(rhs))
    return kernelError("operands and result must all be quantized or none");
  return llvm::Error::success();
}

llvm::SmallVector<int64_t> interp::rowMajorStrides(llvm::ArrayRef<int64_t> shape) {
  llvm::SmallVector<int64_t> strides(shape.size(), 1);
  for (int64_t i = static_cast<int64_t>(shape.size()) - 2; i >= 0; --i)
    strides[i] = strides[i + 1] * shape[i + 1];
  return strides;
}

llvm::SmallVector<int64_t>
interp::broadcastStrides(llvm::ArrayRef<int64_t> shape,
                         llvm::ArrayRef<int64_t> outShape) {
  llvm::SmallVector<int64_t> own = rowMajorStrides(shape);
  size_t offset = outShape.size() - shape.size();
  llvm::SmallVector<int64_t> strides(outShape.size(), 0);
  for (size_t i = 0; i < shape.size(); ++i)
    strides[offset + i] = shape[i] == 1 ? 0 : own[i];
  return strides;
}

PaddedDim interp::computePadding(Padding padding, int64_t inSize,
                                 int64_t filterSize, int64_t stride,
                                 int64_t dilation) {
  int64_t dilated = (filterSize - 1) * dilation + 1;
  int64_t out = padding == Padding::Same
                    ? (inSize + stride - 1) / stride
                    : (inSize - dilated + stride) / stride;
  out = std::max<int64_t>(out, 0);
  int64_t total = std::max<int64_t>((out - 1) * stride + dilated - inSize, 0);
  return {out, total / 2};
}

llvm::Expected<int64_t> interp::normalizeAxis(int64_t axis, int64_t rank) {
  int64_t a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= rank)
    return kernelError("axis {0} is out of range for rank {1}", axis, rank);
  return a;
}

llvm::Expected<llvm::SmallVector<int64_t>>
interp::readIndexTensor(const Tensor &t, llvm::StringRef what) {
  if (t.getKind() != ElementKind::I32 && t.getKind() != ElementKind::I64)
    return kernelError("{0} must hold i32 or i64 values, got {1}", what,
                       getElementKindName(t.getKind()));
  return t.getIntValues();
}

llvm::Expected<FusedActivation> interp::toClampActivation(Activation act) {
  switch (act) {
  case Activation::None:
    return FusedActivation::None;
  case Activation::Relu:
    return FusedActivation::Relu;
  case Activation::Relu6:
    return FusedActivation::Relu6;
  case Activation::ReluN1To1:
    return FusedActivation::ReluN1To1;
  case Activation::Tanh:
  case Activation::SignBit:
    break;
  }
  return kernelError("fused activation '{0}' has no quantized form",
                     stringifyActivation(act));
}

bool interp::getFloatClamp(Activation first, Activation second, float &lo,
                           float &hi) {
  lo = -std::numeric_limits<float>::infinity();
  hi = std::numeric_limits<float>::infinity();
  for (Activation act : {first, second}) {
    switch (act) {
    case Activation::None:
      break;
    case Activation::Relu:
      lo = std::max(lo, 0.0f);
      break;
    case Activation::Relu6:
      lo = std::max(lo, 0.0f);
      hi = std::min(hi, 6.0f);
      break;
    case Activation::ReluN1To1:
      lo = std::max(lo, -1.0f);
      hi = std::min(hi, 1.0f);
      break;
    default:
      return false;
    }
  }
  return true;
}

llvm::Error interp::applyFloatActivation(Activation act, float *data,
                                         int64_t n) {
  switch (act) {
  case Activation::None:
    return llvm::Error::success();
  case Activation::Relu:
    for (int64_t i = 0; i < n; ++i)
      data[i] = std::max(data[i], 0.0f);
    return llvm::Error::success();
  case Activation::Relu6:
    for (int64_t i = 0; i < n; ++i)
      data[i] = std::min(std::max(data[i], 0.0f), 6.0f);
    return llvm::Error::success();
  case Activation::ReluN1To1:
    for (int64_t i = 0; i < n; ++i)
      data[i] = std::min(std::max(data[i], -1.0f), 1.0f);
    return llvm::Error::success();
  case Activation::Tanh:
    for (int64_t i = 0; i < n; ++i)
      data[i] = std::tanh(data[i]);
    return llvm::Error::success();
  case Activation::SignBit:
    // TFLite's kernels reject SIGN_BIT; so does qnt rather than guess.
    break;
  }
  return kernelError("fused activation '{0}' is not supported",
                     stringifyActivation(act));
}

llvm::Expected<std::pair<int32_t, int32_t>>
interp::quantizedActivationRange(Activation act, const QuantInfo &info) {
  auto clamp = toClampActivation(act);
  if (!clamp)
    return clamp.takeError();
  if (info.isPerAxis())
    return kernelError("a fused activation needs a per-tensor quantized "
                       "result");
  return activationRange(*clamp, info.params(), info.qmin, info.qmax);
}
