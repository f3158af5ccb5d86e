import Foundation

/// A throwaway corpus in the repository layout (`_figures/`, `_data/`), for tests that need
/// hand-made or hostile records.
struct TemporaryCorpus {
    let root: String

    init() {
        root = NSTemporaryDirectory() + "/pfocr-records-test-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: root + "/_figures", withIntermediateDirectories: true)
        try? FileManager.default.createDirectory(atPath: root + "/_data", withIntermediateDirectories: true)
    }

    @discardableResult
    func record(_ name: String, _ text: String) -> String {
        write("_figures/\(name).md", Data(text.utf8))
    }

    @discardableResult
    func sideFile(_ name: String, _ text: String) -> String {
        write("_data/\(name)", Data(text.utf8))
    }

    @discardableResult
    func write(_ relative: String, _ data: Data) -> String {
        let path = root + "/" + relative
        _ = FileManager.default.createFile(atPath: path, contents: data)
        return path
    }
}
