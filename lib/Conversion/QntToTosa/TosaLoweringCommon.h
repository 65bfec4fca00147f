//===- TosaLoweringCommon.h - Shared pieces of the qnt-to-TOSA lowering --===//
//
// The quantization parameters the lowerings read from qnt's types, the
// checks they share, the builders of TOSA constants and rescales, and the
// pattern base class. Each op family's file adds its patterns through one
// populate function declared at the end.
//
// Multipliers are derived the way qnt's interpreter (and TFLite) derive
// them: from scales rounded to float32, in double arithmetic for the
// accumulating ops and in float32 where TFLite's kernel divides in float32.
// TFLite applies a multiplier with a saturating rounding doubling high
// multiply followed by a rounding right shift; `tosa.rescale` with
// DOUBLE_ROUND is that arithmetic, with the TOSA shift being 31 minus
// TFLite's exponent.
//
//===----------------------------------------------------------------------===//

#ifndef QNT_LIB_CONVERSION_QNTTOTOSA_TOSALOWERINGCOMMON_H
#define QNT_LIB_CONVERSION_QNTTOTOSA_TOSALOWERINGCOMMON_H

#include "qnt/Dialect/Qnt/IR/QntOps.h"
#include "qnt/Support/QuantMath.h"

#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/Transforms/DialectConversion.h"

#include <optional>

namespace qnt::tosa_lowering {

using namespace mlir;

//===----------------------------------------------------------------------===//
// Quantization parameters of the original types
//===----------------------------------------------------------------------===//

/// The parameters of a quantized value, with scales rounded to float32 as
/// TFLite stores them.
struct QInfo {
  unsigned bits = 0;
  bool isSigned = true;
  int64_t qmin = 0, qmax = 0;
  llvm::SmallVector<double> scales;
  llvm::SmallVector<int64_t> zeroPoints;
  bool perAxis = false;

