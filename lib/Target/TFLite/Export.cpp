//===- Export.cpp - qnt to TFLite flatbuffer -------------------------------===//
//
// Walks each function in block order, giving every value a tensor, and
// builds the flatbuffer in that order: the same module always gives the same
// bytes. Nothing is written to the output until the whole model is built.
//
//===----------------------------------------------------------------------===//

#include "qnt/Target/TFLite/Export.h"

#include "AttrNames.h"
#include "OpMapping.h"
#include "OpaqueOptions.h"
#include "Schema.h"
#include "TypeMapping.h"

#include "qnt/Dialect/Qnt/IR/BiasBits.h"
#include "qnt/Dialect/Qnt/IR/QntOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Endian.h"

#include <map>
#include <tuple>

#include <cstring>

using namespace mlir;
using namespace qnt;
using namespace qnt::tfl;

namespace {

/// Flatbuffers cannot address more than 2 GB; constants must leave room for
/// the rest of the model.
constexpr uint64_t kMaxConstantBytes = (uint64_t(1) << 31) - (uint64_t(1) << 26);

/// The runtime version written when no operator tells a newer one: the first
/// release that reads schema 3.
constexpr llvm::StringLiteral kOldestRuntime = "1.5.0";

/// Name of a value's tensor from its location, if it has one.
std::string nameFromLoc(Location loc, unsigned resultIndex,
                        unsigned numResults) {
  if (auto name = dyn_cast<NameLoc>(loc))
    return name.getName().str();
  if (auto fused = dyn_cast<FusedLoc>(loc)) {
    SmallVector<StringRef> names;
    for (Location part : fused.getLocations())
      if (auto name = dyn_cast<NameLoc>(part))
        names.push_back(name.getName());
    if (names.size() == numResults)
      return names[resultIndex].str();
    if (!names.empty())
      return names.front().str();
  }
  if (auto callSite = dyn_cast<CallSiteLoc>(loc))
    return nameFromLoc(callSite.getCallee(), resultIndex, numResults);
  return std::string();
}

/// Bytes of a constant as TFLite stores them, checked against its type.
/// Dense data is used in place; splats and bools are expanded into `storage`.
FailureOr<ArrayRef<char>> getConstantBytes(ConstOp op, unsigned width,
                                           std::vector<char> &storage) {
  auto type = cast<ShapedType>(op.getValue().getType());
  uint64_t numElements = type.getNumElements();
  ArrayRef<char> bytes;
  ElementsAttr value = op.getValue();
  if (auto dense = dyn_cast<DenseElementsAttr>(value)) {
    ArrayRef<char> raw = dense.getRawData();
    if (dense.getElementType().isInteger(1)) {
      // MLIR packs bools as bits; TFLite uses a byte each.
      storage.reserve(numElements);
      for (bool element : dense.getValues<bool>())
        storage.push_back(element ? 1 : 0);
      bytes = storage;
    } else if (dense.isSplat() && numElements != 1) {
      storage.reserve(numElements * width);
      for (uint64_t i = 0; i < numElements; ++i)
        storage.insert(storage.end(), raw.begin(), raw.begin() + width);
      bytes = storage;
    } else {
      bytes = raw;
    }
  } else if (auto resource = dyn_cast<DenseResourceElementsAttr>(value)) {
    AsmResourceBlob *blob = resource.getRawHandle().getBlob();
    if (!blob)
      return op.emitOpError() << "cannot be written to TFLite: its resource '"
                            << resource.getRawHandle().getKey()
                            << "' has no data";
    bytes = blob->getData();
  } else {
    return op.emitOpError() << "cannot be written to TFLite: constants must be "
                             "dense or dense resource attributes";
  }
  if (bytes.size() != numElements * width)
    return op.emitOpError() << "cannot be written to TFLite: its data has "
                          << bytes.size() << " bytes, expected "
                          << numElements * width;
  return bytes;
}

/// Tensor and operator tables of one function.
class FunctionExporter;

/// The model: buffers, operator codes, runtime version.
class ModelExporter {
public:
  ModelExporter(ModuleOp module, const TFLiteExportOptions &options)
      : module(module), options(options) {}

  const TFLiteExportOptions &getOptions() const { return options; }

  LogicalResult run(llvm::raw_ostream &output);

  flatbuffers::FlatBufferBuilder &getBuilder() { return *fbb; }

  uint32_t addBuffer(ArrayRef<char> bytes) {
    fbb->ForceVectorAlignment(bytes.size(), sizeof(uint8_t), 16);
    auto data = fbb->CreateVector(
        reinterpret_cast<const uint8_t *>(bytes.data()), bytes.size());
    buffers.push_back(tflite::CreateBuffer(*fbb, data));
    return buffers.size() - 1;
  }

