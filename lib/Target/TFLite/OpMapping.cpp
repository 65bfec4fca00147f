//===- OpMapping.cpp - qnt ops and TFLite builtin operators ---------------===//
//
// The table itself. Each entry names the qnt op, its builtin code, the
// attribute <-> option field bindings, its version rule and the runtime
// release of each version. Version rules and runtime releases are TFLite's
// (its converter's versioning rules and runtime version table), restricted
// to the types qnt produces.
//
//===----------------------------------------------------------------------===//

#include "OpMapping.h"
#include "TypeMapping.h"

#include "qnt/Dialect/Qnt/IR/QntOps.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringExtras.h"

using namespace mlir;
using namespace qnt;
using namespace qnt::tfl;

using TT = tflite::TensorType;

//===----------------------------------------------------------------------===//
// Enumerations
//===----------------------------------------------------------------------===//

static std::optional<Padding> importPadding(tflite::Padding padding) {
  switch (padding) {
  case tflite::Padding::SAME:
    return Padding::Same;
  case tflite::Padding::VALID:
    return Padding::Valid;
  }
  return std::nullopt;
}

static tflite::Padding exportPadding(Padding padding) {
  return padding == Padding::Valid ? tflite::Padding::VALID
                                   : tflite::Padding::SAME;
}

static std::optional<Activation>
importActivation(tflite::ActivationFunctionType activation) {
  switch (activation) {
  case tflite::ActivationFunctionType::NONE:
    return Activation::None;
  case tflite::ActivationFunctionType::RELU:
    return Activation::Relu;
  case tflite::ActivationFunctionType::RELU_N1_TO_1:
    return Activation::ReluN1To1;
  case tflite::ActivationFunctionType::RELU6:
    return Activation::Relu6;
  case tflite::ActivationFunctionType::TANH:
    return Activation::Tanh;
  case tflite::ActivationFunctionType::SIGN_BIT:
    return Activation::SignBit;
  }
  return std::nullopt;
}

static tflite::ActivationFunctionType exportActivation(Activation activation) {
  switch (activation) {
  case Activation::None:
    return tflite::ActivationFunctionType::NONE;
  case Activation::Relu:
    return tflite::ActivationFunctionType::RELU;
  case Activation::ReluN1To1:
    return tflite::ActivationFunctionType::RELU_N1_TO_1;
  case Activation::Relu6:
    return tflite::ActivationFunctionType::RELU6;
  case Activation::Tanh:
    return tflite::ActivationFunctionType::TANH;
  case Activation::SignBit:
    return tflite::ActivationFunctionType::SIGN_BIT;
  }
  return tflite::ActivationFunctionType::NONE;
}

//===----------------------------------------------------------------------===//
// Option bindings
//===----------------------------------------------------------------------===//

