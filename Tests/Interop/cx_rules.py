"""NDEx's server rules for CX2 and CX1 (FORMATS.md, "CX for NDEx"), as a validator.

ndex2 parses leniently (dangling edges, missing metaData and wrong counts pass), so the
tests check the server's rules here. Each problem is (rule, message); the rule names are
what the broken-file tests assert, one rule each.
"""
import numbers

CX_TYPES = {
    "boolean", "double", "integer", "long", "string",
    "list_of_boolean", "list_of_double", "list_of_integer", "list_of_long", "list_of_string",
}
NUMBER_VERIFICATION = {"numberVerification": [{"longNumber": 281474976710655}]}
STATUS_OK = [{"error": "", "success": True}]


def value_matches(declared, value):
    """True when the JSON value has exactly the declared type (a double written as a
    string, an integer written as a string, a bool for an integer: all rejected)."""
    if declared.startswith("list_of_"):
        return isinstance(value, list) and all(value_matches(declared[len("list_of_"):], item) for item in value)
    if declared == "string":
        return isinstance(value, str)
    if declared in ("integer", "long"):
        if isinstance(value, bool) or not isinstance(value, int):
            return False
        return -2**31 <= value < 2**31 if declared == "integer" else -2**63 <= value < 2**63
    if declared == "double":
        return isinstance(value, float)
    if declared == "boolean":
        return isinstance(value, bool)
    return False


def _aspects(doc, problems, first_rule, first_expected):
    """The aspect elements between the first element and status, as (name, list)."""
    if not isinstance(doc, list) or len(doc) < 2:
        problems.append(("shape", "a CX document is a JSON array of at least two elements"))
        return []
    if doc[0] != first_expected:
        problems.append((first_rule, f"element 0 must be {first_expected}, found {doc[0]!r:.200}"))
    last = doc[-1]
    if not (isinstance(last, dict) and list(last) == ["status"] and last["status"] == STATUS_OK):
        problems.append(("status", f"the last element must be {{'status': {STATUS_OK}}}"))
    aspects = []
    for index, element in enumerate(doc[1:-1], start=1):
        if not isinstance(element, dict) or len(element) != 1:
            problems.append(("shape", f"element {index} must be an object with one aspect"))
            continue
        (name, items), = element.items()
        if name == "status":
            problems.append(("status", f"status at element {index} is not last"))
            continue
        if not isinstance(items, list):
            problems.append(("shape", f"aspect {name} must be an array"))
            continue
        aspects.append((name, items))
    return aspects


def _check_metadata(aspects, problems, id_counters):
    metas = [items for name, items in aspects if name == "metaData"]
    if len(metas) != 1:
        problems.append(("metaData", f"expected one metaData element, found {len(metas)}"))
        return {}
    if aspects[0][0] != "metaData":
        problems.append(("metaData", "metaData must come before the data aspects"))
    entries = {}
    for entry in metas[0]:
        name = entry.get("name") if isinstance(entry, dict) else None
        if not isinstance(name, str):
            problems.append(("metaData", f"metaData entry without a name: {entry!r:.100}"))
            continue
        if name in entries:
            problems.append(("metaData", f"metaData names {name} twice"))
        entries[name] = entry
    counts = {}
    for name, items in aspects:
        if name != "metaData":
            counts[name] = counts.get(name, 0) + len(items)
    for name, count in counts.items():
        if name not in entries:
            problems.append(("elementCount", f"aspect {name} has no metaData entry"))
        elif entries[name].get("elementCount") != count:
            problems.append(("elementCount", f"metaData says {name} has {entries[name].get('elementCount')} elements, it has {count}"))
    for name, entry in entries.items():
        if name not in counts and entry.get("elementCount", 0) != 0:
            problems.append(("elementCount", f"metaData counts {entry.get('elementCount')} {name} but the aspect is absent"))
    for name in id_counters:
        entry = entries.get(name)
        if entry is None or not isinstance(entry.get("idCounter"), int) or isinstance(entry.get("idCounter"), bool):
            problems.append(("idCounter", f"metaData entry for {name} must give an integer idCounter"))
    return entries


