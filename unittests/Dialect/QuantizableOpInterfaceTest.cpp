//===- QuantizableOpInterfaceTest.cpp - Quantization properties of ops ----===//
//
// The answers QuantizableOpInterface gives for representative ops, checked
// against TFLite's kernels (see quantization-facts in the design notes):
// weight and bias positions and per-channel axes, same-scale ops, fixed
// output parameters and which integer kernels exist.
//
//===----------------------------------------------------------------------===//

#include "qnt/Dialect/Qnt/IR/QntDialect.h"
#include "qnt/Dialect/Qnt/IR/QntOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include "gtest/gtest.h"

using namespace mlir;
using namespace qnt;

namespace {

// One valid instance of each op the tests ask about.
constexpr const char *kModule = R"mlir(
func.func @ops(%x: tensor<1x4x4x4xf32>, %w: tensor<2x1x1x4xf32>, %b: tensor<2xf32>,
               %dw: tensor<1x1x1x4xf32>, %b4: tensor<4xf32>, %s: tensor<4xi32>,
               %fx: tensor<1x4xf32>, %fw: tensor<2x4xf32>, %v: tensor<8xf32>,
               %m: tensor<2x3xf32>, %axis: tensor<1xi32>, %p: tensor<2x2xi32>) {
  %conv = qnt.conv_2d %x, %w, %b : (tensor<1x4x4x4xf32>, tensor<2x1x1x4xf32>, tensor<2xf32>) -> tensor<1x4x4x2xf32>
  %dconv = qnt.depthwise_conv_2d %x, %dw, %b4 : (tensor<1x4x4x4xf32>, tensor<1x1x1x4xf32>, tensor<4xf32>) -> tensor<1x4x4x4xf32>
  %tconv = qnt.transpose_conv %s, %w, %x, %b : (tensor<4xi32>, tensor<2x1x1x4xf32>, tensor<1x4x4x4xf32>, tensor<2xf32>) -> tensor<1x4x4x2xf32>
  %fc = qnt.fully_connected %fx, %fw, %b : (tensor<1x4xf32>, tensor<2x4xf32>, tensor<2xf32>) -> tensor<1x2xf32>
  %bmm = qnt.batch_matmul %m, %m {adj_y} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x2xf32>
  %add = qnt.add %v, %v : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  %div = qnt.div %v, %v : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  %max = qnt.maximum %v, %v : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  %relu = qnt.relu %v : (tensor<8xf32>) -> tensor<8xf32>
  %hswish = qnt.hard_swish %v : (tensor<8xf32>) -> tensor<8xf32>
  %logistic = qnt.logistic %v : (tensor<8xf32>) -> tensor<8xf32>
  %tanh = qnt.tanh %v : (tensor<8xf32>) -> tensor<8xf32>
  %softmax = qnt.softmax %v : (tensor<8xf32>) -> tensor<8xf32>
  %logsoftmax = qnt.log_softmax %v : (tensor<8xf32>) -> tensor<8xf32>
  %pool = qnt.max_pool_2d %x {filter_h = 2 : i32, filter_w = 2 : i32} : (tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
  %mean = qnt.mean %m, %axis : (tensor<2x3xf32>, tensor<1xi32>) -> tensor<?xf32>
  %reshape = qnt.reshape %m : (tensor<2x3xf32>) -> tensor<6xf32>
  %concat = qnt.concatenation %m, %m {axis = 0 : i32} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<4x3xf32>
  %pad = qnt.pad %m, %p : (tensor<2x3xf32>, tensor<2x2xi32>) -> tensor<?x?xf32>
  %custom = qnt.custom %v {name = "Unknown"} : (tensor<8xf32>) -> tensor<8xf32>
  return
}
)mlir";

class QuantizableOpInterfaceTest : public ::testing::Test {
protected:
  void SetUp() override {
    context.loadDialect<QntDialect, func::FuncDialect, quant::QuantDialect>();
    module = parseSourceString<ModuleOp>(kModule, &context);
    ASSERT_TRUE(module) << "the test module does not parse";
  }

  /// The one op named `name` in the module, seen through the interface.
  QuantizableOpInterface get(StringRef name) {
    QuantizableOpInterface found;
    module->walk([&](Operation *op) {
      if (op->getName().getStringRef() == name)
        found = dyn_cast<QuantizableOpInterface>(op);
    });
    EXPECT_TRUE(found) << name.str() << " is missing or not quantizable";
    return found;
  }

  void expectWeights(StringRef name, unsigned input, unsigned weight,
                     std::optional<unsigned> bias, unsigned axis) {
    SCOPED_TRACE(name.str());
    QuantizableOpInterface op = get(name);
    ASSERT_TRUE(op);
    std::optional<WeightOperands> info = op.getWeightOperands();
    ASSERT_TRUE(info.has_value());
    EXPECT_EQ(info->inputIndex, input);
    EXPECT_EQ(info->weightIndex, weight);
    EXPECT_EQ(info->biasIndex, bias);
    EXPECT_EQ(info->channelAxis, axis);
  }

  void expectFixed(StringRef name, unsigned bits, double scale,
                   int64_t zeroPoint) {
    SCOPED_TRACE(name.str() + " at " + std::to_string(bits) + " bits");
    QuantizableOpInterface op = get(name);
    ASSERT_TRUE(op);
    std::optional<FixedQuantParams> params = op.getFixedOutputParams(bits);
    ASSERT_TRUE(params.has_value());
    EXPECT_DOUBLE_EQ(params->scale, scale);
    EXPECT_EQ(params->zeroPoint, zeroPoint);
  }