  /// A buffer holding `count` copies of `element`, filled in place.
  uint32_t addSplatBuffer(ArrayRef<char> element, uint64_t count) {
    size_t size = element.size() * count;
    fbb->ForceVectorAlignment(size, sizeof(uint8_t), 16);
    uint8_t *data;
    flatbuffers::Offset<flatbuffers::Vector<uint8_t>> vector =
        fbb->CreateUninitializedVector(size, sizeof(uint8_t), &data);
    for (uint64_t i = 0; i < count; ++i)
      std::memcpy(data + i * element.size(), element.data(), element.size());
    buffers.push_back(tflite::CreateBuffer(*fbb, vector));
    return buffers.size() - 1;
  }

  /// The index of the operator code (code, custom name, version), added on
  /// first use so that the table is in order of first use.
  uint32_t getOpcodeIndex(int32_t code, StringRef customCode, int32_t version) {
    auto key = std::make_tuple(code, customCode.str(), version);
    auto [it, inserted] = opcodeIndex.try_emplace(key, opcodes.size());
    if (inserted) {
      auto custom = customCode.empty() ? 0 : fbb->CreateString(customCode.data(), customCode.size());
      opcodes.push_back(tflite::CreateOperatorCode(
          *fbb,
          static_cast<int8_t>(std::min(code, kPlaceholderForGreaterOpCodes)),
          custom, version, static_cast<tflite::BuiltinOperator>(code)));
    }
    return it->second;
  }

  /// Raises the model's minimum runtime version to `version` if older.
  void requireRuntime(StringRef version) {
    if (!version.empty() && isOlderRuntime(minRuntime, version))
      minRuntime = version.str();
  }

private:
  FailureOr<SmallVector<func::FuncOp>> orderFunctions();
  LogicalResult checkConstantSize(uint64_t &total);
  flatbuffers::Offset<flatbuffers::Vector<flatbuffers::Offset<tflite::Metadata>>>
  writeMetadata(std::vector<int32_t> &legacyBuffers);

  ModuleOp module;
  TFLiteExportOptions options;
  std::unique_ptr<flatbuffers::FlatBufferBuilder> fbb;
  std::vector<flatbuffers::Offset<tflite::Buffer>> buffers;
  std::vector<flatbuffers::Offset<tflite::OperatorCode>> opcodes;
  std::map<std::tuple<int32_t, std::string, int32_t>, uint32_t> opcodeIndex;
  std::string minRuntime = kOldestRuntime.str();
};

class FunctionExporter {
public:
  FunctionExporter(ModelExporter &model, func::FuncOp func, uint32_t index)
      : model(model), fbb(model.getBuilder()), func(func), index(index) {}

  LogicalResult run();
  flatbuffers::Offset<tflite::SubGraph> getSubgraph() const { return subgraph; }
  flatbuffers::Offset<tflite::SignatureDef> getSignature() const {
    return signature;
  }

private:
  struct Tensor {
    RankedTensorType type;
    std::string name;
    uint32_t buffer = 0;
    std::optional<std::pair<double, double>> range;
    /// Set when the tensor is stored wider than its type says (int64
    /// biases of 16x8 ops).
    std::optional<tflite::TensorType> storage;
  };

  /// Gives `value` a new tensor, named from `loc` or `fallback`.
  FailureOr<int32_t> addTensor(Value value, Location loc,
                               std::string preferredName,
                               const std::string &fallback, Operation *user);
  std::string uniqueName(std::string base);
  FailureOr<int32_t> lookup(Value value, Operation *user);

  LogicalResult exportOp(Operation *op);
  LogicalResult exportConst(ConstOp op);
  LogicalResult exportCustom(CustomOp op);
  LogicalResult exportWidening(QuantizeOp op);
  LogicalResult exportPackedInt4(ConstOp op, int32_t id);
  LogicalResult exportMapped(Operation *op, const OpMapping &mapping);
  LogicalResult addOperator(Operation *op, uint32_t opcodeIndex,
                            tflite::BuiltinOptions optionsType,
                            flatbuffers::Offset<void> options,
                            tflite::BuiltinOptions2 optionsType2,
                            flatbuffers::Offset<void> options2,
                            flatbuffers::Offset<flatbuffers::Vector<uint8_t>>
                                customOptions);
  flatbuffers::Offset<tflite::Tensor> writeTensor(const Tensor &t);
  void writeSignature(ArrayRef<int32_t> inputs, ArrayRef<int32_t> outputs);

