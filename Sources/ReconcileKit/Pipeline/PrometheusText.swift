/// The Prometheus text exposition format (version 0.0.4), as node_exporter's textfile collector reads
/// it: for each metric family a `# HELP` and a `# TYPE` line, then its samples.
public enum PrometheusText {
    /// One metric family.
    public struct Family: Sendable, Equatable {
        public enum Kind: String, Sendable { case gauge }

        public var name: String
        public var help: String
        public var kind: Kind
        public var samples: [Sample]

        public init(name: String, help: String, kind: Kind = .gauge, samples: [Sample]) {
            self.name = name
            self.help = help
            self.kind = kind
            self.samples = samples
        }
    }

    /// One sample: label pairs in order, and a value.
    public struct Sample: Sendable, Equatable {
        public var labels: [(name: String, value: String)]
        public var value: Double

        public init(_ labels: [(String, String)], _ value: Double) {
            self.labels = labels.map { (name: $0.0, value: $0.1) }
            self.value = value
        }

        public static func == (lhs: Sample, rhs: Sample) -> Bool {
            lhs.value == rhs.value && lhs.labels.map(\.name) == rhs.labels.map(\.name)
                && lhs.labels.map(\.value) == rhs.labels.map(\.value)
        }
    }

    /// The families in order; a family without samples is left out (a HELP line for nothing confuses readers).
    public static func render(_ families: [Family]) -> String {
        var output = ""
        for family in families where !family.samples.isEmpty {
            output += "# HELP \(family.name) \(escapeHelp(family.help))\n"
            output += "# TYPE \(family.name) \(family.kind.rawValue)\n"
            for sample in family.samples {
                let labels = sample.labels.map { "\($0.name)=\"\(escapeLabelValue($0.value))\"" }
                output += family.name + (labels.isEmpty ? "" : "{\(labels.joined(separator: ","))}")
                output += " \(format(sample.value))\n"
            }
        }
        return output
    }

    /// A label value: `\` → `\\`, `"` → `\"`, line feed → `\n` (the format's only escapes); anything
    /// else, control characters included, is valid UTF-8 and stays as it is.
    public static func escapeLabelValue(_ value: String) -> String {
        var result = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// HELP text: `\` → `\\`, line feed → `\n`.
    public static func escapeHelp(_ text: String) -> String {
        text.replacing("\\", with: "\\\\").replacing("\n", with: "\\n")
    }

    /// Whole numbers without a fraction, others as Swift's shortest exact form; `NaN`, `+Inf`, `-Inf`.
    public static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
