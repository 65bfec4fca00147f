//===- SelectBiasBits.cpp - 32- or 64-bit biases of 16x8 ops --------------===//

#include "qnt/Dialect/Qnt/IR/BiasBits.h"
#include "qnt/Dialect/Qnt/IR/QntOps.h"
#include "qnt/Dialect/Qnt/Transforms/Passes.h"

#include "QdqUtils.h"

#include "mlir/IR/BuiltinAttributes.h"

#include <cstdint>
#include <cstdlib>

namespace qnt {
#define GEN_PASS_DEF_SELECTBIASBITS
#include "qnt/Dialect/Qnt/Transforms/Passes.h.inc"
} // namespace qnt

using namespace mlir;
using namespace qnt;

namespace {
/// Largest |x| of an int16 activation.
constexpr int64_t kMaxInput16 = 32768;

/// The largest |accumulator| over output channels of `user` with bias
/// `bias`: kMaxInput16 * sum |w| + |bias|. Fails when the weights are not a
/// constant.
FailureOr<int64_t> worstAccumulator(Operation *user,
                                    const WeightOperands &weights,
                                    DenseElementsAttr bias) {
  auto w = user->getOperand(weights.weightIndex).getDefiningOp<ConstOp>();
  auto values = w ? dyn_cast<DenseElementsAttr>(w.getValue()) : nullptr;
  if (!values || !values.getElementType().isInteger(8))
    return failure();
  auto shape = cast<ShapedType>(values.getType()).getShape();
  unsigned axis = weights.channelAxis;
  if (axis >= shape.size())
    return failure();
  int64_t channels = shape[axis], inner = 1;
  for (size_t d = axis + 1; d < shape.size(); ++d)
    inner *= shape[d];
  SmallVector<int64_t> sums(channels, 0);
  int64_t i = 0;
  for (APInt v : values.getValues<APInt>())
    sums[(i++ / inner) % channels] += std::llabs(v.getSExtValue());
  SmallVector<int64_t> biases;
  for (APInt v : bias.getValues<APInt>())
    biases.push_back(std::llabs(v.getSExtValue()));
  int64_t worst = 0;
  for (int64_t c = 0; c < channels; ++c) {
    int64_t b = 0;
    if (biases.size() == 1)
      b = biases[0];
    else if (c < static_cast<int64_t>(biases.size()))
      b = biases[c];
    worst = std::max(worst, kMaxInput16 * sums[c] + b);
  }
  return worst;
}

struct SelectBiasBits : public qnt::impl::SelectBiasBitsBase<SelectBiasBits> {
  using SelectBiasBitsBase::SelectBiasBitsBase;

  void runOnOperation() override {
    if (bits != 32 && bits != 64) {
      getOperation().emitError()
          << "qnt-select-bias-bits: bits must be 32 or 64, got "
          << static_cast<unsigned>(bits);
      return signalPassFailure();
    }
    getOperation().walk([&](ConstOp op) {
      if (!isBiasOf16BitOp(op)) {
        return;
      }
      op->removeAttr(kBiasBitsAttr);
      if (bits == 32 && keeps32Bits(op))
        op->setAttr(kBiasBitsAttr,
                    IntegerAttr::get(IntegerType::get(&getContext(), 64), 32));
    });
  }

  /// Whether every user of the bias `op` takes it as INT32 without risk.
  bool keeps32Bits(ConstOp op) {
    std::string name = tensorName(op.getResult());
    auto values = dyn_cast<DenseElementsAttr>(op.getValue());
    for (Operation *user : op.getResult().getUsers()) {
      if (isa<DepthwiseConv2DOp>(user)) {
        user->emitWarning() << "bias '" << name
                            << "' stays int64: TFLite's 16x8 depthwise_conv_2d "
                               "kernel takes only INT64 biases";
        return false;
      }
      auto iface = cast<QuantizableOpInterface>(user);
      std::optional<WeightOperands> weights = iface.getWeightOperands();
      FailureOr<int64_t> worst = values && weights
                                     ? worstAccumulator(user, *weights, values)
                                     : FailureOr<int64_t>(failure());
      if (failed(worst)) {
        user->emitWarning()
            << "bias '" << name << "' stays int64: the weights of '"
            << user->getName()
            << "' are not an int8 constant, so the 32-bit "
               "accumulator cannot be bounded";
        return false;
      }
      if (*worst > INT32_MAX) {
        user->emitWarning()
            << "bias '" << name << "' stays int64: the 32-bit "
            << "accumulator of '" << user->getName() << "' could reach "
            << *worst << " (32768 * sum |w| + |bias|), beyond int32";
        return false;
      }
    }
    return true;
  }
};
} // namespace