  ModelExporter &model;
  flatbuffers::FlatBufferBuilder &fbb;
  func::FuncOp func;
  uint32_t index;
  std::vector<Tensor> tensors;
  llvm::DenseMap<Value, int32_t> tensorOf;
  llvm::StringSet<> usedNames;
  /// Names claimed up front by the function's results: a quantized tensor
  /// and the dequantized output made from it carry the same name, and the
  /// model's output is the one users look up.
  llvm::DenseMap<Value, std::string> reservedNames;
  std::vector<flatbuffers::Offset<tflite::Operator>> operators;
  /// Zero-point vectors written so far, by content: per-channel tensors
  /// mostly share all-zero vectors of a few lengths, and flatbuffers lets
  /// tables point at one copy.
  std::map<std::vector<int64_t>, flatbuffers::Offset<flatbuffers::Vector<int64_t>>>
      zeroPointVectors;
  flatbuffers::Offset<tflite::SubGraph> subgraph;
  flatbuffers::Offset<tflite::SignatureDef> signature;
};

} // namespace

//===----------------------------------------------------------------------===//
// Tensors
//===----------------------------------------------------------------------===//

std::string FunctionExporter::uniqueName(std::string base) {
  std::string name = base;
  for (unsigned suffix = 1; !usedNames.insert(name).second; ++suffix)
    name = base + "_" + std::to_string(suffix);
  return name;
}

FailureOr<int32_t> FunctionExporter::addTensor(Value value, Location loc,
                                               std::string preferredName,
                                               const std::string &fallback,
                                               Operation *user) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  auto fail = [&]() -> InFlightDiagnostic {
    if (user)
      return user->emitOpError();
    // Only function arguments have no defining op.
    return emitError(loc) << "argument #"
                          << cast<BlockArgument>(value).getArgNumber()
                          << " of @" << func.getSymName() << " ";
  };
  if (!type)
    return fail() << "cannot be written to TFLite: type " << value.getType()
                  << " is not a ranked tensor";
  Type element = type.getElementType();
  if (!exportElementType(element))
    return fail() << "cannot be written to TFLite: element type " << element
                  << " has no TFLite equivalent";
  if (auto quantized = dyn_cast<quant::QuantizedType>(element))
    if (!exportQuantParams(quantized))
      return fail() << "cannot be written to TFLite: quantized type "
                    << element
                    << " is not a uniform type over f32 (per tensor or per "
                       "axis)";
  for (int64_t dim : type.getShape())
    if (!ShapedType::isDynamic(dim) && dim > INT32_MAX)
      return fail() << "cannot be written to TFLite: dimension " << dim
                    << " does not fit 32 bits";

  Tensor tensor;
  tensor.type = type;
  auto reserved = reservedNames.find(value);
  tensor.name = reserved != reservedNames.end()
                    ? reserved->second
                    : uniqueName(preferredName.empty()
                                     ? fallback
                                     : std::move(preferredName));
  tensors.push_back(std::move(tensor));
  int32_t id = tensors.size() - 1;
  tensorOf[value] = id;
  return id;
}

FailureOr<int32_t> FunctionExporter::lookup(Value value, Operation *user) {
  auto it = tensorOf.find(value);
  if (it == tensorOf.end())
    return user->emitOpError()
           << "cannot be written to TFLite: an operand is not defined in the "
              "function's block";
  return it->second;
}

flatbuffers::Offset<tflite::Tensor>
FunctionExporter::writeTensor(const Tensor &t) {
  RankedTensorType type = t.type;
  std::vector<int32_t> shape, signature;
  bool dynamic = false;
  for (int64_t dim : type.getShape()) {
    if (ShapedType::isDynamic(dim)) {
      dynamic = true;
      shape.push_back(1);
      signature.push_back(-1);
    } else {
      shape.push_back(static_cast<int32_t>(dim));
      signature.push_back(static_cast<int32_t>(dim));
    }
  }
  Type element = type.getElementType();
  flatbuffers::Offset<tflite::QuantizationParameters> quantization;
  std::optional<QuantParams> params;
  if (auto quantized = dyn_cast<quant::QuantizedType>(element))
    params = exportQuantParams(quantized);
  if (params || t.range) {
    flatbuffers::Offset<flatbuffers::Vector<float>> min, max, scale;
    flatbuffers::Offset<flatbuffers::Vector<int64_t>> zeroPoint;
    if (t.range) {
      float low = static_cast<float>(t.range->first);
      float high = static_cast<float>(t.range->second);
      min = fbb.CreateVector(&low, 1);
      max = fbb.CreateVector(&high, 1);
    }
    int32_t dimension = 0;
    if (params) {
      scale = fbb.CreateVector(params->scales.data(), params->scales.size());
      auto [it, inserted] =
          zeroPointVectors.try_emplace(std::vector<int64_t>(
              params->zeroPoints.begin(), params->zeroPoints.end()));
      if (inserted)
        it->second = fbb.CreateVector(params->zeroPoints.data(),
                                      params->zeroPoints.size());
      zeroPoint = it->second;
      dimension = params->quantizedDimension;
    }
    quantization = tflite::CreateQuantizationParameters(
        fbb, min, max, scale, zeroPoint, tflite::QuantizationDetails::NONE, 0,
        dimension);
  }
  auto shapeVector = fbb.CreateVector(shape);
  auto signatureVector = dynamic ? fbb.CreateVector(signature) : 0;
  auto name = fbb.CreateString(t.name);
  tflite::TensorType storage =
      t.storage ? *t.storage : *exportElementType(element);
  return tflite::CreateTensor(fbb, shapeVector, storage,
                              t.buffer, name, quantization,
                              /*is_variable=*/false, /*sparsity=*/0,
                              signatureVector, /*has_rank=*/true);
}

