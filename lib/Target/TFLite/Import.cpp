//===- Import.cpp - TFLite flatbuffer to qnt -------------------------------===//
//
// The flatbuffers verifier guarantees that every table and vector lies inside
// the buffer; everything it does not know (indices between tables, enum
// values, sizes of tensor data) is checked here before use.
//
// Sparse constants (a `sparsity` table) are densified on import (see
// Sparsity.h) and become ordinary dense constants; a DENSIFY operator
// reading one imports as nothing, its output being that constant. The
// exporter writes dense tensors only, so a sparse model comes back dense.
//
//===----------------------------------------------------------------------===//

#include "qnt/Target/TFLite/Import.h"

#include "AttrNames.h"
#include "ImportDecomposed.h"
#include "OpMapping.h"
#include "OpaqueOptions.h"
#include "Schema.h"
#include "Sparsity.h"
#include "TypeMapping.h"

#include "qnt/Dialect/Qnt/IR/BiasBits.h"
#include "qnt/Dialect/Qnt/IR/QntOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include <cmath>

using namespace mlir;
using namespace qnt;
using namespace qnt::tfl;

namespace {

template <typename T>
size_t sizeOf(const flatbuffers::Vector<T> *vector) {
  return vector ? vector->size() : 0;
}

StringRef toStringRef(const flatbuffers::String *string) {
  return string ? StringRef(string->c_str(), string->size()) : StringRef();
}

/// The whole model: operator codes, buffers, metadata, signatures.
class ModelImporter {
public:
  ModelImporter(const tflite::Model &model, StringRef fileName,
                MLIRContext *context)
      : model(model), context(context),
        fileLoc(FileLineColLoc::get(context, fileName, 0, 0)),
        builder(context) {}

  OwningOpRef<ModuleOp> import();

  InFlightDiagnostic error() { return emitError(fileLoc); }

  /// An operator code, checked.
  struct Opcode {
    int32_t code;
    StringRef customCode;
    int32_t version;
  };
  ArrayRef<Opcode> getOpcodes() const { return opcodes; }

  /// The data of buffer `index` (checked by the caller), or failure when the
  /// buffer keeps its data outside the flatbuffer.
  FailureOr<ArrayRef<uint8_t>> getBufferData(uint32_t index,
                                             const llvm::Twine &user);
  size_t getNumBuffers() const { return sizeOf(model.buffers()); }

  MLIRContext *getContext() const { return context; }
  Location getFileLoc() const { return fileLoc; }

private:
  LogicalResult importOperatorCodes();
  LogicalResult importMetadata(ModuleOp module);
  LogicalResult importSignatures(ArrayRef<func::FuncOp> functions);
  std::vector<std::string> chooseFunctionNames();

  const tflite::Model &model;
  MLIRContext *context;
  Location fileLoc;
  OpBuilder builder;
  std::vector<Opcode> opcodes;
};

/// One subgraph, imported into one function.
class SubgraphImporter {
public:
  SubgraphImporter(ModelImporter &parent, const tflite::SubGraph &subgraph,
                   unsigned index)
      : parent(parent), subgraph(subgraph), index(index),
        builder(parent.getContext()),
        numTensors(sizeOf(subgraph.tensors())), values(numTensors),
        types(numTensors), producers(numTensors, -1) {}

  FailureOr<func::FuncOp> import(ModuleOp module, StringRef name);

private:
  InFlightDiagnostic error() {
    return parent.error() << "subgraph " << index << ": ";
  }
  InFlightDiagnostic tensorError(int32_t tensor) {
    return error() << describeTensor(tensor) << " ";
  }
  InFlightDiagnostic operatorError(unsigned opIndex, int32_t code) {
    return error() << "operator #" << opIndex << " (" << getBuiltinName(code)
                   << "): ";
  }

  const tflite::Tensor &getTensor(int32_t tensor) const {
    return *subgraph.tensors()->Get(tensor);
  }
  std::string describeTensor(int32_t tensor) const;
  Location getTensorLoc(int32_t tensor);

  /// Checks that `tensor` (read from `what`) indexes this subgraph's tensors.
  LogicalResult checkIndex(int64_t tensor, const llvm::Twine &what);
  FailureOr<RankedTensorType> getType(int32_t tensor);
  FailureOr<RankedTensorType> computeType(int32_t tensor);
  /// The value of `tensor` when an operator reads it: an earlier definition,
  /// or a constant created on first use.
  FailureOr<Value> getOperand(int32_t tensor, const llvm::Twine &reader);
  FailureOr<Value> createConstant(int32_t tensor, RankedTensorType type);
  /// Records `value` as the definition of `tensor`, behind a
  /// `qnt.fake_quant` when the tensor carries a training range.
  LogicalResult define(int32_t tensor, Value value);

  LogicalResult importOperator(unsigned opIndex, const tflite::Operator &op);
  /// Checks that `tensor`, output `i` of operator `opIndex`, is a valid
  /// index, not defined yet and without constant data, records the operator
  /// as its producer and returns its type.
  FailureOr<RankedTensorType> claimOutput(unsigned opIndex, int32_t code,
                                          unsigned i, int32_t tensor);
  /// DENSIFY of a sparse constant: its output is the densified constant.
  LogicalResult importDensify(unsigned opIndex, int32_t input, int32_t output);
  /// One operator imported as a composition of qnt ops
  /// (ImportDecomposed.h).
  class DecomposedContext;

  ModelImporter &parent;
  const tflite::SubGraph &subgraph;
  unsigned index;
  OpBuilder builder;
  size_t numTensors;
  std::vector<Value> values;
  std::vector<RankedTensorType> types;
  /// The operator that produces each tensor, -1 for none.
  std::vector<int64_t> producers;
  /// Quantized constants stored INT32 in the file.
  SmallVector<ConstOp> int32Quantized;
};

} // namespace

