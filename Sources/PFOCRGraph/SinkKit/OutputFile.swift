import Foundation
import PFOCRRecords

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A buffered output file inside the export's staging folder.
///
/// A plain file is buffered in a page-aligned block of ``BlockCompressor/blockSize`` bytes.
/// Once a file fills its first block it switches to direct I/O (`O_DIRECT` on Linux, where the
/// file system supports it; see ``DirectIO``): the kernel then hands the block to the disk
/// without copying it into the page cache. That copy was the single largest cost of an
/// export (on the development machine 2.5 CPU s a GB, a third of an all-format export's CPU,
/// all of it on the one consumer thread), and writing the same bytes direct took 0.1 s a GB.
/// Files smaller than one block (a CX network, the scripts) never switch, and the last partial
/// page of every file is written through the page cache, so sizes need no padding. Where direct
/// I/O is refused (another file system, an older kernel, `--buffered-io`), the file stays
/// buffered: the bytes are the same either way.
///
/// Writes never throw: the first write error is kept and reported by ``close()`` (and by
/// ``OutputDirectory``'s checks), the way `FILE*` works, so sinks stay readable. A file is
/// moved to its final name only after the whole export succeeded.
///
/// A compressed file (`--compress gzip` or `zstd`, archives) cuts its bytes into blocks of
/// ``BlockCompressor/blockSize`` at fixed offsets and hands each full block to the directory's
/// ``BlockCompressor`` pool; the worker that compresses a block writes it, and every finished
/// member or frame after it, in order (``deliver(_:sequence:)``), under the file's lock. ``close()``
/// queues the last block and returns; ``OutputDirectory`` waits for the pool before it lists
/// sizes and checksums, which are those of the bytes on disk (compressed).
public final class OutputFile {
    /// The path relative to the output folder, as written (`neo4j/nodes-Gene.csv.gz`).
    public let relativePath: String
    let stagingPath: String
    private var descriptor: Int32
    /// A compressed file's open block (handed to the pool when full).
    private var buffer: [UInt8] = []
    /// A plain file's open block: page-aligned, so full pages can go out direct.
    private var plain: PageBlock?
    /// Whether the plain file writes full pages with direct I/O: not yet tried, on, or off
    /// for good (refused, or `--buffered-io`).
    private var direct: DirectIO.State
    private let capacity = BlockCompressor.blockSize
    /// The consumer thread's first error (plain writes, closing).
    private var ownError: ExportError?
    /// Bytes written so far.
    public var size: Int { locked { writtenBytes } }
    private var writtenBytes = 0
    /// SHA-256 of the bytes as they reach the file, so report.json's checksums cost no
    /// second read.
    private let digest = SHA256Digest()
    /// The checksum of an adopted file (``init(adopting:as:errors:)``), hashed by the worker.
    private var adoptedChecksum: String?

    /// The pool compressing this file's blocks; nil for a plain file.
    private let members: BlockCompressor?
    // Gzip state, guarded by `lock` (workers deliver members).
    private let lock = NSLock()
    private var submitted = 0
    private var nextToWrite = 0
    private var finished: [Int: [UInt8]] = [:]
    private var closed = false
    private var writerError: ExportError?

    /// Where the file reports its first error, so the directory learns of any file's error
    /// without asking each file (one check per figure, thousands of files).
    private let errors: FirstError

    /// How the pool compresses this file's blocks; ``OutputCompression/none`` for a plain file.
    let codec: OutputCompression

    /// A plain file when `codec` is ``OutputCompression/none``, else one whose blocks `pool`
    /// compresses with `codec`.
    init(
        relativePath: String, stagingPath: String, codec: OutputCompression, pool: BlockCompressor?,
        errors: FirstError, directIO: Bool = true
    )
        throws(ExportError)
    {
        self.relativePath = relativePath
        self.stagingPath = stagingPath
        self.codec = codec
        members = codec == .none ? nil : pool
        self.errors = errors
        direct = directIO && DirectIO.isAvailable ? .untried : .off
        descriptor = open(stagingPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw ExportError.io(path: stagingPath, reason: FileBytes.systemMessage(errno))
        }
        if let members {
            buffer = members.emptyBlock()
        } else {
            plain = PageBlock(capacity: capacity)
        }
    }

