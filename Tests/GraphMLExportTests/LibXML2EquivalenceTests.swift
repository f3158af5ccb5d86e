import PFOCRGraph
import Testing

@testable import GraphMLExport

/// The bytes pfocr-kg writes itself since rendering moved to the worker threads, against the
/// bytes libxml2's `xmlTextWriter` wrote for the same calls (``LibXML2Writer``).
@Suite("GraphML bytes equal libxml2's")
struct LibXML2EquivalenceTests {
    /// Text that exercises every escape and removal: markup, quotes, tab/LF/CR, controls,
    /// U+FFFE/U+FFFF and their neighbours, non-ASCII, astral-plane characters, entity-like text.
    static let tricky = [
        "", "plain", "a&b<c>d\"e'f", "tab\there\nnew\r\nline\rcr", "é ü 中文 \u{1F600} \u{1F9EC}",
        "]]> &amp; &#13; &quot; &#x9;", "\u{01}ctl\u{0B}\u{0C}\u{1F}\u{7F}\u{85}\u{00}",
        "\u{FFFE}\u{FFFF}\u{FFFD}\u{FFBE}\u{FFFC}\u{EFBF}", "\\ backslash % # { } | ~ `",
        "\u{2028}\u{2029}\u{A0}", "  spaces  ", "=\"'<>&", "\"\"\"", "\r", "\u{FFFF}",
    ]

