//===- qnt-translate.cpp - Translations in and out of qnt -----------------===//

#include "mlir/Tools/mlir-translate/MlirTranslateMain.h"

int main(int argc, char **argv) {
  return mlir::failed(
      mlir::mlirTranslateMain(argc, argv, "qnt translation driver\n"));
}
