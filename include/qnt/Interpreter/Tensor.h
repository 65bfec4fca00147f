//===- Tensor.h - Values the interpreter computes with ----------*- C++ -*-===//
//
// A Tensor is a shape, an element kind and a contiguous row-major buffer. It
// carries no quantization parameters: those belong to the MLIR type of the
// value it holds, and the kernels read them from there. The buffer only grows,
// so a Tensor reused from one sample to the next allocates once.
//
//===----------------------------------------------------------------------===//

#ifndef QNT_INTERPRETER_TENSOR_H
#define QNT_INTERPRETER_TENSOR_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <cassert>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <type_traits>

namespace mlir {
class Type;
} // namespace mlir

namespace qnt {

/// Element kinds the interpreter computes with. Quantized tensors hold their
/// storage integers (i8, u8, i16, i32); f16 data is widened to f32.
enum class ElementKind { F32, I8, U8, I16, I32, I64 };

/// Bytes per element.
unsigned getElementSize(ElementKind kind);
/// "f32", "i8", ... for messages.
llvm::StringRef getElementKindName(ElementKind kind);
/// The kind holding values of \p type: f32 for f32/f16, the storage type for
/// quantized types, the integer itself for i8..i64 (unsigned for ui8 and for
/// unsigned quantized storage). Returns false for anything else.
bool getElementKindFor(mlir::Type type, ElementKind &kind);

template <typename T> constexpr ElementKind elementKindOf();
template <> constexpr ElementKind elementKindOf<float>() {
  return ElementKind::F32;
}
template <> constexpr ElementKind elementKindOf<int8_t>() {
  return ElementKind::I8;
}
template <> constexpr ElementKind elementKindOf<uint8_t>() {
  return ElementKind::U8;
}
template <> constexpr ElementKind elementKindOf<int16_t>() {
  return ElementKind::I16;
}
template <> constexpr ElementKind elementKindOf<int32_t>() {
  return ElementKind::I32;
}
template <> constexpr ElementKind elementKindOf<int64_t>() {
  return ElementKind::I64;
}

/// "[1, 2, 3]", for messages.
std::string shapeToString(llvm::ArrayRef<int64_t> shape);

class Tensor {
public:
  Tensor() = default;
  Tensor(ElementKind kind, llvm::ArrayRef<int64_t> shape) {
    reset(kind, shape);
  }
  Tensor(const Tensor &other) { *this = other; }
  Tensor &operator=(const Tensor &other);
  Tensor(Tensor &&) = default;
  Tensor &operator=(Tensor &&) = default;

  /// A tensor of \p shape holding a copy of \p values.
  template <typename T>
  static Tensor fromValues(llvm::ArrayRef<int64_t> shape,
                           llvm::ArrayRef<T> values) {
    Tensor t(elementKindOf<T>(), shape);
    assert(static_cast<int64_t>(values.size()) == t.getNumElements() &&
           "value count does not match the shape");
    if (!values.empty())
      std::memcpy(t.getRawData(), values.data(), values.size() * sizeof(T));
    return t;
  }

  /// Gives the tensor a new kind and shape. The buffer is reused when it is
  /// large enough; the contents are unspecified afterwards.
  void reset(ElementKind kind, llvm::ArrayRef<int64_t> shape);

  ElementKind getKind() const { return kind; }
  llvm::ArrayRef<int64_t> getShape() const { return shape; }
  int64_t getRank() const { return shape.size(); }
  int64_t getDimSize(int64_t dim) const { return shape[dim]; }
  int64_t getNumElements() const { return numElements; }
  size_t getNumBytes() const { return numElements * getElementSize(kind); }

  void *getRawData() { return buffer.get(); }
  const void *getRawData() const { return buffer.get(); }

  template <typename T> T *getData() {
    assert(elementKindOf<T>() == kind && "element type does not match");
    return reinterpret_cast<T *>(buffer.get());
  }
  template <typename T> const T *getData() const {
    assert(elementKindOf<T>() == kind && "element type does not match");
    return reinterpret_cast<const T *>(buffer.get());
  }
  template <typename T> llvm::ArrayRef<T> getValues() const {
    return llvm::ArrayRef<T>(getData<T>(), numElements);
  }
  template <typename T> llvm::MutableArrayRef<T> getMutableValues() {
    return llvm::MutableArrayRef<T>(getData<T>(), numElements);
  }

  /// Element \p index of an integer tensor, widened to int64_t.
  int64_t getIntValue(int64_t index) const;
  /// All elements of an integer tensor, widened (shape operands, axes...).
  llvm::SmallVector<int64_t> getIntValues() const;

  /// Same kind, shape and bytes.
  bool operator==(const Tensor &other) const;
  bool operator!=(const Tensor &other) const { return !(*this == other); }

private:
  ElementKind kind = ElementKind::F32;
  llvm::SmallVector<int64_t, 6> shape;
  int64_t numElements = 0;
  // 64-byte aligned so vector kernels may use aligned loads.
  struct AlignedFree {
    void operator()(char *p) const;
  };
  std::unique_ptr<char, AlignedFree> buffer;
  size_t capacity = 0;
};

/// Visits a function template with the C++ type of \p kind, e.g.
/// `dispatchElementKind(kind, [&](auto tag) { using T = decltype(tag); ...})`.
template <typename Fn>
decltype(auto) dispatchElementKind(ElementKind kind, Fn &&fn) {
  switch (kind) {
  case ElementKind::F32:
    return fn(float());
  case ElementKind::I8:
    return fn(int8_t());
  case ElementKind::U8:
    return fn(uint8_t());
  case ElementKind::I16:
    return fn(int16_t());
  case ElementKind::I32:
    return fn(int32_t());
  case ElementKind::I64:
    return fn(int64_t());
  }
  return fn(float());
}

} // namespace qnt

#endif // QNT_INTERPRETER_TENSOR_H
