import Foundation

/// What Foundation's JSON parser says is wrong with a document, for messages about bytes that a decoder
/// refused: asked only after decoding failed, since it parses the bytes again.
enum JSONSyntax {
    /// The first line of the parser's complaint (`Number 1e400 is not representable...`, `Unexpected end
    /// of file...`); nil when the bytes are valid JSON.
    static func problem(in data: Data) -> String? {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return nil
        } catch {
            return firstLine(of: error)
        }
    }

    /// The first line of an error's debug description (Foundation's JSON errors keep it there).
    static func firstLine(of error: any Error) -> String {
        let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
        return text.split(separator: "\n").first.map(String.init) ?? text
    }
}
