//===- NpyArray.h - N-d arrays in numpy's .npy format -------------*- C++
//-*-===//
//
// An NpyArray is a dense C-order array of one of the element types a model
// input can have, held as little-endian bytes exactly as a .npy file stores
// them. Readers validate everything they take from a file (header dict, shape
// arithmetic, data length) and report problems as llvm::Error, never by
// crashing, because calibration data comes from users.
//
//===----------------------------------------------------------------------===//

#ifndef QNT_DATA_NPYARRAY_H
#define QNT_DATA_NPYARRAY_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/SwapByteOrder.h"

#include <cassert>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace llvm {
class MemoryBufferRef;
class raw_ostream;
} // namespace llvm

namespace qnt {

/// Element types of an NpyArray.
enum class DType { F16, F32, F64, I8, U8, I16, I32, I64, Bool };

/// Bytes per element.
unsigned getDTypeSize(DType dtype);
/// Short name used in messages: "f32", "i8", "bool", ...
llvm::StringRef getDTypeName(DType dtype);
/// Parses a name produced by getDTypeName.
std::optional<DType> parseDTypeName(llvm::StringRef name);
/// The little-endian .npy descr string: "<f4", "|i1", "|b1", ...
llvm::StringRef getNpyDescr(DType dtype);
bool isFloatDType(DType dtype);
/// The smallest and largest value of an integer or bool dtype.
std::pair<int64_t, int64_t> getIntegerRange(DType dtype);

/// IEEE binary16 <-> binary32. Narrowing rounds to nearest, ties to even.
float halfToFloat(uint16_t bits);
uint16_t floatToHalf(float value);

/// "[2, 3, 4]", for messages.
std::string formatShape(llvm::ArrayRef<int64_t> shape);

/// Product of the extents, or nullopt if an extent is negative or the
/// product (or its size in bytes for \p elementSize) overflows.
std::optional<int64_t> getNumElements(llvm::ArrayRef<int64_t> shape,
                                      unsigned elementSize = 1);

class NpyArray {
public:
  /// An empty f32 array of shape [0].
  NpyArray();

  /// Wraps \p bytes (little-endian, C order). Fails if the shape is invalid
  /// or the byte count does not match it.
  static llvm::Expected<NpyArray> create(DType dtype,
                                         llvm::ArrayRef<int64_t> shape,
                                         std::vector<uint8_t> bytes);
  /// A zero-filled array.
  static llvm::Expected<NpyArray> zeros(DType dtype,
                                        llvm::ArrayRef<int64_t> shape);
  /// Converts \p values to \p dtype. Integer targets round to nearest (ties to
  /// even) and saturate; NaN becomes 0. Bool is value != 0.
  static llvm::Expected<NpyArray> fromFloat32(llvm::ArrayRef<int64_t> shape,
                                              llvm::ArrayRef<float> values,
                                              DType dtype = DType::F32);

  DType getDType() const { return dtype; }
  llvm::ArrayRef<int64_t> getShape() const { return shape; }
  int64_t getRank() const { return shape.size(); }
  int64_t getNumElements() const { return numElements; }
  llvm::ArrayRef<uint8_t> getBytes() const { return bytes; }
  llvm::MutableArrayRef<uint8_t> getMutableBytes() { return bytes; }

  /// Typed view of the elements; T must match the dtype (uint16_t for f16,
  /// bool for Bool). Elements are stored little-endian, which is the host
  /// order on every target qnt builds for.
  template <typename T> llvm::ArrayRef<T> getValues() const {
    static_assert(llvm::sys::IsLittleEndianHost,
                  "typed views assume a little-endian host");
    assert(isDTypeOf<T>(dtype) && "element type does not match the dtype");
    return llvm::ArrayRef<T>(reinterpret_cast<const T *>(bytes.data()),
                             numElements);
  }

  /// Element \p index converted to double (exact for every dtype but i64
  /// beyond 2^53).
  double getAsDouble(int64_t index) const;
  /// Element \p index of an integer or bool array.
  int64_t getAsInt64(int64_t index) const;
  /// All elements converted to float. f64 and large i32/i64 values round.
  std::vector<float> toFloat32() const;
  /// This array converted to \p dtype with the same rules as fromFloat32 for
  /// float sources; integer sources convert exactly or saturate.
  NpyArray convertTo(DType dtype) const;

  /// A copy with \p shape; the element count must stay the same.
  llvm::Expected<NpyArray> reshape(llvm::ArrayRef<int64_t> newShape) const;

  bool operator==(const NpyArray &other) const {
    return dtype == other.dtype && shape == other.shape && bytes == other.bytes;
  }
  bool operator!=(const NpyArray &other) const { return !(*this == other); }

private:
  NpyArray(DType dtype, llvm::ArrayRef<int64_t> shape, int64_t numElements,
           std::vector<uint8_t> bytes);

  template <typename T> static bool isDTypeOf(DType dtype);

  DType dtype;
  llvm::SmallVector<int64_t, 4> shape;
  int64_t numElements;
  std::vector<uint8_t> bytes;
};

template <typename T> bool NpyArray::isDTypeOf(DType dtype) {
  switch (dtype) {
  case DType::F16:
    return std::is_same<T, uint16_t>::value;
  case DType::F32:
    return std::is_same<T, float>::value;
  case DType::F64:
    return std::is_same<T, double>::value;
  case DType::I8:
    return std::is_same<T, int8_t>::value;
  case DType::U8:
    return std::is_same<T, uint8_t>::value;
  case DType::I16:
    return std::is_same<T, int16_t>::value;
  case DType::I32:
    return std::is_same<T, int32_t>::value;
  case DType::I64:
    return std::is_same<T, int64_t>::value;
  case DType::Bool:
    return std::is_same<T, bool>::value || std::is_same<T, uint8_t>::value;
  }
  return false;
}

/// Reads a .npy file (format versions 1.0, 2.0 and 3.0, C order). Errors name
/// \p path.
llvm::Expected<NpyArray> readNpy(llvm::StringRef path);

/// Parses .npy bytes; \p name (a file or archive member) prefixes errors.
llvm::Expected<NpyArray> readNpyFromMemory(llvm::ArrayRef<uint8_t> buffer,
                                           llvm::StringRef name);
llvm::Expected<NpyArray> readNpyFromMemory(llvm::MemoryBufferRef buffer);

/// Serialises \p array as .npy (version 1.0, or 2.0 if the header needs it).
void writeNpy(llvm::raw_ostream &os, const NpyArray &array);

/// Writes \p array to \p path through a temporary file in the same directory
/// that is renamed into place, so readers never see a partial file.
llvm::Error writeNpy(llvm::StringRef path, const NpyArray &array);

} // namespace qnt

#endif // QNT_DATA_NPYARRAY_H