    @Test("Attributes and text: escaped and stripped as libxml2 wrote them, counted alike", arguments: tricky)
    func markup(_ value: String) throws {
        let reference = try #require(LibXML2Writer())
        reference.start("graphml")
        reference.attribute("k", value)
        reference.start("key")
        reference.attribute("id", value)
        reference.attribute("for", "node")
        reference.start("desc")
        reference.text(value)
        reference.end()
        reference.end()
        reference.start("data")
        reference.attribute("key", "empty")
        reference.text("")
        reference.end()
        let expected = reference.finish()

        var bytes: [UInt8] = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".utf8)
        var removed = XMLMarkup.appendStartTag("graphml", ["k": value], depth: 0, to: &bytes)
        removed += XMLMarkup.appendStartTag("key", ["id": value, "for": "node"], depth: 1, to: &bytes)
        removed += XMLMarkup.appendTextElement("desc", text: value, depth: 2, to: &bytes)
        XMLMarkup.appendEndTag("key", depth: 1, to: &bytes)
        removed += XMLMarkup.appendTextElement("data", ["key": "empty"], text: "", depth: 1, to: &bytes)
        XMLMarkup.appendEndTag("graphml", depth: 0, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
        #expect(bytes == expected)
        #expect(removed == reference.removed)
    }

    @Test("The header: keys with descriptions holding markup, quotes, CR and controls")
    func header() throws {
        var vocabulary = try Mapping.bundled().vocabulary
        var odd = vocabulary.node(.paper).properties[0]
        odd.name = "odd name/\"#"
        odd.description = "Text with \"quotes\", <b>markup</b> & more,\ta tab, a CR\r\nand a \u{01}control \u{FFFF}"
        vocabulary.nodes[.gene]?.properties.append(odd)
        for keys in [GraphMLKeys(vocabulary: try Mapping.bundled().vocabulary), GraphMLKeys(vocabulary: vocabulary)] {
            let reference = try #require(LibXML2Writer())
            reference.start("graphml")
            reference.attribute("xmlns", GraphMLSink.namespace)
            reference.attribute("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance")
            reference.attribute("xsi:schemaLocation", GraphMLSink.schemaLocation)
            for key in keys.keys {
                reference.start("key")
                reference.attribute("id", key.id)
                reference.attribute("for", key.domain.rawValue)
                reference.attribute("attr.name", key.id)
                reference.attribute("attr.type", key.type.rawValue)
                reference.start("desc")
                reference.text(key.description)
                reference.end()
                reference.end()
            }
            reference.start("graph")
            reference.attribute("id", "pfocr")
            reference.attribute("edgedefault", "directed")
            reference.start("desc")
            reference.text(GraphMLSink.graphDescription)
            reference.end()
            let expected = reference.finish()

            var bytes: [UInt8] = []
            let removed = GraphMLSink.appendHeader(keys, to: &bytes)
            XMLMarkup.appendEndTag("graph", depth: 1, to: &bytes)
            XMLMarkup.appendEndTag("graphml", depth: 0, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
            #expect(removed == reference.removed)
        }
    }

    @Test("A figure's nodes and edges: the renderer's segments are libxml2's elements")
    func figure() throws {
        let mapping = try Mapping.bundled()
        let odd = Self.tricky.joined(separator: "|")
        let figure = GraphNode(
            kind: .figure, id: Identifier(.figure, "PMC1__fig 1#a&b<c>"), name: odd,
            properties: [
                Property("figid", .string("PMC1__fig 1#a&b<c>")), Property("title", .string(odd)),
                Property("pathwayScore", .double(0.971234567)), Property("pmcRankedResultIndex", .integer(-42)),
                Property("organisms", .stringList(Self.tricky)), Property("imageURL", .iri("https://x.org/a?b&c")),
            ])
        let paper = GraphNode(
            kind: .paper, id: Identifier(.pmc, "PMC1"), name: "P\u{01}aper",
            properties: [Property("year", .integer(2013))])
        let chemical = GraphNode(kind: .chemical, id: Identifier(.mesh, "D1"), name: "Ca2+ \u{1F600}")
        let mention = GraphEdge(
            kind: .mentions, source: figure.id, sourceKind: .figure, target: chemical.id, targetKind: .chemical,
            properties: [
                Property("words", .stringList(Self.tricky)),
                Property("matchedTerms", .stringList(Self.tricky.reversed())),
                Property("sources", .stringList(["MESH", ""])), Property("evidenceCount", .integer(15)),
            ])
        let partOf = GraphEdge(
            kind: .partOf, source: figure.id, sourceKind: .figure, target: paper.id, targetKind: .paper)
        let subgraph = FigureSubgraph(figure: figure, nodes: [paper, chemical], edges: [partOf, mention])

        let renderer = GraphMLRenderer(mapping: mapping)
        var fragment = FigureFragment()
        renderer.render(subgraph, into: &fragment)
        // Only the chemical is new: the paper's segment is left out.
        let news = FigureNews(newNodes: [false, true], newIdentifiers: [false, true], keptEdges: [true, true])
        var bytes: [UInt8] = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml>\n <graph>\n".utf8)
        var tally = SIMD4<Int>.zero
        for segment in fragment.segments where segment.condition.holds(news) {
            bytes += fragment.bytes[segment.range]
            tally &+= segment.tally
        }
        bytes += Array(" </graph>\n</graphml>\n".utf8)

        let reference = try #require(LibXML2Writer())
        reference.start("graphml")
        reference.start("graph")
        let keys = GraphMLKeys(vocabulary: mapping.vocabulary)
        func data(_ key: String, _ text: String) {
            reference.start("data")
            reference.attribute("key", key)
            reference.text(text)
            reference.end()
        }
        /// The old sink's calls for a node; `values` are the properties' text as it made them.
        func node(_ node: GraphNode, values: [String: String]) {
            reference.start("node")
            reference.attribute("id", GraphMLNodeID.make(node.kind, node.id))
            data("labels", ":" + mapping.vocabulary.node(node.kind).label)
            data("kind", node.kind.rawValue)
            data("name", node.name)
            data("curie", mapping.prefixes.curie(node.id))
            data("iri", mapping.prefixes.iri(node.id))
            for column in keys.nodeColumns[node.kind] ?? [] {
                if let text = values[column.property] { data(column.key, text) }
            }
            reference.end()
        }
        // The values' text as the sink made it before (JSON lists of stripped items).
        let stripped = Self.tricky.map { String(String.UnicodeScalarView($0.unicodeScalars.filter(Self.isAllowed))) }
        node(
            figure,
            values: [
                "figid": "PMC1__fig 1#a&b<c>", "title": odd, "pathwayScore": "0.971234567",
                "pmcRankedResultIndex": "-42",
                "organisms": JSONText.array(stripped), "imageURL": "https://x.org/a?b&c",
            ])
        node(chemical, values: [:])
        let mentionValues = [
            "words": JSONText.array(stripped), "matchedTerms": JSONText.array(stripped.reversed()),
            "sources": #"["MESH",""]"#, "evidenceCount": "15",
        ]
        for (edge, values) in [(partOf, [:]), (mention, mentionValues)] {
            reference.start("edge")
            reference.attribute("source", GraphMLNodeID.make(edge.sourceKind, edge.source))
            reference.attribute("target", GraphMLNodeID.make(edge.targetKind, edge.target))
            data("label", edge.kind.rawValue)
            for column in keys.edgeColumns[edge.kind] ?? [] {
                if let text = values[column.property] { data(column.key, text) }
            }
            reference.end()
        }
        let listRemoved = 3 * Self.tricky.map { $0.unicodeScalars.count { !Self.isAllowed($0) } }.reduce(0, +)
        let expected = reference.finish()
        #expect(String(decoding: bytes, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
        #expect(tally == [2, 2, reference.removed + listRemoved, 0])
    }

    @Test("CURIEs and IRIs are PrefixSet's, for every namespace of both prefix sets")
    func curiesAndIRIs() throws {
        for prefixSet in ["identifiers", "bioregistry"] {
            let mapping = try Mapping.load(prefixSet: prefixSet)
            let renderer = GraphMLRenderer(mapping: mapping)
            for namespace in Namespace.allCases {
                let id = Identifier(namespace, "a/b c#d&é<\u{01}")
                let subgraph = FigureSubgraph(figure: GraphNode(kind: .gene, id: id, name: "n"), nodes: [], edges: [])
                var fragment = FigureFragment()
                renderer.render(subgraph, into: &fragment)
                var expected: [UInt8] = Array("   <data key=\"curie\">".utf8)
                var removed = XMLText.appendContent(mapping.prefixes.curie(id), to: &expected)
                expected += Array("</data>\n   <data key=\"iri\">".utf8)
                removed += XMLText.appendContent(mapping.prefixes.iri(id), to: &expected)
                expected += Array("</data>\n".utf8)
                let text = String(decoding: fragment.bytes, as: UTF8.self)
                #expect(text.contains(String(decoding: expected, as: UTF8.self)), "\(prefixSet) \(namespace)")
                #expect(fragment.tally(FigureNews(everythingNewIn: subgraph))[GraphMLRenderer.removedLane] == removed)
            }
        }
    }

    @Test("A value whose type does not fit its key is left out, counted in lane 3 and found again by property")
    func leftOut() throws {
        var mapping = try Mapping.bundled()
        guard let index = mapping.vocabulary.nodes[.paper]?.properties.firstIndex(where: { $0.name == "year" }) else {
            Issue.record("no Paper.year in the bundled vocabulary")
            return
        }
        mapping.vocabulary.nodes[.paper]?.properties[index].type = .boolean
        let figure = GraphNode(
            kind: .figure, id: Identifier(.figure, "PMC1__f1"), name: "f",
            properties: [Property("pathwayScore", .double(.infinity))])
        let paper = GraphNode(
            kind: .paper, id: Identifier(.pmc, "PMC1"), name: "p", properties: [Property("year", .integer(2013))])
        let subgraph = FigureSubgraph(figure: figure, nodes: [paper], edges: [])
        let renderer = GraphMLRenderer(mapping: mapping)
        var fragment = FigureFragment()
        renderer.render(subgraph, into: &fragment)
        for (news, expected) in [
            (FigureNews(everythingNewIn: subgraph), ["Figure.pathwayScore": 1, "Paper.year": 1]),
            (FigureNews(newNodes: [false], newIdentifiers: [false], keptEdges: []), ["Figure.pathwayScore": 1]),
        ] {
            #expect(fragment.tally(news)[GraphMLRenderer.leftOutLane] == expected.values.reduce(0, +))
            var counts: [String: Int] = [:]
            renderer.countLeftOut(RenderedFigure(subgraph: subgraph, news: news, fragment: fragment), into: &counts)
            #expect(counts == expected)
        }
        #expect(!String(decoding: fragment.bytes, as: UTF8.self).contains("year"))
    }

    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D, 0x20...0xFFFD, 0x10000...: true
        default: false
        }
    }
}
