import Foundation
import PFOCRTestSupport
import Testing

@testable import PFOCRGraph

#if canImport(Glibc)
    import Glibc
#endif

/// Plain output files switch to direct I/O once they fill a block; the bytes on disk, their
/// size and checksum must be exactly what was written, however the writes were cut.
struct DirectIOTests {
    static let block = BlockCompressor.blockSize

    /// Sizes around every boundary the writer cuts at: a page, the block, several blocks.
    static let sizes = [
        0, 1, 4_095, 4_096, 4_097, block - 1, block, block + 1, block + 4_096, 3 * block + 12_345,
    ]

    /// Write sizes: one piece, odd small pieces, pieces larger than a block.
    static let chunks = [Int.max, 1_000, 4_093, 2 * block + 3]

    @Test(arguments: [true, false])
    func everyByteArrivesWhateverTheWriteSizes(directIO: Bool) throws {
        let data = CompressionTests.sample(3 * Self.block + 12_345)
        for size in Self.sizes {
            for chunk in Self.chunks {
                let folder = TestPaths.temporaryFolder()
                defer { try? FileManager.default.removeItem(atPath: folder) }
                let output = try OutputDirectory(path: folder, force: false, directIO: directIO)
                let file = try output.createFile("data.nt")
                let expected = Array(data[0..<size])
                CompressionTests.write(expected, to: file, inPiecesOf: min(chunk, max(size, 1)))
                let listing = try output.commit { _ in Array("{}".utf8) }
                let written = [UInt8](FileManager.default.contents(atPath: folder + "/data.nt") ?? Data())
                #expect(written == expected, "size \(size), \(chunk)-byte writes, direct I/O \(directIO)")
                #expect(listing.written.first?.bytes == size)
                #expect(listing.written.first?.sha256 == SHA256Digest.hex(SHA256Digest.hash(expected)))
            }
        }
    }

    /// A file that fills a block writes direct wherever the file system takes `O_DIRECT`
    /// (probed on a file of its own in the same folder), never with `--buffered-io`, and a
    /// file smaller than a block never does.
    @Test func largeFilesWriteDirectWhereTheFileSystemAllows() throws {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let probe = open(folder + "/probe", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        try #require(probe >= 0)
        let supported = DirectIO.enable(probe)
        close(probe)
        unlink(folder + "/probe")

        let data = CompressionTests.sample(Self.block + 10)
        for directIO in [true, false] {
            let output = try OutputDirectory(path: folder + "/\(directIO)", force: false, directIO: directIO)
            let large = try output.createFile("large.nt")
            let small = try output.createFile("small.nt")
            CompressionTests.write(data, to: large, inPiecesOf: 65_536)
            CompressionTests.write(Array(data[0..<(Self.block - 1)]), to: small, inPiecesOf: 65_536)
            #expect(large.writesDirect == (directIO && supported), "direct I/O \(directIO), supported \(supported)")
            #expect(!small.writesDirect)
            _ = try output.commit { _ in Array("{}".utf8) }
            #expect(!large.writesDirect, "the last partial page is written through the page cache")
        }
    }
}
