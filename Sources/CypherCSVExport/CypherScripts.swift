import PFOCRGraph

/// The two loading routes written next to the CSV files: `import.sh` (neo4j-admin, offline,
/// fast) and `load.cypher` (LOAD CSV into a running server).
enum CypherScripts {
    /// The neo4j-admin flags the files need. Defaults are spelled out too, so a changed
    /// default in a later Neo4j cannot silently change how the files are read.
    static let importFlags: [String] = [
        "--delimiter=','",
        "--array-delimiter='U+001F'",
        "--quote='\"'",
        "--legacy-style-quoting=false",
        "--multiline-fields=false",
        "--id-type=string",
        "--input-encoding=UTF-8",
        "--trim-strings=false",
        "--ignore-empty-strings=false",
        "--skip-duplicate-nodes=false",
        "--skip-bad-relationships=false",
    ]

    /// `fileName` gives a table's file name as written (with `.gz` under `--compress gzip`).
    static func importScript(tables: CypherTables, toolVersion: String, fileName: (String) -> String = { $0 }) -> String
    {
        var out = """
            #!/usr/bin/env bash
            # Bulk-imports the PFOCR graph in this folder into a new Neo4j database with
            # `neo4j-admin database import full` (Neo4j 5 or later). Written by pfocr-kg \(toolVersion).
            #
            # Usage:  NEO4J_HOME=/path/to/neo4j bash import.sh [database] [more neo4j-admin options]
            #   database defaults to "neo4j"; stop it first. Add --overwrite-destination=true to
            #   replace an existing database. Without NEO4J_HOME, neo4j-admin is taken from PATH.
            #   Afterwards, run the CREATE CONSTRAINT lines of load.cypher (uniqueness of `id`).
            #
            # How the files are written, and the flags that say so:
            #   --delimiter=','             fields are separated by commas
            #   --quote='"'                 every text field is in double quotes; a quote inside
            #   --legacy-style-quoting=false  is doubled (""), a backslash is an ordinary character
            #   --multiline-fields=false    no field holds a line break (pfocr-kg wrote each one as
            #                               a space and counts them in report.json)
            #   --array-delimiter='U+001F'  list elements (string[] columns) are separated by
            #                               U+001F, the ASCII unit separator; pfocr-kg replaced it
            #                               by a space in any element that held it (counted in
            #                               report.json: cleanedArrayElements)
            #   --id-type=string            ids are strings: the figid for figures, CURIEs such as
            #                               ncbigene:2915 or mesh:D000255 for the rest, one ID
            #                               space per label (id:ID(Gene), :END_ID(Gene))
            # Each node is written once and every relationship's ends exist, so duplicate nodes
            # and bad relationships are errors here, not skipped.
            set -euo pipefail
            here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
            admin="${NEO4J_HOME:+$NEO4J_HOME/bin/}neo4j-admin"
            database="${1:-neo4j}"
            if [ "$#" -gt 0 ]; then shift; fi
            exec "$admin" database import full "$database" \\

            """
        for flag in importFlags { out += "  \(flag) \\\n" }
        for table in tables.nodes { out += "  --nodes=\"$here/\(fileName(table.fileName))\" \\\n" }
        for table in tables.relationships { out += "  --relationships=\"$here/\(fileName(table.fileName))\" \\\n" }
        out += "  \"$@\"\n"
        return out
    }

    /// Rows per transaction in load.cypher.
    static let batchSize = 10_000

    static func loadScript(tables: CypherTables, toolVersion: String, fileName: (String) -> String = { $0 }) -> String {
        var out = """
            // Loads the PFOCR graph in this folder into a running Neo4j server (5.23 or later)
            // with LOAD CSV. Written by pfocr-kg \(toolVersion).
            //
            // 1. Copy the \(fileName("nodes-*.csv")) and \(fileName("rels-*.csv")) files into the server's import folder
            //    (server.directories.import; the files are read as file:///<name>).
            // 2. cypher-shell -u neo4j -p <password> -f load.cypher
            //    (Neo4j Browser: run each statement on its own, prefixed with :auto).
            //
            // LOAD CSV reads every value as text and names columns by their full header
            // (row.`year:long`): the statements convert types themselves (toInteger, toFloat,
            // toBoolean, split on the array delimiter U+001F). MERGE makes a second run
            // harmless. A value with a backslash before a quote needs the server setting
            // dbms.import.csv.legacy_quote_escaping=false (report.json counts them as
            // backslashQuoteFields). Servers older than 5.23: write CALL { WITH row ... }.

            // Constraints first: they make every MERGE and MATCH on id an index lookup.

            """
        for table in tables.nodes {
            out +=
                "CREATE CONSTRAINT \(table.label.lowercased())_id IF NOT EXISTS FOR (n:\(table.label)) REQUIRE n.id IS UNIQUE;\n"
        }
        for table in tables.nodes {
            out += "\n// \(table.label) nodes\n"
            out += "LOAD CSV WITH HEADERS FROM 'file:///\(fileName(table.fileName))' AS row\n"
            out += "CALL (row) {\n"
            out += "  MERGE (n:\(table.label) {id: row.`id:ID(\(table.label))`})\n"
            var assignments = ["n.name = row.name"]
            assignments += table.properties.map { "n.\($0.name) = \(conversion($0))" }
            out += "  SET " + assignments.joined(separator: ",\n      ") + "\n"
            out += "} IN TRANSACTIONS OF \(batchSize) ROWS;\n"
        }
        for table in tables.relationships {
            out += "\n// \(table.type) relationships from \(table.startLabel) to \(table.endLabel)\n"
            out += "LOAD CSV WITH HEADERS FROM 'file:///\(fileName(table.fileName))' AS row\n"
            out += "CALL (row) {\n"
            out += "  MATCH (a:\(table.startLabel) {id: row.`:START_ID(\(table.startLabel))`})\n"
            out += "  MATCH (b:\(table.endLabel) {id: row.`:END_ID(\(table.endLabel))`})\n"
            out += "  MERGE (a)-[r:\(table.type)]->(b)\n"
            if !table.properties.isEmpty {
                out +=
                    "  SET "
                    + table.properties.map { "r.\($0.name) = \(conversion($0))" }.joined(separator: ",\n      ") + "\n"
            }
            out += "} IN TRANSACTIONS OF \(batchSize) ROWS;\n"
        }
        return out
    }

    /// The Cypher expression reading property `spec` from `row`, converted to its type. An
    /// empty array field is null, as neo4j-admin reads it.
    static func conversion(_ spec: PropertySpec) -> String {
        let column = spec.name + CypherColumnType.suffix(spec.type)
        let field = column == spec.name ? "row.\(column)" : "row.`\(column)`"
        switch spec.type {
        case .string, .iri: return field
        case .integer: return "toInteger(\(field))"
        case .double: return "toFloat(\(field))"
        case .boolean: return "toBoolean(\(field))"
        case .stringList: return "CASE WHEN \(field) = '' THEN null ELSE split(\(field), '\\u001F') END"
        }
    }
}