//===----------------------------------------------------------------------===//
// Tensors
//===----------------------------------------------------------------------===//

std::string SubgraphImporter::describeTensor(int32_t tensor) const {
  std::string text = "tensor #" + std::to_string(tensor);
  StringRef name = toStringRef(getTensor(tensor).name());
  if (!name.empty())
    text += " '" + name.str() + "'";
  return text;
}

Location SubgraphImporter::getTensorLoc(int32_t tensor) {
  StringRef name = toStringRef(getTensor(tensor).name());
  if (name.empty())
    return parent.getFileLoc();
  return NameLoc::get(StringAttr::get(parent.getContext(), name),
                      parent.getFileLoc());
}

LogicalResult SubgraphImporter::checkIndex(int64_t tensor,
                                           const llvm::Twine &what) {
  if (tensor >= 0 && tensor < static_cast<int64_t>(numTensors))
    return success();
  return error() << what << " is tensor " << tensor
                 << ", out of range (the subgraph has " << numTensors
                 << " tensors)";
}

FailureOr<RankedTensorType> SubgraphImporter::getType(int32_t tensor) {
  if (!types[tensor]) {
    FailureOr<RankedTensorType> type = computeType(tensor);
    if (failed(type))
      return failure();
    types[tensor] = *type;
  }
  return types[tensor];
}

FailureOr<RankedTensorType> SubgraphImporter::computeType(int32_t tensor) {
  const tflite::Tensor &t = getTensor(tensor);
  MLIRContext *context = parent.getContext();

  if (t.is_variable())
    return tensorError(tensor)
           << "is a variable tensor, which qnt does not support";
  if (t.external_buffer() != 0)
    return tensorError(tensor) << "keeps its data in an external buffer, "
                                  "which qnt does not support";
  if (t.buffer() != 0 && t.buffer() >= parent.getNumBuffers())
    return tensorError(tensor)
           << "refers to buffer " << t.buffer() << ", out of range (the model "
           << "has " << parent.getNumBuffers() << " buffers)";
  // TFLite densifies constants only; a sparse tensor without data would be
  // an activation whose sparsity qnt would silently drop.
  if (t.sparsity()) {
    FailureOr<ArrayRef<uint8_t>> data = parent.getBufferData(
        t.buffer(), "subgraph " + llvm::Twine(index) + ": " +
                        describeTensor(tensor));
    if (failed(data))
      return failure();
    if (data->empty())
      return tensorError(tensor)
             << "is sparse but has no data; qnt reads sparsity only on "
                "constant tensors";
    if (t.type() == tflite::TensorType::INT4)
      return tensorError(tensor)
             << "is a sparse INT4 tensor, which qnt does not support";
  }

  SmallVector<int64_t> shape;
  if (const auto *dims = t.shape()) {
    for (int32_t dim : *dims) {
      if (dim < 0)
        return tensorError(tensor) << "has negative dimension " << dim;
      shape.push_back(dim);
    }
  }
  // The signature marks dimensions only known at run time with -1.
  if (const auto *signature = t.shape_signature()) {
    if (signature->size() != shape.size())
      return tensorError(tensor)
             << "has a shape_signature of rank " << signature->size()
             << " but a shape of rank " << shape.size();
    for (auto [i, dim] : llvm::enumerate(*signature)) {
      if (dim == -1)
        shape[i] = ShapedType::kDynamic;
      else if (dim != shape[i])
        return tensorError(tensor)
               << "has shape_signature dimension " << i << " = " << dim
               << " but shape dimension " << shape[i];
    }
  }

  tflite::TensorType tensorType = t.type();
  Type element = importElementType(tensorType, context);
  if (!element) {
    const char *name = tflite::EnumNameTensorType(tensorType);
    return tensorError(tensor)
           << "has type " << (*name ? name : "<unknown>") << " ("
           << static_cast<int>(tensorType) << "), which qnt does not support";
  }

  const tflite::QuantizationParameters *quantization = t.quantization();
  if (quantization && quantization->details() &&
      quantization->details_type() != tflite::QuantizationDetails::NONE)
    return tensorError(tensor)
           << "uses a quantization scheme other than affine scales, which "
              "qnt does not support";
  bool quantized = quantization && sizeOf(quantization->scale()) > 0 &&
                   isa<IntegerType>(element);
  if (tensorType == tflite::TensorType::INT4 && !quantized)
    return tensorError(tensor)
           << "has type INT4 without quantization parameters; qnt supports "
              "INT4 only for quantized constant weights";
  if (quantized) {
    QuantParams params;
    params.scales.assign(quantization->scale()->begin(),
                         quantization->scale()->end());
    // The verifier aligns a vector's length to 4 bytes only; 8-byte zero
    // points may sit unaligned, so they are copied as bytes.
    if (const auto *zeroPoints = quantization->zero_point()) {
      params.zeroPoints.resize(zeroPoints->size());
      std::memcpy(params.zeroPoints.data(), zeroPoints->Data(),
                  zeroPoints->size() * sizeof(int64_t));
    }
    params.quantizedDimension = quantization->quantized_dimension();
    if (tensorType == tflite::TensorType::INT64 && t.buffer() == 0)
      return tensorError(tensor)
             << "is an int64 quantized tensor without data; qnt supports "
                "int64 quantization only for constant biases";
    if (tensorType == tflite::TensorType::INT4 && t.buffer() == 0)
      return tensorError(tensor)
             << "is an INT4 tensor without data; qnt supports INT4 only for "
                "constant weights";
    FailureOr<Type> quantizedType = importQuantizedType(
        tensorType, params, shape, context,
        [&] { return tensorError(tensor); });
    if (failed(quantizedType))
      return failure();
    element = *quantizedType;
  }
  return RankedTensorType::get(shape, element);
}

