# SPDX-License-Identifier: Apache-2.0
# What `cmake --install` puts where (GNUInstallDirs prefixes), and the Debian package CPack
# builds from it (docs/install.md). The binary finds its packs and rule pages relative to
# itself (CADRE_INSTALL_*_FROM_BIN), so any prefix works, and so does `dpkg -x` into a folder.

install(TARGETS cadre RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# The bundled packs, with their own tests (`cadre test dfcu-2023` runs them installed too).
install(DIRECTORY rules/ DESTINATION ${CADRE_INSTALL_RULES_DIR})
install(DIRECTORY docs/rules/ DESTINATION ${CADRE_INSTALL_RULE_PAGES_DIR})
install(FILES LICENSE CHANGELOG.md README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})

# The JSON Schemas of the record kinds (`cadre schema`), for editors: written at build time
# by the cadre just built, from the bundled dfcu-2023 pack; field descriptions in French in
# schemas/, in English in schemas/en/ (docs/editors.md).
set(CADRE_SCHEMAS_BUILD_DIR "${CMAKE_BINARY_DIR}/schemas")
set(CADRE_SCHEMAS_EN_BUILD_DIR "${CMAKE_BINARY_DIR}/schemas-en")
file(GLOB CADRE_DFCU_FILES CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/rules/dfcu-2023/*.cadre")
add_custom_command(
  OUTPUT "${CADRE_SCHEMAS_BUILD_DIR}/manifest.json" "${CADRE_SCHEMAS_EN_BUILD_DIR}/manifest.json"
  COMMAND cadre schema --no-config --rules dfcu-2023 --lang fr --out "${CADRE_SCHEMAS_BUILD_DIR}"
  COMMAND cadre schema --no-config --rules dfcu-2023 --lang en --out "${CADRE_SCHEMAS_EN_BUILD_DIR}"
  DEPENDS cadre ${CADRE_DFCU_FILES}
  COMMENT "cadre schema: JSON Schemas of the dfcu-2023 record kinds, in French and in English"
  VERBATIM)
add_custom_target(cadre_schemas ALL DEPENDS "${CADRE_SCHEMAS_BUILD_DIR}/manifest.json")
install(DIRECTORY "${CADRE_SCHEMAS_BUILD_DIR}/" DESTINATION ${CADRE_INSTALL_SCHEMAS_DIR}
        PATTERN "manifest.json" EXCLUDE)
install(DIRECTORY "${CADRE_SCHEMAS_EN_BUILD_DIR}/" DESTINATION ${CADRE_INSTALL_SCHEMAS_DIR}/en
        PATTERN "manifest.json" EXCLUDE)

# `cpack -G DEB` in the build folder: cadre_<version>_amd64.deb. The runtime dependencies are
# the Debian 12 packages of the shared libraries the binary loads — ICU, OpenSSL, zlib,
# libyaml, fmt, RE2 and the C/C++ runtime; Boost is header-only here — and nothing the tests
# need (Node.js, Chromium, the validators). They are listed, not computed by dpkg-shlibdeps,
# which runs `file` on each of the package's ~250 files (minutes on a loaded machine); the
# test tests/install/deb.sh checks that every library the binary needs (objdump NEEDED,
# dpkg -S) comes from a package listed here, so a new library cannot be forgotten.
set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "cadre")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_VENDOR "cadre contributors")
set(CPACK_PACKAGE_CONTACT "cadre maintainers <cadre@invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "rules engine and compliance checker for French micro-credentials")
set(CPACK_PACKAGE_DESCRIPTION
    "cadre checks course proposals, certificates and other records against the rules of the Digital FCU cadre commun des micro-certifications (and other packs), stacks transcripts into pathways, verifies credentials offline and writes Qualiopi evidence packs.")
set(CPACK_RESOURCE_FILE_LICENSE "${CMAKE_SOURCE_DIR}/LICENSE")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "utils")
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "libc6 (>= 2.34), libstdc++6 (>= 12), libgcc-s1 (>= 3.0), libicu72, libssl3 (>= 3.0.0), zlib1g (>= 1:1.2.0), libyaml-0-2, libfmt9, libre2-9")
set(CPACK_STRIP_FILES ON)
include(CPack)
