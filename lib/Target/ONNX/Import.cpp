//===- Import.cpp - ONNX model to qnt -------------------------------------===//
//
// See include/qnt/Target/ONNX/Import.h for what is imported and how.
//
//===----------------------------------------------------------------------===//

#include "qnt/Target/ONNX/Import.h"

#include "qnt/Dialect/Qnt/IR/QntDialect.h"
#include "qnt/Dialect/Qnt/IR/QntOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/IR/Verifier.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSet.h"

#include "onnx/defs/schema.h"
#include "onnx/onnx_pb.h"
#include "onnx/shape_inference/implementation.h"
#include "onnx/version_converter/convert.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <numeric>
#include <optional>
#include <set>
#include <string>
#include <vector>

using namespace mlir;
using namespace qnt;

namespace {

using Dims = SmallVector<int64_t>;

constexpr int64_t kMinOpset = 11;
constexpr int64_t kMaxOpset = 17;
/// Older models are upgraded to kMinOpset by ONNX's version converter first.
/// Below opset 6 its adapters miss ops qnt imports (Tile, Cast, Pad, Split)
/// and nothing checks the rest: no runtime or test data runs those opsets.
constexpr int64_t kMinConvertedOpset = 6;
/// TFLite shapes, strides and paddings are 32-bit; bounding every dimension
/// and window attribute by this also keeps the window arithmetic in 64 bits.
constexpr int64_t kMaxDim = std::numeric_limits<int32_t>::max();
/// Shape computations fold to small tensors; a Gather folded at import may
/// not build more values than this.
constexpr int64_t kMaxFoldElements = int64_t(1) << 26;

/// A tensor whose value is known at import time.
struct ConstTensor {
  Dims shape;
  bool isFloat = true;
  std::vector<float> f;
  std::vector<int64_t> i;

  int64_t size() const { return isFloat ? f.size() : i.size(); }
  double at(int64_t k) const { return isFloat ? f[k] : double(i[k]); }
};

/// An imported tensor: `value` holds the ONNX tensor with its dimensions
/// permuted by `perm` (stored dimension d is ONNX dimension perm[d]).
struct Imported {
  Value value;
  Dims perm;
};

/// The element count of \p shape, or INT64_MAX when it does not fit (a
/// malformed file); shapes are checked against that before use.
int64_t numElements(ArrayRef<int64_t> shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    if (__builtin_mul_overflow(n, d, &n))
      return std::numeric_limits<int64_t>::max();
  return n;
}

std::string shapeString(ArrayRef<int64_t> shape) {
  std::string s = "[";
  for (auto [i, d] : llvm::enumerate(shape))
    s += (i ? ", " : "") + std::to_string(d);
  return s + "]";
}

Dims identity(int64_t rank) {
  Dims perm(rank);
  std::iota(perm.begin(), perm.end(), 0);
  return perm;
}

Dims inverse(ArrayRef<int64_t> perm) {
  Dims inv(perm.size());
  for (size_t i = 0; i < perm.size(); ++i)
    inv[perm[i]] = i;
  return inv;
}

/// Reducing ONNX dimensions `axes` of a value stored with `perm`: the
/// stored dimensions to reduce (sorted), and the result's permutation.
std::pair<Dims, Dims> reducedLayout(ArrayRef<int64_t> perm,
                                    ArrayRef<int64_t> axes, bool keep) {
  Dims inv = inverse(perm);
  Dims stored;
  for (int64_t a : axes)
    stored.push_back(inv[a]);
  llvm::sort(stored);
  if (keep)
    return {stored, Dims(perm)};
  // Remaining dimensions in stored order, renumbered.
  Dims remaining;
  for (int64_t p : perm)
    if (!llvm::is_contained(axes, p))
      remaining.push_back(p);
  Dims sorted = remaining;
  llvm::sort(sorted);
  Dims outPerm;
  for (int64_t p : remaining)
    outPerm.push_back(llvm::find(sorted, p) - sorted.begin());
  return {stored, outPerm};
}

Dims permuteShape(ArrayRef<int64_t> shape, ArrayRef<int64_t> perm) {
  Dims out;
  for (int64_t p : perm)
    out.push_back(shape[p]);
  return out;
}

/// NCHW -> NHWC.
Dims nhwcPerm() { return {0, 2, 3, 1}; }

/// A 1-D window's kernel, strides or dilations as a 2-D window's over a
/// single row (1 for the added height).
Dims rowWindow(ArrayRef<int64_t> w) { return {1, w[0]}; }

/// 1-D pads [begin, end] as 2-D pads (none on the added height).
Dims rowPads(ArrayRef<int64_t> p) {
  return p.empty() ? Dims() : Dims{0, p[0], 0, p[1]};
}

/// Stored dimension d of the result is dimension perm[d] of `t`.
ConstTensor transposeConst(const ConstTensor &t, ArrayRef<int64_t> perm) {
  ConstTensor out;
  out.isFloat = t.isFloat;
  out.shape = permuteShape(t.shape, perm);
  int64_t rank = t.shape.size();
  int64_t n = numElements(t.shape);
  Dims inStrides(rank, 1);
  for (int64_t d = rank - 2; d >= 0; --d)
    inStrides[d] = inStrides[d + 1] * t.shape[d + 1];
  if (out.isFloat)
    out.f.resize(n);
  else
    out.i.resize(n);
  Dims index(rank, 0);
  for (int64_t k = 0; k < n; ++k) {
    int64_t src = 0;
    for (int64_t d = 0; d < rank; ++d)
      src += index[d] * inStrides[perm[d]];
    if (out.isFloat)
      out.f[k] = t.f[src];
    else
      out.i[k] = t.i[src];
    for (int64_t d = rank - 1; d >= 0; --d) {
      if (++index[d] < out.shape[d])
        break;
      index[d] = 0;
    }
  }
  return out;
}

/// Column k of the result is column cols[k] of the 2-D `t`.
ConstTensor reorderColumns(const ConstTensor &t, ArrayRef<int64_t> cols) {
  ConstTensor out = t;
  int64_t rows = t.shape[0], n = t.shape[1];
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t k = 0; k < n; ++k)
      out.f[r * n + k] = t.f[r * n + cols[k]];
  return out;
}

/// Whether transposing `shape` by `perm` keeps the row-major element order
/// (only dimensions of size 1 move), so a reshape does the same.
bool isOrderPreserving(ArrayRef<int64_t> shape, ArrayRef<int64_t> perm) {
  int64_t last = -1;
  for (int64_t p : perm) {
    if (shape[p] == 1)
      continue;
    if (p < last)
      return false;
    last = p;
  }
  return true;
}

std::string opsetSuffix(int64_t opset, int64_t sourceOpset) {
  std::string suffix = " (opset " + std::to_string(opset);
  if (sourceOpset)
    suffix += ", upgraded from " + std::to_string(sourceOpset);
  return suffix + ")";
}

class Importer {
public:
  Importer(StringRef fileName, MLIRContext *context,
           const ONNXImportOptions &options)
      : context(context), builder(context), options(options),
        fileLoc(FileLineColLoc::get(context, fileName, 0, 0)),
        fileName(fileName.str()) {}

  OwningOpRef<ModuleOp> run(StringRef buffer);

private:
  // Diagnostics.
  InFlightDiagnostic fileError() {
    // The location already names the file.
    return emitError(fileLoc);
  }
  InFlightDiagnostic nodeError(const onnx::NodeProto &node) {
    std::string out = node.output_size() ? node.output(0) : std::string();
    auto diag = emitError(loc(out)) << "ONNX node ";
    if (!node.name().empty())
      diag << "'" << node.name() << "' ";
    else if (!out.empty())
      diag << "producing '" << out << "' ";
    diag << "(" << node.op_type() << opsetSuffix(opset, sourceOpset)
         << "): ";
    return diag;
  }
  Location loc(const std::string &name) {
    if (name.empty())
      return fileLoc;
    return NameLoc::get(StringAttr::get(context, name), fileLoc);
  }

  // Model-level steps.
  LogicalResult checkOpset(const onnx::ModelProto &model);
  LogicalResult upgradeOpset(onnx::ModelProto &model);
  LogicalResult adaptLegacyShapes(onnx::ModelProto &model);
  LogicalResult blockMoveShapes(const onnx::NodeProto &node, Dims &in,
                                Dims &out);
  LogicalResult checkNodeOrder(const onnx::GraphProto &graph);
  LogicalResult checkSupported(const onnx::GraphProto &graph,
                               bool beforeUpgrade = false);
  LogicalResult prepareConvWeights(onnx::GraphProto &graph);
  LogicalResult checkBeforeInference(const onnx::GraphProto &graph);
  LogicalResult collectShapes(const onnx::GraphProto &graph);
  LogicalResult inferShapes(onnx::ModelProto &model);
  LogicalResult foldShapeComputations(onnx::ModelProto &model);
  LogicalResult readInitializer(const onnx::TensorProto &tensor,
                                const std::string &what, ConstTensor &out);
  LogicalResult importNode(const onnx::NodeProto &node, size_t index);
  LogicalResult checkResults(const onnx::NodeProto &node);

  // Tensors.
  bool isConst(const std::string &name) const { return consts.count(name); }
  FailureOr<Dims> shapeOf(const std::string &name,
                          const onnx::NodeProto *user = nullptr);
  FailureOr<Value> get(const std::string &name, ArrayRef<int64_t> perm,
                       const onnx::NodeProto &user);
  FailureOr<Imported> getAny(const std::string &name,
                             const onnx::NodeProto &user);
  Value emitConst(const ConstTensor &t, Location l, bool asInt32 = false);
  Value indexConst(ArrayRef<int64_t> values, Location l,
                   ArrayRef<int64_t> shape = {});
  Value scalarConst(float v, Location l, int64_t rank = 1);
  Value transposeValue(Value v, ArrayRef<int64_t> rel, Location l);
  Value reshapeValue(Value v, ArrayRef<int64_t> shape, Location l);
  RankedTensorType f32(ArrayRef<int64_t> shape) {
    return RankedTensorType::get(shape, builder.getF32Type());
  }
  void define(const std::string &name, Value v, ArrayRef<int64_t> perm) {
    vals[name] = {v, Dims(perm)};
  }
  /// A rank-3 [N, C, W] tensor as the [N, 1, W, C] image that 1-D
  /// convolutions and pooling run on (TFLite's windows are 2-D).
  FailureOr<Value> getRows(const std::string &name,
                           const onnx::NodeProto &user);
  /// Defines the [N, C, W] result of a 1-D op from its [N, 1, W, C] image.
  void defineRows(const std::string &name, Value image);

  // Attributes.
  const onnx::AttributeProto *attr(const onnx::NodeProto &n, StringRef name);
  int64_t attrInt(const onnx::NodeProto &n, StringRef name, int64_t dflt);
  float attrFloat(const onnx::NodeProto &n, StringRef name, float dflt);
  std::string attrString(const onnx::NodeProto &n, StringRef name,
                         StringRef dflt);
  Dims attrInts(const onnx::NodeProto &n, StringRef name, Dims dflt = {});
  /// `axis` counted from the back when negative; an error naming the node
  /// when it is not a dimension of a rank-`rank` tensor.
  FailureOr<int64_t> resolveAxis(const onnx::NodeProto &n, StringRef what,
                                 int64_t axis, int64_t rank);
  /// Distinct axes, each resolved as above.
  FailureOr<Dims> resolveAxes(const onnx::NodeProto &n, StringRef what,
                              ArrayRef<int64_t> axes, int64_t rank);
  /// Squeeze's axes (attribute or constant input), which ONNX's shape
  /// inference (1.12) ignores when out of range.
  LogicalResult checkSqueezeAxes(const onnx::NodeProto &n,
                                 ArrayRef<int64_t> inShape);
  /// A constant input, optional when `index` is past the inputs or empty.
  const ConstTensor *constInput(const onnx::NodeProto &n, int index);
  std::string input(const onnx::NodeProto &n, int index) {
    return index < n.input_size() ? n.input(index) : std::string();
  }

  // Op groups.
  LogicalResult foldConstantNode(const onnx::NodeProto &node, bool &folded);
  LogicalResult foldIntegerBinary(const onnx::NodeProto &node,
                                  ArrayRef<int64_t> outShape);
  LogicalResult importConv(const onnx::NodeProto &node, size_t index);
  LogicalResult importConvTranspose(const onnx::NodeProto &node);
  LogicalResult importPool(const onnx::NodeProto &node);
  LogicalResult importGemm(const onnx::NodeProto &node);
  LogicalResult importMatMul(const onnx::NodeProto &node);
  LogicalResult importBinary(const onnx::NodeProto &node);
  LogicalResult importVariadic(const onnx::NodeProto &node);
  LogicalResult importDropout(const onnx::NodeProto &node);
  LogicalResult importLRN(const onnx::NodeProto &node);
  LogicalResult importActivation(const onnx::NodeProto &node);
  /// The name of PRelu's slope as it broadcasts to the input.
  FailureOr<std::string> preluSlope(const onnx::NodeProto &node);
  LogicalResult importLayerNorm(const onnx::NodeProto &node);
  LogicalResult importInstanceNorm(const onnx::NodeProto &node);
  /// (x - mean) * rsqrt(mean((x - mean)^2) + epsilon) * scale + bias, the
  /// means over the ONNX axes `axes` of `x`; `scale` and `bias` (null for
  /// none) broadcast against `x` as stored. Each step is an op with an int8
  /// kernel, as TFLite has no normalization op.
  Value normalize(const Imported &x, ArrayRef<int64_t> axes, float epsilon,
                  Value scale, Value bias, const std::string &out);
  LogicalResult importErf(const onnx::NodeProto &node);
  /// The constant scalar operand of a binary node whose other operand is
  /// `other`, if it has one.
  std::optional<float> scalarOperand(const onnx::NodeProto &node,
                                     const std::string &other);
  /// The index of the only node reading `name`, when nothing else (graph
  /// outputs included) does.
  std::optional<size_t> soleUser(const std::string &name);
  LogicalResult importMath(const onnx::NodeProto &node);
  LogicalResult importBatchNorm(const onnx::NodeProto &node);
  LogicalResult importReshapeLike(const onnx::NodeProto &node);
  LogicalResult importTranspose(const onnx::NodeProto &node);
  bool flattenUsersTakePermutedColumns(const onnx::NodeProto &node);
  LogicalResult importConcat(const onnx::NodeProto &node);
  LogicalResult importSoftmax(const onnx::NodeProto &node);
  LogicalResult importReduceMean(const onnx::NodeProto &node);
  LogicalResult importReduce(const onnx::NodeProto &node);
  LogicalResult importArgMaxMin(const onnx::NodeProto &node);
  LogicalResult importGather(const onnx::NodeProto &node);
  LogicalResult importSpaceToDepth(const onnx::NodeProto &node);
  LogicalResult importDepthToSpace(const onnx::NodeProto &node);
  LogicalResult importRepeat(const onnx::NodeProto &node);
  LogicalResult importLpNormalization(const onnx::NodeProto &node);
  /// Checks Tile's repeats or Expand's shape (constant integer inputs)
  /// against the shapes of the input and the result.
  LogicalResult checkRepeatShape(const onnx::NodeProto &node,
                                 ArrayRef<int64_t> in, ArrayRef<int64_t> out);
  LogicalResult importPad(const onnx::NodeProto &node);
  LogicalResult importResize(const onnx::NodeProto &node);
  LogicalResult importSlice(const onnx::NodeProto &node);
  LogicalResult importSplit(const onnx::NodeProto &node);

  /// Makes `lhs` and `rhs` (ONNX broadcasting to `outShape`) stored values
  /// with a common permutation, returned in `perm`.
  LogicalResult broadcastPair(const onnx::NodeProto &node,
                              const std::string &lhs, const std::string &rhs,
                              ArrayRef<int64_t> outShape, Value &l, Value &r,
                              Dims &perm);
  FailureOr<Value> broadcastOperand(const onnx::NodeProto &node,
                                    const std::string &name, int64_t rank,
                                    ArrayRef<int64_t> perm);
  /// Applies `act` as the fused activation of the op defining `input` when
  /// that op allows it and `input` has no other user; defines `output`.
  bool tryFuseActivation(const std::string &input, const std::string &output,
                         Activation act);
  /// Explicit ONNX pads on an NHWC value: TFLite's scheme if it matches,
  /// otherwise a pad op (with `padValue`) and `valid`.
  FailureOr<Padding> choosePadding(const onnx::NodeProto &node, Value &input,
                                   ArrayRef<int64_t> inHW,
                                   ArrayRef<int64_t> kernel,
                                   ArrayRef<int64_t> strides,
                                   ArrayRef<int64_t> dilations,
                                   ArrayRef<int64_t> outHW, Dims pads,
                                   std::optional<float> padValue);

  MLIRContext *context;
  OpBuilder builder;
  ONNXImportOptions options;
  Location fileLoc;
  std::string fileName;
  int64_t opset = 0;
  /// The model's own opset when it was upgraded to kMinOpset.
  int64_t sourceOpset = 0;
  std::map<std::string, int64_t> domainOpsets;

  const onnx::GraphProto *graph = nullptr;
  std::map<std::string, ConstTensor> consts;
  std::map<std::string, Dims> shapes;
  std::map<std::string, Imported> vals;
  /// Stored values by (name, permutation), so each transpose is made once.
  std::map<std::pair<std::string, Dims>, Value> views;
  /// Rank-3 values as [N, 1, W, C] images (getRows), so that chained 1-D
  /// ops read each other's results without reshaping back and forth.
  std::map<std::string, Value> rows;
  std::map<std::string, std::vector<size_t>> consumers;
  std::map<std::string, int> uses;
  std::map<std::string, size_t> producers;
  std::set<size_t> skipped;
  /// 2-D values flattened from a permuted image: stored column k is ONNX
  /// column colPerms[name][k]. Only matrix products with constant weights
  /// read them, reordering the weights instead of the data.
  std::map<std::string, Dims> colPerms;
};

} // namespace

//===----------------------------------------------------------------------===//
// Attributes and constants
//===----------------------------------------------------------------------===//

const onnx::AttributeProto *Importer::attr(const onnx::NodeProto &n,
                                           StringRef name) {
  for (const auto &a : n.attribute())
    if (a.name() == name)
      return &a;
  return nullptr;
}

int64_t Importer::attrInt(const onnx::NodeProto &n, StringRef name,
                          int64_t dflt) {
  const auto *a = attr(n, name);
  return a ? a->i() : dflt;
}

float Importer::attrFloat(const onnx::NodeProto &n, StringRef name,
                          float dflt) {
  const auto *a = attr(n, name);
  return a ? a->f() : dflt;
}

std::string Importer::attrString(const onnx::NodeProto &n, StringRef name,
                                 StringRef dflt) {
  const auto *a = attr(n, name);
  return a ? a->s() : dflt.str();
}

FailureOr<int64_t> Importer::resolveAxis(const onnx::NodeProto &n,
                                         StringRef what, int64_t axis,
                                         int64_t rank) {
  int64_t resolved = axis < 0 ? axis + rank : axis;
  if (resolved < 0 || resolved >= rank)
    return nodeError(n) << what << " " << axis
                        << " is not a dimension of a rank-" << rank
                        << " tensor";
  return resolved;
}

FailureOr<Dims> Importer::resolveAxes(const onnx::NodeProto &n,
                                      StringRef what, ArrayRef<int64_t> axes,
                                      int64_t rank) {
  Dims resolved;
  for (int64_t axis : axes) {
    FailureOr<int64_t> a = resolveAxis(n, what, axis, rank);
    if (failed(a))
      return failure();
    if (llvm::is_contained(resolved, *a))
      return nodeError(n) << what << " " << axis << " is repeated";
    resolved.push_back(*a);
  }
  return resolved;
}

Dims Importer::attrInts(const onnx::NodeProto &n, StringRef name, Dims dflt) {
  const auto *a = attr(n, name);
  if (!a)
    return dflt;
  return Dims(a->ints().begin(), a->ints().end());
}

LogicalResult Importer::checkSqueezeAxes(const onnx::NodeProto &n,
                                        ArrayRef<int64_t> inShape) {
  Dims axes = attrInts(n, "axes");
  if (const ConstTensor *a = constInput(n, 1); a && !a->isFloat)
    axes.assign(a->i.begin(), a->i.end());
  FailureOr<Dims> resolved = resolveAxes(n, "axis", axes, inShape.size());
  if (failed(resolved))
    return failure();
  for (int64_t a : *resolved)
    if (inShape[a] != 1)
      return nodeError(n) << "cannot squeeze dimension " << a << " of size "
                          << inShape[a];
  return success();
}

const ConstTensor *Importer::constInput(const onnx::NodeProto &n, int index) {
  std::string name = input(n, index);
  if (name.empty())
    return nullptr;
  auto it = consts.find(name);
  return it == consts.end() ? nullptr : &it->second;
}

