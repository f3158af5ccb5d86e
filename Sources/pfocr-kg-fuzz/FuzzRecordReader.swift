import PFOCRRecords

#if canImport(Glibc)
    import Glibc
#endif

/// libFuzzer entry: one input is a record file; if it contains a line `%%`, what follows is
/// fed to the side-file reader as a genes, chemicals or diseases table (by the input's length).
/// Any crash, trap, hang or sanitizer report is a bug: the reader must turn every input into
/// diagnostics. The record is read twice, with the block scanner (the default) and with
/// libyaml alone, and any difference between the two traps.
///
/// Build and run (see Scripts/fuzz.sh):
///   swift build --scratch-path .build-fuzz --product pfocr-kg-fuzz \
///     -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING
///   .build-fuzz/debug/pfocr-kg-fuzz -max_total_time=60 Fuzz/corpus
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRecordReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzHarness.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

enum FuzzHarness {
    static let reader = RecordReader(limits: ReadLimits(maxRecordBytes: 1 << 20, maxSideFileBytes: 1 << 20))
    static let reference = RecordReader(limits: reader.limits, parsing: .libyaml)
    static let source = RecordSource(
        path: "/nonexistent/_figures/fuzz.md", stem: "fuzz", dataDirectory: "/nonexistent/_data")

    static func run(_ bytes: [UInt8]) {
        let marker = Array("\n%%\n".utf8)
        var record = bytes
        var table: [UInt8]? = nil
        if let range = firstRange(of: marker, in: bytes) {
            record = Array(bytes[..<range.lowerBound])
            table = Array(bytes[range.upperBound...])
        }
        let result = reader.read(source, contents: record)
        for diagnostic in result.diagnostics { _ = diagnostic.description }
        let expected = reference.read(source, contents: record)
        precondition(
            result.record == expected.record && result.diagnostics == expected.diagnostics,
            "block scanner and libyaml differ: \(result.diagnostics) \(String(describing: result.record)) against \(expected.diagnostics) \(String(describing: expected.record))"
        )
        if let table {
            var figure = FigureRecord(
                figid: "fuzz", location: SourceLocation(file: "fuzz.md", line: 1), layout: .sideFiles)
            var diagnostics: [Diagnostic] = []
            let kind = EntityKind.allCases[bytes.count % 3]
            reader.readSideFile(
                table, path: "/nonexistent/_data/fuzz-\(kind.plural).tsv", kind: kind, into: &figure,
                diagnostics: &diagnostics)
            let account = figure.rows[kind] ?? RowAccount()
            let kept =
                kind == .gene
                ? figure.genes.count : (kind == .chemical ? figure.chemicals.count : figure.diseases.count)
            // Conservation must hold for any input: every row is kept or rejected with a reason.
            precondition(
                account.rowsRead == kept + account.rejectedTotal, "row balance broken: \(account) kept \(kept)")
            precondition(account.rejectedTotal == 0 || !diagnostics.isEmpty, "rows rejected without a diagnostic")
        }
    }

    static func firstRange(of needle: [UInt8], in haystack: [UInt8]) -> Range<Int>? {
        guard needle.count <= haystack.count else { return nil }
        var index = 0
        while index + needle.count <= haystack.count {
            if haystack[index..<(index + needle.count)].elementsEqual(needle) { return index..<(index + needle.count) }
            index += 1
        }
        return nil
    }
}

#if FUZZING
    /// libFuzzer's driver, entered from our own `main` (SwiftPM gives every executable target a
    /// `main`, so libFuzzer's is not linked in).
    @_silgen_name("LLVMFuzzerRunDriver")
    func libFuzzerRunDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
    ) -> CInt

    @main
    enum FuzzMain {
        static func main() {
            var argc = CommandLine.argc
            var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
            let status = libFuzzerRunDriver(&argc, &argv) { data, size in fuzzRecordReader(data, size) }
            exit(status)
        }
    }
#else
    import Foundation

    /// Without libFuzzer (an ordinary `swift build`), the same harness replays files given as
    /// arguments, so a crashing input found by the fuzzer can be reproduced and debugged.
    @main
    enum FuzzReplay {
        static func main() {
            for path in CommandLine.arguments.dropFirst() {
                guard let data = FileManager.default.contents(atPath: path) else {
                    print("\(path): cannot read")
                    continue
                }
                FuzzHarness.run(Array(data))
                print("\(path): ok")
            }
        }
    }
#endif
