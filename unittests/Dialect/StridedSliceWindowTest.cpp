//===- StridedSliceWindowTest.cpp - What a strided_slice selects ----------===//
//
// resolveStridedSlice against selections worked out by hand with Python's
// slice rules (x[b:e:s], x[..., None, 1:3], x[1], ...), including the
// bounds and strides where the arithmetic could overflow.
//
//===----------------------------------------------------------------------===//

#include "qnt/Dialect/Qnt/IR/QntDialect.h"
#include "qnt/Dialect/Qnt/IR/StridedSliceWindow.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include "gtest/gtest.h"

#include <limits>

using namespace mlir;
using namespace qnt;

namespace {

constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();

class StridedSliceWindowTest : public ::testing::Test {
protected:
  void SetUp() override {
    context.loadDialect<QntDialect, func::FuncDialect, quant::QuantDialect>();
  }

  /// A strided_slice with the given attributes (`{...}` or empty); the
  /// operand values do not matter, the test passes its own.
  StridedSliceOp makeOp(StringRef attrs) {
    std::string text =
        "func.func @f(%x: tensor<?xf32>, %v: tensor<1xi32>) {\n"
        "  %0 = qnt.strided_slice %x, %v, %v, %v " +
        attrs.str() +
        " : (tensor<?xf32>, tensor<1xi32>, tensor<1xi32>, tensor<1xi32>) "
        "-> tensor<?xf32>\n  return\n}\n";
    module = parseSourceString<ModuleOp>(text, &context);
    EXPECT_TRUE(module);
    StridedSliceOp op;
    module->walk([&](StridedSliceOp s) { op = s; });
    return op;
  }

  MLIRContext context;
  OwningOpRef<ModuleOp> module;
};

using Dims = SmallVector<int64_t>;

TEST_F(StridedSliceWindowTest, PythonBounds) {
  StridedSliceOp op = makeOp("");
  // x[-3:100] of 10 elements: 7, 8, 9.
  auto w = resolveStridedSlice(op, {10}, {-3}, {100}, {1});
  ASSERT_TRUE(bool(w));
  EXPECT_EQ(w->start, Dims({7}));
  EXPECT_EQ(w->count, Dims({3}));
  EXPECT_EQ(w->resultShape, Dims({3}));
  // x[4:0:-1] of 5: 4, 3, 2, 1.
  w = resolveStridedSlice(op, {5}, {4}, {0}, {-1});
  ASSERT_TRUE(bool(w));
  EXPECT_EQ(w->start, Dims({4}));
  EXPECT_EQ(w->step, Dims({-1}));
  EXPECT_EQ(w->count, Dims({4}));
  // x[1:8:3] of 10: 1, 4, 7.
  w = resolveStridedSlice(op, {10}, {1}, {8}, {3});
  ASSERT_TRUE(bool(w));
  EXPECT_EQ(w->count, Dims({3}));
  // x[5:2] of 10 is empty.
  w = resolveStridedSlice(op, {10}, {5}, {2}, {1});
  ASSERT_TRUE(bool(w));
  EXPECT_EQ(w->count, Dims({0}));
  EXPECT_EQ(w->start, Dims({0}));
}

TEST_F(StridedSliceWindowTest, Masks) {
  // x[::2] of 5 (begin and end masked): 0, 2, 4.
  auto w = resolveStridedSlice(makeOp("{begin_mask = 1 : i32, end_mask = 1 : i32}"),
                               {5}, {3}, {3}, {2});
  ASSERT_TRUE(bool(w));
  EXPECT_EQ(w->start, Dims({0}));
  EXPECT_EQ(w->count, Dims({3}));
  // x[::-2] of 5: 4, 2, 0.
  w = resolveStridedSlice(makeOp("{begin_mask = 1 : i32, end_mask = 1 : i32}"),
                          {5}, {0}, {0}, {-2});
  ASSERT_TRUE(bool(w));
  EXPECT_EQ(w->start, Dims({4}));
  EXPECT_EQ(w->count, Dims({3}));
}

TEST_F(StridedSliceWindowTest, ShrinkEllipsisNewAxis) {
  // x[-1] of 3x4: row 2, result shape 4.
  auto w = resolveStridedSlice(makeOp("{shrink_axis_mask = 1 : i32}"), {3, 4},
                               {-1}, {0}, {1});
  ASSERT_TRUE(bool(w));
  EXPECT_EQ(w->start, Dims({2, 0}));
  EXPECT_EQ(w->count, Dims({1, 4}));
  EXPECT_EQ(w->resultShape, Dims({4}));
  // x[..., None, 1:3] of 2x3x4: the ellipsis covers two dimensions.
  w = resolveStridedSlice(
      makeOp("{ellipsis_mask = 1 : i32, new_axis_mask = 2 : i32}"), {2, 3, 4},
      {0, 0, 1}, {0, 0, 3}, {1, 1, 1});
  ASSERT_TRUE(bool(w));
  EXPECT_EQ(w->start, Dims({0, 0, 1}));
  EXPECT_EQ(w->count, Dims({2, 3, 2}));
  EXPECT_EQ(w->resultShape, Dims({2, 3, 1, 2}));
}

TEST_F(StridedSliceWindowTest, OffsetCountsEndFromBegin) {
  // offset: end is a length, x[1:1+2] of 10.
  auto w = resolveStridedSlice(makeOp("{offset}"), {10}, {1}, {2}, {1});
  ASSERT_TRUE(bool(w));
  EXPECT_EQ(w->start, Dims({1}));
  EXPECT_EQ(w->count, Dims({2}));
  // begin + end overflows: clamped to the end of the dimension.
  w = resolveStridedSlice(makeOp("{offset}"), {10}, {3}, {kMax}, {1});
  ASSERT_TRUE(bool(w));
  EXPECT_EQ(w->count, Dims({7}));
}

TEST_F(StridedSliceWindowTest, ExtremeStrides) {
  StridedSliceOp op = makeOp("");
  // One element either way, no overflow in the count.
  auto w = resolveStridedSlice(op, {5}, {0}, {5}, {kMax});
  ASSERT_TRUE(bool(w));
  EXPECT_EQ(w->count, Dims({1}));
  w = resolveStridedSlice(op, {5}, {4}, {kMin}, {kMin});
  ASSERT_TRUE(bool(w));
  EXPECT_EQ(w->start, Dims({4}));
  EXPECT_EQ(w->count, Dims({1}));
}

TEST_F(StridedSliceWindowTest, Errors) {
  StridedSliceOp op = makeOp("");
  auto message = [](auto w) {
    return w ? std::string("no error") : llvm::toString(w.takeError());
  };
  EXPECT_EQ(message(resolveStridedSlice(op, {5}, {0}, {5}, {0})),
            "stride 0 is zero");
  EXPECT_EQ(message(resolveStridedSlice(op, {5}, {0, 0}, {5, 5}, {1, 1})),
            "the slice specification has more dimensions than the input "
            "(rank 1)");
  EXPECT_EQ(message(resolveStridedSlice(op, {5}, {0}, {5, 5}, {1})),
            "begin, end and strides differ in length");
  EXPECT_EQ(message(resolveStridedSlice(makeOp("{shrink_axis_mask = 1 : i32}"),
                                        {5}, {5}, {6}, {1})),
            "index 5 is out of range for dimension 0 of size 5");
}

} // namespace
