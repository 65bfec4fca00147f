//===- graph-fuzzer.cpp - Fuzzes parser, verifiers and pipelines ----------===//
//
// The input bytes drive a generator of small qnt graphs in MLIR text: which
// ops (convolutions, pooling, fully connected, elementwise, concatenation,
// softmax, mean, reshape), their shapes and options, weight values
// (including zero, tiny, huge, NaN and infinity) and the calibrated ranges
// on each activation (including empty, single-value, reversed and
// non-finite ones). Now and then a result type is made wrong on purpose so
// that the verifiers see inconsistent graphs. The text is parsed and
// verified, then a quantization pipeline chosen by the bytes runs on it,
// and a result that succeeds must export to TFLite and import back.
//
//===----------------------------------------------------------------------===//

#include "FuzzSupport.h"

#include "qnt/Dialect/Qnt/Transforms/Pipelines.h"
#include "qnt/Target/TFLite/Export.h"
#include "qnt/Target/TFLite/Import.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/ADT/StringExtras.h"

#include <fuzzer/FuzzedDataProvider.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <vector>

using namespace mlir;

namespace {

using Shape = std::vector<int64_t>;

struct Value {
  std::string name;
  Shape shape;
};

std::string typeOf(const Shape &shape) {
  std::string text = "tensor<";
  for (int64_t dim : shape)
    text += std::to_string(dim) + "x";
  return text + "f32>";
}

int64_t numElements(const Shape &shape) {
  int64_t n = 1;
  for (int64_t dim : shape)
    n *= dim;
  return n;
}

/// Hex literal of a double, so that NaN and infinity print exactly.
std::string f64(double value) {
  uint64_t bits;
  std::memcpy(&bits, &value, sizeof(bits));
  return "0x" + llvm::utohexstr(bits, /*LowerCase=*/false, 16) + " : f64";
}

class Generator {
public:
  explicit Generator(FuzzedDataProvider &fdp) : fdp(fdp) {}

  std::string generate() {
    int64_t h = fdp.ConsumeIntegralInRange<int64_t>(1, 6);
    int64_t w = fdp.ConsumeIntegralInRange<int64_t>(1, 6);
    int64_t c = fdp.ConsumeIntegralInRange<int64_t>(1, 4);
    Value input{"%arg0", {1, h, w, c}};
    std::string signatureIn = typeOf(input.shape);
    values.push_back(maybeStats(input));
    unsigned numOps = fdp.ConsumeIntegralInRange<unsigned>(1, 6);
    for (unsigned i = 0; i < numOps && fdp.remaining_bytes() > 0; ++i) {
      std::optional<Value> v = addOp();
      if (v)
        values.push_back(maybeStats(*v));
    }
    const Value &result = values.back();
    return "func.func @main(%arg0: " + signatureIn + " loc(\"input\")) -> " +
           typeOf(result.shape) + " {\n" + body + "  return " + result.name +
           " : " + typeOf(result.shape) + "\n}\n";
  }

private:
  std::string fresh(const char *prefix) {
    return "%" + std::string(prefix) + std::to_string(counter++);
  }

  /// A weight value: mostly ordinary, sometimes extreme or non-finite.
  float weight() {
    static const float table[] = {0.0f,  1.0f,   -1.0f, 0.5f,  -0.25f,
                                  3.0f,  1e-8f,  -7.5f, 1e8f,  1e-38f,
                                  std::numeric_limits<float>::quiet_NaN(),
                                  std::numeric_limits<float>::infinity()};
    uint8_t pick = fdp.ConsumeIntegral<uint8_t>();
    // NaN and infinity only for the last two byte values.
    if (pick >= 254)
      return table[10 + (pick - 254)];
    return table[pick % 10];
  }

  std::string constant(const Shape &shape) {
    std::string name = fresh("w");
    std::string hex;
    for (int64_t i = 0, e = numElements(shape); i < e; ++i) {
      float value = weight();
      uint32_t bits;
      std::memcpy(&bits, &value, sizeof(bits));
      for (int b = 0; b < 4; ++b)
        hex += llvm::utohexstr((bits >> (8 * b)) & 0xff, false, 2);
    }
    body += "  " + name + " = qnt.const dense<\"0x" + hex + "\"> : " +
            typeOf(shape) + "\n";
    return name;
  }

  /// A range for `v`, or none (the pipeline then reports missing stats).
  Value maybeStats(const Value &v) {
    uint8_t pick = fdp.ConsumeIntegral<uint8_t>();
    if (pick < 16)
      return v;
    static const double table[] = {-1.0, 0.0, 1.0, 6.0, -6.0, 1e-30, 1e30,
                                   0.25};
    double min = table[pick % 8];
    double max = table[(pick / 8) % 8];
    if (pick >= 250) {
      // Non-finite ranges, which calibration itself never records.
      min = pick & 1 ? std::nan("") : -INFINITY;
      max = INFINITY;
    } else if (pick < 64) {
      // An empty or single-value range.
      max = min;
    } else if (min > max) {
      std::swap(min, max);
    }
    std::string name = fresh("s");
    body += "  " + name + " = qnt.stats " + v.name + " {min = " + f64(min) +
            ", max = " + f64(max) + "} : (" + typeOf(v.shape) + ") -> " +
            typeOf(v.shape) + "\n";
    return {name, v.shape};
  }

