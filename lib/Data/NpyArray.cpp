//===- NpyArray.cpp - N-d arrays in numpy's .npy format -------------------===//
//
// The .npy format: the magic "\x93NUMPY", a major and minor version byte, a
// little-endian header length (2 bytes in 1.0, 4 bytes in 2.0 and 3.0), then a
// Python dict literal with exactly the keys 'descr', 'fortran_order' and
// 'shape', padded with spaces and a newline, then the raw element data.
//
//===----------------------------------------------------------------------===//

#include "qnt/Data/NpyArray.h"

#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstring>
#include <limits>

using namespace llvm;

namespace qnt {

//===----------------------------------------------------------------------===//
// Element types
//===----------------------------------------------------------------------===//

unsigned getDTypeSize(DType dtype) {
  switch (dtype) {
  case DType::I8:
  case DType::U8:
  case DType::Bool:
    return 1;
  case DType::F16:
  case DType::I16:
    return 2;
  case DType::F32:
  case DType::I32:
    return 4;
  case DType::F64:
  case DType::I64:
    return 8;
  }
  llvm_unreachable("unknown dtype");
}

StringRef getDTypeName(DType dtype) {
  switch (dtype) {
  case DType::F16:
    return "f16";
  case DType::F32:
    return "f32";
  case DType::F64:
    return "f64";
  case DType::I8:
    return "i8";
  case DType::U8:
    return "u8";
  case DType::I16:
    return "i16";
  case DType::I32:
    return "i32";
  case DType::I64:
    return "i64";
  case DType::Bool:
    return "bool";
  }
  llvm_unreachable("unknown dtype");
}

std::optional<DType> parseDTypeName(StringRef name) {
  for (DType dtype : {DType::F16, DType::F32, DType::F64, DType::I8, DType::U8,
                      DType::I16, DType::I32, DType::I64, DType::Bool})
    if (getDTypeName(dtype) == name)
      return dtype;
  return std::nullopt;
}

StringRef getNpyDescr(DType dtype) {
  switch (dtype) {
  case DType::F16:
    return "<f2";
  case DType::F32:
    return "<f4";
  case DType::F64:
    return "<f8";
  case DType::I8:
    return "|i1";
  case DType::U8:
    return "|u1";
  case DType::I16:
    return "<i2";
  case DType::I32:
    return "<i4";
  case DType::I64:
    return "<i8";
  case DType::Bool:
    return "|b1";
  }
  llvm_unreachable("unknown dtype");
}

bool isFloatDType(DType dtype) {
  return dtype == DType::F16 || dtype == DType::F32 || dtype == DType::F64;
}

std::pair<int64_t, int64_t> getIntegerRange(DType dtype) {
  switch (dtype) {
  case DType::I8:
    return {INT8_MIN, INT8_MAX};
  case DType::U8:
    return {0, UINT8_MAX};
  case DType::I16:
    return {INT16_MIN, INT16_MAX};
  case DType::I32:
    return {INT32_MIN, INT32_MAX};
  case DType::I64:
    return {INT64_MIN, INT64_MAX};
  case DType::Bool:
    return {0, 1};
  default:
    llvm_unreachable("not an integer dtype");
  }
}

//===----------------------------------------------------------------------===//
// binary16
//===----------------------------------------------------------------------===//

float halfToFloat(uint16_t bits) {
  uint32_t sign = uint32_t(bits & 0x8000) << 16;
  uint32_t exponent = (bits >> 10) & 0x1f;
  uint32_t mantissa = bits & 0x3ff;
  if (exponent == 0) {
    // Zero or subnormal: mantissa * 2^-24, exact in binary32.
    float magnitude = std::ldexp(float(mantissa), -24);
    return sign ? -magnitude : magnitude;
  }
  uint32_t result;
  if (exponent == 0x1f)
    result = sign | 0x7f800000 | (mantissa << 13);
  else
    result = sign | ((exponent - 15 + 127) << 23) | (mantissa << 13);
  float value;
  std::memcpy(&value, &result, sizeof(value));
  return value;
}

uint16_t floatToHalf(float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, sizeof(bits));
  uint16_t sign = (bits >> 16) & 0x8000;
  uint32_t magnitude = bits & 0x7fffffff;
  if (magnitude > 0x7f800000) // NaN: keep it a quiet NaN.
    return sign | 0x7e00 | ((magnitude >> 13) & 0x3ff);
  // 65520 is halfway between the largest half (65504) and 2^16; the tie goes
  // to the even neighbour, which is infinity.
  if (magnitude >= 0x477ff000)
    return sign | 0x7c00;
  uint32_t exponent = magnitude >> 23;
  if (exponent < 113) {
    // Below 2^-14: a half subnormal, counted in units of 2^-24.
    uint32_t mantissa = (magnitude & 0x7fffff) | 0x800000;
    uint32_t shift = 126 - exponent;
    if (exponent == 0 || shift >= 25)
      return sign; // Less than half a unit.
    uint32_t quotient = mantissa >> shift;
    uint32_t remainder = mantissa & ((1u << shift) - 1);
    uint32_t halfway = 1u << (shift - 1);
    if (remainder > halfway || (remainder == halfway && (quotient & 1)))
      ++quotient;
    return sign | quotient;
  }
  uint32_t result = ((exponent - 112) << 10) | ((magnitude >> 13) & 0x3ff);
  uint32_t remainder = magnitude & 0x1fff;
  // A carry out of the mantissa correctly bumps the exponent.
  if (remainder > 0x1000 || (remainder == 0x1000 && (result & 1)))
    ++result;
  return sign | result;
}

