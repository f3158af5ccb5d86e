"""Reads Cypher CSV files exactly as `neo4j-admin database import full` would, and rejects
what it would reject.

Neo4j cannot run in the test environment, and Kuzu (the embedded consumer) reads CSV by
position, ignores the ID spaces, the :LABEL column and neo4j-admin's array syntax. This
module is the stand-in for neo4j-admin's CSV input (Neo4j 5, `org.neo4j.csv.reader` and the
import tool's header parser), written from its documented behaviour:

- options as the import command gives them (`--delimiter`, `--array-delimiter`, `--quote`,
  `--legacy-style-quoting`, `--multiline-fields`, `--id-type`, ...; `TAB` and `U+XXXX`
  spellings; one character each);
- RFC 4180 quoting: a field that starts with the quote character runs to the next lone
  quote, `""` inside is one quote, `\\"` is an escape only with legacy-style quoting; a
  closing quote must be followed by the delimiter or the end of the line; a line break
  inside a quoted field is an error unless multiline fields are on; a quote left open at
  the end of the file is an error;
- headers: `name:type`, `:ID(space)`/`name:ID(space)`, `:LABEL`, `:START_ID(space)`,
  `:END_ID(space)`, `:TYPE`, `:IGNORE`; value types int long short byte float double boolean
  char string (and temporal/point types), each optionally an array `type[]`; an unknown type,
  a duplicate column name, a property without a name, a node file column that only
  relationship files may have (or the reverse) are errors;
- values: integers in range, decimal numbers, booleans, arrays split on the array delimiter
  (an empty field is an empty array, which is not stored; empty elements are kept);
- ids: one ID space per name; a duplicate id in a space, a relationship whose start or end
  id is not in its space, or an ID space nobody defined abort the import (the flags that
  skip them are honoured); a relationship needs a type;
- the files must be UTF-8; a row may not have more fields than its header.

Project style rules that neo4j-admin does not enforce (every text field quoted, no line
break anywhere, booleans spelled exactly true/false) are checked by `style_problems`.
"""
import dataclasses
import math
import os
import re
import shlex


class Rejected(Exception):
    """What neo4j-admin would abort the import with. `rule` names the rule broken."""

    def __init__(self, rule, path, line, message):
        super().__init__(f"{path}:{line}: {rule}: {message}")
        self.rule = rule
        self.path = path
        self.line = line


NUMBER_TYPES = {"int": (-2**31, 2**31 - 1), "long": (-2**63, 2**63 - 1), "short": (-2**15, 2**15 - 1), "byte": (-128, 127)}
VALUE_TYPES = set(NUMBER_TYPES) | {"float", "double", "boolean", "char", "string", "point", "date", "localtime", "time",
                                   "localdatetime", "datetime", "duration"}
NODE_ONLY = {"ID", "LABEL"}
RELATIONSHIP_ONLY = {"START_ID", "END_ID", "TYPE"}
SPECIAL = NODE_ONLY | RELATIONSHIP_ONLY | {"IGNORE"}
HEADER_ENTRY = re.compile(r"^(?P<name>[^:]*)(?::(?P<type>[A-Za-z_]+)(?:\((?P<space>[^()]*)\))?(?P<array>\[\])?(?P<options>\{.*\})?)?$")
JAVA_DOUBLE = re.compile(r"^[+-]?(NaN|Infinity|((\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)[fFdD]?)$")
JAVA_LONG = re.compile(r"^[+-]?\d+$")


@dataclasses.dataclass
class Options:
    """neo4j-admin's CSV options, with Neo4j 5's defaults."""
    delimiter: str = ","
    array_delimiter: str = ";"
    quote: str = '"'
    legacy_style_quoting: bool = False
    multiline_fields: bool = False
    id_type: str = "string"
    trim_strings: bool = False
    ignore_empty_strings: bool = False
    ignore_extra_columns: bool = False
    skip_duplicate_nodes: bool = False
    skip_bad_relationships: bool = False
    input_encoding: str = "UTF-8"


@dataclasses.dataclass
class Command:
    """A parsed `neo4j-admin database import full` command line."""
    options: Options
    database: str
    nodes: list  # [(labels, [paths])]
    relationships: list  # [(type or None, [paths])]


@dataclasses.dataclass
class Column:
    name: str
    kind: str  # a value type, or ID, LABEL, START_ID, END_ID, TYPE, IGNORE
    space: str = ""
    array: bool = False


def _char(option, value):
    if value.upper() == "TAB" or value == "\\t":
        return "\t"
    match = re.fullmatch(r"U\+([0-9A-Fa-f]{4,6})", value)
    if match:
        return chr(int(match.group(1), 16))
    if len(value) != 1:
        raise Rejected("option", "<command line>", 0, f"{option} takes one character, got {value!r}")
    return value


