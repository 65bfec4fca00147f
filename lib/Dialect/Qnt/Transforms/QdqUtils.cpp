//===- QdqUtils.cpp - Quantize/dequantize pairs on float edges ------------===//

#include "QdqUtils.h"
#include "qnt/Dialect/Qnt/Transforms/QuantTypeBuilder.h"

#include "mlir/IR/TypeUtilities.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace qnt;

static std::pair<QuantizeOp, DequantizeOp>
createPair(OpBuilder &builder, Location loc, Value v,
           quant::QuantizedType type) {
  auto q = QuantizeOp::create(builder, loc, withElementType(v.getType(), type),
                              v);
  auto dq = DequantizeOp::create(builder, loc, v.getType(), q.getOutput());
  return {q, dq};
}

QuantizeOp qnt::quantizeAllUses(Value v, quant::QuantizedType type) {
  OpBuilder builder(v.getContext());
  if (Operation *def = v.getDefiningOp())
    builder.setInsertionPointAfter(def);
  else
    builder.setInsertionPointToStart(cast<BlockArgument>(v).getOwner());
  auto [q, dq] = createPair(builder, v.getLoc(), v, type);
  v.replaceAllUsesExcept(dq.getOutput(), q);
  return q;
}

QuantizeOp qnt::quantizeOperand(OpOperand &operand,
                                quant::QuantizedType type) {
  OpBuilder builder(operand.getOwner());
  Value v = operand.get();
  auto [q, dq] = createPair(builder, v.getLoc(), v, type);
  operand.set(dq.getOutput());
  return q;
}

quant::QuantizedType qnt::operandParams(Value v) {
  if (auto dq = v.getDefiningOp<DequantizeOp>())
    return quantizedElementType(dq.getInput().getType());
  return {};
}

QuantizeOp qnt::resultQuantize(Value v) {
  if (!v.hasOneUse())
    return {};
  auto q = dyn_cast<QuantizeOp>(*v.getUsers().begin());
  if (q && isFloatTensor(q.getInput().getType()))
    return q;
  return {};
}

void qnt::setParams(QuantizeOp q, quant::QuantizedType type) {
  q.getOutput().setType(withElementType(q.getOutput().getType(), type));
}

std::string qnt::tensorName(Value v) {
  Location loc = v.getLoc();
  if (auto fused = dyn_cast<FusedLoc>(loc))
    for (Location inner : fused.getLocations())
      if (auto name = dyn_cast<NameLoc>(inner))
        return name.getName().str();
  if (auto name = dyn_cast<NameLoc>(loc))
    return name.getName().str();
  std::string text;
  llvm::raw_string_ostream os(text);
  if (Operation *def = v.getDefiningOp())
    os << "result #" << cast<OpResult>(v).getResultNumber() << " of '"
       << def->getName() << "' at " << def->getLoc();
  else
    os << "argument #" << cast<BlockArgument>(v).getArgNumber();
  return text;
}

bool qnt::isFloatTensor(Type type) {
  return isa<FloatType>(getElementTypeOrSelf(type));
}
