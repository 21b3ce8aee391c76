import ArgumentParser
import ReconcileKit

/// `--colour auto|always|never`.
enum ColourChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never

    /// Colour for a stream: `auto` means when it is a terminal and NO_COLOR is not set.
    func enabled(for stream: ReconcileKit.OutputStream, in context: CommandContext) -> Bool {
        switch self {
        case .always: true
        case .never: false
        case .auto: context.output.isTerminal(stream) && (context.environment["NO_COLOR"] ?? "").isEmpty
        }
    }
}
