import Foundation
import PFOCRTestSupport

/// A throwaway corpus in PFOCR's repository layout (`_figures/`, `_data/`), for tests that
/// need hand-made or hostile records.
struct TemporaryCorpus {
    let root: String

    init() {
        root = TestPaths.temporaryFolder("pfocr-cypher-corpus")
        try? FileManager.default.createDirectory(atPath: root + "/_figures", withIntermediateDirectories: true)
        try? FileManager.default.createDirectory(atPath: root + "/_data", withIntermediateDirectories: true)
    }

    func record(_ figid: String, _ text: String) {
        _ = FileManager.default.createFile(atPath: root + "/_figures/\(figid).md", contents: Data(text.utf8))
    }

    func sideFile(_ name: String, _ text: String) {
        _ = FileManager.default.createFile(atPath: root + "/_data/\(name)", contents: Data(text.utf8))
    }
}

/// Reading an export's CSV files back.
enum ExportFiles {
    static func text(_ folder: String, _ name: String) throws -> String {
        try String(contentsOfFile: folder + "/neo4j/" + name, encoding: .utf8)
    }

    /// The lines of a file, header first.
    static func lines(_ folder: String, _ name: String) throws -> [String] {
        try text(folder, name).split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }
}
