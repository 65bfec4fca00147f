# -*- Python -*-
# The qnt regression tests: lit + FileCheck, one directory per layer.

import os

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "QNT"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test", ".py"]
config.excludes = ["Inputs", "Unit", "lit.cfg.py", "lit.site.cfg.py",
                   "CMakeLists.txt"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.qnt_obj_root, "test")

config.substitutions.append(("%PATH%", config.environment["PATH"]))
config.substitutions.append(("%shlibext", config.llvm_shlib_ext))
config.substitutions.append(("%qnt_src_root", config.qnt_src_root))
config.substitutions.append(("%qnt_lib_dir", config.qnt_lib_dir))
config.substitutions.append(
    ("%upstream_mlir_opt", os.path.join(config.llvm_tools_dir, "mlir-opt")))

llvm_config.with_system_environment(["HOME", "INCLUDE", "LIB", "TMP", "TEMP"])
llvm_config.use_default_substitutions()
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)

tool_dirs = [config.qnt_tools_dir, config.llvm_tools_dir]
tools = ["qnt-opt", "qnt-translate", "qnt-run", "qnt-calibrate", "qnt-convert"]
llvm_config.add_tool_substitutions(
    [ToolSubst(t, unresolved="ignore") for t in tools], tool_dirs)

# Tests that need Node.js and the TFLite runtime declare REQUIRES: tflite-runtime.
# CI installs both; a missing runtime makes those tests fail, never skip.
config.available_features.add("tflite-runtime")
runner = os.path.join(config.qnt_src_root, "utils", "tflite-runner")
config.substitutions.append(("%tflite_runner", "node " + os.path.join(runner, "run.js")))
config.substitutions.append(("%python", "/usr/bin/python3"))

# Real trained models, fetched by the `qnt-test-models` target (a dependency
# of check-qnt) with utils/fetch-models.sh. Tests that use them fail when the
# files are missing.
config.substitutions.append(
    ("%models", os.path.join(config.qnt_obj_root, "test-models")))
config.substitutions.append(("%qnt_tools_dir", config.qnt_tools_dir))
config.substitutions.append(
    ("%runner_script", os.path.join(runner, "run.js")))

# test/Install configures and builds a project against an installed qnt
# with the build's own CMake, generator and compiler.
config.substitutions.append(("%qnt_obj_root", config.qnt_obj_root))
config.substitutions.append(("%cmake_generator", config.cmake_generator))
config.substitutions.append(("%cmake_make_program", config.cmake_make_program))
config.substitutions.append(("%cmake_cxx_compiler", config.cmake_cxx_compiler))
config.substitutions.append(("%mlir_cmake_dir", config.mlir_cmake_dir))
config.substitutions.append(("%cmake", config.cmake_command))
