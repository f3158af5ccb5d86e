#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads whole input files with plain POSIX calls, bounded by a size limit.
///
/// Foundation's file APIs are avoided here on purpose: they give no way to bound the read of
/// a file that grows or lies about its size, and they turn a directory or a FIFO into
/// confusing errors. Every failure comes back as a ``RecordError`` naming the file.
public enum FileBytes {
    /// The contents of the regular file at `path`, at most `limit` bytes.
    public static func contents(of path: String, limit: Int) throws(RecordError) -> [UInt8] {
        let whole = SourceLocation(file: path, line: 0)
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            throw RecordError(whole, "cannot open file: \(systemMessage(errno))")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw RecordError(whole, "cannot read file: \(systemMessage(errno))")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            let what = (info.st_mode & S_IFMT) == S_IFDIR ? "a directory" : "not a regular file"
            throw RecordError(whole, "cannot read file: it is \(what)")
        }
        if Int(info.st_size) > limit {
            throw RecordError(whole, "file is \(info.st_size) bytes, over the limit of \(limit) bytes")
        }
        // The first read goes into uninitialized storage, one byte larger than the file so a
        // file that grew shows: zero-filling it first (`repeating: 0`) cost a memset of every
        // file. A file that filled it is read on below, as it grows.
        var failure: Int32 = 0
        var bytes = [UInt8](unsafeUninitializedCapacity: Int(info.st_size) + 1) { buffer, initialized in
            guard let base = buffer.baseAddress else { return }
            while initialized < buffer.count {
                let n = read(fd, base + initialized, buffer.count - initialized)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if n == 0 { return }
                initialized += n
            }
        }
        if failure != 0 {
            throw RecordError(whole, "cannot read file: \(systemMessage(failure))")
        }
        var filled = bytes.count
        // Filled: the file grew since `fstat`; read on to its end.
        if filled > Int(info.st_size) {
            while true {
                if filled == bytes.count {
                    if filled > limit {
                        throw RecordError(whole, "file grew past the limit of \(limit) bytes while being read")
                    }
                    bytes.append(contentsOf: repeatElement(0, count: max(4096, bytes.count)))
                }
                let n = bytes.withUnsafeMutableBytes { buffer -> Int in
                    guard let base = buffer.baseAddress else { return 0 }
                    return read(fd, base + filled, buffer.count - filled)
                }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw RecordError(whole, "cannot read file: \(systemMessage(errno))")
                }
                if n == 0 { break }
                filled += n
            }
        }
        if filled > limit {
            throw RecordError(whole, "file is over the limit of \(limit) bytes")
        }
        bytes.removeSubrange(filled...)
        return bytes
    }

    /// True when a regular file (following links) exists at `path`.
    public static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// The C library's text for an errno value.
    public static func systemMessage(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}
