import ArgumentParser
import PFOCRGraph
import PFOCRRecords

/// Runs a request, printing diagnostics as they come and a summary at the end, and maps the
/// outcome to the exit codes of Docs/architecture.md ("Exit codes").
enum RunSupport {
    static func run(_ request: ExportRequest, verb: String, quiet: Bool) throws -> ExportOutcome {
        let progress = Terminal.Progress(quiet: quiet)
        let outcome: ExportOutcome
        do {
            outcome = try ExportDriver(request).run(
                diagnostic: { item in
                    progress.clearLine()
                    Terminal.error(item.description)
                },
                progress: progress.update)
        } catch {
            progress.clearLine()
            Terminal.error(error.description)
            throw ExitCode(error.exitCode)
        }
        let report = outcome.report
        if let output = request.outputPath, !report.removedFiles.isEmpty {
            let shown =
                report.removedFiles.prefix(5).joined(separator: ", ") + (report.removedFiles.count > 5 ? ", …" : "")
            Terminal.error(
                "removed \(report.removedFiles.count) files of the earlier export in \(output) that this run does not write: \(shown)"
            )
        }
        let records = report.records
        var summary = "\(verb) \(records.exported) of \(records.found) records"
        if records.rejected > 0 { summary += ", \(records.rejected) rejected" }
        if records.excludedByFilter > 0 { summary += ", \(records.excludedByFilter) excluded by filters" }
        summary += "; \(report.diagnostics.errors) errors, \(report.diagnostics.warnings) warnings"
        if request.strict && outcome.exitCode != 0 && request.outputPath != nil {
            summary += "; --strict: nothing written"
        } else if let output = request.outputPath {
            summary += "; report: \(output)/report.json"
        }
        Terminal.error(summary)
        return outcome
    }
}