LogicalResult Importer::readInitializer(const onnx::TensorProto &tensor,
                                        const std::string &what,
                                        ConstTensor &out) {
  if (tensor.data_location() == onnx::TensorProto::EXTERNAL)
    return fileError() << what << " '" << tensor.name()
                       << "' keeps its data in an external file, which is "
                          "not supported";
  out.shape.assign(tensor.dims().begin(), tensor.dims().end());
  for (int64_t d : out.shape) {
    if (d < 0)
      return fileError() << what << " '" << tensor.name()
                         << "' has a negative dimension";
    if (d > kMaxDim)
      return fileError() << what << " '" << tensor.name() << "' has dimension "
                         << d << "; qnt supports dimensions up to " << kMaxDim;
  }
  int64_t n = numElements(out.shape);
  // Eight bytes per element must still fit the size computations below.
  if (n > std::numeric_limits<int64_t>::max() / 8)
    return fileError() << what << " '" << tensor.name()
                       << "' has too many elements";
  const std::string &raw = tensor.raw_data();
  auto badSize = [&](int64_t have) {
    return fileError() << what << " '" << tensor.name() << "' has " << have
                       << " values for " << n << " elements";
  };
  switch (tensor.data_type()) {
  case onnx::TensorProto::FLOAT:
    out.isFloat = true;
    if (tensor.has_raw_data()) {
      if (int64_t(raw.size()) != n * 4)
        return badSize(raw.size() / 4);
      out.f.resize(n);
      if (!raw.empty()) // Zero elements: data() may be null.
        std::memcpy(out.f.data(), raw.data(), raw.size());
    } else {
      if (tensor.float_data_size() != n)
        return badSize(tensor.float_data_size());
      out.f.assign(tensor.float_data().begin(), tensor.float_data().end());
    }
    return success();
  case onnx::TensorProto::DOUBLE:
    out.isFloat = true;
    if (tensor.has_raw_data()) {
      if (int64_t(raw.size()) != n * 8)
        return badSize(raw.size() / 8);
      std::vector<double> d(n);
      if (!raw.empty()) // Zero elements: data() may be null.
        std::memcpy(d.data(), raw.data(), raw.size());
      out.f.assign(d.begin(), d.end());
    } else {
      if (tensor.double_data_size() != n)
        return badSize(tensor.double_data_size());
      out.f.assign(tensor.double_data().begin(), tensor.double_data().end());
    }
    return success();
  case onnx::TensorProto::INT64:
    out.isFloat = false;
    if (tensor.has_raw_data()) {
      if (int64_t(raw.size()) != n * 8)
        return badSize(raw.size() / 8);
      out.i.resize(n);
      if (!raw.empty()) // Zero elements: data() may be null.
        std::memcpy(out.i.data(), raw.data(), raw.size());
    } else {
      if (tensor.int64_data_size() != n)
        return badSize(tensor.int64_data_size());
      out.i.assign(tensor.int64_data().begin(), tensor.int64_data().end());
    }
    return success();
  case onnx::TensorProto::INT32:
    out.isFloat = false;
    if (tensor.has_raw_data()) {
      if (int64_t(raw.size()) != n * 4)
        return badSize(raw.size() / 4);
      std::vector<int32_t> d(n);
      if (!raw.empty()) // Zero elements: data() may be null.
        std::memcpy(d.data(), raw.data(), raw.size());
      out.i.assign(d.begin(), d.end());
    } else {
      if (tensor.int32_data_size() != n)
        return badSize(tensor.int32_data_size());
      out.i.assign(tensor.int32_data().begin(), tensor.int32_data().end());
    }
    return success();
  case onnx::TensorProto::BOOL:
    // A flag such as Dropout's training_mode: one byte per value raw, or
    // int32_data.
    out.isFloat = false;
    if (tensor.has_raw_data()) {
      if (int64_t(raw.size()) != n)
        return badSize(raw.size());
      for (char c : raw)
        out.i.push_back(c != 0);
    } else {
      if (tensor.int32_data_size() != n)
        return badSize(tensor.int32_data_size());
      for (int32_t v : tensor.int32_data())
        out.i.push_back(v != 0);
    }
    return success();
  default:
    return fileError() << what << " '" << tensor.name()
                       << "' has ONNX data type " << tensor.data_type()
                       << "; only float, double, int32, int64 and bool are "
                          "supported";
  }
}

Value Importer::emitConst(const ConstTensor &t, Location l, bool asInt32) {
  if (t.isFloat) {
    auto type = f32(t.shape);
    auto attr = DenseElementsAttr::get(type, ArrayRef<float>(t.f));
    return ConstOp::create(builder, l, type, cast<ElementsAttr>(attr))
        .getResult();
  }
  if (asInt32) {
    std::vector<int32_t> v(t.i.begin(), t.i.end());
    auto type = RankedTensorType::get(t.shape, builder.getI32Type());
    auto attr = DenseElementsAttr::get(type, ArrayRef<int32_t>(v));
    return ConstOp::create(builder, l, type, cast<ElementsAttr>(attr))
        .getResult();
  }
  auto type = RankedTensorType::get(t.shape, builder.getI64Type());
  auto attr = DenseElementsAttr::get(type, ArrayRef<int64_t>(t.i));
  return ConstOp::create(builder, l, type, cast<ElementsAttr>(attr))
      .getResult();
}

Value Importer::indexConst(ArrayRef<int64_t> values, Location l,
                           ArrayRef<int64_t> shape) {
  ConstTensor t;
  t.isFloat = false;
  t.i.assign(values.begin(), values.end());
  t.shape = shape.empty() ? Dims{int64_t(values.size())} : Dims(shape);
  return emitConst(t, l, /*asInt32=*/true);
}

Value Importer::scalarConst(float v, Location l, int64_t rank) {
  ConstTensor t;
  t.f = {v};
  t.shape = Dims(rank, 1);
  return emitConst(t, l);
}

Value Importer::transposeValue(Value v, ArrayRef<int64_t> rel, Location l) {
  auto type = cast<RankedTensorType>(v.getType());
  Dims outShape = permuteShape(type.getShape(), rel);
  if (isOrderPreserving(type.getShape(), rel))
    return reshapeValue(v, outShape, l);
  return TransposeOp::create(builder, l, f32(outShape), v, indexConst(rel, l))
      .getResult();
}

Value Importer::reshapeValue(Value v, ArrayRef<int64_t> shape, Location l) {
  // Reshaping a reshape is reshaping its input (the element order is the
  // same); the inner one goes when nothing else reads it.
  if (auto inner = v.getDefiningOp<ReshapeOp>())
    v = inner.getInput();
  auto type = cast<RankedTensorType>(v.getType());
  if (type.getShape() == shape)
    return v;
  return ReshapeOp::create(builder, l, f32(shape), v, indexConst(shape, l))
      .getResult();
}

//===----------------------------------------------------------------------===//
// Tensors
//===----------------------------------------------------------------------===//

FailureOr<Dims> Importer::shapeOf(const std::string &name,
                                  const onnx::NodeProto *user) {
  if (auto it = consts.find(name); it != consts.end())
    return it->second.shape;
  if (auto it = shapes.find(name); it != shapes.end())
    return it->second;
  if (user)
    return nodeError(*user) << "tensor '" << name
                            << "' has no static shape after ONNX shape "
                               "inference";
  return fileError() << "tensor '" << name
                     << "' has no static shape after ONNX shape inference";
}

FailureOr<Imported> Importer::getAny(const std::string &name,
                                     const onnx::NodeProto &user) {
  if (auto it = vals.find(name); it != vals.end())
    return it->second;
  if (auto it = consts.find(name); it != consts.end()) {
    if (!it->second.isFloat)
      return nodeError(user) << "integer tensor '" << name
                             << "' used as data; only float32 data is "
                                "supported";
    Value v = emitConst(it->second, loc(name));
    Imported imp{v, identity(it->second.shape.size())};
    vals[name] = imp;
    return imp;
  }
  return nodeError(user) << "input '" << name << "' is not defined";
}

FailureOr<Value> Importer::get(const std::string &name, ArrayRef<int64_t> perm,
                               const onnx::NodeProto &user) {
  auto key = std::make_pair(name, Dims(perm));
  if (auto it = views.find(key); it != views.end())
    return it->second;
  // Constants are permuted at import.
  if (auto it = consts.find(name); it != consts.end() && !vals.count(name)) {
    if (!it->second.isFloat)
      return nodeError(user) << "integer tensor '" << name
                             << "' used as data; only float32 data is "
                                "supported";
    if (it->second.shape.size() != perm.size())
      return nodeError(user) << "tensor '" << name << "' has rank "
                             << it->second.shape.size() << ", expected "
                             << perm.size();
    Value v = emitConst(transposeConst(it->second, perm), loc(name));
    views[key] = v;
    return v;
  }
  FailureOr<Imported> imp = getAny(name, user);
  if (failed(imp))
    return failure();
  if (imp->perm.size() != perm.size())
    return nodeError(user) << "tensor '" << name << "' has rank "
                           << imp->perm.size() << ", expected " << perm.size();
  if (imp->perm == Dims(perm))
    return imp->value;
  // Stored dimension j must become ONNX dimension perm[j], which is stored
  // at inverse(imp->perm)[perm[j]].
  Dims inv = inverse(imp->perm);
  Dims rel;
  for (int64_t p : perm)
    rel.push_back(inv[p]);
  bool toOnnx = Dims(perm) == identity(perm.size());
  Value v = transposeValue(imp->value, rel,
                           loc(toOnnx ? name + "/onnx_layout"
                                      : name + "/nhwc"));
  views[key] = v;
  return v;
}

FailureOr<Value> Importer::getRows(const std::string &name,
                                   const onnx::NodeProto &user) {
  if (auto it = rows.find(name); it != rows.end())
    return it->second;
  FailureOr<Value> v = get(name, {0, 2, 1}, user);
  if (failed(v))
    return failure();
  // [N, W, C] and [N, 1, W, C] hold the elements in the same order.
  ArrayRef<int64_t> nwc = cast<RankedTensorType>(v->getType()).getShape();
  Value image =
      reshapeValue(*v, {nwc[0], 1, nwc[1], nwc[2]}, loc(name + "/rows"));
  rows[name] = image;
  return image;
}

void Importer::defineRows(const std::string &name, Value image) {
  ArrayRef<int64_t> nhwc = cast<RankedTensorType>(image.getType()).getShape();
  // Only other users than 1-D ops keep this reshape (dead ops are erased).
  define(name,
         reshapeValue(image, {nhwc[0], nhwc[2], nhwc[3]}, loc(name + "/nwc")),
         {0, 2, 1});
  rows[name] = image;
}

//===----------------------------------------------------------------------===//
// Model
//===----------------------------------------------------------------------===//

LogicalResult Importer::checkOpset(const onnx::ModelProto &model) {
  for (const auto &op : model.opset_import()) {
    if (op.domain().empty() || op.domain() == "ai.onnx")
      opset = op.version();
    else
      domainOpsets[op.domain()] = op.version();
  }
  if (opset == 0)
    return fileError() << "the model imports no opset of the default ONNX "
                          "domain";
  if (opset < kMinConvertedOpset || opset > kMaxOpset)
    return fileError() << "the model uses opset " << opset
                       << "; qnt imports opsets " << kMinConvertedOpset
                       << " to " << kMaxOpset << " (below " << kMinOpset
                       << " upgraded by ONNX's version converter)";
  return success();
}

/// ONNX's version converter trusts its input (a node missing a required
/// input or reading an undefined value makes it index past the end), so the
/// graph is checked against the old opset's schemas first.
LogicalResult Importer::upgradeOpset(onnx::ModelProto &model) {
  if (opset >= kMinOpset)
    return success();
  const onnx::GraphProto &g = model.graph();
  if (model.ir_version() < 3)
    return fileError() << "the model has IR version " << model.ir_version()
                       << "; upgrading an opset needs IR version 3 or later";
  if (failed(checkSupported(g, /*beforeUpgrade=*/true)) ||
      failed(checkNodeOrder(g)) || failed(checkBeforeInference(g)))
    return failure();
  // The converter's graph is SSA: a value defined twice crashes it.
  llvm::StringSet<> defined;
  for (const auto &input : g.input())
    defined.insert(input.name());
  for (const auto &init : g.initializer())
    defined.insert(init.name());
  for (const auto &node : g.node())
    for (const auto &out : node.output())
      if (!out.empty() && !defined.insert(out).second)
        return nodeError(node) << "redefines '" << out << "'";
  for (const auto &out : g.output())
    if (!defined.contains(out.name()))
      return fileError() << "graph output '" << out.name()
                         << "' is not defined by any node";
  for (const auto &node : g.node()) {
    const auto *schema =
        onnx::OpSchemaRegistry::Schema(node.op_type(), int(opset), "");
    if (!schema)
      return nodeError(node) << "opset " << opset << " has no "
                             << node.op_type() << " operator";
    int ins = node.input_size(), outs = node.output_size();
    if (ins < schema->min_input() || ins > schema->max_input() ||
        outs < schema->min_output() || outs > schema->max_output())
      return nodeError(node) << "has " << ins << " inputs and " << outs
                             << " outputs; opset " << opset << " takes "
                             << schema->min_input() << " to "
                             << schema->max_input() << " inputs and "
                             << schema->min_output() << " to "
                             << schema->max_output() << " outputs";
    const auto &formals = schema->inputs();
    for (int i = 0; i < ins && !formals.empty(); ++i) {
      const auto &formal = formals[std::min<size_t>(i, formals.size() - 1)];
      if (node.input(i).empty() &&
          formal.GetOption() != onnx::OpSchema::Optional)
        return nodeError(node) << "input " << i << " ('" << formal.GetName()
                               << "') is required";
    }
    for (const auto &a : node.attribute())
      if (a.has_g() || a.graphs_size())
        return nodeError(node) << "attribute '" << a.name()
                               << "' holds a graph; qnt imports no "
                                  "subgraphs";
    // Attribute types and required attributes: the converter reads them
    // unchecked.
    try {
      schema->Verify(node);
    } catch (const std::exception &e) {
      return nodeError(node) << StringRef(e.what()).rtrim();
    }
  }
  if (failed(adaptLegacyShapes(model)))
    return failure();
  try {
    // Some of the converter's steps need their operands' shapes.
    onnx::ShapeInferenceOptions lenient(/*check_type=*/false,
                                        /*strict_mode=*/0,
                                        /*data_prop=*/false);
    onnx::shape_inference::InferShapes(
        model, onnx::OpSchemaRegistry::Instance(), lenient);
    model = onnx::version_conversion::ConvertVersion(model, int(kMinOpset));
  } catch (const std::exception &e) {
    return fileError() << "ONNX's version converter could not upgrade the "
                          "model from opset "
                       << opset << " to " << kMinOpset << ": "
                       << StringRef(e.what()).rtrim();
  }
  sourceOpset = opset;
  opset = kMinOpset;
  // Upsample and Resize-10 sample output x at x / scale and round nearest
  // down; the converter leaves Resize-11's defaults (half_pixel,
  // round_prefer_floor) in their place.
  for (auto &node : *model.mutable_graph()->mutable_node()) {
    if (node.op_type() != "Resize" ||
        attr(node, "coordinate_transformation_mode"))
      continue;
    auto *mode = node.add_attribute();
    mode->set_name("coordinate_transformation_mode");
    mode->set_type(onnx::AttributeProto::STRING);
    mode->set_s("asymmetric");
    auto *rounding = node.add_attribute();
    rounding->set_name("nearest_mode");
    rounding->set_type(onnx::AttributeProto::STRING);
    rounding->set_s("floor");
  }
  return success();
}

/// Checks and rewrites what the version converter gets wrong, from the
/// ranks known without ONNX's inference (not safe on malformed files at
/// these opsets). Before opset 7, a binary op's second operand could be
/// aligned with the first at `axis` (broadcast=1), e.g. a [C] bias at axis 1
/// of [N, C, H, W]. The converter aligns it at the end instead; trailing
/// ones on a constant operand say the same in the new rules.
LogicalResult Importer::adaptLegacyShapes(onnx::ModelProto &model) {
  onnx::GraphProto &g = *model.mutable_graph();
  llvm::StringMap<int64_t> ranks;
  auto record = [&](const onnx::ValueInfoProto &info) {
    if (info.type().tensor_type().has_shape())
      ranks[info.name()] = info.type().tensor_type().shape().dim_size();
  };
  for (const auto &info : g.input())
    record(info);
  for (const auto &info : g.value_info())
    record(info);
  llvm::StringMap<onnx::TensorProto *> inits;
  for (auto &init : *g.mutable_initializer()) {
    inits[init.name()] = &init;
    ranks[init.name()] = init.dims_size();
  }
  // Ranks through the ops that keep their first input's rank (ONNX's own
  // inference at these opsets is not safe on malformed files).
  static const llvm::StringSet<> keepRank = {
      "Conv", "ConvTranspose", "BatchNormalization", "Relu", "LeakyRelu",
      "PRelu", "Sigmoid", "Tanh", "Elu", "HardSigmoid", "Clip", "Abs", "Neg",
      "Exp", "Log", "Sqrt", "Reciprocal", "Pow", "Add", "Sub", "Mul", "Div",
      "Sum", "Max", "Min", "Mean", "MaxPool", "AveragePool",
      "GlobalAveragePool", "GlobalMaxPool", "LRN", "Dropout", "Identity",
      "Pad", "Upsample", "Concat", "Softmax"};
  for (const auto &node : g.node()) {
    if (node.output_size() == 0 || node.input_size() == 0 ||
        ranks.count(node.output(0)))
      continue;
    if (node.op_type() == "Flatten" || node.op_type() == "Gemm")
      ranks[node.output(0)] = 2;
    else if (node.op_type() == "Reshape" && node.input_size() == 2 &&
             inits.count(node.input(1)) &&
             inits[node.input(1)]->dims_size() == 1)
      ranks[node.output(0)] = inits[node.input(1)]->dims(0);
    else if (keepRank.contains(node.op_type()) && ranks.count(node.input(0)))
      ranks[node.output(0)] = ranks[node.input(0)];
  }
  llvm::StringMap<int> uses;
  for (const auto &node : g.node())
    for (const auto &in : node.input())
      ++uses[in];
  for (auto &node : *g.mutable_node()) {
    // The converter's Gemm step indexes both operands' dimensions.
    if (node.op_type() == "Gemm" && opset < 7)
      for (int i : {0, 1})
        if (i >= node.input_size() || !ranks.count(node.input(i)) ||
            ranks[node.input(i)] != 2)
          return nodeError(node) << "operand " << i << " must be known to "
                                 << "be 2-D to upgrade the opset";
    const onnx::AttributeProto *axis = attr(node, "axis");
    if (attrInt(node, "broadcast", 0) != 1 || !axis ||
        node.input_size() != 2)
      continue;
    const std::string &a = node.input(0), &b = node.input(1);
    if (!ranks.count(a) || !ranks.count(b))
      return nodeError(node) << "broadcast with an axis needs the ranks of "
                                "both operands";
    int64_t trailing = ranks[a] - axis->i() - ranks[b];
    if (axis->i() < 0 || trailing < 0)
      return nodeError(node) << "axis " << axis->i() << " does not align a "
                             << "rank-" << ranks[b] << " operand with a rank-"
                             << ranks[a] << " one";
    if (trailing > 0) {
      auto init = inits.find(b);
      if (init == inits.end() || uses[b] != 1)
        return nodeError(node) << "broadcast of '" << b << "' at axis "
                               << axis->i() << " is supported for a "
                               << "constant used only there";
      for (int64_t k = 0; k < trailing; ++k)
        init->second->add_dims(1);
    }
    auto *attrs = node.mutable_attribute();
    for (int k = attrs->size() - 1; k >= 0; --k)
      if (attrs->Get(k).name() == "axis")
        attrs->DeleteSubrange(k, 1);
  }
  return success();
}

/// ONNX's shape inference and version converter read every node input
/// without checking that something defines it (and crash on such a graph),
/// so the order is checked first: each input is a graph input, an
/// initializer or the output of an earlier node.
LogicalResult Importer::checkNodeOrder(const onnx::GraphProto &g) {
  llvm::StringSet<> defined;
  for (const auto &input : g.input())
    defined.insert(input.name());
  for (const auto &init : g.initializer())
    defined.insert(init.name());
  for (auto [i, node] : llvm::enumerate(g.node())) {
    for (const auto &in : node.input())
      if (!in.empty() && !defined.contains(in))
        return fileError() << "node #" << i << " ('" << node.name() << "', "
                           << node.op_type() << ") reads '" << in
                           << "', which no graph input, initializer or "
                              "earlier node defines";
    for (const auto &out : node.output())
      defined.insert(out);
  }
  return success();
}

static const llvm::StringSet<> &supportedOps() {
  static const llvm::StringSet<> ops = {
      "Conv", "ConvTranspose", "Gemm", "MatMul", "Add", "Sub", "Mul", "Div",
      "Relu", "Clip", "LeakyRelu", "PRelu", "Sigmoid", "Tanh", "HardSigmoid",
      "HardSwish", "Exp", "Log", "Sqrt", "Abs", "Neg", "Elu", "Pow", "Erf",
      "LayerNormalization", "InstanceNormalization",
      "Reciprocal", "Softmax", "LogSoftmax", "MaxPool", "AveragePool", "GlobalAveragePool",
      "ReduceMean", "Flatten", "Reshape", "Transpose", "Concat", "Pad",
      "Resize", "Slice", "Split", "Squeeze", "Unsqueeze",
      "BatchNormalization", "Constant", "Identity",
      "ReduceSum", "ReduceMax", "ReduceMin", "GlobalMaxPool", "ArgMax",
      "ArgMin",
      "SpaceToDepth", "DepthToSpace", "Tile", "Expand", "LpNormalization",
      // Shape computations, folded when their inputs are known (Gather also
      // on activations).
      "Shape", "Gather", "Cast",
      // Any number of inputs; Dropout is the identity at inference.
      "Sum", "Mean", "Max", "Min", "Dropout", "LRN",
      // Activations composed of other ops.
      "Softplus", "Selu", "Floor",
      // Reductions composed of other ops.
      "ReduceSumSquare", "ReduceL2", "ReduceL1", "ReduceLogSum",
      "ReduceLogSumExp"};
  return ops;
}

LogicalResult Importer::checkSupported(const onnx::GraphProto &g,
                                       bool beforeUpgrade) {
  std::vector<std::string> bad;
  for (const auto &node : g.node()) {
    bool defaultDomain = node.domain().empty() || node.domain() == "ai.onnx";
    if (defaultDomain && supportedOps().contains(node.op_type()))
      continue;
    // The version converter turns Upsample (removed in opset 10) into Resize.
    if (defaultDomain && beforeUpgrade && node.op_type() == "Upsample")
      continue;
    std::string entry = node.op_type();
    int64_t version = opset;
    if (!defaultDomain) {
      entry = node.domain() + "." + entry;
      version = domainOpsets.count(node.domain()) ? domainOpsets[node.domain()]
                                                  : 0;
    }
    entry += " (node '" + node.name() + "', opset " +
             std::to_string(version) + ")";
    bad.push_back(entry);
  }
  if (bad.empty())
    return success();
  auto diag = fileError();
  diag << bad.size() << " unsupported ONNX operator"
       << (bad.size() == 1 ? "" : "s") << ":";
  for (const auto &entry : bad)
    diag << "\n  " << entry;
  return diag;
}

LogicalResult Importer::collectShapes(const onnx::GraphProto &g) {
  auto record = [&](const onnx::ValueInfoProto &info) -> LogicalResult {
    if (!info.type().has_tensor_type() ||
        !info.type().tensor_type().has_shape())
      return success();
    Dims dims;
    for (const auto &d : info.type().tensor_type().shape().dim()) {
      if (!d.has_dim_value())
        return success();
      if (d.dim_value() < 0)
        return fileError() << "tensor '" << info.name()
                           << "' has a negative dimension";
      if (d.dim_value() > kMaxDim)
        return fileError() << "tensor '" << info.name() << "' has dimension "
                           << d.dim_value() << "; qnt supports dimensions up "
                           << "to " << kMaxDim;
      dims.push_back(d.dim_value());
    }
    if (numElements(dims) > std::numeric_limits<int64_t>::max() / 8)
      return fileError() << "tensor '" << info.name()
                         << "' has too many elements";
    shapes[info.name()] = dims;
    return success();
  };
  for (const auto &info : g.input())
    if (failed(record(info)))
      return failure();
  for (const auto &info : g.value_info())
    if (failed(record(info)))
      return failure();
  for (const auto &info : g.output())
    if (failed(record(info)))
      return failure();
  return success();
}

