# SPDX-License-Identifier: Apache-2.0
# Writes help2man's include file: one section per command, from `cadre COMMAND --help`,
# so that the man page documents every command with the parser's own text.
execute_process(COMMAND ${CADRE} --help OUTPUT_VARIABLE top RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cadre --help failed")
endif()
set(text "[COMMANDS]\n")
string(REGEX MATCHALL "\n  [a-z]+ " lines "${top}")
foreach(line IN LISTS lines)
  string(STRIP "${line}" command)
  execute_process(COMMAND ${CADRE} ${command} --help OUTPUT_VARIABLE help RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "cadre ${command} --help failed")
  endif()
  # roff: a leading dot or quote would be a request; backslashes are escapes.
  string(REPLACE "\\" "\\e" help "${help}")
  string(REGEX REPLACE "\n([.'])" "\n\\\\&\\1" help "${help}")
  string(APPEND text ".SS \"cadre ${command}\"\n.nf\n${help}.fi\n")
endforeach()
string(APPEND text "[ENVIRONMENT]\n.TP\nNO_COLOR\nWhen set and not empty, no colour unless --color always.\n"
       ".TP\nCADRE_RULES_PATH\nColon-separated folders searched for rule packs by id.\n"
       "[FILES]\n.TP\ncadre.yaml, .cadre.yaml\nThe project configuration, searched from the current directory upwards.\n")
file(WRITE ${OUTPUT} "${text}")
