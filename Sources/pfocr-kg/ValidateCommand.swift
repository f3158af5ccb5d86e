import ArgumentParser
import PFOCRGraph

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Read and check records; print diagnostics, write nothing.")

    @OptionGroup var input: InputOptions

    func run() throws {
        let outcome = try RunSupport.run(
            try input.request(formats: [], output: nil), verb: "checked", quiet: input.quiet)
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }
}