//===----------------------------------------------------------------------===//
// Operators
//===----------------------------------------------------------------------===//

LogicalResult FunctionExporter::addOperator(
    Operation *op, uint32_t opcodeIndex, tflite::BuiltinOptions optionsType,
    flatbuffers::Offset<void> options, tflite::BuiltinOptions2 optionsType2,
    flatbuffers::Offset<void> options2,
    flatbuffers::Offset<flatbuffers::Vector<uint8_t>> customOptions) {
  std::vector<int32_t> inputs, outputs;
  for (Value operand : op->getOperands()) {
    FailureOr<int32_t> id = lookup(operand, op);
    if (failed(id))
      return failure();
    inputs.push_back(*id);
  }
  StringRef mnemonic = op->getName().stripDialect();
  for (OpResult result : op->getResults()) {
    FailureOr<int32_t> id = addTensor(
        result, op->getLoc(),
        nameFromLoc(op->getLoc(), result.getResultNumber(),
                    op->getNumResults()),
        (mnemonic + "_" + llvm::Twine(tensors.size())).str(), op);
    if (failed(id))
      return failure();
    outputs.push_back(*id);
  }
  auto inputVector = fbb.CreateVector(inputs);
  auto outputVector = fbb.CreateVector(outputs);
  operators.push_back(tflite::CreateOperator(
      fbb, opcodeIndex, inputVector, outputVector, optionsType, options,
      customOptions, tflite::CustomOptionsFormat::FLEXBUFFERS,
      /*mutating_variable_inputs=*/0, /*intermediates=*/0,
      /*large_custom_options_offset=*/0, /*large_custom_options_size=*/0,
      optionsType2, options2));
  return success();
}

/// True if every use of the constant is the quantized bias of an op with
/// 16-bit quantized input.
/// Whether the constant `op` is a 16x8 bias to be written INT64.
static bool isInt64Bias(ConstOp op) {
  return isBiasOf16BitOp(op) && biasBitsOf16BitOp(op) == 64;
}

/// A signed quantized constant in int8 storage whose range fits 4 bits.
static bool fitsInt4(ConstOp op) {
  auto type = dyn_cast<quant::QuantizedType>(
      getElementTypeOrSelf(op.getResult().getType()));
  return type && type.isSigned() && type.getStorageTypeIntegralWidth() == 8 &&
         type.getStorageTypeMin() >= -8 && type.getStorageTypeMax() <= 7;
}

/// Writes the constant as TFLite's INT4: two values a byte, the first in
/// the low nibble, an odd count padding the last high nibble with zero
/// (as TFLite's UnpackDenseInt4IntoInt8 reads it).
LogicalResult FunctionExporter::exportPackedInt4(ConstOp op, int32_t id) {
  std::vector<char> storage;
  FailureOr<ArrayRef<char>> bytes = getConstantBytes(op, 1, storage);
  if (failed(bytes))
    return failure();
  std::vector<char> packed((bytes->size() + 1) / 2, 0);
  for (size_t i = 0; i < bytes->size(); ++i) {
    int8_t v = static_cast<int8_t>((*bytes)[i]);
    if (v < -8 || v > 7)
      return op.emitOpError()
             << "cannot be written as INT4: element " << i << " is " << int(v)
             << ", outside [-8, 7]";
    uint8_t nibble = static_cast<uint8_t>(v) & 0x0F;
    packed[i / 2] |= static_cast<char>(i % 2 ? nibble << 4 : nibble);
  }
  tensors[id].storage = tflite::TensorType::INT4;
  // An empty constant reads back as a tensor without data: buffer 0.
  if (!packed.empty())
    tensors[id].buffer = model.addBuffer(packed);
  return success();
}

