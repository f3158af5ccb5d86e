"""The CX rule validator (cx_rules) rejects hand-made broken files, one test per rule.

Each case starts from a valid corpus-scope network of Examples (nodes, edges, typed
attributes of every kind), breaks one rule, and expects that rule among the problems."""
import copy
import json

import pytest

from conftest import EXAMPLES, export
from cx_rules import validate_cx1, validate_cx2


@pytest.fixture(scope="module")
def valid(tool, tmp_path_factory):
    out = tmp_path_factory.mktemp("cx-rules")
    export(tool, EXAMPLES, out, "cx2,cx", "--cx-scope", "corpus")
    cx2 = json.loads((out / "pfocr.cx2").read_text(encoding="utf-8"))
    cx1 = json.loads((out / "pfocr.cx").read_text(encoding="utf-8"))
    assert validate_cx2(cx2) == [] and validate_cx1(cx1) == []
    return cx2, cx1


def aspect(doc, name):
    return next(element[name] for element in doc if name in element)


def first_with(items, key):
    return next(item for item in items if key in item.get("v", {}))


def cx2_typed_year_as_string(doc):
    first_with(aspect(doc, "nodes"), "publicationYear")["v"]["publicationYear"] = "2005"


def cx2_double_as_string(doc):
    node = first_with(aspect(doc, "nodes"), "pathwayScore")
    node["v"]["pathwayScore"] = str(node["v"]["pathwayScore"])


def cx2_list_as_text(doc):
    edge = aspect(doc, "edges")[0]
    edge["v"]["words"] = "|".join(edge["v"]["words"])


def cx2_metadata_entry(doc, name):
    return next(entry for entry in aspect(doc, "metaData") if entry["name"] == name)


CX2_CASES = {
    "CXVersion-not-first": ("CXVersion", lambda d: d.insert(0, d.pop(1))),
    "hasFragments-true": ("CXVersion", lambda d: d[0].update(hasFragments=True)),
    "no-metaData": ("metaData", lambda d: d.pop(1)),
    "elementCount-off-by-one": ("elementCount", lambda d: cx2_metadata_entry(d, "nodes").update(elementCount=cx2_metadata_entry(d, "nodes")["elementCount"] + 1)),
    "aspect-missing-from-metaData": ("elementCount", lambda d: aspect(d, "metaData").remove(cx2_metadata_entry(d, "edges"))),
    "repeated-aspect": ("fragments", lambda d: d.insert(-1, {"edges": [dict(aspect(d, "edges")[0], id=10**6)]})),
    "two-attributeDeclarations": ("attributeDeclarations", lambda d: aspect(d, "attributeDeclarations").append({})),
    "undeclared-attribute": ("undeclared", lambda d: aspect(d, "attributeDeclarations")[0]["nodes"].pop("type")),
    "unknown-declared-type": ("declaredType", lambda d: aspect(d, "attributeDeclarations")[0]["networkAttributes"]["figureCount"].update(d="float")),
    "integer-written-as-string": ("typedValue", cx2_typed_year_as_string),
    "double-written-as-string": ("typedValue", cx2_double_as_string),
    "list-written-as-text": ("typedValue", cx2_list_as_text),
    "two-networkAttributes": ("networkAttributes", lambda d: aspect(d, "networkAttributes").append({"name": "again"})),
    "node-with-cx1-fields": ("nodeShape", lambda d: aspect(d, "nodes")[0].update(n="TP53")),
    "edge-without-target": ("edgeShape", lambda d: aspect(d, "edges")[0].pop("t")),
    "dangling-edge": ("dangling", lambda d: aspect(d, "edges")[0].update(t=10**6)),
    "some-nodes-without-coordinates": ("coordinates", lambda d: [aspect(d, "nodes")[0].pop(axis) for axis in ("x", "y")]),
    "status-not-last": ("status", lambda d: d.insert(2, d.pop())),
    "status-failed": ("status", lambda d: d[-1]["status"][0].update(success=False)),
}


@pytest.mark.parametrize("case", sorted(CX2_CASES))
def test_cx2_validator_rejects(valid, case):
    rule, breaker = CX2_CASES[case]
    doc = copy.deepcopy(valid[0])
    breaker(doc)
    rules = {found for found, _ in validate_cx2(doc)}
    assert rule in rules, (case, validate_cx2(doc))


