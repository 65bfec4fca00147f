//===- Tensor.cpp - Values the interpreter computes with ------------------===//

#include "qnt/Interpreter/Tensor.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>

using namespace qnt;

unsigned qnt::getElementSize(ElementKind kind) {
  switch (kind) {
  case ElementKind::F32:
  case ElementKind::I32:
    return 4;
  case ElementKind::I8:
  case ElementKind::U8:
    return 1;
  case ElementKind::I16:
    return 2;
  case ElementKind::I64:
    return 8;
  }
  llvm_unreachable("unknown element kind");
}

llvm::StringRef qnt::getElementKindName(ElementKind kind) {
  switch (kind) {
  case ElementKind::F32:
    return "f32";
  case ElementKind::I8:
    return "i8";
  case ElementKind::U8:
    return "u8";
  case ElementKind::I16:
    return "i16";
  case ElementKind::I32:
    return "i32";
  case ElementKind::I64:
    return "i64";
  }
  llvm_unreachable("unknown element kind");
}

static bool kindForInteger(unsigned width, bool isUnsigned, ElementKind &kind) {
  switch (width) {
  case 8:
    kind = isUnsigned ? ElementKind::U8 : ElementKind::I8;
    return true;
  case 16:
    kind = ElementKind::I16;
    return !isUnsigned;
  case 32:
    kind = ElementKind::I32;
    return !isUnsigned;
  case 64:
    kind = ElementKind::I64;
    return !isUnsigned;
  default:
    return false;
  }
}

bool qnt::getElementKindFor(mlir::Type type, ElementKind &kind) {
  if (auto shaped = llvm::dyn_cast<mlir::ShapedType>(type))
    type = shaped.getElementType();
  if (type.isF32() || type.isF16()) {
    kind = ElementKind::F32;
    return true;
  }
  if (auto q = llvm::dyn_cast<mlir::quant::QuantizedType>(type))
    return kindForInteger(q.getStorageTypeIntegralWidth(), !q.isSigned(),
                          kind);
  if (auto i = llvm::dyn_cast<mlir::IntegerType>(type))
    return kindForInteger(i.getWidth(), i.isUnsigned(), kind);
  return false;
}

std::string qnt::shapeToString(llvm::ArrayRef<int64_t> shape) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << '[';
  llvm::interleaveComma(shape, os);
  os << ']';
  return text;
}

void Tensor::AlignedFree::operator()(char *p) const { std::free(p); }

void Tensor::reset(ElementKind newKind, llvm::ArrayRef<int64_t> newShape) {
  kind = newKind;
  shape.assign(newShape.begin(), newShape.end());
  numElements = 1;
  for (int64_t d : shape) {
    assert(d >= 0 && "tensor extents are never negative");
    numElements *= d;
  }
  size_t bytes = getNumBytes();
  if (bytes <= capacity && buffer)
    return;
  // Round up to the alignment, as aligned_alloc requires; never 0 bytes.
  size_t rounded = std::max<size_t>((bytes + 63) / 64 * 64, 64);
  char *p = static_cast<char *>(std::aligned_alloc(64, rounded));
  if (!p)
    llvm::report_bad_alloc_error("qnt interpreter: tensor allocation failed");
  buffer.reset(p);
  capacity = rounded;
}

Tensor &Tensor::operator=(const Tensor &other) {
  if (this == &other)
    return *this;
  reset(other.kind, other.shape);
  if (other.getNumBytes())
    std::memcpy(getRawData(), other.getRawData(), other.getNumBytes());
  return *this;
}

int64_t Tensor::getIntValue(int64_t index) const {
  assert(index >= 0 && index < numElements && "index out of range");
  switch (kind) {
  case ElementKind::I8:
    return getData<int8_t>()[index];
  case ElementKind::U8:
    return getData<uint8_t>()[index];
  case ElementKind::I16:
    return getData<int16_t>()[index];
  case ElementKind::I32:
    return getData<int32_t>()[index];
  case ElementKind::I64:
    return getData<int64_t>()[index];
  case ElementKind::F32:
    break;
  }
  llvm_unreachable("getIntValue on a float tensor");
}

llvm::SmallVector<int64_t> Tensor::getIntValues() const {
  llvm::SmallVector<int64_t> values;
  values.reserve(numElements);
  for (int64_t i = 0; i < numElements; ++i)
    values.push_back(getIntValue(i));
  return values;
}

bool Tensor::operator==(const Tensor &other) const {
  return kind == other.kind && shape == other.shape &&
         (getNumBytes() == 0 ||
          std::memcmp(getRawData(), other.getRawData(), getNumBytes()) == 0);
}