FailureOr<Value> SubgraphImporter::createConstant(int32_t tensor,
                                                  RankedTensorType type) {
  const tflite::Tensor &t = getTensor(tensor);
  if (!type.hasStaticShape())
    return tensorError(tensor) << "has data but a dynamic shape";
  FailureOr<ArrayRef<uint8_t>> data = parent.getBufferData(
      t.buffer(), "subgraph " + llvm::Twine(index) + ": " +
                      describeTensor(tensor));
  if (failed(data))
    return failure();
  // A sparse constant continues as its dense bytes.
  std::vector<uint8_t> densified;
  if (const tflite::SparsityParameters *sparsity = t.sparsity()) {
    std::string densifyError;
    std::optional<std::vector<uint8_t>> dense =
        densify(*sparsity, type.getShape(), getByteWidth(t.type()), *data,
                densifyError);
    if (!dense)
      return tensorError(tensor) << "cannot be densified: " << densifyError;
    densified = std::move(*dense);
    data = ArrayRef<uint8_t>(densified);
  }

  Type element = type.getElementType();
  Type storage = element;
  if (auto quantized = dyn_cast<quant::QuantizedType>(element)) {
    storage = quantized.getStorageType();
    // Unsigned storage reads as its values (uint8 0..255), not as the
    // signless bit patterns.
    if (!quantized.isSigned())
      storage = IntegerType::get(parent.getContext(),
                                 quantized.getStorageTypeIntegralWidth(),
                                 IntegerType::Unsigned);
  }
  auto valueType = RankedTensorType::get(type.getShape(), storage);

  // Element counts are bounded by the data size once it matches, but the
  // product itself may overflow on a hostile shape.
  uint64_t numElements = 1;
  for (int64_t dim : type.getShape()) {
    if (dim != 0 && numElements > UINT64_MAX / static_cast<uint64_t>(dim))
      return tensorError(tensor) << "has a shape with too many elements";
    numElements *= static_cast<uint64_t>(dim);
  }
  // INT4: two values a byte, the first in the low nibble; an odd count
  // leaves the last high nibble unused.
  SmallVector<int8_t> unpacked;
  if (t.type() == tflite::TensorType::INT4) {
    if (data->size() != (numElements + 1) / 2)
      return tensorError(tensor)
             << "has " << data->size() << " bytes of data, expected "
             << (numElements + 1) / 2 << " for " << numElements
             << " packed 4-bit elements";
    unpacked.reserve(numElements);
    for (uint64_t i = 0; i < numElements; ++i) {
      uint8_t byte = (*data)[i / 2];
      uint8_t nibble = i % 2 ? byte >> 4 : byte & 0x0F;
      unpacked.push_back(static_cast<int8_t>(nibble << 4) >> 4);
    }
    auto constant = ConstOp::create(
        builder, getTensorLoc(tensor), type,
        cast<ElementsAttr>(DenseElementsAttr::get(
            valueType, ArrayRef<int8_t>(unpacked))));
    return constant.getResult();
  }
  unsigned width = getByteWidth(t.type());
  if (numElements > UINT64_MAX / width ||
      data->size() != numElements * width)
    return tensorError(tensor)
           << "has " << data->size() << " bytes of data, expected "
           << numElements << " elements of " << width << " bytes";

  // int64 quantized biases are held with 32-bit storage (see
  // importQuantizedType): narrow them, refusing values that do not fit.
  SmallVector<int32_t> narrowed;
  if (t.type() == tflite::TensorType::INT64 &&
      isa<quant::QuantizedType>(element)) {
    narrowed.reserve(numElements);
    for (uint64_t i = 0; i < numElements; ++i) {
      int64_t v = static_cast<int64_t>(
          llvm::support::endian::read64le(data->data() + 8 * i));
      if (v < INT32_MIN || v > INT32_MAX)
        return tensorError(tensor)
               << "holds the int64 quantized value " << v
               << " at element " << i << ", which does not fit 32 bits";
      narrowed.push_back(static_cast<int32_t>(v));
    }
  }

  DenseElementsAttr value;
  if (!narrowed.empty()) {
    value = DenseElementsAttr::get(valueType, ArrayRef<int32_t>(narrowed));
  } else if (numElements == 0) {
    value = DenseElementsAttr::get(valueType, ArrayRef<Attribute>());
  } else if (storage.isInteger(1)) {
    // TFLite stores one byte per bool; MLIR packs bits.
    SmallVector<bool> bools;
    bools.reserve(numElements);
    for (uint8_t byte : *data)
      bools.push_back(byte != 0);
    value = DenseElementsAttr::get(valueType, bools);
  } else {
    // The one copy of the data: from the file into the attribute.
    value = DenseElementsAttr::getFromRawBuffer(
        valueType, ArrayRef<char>(reinterpret_cast<const char *>(data->data()),
                                  data->size()));
  }
  auto constant = ConstOp::create(builder, getTensorLoc(tensor), type,
                                  cast<ElementsAttr>(value));
  if (t.type() == tflite::TensorType::INT32 &&
      isa<quant::QuantizedType>(element))
    int32Quantized.push_back(constant);
  return constant.getResult();
}

