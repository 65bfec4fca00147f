//===- Kernels.h - One evaluation function per qnt op -----------*- C++ -*-===//
//
// Each function computes one op from its operand tensors into its result
// tensor. `operands` follows the op's operand order, with nullptr for an
// absent optional operand; `result` is reshaped by the kernel (its buffer is
// reused). The kernel chooses float, integer or quantized semantics from the
// MLIR types of the op, and reads quantization parameters from them.
//
//===----------------------------------------------------------------------===//

#ifndef QNT_LIB_INTERPRETER_KERNELS_H
#define QNT_LIB_INTERPRETER_KERNELS_H

#include "KernelSupport.h"

namespace qnt {
namespace interp {

using Operands = llvm::ArrayRef<const Tensor *>;

#define QNT_DECLARE_KERNEL(OpClass, name)                                      \
  llvm::Error name(OpClass op, Operands operands, Tensor &result,              \
                   Scratch &scratch)

// QuantizationOps.cpp
llvm::Error evalConst(ConstOp op, Tensor &result);
QNT_DECLARE_KERNEL(StatsOp, evalStats);
QNT_DECLARE_KERNEL(FakeQuantOp, evalFakeQuant);
QNT_DECLARE_KERNEL(QuantizeOp, evalQuantize);
QNT_DECLARE_KERNEL(DequantizeOp, evalDequantize);
QNT_DECLARE_KERNEL(RequantizeOp, evalRequantize);

// ConvolutionOps.cpp
QNT_DECLARE_KERNEL(Conv2DOp, evalConv2D);
QNT_DECLARE_KERNEL(DepthwiseConv2DOp, evalDepthwiseConv2D);
QNT_DECLARE_KERNEL(TransposeConvOp, evalTransposeConv);
QNT_DECLARE_KERNEL(FullyConnectedOp, evalFullyConnected);
QNT_DECLARE_KERNEL(BatchMatMulOp, evalBatchMatMul);

// ElementwiseOps.cpp
QNT_DECLARE_KERNEL(AddOp, evalAdd);
QNT_DECLARE_KERNEL(SubOp, evalSub);
QNT_DECLARE_KERNEL(MulOp, evalMul);
QNT_DECLARE_KERNEL(DivOp, evalDiv);
QNT_DECLARE_KERNEL(MaximumOp, evalMaximum);
QNT_DECLARE_KERNEL(MinimumOp, evalMinimum);
QNT_DECLARE_KERNEL(ReluOp, evalRelu);
QNT_DECLARE_KERNEL(Relu6Op, evalRelu6);
QNT_DECLARE_KERNEL(ReluN1To1Op, evalReluN1To1);
QNT_DECLARE_KERNEL(LeakyReluOp, evalLeakyRelu);
QNT_DECLARE_KERNEL(PReluOp, evalPRelu);
QNT_DECLARE_KERNEL(HardSwishOp, evalHardSwish);
QNT_DECLARE_KERNEL(LogisticOp, evalLogistic);
QNT_DECLARE_KERNEL(TanhOp, evalTanh);
QNT_DECLARE_KERNEL(GeluOp, evalGelu);

// MathOps.cpp
QNT_DECLARE_KERNEL(ExpOp, evalExp);
QNT_DECLARE_KERNEL(LogOp, evalLog);
QNT_DECLARE_KERNEL(SqrtOp, evalSqrt);
QNT_DECLARE_KERNEL(RsqrtOp, evalRsqrt);
QNT_DECLARE_KERNEL(AbsOp, evalAbs);
QNT_DECLARE_KERNEL(NegOp, evalNeg);
QNT_DECLARE_KERNEL(FloorOp, evalFloor);
QNT_DECLARE_KERNEL(EluOp, evalElu);
QNT_DECLARE_KERNEL(SquaredDifferenceOp, evalSquaredDifference);
QNT_DECLARE_KERNEL(PowOp, evalPow);

// ReductionOps.cpp
QNT_DECLARE_KERNEL(SoftmaxOp, evalSoftmax);
QNT_DECLARE_KERNEL(LogSoftmaxOp, evalLogSoftmax);
QNT_DECLARE_KERNEL(MeanOp, evalMean);
QNT_DECLARE_KERNEL(SumOp, evalSum);
QNT_DECLARE_KERNEL(ReduceMaxOp, evalReduceMax);
QNT_DECLARE_KERNEL(ReduceMinOp, evalReduceMin);
QNT_DECLARE_KERNEL(ArgMaxOp, evalArgMax);
QNT_DECLARE_KERNEL(ArgMinOp, evalArgMin);

// PoolingOps.cpp
QNT_DECLARE_KERNEL(AveragePool2DOp, evalAveragePool2D);
QNT_DECLARE_KERNEL(MaxPool2DOp, evalMaxPool2D);

// DataMovementOps.cpp
QNT_DECLARE_KERNEL(ReshapeOp, evalReshape);
QNT_DECLARE_KERNEL(SqueezeOp, evalSqueeze);
QNT_DECLARE_KERNEL(TransposeOp, evalTranspose);
QNT_DECLARE_KERNEL(ConcatenationOp, evalConcatenation);
QNT_DECLARE_KERNEL(PadOp, evalPad);
QNT_DECLARE_KERNEL(PadV2Op, evalPadV2);
QNT_DECLARE_KERNEL(MirrorPadOp, evalMirrorPad);
QNT_DECLARE_KERNEL(ResizeBilinearOp, evalResizeBilinear);
QNT_DECLARE_KERNEL(ResizeNearestNeighborOp, evalResizeNearestNeighbor);
QNT_DECLARE_KERNEL(SliceOp, evalSlice);
QNT_DECLARE_KERNEL(StridedSliceOp, evalStridedSlice);
QNT_DECLARE_KERNEL(GatherOp, evalGather);
QNT_DECLARE_KERNEL(SpaceToDepthOp, evalSpaceToDepth);
QNT_DECLARE_KERNEL(DepthToSpaceOp, evalDepthToSpace);

// BatchSpaceOps.cpp
QNT_DECLARE_KERNEL(SpaceToBatchNdOp, evalSpaceToBatchNd);
QNT_DECLARE_KERNEL(BatchToSpaceNdOp, evalBatchToSpaceNd);

// RepeatOps.cpp
QNT_DECLARE_KERNEL(TileOp, evalTile);
QNT_DECLARE_KERNEL(BroadcastToOp, evalBroadcastTo);

// NormalizationOps.cpp
QNT_DECLARE_KERNEL(L2NormalizationOp, evalL2Normalization);

#undef QNT_DECLARE_KERNEL

} // namespace interp
} // namespace qnt

#endif // QNT_LIB_INTERPRETER_KERNELS_H