namespace {

/// Binds a qnt op's attributes to the fields of one TFLite options table,
/// given by its object-API type `NativeT`. A field's binding reads and writes
/// it, so both directions come from one line of the table.
template <typename NativeT> class Options {
  using TableT = typename NativeT::TableType;

public:
  using ReadFn =
      std::function<LogicalResult(const NativeT &, OptionsReader &)>;
  using WriteFn = std::function<LogicalResult(Operation *, NativeT &)>;

  Options &i32(StringRef attr, int32_t NativeT::*field) {
    return bind(
        [=](const NativeT &table, OptionsReader &reader) {
          reader.attrs.set(attr, reader.builder.getI32IntegerAttr(table.*field));
          return success();
        },
        [=](Operation *op, NativeT &table) {
          auto value = op->getAttrOfType<IntegerAttr>(attr);
          if (!value)
            return missing(op, attr);
          table.*field = static_cast<int32_t>(value.getInt());
          return success();
        });
  }

  Options &f32(StringRef attr, float NativeT::*field) {
    return bind(
        [=](const NativeT &table, OptionsReader &reader) {
          reader.attrs.set(attr, reader.builder.getF32FloatAttr(table.*field));
          return success();
        },
        [=](Operation *op, NativeT &table) {
          auto value = op->getAttrOfType<FloatAttr>(attr);
          if (!value)
            return missing(op, attr);
          table.*field = static_cast<float>(value.getValueAsDouble());
          return success();
        });
  }

  /// A bool field held as a unit attribute (present = true).
  Options &flag(StringRef attr, bool NativeT::*field) {
    return bind(
        [=](const NativeT &table, OptionsReader &reader) {
          if (table.*field)
            reader.attrs.set(attr, reader.builder.getUnitAttr());
          return success();
        },
        [=](Operation *op, NativeT &table) {
          table.*field = op->hasAttr(attr);
          return success();
        });
  }

  Options &padding(StringRef attr, tflite::Padding NativeT::*field) {
    return bind(
        [=](const NativeT &table, OptionsReader &reader) -> LogicalResult {
          std::optional<Padding> padding = importPadding(table.*field);
          if (!padding)
            return reader.emitError()
                   << "has unknown padding "
                   << static_cast<int>(table.*field);
          reader.attrs.set(attr, PaddingAttr::get(reader.builder.getContext(),
                                                  *padding));
          return success();
        },
        [=](Operation *op, NativeT &table) {
          auto value = op->getAttrOfType<PaddingAttr>(attr);
          if (!value)
            return missing(op, attr);
          table.*field = exportPadding(value.getValue());
          return success();
        });
  }

  Options &activation(StringRef attr,
                      tflite::ActivationFunctionType NativeT::*field) {
    return bind(
        [=](const NativeT &table, OptionsReader &reader) -> LogicalResult {
          std::optional<Activation> activation =
              importActivation(table.*field);
          if (!activation)
            return reader.emitError()
                   << "has unknown fused activation "
                   << static_cast<int>(table.*field);
          reader.attrs.set(attr, ActivationAttr::get(
                                     reader.builder.getContext(), *activation));
          return success();
        },
        [=](Operation *op, NativeT &table) {
          auto value = op->getAttrOfType<ActivationAttr>(attr);
          if (!value)
            return missing(op, attr);
          table.*field = exportActivation(value.getValue());
          return success();
        });
  }

  /// A list of dimension indices held as a DenseI64ArrayAttr.
  Options &dims(StringRef attr, std::vector<int32_t> NativeT::*field) {
    return bind(
        [=](const NativeT &table, OptionsReader &reader) {
          SmallVector<int64_t> values((table.*field).begin(),
                                      (table.*field).end());
          reader.attrs.set(attr, reader.builder.getDenseI64ArrayAttr(values));
          return success();
        },
        [=](Operation *op, NativeT &table) -> LogicalResult {
          auto value = op->getAttrOfType<DenseI64ArrayAttr>(attr);
          if (!value)
            return missing(op, attr);
          for (int64_t v : value.asArrayRef()) {
            if (v < INT32_MIN || v > INT32_MAX)
              return op->emitOpError()
                     << "'" << attr << "' value " << v
                     << " does not fit TFLite's 32-bit field";
            (table.*field).push_back(static_cast<int32_t>(v));
          }
          return success();
        });
  }

  /// A field the qnt op does not model. Operators with another value than
  /// `value` stay `qnt.custom` on import; export writes `value`.
  template <typename V>
  Options &fixed(StringRef name, V NativeT::*field, V value) {
    return bind(
        [=](const NativeT &table, OptionsReader &reader) {
          if (table.*field != value && reader.unmodeled.empty())
            reader.unmodeled = ("option '" + name + "' = " +
                                llvm::Twine(static_cast<int64_t>(table.*field)))
                                   .str();
          return success();
        },
        [=](Operation *, NativeT &table) {
          table.*field = value;
          return success();
        });
  }

  /// A binding written by hand, for fields whose meaning depends on types.
  Options &custom(ReadFn read, WriteFn write) {
    return bind(std::move(read), std::move(write));
  }

  OpMapping::ImportFn importFn() const {
    return [fields = fields](OptionsReader &reader) -> LogicalResult {
      NativeT native;
      tflite::BuiltinOptions expected =
          tflite::BuiltinOptionsTraits<TableT>::enum_value;
      if (const TableT *table = reader.op.builtin_options_as<TableT>())
        table->UnPackTo(&native);
      else if (reader.op.builtin_options() &&
               reader.op.builtin_options_type() != tflite::BuiltinOptions::NONE)
        return reader.emitError()
               << "has builtin options of type "
               << static_cast<int>(reader.op.builtin_options_type()) << " ("
               << tflite::EnumNameBuiltinOptions(
                      reader.op.builtin_options_type())
               << "), expected " << tflite::EnumNameBuiltinOptions(expected);
      // A missing table means all fields are at their schema defaults.
      for (const Field &field : fields)
        if (failed(field.read(native, reader)))
          return failure();
      return success();
    };
  }

  OpMapping::ExportFn exportFn() const {
    return [fields = fields](Operation *op, flatbuffers::FlatBufferBuilder &fbb)
               -> FailureOr<WrittenOptions> {
      NativeT native;
      for (const Field &field : fields)
        if (failed(field.write(op, native)))
          return failure();
      tflite::BuiltinOptionsUnion options;
      options.Set(std::move(native));
      WrittenOptions written;
      written.type = options.type;
      written.offset = options.Pack(fbb);
      return written;
    };
  }

private:
  struct Field {
    ReadFn read;
    WriteFn write;
  };

  Options &bind(ReadFn read, WriteFn write) {
    fields.push_back({std::move(read), std::move(write)});
    return *this;
  }

  static LogicalResult missing(Operation *op, StringRef attr) {
    return op->emitOpError() << "has no '" << attr
                           << "' attribute to write as a TFLite option";
  }

  std::vector<Field> fields;
};

/// Ops whose builtin options carry nothing qnt needs (empty tables).
struct NoOptions {};

} // namespace

//===----------------------------------------------------------------------===//
// Operand facts used by version rules
//===----------------------------------------------------------------------===//

/// The TFLite type of a value's elements (the storage type when quantized).
static std::optional<TT> typeOf(Value value) {
  return exportElementType(getElementTypeOrSelf(value.getType()));
}

static bool is(Value value, TT type) { return value && typeOf(value) == type; }

static bool isPerAxis(Value value) {
  return isa<quant::UniformQuantizedPerAxisType>(
      getElementTypeOrSelf(value.getType()));
}

static int64_t rankOf(Value value) {
  if (auto shaped = dyn_cast<ShapedType>(value.getType()))
    return shaped.hasRank() ? shaped.getRank() : 0;
  return 0;
}

static Value operand(Operation *op, unsigned index) {
  return index < op->getNumOperands() ? op->getOperand(index) : Value();
}

static Value input0(Operation *op) { return operand(op, 0); }
static Value result0(Operation *op) { return op->getResult(0); }

/// Binary ops broadcast in more than 4 dimensions need newer kernels.
static bool broadcastsBeyond4D(Operation *op) {
  Value lhs = operand(op, 0), rhs = operand(op, 1);
  if (!lhs || !rhs || lhs.getType() == rhs.getType())
    return false;
  auto lhsType = dyn_cast<ShapedType>(lhs.getType());
  auto rhsType = dyn_cast<ShapedType>(rhs.getType());
  if (!lhsType || !rhsType || lhsType.getShape() == rhsType.getShape())
    return false;
  return std::max(rankOf(lhs), rankOf(rhs)) > 4;
}

