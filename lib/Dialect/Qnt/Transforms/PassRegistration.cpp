//===- PassRegistration.cpp - Register qnt passes and pipelines -----------===//

#include "qnt/Dialect/Qnt/Transforms/Passes.h"
#include "qnt/Dialect/Qnt/Transforms/Pipelines.h"

void qnt::registerQntPassesAndPipelines() {
  registerQntPasses();
  registerQuantizationPipelines();
}
