import CLibDeflate
import CLibZstd
import Foundation
import PFOCRFormats
import PFOCRTestSupport
import XCTest

@testable import PFOCRGraph

/// Reads gzip files the way consumers do: member after member until the input ends
/// (libdeflate's decompressor, which is not the code that wrote them).
enum Gunzip {
    struct Member {
        var header: [UInt8]
        var bytes: [UInt8]
    }

    static func members(_ data: [UInt8]) -> [Member]? {
        guard let decompressor = libdeflate_alloc_decompressor() else { return nil }
        defer { libdeflate_free_decompressor(decompressor) }
        var members: [Member] = []
        var offset = 0
        while offset < data.count {
            var capacity = 1 << 20
            while true {
                var out = [UInt8](repeating: 0, count: capacity)
                var consumed = 0
                var produced = 0
                let result = data.withUnsafeBytes { input in
                    out.withUnsafeMutableBytes { output in
                        libdeflate_gzip_decompress_ex(
                            decompressor, input.baseAddress.map { $0 + offset }, input.count - offset,
                            output.baseAddress, output.count, &consumed, &produced)
                    }
                }
                if result == LIBDEFLATE_INSUFFICIENT_SPACE {
                    capacity *= 2
                    continue
                }
                guard result == LIBDEFLATE_SUCCESS else { return nil }
                members.append(Member(header: Array(data[offset..<offset + 10]), bytes: Array(out[..<produced])))
                offset += consumed
                break
            }
        }
        return members
    }

    static func decompress(_ data: [UInt8]) -> [UInt8]? {
        members(data).map { $0.flatMap(\.bytes) }
    }
}

/// Reads zstd files the way `zstd -d` does: every frame, concatenated (libzstd's
/// decompressor), and the frames one by one with their content sizes.
enum Unzstd {
    static func decompress(_ data: [UInt8]) -> [UInt8]? {
        guard let size = frameSizes(data)?.reduce(0, +) else { return nil }
        return data.withUnsafeBytes { input -> [UInt8]? in
            var failed = false
            let out = [UInt8](unsafeUninitializedCapacity: size) { output, count in
                let written = ZSTD_decompress(output.baseAddress, output.count, input.baseAddress, input.count)
                failed = ZSTD_isError(written) != 0
                count = failed ? 0 : written
            }
            return failed ? nil : out
        }
    }

    /// The content size of each frame, in order.
    static func frameSizes(_ data: [UInt8]) -> [Int]? {
        data.withUnsafeBytes { input -> [Int]? in
            guard let base = input.baseAddress else { return [] }
            var sizes: [Int] = []
            var offset = 0
            while offset < input.count {
                let frame = ZSTD_findFrameCompressedSize(base + offset, input.count - offset)
                let content = ZSTD_getFrameContentSize(base + offset, input.count - offset)
                guard ZSTD_isError(frame) == 0, content != ZSTD_CONTENTSIZE_ERROR, content != ZSTD_CONTENTSIZE_UNKNOWN
                else { return nil }
                sizes.append(Int(content))
                offset += frame
            }
            return sizes
        }
    }
}

final class CompressionTests: XCTestCase {
    /// Writes `data` to `file` in writes of `chunk` bytes (the last shorter).
    static func write(_ data: [UInt8], to file: OutputFile, inPiecesOf chunk: Int) {
        var start = 0
        while start < data.count {
            let end = min(data.count, start + chunk)
            file.write(bytes: data[start..<end])
            start = end
        }
    }

    /// Bytes that compress like text but not trivially: numbered lines.
    static func sample(_ count: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        var line = 0
        while bytes.count < count {
            bytes += Array(
                "<https://example.org/gene/\(line * 7919 % 100_003)> <http://purl.org/dc/terms/title> \"gene \(line)\" .\n"
                    .utf8)
            line += 1
        }
        return Array(bytes.prefix(count))
    }

