//===- ReportPrecision.cpp - Which precision each op got, and why --------===//

#include "qnt/Dialect/Qnt/IR/QntOps.h"
#include "qnt/Dialect/Qnt/Transforms/Passes.h"
#include "qnt/Dialect/Qnt/Transforms/QuantTypeBuilder.h"
#include "qnt/Dialect/Qnt/Transforms/ReportPrecision.h"

#include "QdqUtils.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/Support/raw_ostream.h"

namespace qnt {
#define GEN_PASS_DEF_REPORTPRECISION
#include "qnt/Dialect/Qnt/Transforms/Passes.h.inc"
} // namespace qnt

using namespace mlir;
using namespace qnt;

/// "int8", "int4 in int8", "f16", "float" for a value's element type.
static std::string precisionOf(Type type) {
  if (auto q = quantizedElementType(type)) {
    unsigned storage = q.getStorageTypeIntegralWidth();
    int64_t levels = q.getStorageTypeMax() - q.getStorageTypeMin() + 1;
    unsigned bits = 0;
    while ((int64_t(1) << bits) < levels)
      ++bits;
    std::string name = (q.isSigned() ? "int" : "uint") + std::to_string(bits);
    if (bits != storage)
      name += " in int" + std::to_string(storage);
    return name;
  }
  if (auto shaped = dyn_cast<ShapedType>(type))
    if (shaped.getElementType().isF16())
      return "f16";
  return "float";
}

std::vector<LayerPrecision>
qnt::collectLayerPrecision(func::FuncOp func, const PrecisionQuery &query) {
  llvm::StringSet<> denied, deniedLocs, allowed;
  auto qualified = [](StringRef name) {
    return name.starts_with("qnt.") ? name.str() : "qnt." + name.str();
  };
  for (const std::string &name : query.denyOps)
    denied.insert(qualified(name));
  for (const std::string &name : query.allowOps)
    allowed.insert(qualified(name));
  for (const std::string &name : query.denyLocs)
    deniedLocs.insert(name);
  unsigned activationBits = query.activationBits;

  std::vector<LayerPrecision> layers;
  func.walk([&](QuantizableOpInterface op) {
    if (isa<QuantizeOp, DequantizeOp, ConstOp, StatsOp, FakeQuantOp,
            RequantizeOp>(op) ||
        op->getNumResults() != 1)
      return;
    LayerPrecision layer;
    Value result = op->getResult(0);
    layer.op = op->getName().getStringRef().str();
    layer.tensor = tensorName(result);
    // An integer result (arg_max's indices) is never quantized: the
    // precision is the input's.
    Type measured = result.getType();
    if (isa<IntegerType>(getElementTypeOrSelf(measured)) &&
        op->getNumOperands() > 0)
      measured = op->getOperand(0).getType();
    layer.precision = precisionOf(measured);
    if (std::optional<WeightOperands> w = op.getWeightOperands())
      if (w->weightIndex < op->getNumOperands()) {
        Value weight = op->getOperand(w->weightIndex);
        if (auto dq = weight.getDefiningOp<DequantizeOp>())
          weight = dq.getInput();
        layer.weights = precisionOf(weight.getType());
      }
    StringRef precision = layer.precision;
    std::string &why = layer.why;
    if (activationBits == 8 && precision.starts_with("int16"))
      why = "per-layer override: int16 in an int8 model";
    else if (precision != "float")
      why = "the target's precision";
    else if (isa<CustomOp>(op))
      why = "custom op, kept float";
    else if (deniedLocs.contains(layer.tensor))
      why = "per-layer override";
    else if (!allowed.empty() &&
             !allowed.contains(op->getName().getStringRef()))
      why = "the target does not run this op in integer";
    else if (denied.contains(op->getName().getStringRef()))
      why = "denied by deny-ops";
    else if (activationBits == 16 ? !op.hasInt16Kernel()
                                  : !op.hasInt8Kernel())
      why = "no int" + std::to_string(activationBits) + " kernel";
    else
      why = "no quantization parameters";
    layers.push_back(std::move(layer));
  });
  return layers;
}

namespace {
struct ReportPrecision
    : public qnt::impl::ReportPrecisionBase<ReportPrecision> {
  using Base::Base;

  void runOnOperation() override {
    PrecisionQuery query;
    query.activationBits = activationBits;
    query.denyOps.assign(denyOps.begin(), denyOps.end());
    query.denyLocs.assign(denyLocs.begin(), denyLocs.end());
    query.allowOps.assign(allowOps.begin(), allowOps.end());
    llvm::raw_ostream &os = llvm::errs();
    os << "precision report for @" << getOperation().getSymName();
    if (!target.empty())
      os << " (target " << target << ")";
    os << ":\n";
    for (const LayerPrecision &layer :
         collectLayerPrecision(getOperation(), query))
      os << "  " << layer.op << " '" << layer.tensor << "': "
         << layer.precision
         << (layer.weights.empty() ? "" : ", weights " + layer.weights)
         << " (" << layer.why << ")\n";
  }
};
} // namespace