LogicalResult FunctionExporter::exportConst(ConstOp op) {
  if (auto bits = op->getAttr(kBiasBitsAttr)) {
    auto width = dyn_cast<IntegerAttr>(bits);
    if (!width || (width.getInt() != 32 && width.getInt() != 64))
      return op.emitOpError()
             << "cannot be written to TFLite: " << kBiasBitsAttr
             << " must be 32 or 64, got " << bits;
    if (!isBiasOf16BitOp(op))
      return op.emitOpError()
             << "cannot be written to TFLite: " << kBiasBitsAttr
             << " applies only to the quantized bias of 16x8 ops";
  }
  FailureOr<int32_t> id =
      addTensor(op.getResult(), op.getLoc(), nameFromLoc(op.getLoc(), 0, 1),
                "const_" + std::to_string(tensors.size()), op);
  if (failed(id))
    return failure();
  if (model.getOptions().packInt4 && fitsInt4(op))
    return exportPackedInt4(op, *id);
  tflite::TensorType storageType = *exportElementType(
      getElementTypeOrSelf(op.getResult().getType()));
  // A splat is written straight into the flatbuffer: expanding it first
  // would hold its data twice.
  unsigned width = getByteWidth(storageType);
  auto dense = dyn_cast<DenseElementsAttr>(op.getValue());
  if (dense && dense.isSplat() && !dense.getElementType().isInteger(1) &&
      dense.getRawData().size() == width &&
      !(storageType == tflite::TensorType::INT32 && isInt64Bias(op))) {
    uint64_t count = cast<ShapedType>(dense.getType()).getNumElements();
    // An empty constant reads back as a tensor without data: buffer 0.
    if (count != 0)
      tensors[*id].buffer = model.addSplatBuffer(dense.getRawData(), count);
    return success();
  }
  std::vector<char> storage;
  FailureOr<ArrayRef<char>> bytes = getConstantBytes(op, width, storage);
  if (failed(bytes))
    return failure();
  // TFLite's 16x8 kernels (depthwise among them) want int64 biases unless
  // the bias is marked 32-bit, which `!quant.uniform` cannot hold: qnt keeps
  // them int32 and widens here.
  std::vector<char> widened;
  if (storageType == tflite::TensorType::INT32 && isInt64Bias(op)) {
    widened.resize(bytes->size() * 2);
    for (size_t i = 0; i < bytes->size() / 4; ++i) {
      int64_t v = static_cast<int32_t>(
          llvm::support::endian::read32le(bytes->data() + 4 * i));
      llvm::support::endian::write64le(widened.data() + 8 * i, v);
    }
    bytes = ArrayRef<char>(widened);
    tensors[*id].storage = tflite::TensorType::INT64;
  }
  // An empty constant reads back as a tensor without data: buffer 0.
  if (!bytes->empty())
    tensors[*id].buffer = model.addBuffer(*bytes);
  return success();
}

LogicalResult FunctionExporter::exportCustom(CustomOp op) {
  std::optional<int32_t> builtinCode = op.getBuiltinCode();
  int32_t version = op.getVersion();
  int32_t customCode = static_cast<int32_t>(tflite::BuiltinOperator::CUSTOM);
  if (builtinCode && *builtinCode != customCode) {
    if (*builtinCode < 0)
      return op.emitOpError() << "cannot be written to TFLite: builtin_code "
                            << *builtinCode << " is negative";
    std::string error;
    FailureOr<OpaqueOptionsOffsets> options =
        unpackOpaqueOptions(op.getOptions(), fbb, error);
    if (failed(options))
      return op.emitOpError() << "cannot be written to TFLite: builtin_code "
                            << *builtinCode << " with " << error;
    uint32_t opcode = model.getOpcodeIndex(*builtinCode, "", version);
    return addOperator(op, opcode, options->type, options->options,
                       options->type2, options->options2, 0);
  }
  if (op.getName().empty())
    return op.emitOpError()
           << "cannot be written to TFLite: a custom operator needs a name";
  StringRef bytes = op.getOptions();
  flatbuffers::Offset<flatbuffers::Vector<uint8_t>> customOptions;
  if (!bytes.empty())
    customOptions = fbb.CreateVector(
        reinterpret_cast<const uint8_t *>(bytes.data()), bytes.size());
  uint32_t opcode = model.getOpcodeIndex(customCode, op.getName(), version);
  return addOperator(op, opcode, tflite::BuiltinOptions::NONE, 0,
                     tflite::BuiltinOptions2::NONE, 0, customOptions);
}

LogicalResult FunctionExporter::exportMapped(Operation *op,
                                             const OpMapping &mapping) {
  FailureOr<WrittenOptions> options = mapping.exportOptions(op, fbb);
  if (failed(options))
    return failure();
  int version = mapping.getVersion(op);
  model.requireRuntime(mapping.getMinRuntimeVersion(version));
  uint32_t opcode = model.getOpcodeIndex(
      static_cast<int32_t>(mapping.getCode()), "", version);
  return addOperator(op, opcode, options->type, options->offset,
                     tflite::BuiltinOptions2::NONE, 0, 0);
}

/// A rescale from 8-bit to 16-bit quantized values (the input edge of an
/// int16 layer in an int8 model).
static bool isWidening(QuantizeOp op) {
  auto in = dyn_cast<quant::QuantizedType>(
      getElementTypeOrSelf(op.getInput().getType()));
  auto out = dyn_cast<quant::QuantizedType>(
      getElementTypeOrSelf(op.getOutput().getType()));
  return in && out && in.getStorageTypeIntegralWidth() == 8 &&
         out.getStorageTypeIntegralWidth() == 16;
}