//===----------------------------------------------------------------------===//
// Shapes
//===----------------------------------------------------------------------===//

std::string formatShape(ArrayRef<int64_t> shape) {
  std::string result = "[";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i)
      result += ", ";
    result += shape[i] < 0 ? std::string("?") : std::to_string(shape[i]);
  }
  return result + "]";
}

std::optional<int64_t> getNumElements(ArrayRef<int64_t> shape,
                                      unsigned elementSize) {
  int64_t count = 1;
  for (int64_t extent : shape) {
    if (extent < 0 || MulOverflow(count, extent, count))
      return std::nullopt;
  }
  int64_t byteCount;
  if (MulOverflow(count, int64_t(elementSize), byteCount) ||
      uint64_t(byteCount) > std::numeric_limits<size_t>::max())
    return std::nullopt;
  return count;
}

//===----------------------------------------------------------------------===//
// Element conversion
//===----------------------------------------------------------------------===//

namespace {
template <typename T> T loadLE(const uint8_t *p) {
  return support::endian::read<T, endianness::little>(p);
}
template <typename T> void storeLE(uint8_t *p, T value) {
  support::endian::write<T, endianness::little>(p, value);
}

float loadFloat32(const uint8_t *p) {
  uint32_t bits = loadLE<uint32_t>(p);
  float value;
  std::memcpy(&value, &bits, sizeof(value));
  return value;
}
double loadFloat64(const uint8_t *p) {
  uint64_t bits = loadLE<uint64_t>(p);
  double value;
  std::memcpy(&value, &bits, sizeof(value));
  return value;
}
void storeFloat32(uint8_t *p, float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, sizeof(bits));
  storeLE<uint32_t>(p, bits);
}
void storeFloat64(uint8_t *p, double value) {
  uint64_t bits;
  std::memcpy(&bits, &value, sizeof(bits));
  storeLE<uint64_t>(p, bits);
}

// Converting an out-of-range double to float is undefined behaviour in C++,
// so overflow is decided here, rounding to nearest as IEEE does.
float narrowToFloat(double value) {
  if (std::isnan(value) || std::fabs(value) <= double(FLT_MAX))
    return float(value);
  // Half an ulp above FLT_MAX (2^103) still rounds down to FLT_MAX; the tie
  // goes to infinity because FLT_MAX's mantissa is odd.
  double limit = double(FLT_MAX) + std::ldexp(1.0, 103);
  float big = std::fabs(value) >= limit ? std::numeric_limits<float>::infinity()
                                        : FLT_MAX;
  return value < 0 ? -big : big;
}

bool isIntegerDType(DType dtype) { return !isFloatDType(dtype); }

