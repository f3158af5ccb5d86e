#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Direct I/O for large plain output files: full pages go from ``PageBlock`` to the disk
/// without the kernel's copy into the page cache (see ``OutputFile``).
///
/// Linux only (`O_DIRECT`, switched on with fcntl(2) once a file has a full block to write).
/// The flag's value is the kernel's, per architecture (`asm/fcntl.h`): Swift's Glibc module
/// does not export it, as it is a GNU extension. On other systems and architectures
/// ``isAvailable`` is false and every file is written through the page cache.
enum DirectIO {
    /// Whether a plain file writes its full pages direct.
    enum State {
        case untried, on, off
    }

    /// Offsets, lengths and buffer addresses of direct writes are multiples of this: the
    /// page size, which satisfies every logical block size Linux file systems use (512 or
    /// 4,096 bytes).
    static let alignment = 4096

    #if os(Linux) && (arch(x86_64) || arch(i386))
        static let flag: Int32 = 0o40000
    #elseif os(Linux) && (arch(arm64) || arch(arm))
        static let flag: Int32 = 0o200000
    #else
        static let flag: Int32 = 0
    #endif

    /// False where this build does not know the flag.
    static var isAvailable: Bool { flag != 0 }

    /// Turns direct I/O on for `descriptor`; false when the file system refuses it.
    static func enable(_ descriptor: Int32) -> Bool {
        guard isAvailable else { return false }
        let flags = fcntl(descriptor, F_GETFL)
        return flags >= 0 && fcntl(descriptor, F_SETFL, flags | flag) == 0
    }

    /// Turns direct I/O off again (for a file's last, partial page); false on failure.
    static func disable(_ descriptor: Int32) -> Bool {
        let flags = fcntl(descriptor, F_GETFL)
        return flags >= 0 && fcntl(descriptor, F_SETFL, flags & ~flag) == 0
    }
}

/// A page-aligned byte block of fixed capacity: an ``OutputFile``'s buffer, aligned so that
/// its whole pages can be written with direct I/O.
final class PageBlock {
    let base: UnsafeMutableRawPointer
    let capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = capacity
        base = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: DirectIO.alignment)
    }

    deinit {
        base.deallocate()
    }

    var isFull: Bool { count == capacity }

    /// Copies as many of `count` bytes from `source` as fit; returns how many.
    func append(_ source: UnsafePointer<UInt8>, count wanted: Int) -> Int {
        let take = min(wanted, capacity - count)
        (base + count).copyMemory(from: source, byteCount: take)
        count += take
        return take
    }

    /// Drops the first `written` bytes, moving the rest (under a page) to the start.
    func removeFirst(_ written: Int) {
        let rest = count - written
        if rest > 0 { base.copyMemory(from: base + written, byteCount: rest) }
        count = rest
    }

    func removeAll() {
        count = 0
    }
}
