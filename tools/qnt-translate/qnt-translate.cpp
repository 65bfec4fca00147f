//===- qnt-translate.cpp - Translations in and out of qnt -----------------===//

#include "qnt/Target/ONNX/Import.h"
#include "qnt/Target/TFLite/Registration.h"

#include "mlir/Tools/mlir-translate/MlirTranslateMain.h"

int main(int argc, char **argv) {
  qnt::registerTFLiteTranslations();
  qnt::registerONNXTranslations();
  return mlir::failed(
      mlir::mlirTranslateMain(argc, argv, "qnt translation driver\n"));
}
