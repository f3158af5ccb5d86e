@testable import CypherCSVExport
import Testing

@Suite struct CSVFieldWriterTests {
    func text(_ value: String) -> (String, CSVFieldWriter) {
        var writer = CSVFieldWriter()
        var out = String()
        writer.appendText(value, to: &out)
        return (out, writer)
    }

    func list(_ items: [String]) -> (String, CSVFieldWriter) {
        var writer = CSVFieldWriter()
        var out = String()
        writer.appendList(items, to: &out)
        return (out, writer)
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
}