def cx1_metadata_entry(doc, name):
    return next(entry for entry in aspect(doc, "metaData") if entry["name"] == name)


def cx1_attribute(doc, aspect_name, name):
    return next(item for item in aspect(doc, aspect_name) if item["n"] == name)


def cx1_duplicate_attribute(doc):
    attributes = aspect(doc, "nodeAttributes")
    attributes.append(dict(attributes[0]))
    cx1_metadata_entry(doc, "nodeAttributes")["elementCount"] += 1


def cx1_add_attribute(doc, aspect_name, item):
    aspect(doc, aspect_name).append(item)
    cx1_metadata_entry(doc, aspect_name)["elementCount"] += 1


CX1_CASES = {
    "numberVerification-missing": ("numberVerification", lambda d: d.pop(0)),
    "no-metaData": ("metaData", lambda d: d.pop(1)),
    "nodes-without-idCounter": ("idCounter", lambda d: cx1_metadata_entry(d, "nodes").pop("idCounter")),
    "edges-without-idCounter": ("idCounter", lambda d: cx1_metadata_entry(d, "edges").pop("idCounter")),
    "idCounter-below-highest-id": ("idCounter", lambda d: cx1_metadata_entry(d, "nodes").update(idCounter=1)),
    "elementCount-off-by-one": ("elementCount", lambda d: cx1_metadata_entry(d, "nodeAttributes").update(elementCount=cx1_metadata_entry(d, "nodeAttributes")["elementCount"] - 1)),
    "name-as-node-attribute": ("reservedName", lambda d: cx1_add_attribute(d, "nodeAttributes", {"po": 0, "n": "name", "v": "x"})),
    "represents-as-node-attribute": ("reservedName", lambda d: cx1_add_attribute(d, "nodeAttributes", {"po": 0, "n": "represents", "v": "x"})),
    "interaction-as-edge-attribute": ("reservedName", lambda d: cx1_add_attribute(d, "edgeAttributes", {"po": 0, "n": "interaction", "v": "x"})),
    "unknown-d-type": ("declaredType", lambda d: cx1_attribute(d, "networkAttributes", "figureCount").update(d="float")),
    "integer-written-as-string": ("typedValue", lambda d: cx1_attribute(d, "nodeAttributes", "publicationYear").update(v="2005")),
    "double-written-as-string": ("typedValue", lambda d: cx1_attribute(d, "nodeAttributes", "pathwayScore").update(v="0.97")),
    "dangling-edge": ("dangling", lambda d: aspect(d, "edges")[0].update(s=10**6)),
    "dangling-node-attribute": ("dangling", lambda d: aspect(d, "nodeAttributes")[0].update(po=10**6)),
    "dangling-edge-attribute": ("dangling", lambda d: aspect(d, "edgeAttributes")[0].update(po=10**6)),
    "dangling-layout": ("dangling", lambda d: aspect(d, "cartesianLayout")[0].update(node=10**6)),
    "duplicate-element-attribute": ("duplicate", cx1_duplicate_attribute),
    "duplicate-network-attribute": ("duplicate", lambda d: aspect(d, "networkAttributes").append({"n": "name", "v": "again"}) or cx1_metadata_entry(d, "networkAttributes").update(elementCount=cx1_metadata_entry(d, "networkAttributes")["elementCount"] + 1)),
    "status-missing": ("status", lambda d: d.pop()),
}


@pytest.mark.parametrize("case", sorted(CX1_CASES))
def test_cx1_validator_rejects(valid, case):
    rule, breaker = CX1_CASES[case]
    doc = copy.deepcopy(valid[1])
    breaker(doc)
    rules = {found for found, _ in validate_cx1(doc)}
    assert rule in rules, (case, validate_cx1(doc))


def test_value_typing_is_exact():
    from cx_rules import value_matches
    assert value_matches("integer", 2005) and not value_matches("integer", "2005") and not value_matches("integer", True)
    assert value_matches("double", 0.5) and not value_matches("double", "0.5") and not value_matches("double", 1)
    assert value_matches("list_of_string", ["a", ""]) and not value_matches("list_of_string", ["a", 1])
    assert not value_matches("integer", 2**31) and value_matches("long", 2**31)