LogicalResult SubgraphImporter::define(int32_t tensor, Value value) {
  const tflite::QuantizationParameters *quantization =
      getTensor(tensor).quantization();
  values[tensor] = value;
  if (!quantization || !isa<FloatType>(types[tensor].getElementType()))
    return success();
  size_t numMin = sizeOf(quantization->min());
  size_t numMax = sizeOf(quantization->max());
  if (numMin == 0 && numMax == 0)
    return success();
  if (numMin != 1 || numMax != 1)
    return tensorError(tensor)
           << "has " << numMin << " min and " << numMax
           << " max values; qnt keeps one per-tensor range only";
  double min = quantization->min()->Get(0);
  double max = quantization->max()->Get(0);
  if (!std::isfinite(min) || !std::isfinite(max) || min > max)
    return tensorError(tensor)
           << "has an invalid range [" << min << ", " << max << "]";
  // The training range stays attached to the value as quantization will
  // treat it: fixed, 8 bits over the full range.
  OperationState state(getTensorLoc(tensor), FakeQuantOp::getOperationName());
  state.addOperands(value);
  state.addTypes(value.getType());
  state.addAttribute("min", builder.getF64FloatAttr(min));
  state.addAttribute("max", builder.getF64FloatAttr(max));
  state.addAttribute("num_bits", builder.getI32IntegerAttr(8));
  values[tensor] = builder.create(state)->getResult(0);
  return success();
}

FailureOr<Value> SubgraphImporter::getOperand(int32_t tensor,
                                              const llvm::Twine &reader) {
  if (values[tensor])
    return values[tensor];
  FailureOr<RankedTensorType> type = getType(tensor);
  if (failed(type))
    return failure();
  const tflite::Tensor &t = getTensor(tensor);
  bool constant = false;
  if (t.buffer() != 0) {
    FailureOr<ArrayRef<uint8_t>> data = parent.getBufferData(
        t.buffer(), "subgraph " + llvm::Twine(index) + ": " +
                        describeTensor(tensor));
    if (failed(data))
      return failure();
    constant = !data->empty();
  }
  // TFLite cannot tell an empty constant from a tensor without data: a
  // tensor with no elements that nothing defines is an empty constant.
  if (!constant && !(type->hasStaticShape() && type->getNumElements() == 0))
    return tensorError(tensor)
           << "is read by " << reader
           << " but nothing defines it before (it is not a subgraph input, "
              "has no data and no earlier operator produces it)";
  FailureOr<Value> value = createConstant(tensor, *type);
  if (failed(value) || failed(define(tensor, *value)))
    return failure();
  return values[tensor];
}

//===----------------------------------------------------------------------===//
// Operators
//===----------------------------------------------------------------------===//


namespace {

class SubgraphImporter::DecomposedContext final : public DecomposedOperator {
public:
  DecomposedContext(SubgraphImporter &importer, unsigned opIndex,
                    int32_t code, const tflite::Operator &op)
      : importer(importer), opIndex(opIndex), code(code), op(op) {}

  const tflite::Operator &getOperator() const override { return op; }
  int32_t getCode() const override { return code; }
  OpBuilder &getBuilder() override { return importer.builder; }
  InFlightDiagnostic emitOpError() override {
    return importer.operatorError(opIndex, code);
  }

  FailureOr<Value> getInput(unsigned i) override {
    FailureOr<int32_t> tensor = getInputTensor(i);
    if (failed(tensor))
      return failure();
    return importer.getOperand(*tensor, describeRole("input", i));
  }

  FailureOr<DenseElementsAttr> getConstantInput(unsigned i) override {
    FailureOr<int32_t> tensor = getInputTensor(i);
    if (failed(tensor))
      return failure();
    FailureOr<RankedTensorType> type = importer.getType(*tensor);
    if (failed(type))
      return failure();
    if (isa<quant::QuantizedType>(type->getElementType()))
      return emitOpError() << "input " << i << " ("
                           << importer.describeTensor(*tensor)
                           << ") is quantized; expected plain numbers";
    auto notConstant = [&] {
      return emitOpError() << "input " << i << " ("
                           << importer.describeTensor(*tensor)
                           << ") must be a constant";
    };
    // Already read by another operator: its constant, if it is one.
    if (Value value = importer.values[*tensor]) {
      auto constant = value.getDefiningOp<ConstOp>();
      auto data = constant ? dyn_cast<DenseElementsAttr>(constant.getValue())
                           : DenseElementsAttr();
      if (!data)
        return notConstant();
      return data;
    }
    FailureOr<ArrayRef<uint8_t>> bytes = importer.parent.getBufferData(
        importer.getTensor(*tensor).buffer(), describeRole("input", i));
    if (failed(bytes))
      return failure();
    if (bytes->empty())
      return notConstant();
    // Only the data is needed: the constant made to read it goes again.
    FailureOr<Value> value = importer.createConstant(*tensor, *type);
    if (failed(value))
      return failure();
    auto constant = value->getDefiningOp<ConstOp>();
    auto data = cast<DenseElementsAttr>(constant.getValue());
    constant.erase();
    return data;
  }

  std::string describeInput(unsigned i) override {
    return importer.describeTensor(op.inputs()->Get(i));
  }