def _flag(value):
    if value.lower() not in ("true", "false"):
        raise Rejected("option", "<command line>", 0, f"not a boolean: {value!r}")
    return value.lower() == "true"


def parse_command(args, base="."):
    """Parses the arguments after `neo4j-admin`: `database import full [options] [database]`."""
    args = list(args)
    if args[:3] != ["database", "import", "full"]:
        raise Rejected("option", "<command line>", 0, f"not a full import: {args[:3]}")
    options = Options()
    database = None
    nodes, relationships = [], []
    characters = {"--delimiter": "delimiter", "--array-delimiter": "array_delimiter", "--quote": "quote"}
    flags = {"--legacy-style-quoting": "legacy_style_quoting", "--multiline-fields": "multiline_fields",
             "--trim-strings": "trim_strings", "--ignore-empty-strings": "ignore_empty_strings",
             "--ignore-extra-columns": "ignore_extra_columns", "--skip-duplicate-nodes": "skip_duplicate_nodes",
             "--skip-bad-relationships": "skip_bad_relationships"}
    for arg in args[3:]:
        if not arg.startswith("--"):
            if database is not None:
                raise Rejected("option", "<command line>", 0, f"second database name {arg!r}")
            database = arg
            continue
        name, _, value = arg.partition("=")
        if name in characters:
            setattr(options, characters[name], _char(name, value))
        elif name in flags:
            setattr(options, flags[name], _flag(value or "true"))
        elif name == "--id-type":
            if value.lower() not in ("string", "integer", "actual"):
                raise Rejected("option", "<command line>", 0, f"unknown id type {value!r}")
            options.id_type = value.lower()
        elif name == "--input-encoding":
            options.input_encoding = value
        elif name in ("--nodes", "--relationships"):
            label, _, files = value.rpartition("=")
            paths = [os.path.join(base, path) for path in files.split(",")]
            (nodes if name == "--nodes" else relationships).append((label or None, paths))
        elif name in ("--overwrite-destination", "--verbose", "--high-parallel-io", "--threads", "--bad-tolerance",
                      "--report-file", "--max-off-heap-memory", "--normalize-types", "--auto-skip-subsequent-headers"):
            continue
        else:
            raise Rejected("option", "<command line>", 0, f"unknown option {name}")
    if options.delimiter == options.quote or options.array_delimiter == options.delimiter:
        raise Rejected("option", "<command line>", 0, "delimiter, array delimiter and quote must differ")
    return Command(options, database or "neo4j", nodes, relationships)


def parse_script_invocation(text):
    """The arguments neo4j-admin gets from a shell line (for tests that capture them)."""
    return shlex.split(text)


def read_rows(path, options):
    """Yields (line number, [(text, quoted)]) for each CSV record of `path`, the header first."""
    with open(path, "rb") as handle:
        raw = handle.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise Rejected("encoding", path, 0, f"not UTF-8: {error}")
    if text.startswith("\ufeff"):
        text = text[1:]
    delimiter, quote = options.delimiter, options.quote
    position, line, length = 0, 1, len(text)
    while position < length:
        fields, record_line = [], line
        while True:
            if position < length and text[position] == quote:
                # A quoted field: up to the next quote not doubled (nor escaped, legacy style).
                start_line = line
                position += 1
                value = []
                while True:
                    if position >= length:
                        raise Rejected("unterminated-quote", path, start_line, "a quoted field is not closed before the end of the file")
                    char = text[position]
                    if char == quote:
                        if position + 1 < length and text[position + 1] == quote:
                            value.append(quote)
                            position += 2
                            continue
                        position += 1
                        break
                    if options.legacy_style_quoting and char == "\\" and position + 1 < length and text[position + 1] == quote:
                        value.append(quote)
                        position += 2
                        continue
                    if char in "\r\n":
                        if not options.multiline_fields:
                            raise Rejected("multiline-field", path, start_line,
                                           "a line break inside a quoted field (--multiline-fields=false)")
                        if char == "\r" and position + 1 < length and text[position + 1] == "\n":
                            value.append("\r")
                            position += 1
                            char = "\n"
                        line += 1
                    value.append(char)
                    position += 1
                fields.append(("".join(value), True))
                if position < length and text[position] not in (delimiter, "\r", "\n"):
                    raise Rejected("data-after-quote", path, line,
                                   f"{text[position]!r} after a closing quote (only the delimiter or a line end may follow)")
            else:
                start = position
                while position < length and text[position] not in (delimiter, "\r", "\n"):
                    position += 1
                fields.append((text[start:position], False))
            if position < length and text[position] == delimiter:
                position += 1
                continue
            break
        if position < length and text[position] == "\r":
            position += 1
        if position < length and text[position] == "\n":
            position += 1
        line += 1
        # A line with nothing on it is skipped, as neo4j-admin skips empty lines.
        if fields == [("", False)]:
            continue
        yield record_line, fields