static double perTensorScale(Value value) {
  if (auto q = dyn_cast<quant::UniformQuantizedType>(
          getElementTypeOrSelf(value.getType())))
    return q.getScale();
  return 0.0;
}

//===----------------------------------------------------------------------===//
// Version rules, one per operator
//===----------------------------------------------------------------------===//

/// Version 1 for float, 2 for int8 and 3 for int16: the rule most ops share.
static int int8Is2Int16Is3(Operation *op) {
  if (is(input0(op), TT::INT16))
    return 3;
  if (is(input0(op), TT::INT8))
    return 2;
  return 1;
}

static int int8Is2(Operation *op) { return is(input0(op), TT::INT8) ? 2 : 1; }

static int alwaysVersion1(Operation *) { return 1; }

static int conv2DVersion(Operation *op) {
  Value input = operand(op, 0), filter = operand(op, 1);
  auto inputType = cast<ShapedType>(input.getType());
  auto filterType = cast<ShapedType>(filter.getType());
  if (inputType.hasRank() && filterType.hasRank() &&
      inputType.getRank() == 4 && filterType.getRank() == 4 &&
      !inputType.isDynamicDim(3) && !filterType.isDynamicDim(3) &&
      inputType.getDimSize(3) != filterType.getDimSize(3))
    return 6; // Grouped convolution.
  if (is(input, TT::INT16))
    return 4;
  if (is(input, TT::INT8) && is(filter, TT::INT8))
    return 3;
  if (is(input, TT::FLOAT32) && is(filter, TT::INT8))
    return isPerAxis(filter) ? 5 : 2; // Hybrid.
  return 1;
}

static int depthwiseConv2DVersion(Operation *op) {
  Value input = operand(op, 0), filter = operand(op, 1);
  if (is(input, TT::INT16))
    return 5;
  if (is(input, TT::FLOAT32) && is(filter, TT::INT8))
    return isPerAxis(filter) ? 6 : 4; // Hybrid.
  if (is(input, TT::INT8) && is(filter, TT::INT8))
    return 3;
  auto dw = cast<DepthwiseConv2DOp>(op);
  if (dw.getDilationH() != 1 || dw.getDilationW() != 1)
    return 2;
  return 1;
}

static int transposeConvVersion(Operation *op) {
  auto conv = cast<TransposeConvOp>(op);
  if (conv.getFusedActivation() != Activation::None)
    return 4;
  if (conv.getBias())
    return 3;
  if (is(conv.getFilter(), TT::INT8))
    return 2;
  return 1;
}

static int fullyConnectedVersion(Operation *op) {
  auto fc = cast<FullyConnectedOp>(op);
  Value input = fc.getInput(), filter = fc.getFilter();
  if (is(input, TT::FLOAT32) && is(filter, TT::INT8) && isPerAxis(filter))
    return 12; // Hybrid, per channel.
  if (is(input, TT::INT16))
    return 7;
  if (!fc.getBias())
    return 6;
  if (fc.getKeepNumDims())
    return 5;
  if (is(input, TT::INT8) && is(filter, TT::INT8))
    return 4;
  if (is(input, TT::FLOAT32) && is(filter, TT::INT8))
    return 3; // Hybrid.
  return 1;
}

static int batchMatMulVersion(Operation *op) {
  if (is(input0(op), TT::INT16))
    return 3;
  if (is(input0(op), TT::INT8))
    return 2;
  return 1;
}

static bool isQuantizedInt16(Value value) {
  return is(value, TT::INT16) &&
         isa<quant::QuantizedType>(getElementTypeOrSelf(value.getType()));
}

static int addVersion(Operation *op) {
  if (is(input0(op), TT::INT16))
    return isQuantizedInt16(input0(op)) ? 3 : 5; // qnt writes general scales.
  if (is(input0(op), TT::INT64))
    return 4;
  return int8Is2(op);
}

static int subVersion(Operation *op) {
  if (isQuantizedInt16(input0(op)))
    return 5; // qnt writes general scales.
  if (is(input0(op), TT::INT64))
    return 4;
  if (broadcastsBeyond4D(op))
    return 3;
  return int8Is2(op);
}

static int mulVersion(Operation *op) {
  Value lhs = operand(op, 0), rhs = operand(op, 1);
  if (is(lhs, TT::INT16))
    return isQuantizedInt16(lhs) ? 4 : 7;
  if (is(lhs, TT::INT64))
    return 5;
  double lhsScale = perTensorScale(lhs), rhsScale = perTensorScale(rhs);
  double outScale = perTensorScale(result0(op));
  if (lhsScale != 0 && rhsScale != 0 && outScale != 0 &&
      lhsScale * rhsScale / outScale >= 1.0)
    return 3;
  return int8Is2(op);
}

static int divVersion(Operation *op) { return broadcastsBeyond4D(op) ? 2 : 1; }

static int maxMinVersion(Operation *op) {
  if (is(input0(op), TT::INT16))
    return 4;
  if (broadcastsBeyond4D(op))
    return 3;
  return int8Is2(op);
}

static int reluVersion(Operation *op) {
  if (is(input0(op), TT::INT16))
    return 3;
  if (is(input0(op), TT::INT8) || is(input0(op), TT::UINT8))
    return 2;
  return 1;
}

static int leakyReluVersion(Operation *op) {
  return is(input0(op), TT::INT16) ? 2 : 1;
}

static int transposeVersion(Operation *op) {
  int64_t rank = rankOf(input0(op));
  if (rank > 5)
    return 6;
  if (is(input0(op), TT::INT16))
    return 5;
  if (rank > 4)
    return 4;
  if (is(input0(op), TT::BOOL))
    return 3;
  return int8Is2(op);
}