/// Runs ONNX's shape inference (with data propagation, which follows shape
/// values through Shape, Gather, Concat, ...) and records the static shapes.
LogicalResult Importer::inferShapes(onnx::ModelProto &model) {
  try {
    onnx::ShapeInferenceOptions inferOptions(/*check_type=*/false,
                                             /*strict_mode=*/1,
                                             /*data_prop=*/true);
    onnx::shape_inference::InferShapes(model,
                                       onnx::OpSchemaRegistry::Instance(),
                                       inferOptions);
  } catch (const std::exception &e) {
    return fileError() << "ONNX shape inference failed: "
                       << StringRef(e.what()).rtrim();
  }
  return collectShapes(model.graph());
}

/// ONNX's data propagation stops at some shape arithmetic (Div, for one), so
/// a Slice or Reshape fed by it gets no static shape. Shape computations
/// that fold here become Constant nodes and the inference runs again, until
/// nothing new folds.
LogicalResult Importer::foldShapeComputations(onnx::ModelProto &model) {
  onnx::GraphProto &g = *model.mutable_graph();
  auto known = [&](const std::string &name) {
    return name.empty() || consts.count(name) || shapes.count(name);
  };
  for (int round = 0; round < 16; ++round) {
    bool changed = false;
    for (auto &node : *g.mutable_node()) {
      if (node.output_size() != 1 || consts.count(node.output(0)))
        continue;
      // Fold only what the import would fold; a node whose shapes are not
      // known yet waits for the next round (folding reports them missing).
      bool ready = known(node.output(0));
      for (const auto &in : node.input())
        ready &= node.op_type() == "Shape" ? known(in)
                                           : in.empty() || consts.count(in);
      if (!ready)
        continue;
      bool folded;
      if (failed(foldConstantNode(node, folded)))
        return failure();
      if (!folded || node.op_type() == "Constant")
        continue;
      const ConstTensor &t = consts[node.output(0)];
      if (t.isFloat)
        continue;
      onnx::AttributeProto value;
      value.set_name("value");
      value.set_type(onnx::AttributeProto::TENSOR);
      onnx::TensorProto *tensor = value.mutable_t();
      tensor->set_data_type(onnx::TensorProto::INT64);
      for (int64_t d : t.shape)
        tensor->add_dims(d);
      for (int64_t v : t.i)
        tensor->add_int64_data(v);
      node.clear_input();
      node.clear_attribute();
      node.clear_domain();
      node.set_op_type("Constant");
      *node.add_attribute() = std::move(value);
      changed = true;
    }
    if (!changed)
      return success();
    if (failed(inferShapes(model)))
      return failure();
  }
  return success();
}

OwningOpRef<ModuleOp> Importer::run(StringRef buffer) {
  onnx::ModelProto model;
  if (buffer.size() > size_t(std::numeric_limits<int>::max()) ||
      !model.ParseFromArray(buffer.data(), int(buffer.size()))) {
    fileError() << "not a valid ONNX model (the protobuf does not parse)";
    return nullptr;
  }
  if (!model.has_graph()) {
    fileError() << "the ONNX model is empty or has no graph";
    return nullptr;
  }
  if (failed(checkOpset(model)) || failed(upgradeOpset(model)))
    return nullptr;
  onnx::GraphProto *g = model.mutable_graph();
  graph = g;
  if (failed(checkSupported(*g)))
    return nullptr;

  // Initializers; a graph input with an initializer is a constant.
  for (const auto &init : g->initializer()) {
    ConstTensor t;
    if (failed(readInitializer(init, "initializer", t)))
      return nullptr;
    consts[init.name()] = std::move(t);
  }

  // A symbolic batch dimension becomes 1 so that every shape is static.
  for (auto &input : *g->mutable_input()) {
    if (consts.count(input.name()) || !input.type().has_tensor_type())
      continue;
    auto *shape = input.mutable_type()->mutable_tensor_type()->mutable_shape();
    for (int d = 0; d < shape->dim_size(); ++d) {
      auto *dim = shape->mutable_dim(d);
      if (dim->has_dim_value() && dim->dim_value() > 0)
        continue;
      if (dim->has_dim_value() && dim->dim_value() == 0) {
        fileError() << "input '" << input.name() << "' has dimension " << d
                    << " of size 0; qnt imports no empty inputs";
        return nullptr;
      }
      if (d != 0) {
        fileError() << "input '" << input.name() << "' has a dynamic "
                    << "dimension " << d << "; only the first (batch) "
                    << "dimension may be dynamic (it is imported as 1)";
        return nullptr;
      }
      dim->set_dim_value(1);
    }
  }
  if (failed(checkNodeOrder(*g)) || failed(prepareConvWeights(*g)) || failed(checkBeforeInference(*g)))
    return nullptr;
  if (failed(inferShapes(model)) || failed(foldShapeComputations(model)))
    return nullptr;

  for (auto [i, node] : llvm::enumerate(g->node())) {
    for (const auto &in : node.input())
      if (!in.empty()) {
        consumers[in].push_back(i);
        ++uses[in];
      }
    for (const auto &out : node.output())
      producers[out] = i;
  }
  for (const auto &out : g->output())
    ++uses[out.name()];

  // Function signature.
  bool nhwc = options.inputLayout == ONNXInputLayout::NHWC;
  SmallVector<Type> argTypes;
  SmallVector<const onnx::ValueInfoProto *> args;
  for (const auto &input : g->input()) {
    if (consts.count(input.name()))
      continue;
    const auto &tt = input.type().tensor_type();
    if (!input.type().has_tensor_type() ||
        tt.elem_type() != onnx::TensorProto::FLOAT) {
      fileError() << "input '" << input.name()
                  << "' is not a float32 tensor; qnt imports float models";
      return nullptr;
    }
    FailureOr<Dims> shape = shapeOf(input.name());
    if (failed(shape))
      return nullptr;
    Dims perm = identity(shape->size());
    if (nhwc && shape->size() == 4)
      perm = nhwcPerm();
    argTypes.push_back(f32(permuteShape(*shape, perm)));
    args.push_back(&input);
  }

  OwningOpRef<ModuleOp> module = ModuleOp::create(fileLoc);
  builder.setInsertionPointToEnd(module->getBody());
  auto func = func::FuncOp::create(builder, fileLoc, "main",
                                   builder.getFunctionType(argTypes, {}));
  Block *body = func.addEntryBlock();
  builder.setInsertionPointToStart(body);
  for (auto [i, input] : llvm::enumerate(args)) {
    BlockArgument arg = body->getArgument(i);
    arg.setLoc(loc(input->name()));
    Dims shape = *shapeOf(input->name());
    Dims perm = identity(shape.size());
    if (nhwc && shape.size() == 4)
      perm = nhwcPerm();
    define(input->name(), arg, perm);
  }

  for (auto [i, node] : llvm::enumerate(g->node())) {
    if (skipped.count(i))
      continue;
    if (failed(importNode(node, i)) || failed(checkResults(node)))
      return nullptr;
  }

  SmallVector<Value> results;
  SmallVector<Type> resultTypes;
  onnx::NodeProto returnNode;
  returnNode.set_name("graph outputs");
  returnNode.set_op_type("return");
  for (const auto &out : g->output()) {
    FailureOr<Dims> shape = shapeOf(out.name());
    if (failed(shape))
      return nullptr;
    if (isConst(out.name()) && !vals.count(out.name()) &&
        !consts[out.name()].isFloat) {
      fileError() << "output '" << out.name()
                  << "' is an integer constant; qnt models have float "
                     "outputs";
      return nullptr;
    }
    Dims perm = identity(shape->size());
    if (nhwc && shape->size() == 4)
      perm = nhwcPerm();
    FailureOr<Value> v = get(out.name(), perm, returnNode);
    if (failed(v))
      return nullptr;
    results.push_back(*v);
    resultTypes.push_back(v->getType());
  }
  func::ReturnOp::create(builder, fileLoc, results);
  func.setType(builder.getFunctionType(argTypes, resultTypes));
  // Nodes absorbed into a fused op after they were imported (GELU's
  // x / sqrt(2)) are left without users; users go first, so chains go too.
  for (Operation &op :
       llvm::make_early_inc_range(llvm::reverse(body->getOperations())))
    if (isOpTriviallyDead(&op))
      op.erase();
  // ONNX's shape inference does not check everything qnt's ops require
  // (e.g. that a PRelu slope broadcasts to its input); the verifier names
  // the node.
  if (failed(verify(*module)))
    return nullptr;
  return module;
}

/// ONNX's shape inference for Conv and ConvTranspose takes the kernel size
/// from the weights' shape and indexes it by the input's rank unchecked, so
/// weights of the wrong rank read out of bounds. qnt needs constant weights
/// anyway: their rank is checked here, and the kernel_shape attribute is
/// made explicit so that the inference compares it with the input's rank.
LogicalResult Importer::prepareConvWeights(onnx::GraphProto &g) {
  llvm::StringMap<std::vector<int64_t>> constDims;
  for (const auto &init : g.initializer())
    constDims[init.name()].assign(init.dims().begin(), init.dims().end());
  // Constant nodes, and Identity or Cast of a constant (exporters emit
  // Identity for shared weights), are constants with known dimensions.
  for (const auto &node : g.node()) {
    if (node.output_size() != 1)
      continue;
    if (node.op_type() == "Constant") {
      for (const auto &a : node.attribute())
        if (a.name() == "value" && a.has_t())
          constDims[node.output(0)].assign(a.t().dims().begin(),
                                           a.t().dims().end());
    } else if ((node.op_type() == "Identity" || node.op_type() == "Cast") &&
               node.input_size() == 1) {
      auto in = constDims.find(node.input(0));
      if (in != constDims.end()) {
        std::vector<int64_t> dims = in->second;
        constDims[node.output(0)] = std::move(dims);
      }
    }
  }
  for (auto &node : *g.mutable_node()) {
    if (node.op_type() != "Conv" && node.op_type() != "ConvTranspose")
      continue;
    if (node.input_size() < 2)
      return nodeError(node) << "has " << node.input_size()
                             << " inputs, expected input and weights";
    auto dims = constDims.find(node.input(1));
    if (dims == constDims.end())
      return nodeError(node) << "weights '" << node.input(1)
                             << "' are not a constant; qnt needs constant "
                                "convolution weights";
    if (dims->second.size() < 3)
      return nodeError(node) << "weights '" << node.input(1) << "' have rank "
                             << dims->second.size() << ", expected at least 3";
    bool hasKernelShape = llvm::any_of(
        node.attribute(), [](const auto &a) { return a.name() == "kernel_shape"; });
    if (hasKernelShape)
      continue;
    onnx::AttributeProto *kernel = node.add_attribute();
    kernel->set_name("kernel_shape");
    kernel->set_type(onnx::AttributeProto::INTS);
    for (int64_t d : llvm::drop_begin(dims->second, 2))
      kernel->add_ints(d);
  }
  return success();
}

