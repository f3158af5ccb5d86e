import Foundation
import PFOCRGraph
import Testing

/// JSONText's string escaping, which scans eight bytes at a time, against Foundation's
/// JSON reader: every string, escaped, must read back as itself.
@Suite struct JSONTextTests {
    /// Strings with every control character, quotes and backslashes at every offset of an
    /// eight-byte word, multi-byte UTF-8, and long plain runs.
    static func samples() -> [String] {
        var strings = [
            "", "a", "plain ascii text of some length", "ümlaut – dash 😀 emoji", String(repeating: "x", count: 100),
        ]
        for special in (0..<0x20).map({ String(UnicodeScalar(UInt8($0))) }) + ["\"", "\\", "\u{7F}", "é"] {
            for offset in 0..<17 {
                strings.append(String(repeating: "a", count: offset) + special + String(repeating: "b", count: 9))
            }
        }
        return strings
    }

    @Test func escapedStringsReadBackAsThemselves() throws {
        for text in Self.samples() {
            var bytes: [UInt8] = []
            JSONText.appendString(text, to: &bytes)
            let decoded = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) as? String
            #expect(decoded == text, "\(Array(text.utf8))")
            #expect(!bytes.dropFirst().dropLast().contains { $0 < 0x20 })
            #expect(JSONText.string(text) == String(decoding: bytes, as: UTF8.self))
        }
    }

    @Test func onlyControlsQuotesAndBackslashesAreEscaped() {
        var bytes: [UInt8] = []
        JSONText.appendString("a\"b\\c\nd\u{01}é😀", to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == #""a\"b\\c\nd\u0001é😀""#)
    }
}