def parse_header(path, fields, relationship):
    """The columns of a header row; rejects what neo4j-admin's header parser rejects."""
    columns, names = [], set()
    for text, _ in fields:
        match = HEADER_ENTRY.match(text)
        if not match:
            raise Rejected("header", path, 1, f"cannot parse header entry {text!r}")
        name, kind, space = match.group("name"), match.group("type"), match.group("space")
        array = bool(match.group("array"))
        if kind is None:
            kind = "string"
        elif kind.upper() in SPECIAL:
            kind = kind.upper()
        elif kind.lower() in VALUE_TYPES:
            kind = kind.lower()
        else:
            raise Rejected("header-type", path, 1, f"unknown type {kind!r} in {text!r}")
        if space is not None and kind not in ("ID", "START_ID", "END_ID"):
            raise Rejected("header", path, 1, f"only ID columns name an ID space: {text!r}")
        if kind in SPECIAL and array:
            raise Rejected("header", path, 1, f"{kind} cannot be an array: {text!r}")
        if relationship and kind in NODE_ONLY:
            raise Rejected("header-entry", path, 1, f"{kind} in a relationship file")
        if not relationship and kind in RELATIONSHIP_ONLY:
            raise Rejected("header-entry", path, 1, f"{kind} in a node file")
        if kind in VALUE_TYPES and not name:
            raise Rejected("header", path, 1, f"a property column without a name: {text!r}")
        if name and kind not in ("START_ID", "END_ID", "TYPE", "LABEL", "IGNORE"):
            if name in names:
                raise Rejected("duplicate-header", path, 1, f"column {name!r} appears twice")
            names.add(name)
        columns.append(Column(name, kind, space or "", array))
    kinds = [column.kind for column in columns]
    if relationship:
        for needed in ("START_ID", "END_ID"):
            if kinds.count(needed) != 1:
                raise Rejected("header-entry", path, 1, f"a relationship file needs exactly one {needed} column")
        if kinds.count("TYPE") > 1:
            raise Rejected("header-entry", path, 1, "more than one TYPE column")
    elif kinds.count("ID") > 1:
        raise Rejected("header-entry", path, 1, "more than one ID column")
    return columns


def _scalar(path, line, column, text, options):
    kind = column.kind
    if kind in ("string", "ID", "START_ID", "END_ID", "TYPE", "LABEL"):
        return text.strip() if options.trim_strings else text
    if kind in NUMBER_TYPES:
        stripped = text.strip()
        if not JAVA_LONG.match(stripped):
            raise Rejected("value", path, line, f"{column.name}: {text!r} is not an {kind}")
        value = int(stripped)
        low, high = NUMBER_TYPES[kind]
        if not low <= value <= high:
            raise Rejected("value", path, line, f"{column.name}: {text!r} is out of range for {kind}")
        return value
    if kind in ("float", "double"):
        stripped = text.strip()
        if not JAVA_DOUBLE.match(stripped):
            raise Rejected("value", path, line, f"{column.name}: {text!r} is not a {kind}")
        return float(stripped.rstrip("fFdD"))
    if kind == "boolean":
        # neo4j-admin: true only for "true" (any case), false for anything else.
        return text.strip().lower() == "true"
    if kind == "char":
        if len(text) != 1:
            raise Rejected("value", path, line, f"{column.name}: {text!r} is not one character")
        return text
    return text  # temporal and point values: not used by pfocr-kg, taken as text


def _value(path, line, column, text, quoted, options):
    """A field's value as neo4j-admin stores it; None for no property."""
    if column.array:
        if text == "":
            return None  # an empty array is not stored
        return [_scalar(path, line, dataclasses.replace(column, array=False), item, options)
                for item in text.split(options.array_delimiter)]
    if text == "" and not quoted:
        return None
    if text == "" and column.kind != "string":
        return None
    if text == "" and options.ignore_empty_strings:
        return None
    return _scalar(path, line, column, text, options)


@dataclasses.dataclass
class Graph:
    """What the import would create."""
    nodes: dict  # space -> {id: {"labels": [...], "properties": {...}}}
    relationships: list  # [{"start": (space, id), "end": (space, id), "type": str, "properties": {...}}]

    def nodes_labelled(self, label):
        return {key: node for space in self.nodes.values() for key, node in space.items() if label in node["labels"]}

    def relationships_of(self, type_, end_space=None):
        return [rel for rel in self.relationships if rel["type"] == type_ and (end_space is None or rel["end"][0] == end_space)]