  /// The declared result shape: usually `shape`, sometimes wrong.
  Shape declared(Shape shape) {
    if (fdp.ConsumeIntegral<uint8_t>() == 0 && !shape.empty())
      shape.back() += 1;
    return shape;
  }

  std::string act() {
    static const char *acts[] = {"", "relu", "relu6", "relu_n1_to_1"};
    const char *a = acts[fdp.ConsumeIntegralInRange<unsigned>(0, 3)];
    return *a ? std::string("fused_activation = #qnt.act<") + a + ">" : "";
  }

  static std::string attrs(std::vector<std::string> list) {
    std::string text;
    for (const std::string &item : list)
      if (!item.empty())
        text += (text.empty() ? "" : ", ") + item;
    return text.empty() ? "" : " {" + text + "}";
  }

  static int64_t outSize(int64_t in, int64_t k, int64_t stride, bool same) {
    if (same)
      return (in + stride - 1) / stride;
    return in >= k ? (in - k) / stride + 1 : 0;
  }

  std::string emit(const std::string &op, const std::vector<std::string> &args,
                   const std::vector<Shape> &argShapes,
                   const std::string &attributes, const Shape &result,
                   std::string &name) {
    name = fresh("v");
    std::string types;
    for (const Shape &s : argShapes)
      types += (types.empty() ? "" : ", ") + typeOf(s);
    body += "  " + name + " = qnt." + op + " " + llvm::join(args, ", ") +
            attributes + " : (" + types + ") -> " + typeOf(result) + "\n";
    return name;
  }

  Value flatten(const Value &v) {
    if (v.shape.size() == 2)
      return v;
    Shape flat{1, numElements(v.shape)};
    std::string name;
    emit("reshape", {v.name}, {v.shape}, "", flat, name);
    return {name, flat};
  }

  std::optional<Value> addOp() {
    const Value cur = values.back();
    std::string name;
    unsigned kind = fdp.ConsumeIntegralInRange<unsigned>(0, 9);
    bool rank4 = cur.shape.size() == 4;
    switch (kind) {
    case 0: {
      static const char *ops[] = {"relu", "relu6", "logistic", "tanh",
                                  "relu_n1_to_1"};
      const char *op = ops[fdp.ConsumeIntegralInRange<unsigned>(0, 4)];
      Shape out = declared(cur.shape);
      emit(op, {cur.name}, {cur.shape}, "", out, name);
      return Value{name, out};
    }
    case 1: {
      static const char *ops[] = {"add", "sub", "mul"};
      const char *op = ops[fdp.ConsumeIntegralInRange<unsigned>(0, 2)];
      // The other operand: an earlier value of the same shape, or a
      // constant broadcast along the last dimension.
      std::string other;
      Shape otherShape;
      for (const Value &v : values)
        if (v.shape == cur.shape && v.name != cur.name &&
            fdp.ConsumeBool()) {
          other = v.name;
          otherShape = v.shape;
          break;
        }
      if (other.empty()) {
        otherShape = {cur.shape.back()};
        other = constant(otherShape);
      }
      Shape out = declared(cur.shape);
      emit(op, {cur.name, other}, {cur.shape, otherShape}, attrs({act()}),
           out, name);
      return Value{name, out};
    }
    case 2:
    case 3: {
      if (!rank4)
        return std::nullopt;
      bool depthwise = kind == 3;
      int64_t kh = fdp.ConsumeIntegralInRange<int64_t>(1, 3);
      int64_t kw = fdp.ConsumeIntegralInRange<int64_t>(1, 3);
      int64_t stride = fdp.ConsumeIntegralInRange<int64_t>(1, 2);
      bool same = fdp.ConsumeBool();
      int64_t c = cur.shape[3];
      int64_t multiplier = depthwise ? fdp.ConsumeIntegralInRange<int64_t>(1, 2) : 1;
      int64_t o = depthwise ? c * multiplier
                            : fdp.ConsumeIntegralInRange<int64_t>(1, 4);
      Shape out{1, outSize(cur.shape[1], kh, stride, same),
                outSize(cur.shape[2], kw, stride, same), o};
      if (out[1] == 0 || out[2] == 0)
        return std::nullopt;
      Shape filter = depthwise ? Shape{1, kh, kw, o} : Shape{o, kh, kw, c};
      std::string f = constant(filter);
      std::vector<std::string> args{cur.name, f};
      std::vector<Shape> shapes{cur.shape, filter};
      if (fdp.ConsumeBool()) {
        args.push_back(constant({o}));
        shapes.push_back({o});
      }
      std::string s = std::to_string(stride);
      out = declared(out);
      emit(depthwise ? "depthwise_conv_2d" : "conv_2d", args, shapes,
           attrs({"stride_h = " + s + " : i32", "stride_w = " + s + " : i32",
                  same ? "" : "padding = #qnt.padding<valid>",
                  depthwise ? "depth_multiplier = " +
                                  std::to_string(multiplier) + " : i32"
                            : "",
                  act()}),
           out, name);
      return Value{name, out};
    }
    case 4: {
      if (!rank4)
        return std::nullopt;
      int64_t k = fdp.ConsumeIntegralInRange<int64_t>(1, 3);
      int64_t stride = fdp.ConsumeIntegralInRange<int64_t>(1, 2);
      bool same = fdp.ConsumeBool();
      Shape out{1, outSize(cur.shape[1], k, stride, same),
                outSize(cur.shape[2], k, stride, same), cur.shape[3]};
      if (out[1] == 0 || out[2] == 0)
        return std::nullopt;
      std::string ks = std::to_string(k), s = std::to_string(stride);
      out = declared(out);
      emit(fdp.ConsumeBool() ? "max_pool_2d" : "average_pool_2d", {cur.name},
           {cur.shape},
           attrs({"filter_h = " + ks + " : i32", "filter_w = " + ks + " : i32",
                  "stride_h = " + s + " : i32", "stride_w = " + s + " : i32",
                  same ? "" : "padding = #qnt.padding<valid>"}),
           out, name);
      return Value{name, out};
    }
    case 5: {
      Value in = flatten(cur);
      int64_t o = fdp.ConsumeIntegralInRange<int64_t>(1, 4);
      Shape filter{o, in.shape[1]};
      std::vector<std::string> args{in.name, constant(filter)};
      std::vector<Shape> shapes{in.shape, filter};
      if (fdp.ConsumeBool()) {
        args.push_back(constant({o}));
        shapes.push_back({o});
      }
      Shape out = declared({1, o});
      emit("fully_connected", args, shapes, attrs({act()}), out, name);
      return Value{name, out};
    }
    case 6: {
      Shape out = cur.shape;
      out.back() *= 2;
      out = declared(out);
      emit("concatenation", {cur.name, cur.name}, {cur.shape, cur.shape},
           attrs({"axis = -1 : i32", act()}), out, name);
      return Value{name, out};
    }
    case 7: {
      Shape out = declared(cur.shape);
      emit("softmax", {cur.name}, {cur.shape}, attrs({"beta = 1.0 : f32"}),
           out, name);
      return Value{name, out};
    }
    case 8: {
      if (!rank4)
        return std::nullopt;
      std::string axes = fresh("axes");
      body += "  " + axes + " = qnt.const dense<[1, 2]> : tensor<2xi32>\n";
      bool keep = fdp.ConsumeBool();
      Shape out = keep ? Shape{1, 1, 1, cur.shape[3]} : Shape{1, cur.shape[3]};
      out = declared(out);
      body += "";
      std::string n = fresh("v");
      body += "  " + n + " = qnt.mean " + cur.name + ", " + axes +
              (keep ? " {keep_dims}" : "") + " : (" + typeOf(cur.shape) +
              ", tensor<2xi32>) -> " + typeOf(out) + "\n";
      return Value{n, out};
    }
    default:
      return flatten(cur);
    }
  }