/// TFLite's QUANTIZE kernel rescales int16 to int8 but refuses an 8-bit
/// input with a 16-bit output, so the widening is written as DEQUANTIZE to
/// a float tensor and QUANTIZE from it. With the int16 scale qnt chooses
/// there (the int8 scale / 128) both steps are exact.
LogicalResult FunctionExporter::exportWidening(QuantizeOp op) {
  FailureOr<int32_t> input = lookup(op.getInput(), op);
  if (failed(input))
    return failure();
  const OpMapping *dequantize = lookupOpMapping("qnt.dequantize");
  const OpMapping *quantize = lookupOpMapping("qnt.quantize");
  auto inType = cast<RankedTensorType>(op.getInput().getType());
  Tensor between;
  between.type = RankedTensorType::get(inType.getShape(),
                                       Float32Type::get(op.getContext()));
  between.name = uniqueName(tensors[*input].name + "_dequantized");
  tensors.push_back(std::move(between));
  int32_t middle = tensors.size() - 1;
  std::string name = nameFromLoc(op.getLoc(), 0, 1);
  FailureOr<int32_t> output =
      addTensor(op.getOutput(), op.getLoc(), name,
                "quantize_" + std::to_string(tensors.size()), op);
  if (failed(output))
    return failure();
  // DEQUANTIZE of per-tensor int8 is version 2; QUANTIZE to int16, 2.
  auto add = [&](const OpMapping *mapping, int version, int32_t from,
                 int32_t to) {
    model.requireRuntime(mapping->getMinRuntimeVersion(version));
    uint32_t opcode = model.getOpcodeIndex(
        static_cast<int32_t>(mapping->getCode()), "", version);
    std::vector<int32_t> inputs{from}, outputs{to};
    operators.push_back(tflite::CreateOperator(
        fbb, opcode, fbb.CreateVector(inputs), fbb.CreateVector(outputs)));
  };
  add(dequantize, 2, *input, middle);
  add(quantize, 2, middle, *output);
  return success();
}

LogicalResult FunctionExporter::exportOp(Operation *op) {
  if (auto constant = dyn_cast<ConstOp>(op))
    return exportConst(constant);
  // A training range is a property of the tensor in TFLite.
  if (auto fakeQuant = dyn_cast<FakeQuantOp>(op)) {
    if (fakeQuant.getNumBits() != 8 || fakeQuant.getNarrowRange())
      return op->emitOpError()
             << "cannot be written to TFLite: tensor ranges imply 8 bits over "
                "the full range, got num_bits = "
             << fakeQuant.getNumBits()
             << (fakeQuant.getNarrowRange() ? " with narrow_range" : "");
    FailureOr<int32_t> id = lookup(fakeQuant.getInput(), op);
    if (failed(id))
      return failure();
    std::pair<double, double> range(fakeQuant.getMin().convertToDouble(),
                                    fakeQuant.getMax().convertToDouble());
    Tensor &tensor = tensors[*id];
    if (tensor.range && *tensor.range != range)
      return op->emitOpError()
             << "cannot be written to TFLite: tensor '" << tensor.name
             << "' already has the range [" << tensor.range->first << ", "
             << tensor.range->second << "]";
    tensor.range = range;
    tensorOf[fakeQuant.getResult()] = *id;
    return success();
  }
  // Calibration statistics are compile-time facts, not part of the model.
  if (auto stats = dyn_cast<StatsOp>(op)) {
    FailureOr<int32_t> id = lookup(stats.getInput(), op);
    if (failed(id))
      return failure();
    tensorOf[stats.getResult()] = *id;
    return success();
  }
  if (auto custom = dyn_cast<CustomOp>(op))
    return exportCustom(custom);
  if (auto quantize = dyn_cast<QuantizeOp>(op))
    if (isWidening(quantize))
      return exportWidening(quantize);
  if (const OpMapping *mapping = lookupOpMapping(op->getName().getStringRef()))
    return exportMapped(op, *mapping);
  return op->emitOpError()
         << "cannot be written to TFLite: no TFLite operator for it";
}

//===----------------------------------------------------------------------===//
// Functions
//===----------------------------------------------------------------------===//

