import Foundation
import ReconcileCore

/// Reads desired-state files from disk.
public enum DesiredStateLoader {
    /// The files' text, in the order given.
    public static func read(_ paths: [String]) throws(ReconcileError) -> [SourceFile] {
        var files: [SourceFile] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw .unreadableFile(
                    path: path,
                    reason:
                        "no such file (write one, or name it with -f FILE; the default is reconcile.yaml in the current folder)"
                )
            }
            if isDirectory.boolValue { throw .unreadableFile(path: path, reason: "it is a folder, not a file") }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw .unreadableFile(path: path, reason: "permission denied")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw .unreadableFile(path: path, reason: "not UTF-8 text; save the file as UTF-8")
            }
            files.append(SourceFile(path: path, text: text))
        }
        return files
    }
}
