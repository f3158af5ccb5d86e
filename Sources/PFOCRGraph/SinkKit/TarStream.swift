import PFOCRRecords

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a POSIX tar stream (ustar, with a PAX extended header where ustar cannot hold a
/// path or size) into an ``OutputFile``, member after member, reading each member's bytes from
/// disk in blocks so no file is held in memory.
///
/// Deterministic by construction: every member is a regular file with mode 0644, uid and gid
/// 0, no user or group name and modification time 0, in the order given (the export sorts by
/// path), so the same files give the same archive. GNU tar, bsdtar and Python's tarfile read
/// PAX headers (POSIX.1-2001).
struct TarStream {
    private let file: OutputFile
    private static let record = 512

    init(into file: OutputFile) {
        self.file = file
    }

    /// Appends the file at `sourcePath` as member `name`.
    func append(name: String, sourcePath: String) throws(ExportError) {
        let descriptor = open(sourcePath, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ExportError.io(path: sourcePath, reason: FileBytes.systemMessage(errno)) }
        defer { _ = close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw ExportError.io(path: sourcePath, reason: FileBytes.systemMessage(errno))
        }
        let size = Int(status.st_size)
        writeHeader(name: name, size: size)
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var copied = 0
        while copied < size {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, min($0.count, size - copied)) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ExportError.io(path: sourcePath, reason: FileBytes.systemMessage(errno))
            }
            guard count > 0 else { throw ExportError.io(path: sourcePath, reason: "file shrank while archived") }
            chunk.withUnsafeBufferPointer { file.write(UnsafeBufferPointer(rebasing: $0[..<count])) }
            copied += count
        }
        pad(size)
    }

    /// Ends the archive: two zero records.
    func finish() {
        file.write(bytes: [UInt8](repeating: 0, count: 2 * TarStream.record))
    }

    /// The ustar header of a regular file, preceded by a PAX header when `name` is over 100
    /// bytes or `size` over ustar's 8 GiB - 1.
    private func writeHeader(name: String, size: Int) {
        let nameBytes = Array(name.utf8)
        let maxUstarSize = 0o77777777777
        var pax: [(String, String)] = []
        if nameBytes.count > 100 { pax.append(("path", name)) }
        if size > maxUstarSize { pax.append(("size", String(size))) }
        if !pax.isEmpty {
            var body: [UInt8] = []
            for (key, value) in pax { body += TarStream.paxRecord(key: key, value: value) }
            file.write(
                bytes: TarStream.header(
                    name: Array("PaxHeader/".utf8) + nameBytes.prefix(90), size: body.count, type: UInt8(ascii: "x")))
            file.write(bytes: body)
            pad(body.count)
        }
        file.write(
            bytes: TarStream.header(
                name: Array(nameBytes.prefix(100)), size: min(size, maxUstarSize), type: UInt8(ascii: "0")))
    }

    /// Zero bytes up to the next record boundary after `size` bytes.
    private func pad(_ size: Int) {
        let rest = size % TarStream.record
        if rest != 0 { file.write(bytes: [UInt8](repeating: 0, count: TarStream.record - rest)) }
    }

    /// `"<length> key=value\n"`, the length counting itself.
    static func paxRecord(key: String, value: String) -> [UInt8] {
        let payload = " \(key)=\(value)\n".utf8.count
        var length = payload + 1
        while String(length).utf8.count + payload != length { length += 1 }
        return Array("\(length) \(key)=\(value)\n".utf8)
    }

    /// One 512-byte ustar header.
    static func header(name: [UInt8], size: Int, type: UInt8) -> [UInt8] {
        var header = [UInt8](repeating: 0, count: record)
        func put(_ bytes: [UInt8], at offset: Int) {
            for (index, byte) in bytes.enumerated() { header[offset + index] = byte }
        }
        func octal(_ value: Int, width: Int) -> [UInt8] {
            let digits = String(value, radix: 8)
            return Array((String(repeating: "0", count: max(0, width - 1 - digits.count)) + digits).utf8) + [0]
        }
        put(Array(name.prefix(100)), at: 0)
        put(octal(0o644, width: 8), at: 100)
        put(octal(0, width: 8), at: 108)
        put(octal(0, width: 8), at: 116)
        put(octal(size, width: 12), at: 124)
        put(octal(0, width: 12), at: 136)
        put([UInt8](repeating: UInt8(ascii: " "), count: 8), at: 148)
        header[156] = type
        put(Array("ustar".utf8) + [0] + Array("00".utf8), at: 257)
        let checksum = header.reduce(0) { $0 + Int($1) }
        put(octal(checksum, width: 7) + [UInt8(ascii: " ")], at: 148)
        return header
    }
}