int64_t loadInteger(DType dtype, const uint8_t *p) {
  switch (dtype) {
  case DType::I8:
    return int8_t(*p);
  case DType::U8:
  case DType::Bool:
    return *p;
  case DType::I16:
    return loadLE<int16_t>(p);
  case DType::I32:
    return loadLE<int32_t>(p);
  case DType::I64:
    return loadLE<int64_t>(p);
  default:
    llvm_unreachable("not an integer dtype");
  }
}

double loadDouble(DType dtype, const uint8_t *p) {
  switch (dtype) {
  case DType::F16:
    return halfToFloat(loadLE<uint16_t>(p));
  case DType::F32:
    return loadFloat32(p);
  case DType::F64:
    return loadFloat64(p);
  default:
    return double(loadInteger(dtype, p));
  }
}

void storeInteger(DType dtype, uint8_t *p, int64_t value) {
  switch (dtype) {
  case DType::I8:
  case DType::U8:
    *p = uint8_t(value);
    return;
  case DType::Bool:
    *p = value != 0;
    return;
  case DType::I16:
    storeLE<int16_t>(p, int16_t(value));
    return;
  case DType::I32:
    storeLE<int32_t>(p, int32_t(value));
    return;
  case DType::I64:
    storeLE<int64_t>(p, value);
    return;
  default:
    llvm_unreachable("not an integer dtype");
  }
}

void storeFromDouble(DType dtype, uint8_t *p, double value) {
  switch (dtype) {
  case DType::F16: {
    // Through APFloat so that f64 -> f16 rounds once, not twice.
    bool losesInfo;
    APFloat half(value);
    half.convert(APFloat::IEEEhalf(), APFloat::rmNearestTiesToEven, &losesInfo);
    storeLE<uint16_t>(p, uint16_t(half.bitcastToAPInt().getZExtValue()));
    return;
  }
  case DType::F32:
    storeFloat32(p, narrowToFloat(value));
    return;
  case DType::F64:
    storeFloat64(p, value);
    return;
  case DType::Bool:
    *p = value != 0; // NaN is true, as in numpy.
    return;
  default:
    break;
  }
  if (std::isnan(value)) {
    storeInteger(dtype, p, 0);
    return;
  }
  auto [lo, hi] = getIntegerRange(dtype);
  double rounded = std::nearbyint(value);
  int64_t result;
  // double(INT64_MAX) is 2^63, so compare before converting.
  if (rounded >= double(hi))
    result = hi;
  else if (rounded <= double(lo))
    result = lo;
  else
    result = int64_t(rounded);
  storeInteger(dtype, p, result);
}

void storeFromFloat(DType dtype, uint8_t *p, float value) {
  if (dtype == DType::F16) {
    storeLE<uint16_t>(p, floatToHalf(value));
    return;
  }
  storeFromDouble(dtype, p, value);
}
} // namespace

//===----------------------------------------------------------------------===//
// NpyArray
//===----------------------------------------------------------------------===//

NpyArray::NpyArray() : dtype(DType::F32), shape({0}), numElements(0) {}

NpyArray::NpyArray(DType dtype, ArrayRef<int64_t> shape, int64_t numElements,
                   std::vector<uint8_t> bytes)
    : dtype(dtype), shape(shape), numElements(numElements),
      bytes(std::move(bytes)) {}

Expected<NpyArray> NpyArray::create(DType dtype, ArrayRef<int64_t> shape,
                                    std::vector<uint8_t> bytes) {
  std::optional<int64_t> count =
      qnt::getNumElements(shape, getDTypeSize(dtype));
  if (!count)
    return createStringError("invalid array shape " + formatShape(shape));
  uint64_t expected = uint64_t(*count) * getDTypeSize(dtype);
  if (bytes.size() != expected)
    return createStringError("array of shape " + formatShape(shape) + " and " +
                             getDTypeName(dtype) + " needs " + Twine(expected) +
                             " bytes, got " + Twine(bytes.size()));
  // Anything but 0 or 1 in a bool would make a typed view undefined.
  if (dtype == DType::Bool) {
    auto bad = llvm::find_if(bytes, [](uint8_t b) { return b > 1; });
    if (bad != bytes.end())
      return createStringError("bool element " + Twine(bad - bytes.begin()) +
                               " has byte value " + Twine(unsigned(*bad)));
  }
  return NpyArray(dtype, shape, *count, std::move(bytes));
}

