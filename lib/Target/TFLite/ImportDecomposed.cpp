//===- ImportDecomposed.cpp - TFLite operators built from qnt ops ---------===//
//
// Each importer checks the operator's inputs, outputs and options against
// the operator's definition before building anything: counts, axes, sizes,
// and that the output types the file gives are the ones the op computes.
//
//===----------------------------------------------------------------------===//

#include "ImportDecomposed.h"

#include "qnt/Dialect/Qnt/IR/QntOps.h"

#include "llvm/ADT/STLExtras.h"

using namespace mlir;
using namespace qnt;
using namespace qnt::tfl;

namespace {

using Shape = SmallVector<int64_t>;

std::string listText(ArrayRef<int64_t> values) {
  std::string text = "[";
  for (auto [i, v] : llvm::enumerate(values))
    text += (i ? ", " : "") + std::to_string(v);
  return text + "]";
}

size_t numInputs(DecomposedOperator &op) {
  const auto *inputs = op.getOperator().inputs();
  return inputs ? inputs->size() : 0;
}

size_t numOutputs(DecomposedOperator &op) {
  const auto *outputs = op.getOperator().outputs();
  return outputs ? outputs->size() : 0;
}

/// A 1-D int32 constant, the form TFLite's shape and index operands take.
Value indexConst(OpBuilder &builder, Location loc, ArrayRef<int64_t> values) {
  SmallVector<int32_t> values32(values.begin(), values.end());
  auto type = RankedTensorType::get({static_cast<int64_t>(values32.size())},
                                    builder.getI32Type());
  return ConstOp::create(builder, loc, type,
                         cast<ElementsAttr>(DenseElementsAttr::get(
                             type, ArrayRef<int32_t>(values32))))
      .getResult();
}

LogicalResult checkCounts(DecomposedOperator &op, size_t inputs,
                          StringRef inputNames, std::optional<size_t> outputs) {
  if (numInputs(op) != inputs)
    return op.emitOpError() << "expects " << inputs << " input"
                            << (inputs == 1 ? "" : "s") << " (" << inputNames
                            << "), got " << numInputs(op);
  if (outputs && numOutputs(op) != *outputs)
    return op.emitOpError() << "expects " << *outputs << " output"
                            << (*outputs == 1 ? "" : "s") << ", got "
                            << numOutputs(op);
  return success();
}

/// Input `i`, which the decompositions need with a static shape.
FailureOr<Value> getStaticInput(DecomposedOperator &op, unsigned i) {
  FailureOr<Value> value = op.getInput(i);
  if (failed(value))
    return failure();
  auto type = cast<RankedTensorType>(value->getType());
  if (!type.hasStaticShape())
    return op.emitOpError() << "expects a static shape for input " << i
                            << " (" << op.describeInput(i) << "), got "
                            << type;
  return value;
}

/// `axis` counted from the back when negative, one of `positions` places
/// (the input's dimensions, or the output's for ops that add one).
FailureOr<int64_t> resolveAxis(DecomposedOperator &op, int64_t axis,
                               int64_t positions, int64_t inputRank) {
  if (axis < -positions || axis >= positions)
    return op.emitOpError() << "axis " << axis << " is out of range for a rank-"
                            << inputRank << " input (expected "
                            << -positions << " to " << positions - 1 << ")";
  return axis < 0 ? axis + positions : axis;
}

/// The axis held by constant input `i`: one int32 value (or int64 when
/// `allowInt64`), resolved as resolveAxis does.
FailureOr<int64_t> readAxis(DecomposedOperator &op, unsigned i,
                            int64_t positions, int64_t inputRank,
                            bool allowInt64) {
  FailureOr<DenseElementsAttr> data = op.getConstantInput(i);
  if (failed(data))
    return failure();
  auto element = dyn_cast<IntegerType>(data->getElementType());
  bool typeOk = element && !element.isUnsigned() &&
                (element.getWidth() == 32 ||
                 (allowInt64 && element.getWidth() == 64));
  if (!typeOk || data->getNumElements() != 1)
    return op.emitOpError() << "axis (input " << i << ", "
                            << op.describeInput(i) << ") must hold one "
                            << (allowInt64 ? "int32 or int64" : "int32")
                            << " value, got " << data->getType();
  int64_t axis = (*data->getValues<APInt>().begin()).getSExtValue();
  return resolveAxis(op, axis, positions, inputRank);
}

/// Claims output `i` and checks that the file gives it `expected`.
LogicalResult claimOutputOfType(DecomposedOperator &op, unsigned i,
                                RankedTensorType expected) {
  FailureOr<RankedTensorType> type = op.claimOutput(i);
  if (failed(type))
    return failure();
  if (*type != expected)
    return op.emitOpError() << "output " << i << " (" << op.describeOutput(i)
                            << ") has type " << *type << ", expected "
                            << expected;
  return success();
}

/// Output `k` is the next `sizes[k]` elements of `x` along `axis`.
LogicalResult importSlices(DecomposedOperator &op, Value x, int64_t axis,
                           ArrayRef<int64_t> sizes) {
  OpBuilder &builder = op.getBuilder();
  auto inType = cast<RankedTensorType>(x.getType());
  Shape begin(inType.getRank(), 0);
  Shape size(inType.getShape());
  for (auto [k, part] : llvm::enumerate(sizes)) {
    size[axis] = part;
    // Claimed first: describing the output needs its index checked.
    if (failed(claimOutputOfType(op, k, inType.clone(size))))
      return failure();
    if (part == 0)
      return op.emitOpError() << "output " << k << " ("
                              << op.describeOutput(k)
                              << ") would be empty (size 0 along axis " << axis
                              << "); qnt does not import empty tensors";
    Value beginValue = indexConst(builder, op.getOutputLoc(k, "/begin"), begin);
    Value sizeValue = indexConst(builder, op.getOutputLoc(k, "/size"), size);
    Value slice = SliceOp::create(builder, op.getOutputLoc(k),
                                  inType.clone(size), x, beginValue, sizeValue)
                      .getResult();
    if (failed(op.defineOutput(k, slice)))
      return failure();
    begin[axis] += part;
  }
  return success();
}

/// num_splits of SPLIT and SPLIT_V: at least one, one per output.
FailureOr<int64_t> checkNumSplits(DecomposedOperator &op, int64_t numSplits) {
  if (numSplits < 1)
    return op.emitOpError() << "num_splits is " << numSplits
                            << ", expected at least 1";
  if (static_cast<int64_t>(numOutputs(op)) != numSplits)
    return op.emitOpError() << "has " << numOutputs(op)
                            << " outputs, but num_splits is " << numSplits;
  return numSplits;
}

/// SPLIT (axis, input): num_splits equal parts.
LogicalResult importSplit(DecomposedOperator &op) {
  if (failed(checkCounts(op, 2, "axis, input", std::nullopt)))
    return failure();
  const auto *options = op.getOperator().builtin_options_as_SplitOptions();
  if (!options)
    return op.emitOpError() << "has no SplitOptions";
  FailureOr<int64_t> num = checkNumSplits(op, options->num_splits());
  if (failed(num))
    return failure();
  FailureOr<Value> x = getStaticInput(op, 1);
  if (failed(x))
    return failure();
  ArrayRef<int64_t> shape = cast<RankedTensorType>(x->getType()).getShape();
  int64_t rank = shape.size();
  FailureOr<int64_t> axis = readAxis(op, 0, rank, rank, false);
  if (failed(axis))
    return failure();
  int64_t dim = shape[*axis];
  if (dim % *num != 0)
    return op.emitOpError() << "num_splits " << *num
                            << " does not divide dimension " << *axis
                            << " of size " << dim;
  return importSlices(op, *x, *axis, Shape(*num, dim / *num));
}

/// SPLIT_V (input, size_splits, axis): parts of the given sizes, one of
/// which may be -1 (the rest of the dimension).
LogicalResult importSplitV(DecomposedOperator &op) {
  if (failed(checkCounts(op, 3, "input, size_splits, axis", std::nullopt)))
    return failure();
  const auto *options = op.getOperator().builtin_options_as_SplitVOptions();
  if (!options)
    return op.emitOpError() << "has no SplitVOptions";
  FailureOr<int64_t> num = checkNumSplits(op, options->num_splits());
  if (failed(num))
    return failure();
  FailureOr<Value> x = getStaticInput(op, 0);
  if (failed(x))
    return failure();
  ArrayRef<int64_t> shape = cast<RankedTensorType>(x->getType()).getShape();
  int64_t rank = shape.size();
  FailureOr<int64_t> axis = readAxis(op, 2, rank, rank, false);
  if (failed(axis))
    return failure();
  int64_t dim = shape[*axis];

  FailureOr<DenseElementsAttr> data = op.getConstantInput(1);
  if (failed(data))
    return failure();
  auto element = dyn_cast<IntegerType>(data->getElementType());
  if (!element || element.isUnsigned() ||
      (element.getWidth() != 32 && element.getWidth() != 64) ||
      data->getType().getRank() != 1)
    return op.emitOpError() << "size_splits (input 1, " << op.describeInput(1)
                            << ") must be a 1-D int32 or int64 tensor, got "
                            << data->getType();
  if (data->getNumElements() != *num)
    return op.emitOpError() << "size_splits has " << data->getNumElements()
                            << " entries, but num_splits is " << *num;
  Shape sizes;
  for (const APInt &v : data->getValues<APInt>())
    sizes.push_back(v.getSExtValue());
  std::optional<size_t> inferred;
  int64_t known = 0;
  for (auto [k, size] : llvm::enumerate(sizes)) {
    if (size == -1 && inferred)
      return op.emitOpError() << "size_splits " << listText(sizes)
                              << " has more than one -1";
    if (size == -1) {
      inferred = k;
      continue;
    }
    if (size < 0)
      return op.emitOpError() << "size_splits " << listText(sizes)
                              << " has entry " << k << " = " << size
                              << "; entries are sizes, or -1 once";
    // Bounded by the dimension, the sum cannot overflow.
    if (size > dim - known)
      return op.emitOpError() << "size_splits " << listText(sizes)
                              << " sum to more than dimension " << *axis
                              << "'s size " << dim;
    known += size;
  }
  if (inferred)
    sizes[*inferred] = dim - known;
  else if (known != dim)
    return op.emitOpError() << "size_splits " << listText(sizes) << " sum to "
                            << known << ", but dimension " << *axis
                            << " has size " << dim;
  return importSlices(op, *x, *axis, sizes);
}

/// UNPACK: output k is index k along the axis, without that dimension.
LogicalResult importUnpack(DecomposedOperator &op) {
  if (failed(checkCounts(op, 1, "input", std::nullopt)))
    return failure();
  const auto *options = op.getOperator().builtin_options_as_UnpackOptions();
  if (!options)
    return op.emitOpError() << "has no UnpackOptions";
  FailureOr<Value> x = getStaticInput(op, 0);
  if (failed(x))
    return failure();
  auto inType = cast<RankedTensorType>(x->getType());
  int64_t rank = inType.getRank();
  if (rank < 1)
    return op.emitOpError() << "expects an input of rank at least 1, got "
                            << inType;
  FailureOr<int64_t> axis = resolveAxis(op, options->axis(), rank, rank);
  if (failed(axis))
    return failure();
  int64_t num = options->num(), dim = inType.getDimSize(*axis);
  if (num < 1 || num != dim)
    return op.emitOpError() << "num is " << num << ", but dimension " << *axis
                            << " of the input has size " << dim;
  if (static_cast<int64_t>(numOutputs(op)) != num)
    return op.emitOpError() << "has " << numOutputs(op)
                            << " outputs, but num is " << num;

  OpBuilder &builder = op.getBuilder();
  Shape begin(rank, 0), size(inType.getShape());
  size[*axis] = 1;
  Shape dropped(inType.getShape());
  dropped.erase(dropped.begin() + *axis);
  auto sliceType = inType.clone(size);
  auto outType = inType.clone(dropped);
  for (int64_t k = 0; k < num; ++k) {
    if (failed(claimOutputOfType(op, k, outType)))
      return failure();
    begin[*axis] = k;
    Location sliceLoc = op.getOutputLoc(k, "/unpack_slice");
    Value v = SliceOp::create(builder, sliceLoc, sliceType, *x,
                              indexConst(builder, sliceLoc, begin),
                              indexConst(builder, sliceLoc, size))
                  .getResult();
    v = ReshapeOp::create(builder, op.getOutputLoc(k), outType, v,
                          indexConst(builder, op.getOutputLoc(k, "/shape"),
                                     dropped))
            .getResult();
    if (failed(op.defineOutput(k, v)))
      return failure();
  }
  return success();
}

/// PACK: the inputs, each given a dimension of size 1 at the axis,
/// concatenated along it.
LogicalResult importPack(DecomposedOperator &op) {
  const auto *options = op.getOperator().builtin_options_as_PackOptions();
  if (!options)
    return op.emitOpError() << "has no PackOptions";
  int64_t count = options->values_count();
  if (count < 1 || static_cast<int64_t>(numInputs(op)) != count)
    return op.emitOpError() << "values_count is " << count
                            << ", but the operator has " << numInputs(op)
                            << " inputs";
  if (numOutputs(op) != 1)
    return op.emitOpError() << "expects 1 output, got " << numOutputs(op);
  SmallVector<Value> inputs;
  for (unsigned k = 0; k < count; ++k) {
    FailureOr<Value> x = getStaticInput(op, k);
    if (failed(x))
      return failure();
    if (k > 0 && x->getType() != inputs.front().getType())
      return op.emitOpError()
             << "input " << k << " (" << op.describeInput(k) << ") has type "
             << x->getType() << ", but input 0 (" << op.describeInput(0)
             << ") has " << inputs.front().getType()
             << "; PACK needs equal types";
    inputs.push_back(*x);
  }
  auto inType = cast<RankedTensorType>(inputs.front().getType());
  int64_t rank = inType.getRank();
  FailureOr<int64_t> axis = resolveAxis(op, options->axis(), rank + 1, rank);
  if (failed(axis))
    return failure();
  Shape expanded(inType.getShape()), packed(inType.getShape());
  expanded.insert(expanded.begin() + *axis, 1);
  packed.insert(packed.begin() + *axis, count);
  auto outType = inType.clone(packed);
  if (failed(claimOutputOfType(op, 0, outType)))
    return failure();

  OpBuilder &builder = op.getBuilder();
  Location loc = op.getOutputLoc(0);
  SmallVector<Value> parts;
  for (auto [k, x] : llvm::enumerate(inputs)) {
    // A single input is the output once reshaped.
    Location partLoc =
        count == 1 ? loc
                   : op.getOutputLoc(0, "/pack_input" + std::to_string(k));
    parts.push_back(
        ReshapeOp::create(builder, partLoc, inType.clone(expanded), x,
                          indexConst(builder, partLoc, expanded))
            .getResult());
  }
  Value result = parts.front();
  if (count > 1)
    result = ConcatenationOp::create(builder, loc, outType, parts,
                                     static_cast<uint32_t>(*axis))
                 .getResult();
  return op.defineOutput(0, result);
}

/// EXPAND_DIMS (input, axis): a dimension of size 1 inserted at the axis.
LogicalResult importExpandDims(DecomposedOperator &op) {
  if (failed(checkCounts(op, 2, "input, axis", 1)))
    return failure();
  FailureOr<Value> x = getStaticInput(op, 0);
  if (failed(x))
    return failure();
  auto inType = cast<RankedTensorType>(x->getType());
  int64_t rank = inType.getRank();
  FailureOr<int64_t> axis = readAxis(op, 1, rank + 1, rank, true);
  if (failed(axis))
    return failure();
  Shape shape(inType.getShape());
  shape.insert(shape.begin() + *axis, 1);
  auto outType = inType.clone(shape);
  if (failed(claimOutputOfType(op, 0, outType)))
    return failure();
  OpBuilder &builder = op.getBuilder();
  Value v = ReshapeOp::create(
                builder, op.getOutputLoc(0), outType, *x,
                indexConst(builder, op.getOutputLoc(0, "/shape"), shape))
                .getResult();
  return op.defineOutput(0, v);
}

} // namespace

bool qnt::tfl::isDecomposedOperator(int32_t code) {
  switch (static_cast<tflite::BuiltinOperator>(code)) {
  case tflite::BuiltinOperator::SPLIT:
  case tflite::BuiltinOperator::SPLIT_V:
  case tflite::BuiltinOperator::UNPACK:
  case tflite::BuiltinOperator::PACK:
  case tflite::BuiltinOperator::EXPAND_DIMS:
    return true;
  default:
    return false;
  }
}

LogicalResult qnt::tfl::importDecomposed(DecomposedOperator &op) {
  switch (static_cast<tflite::BuiltinOperator>(op.getCode())) {
  case tflite::BuiltinOperator::SPLIT:
    return importSplit(op);
  case tflite::BuiltinOperator::SPLIT_V:
    return importSplitV(op);
  case tflite::BuiltinOperator::UNPACK:
    return importUnpack(op);
  case tflite::BuiltinOperator::PACK:
    return importPack(op);
  case tflite::BuiltinOperator::EXPAND_DIMS:
    return importExpandDims(op);
  default:
    return op.emitOpError() << "is not imported as a composition of qnt ops";
  }
}
