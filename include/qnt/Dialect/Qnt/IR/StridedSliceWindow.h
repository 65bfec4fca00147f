//===- StridedSliceWindow.h - What a strided_slice selects ------*- C++ -*-===//
//
// TFLite's STRIDED_SLICE describes its selection sparsely: python-style
// bounds, begin/end masks, one ellipsis, new and shrunk axes, and the
// `offset` form where end counts from begin. The interpreter and every
// lowering need the same dense form, so it is resolved here, once.
//
//===----------------------------------------------------------------------===//

#ifndef QNT_DIALECT_QNT_IR_STRIDEDSLICEWINDOW_H
#define QNT_DIALECT_QNT_IR_STRIDEDSLICEWINDOW_H

#include "qnt/Dialect/Qnt/IR/QntOps.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Error.h"

namespace qnt {

/// Per input dimension, `count` elements from `start`, `step` apart;
/// `resultShape` is the shape of the op's result (new axes added, shrunk
/// axes dropped).
struct StridedSliceWindow {
  llvm::SmallVector<int64_t> start, step, count, resultShape;
};

/// The window `op` selects from an input of `inputShape` for the given
/// begin, end and strides values, or an error saying why there is none.
llvm::Expected<StridedSliceWindow>
resolveStridedSlice(StridedSliceOp op, llvm::ArrayRef<int64_t> inputShape,
                    llvm::ArrayRef<int64_t> begin, llvm::ArrayRef<int64_t> end,
                    llvm::ArrayRef<int64_t> strides);

} // namespace qnt

#endif // QNT_DIALECT_QNT_IR_STRIDEDSLICEWINDOW_H