    /// A closed file a worker wrote (``OutputDirectory/adopt(_:as:)``): its size and checksum
    /// are the worker's.
    init(adopting prewritten: PrewrittenFile, as relativePath: String, errors: FirstError) {
        self.relativePath = relativePath
        stagingPath = prewritten.path
        codec = .none
        members = nil
        self.errors = errors
        direct = .off
        descriptor = -1
        writtenBytes = prewritten.size
        adoptedChecksum = prewritten.sha256
    }

    deinit {
        if descriptor >= 0 { _ = systemClose(descriptor) }
    }

    /// True while the file writes its full pages with direct I/O (for tests).
    var writesDirect: Bool { direct == .on }

    /// The first error met writing this file, on any thread.
    var error: ExportError? {
        if let ownError { return ownError }
        guard members != nil else { return nil }
        return locked { writerError }
    }

    /// Appends the UTF-8 of `text`.
    public func write(_ text: String) {
        var text = text
        text.withUTF8 { write($0) }
    }

    /// Appends raw bytes.
    public func write<Bytes: Sequence<UInt8>>(bytes: Bytes) {
        if let done: Void = bytes.withContiguousStorageIfAvailable({ write($0) }) { return done }
        let copy = Array(bytes)
        copy.withUnsafeBufferPointer { write($0) }
    }

