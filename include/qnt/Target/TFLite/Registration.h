//===- Registration.h - TFLite translations for qnt-translate ---*- C++ -*-===//

#ifndef QNT_TARGET_TFLITE_REGISTRATION_H
#define QNT_TARGET_TFLITE_REGISTRATION_H

namespace qnt {

/// Registers `--import-tflite` and `--export-tflite` with the MLIR
/// translation registry.
void registerTFLiteTranslations();

} // namespace qnt

#endif // QNT_TARGET_TFLITE_REGISTRATION_H
