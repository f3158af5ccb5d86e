import CLibDeflate
import CLibZstd
import Foundation

/// How an export writes its data files (`--compress`).
///
/// With ``gzip`` every data file a sink creates through ``OutputDirectory/createFile(_:)``
/// gets the suffix `.gz` and is written as a series of independent gzip members, one per
/// ``BlockCompressor/blockSize`` bytes of uncompressed data (the last one shorter), compressed on
/// worker threads (``BlockCompressor``). A concatenation of gzip members is one valid gzip file
/// (RFC 1952, 2.2), which every reader used here takes: gzip, zcat, Python's gzip module,
/// neo4j-admin, kgx. Files meant to be run or checked by hand (`import.sh`, `load.cypher`,
/// `SHA256SUMS`, `report.json`) stay plain: see ``OutputDirectory/createPlainFile(_:)``.
///
/// With ``zstd`` the same holds with zstd frames (RFC 8878, 3.1: a zstd stream is a series
/// of frames) and the suffix `.zst`: `zstd -d`, `zstdcat` and Python's `zstandard` read
/// them as one stream; each frame carries its content size and an XXH64 checksum.
public enum OutputCompression: String, Sendable, CaseIterable {
    case none
    case gzip
    case zstd

    /// The suffix a compressed file's name gets (`.gz`, `.zst`), empty for ``none``.
    public var suffix: String {
        switch self {
        case .none: return ""
        case .gzip: return ".gz"
        case .zstd: return ".zst"
        }
    }
}

/// A thread pool compressing fixed-size blocks of output files into gzip members or zstd
/// frames (the file's ``OutputFile/codec``).
///
/// Determinism (Docs/compression.md): a file's members start at fixed offsets of its
/// uncompressed bytes (multiples of ``blockSize``, whatever `--jobs` is or which thread
/// compressed them), each member is libdeflate's gzip of its block alone at ``level``, and
/// libdeflate writes a fixed header (no file name, modification time 0, OS byte 255), so the
/// same bytes in give the same file out. Members are written to their file in order by
/// whichever worker completes the next one (``OutputFile`` keeps the order).
///
/// Memory is bounded: ``submit(_:to:)`` waits while ``limit`` blocks are in flight, which also
/// keeps the export's consumer thread from running ahead of the compressors.
final class BlockCompressor: @unchecked Sendable {
    /// Uncompressed bytes per member: large enough that the member's header and the restart
    /// of the compressor's dictionary cost little (0.6 % more bytes than 256 MiB blocks for
    /// the bench corpus's N-Triples and KGX edges), small enough that the blocks in flight
    /// stay a few dozen MiB.
    static let blockSize = 1 << 20
    /// libdeflate's compression level. Level 1 is the fastest; on the bench corpus it already
    /// writes 1/11 of the bytes of every format together (Docs/compression.md, "Measured").
    static let level: Int32 = 1
    /// zstd's compression level: 1, its fastest standard level (Docs/compression.md,
    /// "Measured", has its size and time beside gzip's).
    static let zstdLevel: Int32 = 1

    private struct Job {
        let file: OutputFile
        let sequence: Int
        var block: [UInt8]
    }

    // All mutable state is guarded by `condition`.
    private let condition = NSCondition()
    private var queue: [Job?] = []
    private var head = 0
    private var inFlight = 0
    private var stopped = false
    private var running = 0
    private let limit: Int
    /// Compressed blocks' buffers, emptied, for the next blocks: 1 MiB arrays reused instead
    /// of allocated (and page-faulted in) for every MiB of output.
    private var spare: [[UInt8]] = []

    /// Starts `threads` compressing threads.
    init(threads: Int) {
        let count = max(1, threads)
        limit = 8 * count + 4
        running = count
        for _ in 0..<count {
            let thread = Thread { [self] in self.workerLoop() }
            thread.start()
        }
    }

    /// Queues `block` (member number `sequence` of `file`) for compression; waits while the
    /// pool holds ``limit`` blocks.
    func submit(_ block: [UInt8], sequence: Int, to file: OutputFile) {
        condition.lock()
        while inFlight >= limit && !stopped { condition.wait() }
        inFlight += 1
        queue.append(Job(file: file, sequence: sequence, block: block))
        condition.broadcast()
        condition.unlock()
    }

    /// An empty buffer with room for a block (a recycled one when there is one).
    func emptyBlock() -> [UInt8] {
        condition.lock()
        let recycled = spare.popLast()
        condition.unlock()
        if let recycled { return recycled }
        var block: [UInt8] = []
        block.reserveCapacity(BlockCompressor.blockSize)
        return block
    }

    /// Waits until every submitted block is compressed and written.
    func waitUntilIdle() {
        condition.lock()
        while inFlight > 0 { condition.wait() }
        condition.unlock()
    }