# --------------------------------------------------------------------------- CX2

def validate_cx2(doc):
    """The problems of a CX2 document (empty when NDEx would accept it)."""
    problems = []
    aspects = _aspects(doc, problems, "CXVersion", {"CXVersion": "2.0", "hasFragments": False})
    names = [name for name, _ in aspects]
    for name in set(names):
        if names.count(name) > 1:
            problems.append(("fragments", f"aspect {name} appears {names.count(name)} times but hasFragments is false"))
    _check_metadata(aspects, problems, [])
    by_name = dict(aspects)

    declarations = by_name.get("attributeDeclarations")
    declared = {}
    if declarations is None or len(declarations) != 1 or not isinstance(declarations[0], dict):
        problems.append(("attributeDeclarations", "expected one attributeDeclarations element (an object)"))
    else:
        for aspect, attributes in declarations[0].items():
            if not isinstance(attributes, dict):
                problems.append(("attributeDeclarations", f"declarations of {aspect} must be an object"))
                continue
            table = declared.setdefault(aspect, {})
            for attribute, declaration in attributes.items():
                kind = declaration.get("d", "string") if isinstance(declaration, dict) else None
                if kind not in CX_TYPES:
                    problems.append(("declaredType", f"{aspect}.{attribute} has type {kind!r}, not a CX type"))
                    continue
                table[attribute] = kind
                if isinstance(declaration, dict) and "a" in declaration:
                    table[declaration["a"]] = kind
                if isinstance(declaration, dict) and "v" in declaration and not value_matches(kind, declaration["v"]):
                    problems.append(("typedValue", f"default of {aspect}.{attribute} is not a {kind}"))

    def check_values(aspect, where, values):
        if not isinstance(values, dict):
            problems.append(("shape", f"{where}: v must be an object"))
            return
        table = declared.get(aspect, {})
        for attribute, value in values.items():
            if attribute not in table:
                problems.append(("undeclared", f"{where}: attribute {attribute!r} is not declared for {aspect}"))
            elif not value_matches(table[attribute], value):
                problems.append(("typedValue", f"{where}: {attribute}={value!r:.60} is not a {table[attribute]}"))

    network = by_name.get("networkAttributes")
    if network is None or len(network) != 1:
        problems.append(("networkAttributes", "expected one networkAttributes element"))
    else:
        check_values("networkAttributes", "networkAttributes", network[0])

    node_ids = set()
    with_coordinates = 0
    nodes = by_name.get("nodes", [])
    for node in nodes:
        if not isinstance(node, dict) or not isinstance(node.get("id"), int) or set(node) - {"id", "v", "x", "y", "z"}:
            problems.append(("nodeShape", f"node must be {{id, v, x, y, z}}: {node!r:.100}"))
            continue
        if node["id"] in node_ids:
            problems.append(("nodeShape", f"node id {node['id']} repeats"))
        node_ids.add(node["id"])
        check_values("nodes", f"node {node['id']}", node.get("v", {}))
        if "x" in node or "y" in node:
            with_coordinates += 1
            if not all(isinstance(node.get(axis), numbers.Real) and not isinstance(node.get(axis), bool) for axis in ("x", "y")):
                problems.append(("coordinates", f"node {node['id']} needs numeric x and y"))
    if 0 < with_coordinates < len(nodes):
        problems.append(("coordinates", f"{with_coordinates} of {len(nodes)} nodes have coordinates: all or none"))

    edge_ids = set()
    for edge in by_name.get("edges", []):
        if (not isinstance(edge, dict) or set(edge) - {"id", "s", "t", "v"}
                or not all(isinstance(edge.get(key), int) for key in ("id", "s", "t"))):
            problems.append(("edgeShape", f"edge must be {{id, s, t, v}}: {edge!r:.100}"))
            continue
        if edge["id"] in edge_ids:
            problems.append(("edgeShape", f"edge id {edge['id']} repeats"))
        edge_ids.add(edge["id"])
        for end in ("s", "t"):
            if edge[end] not in node_ids:
                problems.append(("dangling", f"edge {edge['id']} {end}={edge[end]} names no node"))
        check_values("edges", f"edge {edge['id']}", edge.get("v", {}))
    return problems


