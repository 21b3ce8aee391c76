import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes the state file back after each change, atomically: the bytes go to a temporary file in the
/// same folder, which is flushed to disk and then renamed over the state file, so a crash mid-write
/// leaves either the old file or the new one, never half of one.
///
/// A state file that is a symbolic link is written through: the file it points to is replaced (the
/// temporary file sits next to it) and the link stays a link. The file keeps its permissions (a state
/// file holds passwords).
struct StatePersister: Sendable {
    let path: String

    /// The temporary files of this state file are named `<file>.tmp-<process id>`.
    static let temporaryMarker = ".tmp-"

    func write(_ state: SimulatorStateFile) throws(SimulatorError) {
        let data = state.encoded()
        let target = Self.resolvingLinks(path)
        let temporary = target + Self.temporaryMarker + String(getpid())
        guard FileManager.default.createFile(atPath: temporary, contents: nil, attributes: Self.permissions(of: target))
        else {
            throw .persistFailed(path: path, reason: "cannot create the temporary file \(temporary)")
        }
        do {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporary))
            defer { try? handle.close() }
            try handle.write(contentsOf: data)
            try handle.synchronize()
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw .persistFailed(path: path, reason: error.localizedDescription)
        }
        guard rename(temporary, target) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw .persistFailed(path: path, reason: reason)
        }
    }

    /// Removes the temporary files that a write interrupted by a crash or `kill -9` left next to the state
    /// file (those of a process that is still running are kept). Returns the paths removed.
    func removeLeftovers() -> [String] {
        let target = URL(fileURLWithPath: Self.resolvingLinks(path))
        let folder = target.deletingLastPathComponent()
        let prefix = target.lastPathComponent + Self.temporaryMarker
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var removed: [String] = []
        for name in names where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count)), !Self.isRunning(pid) else { continue }
            let leftover = folder.appendingPathComponent(name).path
            if (try? FileManager.default.removeItem(atPath: leftover)) != nil { removed.append(leftover) }
        }
        return removed
    }

    /// The file a path finally names, following symbolic links (relative ones from the link's folder);
    /// the path itself when it is no link, or when the links loop or go nowhere readable.
    static func resolvingLinks(_ path: String) -> String {
        var current = path
        for _ in 0..<40 {
            guard let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: current) else {
                return current
            }
            current =
                destination.hasPrefix("/")
                ? destination
                : URL(fileURLWithPath: current).deletingLastPathComponent().appendingPathComponent(destination).path
        }
        return path
    }

    private static func permissions(of path: String) -> [FileAttributeKey: Any]? {
        guard let mode = (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] else {
            return nil
        }
        return [.posixPermissions: mode]
    }

    private static func isRunning(_ pid: Int32) -> Bool {
        guard pid > 0, pid != getpid() else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }
}
