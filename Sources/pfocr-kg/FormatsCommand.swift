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
        }
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
