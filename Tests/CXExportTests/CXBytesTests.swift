import PFOCRGraph
import Testing

@testable import CXExport

/// The CX byte writers write what the shared encoders (`JSONText`, `GraphEdge.value`) would.
@Suite struct CXBytesTests {
    func text(_ write: (inout ByteBuffer) -> Void) -> String {
        var out = ByteBuffer(capacity: 0)
        write(&out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// Texts with nothing to escape (short, long, multi-byte) and with something to escape
    /// at every position of an eight-byte word, as `JSONText` writes them.
    @Test func stringsAreEscapedAsJSONTextEscapesThem() {
        var texts = ["", "a", "plain text", "PI3Kγ and Crohn's", String(repeating: "long enough ", count: 20)]
        for special in ["\"", "\\", "\n", "\t", "\u{01}", "\u{1F}"] {
            for position in 0..<17 {
                texts.append(String(repeating: "x", count: position) + special + "tail")
            }
        }
        for text in texts {
            #expect(self.text { JSONText.appendString(text, to: &$0) } == JSONText.string(text), "\(text)")
            var escaped: [UInt8] = []
            JSONText.appendEscaped(text, to: &escaped)
            #expect(self.text { JSONText.appendEscaped(text, to: &$0) } == String(decoding: escaped, as: UTF8.self))
        }
    }

    /// The HTML attributes, written from their bytes, are the JSON strings of their texts.
    @Test func htmlBytesAreWrittenAsTheirStrings() throws {
        let caption = "A \"quoted\" <b>caption</b>\twith a tab, a backslash \\ and a long enough tail"
        let html = try #require(CXHTML.descriptionBytes(caption: caption, image: "https://x.org/a.jpg"))
        let written = text { out in html.withUnsafeBufferPointer { JSONText.appendString(bytes: $0, to: &out) } }
        #expect(
            written == JSONText.string(try #require(CXHTML.description(caption: caption, image: "https://x.org/a.jpg")))
        )
    }

    @Test func decimalsAreWrittenAsStringWritesThem() {
        for value in Array(0...1100) + [9_999, 10_000, 12_345, Int.max, -1, -10, Int.min] {
            #expect(text { $0.append(decimal: value) } == String(value))
        }
    }

    @Test func valuesAreWrittenAsJSONTextWritesThem() {
        let values: [PropertyValue] = [
            .string("a\"b"), .iri("https://x.org/a"), .integer(-3), .double(0.5), .boolean(true), .boolean(false),
            .stringList([]), .stringList(["a, b", "c\n"]),
        ]
        for value in values {
            var json: [UInt8] = []
            JSONText.appendValue(value, to: &json)
            #expect(text { CXJSON.appendValue(value, to: &$0) } == String(decoding: json, as: UTF8.self))
            #expect(text { CXJSON.appendText(value, to: &$0) } == JSONText.string(CXNetworkBuilder.text(value).text()))
        }
    }

    /// Every MENTIONS property the builder makes from the rows is what `GraphEdge.value`
    /// makes, written as JSON.
    @Test func evidenceValuesAreWhatTheEdgeMakes() {
        let rows = [
            MentionEvidence(word: "HK2", matchedTerm: "Hk2", source: "bioentities"),
            MentionEvidence(word: "a \"quoted\" word", matchedTerm: nil, source: nil),
        ]
        let edge = GraphEdge(
            kind: .mentions, source: Identifier(.figure, "f"), sourceKind: .figure, target: Identifier(.ncbigene, "1"),
            targetKind: .gene, evidence: rows)
        var checked = 0
        for rule in GraphSchema.mentions {
            guard let value = EvidenceProperty(property: rule.key.name), let expected = edge.value(rule.key.name)
            else { continue }
            var json: [UInt8] = []
            JSONText.appendValue(expected, to: &json)
            let written = text { out in
                if value == .count {
                    out.append(decimal: rows.count)
                } else {
                    CXJSON.appendEvidence(rows, value, to: &out)
                }
            }
            #expect(written == String(decoding: json, as: UTF8.self), "\(rule.key.name)")
            checked += 1
        }
        #expect(checked == GraphSchema.mentions.count)
    }

    /// `cxValue` answers as `value`, for names present, absent, of equal lengths, and for a
    /// name that is not ASCII but equals an ASCII one (the Kelvin sign is canonically `K`).
    @Test func nodeValuesAreFoundAsValueFindsThem() {
        let node = GraphNode(
            kind: .figure, id: Identifier(.figure, "f"), name: "f",
            properties: [
                Property("title", .string("T")), Property("year", .integer(2020)), Property("K", .string("k")),
                Property("title", .string("second")),
            ])
        for name in ["title", "year", "yeas", "K", "\u{212A}", "", "caption", "titles"] {
            #expect(node.cxValue(name) == node.value(name), "\(name)")
        }
    }

    /// Writing into lent memory: in place while the bytes fit, then in memory of its own,
    /// the bytes the same.
    @Test func lentMemoryIsLeftWhenItIsFull() {
        let expected = (0..<100).map(String.init).joined(separator: ",")
        for size in [0, 1, 16, 64, 1024] {
            var written = ""
            var inPlace = false
            _ = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
                var out = ByteBuffer(writingInto: buffer)
                for value in 0..<100 {
                    if value > 0 { out.append(",") }
                    out.append(decimal: value)
                }
                written = String(decoding: out.bytes, as: UTF8.self)
                inPlace = out.isInPlace
                count = 0
            }
            #expect(written == expected, "\(size)")
            #expect(inPlace == (size >= expected.utf8.count), "\(size)")
        }
    }

    /// Copies of every length up to past the inline sizes, at every offset.
    @Test func bytesOfEveryLengthAreCopied() {
        let source = (0..<80).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 1) }
        for offset in 0..<3 {
            for length in 0...40 {
                var out = ByteBuffer(capacity: 0)
                for _ in 0..<offset { out.append(UInt8(ascii: "x")) }
                source.withUnsafeBufferPointer {
                    out.append(UnsafeBufferPointer(rebasing: $0[offset..<(offset + length)]))
                }
                #expect(
                    Array(out.bytes) == Array(repeating: UInt8(ascii: "x"), count: offset)
                        + source[offset..<(offset + length)])
            }
        }
    }

    /// HTML escaping found by words gives what escaping character by character gives, with
    /// each special character at every position of a word.
    @Test func htmlIsEscapedAtEveryPosition() {
        func reference(_ text: String) -> String {
            var out = ""
            for character in text.unicodeScalars {
                switch character {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "\"": out += "&quot;"
                default: out.unicodeScalars.append(character)
                }
            }
            return out
        }
        for special in ["&", "<", ">", "\"", "γ"] {
            for position in 0..<17 {
                let text = String(repeating: "x", count: position) + special + "tail & more"
                #expect(CXHTML.escape(text) == reference(text), "\(text)")
            }
        }
    }
}