    func testMembersAreFixedBlocksWithAFixedHeader() throws {
        let data = CompressionTests.sample(2 * BlockCompressor.blockSize + 12_345)
        let gzip = try XCTUnwrap(BlockCompressor.gzip(data))
        let members = try XCTUnwrap(Gunzip.members(gzip))
        XCTAssertEqual(members.map(\.bytes.count), [BlockCompressor.blockSize, BlockCompressor.blockSize, 12_345])
        XCTAssertEqual(members.flatMap(\.bytes), data)
        for member in members {
            // ID1 ID2, deflate, no flags (no name), mtime 0, OS unknown (255).
            XCTAssertEqual(Array(member.header[0..<8]), [0x1f, 0x8b, 8, 0, 0, 0, 0, 0])
            XCTAssertEqual(member.header[9], 255)
        }
        XCTAssertLessThan(gzip.count, data.count / 4)
    }

    /// The file's bytes do not depend on how writes were cut nor on the number of threads:
    /// members start at fixed offsets of the uncompressed bytes.
    /// `--compress zstd`: one frame per block at the same fixed offsets, the same bytes for
    /// any threads and write sizes, read back by libzstd as one stream.
    func testZstdFramesAreFixedBlocksAndTheSameForAnyThreads() throws {
        let data = CompressionTests.sample(2 * BlockCompressor.blockSize + 12_345)
        let frames = try XCTUnwrap(BlockCompressor.zstd(data))
        XCTAssertEqual(Unzstd.frameSizes(frames), [BlockCompressor.blockSize, BlockCompressor.blockSize, 12_345])
        XCTAssertEqual(Unzstd.decompress(frames), data)
        for (threads, chunk) in [(1, 999_999), (3, 8_192)] {
            let folder = TestPaths.temporaryFolder()
            let output = try OutputDirectory(path: folder, force: false, compression: .zstd, threads: threads)
            let file = try output.createFile("data.nt")
            XCTAssertEqual(file.relativePath, "data.nt.zst")
            CompressionTests.write(data, to: file, inPiecesOf: chunk)
            _ = try output.createFile("empty.txt")
            _ = try output.commit { _ in Array("{}".utf8) }
            let written = try XCTUnwrap(FileManager.default.contents(atPath: folder + "/data.nt.zst"))
            XCTAssertEqual([UInt8](written), frames, "\(threads) threads, \(chunk)-byte writes")
            let empty = try XCTUnwrap(FileManager.default.contents(atPath: folder + "/empty.txt.zst"))
            XCTAssertEqual(Unzstd.decompress([UInt8](empty)), [])
        }
    }

    func testOutputFileIsTheSameForAnyThreadsAndWriteSizes() throws {
        let data = CompressionTests.sample(3 * BlockCompressor.blockSize + 777)
        var results: [[UInt8]] = []
        for (threads, chunk) in [(1, 1_000_003), (3, 4_096), (2, 5 * BlockCompressor.blockSize)] {
            let folder = TestPaths.temporaryFolder()
            let output = try OutputDirectory(path: folder, force: false, compression: .gzip, threads: threads)
            let file = try output.createFile("a/data.nt")
            XCTAssertEqual(file.relativePath, "a/data.nt.gz")
            CompressionTests.write(data, to: file, inPiecesOf: chunk)
            let empty = try output.createFile("empty.txt")
            let script = try output.createPlainFile("run.sh")
            script.write("echo\n")
            _ = empty
            let listing = try output.commit { _ in Array("{}".utf8) }
            XCTAssertEqual(listing.written.map(\.path), ["a/data.nt.gz", "empty.txt.gz", "run.sh"])
            let written = try XCTUnwrap(FileManager.default.contents(atPath: folder + "/a/data.nt.gz"))
            XCTAssertEqual(listing.written[0].bytes, written.count)
            XCTAssertEqual(listing.written[0].sha256, SHA256Digest.hex(SHA256Digest.hash([UInt8](written))))
            results.append([UInt8](written))
            let emptyGzip = try XCTUnwrap(FileManager.default.contents(atPath: folder + "/empty.txt.gz"))
            XCTAssertEqual(Gunzip.decompress([UInt8](emptyGzip)), [])
            XCTAssertEqual(FileManager.default.contents(atPath: folder + "/run.sh"), Data("echo\n".utf8))
        }
        XCTAssertEqual(results[0], results[1])
        XCTAssertEqual(results[0], results[2])
        XCTAssertEqual(results[0], try XCTUnwrap(BlockCompressor.gzip(data)))
        XCTAssertEqual(Gunzip.decompress(results[0]), data)
    }