static int concatenationVersion(Operation *op) {
  if (is(input0(op), TT::UINT32))
    return 4;
  return int8Is2Int16Is3(op);
}

static int padVersion(Operation *op) {
  if (rankOf(input0(op)) > 4)
    return 4;
  return int8Is2Int16Is3(op);
}

static int resizeBilinearVersion(Operation *op) {
  if (is(input0(op), TT::INT16))
    return 4;
  if (cast<ResizeBilinearOp>(op).getHalfPixelCenters())
    return 3;
  return int8Is2(op);
}

static int resizeNearestVersion(Operation *op) {
  if (is(input0(op), TT::INT16))
    return 4;
  auto resize = cast<ResizeNearestNeighborOp>(op);
  if (resize.getHalfPixelCenters() || resize.getAlignCorners())
    return 3;
  return int8Is2(op);
}

static int sliceVersion(Operation *op) {
  if (is(input0(op), TT::UINT32))
    return 6;
  if (rankOf(input0(op)) > 4)
    return 5;
  if (is(input0(op), TT::INT16))
    return 4;
  return int8Is2(op);
}

static int stridedSliceVersion(Operation *op) {
  auto slice = cast<StridedSliceOp>(op);
  if (slice.getOffset())
    return 8;
  if (is(input0(op), TT::UINT32))
    return 7;
  if (slice.getEllipsisMask() != 0 || slice.getNewAxisMask() != 0)
    return 6;
  if (rankOf(input0(op)) > 4)
    return 4;
  if (is(input0(op), TT::BOOL))
    return 3;
  return int8Is2(op);
}

static int gatherVersion(Operation *op) {
  if (cast<GatherOp>(op).getBatchDims() != 0)
    return 5;
  if (is(input0(op), TT::INT16))
    return 4;
  return int8Is2(op);
}

static int quantizeVersion(Operation *op) {
  if (isPerAxis(result0(op)))
    return 3;
  if (is(result0(op), TT::INT16))
    return 2;
  return 1;
}

static int dequantizeVersion(Operation *op) {
  Value input = input0(op);
  if (is(input, TT::INT16) || is(input, TT::FLOAT16))
    return 3;
  if (is(input, TT::INT8))
    return isPerAxis(input) ? 5 : 2;
  return 1;
}

static int logisticTanhVersion(Operation *op) {
  return int8Is2Int16Is3(op);
}

/// EXP, LOG, SQRT: version 2 for int8 and int16 alike.
static int quantizedIs2(Operation *op) {
  return is(input0(op), TT::INT8) || isQuantizedInt16(input0(op)) ? 2 : 1;
}

/// SPACE_TO_BATCH_ND, BATCH_TO_SPACE_ND: 3-D inputs need version 3.
static int batchSpaceVersion(Operation *op) {
  if (is(input0(op), TT::INT16))
    return 4;
  if (rankOf(input0(op)) != 4)
    return 3;
  return int8Is2(op);
}

static int tileVersion(Operation *op) {
  return is(input0(op), TT::INT8) ? 3 : 1;
}

/// BROADCAST_TO starts at version 2 (version 1 was withdrawn).
static int broadcastToVersion(Operation *op) {
  return is(input0(op), TT::INT8) || is(input0(op), TT::INT16) ? 3 : 2;
}

static int absVersion(Operation *op) {
  if (is(input0(op), TT::INT16))
    return isQuantizedInt16(input0(op)) ? 3 : 4;
  if (is(input0(op), TT::INT32))
    return 5;
  return int8Is2(op);
}

//===----------------------------------------------------------------------===//
// Options that depend on types
//===----------------------------------------------------------------------===//

/// ADD/SUB `pot_scale_int16`: int16 kernels restricted to power-of-two
/// scales when true. qnt always means general scales: export writes false
/// for int16 ops; an int16 operator with the restriction is kept as
/// `qnt.custom`.
template <typename NativeT> static Options<NativeT> &potScaleInt16(Options<NativeT> &options) {
  return options.custom(
      [](const NativeT &table, OptionsReader &reader) {
        bool int16 = !reader.resultTypes.empty() &&
                     isa<quant::QuantizedType>(
                         getElementTypeOrSelf(reader.resultTypes.front())) &&
                     exportElementType(getElementTypeOrSelf(
                         reader.resultTypes.front())) == TT::INT16;
        if (int16 && table.pot_scale_int16 && reader.unmodeled.empty())
          reader.unmodeled = "option 'pot_scale_int16' = true on int16";
        return success();
      },
      [](Operation *op, NativeT &table) {
        table.pot_scale_int16 = !isQuantizedInt16(op->getResult(0));
        return success();
      });
}

/// ARG_MAX and ARG_MIN `output_type`: the result's element type says it; a
/// file whose option disagrees with its output tensor is malformed.
template <typename TableT>
static Options<TableT> argExtremumOptions() {
  Options<TableT> options;
  options.custom(
      [](const TableT &table, OptionsReader &reader) -> LogicalResult {
        std::optional<TT> result;
        if (!reader.resultTypes.empty())
          result = exportElementType(
              getElementTypeOrSelf(reader.resultTypes.front()));
        if (result != table.output_type)
          return reader.emitError()
                 << "has output_type "
                 << tflite::EnumNameTensorType(table.output_type)
                 << " but its output tensor is "
                 << (result ? tflite::EnumNameTensorType(*result) : "other");
        return success();
      },
      [](Operation *op, TableT &table) -> LogicalResult {
        std::optional<TT> result = typeOf(op->getResult(0));
        if (!result || (*result != TT::INT32 && *result != TT::INT64))
          return op->emitOpError("result must be int32 or int64 for TFLite");
        table.output_type = *result;
        return success();
      });
  return options;
}