void FunctionExporter::writeSignature(ArrayRef<int32_t> inputs,
                                      ArrayRef<int32_t> outputs) {
  auto key = func->getAttrOfType<StringAttr>(kSignatureKeyAttr);
  if (!key)
    return;
  auto maps = [&](ArrayRef<int32_t> ids, auto nameOf) {
    std::vector<flatbuffers::Offset<tflite::TensorMap>> entries;
    for (auto [i, id] : llvm::enumerate(ids)) {
      auto name = nameOf(i);
      if (!name)
        continue;
      entries.push_back(tflite::CreateTensorMap(
          fbb, fbb.CreateString(name.getValue().str()), id));
    }
    return fbb.CreateVector(entries);
  };
  auto inputMaps = maps(inputs, [&](unsigned i) {
    return func.getArgAttrOfType<StringAttr>(i, kSignatureNameAttr);
  });
  auto outputMaps = maps(outputs, [&](unsigned i) {
    return func.getResultAttrOfType<StringAttr>(i, kSignatureNameAttr);
  });
  auto keyString = fbb.CreateString(key.getValue().str());
  signature = tflite::CreateSignatureDef(fbb, inputMaps, outputMaps, keyString,
                                         index);
}

LogicalResult FunctionExporter::run() {
  if (func.isDeclaration() || !func.getBody().hasOneBlock())
    return func.emitOpError()
           << "cannot be written to TFLite: a subgraph needs a body of one "
              "block";
  Block &body = func.getBody().front();

  std::vector<int32_t> inputs, outputs;
  for (BlockArgument argument : body.getArguments()) {
    FailureOr<int32_t> id = addTensor(
        argument, argument.getLoc(), nameFromLoc(argument.getLoc(), 0, 1),
        "input_" + std::to_string(argument.getArgNumber()), nullptr);
    if (failed(id))
      return failure();
    inputs.push_back(*id);
  }
  if (auto ret = dyn_cast<func::ReturnOp>(body.getTerminator()))
    for (Value result : ret.getOperands()) {
      // A range record (fake_quant, stats) is written as the tensor it
      // annotates: the name is reserved for that tensor, or it would be
      // taken twice and come back with a suffix on every round trip.
      while (isa_and_nonnull<FakeQuantOp, StatsOp>(result.getDefiningOp()))
        result = result.getDefiningOp()->getOperand(0);
      auto opResult = dyn_cast<OpResult>(result);
      if (!opResult || reservedNames.count(result))
        continue;
      Operation *producer = opResult.getOwner();
      std::string name =
          nameFromLoc(producer->getLoc(), opResult.getResultNumber(),
                      producer->getNumResults());
      if (!name.empty() && usedNames.insert(name).second)
        reservedNames[result] = name;
    }
  for (Operation &op : body) {
    if (auto ret = dyn_cast<func::ReturnOp>(op)) {
      for (Value operand : ret.getOperands()) {
        FailureOr<int32_t> id = lookup(operand, ret);
        if (failed(id))
          return failure();
        outputs.push_back(*id);
      }
      continue;
    }
    if (failed(exportOp(&op)))
      return failure();
  }

  std::vector<flatbuffers::Offset<tflite::Tensor>> tensorOffsets;
  for (const Tensor &tensor : tensors)
    tensorOffsets.push_back(writeTensor(tensor));
  std::string name = func.getSymName().str();
  if (auto original = func->getAttrOfType<StringAttr>(kSubgraphNameAttr))
    name = original.str();
  auto tensorVector = fbb.CreateVector(tensorOffsets);
  auto inputVector = fbb.CreateVector(inputs);
  auto outputVector = fbb.CreateVector(outputs);
  auto operatorVector = fbb.CreateVector(operators);
  auto nameString = fbb.CreateString(name);
  subgraph = tflite::CreateSubGraph(fbb, tensorVector, inputVector,
                                    outputVector, operatorVector, nameString);
  writeSignature(inputs, outputs);
  return success();
}

//===----------------------------------------------------------------------===//
// The model
//===----------------------------------------------------------------------===//

FailureOr<SmallVector<func::FuncOp>> ModelExporter::orderFunctions() {
  SmallVector<func::FuncOp> functions;
  for (Operation &op : *module.getBody()) {
    auto func = dyn_cast<func::FuncOp>(op);
    if (!func)
      return op.emitOpError() << "cannot be written to TFLite: a model holds "
                               "functions only";
    functions.push_back(func);
  }
  if (functions.empty())
    return module.emitError()
           << "cannot be written to TFLite: the module has no function";
  auto main = llvm::find_if(functions, [](func::FuncOp func) {
    return func.getSymName() == "main";
  });
  if (main == functions.end()) {
    if (functions.size() > 1)
      return module.emitError()
             << "cannot be written to TFLite: the module has "
             << functions.size()
             << " functions and none is @main (the entry subgraph)";
  } else {
    std::rotate(functions.begin(), main, main + 1);
  }
  return functions;
}

