import ArgumentParser
import Foundation
import PFOCRFormats
import PFOCRGraph

struct FormatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "formats",
        abstract: "List the output formats, the files and options of each, and (--properties) the graph's properties.")

    @Flag(help: "Also list every node and edge property: type, RDF predicate, KGX slot and meaning (GraphSchema).")
    var properties = false

    func run() throws {
        var text = ""
        for format in FormatRegistry.all {
            text += "\(format.name)\n    \(format.summary)\n    writes: \(format.files.joined(separator: ", "))\n"
            let aliases = FormatRegistry.aliases.filter { $0.value == format.name }.keys.sorted()
            if !aliases.isEmpty { text += "    also: \(aliases.joined(separator: ", "))\n" }
            for option in format.options { text += "    option: \(option.listing)\n" }
        }
        guard properties else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        text +=
            "\nproperties (GraphSchema's defaults; a --mappings vocabulary.yaml may rename a predicate or leave any out):\n"
        for kind in NodeKind.allCases.sorted() {
            text += Self.propertyLine(kind.rawValue, GraphSchema.nodeProperties[kind] ?? [])
        }
        for kind in EdgeKind.allCases.sorted() where !(GraphSchema.edgeProperties[kind] ?? []).isEmpty {
            text += Self.propertyLine(kind.rawValue, GraphSchema.edgeProperties[kind] ?? [])
        }
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// `    Gene` and a line per property:
    /// `        symbol: string; rdf biolink:symbol; kgx symbol. Gene symbol (HGNC or NCBI)`.
    static func propertyLine(_ owner: String, _ declarations: [PropertyDeclaration]) -> String {
        var text = "    \(owner)\n"
        for declaration in declarations {
            let kgx: String
            switch declaration.kgx {
            case .slot(let slot): kgx = slot
            case .crossReference(let namespace): kgx = "xref \(namespace.rawValue)"
            case .omitted(let reason): kgx = "not written (\(reason))"
            }
            let datatype = declaration.rdfDatatype.map { " (\($0))" } ?? ""
            text +=
                "        \(declaration.key.name): \(declaration.key.type.rawValue); rdf \(declaration.rdf)\(datatype); "
            text += "kgx \(kgx). \(declaration.description)\n"
        }
        return text
    }
}