Expected<NpyArray> NpyArray::zeros(DType dtype, ArrayRef<int64_t> shape) {
  std::optional<int64_t> count =
      qnt::getNumElements(shape, getDTypeSize(dtype));
  if (!count)
    return createStringError("invalid array shape " + formatShape(shape));
  return NpyArray(dtype, shape, *count,
                  std::vector<uint8_t>(*count * getDTypeSize(dtype)));
}

Expected<NpyArray> NpyArray::fromFloat32(ArrayRef<int64_t> shape,
                                         ArrayRef<float> values, DType dtype) {
  Expected<NpyArray> array = zeros(dtype, shape);
  if (!array)
    return array.takeError();
  if (uint64_t(array->numElements) != values.size())
    return createStringError(Twine(values.size()) + " values given for shape " +
                             formatShape(shape) + " with " +
                             Twine(array->numElements) + " elements");
  unsigned size = getDTypeSize(dtype);
  uint8_t *out = array->bytes.data();
  for (size_t i = 0; i < values.size(); ++i)
    storeFromFloat(dtype, out + i * size, values[i]);
  return array;
}

double NpyArray::getAsDouble(int64_t index) const {
  assert(index >= 0 && index < numElements && "element index out of range");
  return loadDouble(dtype, bytes.data() + index * getDTypeSize(dtype));
}

int64_t NpyArray::getAsInt64(int64_t index) const {
  assert(index >= 0 && index < numElements && "element index out of range");
  assert(!isFloatDType(dtype) && "not an integer array");
  return loadInteger(dtype, bytes.data() + index * getDTypeSize(dtype));
}

std::vector<float> NpyArray::toFloat32() const {
  std::vector<float> result(numElements);
  const uint8_t *in = bytes.data();
  switch (dtype) {
  case DType::F16:
    for (int64_t i = 0; i < numElements; ++i)
      result[i] = halfToFloat(loadLE<uint16_t>(in + 2 * i));
    break;
  case DType::F32:
    for (int64_t i = 0; i < numElements; ++i)
      result[i] = loadFloat32(in + 4 * i);
    break;
  case DType::F64:
    for (int64_t i = 0; i < numElements; ++i)
      result[i] = narrowToFloat(loadFloat64(in + 8 * i));
    break;
  default: {
    unsigned size = getDTypeSize(dtype);
    for (int64_t i = 0; i < numElements; ++i)
      result[i] = float(loadInteger(dtype, in + i * size));
    break;
  }
  }
  return result;
}

NpyArray NpyArray::convertTo(DType target) const {
  if (target == dtype)
    return *this;
  unsigned inSize = getDTypeSize(dtype), outSize = getDTypeSize(target);
  std::vector<uint8_t> out(numElements * outSize);
  const uint8_t *in = bytes.data();
  if (isIntegerDType(dtype) && isIntegerDType(target)) {
    // Stay in integers so i64 values beyond 2^53 survive.
    auto [lo, hi] = getIntegerRange(target);
    for (int64_t i = 0; i < numElements; ++i) {
      int64_t value = loadInteger(dtype, in + i * inSize);
      if (target != DType::Bool)
        value = std::min(std::max(value, lo), hi);
      storeInteger(target, out.data() + i * outSize, value);
    }
  } else if (isIntegerDType(dtype)) {
    // One rounding: int -> float directly (f16 overflows long before float
    // stops being exact).
    for (int64_t i = 0; i < numElements; ++i) {
      int64_t value = loadInteger(dtype, in + i * inSize);
      if (target == DType::F64)
        storeFloat64(out.data() + i * outSize, double(value));
      else
        storeFromFloat(target, out.data() + i * outSize, float(value));
    }
  } else if (dtype == DType::F32 || dtype == DType::F16) {
    for (int64_t i = 0; i < numElements; ++i)
      storeFromFloat(target, out.data() + i * outSize,
                     float(loadDouble(dtype, in + i * inSize)));
  } else {
    for (int64_t i = 0; i < numElements; ++i)
      storeFromDouble(target, out.data() + i * outSize,
                      loadDouble(dtype, in + i * inSize));
  }
  return NpyArray(target, shape, numElements, std::move(out));
}