    /// Appends raw bytes.
    public func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        if members != nil {
            var rest = bytes[...]
            while !rest.isEmpty {
                let take = min(rest.count, capacity - buffer.count)
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: rest.prefix(take)))
                rest = rest.dropFirst(take)
                if buffer.count == capacity { submitBlock(last: false) }
            }
            return
        }
        guard let plain, var source = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let take = plain.append(source, count: remaining)
            source += take
            remaining -= take
            if plain.isFull { flush(last: false) }
        }
    }

    /// Hands the buffer to the pool as the next member (and takes an empty one unless it was
    /// the last).
    private func submitBlock(last: Bool) {
        guard let members else { return }
        var block = last ? [] : members.emptyBlock()
        swap(&block, &buffer)
        let sequence = submitted
        submitted += 1
        members.submit(block, sequence: sequence, to: self)
    }

    /// Writes a plain file's block out: every whole page direct when direct I/O is on (the
    /// rest, under a page, moves to the block's start), or all of it when `last` or buffered.
    func flush(last: Bool) {
        guard members == nil, let plain, plain.count > 0 else { return }
        let whole = last ? 0 : plain.count & ~(DirectIO.alignment - 1)
        if whole > 0, direct == .untried { direct = DirectIO.enable(descriptor) ? .on : .off }
        if whole > 0, direct == .on {
            if let failure = writeOut(UnsafeRawBufferPointer(start: plain.base, count: whole)) {
                failOnConsumer(failure)
            }
            plain.removeFirst(whole)
            return
        }
        // The last bytes, or a file that does not write direct: through the page cache.
        if direct == .on { turnOffDirectIO() }
        if let failure = writeOut(UnsafeRawBufferPointer(start: plain.base, count: plain.count)) {
            failOnConsumer(failure)
        }
        plain.removeAll()
    }

    /// Writes through the page cache from now on (the file's last partial page, or a file
    /// system that took `O_DIRECT` at fcntl(2) but refuses the writes).
    private func turnOffDirectIO() {
        if !DirectIO.disable(descriptor) {
            failOnConsumer(.io(path: stagingPath, reason: FileBytes.systemMessage(errno)))
        }
        direct = .off
    }

    /// write(2) until every byte is out; returns the error that stopped it. A direct write the
    /// file system refuses (`EINVAL`: an alignment stricter than a page) is written again
    /// through the page cache, and the file stays buffered.
    private func writeOut(_ raw: UnsafeRawBufferPointer) -> ExportError? {
        guard let base = raw.baseAddress else { return nil }
        var offset = 0
        while offset < raw.count {
            let written = systemWrite(descriptor, base + offset, raw.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                if errno == EINVAL && direct == .on {
                    turnOffDirectIO()
                    continue
                }
                return .io(path: stagingPath, reason: FileBytes.systemMessage(errno))
            }
            digest.update(UnsafeRawBufferPointer(rebasing: raw[offset..<offset + written]))
            offset += written
        }
        writtenBytes += offset
        return nil
    }

    /// A worker's compressed member `sequence`: written now if it is the next one (with the
    /// finished members after it), kept until then otherwise. Closes the descriptor after the
    /// last member of a closed file.
    func deliver(_ member: [UInt8], sequence: Int) {
        lock.lock()
        defer { lock.unlock() }
        finished[sequence] = member
        while let next = finished.removeValue(forKey: nextToWrite) {
            if writerError == nil, ownError == nil, let failure = next.withUnsafeBytes({ writeOut($0) }) {
                writerError = failure
                errors.record(failure)
            }
            nextToWrite += 1
        }
        closeIfDone()
    }

    /// A member that could not be made: the file is failed; the order still advances.
    func deliver(failure: ExportError, sequence: Int) {
        lock.lock()
        if writerError == nil { writerError = failure }
        lock.unlock()
        errors.record(failure)
        deliver([], sequence: sequence)
    }

    /// Closes the descriptor once a closed gzip file's members are all written (under `lock`).
    private func closeIfDone() {
        guard closed, nextToWrite == submitted, descriptor >= 0 else { return }
        if systemClose(descriptor) != 0, writerError == nil {
            let failure = ExportError.io(path: stagingPath, reason: FileBytes.systemMessage(errno))
            writerError = failure
            errors.record(failure)
        }
        descriptor = -1
    }

    /// Flushes and closes; throws the first error any write met so far. A gzip file queues
    /// its last member (an empty file gets one empty member, so it is a valid gzip file) and
    /// is closed by the worker that writes it; ``OutputDirectory/closeFiles()`` waits for that.
    public func close() throws(ExportError) {
        if members != nil {
            if !closed {
                if !buffer.isEmpty || submitted == 0 { submitBlock(last: true) }
                locked {
                    closed = true
                    closeIfDone()
                }
            }
        } else {
            flush(last: true)
            if descriptor >= 0 {
                if systemClose(descriptor) != 0 {
                    failOnConsumer(.io(path: stagingPath, reason: FileBytes.systemMessage(errno)))
                }
                descriptor = -1
            }
        }
        // OutputDirectory keeps every file until commit; a closed file must not keep its
        // 1 MB buffer, or per-figure formats (CX: one file per figure) grow with the corpus.
        buffer = []
        plain = nil
        if let error { throw error }
    }

    /// The hex SHA-256 of the file's bytes; call after ``close()`` (and, for a gzip file,
    /// after the pool is idle).
    public var sha256: String { adoptedChecksum ?? locked { digest.finishHex() } }

    /// Keeps the first error met on the consumer thread and reports it.
    private func failOnConsumer(_ failure: ExportError) {
        guard ownError == nil else { return }
        ownError = failure
        errors.record(failure)
    }

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }
}

/// The first error of any file of an export, set from any thread.
final class FirstError: @unchecked Sendable {
    private let lock = NSLock()
    private var error: ExportError?

    init() {}

    var value: ExportError? {
        lock.lock()
        defer { lock.unlock() }
        return error
    }

    func record(_ failure: ExportError) {
        lock.lock()
        if error == nil { error = failure }
        lock.unlock()
    }
}

// The C library's write(2) and close(2), named apart from OutputFile's own methods (also
// FilePrewriter's).
#if canImport(Glibc)
    let systemWrite = Glibc.write
    let systemClose = Glibc.close
#elseif canImport(Musl)
    let systemWrite = Musl.write
    let systemClose = Musl.close
#elseif canImport(Darwin)
    let systemWrite = Darwin.write
    let systemClose = Darwin.close
#endif