  FailureOr<RankedTensorType> claimOutput(unsigned i) override {
    if (sizeOf(op.outputs()) <= i)
      return emitOpError() << "has no output " << i;
    return importer.claimOutput(opIndex, code, i, op.outputs()->Get(i));
  }
  LogicalResult defineOutput(unsigned i, Value value) override {
    return importer.define(op.outputs()->Get(i), value);
  }
  Location getOutputLoc(unsigned i, StringRef suffix) override {
    int32_t tensor = op.outputs()->Get(i);
    StringRef name = toStringRef(importer.getTensor(tensor).name());
    if (name.empty() || suffix.empty())
      return importer.getTensorLoc(tensor);
    return NameLoc::get(
        StringAttr::get(importer.parent.getContext(), name + suffix),
        importer.parent.getFileLoc());
  }
  std::string describeOutput(unsigned i) override {
    return importer.describeTensor(op.outputs()->Get(i));
  }

private:
  std::string describeRole(StringRef role, unsigned i) {
    return "operator #" + std::to_string(opIndex) + " (" +
           getBuiltinName(code) + ") " + role.str() + " " + std::to_string(i);
  }
  /// The tensor of input `i`: present, not omitted, a valid index.
  FailureOr<int32_t> getInputTensor(unsigned i) {
    if (sizeOf(op.inputs()) <= i)
      return emitOpError() << "has no input " << i;
    int32_t tensor = op.inputs()->Get(i);
    if (tensor == -1)
      return emitOpError() << "omits input " << i << ", which it needs";
    if (failed(importer.checkIndex(tensor, describeRole("input", i))))
      return failure();
    return tensor;
  }

  SubgraphImporter &importer;
  unsigned opIndex;
  int32_t code;
  const tflite::Operator &op;
};

} // namespace

LogicalResult SubgraphImporter::importOperator(unsigned opIndex,
                                               const tflite::Operator &op) {
  ArrayRef<ModelImporter::Opcode> opcodes = parent.getOpcodes();
  if (op.opcode_index() >= opcodes.size())
    return error() << "operator #" << opIndex << " has opcode_index "
                   << op.opcode_index() << ", out of range (the model has "
                   << opcodes.size() << " operator codes)";
  const ModelImporter::Opcode &opcode = opcodes[op.opcode_index()];
  int32_t code = opcode.code;
  auto opError = [&] { return operatorError(opIndex, code); };

  if (sizeOf(op.intermediates()) != 0)
    return opError() << "has intermediate tensors, which qnt does not support";
  if (op.large_custom_options_offset() != 0 ||
      op.large_custom_options_size() != 0)
    return opError() << "keeps its custom options outside the flatbuffer, "
                        "which qnt does not support";

  if (code == static_cast<int32_t>(tflite::BuiltinOperator::DENSIFY) &&
      sizeOf(op.inputs()) == 1 && sizeOf(op.outputs()) == 1) {
    int32_t input = op.inputs()->Get(0);
    if (input >= 0 && input < static_cast<int64_t>(numTensors) &&
        getTensor(input).sparsity())
      return importDensify(opIndex, input, op.outputs()->Get(0));
  }

  if (isDecomposedOperator(code)) {
    DecomposedContext context(*this, opIndex, code, op);
    return importDecomposed(context);
  }

  bool isCustom = code == static_cast<int32_t>(tflite::BuiltinOperator::CUSTOM);
  const OpMapping *mapping = isCustom ? nullptr : lookupOpMapping(code);

  // Operands. -1 marks an omitted optional input: qnt ops only have
  // trailing optional operands, and qnt.custom none.
  SmallVector<Value> operands;
  std::optional<unsigned> firstOmitted;
  if (const auto *inputs = op.inputs()) {
    for (auto [i, tensor] : llvm::enumerate(*inputs)) {
      if (tensor == -1) {
        if (!firstOmitted)
          firstOmitted = i;
        continue;
      }
      std::string what = "operator #" + std::to_string(opIndex) + " (" +
                         getBuiltinName(code) + ") input " + std::to_string(i);
      if (failed(checkIndex(tensor, what)))
        return failure();
      if (firstOmitted)
        return opError() << "omits input " << *firstOmitted
                         << " but has input " << i
                         << "; qnt only supports omitting trailing inputs";
      FailureOr<Value> value = getOperand(tensor, what);
      if (failed(value))
        return failure();
      operands.push_back(*value);
    }
  }
  if (firstOmitted && !mapping)
    return opError() << "omits input " << *firstOmitted
                     << ", which qnt.custom cannot represent";

  // Results.
  SmallVector<int32_t> outputs;
  SmallVector<Type> resultTypes;
  SmallVector<Location> resultLocs;
  if (const auto *list = op.outputs()) {
    for (auto [i, tensor] : llvm::enumerate(*list)) {
      FailureOr<RankedTensorType> type = claimOutput(opIndex, code, i, tensor);
      if (failed(type))
        return failure();
      outputs.push_back(tensor);
      resultTypes.push_back(*type);
      resultLocs.push_back(getTensorLoc(tensor));
    }
  }
  Location loc = parent.getFileLoc();
  if (resultLocs.size() == 1)
    loc = resultLocs.front();
  else if (!resultLocs.empty())
    loc = FusedLoc::get(parent.getContext(), resultLocs);

  // Options: the op's own attributes when qnt models the operator and all
  // its settings, otherwise qnt.custom carrying them unread.
  NamedAttrList attrs;
  std::string unmodeled;
  if (mapping) {
    OptionsReader reader{op,    resultTypes, builder,
                         attrs, unmodeled,   opError};
    if (failed(mapping->importOptions(reader)))
      return failure();
    if (!unmodeled.empty()) {
      emitRemark(loc) << "subgraph " << index << ": operator #" << opIndex
                      << " (" << getBuiltinName(code)
                      << ") is kept as qnt.custom: qnt does not model its "
                      << unmodeled;
      mapping = nullptr;
      attrs.clear();
    }
  }
  StringRef opName = mapping ? mapping->getOpName()
                             : CustomOp::getOperationName();
  if (!mapping) {
    std::string options;
    if (isCustom) {
      if (op.builtin_options() &&
          op.builtin_options_type() != tflite::BuiltinOptions::NONE)
        return opError() << "is a custom operator with builtin options";
      if (op.custom_options_format() != tflite::CustomOptionsFormat::FLEXBUFFERS)
        return opError() << "has unknown custom_options_format "
                         << static_cast<int>(op.custom_options_format());
      if (const auto *bytes = op.custom_options())
        options.assign(reinterpret_cast<const char *>(bytes->data()),
                       bytes->size());
      attrs.set("name", builder.getStringAttr(opcode.customCode));
    } else {
      std::string packError;
      FailureOr<std::string> packed = packOpaqueOptions(op, packError);
      if (failed(packed))
        return opError() << packError;
      options = std::move(*packed);
      attrs.set("name", builder.getStringAttr(""));
      attrs.set("builtin_code", builder.getI32IntegerAttr(code));
    }
    attrs.set("options", builder.getStringAttr(options));
    attrs.set("version", builder.getI32IntegerAttr(opcode.version));
  }

  OperationState state(loc, opName);
  state.addOperands(operands);
  state.addTypes(resultTypes);
  state.addAttributes(attrs);
  Operation *created = builder.create(state);
  for (auto [tensor, result] : llvm::zip(outputs, created->getResults()))
    if (failed(define(tensor, result)))
      return failure();
  return success();
}