    func testFilePatternsMatchTheFilesFormatsDescribe() {
        XCTAssertTrue(FilePattern.matches(pattern: "cx2/<figid>.cx2", path: "cx2/PMC1__fig1.cx2"))
        XCTAssertFalse(FilePattern.matches(pattern: "cx2/<figid>.cx2", path: "cx/PMC1__fig1.cx"))
        XCTAssertFalse(FilePattern.matches(pattern: "cx2/<figid>.cx2", path: "cx2/a/b.cx2"))
        XCTAssertTrue(FilePattern.matches(pattern: "pfocr.cx2 (--cx-scope corpus)", path: "pfocr.cx2"))
        XCTAssertTrue(
            FilePattern.matches(pattern: "neo4j/rels-<TYPE>-<EndLabel>.csv", path: "neo4j/rels-PART_OF-Paper.csv"))
        XCTAssertFalse(FilePattern.matches(pattern: "neo4j/rels-<TYPE>-<EndLabel>.csv", path: "neo4j/nodes-Gene.csv"))
        XCTAssertTrue(FilePattern.matches(pattern: "void.ttl", path: "void.ttl"))
        XCTAssertFalse(FilePattern.matches(pattern: "void.ttl", path: "pfocr.ttl"))
    }

    /// The tar header: ustar fields, and a PAX `path` record for a name over 100 bytes.
    func testTarHeadersAndPaxRecords() {
        XCTAssertEqual(TarStream.paxRecord(key: "path", value: "abc"), Array("12 path=abc\n".utf8))
        XCTAssertEqual(TarStream.paxRecord(key: "path", value: String(repeating: "x", count: 92)).count, 102)
        XCTAssertEqual(
            String(
                decoding: TarStream.paxRecord(key: "path", value: String(repeating: "x", count: 92)).prefix(4),
                as: UTF8.self), "102 ")
        let header = TarStream.header(name: Array("kgx/nodes.jsonl".utf8), size: 1234, type: UInt8(ascii: "0"))
        XCTAssertEqual(header.count, 512)
        XCTAssertEqual(String(decoding: header[124..<135], as: UTF8.self), "00000002322")
        XCTAssertEqual(String(decoding: header[257..<263], as: UTF8.self), "ustar\0")
        var check = header
        for index in 148..<156 { check[index] = UInt8(ascii: " ") }
        let sum = check.reduce(0) { $0 + Int($1) }
        XCTAssertEqual(String(decoding: header[148..<154], as: UTF8.self), String(sum, radix: 8).leftPadded(6))
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}

/// The compressed Examples export: the same bytes for --jobs 1 and 2, and every data file
/// decompresses to its uncompressed golden file (Tests/Golden); the scripts name the .gz files.
final class CompressedGoldenTests: XCTestCase {
    static let goldenFolders = ["rdf", "graphml", "cx", "kgx-jsonl", "kgx-tsv", "cypher-csv", "gmt"]

    func testCompressedExportIsDeterministicAndDecompressesToTheGoldenFiles() throws {
        try checkCompressedExport(.gzip) { Gunzip.decompress($0) }
    }

    func testZstdExportIsDeterministicAndDecompressesToTheGoldenFiles() throws {
        try checkCompressedExport(.zstd) { Unzstd.decompress($0) }
    }

