import Testing

@testable import CypherCSVExport

@Suite struct CSVFieldWriterTests {
    func text(_ value: String) -> (String, CSVFieldWriter) {
        var writer = CSVFieldWriter()
        var out: [UInt8] = []
        writer.appendText(value, to: &out)
        return (String(decoding: out, as: UTF8.self), writer)
    }

    func list(_ items: [String]) -> (String, CSVFieldWriter) {
        var writer = CSVFieldWriter()
        var out: [UInt8] = []
        writer.appendList(items, to: &out)
        return (String(decoding: out, as: UTF8.self), writer)
    }

    @Test func plainTextIsQuotedAsIs() {
        let (out, writer) = text("ZÁP70/Syk, PLC; a|b")
        #expect(out == "\"ZÁP70/Syk, PLC; a|b\"")
        #expect(writer.normalisedLineBreaks == 0 && writer.backslashQuoteFields == 0)
    }

    @Test func quotesAreDoubledAndBackslashesKept() {
        let (out, writer) = text(#"say "hi" \n \t"#)
        #expect(out == #""say ""hi"" \n \t""#)
        #expect(writer.backslashQuoteFields == 0)
    }

    @Test func everyLineBreakBecomesOneSpace() {
        let (out, writer) = text("a\r\nb\nc\rd\u{0B}e\u{0C}f\u{85}g\u{2028}h\u{2029}i\tj")
        #expect(out == "\"a b c d e f g h i\tj\"")
        #expect(writer.normalisedLineBreaks == 1)
    }

    @Test func otherE2AndC2CharactersSurvive() {
        // U+2010 hyphen, U+2192 arrow, U+00B5 micro sign share the lead bytes of line breaks.
        let (out, writer) = text("TrkA\u{2013}src \u{2192} \u{00B5}M")
        #expect(out == "\"TrkA\u{2013}src \u{2192} \u{00B5}M\"")
        #expect(writer.normalisedLineBreaks == 0)
    }

    @Test func backslashBeforeAQuoteIsCounted() {
        #expect(text(#"end\"#).1.backslashQuoteFields == 1)
        #expect(text(#"a\"b"#).1.backslashQuoteFields == 1)
        #expect(text(#"a\b"#).1.backslashQuoteFields == 0)
    }

    @Test func listsJoinWithTheUnitSeparator() {
        let (out, writer) = list(["PLC,", "a;b", "", "x|y"])
        #expect(out == "\"PLC,\u{1F}a;b\u{1F}\u{1F}x|y\"")
        #expect(writer.cleanedArrayElements == 0)
    }

    @Test func theArrayDelimiterInsideAnElementBecomesASpace() {
        let (out, writer) = list(["a\u{1F}b", "c\u{1F}\u{1F}d", "e"])
        #expect(out == "\"a b\u{1F}c  d\u{1F}e\"")
        #expect(writer.cleanedArrayElements == 2)
        // In a scalar field the delimiter means nothing to neo4j-admin: kept.
        #expect(text("a\u{1F}b").0 == "\"a\u{1F}b\"")
    }

    @Test func anEmptyListIsAnEmptyField() {
        #expect(list([]).0 == "")
        #expect(list([""]).0 == "\"\"")
    }

    @Test func aListEndingInABackslashIsCounted() {
        #expect(list(["a\\", "b"]).1.backslashQuoteFields == 0)
        #expect(list(["a", "b\\"]).1.backslashQuoteFields == 1)
    }

    @Test func aPlainPrefixJoinsTheField() {
        var writer = CSVFieldWriter()
        var out: [UInt8] = []
        writer.appendText(plainPrefix: Array("ncbigene:".utf8), "2\"9\\", to: &out)
        #expect(String(decoding: out, as: UTF8.self) == text("ncbigene:2\"9\\").0)
        #expect(writer.backslashQuoteFields == 1)
        #expect(CSVFieldWriter.isPlain(Array("mesh:".utf8)))
        #expect(!CSVFieldWriter.isPlain(Array("a\\:".utf8)) && !CSVFieldWriter.isPlain(Array("a\u{1F}:".utf8)))
    }

    /// A row's counts leave with its tally, so a row that is not written counts nothing.
    @Test func takingTheTallyStartsAfresh() {
        var writer = CSVFieldWriter()
        var out: [UInt8] = []
        writer.appendText("a\nb", to: &out)
        writer.appendList(["x\u{1F}y", "z\\"], to: &out)
        #expect(writer.takeTally(rows: 1) == SIMD4(1, 1, 1, 1))
        #expect(writer.takeTally(rows: 1) == SIMD4(1, 0, 0, 0))
    }

    /// The byte writer against the rules spelled out by Unicode scalar (the writer before it
    /// appended bytes), on text made of the characters the rules treat specially.
    @Test func bytesFollowTheScalarRules() {
        let pieces = [
            "a", "\r", "\n", "\r\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}", "\"", "\\", "\u{1F}",
            "\u{B5}", "\u{2013}", "\u{E2}", "é", "\t",
        ]
        CSVFieldWriterTests.expectScalarRules(values: 3000, of: 0...6, pieces)
    }

    /// Writes `values` texts of `pieces` (a count in `lengths` each, drawn at random) as a
    /// field and as a list element, and expects the bytes and counts of ``ScalarRules``.
    static func expectScalarRules(values: Int, of lengths: ClosedRange<Int>, _ pieces: [String]) {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<values {
            let value = (0..<Int.random(in: lengths, using: &generator)).map { _ in
                pieces.randomElement(using: &generator) ?? ""
            }.joined()
            for element in [false, true] {
                var writer = CSVFieldWriter()
                var out: [UInt8] = []
                if element { writer.appendList([value], to: &out) } else { writer.appendText(value, to: &out) }
                let expected = ScalarRules.field(value, element: element)
                #expect(String(decoding: out, as: UTF8.self) == expected.text, "\(Array(value.unicodeScalars))")
                #expect(writer.takeTally(rows: 0) == expected.counts, "\(Array(value.unicodeScalars))")
            }
        }
    }
}

/// The field rules by Unicode scalar, for comparison: what ``CSVFieldWriter`` writes and
/// counts for a one-value field.
enum ScalarRules {
    static func field(_ text: String, element: Bool) -> (text: String, counts: SIMD4<Int>) {
        var out = "\""
        var counts = SIMD4<Int>.zero
        var previous: Unicode.Scalar = " "
        var normalised = false
        var cleaned = false
        var backslashQuote = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n" where previous == "\r":
                break
            case "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}":
                out.append(" ")
                normalised = true
            case "\"":
                if previous == "\\" { backslashQuote = true }
                out.append("\"\"")
            case "\u{1F}" where element:
                out.append(" ")
                cleaned = true
            default:
                out.unicodeScalars.append(scalar)
            }
            previous = scalar
        }
        out.append("\"")
        if normalised { counts[1] = 1 }
        if cleaned { counts[2] = 1 }
        if backslashQuote || previous == "\\" { counts[3] = 1 }
        return (out, counts)
    }
}