LogicalResult SubgraphImporter::importDensify(unsigned opIndex, int32_t input,
                                              int32_t output) {
  int32_t code = static_cast<int32_t>(tflite::BuiltinOperator::DENSIFY);
  std::string what = "operator #" + std::to_string(opIndex) + " (DENSIFY)";
  FailureOr<RankedTensorType> type = claimOutput(opIndex, code, 0, output);
  if (failed(type))
    return failure();
  FailureOr<Value> value = getOperand(input, what + " input 0");
  if (failed(value))
    return failure();
  if (*type != getType(input).value())
    return operatorError(opIndex, code)
           << "output " << describeTensor(output) << " has type " << *type
           << ", but its sparse input " << describeTensor(input)
           << " densifies to " << getType(input).value();
  return define(output, *value);
}

FailureOr<RankedTensorType> SubgraphImporter::claimOutput(unsigned opIndex,
                                                          int32_t code,
                                                          unsigned i,
                                                          int32_t tensor) {
  std::string what = "operator #" + std::to_string(opIndex) + " (" +
                     getBuiltinName(code) + ") output " + std::to_string(i);
  if (failed(checkIndex(tensor, what)))
    return failure();
  if (values[tensor] || producers[tensor] != -1)
    return operatorError(opIndex, code)
           << "output " << i << " is " << describeTensor(tensor)
           << ", which is already defined (a subgraph input, a constant or "
              "the output of operator #"
           << producers[tensor] << ")";
  FailureOr<RankedTensorType> type = getType(tensor);
  if (failed(type))
    return failure();
  FailureOr<ArrayRef<uint8_t>> data =
      parent.getBufferData(getTensor(tensor).buffer(), what);
  if (failed(data))
    return failure();
  if (!data->empty())
    return operatorError(opIndex, code)
           << "output " << i << " is " << describeTensor(tensor)
           << ", which has constant data";
  producers[tensor] = opIndex;
  return type;
}

//===----------------------------------------------------------------------===//
// Subgraphs
//===----------------------------------------------------------------------===//

FailureOr<func::FuncOp> SubgraphImporter::import(ModuleOp module,
                                                 StringRef name) {
  SmallVector<int32_t> inputs, outputs;
  SmallVector<Type> inputTypes, outputTypes;
  SmallVector<Location> inputLocs;
  if (const auto *list = subgraph.inputs()) {
    for (auto [i, tensor] : llvm::enumerate(*list)) {
      if (failed(checkIndex(tensor, "input " + llvm::Twine(i))))
        return failure();
      FailureOr<RankedTensorType> type = getType(tensor);
      if (failed(type))
        return failure();
      inputs.push_back(tensor);
      inputTypes.push_back(*type);
      inputLocs.push_back(getTensorLoc(tensor));
    }
  }
  if (const auto *list = subgraph.outputs()) {
    for (auto [i, tensor] : llvm::enumerate(*list)) {
      if (failed(checkIndex(tensor, "output " + llvm::Twine(i))))
        return failure();
      FailureOr<RankedTensorType> type = getType(tensor);
      if (failed(type))
        return failure();
      outputs.push_back(tensor);
      outputTypes.push_back(*type);
    }
  }

  builder.setInsertionPointToEnd(module.getBody());
  auto func = func::FuncOp::create(
      builder, parent.getFileLoc(), name,
      builder.getFunctionType(inputTypes, outputTypes));
  StringRef subgraphName = toStringRef(subgraph.name());
  if (!subgraphName.empty() && subgraphName != name)
    func->setAttr(kSubgraphNameAttr, builder.getStringAttr(subgraphName));
  Block *body = func.addEntryBlock();
  builder.setInsertionPointToStart(body);

  for (auto [i, tensor] : llvm::enumerate(inputs)) {
    BlockArgument argument = body->getArgument(i);
    argument.setLoc(inputLocs[i]);
    // A tensor listed twice as an input keeps its first argument.
    if (values[tensor])
      continue;
    if (failed(define(tensor, argument)))
      return failure();
  }

  if (const auto *operators = subgraph.operators())
    for (auto [opIndex, op] : llvm::enumerate(*operators))
      if (failed(importOperator(opIndex, *op)))
        return failure();

  SmallVector<Value> results;
  for (auto [i, tensor] : llvm::enumerate(outputs)) {
    FailureOr<Value> value = getOperand(tensor, "output " + llvm::Twine(i));
    if (failed(value))
      return failure();
    results.push_back(*value);
  }
  func::ReturnOp::create(builder, parent.getFileLoc(), results);
  // An INT32 bias of 16x8 ops keeps its width through a round trip.
  for (ConstOp constant : int32Quantized)
    if (isBiasOf16BitOp(constant))
      constant->setAttr(kBiasBitsAttr, builder.getI64IntegerAttr(32));
  return func;
}

