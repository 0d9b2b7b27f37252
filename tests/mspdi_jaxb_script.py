"""Run by tests/test_mspdi_schema.py in its own process (a JVM starts once per process):
print, as JSON, the MS Project XML element structure that MPXJ's JAXB classes encode (they
are generated from Microsoft's mspdi_pj15.xsd): per class, its child elements in sequence
order, each as [name, required, repeated, child class or null, leaf type]."""

from __future__ import annotations

import json
from typing import Any

import jpype  # type: ignore[import-not-found,import-untyped,unused-ignore]
import jpype.imports  # type: ignore[import-not-found,import-untyped,unused-ignore]
import mpxj  # type: ignore[import-not-found,import-untyped,unused-ignore]  # noqa: F401

ROOT = "org.mpxj.mspdi.schema.Project"
#: Java types whose text is a whole number or a decimal whatever adapter reads them.
INTEGERS = {"java.lang.Integer", "java.math.BigInteger", "java.lang.Long", "int", "long"}
DECIMALS = {"java.math.BigDecimal", "java.lang.Double", "double"}


def main() -> None:
    jpype.startJVM()
    xml_type = jpype.JClass("jakarta.xml.bind.annotation.XmlType")
    xml_element = jpype.JClass("jakarta.xml.bind.annotation.XmlElement")
    adapter = jpype.JClass("jakarta.xml.bind.annotation.adapters.XmlJavaTypeAdapter")
    list_type = jpype.JClass("java.util.List").class_
    out: dict[str, list[list[Any]]] = {}
    todo = [ROOT]
    while todo:
        name = todo.pop()
        if name in out:
            continue
        cls = jpype.JClass(name).class_
        rows: list[list[Any]] = []
        for prop in cls.getAnnotation(xml_type).propOrder():
            f = cls.getDeclaredField(prop)
            ann = f.getAnnotation(xml_element)
            tag = str(ann.name()) if ann is not None and str(ann.name()) != "##default" \
                else str(prop)
            repeated = list_type.isAssignableFrom(f.getType())
            java = f.getGenericType().getActualTypeArguments()[0] if repeated else f.getType()
            jname = str(java.getName())
            child = jname if jname.startswith("org.mpxj.mspdi.schema.") else None
            leaf = "string" if f.getAnnotation(adapter) is not None else \
                "integer" if jname in INTEGERS else "decimal" if jname in DECIMALS \
                else "string"
            rows.append([tag, bool(ann is not None and ann.required()), repeated, child, leaf])
            if child is not None:
                todo.append(child)
        out[name] = rows
    print(json.dumps({"root": ROOT, "classes": out}))


if __name__ == "__main__":
    main()