# --------------------------------------------------------------------------- CX1

RESERVED = {"nodeAttributes": {"name", "represents"}, "edgeAttributes": {"interaction"}}


def validate_cx1(doc):
    """The problems of a CX1 document (empty when NDEx would accept it)."""
    problems = []
    aspects = _aspects(doc, problems, "numberVerification", NUMBER_VERIFICATION)
    entries = _check_metadata(aspects, problems, ["nodes", "edges"])

    def elements(name):
        return [item for aspect, items in aspects if aspect == name for item in items]

    node_ids, edge_ids = set(), set()
    for name, ids, required in (("nodes", node_ids, ()), ("edges", edge_ids, ("s", "t"))):
        for element in elements(name):
            if not isinstance(element, dict) or not isinstance(element.get("@id"), int):
                problems.append(("elementShape", f"{name} element without an integer @id: {element!r:.100}"))
                continue
            if element["@id"] in ids:
                problems.append(("elementShape", f"{name} @id {element['@id']} repeats"))
            ids.add(element["@id"])
            for key in ("n", "r", "i"):
                if key in element and not isinstance(element[key], str):
                    problems.append(("elementShape", f"{name} {element['@id']}: {key} must be a string"))
        counter = entries.get(name, {}).get("idCounter")
        if ids and isinstance(counter, int) and counter < max(ids):
            problems.append(("idCounter", f"idCounter {counter} of {name} is below the highest @id {max(ids)}"))
    for edge in elements("edges"):
        for end in ("s", "t"):
            if isinstance(edge, dict) and edge.get(end) not in node_ids:
                problems.append(("dangling", f"edge {edge.get('@id')} {end}={edge.get(end)} names no node"))

    def check_attribute(where, attribute):
        kind = attribute.get("d", "string")
        if kind not in CX_TYPES:
            problems.append(("declaredType", f"{where}: d={kind!r} is not a CX type"))
        elif "v" not in attribute or not value_matches(kind, attribute["v"]):
            problems.append(("typedValue", f"{where}: v={attribute.get('v')!r:.60} is not a {kind}"))

    seen_network = set()
    for attribute in elements("networkAttributes"):
        name = attribute.get("n") if isinstance(attribute, dict) else None
        if not isinstance(name, str):
            problems.append(("elementShape", f"network attribute without n: {attribute!r:.100}"))
            continue
        if (name, attribute.get("s")) in seen_network:
            problems.append(("duplicate", f"network attribute {name!r} repeats"))
        seen_network.add((name, attribute.get("s")))
        check_attribute(f"network attribute {name}", attribute)

    for aspect, owners in (("nodeAttributes", node_ids), ("edgeAttributes", edge_ids)):
        seen = set()
        for attribute in elements(aspect):
            name = attribute.get("n") if isinstance(attribute, dict) else None
            if not isinstance(name, str) or "po" not in attribute:
                problems.append(("elementShape", f"{aspect} element without po and n: {attribute!r:.100}"))
                continue
            if name in RESERVED[aspect]:
                problems.append(("reservedName", f"{aspect}: {name!r} must be the element's field, not an attribute"))
            for owner in (attribute["po"] if isinstance(attribute["po"], list) else [attribute["po"]]):
                if owner not in owners:
                    problems.append(("dangling", f"{aspect} {name!r} points at missing element {owner}"))
                if (owner, name, attribute.get("s")) in seen:
                    problems.append(("duplicate", f"{aspect}: ({owner}, {name!r}) repeats"))
                seen.add((owner, name, attribute.get("s")))
            check_attribute(f"{aspect} {name} of {attribute['po']}", attribute)

    for position in elements("cartesianLayout"):
        if not isinstance(position, dict) or position.get("node") not in node_ids:
            problems.append(("dangling", f"cartesianLayout names no node: {position!r:.100}"))
    return problems


