# -*- Python -*-
# lit configuration for sgc: every .mlir file under test/ is a test.

import os

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "SG"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir"]
config.excludes = ["CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py", "unit", "e2e", "Inputs",
                   "install", "python"]

config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.sg_obj_root, "test")

config.substitutions.append(("%sg_src_root", config.sg_src_root))

llvm_config.use_default_substitutions()  # FileCheck, not, count
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)

tools = [ToolSubst("sg-opt", unresolved="fatal"), ToolSubst("sgc", unresolved="fatal")]
llvm_config.add_tool_substitutions(tools, [config.sg_tools_dir])
llvm_config.add_tool_substitutions(
    [ToolSubst("vae-train", unresolved="fatal")],
    [os.path.join(config.sg_obj_root, "examples", "vae")])
llvm_config.add_tool_substitutions(
    [ToolSubst("sbn-train", unresolved="fatal")],
    [os.path.join(config.sg_obj_root, "examples", "sbn")])

# Tests that read data from outside the checkout say so with REQUIRES: and
# are reported unsupported where the data is missing.
if os.path.isdir(os.path.join(config.sg_src_root, "..", "shared", "data", "acasxu")):
    config.available_features.add("acasxu-data")
if os.path.isdir("/usr/share/datasets/fashion-mnist"):
    config.available_features.add("fashion-mnist")

# ASan reserves terabytes of shadow address space: tests that set an
# address-space limit (ulimit -v) say UNSUPPORTED: asan.
if config.sg_sanitize.upper() in ("ON", "1", "TRUE", "YES"):
    config.available_features.add("asan")

# Sanitized builds: LLVM's and MLIR's global state is freed by the OS at
# exit, which LeakSanitizer would report; memory errors still abort.
config.environment["ASAN_OPTIONS"] = "detect_leaks=0"
