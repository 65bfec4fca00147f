//===- PassRegistration.cpp - Register qnt passes and pipelines -----------===//

#include "qnt/Dialect/Qnt/Transforms/Passes.h"

void qnt::registerQntPassesAndPipelines() { registerQntPasses(); }