LogicalResult ModelExporter::checkConstantSize(uint64_t &total) {
  total = 0;
  WalkResult result = module.walk([&](ConstOp op) {
    auto type = cast<ShapedType>(op.getValue().getType());
    std::optional<tflite::TensorType> storage =
        exportElementType(type.getElementType());
    if (!storage)
      return WalkResult::advance(); // Reported with the tensor.
    total += type.getNumElements() * getByteWidth(*storage);
    if (total > kMaxConstantBytes) {
      op.emitOpError() << "cannot be written to TFLite: the model's constants "
                        "exceed the 2 GB a flatbuffer can hold";
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  return failure(result.wasInterrupted());
}

flatbuffers::Offset<flatbuffers::Vector<flatbuffers::Offset<tflite::Metadata>>>
ModelExporter::writeMetadata(std::vector<int32_t> &legacyBuffers) {
  std::vector<flatbuffers::Offset<tflite::Metadata>> entries;
  // The version string is padded to 16 bytes, so that tools can later
  // rewrite it in place.
  std::string version = minRuntime;
  version.resize(16, '\0');
  uint32_t versionBuffer = addBuffer(ArrayRef<char>(version.data(), 16));
  entries.push_back(tflite::CreateMetadata(
      *fbb, fbb->CreateString(kMinRuntimeVersion.str()), versionBuffer));
  if (auto metadata = module->getAttrOfType<DictionaryAttr>(kMetadataAttr)) {
    for (NamedAttribute entry : metadata) {
      auto bytes = dyn_cast<StringAttr>(entry.getValue());
      if (!bytes || entry.getName() == kMinRuntimeVersion)
        continue;
      uint32_t buffer = addBuffer(
          ArrayRef<char>(bytes.getValue().data(), bytes.getValue().size()));
      entries.push_back(tflite::CreateMetadata(
          *fbb, fbb->CreateString(entry.getName().str()), buffer));
    }
  }
  if (auto legacy = module->getAttrOfType<ArrayAttr>(kMetadataBuffersAttr))
    for (auto bytes : legacy.getAsRange<StringAttr>())
      legacyBuffers.push_back(addBuffer(
          ArrayRef<char>(bytes.getValue().data(), bytes.getValue().size())));
  return fbb->CreateVector(entries);
}

LogicalResult ModelExporter::run(llvm::raw_ostream &output) {
  // TFLite is little-endian; constant data is copied as the host holds it.
  if (llvm::endianness::native != llvm::endianness::little)
    return module.emitError() << "cannot write TFLite on a big-endian host";
  FailureOr<SmallVector<func::FuncOp>> functions = orderFunctions();
  if (failed(functions))
    return failure();
  uint64_t constantBytes;
  if (failed(checkConstantSize(constantBytes)))
    return failure();
  fbb = std::make_unique<flatbuffers::FlatBufferBuilder>(
      std::max<uint64_t>(constantBytes + (1 << 20), 1024));

  // Buffer 0 is the empty buffer every tensor without data points at.
  buffers.push_back(tflite::CreateBuffer(*fbb));

  std::vector<flatbuffers::Offset<tflite::SubGraph>> subgraphs;
  std::vector<flatbuffers::Offset<tflite::SignatureDef>> signatures;
  for (auto [i, func] : llvm::enumerate(*functions)) {
    FunctionExporter exporter(*this, func, i);
    if (failed(exporter.run()))
      return failure();
    subgraphs.push_back(exporter.getSubgraph());
    if (!exporter.getSignature().IsNull())
      signatures.push_back(exporter.getSignature());
  }

  std::vector<int32_t> legacyBuffers;
  auto metadata = writeMetadata(legacyBuffers);
  std::string description = "qnt";
  if (auto text = module->getAttrOfType<StringAttr>(kDescriptionAttr))
    description = text.str();
  auto opcodeVector = fbb->CreateVector(opcodes);
  auto subgraphVector = fbb->CreateVector(subgraphs);
  auto descriptionString = fbb->CreateString(description);
  auto bufferVector = fbb->CreateVector(buffers);
  auto legacyVector =
      legacyBuffers.empty() ? 0 : fbb->CreateVector(legacyBuffers);
  auto signatureVector = fbb->CreateVector(signatures);
  auto model = tflite::CreateModel(*fbb, kSchemaVersion, opcodeVector,
                                   subgraphVector, descriptionString,
                                   bufferVector, legacyVector, metadata,
                                   signatureVector);
  tflite::FinishModelBuffer(*fbb, model);

  // The model must read back; a failure here is a bug in the exporter.
  flatbuffers::Verifier verifier(fbb->GetBufferPointer(), fbb->GetSize(),
                                 /*max_depth=*/64, /*max_tables=*/100000000);
  if (!tflite::VerifyModelBuffer(verifier))
    return module.emitError()
           << "internal error: the written model fails verification";
  output.write(reinterpret_cast<const char *>(fbb->GetBufferPointer()),
               fbb->GetSize());
  return success();
}

LogicalResult qnt::exportTFLite(ModuleOp module, llvm::raw_ostream &output,
                                const TFLiteExportOptions &options) {
  return ModelExporter(module, options).run(output);
}
