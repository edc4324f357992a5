# sg_compile_model(<output.so> MODEL <model.mlir> [HEADER <output.h>]
#                  [ARGS <sgc flags>...])
#
# Compiles a model with the sgc built here, at build time, whenever sgc, the
# runtime or the model change.
function(sg_compile_model output)
  cmake_parse_arguments(ARG "" "MODEL;HEADER" "ARGS" ${ARGN})
  set(outputs ${output})
  set(header_command)
  if(ARG_HEADER)
    list(APPEND outputs ${ARG_HEADER})
    set(header_command COMMAND sgc ${ARG_MODEL} ${ARG_ARGS} --emit=header
                               -o ${ARG_HEADER})
  endif()
  get_filename_component(name ${output} NAME)
  add_custom_command(
    OUTPUT ${outputs}
    COMMAND sgc ${ARG_MODEL} ${ARG_ARGS} -o ${output}
    ${header_command}
    DEPENDS sgc sg_runtime ${ARG_MODEL}
    COMMENT "sgc ${name}")
endfunction()

# sg_compile_variants(<target> MODEL <model.mlir> PREFIX <lib name prefix>
#                     VARIANTS "<name> <sgc flag>..." ...)
#
# Compiles one model once per variant into
# ${CMAKE_CURRENT_BINARY_DIR}/<prefix>_<name>.so, and adds the custom target
# <target> that builds them all.
function(sg_compile_variants target)
  cmake_parse_arguments(ARG "" "MODEL;PREFIX" "VARIANTS" ${ARGN})
  set(libs)
  foreach(variant ${ARG_VARIANTS})
    separate_arguments(args UNIX_COMMAND "${variant}")
    list(POP_FRONT args name)
    set(lib ${CMAKE_CURRENT_BINARY_DIR}/${ARG_PREFIX}_${name}.so)
    sg_compile_model(${lib} MODEL ${ARG_MODEL} ARGS ${args})
    list(APPEND libs ${lib})
  endforeach()
  add_custom_target(${target} DEPENDS ${libs})
endfunction()
