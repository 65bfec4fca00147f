//===- QntToTosa.cpp - Lowering qnt's integer graphs to TOSA --------------===//
//
// Each quantized qnt op becomes the TOSA ops that compute what TFLite's
// integer kernel computes, on the storage types. The patterns live in one
// file per op family (Convolution, Elementwise, Tables, DataMovement,
// Pooling, Edges; shared pieces in TosaLoweringCommon); this file holds the
// type converter, the ops refused with their reason, and the pass.
//
//===----------------------------------------------------------------------===//

#include "qnt/Conversion/QntToTosa/QntToTosa.h"
#include "TosaLoweringCommon.h"

#include "mlir/Dialect/Func/Transforms/FuncConversions.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"

namespace qnt {
#define GEN_PASS_DEF_CONVERTQNTTOTOSA
#include "qnt/Conversion/Passes.h.inc"
} // namespace qnt

using namespace mlir;
using namespace qnt;
using namespace qnt::tosa_lowering;

namespace {

/// An op this lowering does not handle: fails with why, naming the op.
template <typename OpT>
struct Refused : QntPattern<OpT> {
  Refused(const TypeConverter &converter, MLIRContext *ctx, const char *why)
      : QntPattern<OpT>(converter, ctx), why(why) {}
  using Adaptor = typename QntPattern<OpT>::Adaptor;
  FailureOr<Value> lower(OpT op, Adaptor, ConversionPatternRewriter &) const override {
    // Float graphs are not lowered at all; only quantized ops get a reason
    // (arg_max has a quantized input and an integer result).
    auto quantized = [](Value v) {
      return isa<quant::QuantizedType>(getElementTypeOrSelf(v.getType()));
    };
    if (llvm::none_of(op->getOperands(), quantized) &&
        llvm::none_of(op->getResults(), quantized))
      return failure();
    return op.emitError() << op->getName() << " does not lower to TOSA: "
                          << why;
  }
  const char *why;
};

//===----------------------------------------------------------------------===//
// The pass
//===----------------------------------------------------------------------===//

struct ConvertQntToTosa
    : public qnt::impl::ConvertQntToTosaBase<ConvertQntToTosa> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    MLIRContext *ctx = &getContext();
    QntToTosaTypeConverter converter;
    RewritePatternSet patterns(ctx);
    populateQntToTosaPatterns(converter, patterns);
    populateFunctionOpInterfaceTypeConversionPattern<func::FuncOp>(patterns,
                                                                   converter);
    populateReturnOpTypeConversionPattern(patterns, converter);
    populateCallOpTypeConversionPattern(patterns, converter);

    ConversionTarget target(*ctx);
    target.addLegalDialect<tosa::TosaDialect>();
    target.addIllegalDialect<QntDialect>();
    target.addDynamicallyLegalOp<func::FuncOp>([&](func::FuncOp f) {
      return converter.isSignatureLegal(f.getFunctionType()) &&
             converter.isLegal(&f.getBody());
    });
    target.addDynamicallyLegalOp<func::ReturnOp, func::CallOp>(
        [&](Operation *op) { return converter.isLegal(op); });
    if (failed(applyPartialConversion(module, target, std::move(patterns))))
      return signalPassFailure();

    // Index operands (perm, paddings, shapes) were read at conversion time.
    module.walk([](tosa::ConstOp c) {
      if (c->use_empty())
        c->erase();
    });
  }
};

} // namespace

QntToTosaTypeConverter::QntToTosaTypeConverter() {
  addConversion([](Type t) { return t; });
  addConversion([](RankedTensorType t) -> Type {
    if (auto q = dyn_cast<quant::QuantizedType>(t.getElementType()))
      return t.clone(q.getStorageType());
    return t;
  });
}

void qnt::populateQntToTosaPatterns(const TypeConverter &converter,
                                    RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  populateConvolutionLowerings(converter, patterns);
  populateElementwiseLowerings(converter, patterns);
  populateTableLowerings(converter, patterns);
  populateDataMovementLowerings(converter, patterns);
  populatePoolingLowerings(converter, patterns);
  populateEdgeLowerings(converter, patterns);
  patterns.add<Refused<SoftmaxOp>, Refused<LogSoftmaxOp>>(
      converter, ctx,
      "its kernel sums float32 exponentials, which TOSA's integer profile "
      "cannot compute and whose summation order another compiler may change");
  patterns.add<Refused<DivOp>>(converter, ctx,
                               "qnt has no integer kernel for a quantized "
                               "div");
  patterns.add<Refused<SumOp>, Refused<ReduceMaxOp>, Refused<ReduceMinOp>,
               Refused<ArgMaxOp>, Refused<ArgMinOp>, Refused<GatherOp>,
               Refused<SpaceToDepthOp>>(
      converter, ctx, "qnt has no TOSA lowering for it yet");
  patterns.add<Refused<SpaceToBatchNdOp>, Refused<BatchToSpaceNdOp>,
               Refused<TileOp>, Refused<BroadcastToOp>, Refused<MirrorPadOp>>(
      converter, ctx, "qnt has no TOSA lowering for it yet");
  patterns.add<Refused<L2NormalizationOp>>(
      converter, ctx,
      "its fixed-point inverse square root has no TOSA lowering in qnt yet");
  patterns.add<Refused<GeluOp>>(converter, ctx,
                                "qnt has no TOSA lowering for its int8 table "
                                "yet");
}