Expected<NpyArray> NpyArray::reshape(ArrayRef<int64_t> newShape) const {
  std::optional<int64_t> count =
      qnt::getNumElements(newShape, getDTypeSize(dtype));
  if (!count || *count != numElements)
    return createStringError("cannot reshape an array of shape " +
                             formatShape(shape) + " to " +
                             formatShape(newShape));
  return NpyArray(dtype, newShape, numElements, bytes);
}

//===----------------------------------------------------------------------===//
// Header parsing
//===----------------------------------------------------------------------===//

namespace {
struct NpyHeader {
  DType dtype = DType::F32;
  bool bigEndian = false;
  bool fortranOrder = false;
  SmallVector<int64_t, 4> shape;
};

/// A strict parser for the subset of Python literal syntax numpy writes.
class HeaderParser {
public:
  explicit HeaderParser(StringRef text) : text(text), rest(text) {}

  Expected<NpyHeader> parse();

private:
  Error error(const Twine &message) const {
    // Quote a bounded prefix: a hostile header can be gigabytes long.
    StringRef shown = text.rtrim().take_front(200);
    return createStringError(
        "malformed header: " + message + " at offset " +
        Twine(text.size() - rest.size()) + " in \"" + shown +
        (shown.size() < text.rtrim().size() ? "...\"" : "\""));
  }
  void skipSpace() { rest = rest.ltrim(" \t\r\n"); }
  bool consume(char c) {
    skipSpace();
    return rest.consume_front(StringRef(&c, 1));
  }
  Error expect(char c) {
    if (consume(c))
      return Error::success();
    return error(Twine("expected '") + Twine(c) + "'");
  }
  Expected<std::string> parseString();
  Expected<bool> parseBool();
  Error parseShape(SmallVectorImpl<int64_t> &shape);
  Error parseDescr(StringRef descr, NpyHeader &header);

