//===- QntCanonicalize.cpp - Folders and canonicalizations of qnt ops -----===//
//
// Only rewrites that hold bit for bit on float and quantized tensors alike:
// data movement that moves nothing, chains of reshapes and transposes, and
// a quantize between identical types. A dequantize of a quantize is not one
// of them: it rounds and clamps, so it stays.
//
//===----------------------------------------------------------------------===//

#include "qnt/Dialect/Qnt/IR/QntOps.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace qnt;

/// A reshape between equal types moves nothing when at most one dimension
/// is dynamic: the element count fixes it (unless a static 0 hides it).
static bool isIdentityReshape(RankedTensorType in, RankedTensorType out) {
  return in == out && out.getNumDynamicDims() <= 1 &&
         !llvm::is_contained(out.getShape(), 0);
}

/// The integers of a constant operand, if it is one.
static std::optional<SmallVector<int64_t>> constantInts(Value v) {
  DenseIntElementsAttr attr;
  if (!matchPattern(v, m_Constant(&attr)))
    return std::nullopt;
  SmallVector<int64_t> values;
  for (const APInt &i : attr.getValues<APInt>())
    values.push_back(i.getSExtValue());
  return values;
}

//===----------------------------------------------------------------------===//
// quantize
//===----------------------------------------------------------------------===//

// Requantizing to the very same type is the identity.
OpFoldResult QuantizeOp::fold(FoldAdaptor) {
  if (getInput().getType() == getOutput().getType())
    return getInput();
  return {};
}

//===----------------------------------------------------------------------===//
// reshape
//===----------------------------------------------------------------------===//

OpFoldResult ReshapeOp::fold(FoldAdaptor adaptor) {
  if (isIdentityReshape(getInput().getType(), getOutput().getType()))
    return getInput();
  // A constant is reshaped in place (its stored integers when quantized),
  // unless others still read the original: that would keep two copies.
  auto value = dyn_cast_if_present<DenseElementsAttr>(adaptor.getInput());
  auto resultType = getOutput().getType();
  if (!value || !resultType.hasStaticShape() ||
      !(value.isSplat() || getInput().hasOneUse()))
    return {};
  return value.reshape(cast<ShapedType>(value.getType())
                           .clone(resultType.getShape()));
}

namespace {
/// reshape(reshape(x)) -> reshape(x): only the last shape counts.
struct FoldReshapeChain : OpRewritePattern<ReshapeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ReshapeOp op,
                                PatternRewriter &rewriter) const override {
    auto inner = op.getInput().getDefiningOp<ReshapeOp>();
    if (!inner)
      return failure();
    rewriter.modifyOpInPlace(
        op, [&] { op.getInputMutable().assign(inner.getInput()); });
    return success();
  }
};
} // namespace

void ReshapeOp::getCanonicalizationPatterns(RewritePatternSet &patterns,
                                            MLIRContext *context) {
  patterns.add<FoldReshapeChain>(context);
}

//===----------------------------------------------------------------------===//
// transpose
//===----------------------------------------------------------------------===//

static bool isIdentityPermutation(ArrayRef<int64_t> perm) {
  for (auto [i, p] : llvm::enumerate(perm))
    if (p != static_cast<int64_t>(i) &&
        p != static_cast<int64_t>(i) - static_cast<int64_t>(perm.size()))
      return false;
  return true;
}

OpFoldResult TransposeOp::fold(FoldAdaptor) {
  if (getInput().getType() != getOutput().getType())
    return {};
  std::optional<SmallVector<int64_t>> perm = constantInts(getPerm());
  if (perm && isIdentityPermutation(*perm))
    return getInput();
  return {};
}

namespace {
/// transpose(transpose(x, p1), p2) -> transpose(x, p1[p2[i]]), or x when
/// the composition is the identity.
struct FoldTransposeChain : OpRewritePattern<TransposeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(TransposeOp op,
                                PatternRewriter &rewriter) const override {
    auto inner = op.getInput().getDefiningOp<TransposeOp>();
    if (!inner)
      return failure();
    std::optional<SmallVector<int64_t>> outerPerm = constantInts(op.getPerm());
    std::optional<SmallVector<int64_t>> innerPerm =
        constantInts(inner.getPerm());
    if (!outerPerm || !innerPerm)
      return failure();
    int64_t rank = outerPerm->size();
    auto normalize = [rank](int64_t p) { return p < 0 ? p + rank : p; };
    SmallVector<int64_t> composed;
    for (int64_t p : *outerPerm)
      composed.push_back(normalize((*innerPerm)[normalize(p)]));
    if (isIdentityPermutation(composed) &&
        inner.getInput().getType() == op.getOutput().getType()) {
      rewriter.replaceOp(op, inner.getInput());
      return success();
    }
    auto permType = cast<RankedTensorType>(op.getPerm().getType());
    unsigned width = permType.getElementTypeBitWidth();
    SmallVector<APInt> values;
    for (int64_t p : composed)
      values.push_back(APInt(width, p, /*isSigned=*/true));
    auto perm = ConstOp::create(
        rewriter, op.getLoc(), permType,
        DenseIntElementsAttr::get(permType, values));
    rewriter.replaceOpWithNewOp<TransposeOp>(op, op.getOutput().getType(),
                                             inner.getInput(), perm);
    return success();
  }
};
} // namespace

void TransposeOp::getCanonicalizationPatterns(RewritePatternSet &patterns,
                                              MLIRContext *context) {
  patterns.add<FoldTransposeChain>(context);
}

//===----------------------------------------------------------------------===//
// Data movement that moves nothing
//===----------------------------------------------------------------------===//

// With equal input and result types no dimension was dropped.
OpFoldResult SqueezeOp::fold(FoldAdaptor) {
  if (getInput().getType() == getOutput().getType())
    return getInput();
  return {};
}

// Sizes are >= 0 and paddings non-negative, so a result the size of the
// input takes all of it from offset 0, and pads nothing.
OpFoldResult SliceOp::fold(FoldAdaptor) {
  if (getInput().getType() == getOutput().getType() &&
      getOutput().getType().hasStaticShape())
    return getInput();
  return {};
}

OpFoldResult PadOp::fold(FoldAdaptor) {
  if (getInput().getType() == getOutput().getType() &&
      getOutput().getType().hasStaticShape())
    return getInput();
  return {};
}

OpFoldResult PadV2Op::fold(FoldAdaptor) {
  if (getInput().getType() == getOutput().getType() &&
      getOutput().getType().hasStaticShape())
    return getInput();
  return {};
}

// One value and no activation to apply.
OpFoldResult ConcatenationOp::fold(FoldAdaptor) {
  if (getValues().size() == 1 &&
      getFusedActivation() == Activation::None &&
      getValues().front().getType() == getOutput().getType())
    return getValues().front();
  return {};
}
