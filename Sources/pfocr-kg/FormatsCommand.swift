import ArgumentParser
import Foundation
import PFOCRFormats

struct FormatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "formats",
        abstract: "List the output formats and the files each writes.")

    func run() throws {
        var text = ""
        for format in FormatRegistry.all {
            text += "\(format.name)\n    \(format.summary)\n    writes: \(format.files.joined(separator: ", "))\n"
            let aliases = FormatRegistry.aliases.filter { $0.value == format.name }.keys.sorted()
            if !aliases.isEmpty { text += "    also: \(aliases.joined(separator: ", "))\n" }
        }
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
