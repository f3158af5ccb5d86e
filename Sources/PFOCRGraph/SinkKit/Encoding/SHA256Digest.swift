internal import CLibCrypto

/// SHA-256 (FIPS 180-4) from the system's libcrypto (OpenSSL), fed incrementally.
///
/// Used for report.json's checksums of output and Mappings files (hashed as the bytes are
/// written, so no file is read twice) and for the hash suffix of long CX file names. A
/// maintained implementation instead of a hand-written one: libcrypto is on every Linux
/// system and costs no build time (see README, "Dependencies").
public final class SHA256Digest {
    private let context: OpaquePointer?
    private var finished: [UInt8]?

    public init() {
        context = EVP_MD_CTX_new()
        if let context { EVP_DigestInit_ex(context, EVP_sha256(), nil) }
    }

    deinit {
        EVP_MD_CTX_free(context)
    }

    /// Adds `bytes` to the message (ignored once ``finish()`` was called).
    public func update(_ bytes: UnsafeRawBufferPointer) {
        guard finished == nil, let context, let base = bytes.baseAddress, bytes.count > 0 else { return }
        EVP_DigestUpdate(context, base, bytes.count)
    }

    /// Adds `bytes` to the message.
    public func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The 32-byte digest of everything added; later calls return the same digest.
    public func finish() -> [UInt8] {
        if let finished { return finished }
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        if let context {
            _ = digest.withUnsafeMutableBufferPointer { EVP_DigestFinal_ex(context, $0.baseAddress, &length) }
        }
        finished = digest
        return digest
    }

    /// The digest as 64 lowercase hex digits (the `sha256sum` spelling).
    public func finishHex() -> String {
        SHA256Digest.hex(finish())
    }

    /// The digest of `message`.
    public static func hash(_ message: [UInt8]) -> [UInt8] {
        let digest = SHA256Digest()
        digest.update(message)
        return digest.finish()
    }

    /// The hex digest of `message`.
    public static func hexHash(_ message: [UInt8]) -> String {
        hex(hash(message))
    }

    /// Lowercase hex of `bytes`.
    public static func hex(_ bytes: [UInt8]) -> String {
        Hex.lowerString(bytes)
    }
}