/// RESHAPE `new_shape`: the result type says the shape. It is written only
/// when the op has no shape operand, which TFLite then reads instead.
static Options<tflite::ReshapeOptionsT> reshapeOptions() {
  Options<tflite::ReshapeOptionsT> options;
  options.custom(
      [](const tflite::ReshapeOptionsT &, OptionsReader &) {
        return success();
      },
      [](Operation *op, tflite::ReshapeOptionsT &table) -> LogicalResult {
        if (op->getNumOperands() > 1)
          return success();
        auto type = cast<ShapedType>(op->getResult(0).getType());
        int dynamicDims = 0;
        for (int64_t dim : type.getShape()) {
          if (ShapedType::isDynamic(dim)) {
            ++dynamicDims;
            table.new_shape.push_back(-1);
          } else {
            table.new_shape.push_back(static_cast<int32_t>(dim));
          }
        }
        if (dynamicDims > 1)
          return op->emitOpError()
                 << "has no shape operand and more than one dynamic "
                    "dimension: TFLite cannot infer its shape";
        return success();
      });
  return options;
}

/// MIRROR_PAD `mode`: REFLECT or SYMMETRIC, the op's `mode` attribute.
static Options<tflite::MirrorPadOptionsT> mirrorPadOptions() {
  Options<tflite::MirrorPadOptionsT> options;
  options.custom(
      [](const tflite::MirrorPadOptionsT &table,
         OptionsReader &reader) -> LogicalResult {
        MirrorPadMode mode;
        if (table.mode == tflite::MirrorPadMode::REFLECT)
          mode = MirrorPadMode::Reflect;
        else if (table.mode == tflite::MirrorPadMode::SYMMETRIC)
          mode = MirrorPadMode::Symmetric;
        else
          return reader.emitError() << "has unknown mirror pad mode "
                                    << static_cast<int>(table.mode);
        reader.attrs.set("mode", MirrorPadModeAttr::get(
                                     reader.builder.getContext(), mode));
        return success();
      },
      [](Operation *op, tflite::MirrorPadOptionsT &table) -> LogicalResult {
        table.mode = cast<MirrorPadOp>(op).getMode() == MirrorPadMode::Reflect
                         ? tflite::MirrorPadMode::REFLECT
                         : tflite::MirrorPadMode::SYMMETRIC;
        return success();
      });
  return options;
}

//===----------------------------------------------------------------------===//
// The table
//===----------------------------------------------------------------------===//

