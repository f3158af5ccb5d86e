import ArgumentParser
import PFOCRGraph

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Re-check an export folder against the sizes and SHA-256 checksums in its report.json.",
        discussion:
            "Exit codes: 0 every file matches; 65 a file is missing or differs (each is named); 66 no report.json.")

    @Argument(help: ArgumentHelp("The export folder (holding report.json).", valueName: "dir"))
    var folder: String

    func run() throws {
        let result: ExportVerifier.Result
        do {
            result = try ExportVerifier.verify(folder: folder)
        } catch {
            Terminal.error(error.description)
            throw ExitCode(error.exitCode)
        }
        for problem in result.problems { Terminal.error(problem.description) }
        if result.problems.isEmpty {
            Terminal.error("verified \(result.checked) files in \(folder): all match report.json")
        } else {
            Terminal.error("\(result.problems.count) of \(result.checked) files in \(folder) do not match report.json")
            throw ExitCode(65)
        }
    }
}
