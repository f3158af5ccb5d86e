import Testing

@testable import RDFExport

@Suite struct RDFTextTests {
    private func string(_ text: String) -> String {
        var out: [UInt8] = []
        RDFText.appendString(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private func iri(_ text: String) -> String {
        String(decoding: RDFText.iri(text), as: UTF8.self)
    }

    @Test func stringsEscapeQuotesBackslashesAndLineBreaks() {
        #expect(string("plain") == "\"plain\"")
        #expect(string("a\"b\\c") == "\"a\\\"b\\\\c\"")
        #expect(string("l1\nl2\r\nl3\tt") == "\"l1\\nl2\\r\\nl3\\tt\"")
        #expect(string("\u{08}\u{0C}") == "\"\\b\\f\"")
    }

    @Test func otherControlsBecomeUnicodeEscapesAndAstralStaysRaw() {
        #expect(string("a\u{01}b\u{1F}c\u{7F}\u{0B}") == "\"a\\u0001b\\u001Fc\\u007F\\u000B\"")
        #expect(string("🧬 𝛼 & < > #") == "\"🧬 𝛼 & < > #\"")
        // A literal backslash-u in the input is data, not an escape.
        #expect(string("\\u0041") == "\"\\\\u0041\"")
    }

    @Test func iriPercentEncodesWhatIRIsCannotHold() {
        #expect(iri("https://x.org/a") == "<https://x.org/a>")
        #expect(
            iri("https://x.org/a b<c>\"d{e}|f^g`h\\i\u{01}")
                == "<https://x.org/a%20b%3Cc%3E%22d%7Be%7D%7Cf%5Eg%60h%5Ci%01>")
        #expect(iri("https://x.org/α#frag") == "<https://x.org/α#frag>")
    }

    @Test func safeLocalNamesFollowTheSimpleRule() {
        for local in ["207", "D018350", "PMC3246694", "a.b", "a-b", "a_", "x-"] {
            #expect(RDFText.isSafeLocalName(local), "\(local)")
        }
        for local in ["", "a.", ".a", "-a", "a b", "a/b", "a#b", "a%20", "a:b", "α", "a(b)", "a,b"] {
            #expect(!RDFText.isSafeLocalName(local), "\(local)")
        }
    }

    @Test func prefixNamesAndAbsoluteIRIs() {
        #expect(RDFText.isValidPrefixName("NCBIGene"))
        #expect(RDFText.isValidPrefixName("dcterms"))
        #expect(!RDFText.isValidPrefixName("1abc"))
        #expect(!RDFText.isValidPrefixName("a b"))
        #expect(!RDFText.isValidPrefixName("abc."))
        #expect(RDFText.isAbsoluteIRI("https://x.org/"))
        #expect(RDFText.isAbsoluteIRI("urn:x:y"))
        #expect(!RDFText.isAbsoluteIRI("/pmc/articles/PMC1/"))
        #expect(!RDFText.isAbsoluteIRI("pmc/articles:x"))
        #expect(!RDFText.isAbsoluteIRI("1http://x"))
    }

    @Test func lexicalForms() {
        #expect(RDFRenderer.gYear(2013) == "2013")
        #expect(RDFRenderer.gYear(999) == "0999")
        #expect(RDFRenderer.gYear(-44) == "-0044")
        #expect(RDFRenderer.double(0.9540216) == "0.9540216")
        #expect(RDFRenderer.double(1e-05) == "1e-05")
        #expect(RDFRenderer.double(.infinity) == "INF")
        #expect(RDFRenderer.double(-.infinity) == "-INF")
        #expect(RDFRenderer.double(.nan) == "NaN")
    }

    @Test func createdOptionAcceptsISODatesOnly() {
        #expect(VoIDDescription.Created("2026-11-26") == .date("2026-11-26"))
        #expect(VoIDDescription.Created("2026-11-26T10:00:00Z") == .dateTime("2026-11-26T10:00:00Z"))
        #expect(VoIDDescription.Created("2026-11-26T10:00:00.5+01:00") == .dateTime("2026-11-26T10:00:00.5+01:00"))
        for bad in ["", "yesterday", "2026-1-26", "2026-11-26 10:00", "2026-11-26T10:00Z", "2026-11-26T10:00:00+0100"] {
            #expect(VoIDDescription.Created(bad) == nil, "\(bad)")
        }
    }
}