  StringRef text;
  StringRef rest;
};

Expected<std::string> HeaderParser::parseString() {
  skipSpace();
  if (rest.empty() || (rest.front() != '\'' && rest.front() != '"'))
    return error("expected a string");
  char quote = rest.front();
  size_t end = rest.find(quote, 1);
  if (end == StringRef::npos)
    return error("unterminated string");
  StringRef body = rest.slice(1, end);
  if (body.contains('\\') || body.contains('\n'))
    return error("unsupported character in string");
  rest = rest.drop_front(end + 1);
  return body.str();
}

Expected<bool> HeaderParser::parseBool() {
  skipSpace();
  if (rest.consume_front("True"))
    return true;
  if (rest.consume_front("False"))
    return false;
  return error("expected True or False");
}

Error HeaderParser::parseShape(SmallVectorImpl<int64_t> &shape) {
  if (Error err = expect('('))
    return err;
  bool sawComma = false;
  while (true) {
    if (consume(')'))
      break;
    skipSpace();
    size_t digits = rest.find_first_not_of("0123456789");
    if (digits == 0)
      return error(rest.starts_with("-") ? "negative dimension"
                                         : "expected a dimension");
    StringRef number = rest.take_front(digits);
    int64_t extent;
    if (number.getAsInteger(10, extent))
      return error("dimension " + number + " is too large");
    rest = rest.drop_front(number.size());
    rest.consume_front("L"); // Python 2 long literals.
    shape.push_back(extent);
    if (consume(',')) {
      sawComma = true;
      continue;
    }
    if (Error err = expect(')'))
      return err;
    break;
  }
  // "(3)" is an int in Python, not a tuple.
  if (shape.size() == 1 && !sawComma)
    return error("shape is not a tuple");
  return Error::success();
}

Error HeaderParser::parseDescr(StringRef descr, NpyHeader &header) {
  auto unsupported = [&]() {
    return createStringError("unsupported dtype descr '" + descr +
                             "' (supported: f2, f4, f8, i1, u1, i2, i4, i8, "
                             "b1)");
  };
  if (descr.size() != 3)
    return unsupported();
  char order = descr[0];
  StringRef code = descr.drop_front();
  static const std::pair<StringRef, DType> codes[] = {
      {"f2", DType::F16}, {"f4", DType::F32}, {"f8", DType::F64},
      {"i1", DType::I8},  {"u1", DType::U8},  {"i2", DType::I16},
      {"i4", DType::I32}, {"i8", DType::I64}, {"b1", DType::Bool}};
  auto it =
      llvm::find_if(codes, [&](auto &entry) { return entry.first == code; });
  if (it == std::end(codes))
    return unsupported();
  header.dtype = it->second;
  if (getDTypeSize(header.dtype) == 1) {
    if (!StringRef("<>|=").contains(order))
      return unsupported();
    return Error::success();
  }
  // '|' means "no byte order", which is invalid for multi-byte types, and '='
  // (native) does not say which machine wrote the file.
  if (order != '<' && order != '>')
    return createStringError("dtype descr '" + descr +
                             "' has no explicit byte order");
  header.bigEndian = order == '>';
  return Error::success();
}

Expected<NpyHeader> HeaderParser::parse() {
  NpyHeader header;
  bool haveDescr = false, haveFortran = false, haveShape = false;
  if (Error err = expect('{'))
    return err;
  while (!consume('}')) {
    Expected<std::string> key = parseString();
    if (!key)
      return key.takeError();
    if (Error err = expect(':'))
      return err;
    if (*key == "descr") {
      if (haveDescr)
        return error("duplicate key 'descr'");
      haveDescr = true;
      skipSpace();
      if (rest.starts_with("["))
        return createStringError(
            "structured dtypes (a list descr) are not supported");
      Expected<std::string> descr = parseString();
      if (!descr)
        return descr.takeError();
      if (Error err = parseDescr(*descr, header))
        return err;
    } else if (*key == "fortran_order") {
      if (haveFortran)
        return error("duplicate key 'fortran_order'");
      haveFortran = true;
      Expected<bool> value = parseBool();
      if (!value)
        return value.takeError();
      header.fortranOrder = *value;
    } else if (*key == "shape") {
      if (haveShape)
        return error("duplicate key 'shape'");
      haveShape = true;
      if (Error err = parseShape(header.shape))
        return err;
    } else {
      return error("unexpected key '" + *key + "'");
    }
    if (consume(','))
      continue;
    if (Error err = expect('}'))
      return err;
    break;
  }
  skipSpace();
  if (!rest.empty())
    return error("unexpected text after the dict");
  if (!haveDescr || !haveFortran || !haveShape)
    return error(Twine("missing key '") +
                 (!haveDescr     ? "descr"
                  : !haveFortran ? "fortran_order"
                                 : "shape") +
                 "'");
  return header;
}

constexpr char kMagic[] = "\x93NUMPY";
constexpr size_t kMagicSize = 6;
} // namespace

//===----------------------------------------------------------------------===//
// Reading and writing
//===----------------------------------------------------------------------===//

static Error prefixError(StringRef name, Error err) {
  return createStringError(name + ": " + toString(std::move(err)));
}

