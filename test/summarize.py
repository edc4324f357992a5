#!/usr/bin/env python3
"""Adds up JUnit/xUnit XML reports (lit's and ctest's) and prints one line per
report and a closing 'total: N passed, N failed, N skipped' line. Exits 1 if
any test failed or no test ran."""
import sys
import xml.etree.ElementTree as ET


def count(path):
    passed = failed = skipped = 0
    for case in ET.parse(path).getroot().iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            failed += 1
        elif case.find("skipped") is not None:
            skipped += 1
        else:
            passed += 1
    return passed, failed, skipped


def main():
    totals = [0, 0, 0]
    for path in sys.argv[1:]:
        p, f, s = count(path)
        print(f"{path}: {p} passed, {f} failed, {s} skipped")
        totals = [totals[0] + p, totals[1] + f, totals[2] + s]
    p, f, s = totals
    print(f"total: {p} passed, {f} failed, {s} skipped")
    return 1 if f or p == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