/// ONNX's shape inference divides by the strides of windowed ops and by a
/// Split's output count unchecked (a zero traps), and qnt's ops keep window
/// attributes in 32 bits: these are checked before the inference runs.
LogicalResult Importer::checkBeforeInference(const onnx::GraphProto &g) {
  for (const auto &node : g.node()) {
    const std::string &t = node.op_type();
    if (node.output_size() == 0)
      return nodeError(node) << "has no outputs";
    // ONNX's inference squares the block size (and divides by it).
    if (t == "DepthToSpace" || t == "SpaceToDepth") {
      int64_t block = attrInt(node, "blocksize", 0);
      if (block < 1 || block > (1 << 16))
        return nodeError(node) << "blocksize must be in [1, 65536], got "
                               << block;
    }
    bool pool = t == "MaxPool" || t == "AveragePool";
    if (t != "Conv" && t != "ConvTranspose" && !pool)
      continue;
    for (StringRef name : {"strides", "dilations", "kernel_shape"}) {
      // Conv takes its kernel_shape from the weights' shape.
      if (name == "kernel_shape" && !pool)
        continue;
      for (int64_t v : attrInts(node, name))
        if (v < 1 || v > kMaxDim)
          return nodeError(node) << name << " must be in [1, " << kMaxDim
                                 << "], got " << v;
    }
    for (int64_t v : attrInts(node, "pads"))
      if (v < -kMaxDim || v > kMaxDim)
        return nodeError(node) << "pad " << v << " does not fit 32 bits";
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Nodes
//===----------------------------------------------------------------------===//

LogicalResult Importer::foldConstantNode(const onnx::NodeProto &node,
                                         bool &folded) {
  folded = false;
  const std::string &type = node.op_type();
  if (node.output_size() != 1)
    return success();
  const std::string &out = node.output(0);
  if (type == "Constant") {
    ConstTensor t;
    if (const auto *a = attr(node, "value")) {
      if (failed(readInitializer(a->t(), "constant", t)))
        return failure();
    } else if (const auto *a = attr(node, "value_float")) {
      t.f = {a->f()};
    } else if (const auto *a = attr(node, "value_floats")) {
      t.f.assign(a->floats().begin(), a->floats().end());
      t.shape = {int64_t(t.f.size())};
    } else if (const auto *a = attr(node, "value_int")) {
      t.isFloat = false;
      t.i = {a->i()};
    } else if (const auto *a = attr(node, "value_ints")) {
      t.isFloat = false;
      t.i.assign(a->ints().begin(), a->ints().end());
      t.shape = {int64_t(t.i.size())};
    } else {
      return nodeError(node) << "only tensor, float(s) and int(s) values "
                                "are supported";
    }
    consts[out] = std::move(t);
    folded = true;
    return success();
  }
  if (type == "Shape") {
    FailureOr<Dims> shape = shapeOf(input(node, 0), &node);
    if (failed(shape))
      return failure();
    int64_t rank = shape->size();
    int64_t start = attrInt(node, "start", 0), end = attrInt(node, "end", rank);
    if (start < 0)
      start += rank;
    if (end < 0)
      end += rank;
    start = std::clamp<int64_t>(start, 0, rank);
    end = std::clamp<int64_t>(end, start, rank);
    ConstTensor t;
    t.isFloat = false;
    t.i.assign(shape->begin() + start, shape->begin() + end);
    t.shape = {int64_t(t.i.size())};
    consts[out] = std::move(t);
    folded = true;
    return success();
  }
  // The rest fold only when every input is known.
  for (const auto &in : node.input())
    if (!in.empty() && !isConst(in))
      return success();
  if (node.input_size() == 0 || node.input(0).empty())
    return success();
  const ConstTensor &x = consts[node.input(0)];
  // The shape comes from ONNX (or an output value_info in the file); later
  // steps index the values by it.
  auto withShape = [&](ConstTensor t, Dims shape) -> LogicalResult {
    if (numElements(shape) != t.size())
      return nodeError(node) << "folds to " << t.size()
                             << " values, but its result has shape "
                             << shapeString(shape);
    t.shape = std::move(shape);
    consts[out] = std::move(t);
    folded = true;
    return success();
  };
  if (type == "Identity")
    return withShape(x, x.shape);
  if (type == "Cast") {
    int64_t to = attrInt(node, "to", 0);
    ConstTensor t;
    t.shape = x.shape;
    if (to == onnx::TensorProto::FLOAT || to == onnx::TensorProto::DOUBLE) {
      for (int64_t k = 0; k < x.size(); ++k)
        t.f.push_back(x.at(k));
    } else if (to == onnx::TensorProto::INT64 ||
               to == onnx::TensorProto::INT32) {
      t.isFloat = false;
      for (int64_t k = 0; k < x.size(); ++k) {
        // Converting a value outside int64's range is undefined.
        double v = x.at(k);
        if (!(v >= -0x1p63 && v < 0x1p63))
          return nodeError(node) << "cannot cast " << v << " to an integer";
        t.i.push_back(int64_t(v));
      }
    } else {
      return nodeError(node) << "cast to ONNX type " << to
                             << " is not supported";
    }
    consts[out] = std::move(t);
    folded = true;
    return success();
  }
  FailureOr<Dims> outShape = shapeOf(out, &node);
  if (type == "Reshape" || type == "Flatten" || type == "Squeeze" ||
      type == "Unsqueeze") {
    if (failed(outShape))
      return failure();
    if (type == "Squeeze" && failed(checkSqueezeAxes(node, x.shape)))
      return failure();
    return withShape(x, *outShape);
  }
  if (type == "Gather") {
    if (failed(outShape))
      return failure();
    const ConstTensor *idxp = constInput(node, 1);
    if (!idxp)
      return nodeError(node) << "has no indices";
    const ConstTensor &idx = *idxp;
    int64_t rank = x.shape.size();
    int64_t axis = attrInt(node, "axis", 0);
    if (axis < 0)
      axis += rank;
    if (axis < 0 || axis >= rank || idx.isFloat)
      return nodeError(node) << "bad axis or indices";
    int64_t outer = numElements(ArrayRef<int64_t>(x.shape).take_front(axis));
    int64_t inner = numElements(ArrayRef<int64_t>(x.shape).drop_front(axis + 1));
    int64_t dim = x.shape[axis];
    // Gather repeats values: a small file can ask for a huge result, so
    // its size is checked before it is built.
    int64_t count = numElements({outer, idx.size(), inner});
    if (count != numElements(*outShape))
      return nodeError(node) << "gathers " << count
                             << " values, but its result has shape "
                             << shapeString(*outShape);
    if (count > kMaxFoldElements)
      return nodeError(node) << "folding " << count
                             << " values at import is not supported";
    ConstTensor t;
    t.isFloat = x.isFloat;
    for (int64_t o = 0; o < outer; ++o)
      for (int64_t j : idx.i) {
        if (j < 0)
          j += dim;
        if (j < 0 || j >= dim)
          return nodeError(node) << "index " << j << " out of range";
        for (int64_t k = 0; k < inner; ++k) {
          int64_t src = (o * dim + j) * inner + k;
          if (t.isFloat)
            t.f.push_back(x.f[src]);
          else
            t.i.push_back(x.i[src]);
        }
      }
    return withShape(std::move(t), *outShape);
  }
  if (type == "Concat") {
    if (failed(outShape))
      return failure();
    FailureOr<int64_t> axis =
        resolveAxis(node, "axis", attrInt(node, "axis", 0), x.shape.size());
    if (failed(axis))
      return failure();
    int64_t outer = numElements(ArrayRef<int64_t>(x.shape).take_front(*axis));
    // Each input is copied in chunks of its size / outer: all must agree
    // with the first outside the axis.
    for (const auto &in : node.input()) {
      if (!isConst(in))
        return nodeError(node) << "has an empty input name";
      const ConstTensor &c = consts.at(in);
      bool same = c.shape.size() == x.shape.size();
      for (size_t d = 0; same && d < c.shape.size(); ++d)
        same = int64_t(d) == *axis || c.shape[d] == x.shape[d];
      if (!same)
        return nodeError(node) << "input '" << in << "' of shape "
                               << shapeString(c.shape)
                               << " does not concatenate with "
                               << shapeString(x.shape) << " on axis " << *axis;
    }
    ConstTensor t;
    t.isFloat = x.isFloat;
    for (int64_t o = 0; o < outer; ++o)
      for (const auto &in : node.input()) {
        const ConstTensor &c = consts.at(in);
        if (c.isFloat != t.isFloat)
          return nodeError(node) << "mixed element types";
        int64_t chunk = c.size() / std::max<int64_t>(outer, 1);
        for (int64_t k = 0; k < chunk; ++k) {
          if (t.isFloat)
            t.f.push_back(c.f[o * chunk + k]);
          else
            t.i.push_back(c.i[o * chunk + k]);
        }
      }
    return withShape(std::move(t), *outShape);
  }
  // Integer arithmetic on shapes, e.g. torch.chunk's split points
  // (Shape -> Gather -> Add -> Div -> Mul -> Slice ends).
  if ((type == "Add" || type == "Sub" || type == "Mul" || type == "Div") &&
      !x.isFloat) {
    if (failed(outShape) || failed(foldIntegerBinary(node, *outShape)))
      return failure();
    folded = true;
    return success();
  }
  // x.shape[a:b] as exports before opset 15 write it: a Slice of a shape
  // vector (Shape's own start and end came with opset 15).
  if (type == "Slice" && !x.isFloat && x.shape.size() == 1) {
    if (failed(outShape))
      return failure();
    auto scalarInput = [&](int index, int64_t dflt,
                           int64_t &v) -> LogicalResult {
      if (index >= node.input_size() || node.input(index).empty()) {
        v = dflt;
        return success();
      }
      const ConstTensor *c = constInput(node, index);
      if (!c || c->isFloat || c->size() != 1)
        return nodeError(node) << "input " << index
                               << " must be one integer to slice a shape";
      v = c->i[0];
      return success();
    };
    int64_t dim = x.shape[0], start, end, axis, step;
    if (failed(scalarInput(1, 0, start)) || failed(scalarInput(2, 0, end)) ||
        failed(scalarInput(3, 0, axis)) || failed(scalarInput(4, 1, step)))
      return failure();
    if (axis != 0 && axis != -1)
      return nodeError(node) << "axis " << axis << " out of range for a "
                             << "1-D tensor";
    if (step == 0)
      return nodeError(node) << "step must not be 0";
    // ONNX's clamping: within [0, dim] going forward, [-1, dim - 1]
    // backward.
    if (start < 0)
      start += dim;
    if (end < 0)
      end += dim;
    if (step > 0) {
      start = std::clamp<int64_t>(start, 0, dim);
      end = std::clamp<int64_t>(end, 0, dim);
    } else {
      // min/max rather than clamp: an empty vector has dim - 1 = -1.
      start = std::min(std::max<int64_t>(start, 0), dim - 1);
      end = std::min(std::max<int64_t>(end, -1), dim - 1);
    }
    ConstTensor t;
    t.isFloat = false;
    for (int64_t k = start; step > 0 ? k < end : k > end;) {
      t.i.push_back(x.i[k]);
      if (__builtin_add_overflow(k, step, &k))
        break;
    }
    return withShape(std::move(t), *outShape);
  }
  if (type == "Tile" || type == "Expand") {
    if (failed(outShape) || failed(checkRepeatShape(node, x.shape, *outShape)))
      return failure();
    if (numElements(*outShape) > kMaxFoldElements)
      return nodeError(node) << "folding " << numElements(*outShape)
                             << " values at import is not supported";
    // Output index i_d reads input index i_d % in_d, with the input's
    // dimensions aligned at the end (Expand's are 1 or equal to the
    // result's).
    const Dims &out = *outShape;
    Dims in(out.size() - x.shape.size(), 1);
    llvm::append_range(in, x.shape);
    ConstTensor t;
    t.isFloat = x.isFloat;
    Dims index(out.size(), 0);
    for (int64_t k = 0, n = numElements(out); k < n; ++k) {
      int64_t src = 0;
      for (size_t d = 0; d < out.size(); ++d)
        src = src * in[d] + index[d] % in[d];
      if (t.isFloat)
        t.f.push_back(x.f[src]);
      else
        t.i.push_back(x.i[src]);
      for (int64_t d = int64_t(out.size()) - 1; d >= 0; --d) {
        if (++index[d] < out[d])
          break;
        index[d] = 0;
      }
    }
    return withShape(std::move(t), out);
  }
  return success();
}

/// Add, Sub, Mul or Div of two integer tensors known at import, with ONNX's
/// (numpy's) broadcasting. Div truncates toward zero, as ONNX Runtime's
/// integer Div does; overflow and division by zero are errors.
LogicalResult Importer::foldIntegerBinary(const onnx::NodeProto &node,
                                          ArrayRef<int64_t> outShape) {
  if (node.input_size() != 2)
    return nodeError(node) << "has " << node.input_size()
                           << " inputs, expected 2";
  const ConstTensor &a = consts.at(node.input(0));
  const ConstTensor &b = consts.at(node.input(1));
  if (a.isFloat || b.isFloat)
    return nodeError(node) << "mixes integer and float operands";
  if (a.size() != numElements(a.shape) || b.size() != numElements(b.shape))
    return nodeError(node) << "has an operand whose values do not match "
                              "its shape";
  size_t rank = std::max(a.shape.size(), b.shape.size());
  // Each operand's shape, padded with leading 1s to the result's rank.
  auto padded = [&](const Dims &s) {
    Dims p(rank - s.size(), 1);
    p.append(s.begin(), s.end());
    return p;
  };
  Dims sa = padded(a.shape), sb = padded(b.shape), shape(rank);
  for (size_t d = 0; d < rank; ++d) {
    if (sa[d] != sb[d] && sa[d] != 1 && sb[d] != 1)
      return nodeError(node) << "operands of shapes " << shapeString(a.shape)
                             << " and " << shapeString(b.shape)
                             << " do not broadcast";
    shape[d] = sa[d] == 1 ? sb[d] : sa[d];
  }
  if (ArrayRef<int64_t>(shape) != outShape)
    return nodeError(node) << "folds to shape " << shapeString(shape)
                           << ", but its result has shape "
                           << shapeString(outShape);
  int64_t count = numElements(shape);
  if (count > kMaxFoldElements)
    return nodeError(node) << "folding " << count
                           << " values at import is not supported";
  const std::string &type = node.op_type();
  ConstTensor t;
  t.isFloat = false;
  t.shape = shape;
  t.i.reserve(count);
  for (int64_t k = 0; k < count; ++k) {
    // Unravel k and read each operand at that index (a broadcast dimension
    // of size 1 always reads index 0).
    int64_t rest = k, ia = 0, ib = 0, stepA = 1, stepB = 1;
    for (size_t d = rank; d-- > 0;) {
      int64_t idx = rest % shape[d];
      rest /= shape[d];
      ia += (sa[d] == 1 ? 0 : idx) * stepA;
      ib += (sb[d] == 1 ? 0 : idx) * stepB;
      stepA *= sa[d];
      stepB *= sb[d];
    }
    int64_t l = a.i[ia], r = b.i[ib], v = 0;
    bool overflow = false;
    if (type == "Add") {
      overflow = __builtin_add_overflow(l, r, &v);
    } else if (type == "Sub") {
      overflow = __builtin_sub_overflow(l, r, &v);
    } else if (type == "Mul") {
      overflow = __builtin_mul_overflow(l, r, &v);
    } else {
      if (r == 0)
        return nodeError(node) << "divides " << l << " by zero";
      overflow = l == std::numeric_limits<int64_t>::min() && r == -1;
      v = overflow ? 0 : l / r;
    }
    if (overflow)
      return nodeError(node) << "overflows 64 bits on " << l << " and " << r;
    t.i.push_back(v);
  }
  consts[node.output(0)] = std::move(t);
  return success();
}

LogicalResult Importer::importNode(const onnx::NodeProto &node, size_t index) {
  bool folded;
  if (failed(foldConstantNode(node, folded)))
    return failure();
  if (folded)
    return success();
  const std::string &type = node.op_type();
  if (type == "Constant" || type == "Shape" || type == "Cast")
    return nodeError(node) << "only supported on tensors known at import "
                              "time (shape computations)";
  for (const auto &out : node.output())
    if (!out.empty() && failed(shapeOf(out, &node)))
      return failure();
  if (type == "Conv")
    return importConv(node, index);
  if (type == "ConvTranspose")
    return importConvTranspose(node);
  if (type == "MaxPool" || type == "AveragePool" ||
      type == "GlobalAveragePool")
    return importPool(node);
  if (type == "Gemm")
    return importGemm(node);
  if (type == "MatMul")
    return importMatMul(node);
  if (type == "Add" || type == "Sub" || type == "Mul" || type == "Div")
    return importBinary(node);
  if (type == "Relu" || type == "Clip" || type == "LeakyRelu" ||
      type == "PRelu" || type == "Sigmoid" || type == "Tanh" ||
      type == "HardSigmoid" || type == "HardSwish")
    return importActivation(node);
  if (type == "Erf")
    return importErf(node);
  if (type == "LayerNormalization")
    return importLayerNorm(node);
  if (type == "InstanceNormalization")
    return importInstanceNorm(node);
  if (type == "Exp" || type == "Log" || type == "Sqrt" || type == "Abs" ||
      type == "Neg" || type == "Elu" || type == "Pow" || type == "Reciprocal")
    return importMath(node);
  if (type == "Softplus" || type == "Selu" || type == "Floor")
    return importMath(node);
  if (type == "BatchNormalization")
    return importBatchNorm(node);
  if (type == "Flatten" || type == "Reshape" || type == "Squeeze" ||
      type == "Unsqueeze")
    return importReshapeLike(node);
  if (type == "Identity") {
    FailureOr<Imported> in = getAny(node.input(0), node);
    if (failed(in))
      return failure();
    vals[node.output(0)] = *in;
    return success();
  }
  if (type == "Transpose")
    return importTranspose(node);
  if (type == "Concat")
    return importConcat(node);
  if (type == "Softmax" || type == "LogSoftmax")
    return importSoftmax(node);
  if (type == "ReduceMean")
    return importReduceMean(node);
  if (type == "ReduceSum" || type == "ReduceMax" || type == "ReduceMin" ||
      type == "GlobalMaxPool" || type == "ReduceSumSquare" ||
      type == "ReduceL2" || type == "ReduceL1" || type == "ReduceLogSum" ||
      type == "ReduceLogSumExp")
    return importReduce(node);
  if (type == "ArgMax" || type == "ArgMin")
    return importArgMaxMin(node);
  if (type == "Gather")
    return importGather(node);
  if (type == "SpaceToDepth")
    return importSpaceToDepth(node);
  if (type == "DepthToSpace")
    return importDepthToSpace(node);
  if (type == "Tile" || type == "Expand")
    return importRepeat(node);
  if (type == "LpNormalization")
    return importLpNormalization(node);
  if (type == "Pad")
    return importPad(node);
  if (type == "Resize")
    return importResize(node);
  if (type == "Slice")
    return importSlice(node);
  if (type == "Sum" || type == "Mean" || type == "Max" || type == "Min")
    return importVariadic(node);
  if (type == "Dropout")
    return importDropout(node);
  if (type == "LRN")
    return importLRN(node);
  if (type == "Split")
    return importSplit(node);
  return nodeError(node) << "not supported";
}

/// Later nodes index an ONNX shape by the stored value's permutation: a
/// result whose type disagrees with the shape ONNX gives (an output
/// value_info may say anything where the inference says nothing) is an
/// error here rather than an out-of-bounds read there.
LogicalResult Importer::checkResults(const onnx::NodeProto &node) {
  for (const auto &out : node.output()) {
    auto v = vals.find(out);
    auto shape = shapes.find(out);
    if (v == vals.end() || shape == shapes.end())
      continue;
    ArrayRef<int64_t> stored =
        cast<RankedTensorType>(v->second.value.getType()).getShape();
    if (v->second.perm.size() != shape->second.size() ||
        stored != ArrayRef<int64_t>(
                      permuteShape(shape->second, v->second.perm))) {
      Dims given(stored);
      if (v->second.perm.size() == stored.size())
        given = permuteShape(stored, inverse(v->second.perm));
      return nodeError(node) << "result '" << out << "' has shape "
                             << shapeString(shape->second)
                             << ", but the op gives " << shapeString(given);
    }
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Convolutions and pooling
//===----------------------------------------------------------------------===//

FailureOr<Padding> Importer::choosePadding(
    const onnx::NodeProto &node, Value &input, ArrayRef<int64_t> inHW,
    ArrayRef<int64_t> kernel, ArrayRef<int64_t> strides,
    ArrayRef<int64_t> dilations, ArrayRef<int64_t> outHW, Dims pads,
    std::optional<float> padValue) {
  std::string autoPad = attrString(node, "auto_pad", "NOTSET");
  bool sameMatches = true, validMatches = true;
  Dims samePads(4, 0);
  for (int d = 0; d < 2; ++d) {
    int64_t dk = (kernel[d] - 1) * dilations[d] + 1;
    int64_t sameOut = (inHW[d] + strides[d] - 1) / strides[d];
    int64_t total = std::max<int64_t>((sameOut - 1) * strides[d] + dk - inHW[d], 0);
    samePads[d] = total / 2;
    samePads[d + 2] = total - total / 2;
    if (outHW[d] != sameOut)
      sameMatches = false;
    if (outHW[d] != (inHW[d] - dk) / strides[d] + 1)
      validMatches = false;
  }
  if (autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER")
    pads = autoPad == "SAME_UPPER"
               ? samePads
               : Dims{samePads[2], samePads[3], samePads[0], samePads[1]};
  else if (autoPad == "VALID")
    pads = Dims(4, 0);
  if (pads.empty())
    pads = Dims(4, 0);
  if (pads.size() != 4)
    return nodeError(node) << "expected 4 pads for a 2-D window";
  bool zeroPads = llvm::all_of(pads, [](int64_t p) { return p == 0; });
  if (zeroPads && validMatches)
    return Padding::Valid;
  if (sameMatches && pads == samePads)
    return Padding::Same;
  if (!padValue)
    return nodeError(node) << "pads [" << pads[0] << ", " << pads[1] << ", "
                           << pads[2] << ", " << pads[3]
                           << "] match neither TFLite's SAME nor VALID "
                              "padding, and an average that excludes "
                              "padding cannot be padded explicitly";
  for (int64_t p : pads)
    if (p < 0)
      return nodeError(node) << "negative pads are not supported";
  // Pad explicitly, then a VALID window; extra rows at the end (ceil_mode)
  // are added so that the VALID output has the ONNX size.
  Dims before = {pads[0], pads[1]}, after = {pads[2], pads[3]};
  for (int d = 0; d < 2; ++d) {
    int64_t dk = (kernel[d] - 1) * dilations[d] + 1;
    int64_t need = (outHW[d] - 1) * strides[d] + dk;
    int64_t have = inHW[d] + before[d] + after[d];
    if (need > have)
      after[d] += need - have;
  }
  auto type = cast<RankedTensorType>(input.getType());
  Dims shape(type.getShape());
  shape[1] += before[0] + after[0];
  shape[2] += before[1] + after[1];
  Location l = loc(node.output(0) + "/pad");
  Value paddings = indexConst({0, 0, before[0], after[0], before[1], after[1],
                               0, 0},
                              l, {4, 2});
  if (*padValue == 0.0f)
    input = PadOp::create(builder, l, f32(shape), input, paddings).getResult();
  else
    input = PadV2Op::create(builder, l, f32(shape), input, paddings,
                            scalarConst(*padValue, l, 0))
                .getResult();
  return Padding::Valid;
}

LogicalResult Importer::importConv(const onnx::NodeProto &node, size_t index) {
  FailureOr<Dims> xShape = shapeOf(input(node, 0), &node);
  if (failed(xShape))
    return failure();
  // A 1-D convolution ([N, C, W]) runs as a 2-D one over a single row.
  bool is1D = xShape->size() == 3;
  if (xShape->size() != 4 && !is1D)
    return nodeError(node) << "only 1-D and 2-D convolutions (3-D or 4-D "
                              "input) are supported, input has rank "
                           << xShape->size();
  const ConstTensor *w = constInput(node, 1);
  if (!w || !w->isFloat || w->shape.size() != xShape->size())
    return nodeError(node) << "the weights must be a constant "
                           << xShape->size() << "-D float tensor";
  ConstTensor weights = *w;
  if (is1D)
    weights.shape.insert(weights.shape.begin() + 2, 1);
  int64_t outC = weights.shape[0];
  ConstTensor bias;
  bias.shape = {outC};
  bias.f.assign(outC, 0.0f);
  bool hasBias = false;
  if (!input(node, 2).empty()) {
    const ConstTensor *b = constInput(node, 2);
    if (!b || !b->isFloat || b->size() != outC)
      return nodeError(node) << "the bias must be a constant float tensor "
                                "of "
                             << outC << " elements";
    bias.f = b->f;
    hasBias = true;
  }

  // Fold a following BatchNormalization when it is the only user.
  std::string outName = node.output(0);
  const auto &users = consumers[outName];
  if (uses[outName] == 1 && users.size() == 1) {
    const onnx::NodeProto &bn = graph->node(users[0]);
    bool constParams = bn.op_type() == "BatchNormalization" &&
                       bn.input_size() >= 5 && bn.input(0) == outName;
    for (int k = 1; constParams && k < 5; ++k) {
      const ConstTensor *p = constInput(bn, k);
      constParams = p && p->isFloat && p->size() == outC;
    }
    if (constParams && bn.output_size() >= 1) {
      const auto &gamma = constInput(bn, 1)->f, &beta = constInput(bn, 2)->f,
                 &mean = constInput(bn, 3)->f, &var = constInput(bn, 4)->f;
      float eps = attrFloat(bn, "epsilon", 1e-5f);
      // Zero filters (a legal empty tensor) have nothing to scale.
      int64_t perOut = outC ? weights.size() / outC : 0;
      for (int64_t o = 0; o < outC; ++o) {
        float scale = gamma[o] / std::sqrt(var[o] + eps);
        for (int64_t k = 0; k < perOut; ++k)
          weights.f[o * perOut + k] *= scale;
        bias.f[o] = (bias.f[o] - mean[o]) * scale + beta[o];
      }
      hasBias = true;
      skipped.insert(users[0]);
      outName = bn.output(0);
    }
  }

  FailureOr<Dims> yShape = shapeOf(outName, &node);
  if (failed(yShape))
    return failure();
  if (yShape->size() != xShape->size())
    return nodeError(node) << "result '" << outName << "' has rank "
                           << yShape->size() << ", expected "
                           << xShape->size();
  if (is1D) {
    xShape->insert(xShape->begin() + 2, 1);
    yShape->insert(yShape->begin() + 2, 1);
  }
  int64_t inC = (*xShape)[1];
  int64_t group = attrInt(node, "group", 1);
  // ONNX's shape inference only checks inC == weights.shape[1] * group,
  // which group 0 passes on an input without channels; it divides below.
  if (group < 1)
    return nodeError(node) << "group must be positive, got " << group;
  // Nor does ONNX Runtime run weights of the wrong depth.
  if (inC % group || weights.shape[1] != inC / group)
    return nodeError(node) << "weights of " << weights.shape[1]
                           << " input channels per group do not match the "
                              "input's "
                           << inC << " channels (group " << group << ")";
  Dims kernel = {weights.shape[2], weights.shape[3]};
  size_t spatial = is1D ? 1 : 2;
  Dims strides = attrInts(node, "strides", Dims(spatial, 1));
  Dims dilations = attrInts(node, "dilations", Dims(spatial, 1));
  Dims pads = attrInts(node, "pads");
  if (strides.size() != spatial || dilations.size() != spatial)
    return nodeError(node) << "expected " << spatial << " strides and "
                           << spatial << " dilations";
  if (is1D) {
    if (!pads.empty() && pads.size() != 2)
      return nodeError(node) << "expected 2 pads for a 1-D window, got "
                             << pads.size();
    strides = rowWindow(strides);
    dilations = rowWindow(dilations);
    pads = rowPads(pads);
  }
  FailureOr<Value> x = is1D ? getRows(input(node, 0), node)
                            : get(input(node, 0), nhwcPerm(), node);
  if (failed(x))
    return failure();
  Value in = *x;
  FailureOr<Padding> padding = choosePadding(
      node, in, {(*xShape)[2], (*xShape)[3]}, kernel, strides, dilations,
      {(*yShape)[2], (*yShape)[3]}, pads, 0.0f);
  if (failed(padding))
    return failure();

  Location l = loc(outName);
  Location wl = loc(input(node, 1));
  // Always a bias: TFLite runtimes reject a float CONV_2D without one.
  Value biasValue = emitConst(
      bias, loc(hasBias && !input(node, 2).empty() ? input(node, 2)
                                                   : outName + "/bias"));
  auto resultType = f32(permuteShape(*yShape, nhwcPerm()));
  Operation *op;
  if (group == 1) {
    op = Conv2DOp::create(builder, l, resultType, in,
                          emitConst(transposeConst(weights, {0, 2, 3, 1}), wl),
                          biasValue, *padding, strides[0], strides[1],
                          dilations[0], dilations[1]);
  } else if (group == inC && weights.shape[1] == 1) {
    op = DepthwiseConv2DOp::create(
        builder, l, resultType, in,
        emitConst(transposeConst(weights, {1, 2, 3, 0}), wl), biasValue,
        *padding, strides[0], strides[1], dilations[0], dilations[1],
        outC / inC);
  } else {
    if (inC % group || outC % group || weights.shape[1] != inC / group)
      return nodeError(node) << "group " << group
                             << " does not divide the channels";
    op = Conv2DOp::create(builder, l, resultType, in,
                          emitConst(transposeConst(weights, {0, 2, 3, 1}), wl),
                          biasValue, *padding, strides[0], strides[1],
                          dilations[0], dilations[1]);
  }
  if (is1D)
    defineRows(outName, op->getResult(0));
  else
    define(outName, op->getResult(0), nhwcPerm());
  return success();
}

LogicalResult Importer::importConvTranspose(const onnx::NodeProto &node) {
  FailureOr<Dims> xShape = shapeOf(input(node, 0), &node);
  FailureOr<Dims> yShape = shapeOf(node.output(0), &node);
  if (failed(xShape) || failed(yShape))
    return failure();
  // A 1-D one ([N, C, W]) runs as a 2-D one over a single row.
  bool is1D = xShape->size() == 3 && yShape->size() == 3;
  if (!is1D && (xShape->size() != 4 || yShape->size() != 4))
    return nodeError(node) << "only 1-D and 2-D transposed convolutions "
                              "(3-D or 4-D input and result) are "
                              "supported, input has rank "
                           << xShape->size();
  if (attrInt(node, "group", 1) != 1)
    return nodeError(node) << "grouped transposed convolutions are not "
                              "supported";
  const ConstTensor *w = constInput(node, 1);
  if (!w || !w->isFloat || w->shape.size() != xShape->size())
    return nodeError(node) << "the weights must be a constant "
                           << xShape->size() << "-D float tensor";
  ConstTensor rowWeights;
  if (is1D) {
    rowWeights = *w;
    rowWeights.shape.insert(rowWeights.shape.begin() + 2, 1);
    w = &rowWeights;
    xShape->insert(xShape->begin() + 2, 1);
    yShape->insert(yShape->begin() + 2, 1);
  }
  size_t spatial = is1D ? 1 : 2;
  Dims dilations = attrInts(node, "dilations", Dims(spatial, 1));
  if (llvm::any_of(dilations, [](int64_t d) { return d != 1; }))
    return nodeError(node) << "dilated transposed convolutions are not "
                              "supported";
  int64_t outC = w->shape[1];
  Dims kernel = {w->shape[2], w->shape[3]};
  Dims strides = attrInts(node, "strides", Dims(spatial, 1));
  Dims inHW = {(*xShape)[2], (*xShape)[3]}, outHW = {(*yShape)[2], (*yShape)[3]};
  Dims pads = attrInts(node, "pads", Dims(2 * spatial, 0));
  if (strides.size() != spatial || pads.size() != 2 * spatial)
    return nodeError(node) << "expected " << spatial << " strides and "
                           << 2 * spatial << " pads";
  if (is1D) {
    strides = rowWindow(strides);
    pads = rowPads(pads);
  }
  std::string autoPad = attrString(node, "auto_pad", "NOTSET");

  // TFLite crops floor(total / 2) before and the rest after, from the full
  // (VALID) result of size (in - 1) * stride + k.
  Padding padding = Padding::Valid;
  bool same = true, valid = true;
  Dims cropBefore(2), cropAfter(2);
  for (int d = 0; d < 2; ++d) {
    int64_t full = (inHW[d] - 1) * strides[d] + kernel[d];
    // The full result's size is a 32-bit output_shape operand.
    if (full > kMaxDim)
      return nodeError(node) << "the uncropped result of " << full
                             << " rows or columns exceeds " << kMaxDim;
    int64_t total = std::max<int64_t>(full - outHW[d], 0);
    if (autoPad == "NOTSET") {
      cropBefore[d] = pads[d];
    } else if (autoPad == "SAME_UPPER") {
      cropBefore[d] = total / 2;
    } else if (autoPad == "SAME_LOWER") {
      cropBefore[d] = total - total / 2;
    } else {
      cropBefore[d] = 0;
    }
    cropAfter[d] = full - outHW[d] - cropBefore[d];
    if (cropBefore[d] < 0 || cropAfter[d] < 0)
      return nodeError(node) << "output padding beyond the full result is "
                                "not supported";
    if (outHW[d] != inHW[d] * strides[d] || cropBefore[d] != total / 2)
      same = false;
    if (cropBefore[d] != 0 || cropAfter[d] != 0)
      valid = false;
  }
  if (same && !valid)
    padding = Padding::Same;
  FailureOr<Value> x = is1D ? getRows(input(node, 0), node)
                            : get(input(node, 0), nhwcPerm(), node);
  if (failed(x))
    return failure();
  Value bias;
  if (!input(node, 2).empty()) {
    const ConstTensor *b = constInput(node, 2);
    if (!b || !b->isFloat || b->size() != outC)
      return nodeError(node) << "the bias must be a constant float tensor";
    bias = emitConst(*b, loc(input(node, 2)));
  }
  Location l = loc(node.output(0));
  Dims fullShape = {(*yShape)[0], outHW[0], outHW[1], outC};
  if (!same && !valid) {
    fullShape[1] = (inHW[0] - 1) * strides[0] + kernel[0];
    fullShape[2] = (inHW[1] - 1) * strides[1] + kernel[1];
  }
  Value filter = emitConst(transposeConst(*w, {1, 2, 3, 0}), loc(input(node, 1)));
  Value result =
      TransposeConvOp::create(
          builder, (same || valid) ? l : loc(node.output(0) + "/full"),
          f32(fullShape), indexConst(fullShape, l), filter, *x, bias, padding,
          strides[0], strides[1])
          .getResult();
  if (!same && !valid) {
    Dims shape = {(*yShape)[0], outHW[0], outHW[1], outC};
    result = SliceOp::create(builder, l, f32(shape), result,
                             indexConst({0, cropBefore[0], cropBefore[1], 0}, l),
                             indexConst(shape, l))
                 .getResult();
  }
  if (is1D)
    defineRows(node.output(0), result);
  else
    define(node.output(0), result, nhwcPerm());
  return success();
}

LogicalResult Importer::importPool(const onnx::NodeProto &node) {
  FailureOr<Dims> xShape = shapeOf(input(node, 0), &node);
  FailureOr<Dims> yShape = shapeOf(node.output(0), &node);
  if (failed(xShape) || failed(yShape))
    return failure();
  // 1-D pooling ([N, C, W]) runs as 2-D pooling over a single row.
  bool is1D = xShape->size() == 3 && yShape->size() == 3;
  if (!is1D && (xShape->size() != 4 || yShape->size() != 4))
    return nodeError(node) << "only 1-D and 2-D pooling (3-D or 4-D input "
                              "and result) is supported, input has rank "
                           << xShape->size();
  if (is1D) {
    xShape->insert(xShape->begin() + 2, 1);
    yShape->insert(yShape->begin() + 2, 1);
  }
  FailureOr<Value> x = is1D ? getRows(input(node, 0), node)
                            : get(input(node, 0), nhwcPerm(), node);
  if (failed(x))
    return failure();
  Location l = loc(node.output(0));
  Dims outShape = permuteShape(*yShape, nhwcPerm());
  auto defineResult = [&](Value r) {
    if (is1D)
      defineRows(node.output(0), r);
    else
      define(node.output(0), r, nhwcPerm());
  };
  if (node.op_type() == "GlobalAveragePool") {
    Value r = MeanOp::create(builder, l, f32(outShape), *x,
                             indexConst({1, 2}, l), /*keep_dims=*/true)
                  .getResult();
    defineResult(r);
    return success();
  }
  if (node.output_size() > 1 && !node.output(1).empty())
    return nodeError(node) << "the Indices output is not supported";
  size_t spatial = is1D ? 1 : 2;
  Dims kernel = attrInts(node, "kernel_shape");
  Dims strides = attrInts(node, "strides", Dims(spatial, 1));
  Dims dilations = attrInts(node, "dilations", Dims(spatial, 1));
  Dims pads = attrInts(node, "pads");
  if (kernel.size() != spatial || strides.size() != spatial ||
      dilations.size() != spatial)
    return nodeError(node) << "expected a " << spatial
                           << "-D kernel_shape, strides and dilations";
  if (is1D) {
    if (!pads.empty() && pads.size() != 2)
      return nodeError(node) << "expected 2 pads for a 1-D window, got "
                             << pads.size();
    kernel = rowWindow(kernel);
    strides = rowWindow(strides);
    dilations = rowWindow(dilations);
    pads = rowPads(pads);
  }
  if (llvm::any_of(dilations, [](int64_t d) { return d != 1; }))
    return nodeError(node) << "dilated pooling is not supported";
  bool isMax = node.op_type() == "MaxPool";
  bool countPad = attrInt(node, "count_include_pad", 0) != 0;
  Value in = *x;
  Dims inHW = {(*xShape)[2], (*xShape)[3]};
  Dims outHW = {(*yShape)[2], (*yShape)[3]};
  bool anyPad = llvm::any_of(pads, [](int64_t p) { return p != 0; }) ||
                attrString(node, "auto_pad", "NOTSET").rfind("SAME", 0) == 0;
  std::optional<float> padValue;
  if (isMax)
    padValue = -std::numeric_limits<float>::max();
  else if (countPad)
    padValue = 0.0f;
  FailureOr<Padding> padding;
  if (!isMax && countPad && anyPad) {
    // TFLite's SAME average excludes padding; pad explicitly instead.
    Dims p = pads;
    if (p.empty())
      p = Dims(4, 0);
    if (p.size() != 4)
      return nodeError(node) << "expected 4 pads for a 2-D window";
    std::string autoPad = attrString(node, "auto_pad", "NOTSET");
    if (autoPad != "NOTSET")
      return nodeError(node) << "auto_pad with count_include_pad is not "
                                "supported";
    // The padded input is then pooled with VALID windows.
    Dims noPads(4, 0);
    auto type = cast<RankedTensorType>(in.getType());
    Dims shape(type.getShape());
    shape[1] += p[0] + p[2];
    shape[2] += p[1] + p[3];
    Location pl = loc(node.output(0) + "/pad");
    in = PadOp::create(builder, pl, f32(shape), in,
                       indexConst({0, 0, p[0], p[2], p[1], p[3], 0, 0}, pl,
                                  {4, 2}))
             .getResult();
    padding = choosePadding(node, in, {shape[1], shape[2]}, kernel, strides,
                            dilations, outHW, noPads, std::nullopt);
  } else {
    padding = choosePadding(node, in, inHW, kernel, strides, dilations, outHW,
                            pads, padValue);
  }
  if (failed(padding))
    return failure();
  Operation *op;
  if (isMax)
    op = MaxPool2DOp::create(builder, l, f32(outShape), in, *padding,
                             kernel[0], kernel[1], strides[0], strides[1]);
  else
    op = AveragePool2DOp::create(builder, l, f32(outShape), in, *padding,
                                 kernel[0], kernel[1], strides[0], strides[1]);
  defineResult(op->getResult(0));
  return success();
}

//===----------------------------------------------------------------------===//
// Matrix products
//===----------------------------------------------------------------------===//

LogicalResult Importer::importGemm(const onnx::NodeProto &node) {
  FailureOr<Dims> aShape = shapeOf(input(node, 0), &node);
  FailureOr<Dims> yShape = shapeOf(node.output(0), &node);
  if (failed(aShape) || failed(yShape))
    return failure();
  float alpha = attrFloat(node, "alpha", 1.0f);
  float beta = attrFloat(node, "beta", 1.0f);
  bool transA = attrInt(node, "transA", 0), transB = attrInt(node, "transB", 0);
  const ConstTensor *b = constInput(node, 1);
  if (!b || !b->isFloat || b->shape.size() != 2)
    return nodeError(node) << "B must be a constant 2-D float tensor";
  Location l = loc(node.output(0));
  FailureOr<Value> a = get(input(node, 0), identity(2), node);
  if (failed(a))
    return failure();
  Value in = *a;
  if (transA)
    in = transposeValue(in, {1, 0}, loc(node.output(0) + "/transpose_a"));
  // FULLY_CONNECTED takes [N, K] weights.
  ConstTensor filter = transB ? *b : transposeConst(*b, {1, 0});
  for (float &v : filter.f)
    v *= alpha;
  if (auto it = colPerms.find(input(node, 0)); it != colPerms.end()) {
    if (int64_t(it->second.size()) != filter.shape[1])
      return nodeError(node) << "B has " << filter.shape[1]
                             << " rows for " << it->second.size()
                             << " columns of A";
    filter = reorderColumns(filter, it->second);
  }
  int64_t n = filter.shape[0];
  Value bias;
  Value addend;
  if (!input(node, 2).empty() && beta != 0.0f) {
    const ConstTensor *c = constInput(node, 2);
    if (c && c->isFloat && (c->size() == n || c->size() == 1) &&
        (c->shape.empty() || c->shape.back() == c->size())) {
      ConstTensor bt;
      bt.shape = {n};
      for (int64_t k = 0; k < n; ++k)
        bt.f.push_back(beta * c->f[c->size() == 1 ? 0 : k]);
      bias = emitConst(bt, loc(input(node, 2)));
    } else {
      addend = Value();
      FailureOr<Value> cv = broadcastOperand(node, input(node, 2), 2,
                                             identity(2));
      if (failed(cv))
        return failure();
      addend = *cv;
      if (beta != 1.0f)
        addend = MulOp::create(builder, loc(node.output(0) + "/beta"),
                               addend.getType(), addend,
                               scalarConst(beta, l, 2))
                     .getResult();
    }
  }
  Value r = FullyConnectedOp::create(builder,
                                     addend ? loc(node.output(0) + "/matmul")
                                            : l,
                                     f32(*yShape), in,
                                     emitConst(filter, loc(input(node, 1))),
                                     bias)
                .getResult();
  if (addend)
    r = AddOp::create(builder, l, f32(*yShape), r, addend).getResult();
  define(node.output(0), r, identity(2));
  return success();
}

LogicalResult Importer::importMatMul(const onnx::NodeProto &node) {
  FailureOr<Dims> aShape = shapeOf(input(node, 0), &node);
  FailureOr<Dims> bShape = shapeOf(input(node, 1), &node);
  FailureOr<Dims> yShape = shapeOf(node.output(0), &node);
  if (failed(aShape) || failed(bShape) || failed(yShape))
    return failure();
  if (aShape->size() < 2 || bShape->size() < 2)
    return nodeError(node) << "1-D operands are not supported";
  Location l = loc(node.output(0));
  FailureOr<Value> a = get(input(node, 0), identity(aShape->size()), node);
  if (failed(a))
    return failure();
  const ConstTensor *b = constInput(node, 1);
  if (b && b->isFloat && b->shape.size() == 2) {
    ConstTensor w = transposeConst(*b, {1, 0});
    if (auto it = colPerms.find(input(node, 0)); it != colPerms.end()) {
      if (int64_t(it->second.size()) != w.shape[1])
        return nodeError(node) << "B has " << w.shape[1] << " rows for "
                               << it->second.size() << " columns of A";
      w = reorderColumns(w, it->second);
    }
    Value filter = emitConst(w, loc(input(node, 1)));
    Value r = FullyConnectedOp::create(builder, l, f32(*yShape), *a, filter,
                                       Value(), Activation::None,
                                       /*keep_num_dims=*/aShape->size() != 2)
                  .getResult();
    define(node.output(0), r, identity(yShape->size()));
    return success();
  }
  FailureOr<Value> bv = get(input(node, 1), identity(bShape->size()), node);
  if (failed(bv))
    return failure();
  Value r = BatchMatMulOp::create(builder, l, f32(*yShape), *a, *bv)
                .getResult();
  define(node.output(0), r, identity(yShape->size()));
  return success();
}

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

FailureOr<Value> Importer::broadcastOperand(const onnx::NodeProto &node,
                                            const std::string &name,
                                            int64_t rank,
                                            ArrayRef<int64_t> perm) {
  FailureOr<Dims> shape = shapeOf(name, &node);
  if (failed(shape))
    return failure();
  int64_t r = shape->size();
  if (r == rank)
    return get(name, perm, node);
  // ONNX's shape inference does not check every operand against the
  // result (e.g. a PRelu slope, a Gemm C).
  if (r > rank)
    return nodeError(node) << "operand '" << name << "' has rank " << r
                           << ", more than the result's " << rank;
  // Lower rank: ONNX aligns trailing dimensions; make it rank `rank` with
  // leading ones, then permute.
  Dims full(rank - r, 1);
  full.append(shape->begin(), shape->end());
  if (auto it = consts.find(name); it != consts.end() && !vals.count(name)) {
    if (!it->second.isFloat)
      return nodeError(node) << "integer tensor '" << name
                             << "' used as data";
    ConstTensor t = it->second;
    t.shape = full;
    return emitConst(transposeConst(t, perm), loc(name));
  }
  FailureOr<Value> v = get(name, identity(r), node);
  if (failed(v))
    return failure();
  Value expanded = reshapeValue(*v, full, loc(name + "/rank" +
                                                std::to_string(rank)));
  if (Dims(perm) == identity(rank))
    return expanded;
  return transposeValue(expanded, perm, loc(name + "/nhwc"));
}

LogicalResult Importer::broadcastPair(const onnx::NodeProto &node,
                                      const std::string &lhs,
                                      const std::string &rhs,
                                      ArrayRef<int64_t> outShape, Value &l,
                                      Value &r, Dims &perm) {
  int64_t rank = outShape.size();
  perm = identity(rank);
  // Follow the layout of a computed full-rank operand.
  for (const std::string *name : {&lhs, &rhs}) {
    auto it = vals.find(*name);
    if (it != vals.end() && int64_t(it->second.perm.size()) == rank &&
        it->second.perm != identity(rank)) {
      perm = it->second.perm;
      break;
    }
  }
  FailureOr<Value> lv = broadcastOperand(node, lhs, rank, perm);
  if (failed(lv))
    return failure();
  FailureOr<Value> rv = broadcastOperand(node, rhs, rank, perm);
  if (failed(rv))
    return failure();
  l = *lv;
  r = *rv;
  return success();
}

LogicalResult Importer::importBinary(const onnx::NodeProto &node) {
  FailureOr<Dims> yShape = shapeOf(node.output(0), &node);
  if (failed(yShape))
    return failure();
  Value lhs, rhs;
  Dims perm;
  if (failed(broadcastPair(node, input(node, 0), input(node, 1), *yShape, lhs,
                           rhs, perm)))
    return failure();
  Location l = loc(node.output(0));
  auto type = f32(permuteShape(*yShape, perm));
  const std::string &t = node.op_type();
  Value r;
  if (t == "Add")
    r = AddOp::create(builder, l, type, lhs, rhs).getResult();
  else if (t == "Sub")
    r = SubOp::create(builder, l, type, lhs, rhs).getResult();
  else if (t == "Mul")
    r = MulOp::create(builder, l, type, lhs, rhs).getResult();
  else
    r = DivOp::create(builder, l, type, lhs, rhs).getResult();
  define(node.output(0), r, perm);
  return success();
}

/// Sum, Mean, Max and Min of one or more inputs, broadcast as numpy does: a
/// chain of add, maximum or minimum; Mean scales the sum by 1/n.
LogicalResult Importer::importVariadic(const onnx::NodeProto &node) {
  FailureOr<Dims> yShape = shapeOf(node.output(0), &node);
  if (failed(yShape))
    return failure();
  if (node.input_size() == 0)
    return nodeError(node) << "has no inputs";
  int64_t rank = yShape->size();
  Dims perm = identity(rank);
  // Follow the layout of a computed full-rank operand.
  for (const auto &name : node.input()) {
    if (name.empty())
      return nodeError(node) << "has an empty input name";
    auto it = vals.find(name);
    if (it != vals.end() && int64_t(it->second.perm.size()) == rank &&
        it->second.perm != identity(rank)) {
      perm = it->second.perm;
      break;
    }
  }
  const std::string &t = node.op_type();
  Location l = loc(node.output(0));
  Value acc;
  for (auto [k, name] : llvm::enumerate(node.input())) {
    FailureOr<Value> v = broadcastOperand(node, name, rank, perm);
    if (failed(v))
      return failure();
    if (k == 0) {
      acc = *v;
      continue;
    }
    ArrayRef<int64_t> a = cast<RankedTensorType>(acc.getType()).getShape();
    ArrayRef<int64_t> b = cast<RankedTensorType>(v->getType()).getShape();
    Dims shape(rank);
    for (int64_t d = 0; d < rank; ++d) {
      if (a[d] != b[d] && a[d] != 1 && b[d] != 1)
        return nodeError(node) << "input '" << name << "' does not broadcast "
                               << "with the inputs before it";
      shape[d] = a[d] == 1 ? b[d] : a[d];
    }
    bool last = int64_t(k) + 1 == node.input_size() && t != "Mean";
    Location stepLoc = last ? l : loc(node.output(0) + "/" + std::to_string(k));
    if (t == "Max")
      acc = MaximumOp::create(builder, stepLoc, f32(shape), acc, *v);
    else if (t == "Min")
      acc = MinimumOp::create(builder, stepLoc, f32(shape), acc, *v);
    else
      acc = AddOp::create(builder, stepLoc, f32(shape), acc, *v);
  }
  if (t == "Mean" && node.input_size() > 1) {
    Value scale = scalarConst(1.0f / node.input_size(),
                              loc(node.output(0) + "/scale"), rank);
    acc = MulOp::create(builder, l, acc.getType(), acc, scale);
  }
  define(node.output(0), acc, perm);
  return success();
}

/// Dropout passes its input through at inference; a model that reads the
/// mask or asks for training mode needs the random drop, which qnt does not
/// do.
LogicalResult Importer::importDropout(const onnx::NodeProto &node) {
  if (node.input_size() < 1 || node.input(0).empty())
    return nodeError(node) << "has no data input";
  if (node.output_size() > 1 && !node.output(1).empty() &&
      uses[node.output(1)] > 0)
    return nodeError(node) << "mask output '" << node.output(1)
                           << "' is used; only inference (no mask) is "
                              "supported";
  if (node.input_size() > 2 && !node.input(2).empty()) {
    const ConstTensor *training = constInput(node, 2);
    if (!training || training->size() != 1 || training->at(0) != 0.0)
      return nodeError(node) << "training_mode must be a constant false; "
                                "only inference is supported";
  }
  FailureOr<Imported> in = getAny(node.input(0), node);
  if (failed(in))
    return failure();
  vals[node.output(0)] = *in;
  return success();
}

/// LRN, y = x * (bias + alpha / size * window_sum(x^2))^-beta, from ops
/// TFLite quantizes around: the sum of squares over a window of channels is
/// a 1x1 convolution with a banded filter (alpha / size inside the window)
/// whose bias is `bias`, then pow and mul.
LogicalResult Importer::importLRN(const onnx::NodeProto &node) {
  FailureOr<Dims> xShape = shapeOf(input(node, 0), &node);
  if (failed(xShape))
    return failure();
  if (xShape->size() != 4)
    return nodeError(node) << "only 4-D (NCHW) inputs are supported, got "
                           << "rank " << xShape->size();
  if (!attr(node, "size"))
    return nodeError(node) << "has no size attribute";
  int64_t size = attrInt(node, "size", 0);
  if (size < 1 || size > kMaxDim)
    return nodeError(node) << "size must be in [1, " << kMaxDim << "], got "
                           << size;
  int64_t channels = (*xShape)[1];
  if (channels > 8192)
    return nodeError(node) << channels << " channels: the window filter "
                           << "would be too large";
  float alpha = attrFloat(node, "alpha", 1e-4f);
  float beta = attrFloat(node, "beta", 0.75f);
  float bias = attrFloat(node, "bias", 1.0f);
  FailureOr<Value> x = get(input(node, 0), nhwcPerm(), node);
  if (failed(x))
    return failure();
  const std::string &out = node.output(0);
  auto type = cast<RankedTensorType>(x->getType());
  Value square =
      MulOp::create(builder, loc(out + "/square"), type, *x, *x).getResult();
  // Channel i is in the window of channel c for
  // c - floor((size - 1) / 2) <= i <= c + ceil((size - 1) / 2).
  int64_t before = (size - 1) / 2, after = size - 1 - before;
  ConstTensor filter;
  filter.shape = {channels, 1, 1, channels};
  filter.f.assign(channels * channels, 0.0f);
  for (int64_t c = 0; c < channels; ++c)
    for (int64_t i = std::max<int64_t>(c - before, 0);
         i <= std::min(c + after, channels - 1); ++i)
      filter.f[c * channels + i] = alpha / float(size);
  ConstTensor biasValues;
  biasValues.shape = {channels};
  biasValues.f.assign(channels, bias);
  Value sum = Conv2DOp::create(builder, loc(out + "/window_sum"), type, square,
                               emitConst(filter, loc(out + "/window")),
                               emitConst(biasValues, loc(out + "/bias")),
                               Padding::Valid, 1, 1, 1, 1)
                  .getResult();
  Value scale = PowOp::create(builder, loc(out + "/pow"), type, sum,
                              scalarConst(-beta, loc(out + "/beta"), 4))
                    .getResult();
  define(out, MulOp::create(builder, loc(out), type, *x, scale).getResult(),
         nhwcPerm());
  return success();
}

bool Importer::tryFuseActivation(const std::string &input,
                                 const std::string &output, Activation act) {
  auto it = vals.find(input);
  if (it == vals.end())
    return false;
  // Names aliasing the value (Identity, Dropout) count as its users too.
  int64_t valueUses = 0;
  for (const auto &[name, imp] : vals)
    if (imp.value == it->second.value)
      valueUses += uses[name];
  if (valueUses != 1)
    return false;
  Operation *op = it->second.value.getDefiningOp();
  // A 1-D convolution's result is a reshape of its image (defineRows).
  Operation *rowsReshape = nullptr;
  auto image = rows.find(input);
  if (image != rows.end() && op && isa<ReshapeOp>(op) &&
      op->getOperand(0) == image->second) {
    rowsReshape = op;
    op = image->second.getDefiningOp();
  }
  if (!op || !isa<Conv2DOp, DepthwiseConv2DOp, TransposeConvOp,
                  FullyConnectedOp, AddOp, SubOp, MulOp>(op))
    return false;
  auto current = op->getAttrOfType<ActivationAttr>("fused_activation");
  if (current && current.getValue() != Activation::None)
    return false;
  op->setAttr("fused_activation", ActivationAttr::get(context, act));
  op->setLoc(loc(output));
  vals[output] = it->second;
  if (rowsReshape) {
    rowsReshape->setLoc(loc(output + "/nwc"));
    rows[output] = image->second;
  }
  return true;
}

/// ONNX's shape inference does not check that PRelu's slope broadcasts to
/// the input (one way, trailing dimensions aligned). Up to opset 6 a slope
/// of C values was per channel (dimension 1); the version converter keeps
/// it as is, so it becomes [C, 1, ...] here.
FailureOr<std::string> Importer::preluSlope(const onnx::NodeProto &node) {
  std::string name = input(node, 1);
  FailureOr<Dims> inShape = shapeOf(node.input(0), &node);
  FailureOr<Dims> shape = shapeOf(name, &node);
  if (failed(inShape) || failed(shape))
    return failure();
  size_t rank = inShape->size();
  if (sourceOpset && sourceOpset < 7 && shape->size() == 1 && rank >= 2 &&
      (*shape)[0] > 1 && (*shape)[0] == (*inShape)[1]) {
    Dims channels(rank - 1, 1);
    channels[0] = (*shape)[0];
    std::string perChannel = name + "/per_channel";
    if (consts.count(perChannel) || vals.count(perChannel))
      return perChannel;
    if (auto it = consts.find(name); it != consts.end() && !vals.count(name)) {
      ConstTensor t = it->second;
      t.shape = channels;
      consts[perChannel] = std::move(t);
      return perChannel;
    }
    FailureOr<Value> v = get(name, identity(1), node);
    if (failed(v))
      return failure();
    define(perChannel, reshapeValue(*v, channels, loc(perChannel)),
           identity(channels.size()));
    shapes[perChannel] = channels;
    return perChannel;
  }
  // A slope of higher rank is reported by broadcastOperand.
  for (size_t i = 1; i <= std::min(rank, shape->size()); ++i) {
    int64_t s = (*shape)[shape->size() - i], d = (*inShape)[rank - i];
    if (s != 1 && s != d)
      return nodeError(node) << "slope '" << name << "' of shape "
                             << shapeString(*shape)
                             << " does not broadcast to the input's shape "
                             << shapeString(*inShape);
  }
  return name;
}

LogicalResult Importer::importActivation(const onnx::NodeProto &node) {
  const std::string &t = node.op_type();
  const std::string &in = node.input(0);
  const std::string &out = node.output(0);
  Location l = loc(out);

  std::optional<Activation> fusable;
  float lo = -std::numeric_limits<float>::infinity();
  float hi = std::numeric_limits<float>::infinity();
  if (t == "Relu") {
    fusable = Activation::Relu;
  } else if (t == "Clip") {
    const ConstTensor *mn = constInput(node, 1), *mx = constInput(node, 2);
    if ((!input(node, 1).empty() && (!mn || mn->size() != 1)) ||
        (!input(node, 2).empty() && (!mx || mx->size() != 1)))
      return nodeError(node) << "min and max must be constant scalars";
    if (mn)
      lo = mn->at(0);
    if (mx)
      hi = mx->at(0);
    if (lo == 0.0f && hi == 6.0f)
      fusable = Activation::Relu6;
    else if (lo == -1.0f && hi == 1.0f)
      fusable = Activation::ReluN1To1;
    else if (lo == 0.0f && std::isinf(hi))
      fusable = Activation::Relu;
  }
  if (fusable && tryFuseActivation(in, out, *fusable))
    return success();

  FailureOr<Imported> x = getAny(in, node);
  if (failed(x))
    return failure();
  Value v = x->value;
  Type type = v.getType();
  int64_t rank = x->perm.size();
  Value r;
  if (fusable == Activation::Relu)
    r = ReluOp::create(builder, l, type, v).getResult();
  else if (fusable == Activation::Relu6)
    r = Relu6Op::create(builder, l, type, v).getResult();
  else if (fusable == Activation::ReluN1To1)
    r = ReluN1To1Op::create(builder, l, type, v).getResult();
  else if (t == "Clip") {
    r = v;
    if (!std::isinf(lo))
      r = MaximumOp::create(builder, std::isinf(hi) ? l : loc(out + "/min"),
                            type, r, scalarConst(lo, l, rank))
              .getResult();
    if (!std::isinf(hi))
      r = MinimumOp::create(builder, l, type, r, scalarConst(hi, l, rank))
              .getResult();
  } else if (t == "LeakyRelu") {
    r = LeakyReluOp::create(builder, l, type, v,
                            builder.getF32FloatAttr(
                                attrFloat(node, "alpha", 0.01f)))
            .getResult();
  } else if (t == "PRelu") {
    FailureOr<std::string> slopeName = preluSlope(node);
    if (failed(slopeName))
      return failure();
    // One slope for all elements is a leaky ReLU. As a PRELU, TFLite's
    // XNNPACK delegate would read one slope per channel from it.
    auto single = consts.find(*slopeName);
    if (single != consts.end() && !vals.count(*slopeName) &&
        single->second.isFloat && single->second.size() == 1) {
      r = LeakyReluOp::create(builder, l, type, v,
                              builder.getF32FloatAttr(single->second.f[0]))
              .getResult();
    } else {
      FailureOr<Value> slope = broadcastOperand(node, *slopeName, rank,
                                                x->perm);
      if (failed(slope))
        return failure();
      r = PReluOp::create(builder, l, type, v, *slope).getResult();
    }
  } else if (t == "Sigmoid") {
    r = LogisticOp::create(builder, l, type, v).getResult();
  } else if (t == "Tanh") {
    r = TanhOp::create(builder, l, type, v).getResult();
  } else if (t == "HardSwish") {
    r = HardSwishOp::create(builder, l, type, v).getResult();
  } else if (t == "HardSigmoid") {
    // max(0, min(1, alpha * x + beta))
    float alpha = attrFloat(node, "alpha", 0.2f);
    float beta = attrFloat(node, "beta", 0.5f);
    bool sixth = std::abs(alpha * 6.0f - 1.0f) < 1e-6f;
    // x * hard_sigmoid(x) with alpha 1/6 and beta 1/2 is hard_swish, which
    // exporters before opset 14 write as these two nodes: one op and one
    // int8 kernel instead of five quantized steps.
    if (sixth && beta == 0.5f) {
      const auto &users = consumers[out];
      if (uses[out] == 1 && users.size() == 1) {
        const onnx::NodeProto &mul = graph->node(users[0]);
        if (mul.op_type() == "Mul" && mul.input_size() == 2 &&
            mul.output_size() == 1 &&
            ((mul.input(0) == out && mul.input(1) == node.input(0)) ||
             (mul.input(1) == out && mul.input(0) == node.input(0)))) {
          skipped.insert(users[0]);
          define(mul.output(0),
                 HardSwishOp::create(builder, loc(mul.output(0)), type, v)
                     .getResult(),
                 x->perm);
          return success();
        }
      }
    }
    if (sixth) {
      // relu6(x + beta / alpha) / 6: an add with a fused relu6 and a mul,
      // whose int8 outputs span [0, 6] and [0, 1].
      Value s = AddOp::create(builder, loc(out + "/relu6"), type, v,
                              scalarConst(beta / alpha, l, rank),
                              Activation::Relu6)
                    .getResult();
      r = MulOp::create(builder, l, type, s, scalarConst(alpha, l, rank))
              .getResult();
      define(out, r, x->perm);
      return success();
    }
    Value s = MulOp::create(builder, loc(out + "/alpha"), type, v,
                            scalarConst(alpha, l, rank))
                  .getResult();
    s = AddOp::create(builder, loc(out + "/beta"), type, s,
                      scalarConst(beta, l, rank))
            .getResult();
    s = MaximumOp::create(builder, loc(out + "/min"), type, s,
                          scalarConst(0.0f, l, rank))
            .getResult();
    r = MinimumOp::create(builder, l, type, s, scalarConst(1.0f, l, rank))
            .getResult();
  } else {
    return nodeError(node) << "not supported";
  }
  define(out, r, x->perm);
  return success();
}

std::optional<float> Importer::scalarOperand(const onnx::NodeProto &node,
                                             const std::string &other) {
  if (node.input_size() != 2 || node.output_size() != 1)
    return std::nullopt;
  int k = node.input(0) == other ? 1 : node.input(1) == other ? 0 : -1;
  const ConstTensor *c = k < 0 ? nullptr : constInput(node, k);
  if (!c || c->size() != 1)
    return std::nullopt;
  return float(c->at(0));
}

std::optional<size_t> Importer::soleUser(const std::string &name) {
  const auto &users = consumers[name];
  if (uses[name] != 1 || users.size() != 1)
    return std::nullopt;
  return users[0];
}

/// Exporters write GELU as 0.5 * x * (1 + erf(x / sqrt(2))), with the half
/// applied first or last; that subgraph becomes one qnt.gelu, named after
/// its last node's output. The nodes before the Erf (x / sqrt(2), x * 0.5)
/// were imported already and are left without users, removed after import.
/// An Erf elsewhere has no TFLite counterpart.
LogicalResult Importer::importErf(const onnx::NodeProto &node) {
  auto notGelu = [&] {
    return nodeError(node) << "Erf is supported only inside GELU, "
                              "0.5 * x * (1 + erf(x / sqrt(2)))";
  };
  auto near = [](std::optional<float> v, double want) {
    return v && std::abs(*v - want) <= 1e-4 * std::abs(want);
  };
  // erf's argument: x / sqrt(2) or x * (1 / sqrt(2)).
  auto scaled = producers.find(input(node, 0));
  if (scaled == producers.end())
    return notGelu();
  const onnx::NodeProto &scale = graph->node(scaled->second);
  std::string x = scale.input_size() == 2 ? scale.input(0) : "";
  bool isDiv = scale.op_type() == "Div" &&
               near(scalarOperand(scale, x), std::sqrt(2.0)) &&
               constInput(scale, 0) == nullptr;
  bool isMul = scale.op_type() == "Mul";
  if (isMul && constInput(scale, 0))
    x = scale.input(1);
  isMul = isMul && near(scalarOperand(scale, x), 1 / std::sqrt(2.0));
  if (!(isDiv || isMul) || x.empty())
    return notGelu();
  // 1 + erf(...)
  std::optional<size_t> plusOneAt = soleUser(node.output(0));
  if (!plusOneAt)
    return notGelu();
  const onnx::NodeProto &plusOne = graph->node(*plusOneAt);
  if (plusOne.op_type() != "Add" ||
      !near(scalarOperand(plusOne, node.output(0)), 1.0))
    return notGelu();
  const std::string &sum = plusOne.output(0);
  std::optional<size_t> productAt = soleUser(sum);
  if (!productAt)
    return notGelu();
  const onnx::NodeProto &product = graph->node(*productAt);
  if (product.op_type() != "Mul" || product.input_size() != 2 ||
      product.output_size() != 1)
    return notGelu();
  std::string other =
      product.input(0) == sum ? product.input(1) : product.input(0);
  std::optional<size_t> lastAt = productAt;
  if (other == x) {
    // (x * (1 + erf)) * 0.5
    lastAt = soleUser(product.output(0));
    if (!lastAt || graph->node(*lastAt).op_type() != "Mul" ||
        !near(scalarOperand(graph->node(*lastAt), product.output(0)), 0.5))
      return notGelu();
  } else {
    // (x * 0.5) * (1 + erf)
    auto half = producers.find(other);
    if (half == producers.end() ||
        graph->node(half->second).op_type() != "Mul" ||
        !near(scalarOperand(graph->node(half->second), x), 0.5))
      return notGelu();
  }
  FailureOr<Imported> in = getAny(x, node);
  if (failed(in))
    return failure();
  const std::string &out = graph->node(*lastAt).output(0);
  Value gelu = GeluOp::create(builder, loc(out), in->value.getType(),
                              in->value, /*approximate=*/false)
                   .getResult();
  skipped.insert({*plusOneAt, *productAt, *lastAt});
  define(out, gelu, in->perm);
  return success();
}

/// LayerNormalization (opset 17): normalize() over the axes from `axis` to
/// the last, with Scale and B spanning those axes.
LogicalResult Importer::importLayerNorm(const onnx::NodeProto &node) {
  FailureOr<Dims> xShape = shapeOf(input(node, 0), &node);
  if (failed(xShape))
    return failure();
  int64_t rank = xShape->size();
  FailureOr<int64_t> axis =
      resolveAxis(node, "axis", attrInt(node, "axis", -1), rank);
  if (failed(axis))
    return failure();
  if (attrInt(node, "stash_type", 1) != 1)
    return nodeError(node) << "supports stash_type 1 (float) only";
  for (int k = 1; k < node.output_size(); ++k)
    if (!node.output(k).empty() && uses[node.output(k)] > 0)
      return nodeError(node) << "output " << k
                             << " (Mean or InvStdDev) is used; qnt imports "
                                "the normalized output only";
  if (input(node, 1).empty())
    return nodeError(node) << "has no Scale input";
  // Scale and B span exactly the normalized dimensions.
  Dims normalized(xShape->begin() + *axis, xShape->end());
  for (int k = 1; k < 3 && k < node.input_size(); ++k) {
    if (input(node, k).empty())
      continue;
    FailureOr<Dims> shape = shapeOf(input(node, k), &node);
    if (failed(shape))
      return failure();
    if (*shape != normalized)
      return nodeError(node)
             << (k == 1 ? "Scale" : "B") << " has shape "
             << shapeString(*shape) << ", expected "
             << shapeString(normalized)
             << " (the input's dimensions from axis " << *axis << " on)";
  }
  FailureOr<Imported> x = getAny(input(node, 0), node);
  if (failed(x))
    return failure();
  Dims normalizedAxes;
  for (int64_t a = *axis; a < rank; ++a)
    normalizedAxes.push_back(a);
  FailureOr<Value> scale =
      broadcastOperand(node, input(node, 1), rank, x->perm);
  if (failed(scale))
    return failure();
  Value bias;
  if (!input(node, 2).empty()) {
    FailureOr<Value> b = broadcastOperand(node, input(node, 2), rank, x->perm);
    if (failed(b))
      return failure();
    bias = *b;
  }
  const std::string &out = node.output(0);
  define(out,
         normalize(*x, normalizedAxes, attrFloat(node, "epsilon", 1e-5f),
                   *scale, bias, out),
         x->perm);
  return success();
}

Value Importer::normalize(const Imported &x, ArrayRef<int64_t> onnxAxes,
                          float epsilon, Value scale, Value bias,
                          const std::string &out) {
  int64_t rank = x.perm.size();
  Dims stored = reducedLayout(x.perm, onnxAxes, true).first;
  auto type = cast<RankedTensorType>(x.value.getType());
  SmallVector<int64_t> reducedShape(type.getShape());
  for (int64_t d : stored)
    reducedShape[d] = 1;
  Type reduced = f32(Dims(reducedShape));
  Value axes = indexConst(stored, loc(out + "/axes"));
  Value mean = MeanOp::create(builder, loc(out + "/mean"), reduced, x.value,
                              axes, true)
                   .getResult();
  Value variance =
      MeanOp::create(builder, loc(out + "/variance"), reduced,
                     SquaredDifferenceOp::create(builder,
                                                 loc(out + "/squared"), type,
                                                 x.value, mean)
                         .getResult(),
                     axes, true)
          .getResult();
  Value invStd =
      RsqrtOp::create(builder, loc(out + "/rsqrt"), reduced,
                      AddOp::create(builder, loc(out + "/epsilon"), reduced,
                                    variance, scalarConst(epsilon, loc(out), rank))
                          .getResult())
          .getResult();
  Value centered = SubOp::create(builder, loc(out + "/centered"), type,
                                 x.value, mean)
                       .getResult();
  Value r = MulOp::create(builder, loc(out + "/normalized"), type, centered,
                          invStd)
                .getResult();
  r = MulOp::create(builder, bias ? loc(out + "/scaled") : loc(out), type, r,
                    scale)
          .getResult();
  if (bias)
    r = AddOp::create(builder, loc(out), type, r, bias).getResult();
  return r;
}

/// InstanceNormalization: normalize() over the spatial axes of each sample
/// and channel, with per-channel constant scale and B.
LogicalResult Importer::importInstanceNorm(const onnx::NodeProto &node) {
  FailureOr<Dims> xShape = shapeOf(input(node, 0), &node);
  if (failed(xShape))
    return failure();
  int64_t rank = xShape->size();
  if (rank < 3)
    return nodeError(node) << "expects an input of rank 3 or more (N, C and "
                              "spatial dimensions), got rank "
                           << rank;
  int64_t c = (*xShape)[1];
  ConstTensor params[2];
  for (int k = 0; k < 2; ++k) {
    const ConstTensor *p = constInput(node, k + 1);
    if (!p || !p->isFloat || p->size() != c)
      return nodeError(node) << (k == 0 ? "scale" : "B")
                             << " must be a constant tensor of " << c
                             << " elements";
    params[k] = *p;
    params[k].shape = Dims(rank, 1);
    params[k].shape[1] = c;
  }
  FailureOr<Imported> in = getAny(input(node, 0), node);
  if (failed(in))
    return failure();
  // Images are normalized in NHWC, where the per-channel constants are the
  // innermost dimension.
  Dims perm = in->perm;
  if (rank == 4 && perm == identity(4))
    perm = nhwcPerm();
  FailureOr<Value> v = get(input(node, 0), perm, node);
  if (failed(v))
    return failure();
  Dims spatial;
  for (int64_t a = 2; a < rank; ++a)
    spatial.push_back(a);
  const std::string &out = node.output(0);
  Value scale = emitConst(transposeConst(params[0], perm), loc(out + "/scale"));
  Value bias = emitConst(transposeConst(params[1], perm), loc(out + "/bias"));
  define(out,
         normalize(Imported{*v, perm}, spatial,
                   attrFloat(node, "epsilon", 1e-5f), scale, bias, out),
         perm);
  return success();
}

/// Elementwise math: one qnt op each, Reciprocal as a division of 1;
/// Softplus, Selu and Elu with an alpha other than 1 composed of several.
LogicalResult Importer::importMath(const onnx::NodeProto &node) {
  const std::string &t = node.op_type();
  const std::string &out = node.output(0);
  Location l = loc(out);
  if (t == "Pow") {
    FailureOr<Dims> yShape = shapeOf(out, &node);
    if (failed(yShape))
      return failure();
    Value base, exponent;
    Dims perm;
    if (failed(broadcastPair(node, input(node, 0), input(node, 1), *yShape,
                             base, exponent, perm)))
      return failure();
    auto type = f32(permuteShape(*yShape, perm));
    define(out, PowOp::create(builder, l, type, base, exponent).getResult(),
           perm);
    return success();
  }
  FailureOr<Imported> x = getAny(input(node, 0), node);
  if (failed(x))
    return failure();
  Value v = x->value;
  Type type = v.getType();
  Value r;
  if (t == "Exp") {
    r = ExpOp::create(builder, l, type, v).getResult();
  } else if (t == "Log") {
    r = LogOp::create(builder, l, type, v).getResult();
  } else if (t == "Sqrt") {
    r = SqrtOp::create(builder, l, type, v).getResult();
  } else if (t == "Abs") {
    r = AbsOp::create(builder, l, type, v).getResult();
  } else if (t == "Neg") {
    r = NegOp::create(builder, l, type, v).getResult();
  } else if (t == "Floor") {
    r = FloorOp::create(builder, l, type, v).getResult();
  } else if (t == "Elu" || t == "Selu") {
    // Selu is gamma * elu_alpha(x), with ONNX's defaults for both.
    bool selu = t == "Selu";
    float alpha =
        attrFloat(node, "alpha", selu ? 1.67326319217681884765625f : 1.0f);
    float gamma =
        selu ? attrFloat(node, "gamma", 1.05070102214813232421875f) : 1.0f;
    int64_t rank = x->perm.size();
    bool plain = alpha == 1.0f && gamma == 1.0f;
    // TFLite's ELU has alpha 1; elu_alpha(x) = elu(x) + (alpha - 1) *
    // min(elu(x), 0), since elu(x) is x above 0 and e^x - 1 below.
    r = EluOp::create(builder, plain ? l : loc(out + "/elu"), type, v)
            .getResult();
    if (alpha != 1.0f) {
      Value neg = MinimumOp::create(builder, loc(out + "/negative"), type, r,
                                    scalarConst(0.0f, l, rank))
                      .getResult();
      neg = MulOp::create(builder, loc(out + "/alpha"), type, neg,
                          scalarConst(alpha - 1.0f, l, rank))
                .getResult();
      r = AddOp::create(builder, gamma == 1.0f ? l : loc(out + "/elu_alpha"),
                        type, r, neg)
              .getResult();
    }
    if (gamma != 1.0f)
      r = MulOp::create(builder, l, type, r, scalarConst(gamma, l, rank))
              .getResult();
  } else if (t == "Softplus") {
    // log(1 + e^x) = relu(x) + log(1 + e^-|x|): e^x overflows above 88,
    // e^-|x| never does, and every step has a bounded range ((0, 1],
    // (1, 2], (0, log 2]) that int8 represents well. -|x| is a mul, which
    // has an int8 kernel where neg has none.
    int64_t rank = x->perm.size();
    Value negAbs =
        MulOp::create(builder, loc(out + "/neg_abs"), type,
                      AbsOp::create(builder, loc(out + "/abs"), type, v)
                          .getResult(),
                      scalarConst(-1.0f, l, rank))
            .getResult();
    Value e = ExpOp::create(builder, loc(out + "/exp"), type, negAbs)
                  .getResult();
    Value onePlus = AddOp::create(builder, loc(out + "/one_plus"), type, e,
                                  scalarConst(1.0f, l, rank))
                        .getResult();
    Value log = LogOp::create(builder, loc(out + "/log"), type, onePlus)
                    .getResult();
    Value relu =
        ReluOp::create(builder, loc(out + "/relu"), type, v).getResult();
    r = AddOp::create(builder, l, type, relu, log).getResult();
  } else if (t == "Reciprocal") {
    r = DivOp::create(builder, l, type,
                      scalarConst(1.0f, l, int64_t(x->perm.size())), v)
            .getResult();
  } else {
    return nodeError(node) << "not supported";
  }
  define(out, r, x->perm);
  return success();
}

LogicalResult Importer::importBatchNorm(const onnx::NodeProto &node) {
  FailureOr<Dims> xShape = shapeOf(input(node, 0), &node);
  if (failed(xShape))
    return failure();
  if (node.input_size() < 5 || xShape->size() < 2)
    return nodeError(node) << "expected 5 inputs and a rank >= 2 input";
  int64_t c = (*xShape)[1];
  std::vector<float> params[4];
  for (int k = 0; k < 4; ++k) {
    const ConstTensor *p = constInput(node, k + 1);
    if (!p || !p->isFloat || p->size() != c)
      return nodeError(node) << "scale, bias, mean and variance must be "
                                "constant tensors of "
                             << c << " elements";
    params[k] = p->f;
  }
  float eps = attrFloat(node, "epsilon", 1e-5f);
  int64_t rank = xShape->size();
  ConstTensor scale, shift;
  Dims shape(rank, 1);
  shape[1] = c;
  scale.shape = shift.shape = shape;
  for (int64_t o = 0; o < c; ++o) {
    float s = params[0][o] / std::sqrt(params[3][o] + eps);
    scale.f.push_back(s);
    shift.f.push_back(params[1][o] - params[2][o] * s);
  }
  FailureOr<Imported> x = getAny(input(node, 0), node);
  if (failed(x))
    return failure();
  Dims perm = x->perm;
  if (rank == 4 && perm == identity(4)) {
    perm = nhwcPerm();
  }
  FailureOr<Value> v = get(input(node, 0), perm, node);
  if (failed(v))
    return failure();
  const std::string &out = node.output(0);
  Type type = v->getType();
  Value r = MulOp::create(builder, loc(out + "/scale"), type, *v,
                          emitConst(transposeConst(scale, perm),
                                    loc(out + "/scale")))
                .getResult();
  r = AddOp::create(builder, loc(out), type, r,
                    emitConst(transposeConst(shift, perm), loc(out + "/shift")))
          .getResult();
  define(out, r, perm);
  return success();
}

//===----------------------------------------------------------------------===//
// Shapes and data movement
//===----------------------------------------------------------------------===//

LogicalResult Importer::importReshapeLike(const onnx::NodeProto &node) {
  FailureOr<Dims> xShape = shapeOf(input(node, 0), &node);
  FailureOr<Dims> yShape = shapeOf(node.output(0), &node);
  if (failed(xShape) || failed(yShape))
    return failure();
  if (node.op_type() == "Squeeze" &&
      failed(checkSqueezeAxes(node, *xShape)))
    return failure();
  // An output value_info may give any shape where ONNX infers none.
  if (numElements(*xShape) != numElements(*yShape))
    return nodeError(node) << "cannot reshape " << shapeString(*xShape)
                           << " into " << shapeString(*yShape);
  FailureOr<Imported> x = getAny(input(node, 0), node);
  if (failed(x))
    return failure();
  Location l = loc(node.output(0));
  // Dropping or adding dimensions of size 1 keeps a permuted layout: carry
  // the permutation over to the remaining dimensions.
  Dims nonUnitIn, nonUnitOut;
  for (int64_t d : *xShape)
    if (d != 1)
      nonUnitIn.push_back(d);
  for (int64_t d : *yShape)
    if (d != 1)
      nonUnitOut.push_back(d);
  if (x->perm != identity(xShape->size()) && nonUnitIn == nonUnitOut) {
    // Order of the non-unit ONNX dimensions as stored.
    Dims inNonUnitIndex(xShape->size(), -1);
    int64_t k = 0;
    for (size_t d = 0; d < xShape->size(); ++d)
      if ((*xShape)[d] != 1)
        inNonUnitIndex[d] = k++;
    Dims storedOrder;
    for (int64_t p : x->perm)
      if (inNonUnitIndex[p] >= 0)
        storedOrder.push_back(inNonUnitIndex[p]);
    Dims outNonUnitDims;
    for (size_t d = 0; d < yShape->size(); ++d)
      if ((*yShape)[d] != 1)
        outNonUnitDims.push_back(d);
    // Keep the output in ONNX order unless it is the NHWC image shape.
    Dims outPerm;
    if (yShape->size() == 4 && xShape->size() == 4 &&
        x->perm == nhwcPerm())
      outPerm = nhwcPerm();
    else
      outPerm = identity(yShape->size());
    // Check that outPerm stores the non-unit dims in the same order.
    Dims outStored;
    Dims outIndex(yShape->size(), -1);
    k = 0;
    for (size_t d = 0; d < yShape->size(); ++d)
      if ((*yShape)[d] != 1)
        outIndex[d] = k++;
    for (int64_t p : outPerm)
      if (outIndex[p] >= 0)
        outStored.push_back(outIndex[p]);
    if (outStored == storedOrder) {
      Value r = reshapeValue(x->value, permuteShape(*yShape, outPerm), l);
      define(node.output(0), r, outPerm);
      return success();
    }
  }
  // Flattening a permuted image for matrix products with constant weights:
  // flatten the stored order and let the products reorder their weights.
  if (yShape->size() == 2 && xShape->size() > 2 &&
      x->perm != identity(xShape->size()) && x->perm[0] == 0 &&
      (*yShape)[0] == (*xShape)[0] &&
      (*yShape)[1] == numElements(ArrayRef<int64_t>(*xShape).drop_front()) &&
      flattenUsersTakePermutedColumns(node)) {
    Dims inner;
    for (size_t d = 1; d < x->perm.size(); ++d)
      inner.push_back(x->perm[d]);
    // ONNX strides of the flattened dimensions.
    Dims strides(xShape->size(), 1);
    for (int64_t d = xShape->size() - 2; d >= 1; --d)
      strides[d] = strides[d + 1] * (*xShape)[d + 1];
    Dims cols;
    Dims index(inner.size(), 0);
    for (int64_t k = 0, e = (*yShape)[1]; k < e; ++k) {
      int64_t col = 0;
      for (size_t j = 0; j < inner.size(); ++j)
        col += index[j] * strides[inner[j]];
      cols.push_back(col);
      for (int64_t j = inner.size() - 1; j >= 0; --j) {
        if (++index[j] < (*xShape)[inner[j]])
          break;
        index[j] = 0;
      }
    }
    Value r = reshapeValue(x->value, *yShape, l);
    define(node.output(0), r, identity(2));
    colPerms[node.output(0)] = cols;
    return success();
  }
  FailureOr<Value> v = get(input(node, 0), identity(xShape->size()), node);
  if (failed(v))
    return failure();
  Value r = *v;
  if (cast<RankedTensorType>(r.getType()).getShape() != ArrayRef(*yShape))
    r = ReshapeOp::create(builder, l, f32(*yShape), r, indexConst(*yShape, l))
            .getResult();
  define(node.output(0), r, identity(yShape->size()));
  return success();
}

bool Importer::flattenUsersTakePermutedColumns(const onnx::NodeProto &node) {
  const std::string &out = node.output(0);
  const auto &users = consumers[out];
  if (users.empty() || uses[out] != int(users.size()))
    return false; // also a graph output
  for (size_t u : users) {
    const onnx::NodeProto &user = graph->node(u);
    bool gemm = user.op_type() == "Gemm" && attrInt(user, "transA", 0) == 0;
    bool matmul = user.op_type() == "MatMul";
    const ConstTensor *b = constInput(user, 1);
    if (!(gemm || matmul) || input(user, 0) != out || input(user, 1) == out ||
        !b || !b->isFloat || b->shape.size() != 2)
      return false;
  }
  return true;
}

LogicalResult Importer::importTranspose(const onnx::NodeProto &node) {
  FailureOr<Dims> xShape = shapeOf(input(node, 0), &node);
  if (failed(xShape))
    return failure();
  int64_t rank = xShape->size();
  Dims t = attrInts(node, "perm");
  if (t.empty())
    for (int64_t d = rank - 1; d >= 0; --d)
      t.push_back(d);
  Dims sorted = t;
  llvm::sort(sorted);
  if (sorted != identity(rank))
    return nodeError(node) << "perm is not a permutation of the " << rank
                           << " dimensions";
  FailureOr<Imported> x = getAny(input(node, 0), node);
  if (failed(x))
    return failure();
  // No data moves: output ONNX dimension j is input ONNX dimension t[j], so
  // the stored value is the output permuted by inverse(t)[x.perm[i]].
  Dims tInv = inverse(t);
  Dims outPerm;
  for (int64_t p : x->perm)
    outPerm.push_back(tInv[p]);
  define(node.output(0), x->value, outPerm);
  return success();
}

LogicalResult Importer::importConcat(const onnx::NodeProto &node) {
  FailureOr<Dims> yShape = shapeOf(node.output(0), &node);
  if (failed(yShape))
    return failure();
  int64_t rank = yShape->size();
  FailureOr<int64_t> axis =
      resolveAxis(node, "axis", attrInt(node, "axis", 0), rank);
  if (failed(axis))
    return failure();
  Dims perm = identity(rank);
  for (const auto &in : node.input()) {
    auto it = vals.find(in);
    if (it != vals.end() && it->second.perm != identity(rank)) {
      perm = it->second.perm;
      break;
    }
  }
  SmallVector<Value> operands;
  for (const auto &in : node.input()) {
    FailureOr<Value> v = get(in, perm, node);
    if (failed(v))
      return failure();
    operands.push_back(*v);
  }
  Location l = loc(node.output(0));
  Value r = ConcatenationOp::create(builder, l,
                                    f32(permuteShape(*yShape, perm)), operands,
                                    uint32_t(inverse(perm)[*axis]))
                .getResult();
  define(node.output(0), r, perm);
  return success();
}

LogicalResult Importer::importSoftmax(const onnx::NodeProto &node) {
  FailureOr<Dims> xShape = shapeOf(input(node, 0), &node);
  if (failed(xShape))
    return failure();
  int64_t rank = xShape->size();
  FailureOr<int64_t> resolved = resolveAxis(
      node, "axis", attrInt(node, "axis", opset >= 13 ? -1 : 1), rank);
  if (failed(resolved))
    return failure();
  int64_t axis = *resolved;
  FailureOr<Imported> x = getAny(input(node, 0), node);
  if (failed(x))
    return failure();
  Location l = loc(node.output(0));
  // Softmax and LogSoftmax share their axis semantics; only the op differs.
  auto apply = [&](Value v) -> Value {
    if (node.op_type() == "LogSoftmax")
      return LogSoftmaxOp::create(builder, l, v.getType(), v).getResult();
    return SoftmaxOp::create(builder, l, v.getType(), v,
                             builder.getF32FloatAttr(1.0f))
        .getResult();
  };
  if (opset >= 13 || axis == rank - 1) {
    // Softmax over one dimension: make it the stored last one.
    Dims perm = x->perm;
    if (perm.back() != axis) {
      perm.erase(llvm::find(perm, axis));
      perm.push_back(axis);
    }
    FailureOr<Value> v = get(input(node, 0), perm, node);
    if (failed(v))
      return failure();
    define(node.output(0), apply(*v), perm);
    return success();
  }
  // Opsets 11-12: softmax over the flattened dimensions from `axis` on.
  FailureOr<Value> v = get(input(node, 0), identity(rank), node);
  if (failed(v))
    return failure();
  int64_t inner = numElements(ArrayRef<int64_t>(*xShape).drop_front(axis));
  if (inner == 0)
    return nodeError(node) << "softmax over an empty dimension";
  Dims flat = {numElements(*xShape) / inner, inner};
  Value r = reshapeValue(*v, flat, loc(node.output(0) + "/flat"));
  r = reshapeValue(apply(r), *xShape, loc(node.output(0) + "/unflat"));
  define(node.output(0), r, identity(rank));
  return success();
}

LogicalResult Importer::importReduceMean(const onnx::NodeProto &node) {
  FailureOr<Dims> xShape = shapeOf(input(node, 0), &node);
  FailureOr<Dims> yShape = shapeOf(node.output(0), &node);
  if (failed(xShape) || failed(yShape))
    return failure();
  int64_t rank = xShape->size();
  Dims axes = identity(rank);
  if (Dims given = attrInts(node, "axes"); !given.empty()) {
    FailureOr<Dims> resolved = resolveAxes(node, "axis", given, rank);
    if (failed(resolved))
      return failure();
    axes = *resolved;
  }
  bool keep = attrInt(node, "keepdims", 1) != 0;
  FailureOr<Imported> x = getAny(input(node, 0), node);
  if (failed(x))
    return failure();
  auto [stored, outPerm] = reducedLayout(x->perm, axes, keep);
  if (yShape->size() != outPerm.size())
    return nodeError(node) << "result has rank " << yShape->size()
                           << ", expected " << outPerm.size();
  Location l = loc(node.output(0));
  Value r = MeanOp::create(builder, l, f32(permuteShape(*yShape, outPerm)),
                           x->value, indexConst(stored, l), keep)
                .getResult();
  define(node.output(0), r, outPerm);
  return success();
}

/// ReduceSum, ReduceMax, ReduceMin, GlobalMaxPool (a max over the spatial
/// axes, kept) and the reductions made of a sum and elementwise ops
/// (ReduceSumSquare, ReduceL2, ReduceL1, ReduceLogSum, ReduceLogSumExp).
/// Axes come from the attribute or, from opset 13 for ReduceSum and 18 for
/// the others, from a constant second input.
LogicalResult Importer::importReduce(const onnx::NodeProto &node) {
  const std::string &type = node.op_type();
  FailureOr<Dims> xShape = shapeOf(input(node, 0), &node);
  FailureOr<Dims> yShape = shapeOf(node.output(0), &node);
  if (failed(xShape) || failed(yShape))
    return failure();
  int64_t rank = xShape->size();
  bool global = type == "GlobalMaxPool";
  if (global && rank < 3)
    return nodeError(node) << "expects an input of rank 3 or more, got "
                           << rank;
  Dims given = attrInts(node, "axes");
  if (!input(node, 1).empty()) {
    const ConstTensor *a = constInput(node, 1);
    if (!a || a->isFloat)
      return nodeError(node) << "axes must be a constant integer tensor";
    given.assign(a->i.begin(), a->i.end());
  }
  Dims axes = identity(rank);
  if (global) {
    axes.erase(axes.begin(), axes.begin() + 2);
  } else if (!given.empty()) {
    FailureOr<Dims> resolved = resolveAxes(node, "axis", given, rank);
    if (failed(resolved))
      return failure();
    axes = *resolved;
  } else if (attrInt(node, "noop_with_empty_axes", 0) != 0) {
    return nodeError(node) << "noop_with_empty_axes is not supported";
  }
  bool keep = global || attrInt(node, "keepdims", 1) != 0;
  FailureOr<Imported> x = getAny(input(node, 0), node);
  if (failed(x))
    return failure();
  auto [stored, outPerm] = reducedLayout(x->perm, axes, keep);
  if (yShape->size() != outPerm.size())
    return nodeError(node) << "result has rank " << yShape->size()
                           << ", expected " << outPerm.size();
  const std::string &out = node.output(0);
  Location l = loc(out);
  RankedTensorType outType = f32(permuteShape(*yShape, outPerm));
  Value axisValue = indexConst(stored, l);
  Value v = x->value;
  Type inType = v.getType();
  Value r;
  if (type == "ReduceMin") {
    r = ReduceMinOp::create(builder, l, outType, v, axisValue, keep);
  } else if (type == "ReduceMax" || type == "GlobalMaxPool") {
    r = ReduceMaxOp::create(builder, l, outType, v, axisValue, keep);
  } else if (type == "ReduceLogSumExp") {
    // m + log(sum(e^(x - m))) with m the maximum: e^(x - m) is in (0, 1],
    // which neither overflows nor spans a wide int8 range.
    SmallVector<int64_t> keptShape(
        cast<RankedTensorType>(inType).getShape());
    for (int64_t d : stored)
      keptShape[d] = 1;
    Value maxKept = ReduceMaxOp::create(builder, loc(out + "/max"),
                                        f32(Dims(keptShape)), v, axisValue,
                                        true)
                        .getResult();
    Value shifted = SubOp::create(builder, loc(out + "/shifted"), inType, v,
                                  maxKept)
                        .getResult();
    Value e = ExpOp::create(builder, loc(out + "/exp"), inType, shifted)
                  .getResult();
    Value sum = SumOp::create(builder, loc(out + "/sum"), outType, e,
                              axisValue, keep)
                    .getResult();
    Value max = keep ? maxKept
                     : ReduceMaxOp::create(builder, loc(out + "/max_dropped"),
                                           outType, v, axisValue, false)
                           .getResult();
    r = AddOp::create(builder, l, outType,
                      LogOp::create(builder, loc(out + "/log"), outType, sum)
                          .getResult(),
                      max);
  } else {
    // Sums: of x, x^2 (then a square root for L2), |x|, or of x then a log.
    bool squared = type == "ReduceSumSquare" || type == "ReduceL2";
    if (squared)
      v = MulOp::create(builder, loc(out + "/square"), inType, v, v)
              .getResult();
    else if (type == "ReduceL1")
      v = AbsOp::create(builder, loc(out + "/abs"), inType, v).getResult();
    bool post = type == "ReduceL2" || type == "ReduceLogSum";
    r = SumOp::create(builder, post ? loc(out + "/sum") : l, outType, v,
                      axisValue, keep);
    if (type == "ReduceL2")
      r = SqrtOp::create(builder, l, outType, r).getResult();
    else if (type == "ReduceLogSum")
      r = LogOp::create(builder, l, outType, r).getResult();
  }
  define(out, r, outPerm);
  return success();
}

/// ArgMax and ArgMin in ONNX's layout (their int64 result is never
/// transposed later).
LogicalResult Importer::importArgMaxMin(const onnx::NodeProto &node) {
  FailureOr<Dims> xShape = shapeOf(input(node, 0), &node);
  FailureOr<Dims> yShape = shapeOf(node.output(0), &node);
  if (failed(xShape) || failed(yShape))
    return failure();
  bool isMax = node.op_type() == "ArgMax";
  if (attrInt(node, "select_last_index", 0) != 0)
    return nodeError(node) << "select_last_index = 1 is not supported "
                              "(TFLite's "
                           << (isMax ? "ARG_MAX takes the first maximum)"
                                     : "ARG_MIN takes the first minimum)");
  int64_t rank = xShape->size();
  FailureOr<int64_t> axis =
      resolveAxis(node, "axis", attrInt(node, "axis", 0), rank);
  if (failed(axis))
    return failure();
  bool keep = attrInt(node, "keepdims", 1) != 0;
  Dims dropped;
  for (int64_t d = 0; d < rank; ++d)
    if (d != *axis)
      dropped.push_back((*xShape)[d]);
  Dims expected = dropped;
  if (keep)
    expected.insert(expected.begin() + *axis, 1);
  if (*yShape != expected)
    return nodeError(node) << "result has shape " << shapeString(*yShape)
                           << ", expected " << shapeString(expected);
  FailureOr<Value> x = get(input(node, 0), identity(rank), node);
  if (failed(x))
    return failure();
  Location l = loc(node.output(0));
  auto i64 = [&](ArrayRef<int64_t> shape) {
    return RankedTensorType::get(shape, builder.getI64Type());
  };
  Value dim = indexConst({*axis}, l);
  Value r = isMax ? ArgMaxOp::create(builder, l, i64(dropped), *x, dim)
                        .getResult()
                  : ArgMinOp::create(builder, l, i64(dropped), *x, dim)
                        .getResult();
  if (keep)
    r = ReshapeOp::create(builder, l, i64(expected), r,
                          indexConst(expected, l))
            .getResult();
  define(node.output(0), r, identity(expected.size()));
  return success();
}

/// Gather of an activation (a Gather of constants was folded) by constant
/// indices, made non-negative here since TFLite's GATHER rejects negative
/// ones.
LogicalResult Importer::importGather(const onnx::NodeProto &node) {
  FailureOr<Dims> xShape = shapeOf(input(node, 0), &node);
  FailureOr<Dims> yShape = shapeOf(node.output(0), &node);
  if (failed(xShape) || failed(yShape))
    return failure();
  const ConstTensor *idx = constInput(node, 1);
  if (!idx || idx->isFloat)
    return nodeError(node) << "indices must be a constant integer tensor";
  int64_t rank = xShape->size();
  FailureOr<int64_t> axis =
      resolveAxis(node, "axis", attrInt(node, "axis", 0), rank);
  if (failed(axis))
    return failure();
  int64_t dim = (*xShape)[*axis];
  Dims indices;
  for (int64_t i : idx->i) {
    if (i < -dim || i >= dim)
      return nodeError(node) << "index " << i << " out of range for "
                             << "dimension " << *axis << " of size " << dim;
    indices.push_back(i < 0 ? i + dim : i);
  }
  FailureOr<Imported> x = getAny(input(node, 0), node);
  if (failed(x))
    return failure();
  // Stored dimension d is ONNX dimension x->perm[d]; the gathered one is
  // replaced by the indices' dimensions, which follow it in ONNX's order.
  int64_t idxRank = idx->shape.size();
  Dims outPerm;
  int64_t storedAxis = inverse(x->perm)[*axis];
  for (int64_t d = 0; d < rank; ++d) {
    int64_t p = x->perm[d];
    if (d == storedAxis) {
      for (int64_t k = 0; k < idxRank; ++k)
        outPerm.push_back(*axis + k);
      continue;
    }
    outPerm.push_back(p < *axis ? p : p + idxRank - 1);
  }
  if (int64_t(yShape->size()) != rank + idxRank - 1)
    return nodeError(node) << "result has rank " << yShape->size()
                           << ", expected " << rank + idxRank - 1;
  Location l = loc(node.output(0));
  ConstTensor indexTensor; // May be a scalar, which indexConst cannot make.
  indexTensor.isFloat = false;
  indexTensor.i.assign(indices.begin(), indices.end());
  indexTensor.shape = idx->shape;
  Value r = GatherOp::create(builder, l, f32(permuteShape(*yShape, outPerm)),
                             x->value, emitConst(indexTensor, l, true),
                             builder.getI32IntegerAttr(storedAxis),
                             builder.getI32IntegerAttr(0))
                .getResult();
  define(node.output(0), r, outPerm);
  return success();
}

/// SpaceToDepth on NCHW, run as SPACE_TO_DEPTH on the NHWC view: both put
/// block offset (dy, dx) at channels (dy * b + dx) * C + c.
/// The 4-D input and the result shape of a SpaceToDepth or DepthToSpace
/// node (whose block size is checked before shape inference).
LogicalResult Importer::blockMoveShapes(const onnx::NodeProto &node,
                                        Dims &in, Dims &out) {
  FailureOr<Dims> xShape = shapeOf(input(node, 0), &node);
  FailureOr<Dims> yShape = shapeOf(node.output(0), &node);
  if (failed(xShape) || failed(yShape))
    return failure();
  if (xShape->size() != 4)
    return nodeError(node) << "expects a 4-D input, got rank "
                           << xShape->size();
  in = *xShape;
  out = *yShape;
  return success();
}

LogicalResult Importer::importSpaceToDepth(const onnx::NodeProto &node) {
  Dims in, out;
  if (failed(blockMoveShapes(node, in, out)))
    return failure();
  int64_t block = attrInt(node, "blocksize", 0);
  if (in[2] % block != 0 || in[3] % block != 0)
    return nodeError(node) << "blocksize " << block
                           << " does not divide the spatial size "
                           << in[2] << "x" << in[3];
  Dims expected = {in[0], in[1] * block * block, in[2] / block,
                   in[3] / block};
  if (out != expected)
    return nodeError(node) << "result has shape " << shapeString(out)
                           << ", expected " << shapeString(expected);
  const Dims nhwc = {0, 2, 3, 1};
  FailureOr<Value> x = get(input(node, 0), nhwc, node);
  if (failed(x))
    return failure();
  Location l = loc(node.output(0));
  Value r = SpaceToDepthOp::create(builder, l,
                                   f32(permuteShape(expected, nhwc)), *x,
                                   static_cast<int32_t>(block))
                .getResult();
  define(node.output(0), r, nhwc);
  return success();
}

/// The CRD reorder's index list holds one value per channel.
constexpr int64_t kMaxGatherChannels = 1 << 20;

/// DepthToSpace on NCHW, run as DEPTH_TO_SPACE on the NHWC view. Mode DCR
/// reads block offset (dy, dx) from channels (dy * b + dx) * C' + c, as
/// TFLite does; CRD (PyTorch's PixelShuffle) from c * b * b + dy * b + dx,
/// so its channels are first gathered into DCR order.
LogicalResult Importer::importDepthToSpace(const onnx::NodeProto &node) {
  Dims in, out;
  if (failed(blockMoveShapes(node, in, out)))
    return failure();
  int64_t block = attrInt(node, "blocksize", 0);
  std::string mode = attrString(node, "mode", "DCR");
  if (mode != "DCR" && mode != "CRD")
    return nodeError(node) << "mode must be DCR or CRD, got '" << mode << "'";
  int64_t group = block * block;
  if (in[1] % group != 0)
    return nodeError(node) << "blocksize " << block << " squared does not "
                           << "divide the " << in[1] << " input channels";
  int64_t depth = in[1] / group;
  Dims expected = {in[0], depth, in[2] * block, in[3] * block};
  if (out != expected)
    return nodeError(node) << "result has shape " << shapeString(out)
                           << ", expected " << shapeString(expected);
  const Dims nhwc = {0, 2, 3, 1};
  FailureOr<Value> x = get(input(node, 0), nhwc, node);
  if (failed(x))
    return failure();
  Value v = *x;
  if (mode == "CRD" && depth > 1) {
    if (in[1] > kMaxGatherChannels)
      return nodeError(node) << "mode CRD reorders the channels with a "
                             << "gather, for at most " << kMaxGatherChannels
                             << " channels, got " << in[1];
    // DCR channel k = offset * C' + c holds CRD channel c * b * b + offset.
    Dims indices;
    for (int64_t k = 0; k < in[1]; ++k)
      indices.push_back(k % depth * group + k / depth);
    Location gl = loc(node.output(0) + "/dcr_order");
    v = GatherOp::create(builder, gl, v.getType(), v, indexConst(indices, gl),
                         builder.getI32IntegerAttr(3),
                         builder.getI32IntegerAttr(0))
            .getResult();
  }
  Location l = loc(node.output(0));
  Value r = DepthToSpaceOp::create(builder, l,
                                   f32(permuteShape(expected, nhwc)), v,
                                   static_cast<int32_t>(block))
                .getResult();
  define(node.output(0), r, nhwc);
  return success();
}

LogicalResult Importer::checkRepeatShape(const onnx::NodeProto &node,
                                         ArrayRef<int64_t> in,
                                         ArrayRef<int64_t> out) {
  bool tile = node.op_type() == "Tile";
  StringRef what = tile ? "repeats" : "shape";
  const ConstTensor *c = constInput(node, 1);
  if (!c || c->isFloat || c->shape.size() != 1)
    return nodeError(node) << "needs a constant 1-D integer '" << what
                           << "' input";
  Dims expected;
  if (tile) {
    if (c->size() != int64_t(in.size()))
      return nodeError(node) << "has " << c->size() << " repeats for an "
                             << "input of rank " << in.size();
    for (size_t d = 0; d < in.size(); ++d) {
      if (c->i[d] < 0 || c->i[d] > (1 << 24))
        return nodeError(node) << "repeats must be in [0, 2^24], got "
                               << c->i[d];
      expected.push_back(in[d] * c->i[d]);
    }
  } else {
    // Numpy broadcasting of the input's shape and `shape`, both ways.
    size_t rank = std::max<size_t>(in.size(), c->size());
    if (rank > 8)
      return nodeError(node) << "broadcasts to rank " << rank
                             << "; at most 8 is supported";
    for (size_t d = 0; d < rank; ++d) {
      int64_t a = d + in.size() >= rank ? in[d + in.size() - rank] : 1;
      int64_t b = d + c->size() >= rank ? c->i[d + c->size() - rank] : 1;
      if (b < 0 || (a != b && a != 1 && b != 1))
        return nodeError(node) << "cannot expand " << shapeString(in)
                               << " by shape "
                               << shapeString(Dims(c->i.begin(), c->i.end()));
      expected.push_back(a == 1 ? b : a);
    }
  }
  if (Dims(out) != expected)
    return nodeError(node) << "result has shape " << shapeString(out)
                           << ", expected " << shapeString(expected);
  return success();
}

/// Tile keeps the input's stored layout (the repeats are permuted with
/// it); Expand does too when it adds no dimensions, otherwise it works in
/// ONNX order.
LogicalResult Importer::importRepeat(const onnx::NodeProto &node) {
  FailureOr<Dims> xShape = shapeOf(input(node, 0), &node);
  FailureOr<Dims> yShape = shapeOf(node.output(0), &node);
  if (failed(xShape) || failed(yShape) ||
      failed(checkRepeatShape(node, *xShape, *yShape)))
    return failure();
  FailureOr<Imported> x = getAny(input(node, 0), node);
  if (failed(x))
    return failure();
  Location l = loc(node.output(0));
  Dims perm = x->perm;
  Value data = x->value;
  if (yShape->size() != xShape->size()) {
    perm = identity(yShape->size());
    FailureOr<Value> plain =
        get(input(node, 0), identity(xShape->size()), node);
    if (failed(plain))
      return failure();
    data = *plain;
  }
  Dims stored = permuteShape(*yShape, perm);
  Value r;
  if (node.op_type() == "Tile") {
    const ConstTensor &repeats = *constInput(node, 1);
    Dims multiples;
    for (int64_t p : perm)
      multiples.push_back(repeats.i[p]);
    r = TileOp::create(builder, l, f32(stored), data,
                       indexConst(multiples, l))
            .getResult();
  } else {
    r = BroadcastToOp::create(builder, l, f32(stored), data,
                              indexConst(stored, l))
            .getResult();
  }
  define(node.output(0), r, perm);
  return success();
}

/// LpNormalization with p = 2 is L2_NORMALIZATION over the axis, stored
/// last (TFLite normalizes the last dimension). TFLite divides by at least
/// 1e-6, ONNX by the norm itself: they differ only on all-zero vectors.
LogicalResult Importer::importLpNormalization(const onnx::NodeProto &node) {
  FailureOr<Dims> xShape = shapeOf(input(node, 0), &node);
  FailureOr<Dims> yShape = shapeOf(node.output(0), &node);
  if (failed(xShape) || failed(yShape))
    return failure();
  if (attrInt(node, "p", 2) != 2)
    return nodeError(node) << "only p = 2 is supported, got "
                           << attrInt(node, "p", 2);
  int64_t rank = xShape->size();
  if (rank < 1 || rank > 4)
    return nodeError(node) << "expects an input of rank 1 to 4, got " << rank;
  if (*yShape != *xShape)
    return nodeError(node) << "result has shape " << shapeString(*yShape)
                           << ", expected " << shapeString(*xShape);
  FailureOr<int64_t> axis =
      resolveAxis(node, "axis", attrInt(node, "axis", -1), rank);
  if (failed(axis))
    return failure();
  FailureOr<Imported> any = getAny(input(node, 0), node);
  if (failed(any))
    return failure();
  Dims perm = any->perm;
  if (perm.back() != *axis) {
    perm.clear();
    for (int64_t d = 0; d < rank; ++d)
      if (d != *axis)
        perm.push_back(d);
    perm.push_back(*axis);
  }
  FailureOr<Value> x = get(input(node, 0), perm, node);
  if (failed(x))
    return failure();
  Location l = loc(node.output(0));
  Value r = L2NormalizationOp::create(builder, l,
                                      f32(permuteShape(*xShape, perm)), *x)
                .getResult();
  define(node.output(0), r, perm);
  return success();
}

LogicalResult Importer::importPad(const onnx::NodeProto &node) {
  FailureOr<Dims> xShape = shapeOf(input(node, 0), &node);
  FailureOr<Dims> yShape = shapeOf(node.output(0), &node);
  if (failed(xShape) || failed(yShape))
    return failure();
  // 'reflect' is TFLite's MIRROR_PAD; 'edge' and 'wrap' have no TFLite op.
  std::string mode = attrString(node, "mode", "constant");
  bool reflect = mode == "reflect";
  if (mode != "constant" && !reflect)
    return nodeError(node) << "mode '" << mode
                           << "' is not supported (only 'constant' and "
                              "'reflect')";
  int64_t rank = xShape->size();
  if (int64_t(yShape->size()) != rank)
    return nodeError(node) << "result has rank " << yShape->size()
                           << ", expected " << rank;
  const ConstTensor *pads = constInput(node, 1);
  if (!pads || pads->isFloat || pads->size() != 2 * rank)
    return nodeError(node) << "pads must be a constant of " << 2 * rank
                           << " integers";
  if (node.input_size() > 3 && !node.input(3).empty())
    return nodeError(node) << "the axes input is not supported";
  float value = 0.0f;
  if (!input(node, 2).empty()) {
    const ConstTensor *c = constInput(node, 2);
    if (!c || c->size() != 1)
      return nodeError(node) << "constant_value must be a constant scalar";
    value = c->at(0);
  }
  FailureOr<Imported> x = getAny(input(node, 0), node);
  if (failed(x))
    return failure();
  Dims paddings;
  for (int64_t p : x->perm) {
    if (pads->i[p] < 0 || pads->i[rank + p] < 0)
      return nodeError(node) << "negative pads (cropping) are not supported";
    if (pads->i[p] > kMaxDim || pads->i[rank + p] > kMaxDim)
      return nodeError(node) << "pads must fit 32 bits";
    // A reflection repeats no element twice: pads below the size.
    if (reflect && std::max(pads->i[p], pads->i[rank + p]) > 0 &&
        std::max(pads->i[p], pads->i[rank + p]) >= (*xShape)[p])
      return nodeError(node)
             << "reflect pads " << pads->i[p] << " and " << pads->i[rank + p]
             << " of dimension " << p << " must be smaller than its size "
             << (*xShape)[p];
    paddings.push_back(pads->i[p]);
    paddings.push_back(pads->i[rank + p]);
  }
  // No padding at all (torch exports AvgPool1d with one): the input itself.
  if (llvm::all_of(paddings, [](int64_t p) { return p == 0; })) {
    vals[node.output(0)] = *x;
    if (auto it = rows.find(input(node, 0)); it != rows.end())
      rows[node.output(0)] = it->second;
    return success();
  }
  Location l = loc(node.output(0));
  auto type = f32(permuteShape(*yShape, x->perm));
  Value pv = indexConst(paddings, l, {rank, 2});
  Value r = reflect ? MirrorPadOp::create(builder, l, type, x->value, pv,
                                          MirrorPadMode::Reflect)
                          .getResult()
            : value == 0.0f
                ? PadOp::create(builder, l, type, x->value, pv).getResult()
                : PadV2Op::create(builder, l, type, x->value, pv,
                                  scalarConst(value, l, 0))
                      .getResult();
  define(node.output(0), r, x->perm);
  return success();
}

LogicalResult Importer::importResize(const onnx::NodeProto &node) {
  FailureOr<Dims> xShape = shapeOf(input(node, 0), &node);
  FailureOr<Dims> yShape = shapeOf(node.output(0), &node);
  if (failed(xShape) || failed(yShape))
    return failure();
  if (xShape->size() != 4 || yShape->size() != 4 ||
      (*xShape)[0] != (*yShape)[0] ||
      (*xShape)[1] != (*yShape)[1])
    return nodeError(node) << "only resizing the spatial dimensions of a "
                              "4-D NCHW tensor is supported";
  std::string mode = attrString(node, "mode", "nearest");
  std::string coord =
      attrString(node, "coordinate_transformation_mode", "half_pixel");
  std::string nearest = attrString(node, "nearest_mode", "round_prefer_floor");
  // Scales or sizes computed at run time would make the coordinate mapping
  // differ from the one fixed here by the static shapes.
  for (int i : {2, 3})
    if (!input(node, i).empty() && !constInput(node, i))
      return nodeError(node) << (i == 2 ? "scales" : "sizes")
                             << " must be known at import time";
  // TFLite derives the scale from the sizes; explicit scales must agree.
  if (const ConstTensor *s = constInput(node, 2); s && s->size() == 4) {
    for (int d = 2; d < 4; ++d) {
      double expect = double((*yShape)[d]) / double((*xShape)[d]);
      if (std::abs(s->at(d) - expect) > 1e-6 * expect)
        return nodeError(node) << "scale " << s->at(d)
                               << " is not output/input size; TFLite "
                                  "resizes by the size ratio";
    }
  }
  bool bilinear = mode == "linear";
  bool align = false, halfPixel = false;
  bool ok = false;
  if (bilinear) {
    bool outerOne = (*yShape)[2] == 1 || (*yShape)[3] == 1;
    if (coord == "half_pixel" ||
        (coord == "pytorch_half_pixel" && !outerOne)) {
      halfPixel = ok = true;
    } else if (coord == "align_corners") {
      align = ok = true;
    } else if (coord == "asymmetric") {
      ok = true;
    }
  } else if (mode == "nearest") {
    if (coord == "asymmetric" && nearest == "floor")
      ok = true;
    else if (coord == "align_corners" && nearest == "round_prefer_ceil")
      align = ok = true;
    else if ((coord == "half_pixel" || coord == "tf_half_pixel_for_nn") &&
             nearest == "round_prefer_ceil")
      halfPixel = ok = true;
  }
  if (!ok)
    return nodeError(node) << "mode '" << mode
                           << "' with coordinate_transformation_mode '"
                           << coord << "'"
                           << (mode == "nearest"
                                   ? " and nearest_mode '" + nearest + "'"
                                   : std::string())
                           << " has no TFLite equivalent";
  FailureOr<Value> x = get(input(node, 0), nhwcPerm(), node);
  if (failed(x))
    return failure();
  Location l = loc(node.output(0));
  auto type = f32(permuteShape(*yShape, nhwcPerm()));
  Value size = indexConst({(*yShape)[2], (*yShape)[3]}, l);
  Value r = bilinear ? ResizeBilinearOp::create(builder, l, type, *x, size,
                                                align, halfPixel)
                           .getResult()
                     : ResizeNearestNeighborOp::create(builder, l, type, *x,
                                                       size, align, halfPixel)
                           .getResult();
  define(node.output(0), r, nhwcPerm());
  return success();
}

LogicalResult Importer::importSlice(const onnx::NodeProto &node) {
  FailureOr<Dims> xShape = shapeOf(input(node, 0), &node);
  FailureOr<Dims> yShape = shapeOf(node.output(0), &node);
  if (failed(xShape) || failed(yShape))
    return failure();
  int64_t rank = xShape->size();
  if (int64_t(yShape->size()) != rank)
    return nodeError(node) << "result has rank " << yShape->size()
                           << ", expected " << rank;
  const ConstTensor *starts = constInput(node, 1), *ends = constInput(node, 2);
  if (!starts || !ends || starts->isFloat || ends->isFloat ||
      starts->size() != ends->size())
    return nodeError(node) << "starts and ends must be constant integers";
  Dims axes = identity(starts->size());
  if (const ConstTensor *a = constInput(node, 3)) {
    if (a->isFloat || a->size() != starts->size())
      return nodeError(node) << "axes must be " << starts->size()
                             << " integers, one per start";
    FailureOr<Dims> resolved = resolveAxes(node, "axis", a->i, rank);
    if (failed(resolved))
      return failure();
    axes = *resolved;
  } else if (!input(node, 3).empty()) {
    return nodeError(node) << "axes must be constant";
  } else if (int64_t(axes.size()) > rank) {
    return nodeError(node) << "more starts than dimensions";
  }
  Dims steps(starts->size(), 1);
  if (const ConstTensor *s = constInput(node, 4)) {
    if (s->isFloat || s->size() != starts->size())
      return nodeError(node) << "steps must be " << starts->size()
                             << " integers, one per start";
    steps.assign(s->i.begin(), s->i.end());
  } else if (!input(node, 4).empty()) {
    return nodeError(node) << "steps must be constant";
  }
  Dims begin(rank, 0), end(*xShape), stride(rank, 1);
  Dims endMaskDims;
  for (size_t k = 0; k < axes.size(); ++k) {
    int64_t a = axes[k];
    int64_t dim = (*xShape)[a];
    int64_t s = starts->i[k], e = ends->i[k], st = steps[k];
    if (st == 0)
      return nodeError(node) << "step 0";
    // A step beyond the dimension takes only the start, as a step of the
    // dimension's size does, which fits TFLite's 32-bit strides.
    st = std::clamp<int64_t>(st, -std::max<int64_t>(dim, 1),
                             std::max<int64_t>(dim, 1));
    if (s < 0)
      s += dim;
    if (e < 0)
      e += dim;
    if (dim == 0) {
      // Nothing to take (and no valid index to clamp to).
      s = e = 0;
    } else if (st > 0) {
      s = std::clamp<int64_t>(s, 0, dim);
      e = std::clamp<int64_t>(e, 0, dim);
    } else {
      s = std::clamp<int64_t>(s, 0, dim - 1);
      e = std::clamp<int64_t>(e, -1, dim - 1);
      if (e == -1)
        endMaskDims.push_back(a);
    }
    begin[a] = s;
    end[a] = e;
    stride[a] = st;
  }
  // The result type comes from ONNX, whose inference (1.12) gets an empty
  // dimension sliced backwards wrong, and TFLite's strided slice has no
  // result shape to check it against.
  Dims expected(*xShape);
  for (int64_t a : axes) {
    int64_t span = stride[a] > 0 ? end[a] - begin[a] : begin[a] - end[a];
    int64_t step = std::abs(stride[a]);
    expected[a] = span > 0 ? (span + step - 1) / step : 0;
  }
  if (expected != *yShape)
    return nodeError(node) << "result has shape " << shapeString(*yShape)
                           << ", but the slice gives "
                           << shapeString(expected);
  FailureOr<Imported> x = getAny(input(node, 0), node);
  if (failed(x))
    return failure();
  Location l = loc(node.output(0));
  auto type = f32(permuteShape(*yShape, x->perm));
  bool unit = llvm::all_of(stride, [](int64_t s) { return s == 1; });
  // TFLite's masks have one bit per dimension.
  if (!unit && rank > 32)
    return nodeError(node) << "steps other than 1 on a rank-" << rank
                           << " tensor are not supported (at most 32 "
                              "dimensions)";
  Dims b, e, s, sizes;
  int32_t endMask = 0;
  for (auto [i, p] : llvm::enumerate(x->perm)) {
    b.push_back(begin[p]);
    e.push_back(end[p]);
    s.push_back(stride[p]);
    sizes.push_back((*yShape)[p]);
    if (llvm::is_contained(endMaskDims, p))
      endMask |= int32_t(1u << i);
  }
  Value r = unit ? SliceOp::create(builder, l, type, x->value,
                                   indexConst(b, l), indexConst(sizes, l))
                       .getResult()
                 : StridedSliceOp::create(builder, l, type, x->value,
                                          indexConst(b, l), indexConst(e, l),
                                          indexConst(s, l), 0, endMask)
                       .getResult();
  define(node.output(0), r, x->perm);
  return success();
}

/// One slice per output along `axis`; the sizes come from the `split` input
/// (opset 13+) or attribute (before), or are equal parts.
LogicalResult Importer::importSplit(const onnx::NodeProto &node) {
  FailureOr<Dims> xShape = shapeOf(input(node, 0), &node);
  if (failed(xShape))
    return failure();
  int64_t rank = xShape->size();
  FailureOr<int64_t> axis =
      resolveAxis(node, "axis", attrInt(node, "axis", 0), rank);
  if (failed(axis))
    return failure();
  int64_t dim = (*xShape)[*axis];
  int64_t numOutputs = node.output_size();
  if (numOutputs == 0)
    return nodeError(node) << "has no outputs";
  for (int64_t k = 0; k < numOutputs; ++k)
    if (node.output(k).empty())
      return nodeError(node) << "output " << k << " has no name";

  std::optional<Dims> sizes;
  if (opset >= 13) {
    if (attr(node, "split"))
      return nodeError(node) << "has a 'split' attribute; from opset 13 the "
                                "sizes are the second input";
    if (!input(node, 1).empty()) {
      const ConstTensor *s = constInput(node, 1);
      if (!s)
        return nodeError(node) << "split (input 1, '" << input(node, 1)
                               << "') must be a constant";
      if (s->isFloat || s->shape.size() != 1)
        return nodeError(node) << "split (input 1, '" << input(node, 1)
                               << "') must be a 1-D integer tensor, got "
                               << (s->isFloat ? "float " : "integer ")
                               << shapeString(s->shape);
      sizes = Dims(s->i.begin(), s->i.end());
    }
  } else {
    if (node.input_size() > 1)
      return nodeError(node) << "has " << node.input_size()
                             << " inputs; before opset 13 the sizes are the "
                                "'split' attribute";
    if (attr(node, "split"))
      sizes = attrInts(node, "split");
  }
  if (sizes) {
    if (int64_t(sizes->size()) != numOutputs)
      return nodeError(node) << "split " << shapeString(*sizes) << " has "
                             << sizes->size() << " entries, but the node has "
                             << numOutputs << " outputs";
    int64_t sum = 0;
    for (auto [k, size] : llvm::enumerate(*sizes)) {
      if (size < 0)
        return nodeError(node) << "split " << shapeString(*sizes)
                               << " has negative entry " << k;
      // Bounded by the dimension, the sum cannot overflow.
      if (size > dim - sum)
        return nodeError(node) << "split " << shapeString(*sizes)
                               << " sums to more than dimension " << *axis
                               << "'s size " << dim;
      sum += size;
    }
    if (sum != dim)
      return nodeError(node) << "split " << shapeString(*sizes) << " sums to "
                             << sum << ", but dimension " << *axis
                             << " has size " << dim;
  } else {
    if (dim % numOutputs != 0)
      return nodeError(node) << "cannot split dimension " << *axis
                             << " of size " << dim << " into " << numOutputs
                             << " equal parts";
    sizes = Dims(numOutputs, dim / numOutputs);
  }
  for (auto [k, size] : llvm::enumerate(*sizes))
    if (size == 0)
      return nodeError(node) << "output " << k << " ('" << node.output(k)
                             << "') would be empty; qnt imports no empty "
                                "tensors";

  FailureOr<Imported> x = getAny(input(node, 0), node);
  if (failed(x))
    return failure();
  // Stored dimension d is ONNX dimension x->perm[d].
  Dims begin(rank, 0), size(*xShape);
  for (auto [k, part] : llvm::enumerate(*sizes)) {
    size[*axis] = part;
    Dims storedBegin = permuteShape(begin, x->perm);
    Dims storedSize = permuteShape(size, x->perm);
    Location l = loc(node.output(k));
    Value r = SliceOp::create(builder, l, f32(storedSize), x->value,
                              indexConst(storedBegin, l),
                              indexConst(storedSize, l))
                  .getResult();
    define(node.output(k), r, x->perm);
    begin[*axis] += part;
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Entry point
//===----------------------------------------------------------------------===//

OwningOpRef<ModuleOp> qnt::importONNX(StringRef buffer, StringRef fileName,
                                      MLIRContext *context,
                                      const ONNXImportOptions &options) {
  context->loadDialect<QntDialect, func::FuncDialect>();
  Importer importer(fileName, context, options);
  return importer.run(buffer);
}
