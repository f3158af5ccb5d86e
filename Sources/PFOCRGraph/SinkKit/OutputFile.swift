#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import PFOCRRecords

/// A buffered output file inside the export's staging folder.
///
/// Writes never throw: the first write error is kept and reported by ``close()`` (and by
/// ``OutputDirectory``'s checks), the way `FILE*` works, so sinks stay readable. A file is
/// moved to its final name only after the whole export succeeded.
public final class OutputFile {
    /// The path relative to the output folder (`neo4j/nodes-Gene.csv`).
    public let relativePath: String
    let stagingPath: String
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private let capacity = 1 << 20
    private(set) var error: ExportError?
    /// Bytes written so far.
    public private(set) var size: Int = 0
    /// SHA-256 of the bytes as they reach the file, so report.json's checksums cost no
    /// second read.
    private let digest = SHA256Digest()

    init(relativePath: String, stagingPath: String) throws(ExportError) {
        self.relativePath = relativePath
        self.stagingPath = stagingPath
        descriptor = open(stagingPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw ExportError.io(path: stagingPath, reason: FileBytes.systemMessage(errno))
        }
        buffer.reserveCapacity(capacity)
    }

    deinit {
        if descriptor >= 0 { _ = systemClose(descriptor) }
    }

    /// Appends the UTF-8 of `text`.
    public func write(_ text: String) {
        var text = text
        text.withUTF8 { write($0) }
    }

    /// Appends raw bytes.
    public func write<Bytes: Sequence<UInt8>>(bytes: Bytes) {
        if let done: Void = bytes.withContiguousStorageIfAvailable({ write($0) }) { return done }
        buffer.append(contentsOf: bytes)
        if buffer.count >= capacity { flush() }
    }

    /// Appends raw bytes; a chunk larger than the buffer goes straight to the file.
    public func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        if buffer.count + bytes.count > capacity {
            flush()
            if bytes.count >= capacity {
                writeOut(UnsafeRawBufferPointer(bytes))
                return
            }
        }
        buffer.append(contentsOf: bytes)
    }

    /// Writes the buffer out.
    func flush() {
        if !buffer.isEmpty {
            buffer.withUnsafeBytes { writeOut($0) }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// write(2) until every byte is out, or keeps the first error.
    private func writeOut(_ raw: UnsafeRawBufferPointer) {
        guard error == nil, let base = raw.baseAddress else { return }
        var offset = 0
        while offset < raw.count {
            let written = systemWrite(descriptor, base + offset, raw.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                error = .io(path: stagingPath, reason: FileBytes.systemMessage(errno))
                return
            }
            digest.update(UnsafeRawBufferPointer(rebasing: raw[offset..<offset + written]))
            offset += written
        }
        size += offset
    }

    /// Flushes and closes; throws the first error any write met.
    public func close() throws(ExportError) {
        flush()
        if descriptor >= 0 {
            if systemClose(descriptor) != 0, error == nil {
                error = .io(path: stagingPath, reason: FileBytes.systemMessage(errno))
            }
            descriptor = -1
        }
        // OutputDirectory keeps every file until commit; a closed file must not keep its
        // 1 MB buffer, or per-figure formats (CX: one file per figure) grow with the corpus.
        buffer = []
        if let error { throw error }
    }

    /// The hex SHA-256 of the file's bytes; call after ``close()``.
    public var sha256: String { digest.finishHex() }
}

// The C library's write(2) and close(2), named apart from OutputFile's own methods.
#if canImport(Glibc)
private let systemWrite = Glibc.write
private let systemClose = Glibc.close
#elseif canImport(Musl)
private let systemWrite = Musl.write
private let systemClose = Musl.close
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
private let systemClose = Darwin.close
#endif