# --------------------------------------------------------------------------- PFOCR's NDEx set

# The network attributes wikipathways/pfocr2ndex sets on PFOCR's NDEx networks
# (notebooks/update_pfocr.ipynb: data_type_by_predicate_string, every one "string", the
# reference it builds as HTML, and the profile's name and HTML description).
PFOCR2NDEX_NETWORK_ATTRIBUTES = {
    "name", "description", "figureLink", "figureNumber", "figureTitle", "methods", "networkType", "organism",
    "paperLink", "paperTitle", "pfocrId", "pmcId", "publicationYear", "reference", "rights",
}
# Those every figure network with a paper has (figure number, title and link may be absent
# from a record).
PFOCR_REQUIRED_NETWORK_ATTRIBUTES = {
    "name", "description", "methods", "networkType", "pfocrId", "pmcId", "paperLink", "reference", "rights",
}


def cx_parts(doc):
    """(network attributes {name: (declared type, value)}, gene nodes [{name: value}]) of a
    CX2 or CX1 document; CX1 node attributes are joined to their node."""
    aspects = {}
    for element in doc[1:]:
        if isinstance(element, dict) and len(element) == 1:
            (name, items), = element.items()
            aspects.setdefault(name, []).extend(items if isinstance(items, list) else [])
    if "numberVerification" in doc[0]:
        network = {item["n"]: (item.get("d", "string"), item["v"]) for item in aspects.get("networkAttributes", [])}
        values = {node["@id"]: {"name": node.get("n"), "represents": node.get("r")} for node in aspects.get("nodes", [])}
        for item in aspects.get("nodeAttributes", []):
            values[item["po"]][item["n"]] = item["v"]
        nodes = list(values.values())
    else:
        declared = (aspects.get("attributeDeclarations") or [{}])[0].get("networkAttributes", {})
        attributes = (aspects.get("networkAttributes") or [{}])[0]
        network = {name: (declared.get(name, {}).get("d"), value) for name, value in attributes.items()}
        nodes = [node["v"] for node in aspects.get("nodes", [])]
    return network, [node for node in nodes if node.get("type") == "gene"]


def pfocr_problems(doc):
    """How a figure network differs from PFOCR's NDEx set: each problem (rule, message).
    Rules: `attribute-type` (a network attribute not a string), `attribute-missing`,
    `gene-ncbigene` (a gene node without `ncbigene` equal to its `represents` id),
    `gene-organism` (a gene node without `organism`), `mixed-taxa` (gene nodes of two
    organisms, or of another than the network's `organism`)."""
    problems = []
    network, genes = cx_parts(doc)
    for name, (declared, value) in network.items():
        if declared != "string" or not isinstance(value, str):
            problems.append(("attribute-type", f"network attribute {name} is {declared} {value!r:.80}, not a string"))
    for name in sorted(PFOCR_REQUIRED_NETWORK_ATTRIBUTES - set(network)):
        problems.append(("attribute-missing", f"network attribute {name} is missing"))
    organisms = set()
    for gene in genes:
        ncbigene = gene.get("ncbigene")
        if not isinstance(ncbigene, str) or gene.get("represents") != f"ncbigene:{ncbigene}":
            problems.append(("gene-ncbigene", f"gene {gene.get('represents')} has ncbigene {ncbigene!r}"))
        organism = gene.get("organism")
        if not isinstance(organism, str) or not organism:
            problems.append(("gene-organism", f"gene {gene.get('represents')} has no organism"))
        else:
            organisms.add(organism)
    if len(organisms) > 1:
        problems.append(("mixed-taxa", f"gene nodes of {sorted(organisms)}"))
    elif organisms and network.get("organism", (None, None))[1] not in organisms:
        problems.append(("mixed-taxa", f"gene nodes of {organisms}, network organism {network.get('organism')}"))
    return problems
