import PFOCRGraph

/// The small visual style both dialects write: labelled round rectangles coloured by node
/// `type` (Okabe–Ito colours, readable by colour-blind users), grey arrows for edges.
struct CXStyle {
    /// Node colour per `type` value, in kind order.
    let colours: [(type: String, colour: String)]

    static let defaultNodeColour = "#D9D9D9"
    static let borderColour = "#4D4D4D"
    static let labelColour = "#000000"
    static let edgeColour = "#999999"
    static let backgroundColour = "#FFFFFF"
    static let nodeWidth = 80.0
    static let nodeHeight = 30.0
    static let labelFontSize = 12

    init(vocabulary: Vocabulary) {
        let palette: [(NodeKind, String)] = [
            (.figure, "#F0E442"),  // yellow
            (.gene, "#56B4E9"),  // sky blue
            (.chemical, "#E69F00"),  // orange
            (.disease, "#CC79A7"),  // reddish purple
        ]
        colours = palette.map { (CXNetworkBuilder.typeName($0.0, vocabulary), $0.1) }
    }

    /// The CX2 `visualProperties` element, made once per export.
    var cx2Text: String {
        var out = String()
        appendCX2(to: &out)
        return out
    }

    /// The CX1 `cyVisualProperties` elements, made once per export.
    var cx1Text: String {
        var out = String()
        appendCX1(to: &out)
        return out
    }

    /// The CX2 `visualProperties` element.
    func appendCX2(to out: inout String) {
        out.append("{\"default\":{\"network\":{\"NETWORK_BACKGROUND_COLOR\":\"\(CXStyle.backgroundColour)\"},")
        out.append("\"node\":{\"NODE_BACKGROUND_COLOR\":\"\(CXStyle.defaultNodeColour)\",")
        out.append("\"NODE_BORDER_COLOR\":\"\(CXStyle.borderColour)\",\"NODE_BORDER_WIDTH\":1.0,")
        out.append(
            "\"NODE_HEIGHT\":\(JSONText.double(CXStyle.nodeHeight)),\"NODE_WIDTH\":\(JSONText.double(CXStyle.nodeWidth)),"
        )
        out.append("\"NODE_LABEL_COLOR\":\"\(CXStyle.labelColour)\",\"NODE_LABEL_FONT_SIZE\":\(CXStyle.labelFontSize),")
        out.append("\"NODE_SHAPE\":\"round-rectangle\"},")
        out.append(
            "\"edge\":{\"EDGE_LINE_COLOR\":\"\(CXStyle.edgeColour)\",\"EDGE_TARGET_ARROW_COLOR\":\"\(CXStyle.edgeColour)\","
        )
        out.append("\"EDGE_TARGET_ARROW_SHAPE\":\"triangle\",\"EDGE_WIDTH\":1.0}},")
        out.append(
            "\"nodeMapping\":{\"NODE_BACKGROUND_COLOR\":{\"type\":\"DISCRETE\",\"definition\":{\"attribute\":\"type\",\"type\":\"string\",\"map\":["
        )
        for (index, entry) in colours.enumerated() {
            if index > 0 { out.append(",") }
            out.append("{\"v\":")
            JSONText.appendString(entry.type, to: &out)
            out.append(",\"vp\":\"\(entry.colour)\"}")
        }
        out.append(
            "]}},\"NODE_LABEL\":{\"type\":\"PASSTHROUGH\",\"definition\":{\"attribute\":\"name\",\"type\":\"string\"}}},"
        )
        out.append("\"edgeMapping\":{}}")
    }

    /// The CX1 `cyVisualProperties` elements (network, node defaults, edge defaults): the
    /// Cytoscape desktop names, every value a string.
    func appendCX1(to out: inout String) {
        out.append(
            "{\"properties_of\":\"network\",\"properties\":{\"NETWORK_BACKGROUND_PAINT\":\"\(CXStyle.backgroundColour)\"}},\n"
        )
        out.append("{\"properties_of\":\"nodes:default\",\"properties\":{")
        out.append("\"NODE_BORDER_PAINT\":\"\(CXStyle.borderColour)\",\"NODE_BORDER_WIDTH\":\"1.0\",")
        out.append("\"NODE_FILL_COLOR\":\"\(CXStyle.defaultNodeColour)\",")
        out.append(
            "\"NODE_HEIGHT\":\"\(JSONText.double(CXStyle.nodeHeight))\",\"NODE_WIDTH\":\"\(JSONText.double(CXStyle.nodeWidth))\","
        )
        out.append(
            "\"NODE_LABEL_COLOR\":\"\(CXStyle.labelColour)\",\"NODE_LABEL_FONT_SIZE\":\"\(CXStyle.labelFontSize)\",")
        out.append("\"NODE_SHAPE\":\"ROUND_RECTANGLE\"},\"dependencies\":{\"nodeSizeLocked\":\"false\"},")
        out.append("\"mappings\":{\"NODE_FILL_COLOR\":{\"type\":\"DISCRETE\",\"definition\":")
        // Cytoscape's discrete mapping text; `,` inside a key would need doubling, and the
        // type names are vocabulary labels, so double it.
        var definition = "COL=type,T=string"
        for (index, entry) in colours.enumerated() {
            definition +=
                ",K=\(index)="
                + entry.type.split(separator: ",", omittingEmptySubsequences: false).joined(separator: ",,")
                + ",V=\(index)=" + entry.colour
        }
        JSONText.appendString(definition, to: &out)
        out.append("},\"NODE_LABEL\":{\"type\":\"PASSTHROUGH\",\"definition\":\"COL=name,T=string\"}}},\n")
        out.append("{\"properties_of\":\"edges:default\",\"properties\":{")
        out.append("\"EDGE_STROKE_UNSELECTED_PAINT\":\"\(CXStyle.edgeColour)\",\"EDGE_TARGET_ARROW_SHAPE\":\"DELTA\",")
        out.append("\"EDGE_TARGET_ARROW_UNSELECTED_PAINT\":\"\(CXStyle.edgeColour)\",\"EDGE_WIDTH\":\"1.0\"},")
        out.append("\"dependencies\":{\"arrowColorMatchesEdge\":\"true\"}}")
    }

    /// The number of `cyVisualProperties` elements ``appendCX1(to:)`` writes.
    static let cx1ElementCount = 3
}