def _read_file(path, options, relationship):
    rows = read_rows(path, options)
    try:
        _, header = next(rows)
    except StopIteration:
        raise Rejected("header", path, 1, "the file is empty (no header)")
    columns = parse_header(path, header, relationship)
    for line, fields in rows:
        if len(fields) > len(columns) and not options.ignore_extra_columns:
            raise Rejected("extra-columns", path, line, f"{len(fields)} fields for {len(columns)} header columns")
        yield line, columns, fields


def import_graph(command):
    """Reads every file of `command` as neo4j-admin would; returns the Graph or raises Rejected."""
    options = command.options
    graph = Graph(nodes={}, relationships=[])
    for labels, paths in command.nodes:
        for path in paths:
            for line, columns, fields in _read_file(path, options, relationship=False):
                node_id, space, node_labels, properties = None, "", list(labels.split(":")) if labels else [], {}
                for column, (text, quoted) in zip(columns, fields):
                    if column.kind == "IGNORE":
                        continue
                    if column.kind == "ID":
                        node_id, space = (text.strip() if options.trim_strings else text), column.space
                        if node_id == "":
                            raise Rejected("missing-id", path, line, "a node with an empty id")
                        if column.name:
                            properties[column.name] = node_id
                        continue
                    if column.kind == "LABEL":
                        node_labels += [label for label in text.split(options.array_delimiter) if label]
                        continue
                    value = _value(path, line, column, text, quoted, options)
                    if value is not None:
                        properties[column.name] = value
                ids = graph.nodes.setdefault(space, {})
                if node_id in ids:
                    if options.skip_duplicate_nodes:
                        continue
                    raise Rejected("duplicate-id", path, line, f"id {node_id!r} is already in ID space {space or '(global)'}")
                ids[node_id] = {"labels": node_labels, "properties": properties}
    for default_type, paths in command.relationships:
        for path in paths:
            for line, columns, fields in _read_file(path, options, relationship=True):
                start = end = None
                rel_type, properties = default_type, {}
                for column, (text, quoted) in zip(columns, fields):
                    if column.kind == "START_ID":
                        start = (column.space, text)
                    elif column.kind == "END_ID":
                        end = (column.space, text)
                    elif column.kind == "TYPE":
                        rel_type = text or default_type
                    elif column.kind != "IGNORE":
                        value = _value(path, line, column, text, quoted, options)
                        if value is not None:
                            properties[column.name] = value
                if not rel_type:
                    raise Rejected("missing-type", path, line, "a relationship without a type")
                bad = False
                for role, (space, key) in (("start", start), ("end", end)):
                    if space not in graph.nodes:
                        raise Rejected("unknown-id-space", path, line, f"{role} ID space {space!r} is not defined by any node file")
                    if key not in graph.nodes[space]:
                        if not options.skip_bad_relationships:
                            raise Rejected("missing-node", path, line, f"{role} node {key!r} is not in ID space {space!r}")
                        bad = True
                if not bad:
                    graph.relationships.append({"start": start, "end": end, "type": rel_type, "properties": properties})
    return graph


def style_problems(path, options):
    """The project's own rules, stricter than neo4j-admin: every text field quoted, booleans
    exactly true/false, no carriage return or line feed anywhere in a field, no BOM."""
    problems = []
    with open(path, "rb") as handle:
        if handle.read(3) == b"\xef\xbb\xbf":
            problems.append(f"{path}: starts with a byte order mark")
    rows = read_rows(path, options)
    _, header = next(rows)
    columns = parse_header(path, header, relationship=os.path.basename(path).startswith("rels-"))
    for line, fields in rows:
        if len(fields) != len(columns):
            problems.append(f"{path}:{line}: {len(fields)} fields for {len(columns)} columns")
        for column, (text, quoted) in zip(columns, fields):
            texty = column.kind in ("string", "ID", "START_ID", "END_ID", "TYPE", "LABEL") or column.array
            if texty and text != "" and not quoted:
                problems.append(f"{path}:{line}: {column.name or column.kind} is text but not quoted")
            if not texty and quoted:
                problems.append(f"{path}:{line}: {column.name} is a {column.kind} but quoted")
            if column.kind == "boolean" and text not in ("", "true", "false"):
                problems.append(f"{path}:{line}: {column.name} is {text!r}, not true or false")
            if column.kind in ("double", "float") and text and not math.isfinite(float(text)):
                problems.append(f"{path}:{line}: {column.name} is not finite")
            if any(char in text for char in "\r\n\x0b\x0c\x85\u2028\u2029"):
                problems.append(f"{path}:{line}: {column.name or column.kind} holds a line break")
    return problems
