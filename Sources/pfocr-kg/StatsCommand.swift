import ArgumentParser
import Foundation
import PFOCRGraph

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Count what the records hold: figures, papers, genes, chemicals, diseases, organisms, rows.")

    @OptionGroup var input: InputOptions

    @Flag(help: "Print the counts as JSON (the same object as report.json).")
    var json = false

    func run() throws {
        let outcome = try RunSupport.run(
            try input.request(formats: [], output: nil), verb: "counted", quiet: input.quiet)
        let report = outcome.report
        if json {
            FileHandle.standardOutput.write(Data(ExportDriver.encode(report)))
        } else {
            var lines: [(String, String)] = [
                ("records", "\(report.records.found)"),
                ("figures", "\(report.nodes["Figure"] ?? 0)"),
                ("  layout A (inline lists)", "\(report.records.layoutInline)"),
                ("  layout B (side files)", "\(report.records.layoutSideFiles)"),
                ("papers", "\(report.nodes["Paper"] ?? 0)"),
                ("distinct genes", "\(report.nodes["Gene"] ?? 0)"),
                ("(figure, gene) pairs", "\(report.mentionPairs["Gene"] ?? 0)"),
                ("distinct chemicals", "\(report.nodes["Chemical"] ?? 0)"),
                ("(figure, chemical) pairs", "\(report.mentionPairs["Chemical"] ?? 0)"),
                ("distinct diseases", "\(report.nodes["Disease"] ?? 0)"),
                ("(figure, disease) pairs", "\(report.mentionPairs["Disease"] ?? 0)"),
                ("organisms", "\(report.nodes["Organism"] ?? 0)"),
            ]
            for kind in ["gene", "chemical", "disease"] {
                guard let rows = report.rows[kind] else { continue }
                lines.append(
                    (
                        "\(kind) rows",
                        "\(rows.read) read, \(rows.exported) exported, \(rows.unidentified) unidentified, \(rows.rejectedTotal) rejected"
                    ))
            }
            if report.ignoredSideFiles.files > 0 {
                lines.append(("ignored side files", "\(report.ignoredSideFiles.files)"))
            }
            lines.append(("gene rows without a taxon", "\(report.genesWithoutTaxon)"))
            let unmapped = report.unmappedOrganisms.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
            lines.append(
                ("unmapped organism names", "\(unmapped.count) (\(unmapped.reduce(0) { $0 + $1.value }) uses)"))
            for (name, uses) in unmapped {
                lines.append(("  \(name)", "\(uses)"))
            }
            let width = lines.map(\.0.count).max() ?? 0
            let text =
                lines.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }.joined(
                    separator: "\n") + "\n"
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }
}