//===----------------------------------------------------------------------===//
// The model
//===----------------------------------------------------------------------===//

FailureOr<ArrayRef<uint8_t>>
ModelImporter::getBufferData(uint32_t index, const llvm::Twine &user) {
  if (index >= getNumBuffers())
    return ArrayRef<uint8_t>();
  const tflite::Buffer *buffer = model.buffers()->Get(index);
  // Files over 2 GB keep data after the flatbuffer (offset > 1).
  if (buffer->offset() > 1 || buffer->size() != 0)
    return error() << user << " uses buffer " << index
                   << ", which keeps its data outside the flatbuffer; qnt "
                      "does not support that";
  if (!buffer->data())
    return ArrayRef<uint8_t>();
  return ArrayRef<uint8_t>(buffer->data()->data(), buffer->data()->size());
}

LogicalResult ModelImporter::importOperatorCodes() {
  if (!model.operator_codes())
    return success();
  for (auto [i, entry] : llvm::enumerate(*model.operator_codes())) {
    int32_t code = getBuiltinCode(*entry);
    if (code < 0)
      return error() << "operator code #" << i << " has invalid builtin code "
                     << code;
    StringRef customCode = toStringRef(entry->custom_code());
    if (code == static_cast<int32_t>(tflite::BuiltinOperator::CUSTOM) &&
        customCode.empty())
      return error() << "operator code #" << i
                     << " is CUSTOM but has no custom_code";
    opcodes.push_back({code, customCode, entry->version()});
  }
  return success();
}

LogicalResult ModelImporter::importMetadata(ModuleOp module) {
  StringRef description = toStringRef(model.description());
  if (!description.empty())
    module->setAttr(kDescriptionAttr, builder.getStringAttr(description));

  auto bytesOf = [&](int64_t buffer,
                     const llvm::Twine &user) -> FailureOr<StringAttr> {
    if (buffer < 0 || buffer >= static_cast<int64_t>(getNumBuffers()))
      return error() << user << " refers to buffer " << buffer
                     << ", out of range (the model has " << getNumBuffers()
                     << " buffers)";
    FailureOr<ArrayRef<uint8_t>> data = getBufferData(buffer, user);
    if (failed(data))
      return failure();
    return builder.getStringAttr(
        StringRef(reinterpret_cast<const char *>(data->data()), data->size()));
  };

  if (const auto *metadata = model.metadata()) {
    NamedAttrList entries;
    for (auto [i, entry] : llvm::enumerate(*metadata)) {
      StringRef name = toStringRef(entry->name());
      // Export computes the runtime version from the operators it writes.
      if (name == kMinRuntimeVersion)
        continue;
      FailureOr<StringAttr> bytes =
          bytesOf(entry->buffer(), "metadata #" + llvm::Twine(i));
      if (failed(bytes))
        return failure();
      if (entries.get(name)) {
        emitWarning(fileLoc) << "metadata #" << i << " repeats the name '"
                             << name << "'; only the first is kept";
        continue;
      }
      entries.set(name, *bytes);
    }
    if (!entries.empty())
      module->setAttr(kMetadataAttr, entries.getDictionary(context));
  }

  if (const auto *legacy = model.metadata_buffer()) {
    SmallVector<Attribute> buffers;
    for (auto [i, buffer] : llvm::enumerate(*legacy)) {
      FailureOr<StringAttr> bytes =
          bytesOf(buffer, "metadata_buffer #" + llvm::Twine(i));
      if (failed(bytes))
        return failure();
      buffers.push_back(*bytes);
    }
    if (!buffers.empty())
      module->setAttr(kMetadataBuffersAttr, builder.getArrayAttr(buffers));
  }
  return success();
}

std::vector<std::string> ModelImporter::chooseFunctionNames() {
  std::vector<std::string> names;
  llvm::StringSet<> used;
  for (auto [i, subgraph] : llvm::enumerate(*model.subgraphs())) {
    std::string name;
    if (i == 0) {
      name = "main";
    } else {
      name = toStringRef(subgraph->name()).str();
      if (name.empty() || used.contains(name))
        name = "subgraph_" + std::to_string(i);
      for (unsigned suffix = 1; used.contains(name); ++suffix)
        name = "subgraph_" + std::to_string(i) + "_" + std::to_string(suffix);
    }
    used.insert(name);
    names.push_back(std::move(name));
  }
  return names;
}

