import Foundation
import Testing

@testable import PFOCRRecords

/// The block scanner against libyaml: the two ways of parsing must give identical records and
/// diagnostics for every input, and the scanner must take PFOCR's own style.
@Suite struct BlockScannerTests {
    /// The indicator masks say what the list of indicator characters says, for every byte.
    @Test func indicatorMasksMatchTheList() {
        for byte in UInt8.min...UInt8.max {
            #expect(BlockScanner.isIndicator(byte) == BlockScanner.indicators(byte), "byte \(byte)")
        }
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let examples = root.appendingPathComponent("Examples/pfocr-database").path
    static let shared = root.deletingLastPathComponent().appendingPathComponent("shared").path
    static let sample: String? =
        FileManager.default.fileExists(atPath: shared + "/pfocr-sample/_figures") ? shared + "/pfocr-sample" : nil
    static let synthCorpus: String? =
        FileManager.default.fileExists(atPath: shared + "/bench/synth_corpus.py")
        ? shared + "/bench/synth_corpus.py" : nil
    static let python: String? = ["/usr/bin/python3", "/usr/local/bin/python3", "/bin/python3"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    let scanning = RecordReader(parsing: .scannerFirst)
    let reference = RecordReader(parsing: .libyaml)

    /// The records of `corpus` (its `_figures/*.md`), each read both ways from `contents` (or
    /// from its file); returns the differences and how many records the scanner took.
    func compare(_ corpus: String, contents: (([UInt8]) -> [[UInt8]])? = nil) throws -> (
        differences: [String], read: Int, scanned: Int
    ) {
        let folder = corpus + "/_figures"
        var differences: [String] = []
        var read = 0
        var scanned = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() where name.hasSuffix(".md") {
            let source = RecordSource(
                path: folder + "/" + name, stem: String(name.dropLast(3)), dataDirectory: corpus + "/_data")
            let bytes = try FileBytes.contents(of: source.path, limit: ReadLimits.default.maxRecordBytes)
            for variant in contents?(bytes) ?? [bytes] {
                read += 1
                if BlockScannerTests.scannerTakes(variant) { scanned += 1 }
                let fast = scanning.read(source, contents: variant)
                let slow = reference.read(source, contents: variant)
                if fast.record != slow.record || fast.diagnostics != slow.diagnostics
                    || fast.lostSideFileRows != slow.lostSideFileRows
                {
                    differences.append(
                        "\(source.path) (\(String(decoding: variant.prefix(300), as: UTF8.self).debugDescription)): scanner \(fast.diagnostics) \(String(describing: fast.record)); libyaml \(slow.diagnostics) \(String(describing: slow.record))"
                    )
                }
            }
        }
        return (differences, read, scanned)
    }

    static func scannerTakes(_ bytes: [UInt8]) -> Bool {
        guard let frontMatter = try? FrontMatter(bytes: bytes, path: "r.md") else { return false }
        return frontMatter.yaml.withUnsafeBufferPointer { yaml in
            var scanner = BlockScanner(yaml, decoder: FrontMatterDecoder(limits: .default))
            return scanner.scan()
        }
    }

    @Test func agreesWithLibyamlOnTheExamples() throws {
        let result = try compare(BlockScannerTests.examples)
        #expect(result.differences.isEmpty, "\(result.differences)")
        // One example is written with a double-quoted scalar on purpose: libyaml reads it.
        #expect(result.read >= 12 && result.scanned == result.read - 1)
    }

    @Test(
        .enabled(
            if: BlockScannerTests.sample != nil,
            "../shared/pfocr-sample is absent: the real-record differential is skipped"))
    func agreesWithLibyamlOnTheRealSample() throws {
        let sample = try #require(BlockScannerTests.sample)
        let result = try compare(sample)
        #expect(result.differences.isEmpty, "\(result.differences)")
        #expect(result.scanned == result.read, "the scanner takes every real record")
    }

    @Test(
        .enabled(
            if: BlockScannerTests.synthCorpus != nil && BlockScannerTests.python != nil,
            "../shared/bench/synth_corpus.py or python3 is absent: the 10,000-record differential is skipped"))
    func agreesWithLibyamlOnTenThousandGeneratedRecords() throws {
        let script = try #require(BlockScannerTests.synthCorpus)
        let folder = NSTemporaryDirectory() + "/pfocr-scanner-synth-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(BlockScannerTests.python))
        process.arguments = [script, "--figures", "10000", "--seed", "11", "--out", folder]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "synth_corpus.py failed")
        let result = try compare(folder)
        #expect(result.read == 10_000)
        #expect(result.differences.isEmpty, "\(result.differences.prefix(5))")
        #expect(result.scanned == result.read, "the scanner takes every record R's emitter style gives")
    }

    /// Every example record with each line dropped, doubled, indented one more and one less,
    /// cut short, and given a CR or a tab: duplicate keys, broken indentation, stray
    /// continuations and truncated scalars, where the scanner must give up or agree.
    @Test func agreesWithLibyamlOnMutatedExamples() throws {
        let result = try compare(BlockScannerTests.examples) { bytes in
            let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
            var variants: [[UInt8]] = []
            func join(_ lines: [[UInt8]]) -> [UInt8] { Array(lines.joined(separator: [0x0A])) }
            for index in lines.indices.dropFirst().dropLast(2) {
                var dropped = lines
                dropped.remove(at: index)
                var doubled = lines
                doubled.insert(lines[index], at: index)
                var deeper = lines
                deeper[index] = [0x20] + lines[index]
                var shallower = lines
                if lines[index].first == 0x20 { shallower[index].removeFirst() }
                var carriage = lines
                carriage[index] += [0x0D]
                var tabbed = lines
                tabbed[index] = [0x09] + lines[index]
                let cut = lines[index].count / 2
                var truncated = Array(lines[...index])
                truncated[index] = Array(lines[index].prefix(cut))
                truncated += [Array("---".utf8), []]
                variants += [
                    join(dropped), join(doubled), join(deeper), join(shallower), join(carriage), join(tabbed),
                    join(truncated),
                ]
            }
            return variants
        }
        #expect(result.differences.isEmpty, "\(result.differences.prefix(5))")
        #expect(
            result.scanned > result.read / 4,
            "the scanner takes many of the variants: \(result.scanned) of \(result.read)")
    }

