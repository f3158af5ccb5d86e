import PFOCRGraph
import Testing

@Suite struct FormatOptionTests {
    enum Scope: String { case figure, corpus }
    let scope = FormatOption(
        "cx-scope", .oneOf(["figure", "corpus"]), default: "figure", valueName: "scope", help: "Scope.")
    let minimum = FormatOption("gmt-min-genes", .integer(atLeast: 1), default: "3", valueName: "n", help: "Fewest.")
    let created = FormatOption("created", .calendarDate, valueName: "date", help: "Date.")

    @Test func theDeclarationChecksValues() {
        #expect(scope.problem(with: "corpus") == nil)
        #expect(scope.problem(with: "world") == "--cx-scope must be 'figure' or 'corpus', not 'world'")
        #expect(minimum.problem(with: "2") == nil)
        #expect(minimum.problem(with: "0") == "--gmt-min-genes must be a whole number of at least 1, not '0'")
        #expect(minimum.problem(with: "two") != nil)
        #expect(created.problem(with: "2026-11-26") == nil)
        #expect(created.problem(with: "2026-02-30") != nil)
    }

    @Test func valuesAreReadTypedWithTheDefaultWhenAbsent() throws {
        var values = FormatOptionValues()
        #expect(values.choice(scope, as: Scope.self) == .figure)
        #expect(values.integer(minimum) == 3)
        #expect(values.text(created) == nil)
        try values.set(scope, "corpus")
        try values.set(minimum, "5")
        #expect(values.choice(scope, as: Scope.self) == .corpus)
        #expect(values.integer(minimum) == 5)
        #expect(values.given == ["cx-scope": "corpus", "gmt-min-genes": "5"])
        #expect(throws: ExportError.self) { try values.set(minimum, "0") }
        #expect(values.integer(minimum) == 5)
    }

    @Test func theListingShowsValuesAndDefault() {
        #expect(scope.listing == "--cx-scope figure|corpus (default figure): Scope.")
        #expect(minimum.listing == "--gmt-min-genes <n> (>= 1) (default 3): Fewest.")
        #expect(created.listing == "--created <date>: Date.")
    }
}
