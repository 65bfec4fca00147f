//===- TensorNpy.cpp - Tensors to and from numpy arrays -------------------===//

#include "qnt/Interpreter/TensorNpy.h"

#include "llvm/Support/ErrorHandling.h"

using namespace qnt;

DType qnt::getDTypeOf(ElementKind kind) {
  switch (kind) {
  case ElementKind::F32:
    return DType::F32;
  case ElementKind::I8:
    return DType::I8;
  case ElementKind::U8:
    return DType::U8;
  case ElementKind::I16:
    return DType::I16;
  case ElementKind::I32:
    return DType::I32;
  case ElementKind::I64:
    return DType::I64;
  }
  llvm_unreachable("unknown element kind");
}

std::optional<ElementKind> qnt::getElementKindOf(DType dtype) {
  switch (dtype) {
  case DType::F16:
  case DType::F32:
    return ElementKind::F32;
  case DType::I8:
    return ElementKind::I8;
  case DType::U8:
    return ElementKind::U8;
  case DType::I16:
    return ElementKind::I16;
  case DType::I32:
    return ElementKind::I32;
  case DType::I64:
    return ElementKind::I64;
  case DType::F64:
  case DType::Bool:
    break;
  }
  return std::nullopt;
}

llvm::Error qnt::copyToTensor(const NpyArray &array, Tensor &tensor) {
  std::optional<ElementKind> kind = getElementKindOf(array.getDType());
  if (!kind)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "arrays of %s cannot be given to the "
                                   "interpreter",
                                   getDTypeName(array.getDType()).str().c_str());
  tensor.reset(*kind, array.getShape());
  if (array.getDType() == DType::F16) {
    llvm::ArrayRef<uint16_t> half = array.getValues<uint16_t>();
    float *dst = tensor.getData<float>();
    for (size_t i = 0; i < half.size(); ++i)
      dst[i] = halfToFloat(half[i]);
    return llvm::Error::success();
  }
  if (!array.getBytes().empty())
    std::memcpy(tensor.getRawData(), array.getBytes().data(),
                array.getBytes().size());
  return llvm::Error::success();
}

llvm::Expected<NpyArray> qnt::toNpyArray(const Tensor &tensor,
                                         llvm::ArrayRef<int64_t> shape) {
  if (shape.empty() && tensor.getRank() != 0)
    shape = tensor.getShape();
  const uint8_t *bytes = static_cast<const uint8_t *>(tensor.getRawData());
  std::vector<uint8_t> data(bytes, bytes + tensor.getNumBytes());
  return NpyArray::create(getDTypeOf(tensor.getKind()), shape,
                          std::move(data));
}
