//===- TensorNpy.h - Tensors to and from numpy arrays -----------*- C++ -*-===//
//
// The bridge between the data layer (NpyArray, as read from .npy/.npz files
// and images) and the interpreter's Tensor.
//
//===----------------------------------------------------------------------===//

#ifndef QNT_INTERPRETER_TENSORNPY_H
#define QNT_INTERPRETER_TENSORNPY_H

#include "qnt/Data/NpyArray.h"
#include "qnt/Interpreter/Tensor.h"

namespace qnt {

/// The numpy element type of \p kind.
DType getDTypeOf(ElementKind kind);

/// The element kind holding \p dtype, if the interpreter has one (f16 maps
/// to f32: it is widened on conversion).
std::optional<ElementKind> getElementKindOf(DType dtype);

/// Copies \p array into \p tensor (reusing its buffer). f16 is widened to
/// f32; f64 and bool arrays are rejected.
llvm::Error copyToTensor(const NpyArray &array, Tensor &tensor);

/// A numpy array holding \p tensor's values with \p shape (the tensor's shape
/// when empty; the element count must match).
llvm::Expected<NpyArray> toNpyArray(const Tensor &tensor,
                                    llvm::ArrayRef<int64_t> shape = {});

} // namespace qnt

#endif // QNT_INTERPRETER_TENSORNPY_H
