import ArgumentParser
import Foundation
import PFOCRFormats
import PFOCRGraph

struct FormatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "formats",
        abstract: "List the output formats, the files and options of each, and (--properties) the graph's properties.")

    @Flag(help: "Also list every node and edge property with its type (GraphSchema).")
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
        text += "\nproperties (GraphSchema; Mappings/vocabulary.yaml may leave any out of every format):\n"
        for kind in NodeKind.allCases.sorted() {
            text += Self.propertyLine(kind.rawValue, GraphSchema.nodeProperties[kind] ?? [])
        }
        for kind in EdgeKind.allCases.sorted() where !(GraphSchema.edgeProperties[kind] ?? []).isEmpty {
            text += Self.propertyLine(kind.rawValue, GraphSchema.edgeProperties[kind] ?? [])
        }
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// `    Gene: ncbiGeneID (string), symbol (string)`.
    static func propertyLine(_ owner: String, _ keys: [PropertyKey]) -> String {
        "    \(owner): " + keys.map { "\($0.name) (\($0.type.rawValue))" }.joined(separator: ", ") + "\n"
    }
}
