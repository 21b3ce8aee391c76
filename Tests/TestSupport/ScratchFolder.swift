import Foundation

/// Where tests write scratch files: one folder for the test process, under the system's temporary folder,
/// removed when the process exits, so that a run leaves nothing behind however its tests end.
public enum ScratchFolder {
    /// This process's folder, created on first use.
    public static let root: URL = {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "reconcile-tests-\(ProcessInfo.processInfo.processIdentifier)", isDirectory: true)
        try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: ScratchFolder.root) }
        return root
    }()

    /// A new path in `root`, not yet created; `prefix` says which test it is for.
    public static func path(_ prefix: String = "scratch") -> URL {
        root.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    }

    /// A new, empty folder in `root`.
    public static func folder(_ prefix: String = "scratch") throws -> URL {
        let url = path(prefix)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
