import Foundation
import PFOCRGraph

/// The RDF sinks of one export, so that `void.ttl` is written once when both `turtle` and
/// `ntriples` are selected.
///
/// Rule: the first RDF sink to ``join(_:syntax:)`` an output folder (the first of the two in
/// `--format` order, which is deterministic) owns `void.ttl` and writes it in its `finish()`.
/// Every sink joins in `begin()`, and the driver begins all sinks before writing any figure,
/// so the owner knows every dump file of the export when it finishes. Both sinks write the
/// same triples, so the counts in `void.ttl` do not depend on which one owns it.
final class RDFDumpGroup: @unchecked Sendable {
    /// The syntaxes whose data file this export writes, in join order.
    private(set) var syntaxes: [RDFSyntax] = []

    /// The groups of the exports in progress, by output folder (weakly: a finished export's
    /// entry is dropped on the next join).
    private final class Registry: @unchecked Sendable {
        let lock = NSLock()
        var entries: [(output: Weak, group: RDFDumpGroup)] = []
    }

    private struct Weak {
        weak var value: OutputDirectory?
    }

    private static let registry = Registry()

    /// Joins the group of `output`; returns the group and whether this sink owns `void.ttl`.
    static func join(_ output: OutputDirectory, syntax: RDFSyntax) -> (group: RDFDumpGroup, ownsVoID: Bool) {
        registry.lock.lock()
        defer { registry.lock.unlock() }
        registry.entries.removeAll { $0.output.value == nil }
        if let entry = registry.entries.first(where: { $0.output.value === output }) {
            entry.group.syntaxes.append(syntax)
            return (entry.group, false)
        }
        let group = RDFDumpGroup()
        group.syntaxes.append(syntax)
        registry.entries.append((Weak(value: output), group))
        return (group, true)
    }
}
