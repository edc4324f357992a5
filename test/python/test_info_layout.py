"""The ctypes mirror of the model info (python/sgc/_info.py) against the one
C definition, runtime/include/sgc_model_info.h: a C program compiled here
prints every field's offset, every struct's size and every enum value the
mirror spells, so a change to either side that the other lacks fails."""

import ctypes
import subprocess

from sgc import _info

from conftest import model_path

# C struct -> its ctypes mirror, whose field names are the C ones. A field
# missing in between shifts the later offsets; one missing at the end
# changes the size.
STRUCTS = {
    "sgc_tensor_desc": _info._TensorDesc,
    "sgc_function_desc": _info._FunctionDesc,
    "sgc_site_desc": _info._SiteDesc,
    "sgc_model_info": _info._ModelInfo,
}

# C enum constant -> the mirror's value.
ROLES = ("SGC_PARAM", "SGC_INPUT", "SGC_OUTPUT", "SGC_GRAD", "SGC_BASELINE",
         "SGC_NEW_BASELINE", "SGC_KINKS", "SGC_STATUS", "SGC_LOSS")
CONSTANTS = dict(
    {role: getattr(_info, role[4:]) for role in ROLES},
    SGC_FORWARD=_info.FORWARD, SGC_LOSS_GRAD=_info.LOSS_GRAD,
    SGC_MODEL_INFO_VERSION=_info.VERSION)
# sgc_dtype -> the numpy type the mirror maps it to.
DTYPES = {"SGC_F32": "float32", "SGC_F64": "float64", "SGC_I64": "int64",
          "SGC_I32": "int32"}


def c_layout(c_compiler, folder):
    """name -> value as the C compiler sees the header."""
    lines = ['#include <stddef.h>', '#include <stdio.h>',
             '#include "sgc_model_info.h"', 'int main(void) {']
    for struct, mirror in STRUCTS.items():
        lines.append(f'printf("sizeof {struct} %zu\\n", sizeof({struct}));')
        for field, _ in mirror._fields_:
            lines.append(f'printf("{struct}.{field} %zu\\n", '
                         f'offsetof({struct}, {field}));')
    for name in list(CONSTANTS) + list(DTYPES):
        lines.append(f'printf("{name} %d\\n", (int){name});')
    lines += ["return 0;", "}"]
    source = folder / "layout.c"
    source.write_text("\n".join(lines) + "\n")
    exe = str(folder / "layout")
    subprocess.run([c_compiler, "-std=c11", "-Wall", "-Werror", "-I",
                    model_path("runtime", "include"), str(source), "-o", exe],
                   check=True)
    out = subprocess.run([exe], check=True, capture_output=True, text=True)
    return {name: int(value) for name, value in
            (line.rsplit(" ", 1) for line in out.stdout.splitlines())}


def test_ctypes_mirror_matches_the_c_header(c_compiler, tmp_path):
    c = c_layout(c_compiler, tmp_path)
    py = {}
    for struct, mirror in STRUCTS.items():
        py[f"sizeof {struct}"] = ctypes.sizeof(mirror)
        for field, _ in mirror._fields_:
            py[f"{struct}.{field}"] = getattr(mirror, field).offset
    py.update(CONSTANTS)
    for name, dtype in DTYPES.items():
        py[name] = [str(d) for d in _info.DTYPES].index(dtype)
    assert py == c