Expected<NpyArray> readNpyFromMemory(ArrayRef<uint8_t> buffer, StringRef name) {
  auto fail = [&](const Twine &message) -> Error {
    return createStringError(name + ": " + message);
  };
  if (buffer.size() < kMagicSize ||
      std::memcmp(buffer.data(), kMagic, kMagicSize) != 0)
    return fail("not a .npy file (bad magic string)");
  if (buffer.size() < kMagicSize + 4)
    return fail("truncated .npy preamble");
  unsigned major = buffer[6], minor = buffer[7];
  if (major < 1 || major > 3 || minor != 0)
    return fail("unsupported .npy format version " + Twine(major) + "." +
                Twine(minor));
  size_t headerStart, headerLength;
  if (major == 1) {
    headerStart = 10;
    headerLength = loadLE<uint16_t>(buffer.data() + 8);
  } else {
    if (buffer.size() < 12)
      return fail("truncated .npy preamble");
    headerStart = 12;
    headerLength = loadLE<uint32_t>(buffer.data() + 8);
  }
  if (headerLength > buffer.size() - headerStart)
    return fail("header length " + Twine(headerLength) +
                " runs past the end of the file (" + Twine(buffer.size()) +
                " bytes)");
  StringRef headerText(reinterpret_cast<const char *>(buffer.data()) +
                           headerStart,
                       headerLength);
  Expected<NpyHeader> header = HeaderParser(headerText).parse();
  if (!header)
    return prefixError(name, header.takeError());

  unsigned elementSize = getDTypeSize(header->dtype);
  std::optional<int64_t> count =
      qnt::getNumElements(header->shape, elementSize);
  if (!count)
    return fail("shape " + formatShape(header->shape) +
                " has too many elements");
  if (header->fortranOrder &&
      llvm::count_if(header->shape, [](int64_t d) { return d > 1; }) > 1)
    return fail("Fortran-order arrays are not supported; save a C-order "
                "copy (numpy.ascontiguousarray)");

  uint64_t dataSize = uint64_t(*count) * elementSize;
  size_t dataStart = headerStart + headerLength;
  uint64_t available = buffer.size() - dataStart;
  if (available < dataSize)
    return fail("data is truncated: shape " + formatShape(header->shape) +
                " of " + getDTypeName(header->dtype) + " needs " +
                Twine(dataSize) + " bytes but " + Twine(available) +
                " follow the header");
  if (available > dataSize)
    return fail(Twine(available - dataSize) +
                " unexpected bytes after the array data");

  std::vector<uint8_t> bytes(buffer.begin() + dataStart, buffer.end());
  if (header->bigEndian) {
    for (size_t i = 0; i < bytes.size(); i += elementSize)
      std::reverse(bytes.begin() + i, bytes.begin() + i + elementSize);
  }
  Expected<NpyArray> array =
      NpyArray::create(header->dtype, header->shape, std::move(bytes));
  if (!array)
    return prefixError(name, array.takeError());
  return array;
}

Expected<NpyArray> readNpyFromMemory(MemoryBufferRef buffer) {
  return readNpyFromMemory(ArrayRef<uint8_t>(reinterpret_cast<const uint8_t *>(
                                                 buffer.getBufferStart()),
                                             buffer.getBufferSize()),
                           buffer.getBufferIdentifier());
}

Expected<NpyArray> readNpy(StringRef path) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> buffer = MemoryBuffer::getFile(
      path, /*IsText=*/false, /*RequiresNullTerminator=*/false);
  if (!buffer)
    return createStringError(buffer.getError(),
                             "cannot read '" + path +
                                 "': " + buffer.getError().message());
  return readNpyFromMemory(ArrayRef<uint8_t>(reinterpret_cast<const uint8_t *>(
                                                 (*buffer)->getBufferStart()),
                                             (*buffer)->getBufferSize()),
                           ("'" + path + "'").str());
}

void writeNpy(raw_ostream &os, const NpyArray &array) {
  std::string dict;
  raw_string_ostream dictOs(dict);
  dictOs << "{'descr': '" << getNpyDescr(array.getDType())
         << "', 'fortran_order': False, 'shape': (";
  for (int64_t extent : array.getShape())
    dictOs << extent << (array.getRank() == 1 ? "," : ", ");
  if (array.getRank() > 1)
    dict.resize(dict.size() - 2);
  dict += "), }";

  // Pad so the data starts on a 64-byte boundary, as numpy does.
  unsigned major = 1;
  size_t preamble = kMagicSize + 2 + 2;
  size_t total = alignTo(preamble + dict.size() + 1, 64);
  if (total - preamble > 0xffff) {
    major = 2;
    preamble += 2;
    total = alignTo(preamble + dict.size() + 1, 64);
  }
  dict.append(total - preamble - dict.size() - 1, ' ');
  dict += '\n';

  os.write(kMagic, kMagicSize);
  os << char(major) << char(0);
  char length[4];
  if (major == 1) {
    support::endian::write16le(length, uint16_t(dict.size()));
    os.write(length, 2);
  } else {
    support::endian::write32le(length, uint32_t(dict.size()));
    os.write(length, 4);
  }
  os << dict;
  ArrayRef<uint8_t> bytes = array.getBytes();
  os.write(reinterpret_cast<const char *>(bytes.data()), bytes.size());
}

Error writeNpy(StringRef path, const NpyArray &array) {
  Error err = writeToOutput(path, [&](raw_ostream &os) {
    writeNpy(os, array);
    return Error::success();
  });
  if (err)
    return createStringError("cannot write '" + path +
                             "': " + toString(std::move(err)));
  return Error::success();
}

} // namespace qnt
