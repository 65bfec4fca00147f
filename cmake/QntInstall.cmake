# cmake --install: headers (written and generated), libraries, tools,
# plugins and a CMake package so that downstream projects find_package(qnt).
include(CMakePackageConfigHelpers)

install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/qnt DESTINATION include
  FILES_MATCHING PATTERN "*.h" PATTERN "*.td")
install(DIRECTORY ${PROJECT_BINARY_DIR}/include/qnt DESTINATION include
  FILES_MATCHING PATTERN "*.inc" PATTERN "*.h"
  PATTERN "CMakeFiles" EXCLUDE)

# qntConfig.cmake gives each exported library MLIR's include directories.
get_property(QNT_EXPORTED_TARGETS GLOBAL PROPERTY QNT_EXPORTED_TARGETS)
install(EXPORT qntTargets NAMESPACE qnt:: DESTINATION lib/cmake/qnt)
configure_package_config_file(
  ${PROJECT_SOURCE_DIR}/cmake/qntConfig.cmake.in
  ${PROJECT_BINARY_DIR}/qntConfig.cmake
  INSTALL_DESTINATION lib/cmake/qnt)
write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/qntConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/qntConfig.cmake
              ${PROJECT_BINARY_DIR}/qntConfigVersion.cmake
        DESTINATION lib/cmake/qnt)
