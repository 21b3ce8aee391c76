import Foundation
import XoperoContract

extension SimulatorStateFile {
    /// Reads, decodes and checks a state file.
    ///
    /// - Throws: `SimulatorError.stateFileMissing`, `.stateFileUnreadable`, `.stateFileNotJSON`, or
    ///   `.stateFileInvalid` naming the field (`organizations[1].plans[0].repositories[3]`).
    public static func load(path: String) throws(SimulatorError) -> SimulatorStateFile {
        guard FileManager.default.fileExists(atPath: path) else { throw .stateFileMissing(path: path) }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .stateFileUnreadable(path: path, reason: error.localizedDescription)
        }
        return try decode(data, path: path)
    }

    /// Decodes and checks state-file bytes; `path` only names the file in errors.
    public static func decode(_ data: Data, path: String) throws(SimulatorError) -> SimulatorStateFile {
        let state: SimulatorStateFile
        do {
            state = try JSONDecoder().decode(SimulatorStateFile.self, from: data)
        } catch let error as DecodingError {
            // A syntax error is reported at the root, before any field was reached.
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty {
                throw .stateFileNotJSON(path: path, reason: JSONSyntax.problem(in: data) ?? Self.reason(context))
            }
            var (field, message) = DecodingErrorDescription.describe(error)
            if field.contains(".roles[") {
                let known = XoperoAssumptions.Role.allCases.map(\.rawValue).joined(separator: ", ")
                message = "unknown role; use one of \(known)"
            } else if field.hasSuffix(".selection") {
                let known = OrganizationCounters.PlanSelection.allCases.map(\.rawValue).joined(separator: ", ")
                message = "unknown selection; use one of \(known)"
            }
            throw .stateFileInvalid(path: path, field: field, message: message)
        } catch {
            throw .stateFileNotJSON(path: path, reason: JSONSyntax.firstLine(of: error))
        }
        do {
            _ = try SimulatorWorld(state: state)
        } catch {
            throw .stateFileInvalid(path: path, field: error.field, message: error.message)
        }
        return state
    }

    /// The state as JSON in the state-file format (pretty-printed, keys sorted, so that diffs stay small).
    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings, numbers and booleans cannot fail.
        return (try? encoder.encode(self)) ?? Data()
    }

    private static func reason(_ context: DecodingError.Context) -> String {
        context.underlyingError.map(JSONSyntax.firstLine(of:)) ?? context.debugDescription
    }
}