    /// Finishes the queued work and ends the threads. The threads hold the pool, so
    /// ``OutputDirectory`` calls this when the export commits or is discarded.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        while running > 0 { condition.wait() }
        condition.unlock()
    }

    private func workerLoop() {
        BlockCompressor.lowerPriority()
        // A compressor per thread: neither library's compressors are shareable.
        let compressor = libdeflate_alloc_compressor(BlockCompressor.level)
        defer { if let compressor { libdeflate_free_compressor(compressor) } }
        var zstdContext: OpaquePointer?
        defer { if let zstdContext { ZSTD_freeCCtx(zstdContext) } }
        while true {
            condition.lock()
            while head == queue.count && !stopped { condition.wait() }
            guard head < queue.count else {
                running -= 1
                condition.broadcast()
                condition.unlock()
                return
            }
            // Queued slots are never empty; taking the job leaves the block uniquely owned here.
            let taken = queue[head].take()
            head += 1
            if head > 64 && head * 2 > queue.count {
                queue.removeFirst(head)
                head = 0
            }
            condition.unlock()
            guard var job = taken else { continue }

            var block: [UInt8] = []
            swap(&block, &job.block)
            var member: [UInt8]?
            switch job.file.codec {
            case .zstd:
                if zstdContext == nil { zstdContext = BlockCompressor.makeZstdContext() }
                if let zstdContext { member = BlockCompressor.zstdFrame(block, with: zstdContext) }
            case .gzip, .none:
                if let compressor { member = BlockCompressor.compress(block, with: compressor) }
            }
            if let member {
                job.file.deliver(member, sequence: job.sequence)
            } else {
                job.file.deliver(
                    failure: .io(path: job.file.relativePath, reason: "\(job.file.codec.rawValue) compression failed"),
                    sequence: job.sequence)
            }
            block.removeAll(keepingCapacity: true)

            condition.lock()
            if block.capacity >= BlockCompressor.blockSize && spare.count < limit { spare.append(block) }
            inFlight -= 1
            condition.broadcast()
            condition.unlock()
        }
    }

    /// Gives the calling thread a lower scheduling priority (nice +5; Linux keeps a nice
    /// value per thread). The export's consumer thread is its serial path: with the compressors at equal
    /// priority, five runnable threads on two cores left it a fraction of a core. Lowered,
    /// they take the CPU time the readers and renderers leave, and when they fall behind the
    /// queue's limit stops the consumer until they catch up.
    private static func lowerPriority() {
        #if os(Linux)
            // On Linux the nice value belongs to the thread: `who` 0 is the calling thread.
            let which = __priority_which_t(PRIO_PROCESS.rawValue)
            _ = setpriority(which, 0, getpriority(which, 0) + 5)
        #endif
    }

    /// One gzip member holding `block`, or nil if libdeflate failed (it cannot with a
    /// bound-sized buffer; nil is reported as an I/O error rather than trapped).
    static func compress(_ block: [UInt8], with compressor: OpaquePointer) -> [UInt8]? {
        let bound = libdeflate_gzip_compress_bound(compressor, block.count)
        var written = 0
        let member = block.withUnsafeBytes { input in
            [UInt8](unsafeUninitializedCapacity: bound) { output, count in
                written = libdeflate_gzip_compress(
                    compressor, input.baseAddress, input.count, output.baseAddress, output.count)
                count = written
            }
        }
        guard written > 0 else { return nil }
        return member
    }

    /// A zstd context at ``zstdLevel`` that writes each frame's content size and checksum, or
    /// nil if libzstd cannot make one.
    static func makeZstdContext() -> OpaquePointer? {
        guard let context = ZSTD_createCCtx() else { return nil }
        let level = ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, zstdLevel)
        let checksum = ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, 1)
        guard ZSTD_isError(level) == 0, ZSTD_isError(checksum) == 0 else {
            ZSTD_freeCCtx(context)
            return nil
        }
        return context
    }

    /// One zstd frame holding `block`, or nil if libzstd failed. Single-threaded compression
    /// with fixed parameters: the same block gives the same frame on any thread.
    static func zstdFrame(_ block: [UInt8], with context: OpaquePointer) -> [UInt8]? {
        let bound = ZSTD_compressBound(block.count)
        var failed = false
        let frame = block.withUnsafeBytes { input in
            [UInt8](unsafeUninitializedCapacity: bound) { output, count in
                let written = ZSTD_compress2(context, output.baseAddress, output.count, input.baseAddress, input.count)
                failed = ZSTD_isError(written) != 0
                count = failed ? 0 : written
            }
        }
        return failed ? nil : frame
    }

    /// `bytes` as zstd frames of ``blockSize`` (one empty frame for no bytes), on the calling
    /// thread: what a zstd file holding `bytes` contains. For tests.
    static func zstd(_ bytes: [UInt8]) -> [UInt8]? {
        guard let context = makeZstdContext() else { return nil }
        defer { ZSTD_freeCCtx(context) }
        return inBlocks(bytes) { zstdFrame($0, with: context) }
    }

    /// `bytes` as gzip members of ``blockSize`` (one empty member for no bytes), on the calling
    /// thread: what a compressed file holding `bytes` contains. For tests and small files.
    static func gzip(_ bytes: [UInt8]) -> [UInt8]? {
        guard let compressor = libdeflate_alloc_compressor(level) else { return nil }
        defer { libdeflate_free_compressor(compressor) }
        return inBlocks(bytes) { compress($0, with: compressor) }
    }

    /// `bytes` cut at the pool's fixed block offsets, each block compressed by `compress`,
    /// concatenated (one empty block for no bytes); nil if a block fails.
    private static func inBlocks(_ bytes: [UInt8], _ compress: ([UInt8]) -> [UInt8]?) -> [UInt8]? {
        var out: [UInt8] = []
        var start = 0
        repeat {
            let end = min(bytes.count, start + blockSize)
            guard let block = compress(Array(bytes[start..<end])) else { return nil }
            out += block
            start = end
        } while start < bytes.count
        return out
    }
}