  double scale() const { return scales.front(); }
  int64_t zeroPoint() const { return zeroPoints.front(); }
  QuantParams params() const { return {scale(), zeroPoint()}; }
};

std::optional<QInfo> getQInfo(Value v);

/// Parameters of a signed per-tensor activation, or an error on `op`: int8,
/// or int16 with zero point 0 where the op's lowering handles it
/// (`allowInt16`; TOSA's int16 extension).
FailureOr<QInfo> getActivationInfo(Operation *op, Value v, StringRef what,
                                   bool allowInt16 = false);

/// The TOSA storage type of an activation: i8 or i16.
Type storageType(OpBuilder &b, const QInfo &info);

/// Fails on `op` unless its activations all have the width of the first.
LogicalResult checkSameWidth(Operation *op,
                             std::initializer_list<const QInfo *> infos);

/// Checks that the input and result share scale and zero point (and so
/// width); `info`, when given, receives the result's parameters.
LogicalResult checkSameScale(Operation *op, Value in, Value out,
                             QInfo *info = nullptr, bool allowInt16 = false);

/// TFLite's split of a real multiplier, rejected when TOSA's shift range
/// [2, 62] (TFLite exponent in [-31, 29]) cannot hold it.
FailureOr<QuantizedMultiplier> getMultiplier(Operation *op, double real,
                                             StringRef what);

/// A supported fused activation (TANH and SIGN_BIT are not clamps).
LogicalResult checkActivation(Operation *op, Activation act);

/// Fails on an operand or result of dynamic shape.
LogicalResult checkStatic(Operation *op);

/// Values of a constant operand (qnt.const or, once converted, tosa.const).
std::optional<SmallVector<int64_t>> getConstInts(Value original,
                                                 Value converted);

/// TFLite's SAME/VALID padding of one spatial dimension: {before, after}.
std::pair<int64_t, int64_t> computePadding(Padding padding, int64_t in,
                                           int64_t out, int64_t k,
                                           int64_t stride, int64_t dilation);

//===----------------------------------------------------------------------===//
// Building TOSA values
//===----------------------------------------------------------------------===//

RankedTensorType withElementType(Type t, Type elem);

Value constI32(OpBuilder &b, Location loc, ArrayRef<int32_t> values,
               ArrayRef<int64_t> shape);

/// The shift operand 0 of an integer tosa.mul.
Value noShift(OpBuilder &b, Location loc);

/// A one-element zero point tensor of `elem`.
Value zeroPoint(OpBuilder &b, Location loc, Type elem, int64_t zp);

Value reshape(OpBuilder &b, Location loc, Value v, ArrayRef<int64_t> shape);

Value transpose(OpBuilder &b, Location loc, Value v, ArrayRef<int32_t> perm);

/// out = rescale(in - inZp) + outZp, saturated to outElem, one multiplier per
/// tensor or one per element of the last dimension.
Value rescale(OpBuilder &b, Location loc, Value input, Type outElem,
              ArrayRef<QuantizedMultiplier> ms, int64_t inZp, int64_t outZp,
              bool inUnsigned = false, bool outUnsigned = false);

/// (x - zp) << leftShift as int32, exactly.
Value widen(OpBuilder &b, Location loc, Value input, int64_t zp,
            int leftShift = 0);

/// An i32 `sum` divided by `count` with halves rounded away from zero, as
/// TFLite's averaging kernels divide: count (and so the rounding offset)
/// one value, or one per position shaped `countShape`.
Value divideRoundingAway(OpBuilder &b, Location loc, Value sum,
                         ArrayRef<int32_t> count,
                         ArrayRef<int64_t> countShape);

/// Clamps a result to a fused activation's quantized range.
Value clampActivation(OpBuilder &b, Location loc, Value v, Activation act,
                      const QInfo &out);

/// A constant i8 table of 256 entries: fn applied to every int8 value.
Value int8Table(OpBuilder &b, Location loc,
                llvm::function_ref<int64_t(int64_t)> fn);

/// `input` looked up in a 256-entry i8 table, shaped as `like`.
Value lookUp(OpBuilder &b, Location loc, Value input, Value table, Type like);

//===----------------------------------------------------------------------===//
// Patterns
//===----------------------------------------------------------------------===//

/// A lowering of one qnt op to a single replacement value; ops of dynamic
/// shape are refused before `lower` runs.
template <typename OpT>
struct QntPattern : public OpConversionPattern<OpT> {
  using OpConversionPattern<OpT>::OpConversionPattern;
  using Adaptor = typename OpConversionPattern<OpT>::OpAdaptor;

  LogicalResult matchAndRewrite(OpT op, Adaptor adaptor,
                                ConversionPatternRewriter &rw) const final {
    if (failed(checkStatic(op)))
      return failure();
    FailureOr<Value> result = lower(op, adaptor, rw);
    if (failed(result))
      return failure();
    rw.replaceOp(op, *result);
    return success();
  }

  virtual FailureOr<Value> lower(OpT op, Adaptor adaptor,
                                 ConversionPatternRewriter &rw) const = 0;
};

/// One per op family (the file of the same name).
void populateConvolutionLowerings(const TypeConverter &converter,
                                  RewritePatternSet &patterns);
void populateElementwiseLowerings(const TypeConverter &converter,
                                  RewritePatternSet &patterns);
void populateTableLowerings(const TypeConverter &converter,
                            RewritePatternSet &patterns);
void populateDataMovementLowerings(const TypeConverter &converter,
                                   RewritePatternSet &patterns);
void populatePoolingLowerings(const TypeConverter &converter,
                              RewritePatternSet &patterns);
void populateEdgeLowerings(const TypeConverter &converter,
                           RewritePatternSet &patterns);

} // namespace qnt::tosa_lowering

#endif // QNT_LIB_CONVERSION_QNTTOTOSA_TOSALOWERINGCOMMON_H