namespace {
using B = tflite::BuiltinOperator;
using RuntimeVersions = std::vector<StringRef>;

template <typename OpTy, typename NativeT>
OpMapping entry(B code, const Options<NativeT> &options,
                OpMapping::VersionFn version, RuntimeVersions runtimes) {
  return OpMapping(OpTy::getOperationName(), code, options.importFn(),
                   options.exportFn(), version, std::move(runtimes));
}

template <typename OpTy>
OpMapping entry(B code, NoOptions, OpMapping::VersionFn version,
                RuntimeVersions runtimes) {
  return OpMapping(
      OpTy::getOperationName(), code,
      [](OptionsReader &) { return success(); },
      [](Operation *, flatbuffers::FlatBufferBuilder &)
          -> FailureOr<WrittenOptions> { return WrittenOptions(); },
      version, std::move(runtimes));
}

template <typename NativeT> Options<NativeT> options() { return {}; }

std::vector<OpMapping> buildTable() {
  using namespace tflite;
  std::vector<OpMapping> table;
  const RuntimeVersions poolRuntimes = {"1.5.0", "1.14.0", "2.3.0"};
  const RuntimeVersions maxMinRuntimes = {"1.14.0", "1.14.0", "2.3.0",
                                          "2.3.0"};

  // Convolutions and matrix products.
  table.push_back(entry<Conv2DOp>(
      B::CONV_2D,
      options<Conv2DOptionsT>()
          .padding("padding", &Conv2DOptionsT::padding)
          .i32("stride_w", &Conv2DOptionsT::stride_w)
          .i32("stride_h", &Conv2DOptionsT::stride_h)
          .activation("fused_activation",
                      &Conv2DOptionsT::fused_activation_function)
          .i32("dilation_w", &Conv2DOptionsT::dilation_w_factor)
          .i32("dilation_h", &Conv2DOptionsT::dilation_h_factor),
      conv2DVersion, {"1.5.0", "1.14.0", "1.14.0", "2.3.0", "2.4.0", "2.9.0"}));
  table.push_back(entry<DepthwiseConv2DOp>(
      B::DEPTHWISE_CONV_2D,
      options<DepthwiseConv2DOptionsT>()
          .padding("padding", &DepthwiseConv2DOptionsT::padding)
          .i32("stride_w", &DepthwiseConv2DOptionsT::stride_w)
          .i32("stride_h", &DepthwiseConv2DOptionsT::stride_h)
          .i32("depth_multiplier", &DepthwiseConv2DOptionsT::depth_multiplier)
          .activation("fused_activation",
                      &DepthwiseConv2DOptionsT::fused_activation_function)
          .i32("dilation_w", &DepthwiseConv2DOptionsT::dilation_w_factor)
          .i32("dilation_h", &DepthwiseConv2DOptionsT::dilation_h_factor),
      depthwiseConv2DVersion,
      {"1.5.0", "1.12.0", "1.14.0", "2.2.0", "2.3.0", "2.3.0"}));
  table.push_back(entry<TransposeConvOp>(
      B::TRANSPOSE_CONV,
      options<TransposeConvOptionsT>()
          .padding("padding", &TransposeConvOptionsT::padding)
          .i32("stride_w", &TransposeConvOptionsT::stride_w)
          .i32("stride_h", &TransposeConvOptionsT::stride_h)
          .activation("fused_activation",
                      &TransposeConvOptionsT::fused_activation_function),
      transposeConvVersion, {"1.9.0", "2.2.0", "2.3.0"}));
  table.push_back(entry<FullyConnectedOp>(
      B::FULLY_CONNECTED,
      options<FullyConnectedOptionsT>()
          .activation("fused_activation",
                      &FullyConnectedOptionsT::fused_activation_function)
          .fixed("weights_format", &FullyConnectedOptionsT::weights_format,
                 FullyConnectedOptionsWeightsFormat::DEFAULT)
          .flag("keep_num_dims", &FullyConnectedOptionsT::keep_num_dims)
          .flag("asymmetric_quantize_inputs",
                &FullyConnectedOptionsT::asymmetric_quantize_inputs),
      fullyConnectedVersion,
      {"1.5.0", "1.10.0", "1.14.0", "1.14.0", "2.0.0", "2.1.0", "2.3.0",
       "2.3.0", "2.3.0"}));
  table.push_back(entry<BatchMatMulOp>(
      B::BATCH_MATMUL,
      options<BatchMatMulOptionsT>()
          .flag("adj_x", &BatchMatMulOptionsT::adj_x)
          .flag("adj_y", &BatchMatMulOptionsT::adj_y)
          .flag("asymmetric_quantize_inputs",
                &BatchMatMulOptionsT::asymmetric_quantize_inputs),
      batchMatMulVersion, {"2.3.0", "2.3.0", "2.4.0", "2.5.0"}));

  // Elementwise arithmetic.
  {
    auto add = options<AddOptionsT>().activation(
        "fused_activation", &AddOptionsT::fused_activation_function);
    table.push_back(entry<AddOp>(B::ADD, potScaleInt16(add), addVersion,
                                 {"1.5.0", "1.14.0", "2.4.0", "2.6.0"}));
    auto sub = options<SubOptionsT>().activation(
        "fused_activation", &SubOptionsT::fused_activation_function);
    table.push_back(entry<SubOp>(B::SUB, potScaleInt16(sub), subVersion,
                                 {"1.6.0", "1.14.0", "2.3.0", "2.4.0",
                                  "2.4.0"}));
  }
  table.push_back(entry<MulOp>(
      B::MUL,
      options<MulOptionsT>().activation(
          "fused_activation", &MulOptionsT::fused_activation_function),
      mulVersion, {"1.5.0", "1.14.0", "1.15.0", "2.3.0", "2.6.0"}));
  table.push_back(entry<DivOp>(
      B::DIV,
      options<DivOptionsT>().activation(
          "fused_activation", &DivOptionsT::fused_activation_function),
      divVersion, {"1.6.0", "2.3.0"}));
  table.push_back(entry<MaximumOp>(B::MAXIMUM, NoOptions(), maxMinVersion,
                                   maxMinRuntimes));
  table.push_back(entry<MinimumOp>(B::MINIMUM, NoOptions(), maxMinVersion,
                                   maxMinRuntimes));

  // Activations.
  table.push_back(entry<ReluOp>(B::RELU, NoOptions(), reluVersion,
                                {"1.5.0", "2.1.0", "2.5.0"}));
  table.push_back(entry<Relu6Op>(B::RELU6, NoOptions(), int8Is2Int16Is3,
                                 {"1.5.0", "1.14.0", "2.5.0"}));
  table.push_back(entry<ReluN1To1Op>(B::RELU_N1_TO_1, NoOptions(),
                                     alwaysVersion1, {"1.5.0"}));
  table.push_back(entry<LeakyReluOp>(
      B::LEAKY_RELU, options<LeakyReluOptionsT>().f32("alpha", &LeakyReluOptionsT::alpha),
      leakyReluVersion, {"1.13.1", "2.3.0"}));
  table.push_back(
      entry<PReluOp>(B::PRELU, NoOptions(), alwaysVersion1, {"1.8.0"}));
  table.push_back(entry<HardSwishOp>(B::HARD_SWISH, NoOptions(),
                                     alwaysVersion1, {"1.15.0"}));
  table.push_back(entry<LogisticOp>(B::LOGISTIC, NoOptions(),
                                    logisticTanhVersion,
                                    {"1.14.0", "1.14.0", "2.3.0"}));
  table.push_back(entry<TanhOp>(B::TANH, NoOptions(), logisticTanhVersion,
                                {"1.14.0", "1.14.0", "2.3.0"}));
  table.push_back(entry<SoftmaxOp>(
      B::SOFTMAX, options<SoftmaxOptionsT>().f32("beta", &SoftmaxOptionsT::beta),
      int8Is2Int16Is3, {"1.5.0", "1.14.0", "2.3.0"}));
  table.push_back(entry<LogSoftmaxOp>(B::LOG_SOFTMAX, NoOptions(), int8Is2,
                                      {"1.14.0", "1.14.0"}));
  // TFLite refuses a fused activation on L2_NORMALIZATION.
  table.push_back(entry<L2NormalizationOp>(
      B::L2_NORMALIZATION,
      options<L2NormOptionsT>().fixed(
          "fused_activation_function",
          &L2NormOptionsT::fused_activation_function,
          ActivationFunctionType::NONE),
      int8Is2, {"1.5.0", "1.14.0"}));
  table.push_back(entry<GeluOp>(
      B::GELU,
      options<GeluOptionsT>().flag("approximate", &GeluOptionsT::approximate),
      int8Is2, {"2.9.0", "2.9.0"}));

  // Elementwise math.
  table.push_back(entry<ExpOp>(B::EXP, NoOptions(), quantizedIs2,
                               {"1.7.0", "2.15.0"}));
  table.push_back(entry<LogOp>(B::LOG, NoOptions(), quantizedIs2,
                               {"1.14.0", "2.15.0"}));
  table.push_back(entry<SqrtOp>(B::SQRT, NoOptions(), quantizedIs2,
                                {"1.10.0", "2.15.0"}));
  table.push_back(entry<RsqrtOp>(B::RSQRT, NoOptions(), int8Is2Int16Is3,
                                 {"1.10.0", "2.5.0", "2.15.0"}));
  table.push_back(entry<AbsOp>(B::ABS, NoOptions(), absVersion,
                               {"1.13.0", "2.4.0", "2.5.0", "2.6.0",
                                "2.15.0"}));
  table.push_back(
      entry<NegOp>(B::NEG, NoOptions(), alwaysVersion1, {"1.9.0"}));
  table.push_back(
      entry<FloorOp>(B::FLOOR, NoOptions(), alwaysVersion1, {"1.9.0"}));
  table.push_back(
      entry<EluOp>(B::ELU, NoOptions(), int8Is2, {"1.14.0", "2.4.0"}));
  table.push_back(entry<SquaredDifferenceOp>(
      B::SQUARED_DIFFERENCE, NoOptions(), int8Is2, {"1.13.0", "2.5.0"}));
  table.push_back(
      entry<PowOp>(B::POW, NoOptions(), alwaysVersion1, {"1.10.0"}));

  // Pooling and reductions.
  auto pool = [] {
    return options<Pool2DOptionsT>()
        .padding("padding", &Pool2DOptionsT::padding)
        .i32("stride_w", &Pool2DOptionsT::stride_w)
        .i32("stride_h", &Pool2DOptionsT::stride_h)
        .i32("filter_w", &Pool2DOptionsT::filter_width)
        .i32("filter_h", &Pool2DOptionsT::filter_height)
        .activation("fused_activation",
                    &Pool2DOptionsT::fused_activation_function);
  };
  table.push_back(entry<AveragePool2DOp>(B::AVERAGE_POOL_2D, pool(),
                                         int8Is2Int16Is3, poolRuntimes));
  table.push_back(entry<MaxPool2DOp>(B::MAX_POOL_2D, pool(), int8Is2Int16Is3,
                                     poolRuntimes));
  table.push_back(entry<MeanOp>(
      B::MEAN, options<ReducerOptionsT>().flag("keep_dims", &ReducerOptionsT::keep_dims),
      int8Is2Int16Is3, {"1.6.0", "1.14.0", "2.4.0"}));
  table.push_back(entry<SumOp>(
      B::SUM,
      options<ReducerOptionsT>().flag("keep_dims", &ReducerOptionsT::keep_dims),
      int8Is2, {"1.10.0", "1.15.0"}));
  table.push_back(entry<ReduceMaxOp>(
      B::REDUCE_MAX,
      options<ReducerOptionsT>().flag("keep_dims", &ReducerOptionsT::keep_dims),
      int8Is2Int16Is3, {"1.11.0", "1.14.0", "2.5.0"}));
  table.push_back(entry<ReduceMinOp>(
      B::REDUCE_MIN,
      options<ReducerOptionsT>().flag("keep_dims", &ReducerOptionsT::keep_dims),
      int8Is2Int16Is3, {"1.11.0", "1.14.0", "2.5.0"}));
  table.push_back(entry<ArgMaxOp>(B::ARG_MAX,
                                  argExtremumOptions<tflite::ArgMaxOptionsT>(),
                                  int8Is2, {"1.9.0", "1.14.0"}));
  table.push_back(entry<ArgMinOp>(B::ARG_MIN,
                                  argExtremumOptions<tflite::ArgMinOptionsT>(),
                                  int8Is2, {"1.9.0", "1.14.0"}));

  // Shape and data movement.
  table.push_back(entry<ReshapeOp>(B::RESHAPE, reshapeOptions(),
                                   alwaysVersion1, {"1.5.0"}));
  table.push_back(entry<SqueezeOp>(
      B::SQUEEZE,
      options<SqueezeOptionsT>().dims("squeeze_dims",
                                      &SqueezeOptionsT::squeeze_dims),
      alwaysVersion1, {"1.6.0", "2.5.0"}));
  table.push_back(entry<TransposeOp>(
      B::TRANSPOSE, NoOptions(), transposeVersion,
      {"1.6.0", "1.14.0", "1.15.0", "2.3.0", "2.4.0"}));
  table.push_back(entry<ConcatenationOp>(
      B::CONCATENATION,
      options<ConcatenationOptionsT>()
          .i32("axis", &ConcatenationOptionsT::axis)
          .activation("fused_activation",
                      &ConcatenationOptionsT::fused_activation_function),
      concatenationVersion, {"1.5.0", "1.14.0", "2.3.0"}));
  table.push_back(entry<PadOp>(B::PAD, NoOptions(), padVersion,
                               {"1.5.0", "1.14.0", "2.4.0", "2.6.0"}));
  table.push_back(entry<PadV2Op>(B::PADV2, NoOptions(), padVersion,
                                 {"1.9.0", "1.14.0", "2.4.0", "2.6.0"}));
  table.push_back(entry<MirrorPadOp>(B::MIRROR_PAD, mirrorPadOptions(),
                                     int8Is2Int16Is3,
                                     {"1.13.1", "2.3.0", "2.12.0"}));
  table.push_back(entry<ResizeBilinearOp>(
      B::RESIZE_BILINEAR,
      options<ResizeBilinearOptionsT>()
          .flag("align_corners", &ResizeBilinearOptionsT::align_corners)
          .flag("half_pixel_centers",
                &ResizeBilinearOptionsT::half_pixel_centers),
      resizeBilinearVersion, {"1.7.0", "1.14.0", "2.2.0", "2.5.0"}));
  table.push_back(entry<ResizeNearestNeighborOp>(
      B::RESIZE_NEAREST_NEIGHBOR,
      options<ResizeNearestNeighborOptionsT>()
          .flag("align_corners", &ResizeNearestNeighborOptionsT::align_corners)
          .flag("half_pixel_centers",
                &ResizeNearestNeighborOptionsT::half_pixel_centers),
      resizeNearestVersion, {"1.13.1", "1.14.0", "2.3.0", "2.4.0"}));
  table.push_back(entry<SliceOp>(
      B::SLICE, NoOptions(), sliceVersion,
      {"1.14.0", "1.14.0", "1.14.0", "2.4.0", "2.5.0"}));
  table.push_back(entry<StridedSliceOp>(
      B::STRIDED_SLICE,
      options<StridedSliceOptionsT>()
          .i32("begin_mask", &StridedSliceOptionsT::begin_mask)
          .i32("end_mask", &StridedSliceOptionsT::end_mask)
          .i32("ellipsis_mask", &StridedSliceOptionsT::ellipsis_mask)
          .i32("new_axis_mask", &StridedSliceOptionsT::new_axis_mask)
          .i32("shrink_axis_mask", &StridedSliceOptionsT::shrink_axis_mask)
          .flag("offset", &StridedSliceOptionsT::offset),
      stridedSliceVersion,
      {"1.6.0", "1.14.0", "2.1.0", "2.2.0", "2.5.0", "2.6.0"}));
  table.push_back(entry<GatherOp>(
      B::GATHER,
      options<GatherOptionsT>()
          .i32("axis", &GatherOptionsT::axis)
          .i32("batch_dims", &GatherOptionsT::batch_dims),
      gatherVersion, {"1.6.0", "1.14.0", "1.15.0", "2.4.0", "2.5.0"}));
  table.push_back(entry<SpaceToDepthOp>(
      B::SPACE_TO_DEPTH,
      options<SpaceToDepthOptionsT>().i32("block_size",
                                          &SpaceToDepthOptionsT::block_size),
      int8Is2, {"1.9.0", "1.14.0"}));
  table.push_back(entry<DepthToSpaceOp>(
      B::DEPTH_TO_SPACE,
      options<DepthToSpaceOptionsT>().i32("block_size",
                                          &DepthToSpaceOptionsT::block_size),
      int8Is2, {"2.1.0", "2.5.0"}));
  table.push_back(entry<SpaceToBatchNdOp>(
      B::SPACE_TO_BATCH_ND, NoOptions(), batchSpaceVersion,
      {"1.6.0", "1.14.0", "2.3.0", "2.12.0"}));
  table.push_back(entry<BatchToSpaceNdOp>(
      B::BATCH_TO_SPACE_ND, NoOptions(), batchSpaceVersion,
      {"1.6.0", "1.14.0", "2.3.0", "2.12.0"}));
  table.push_back(entry<TileOp>(B::TILE, NoOptions(), tileVersion,
                                {"1.10.1", "2.2.0", "2.8.0"}));
  table.push_back(entry<BroadcastToOp>(B::BROADCAST_TO, NoOptions(),
                                       broadcastToVersion,
                                       {"2.5.0", "2.5.0", "2.5.0"}));

  // Quantization.
  table.push_back(entry<QuantizeOp>(B::QUANTIZE, NoOptions(), quantizeVersion,
                                    {"1.14.0", "1.15.0", "2.7.0"}));
  table.push_back(entry<DequantizeOp>(
      B::DEQUANTIZE, NoOptions(), dequantizeVersion,
      {"1.13.1", "1.14.0", "1.15.0", "2.2.0", "2.7.0"}));
  // A rescale between quantized types is a QUANTIZE in TFLite, which
  // recomputes the multiplier and shift the op states; it imports back as
  // `qnt.quantize` (the first entry of a code wins).
  table.push_back(entry<RequantizeOp>(B::QUANTIZE, NoOptions(),
                                      quantizeVersion,
                                      {"1.14.0", "1.15.0", "2.7.0"}));
  return table;
}

/// The table with its two indexes, built once.
struct Registry {
  std::vector<OpMapping> entries = buildTable();
  llvm::StringMap<const OpMapping *> byName;
  llvm::DenseMap<int32_t, const OpMapping *> byCode;

  Registry() {
    for (const OpMapping &mapping : entries) {
      byName[mapping.getOpName()] = &mapping;
      byCode.try_emplace(static_cast<int32_t>(mapping.getCode()), &mapping);
    }
  }
};

const Registry &getRegistry() {
  static const Registry registry;
  return registry;
}
} // namespace

const OpMapping *tfl::lookupOpMapping(StringRef opName) {
  return getRegistry().byName.lookup(opName);
}

const OpMapping *tfl::lookupOpMapping(int32_t builtinCode) {
  return getRegistry().byCode.lookup(builtinCode);
}

bool tfl::isOlderRuntime(StringRef a, StringRef b) {
  SmallVector<StringRef> partsA, partsB;
  a.split(partsA, '.');
  b.split(partsB, '.');
  for (size_t i = 0; i < std::min(partsA.size(), partsB.size()); ++i) {
    unsigned x = 0, y = 0;
    partsA[i].getAsInteger(10, x);
    partsB[i].getAsInteger(10, y);
    if (x != y)
      return x < y;
  }
  return partsA.size() < partsB.size();
}