    /// The Examples export in every format compressed with `codec`: the same bytes for
    /// --jobs 1 and 2, every data file decompresses to its golden file, the scripts name the
    /// compressed files.
    private func checkCompressedExport(_ codec: OutputCompression, decompress: ([UInt8]) -> [UInt8]?) throws {
        let suffix = codec.suffix
        let formats = FormatRegistry.all.map(\.name)
        let one = try TestExport.run([TestPaths.examples], formats: formats, jobs: 1, compression: codec)
        let two = try TestExport.run([TestPaths.examples], formats: formats, jobs: 2, compression: codec)
        let first = TestExport.files(in: one.output)
        let second = TestExport.files(in: two.output)
        XCTAssertEqual(Set(first.keys), Set(second.keys))
        for (path, data) in first {
            XCTAssertEqual(data, second[path], "\(path) differs between --jobs 1 and --jobs 2")
        }

        var expected: [String: Data] = [:]
        for folder in CompressedGoldenTests.goldenFolders {
            expected.merge(TestExport.files(in: TestPaths.golden + "/" + folder)) { a, _ in a }
        }
        XCTAssertFalse(expected.isEmpty)
        let plain: Set<String> = ["neo4j/import.sh", "neo4j/load.cypher"]
        for (path, want) in expected {
            if plain.contains(path) {
                let text = String(decoding: want, as: UTF8.self)
                    .replacingOccurrences(of: ".csv\"", with: ".csv\(suffix)\"")
                    .replacingOccurrences(of: ".csv'", with: ".csv\(suffix)'")
                    .replacingOccurrences(of: "-*.csv ", with: "-*.csv\(suffix) ")
                XCTAssertEqual(first[path].map { String(decoding: $0, as: UTF8.self) }, text, path)
                continue
            }
            let written = try XCTUnwrap(first[path + suffix], "\(path)\(suffix) not written")
            let bytes = try XCTUnwrap(decompress([UInt8](written)), "\(path)\(suffix) does not decompress")
            XCTAssertEqual(Data(bytes), want, "\(path)\(suffix) does not decompress to the golden file")
        }
        let writtenData = Set(first.keys.filter { !plain.contains($0) })
        XCTAssertEqual(writtenData, Set(expected.keys.filter { !plain.contains($0) }.map { $0 + suffix }))
        let report = try XCTUnwrap(FileManager.default.contents(atPath: one.output + "/report.json"))
        let text = String(decoding: report, as: UTF8.self)
        XCTAssertTrue(text.contains("\"kgx/edges.jsonl\(suffix)\""))
    }

    /// `--archive`: one pfocr-<format>.tar.gz per format, holding exactly the files the plain
    /// export writes for it, and nothing else in the folder but report.json.
    func testArchivesHoldEachFormatsFiles() throws {
        let formats = FormatRegistry.all.map(\.name)
        let one = try TestExport.run([TestPaths.examples], formats: formats, jobs: 1, archive: true)
        let two = try TestExport.run([TestPaths.examples], formats: formats, jobs: 2, archive: true)
        let first = TestExport.files(in: one.output)
        XCTAssertEqual(first, TestExport.files(in: two.output))
        XCTAssertEqual(Set(first.keys), Set(formats.map { "pfocr-\($0).tar.gz" }))
        let plain = try TestExport.run([TestPaths.examples], formats: formats, jobs: 1)
        let plainFiles = TestExport.files(in: plain.output)
        var archived = Set<String>()
        for format in formats {
            let archive = try XCTUnwrap(first["pfocr-\(format).tar.gz"])
            let tar = try XCTUnwrap(Gunzip.decompress([UInt8](archive)))
            let entries = try TarReading.entries(tar)
            XCTAssertFalse(entries.isEmpty, format)
            XCTAssertEqual(entries.map(\.name), entries.map(\.name).sorted())
            for entry in entries {
                XCTAssertEqual(Data(entry.bytes), plainFiles[entry.name], "\(format): \(entry.name)")
                archived.insert(entry.name)
            }
        }
        XCTAssertEqual(archived, Set(plainFiles.keys))
    }
}

/// A minimal tar reader for the test (ustar plus PAX `path`).
enum TarReading {
    struct Failure: Error {}

    static func entries(_ tar: [UInt8]) throws -> [(name: String, bytes: [UInt8])] {
        var result: [(name: String, bytes: [UInt8])] = []
        var offset = 0
        var paxPath: String?
        while offset + 512 <= tar.count {
            let header = tar[offset..<offset + 512]
            if header.allSatisfy({ $0 == 0 }) { break }
            func field(_ start: Int, _ length: Int) -> String {
                let bytes = header[(offset + start)..<(offset + start + length)].prefix { $0 != 0 }
                return String(decoding: bytes, as: UTF8.self)
            }
            guard let size = Int(field(124, 12).trimmingCharacters(in: .whitespaces), radix: 8) else { throw Failure() }
            let type = header[offset + 156]
            let body = Array(tar[(offset + 512)..<(offset + 512 + size)])
            let name = field(0, 100)
            offset += 512 + (size + 511) / 512 * 512
            if type == UInt8(ascii: "x") {
                for line in String(decoding: body, as: UTF8.self).split(separator: "\n") {
                    if let range = line.range(of: " path=") { paxPath = String(line[range.upperBound...]) }
                }
                continue
            }
            result.append((paxPath ?? name, body))
            paxPath = nil
        }
        return result
    }
}