  FuzzedDataProvider &fdp;
  std::vector<Value> values;
  std::string body;
  unsigned counter = 0;
};

const char *const kPipelines[] = {
    "quantize-int8",
    "quantize-int8{per-channel=false}",
    "quantize-int8-only",
    "quantize-int8-only{io-type=uint8}",
    "quantize-int16x8",
    "quantize-dynamic-range{min-elements=1}",
    "quantize-float16",
    "canonicalize",
};

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  qnt::registerQuantizationPipelines();
  mlir::registerCanonicalizerPass();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  FuzzedDataProvider fdp(data, size);
  const char *pipeline =
      kPipelines[fdp.ConsumeIntegralInRange<unsigned>(0, 7)];
  std::string text = Generator(fdp).generate();

  qnt::fuzz::FuzzContext context;
  // QNT_FUZZ_PRINT=1 shows the graph and the errors, to read a reproducer.
  static const bool print = std::getenv("QNT_FUZZ_PRINT") != nullptr;
  auto show = [&](const char *stage) {
    if (print)
      llvm::errs() << "// pipeline: " << pipeline << "\n"
                   << text << "// " << stage << "\n"
                   << context.getErrors();
  };
  OwningOpRef<ModuleOp> module =
      parseSourceString<ModuleOp>(text, ParserConfig(context.get()));
  if (!module) {
    show("rejected by the parser or a verifier");
    return 0;
  }
  PassManager pm(context.get(), ModuleOp::getOperationName());
  if (failed(parsePassPipeline(std::string("builtin.module(") + pipeline + ")",
                               pm)))
    qnt::fuzz::fail("bad pipeline", context);
  if (failed(pm.run(*module))) {
    show("rejected by the pipeline");
    return 0;
  }
  std::string bytes;
  llvm::raw_string_ostream os(bytes);
  if (failed(qnt::exportTFLite(*module, os))) {
    show("rejected by export");
    return 0;
  }
  show("exported");
  if (!qnt::importTFLite(bytes, "fuzz-export.tflite", context.get()))
    qnt::fuzz::fail("the exported model does not import", context);
  return 0;
}