    /// Every character libyaml reads specially or refuses sends the text to libyaml, wherever
    /// it sits in the eight-byte words the check reads.
    @Test func leavesToLibyamlTheCharactersItReadsSpecially() {
        let refused: [[UInt8]] = [
            [0x09], [0x0D], [0x01], [0x1F], [0x7F], [0xC2, 0x85], [0xC2, 0x80], [0xC2, 0x9F], [0xE2, 0x80, 0xA8],
            [0xE2, 0x80, 0xA9], [0xEF, 0xBB, 0xBF], [0xEF, 0xBF, 0xBE], [0xEF, 0xBF, 0xBF],
        ]
        let accepted: [[UInt8]] = [
            [0x0A], Array("é€😀 ~".utf8), [0xC2, 0xA0], [0xE2, 0x80, 0xA7], [0xEF, 0xBF, 0xBD], [0x20, 0x7E],
        ]
        func plain(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBufferPointer { BlockScanner.isPlainText($0) } }
        for offset in 0..<17 {
            let pad = [UInt8](repeating: UInt8(ascii: "a"), count: offset)
            for bytes in refused { #expect(!plain(pad + bytes + pad), "\(bytes) at \(offset)") }
            for bytes in accepted { #expect(plain(pad + bytes + pad), "\(bytes) at \(offset)") }
        }
    }

    /// Values in the styles R's emitter writes, and their edges, read as libyaml reads them.
    @Test func foldsScalarsAsLibyamlDoes() throws {
        let text = """
            ---
            figid: PMC1__a
            caption: plain folded
              over   lines,  spaces kept inside

              and a blank line
            papertitle: 'quoted ''twice'' and
              folded

              '
            reftext: 'trailing  '
            figtitle:
            organisms:
            - Homo sapiens
            - 'Mus musculus'
            keywords: ''
            schema-jsonld:
              '@id': x
              creator:
                name: y
              keywords:
              - k1
              -   k2
                continued
              list:
                - a: b
                  c: d
            genes: []
            year: 2013 # not a comment in a scalar? yes it is
            ---

            """
        let yearless = text.replacingOccurrences(of: " # not a comment in a scalar? yes it is", with: "")
        #expect(!BlockScannerTests.scannerTakes(Array(text.utf8)), "a comment is libyaml's")
        #expect(BlockScannerTests.scannerTakes(Array(yearless.utf8)))
        for variant in [text, yearless] {
            let source = RecordSource(
                path: "/nonexistent/_figures/r.md", stem: "r", dataDirectory: "/nonexistent/_data")
            let fast = scanning.read(source, contents: Array(variant.utf8))
            let slow = reference.read(source, contents: Array(variant.utf8))
            #expect(fast.record == slow.record)
            #expect(fast.diagnostics == slow.diagnostics)
        }
        let record = try #require(
            scanning.read(RecordSource(path: "r.md", stem: "r", dataDirectory: "_data"), contents: Array(yearless.utf8))
                .record)
        #expect(record.caption == "plain folded over   lines,  spaces kept inside\nand a blank line")
        #expect(record.paperTitle == "quoted 'twice' and folded\n")
        #expect(record.reference == "trailing  ")
        #expect(record.title == nil)
        #expect(record.year == 2013)
    }
}