  MLIRContext context;
  OwningOpRef<ModuleOp> module;
};

TEST_F(QuantizableOpInterfaceTest, EveryOpIsQuantizable) {
  unsigned count = 0;
  for (RegisteredOperationName name : context.getRegisteredOperations()) {
    if (name.getDialectNamespace() != "qnt")
      continue;
    ++count;
    EXPECT_TRUE(name.hasInterface<QuantizableOpInterface>())
        << name.getStringRef().str();
  }
  // The 36 TFLite builtins qnt models plus const, stats, fake_quant, custom
  // and requantize, at least.
  EXPECT_GE(count, 41u);
}

// Filters are OHWI (conv, transpose conv), 1HWC (depthwise) and [O, I]
// (fully connected); TRANSPOSE_CONV lists output_shape, filter, input, bias.
TEST_F(QuantizableOpInterfaceTest, WeightOperandsAndChannelAxis) {
  expectWeights("qnt.conv_2d", 0, 1, 2u, 0);
  expectWeights("qnt.depthwise_conv_2d", 0, 1, 2u, 3);
  expectWeights("qnt.transpose_conv", 2, 1, 3u, 0);
  expectWeights("qnt.fully_connected", 0, 1, 2u, 0);
}

// Both operands of a batch matmul are activations; elementwise ops and
// unknown ops have no weights.
TEST_F(QuantizableOpInterfaceTest, OpsWithoutWeights) {
  for (StringRef name :
       {"qnt.batch_matmul", "qnt.add", "qnt.relu", "qnt.custom", "qnt.mean"}) {
    SCOPED_TRACE(name.str());
    QuantizableOpInterface op = get(name);
    ASSERT_TRUE(op);
    EXPECT_FALSE(op.getWeightOperands().has_value());
  }
}

TEST_F(QuantizableOpInterfaceTest, SameScale) {
  for (StringRef name : {"qnt.maximum", "qnt.max_pool_2d", "qnt.reshape",
                         "qnt.concatenation", "qnt.pad"}) {
    SCOPED_TRACE(name.str());
    QuantizableOpInterface op = get(name);
    ASSERT_TRUE(op);
    EXPECT_TRUE(op.isSameScale());
  }
  // These rescale: their output parameters are free.
  for (StringRef name : {"qnt.add", "qnt.conv_2d", "qnt.mean", "qnt.relu",
                         "qnt.logistic", "qnt.custom"}) {
    SCOPED_TRACE(name.str());
    QuantizableOpInterface op = get(name);
    ASSERT_TRUE(op);
    EXPECT_FALSE(op.isSameScale());
  }
}

TEST_F(QuantizableOpInterfaceTest, FixedOutputParameters) {
  expectFixed("qnt.logistic", 8, 1.0 / 256, -128);
  expectFixed("qnt.logistic", 16, 1.0 / 32768, 0);
  expectFixed("qnt.softmax", 8, 1.0 / 256, -128);
  expectFixed("qnt.softmax", 16, 1.0 / 32768, 0);
  expectFixed("qnt.tanh", 8, 1.0 / 128, 0);
  expectFixed("qnt.tanh", 16, 1.0 / 32768, 0);
  expectFixed("qnt.log_softmax", 8, 16.0 / 256, 127);
  // No int16 LOG_SOFTMAX kernel, and no other width.
  EXPECT_FALSE(get("qnt.log_softmax").getFixedOutputParams(16).has_value());
  EXPECT_FALSE(get("qnt.logistic").getFixedOutputParams(32).has_value());
  for (StringRef name : {"qnt.relu", "qnt.add", "qnt.conv_2d", "qnt.reshape"}) {
    SCOPED_TRACE(name.str());
    EXPECT_FALSE(get(name).getFixedOutputParams(8).has_value());
    EXPECT_FALSE(get(name).getFixedOutputParams(16).has_value());
  }
}

TEST_F(QuantizableOpInterfaceTest, IntegerKernels) {
  for (StringRef name : {"qnt.conv_2d", "qnt.depthwise_conv_2d",
                         "qnt.transpose_conv", "qnt.fully_connected",
                         "qnt.batch_matmul", "qnt.add", "qnt.maximum",
                         "qnt.logistic", "qnt.tanh", "qnt.softmax",
                         "qnt.max_pool_2d", "qnt.mean", "qnt.reshape",
                         "qnt.concatenation", "qnt.pad"}) {
    SCOPED_TRACE(name.str());
    EXPECT_TRUE(get(name).hasInt8Kernel());
    EXPECT_TRUE(get(name).hasInt16Kernel());
  }
  // int8 only.
  for (StringRef name : {"qnt.hard_swish", "qnt.log_softmax"}) {
    SCOPED_TRACE(name.str());
    EXPECT_TRUE(get(name).hasInt8Kernel());
    EXPECT_FALSE(get(name).hasInt16Kernel());
  }
  // Kept float: DIV has no int8 kernel, and unknown ops are never touched.
  for (StringRef name : {"qnt.div", "qnt.custom"}) {
    SCOPED_TRACE(name.str());
    EXPECT_FALSE(get(name).hasInt8Kernel());
    EXPECT_FALSE(get(name).hasInt16Kernel());
  }
}

} // namespace
