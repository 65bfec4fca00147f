//===- QntTraits.h - Quantization traits of qnt ops ---------------*- C++ -*-===//
//
// Traits that state how an op quantizes. QuantizableOpInterface reads them,
// so a pass never keeps its own table of ops.
//
//===----------------------------------------------------------------------===//

#ifndef QNT_DIALECT_QNT_IR_QNTTRAITS_H
#define QNT_DIALECT_QNT_IR_QNTTRAITS_H

#include "mlir/IR/OpDefinition.h"
#include <optional>
#include <type_traits>

namespace qnt {

/// Quantization parameters an op's result must have.
struct FixedQuantParams {
  double scale;
  int64_t zeroPoint;
};

/// Where an op's weights and bias are.
struct WeightOperands {
  unsigned inputIndex;
  unsigned weightIndex;
  std::optional<unsigned> biasIndex;
  /// The dimension of the weights that per-channel quantization runs along.
  unsigned channelAxis;
};

namespace OpTrait {

template <typename ConcreteType>
class SameScale : public mlir::OpTrait::TraitBase<ConcreteType, SameScale> {};

template <typename ConcreteType>
class Int8Kernel : public mlir::OpTrait::TraitBase<ConcreteType, Int8Kernel> {
};

template <typename ConcreteType>
class Int16Kernel
    : public mlir::OpTrait::TraitBase<ConcreteType, Int16Kernel> {};

template <int Den8, int Zp8, int Den16, int Zp16> struct FixedOutputRange {
  template <typename ConcreteType>
  class Impl : public mlir::OpTrait::TraitBase<ConcreteType, Impl> {
  public:
    static std::optional<FixedQuantParams>
    qntFixedOutputParams(unsigned bitWidth) {
      if (bitWidth == 8)
        return FixedQuantParams{1.0 / Den8, Zp8};
      if (bitWidth == 16 && Den16 != 0)
        return FixedQuantParams{1.0 / Den16, Zp16};
      return std::nullopt;
    }
  };
};

template <int Input, int Weight, int Bias, int Axis> struct WeightAndBias {
  template <typename ConcreteType>
  class Impl : public mlir::OpTrait::TraitBase<ConcreteType, Impl> {
  public:
    static WeightOperands qntWeightOperands() {
      std::optional<unsigned> bias;
      if (Bias >= 0)
        bias = Bias;
      return WeightOperands{Input, Weight, bias, Axis};
    }
  };
};

} // namespace OpTrait

namespace detail {
template <typename Op, typename = void>
struct HasFixedOutputRange : std::false_type {};
template <typename Op>
struct HasFixedOutputRange<
    Op, std::void_t<decltype(Op::qntFixedOutputParams(0u))>>
    : std::true_type {};

template <typename Op, typename = void>
struct HasWeightOperands : std::false_type {};
template <typename Op>
struct HasWeightOperands<Op, std::void_t<decltype(Op::qntWeightOperands())>>
    : std::true_type {};

template <typename Op>
std::optional<FixedQuantParams> getFixedOutputParams(unsigned bitWidth) {
  if constexpr (HasFixedOutputRange<Op>::value)
    return Op::qntFixedOutputParams(bitWidth);
  return std::nullopt;
}

template <typename Op> std::optional<WeightOperands> getWeightOperands() {
  if constexpr (HasWeightOperands<Op>::value)
    return Op::qntWeightOperands();
  return std::nullopt;
}
/// Checks the quantization rules of one op: same-scale operands, fixed
/// output parameters, per-channel axis of weights, bias type and scale.
mlir::LogicalResult verifyQuantizableOp(mlir::Operation *op);
} // namespace detail
} // namespace qnt

#endif // QNT_DIALECT_QNT_IR_QNTTRAITS_H