LogicalResult ModelImporter::importSignatures(ArrayRef<func::FuncOp> functions) {
  const auto *signatures = model.signature_defs();
  if (!signatures)
    return success();
  for (auto [i, signature] : llvm::enumerate(*signatures)) {
    uint32_t subgraphIndex = signature->subgraph_index();
    if (subgraphIndex >= functions.size())
      return error() << "signature def #" << i << " refers to subgraph "
                     << subgraphIndex << ", out of range (the model has "
                     << functions.size() << " subgraphs)";
    func::FuncOp func = functions[subgraphIndex];
    if (func->hasAttr(kSignatureKeyAttr))
      return error() << "signature def #" << i << " is a second signature of "
                     << "subgraph " << subgraphIndex
                     << "; qnt keeps one per subgraph";
    const tflite::SubGraph &subgraph =
        *model.subgraphs()->Get(subgraphIndex);

    // A signature names some of the subgraph's inputs and outputs.
    auto bind = [&](const flatbuffers::Vector<flatbuffers::Offset<
                        tflite::TensorMap>> *maps,
                    const flatbuffers::Vector<int32_t> *ends, bool isInput)
        -> LogicalResult {
      if (!maps)
        return success();
      for (const tflite::TensorMap *map : *maps) {
        StringRef name = toStringRef(map->name());
        std::optional<unsigned> at;
        if (ends)
          for (auto [k, tensor] : llvm::enumerate(*ends))
            if (!at && tensor == static_cast<int64_t>(map->tensor_index()))
              at = k;
        if (!at)
          return error() << "signature def #" << i << " "
                         << (isInput ? "input" : "output") << " '" << name
                         << "' is tensor " << map->tensor_index()
                         << ", which is not an "
                         << (isInput ? "input" : "output") << " of subgraph "
                         << subgraphIndex;
        StringAttr attr = builder.getStringAttr(name);
        if (isInput)
          func.setArgAttr(*at, kSignatureNameAttr, attr);
        else
          func.setResultAttr(*at, kSignatureNameAttr, attr);
      }
      return success();
    };
    if (failed(bind(signature->inputs(), subgraph.inputs(), true)) ||
        failed(bind(signature->outputs(), subgraph.outputs(), false)))
      return failure();
    func->setAttr(kSignatureKeyAttr,
                  builder.getStringAttr(toStringRef(signature->signature_key())));
  }
  return success();
}

OwningOpRef<ModuleOp> ModelImporter::import() {
  if (model.version() != kSchemaVersion) {
    error() << "has schema version " << model.version() << "; qnt reads version "
            << kSchemaVersion;
    return nullptr;
  }
  if (sizeOf(model.subgraphs()) == 0) {
    error() << "has no subgraphs";
    return nullptr;
  }
  if (failed(importOperatorCodes()))
    return nullptr;

  OwningOpRef<ModuleOp> module = ModuleOp::create(fileLoc);
  if (failed(importMetadata(*module)))
    return nullptr;

  std::vector<std::string> names = chooseFunctionNames();
  SmallVector<func::FuncOp> functions;
  for (auto [i, subgraph] : llvm::enumerate(*model.subgraphs())) {
    SubgraphImporter importer(*this, *subgraph, i);
    FailureOr<func::FuncOp> func = importer.import(*module, names[i]);
    if (failed(func))
      return nullptr;
    functions.push_back(*func);
  }
  if (failed(importSignatures(functions)))
    return nullptr;
  if (failed(verify(*module)))
    return nullptr;
  return module;
}

OwningOpRef<ModuleOp> qnt::importTFLite(StringRef buffer, StringRef fileName,
                                        MLIRContext *context) {
  context->loadDialect<QntDialect, func::FuncDialect, quant::QuantDialect>();
  Location fileLoc = FileLineColLoc::get(context, fileName, 0, 0);

  // The identifier sits at bytes 4..8, after the root offset.
  if (buffer.size() < 8) {
    emitError(fileLoc) << "is not a TFLite model: " << buffer.size()
                       << " bytes is too short for a flatbuffer";
    return nullptr;
  }
  if (!tflite::ModelBufferHasIdentifier(buffer.data())) {
    std::string identifier;
    for (char c : buffer.substr(4, 4))
      identifier += llvm::isPrint(c) ? std::string(1, c)
                                     : "\\x" + llvm::utohexstr(
                                                   static_cast<uint8_t>(c), false, 2);
    emitError(fileLoc) << "is not a TFLite model: file identifier is '"
                       << identifier << "', expected '"
                       << tflite::ModelIdentifier() << "'";
    return nullptr;
  }
  // The root offset leads to the model table, which needs at least its
  // vtable offset (4 bytes) inside the file.
  uint32_t rootOffset = llvm::support::endian::read32le(buffer.data());
  if (static_cast<uint64_t>(rootOffset) + 4 > buffer.size()) {
    emitError(fileLoc) << "is not a valid TFLite model: the root table "
                          "offset "
                       << rootOffset << " points past the end of the file ("
                       << buffer.size() << " bytes)";
    return nullptr;
  }
  if (buffer.size() >= FLATBUFFERS_MAX_BUFFER_SIZE) {
    emitError(fileLoc) << "is " << buffer.size()
                       << " bytes; flatbuffers are limited to 2 GB";
    return nullptr;
  }

  // The verifier checks the alignment of scalars against the buffer start,
  // so an unaligned buffer is copied (input files are already aligned).
  std::unique_ptr<llvm::WritableMemoryBuffer> aligned;
  const auto *data = reinterpret_cast<const uint8_t *>(buffer.data());
  if (reinterpret_cast<uintptr_t>(data) % 16 != 0) {
    aligned = llvm::WritableMemoryBuffer::getNewUninitMemBuffer(
        buffer.size(), fileName, llvm::Align(16));
    std::memcpy(aligned->getBufferStart(), buffer.data(), buffer.size());
    data = reinterpret_cast<const uint8_t *>(aligned->getBufferStart());
  }

  flatbuffers::Verifier verifier(data, buffer.size(), /*max_depth=*/64,
                                 /*max_tables=*/100000000);
  if (!tflite::VerifyModelBuffer(verifier)) {
    emitError(fileLoc) << "is not a valid TFLite model: the flatbuffers "
                          "verifier rejects it (truncated, or an offset or "
                          "size points outside the file)";
    return nullptr;
  }
  ModelImporter importer(*tflite::GetModel(data), fileName, context);
  return importer.import();
}
